"""The store's own figures (issue 3): append single and batched, import, full scan."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from konzept.events.envelope import FIELDS
from konzept.events.newstore import new_store
from konzept.events.store import Store, StreamAppend

from . import baseline, workload
from .timing import Result, copy_store, median, percentile, timed

_SELECT = f"SELECT {', '.join(FIELDS)} FROM events WHERE position > ? ORDER BY position"
SINGLE = 300
BATCH = 500
DAY = "2026-01-15"


def _appended_rows(path: Path, after: int) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(_SELECT, (after,)).fetchall()
    conn.close()
    return rows


def append_single(size: str, history: Path, work: Path) -> list[Result]:
    """One event per transaction through :meth:`Store.append` (hash, trigger, fsync)."""
    path = copy_store(history, work)
    store = Store.open(path)
    head = store.head()[0]
    plan = workload.append_plan(store, SINGLE)
    times = []
    for stream, version, event in plan:
        start = time.perf_counter()
        store.append(
            stream, version, [event], actor=workload.EDITOR, reason="Benchmark", effective=DAY
        )
        times.append(time.perf_counter() - start)
    store.close()
    raw = baseline.insert_each(work / "raw-single.db", _appended_rows(path, head))
    p50, p99 = percentile(times, 0.5) * 1e3, percentile(times, 0.99) * 1e3
    return [
        Result(
            "append, single",
            size,
            len(times) / sum(times),
            "events/s",
            len(raw) / sum(raw),
            extra={
                "p50_ms": p50,
                "p99_ms": p99,
                "raw_p50_ms": percentile(raw, 0.5) * 1e3,
                "raw_p99_ms": percentile(raw, 0.99) * 1e3,
            },
            note=(
                f"{SINGLE} appends of one event, each its own transaction; "
                f"p50 {p50:.2f} ms, p99 {p99:.2f} ms"
            ),
        )
    ]


def append_batched(size: str, history: Path, work: Path) -> list[Result]:
    """Many events per transaction through :meth:`Store.append_batch`."""
    path = copy_store(history, work)
    store = Store.open(path)
    head = store.head()[0]
    total = min(20_000, max(BATCH * 4, int(size_events(size) * 0.02)))
    plan = workload.append_plan(store, total)
    times = []
    for start in range(0, total, BATCH):
        chunk = plan[start : start + BATCH]
        parts = [StreamAppend(s, v, [e]) for s, v, e in chunk]
        began = time.perf_counter()
        store.append_batch(parts, actor=workload.EDITOR, reason="Benchmark", effective=DAY)
        times.append(time.perf_counter() - began)
    store.close()
    rows = _appended_rows(path, head)
    raw = 0.0
    for start in range(0, len(rows), BATCH):
        raw += baseline.insert_all(work / "raw-batch.db", rows[start : start + BATCH])
    return [
        Result(
            "append, batched",
            size,
            total / sum(times),
            "events/s",
            total / raw,
            note=f"{total} events in transactions of {BATCH}",
        )
    ]


def import_log(size: str, history: Path, work: Path) -> list[Result]:
    """``konzept import`` of an exported log: parse, re-verify every hash and payload,
    insert into a new store built privately and published whole (synced) at the end."""
    source = Store.open(copy_store(history, work, "source.db"))
    export = work / "export.jsonl"
    with export.open("w", encoding="utf-8") as out:
        count = source.export(out)
    source.close()
    target = work / "imported.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)

    def run() -> int:
        with export.open("rb") as source, new_store(str(target)) as store:
            return store.import_file(source)

    with new_store(str(work / "warm.db")) as warm:  # imports once per process, not per event
        warm.import_lines([])
    (work / "warm.db").unlink()

    took, _ = timed(run, 1)
    export.unlink()
    raw = baseline.copy_all(work / "raw-import.db", work / "source.db")
    return [
        Result(
            "import",
            size,
            count / took[0],
            "events/s",
            count / raw,
            target="≥ 100k events/s",
            met=count / took[0] >= 100_000,
            note="JSON Lines file → empty store, every hash re-verified",
        )
    ]


def scan(size: str, history: Path, work: Path) -> list[Result]:
    """:meth:`Store.read` of the whole log: envelopes with upcast data."""
    store = Store.open(copy_store(history, work))
    count = store.count()
    times, _ = timed(lambda: sum(1 for _ in store.read()), 3)
    store.close()
    raw, _ = baseline.scan(work / "store.db")
    return [
        Result(
            "scan + deserialise",
            size,
            count / median(times),
            "events/s",
            count / raw,
            note="Store.read(): every envelope with upcast data",
        )
    ]


def size_events(size: str) -> int:
    """``10k`` → 10000, ``1M`` → 1000000, ``2500`` → 2500."""
    text = size.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)
