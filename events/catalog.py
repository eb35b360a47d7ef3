"""Every domain event of konzept, named for what happened in the concept.

Class variables tell the fold what an event does, so the state fold stays one small
table instead of sixty handlers:

* ``kind``: the kind of entity whose stream carries it;
* ``effect``: ``create`` (a new entity), ``set`` (the payload's fields become
  attributes), ``status`` (moves the lifecycle to ``to_status``) or ``special``
  (a handler of its own in :mod:`konzept.events.state`).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import Event, register

Number = Annotated[int | float, Field(allow_inf_nan=False)]
Text = Annotated[str, Field(max_length=10_000)]
Key = Annotated[str, Field(min_length=1, max_length=40)]


class YearValue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    year: int
    value: Number


class DomainEvent(Event):
    kind: ClassVar[str] = ""
    effect: ClassVar[Literal["create", "set", "status", "special"]] = "special"
    to_status: ClassVar[str] = ""


class Created(DomainEvent):
    effect: ClassVar[Literal["create", "set", "status", "special"]] = "create"
    initial_status: ClassVar[str] = "active"


class AttributeSet(DomainEvent):
    """Sets attributes. ``previous`` keeps what they were, so the log reads on its own
    ("target 40 → 50") without replaying it."""

    effect: ClassVar[Literal["create", "set", "status", "special"]] = "set"
    previous: Any = None


class StatusChanged(DomainEvent):
    effect: ClassVar[Literal["create", "set", "status", "special"]] = "status"


# --- concept, settings, years, people -------------------------------------------------


@register
class ConceptCreated(DomainEvent):
    kind: ClassVar[str] = "concept"
    title: Text
    territory: Text = ""
    population: int | None = None
    area_km2: Number | None = None
    language: Literal["de", "en"] = "de"


@register
class ConceptDetailsChanged(DomainEvent):
    kind: ClassVar[str] = "concept"
    partial: ClassVar[bool] = True
    title: Text | None = None
    territory: Text | None = None
    population: int | None = None
    area_km2: Number | None = None
    language: Literal["de", "en"] | None = None


@register
class SettingChanged(DomainEvent):
    kind: ClassVar[str] = "concept"
    name: str
    value: bool | int | float | str


@register
class YearClosed(DomainEvent):
    kind: ClassVar[str] = "concept"
    year: int


@register
class RoleGranted(DomainEvent):
    kind: ClassVar[str] = "people"
    person: Key
    role: Literal["viewer", "editor", "admin"]


@register
class RoleRevoked(DomainEvent):
    kind: ClassVar[str] = "people"
    person: Key
    role: Literal["viewer", "editor", "admin"]


@register
class KeyAuthorised(DomainEvent):
    """A public key now logs ``person`` in to ``konzept serve-ssh`` (SPEC §8)."""

    kind: ClassVar[str] = "people"
    person: Key
    fingerprint: Annotated[str, Field(min_length=8, max_length=100)]
    public_key: Annotated[str, Field(min_length=16, max_length=16_384)]
    comment: Annotated[str, Field(max_length=200)] = ""


@register
class KeyRevoked(DomainEvent):
    """The key no longer logs anyone in; sessions it opened keep running until closed."""

    kind: ClassVar[str] = "people"
    person: Key
    fingerprint: Annotated[str, Field(min_length=8, max_length=100)]


# --- field of action -----------------------------------------------------------------


@register
class FieldAdded(Created):
    kind: ClassVar[str] = "field"
    title: Text
    description: Text = ""


@register
class FieldRetitled(AttributeSet):
    kind: ClassVar[str] = "field"
    title: Text


@register
class FieldRedescribed(AttributeSet):
    kind: ClassVar[str] = "field"
    description: Text


@register
class FieldRetired(StatusChanged):
    kind: ClassVar[str] = "field"
    to_status: ClassVar[str] = "retired"


# --- goal ----------------------------------------------------------------------------


@register
class GoalAdded(Created):
    kind: ClassVar[str] = "goal"
    initial_status: ClassVar[str] = "draft"
    field: Key
    title: Text
    description: Text = ""
    parent: Key | None = None
    target_year: int | None = None


@register
class GoalReworded(AttributeSet):
    kind: ClassVar[str] = "goal"
    title: Text


@register
class GoalRedescribed(AttributeSet):
    kind: ClassVar[str] = "goal"
    description: Text


@register
class GoalMoved(AttributeSet):
    kind: ClassVar[str] = "goal"
    field: Key


@register
class GoalParentChanged(AttributeSet):
    kind: ClassVar[str] = "goal"
    parent: Key | None


@register
class GoalTargetYearChanged(AttributeSet):
    kind: ClassVar[str] = "goal"
    target_year: int | None


@register
class GoalAdopted(StatusChanged):
    kind: ClassVar[str] = "goal"
    to_status: ClassVar[str] = "adopted"


@register
class GoalAchieved(StatusChanged):
    kind: ClassVar[str] = "goal"
    to_status: ClassVar[str] = "achieved"


@register
class GoalDropped(StatusChanged):
    kind: ClassVar[str] = "goal"
    to_status: ClassVar[str] = "dropped"


# --- measure -------------------------------------------------------------------------


@register
class MeasureAdded(Created):
    kind: ClassVar[str] = "measure"
    initial_status: ClassVar[str] = "planned"
    goal: Key
    title: Text
    description: Text = ""
    responsible: Key | None = None
    partners: list[Key] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None


@register
class MeasureRetitled(AttributeSet):
    kind: ClassVar[str] = "measure"
    title: Text


@register
class MeasureRedescribed(AttributeSet):
    kind: ClassVar[str] = "measure"
    description: Text


@register
class MeasureReassigned(AttributeSet):
    kind: ClassVar[str] = "measure"
    goal: Key


@register
class MeasureResponsibleChanged(AttributeSet):
    kind: ClassVar[str] = "measure"
    responsible: Key | None


@register
class MeasurePartnersChanged(AttributeSet):
    kind: ClassVar[str] = "measure"
    partners: list[Key]


@register
class MeasureStartRescheduled(AttributeSet):
    kind: ClassVar[str] = "measure"
    start: str | None


@register
class MeasureEndRescheduled(AttributeSet):
    kind: ClassVar[str] = "measure"
    end: str | None


@register
class MeasureStarted(StatusChanged):
    kind: ClassVar[str] = "measure"
    to_status: ClassVar[str] = "running"


@register
class MeasureCompleted(StatusChanged):
    kind: ClassVar[str] = "measure"
    to_status: ClassVar[str] = "completed"


@register
class MeasureStopped(StatusChanged):
    kind: ClassVar[str] = "measure"
    to_status: ClassVar[str] = "stopped"


# --- indicator -----------------------------------------------------------------------


def _indicator_added_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 stored baseline and target as four flat fields; v2 nests them as {year, value}."""
    data = dict(data)
    for name in ("baseline", "target"):
        year, value = data.pop(f"{name}_year", None), data.pop(f"{name}_value", None)
        data[name] = None if year is None or value is None else {"year": year, "value": value}
    return data


@register
class IndicatorAdded(Created):
    kind: ClassVar[str] = "indicator"
    schema_version: ClassVar[int] = 2
    upcasters: ClassVar[dict[int, Any]] = {1: _indicator_added_v1_to_v2}
    goal: Key
    name: Text
    definition: Text = ""
    unit: Annotated[str, Field(max_length=40)]
    direction: Literal["up", "down", "keep"]
    baseline: YearValue | None = None
    target: YearValue | None = None
    source: Text = ""
    weight: Number = 1


@register
class IndicatorRenamed(AttributeSet):
    kind: ClassVar[str] = "indicator"
    name: Text


@register
class IndicatorRedefined(AttributeSet):
    kind: ClassVar[str] = "indicator"
    definition: Text


@register
class IndicatorUnitChanged(AttributeSet):
    kind: ClassVar[str] = "indicator"
    unit: Annotated[str, Field(max_length=40)]


@register
class IndicatorDirectionChanged(AttributeSet):
    kind: ClassVar[str] = "indicator"
    direction: Literal["up", "down", "keep"]


@register
class IndicatorBaselineChanged(AttributeSet):
    kind: ClassVar[str] = "indicator"
    baseline: YearValue | None


@register
class IndicatorTargetChanged(AttributeSet):
    kind: ClassVar[str] = "indicator"
    target: YearValue | None


@register
class IndicatorSourceChanged(AttributeSet):
    kind: ClassVar[str] = "indicator"
    source: Text


@register
class IndicatorWeightChanged(AttributeSet):
    kind: ClassVar[str] = "indicator"
    weight: Number


@register
class IndicatorReassigned(AttributeSet):
    kind: ClassVar[str] = "indicator"
    goal: Key


@register
class IndicatorRetired(StatusChanged):
    kind: ClassVar[str] = "indicator"
    to_status: ClassVar[str] = "retired"


@register
class IndicatorValueRecorded(DomainEvent):
    kind: ClassVar[str] = "indicator"
    year: int
    value: Number
    source: Text = ""
    note: Text = ""


@register
class IndicatorValueCorrected(DomainEvent):
    """A later, better figure for a year; the superseded one stays in the log."""

    kind: ClassVar[str] = "indicator"
    year: int
    value: Number
    previous: Number | None = None
    source: Text = ""
    note: Text = ""
    closed_year: bool = False


@register
class IndicatorValueWithdrawn(DomainEvent):
    kind: ClassVar[str] = "indicator"
    year: int
    previous: Number


# --- actor ---------------------------------------------------------------------------

ActorKind = Literal[
    "department",
    "political_body",
    "municipality",
    "public_agency",
    "association",
    "migrant_organisation",
    "volunteer_group",
    "education_provider",
    "other",
]


@register
class ActorAdded(Created):
    kind: ClassVar[str] = "actor"
    name: Text
    actor_kind: ActorKind
    contact: Text = ""


@register
class ActorRenamed(AttributeSet):
    kind: ClassVar[str] = "actor"
    name: Text


@register
class ActorKindChanged(AttributeSet):
    kind: ClassVar[str] = "actor"
    actor_kind: ActorKind


@register
class ActorContactChanged(AttributeSet):
    kind: ClassVar[str] = "actor"
    contact: Text


@register
class ActorRetired(StatusChanged):
    kind: ClassVar[str] = "actor"
    to_status: ClassVar[str] = "retired"


# --- agreement -----------------------------------------------------------------------


@register
class AgreementAdded(Created):
    kind: ClassVar[str] = "agreement"
    initial_status: ClassVar[str] = "draft"
    title: Text
    parties: list[Key]
    goals: list[Key] = Field(default_factory=list)
    measures: list[Key] = Field(default_factory=list)
    valid_from: str | None = None
    valid_until: str | None = None
    review: str | None = None


@register
class AgreementRetitled(AttributeSet):
    kind: ClassVar[str] = "agreement"
    title: Text


@register
class AgreementPartiesChanged(AttributeSet):
    kind: ClassVar[str] = "agreement"
    parties: list[Key]


@register
class AgreementGoalsLinked(AttributeSet):
    kind: ClassVar[str] = "agreement"
    goals: list[Key]


@register
class AgreementMeasuresLinked(AttributeSet):
    kind: ClassVar[str] = "agreement"
    measures: list[Key]


@register
class AgreementValidFromChanged(AttributeSet):
    kind: ClassVar[str] = "agreement"
    valid_from: str | None


@register
class AgreementValidityExtended(AttributeSet):
    kind: ClassVar[str] = "agreement"
    valid_until: str | None


@register
class AgreementReviewScheduled(AttributeSet):
    kind: ClassVar[str] = "agreement"
    review: str | None


@register
class AgreementNegotiationStarted(StatusChanged):
    kind: ClassVar[str] = "agreement"
    to_status: ClassVar[str] = "negotiating"


@register
class AgreementSigned(StatusChanged):
    kind: ClassVar[str] = "agreement"
    to_status: ClassVar[str] = "signed"


@register
class AgreementExpired(StatusChanged):
    kind: ClassVar[str] = "agreement"
    to_status: ClassVar[str] = "expired"


@register
class AgreementTerminated(StatusChanged):
    kind: ClassVar[str] = "agreement"
    to_status: ClassVar[str] = "terminated"


@register
class ObligationAdded(DomainEvent):
    kind: ClassVar[str] = "agreement"
    number: int
    party: Key
    what: Text
    due: str | None = None


@register
class ObligationFulfilled(DomainEvent):
    kind: ClassVar[str] = "agreement"
    number: int


# --- decision ------------------------------------------------------------------------


@register
class DecisionRecorded(Created):
    kind: ClassVar[str] = "decision"
    initial_status: ClassVar[str] = "recorded"
    body: Text
    date: str
    title: Text
    reference: Text = ""
    outcome: Text = ""
    link: Text = ""


@register
class DecisionCorrected(AttributeSet):
    """A clerical correction of a recorded decision (wrong reference, date, link…)."""

    kind: ClassVar[str] = "decision"
    partial: ClassVar[bool] = True
    previous: Any = None
    body: Text | None = None
    date: str | None = None
    title: Text | None = None
    reference: Text | None = None
    outcome: Text | None = None
    link: Text | None = None


# --- process step --------------------------------------------------------------------


@register
class StepAdded(Created):
    kind: ClassVar[str] = "step"
    initial_status: ClassVar[str] = "open"
    number: int
    title: Text
    recurring: bool = False


@register
class StepRetitled(AttributeSet):
    kind: ClassVar[str] = "step"
    title: Text


@register
class StepStarted(StatusChanged):
    kind: ClassVar[str] = "step"
    to_status: ClassVar[str] = "in_progress"


@register
class StepCompleted(StatusChanged):
    kind: ClassVar[str] = "step"
    to_status: ClassVar[str] = "done"


@register
class StepReopened(StatusChanged):
    """A recurring step (the yearly report, step 5) begins its next round."""

    kind: ClassVar[str] = "step"
    to_status: ClassVar[str] = "in_progress"


# --- undo ----------------------------------------------------------------------------


@register
class StatusRestored(DomainEvent):
    """``konzept revert`` of a status change: the lifecycle goes back to where it was."""

    status: str
    reverted_position: int
