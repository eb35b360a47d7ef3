"""Refusals said in the form's words: "Begründung ausfüllen" rather than ``--reason``.

The command layer's refusals name the command line's flags, since that is where most
of them are read. A form has fields instead, so the few refusals that name a flag are
said here with the field's name. Only the wording differs: the rule, and the decision
to refuse, stay in events/ (the same exception, the same parameters); a test checks
that every template named here is still one the command layer raises.
"""

from __future__ import annotations

from konzept.events import messages
from konzept.events.errors import KonzeptError, Message, Param, Word
from konzept.projections.i18n import t

#: The command layer's English template → the i18n word that says it with field names.
FORM_WORDS: dict[str, str] = {
    "The year {year} is closed; correcting it needs --reopen and a reason.": "ui_no_closed_year",
    "A reason is required for {change} (--reason).": "ui_no_reason",
    "A decision is required for {change} (--decision).": "ui_no_decision",
    "This store requires a reason for every change (--reason).": "ui_no_reason_store",
    "A revert needs its own reason (--reason).": "ui_no_revert_reason",
    "An agreement needs at least one party (--party ACTOR).": "ui_no_party",
}


def refusal(exc: KonzeptError, lang: str) -> str:
    """The refusal in ``lang``, with form fields where the command layer names flags."""
    word = FORM_WORDS.get(exc.template)
    if word is None:
        return exc.text(lang)
    params = {name: _param(value, lang) for name, value in exc.params.items()}
    return t(lang, word, **params)


def _param(value: Param, lang: str) -> object:
    if isinstance(value, Word):
        return messages.word(lang, value.group, value.name)
    if isinstance(value, Message | KonzeptError):
        return value.text(lang)
    return value
