"""The fold of the log into the state of the concept.

One fold serves both sides: the write model (every event in log order, what commands
validate against) and the read side's "as of a date" (events in (effective, position)
order up to a cut-off, see :mod:`konzept.projections.asof`). The state is plain
dicts and lists, so it serialises to JSON for checkpoints and to the CLI's JSON.

The fold trusts the hashed log: no pydantic on this path, only the cheap upcast.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .envelope import stream_key
from .store import Store, load_data, unreadable
from .types import TYPES, upcast
from .values import natural

Entity = dict[str, Any]

DEFAULT_SETTINGS: dict[str, Any] = {
    "require_reason": False,
    "allow_actor_override": False,
    "tolerance": 10,
}


#: What hangs directly below an entry, by the attribute that points up to it.
BELOW: dict[str, tuple[tuple[str, str], ...]] = {
    "field": (("goal", "field"),),
    "goal": (("goal", "parent"), ("measure", "goal"), ("indicator", "goal")),
}


@dataclass
class State:
    """The concept at one point: its facts, settings, people and every entity by key."""

    concept: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_SETTINGS))
    closed_years: list[int] = field(default_factory=list)
    people: dict[str, list[str]] = field(default_factory=dict)
    #: SSH keys that log a person in to ``konzept serve-ssh``, by fingerprint.
    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    position: int = 0
    max_effective: str = ""

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e["kind"] == kind]

    def below(self, entity: Entity) -> list[Entity]:
        """The entries directly below ``entity``: a field's goals; a goal's sub-goals,
        measures and indicators (in that order, each by key)."""
        links = BELOW.get(entity["kind"], ())
        key = entity["key"]
        return [
            e
            for kind, up in links
            for e in sorted(
                (e for e in self.entities.values() if e["kind"] == kind and e.get(up) == key),
                key=lambda e: natural(e["key"]),
            )
        ]

    def to_json(self) -> str:
        return json.dumps(
            {
                "concept": self.concept,
                "settings": self.settings,
                "closed_years": self.closed_years,
                "people": self.people,
                "keys": self.keys,
                "entities": self.entities,
                "versions": self.versions,
                "position": self.position,
                "max_effective": self.max_effective,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> State:
        return cls(**json.loads(text))


Handler = Callable[[State, str, dict[str, Any], str], None]


def _concept_created(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    state.concept = {**data, "since": effective}


def _concept_details(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    state.concept.update(data)


def _setting(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    state.settings[data["name"]] = data["value"]


def _year_closed(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    if data["year"] not in state.closed_years:
        state.closed_years = sorted([*state.closed_years, data["year"]])


def _role_granted(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    roles = state.people.setdefault(data["person"], [])
    if data["role"] not in roles:
        roles.append(data["role"])


def _role_revoked(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    roles = state.people.get(data["person"], [])
    if data["role"] in roles:
        roles.remove(data["role"])


def _key_authorised(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    state.keys[data["fingerprint"]] = {
        "person": data["person"],
        "public_key": data["public_key"],
        "comment": data.get("comment", ""),
        "since": effective,
    }


def _key_revoked(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    state.keys.pop(data["fingerprint"], None)


def _value_set(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    entity = state.entities.get(key)
    if entity is not None:
        entity["values"][str(data["year"])] = data["value"]


def _value_withdrawn(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    entity = state.entities.get(key)
    if entity is not None:
        entity["values"].pop(str(data["year"]), None)


def _obligation_added(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    entity = state.entities.get(key)
    if entity is not None:
        entity["obligations"].append({**data, "fulfilled": None})


def _obligation_fulfilled(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    entity = state.entities.get(key)
    if entity is not None:
        for obligation in entity["obligations"]:
            if obligation["number"] == data["number"]:
                obligation["fulfilled"] = effective


def _status_restored(state: State, key: str, data: dict[str, Any], effective: str) -> None:
    entity = state.entities.get(key)
    if entity is not None:
        entity["status"] = data["status"]


SPECIAL: dict[str, Handler] = {
    "ConceptCreated": _concept_created,
    "ConceptDetailsChanged": _concept_details,
    "SettingChanged": _setting,
    "YearClosed": _year_closed,
    "RoleGranted": _role_granted,
    "RoleRevoked": _role_revoked,
    "KeyAuthorised": _key_authorised,
    "KeyRevoked": _key_revoked,
    "IndicatorValueRecorded": _value_set,
    "IndicatorValueCorrected": _value_set,
    "IndicatorValueWithdrawn": _value_withdrawn,
    "ObligationAdded": _obligation_added,
    "ObligationFulfilled": _obligation_fulfilled,
    "StatusRestored": _status_restored,
}

#: Attributes every new entity of a kind gets besides its payload.
EXTRA: dict[str, Callable[[], dict[str, Any]]] = {
    "indicator": lambda: {"values": {}},
    "agreement": lambda: {"obligations": []},
}


@dataclass(frozen=True, slots=True)
class _Spec:
    effect: str
    kind: str
    status: str
    schema_version: int
    handler: Handler | None


SPECS = {
    name: _Spec(t.effect, t.kind, t.status, t.schema_version, SPECIAL.get(name))
    for name, t in TYPES.items()
}


def apply(
    state: State,
    position: int,
    stream: str,
    type_: str,
    schema_version: int,
    data: dict[str, Any],
    effective: str,
) -> None:
    """Apply one event to the state in place."""
    spec = SPECS[type_]
    if schema_version != spec.schema_version:
        data = upcast(type_, schema_version, data)
    _change(state, spec, stream_key(stream), data, effective)
    state.position = position
    if effective > state.max_effective:
        state.max_effective = effective


def _change(state: State, spec: _Spec, key: str, data: dict[str, Any], effective: str) -> None:
    """What one event does to its entity (or, for ``special`` events, to its part of the
    state). An event on an entity's stream changes that entity and nothing else: the
    checkpoint catch-up of :mod:`konzept.projections.asof` relies on it."""
    effect = spec.effect
    if effect == "set":
        entity = state.entities.get(key)
        if entity is not None:
            entity.update(data)
            entity.pop("previous", None)
            entity["updated"] = effective
    elif effect == "status":
        entity = state.entities.get(key)
        if entity is not None:
            entity["status"] = spec.status
            entity["updated"] = effective
    elif effect == "create":
        extra = EXTRA.get(spec.kind)
        state.entities[key] = {
            "key": key,
            "kind": spec.kind,
            "status": spec.status,
            **data,
            **(extra() if extra else {}),
            "since": effective,
            "updated": effective,
        }
    else:
        assert spec.handler is not None
        spec.handler(state, key, data, effective)
        entity = state.entities.get(key)
        if entity is not None:
            entity["updated"] = effective


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a large, acyclic structure is built.

    Reading a checkpoint or a year's events creates hundreds of thousands of dicts
    that all stay alive; each of them counts towards the collector's next pass, which
    then walks everything alive, again and again: a fifth of a year-over-year diff on a
    1M-event store. Folded states and envelopes hold no reference cycles (plain dicts,
    lists and frozen dataclasses), so nothing waits for the collector meanwhile.
    Nesting and other threads are safe: it is re-enabled only by whoever disabled it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fold_rows(state: State, rows: Iterable[tuple[Any, ...]], *, track_versions: bool) -> int:
    """Fold raw rows (``position, stream, version, type, schema_version, data, effective``)
    into ``state`` in place; returns how many were folded."""
    loads, specs, change = load_data, SPECS, _change
    versions = state.versions
    count = 0
    position, type_ = state.position, None
    done, latest = state.position, state.max_effective
    try:
        # apply() inlined: the full rebuild runs this loop a million times.
        for position, stream, version, type_, schema_version, data, effective in rows:
            spec = specs[type_]
            payload = loads(data)
            if schema_version != spec.schema_version:
                payload = upcast(type_, schema_version, payload)
            change(state, spec, stream.partition(":")[2] or stream, payload, effective)
            if effective > latest:
                latest = effective
            if track_versions:
                versions[stream] = version
            done = position
            count += 1
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        # Only a tampered log gets here (the chain may hold if hashes were recomputed):
        # one sentence instead of a traceback, pointing to the command that names it.
        if type_ is not None and type_ not in SPECS:
            upcast(type_, 1, {})  # "… of unknown type …; upgrade konzept."
        raise unreadable(position) from exc
    finally:
        state.position, state.max_effective = done, latest
    return count


#: The columns a fold reads, in the order :func:`fold_rows` takes them.
FOLD_COLUMNS = "position, stream, version, type, schema_version, data, effective"


def concept_facts(store: Store, upto: int | None = None) -> dict[str, Any]:
    """The concept's facts (title, language, …) as the write model has them.

    Folded from the concept's own stream only: a read command needs the report
    language, not the whole write model (megabytes of state on a large store).
    """
    state = State()
    rows = store.conn.execute(
        f"SELECT {FOLD_COLUMNS} FROM events WHERE stream = 'concept' AND position <= ? "
        "ORDER BY position",
        (upto if upto is not None else 2**62,),
    )
    fold_rows(state, rows, track_versions=False)
    return state.concept
