"""Raw ``sqlite3`` doing the least work equivalent to each konzept measurement.

The baselines run in the same process right beside the measurement they accompany,
on the same machine at the same moment, so their ratio says what konzept's checks,
hashing and folding cost on top of SQLite itself, whatever else the machine is doing.
They use plain tables (primary key only: no triggers, no secondary indexes) in WAL
mode with ``synchronous=FULL``, like the store.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from konzept.events.envelope import FIELDS

_TABLE = (
    "CREATE TABLE IF NOT EXISTS plain (position INTEGER PRIMARY KEY, "
    + ", ".join(f"{name} ANY" for name in FIELDS[1:])
    + ")"
)
_INSERT = f"INSERT INTO plain VALUES ({', '.join('?' * len(FIELDS))})"


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(_TABLE)
    return conn


def source_rows(store_path: Path, limit: int | None = None) -> list[tuple[Any, ...]]:
    """The stored rows of a konzept store, as the baselines insert them."""
    conn = sqlite3.connect(store_path)
    sql = f"SELECT {', '.join(FIELDS)} FROM events ORDER BY position"
    rows = conn.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
    conn.close()
    return rows


def insert_each(path: Path, rows: Sequence[tuple[Any, ...]]) -> list[float]:
    """One INSERT and COMMIT per row: the floor under a single edit. Seconds per row."""
    conn = connect(path)
    times = []
    for row in rows:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(_INSERT, row)
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def insert_all(path: Path, rows: Sequence[tuple[Any, ...]]) -> float:
    """All rows in one transaction with ``executemany``: the floor under an import."""
    conn = connect(path)
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(_INSERT, rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def scan(path: Path, where: str = "", params: Sequence[Any] = ()) -> tuple[float, int]:
    """SELECT every matching row and ``json.loads`` its data: the floor under a fold."""
    conn = sqlite3.connect(path)
    loads = json.loads
    start = time.perf_counter()
    cursor = conn.execute(f"SELECT data FROM events {where} ORDER BY position", params)
    count = 0
    while batch := cursor.fetchmany(2000):
        for (data,) in batch:
            loads(data)
        count += len(batch)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed, count


def open_state(path: Path, after: int) -> float:
    """Connect, read one persisted state and the events after it: the floor under ``show``."""
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    row = conn.execute(
        "SELECT state FROM checkpoints WHERE name LIKE 'asof:%' ORDER BY position DESC LIMIT 1"
    ).fetchone()
    if row is not None:
        json.loads(row[0])
    for (data,) in conn.execute("SELECT data FROM events WHERE position > ?", (after,)):
        json.loads(data)
    conn.close()
    return time.perf_counter() - start


def copy_all(path: Path, source: Path) -> float:
    """The source store's rows streamed into a plain table in one transaction.

    Streamed from a cursor rather than a list so a million rows never sit in memory.
    """
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = connect(path)
    src = sqlite3.connect(source)
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(_INSERT, src.execute(f"SELECT {', '.join(FIELDS)} FROM events"))
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    src.close()
    return elapsed
