"""What each event type does, in one plain table the read side can load in a millisecond.

An event type has two halves. *What it carries* is a pydantic model in
:mod:`konzept.events.catalog`; the write side validates every payload against it.
*What it does* is here: the kind of entity whose stream carries it, its effect on that
entity, the status it leads to, its schema version and the upcasters that bring older
payloads up to date. The folds, the diff, the report and ``konzept show`` need only this
half: they read a hashed log that was validated when it was written, so a read command
never imports pydantic (that alone cost a new process a quarter of a second).

Effects:

* ``create``: a new entity, starting in ``status``;
* ``set``: the payload's fields become attributes (``previous`` keeps the old values);
* ``status``: the lifecycle moves to ``status``;
* ``special``: a handler of its own in :mod:`konzept.events.state`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import StoreError

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
Effect = Literal["create", "set", "status", "special"]

#: The note a revert stores with the value it puts back (a value correction has no
#: field for it, as ``StatusRestored`` has ``reverted_position``): written by
#: :mod:`.revert`, read back by the change log's wording (:func:`reverted_position`).
REVERT_NOTE = "revert of position {position}"
_REVERT_NOTE = re.compile(REVERT_NOTE.replace("{position}", r"(\d+)"))


def reverted_position(note: str) -> int | None:
    """The position a value's note says it reverts, or None for any other note."""
    found = _REVERT_NOTE.fullmatch(note)
    return None if found is None else int(found[1])


@dataclass(frozen=True, slots=True)
class EventType:
    kind: str
    effect: Effect
    #: The status a new entity starts in (``create``) or moves to (``status``).
    status: str = ""
    schema_version: int = 1
    #: Partial events store only the fields given (e.g. a correction of two details);
    #: all others store every field, defaults included, so folds never fill gaps.
    partial: bool = False
    #: Upcasters keyed by the version they upgrade *from*.
    upcasters: Mapping[int, Upcaster] = field(default_factory=dict)
    #: The one attribute a non-partial ``set`` event sets (its model's only field
    #: besides ``previous``): a diff attributes such events without decoding them.
    sets: str = ""


def _created(kind: str, status: str = "active", **more: Any) -> EventType:
    return EventType(kind, "create", status, **more)


def _set(kind: str, attribute: str = "", **more: Any) -> EventType:
    return EventType(kind, "set", sets=attribute, **more)


def _moves(kind: str, status: str) -> EventType:
    return EventType(kind, "status", status)


def _special(kind: str, **more: Any) -> EventType:
    return EventType(kind, "special", **more)


def _indicator_added_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 stored baseline and target as four flat fields; v2 nests them as {year, value}."""
    data = dict(data)
    for name in ("baseline", "target"):
        year, value = data.pop(f"{name}_year", None), data.pop(f"{name}_value", None)
        data[name] = None if year is None or value is None else {"year": year, "value": value}
    return data


def _value_withdrawn_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 did not say whether the year was closed: a revert then withdrew values of
    closed years without ``--reopen``, and the report missed them as corrections."""
    return {**data, "closed_year": False}


TYPES: dict[str, EventType] = {
    # concept, settings, years, people
    "ConceptCreated": _special("concept"),
    "ConceptDetailsChanged": _special("concept", partial=True),
    "SettingChanged": _special("concept"),
    "YearClosed": _special("concept"),
    "RoleGranted": _special("people"),
    "RoleRevoked": _special("people"),
    "KeyAuthorised": _special("people"),
    "KeyRevoked": _special("people"),
    # field of action
    "FieldAdded": _created("field"),
    "FieldRetitled": _set("field", "title"),
    "FieldRedescribed": _set("field", "description"),
    "FieldRetired": _moves("field", "retired"),
    # goal
    "GoalAdded": _created("goal", "draft"),
    "GoalReworded": _set("goal", "title"),
    "GoalRedescribed": _set("goal", "description"),
    "GoalMoved": _set("goal", "field"),
    "GoalParentChanged": _set("goal", "parent"),
    "GoalTargetYearChanged": _set("goal", "target_year"),
    "GoalAdopted": _moves("goal", "adopted"),
    "GoalAchieved": _moves("goal", "achieved"),
    "GoalDropped": _moves("goal", "dropped"),
    # measure
    "MeasureAdded": _created("measure", "planned"),
    "MeasureRetitled": _set("measure", "title"),
    "MeasureRedescribed": _set("measure", "description"),
    "MeasureReassigned": _set("measure", "goal"),
    "MeasureResponsibleChanged": _set("measure", "responsible"),
    "MeasurePartnersChanged": _set("measure", "partners"),
    "MeasureStartRescheduled": _set("measure", "start"),
    "MeasureEndRescheduled": _set("measure", "end"),
    "MeasureStarted": _moves("measure", "running"),
    "MeasureCompleted": _moves("measure", "completed"),
    "MeasureStopped": _moves("measure", "stopped"),
    # indicator
    "IndicatorAdded": _created(
        "indicator", schema_version=2, upcasters={1: _indicator_added_v1_to_v2}
    ),
    "IndicatorRenamed": _set("indicator", "name"),
    "IndicatorRedefined": _set("indicator", "definition"),
    "IndicatorUnitChanged": _set("indicator", "unit"),
    "IndicatorDirectionChanged": _set("indicator", "direction"),
    "IndicatorBaselineChanged": _set("indicator", "baseline"),
    "IndicatorTargetChanged": _set("indicator", "target"),
    "IndicatorSourceChanged": _set("indicator", "source"),
    "IndicatorWeightChanged": _set("indicator", "weight"),
    "IndicatorReassigned": _set("indicator", "goal"),
    "IndicatorRetired": _moves("indicator", "retired"),
    "IndicatorValueRecorded": _special("indicator"),
    "IndicatorValueCorrected": _special("indicator"),
    "IndicatorValueWithdrawn": _special(
        "indicator", schema_version=2, upcasters={1: _value_withdrawn_v1_to_v2}
    ),
    # actor
    "ActorAdded": _created("actor"),
    "ActorRenamed": _set("actor", "name"),
    "ActorKindChanged": _set("actor", "actor_kind"),
    "ActorContactChanged": _set("actor", "contact"),
    "ActorRetired": _moves("actor", "retired"),
    # agreement and its obligations
    "AgreementAdded": _created("agreement", "draft"),
    "AgreementRetitled": _set("agreement", "title"),
    "AgreementPartiesChanged": _set("agreement", "parties"),
    "AgreementGoalsLinked": _set("agreement", "goals"),
    "AgreementMeasuresLinked": _set("agreement", "measures"),
    "AgreementValidFromChanged": _set("agreement", "valid_from"),
    "AgreementValidityExtended": _set("agreement", "valid_until"),
    "AgreementReviewScheduled": _set("agreement", "review"),
    "AgreementNegotiationStarted": _moves("agreement", "negotiating"),
    "AgreementSigned": _moves("agreement", "signed"),
    "AgreementExpired": _moves("agreement", "expired"),
    "AgreementTerminated": _moves("agreement", "terminated"),
    "ObligationAdded": _special("agreement"),
    "ObligationFulfilled": _special("agreement"),
    # decision
    "DecisionRecorded": _created("decision", "recorded"),
    "DecisionCorrected": _set("decision", partial=True),
    # process step
    "StepAdded": _created("step", "open"),
    "StepRetitled": _set("step", "title"),
    "StepStarted": _moves("step", "in_progress"),
    "StepCompleted": _moves("step", "done"),
    "StepReopened": _moves("step", "in_progress"),
    # undo: ``konzept revert`` of a status change, on any kind's stream
    "StatusRestored": _special(""),
}


def upcast(type_: str, schema_version: int, data: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored payload up to the current schema of its type."""
    spec = TYPES.get(type_)
    if spec is None:
        raise StoreError(
            "The log holds an event of unknown type {type!r}; upgrade konzept.", type=type_
        )
    if schema_version > spec.schema_version:
        raise StoreError(
            "The log holds {type} v{version}, newer than this release's "
            "v{supported}; upgrade konzept.",
            type=type_,
            version=schema_version,
            supported=spec.schema_version,
        )
    while schema_version < spec.schema_version:
        data = spec.upcasters[schema_version](data)
        schema_version += 1
    return data
