"""Run the rows, print the table, write ``bench/results.json``."""

from __future__ import annotations

import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tabulate import tabulate

from . import generate
from .store_rows import size_events
from .worker import ON_PREPARED

STORE_ROWS = ("append_single", "append_batched", "import", "scan")
ALL_ROWS = (*STORE_ROWS, "edit", "rebuild", "show", "diff", "report")
RESULTS = Path(__file__).with_name("results.json")
#: Rows measuring modules other engineers build (report, UI): a crash there is shown
#: in the table but does not fail the run; the suite's own rows must not crash.
OPTIONAL = {"report", "ui"}
UI_ENTITIES = 5_000
UI_EVENTS = 50_000

Row = dict[str, Any]


def run(
    suite: str,
    sizes: list[str],
    output: Path | None,
    *,
    quick: bool,
    only: list[str] | None = None,
) -> int:
    """Measure, print, save; non-zero when a row crashed (a missing module is no crash).

    ``only`` names the rows to run (``report``, ``diff``, ``ui`` …), all by default.
    """
    work = generate.CACHE / f"run-{os.getpid()}"
    rows: list[Row] = []
    failed = 0
    try:
        for size in sizes:
            history = _history(size_events(size))
            prepared: Path | None = None
            for name in STORE_ROWS if suite == "store" else ALL_ROWS:
                if only and name not in only:
                    continue
                source = history
                if name in ON_PREPARED:
                    if prepared is None:
                        _log(f"{size}: preparing an ordinary day (checkpoints, a week of edits)")
                        _worker("prepare", size, history, work / f"prepared-{size}")
                        prepared = work / f"prepared-{size}" / "prepared.db"
                    source = prepared
                found = _worker(name, size, source, work / name)
                failed += sum(1 for r in found if r.get("failed"))
                rows += found
            shutil.rmtree(work / f"prepared-{size}", ignore_errors=True)
        if suite == "all" and (not only or "ui" in only):
            if quick:
                history, label = _history(size_events(sizes[0])), sizes[0]
            else:
                history = _history(UI_EVENTS, UI_ENTITIES)
                label = f"{UI_ENTITIES // 1000}k entities"
            found = _worker("ui", label, history, work / "ui")
            failed += sum(1 for r in found if r.get("failed"))
            rows += found
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    if output is not None:
        document = json.dumps(_document(suite, sizes, rows), indent=2) + "\n"
        output.write_text(document, encoding="utf-8")
        print(f"\nWritten to {output}.")
    return 1 if failed else 0


def _history(events: int, entities: int | None = None) -> Path:
    started = time.perf_counter()
    path = generate.cached(events, entities=entities)
    took = time.perf_counter() - started
    if took > 1:
        _log(f"built the synthetic history of {events:,} events in {took:.0f} s")
    return path


def _worker(name: str, size: str, store: Path, folder: Path) -> list[Row]:
    _log(f"{size}: {name} …")
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "bench.worker", name, size, str(store), str(folder)]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, cwd=Path(__file__).parent.parent
    )
    if name != "prepare":
        shutil.rmtree(folder, ignore_errors=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        _log(f"{size}: {name} failed:\n{done.stderr}")
        return [
            {"row": name, "size": size, "failed": name not in OPTIONAL, "note": f"failed: {last}"}
        ]
    rows: list[Row] = json.loads(done.stdout.strip().splitlines()[-1])
    return rows


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _figure(value: float | None, unit: str) -> str:
    if value is None or not unit:
        return ""
    if unit.endswith("/s"):
        return f"{value:,.0f} {unit}"
    return f"{value:,.2f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def table(rows: list[Row]) -> str:
    headers = [
        "what",
        "size",
        "konzept",
        "raw sqlite3",
        "ratio",
        "target",
        "met",
        "peak RSS",
        "note",
    ]
    body = []
    for r in rows:
        unit = r.get("unit", "")
        ratio = r.get("ratio")
        met = r.get("met")
        body.append(
            [
                r["row"],
                r["size"],
                _figure(r.get("value"), unit) if unit else r.get("note", ""),
                _figure(r.get("baseline"), unit),
                f"×{ratio:.1f}" if ratio else "",
                r.get("target", ""),
                "" if met is None else ("yes" if met else "NO"),
                f"{r['peak_rss_mb']:.0f} MB" if r.get("peak_rss_mb") else "",
                r.get("note", "") if unit else "",
            ]
        )
    return tabulate(body, headers, tablefmt="github", disable_numparse=True)


def _document(suite: str, sizes: list[str], rows: list[Row]) -> dict[str, Any]:
    return {
        "suite": suite,
        "sizes": sizes,
        "generator_version": generate.GENERATOR_VERSION,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "rows": rows,
    }
