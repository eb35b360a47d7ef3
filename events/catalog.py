"""Every domain event of konzept, named for what happened in the concept: what it carries.

These models validate payloads on the write side. What each event *does* (its kind,
effect, status and schema version) is the plain table :data:`konzept.events.types.TYPES`,
which the read side uses without importing pydantic; :func:`register` binds each class
to its entry there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import REGISTRY, Event, register
from .types import upcast

Number = Annotated[int | float, Field(allow_inf_nan=False)]
Text = Annotated[str, Field(max_length=10_000)]
Key = Annotated[str, Field(min_length=1, max_length=40)]


class YearValue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    year: int
    value: Number


class AttributeSet(Event):
    """Sets attributes. ``previous`` keeps what they were, so the log reads on its own
    ("target 40 → 50") without replaying it."""

    previous: Any = None


# --- concept, settings, years, people -------------------------------------------------


@register
class ConceptCreated(Event):
    title: Text
    territory: Text = ""
    population: int | None = None
    area_km2: Number | None = None
    language: Literal["de", "en"] = "de"


@register
class ConceptDetailsChanged(Event):
    title: Text | None = None
    territory: Text | None = None
    population: int | None = None
    area_km2: Number | None = None
    language: Literal["de", "en"] | None = None


@register
class SettingChanged(Event):
    name: str
    value: bool | int | float | str


@register
class YearClosed(Event):
    year: int


@register
class RoleGranted(Event):
    person: Key
    role: Literal["viewer", "editor", "admin"]


@register
class RoleRevoked(Event):
    person: Key
    role: Literal["viewer", "editor", "admin"]


@register
class KeyAuthorised(Event):
    """A public key now logs ``person`` in to ``konzept serve-ssh`` (SPEC §8)."""

    person: Key
    fingerprint: Annotated[str, Field(min_length=8, max_length=100)]
    public_key: Annotated[str, Field(min_length=16, max_length=16_384)]
    comment: Annotated[str, Field(max_length=200)] = ""


@register
class KeyRevoked(Event):
    """The key no longer logs anyone in; sessions it opened keep running until closed."""

    person: Key
    fingerprint: Annotated[str, Field(min_length=8, max_length=100)]


# --- field of action -----------------------------------------------------------------


@register
class FieldAdded(Event):
    title: Text
    description: Text = ""


@register
class FieldRetitled(AttributeSet):
    title: Text


@register
class FieldRedescribed(AttributeSet):
    description: Text


@register
class FieldRetired(Event):
    pass


# --- goal ----------------------------------------------------------------------------


@register
class GoalAdded(Event):
    field: Key
    title: Text
    description: Text = ""
    parent: Key | None = None
    target_year: int | None = None


@register
class GoalReworded(AttributeSet):
    title: Text


@register
class GoalRedescribed(AttributeSet):
    description: Text


@register
class GoalMoved(AttributeSet):
    field: Key


@register
class GoalParentChanged(AttributeSet):
    parent: Key | None


@register
class GoalTargetYearChanged(AttributeSet):
    target_year: int | None


@register
class GoalAdopted(Event):
    pass


@register
class GoalAchieved(Event):
    pass


@register
class GoalDropped(Event):
    pass


# --- measure -------------------------------------------------------------------------


@register
class MeasureAdded(Event):
    goal: Key
    title: Text
    description: Text = ""
    responsible: Key | None = None
    partners: list[Key] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None


@register
class MeasureRetitled(AttributeSet):
    title: Text


@register
class MeasureRedescribed(AttributeSet):
    description: Text


@register
class MeasureReassigned(AttributeSet):
    goal: Key


@register
class MeasureResponsibleChanged(AttributeSet):
    responsible: Key | None


@register
class MeasurePartnersChanged(AttributeSet):
    partners: list[Key]


@register
class MeasureStartRescheduled(AttributeSet):
    start: str | None


@register
class MeasureEndRescheduled(AttributeSet):
    end: str | None


@register
class MeasureStarted(Event):
    pass


@register
class MeasureCompleted(Event):
    pass


@register
class MeasureStopped(Event):
    pass


# --- indicator -----------------------------------------------------------------------


@register
class IndicatorAdded(Event):
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
    name: Text


@register
class IndicatorRedefined(AttributeSet):
    definition: Text


@register
class IndicatorUnitChanged(AttributeSet):
    unit: Annotated[str, Field(max_length=40)]


@register
class IndicatorDirectionChanged(AttributeSet):
    direction: Literal["up", "down", "keep"]


@register
class IndicatorBaselineChanged(AttributeSet):
    baseline: YearValue | None


@register
class IndicatorTargetChanged(AttributeSet):
    target: YearValue | None


@register
class IndicatorSourceChanged(AttributeSet):
    source: Text


@register
class IndicatorWeightChanged(AttributeSet):
    weight: Number


@register
class IndicatorReassigned(AttributeSet):
    goal: Key


@register
class IndicatorRetired(Event):
    pass


@register
class IndicatorValueRecorded(Event):
    year: int
    value: Number
    source: Text = ""
    note: Text = ""


@register
class IndicatorValueCorrected(Event):
    """A later, better figure for a year; the superseded one stays in the log."""

    year: int
    value: Number
    previous: Number | None = None
    source: Text = ""
    note: Text = ""
    closed_year: bool = False


@register
class IndicatorValueWithdrawn(Event):
    """A year's value taken back (by ``revert``); in a closed year, a correction too."""

    year: int
    previous: Number
    closed_year: bool = False


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
class ActorAdded(Event):
    name: Text
    actor_kind: ActorKind
    contact: Text = ""


@register
class ActorRenamed(AttributeSet):
    name: Text


@register
class ActorKindChanged(AttributeSet):
    actor_kind: ActorKind


@register
class ActorContactChanged(AttributeSet):
    contact: Text


@register
class ActorRetired(Event):
    pass


# --- agreement -----------------------------------------------------------------------


@register
class AgreementAdded(Event):
    title: Text
    parties: list[Key]
    goals: list[Key] = Field(default_factory=list)
    measures: list[Key] = Field(default_factory=list)
    valid_from: str | None = None
    valid_until: str | None = None
    review: str | None = None


@register
class AgreementRetitled(AttributeSet):
    title: Text


@register
class AgreementPartiesChanged(AttributeSet):
    parties: list[Key]


@register
class AgreementGoalsLinked(AttributeSet):
    goals: list[Key]


@register
class AgreementMeasuresLinked(AttributeSet):
    measures: list[Key]


@register
class AgreementValidFromChanged(AttributeSet):
    valid_from: str | None


@register
class AgreementValidityExtended(AttributeSet):
    valid_until: str | None


@register
class AgreementReviewScheduled(AttributeSet):
    review: str | None


@register
class AgreementNegotiationStarted(Event):
    pass


@register
class AgreementSigned(Event):
    pass


@register
class AgreementExpired(Event):
    pass


@register
class AgreementTerminated(Event):
    pass


@register
class ObligationAdded(Event):
    number: int
    party: Key
    what: Text
    due: str | None = None


@register
class ObligationFulfilled(Event):
    number: int


# --- decision ------------------------------------------------------------------------


@register
class DecisionRecorded(Event):
    body: Text
    date: str
    title: Text
    reference: Text = ""
    outcome: Text = ""
    link: Text = ""


@register
class DecisionCorrected(AttributeSet):
    """A clerical correction of a recorded decision (wrong reference, date, link…)."""

    previous: Any = None
    body: Text | None = None
    date: str | None = None
    title: Text | None = None
    reference: Text | None = None
    outcome: Text | None = None
    link: Text | None = None


# --- process step --------------------------------------------------------------------


@register
class StepAdded(Event):
    number: int
    title: Text
    recurring: bool = False


@register
class StepRetitled(AttributeSet):
    title: Text


@register
class StepStarted(Event):
    pass


@register
class StepCompleted(Event):
    pass


@register
class StepReopened(Event):
    """A recurring step (the yearly report, step 5) begins its next round."""


# --- undo ----------------------------------------------------------------------------


@register
class StatusRestored(Event):
    """``konzept revert`` of a status change: the lifecycle goes back to where it was."""

    status: str
    reverted_position: int


#: Every model by its type name; complete once this module has been imported.
MODELS: dict[str, type[Event]] = REGISTRY


def load(type_: str, schema_version: int, data: dict[str, Any]) -> Event:
    """Upcast and validate a stored payload into its current model."""
    return MODELS[type_].model_validate(upcast(type_, schema_version, data))
