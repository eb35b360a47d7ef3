"""Checkpoints re-checked against the log, for ``konzept verify``.

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
from collections import defaultdict
from typing import Any

from konzept.events.state import State, apply
from konzept.events.store import Checkpoint, Store

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
