"""The concept as of a date, as known at a position: the read side's one fold.

Time is two-dimensional. *As of* a date folds the events whose ``effective`` ≤ date,
in (effective, position) order; *as known at* first drops the events written after a
position. Both are the same fold with cut-offs.

Checkpoints make this fast without changing the answer. A checkpoint holds the state
folded over the events with ``position ≤ P`` and ``effective ≤ C`` (its cut-off). For a
date D ≥ C and a head H ≥ P it is exact to continue with

1. the events written after P with ``effective ≤ C`` (backdated into the checkpoint's
   period), provided none of them sorts before what the checkpoint already folded,
   i.e. their ``effective`` ≥ the checkpoint's latest folded date; then
2. the events with ``C < effective ≤ D``,

because every event of step 1 sorts after everything folded, and before everything of
step 2. When step 1's proviso fails (a backdated change), an older checkpoint or the
full fold is used: correctness never depends on a checkpoint.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from konzept.events.errors import StoreError
from konzept.events.state import State, fold_rows
from konzept.events.store import Checkpoint, Store

_COLS = "position, stream, version, type, schema_version, data, effective"
#: Fold more than this many events past a checkpoint, and a fresh one is saved.
REFRESH_AFTER = 5_000
PREFIX = "asof:"


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
    as_of = as_of or today()
    head = store.head()[0] if upto is None else upto
    cp = _best_checkpoint(store, as_of, head) if use_checkpoints else None
    if cp is None:
        state = State()
        folded = _fold(state, store, "effective <= ? AND position <= ?", (as_of, head))
    else:
        state = State.from_json(cp.state)
        folded = _fold(
            state,
            store,
            "position > ? AND position <= ? AND effective <= ?",
            (cp.position, head, cp.cutoff),
        )
        folded += _fold(
            state,
            store,
            "effective > ? AND effective <= ? AND position <= ?",
            (cp.cutoff, as_of, head),
        )
    state.position = head
    if folded > REFRESH_AFTER and upto is None and not store.readonly and _worth_keeping(as_of):
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


def _best_checkpoint(store: Store, as_of: str, head: int) -> Checkpoint | None:
    """The checkpoint that leaves the least to fold and is exact for this cut."""
    usable = [
        cp
        for cp in store.checkpoints()
        if cp.name.startswith(PREFIX) and cp.cutoff <= as_of and cp.position <= head
    ]
    usable.sort(key=lambda cp: (cp.cutoff, cp.position), reverse=True)
    for cp in usable:
        row = store.conn.execute(
            "SELECT min(effective) FROM events WHERE position > ? AND position <= ? "
            "AND effective <= ?",
            (cp.position, head, cp.cutoff),
        ).fetchone()
        if row[0] is None or row[0] >= cp.max_effective:
            return cp
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
