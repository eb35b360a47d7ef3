"""``python -m bench [store] [--quick] [--sizes 10k,100k,1M] [-o FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import RESULTS, run


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
    parser.add_argument("-o", "--output", type=Path, default=RESULTS, help="the JSON results")
    args = parser.parse_args(argv)
    sizes = ["10k"] if args.quick else [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if not size.rstrip("kKmM").replace(".", "", 1).isdigit():
            parser.error(f"{size!r} is not a size such as 10k, 100k or 1M")
    return run(args.suite, sizes, args.output, quick=args.quick)


if __name__ == "__main__":
    sys.exit(main())
