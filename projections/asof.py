"""The concept as of a date, as known at a position: the read side's one fold.

Time is two-dimensional. *As of* a date folds the events whose ``effective`` ≤ date,
in (effective, position) order; *as known at* first drops the events written after a
position. Both are the same fold with cut-offs.

Checkpoints make this fast without changing the answer. A checkpoint holds the state
folded over the events with ``position ≤ P`` and ``effective ≤ C`` (its cut-off). For a
date D ≥ C and a head H ≥ P it is exact to continue with

1. the events written after P with ``effective ≤ C`` (backdated into the checkpoint's
   period) that sort after everything folded for their entity: ``effective`` ≥ the
   entity's ``updated`` (the date of its latest folded event, since the fold runs in
   date order), or ≥ the checkpoint's latest folded date for what has no entity yet.
   They are simply folded next;
2. for the other late events (a change backdated to before its entity's latest), the
   whole entity again: an event on an entity's stream (``kind:key``) changes that
   entity and nothing else, so the state is, entity by entity, the fold of that
   entity's own events, and refolding those events in (effective, position) order and
   putting the result in the entity's place gives what a full fold gives (a new
   entity is put where its ``since`` sorts it, as the full fold would have created
   it); then
3. the events with ``C < effective ≤ D``,

because everything of steps 1 and 2 sorts before everything of step 3. A late event
on the concept's or the people's stream (settings, roles, years closed) is not
refolded alone: an older checkpoint or the full fold is used instead. Correctness
never depends on a checkpoint; ``tests/bench`` checks checkpoint + catch-up against
the full fold on a synthetic history full of backdated changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from konzept.events.envelope import stream_key
from konzept.events.errors import StoreError
from konzept.events.state import State, fold_rows, paused_gc
from konzept.events.store import Checkpoint, Store

_COLS = "position, stream, version, type, schema_version, data, effective"
#: Fold more than this many events past a checkpoint (and more than ``REFRESH_PER_ENTITY``
#: per entity), and a fresh one is saved.
REFRESH_AFTER = 5_000
#: Writing a checkpoint costs about as much as folding five events per entity (a
#: 6,000-entity state is ~7 MB of JSON): a read refreshes it only once its catch-up
#: has grown past that, so an ordinary read does not pay for the next one.
REFRESH_PER_ENTITY = 5
PREFIX = "asof:"
#: Refold at most this many entities after a checkpoint; beyond, an older one is cheaper.
MAX_REFOLD = 2_000


def today() -> str:
    return date.today().isoformat()


@dataclass(frozen=True)
class Cut:
    """Where to look: as of ``date``, as known at ``position`` (None = head)."""

    date: str
    position: int | None = None


def fold_as_of(
    store: Store, as_of: str | None = None, upto: int | None = None, *, use_checkpoints: bool = True
) -> State:
    """The state of the concept as of a date (default today), as known at ``upto``."""
    with paused_gc():
        return _fold_as_of(store, as_of or today(), upto, use_checkpoints)


def _fold_as_of(store: Store, as_of: str, upto: int | None, use_checkpoints: bool) -> State:
    head = store.head()[0] if upto is None else upto
    found = _best_checkpoint(store, as_of, head) if use_checkpoints else None
    if found is None:
        state = State()
        folded = _fold(state, store, "effective <= ? AND position <= ?", (as_of, head))
    else:
        state, folded = found.catch_up(store, head)
        folded += _fold(
            state,
            store,
            "effective > ? AND effective <= ? AND position <= ?",
            (found.checkpoint.cutoff, as_of, head),
        )
    state.position = head
    worth = max(REFRESH_AFTER, REFRESH_PER_ENTITY * len(state.entities))
    if folded > worth and upto is None and not store.readonly and _worth_keeping(as_of):
        # A read must not fail because a checkpoint could not be written (another
        # session holding the write lock, a full disk): it is only a cache.
        with contextlib.suppress(StoreError):
            save(store, state, as_of)
    return state


def _fold(state: State, store: Store, where: str, params: tuple[Any, ...]) -> int:
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM events WHERE {where} ORDER BY effective, position", params
    )
    return fold_rows(state, rows, track_versions=False)


@dataclass(frozen=True)
class _Start:
    """A checkpoint to start from, and the streams with late events that sort before its
    latest folded date (with the earliest such date of each)."""

    checkpoint: Checkpoint
    late: dict[str, str]

    def catch_up(self, store: Store, head: int) -> tuple[State, int]:
        """Steps 1 and 2 of the module docstring: the state as of the cut-off at ``head``."""
        cp = self.checkpoint
        loaded = store.load_checkpoint(cp.name)
        if loaded is None:  # dropped or replaced since it was chosen
            state = State()
            return state, _fold(state, store, "effective <= ? AND position <= ?", (cp.cutoff, head))
        state = State.from_json(loaded.state)
        entities = state.entities
        refold = frozenset(
            stream
            for stream, earliest in self.late.items()
            if (entity := entities.get(stream_key(stream))) is None or earliest < entity["updated"]
        )
        folded = 0
        if refold:
            folded += _refold(state, store, sorted(refold), head, cp.cutoff)
        late = store.conn.execute(
            f"SELECT {_COLS} FROM events WHERE position > ? AND position <= ? AND effective <= ?"
            " ORDER BY effective, position",
            (cp.position, head, cp.cutoff),
        )
        rows: Iterable[tuple[Any, ...]] = (
            (row for row in late if row[1] not in refold) if refold else late
        )
        folded += fold_rows(state, rows, track_versions=False)
        return state, folded


def _refold(state: State, store: Store, streams: list[str], head: int, cutoff: str) -> int:
    """Fold these entities' events again and put each result in its entity's place."""
    part = State()
    marks = ", ".join("?" * len(streams))
    folded = _fold(
        part,
        store,
        f"stream IN ({marks}) AND position <= ? AND effective <= ?",
        (*streams, head, cutoff),
    )
    entities = state.entities
    for stream in streams:
        if stream_key(stream) not in part.entities:
            entities.pop(stream_key(stream), None)
    added = False
    for key, entity in part.entities.items():  # in the order the refold created them
        added = added or key not in entities
        entities[key] = entity
    if added:
        # The full fold creates entities in (effective, position) order; a refolded new
        # entity was written after every checkpointed one, so it goes after those of its
        # date (sorted() is stable) and before those of later dates; among themselves
        # they keep the order of their own fold, not of their streams' names.
        state.entities = dict(sorted(entities.items(), key=lambda item: item[1]["since"]))
    if part.max_effective > state.max_effective:
        state.max_effective = part.max_effective
    return folded


def _best_checkpoint(store: Store, as_of: str, head: int) -> _Start | None:
    """The checkpoint that leaves the least to fold and can be caught up exactly."""
    usable = [
        cp
        for cp in store.checkpoint_heads()
        if cp.name.startswith(PREFIX) and cp.cutoff <= as_of and cp.position <= head
    ]
    usable.sort(key=lambda cp: (cp.cutoff, cp.position), reverse=True)
    for cp in usable:
        late: dict[str, str] = dict(
            store.conn.execute(
                "SELECT stream, min(effective) FROM events WHERE position > ? AND position <= ?"
                " AND effective < ? GROUP BY stream",
                (cp.position, head, min(cp.max_effective, cp.cutoff)),
            ).fetchall()
        )
        if len(late) <= MAX_REFOLD and all(":" in stream for stream in late):
            return _Start(cp, late)
    return None


def _worth_keeping(as_of: str) -> bool:
    return as_of.endswith("-12-31") or as_of == today()


def save(store: Store, state: State, cutoff: str) -> None:
    """Persist a folded state as a checkpoint for this cut-off (replacing an older one)."""
    store.save_checkpoint(
        Checkpoint(
            f"{PREFIX}{cutoff}", state.position, cutoff, state.max_effective, state.to_json()
        )
    )


def build_checkpoints(store: Store, years: range | None = None) -> int:
    """One pass over the log: a checkpoint at every year end and today. Returns how many."""
    head = store.head()[0]
    if head == 0:
        return 0
    first, last = store.conn.execute("SELECT min(effective), max(effective) FROM events").fetchone()
    now = today()
    if years is None:
        years = range(int(first[:4]), int(min(last, now)[:4]) + 1)
    cutoffs = [f"{y}-12-31" for y in years if f"{y}-12-31" < now] + [now]
    state = State()
    previous = ""
    saved = 0
    for cutoff in cutoffs:
        _fold(
            state,
            store,
            "effective > ? AND effective <= ? AND position <= ?",
            (previous, cutoff, head),
        )
        state.position = head
        save(store, state, cutoff)
        saved += 1
        previous = cutoff
    return saved
