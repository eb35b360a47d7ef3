"""An indicator's values against its target path, as bars a terminal can draw anywhere.

One row per year (baseline, each recorded value, target); the bar is the value, the
``│`` mark the expected value on the straight path from baseline to target
(:func:`~konzept.projections.status.expected_value`), the colour the status.
"""

from __future__ import annotations

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
    top = max(abs(r[1]) for r in rows) or 1.0
    unit = str(indicator.get("unit") or "")  # "62 %", as ``konzept show`` says it
    numbers = [f"{fmt(_tidy(r[1]), lang)} {safe(unit)}".rstrip() for r in rows]
    number_width = max(len(n) for n in numbers)
    words_width = max(len(r[2]) for r in rows)
    bar_width = max(8, width - 5 - number_width - 2 - words_width - 1)
    lines = [Text(t(lang, "ui_chart_title", mark=MARK), style="bold")]
    for (year, value, word, style), number in zip(rows, numbers, strict=True):
        expected = expected_value(indicator, year)
        line = Text(f"{year} ")
        line.append_text(_bar(value, expected, top, bar_width, style))
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


def _tidy(value: float) -> int | float:
    return int(value) if value.is_integer() else value
