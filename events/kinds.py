"""The kinds of entity: their attributes, lifecycles and the events that change them.

This table is the single source of the domain rules that the CLI, the UI forms and
``konzept set`` share: what can be set, how a typed value is parsed, what it must
refer to, which status may follow which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import catalog as ev
from . import values as v
from .models import Event

ACTOR_KINDS = (
    "department",
    "political_body",
    "municipality",
    "public_agency",
    "association",
    "migrant_organisation",
    "volunteer_group",
    "education_provider",
    "other",
)
DIRECTIONS = ("up", "down", "keep")
DECISION_BODIES = ("Kreistag", "Kreisausschuss", "committee", "administration")
#: Statuses after which an entity may no longer be referred to by new things.
CLOSED = frozenset({"retired", "dropped", "stopped", "terminated", "expired"})


@dataclass(frozen=True)
class Attr:
    """A settable attribute: how to parse it, which event sets it, what it refers to."""

    name: str
    event: type[Event]
    parse: v.Parser
    ref: str | None = None  # kind of entity the value names (a key or list of keys)


@dataclass(frozen=True)
class Kind:
    name: str
    created: type[Event]
    attrs: dict[str, Attr]
    #: (from status, to status) → event
    transitions: dict[tuple[str, str], type[Event]] = field(default_factory=dict)
    retire_to: str | None = None

    def stream(self, key: str) -> str:
        return f"{self.name}:{key}"

    @property
    def statuses(self) -> list[str]:
        seen: list[str] = []
        for a, b in self.transitions:
            for s in (a, b):
                if s not in seen:
                    seen.append(s)
        return seen


def _attrs(*attrs: Attr) -> dict[str, Attr]:
    return {a.name: a for a in attrs}


KINDS: dict[str, Kind] = {
    "field": Kind(
        "field",
        ev.FieldAdded,
        _attrs(
            Attr("title", ev.FieldRetitled, v.title),
            Attr("description", ev.FieldRedescribed, v.optional_text),
        ),
        {("active", "retired"): ev.FieldRetired},
        retire_to="retired",
    ),
    "goal": Kind(
        "goal",
        ev.GoalAdded,
        _attrs(
            Attr("title", ev.GoalReworded, v.title),
            Attr("description", ev.GoalRedescribed, v.optional_text),
            Attr("field", ev.GoalMoved, v.check_key, ref="field"),
            Attr("parent", ev.GoalParentChanged, v.optional_key, ref="goal"),
            Attr("target_year", ev.GoalTargetYearChanged, v.optional_year),
        ),
        {
            ("draft", "adopted"): ev.GoalAdopted,
            ("draft", "dropped"): ev.GoalDropped,
            ("adopted", "achieved"): ev.GoalAchieved,
            ("adopted", "dropped"): ev.GoalDropped,
        },
        retire_to="dropped",
    ),
    "measure": Kind(
        "measure",
        ev.MeasureAdded,
        _attrs(
            Attr("title", ev.MeasureRetitled, v.title),
            Attr("description", ev.MeasureRedescribed, v.optional_text),
            Attr("goal", ev.MeasureReassigned, v.check_key, ref="goal"),
            Attr("responsible", ev.MeasureResponsibleChanged, v.optional_key, ref="actor"),
            Attr("partners", ev.MeasurePartnersChanged, v.key_list, ref="actor"),
            Attr("start", ev.MeasureStartRescheduled, v.optional_date),
            Attr("end", ev.MeasureEndRescheduled, v.optional_date),
        ),
        {
            ("planned", "running"): ev.MeasureStarted,
            ("planned", "stopped"): ev.MeasureStopped,
            ("running", "completed"): ev.MeasureCompleted,
            ("running", "stopped"): ev.MeasureStopped,
        },
        retire_to="stopped",
    ),
    "indicator": Kind(
        "indicator",
        ev.IndicatorAdded,
        _attrs(
            Attr("name", ev.IndicatorRenamed, v.title),
            Attr("definition", ev.IndicatorRedefined, v.optional_text),
            Attr("unit", ev.IndicatorUnitChanged, lambda s: v.text(s, what="unit")),
            Attr("direction", ev.IndicatorDirectionChanged, v.choice(DIRECTIONS)),
            Attr("baseline", ev.IndicatorBaselineChanged, v.year_value),
            Attr("target", ev.IndicatorTargetChanged, v.year_value),
            Attr("source", ev.IndicatorSourceChanged, v.optional_text),
            Attr("weight", ev.IndicatorWeightChanged, v.number),
            Attr("goal", ev.IndicatorReassigned, v.check_key, ref="goal"),
        ),
        {("active", "retired"): ev.IndicatorRetired},
        retire_to="retired",
    ),
    "actor": Kind(
        "actor",
        ev.ActorAdded,
        _attrs(
            Attr("name", ev.ActorRenamed, v.title),
            Attr("actor_kind", ev.ActorKindChanged, v.choice(ACTOR_KINDS)),
            Attr("contact", ev.ActorContactChanged, v.optional_text),
        ),
        {("active", "retired"): ev.ActorRetired},
        retire_to="retired",
    ),
    "agreement": Kind(
        "agreement",
        ev.AgreementAdded,
        _attrs(
            Attr("title", ev.AgreementRetitled, v.title),
            Attr("parties", ev.AgreementPartiesChanged, v.key_list, ref="actor"),
            Attr("goals", ev.AgreementGoalsLinked, v.key_list, ref="goal"),
            Attr("measures", ev.AgreementMeasuresLinked, v.key_list, ref="measure"),
            Attr("valid_from", ev.AgreementValidFromChanged, v.optional_date),
            Attr("valid_until", ev.AgreementValidityExtended, v.optional_date),
            Attr("review", ev.AgreementReviewScheduled, v.optional_date),
        ),
        {
            ("draft", "negotiating"): ev.AgreementNegotiationStarted,
            ("draft", "terminated"): ev.AgreementTerminated,
            ("negotiating", "signed"): ev.AgreementSigned,
            ("negotiating", "terminated"): ev.AgreementTerminated,
            ("signed", "expired"): ev.AgreementExpired,
            ("signed", "terminated"): ev.AgreementTerminated,
        },
        retire_to="terminated",
    ),
    "decision": Kind(
        "decision",
        ev.DecisionRecorded,
        _attrs(
            Attr("title", ev.DecisionCorrected, v.title),
            Attr("body", ev.DecisionCorrected, lambda s: v.text(s, what="body")),
            Attr("date", ev.DecisionCorrected, v.iso_date),
            Attr("reference", ev.DecisionCorrected, v.optional_text),
            Attr("outcome", ev.DecisionCorrected, v.optional_text),
            Attr("link", ev.DecisionCorrected, v.optional_text),
        ),
    ),
    "step": Kind(
        "step",
        ev.StepAdded,
        _attrs(Attr("title", ev.StepRetitled, v.title)),
        {
            ("open", "in_progress"): ev.StepStarted,
            ("in_progress", "done"): ev.StepCompleted,
            ("done", "in_progress"): ev.StepReopened,
        },
    ),
}

#: The German status words the UI shows, accepted as input too (``konzept status X beschlossen``).
STATUS_WORDS = {
    "aktiv": "active",
    "außer_kraft": "retired",
    "entwurf": "draft",
    "beschlossen": "adopted",
    "erreicht": "achieved",
    "aufgegeben": "dropped",
    "geplant": "planned",
    "laufend": "running",
    "abgeschlossen": "completed",
    "eingestellt": "stopped",
    "in_verhandlung": "negotiating",
    "unterzeichnet": "signed",
    "ausgelaufen": "expired",
    "beendet": "terminated",
    "offen": "open",
    "in_arbeit": "in_progress",
    "erledigt": "done",
}

#: Attributes of the concept itself (``konzept set concept ATTR VALUE``).
CONCEPT_ATTRS: dict[str, v.Parser] = {
    "title": v.title,
    "territory": v.optional_text,
    "population": v.optional_positive_int,
    "area_km2": v.optional_positive_number,
    "language": v.choice(("de", "en")),
}

#: Store settings (``konzept set settings NAME VALUE``).
SETTINGS: dict[str, v.Parser] = {
    "require_reason": v.boolean,
    "allow_actor_override": v.boolean,
    "tolerance": v.number,
}

#: ``--kind`` names on the CLI → the ``actor_kind`` attribute; friendly aliases.
ATTR_ALIASES = {
    "kind": "actor_kind",
    "valid-from": "valid_from",
    "valid-until": "valid_until",
    "target-year": "target_year",
    "area": "area_km2",
}


def attr_name(name: str) -> str:
    name = name.strip().lower()
    return ATTR_ALIASES.get(name, name.replace("-", "_"))


def kind_of(entity: dict[str, Any]) -> Kind:
    return KINDS[entity["kind"]]
