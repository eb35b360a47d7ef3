"""One measurement in a fresh process: ``python -m bench.worker ROW SIZE STORE WORK``.

Each row runs in its own interpreter so its peak RSS is its own, no cache of an
earlier row flatters it, and a crash or a missing module (the UI, the report, built
in parallel) costs one row, not the run. The result rows go to stdout as JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from . import read_rows, store_rows, ui
from .timing import Result, peak_rss_mb

Measure = Callable[[str, Path, Path], list[Result]]

ROWS: dict[str, Measure] = {
    "append_single": store_rows.append_single,
    "append_batched": store_rows.append_batched,
    "import": store_rows.import_log,
    "scan": store_rows.scan,
    "edit": read_rows.edit,
    "rebuild": read_rows.rebuild,
    "show": read_rows.show,
    "diff": read_rows.year_diff,
    "report": read_rows.report,
    "ui": ui.keypress,
}
#: Rows measured on the prepared (ordinary-day) copy rather than the bare history.
ON_PREPARED = {"show", "diff", "report"}


def main(argv: list[str]) -> int:
    row, size, store, work = argv
    if row == "prepare":
        read_rows.prepare(Path(store), Path(work))
        print("[]")
        return 0
    results = ROWS[row](size, Path(store), Path(work))
    rss = peak_rss_mb()
    for result in results:
        result.peak_rss_mb = rss
    print(json.dumps([r.as_dict() for r in results]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
