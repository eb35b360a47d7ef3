"""The import's fast path (orjson, cached validators) decides exactly as the slow path.

The slow path (:func:`logimport._slow_row`, Python's json module) defines what an
import accepts and how it refuses. The fast path may only ever answer the same, and
only the canonical bytes that Python would write may be hashed and stored.
"""

from __future__ import annotations

import io
import json
import math
import random
import sqlite3
import struct
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from konzept.events import Store, ValidationError, logimport
from konzept.events import catalog as ev
from konzept.events.envelope import canonical_json, compute_hash
from konzept.events.newstore import new_store

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # unbounded: beyond 64 bits orjson cannot write them
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
)
payloads = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=2000, deadline=None)
@given(value=payloads)
def test_fast_canonical_is_canonical_or_declines(value: Any) -> None:
    try:
        expected = canonical_json(value).encode()
    except UnicodeEncodeError:  # a lone surrogate: no import line can hold one
        assert logimport.fast_canonical(value) is None
        return
    fast = logimport.fast_canonical(value)
    assert fast is None or fast == expected


def test_fast_canonical_on_random_doubles() -> None:
    """Every bit pattern is a float somewhere; formats differ only where declined."""
    rng = random.Random(9)
    declined = 0
    for _ in range(200_000):
        x = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        if not math.isfinite(x):
            continue
        for value in (x, round(x, rng.randrange(8)), float(f"{x:.3g}")):
            fast = logimport.fast_canonical({"v": value})
            declined += fast is None
            assert fast is None or fast == canonical_json({"v": value}).encode()
    assert declined < 500_000  # ordinary values like 12.5 still take the fast path


@pytest.mark.parametrize(
    "value", [12.5, 0.1, 1e15, 1234567890123456.0, 0.0001, -0.0, 2**63, -(2**63), "ä\x7f\u2028"]
)
def test_ordinary_values_take_the_fast_path(value: Any) -> None:
    assert logimport.fast_canonical({"v": value}) == canonical_json({"v": value}).encode()


@pytest.mark.parametrize("value", [1e16, 1.5e-05, 0.00001234, 5e-324, 2**64, -(2**64) - 1])
def test_values_orjson_writes_differently_are_declined(value: Any) -> None:
    assert logimport.fast_canonical({"v": value}) is None


@pytest.mark.parametrize("text", ['{"v":NaN}', '{"v":Infinity}', '{"v":1e400}', '{"v":-1e400}'])
def test_orjson_never_parses_a_number_that_canonical_json_refuses(text: str) -> None:
    """orjson writes NaN as null; it must never get one from a line (a newer orjson that
    did would make this fail before it made an import store the wrong text)."""
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(text)


def _export(values: list[Any]) -> list[str]:
    store = Store.create(":memory:")
    store.append(
        "goal:G1", 0, [ev.GoalAdded(field="F1", title="Ziel ä")], actor="a", effective="2024-01-01"
    )
    store.append(
        "indicator:I1",
        0,
        [ev.FieldAdded(title="Quote \u2028 x")],
        actor="b",
        effective="2024-01-02",
    )
    for n, value in enumerate(values, 2):
        event = ev.IndicatorValueRecorded(year=2020 + n, value=value, note="n")
        store.append("indicator:I1", n - 1, [event], actor="b", reason="r", effective="2024-02-01")
    out = io.StringIO()
    store.export(out)
    return io.StringIO(out.getvalue()).readlines()  # as a file reads it: \u2028 is no break


def _outcome(lines: list[str], mode: str, monkeypatch: pytest.MonkeyPatch) -> object:
    """Rows or the refusal, checked with the fast path first or on the slow path only."""
    with monkeypatch.context() as m:
        if mode == "slow":
            m.setattr(logimport, "_verified", lambda *_: None)
        try:
            return list(logimport.checked_rows(lines))
        except ValidationError as exc:
            return exc.message


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fast_and_slow_path_decide_alike_on_damaged_lines(
    data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _export([12.5, 1e16, 3])
    number = data.draw(st.integers(0, len(lines) - 1))
    line = lines[number]
    at = data.draw(st.integers(0, len(line) - 1))
    swap = data.draw(st.sampled_from(list('0123456789.eE+-"{}[],:\\ anulltrue\x00é')))
    width = data.draw(st.integers(0, 3))
    lines[number] = line[:at] + swap + line[at + width :]
    slow = _outcome(lines, "slow", monkeypatch)
    assert _outcome(lines, "fast", monkeypatch) == slow


@pytest.mark.parametrize(
    "damage",
    [
        lambda ls: ls,
        lambda ls: [*ls, "\n", "  \n"],
        lambda ls: ls[:3] + ls[4:],
        lambda ls: [ls[0], ls[2], ls[1], *ls[3:]],
        lambda ls: [*ls[:5], ls[5].replace('"b"', '"B"'), *ls[6:]],
        lambda ls: [*ls[:6], ls[6][:40] + "\n"],
        lambda ls: [*ls[:4], ls[4].replace("IndicatorValueRecorded", "GoalAdded"), *ls[5:]],
    ],
)
def test_fast_and_slow_path_decide_alike_on_broken_files(
    damage: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = damage(_export([12.5, 1e16, 3, 2**70, -0.5, 7]))
    assert _outcome(lines, "fast", monkeypatch) == _outcome(lines, "slow", monkeypatch)


def test_every_ordinary_line_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _export([12.5, 0, -3.25])
    slow: list[int] = []
    real = logimport._slow_row

    def counted(number: int, *args: Any) -> Any:
        slow.append(number)
        return real(number, *args)

    monkeypatch.setattr(logimport, "_slow_row", counted)
    assert len(list(logimport.checked_rows(lines))) == len(lines)
    assert slow == []


def test_lines_the_fast_path_declines_import_exactly(tmp_path: Path) -> None:
    """Exponent floats, an old schema version and a blank line: the slow path takes them."""
    lines = _export([1e16, 1.5e-05, 2**70])
    target = Store.create(tmp_path / "t.db")
    assert target.import_lines([*lines[:2], "\n", *lines[2:]]) == len(lines)
    out = io.StringIO()
    target.export(out)
    assert out.getvalue() == "".join(lines)


def test_an_old_schema_version_is_upcast_and_checked(tmp_path: Path) -> None:
    data = {"goal": "G1", "name": "Quote", "unit": "%", "direction": "up", "target_year": 2030}
    data["target_value"] = 1e16  # and a float the fast path declines anyway
    fields = [1, "e1", "indicator:I1", 1, "IndicatorAdded", 1, "2020-01-01T00:00:00.000000Z"]
    head = [*fields, "2020-01-01", "a", "", None, "0" * 64]
    body = canonical_json(data)
    digest = compute_hash(*head[:6], body, *head[6:])  # type: ignore[arg-type]
    envelope = dict(
        zip(
            (
                "position",
                "id",
                "stream",
                "version",
                "type",
                "schema_version",
                "recorded_at",
                "effective",
                "actor",
                "reason",
                "decision",
                "prev_hash",
            ),
            head,
            strict=True,
        )
    )
    line = json.dumps(
        {**{k: envelope[k] for k in list(envelope)[:6]}, "data": data}
        | {k: envelope[k] for k in list(envelope)[6:]}
        | {"hash": digest},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert logimport._verified(line) is None  # v1 < v2: the slow path upcasts it
    rows = list(logimport.checked_rows([line]))
    assert rows[0][6] == body


def _schema(path: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    ).fetchall()
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    return [*rows, ("journal_mode", mode)]


def test_an_imported_store_has_exactly_the_schema_of_a_created_one(tmp_path: Path) -> None:
    created = tmp_path / "created.db"
    Store.create(created).close()
    imported = tmp_path / "imported.db"
    with new_store(str(imported)) as store:
        assert store.import_lines(_export([1.5, 2])) == 4
    assert _schema(imported) == _schema(created)
    assert not list(tmp_path.glob(".imported.db*"))  # no temporary file is left
    with Store.open(imported) as store:
        assert store.verify().ok
        assert store.count() == 4
    conn = sqlite3.connect(imported)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM events WHERE position = 1")
    conn.close()


def test_a_refused_import_into_a_new_store_leaves_no_file(tmp_path: Path) -> None:
    lines = _export([1.5, 2])
    lines[2] = lines[2].replace('"b"', '"c"')
    target = tmp_path / "t.db"
    with (
        pytest.raises(ValidationError, match="Line 3 of the import"),
        new_store(str(target)) as store,
    ):
        store.import_lines(lines)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("depth", [100, 300, 990, 1010])
def test_deeply_nested_data_is_left_to_the_slow_path(
    depth: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """orjson reads 1024 levels but writes 254, and a check of the floats that recursed
    past Python's limit would end in a traceback: such lines must read as before."""
    lines = _export([1.5])
    start = lines[1].index('"data":') + len('"data":')
    end = lines[1].index(',"recorded_at"')
    deep = '{"title":"x","x":' + '{"a":' * depth + "1" + "}" * depth + "}"
    lines[1] = lines[1][:start] + deep + lines[1][end:]
    assert logimport._verified(lines[1]) is None
    slow = _outcome(lines, "slow", monkeypatch)
    assert isinstance(slow, str) and "Line 2 of the import" in slow
    assert _outcome(lines, "fast", monkeypatch) == slow
