"""What changed between two dates: added, changed (attribute old → new), retired.

The same fold twice (as of each date) and a pure comparison; each change is joined
with the events of the period that touched it, so a reviewer sees who, why and on
which decision. A change made and undone inside the period shows no net change, and
its events stay available under ``touched``.

A busy year of a large concept has ~100k events and ~20k changes, and a diff shows
nearly all of them, so the events are read lean: the columns a diff shows (not the
id, stream version or hashes), as :class:`Entry` tuples whose payload is decoded when
it is read, which is only for the entities that changed (to find the attribute each
event set) and for the JSON view's one-line summaries. Both states come from
persisted checkpoints plus catch-up (:func:`fold_as_of`).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from konzept.events.envelope import stream_key
from konzept.events.kinds import CLOSED
from konzept.events.state import SPECS, Entity, State, paused_gc
from konzept.events.store import Store, load_data, sqlite_errors, unreadable
from konzept.events.types import TYPES, upcast
from konzept.events.values import natural

from .aside import aside
from .asof import fold_as_of
from .describe import attributes_touched

#: Bookkeeping that is not an attribute of the concept.
_IGNORED = {"updated", "since", "key", "kind"}


class Entry(NamedTuple):
    """One event of the period as a diff shows it: a lean envelope.

    Built straight from the row (``tuple.__new__``), so reading a year costs little
    more than SQLite's own fetch; ``data`` decodes (and upcasts) the stored payload
    on each access, which a diff does at most twice per event.
    """

    position: int
    stream: str
    type: str
    schema_version: int
    payload: str
    effective: str
    actor: str
    reason: str
    decision: str | None

    @property
    def key(self) -> str:
        """The entity key the stream belongs to (``goal:HF1-Z1`` → ``HF1-Z1``)."""
        return stream_key(self.stream)

    @property
    def data(self) -> dict[str, Any]:
        """The payload in the current schema of its type (trusting the hashed log)."""
        try:
            data: dict[str, Any] = load_data(self.payload)
            spec = SPECS.get(self.type)
            if spec is None or spec.schema_version != self.schema_version:
                data = upcast(self.type, self.schema_version, data)
        except (ValueError, KeyError, TypeError):
            raise unreadable(self.position) from None
        return data


#: The columns of :class:`Entry`, in its field order.
_ENTRY_COLUMNS = ", ".join("data" if name == "payload" else name for name in Entry._fields)


class Change(NamedTuple):
    """One attribute of one entity, old → new, with the period's events that set it.

    A tuple: a year of a large concept has ~20k of them, made three times faster
    than frozen dataclasses (which set each field through ``object.__setattr__``).
    """

    key: str
    attribute: str
    old: Any
    new: Any
    events: list[Entry]


#: What :func:`compare` finds: entities added, attribute changes (key, name, old,
#: new), entities retired.
_Compared = tuple[list[Entity], list[tuple[str, str, Any, Any]], list[Entity]]


@dataclass
class Diff:
    start: str
    end: str
    added: list[Entity] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    retired: list[Entity] = field(default_factory=list)
    #: Entities with events in the period but no net change.
    touched: dict[str, list[Entry]] = field(default_factory=dict)
    events: dict[str, list[Entry]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.retired)


def flatten(entity: Entity) -> dict[str, Any]:
    """Attributes as compared by a diff: values and obligations one per year/number."""
    flat: dict[str, Any] = {}
    for name, value in entity.items():
        if name in _IGNORED:
            continue
        if name == "values":
            flat.update({f"values.{y}": v for y, v in value.items()})
        elif name == "obligations":
            flat.update({f"obligations.{o['number']}": o for o in value})
        else:
            flat[name] = value
    return flat


def compare(old: State, new: State) -> _Compared:
    """Pure: entities added, attribute changes, entities retired between two states."""
    added, changes, retired = [], [], []
    for key, entity in sorted(new.entities.items(), key=lambda item: _entity_order(item[1])):
        before = old.entities.get(key)
        if before is None:
            added.append(entity)
            continue
        if before == entity:  # untouched in the period: one comparison in C, no flattening
            continue
        if entity["status"] in CLOSED and before["status"] not in CLOSED:
            retired.append(entity)
        a, b = flatten(before), flatten(entity)
        for name in sorted(a.keys() | b.keys(), key=_attr_order):
            if a.get(name) != b.get(name):
                changes.append((key, name, a.get(name), b.get(name)))
    for name in sorted(old.concept.keys() | new.concept.keys()):
        if name != "since" and old.concept.get(name) != new.concept.get(name):
            changes.append(("concept", name, old.concept.get(name), new.concept.get(name)))
    return added, changes, retired


_KIND_ORDER = ("field", "goal", "measure", "indicator", "actor", "agreement", "decision", "step")


def _entity_order(entity: Entity) -> tuple[int, tuple[Any, ...]]:
    kind = entity["kind"]
    order = _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
    return (order, natural(entity["key"]))  # HF2 before HF10


def _attr_order(name: str) -> tuple[int, tuple[Any, ...]]:
    return (1 if "." in name else 0, natural(name))  # obligations.2 before obligations.10


def period_events(store: Store, start: str, end: str, upto: int | None) -> dict[str, list[Entry]]:
    """Events effective in (start, end], grouped by entity key, in (effective, position) order.

    One range scan of the ``events_effective`` index; each row becomes an
    :class:`Entry` as it is (no payload decoded here). SQLite's part is a fifth of
    it; the rest is making ~100k rows Python tuples, so nothing else is done per row:
    rows are grouped by their stream, and the streams named by their keys after.
    """
    where = "effective > ? AND effective <= ?" + (" AND position <= ?" if upto is not None else "")
    params: list[Any] = [start, end] + ([upto] if upto is not None else [])
    sql = f"SELECT {_ENTRY_COLUMNS} FROM events WHERE {where} ORDER BY effective, position"
    by_stream: dict[str, list[Entry]] = defaultdict(list)
    new = tuple.__new__
    with paused_gc(), sqlite_errors(store.path):
        cursor = store.conn.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            for row in batch:
                by_stream[row[1]].append(new(Entry, row))
    grouped: dict[str, list[Entry]] = {}
    for stream, entries in by_stream.items():  # in order of each key's first event
        key = stream_key(stream)
        if key in grouped:  # two streams of one key (never written by konzept)
            grouped[key] = sorted([*grouped[key], *entries], key=_effective_position)
        else:
            grouped[key] = entries
    return grouped


def _effective_position(entry: Entry) -> tuple[str, int]:
    return entry.effective, entry.position


def _fixed_attributes(type_: str) -> tuple[str, ...] | None:
    """What :func:`attributes_touched` answers for *every* event of this type, or None
    when the answer depends on the payload (a value's year, an obligation's number,
    the fields a partial correction names).

    A status change sets the status; a creation sets nothing an earlier state had; a
    non-partial ``set`` event sets the one attribute its type names (``EventType.sets``).
    Eight in ten events of a year are of such a type and need no decoding to be
    attributed.
    """
    spec, facts = SPECS.get(type_), TYPES.get(type_)
    if spec is None or facts is None:
        return None
    if type_.startswith(("IndicatorValue", "Obligation")):
        return None
    if spec.effect == "status" or type_ == "StatusRestored":
        return ("status",)
    if spec.effect == "create":
        return ()
    if spec.effect == "set" and facts.sets:
        return (facts.sets,)
    return None


_FIXED = {name: _fixed_attributes(name) for name in TYPES}


def _by_attribute(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """One entity's events per attribute they set, in order: each event is looked at
    once, not once per changed attribute (a busy year has ~100k events), and decoded
    only when its type does not already say what it sets."""
    found: dict[str, list[Entry]] = {}
    fixed = _FIXED
    for entry in entries:
        names = fixed.get(entry.type)
        for name in attributes_touched(entry) if names is None else names:
            events = found.get(name)
            if events is None:
                found[name] = [entry]
            else:
                events.append(entry)
    return found


#: From this many events on, the folds run aside (below); fewer cost less than a fork.
FORK_MIN = int(os.environ.get("KONZEPT_DIFF_FORK_MIN", "200000"))


def diff(store: Store, start: str, end: str, upto: int | None = None) -> Diff:
    """What changed between ``start`` and ``end`` (as known at ``upto``), each change
    with the events of the period that set its attribute.

    On a large log the two folds and their comparison (~0.45 s at 1M events) run in a
    forked child (:func:`konzept.projections.aside.aside`) while this process reads
    the period's events (~0.3-0.5 s, most of it making Python tuples of SQLite's
    rows): the comparison is small and comes back pickled in a few milliseconds,
    whereas the events would cost more to send than to read.
    """
    with paused_gc():  # one pause for the whole diff: each re-enable costs a collection
        position = store.head()[0] if upto is None else upto
        folded = aside(partial(_folded, store, os.getpid(), start, end, upto), position >= FORK_MIN)
        try:
            events = period_events(store, start, end, position)
            at, compared = folded.result()
        finally:
            folded.close()
        if at != position:  # an edit came in between: read as the folds knew it
            events = period_events(store, start, end, at)
        return assemble(start, end, compared, events)


def _folded(
    store: Store, parent: int, start: str, end: str, upto: int | None
) -> tuple[int, _Compared]:
    """Both folds compared, and the head they were folded at; in a forked child
    through a connection of its own (which may save a checkpoint, as here)."""
    if os.getpid() != parent:
        store = Store.open(store.path)
    old, new = fold_as_of(store, start, upto), fold_as_of(store, end, upto)
    if old.position != new.position:  # an edit came in between the folds: as new saw it
        old = fold_as_of(store, start, new.position)
    return new.position, compare(old, new)


def assemble(start: str, end: str, compared: _Compared, events: dict[str, list[Entry]]) -> Diff:
    """The diff of two compared states (:func:`compare`) with the period's events
    (:func:`period_events`): each change with the events that set its attribute."""
    added, changes, retired = compared
    result = Diff(start, end, added, [], retired, events=events)
    by_attribute: dict[str, dict[str, list[Entry]]] = {}
    for key, name, a, b in changes:
        if key == "concept":
            related = [
                e
                for e in events.get(key, [])
                if name in attributes_touched(e) or e.type == "ConceptDetailsChanged"
            ]
        else:
            if key not in by_attribute:
                by_attribute[key] = _by_attribute(events.get(key, ()))
            related = by_attribute[key].get(name) or []  # each (key, name) comes once
        result.changed.append(Change(key, name, a, b, related))
    net = {e["key"] for e in added} | {c.key for c in result.changed}
    net |= {e["key"] for e in retired}
    result.touched = {k: v for k, v in events.items() if k not in net and k != "people"}
    return result
