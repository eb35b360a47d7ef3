"""SPEC §7's rows: one edit, full rebuild, open + show, year-over-year diff, report.

``prepare`` brings a copy of the history to the state an office's store is in on an
ordinary day: the write-model and year-end checkpoints exist (``konzept checkpoint``,
or the ones folds save by themselves), and a week of edits has been written since,
some of them backdated. Show, diff and report are measured on that copy, so they
pay for a real catch-up, not for a checkpoint that happens to match the head.
"""

from __future__ import annotations

import importlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from konzept.cli.context import Context
from konzept.events.service import Konzept
from konzept.events.store import Store
from konzept.projections import views
from konzept.projections.asof import build_checkpoints, fold_as_of, today
from konzept.projections.diff import diff

from . import baseline, workload
from .timing import Result, copy_store, median, percentile, timed

EDITS = 300
#: Runs of the open/show, diff and report rows; the median is reported.
REPEAT = 3
CATCH_UP = 1_000
#: The year-over-year comparison: the history's last complete year against the one before.
YEAR = 2025


def edit(size: str, history: Path, work: Path) -> list[Result]:
    """:meth:`Konzept.execute` of everyday edits on a warm session: validate, append,
    hash, commit (fsync), catch the write model up."""
    store = Store.open(copy_store(history, work))
    rng = random.Random(3)
    session = Konzept(store)
    keys = workload.editable_keys(session)
    for _ in range(20):
        workload.one_edit(session, rng, keys)
    head = store.head()[0]
    times, _ = timed(lambda: workload.one_edit(session, rng, keys), EDITS)
    store.close()
    raw = baseline.insert_each(work / "raw-edit.db", _rows_after(work / "store.db", head))
    p50, p99 = percentile(times, 0.5) * 1e3, percentile(times, 0.99) * 1e3
    return [
        Result(
            "one edit, p50",
            size,
            p50,
            "ms",
            percentile(raw, 0.5) * 1e3,
            target="≤ 2 ms",
            met=p50 <= 2,
            note=f"{EDITS} edits through Konzept.execute",
        ),
        Result(
            "one edit, p99",
            size,
            p99,
            "ms",
            percentile(raw, 0.99) * 1e3,
            target="≤ 10 ms",
            met=p99 <= 10,
        ),
    ]


def _rows_after(path: Path, after: int) -> list[tuple[object, ...]]:
    from .store_rows import _appended_rows

    return _appended_rows(path, after)


def rebuild(size: str, history: Path, work: Path) -> list[Result]:
    """``fold_as_of`` without checkpoints: every event up to today, (effective, position).

    Given the head explicitly, so the fold does not also persist a checkpoint (a read
    that folds this much saves one, ~0.15 s on a 1M-event store: the price of the next
    read, not of the rebuild).
    """
    store = Store.open(copy_store(history, work))
    head = store.head()[0]
    repeat = 3  # the median: one slow run on a shared machine does not make the figure
    times, _ = timed(lambda: fold_as_of(store, upto=head, use_checkpoints=False), repeat)
    store.close()
    raw, folded = baseline.scan(work / "store.db", "WHERE effective <= ?", (today(),))
    return [
        Result(
            "full rebuild",
            size,
            folded / median(times),
            "events/s",
            folded / raw,
            target="≥ 150k events/s",
            met=folded / median(times) >= 150_000,
            note="current state from the log, no checkpoint",
        )
    ]


def prepare(history: Path, folder: Path) -> Path:
    """The ordinary-day copy described in the module docstring."""
    path = copy_store(history, folder, "prepared.db")
    store = Store.open(path)
    Konzept(store).save_checkpoint()
    build_checkpoints(store)
    workload.run_edits(store, CATCH_UP)
    store.close()
    return path


def show(size: str, prepared: Path, work: Path) -> list[Result]:
    """What ``konzept show --format json`` does minus printing, then the real command.

    Every run gets a fresh copy of the prepared store: the first read after a week of
    edits is the one measured, not a later one that finds the checkpoint it saved.
    """
    checkpoint_position = _latest_checkpoint(prepared)

    def once(path: Path) -> tuple[float, int]:
        start = time.perf_counter()
        ctx = Context(db=str(path))
        state = fold_as_of(ctx.store)
        ctx.language()
        document = views.concept_json(state, today())
        ctx.close()
        return time.perf_counter() - start, len(document["entities"])

    runs = [once(copy_store(prepared, work)) for _ in range(REPEAT)]
    raw = median([baseline.open_state(prepared, checkpoint_position) for _ in range(REPEAT)])
    cli = [_cli_show(copy_store(prepared, work)) for _ in range(REPEAT)]
    cli_rss = _cli_rss_mb(copy_store(prepared, work), "show", "--format", "json")
    raw_cli = median([_python_floor() for _ in range(REPEAT)])
    value = median([took for took, _ in runs])
    return [
        Result(
            "open + show",
            size,
            value * 1e3,
            "ms",
            raw * 1e3,
            target="≤ 500 ms",
            met=value <= 0.5,
            note=f"{runs[0][1]} entities; checkpoint + {CATCH_UP} edits of catch-up",
        ),
        _process_row(
            "konzept show --format json", size, cli, raw_cli, cli_rss, 0.5, " in a subprocess"
        ),
    ]


def _latest_checkpoint(path: Path) -> int:
    store = Store.open(path)
    position = max((cp.position for cp in store.checkpoints()), default=0)
    store.close()
    return position


def _cli_show(path: Path) -> float:
    return _cli(path, "show", "--format", "json")


def _cli(path: Path, *args: str) -> float:
    """Seconds of one real ``konzept`` process, start to exit, its output read whole."""
    command = [sys.executable, "-m", "konzept", "--db", str(path), *args]
    took, done = timed(
        lambda: subprocess.run(command, capture_output=True, check=False, env=_env()), 1
    )
    if done.returncode != 0:
        raise RuntimeError(f"konzept {args[0]} failed: {done.stderr.decode()}")
    return took[0]


#: Runs konzept as ``python -m konzept`` does and reports its peak resident set at exit:
#: ``VmHWM`` counts only the process's own memory, whereas ``ru_maxrss`` of a child
#: includes the image of the parent it was forked from.
_RSS_PROBE = """
import atexit, runpy, sys
def _report():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("peak-rss-kb " + line.split()[1] + "\\n")
atexit.register(_report)
sys.argv = ["konzept", *sys.argv[1:]]
runpy.run_module("konzept", run_name="__main__", alter_sys=True)
"""


def _cli_rss_mb(path: Path, *args: str) -> float | None:
    """Peak RSS of one real ``konzept`` process (Linux; None elsewhere)."""
    if not Path("/proc/self/status").exists():
        return None
    command = [sys.executable, "-c", _RSS_PROBE, "--db", str(path), *args]
    done = subprocess.run(command, capture_output=True, check=False, env=_env())
    for line in reversed(done.stderr.decode().splitlines()):
        if line.startswith("peak-rss-kb "):
            return int(line.split()[1]) / 1024
    return None


def _process_row(
    row: str, size: str, times: list[float], raw: float, rss: float | None, limit: float, how: str
) -> Result:
    """A real command's row: median wall time beside a bare ``python -c 'import sqlite3'``."""
    return Result(
        row,
        size,
        median(times) * 1e3,
        "ms",
        raw * 1e3,
        target=f"≤ {limit * 1000:.0f} ms",
        met=median(times) <= limit,
        note=f"the real command{how}{_rss_note(rss)}; baseline: python -c 'import sqlite3'",
        extra={"process_peak_rss_mb": rss},
    )


def _rss_note(mb: float | None) -> str:
    return "" if mb is None else f", its peak RSS {mb:.0f} MB"


def _python_floor() -> float:
    command = [sys.executable, "-c", "import sqlite3"]
    took, _ = timed(lambda: subprocess.run(command, check=True, env=_env()), 1)
    return took[0]


def _env() -> dict[str, str]:
    return {**os.environ, "USER": workload.EDITOR}


def year_diff(size: str, prepared: Path, work: Path) -> list[Result]:
    """``diff`` of 31 Dec of YEAR-1 against 31 Dec of YEAR, with the events behind it."""
    store = Store.open(copy_store(prepared, work))
    start, end = f"{YEAR - 1}-12-31", f"{YEAR}-12-31"
    times, result = timed(lambda: diff(store, start, end), 3)
    store.close()
    raw, events = baseline.scan(
        work / "store.db", "WHERE effective > ? AND effective <= ?", (start, end)
    )
    changes = len(result.added) + len(result.changed) + len(result.retired)
    del result
    command = ("diff", str(YEAR - 1), str(YEAR))
    cli = [_cli(work / "store.db", *command) for _ in range(REPEAT)]
    cli_rss = _cli_rss_mb(work / "store.db", *command)
    raw_cli = median([_python_floor() for _ in range(REPEAT)])
    return [
        Result(
            "year-over-year diff",
            size,
            median(times) * 1e3,
            "ms",
            raw * 1e3,
            target="≤ 1000 ms",
            met=median(times) <= 1,
            note=f"{YEAR - 1}→{YEAR}: {events} events, {changes} changes",
        ),
        _process_row(
            f"konzept diff {YEAR - 1} {YEAR}", size, cli, raw_cli, cli_rss, 1, ", text to a pipe"
        ),
    ]


#: The report formats measured, and their names in the table.
REPORT_FORMATS = {"md": "Markdown", "txt": "plain text"}


def report(size: str, prepared: Path, work: Path) -> list[Result]:
    """The annual report in German as Markdown and as plain text, written to a file as
    ``konzept report -o`` writes it; beside each, the real command's peak RSS."""
    try:
        module = importlib.import_module("konzept.projections.report")
        render = module.render
    except (ImportError, AttributeError) as exc:
        return [Result("annual report", size, 0.0, "", note=f"not available yet ({exc})")]
    write = getattr(module, "write", None)
    path = copy_store(prepared, work)
    start, end = f"{YEAR - 1}-12-31", f"{YEAR}-12-31"
    raw, events = baseline.scan(path, "WHERE effective > ? AND effective <= ?", (start, end))
    results = []
    for fmt, name in REPORT_FORMATS.items():
        out = work / f"report.{fmt}"

        def once(fmt: str = fmt, out: Path = out) -> None:
            store = Store.open(path)
            with out.open("w", encoding="utf-8", newline="") as file:
                if write is not None:
                    write(file, store, YEAR, fmt, "de", None)
                else:  # a release before the report was written as it is printed
                    file.write(render(store, YEAR, fmt, "de", None))
            store.close()

        times, _ = timed(once, REPEAT)
        cli_rss = _cli_rss_mb(path, "report", str(YEAR), "--format", fmt, "-o", str(out))
        results.append(
            Result(
                "annual report" if fmt == "md" else f"annual report, {name}",
                size,
                median(times) * 1e3,
                "ms",
                raw * 1e3,
                target="≤ 1000 ms",
                met=median(times) <= 1,
                note=f"report {YEAR}, {name}, German, {events:,} events of the year: "
                f"{out.stat().st_size / 1e6:,.1f} MB written{_rss_note(cli_rss)} "
                "(the real command)",
                extra={"process_peak_rss_mb": cli_rss, "bytes": out.stat().st_size},
            )
        )
    return results
