"""``python -m bench [store] [--quick] [--sizes 10k,100k,1M] [-o FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import ALL_ROWS, RESULTS, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure SPEC §7's targets on synthetic histories, beside raw sqlite3.",
    )
    parser.add_argument(
        "suite",
        nargs="?",
        default="all",
        choices=["all", "store"],
        help="all rows (default) or only the store's: append, import, scan",
    )
    parser.add_argument(
        "--quick", action="store_true", help="the 10k history only (CI; no timing asserts)"
    )
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated log sizes")
    parser.add_argument(
        "--rows",
        default="",
        help="comma-separated rows to run, e.g. 'report' or 'diff,report' (default: all)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help=f"the JSON results (default: {RESULTS.name} when every row runs, none with --rows)",
    )
    args = parser.parse_args(argv)
    sizes = ["10k"] if args.quick else [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if not size.rstrip("kKmM").replace(".", "", 1).isdigit():
            parser.error(f"{size!r} is not a size such as 10k, 100k or 1M")
    only = [r.strip() for r in args.rows.split(",") if r.strip()]
    unknown = sorted(set(only) - {*ALL_ROWS, "ui"})
    if unknown:
        parser.error(f"unknown row {unknown[0]!r}; choose from {', '.join([*ALL_ROWS, 'ui'])}")
    # Some rows alone do not overwrite the full table unless asked to.
    output = args.output or (None if only else RESULTS)
    return run(args.suite, sizes, output, quick=args.quick, only=only or None)


if __name__ == "__main__":
    sys.exit(main())
