"""The log's consistency and its checkpoints re-checked, for ``konzept verify``.

The hash chain shows that nothing changed after it was written, not that what was
written makes sense: a log assembled by hand (or by a broken tool) with valid hashes
can hold a goal in a field that never existed. :func:`first_inconsistency` replays
the log and names the first event the commands could not have written.

A checkpoint is sealed with a hash over its state and its coordinates, and tied to
the hash of the event at its position, so a stray edit makes every reader ignore it.
But the seal holds no secret: someone who can write the database can forge a state,
recompute the seal and copy the head hash, and ``konzept show`` would then fold from a
lie. Only folding the log again can tell, so ``verify`` rebuilds every checkpoint the
readers would trust and compares.

The rebuild costs one pass over the log for the write model and one per distinct
checkpoint position for the as-of states (``konzept checkpoint`` writes them all at
one position), never one pass per checkpoint.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from konzept.events import values as v
from konzept.events.errors import Message, ValidationError, Word
from konzept.events.kinds import KINDS
from konzept.events.state import State, apply
from konzept.events.store import Checkpoint, Store
from konzept.events.types import TYPES, upcast

_COLS = "position, stream, version, type, schema_version, data, effective"
WRITE = "write"
ASOF = "asof:"


def forged_checkpoints(store: Store) -> list[Checkpoint]:
    """The checkpoints a reader would trust whose state differs from a rebuild of the log.

    Only call this on a log that verifies: it folds every event.
    """
    problems: list[Checkpoint] = []
    by_position: dict[int, list[Checkpoint]] = defaultdict(list)
    for cp in store.checkpoints():
        if cp.name == WRITE:
            rebuilt = _fold(store, cp.position, "position", track_versions=True)
            problems.extend(_compare(cp, rebuilt))
        elif cp.name.startswith(ASOF):
            by_position[cp.position].append(cp)
        # any other name is read by nobody, so it can mislead nobody
    for position, cps in by_position.items():
        problems.extend(_check_as_of(store, position, sorted(cps, key=lambda c: c.cutoff)))
    return problems


def _fold(store: Store, upto: int, order: str, *, track_versions: bool) -> State:
    state = State()
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM events WHERE position <= ? ORDER BY {order}", (upto,)
    )
    for position, stream, version, type_, sv, data, effective in rows:
        apply(state, position, stream, type_, sv, json.loads(data), effective)
        if track_versions:
            state.versions[stream] = version
    return state


def _check_as_of(store: Store, position: int, cps: list[Checkpoint]) -> list[Checkpoint]:
    """Fold the log up to ``position`` in (effective, position) order once, comparing
    each checkpoint when the fold passes its cut-off."""
    problems: list[Checkpoint] = []
    state = State()
    pending = list(cps)
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM events WHERE position <= ? ORDER BY effective, position",
        (position,),
    )
    for pos, stream, _version, type_, sv, data, effective in rows:
        while pending and effective > pending[0].cutoff:
            problems.extend(_compare(pending.pop(0), state))
        apply(state, pos, stream, type_, sv, json.loads(data), effective)
    for cp in pending:
        problems.extend(_compare(cp, state))
    return problems


def _compare(cp: Checkpoint, rebuilt: State) -> list[Checkpoint]:
    rebuilt.position = cp.position
    stored: Any = json.loads(cp.state)
    if stored != json.loads(rebuilt.to_json()) or cp.max_effective != rebuilt.max_effective:
        return [cp]
    return []


#: A time of recording as the store writes it (UTC).
_RECORDED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z")


def first_inconsistency(store: Store) -> tuple[int, Message] | None:
    """The first event the commands could not have written, and what is wrong with it;
    None when every event fits its type, its stream and the concept before it.

    Only call this on a log that verifies (which has checked every payload against its
    event model). It replays the log: a reference must name an entity of the right
    kind appended before it, a decision a decision, and the times must be times.
    """
    state = State()
    rows = store.conn.execute(
        "SELECT position, stream, type, schema_version, data, recorded_at, effective,"
        " decision FROM events ORDER BY position"
    )
    for position, stream, type_, version, data, recorded_at, effective, decision in rows:
        payload = upcast(type_, version, json.loads(data))
        problem = _misfit(state, position, stream, type_, payload, recorded_at, effective)
        problem = problem or _unknown(state, position, decision, "decision")
        if problem is not None:
            return position, problem
        try:
            apply(state, position, stream, type_, TYPES[type_].schema_version, payload, effective)
        except Exception:  # a change of what is not there, a status it cannot have...
            return position, Message(
                "position {position} cannot follow the events before it", position=position
            )
    return None


def _misfit(
    state: State,
    position: int,
    stream: str,
    type_: str,
    payload: dict[str, Any],
    recorded_at: str,
    effective: str,
) -> Message | None:
    """What makes one event impossible as written: its times, its stream, its references."""
    if not _RECORDED.fullmatch(recorded_at):
        return Message(
            "position {position} was recorded at {value!r}, which is no time",
            position=position,
            value=recorded_at,
        )
    try:
        v.iso_date(effective)
    except ValidationError:
        return Message(
            "position {position} takes effect on {value!r}, which is no date",
            position=position,
            value=effective,
        )
    on = stream.partition(":")[0]
    kind = TYPES[type_].kind or on  # "": any entity's stream (StatusRestored)
    if on != kind:
        return Message(
            "position {position} puts a {type} event on {stream}",
            position=position,
            type=type_,
            stream=stream,
        )
    attrs = KINDS[kind].attrs if kind in KINDS else {}
    for name, value in payload.items():
        spec = attrs.get(name)
        if spec is None or spec.ref is None or name == "previous":
            continue
        for key in value if isinstance(value, list) else [value]:
            problem = _unknown(state, position, key, spec.ref)
            if problem is not None:
                return problem
    return None


def _unknown(state: State, position: int, key: str | None, kind: str) -> Message | None:
    if key is None:
        return None
    found = state.entities.get(key)
    if found is not None and found["kind"] == kind:
        return None
    return Message(
        "position {position} refers to {key}, but there is no {kind} with that key before it",
        position=position,
        key=key,
        kind=Word(kind, "kind"),
    )
