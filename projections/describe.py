"""One line in words for each event: what the change log, history and report print.

Attribute changes carry their previous value in the event (see ``AttributeSet``), so a
line like "Zielwert: 40 (2025) → 50 (2030)" needs nothing but the event itself.
"""

from __future__ import annotations

from typing import Any, Protocol

from konzept.events.state import SPECS
from konzept.events.types import TYPES, reverted_position

from .i18n import cap, t


def fmt(value: Any, lang: str = "de") -> str:
    """A stored value as people read it: numbers with a decimal comma in German."""
    if type(value) is str:  # most values: titles, descriptions, dates, keys
        return value or t(lang, "none")
    if value is None or value == []:
        return t(lang, "none")
    if isinstance(value, bool):
        return t(lang, "yes" if value else "no")
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return _german_number(text) if lang == "de" else text
    if isinstance(value, int):
        return _german_number(f"{value:,}") if lang == "de" else f"{value:,}"
    if isinstance(value, dict) and set(value) == {"year", "value"}:
        return f"{fmt(value['value'], lang)} ({value['year']})"
    if isinstance(value, list):
        return ", ".join(fmt(v, lang) for v in value)
    return str(value)


#: Attributes that hold a calendar year: shown as 2030, never as "2.030".
YEAR_ATTRIBUTES = frozenset({"target_year"})


def fmt_attribute(name: str, value: Any, lang: str = "de") -> str:
    """A value of the named attribute as people read it (years without separators)."""
    if name in YEAR_ATTRIBUTES and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fmt(value, lang)


def _german_number(text: str) -> str:
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


class Described(Protocol):
    """What a one-line summary needs of an event: a stored :class:`Envelope`, or the
    lean entries a diff reads (:class:`konzept.projections.diff.Entry`)."""

    @property
    def type(self) -> str: ...

    @property
    def data(self) -> dict[str, Any]: ...


def summary(envelope: Described, lang: str = "de") -> str:
    """What this event did, in one line."""
    return summary_of(envelope.type, envelope.data, lang)


def summary_of(type_: str, data: dict[str, Any], lang: str = "de") -> str:
    """:func:`summary` of an event given as its type and (current) payload."""
    name = _SETS.get(type_)
    if name is not None and len(data) == 2:
        # Most changes of a busy year: one text attribute set to another text. A
        # year's change log words 100k of them; this is the general line below, in
        # a third of its time.
        old, new = data.get("previous"), data.get(name)
        if type(old) is str and old and type(new) is str and new:
            label = _LABELS.get((lang, name))
            if label is None:
                label = _LABELS[lang, name] = cap(t(lang, name))
            return f"{label}: {old} → {new}"
    spec = SPECS[type_]
    kind = spec.kind
    if spec.effect == "create":
        label = data.get("title") or data.get("name") or ""
        return f"{t(lang, kind)} {t(lang, 'added')}: {label}"
    if spec.effect == "set":
        attrs = [k for k in data if k != "previous"]
        name = attrs[0] if attrs else "?"
        old, new = (
            fmt_attribute(name, data.get("previous"), lang),
            fmt_attribute(name, data.get(name), lang),
        )
        return f"{cap(t(lang, name))}: {old} → {new}"
    if spec.effect == "status":
        return f"{t(lang, kind)} {t(lang, spec.status)}"
    return _special(type_, data, lang)


#: Event type → the one attribute it sets, for the non-partial ``set`` types.
_SETS = {name: facts.sets for name, facts in TYPES.items() if facts.effect == "set" and facts.sets}
#: (language, attribute) → the attribute's label, as a line starts with it.
_LABELS: dict[tuple[str, str], str] = {}


def _source(data: dict[str, Any], lang: str) -> str:
    """Where a figure comes from, and the note recorded with it: a reviewer's first
    questions. A revert's correction says which change it undoes."""
    source, note = data.get("source"), data.get("note")
    said = f" ({t(lang, 'source')}: {source})" if source else ""
    if note:
        undone = reverted_position(note)
        if undone is not None:
            said += f" ({t(lang, 'value_reverts', position=undone)})"
        else:
            said += f" ({t(lang, 'value_note')}: {note})"
    return said


def _special(type_: str, data: dict[str, Any], lang: str) -> str:
    if type_ == "IndicatorValueRecorded":
        text = t(lang, "value_recorded", year=data["year"], value=fmt(data["value"], lang))
        return text + _source(data, lang)
    if type_ == "IndicatorValueCorrected":
        text = t(
            lang,
            "value_corrected",
            year=data["year"],
            old=fmt(data.get("previous"), lang),
            new=fmt(data["value"], lang),
        )
        return text + _source(data, lang)
    if type_ == "IndicatorValueWithdrawn":
        return t(lang, "value_withdrawn", year=data["year"], old=fmt(data["previous"], lang))
    if type_ == "ObligationAdded":
        return t(
            lang, "obligation_added", number=data["number"], party=data["party"], what=data["what"]
        ) + (f" ({t(lang, 'due')} {data['due']})" if data.get("due") else "")
    if type_ == "ObligationFulfilled":
        return t(lang, "obligation_fulfilled", number=data["number"])
    if type_ == "YearClosed":
        return t(lang, "year_closed", year=data["year"])
    if type_ in ("RoleGranted", "RoleRevoked"):
        word = "role_granted" if type_ == "RoleGranted" else "role_revoked"
        return t(lang, word, person=data["person"], role=data["role"])
    if type_ in ("KeyAuthorised", "KeyRevoked"):
        word = "key_authorised" if type_ == "KeyAuthorised" else "key_revoked"
        return t(lang, word, person=data["person"], fingerprint=data["fingerprint"])
    if type_ == "SettingChanged":
        return t(lang, "setting_changed", name=data["name"], value=fmt(data["value"], lang))
    if type_ == "ConceptCreated":
        return t(lang, "concept_created", title=data["title"])
    if type_ == "ConceptDetailsChanged":
        return (
            t(lang, "concept_changed")
            + ": "
            + ", ".join(f"{t(lang, k)} {fmt(v, lang)}" for k, v in data.items())
        )
    if type_ == "StatusRestored":
        return f"{t(lang, 'status')} {t(lang, 'restored')} {t(lang, data['status'])}"
    return type_


def event_name(type_: str, lang: str = "de") -> str:
    """An event type as people name it ("Verpflichtung hinzugefügt"), where a sentence
    speaks of the type rather than of one event; an unknown type stays as it is."""
    word = _EVENT_WORDS.get(type_)
    if word is not None:
        return t(lang, word)
    spec = TYPES.get(type_)
    if spec is None or not spec.kind:
        return type_
    if spec.effect == "create":
        return f"{cap(t(lang, spec.kind))} {t(lang, 'added')}"
    if spec.effect == "status":
        return f"{cap(t(lang, spec.kind))} {t(lang, spec.status)}"
    if spec.effect == "set":  # a partial change of several details names the kind
        return f"{cap(t(lang, spec.sets or spec.kind))} {t(lang, 'changed')}"
    return type_


#: Event types whose name is not their kind and effect ("Maßnahme hinzugefügt").
_EVENT_WORDS = {
    "ConceptCreated": "ev_concept_created",
    "ConceptDetailsChanged": "concept_changed",
    "SettingChanged": "ev_setting_changed",
    "YearClosed": "ev_year_closed",
    "RoleGranted": "ev_role_granted",
    "RoleRevoked": "ev_role_revoked",
    "KeyAuthorised": "ev_key_authorised",
    "KeyRevoked": "ev_key_revoked",
    "IndicatorValueRecorded": "ev_value_recorded",
    "IndicatorValueCorrected": "ev_value_corrected",
    "IndicatorValueWithdrawn": "ev_value_withdrawn",
    "ObligationAdded": "ev_obligation_added",
    "ObligationFulfilled": "ev_obligation_fulfilled",
    "StatusRestored": "ev_status_restored",
}


def attributes_touched(envelope: Described) -> list[str]:
    """Which attributes of its entity an event sets (for diff and blame)."""
    spec = SPECS[envelope.type]
    if spec.effect == "set":
        return [k for k in envelope.data if k != "previous"]
    if spec.effect == "status" or envelope.type == "StatusRestored":
        return ["status"]
    if envelope.type.startswith("IndicatorValue"):
        return [f"values.{envelope.data['year']}"]
    if envelope.type.startswith("Obligation"):
        return [f"obligations.{envelope.data['number']}"]
    return []
