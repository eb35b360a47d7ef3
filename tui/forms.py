"""Edit forms as data: which fields a form has and which command it runs.

Nothing here knows a rule of the domain. A field is checked with the parser the
command layer uses for that attribute (``events/kinds.py``, ``events/values.py``), and
the whole form is checked by planning the real command (see :mod:`.drafts`), so the
UI can never accept what ``konzept`` on the command line would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from konzept.events import commands as cmd
from konzept.events import values as v
from konzept.events.errors import ValidationError
from konzept.events.kinds import ACTOR_KINDS, CONCEPT_ATTRS, DECISION_BODIES, DIRECTIONS, KINDS
from konzept.events.state import Entity, State
from konzept.projections.i18n import t
from konzept.projections.render import safe

from .compose import set_attributes
from .text import obligation_choice

CHOICES: dict[str, tuple[str, ...]] = {
    "direction": DIRECTIONS,
    "actor_kind": ACTOR_KINDS,
    "language": ("de", "en"),
}
#: Placeholders by parser: the format a field wants, shown while it is empty.
HINTS: dict[v.Parser, str] = {
    v.year_value: "ui_hint_year_value",
    v.iso_date: "ui_hint_date",
    v.optional_date: "ui_hint_date",
    v.year: "ui_hint_year",
    v.optional_year: "ui_hint_year",
    v.number: "ui_hint_number",
    v.check_key: "ui_hint_key",
    v.optional_key: "ui_hint_key",
}
#: Fields whose words are not attribute names of the domain.
WORDS = {"year": "ui_year", "note": "ui_note", "reopen": "ui_reopen", "goals": "ui_goals"}
#: The cells a choice's label may take. At 80 columns the edit dialog's choice shows
#: 57 (beside the 16-cell labels), its open list 58 beside a scrollbar: one to spare.
CHOICE_WIDTH = 56


@dataclass(frozen=True)
class Field:
    """One input of a form."""

    name: str
    required: bool = False
    choices: tuple[str, ...] = ()
    #: What each choice is shown as, when not the choice itself (an obligation's number
    #: with its text); empty: the choice, or its word for values that are words.
    labels: tuple[str, ...] = ()
    ref: str | None = None  # kind of entity whose keys are offered while typing
    multi: bool = False  # a comma-separated list of keys
    flag: bool = False  # yes / no
    hints: tuple[str, ...] = ()  # suggestions for free text
    arg: str | None = None  # the command's keyword when it differs from ``name``
    parse: v.Parser | None = None

    @property
    def word(self) -> str:
        return WORDS.get(self.name, self.name)

    @property
    def hint(self) -> str | None:
        """The i18n word of a placeholder showing the format the parser reads."""
        if self.multi:
            return "ui_hint_keys"
        return HINTS.get(self.parse) if self.parse is not None else None


@dataclass(frozen=True)
class Call:
    """A command of ``events/commands.py`` with its arguments, ready to plan or run."""

    command: Callable[..., cmd.Plan]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Form:
    """What a dialog edits: its fields, their first values, and the stream it saw."""

    op: str  # add | set | status | record | obligation | fulfil | concept | close_year | revert
    kind: str
    key: str | None
    fields: tuple[Field, ...]
    initial: Mapping[str, str]
    stream: str | None = None
    #: The stream's version when the form was opened: a later one is someone else's.
    seen: int = 0
    #: Lines shown above the fields (a revert: what it will write).
    notes: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def check_field(self, name: str, raw: str, lang: str) -> str | None:
        """The parser's sentence in ``lang`` if the typed value is wrong, else None."""
        spec = self.field(name)
        if spec.choices:
            return t(lang, "ui_choose_one") if spec.required and not raw else None
        if spec.flag or spec.parse is None:
            return None
        if not raw.strip() and not spec.required and self.op not in ("set", "concept"):
            return None
        try:
            spec.parse(raw)
        except ValidationError as exc:
            return exc.text(lang)
        return None

    def changes(self, values: Mapping[str, str]) -> dict[str, str]:
        """The fields of an edit form that differ from what the form was opened with."""
        return {
            f.name: values[f.name]
            for f in self.fields
            if values[f.name].strip() != self.initial.get(f.name, "").strip()
        }

    def call(self, values: Mapping[str, str]) -> Call:
        """The command this form runs with the typed values."""
        key = self.key or ""
        if self.op == "add":
            kwargs = _kwargs(self.fields, values)
            return Call(ADD_COMMANDS[self.kind], (kwargs.pop("key"),), kwargs)
        if self.op in ("set", "concept"):
            return Call(set_attributes, (key, self.changes(values)))
        if self.op == "status":
            return Call(cmd.set_status, (key, values["status"]))
        if self.op == "record":
            return Call(
                cmd.record_value,
                (key, values["year"], values["value"]),
                {
                    "source": values["source"],
                    "note": values["note"],
                    "reopen": values["reopen"] == "yes",
                },
            )
        if self.op == "obligation":
            return Call(cmd.add_obligation, (key,), _kwargs(self.fields, values))
        if self.op == "fulfil":
            return Call(cmd.fulfil_obligation, (key, int(values["number"] or 0)))
        if self.op == "close_year":
            return Call(cmd.close_year, (values["year"],))
        raise ValueError(f"unknown form {self.op}")


def _kwargs(fields: tuple[Field, ...], values: Mapping[str, str]) -> dict[str, Any]:
    """Typed values as keyword arguments; an empty optional field keeps the default."""
    kwargs: dict[str, Any] = {}
    for spec in fields:
        raw = values[spec.name].strip()
        if not raw and not spec.required:
            continue
        if spec.multi:
            kwargs[spec.arg or spec.name] = [p.strip() for p in raw.split(",") if p.strip()]
        else:
            kwargs[spec.arg or spec.name] = raw
    return kwargs


# --- the forms ---------------------------------------------------------------------------

ADD_COMMANDS: dict[str, Callable[..., cmd.Plan]] = {
    "field": cmd.add_field,
    "goal": cmd.add_goal,
    "measure": cmd.add_measure,
    "indicator": cmd.add_indicator,
    "actor": cmd.add_actor,
    "agreement": cmd.add_agreement,
    "decision": cmd.add_decision,
}
#: Fields of the add forms after the key, in order: (attribute name, required).
_ADD: dict[str, tuple[tuple[str, bool], ...]] = {
    "field": (("title", True), ("description", False)),
    "goal": (
        ("field", True),
        ("parent", False),
        ("title", True),
        ("target_year", False),
        ("description", False),
    ),
    "measure": (
        ("goal", True),
        ("title", True),
        ("description", False),
        ("responsible", False),
        ("partners", False),
        ("start", False),
        ("end", False),
    ),
    "indicator": (
        ("goal", True),
        ("name", True),
        ("unit", True),
        ("direction", True),
        ("baseline", False),
        ("target", False),
        ("source", False),
        ("definition", False),
        ("weight", False),
    ),
    "actor": (("name", True), ("actor_kind", True), ("contact", False)),
    "agreement": (
        ("title", True),
        ("parties", True),
        ("goals", False),
        ("measures", False),
        ("valid_from", False),
        ("valid_until", False),
        ("review", False),
    ),
    "decision": (
        ("body", True),
        ("date", True),
        ("title", True),
        ("reference", False),
        ("outcome", False),
        ("link", False),
    ),
}


def attribute_field(kind: str, name: str, required: bool = False) -> Field:
    """A field for an attribute of a kind, checked by that attribute's parser."""
    attr = KINDS[kind].attrs[name]
    multi = attr.parse is v.key_list
    return Field(
        name,
        required=required,
        choices=CHOICES.get(name, ()),
        ref=attr.ref,
        multi=multi,
        hints=DECISION_BODIES if name == "body" else (),
        arg="kind" if name == "actor_kind" else None,
        parse=attr.parse,
    )


def add_form(kind: str, initial: Mapping[str, str] | None = None) -> Form:
    """A form that creates an entity of ``kind`` (fields may be pre-filled from context)."""
    fields = [Field("key", required=True, parse=v.check_key)]
    fields += [attribute_field(kind, name, required) for name, required in _ADD[kind]]
    values = {f.name: "" for f in fields}
    for f in fields:
        if f.choices:
            values[f.name] = f.choices[0]
    values.update(initial or {})
    return Form("add", kind, None, tuple(fields), values, stream=None)


def edit_form(state: State, entity: Entity) -> Form:
    """A form with every settable attribute of an entity, opened at its current values."""
    kind = entity["kind"]
    fields = tuple(attribute_field(kind, name) for name in KINDS[kind].attrs)
    initial = {f.name: as_input(entity.get(f.name)) for f in fields}
    return _on_stream(state, "set", entity, fields, initial)


def status_form(state: State, entity: Entity) -> Form:
    options = next_statuses(entity)
    fields = (Field("status", required=True, choices=options),)
    # Nothing chosen yet: pressing s and then Strg+S must not move a lifecycle by itself.
    return _on_stream(state, "status", entity, fields, {"status": ""})


def record_form(state: State, entity: Entity, year: int) -> Form:
    fields = (
        Field("year", required=True, parse=v.year),
        Field("value", required=True, parse=v.number),
        Field("source", parse=v.optional_text),
        Field("note", parse=v.optional_text),
        Field("reopen", flag=True),
    )
    initial = {"year": str(year), "value": "", "source": "", "note": "", "reopen": "no"}
    return _on_stream(state, "record", entity, fields, initial)


def obligation_form(state: State, entity: Entity) -> Form:
    fields = (
        Field("party", required=True, choices=tuple(entity.get("parties", []))),
        Field("what", required=True, parse=lambda s: v.text(s, what="obligation")),
        Field("due", parse=v.optional_date),
    )
    parties = entity.get("parties") or [""]
    return _on_stream(state, "obligation", entity, fields, {"party": parties[0], "what": ""})


def fulfil_form(state: State, entity: Entity, lang: str) -> Form:
    """Mark an open obligation fulfilled: each is offered by its number and what it
    says (a number alone does not tell which one is meant)."""
    open_ = [o for o in entity.get("obligations", []) if not o["fulfilled"]]
    numbers = tuple(str(o["number"]) for o in open_)
    labels = tuple(obligation_choice(o, lang, CHOICE_WIDTH) for o in open_)
    fields = (Field("number", required=True, choices=numbers, labels=labels),)
    return _on_stream(state, "fulfil", entity, fields, {"number": numbers[0] if numbers else ""})


def concept_form(state: State) -> Form:
    fields = tuple(
        Field(name, choices=CHOICES.get(name, ()), parse=parse)
        for name, parse in CONCEPT_ATTRS.items()
    )
    initial = {f.name: as_input(state.concept.get(f.name)) for f in fields}
    return Form(
        "concept",
        "concept",
        "concept",
        fields,
        initial,
        "concept",
        state.versions.get("concept", 0),
    )


def close_year_form(state: State, year: int | None) -> Form:
    """Close a year: its values are locked. The decision it needs is the change record's
    decision field, required by the command layer (``Plan.needs_decision``)."""
    fields = (Field("year", required=True, parse=v.year),)
    initial = {"year": "" if year is None else str(year)}
    return Form("close_year", "concept", "concept", fields, initial, "concept",
                state.versions.get("concept", 0))  # fmt: skip


def revert_form(kind: str, key: str, position: int, lines: list[str], reopen: bool = False) -> Form:
    """Revert the event at ``position``: only the change record (its reason is required
    by the command layer), and for a value of a closed year the box that allows the
    correction; ``lines`` are the planned events in words."""
    fields = (Field("reopen", flag=True),) if reopen else ()
    initial = {"position": str(position)} | ({"reopen": "no"} if reopen else {})
    return Form("revert", kind, key, fields, initial, notes=tuple(lines))


def year_to_close(state: State, this_year: int, first_year: int) -> int | None:
    """The year a close is most likely meant for: the one after the latest closed year
    (years are closed in order, once the committee has reviewed their report), or last
    year if none is closed yet; None when that would be this year or later, or before
    ``first_year``, when the record begins (closing such a year is refused)."""
    closed = state.closed_years
    year = max(closed) + 1 if closed else this_year - 1
    return year if first_year <= year < this_year else None


def _on_stream(
    state: State, op: str, entity: Entity, fields: tuple[Field, ...], initial: dict[str, str]
) -> Form:
    kind, key = entity["kind"], entity["key"]
    stream = KINDS[kind].stream(key)
    values = {f.name: "" for f in fields} | initial
    return Form(op, kind, key, fields, values, stream, state.versions.get(stream, 0))


def next_statuses(entity: Entity) -> tuple[str, ...]:
    """The statuses the lifecycle allows from the entity's current one."""
    return tuple(b for (a, b) in KINDS[entity["kind"]].transitions if a == entity["status"])


def as_input(value: Any) -> str:
    """A stored value as the text its parser reads back (``2030=50``, ``A1, A2``).

    Control characters (only an imported log can hold them) come out as ``\\xNN``: an
    input field must never send them to the terminal.
    """
    return safe(_as_text(value))


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict) and set(value) == {"year", "value"}:
        return f"{value['year']}={value['value']}"
    return str(value)
