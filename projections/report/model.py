"""The annual report's model: what the log says about one year, as known at one head.

A report must certify the record it came from, so it is a pure function of
``(log up to a head position, year)``: the same position always gives the same model,
whatever was appended later and whenever it is printed.

Time has two axes here (SPEC §3), and the report uses both on purpose:

* the *concept* (fields, goals, targets, statuses, agreements, steps) is folded
  **as of 31 December** of the year: what held at the end of the reporting period;
* *indicator values and decisions* are taken **as known at the head**: the 2024
  figure usually arrives in spring 2025 and a December decision is often entered in
  January, yet both belong in the 2024 report. They are overlaid from the events
  effective after 31 December up to the day the head was recorded, in fold order; one
  scheduled to take effect later (a correction "from 2099") is not in force yet.

Cost: one ``fold_as_of`` (checkpointed), one range query on ``events_effective`` from
1 January (the year's changes and the later values/decisions), the head's row and
one range query on ``events_recorded_at`` for the corrections of closed years; on a
large log the last three run in a forked child meanwhile (:func:`_later_reads`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from operator import itemgetter
from typing import Any, overload

from konzept.events.envelope import FIELDS, GENESIS_HASH, Envelope
from konzept.events.errors import ValidationError
from konzept.events.state import Entity, State, apply
from konzept.events.store import (
    Store,
    connect_readonly,
    load_data,
    sqlite_errors,
    to_envelope,
    unreadable,
)
from konzept.events.types import TYPES, upcast
from konzept.events.values import natural
from konzept.projections.aside import Aside, aside
from konzept.projections.asof import fold_as_of

#: Events effective after 31 December that still shape the report (see module doc).
LATE_TYPES = (
    "IndicatorValueRecorded",
    "IndicatorValueCorrected",
    "IndicatorValueWithdrawn",
    "DecisionRecorded",
    "DecisionCorrected",
)
#: Streams that are not part of the concept (who may edit), left out of the change log.
NOT_CHANGES = frozenset({"people"})

_COLUMNS = ", ".join(FIELDS)
#: What the report keeps of a change: all but its id and hashes, which it never prints.
_CHANGE_COLUMNS = (
    "position, stream, version, type, schema_version, data, recorded_at, effective, actor, "
    "reason, decision"
)
# ``+position`` keeps SQLite on the date index instead of a scan of the rowid range.
#: The year's changes in (effective, position) order, with what the change log prints.
_CHANGES_SQL = (
    "SELECT position, stream, type, schema_version, data, effective, actor, reason, decision "
    "FROM events WHERE effective >= ? AND effective <= ? AND +position <= ? "
    "ORDER BY effective, position"
)
#: Values and decisions effective after 31 December, known by the head (module doc).
_LATE_SQL = (
    "SELECT position, stream, type, schema_version, data, effective FROM events "
    f"WHERE effective > ? AND effective <= ? AND +position <= ? "
    f"AND type IN ({', '.join('?' * len(LATE_TYPES))}) ORDER BY effective, position"
)
#: Stored changes by position, in no particular order.
_ROWS_SQL = (
    f"SELECT {_CHANGE_COLUMNS} FROM events WHERE position IN (SELECT value FROM json_each(?))"
)
_CORRECTIONS_SQL = (
    f"SELECT {_COLUMNS} FROM events"
    " WHERE type IN ('IndicatorValueCorrected', 'IndicatorValueWithdrawn') "
    "AND recorded_at >= ? AND recorded_at < ? AND +position <= ? ORDER BY position"
)


@dataclass(frozen=True)
class Head:
    """The event a report stands on: printed in its footer, checked by ``verify --witness``."""

    position: int
    recorded_at: str
    hash: str


#: A change as stored, in the order of ``_CHANGE_COLUMNS``.
ChangeRow = tuple[int, str, int, str, int, str, str, str, str, str, str | None]
#: A change as the change log prints it, in the order of ``_CHANGES_SQL``: position,
#: stream, type, schema version, data, effective, actor, reason, decision.
Change = tuple[int, str, str, int, str, str, str, str, str | None]


def payload(position: int, type_: str, schema: int, data: str) -> dict[str, Any]:
    """A stored change's payload in the current schema of its type."""
    try:
        if _CURRENT.get(type_) == schema:  # nearly every event: nothing to upcast
            return load_data(data)  # type: ignore[no-any-return]
        return upcast(type_, schema, load_data(data))
    except (ValueError, KeyError, TypeError):
        raise unreadable(position) from None


#: Each event type's current payload schema.
_CURRENT = {name: facts.schema_version for name, facts in TYPES.items()}


def change_envelope(row: ChangeRow) -> Envelope:
    """A stored change as an envelope without its id and hashes (a report never shows them)."""
    position, stream, version, type_, schema, data, recorded, effective, actor, why, dec = row
    return Envelope(
        position, "", stream, version, type_, schema, payload(position, type_, schema, data),
        recorded, effective, actor, why, dec, "", "",
    )  # fmt: skip


class Changes(Sequence[Envelope]):
    """The year's changes, in (effective, position) order.

    :attr:`entries` holds what the change log prints of each, read with the year's
    index in one pass (reading them table by table later, in two processes, cost
    twice the work: each table's rows lie all over the year's range of the log).
    Envelopes, which also carry each change's version and recording time (CSV and
    JSON print them), are read when asked for. Payloads are decoded when printed.
    """

    def __init__(self, store: Store, entries: list[Change]) -> None:
        self.entries = entries
        self._store = store
        self._pid = os.getpid()
        self._conn: sqlite3.Connection | None = None

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, index: int) -> Envelope: ...
    @overload
    def __getitem__(self, index: slice) -> list[Envelope]: ...
    def __getitem__(self, index: int | slice) -> Envelope | list[Envelope]:
        if isinstance(index, slice):
            positions = [entry[0] for entry in self.entries[index]]
            return [change_envelope(row) for row in self.rows_of(positions)]
        return change_envelope(self.rows_of([self.entries[index][0]])[0])

    def __iter__(self) -> Iterator[Envelope]:
        return map(change_envelope, self.rows_of([entry[0] for entry in self.entries]))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def streams(self) -> set[str]:
        return set(map(itemgetter(1), self.entries))

    def of_type(self, type_: str) -> Iterator[Envelope]:
        positions = [entry[0] for entry in self.entries if entry[2] == type_]
        return map(change_envelope, self.rows_of(positions))

    def rows_of(self, positions: list[int]) -> list[ChangeRow]:
        """The stored rows at ``positions``, in that order."""
        if not positions:
            return []
        wanted = json.dumps(sorted(positions))  # in order, SQLite reads them a third faster
        with sqlite_errors(self._store.path):
            found = {row[0]: row for row in self._connection().execute(_ROWS_SQL, (wanted,))}
        try:
            return [found[p] for p in positions]
        except KeyError as missing:
            raise unreadable(int(str(missing))) from None

    def _connection(self) -> sqlite3.Connection:
        """The store's own connection here, a new one in a forked process (a
        connection must not be used across ``fork``)."""
        if os.getpid() == self._pid:
            return self._store.conn
        if self._conn is None:
            self._conn = connect_readonly(self._store.path)
        return self._conn


@dataclass
class Report:
    """Everything the annual report shows, before any words or layout."""

    year: int
    head: Head
    #: The concept as of 31 Dec; indicator values and decisions as known at the head.
    state: State
    #: Events effective in the year, in (effective, position) order, without ``people``.
    changes: Changes
    #: Makes the corrections (below) of their stored rows when first asked for.
    read_corrections: Callable[[], list[Envelope]] = field(repr=False, compare=False)
    #: Derived views computed once per report (see :mod:`.outline`); not part of the facts.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def corrections(self) -> list[Envelope]:
        """Corrections of closed years' values recorded in the year, in log order."""
        return self.read_corrections()

    @property
    def as_of(self) -> str:
        return f"{self.year}-12-31"

    @property
    def tolerance(self) -> float:
        return float(self.state.settings.get("tolerance", 10))

    def of_kind(self, kind: str) -> list[Entity]:
        """Entities of a kind in natural key order (HF2 before HF10)."""
        kinds: dict[str, list[Entity]] | None = self.memo.get("kinds")
        if kinds is None:
            kinds = self.memo["kinds"] = {}
            for entity in self.state.entities.values():
                kinds.setdefault(entity["kind"], []).append(entity)
        ordered: set[str] = self.memo.setdefault("ordered", set())
        if kind not in ordered:  # sorted when first asked for, ties left in log order
            kinds.get(kind, []).sort(key=lambda e: natural(e["key"]))
            ordered.add(kind)
        return list(kinds.get(kind, []))

    def field_of(self, stream: str) -> str | None:
        """The field of action an event's entity belongs to (goal → field), else None."""
        kind, _, key = stream.partition(":")
        entity = self.state.entities.get(key)
        if entity is None:
            return None
        if kind == "field":
            return key
        if kind in ("measure", "indicator"):
            entity = self.state.entities.get(entity.get("goal") or "")
            if entity is None:
                return None
        if entity["kind"] == "goal":
            found = entity.get("field")
            return str(found) if found else None
        return None

    def decision_reference(self, key: str | None) -> str | None:
        """The reference (Drucksache) of the decision a change names, if it has one."""
        return (self.decision(key) or {}).get("reference") or None

    def decision(self, key: str | None) -> Entity | None:
        if key is None:
            return None
        found = self.state.entities.get(key)
        return found if found is not None and found["kind"] == "decision" else None


def build(store: Store, year: int, upto: int | None = None) -> Report:
    """The report model of ``year`` from the log up to ``upto`` (default: the head).

    Raises:
        ValidationError: ``upto`` lies outside the log.
    """
    if upto is not None:
        last = store.head()[0]
        if not 0 <= upto <= last:
            raise ValidationError(
                "Position {position} is outside the log ({first}–{last}).",
                position=upto,
                first=0,
                last=last,
            )
    as_of = f"{year}-12-31"
    position = store.head()[0] if upto is None else upto
    reads = _later_reads(store, year, position)
    try:
        state = fold_as_of(store, as_of, upto)
        if state.position != position:  # an edit came in between: read as the fold knew it
            reads.close()
            position = state.position
            reads = _later_reads(store, year, position)
        with sqlite_errors(store.path):
            index = [
                entry
                for entry in store.conn.execute(_CHANGES_SQL, (f"{year}-01-01", as_of, position))
                if entry[1] not in NOT_CHANGES
            ]
        head_row, late_rows, correction_rows = reads.result()
    finally:
        reads.close()
    for late in late_rows:
        apply(state, late[0], late[1], late[2], late[3], load_data(late[4]), late[5])
    state.position = position
    head = Head(position, "", GENESIS_HASH) if head_row is None else Head(position, *head_row)
    return Report(year, head, state, Changes(store, index), partial(_corrections, correction_rows))


#: From this many events on, the later reads run aside (below); fewer cost less than a fork.
ASIDE_MIN = int(os.environ.get("KONZEPT_REPORT_ASIDE_MIN", "200000"))

_LaterReads = tuple[tuple[str, str] | None, list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _later_reads(store: Store, year: int, position: int) -> Aside[_LaterReads]:
    """The head's row, the values and decisions that arrived after 31 December, and
    the corrections of closed years: on a large log in a child while this process
    folds and reads the year's changes (0.1-0.2 s of SQLite looking at 75k rows of
    the next year to keep 9k, off the one core everything else waits for)."""
    here = os.getpid()

    def work() -> _LaterReads:
        conn = store.conn if os.getpid() == here else connect_readonly(store.path)
        with sqlite_errors(store.path):
            head_row = conn.execute(
                "SELECT recorded_at, hash FROM events WHERE position = ?", (position,)
            ).fetchone()
            # A value or decision scheduled to take effect after the record was made (a
            # correction "from 2099") is not in force yet: the report shows what `show` shows.
            in_force = head_row[0][:10] if head_row is not None else f"{year}-12-31"
            late = conn.execute(
                _LATE_SQL, (f"{year}-12-31", in_force, position, *LATE_TYPES)
            ).fetchall()
            corrections = conn.execute(
                _CORRECTIONS_SQL, (f"{year}-01-01", f"{year + 1}-01-01", position)
            ).fetchall()
        return (None if head_row is None else (head_row[0], head_row[1])), late, corrections

    return aside(work, worth=position >= ASIDE_MIN)


def _corrections(rows: list[tuple[Any, ...]]) -> list[Envelope]:
    return [envelope for envelope in map(to_envelope, rows) if envelope.data.get("closed_year")]
