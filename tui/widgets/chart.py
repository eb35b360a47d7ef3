"""An indicator's values against its target path, as bars a terminal can draw anywhere.

One row per year (baseline, each recorded value, target); the bar is the value, the
``│`` mark the expected value on the straight path from baseline to target
(:func:`~konzept.projections.status.expected_value`), the colour the status.

Bars start at zero unless every figure lies in the upper half of the scale (a
vaccination rate between 88 % and 95 %): from zero those bars would all look the same,
so the scale then starts at a round figure below the smallest one, and the title
says where.
"""

from __future__ import annotations

import math

from rich.console import Group, RenderableType
from rich.text import Text

from konzept.events.state import Entity
from konzept.projections.describe import fmt
from konzept.projections.i18n import t
from konzept.projections.render import safe
from konzept.projections.status import expected_value, indicator_status

from ..text import STATUS_STYLE

MARK = "│"


def value_chart(indicator: Entity, tolerance: float, lang: str, width: int = 44) -> RenderableType:
    """The chart as a Rich renderable ``width`` cells wide (at least 24)."""
    rows: list[tuple[int, float, str, str]] = []  # year, value, word, style
    base, target = indicator.get("baseline"), indicator.get("target")
    if base:
        rows.append((base["year"], float(base["value"]), t(lang, "baseline"), "cyan"))
    for year in sorted(indicator.get("values", {}), key=int):
        value = float(indicator["values"][year])
        status = indicator_status(indicator, int(year), tolerance).status
        rows.append((int(year), value, t(lang, status), STATUS_STYLE[status]))
    if target:
        rows.append((target["year"], float(target["value"]), t(lang, "target"), "blue"))
    if not rows:
        return Text(t(lang, "ui_no_values"), style="dim")
    expected = [expected_value(indicator, r[0]) for r in rows]
    figures = [r[1] for r in rows] + [e for e in expected if e is not None]
    top = max(abs(f) for f in figures) or 1.0
    low = scale_floor(figures)
    unit = str(indicator.get("unit") or "")  # "62 %", as ``konzept show`` says it
    numbers = [f"{fmt(_tidy(r[1]), lang)} {safe(unit)}".rstrip() for r in rows]
    number_width = max(len(n) for n in numbers)
    words_width = max(len(r[2]) for r in rows)
    bar_width = max(8, width - 5 - number_width - 2 - words_width - 1)
    lines = [Text(t(lang, "ui_chart_title", mark=MARK), style="bold")]
    if low:  # said, so a short bar is not read as a small figure
        scale = f"{fmt(_tidy(low), lang)} {safe(unit)}".rstrip()
        lines.append(Text(t(lang, "ui_chart_from", low=scale), style="dim"))
    for (year, value, word, style), number, soll in zip(rows, numbers, expected, strict=True):
        line = Text(f"{year} ")
        line.append_text(
            _bar(value - low, None if soll is None else soll - low, top - low, bar_width, style)
        )
        line.append(f" {number:>{number_width}} ", style="bold")
        line.append(word, style=style)
        lines.append(line)
    return Group(*lines)


def _bar(value: float, expected: float | None, top: float, width: int, style: str) -> Text:
    filled = round(max(value, 0.0) / top * width)
    mark = None if expected is None else min(width - 1, round(max(expected, 0.0) / top * width))
    bar = Text()
    for i in range(width):
        if i == mark:
            bar.append(MARK, style="bold")
        elif i < filled:
            bar.append("█", style=style)
        else:
            bar.append("·", style="dim")
    return bar


def scale_floor(figures: list[float]) -> float:
    """Where the bars start: zero, or (when every figure lies in the upper half of
    the scale) a round figure below the smallest, a fifth of the spread lower."""
    least, most = min(figures), max(figures)
    if least < 0 or least < most / 2:
        return 0.0
    below = least - max(most - least, most * 0.02) / 5
    step = 10 ** math.floor(math.log10(below)) if below > 0 else 0
    return float(math.floor(below / step) * step) if step else 0.0


def _tidy(value: float) -> int | float:
    return int(value) if value.is_integer() else value
