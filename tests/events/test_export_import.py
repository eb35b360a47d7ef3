"""Export → import → export reproduces the file byte for byte; broken files write nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from konzept.events import Store, ValidationError
from konzept.events import catalog as ev

titles = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
numbers = st.one_of(
    st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False, width=64)
)
commands = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C"]),
        titles,
        numbers,
        st.dates().map(lambda d: d.isoformat()),
        titles,
    ),
    min_size=1,
    max_size=25,
)


def build(store: Store, steps: list[tuple[str, str, float, str, str]]) -> None:
    for key, title, value, effective, reason in steps:
        stream = f"indicator:{key}"
        version = store.stream_version(stream)
        event = ev.FieldRetitled(title=title) if version else ev.FieldAdded(title=title)
        store.append(stream, version, [event], actor="ä-user", reason=reason, effective=effective)
        store.append(
            stream,
            version + 1,
            [ev.IndicatorValueRecorded(year=2020, value=value, note=title)],
            actor="b",
            effective=effective,
        )


def export_text(store: Store) -> str:
    out = io.StringIO()
    store.export(out)
    return out.getvalue()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=commands)
def test_round_trip_is_byte_identical(tmp_path: Path, steps: list) -> None:  # type: ignore[type-arg]
    source = Store.create(":memory:")
    build(source, steps)
    first = export_text(source)
    target = Store.create(":memory:")
    assert target.import_lines(io.StringIO(first)) == source.count()
    assert export_text(target) == first
    assert target.verify().head_hash == source.verify().head_hash


def _exported(tmp_path: Path) -> list[str]:
    store = Store.create(tmp_path / "src.db")
    build(store, [("A", "x", 1, "2020-01-01", "r"), ("B", "y", 2.5, "2021-01-01", "s")])
    return export_text(store).splitlines(keepends=True)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda ls: ls[:1] + ls[2:], "position"),
        (lambda ls: [ls[0].replace('"x"', '"X"'), *ls[1:]], "altered"),
        (lambda ls: [*ls[:2], "not json\n", *ls[3:]], "not valid JSON"),
        (lambda ls: [ls[1], ls[0], *ls[2:]], "position"),
        (lambda ls: [*ls, ls[-1]], "position"),
        (lambda ls: [json.dumps({"a": 1}) + "\n"], "not a konzept event"),
        (lambda ls: [ls[0].replace('"type":"FieldAdded"', '"type":"Nope"'), *ls[1:]], "unknown"),
    ],
)
def test_import_refuses_a_broken_file_and_writes_nothing(tmp_path: Path, mutate, message) -> None:  # type: ignore[no-untyped-def]
    lines = mutate(_exported(tmp_path))
    target = Store.create(tmp_path / "t.db")
    with pytest.raises(ValidationError, match=message):
        target.import_lines(lines)
    assert target.count() == 0


def test_import_needs_an_empty_store(tmp_path: Path) -> None:
    lines = _exported(tmp_path)
    target = Store.create(tmp_path / "t.db")
    target.import_lines(lines)
    with pytest.raises(ValidationError, match="empty store"):
        target.import_lines(lines)
