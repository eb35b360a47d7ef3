"""Indicator status for a year, and the progress roll-up to goals and fields.

Expected value: linear from the baseline (year, value) to the target (year, value).
Progress: the share of the way from baseline to target that the actual value has
covered, in percent. Status compares it with the share of time elapsed:

* *achieved*: the target value is reached (in the indicator's direction);
* *on track*: progress ≥ the time share;
* *at risk*: progress is behind by no more than the tolerance (percentage points);
* *off track*: further behind;
* *no data*: no value for the year, or no baseline/target to measure against.

"keep" indicators aim to hold the target value: their progress is 100 minus the
deviation from it in percent, and the tolerance bounds the deviation.
Nothing here is stored: it is recomputed from the state every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import Any

from konzept.events.state import Entity, State

STATUSES = ("achieved", "on_track", "at_risk", "off_track", "no_data")


@dataclass(frozen=True)
class IndicatorStatus:
    key: str
    year: int
    actual: float | None
    expected: float | None
    progress: float | None
    time_share: float | None
    status: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "year": self.year,
            "actual": self.actual,
            "expected": self.expected,
            "progress": None if self.progress is None else round(self.progress, 1),
            "status": self.status,
        }


def value_for(indicator: Entity, year: int) -> float | None:
    value = indicator.get("values", {}).get(str(year))
    return None if value is None else float(value)


def expected_value(indicator: Entity, year: int) -> float | None:
    base, target = indicator.get("baseline"), indicator.get("target")
    if not base or not target:
        return None
    y0, v0, y1, v1 = base["year"], base["value"], target["year"], target["value"]
    if y1 == y0:
        return float(v1)
    share = min(max((year - y0) / (y1 - y0), 0.0), 1.0)
    return float(v0 + (v1 - v0) * share)


def indicator_status(indicator: Entity, year: int, tolerance: float = 10) -> IndicatorStatus:
    actual = value_for(indicator, year)
    expected = expected_value(indicator, year)
    base, target = indicator.get("baseline"), indicator.get("target")
    key = indicator["key"]
    if actual is None or expected is None or not base or not target:
        return IndicatorStatus(key, year, actual, expected, None, None, "no_data")
    y0, v0, y1, v1 = base["year"], float(base["value"]), target["year"], float(target["value"])
    time_share = 100.0 if y1 == y0 else min(max((year - y0) / (y1 - y0), 0.0), 1.0) * 100
    direction = indicator.get("direction", "up")
    if direction == "keep" or v1 == v0:
        scale = abs(v1) or 1.0
        deviation = abs(actual - v1) / scale * 100
        progress = max(0.0, 100.0 - deviation)
        if deviation <= tolerance:
            status = "achieved" if year >= y1 else "on_track"
        elif deviation <= 2 * tolerance:
            status = "at_risk"
        else:
            status = "off_track"
        return IndicatorStatus(key, year, actual, expected, progress, time_share, status)
    progress = (actual - v0) / (v1 - v0) * 100
    reached = actual >= v1 if v1 > v0 else actual <= v1
    if reached:
        status = "achieved"
    elif progress >= time_share:
        status = "on_track"
    elif progress >= time_share - tolerance:
        status = "at_risk"
    else:
        status = "off_track"
    return IndicatorStatus(key, year, actual, expected, progress, time_share, status)


def trend(indicator: Entity, year: int) -> str:
    """↑ / ↓ / → from the latest two values up to ``year`` (raw direction of the figures)."""
    years = sorted(int(y) for y in indicator.get("values", {}) if int(y) <= year)
    if len(years) < 2:
        return ""
    a, b = value_for(indicator, years[-2]), value_for(indicator, years[-1])
    assert a is not None and b is not None
    return "↑" if b > a else "↓" if b < a else "→"


def _clamped(progress: float | None) -> float | None:
    return None if progress is None else min(max(progress, 0.0), 100.0)


def goal_progress(state: State, goal: str, year: int, tolerance: float = 10) -> float | None:
    """Weighted mean of the progress of the goal's active indicators (clamped 0–100)."""
    return progress_of(
        [
            i
            for i in state.entities.values()
            if i["kind"] == "indicator" and i["goal"] == goal and i["status"] == "active"
        ],
        year,
        tolerance,
    )


def latest_year(indicators: list[Entity], year: int) -> int | None:
    """The latest year up to ``year`` for which any of the indicators has a value."""
    years = [int(y) for i in indicators for y in i.get("values", {}) if int(y) <= year]
    return max(years) if years else None


def progress_of(indicators: list[Entity], year: int, tolerance: float = 10) -> float | None:
    """Weighted mean progress of these indicators in ``year`` (each clamped 0–100)."""
    pairs = [
        (_clamped(indicator_status(i, year, tolerance).progress), float(i.get("weight", 1)))
        for i in indicators
    ]
    known = [(p, w) for p, w in pairs if p is not None and w > 0]
    if not known:
        return None
    return sum(p * w for p, w in known) / sum(w for _, w in known)


def field_progress(state: State, field: str, year: int, tolerance: float = 10) -> float | None:
    goals = [
        goal_progress(state, g["key"], year, tolerance)
        for g in state.entities.values()
        if g["kind"] == "goal" and g["field"] == field and g["status"] in ("adopted", "achieved")
    ]
    known = [p for p in goals if p is not None]
    return fmean(known) if known else None
