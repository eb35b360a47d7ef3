"""Commands: check a request against the current state and decide which events it makes.

Every function here is pure: it reads a :class:`State` and returns a :class:`Plan`
(the events per stream, at the stream versions it was decided on) or raises
:class:`ValidationError` with one sentence. Appending is the service's job, so the UI
can show a plan for confirmation before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import catalog as ev
from . import values as v
from .errors import Message, ValidationError, Word
from .kinds import CLOSED, CONCEPT_ATTRS, KINDS, SETTINGS, STATUS_WORDS, attr_name
from .models import Event
from .sshkeys import parse_public_key
from .state import Entity, State
from .store import StreamAppend

LABELS = {
    "field": "field of action",
    "goal": "goal",
    "measure": "measure",
    "indicator": "indicator",
    "actor": "actor",
    "agreement": "agreement",
    "decision": "decision",
    "step": "process step",
}

SEED_STEPS = (
    (1, "Vorstellung der Arbeit in der Politik", False),
    (2, "Erarbeitung eines ersten Konzeptes (Einbindung interner Fachbereiche)", False),
    (3, "Vorstellung in Politik/Verabschiedung durch Politik", False),
    (
        4,
        "Fortführung des Integrationskonzeptes unter Einbindung der weiteren externen Akteure",
        False,
    ),
    (
        5,
        "Jährliche Berichterstattung in Politik und laufende Beteiligung der Akteure "
        "(Überprüfung der Indikatoren, ggf. Anpassung und Erarbeitung neuer Ziele und Indikatoren)",
        True,
    ),
)


@dataclass
class Plan:
    """What a command will write: events per stream, decided on the versions seen."""

    parts: list[StreamAppend] = field(default_factory=list)
    #: The entities whose existence date bounds ``effective`` (changes, not creations).
    touches: list[str] = field(default_factory=list)
    #: Keys this plan refers to, with the kind each must be, checked against ``effective``.
    refers: list[tuple[str, str]] = field(default_factory=list)
    #: Set when the change edits a closed year: a reason is then required.
    needs_reason: Message | None = None
    #: Set when the change is only valid on a political decision (closing a year).
    needs_decision: Message | None = None
    #: Years of the measured values this plan records: the service refuses years
    #: that have not happened yet (it knows the recording date, a command does not).
    value_years: list[int] = field(default_factory=list)
    #: The year this plan closes: the service refuses one that has not ended yet.
    closes_year: int | None = None

    def add(self, state: State, stream: str, *events: Event) -> Plan:
        for part in self.parts:
            if part.stream == stream:
                part.events.extend(events)  # type: ignore[attr-defined]
                return self
        self.parts.append(StreamAppend(stream, state.versions.get(stream, 0), list(events)))
        return self

    @property
    def events(self) -> list[Event]:
        return [e for part in self.parts for e in part.events]


# --- lookups -----------------------------------------------------------------------------


def entity(state: State, key: str, kind: str | None = None) -> Entity:
    """The entity with this key (of this kind), or a refusal naming what is missing."""
    found = state.entities.get(key)
    if found is None or (kind is not None and found["kind"] != kind):
        label = Word(kind or "entity", "kind")
        raise ValidationError("There is no {kind} with the key {key}.", kind=label, key=key)
    return found


def _open_ref(state: State, key: str, kind: str) -> Entity:
    found = entity(state, key, kind)
    if found["status"] in CLOSED:
        raise ValidationError(
            "The {kind} {key} is {status}; nothing new can refer to it.",
            kind=Word(kind, "kind"),
            key=key,
            status=Word(found["status"], "status"),
        )
    return found


def _free_key(state: State, key: str) -> str:
    v.check_key(key)
    taken = state.entities.get(key)
    if taken is not None:
        raise ValidationError(
            "The key {key} is already used by the {kind} '{title}'; keys are never reused.",
            key=key,
            kind=Word(taken["kind"], "kind"),
            title=taken.get("title") or taken.get("name"),
        )
    return key


def _refs(state: State, plan: Plan, kind: str, keys: Sequence[str | None]) -> None:
    for key in keys:
        if key is not None:
            _open_ref(state, key, kind)
            plan.refers.append((key, kind))


def _no_cycle(state: State, goal: str, parent: str | None) -> None:
    seen, above = {goal}, parent
    while above is not None:
        if above in seen:
            raise ValidationError(
                "Goal {goal} cannot sit below {parent}: that makes a loop.",
                goal=goal,
                parent=parent,
            )
        seen.add(above)
        above = state.entities[above].get("parent")


def _year_order(baseline: dict[str, Any] | None, target: dict[str, Any] | None) -> None:
    if baseline and target and target["year"] < baseline["year"]:
        raise ValidationError(
            "The target year {target} lies before the baseline year {baseline}.",
            target=target["year"],
            baseline=baseline["year"],
        )


def _indicator_consistent(indicator: dict[str, Any]) -> None:
    """An indicator's baseline, target and direction make sense together: the target
    lies after the baseline, in the direction the figure should move."""
    baseline, target = indicator.get("baseline"), indicator.get("target")
    _year_order(baseline, target)
    if not (baseline and target):
        return
    start, goal = baseline["value"], target["value"]
    if indicator.get("direction") == "up" and not goal > start:
        raise ValidationError(
            "An indicator that should rise needs a target above its baseline "
            "({baseline} → {target}).",
            baseline=start,
            target=goal,
        )
    if indicator.get("direction") == "down" and not goal < start:
        raise ValidationError(
            "An indicator that should fall needs a target below its baseline "
            "({baseline} → {target}).",
            baseline=start,
            target=goal,
        )


def _weight(weight: float) -> None:
    """An indicator's weight is not negative: progress would otherwise count backwards."""
    if weight < 0:
        raise ValidationError("An indicator's weight cannot be negative ({weight}).", weight=weight)


# --- creation ----------------------------------------------------------------------------


def init_concept(
    state: State,
    *,
    title: str,
    territory: str = "",
    population: int | None = None,
    area_km2: float | None = None,
    language: str = "de",
    founder: str,
) -> Plan:
    if state.concept:
        raise ValidationError("This store already holds a concept.")
    plan = Plan()
    plan.add(
        state,
        "concept",
        ev.ConceptCreated(
            title=v.title(title),
            territory=v.optional_text(territory),
            population=population,
            area_km2=area_km2,
            language=language,  # type: ignore[arg-type]
        ),
    )
    for number, step_title, recurring in SEED_STEPS:
        plan.add(
            state,
            f"step:P{number}",
            ev.StepAdded(number=number, title=step_title, recurring=recurring),
        )
    plan.add(state, "people", ev.RoleGranted(person=founder, role="admin"))
    return plan


def add_field(state: State, key: str, *, title: str, description: str = "") -> Plan:
    _free_key(state, key)
    return Plan().add(
        state,
        f"field:{key}",
        ev.FieldAdded(title=v.title(title), description=v.optional_text(description)),
    )


def add_goal(
    state: State,
    key: str,
    *,
    field: str,
    title: str,
    parent: str | None = None,
    target_year: int | str | None = None,
    description: str = "",
) -> Plan:
    _free_key(state, key)
    plan = Plan()
    _refs(state, plan, "field", [field])
    _refs(state, plan, "goal", [parent])
    if parent is not None and state.entities[parent]["field"] != field:
        raise ValidationError(
            "The parent goal {parent} belongs to another field of action.", parent=parent
        )
    year = None if target_year is None else v.year(target_year)
    return plan.add(
        state,
        f"goal:{key}",
        ev.GoalAdded(
            field=field,
            title=v.title(title),
            description=v.optional_text(description),
            parent=parent,
            target_year=year,
        ),
    )


def add_measure(
    state: State,
    key: str,
    *,
    goal: str,
    title: str,
    description: str = "",
    responsible: str | None = None,
    partners: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
) -> Plan:
    _free_key(state, key)
    plan = Plan()
    _refs(state, plan, "goal", [goal])
    _refs(state, plan, "actor", [responsible, *partners])
    start_, end_ = (v.optional_date(start or ""), v.optional_date(end or ""))
    if start_ and end_ and end_ < start_:
        raise ValidationError(
            "The measure would end ({end}) before it starts ({start}).", end=end_, start=start_
        )
    return plan.add(
        state,
        f"measure:{key}",
        ev.MeasureAdded(
            goal=goal,
            title=v.title(title),
            description=v.optional_text(description),
            responsible=responsible,
            partners=list(partners),
            start=start_,
            end=end_,
        ),
    )


def add_indicator(
    state: State,
    key: str,
    *,
    goal: str,
    name: str,
    unit: str,
    direction: str,
    baseline: str | None = None,
    target: str | None = None,
    source: str = "",
    definition: str = "",
    weight: str | float = 1,
) -> Plan:
    _free_key(state, key)
    plan = Plan()
    _refs(state, plan, "goal", [goal])
    base = v.year_value(baseline) if baseline else None
    goal_value = v.year_value(target) if target else None
    moves = KINDS["indicator"].attrs["direction"].parse(direction)
    share = v.number(weight)
    _indicator_consistent({"baseline": base, "target": goal_value, "direction": moves})
    _weight(share)
    return plan.add(
        state,
        f"indicator:{key}",
        ev.IndicatorAdded(
            goal=goal,
            name=v.title(name),
            unit=v.text(unit, what="unit"),
            direction=moves,
            baseline=None if base is None else ev.YearValue(**base),
            target=None if goal_value is None else ev.YearValue(**goal_value),
            source=v.optional_text(source),
            definition=v.optional_text(definition),
            weight=share,
        ),
    )


def add_actor(state: State, key: str, *, name: str, kind: str, contact: str = "") -> Plan:
    _free_key(state, key)
    return Plan().add(
        state,
        f"actor:{key}",
        ev.ActorAdded(
            name=v.title(name),
            actor_kind=KINDS["actor"].attrs["actor_kind"].parse(kind),
            contact=v.optional_text(contact),
        ),
    )


def add_agreement(
    state: State,
    key: str,
    *,
    title: str,
    parties: Sequence[str],
    goals: Sequence[str] = (),
    measures: Sequence[str] = (),
    valid_from: str | None = None,
    valid_until: str | None = None,
    review: str | None = None,
) -> Plan:
    _free_key(state, key)
    if not parties:
        raise ValidationError("An agreement needs at least one party (--party ACTOR).")
    plan = Plan()
    _refs(state, plan, "actor", list(parties))
    _refs(state, plan, "goal", list(goals))
    _refs(state, plan, "measure", list(measures))
    start, until = v.optional_date(valid_from or ""), v.optional_date(valid_until or "")
    if start and until and until < start:
        raise ValidationError(
            "The agreement would end ({end}) before it starts ({start}).", end=until, start=start
        )
    return plan.add(
        state,
        f"agreement:{key}",
        ev.AgreementAdded(
            title=v.title(title),
            parties=list(dict.fromkeys(parties)),
            goals=list(goals),
            measures=list(measures),
            valid_from=start,
            valid_until=until,
            review=v.optional_date(review or ""),
        ),
    )


def add_obligation(
    state: State, agreement: str, *, party: str, what: str, due: str | None = None
) -> Plan:
    found = entity(state, agreement, "agreement")
    if found["status"] in CLOSED:
        raise ValidationError(
            "The agreement {key} is {status}.",
            key=agreement,
            status=Word(found["status"], "status"),
        )
    if party not in found["parties"]:
        raise ValidationError(
            "{party} is not a party of the agreement {key} (parties: {parties}).",
            party=party,
            key=agreement,
            parties=", ".join(found["parties"]),
        )
    plan = Plan(touches=[agreement])
    number = len(found["obligations"]) + 1
    return plan.add(
        state,
        f"agreement:{agreement}",
        ev.ObligationAdded(
            number=number,
            party=party,
            what=v.text(what, what="obligation"),
            due=v.optional_date(due or ""),
        ),
    )


def fulfil_obligation(state: State, agreement: str, number: int) -> Plan:
    found = entity(state, agreement, "agreement")
    match = [o for o in found["obligations"] if o["number"] == number]
    if not match:
        raise ValidationError(
            "The agreement {key} has no obligation {number}.", key=agreement, number=number
        )
    if match[0]["fulfilled"]:
        raise ValidationError(
            "Obligation {number} of {key} is already fulfilled.", number=number, key=agreement
        )
    return Plan(touches=[agreement]).add(
        state, f"agreement:{agreement}", ev.ObligationFulfilled(number=number)
    )


def add_decision(
    state: State,
    key: str,
    *,
    body: str,
    date: str,
    title: str,
    reference: str = "",
    outcome: str = "",
    link: str = "",
) -> Plan:
    _free_key(state, key)
    return Plan().add(
        state,
        f"decision:{key}",
        ev.DecisionRecorded(
            body=v.text(body, what="body"),
            date=v.iso_date(date),
            title=v.title(title),
            reference=v.optional_text(reference),
            outcome=v.optional_text(outcome),
            link=v.optional_text(link),
        ),
    )


# --- changes -----------------------------------------------------------------------------


def set_attribute(state: State, key: str, attribute: str, raw: str, *, across: bool = True) -> Plan:
    """``konzept set KEY ATTR VALUE``: one attribute, through the event named for it.

    ``across=False`` leaves out the checks of how attributes fit together (a span's
    order, a goal's field and parent, an indicator's direction): a form that changes
    several at once runs them on the result, with :func:`attributes_fit`.
    """
    name = attr_name(attribute)
    if key == "concept":
        return _set_concept(state, name, raw)
    if key == "settings":
        return _set_setting(state, name, raw)
    found = entity(state, key)
    kind = KINDS[found["kind"]]
    spec = kind.attrs.get(name)
    if spec is None:
        raise ValidationError(
            "{kind.A} has no attribute {attribute!r}; it has: {attrs}.",
            kind=Word(kind.name, "kind"),
            attribute=attribute,
            attrs=", ".join(kind.attrs),
        )
    value = spec.parse(raw)
    if found.get(name) == value:
        raise ValidationError(
            "The {attr} of {key} is already {raw!r}; nothing to change.",
            attr=Word(name),
            key=key,
            raw=raw,
        )
    plan = Plan(touches=[key])
    if spec.ref is not None:
        _refs(state, plan, spec.ref, value if isinstance(value, list) else [value])
    if name == "parent":
        _no_cycle(state, key, value)
    if across:
        _fits(state, {**found, name: value}, name)
    if name == "goal" and kind.name == "goal":
        raise ValidationError("Use 'parent' to place a goal below another goal.")
    if kind.name == "agreement" and name == "parties":
        if not value:
            raise ValidationError("An agreement needs at least one party.")
        orphaned = {o["party"] for o in found["obligations"]} - set(value)
        if orphaned:
            raise ValidationError(
                "{parties} still has obligations under {key}; "
                "a party with obligations cannot leave.",
                parties=", ".join(sorted(orphaned)),
                key=key,
            )
    return plan.add(
        state, kind.stream(key), ev.MODELS[spec.event](**{name: value, "previous": found.get(name)})
    )


def attributes_fit(state: State, key: str, names: Iterable[str]) -> None:
    """The checks :func:`set_attribute` leaves out with ``across=False``, on the entity
    as several changes of ``names`` left it."""
    found = state.entities.get(key)
    if found is not None:
        for name in names:
            _fits(state, found, name)


def _fits(state: State, entity: Entity, name: str) -> None:
    """Refuse what ``add`` refuses once ``name`` changed: a goal in another field than
    its parent goal, a span that ends before it starts, an indicator target against its
    direction (checked only when one of those changed: an older, odd indicator keeps its
    other attributes editable), a negative weight."""
    kind = entity["kind"]
    if kind == "goal" and name in ("field", "parent"):
        parent = entity.get("parent")
        if parent is not None and state.entities[parent]["field"] != entity["field"]:
            raise ValidationError(
                "The parent goal {parent} belongs to another field of action.", parent=parent
            )
    if kind in _SPANS and name in _SPANS[kind]:
        _in_order(kind, entity)
    if kind == "indicator" and name in ("baseline", "target", "direction"):
        _indicator_consistent(entity)
    if kind == "indicator" and name == "weight":
        _weight(entity["weight"])


#: The attributes that open and close a measure's or an agreement's time span.
_SPANS = {"measure": ("start", "end"), "agreement": ("valid_from", "valid_until")}


def _in_order(kind: str, span: dict[str, Any]) -> None:
    """Refuse a span that would end before it starts, as adding the entity does."""
    start, end = (span[a] for a in _SPANS[kind])
    if not (start and end and end < start):
        return
    if kind == "measure":
        raise ValidationError(
            "The measure would end ({end}) before it starts ({start}).", end=end, start=start
        )
    raise ValidationError(
        "The agreement would end ({end}) before it starts ({start}).", end=end, start=start
    )


def _set_concept(state: State, name: str, raw: str) -> Plan:
    parse = CONCEPT_ATTRS.get(name)
    if parse is None:
        raise ValidationError(
            "The concept has no attribute {attribute!r}; it has: {attrs}.",
            attribute=name,
            attrs=", ".join(CONCEPT_ATTRS),
        )
    return Plan().add(state, "concept", ev.ConceptDetailsChanged(**{name: parse(raw)}))


def _set_setting(state: State, name: str, raw: str) -> Plan:
    parse = SETTINGS.get(name)
    if parse is None:
        raise ValidationError(
            "There is no setting {name!r}; settings: {settings}.",
            name=name,
            settings=", ".join(SETTINGS),
        )
    value = parse(raw)
    if name == "tolerance" and not 0 <= value <= 100:
        raise ValidationError("The tolerance is a share of progress between 0 and 100.")
    return Plan().add(state, "concept", ev.SettingChanged(name=name, value=value))


def set_status(state: State, key: str, status: str) -> Plan:
    """Move an entity along its lifecycle, refusing transitions the lifecycle lacks."""
    found = entity(state, key)
    kind = KINDS[found["kind"]]
    typed = status.strip()
    status = typed.lower().replace("-", "_").replace(" ", "_")
    status = STATUS_WORDS.get(status, status)
    current = found["status"]
    event_type = kind.transitions.get((current, status))
    if event_type is None:
        allowed = [b for (a, b) in kind.transitions if a == current]
        if not kind.transitions:
            raise ValidationError(
                "{kind.A} has no lifecycle to move along.", kind=Word(kind.name, "kind")
            )
        if status not in kind.statuses:
            raise ValidationError(
                "{status!r} is not a status of {kind.a} ({statuses}).",
                status=typed,
                kind=Word(kind.name, "kind"),
                statuses=[Word(s, "status") for s in kind.statuses],
            )
        if not allowed:
            raise ValidationError(
                "{key} is {current} and cannot become {status}; that is final.",
                key=key,
                current=Word(current, "status"),
                status=Word(status, "status"),
            )
        raise ValidationError(
            "{key} is {current} and cannot become {status}; it can become: {allowed}.",
            key=key,
            current=Word(current, "status"),
            status=Word(status, "status"),
            allowed=[Word(s, "status") for s in allowed],
        )
    if event_type == "StepReopened" and not found.get("recurring"):
        raise ValidationError("Process step {key} is done and does not recur.", key=key)
    if status in CLOSED:
        _nothing_open_below(state, found)
    return Plan(touches=[key]).add(state, kind.stream(key), ev.MODELS[event_type]())


def _nothing_open_below(state: State, found: Entity) -> None:
    """Refuse to retire a field of action or drop a goal while goals, measures or
    indicators below it are still open: they would stay in force under an entry
    that is not (the report would list them under a retired field)."""
    key = found["key"]
    open_ = [e["key"] for e in state.below(found) if _is_open(e)]
    if open_:
        shown = ", ".join(open_[:5]) + (f" … ({len(open_)})" if len(open_) > 5 else "")
        raise ValidationError(
            "{key} still has open entries below it ({keys}); close them or move them "
            "elsewhere first.",
            key=key,
            keys=shown,
        )


def _is_open(entity: Entity) -> bool:
    """Not at the end of its lifecycle: it can still move on (a goal achieved or
    dropped, a measure completed or stopped, an indicator retired cannot)."""
    status = entity["status"]
    return any(a == status for a, _ in KINDS[entity["kind"]].transitions)


def retire(state: State, key: str) -> Plan:
    found = entity(state, key)
    kind = KINDS[found["kind"]]
    if kind.retire_to is None:
        raise ValidationError("{kind.A} cannot be retired.", kind=Word(kind.name, "kind"))
    return set_status(state, key, kind.retire_to)


def record_value(
    state: State,
    key: str,
    year: int | str,
    raw: str | float,
    *,
    source: str = "",
    note: str = "",
    reopen: bool = False,
) -> Plan:
    """Record a year's value, or correct it: the earlier figure stays in the log."""
    found = _open_ref(state, key, "indicator")
    year_ = v.year(year)
    value = v.number(raw)
    previous = found["values"].get(str(year_))
    closed = year_ in state.closed_years
    plan = Plan(touches=[key])
    if closed and not reopen:
        raise ValidationError(
            "The year {year} is closed; correcting it needs --reopen and a reason.", year=year_
        )
    if previous == value:
        raise ValidationError(
            "{key} already has {value} for {year}; nothing to change.",
            key=key,
            value=value,
            year=year_,
        )
    text_source, text_note = v.optional_text(source), v.optional_text(note)
    if previous is None and not closed:
        event: Event = ev.IndicatorValueRecorded(
            year=year_, value=value, source=text_source, note=text_note
        )
    else:
        event = ev.IndicatorValueCorrected(
            year=year_,
            value=value,
            previous=previous,
            source=text_source,
            note=text_note,
            closed_year=closed,
        )
    if closed:
        plan.needs_reason = Message("correcting the closed year {year}", year=year_)
    plan.value_years.append(year_)
    return plan.add(state, f"indicator:{key}", event)


def close_year(state: State, year: int | str) -> Plan:
    year_ = v.year(year)
    if year_ in state.closed_years:
        raise ValidationError("The year {year} is already closed.", year=year_)
    plan = Plan(needs_decision=Message("closing the year {year}", year=year_), closes_year=year_)
    return plan.add(state, "concept", ev.YearClosed(year=year_))


def grant(state: State, person: str, role: str) -> Plan:
    role = v.choice(("viewer", "editor", "admin"))(role)
    v.check_person(person)
    if role in state.people.get(person, []):
        raise ValidationError("{person} already has the role {role}.", person=person, role=role)
    return Plan().add(state, "people", ev.RoleGranted(person=person, role=role))  # type: ignore[arg-type]


def revoke(state: State, person: str, role: str) -> Plan:
    if role not in state.people.get(person, []):
        raise ValidationError("{person} does not have the role {role}.", person=person, role=role)
    admins = [p for p, roles in state.people.items() if "admin" in roles]
    if role == "admin" and admins == [person]:
        raise ValidationError(
            "{person} is the last admin; grant admin to someone else first.", person=person
        )
    return Plan().add(state, "people", ev.RoleRevoked(person=person, role=role))  # type: ignore[arg-type]


def authorise_key(state: State, person: str, public_key: str) -> Plan:
    """Let the holder of ``public_key`` log in to ``konzept serve-ssh`` as ``person``."""
    v.check_person(person)
    key = parse_public_key(public_key)
    holder = state.keys.get(key.fingerprint)
    if holder is not None:
        raise ValidationError(
            "The key {fingerprint} is already authorised for {person}; "
            "a key maps to one person only.",
            fingerprint=key.fingerprint,
            person=holder["person"],
        )
    event = ev.KeyAuthorised(
        person=person, fingerprint=key.fingerprint, public_key=key.line, comment=key.comment
    )
    return Plan().add(state, "people", event)


def revoke_key(state: State, person: str, fingerprint: str | None = None) -> Plan:
    """Stop one key (or, without a fingerprint, every key) from logging ``person`` in."""
    mine = sorted(fp for fp, k in state.keys.items() if k["person"] == person)
    if fingerprint is None:
        if not mine:
            raise ValidationError("{person} has no authorised key.", person=person)
        chosen = mine
    else:
        fp = fingerprint if fingerprint.startswith("SHA256:") else f"SHA256:{fingerprint}"
        holder = state.keys.get(fp)
        if holder is None:
            raise ValidationError(
                "No authorised key has the fingerprint {fingerprint}.", fingerprint=fp
            )
        if holder["person"] != person:
            raise ValidationError(
                "The key {fingerprint} belongs to {holder}, not {person}.",
                fingerprint=fp,
                holder=holder["person"],
                person=person,
            )
        chosen = [fp]
    plan = Plan()
    for fp in chosen:
        plan.add(state, "people", ev.KeyRevoked(person=person, fingerprint=fp))
    return plan
