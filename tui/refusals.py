"""Refusals said in the form's words: "Begründung ausfüllen" rather than ``--reason``.

The command layer's refusals name the command line's flags, since that is where most
of them are read. A form has fields instead, so the few refusals that name a flag are
said here with the field's name. Only the wording differs: the rule, and the decision
to refuse, stay in events/ (the same exception, the same parameters); a test checks
that every template named here is still one the command layer raises. Refusals that
name an event type say its name ("Verpflichtung hinzugefügt"), and the UI says why an
edit is not possible before it is tried: a read-only view, or a change of the concept
or the people list, which no revert takes back.
"""

from __future__ import annotations

from typing import Protocol

from konzept.events import messages
from konzept.events.envelope import Envelope
from konzept.events.errors import KonzeptError, Message, Param, Word
from konzept.events.state import State
from konzept.projections.describe import event_name
from konzept.projections.i18n import t

from .model import ConceptView

#: The command layer's English template → the i18n word that says it with field names.
FORM_WORDS: dict[str, str] = {
    "The year {year} is closed; correcting it needs --reopen and a reason.": "ui_no_closed_year",
    "A reason is required for {change} (--reason).": "ui_no_reason",
    "A decision is required for {change} (--decision).": "ui_no_decision",
    "This store requires a reason for every change (--reason).": "ui_no_reason_store",
    "A revert needs its own reason (--reason).": "ui_no_revert_reason",
    "An agreement needs at least one party (--party ACTOR).": "ui_no_party",
}
#: Refusals that name an event by its type ("ObligationAdded"): said with its name.
TYPE_WORDS: dict[str, str] = {"A {type} event cannot be reverted.": "ui_no_revert_type"}


def refusal(exc: KonzeptError, lang: str) -> str:
    """The refusal in ``lang``, with form fields where the command layer names flags
    and an event type's name where it names the type."""
    word = FORM_WORDS.get(exc.template) or TYPE_WORDS.get(exc.template)
    if word is None:
        return exc.text(lang)
    params = {name: _param(value, lang) for name, value in exc.params.items()}
    if isinstance(kind := exc.params.get("type"), str):  # an event type, as people name it
        params["type"] = event_name(kind, lang)
    return t(lang, word, **params)


def revert_refusal(envelope: Envelope, lang: str) -> str | None:
    """Why a change of the concept itself or of the people list is not reverted, said
    before asking the command layer (which only knows the position has no entity)."""
    if envelope.stream == "people":
        return t(lang, "ui_no_revert_people")
    if envelope.stream == "concept":
        return t(lang, "ui_no_revert_type", type=event_name(envelope.type, lang))
    return None


def _param(value: Param, lang: str) -> object:
    if isinstance(value, Word):
        return messages.word(lang, value.group, value.name)
    if isinstance(value, Message | KonzeptError):
        return value.text(lang)
    return value


class Reader(Protocol):
    """What saying why the concept is read-only needs of the backend."""

    actor: str

    @property
    def readonly(self) -> bool: ...
    def state(self) -> State: ...


def read_only_reason(backend: Reader, view: ConceptView | None, can_edit: bool, lang: str) -> str:
    """Why an edit key does nothing here: time travel, the person's role, or the store.

    Said when such a key is pressed, since a key that silently does nothing reads as
    a broken one; "" when edits are possible (a key then does nothing for another
    reason, such as a value key on a measure).
    """
    if view is not None and view.time_travel:
        return t(lang, "ui_read_only_travel", date=view.as_of)
    if can_edit or view is None:
        return ""
    if backend.readonly:
        return t(lang, "ui_read_only_store")
    roles = backend.state().people.get(backend.actor) or []
    if roles:
        return t(lang, "ui_read_only_role", role=", ".join(roles))
    return t(lang, "ui_read_only_no_role", actor=backend.actor)
