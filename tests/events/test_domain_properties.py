"""Random sequences of valid and invalid commands never break an invariant.

Every command either writes its events or is refused with a ValidationError; after any
sequence the folded state has no dangling reference, the chain verifies, and the
projections agree with each other (issue 4 and issue 5 properties).
"""

from __future__ import annotations

import contextlib
import itertools
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from konzept.events import Konzept, Store, ValidationError, WriteMeta
from konzept.events import commands as cmd
from konzept.events.kinds import KINDS
from konzept.events.state import State
from konzept.projections.asof import build_checkpoints, fold_as_of
from konzept.projections.diff import compare

FIELDS, GOALS, MEASURES = ["F1", "F2"], ["G1", "G2", "G3"], ["M1", "M2"]
INDICATORS, ACTORS, AGREEMENTS = ["I1", "I2"], ["A1", "A2", "A3"], ["V1"]
ALL = FIELDS + GOALS + MEASURES + INDICATORS + ACTORS + AGREEMENTS
DATES = ["2016-05-01", "2017-03-20", "2018-01-01", "2019-07-15", "2021-12-31", "2024-02-29"]
KIND_OF = {
    **dict.fromkeys(FIELDS, "field"),
    **dict.fromkeys(GOALS, "goal"),
    **dict.fromkeys(MEASURES, "measure"),
    **dict.fromkeys(INDICATORS, "indicator"),
    **dict.fromkeys(ACTORS, "actor"),
    **dict.fromkeys(AGREEMENTS, "agreement"),
}
#: (key, status) pairs of the key's own lifecycle, plus a few that are not statuses at all
STATUS_PAIRS = [(k, s) for k, kind in KIND_OF.items() for s in KINDS[kind].statuses]
STATUS_PAIRS += [("G1", "flying"), ("F1", "adopted")]
#: (key, attribute) pairs the key's kind has, plus some it lacks
SET_PAIRS = [(k, a) for k, kind in KIND_OF.items() for a in KINDS[kind].attrs]
SET_PAIRS += [("F1", "parent"), ("A1", "goal")]
VALUES = [
    "X",
    "F1",
    "F2",
    "G1",
    "G2",
    "G3",
    "M1",
    "A1",
    "A3",
    "A1,A2",
    "A2,A3",
    "2030=5",
    "2010=1",
    "none",
    "",
    "up",
    "keep",
    "2020-01-01",
    "other",
    "7",
]

key = st.sampled_from
command = st.one_of(
    st.tuples(st.just("field"), key(FIELDS), st.text(max_size=5)),
    st.tuples(st.just("goal"), key(GOALS), key(FIELDS), st.one_of(st.none(), key(GOALS))),
    st.tuples(st.just("measure"), key(MEASURES), key(GOALS), st.one_of(st.none(), key(ACTORS))),
    st.tuples(
        st.just("indicator"),
        key(INDICATORS),
        key(GOALS),
        st.integers(2000, 2030),
        st.integers(2000, 2030),
    ),
    st.tuples(st.just("actor"), key(ACTORS)),
    st.tuples(st.just("agreement"), key(AGREEMENTS), st.lists(key(ACTORS), max_size=3)),
    st.tuples(st.just("obligation"), key(AGREEMENTS), key(ACTORS)),
    st.tuples(st.just("status"), key(STATUS_PAIRS)).map(lambda t: (t[0], *t[1])),
    st.tuples(st.just("retire"), key(ALL)),
    st.tuples(st.just("set"), key(SET_PAIRS), key(VALUES)).map(lambda t: (t[0], *t[1], t[2])),
    st.tuples(
        st.just("record"),
        key(INDICATORS),
        st.integers(2015, 2026),
        st.one_of(st.integers(-5, 500), st.just("nan"), st.just("x")),
    ),
)
histories = st.lists(st.tuples(command, key(DATES)), max_size=40)


def run(session: Konzept, step: tuple[Any, ...], effective: str) -> None:
    kind, *a = step
    meta = WriteMeta(actor="anna", effective=effective, reason="r")
    calls: dict[str, Any] = {
        "field": lambda: session.execute(cmd.add_field, a[0], title=a[1] or "T", meta=meta),
        "goal": lambda: session.execute(
            cmd.add_goal, a[0], field=a[1], parent=a[2], title="T", meta=meta
        ),
        "measure": lambda: session.execute(
            cmd.add_measure, a[0], goal=a[1], responsible=a[2], title="T", meta=meta
        ),
        "indicator": lambda: session.execute(
            cmd.add_indicator,
            a[0],
            goal=a[1],
            name="N",
            unit="u",
            direction="up",
            baseline=f"{a[2]}=1",
            target=f"{a[3]}=9",
            meta=meta,
        ),
        "actor": lambda: session.execute(cmd.add_actor, a[0], name="N", kind="other", meta=meta),
        "agreement": lambda: session.execute(
            cmd.add_agreement, a[0], title="T", parties=a[1], meta=meta
        ),
        "obligation": lambda: session.execute(
            cmd.add_obligation, a[0], party=a[1], what="w", meta=meta
        ),
        "status": lambda: session.execute(cmd.set_status, a[0], a[1], meta=meta),
        "retire": lambda: session.execute(cmd.retire, a[0], meta=meta),
        "set": lambda: session.execute(cmd.set_attribute, a[0], a[1], a[2], meta=meta),
        "record": lambda: session.execute(cmd.record_value, a[0], a[1], str(a[2]), meta=meta),
    }
    with contextlib.suppress(ValidationError):
        calls[kind]()


def dangling(state: State) -> list[str]:
    """Every reference in the state that names nothing of the right kind."""
    problems = []

    def check(owner: str, ref: str | None, kind: str) -> None:
        if ref is not None and state.entities.get(ref, {}).get("kind") != kind:
            problems.append(f"{owner} → {ref} ({kind})")

    for e in state.entities.values():
        k = e["kind"]
        if k == "goal":
            check(e["key"], e["field"], "field")
            check(e["key"], e["parent"], "goal")
        elif k == "measure":
            check(e["key"], e["goal"], "goal")
            check(e["key"], e["responsible"], "actor")
            for p in e["partners"]:
                check(e["key"], p, "actor")
        elif k == "indicator":
            check(e["key"], e["goal"], "goal")
            if e["baseline"] and e["target"]:
                assert e["target"]["year"] >= e["baseline"]["year"]
        elif k == "agreement":
            for p in e["parties"]:
                check(e["key"], p, "actor")
            for o in e["obligations"]:
                if o["party"] not in e["parties"]:
                    problems.append(f"{e['key']} obligation of non-party {o['party']}")
    return problems


def fresh() -> tuple[Store, Konzept]:
    store = Store.create(":memory:")
    ids = itertools.count()
    store.new_id = lambda: f"id{next(ids)}"
    session = Konzept(store)
    session.append(
        cmd.init_concept(session.state, title="T", founder="anna"),
        WriteMeta(actor="anna", effective="2016-01-01"),
    )
    # a valid starting point, so random steps mostly act on things that exist
    start = "2016-01-01"
    for step in [
        ("field", "F1", "T"),
        ("actor", "A1"),
        ("actor", "A2"),
        ("goal", "G1", "F1", None),
        ("measure", "M1", "G1", "A1"),
        ("indicator", "I1", "G1", 2016, 2025),
        ("agreement", "V1", ["A1", "A2"]),
        ("obligation", "V1", "A2"),
    ]:
        run(session, step, start)
    assert len(session.state.entities) == 12
    return store, session


def without_bookkeeping(state: State) -> dict[str, Any]:
    return {k: {a: v for a, v in e.items() if a != "updated"} for k, e in state.entities.items()}


PROPS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(histories)
def test_no_sequence_of_commands_breaks_an_invariant(history: list[Any]) -> None:
    store, session = fresh()
    for step, effective in history:
        run(session, step, effective)
    assert dangling(session.state) == []
    assert store.verify().ok
    # every key is used by exactly one entity, and streams and keys agree
    streams = {e.stream for e in store.read()}
    assert {s.partition(":")[2] for s in streams if ":" in s} == set(session.state.entities)


@PROPS
@given(histories)
def test_projection_properties(history: list[Any]) -> None:
    store, session = fresh()
    for step, effective in history:
        run(session, step, effective)
    current = fold_as_of(store, use_checkpoints=False)
    assert fold_as_of(store, use_checkpoints=False).to_json() == current.to_json(), "replay"
    assert compare(current, current) == ([], [], []), "diff(x, x) is empty"
    far = fold_as_of(store, "2199-12-31", use_checkpoints=False)
    assert without_bookkeeping(far) == without_bookkeeping(current), "as-of far future"
    head = store.head()[0]
    known = fold_as_of(store, upto=head, use_checkpoints=False)
    assert known.to_json() == current.to_json(), "as known at head = current"
    for date in DATES:
        assert dangling(fold_as_of(store, date, use_checkpoints=False)) == [], date


@PROPS
@given(histories, histories)
# Two new entities backdated into a checkpointed year: the refold once added them in
# the order of their streams' names (field:F2 before goal:G2), not of their positions.
@example(
    first=[(("actor", "A3"), "2019-07-15")],
    then=[(("goal", "G2", "F1", None), "2018-01-01"), (("field", "F2", ""), "2018-01-01")],
)
def test_checkpoint_and_catch_up_equal_a_full_rebuild(first: list[Any], then: list[Any]) -> None:
    store, session = fresh()
    for step, effective in first:
        run(session, step, effective)
    build_checkpoints(store)
    for step, effective in then:  # later events, some backdated into checkpointed years
        run(session, step, effective)
    for date in [*DATES, "2026-12-31", None]:
        rebuilt = fold_as_of(store, date, use_checkpoints=False)
        assert fold_as_of(store, date).to_json() == rebuilt.to_json(), date
