"""What the indicator review shows, and its progress roll-up, computed once per report.

The roll-up is :mod:`konzept.projections.status`'s own (``goal_progress``,
``field_progress``), but each call gets a small state holding only that goal's or
field's entities: the functions scan the state they are given, so on a concept of
thousands of entities this turns a quadratic walk into a linear one, with the very
same arithmetic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from konzept.events.state import Entity, State
from konzept.projections.status import (
    IndicatorStatus,
    field_progress,
    goal_progress,
    indicator_status,
)

from .model import Report


@dataclass(frozen=True)
class Outline:
    #: Active fields, and retired ones that still hold goals worth reporting.
    fields: list[Entity]
    #: Goals that are not dropped, by field, in key order.
    goals: dict[str, list[Entity]]
    #: Active indicators by goal, in key order.
    indicators: dict[str, list[Entity]]
    #: Each shown indicator's status for the report's year.
    status: dict[str, IndicatorStatus]
    #: Progress of each shown goal and field (None: nothing to measure).
    progress: dict[str, float | None]

    def all_goals(self) -> list[Entity]:
        return [g for f in self.fields for g in self.goals.get(f["key"], [])]


def outline(report: Report) -> Outline:
    """The report's outline, built on first use and kept on the report."""
    found = report.memo.get("outline")
    if not isinstance(found, Outline):
        found = report.memo["outline"] = _build(report)
    return found


def _build(report: Report) -> Outline:
    year, tol = report.year, report.tolerance
    goals_of: dict[str, list[Entity]] = defaultdict(list)
    for goal in report.of_kind("goal"):
        goals_of[goal["field"]].append(goal)
    indicators_of: dict[str, list[Entity]] = defaultdict(list)
    for indicator in report.of_kind("indicator"):
        indicators_of[indicator["goal"]].append(indicator)

    goals = {f: [g for g in gs if g["status"] != "dropped"] for f, gs in goals_of.items()}
    fields = [f for f in report.of_kind("field") if f["status"] == "active" or goals.get(f["key"])]
    indicators: dict[str, list[Entity]] = {}
    status: dict[str, IndicatorStatus] = {}
    progress: dict[str, float | None] = {}
    for field in fields:
        key = field["key"]
        scope = {g["key"]: g for g in goals_of[key]}
        for goal in goals_of[key]:
            scope.update((i["key"], i) for i in indicators_of[goal["key"]])
        progress[key] = field_progress(State(entities=scope), key, year, tol)
        for goal in goals.get(key, []):
            mine = {i["key"]: i for i in indicators_of[goal["key"]]}
            progress[goal["key"]] = goal_progress(State(entities=mine), goal["key"], year, tol)
            shown = [i for i in indicators_of[goal["key"]] if i["status"] == "active"]
            indicators[goal["key"]] = shown
            status.update((i["key"], indicator_status(i, year, tol)) for i in shown)
    return Outline(fields, goals, indicators, status, progress)
