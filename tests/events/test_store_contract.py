"""The store's contract, run on a file and in memory (STYLE practice 6)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from konzept.events import ConflictError, Store
from konzept.events import catalog as ev
from konzept.events.envelope import GENESIS_HASH, compute_hash
from konzept.events.store import StreamAppend, to_envelope

FIELD = ev.FieldAdded(title="Sprache", description="")


@pytest.fixture(params=["file", "memory"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = Store.create(tmp_path / "c.db" if request.param == "file" else ":memory:")
    yield s
    s.close()


def add(store: Store, stream: str, expected: int, n: int = 1) -> list[int]:
    events = [ev.FieldRetitled(title=f"t{i}") for i in range(n)]
    envs = store.append(stream, expected, events, actor="anna", effective="2024-01-01")
    return [e.position for e in envs]


def test_positions_are_gapless_and_versions_count_per_stream(any_store: Store) -> None:
    any_store.append("field:A", 0, [FIELD], actor="a", effective="2024-01-01")
    add(any_store, "field:A", 1, 2)
    any_store.append("field:B", 0, [FIELD], actor="a", effective="2024-01-01")
    add(any_store, "field:B", 1)
    rows = [(e.position, e.stream, e.version) for e in any_store.read()]
    assert rows == [
        (1, "field:A", 1),
        (2, "field:A", 2),
        (3, "field:A", 3),
        (4, "field:B", 1),
        (5, "field:B", 2),
    ]
    assert any_store.head()[0] == 5


def test_stale_version_conflicts_and_writes_nothing(any_store: Store) -> None:
    any_store.append("field:A", 0, [FIELD], actor="a", effective="2024-01-01")
    with pytest.raises(ConflictError) as info:
        # decided on version 0, but the stream is at 1 now
        any_store.append_batch(
            [StreamAppend("field:B", 0, [FIELD]), StreamAppend("field:A", 0, [FIELD])],
            actor="b",
            effective="2024-01-01",
        )
    assert info.value.stream == "field:A" and info.value.actual == 1
    assert any_store.count() == 1, "the first stream's events must not be written either"


def test_batch_spanning_streams_is_atomic_and_chained(any_store: Store) -> None:
    envs = any_store.append_batch(
        [StreamAppend("field:A", 0, [FIELD]), StreamAppend("field:B", 0, [FIELD, FIELD])],
        actor="a",
        reason="why",
        effective="2020-05-01",
        decision=None,
    )
    assert [e.position for e in envs] == [1, 2, 3]
    assert envs[0].prev_hash == GENESIS_HASH
    assert envs[1].prev_hash == envs[0].hash and envs[2].prev_hash == envs[1].hash
    assert any_store.verify().ok


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE events SET reason = 'x' WHERE position = 1",
        "DELETE FROM events WHERE position = 1",
        "INSERT OR REPLACE INTO events SELECT * FROM events WHERE position = 1",
        "REPLACE INTO events (position, id, stream, version, type, schema_version, data, "
        "recorded_at, effective, actor, reason, decision, prev_hash, hash) "
        "SELECT 2, id, stream, version, type, schema_version, data, recorded_at, effective, "
        "actor, reason, decision, prev_hash, hash FROM events WHERE position = 1",
        "INSERT INTO events SELECT position + 5, id, 'field:Z', 1, type, schema_version, data, "
        "recorded_at, effective, actor, reason, decision, prev_hash, hash FROM events "
        "WHERE position = 1",
    ],
)
def test_database_itself_refuses_rewrites(any_store: Store, sql: str) -> None:
    any_store.append("field:A", 0, [FIELD, FIELD], actor="a", effective="2024-01-01")
    before = [r for r in any_store.rows()]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        any_store.conn.execute(sql)
    assert list(any_store.rows()) == before


def _drop_triggers(store: Store) -> None:
    for name in ("events_no_update", "events_no_delete", "events_append_only"):
        store.conn.execute(f"DROP TRIGGER {name}")


def test_verify_names_the_first_altered_position(any_store: Store) -> None:
    for i in range(5):
        any_store.append(f"field:F{i}", 0, [FIELD], actor="a", effective="2024-01-01")
    assert any_store.verify().ok
    _drop_triggers(any_store)
    data = any_store.conn.execute("SELECT data FROM events WHERE position = 3").fetchone()[0]
    tampered = data.replace("Sprache", "Sprachf")  # one byte
    any_store.conn.execute("UPDATE events SET data = ? WHERE position = 3", (tampered,))
    result = any_store.verify()
    assert not result.ok and result.broken_position == 3
    assert "altered" in str(result.problem)


def test_verify_finds_a_deleted_middle_row_and_a_relinked_chain(any_store: Store) -> None:
    for i in range(4):
        any_store.append(f"field:F{i}", 0, [FIELD], actor="a", effective="2024-01-01")
    _drop_triggers(any_store)
    any_store.conn.execute("DELETE FROM events WHERE position = 2")
    result = any_store.verify()
    assert result.broken_position == 2 and "missing" in str(result.problem)


def test_witness_detects_a_log_cut_off_at_its_end(any_store: Store) -> None:
    for i in range(4):
        any_store.append(f"field:F{i}", 0, [FIELD], actor="a", effective="2024-01-01")
    head = any_store.head()
    assert any_store.verify(witness=head).ok
    _drop_triggers(any_store)
    any_store.conn.execute("DELETE FROM events WHERE position = 4")
    assert any_store.verify().ok, "a chain alone cannot see a cut-off end"
    result = any_store.verify(witness=head)
    assert not result.ok and result.broken_position == 4 and "cut off" in str(result.problem)


def test_upcasts_a_v1_payload_written_by_an_older_release(any_store: Store) -> None:
    v1 = {
        "goal": "G1",
        "name": "Kurse",
        "definition": "",
        "unit": "Personen",
        "direction": "up",
        "baseline_year": 2016,
        "baseline_value": 100,
        "target_year": 2025,
        "target_value": 200,
        "source": "",
        "weight": 1,
    }
    data = json.dumps(v1, sort_keys=True, separators=(",", ":"))
    header = (
        1,
        "raw-1",
        "indicator:I-01",
        1,
        "IndicatorAdded",
        1,
        data,
        "2017-01-01T00:00:00.000000Z",
        "2017-01-01",
        "old",
        "",
        None,
        GENESIS_HASH,
    )
    row = (*header, compute_hash(*header))
    any_store.conn.execute("INSERT INTO events VALUES (" + ",".join("?" * 14) + ")", row)
    envelope = next(any_store.read())
    assert envelope.data["baseline"] == {"year": 2016, "value": 100}
    assert "baseline_year" not in envelope.data
    model = ev.IndicatorAdded.model_validate(envelope.data)
    assert model.target is not None and model.target.value == 200
    assert any_store.verify().ok, "upcasting happens on read; the stored bytes stay hashed"
    assert to_envelope(next(any_store.rows())).data == envelope.data


def test_reads_are_lazy_iterators(any_store: Store) -> None:
    for i in range(3):
        any_store.append(f"field:F{i}", 0, [FIELD], actor="a", effective="2024-01-01")
    it = any_store.read(after=1)
    assert next(it).position == 2
    assert [e.stream for e in any_store.read(stream="field:F2")] == ["field:F2"]
    assert [e.position for e in any_store.read(upto=2)] == [1, 2]
