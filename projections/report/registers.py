"""The year's registers in the printed report: changes, corrections of closed years,
decisions, agreements, process steps and the record the report stands on.

Like :mod:`.layout`, these only decide how people see the rows of :mod:`.rows`.
Secondary columns (reason, decision, partners) are marked for plain text to tuck
under the main text, so an 80-column page keeps one readable column for the change.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from konzept.projections.describe import summary_of
from konzept.projections.i18n import cap, t

from . import rows as r
from .document import Block, Builder, Cell, Code, Facts, Later, date, number, stamp, word
from .model import Change, Report, payload


def _decision_cell(row: dict[str, Any], lang: str) -> str:
    if not row["decision"]:
        return ""
    if row["decision_reference"]:
        return f"{row['decision_reference']} ({row['decision']})"
    return str(row["decision"])


def changes(report: Report, lang: str, b: Builder) -> None:
    """One table per field of action, each made when printed (maybe on the other core)."""
    if not report.changes:
        b.para(t(lang, "report_no_changes", year=report.year))
        return
    titles = {f["key"]: f["title"] for f in report.of_kind("field")}
    headers = [
        t(lang, "date"),
        t(lang, "entity"),
        t(lang, "change"),
        t(lang, "reason"),
        t(lang, "decision"),
        t(lang, "who"),
    ]
    b.batch(
        Later(partial(_changes_of_group, report, lang, headers, heading, entries), len(entries))
        for group, entries in r.change_groups(report)
        for heading in [f"{group} · {titles.get(group, '')}" if group else None]
    )


def _changes_of_group(
    report: Report, lang: str, headers: list[str], heading: str | None, entries: list[Change]
) -> list[Block]:
    b = Builder()
    b.heading(heading or t(lang, "report_general"), 3)
    concept = t(lang, "report_concept_key")
    # A year's change log is 100k rows over a year's days, a few dozen decisions and
    # many small changes that repeat (a target year moved, a unit renamed): each such
    # cell is worded once.
    days: dict[str, str] = {}
    decided: dict[str | None, str] = {None: ""}
    worded: dict[tuple[str, int, str], str] = {}
    cells: list[tuple[Cell, ...]] = []
    # The stored columns as they are (no envelope): a year's change log is 100k rows.
    for row in entries:
        position, stream, type_, schema, data, effective, actor, reason, decision = row
        kind, _, key = stream.partition(":")
        day = days.get(effective)
        if day is None:
            day = days[effective] = date(effective, lang)
        decision_cell = decided.get(decision)
        if decision_cell is None:
            reference = report.decision_reference(decision)
            decision_cell = decided[decision] = (
                f"{reference} ({decision})" if reference else decision or ""
            )
        change = worded.get((type_, schema, data)) if len(data) <= _SHORT else None
        if change is None:
            change = summary_of(type_, payload(position, type_, schema, data), lang)
            if len(data) <= _SHORT:
                worded[type_, schema, data] = change
        cells.append(
            (
                day,
                concept if (key or kind) == "concept" else key or kind,
                change,
                reason or "",
                decision_cell,
                actor,
            )
        )
    b.table("changes", headers, cells, tuck=(3, 4))
    return b.blocks


#: Payloads up to this long (a status, a year, a unit) are worded once per table.
_SHORT = 64


def corrections(report: Report, lang: str, b: Builder) -> None:
    b.table_or(
        t(lang, "report_no_corrections", year=report.year),
        "corrections",
        [
            t(lang, "recorded_at"),
            t(lang, "indicator"),
            t(lang, "report_col_year"),
            t(lang, "change"),
            t(lang, "reason"),
            t(lang, "decision"),
            t(lang, "who"),
        ],
        [
            (
                date(row["recorded_at"][:10], lang),
                row["key"],
                str(row["year"]),
                f"{number(row['old'], lang)} → {number(row['new'], lang)}",
                row["reason"] or "",
                _decision_cell(row, lang),
                row["actor"],
            )
            for row in r.corrections(report)
        ],
        tuck=(4, 5),
    )


def _body(body: str, lang: str) -> str:
    return t(lang, f"report_body_{body}") if body in ("committee", "administration") else body


def decisions(report: Report, lang: str, b: Builder) -> None:
    b.table_or(
        t(lang, "report_no_decisions", year=report.year),
        "decisions",
        [
            t(lang, "date"),
            t(lang, "body"),
            t(lang, "reference"),
            t(lang, "title"),
            t(lang, "outcome"),
            t(lang, "key"),
        ],
        [
            (
                date(row["date"], lang),
                _body(row["body"], lang),
                row["reference"] or "",
                row["title"],
                row["outcome"] or "",
                row["key"],
            )
            for row in r.decisions(report)
        ],
        tuck=(4,),
    )


def agreements(report: Report, lang: str, b: Builder) -> None:
    names = {a["key"]: a["name"] for a in report.of_kind("actor")}
    rows = list(r.agreements(report))
    none = t(lang, "report_no_items")

    def parties(row: dict[str, Any]) -> str:
        return ", ".join(names.get(k, k) for k in row["parties"])

    next_end = f"{report.year + 1}-12-31"
    b.heading(t(lang, "report_signed_in", year=report.year), 3)
    b.table_or(
        none,
        "agreements",
        [
            t(lang, "key"),
            t(lang, "title"),
            t(lang, "parties"),
            t(lang, "report_signed_on"),
            t(lang, "valid_until"),
        ],
        [
            (
                row["key"],
                row["title"],
                parties(row),
                date(row["signed"], lang),
                date(row["valid_until"], lang),
            )
            for row in rows
            if row["signed"]
        ],
        tuck=(2,),
    )
    b.heading(t(lang, "report_in_force", date=date(report.as_of, lang)), 3)
    b.table_or(
        none,
        "agreements",
        [
            t(lang, "key"),
            t(lang, "title"),
            t(lang, "parties"),
            t(lang, "valid_from"),
            t(lang, "valid_until"),
            t(lang, "review"),
        ],
        [
            (
                row["key"],
                row["title"],
                parties(row),
                date(row["valid_from"], lang),
                date(row["valid_until"], lang),
                date(row["review"], lang),
            )
            for row in rows
            if row["active"]
        ],
        tuck=(2,),
    )
    b.heading(t(lang, "report_expiring", date=date(next_end, lang)), 3)
    b.table_or(
        none,
        "agreements",
        [t(lang, "key"), t(lang, "title"), t(lang, "parties"), t(lang, "valid_until")],
        [
            (row["key"], row["title"], parties(row), date(row["valid_until"], lang))
            for row in rows
            if row["expiring"]
        ],
        tuck=(2,),
    )
    b.heading(t(lang, "report_obligations_due", date=date(report.as_of, lang)), 3)
    b.table_or(
        none,
        "obligations",
        [
            t(lang, "agreement"),
            t(lang, "number"),
            t(lang, "what"),
            t(lang, "report_party"),
            t(lang, "due"),
            t(lang, "report_col_state"),
        ],
        [
            (
                str(row["agreement"]),
                str(row["number"]),
                str(row["what"]),
                str(names.get(row["party"], row["party"])),
                date(row["due"], lang),
                t(lang, "report_overdue" if row["state"] == "overdue" else "due"),
            )
            for row in r.obligations(report)
        ],
        right=(1,),
        tuck=(3,),
    )


def steps(report: Report, lang: str, b: Builder) -> None:
    b.table_or(
        t(lang, "report_no_items"),
        "steps",
        [t(lang, "number"), t(lang, "title"), t(lang, "status"), t(lang, "since")],
        [
            (str(row["number"]), row["title"], word(row["status"], lang), date(row["since"], lang))
            for row in r.steps(report)
        ],
        right=(0,),
    )


def _exact(recorded_at: str, lang: str) -> str:
    if not recorded_at:
        return t(lang, "none")
    return f"{stamp(recorded_at, lang)} ({recorded_at})"


def record(report: Report, lang: str, b: Builder) -> None:
    head = report.head
    b.blocks.append(
        Facts(
            (
                (cap(t(lang, "report_head_position")), str(head.position)),
                # Readable as in the header, and exactly as stored (UTC), which a
                # certificate of the record must not round.
                (cap(t(lang, "report_head_time")), _exact(head.recorded_at, lang)),
                (cap(t(lang, "report_head_hash")), head.hash),
            )
        )
    )
    b.para(t(lang, "report_verify", position=head.position))
    b.blocks.append(Code(("konzept verify --witness \\", f"  {head.position}:{head.hash}")))
