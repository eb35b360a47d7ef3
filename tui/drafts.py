"""A filled-in form, checked the way the command layer will check it when it is written.

:func:`check_draft` runs on every keystroke: the field parsers, then a dry run of the
real command (``Konzept.plan``) and the change record's checks (``Konzept.check``). What
it returns is either the first refusal, in the command layer's own words, or the
lines that the confirmation shows: exactly the events that will be written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from konzept.events import commands as cmd
from konzept.events import values as v
from konzept.events.envelope import Envelope
from konzept.events.errors import KonzeptError, ValidationError
from konzept.events.service import WriteMeta
from konzept.events.state import State
from konzept.projections.describe import summary
from konzept.projections.history import entry_word
from konzept.projections.i18n import t

from .forms import Call, Form, concept_form, edit_form
from .refusals import refusal


class Planner(Protocol):
    """What checking a draft needs of the backend (a protocol keeps this testable)."""

    def plan(self, command: Callable[..., cmd.Plan], *args: Any, **kwargs: Any) -> cmd.Plan: ...
    def check(self, plan: cmd.Plan, meta: WriteMeta) -> str: ...
    def meta(self, reason: str = "", effective: str = "", decision: str = "") -> WriteMeta: ...
    def state(self) -> State: ...
    def revert_plan(self, position: int, reopen: bool = False) -> cmd.Plan: ...


@dataclass(frozen=True)
class Draft:
    """The person's input: the form's values and the change record (why, from when, on what)."""

    form: Form
    values: dict[str, str]
    reason: str = ""
    effective: str = ""
    decision: str = ""
    #: The id of the widget the person was in when the form was left for the
    #: confirmation: going back puts them there again, not on the first field.
    focus: str = field(default="", compare=False)

    @classmethod
    def fresh(cls, form: Form) -> Draft:
        return cls(form, dict(form.initial))

    def seen_again(self, state: State) -> Draft:
        """The same input on a form that has now seen the stream's latest version.

        An edit form is reopened on the entity as it is now: fields the person did not
        touch show the other person's values, the ones they changed keep their input.
        """
        form = self.form
        if form.stream is None:
            return self
        mine = form.changes(self.values) if form.op in ("set", "concept") else {}
        fresh = None
        if form.op == "concept":
            fresh = concept_form(state)
        elif form.op == "set" and form.key in state.entities:
            fresh = edit_form(state, state.entities[form.key])
        if fresh is None:
            return replace(self, form=replace(form, seen=state.versions.get(form.stream, 0)))
        return replace(self, form=fresh, values={**fresh.initial, **mine})

    @property
    def expect_versions(self) -> dict[str, int] | None:
        return None if self.form.stream is None else {self.form.stream: self.form.seen}


@dataclass(frozen=True)
class Checked:
    """The verdict on a draft: field errors, one refusal, or the lines to be written."""

    field_errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    lines: list[str] = field(default_factory=list)
    effective: str = ""
    #: Nothing typed yet that would change anything: not an error, nothing to write.
    idle: bool = False

    @property
    def ok(self) -> bool:
        return not self.field_errors and self.error is None


def check_draft(planner: Planner, draft: Draft, lang: str) -> Checked:
    form = draft.form
    errors = {
        f.name: msg
        for f in form.fields
        if (msg := form.check_field(f.name, draft.values[f.name], lang))
    }
    for name, raw in (("effective", draft.effective), ("reason", draft.reason)):
        try:
            v.optional_date(raw) if name == "effective" else v.optional_text(raw)
        except ValidationError as exc:
            errors[name] = exc.text(lang)
    if errors:
        return Checked(field_errors=errors)
    if form.op in ("set", "concept") and not form.changes(draft.values):
        return Checked(error=t(lang, "ui_nothing_changed"), idle=True)
    try:
        plan = plan_of(planner, draft)
        effective = planner.check(plan, meta_of(planner, draft))
    except KonzeptError as exc:
        return Checked(error=refusal(exc, lang))
    return Checked(lines=plan_lines(plan, lang), effective=effective)


def plan_of(planner: Planner, draft: Draft) -> cmd.Plan:
    """A dry run of what the draft would write (a revert is planned from the log)."""
    if draft.form.op == "revert":
        return planner.revert_plan(int(draft.values["position"]), reopens(draft))
    call = draft.form.call(draft.values)
    return planner.plan(call.command, *call.args, **call.kwargs)


def reopens(draft: Draft) -> bool:
    """Whether the person ticked that a closed year's value may change (record, revert)."""
    return draft.values.get("reopen") == "yes"


def meta_of(planner: Planner, draft: Draft) -> WriteMeta:
    return planner.meta(draft.reason, draft.effective, draft.decision)


def call_of(draft: Draft) -> Call:
    return draft.form.call(draft.values)


def plan_lines(plan: cmd.Plan, lang: str) -> list[str]:
    """One line in words per planned event, as the change log will show it."""
    lines = []
    for part in plan.parts:
        for event in part.events:
            envelope = Envelope(
                0, "", part.stream, 0, event.type_name(), event.schema_version,
                event.payload(), "", "", "", "", None, "", "",
            )  # fmt: skip
            word = entry_word(envelope, lang)
            lines.append(f"{word}: {summary(envelope, lang)}")
    return lines
