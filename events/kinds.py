"""The kinds of entity: their attributes, lifecycles and the events that change them.

This table is the single source of the domain rules that the CLI, the UI forms and
``konzept set`` share: what can be set, how a typed value is parsed, what it must
refer to, which status may follow which. Events are named by type, not by model, so
the read side (statuses, attribute names) loads this table without pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import values as v

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
    #: The event type that sets it (its model is ``catalog.MODELS[event]``).
    event: str
    parse: v.Parser
    ref: str | None = None  # kind of entity the value names (a key or list of keys)


@dataclass(frozen=True)
class Kind:
    name: str
    created: str
    attrs: dict[str, Attr]
    #: (from status, to status) → event type
    transitions: dict[tuple[str, str], str] = field(default_factory=dict)
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
        "FieldAdded",
        _attrs(
            Attr("title", "FieldRetitled", v.title),
            Attr("description", "FieldRedescribed", v.optional_text),
        ),
        {("active", "retired"): "FieldRetired"},
        retire_to="retired",
    ),
    "goal": Kind(
        "goal",
        "GoalAdded",
        _attrs(
            Attr("title", "GoalReworded", v.title),
            Attr("description", "GoalRedescribed", v.optional_text),
            Attr("field", "GoalMoved", v.check_key, ref="field"),
            Attr("parent", "GoalParentChanged", v.optional_key, ref="goal"),
            Attr("target_year", "GoalTargetYearChanged", v.optional_year),
        ),
        {
            ("draft", "adopted"): "GoalAdopted",
            ("draft", "dropped"): "GoalDropped",
            ("adopted", "achieved"): "GoalAchieved",
            ("adopted", "dropped"): "GoalDropped",
        },
        retire_to="dropped",
    ),
    "measure": Kind(
        "measure",
        "MeasureAdded",
        _attrs(
            Attr("title", "MeasureRetitled", v.title),
            Attr("description", "MeasureRedescribed", v.optional_text),
            Attr("goal", "MeasureReassigned", v.check_key, ref="goal"),
            Attr("responsible", "MeasureResponsibleChanged", v.optional_key, ref="actor"),
            Attr("partners", "MeasurePartnersChanged", v.key_list, ref="actor"),
            Attr("start", "MeasureStartRescheduled", v.optional_date),
            Attr("end", "MeasureEndRescheduled", v.optional_date),
        ),
        {
            ("planned", "running"): "MeasureStarted",
            ("planned", "stopped"): "MeasureStopped",
            ("running", "completed"): "MeasureCompleted",
            ("running", "stopped"): "MeasureStopped",
        },
        retire_to="stopped",
    ),
    "indicator": Kind(
        "indicator",
        "IndicatorAdded",
        _attrs(
            Attr("name", "IndicatorRenamed", v.title),
            Attr("definition", "IndicatorRedefined", v.optional_text),
            Attr("unit", "IndicatorUnitChanged", lambda s: v.text(s, what="unit")),
            Attr("direction", "IndicatorDirectionChanged", v.choice(DIRECTIONS)),
            Attr("baseline", "IndicatorBaselineChanged", v.year_value),
            Attr("target", "IndicatorTargetChanged", v.year_value),
            Attr("source", "IndicatorSourceChanged", v.optional_text),
            Attr("weight", "IndicatorWeightChanged", v.number),
            Attr("goal", "IndicatorReassigned", v.check_key, ref="goal"),
        ),
        {("active", "retired"): "IndicatorRetired"},
        retire_to="retired",
    ),
    "actor": Kind(
        "actor",
        "ActorAdded",
        _attrs(
            Attr("name", "ActorRenamed", v.title),
            Attr("actor_kind", "ActorKindChanged", v.choice(ACTOR_KINDS)),
            Attr("contact", "ActorContactChanged", v.optional_text),
        ),
        {("active", "retired"): "ActorRetired"},
        retire_to="retired",
    ),
    "agreement": Kind(
        "agreement",
        "AgreementAdded",
        _attrs(
            Attr("title", "AgreementRetitled", v.title),
            Attr("parties", "AgreementPartiesChanged", v.key_list, ref="actor"),
            Attr("goals", "AgreementGoalsLinked", v.key_list, ref="goal"),
            Attr("measures", "AgreementMeasuresLinked", v.key_list, ref="measure"),
            Attr("valid_from", "AgreementValidFromChanged", v.optional_date),
            Attr("valid_until", "AgreementValidityExtended", v.optional_date),
            Attr("review", "AgreementReviewScheduled", v.optional_date),
        ),
        {
            ("draft", "negotiating"): "AgreementNegotiationStarted",
            ("draft", "terminated"): "AgreementTerminated",
            ("negotiating", "signed"): "AgreementSigned",
            ("negotiating", "terminated"): "AgreementTerminated",
            ("signed", "expired"): "AgreementExpired",
            ("signed", "terminated"): "AgreementTerminated",
        },
        retire_to="terminated",
    ),
    "decision": Kind(
        "decision",
        "DecisionRecorded",
        _attrs(
            Attr("title", "DecisionCorrected", v.title),
            Attr("body", "DecisionCorrected", lambda s: v.text(s, what="body")),
            Attr("date", "DecisionCorrected", v.iso_date),
            Attr("reference", "DecisionCorrected", v.optional_text),
            Attr("outcome", "DecisionCorrected", v.optional_text),
            Attr("link", "DecisionCorrected", v.optional_text),
        ),
    ),
    "step": Kind(
        "step",
        "StepAdded",
        _attrs(Attr("title", "StepRetitled", v.title)),
        {
            ("open", "in_progress"): "StepStarted",
            ("in_progress", "done"): "StepCompleted",
            ("done", "in_progress"): "StepReopened",
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
