"""The past of the record: one entity's history and blame, and the global change log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from konzept.events.envelope import Envelope
from konzept.events.errors import ValidationError, Word
from konzept.events.kinds import KINDS
from konzept.events.store import Store, to_envelope

from .describe import attributes_touched, summary
from .i18n import t

SPECIAL_STREAMS = ("concept", "people")


def stream_of(store: Store, key: str) -> str:
    """The stream holding an entity's events, found by key across kinds."""
    if key in SPECIAL_STREAMS:
        return key
    for kind in KINDS.values():
        stream = kind.stream(key)
        if store.stream_version(stream):
            return stream
    raise ValidationError(
        "There is no {kind} with the key {key}.", kind=Word("entity", "kind"), key=key
    )


def history(store: Store, key: str, upto: int | None = None) -> list[Envelope]:
    """Every event of one entity in log order: who, recorded, effective, why, decision."""
    return list(store.read(stream=stream_of(store, key), upto=upto))


@dataclass(frozen=True)
class Blame:
    attribute: str
    value: Any
    envelope: Envelope

    def as_dict(self) -> dict[str, Any]:
        e = self.envelope
        return {
            "value": self.value,
            "position": e.position,
            "actor": e.actor,
            "recorded_at": e.recorded_at,
            "effective": e.effective,
            "reason": e.reason,
            "decision": e.decision,
        }


def blame(store: Store, key: str, entity: dict[str, Any], as_of: str) -> dict[str, Blame]:
    """For each attribute of ``entity`` as it stood on ``as_of``, the event that last
    set it.

    Events are taken in (effective, position) order, the order that made the state;
    those that take effect after ``as_of`` did not make it (a change scheduled for
    next year is no one's doing yet).
    """
    events = sorted(
        (e for e in history(store, key) if e.effective <= as_of),
        key=lambda e: (e.effective, e.position),
    )
    result: dict[str, Blame] = {}
    for envelope in events:
        added = envelope.type.endswith(("Added", "Recorded")) and "year" not in envelope.data
        # The concept's creation and its details changes carry the details they set
        # (a change only those it changed; None: cleared), as an addition carries all.
        if added or envelope.type in ("ConceptCreated", "ConceptDetailsChanged"):
            for name in envelope.data:
                if name in entity:
                    result[name] = Blame(name, entity[name], envelope)
            if added:  # the concept has no status
                result["status"] = Blame("status", entity.get("status"), envelope)
            continue
        for name in attributes_touched(envelope):
            head, _, year = name.partition(".")
            if head == "values":
                result[name] = Blame(name, entity.get("values", {}).get(year), envelope)
            elif head == "obligations":
                match = [o for o in entity.get("obligations", []) if str(o["number"]) == year]
                result[name] = Blame(name, match[0] if match else None, envelope)
            elif name in entity:
                result[name] = Blame(name, entity[name], envelope)
    return result


@dataclass(frozen=True)
class LogFilter:
    since: str | None = None  # effective date, inclusive
    until: str | None = None
    entity: str | None = None
    actor: str | None = None
    decision: str | None = None
    upto: int | None = None
    kinds: tuple[str, ...] = ()
    #: Only these streams (e.g. a field of action and everything below it).
    streams: tuple[str, ...] = ()


def log(store: Store, flt: LogFilter, limit: int | None = None) -> list[Envelope]:
    """The change log in log order, filtered; the newest ``limit`` entries if given."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.since:
        clauses.append("effective >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("effective <= ?")
        params.append(flt.until)
    if flt.entity:
        clauses.append("stream = ?")
        params.append(stream_of(store, flt.entity))
    if flt.actor:
        clauses.append("actor = ?")
        params.append(flt.actor)
    if flt.decision:
        clauses.append("decision = ?")
        params.append(flt.decision)
    if flt.upto is not None:
        clauses.append("position <= ?")
        params.append(flt.upto)
    if flt.kinds:
        clauses.append("(" + " OR ".join("stream LIKE ?" for _ in flt.kinds) + ")")
        params.extend(f"{k}:%" for k in flt.kinds)
    if flt.streams:
        clauses.append(f"stream IN ({', '.join('?' * len(flt.streams))})")
        params.extend(flt.streams)
    where = " AND ".join(clauses)
    if limit is None:
        return [to_envelope(r) for r in store.rows(where, params)]
    rows = list(store.rows(where, params, order=f"position DESC LIMIT {int(limit)}"))
    return [to_envelope(r) for r in reversed(rows)]


def shown_key(envelope: Envelope, lang: str) -> str:
    """The entry a change belongs to, as a reader names it: the person of a role or key
    change (their stream is the store's one ``people`` list), the concept for its own
    details, else the entity's key."""
    if envelope.stream == "people":
        return str(envelope.data.get("person") or t(lang, "people"))
    return entry_word(envelope, lang)


def entry_word(envelope: Envelope, lang: str) -> str:
    """The entry a change belongs to, named in a line that then says the change: the
    concept and the people list by their word in ``lang`` ("Konzept: Jahr 2030
    abgeschlossen"), never by their internal stream names; an entity by its key."""
    if envelope.stream == "people":
        return t(lang, "people")
    if envelope.stream == "concept":
        return t(lang, "log_concept")
    return envelope.key


def envelope_json(envelope: Envelope, lang: str = "de") -> dict[str, Any]:
    """An envelope for scripts: the §2 names plus ``key`` and a one-line ``summary``."""
    return {**envelope.as_dict(), "key": envelope.key, "summary": summary(envelope, lang)}
