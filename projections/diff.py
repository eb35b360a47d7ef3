"""What changed between two dates: added, changed (attribute old → new), retired.

The same fold twice (as of each date) and a pure comparison; each change is joined
with the events of the period that touched it, so a reviewer sees who, why and on
which decision. A change made and undone inside the period shows no net change, and
its events stay available under ``touched``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from konzept.events.envelope import Envelope
from konzept.events.kinds import CLOSED
from konzept.events.state import Entity, State, paused_gc
from konzept.events.store import Store, to_envelope

from .asof import fold_as_of
from .describe import attributes_touched

#: Bookkeeping that is not an attribute of the concept.
_IGNORED = {"updated", "since", "key", "kind"}


@dataclass(frozen=True)
class Change:
    key: str
    attribute: str
    old: Any
    new: Any
    events: list[Envelope]


@dataclass
class Diff:
    start: str
    end: str
    added: list[Entity] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    retired: list[Entity] = field(default_factory=list)
    #: Entities with events in the period but no net change.
    touched: dict[str, list[Envelope]] = field(default_factory=dict)
    events: dict[str, list[Envelope]] = field(default_factory=dict)

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


def compare(
    old: State, new: State
) -> tuple[list[Entity], list[tuple[str, str, Any, Any]], list[Entity]]:
    """Pure: entities added, attribute changes, entities retired between two states."""
    added, changes, retired = [], [], []
    for key, entity in sorted(new.entities.items(), key=lambda item: _entity_order(item[1])):
        before = old.entities.get(key)
        if before is None:
            added.append(entity)
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


def _entity_order(entity: Entity) -> tuple[int, str]:
    kind = entity["kind"]
    return (_KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER), entity["key"])


def _attr_order(name: str) -> tuple[int, str]:
    return (1 if "." in name else 0, name)


def period_events(
    store: Store, start: str, end: str, upto: int | None
) -> dict[str, list[Envelope]]:
    """Events effective in (start, end], grouped by entity key, in (effective, position) order."""
    where = "effective > ? AND effective <= ?" + (" AND position <= ?" if upto is not None else "")
    params: list[Any] = [start, end] + ([upto] if upto is not None else [])
    grouped: dict[str, list[Envelope]] = defaultdict(list)
    with paused_gc():
        for row in store.rows(where, params, order="effective, position"):
            stream = row[2]
            grouped[stream.partition(":")[2] or stream].append(to_envelope(row))  # .key
    return dict(grouped)


def _by_attribute(envelopes: list[Envelope]) -> dict[str, list[Envelope]]:
    """One entity's events per attribute they set, in order: each event is looked at
    once, not once per changed attribute (a busy year has ~100k events)."""
    found: dict[str, list[Envelope]] = defaultdict(list)
    for envelope in envelopes:
        for name in attributes_touched(envelope):
            found[name].append(envelope)
    return found


def diff(store: Store, start: str, end: str, upto: int | None = None) -> Diff:
    old, new = fold_as_of(store, start, upto), fold_as_of(store, end, upto)
    with paused_gc():
        added, changes, retired = compare(old, new)
    events = period_events(store, start, end, upto)
    result = Diff(start, end, added, [], retired, events=events)
    by_attribute: dict[str, dict[str, list[Envelope]]] = {}
    for key, name, a, b in changes:
        if key == "concept":
            related = [
                e
                for e in events.get(key, [])
                if name in attributes_touched(e) or e.type == "ConceptDetailsChanged"
            ]
        else:
            if key not in by_attribute:
                by_attribute[key] = _by_attribute(events.get(key, []))
            related = list(by_attribute[key].get(name, ()))
        result.changed.append(Change(key, name, a, b, related))
    net = {e["key"] for e in added} | {c.key for c in result.changed} | {e["key"] for e in retired}
    result.touched = {k: v for k, v in events.items() if k not in net and k != "people"}
    return result
