"""``konzept verify`` checks more than the hash chain: a log with valid hashes over
events no command could have written (assembled by hand, or by a broken tool) is named
at its first such event. A tester imported such logs and verify said "OK"."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from konzept.events.envelope import FIELDS, GENESIS_HASH, canonical_json, compute_hash, export_line

Row = list[Any]


def _rehashed(db: Path, change: Callable[[Row], Row | None]) -> str:
    """The store's log as an export, ``change`` applied to each row (None: unchanged)
    and the chain recomputed after it, so every hash is valid."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(f"SELECT {', '.join(FIELDS)} FROM events ORDER BY position").fetchall()
    lines, previous = [], GENESIS_HASH
    for original in rows:
        row = change(list(original)) or list(original)
        row[12] = previous
        row[13] = previous = compute_hash(*row[:13])
        lines.append(export_line(tuple(row)) + "\n")
    return "".join(lines)


def _first(type_: str, edit: Callable[[Row], None]) -> Callable[[Row], Row | None]:
    """Apply ``edit`` to the first row of this type."""
    done = False

    def change(row: Row) -> Row | None:
        nonlocal done
        if done or row[4] != type_:
            return None
        done = True
        edit(row)
        return row

    return change


def _data(**fields: Any) -> Callable[[Row], None]:
    def edit(row: Row) -> None:
        row[6] = canonical_json({**json.loads(row[6]), **fields})

    return edit


def _column(index: int, value: Any) -> Callable[[Row], None]:
    def edit(row: Row) -> None:
        row[index] = value

    return edit


CASES = [
    ("GoalAdded", _data(field="HF99"), "verweist auf HF99, aber davor gibt es kein Handlungsfeld"),
    ("MeasureAdded", _data(goal="HF1"), "verweist auf HF1, aber davor gibt es kein Ziel"),
    ("GoalAdded", _column(11, "NOPE"), "verweist auf NOPE, aber davor gibt es keinen Beschluss"),
    ("FieldAdded", _column(7, "yesterday"), "um 'yesterday' erfasst, was keine Zeitangabe ist"),
    ("FieldAdded", _column(8, "2025-02-30"), "soll ab '2025-02-30' gelten, was kein Datum ist"),
    ("IndicatorValueRecorded", _data(value="viel"), "passen"),  # refused by import
    ("FieldAdded", _column(2, "goal:HF1"), "legt ein FieldAdded-Ereignis auf goal:HF1"),
]


@pytest.fixture
def source(cli) -> Path:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "decision", "KT-1", "--title", "Beschluss", "--date", "2024-01-10",
           "--body", "committee")  # fmt: skip
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse", "--decision", "KT-1")
    cli.ok("add", "measure", "HF1-M1", "--goal", "HF1-Z1", "--title", "Kurse anbieten")
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Teilnehmende",
           "--unit", "Personen", "--direction", "up")  # fmt: skip
    cli.ok("record", "I-01", "2024", "120")
    return Path(cli.db)


@pytest.mark.parametrize(("type_", "edit", "said"), CASES, ids=[c[2][:30] for c in CASES])
def test_verify_names_the_first_event_no_command_could_write(  # type: ignore[no-untyped-def]
    cli, source: Path, tmp_path: Path, type_: str, edit: Callable[[Row], None], said: str
) -> None:
    forged = tmp_path / "forged.jsonl"
    forged.write_text(_rehashed(source, _first(type_, edit)), encoding="utf-8")
    target = type(cli)(tmp_path / "forged.db")
    imported = target("import", str(forged))
    if imported.code != 0:  # refused on import already: as good
        assert imported.code == 2 and said in imported.err, imported.err
        return
    with sqlite3.connect(target.db) as conn:
        position = conn.execute(
            "SELECT min(position) FROM events WHERE type = ?", (type_,)
        ).fetchone()[0]
    result = target("verify")
    assert result.code == 4, result.out
    assert result.err.startswith(
        f"konzept: Das Protokoll ist an Position {position} beschädigt: Position {position} "
    ), result.err
    assert said in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1


def test_an_untouched_log_still_verifies(cli, source: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "copy.jsonl"
    copy.write_text(_rehashed(source, lambda row: None), encoding="utf-8")
    target = type(cli)(tmp_path / "copy.db")
    target.ok("import", str(copy))
    assert target.ok("verify").startswith("OK:")


def test_a_witness_hash_may_be_written_in_capitals(cli, source: Path) -> None:  # type: ignore[no-untyped-def]
    head = cli.ok("verify").split("Kopf ")[1].split()
    position, digest = head[0], head[1].rstrip(";")
    said = cli.ok("verify", "--witness", f"{position}:{digest.upper()}")
    assert f"setzt den bezeugten Kopf {position} fort" in said


def test_an_undone_status_change_still_verifies(cli, source: Path) -> None:  # type: ignore[no-untyped-def]
    # StatusRestored fits any entity's stream; verify first took it for a misplaced event.
    cli.ok("status", "HF1-Z1", "adopted", "--decision", "KT-1")
    with sqlite3.connect(cli.db) as conn:
        position = conn.execute("SELECT max(position) FROM events").fetchone()[0]
    cli.ok("revert", str(position), "--reason", "zu früh")
    assert cli.ok("verify").startswith("OK:")
