"""From the report's rows to the printed document: grouping, headings and words.

Every section reads the same row generators as CSV and JSON (:mod:`.rows`) and only
decides how people see them: which columns, in which language, grouped under which
heading. Nothing here touches the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from konzept.events.kinds import KINDS
from konzept.projections.i18n import cap, t
from konzept.projections.status import STATUSES

from . import registers
from . import rows as r
from .document import (
    MARKS,
    TREND_ARROWS,
    Batch,
    Block,
    Builder,
    Cell,
    Document,
    Facts,
    Section,
    date,
    mark,
    number,
    percent,
    stamp,
    text,
    year_value,
)
from .model import Report
from .outline import outline


def document(report: Report, lang: str) -> Document:
    concept = report.state.concept
    facts = Facts(
        (
            (cap(t(lang, "territory")), text(concept.get("territory"), lang)),
            (cap(t(lang, "population")), number(concept.get("population"), lang)),
            (cap(t(lang, "area_km2")), number(concept.get("area_km2"), lang)),
            (t(lang, "report_year"), str(report.year)),
            (t(lang, "report_as_of"), date(report.as_of, lang)),
            (
                t(lang, "report_record"),
                t(
                    lang,
                    "report_record_value",
                    position=report.head.position,
                    recorded_at=stamp(report.head.recorded_at, lang),
                ),
            ),
        )
    )
    builders: list[tuple[str, str, Callable[[Report, str, Builder], Iterator[None] | None]]] = [
        ("summary", t(lang, "report_sec_summary"), _summary),
        ("indicators", t(lang, "report_sec_indicators", year=report.year), _indicators),
        ("changes", t(lang, "report_sec_changes", year=report.year), registers.changes),
        ("corrections", t(lang, "report_sec_corrections"), registers.corrections),
        ("decisions", t(lang, "report_sec_decisions", year=report.year), registers.decisions),
        ("agreements", t(lang, "report_sec_agreements"), registers.agreements),
        ("steps", t(lang, "report_sec_steps"), registers.steps),
        ("record", t(lang, "report_sec_record"), registers.record),
    ]
    sections = [
        _early(id_, number_, title, build, report, lang)
        if id_ == "changes"
        else Section(id_, number_, title, _blocks(build, report, lang))
        for number_, (id_, title, build) in enumerate(builders, 1)
    ]
    return Document(
        lang,
        report.year,
        t(lang, "report_title", year=report.year),
        text(concept.get("title"), lang),
        facts,
        tuple(sections),
        report.head.position,
        report.head.hash,
    )


def _early(
    id_: str,
    number_: int,
    title: str,
    build: Callable[[Report, str, Builder], Iterator[None] | None],
    report: Report,
    lang: str,
) -> Section:
    """A section built now, its batch (the change log's tables) to start on the second
    core before the first page is printed (:func:`.document.ahead`)."""
    b = Builder()
    build(report, lang, b)
    early = tuple(block for block in b.blocks if isinstance(block, Batch))
    return Section(id_, number_, title, b.blocks, early)


def _blocks(
    build: Callable[[Report, str, Builder], Iterator[None] | None], report: Report, lang: str
) -> Iterator[Block]:
    """A section's blocks, built as they are printed. A builder that is a generator
    (the change log) hands its blocks on at each ``yield``, so a year of tens of
    thousands of changes is never held as blocks all at once."""
    b = Builder()
    steps = build(report, lang, b)
    for _ in steps or ():
        yield from b.blocks
        b.blocks.clear()
    yield from b.blocks


def _summary(report: Report, lang: str, b: Builder) -> None:
    counts: dict[str, dict[str | None, int]] = {}
    for row in r.summary_counts(report):
        counts.setdefault(row["subject"], {})[row["status"]] = row["count"]
    table: list[tuple[Cell, ...]] = []
    for kind in ("field", "goal", "measure", "agreement"):
        by_status = counts[kind]
        statuses = KINDS[kind].statuses
        parts = [_part(n, t(lang, s or ""), lang) for s in statuses if (n := by_status[s])]
        table.append(
            (t(lang, kind + "s"), number(sum(by_status.values()), lang), _BREAK.join(parts))
        )
    ind = counts["indicator"]
    parts = [f"{MARKS[s]}\u00a0{_part(ind[s], t(lang, s), lang)}" for s in STATUSES if ind[s]]
    table.append(
        (
            t(lang, "report_indicators_in", year=report.year),
            number(sum(ind.values()), lang),
            _BREAK.join(parts),
        )
    )
    for subject, label in (
        ("changes", t(lang, "report_sec_changes", year=report.year)),
        ("corrections", t(lang, "report_sec_corrections")),
        ("decisions", t(lang, "report_sec_decisions", year=report.year)),
    ):
        table.append((label, number(counts[subject][None], lang), ""))
    headers = [t(lang, "report_subject"), t(lang, "report_count"), t(lang, "report_breakdown")]
    b.table("summary", headers, table, right=(1,))
    progress = [row for row in r.progress(report) if row["level"] == "field"]
    if progress:
        b.heading(t(lang, "report_progress_by_field"), 3)
        goals = Counter(row["field"] for row in r.progress(report) if row["level"] == "goal")
        b.table(
            "progress",
            [t(lang, "field"), t(lang, "goals"), t(lang, "progress")],
            [
                (
                    f"{row['key']} {row['title']}",
                    str(goals[row["key"]]),
                    percent(row["progress"], lang),
                )
                for row in progress
            ],
            right=(1, 2),
        )


#: Between the parts of a breakdown; the dot stays at the end of a wrapped line.
_BREAK = "\u00a0· "


def _part(count: int, label: str, lang: str) -> str:
    """ "38 aufgegeben" with no-break spaces: a narrow column wraps between the parts of
    a breakdown, never between a count and its label."""
    return f"{number(count, lang)}\u00a0{label}".replace(" ", "\u00a0")


def _indicators(report: Report, lang: str, b: Builder) -> None:
    legend = " · ".join(f"{MARKS[s]} {t(lang, s)}" for s in STATUSES)
    b.para(t(lang, "report_legend", year=report.year, legend=legend))
    b.para(
        t(
            lang,
            "report_method",
            tolerance=number(report.tolerance, lang),
            position=report.head.position,
            as_of=date(report.as_of, lang),
        )
    )
    progress = {row["key"]: row for row in r.progress(report)}
    by_goal: dict[str, list[dict[str, Any]]] = {}
    for row in r.indicators(report):
        by_goal.setdefault(row["goal"], []).append(row)
    years = r.value_years(report)
    headers = [
        t(lang, "report_indicator"),
        t(lang, "report_name_unit"),
        t(lang, "report_baseline_short"),
        t(lang, "report_target_short"),
        *(str(y) for y in years),
        t(lang, "trend"),
        t(lang, "status"),
    ]
    out = outline(report)
    if not out.fields:
        b.para(t(lang, "report_no_fields"))
    parents = {g.get("parent") for g in out.all_goals()}
    for field in out.fields:
        b.heading(f"{field['key']} · {field['title']}", 3)
        b.para(
            t(
                lang,
                "report_field_progress",
                progress=percent(progress[field["key"]]["progress"], lang),
            )
        )
        for goal in out.goals.get(field["key"], []):
            leads = goal["key"] in parents
            _goal(goal, by_goal.get(goal["key"], []), leads, progress, headers, years, lang, b)


def _goal(
    goal: dict[str, Any],
    rows: list[dict[str, Any]],
    leads: bool,
    progress: dict[str, dict[str, Any]],
    headers: list[str],
    years: tuple[int, ...],
    lang: str,
    b: Builder,
) -> None:
    """One goal: its line (status, progress, target year, parent) and its indicators."""
    b.heading(f"{goal['key']} · {goal['title']}", 4)
    parts = [t(lang, goal["status"])]
    if rows or not leads:
        parts[0] = t(
            lang,
            "report_goal_line",
            status=t(lang, goal["status"]),
            progress=percent(progress[goal["key"]]["progress"], lang),
        )
    else:  # a Leitziel without indicators of its own
        parts.append(t(lang, "report_subgoals"))
    if goal.get("target_year"):
        parts.append(t(lang, "report_target_year", year=goal["target_year"]))
    if goal.get("parent"):
        parts.append(t(lang, "report_below", parent=goal["parent"]))
    b.para(" · ".join(parts))
    if not rows and leads:
        return
    b.table_or(
        t(lang, "report_no_indicators"),
        "indicators",
        headers,
        [
            (
                row["key"],
                f"{row['name']} ({row['unit']})",
                year_value(row["baseline_year"], row["baseline"], lang),
                year_value(row["target_year"], row["target"], lang),
                *(number(row[f"value_{y}"], lang) for y in years),
                TREND_ARROWS.get(row["trend"] or "", ""),
                mark(row["status"], lang),
            )
            for row in rows
        ],
        right=(4, 5, 6),
        fold=1,
    )
