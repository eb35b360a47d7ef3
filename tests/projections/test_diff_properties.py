"""Properties of ``diff`` on real stores: a date against itself shows nothing, and a
change made and undone inside the period shows no net change but keeps its events."""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from konzept.events import Konzept, Store, ValidationError, WriteMeta
from konzept.events import commands as cmd
from konzept.projections.asof import build_checkpoints
from konzept.projections.diff import diff

PROPS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATES = ["2018-03-01", "2018-12-31", "2019-06-30", "2020-02-29", "2021-12-31"]
_counter = itertools.count()


def _store(tmp: Path) -> Konzept:
    store = Store.create(tmp / f"k{next(_counter)}.db")
    k = Konzept(store)
    meta = WriteMeta(actor="anna", effective="2018-01-01", reason="start")
    k.append(cmd.init_concept(k.state, title="K", founder="anna"), meta)
    k.execute(cmd.add_field, "F1", title="Feld", meta=meta)
    k.execute(cmd.add_goal, "G1", field="F1", title="Ziel", meta=meta)
    k.execute(
        cmd.add_indicator,
        "I1",
        goal="G1",
        name="Quote",
        unit="%",
        direction="up",
        baseline="2018=10",
        target="2025=50",
        meta=meta,
    )
    return k


edits = st.lists(
    st.tuples(
        st.sampled_from(DATES),
        st.sampled_from(["title", "description", "record"]),
        st.text(alphabet="abcäö ", min_size=1, max_size=6),
    ),
    max_size=8,
)


@settings(PROPS)
@given(edits, st.sampled_from(DATES), st.booleans())
def test_a_date_against_itself_shows_nothing(
    tmp_path_factory: pytest.TempPathFactory,
    history: list[tuple[str, str, str]],
    day: str,
    checkpoints: bool,
) -> None:
    k = _store(tmp_path_factory.mktemp("same"))
    for effective, what, text in history:
        meta = WriteMeta(actor="anna", effective=effective, reason=text)
        with contextlib.suppress(ValidationError):  # e.g. a blank title, refused
            if what == "record":
                k.execute(cmd.record_value, "I1", int(effective[:4]), str(len(text)), meta=meta)
            else:
                k.execute(cmd.set_attribute, "G1", what, text, meta=meta)
    if checkpoints:
        build_checkpoints(k.store)
    result = diff(k.store, day, day)
    assert result.empty and not result.changed and not result.touched and not result.events


@settings(PROPS)
@given(
    st.sampled_from(["title", "description"]),
    st.text(alphabet="xyzß-", min_size=1, max_size=8),
    st.sampled_from(["2019-02-01", "2019-07-01"]),
    st.booleans(),
)
def test_made_and_undone_shows_no_net_change(
    tmp_path_factory: pytest.TempPathFactory,
    attribute: str,
    text: str,
    when: str,
    checkpoints: bool,
) -> None:
    k = _store(tmp_path_factory.mktemp("undo"))
    if checkpoints:
        build_checkpoints(k.store)
    before = k.state.entities["G1"][attribute]
    k.execute(cmd.set_attribute, "G1", attribute, before + text, meta=_meta(when, "made"))
    k.execute(cmd.set_attribute, "G1", attribute, before, meta=_meta("2019-11-30", "undone"))
    k.execute(cmd.record_value, "I1", 2019, "20", meta=_meta("2019-12-01", "a real change"))
    result = diff(k.store, "2018-12-31", "2019-12-31")
    assert [(c.key, c.attribute) for c in result.changed] == [("I1", "values.2019")]
    assert [e.reason for e in result.changed[0].events] == ["a real change"]
    assert [e.reason for e in result.touched["G1"]] == ["made", "undone"]
    assert [e.data[attribute] for e in result.touched["G1"]] == [before + text, before]


def _meta(effective: str, reason: str) -> WriteMeta:
    return WriteMeta(actor="anna", effective=effective, reason=reason)


def test_changes_are_listed_in_key_order_with_numbers_by_value(tmp_path: Path) -> None:
    """HF2 before HF10, as the tree and the report list them (not as text)."""
    k = _store(tmp_path)
    meta = WriteMeta(actor="anna", effective="2018-01-01", reason="start")
    for key in ("F10", "F2", "F9"):
        k.execute(cmd.add_field, key, title="Feld", meta=meta)
    later = WriteMeta(actor="anna", effective="2019-06-30", reason="neu")
    for key in ("F10", "F9", "F2", "F1"):
        k.execute(cmd.set_attribute, key, "title", f"Feld {key}", meta=later)
    result = diff(k.store, "2018-12-31", "2019-12-31")
    assert [c.key for c in result.changed] == ["F1", "F2", "F9", "F10"]
