"""The report as tables of plain rows: generators over the model, one per section.

Rows are dicts with stable snake_case keys and raw values (numbers stay numbers,
dates stay ISO, statuses stay identifiers), which is what CSV and JSON print and what
the display layout formats. Only the change log's ``change`` text is in words, because
"Zielwert: 40 (2030) → 50 (2030)" is the point of that column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from konzept.events.kinds import KINDS
from konzept.events.state import Entity
from konzept.events.values import natural
from konzept.projections.describe import summary
from konzept.projections.status import STATUSES, trend

from .model import Change, Report, change_envelope
from .outline import outline

Row = dict[str, Any]
TRENDS = {"↑": "rising", "↓": "falling", "→": "steady"}


@dataclass(frozen=True)
class DataTable:
    """One section as a table: ``id`` names it in JSON and CSV, ``columns`` fixes the order."""

    id: str
    columns: tuple[str, ...]
    rows: list[Row]


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def value_years(report: Report) -> tuple[int, int, int]:
    """The three years whose values the indicator review shows."""
    return (report.year - 2, report.year - 1, report.year)


# --- generators ------------------------------------------------------------------------


def facts(report: Report, lang: str) -> Iterator[Row]:
    concept = report.state.concept
    yield {"name": "title", "value": concept.get("title")}
    yield {"name": "territory", "value": concept.get("territory") or None}
    yield {"name": "population", "value": concept.get("population")}
    yield {"name": "area_km2", "value": concept.get("area_km2")}
    yield {"name": "year", "value": report.year}
    yield {"name": "as_of", "value": report.as_of}
    yield {"name": "language", "value": lang}
    yield {"name": "head_position", "value": report.head.position}
    yield {"name": "head_recorded_at", "value": report.head.recorded_at or None}
    yield {"name": "head_hash", "value": report.head.hash}


def summary_counts(report: Report) -> Iterator[Row]:
    """Entities by status as of 31 Dec; indicators by their status for the year."""
    for kind in ("field", "goal", "measure", "agreement"):
        entities = report.of_kind(kind)
        for status in KINDS[kind].statuses:
            count = sum(1 for e in entities if e["status"] == status)
            yield {"subject": kind, "status": status, "count": count}
    statuses = [s.status for s in outline(report).status.values()]
    for status in STATUSES:
        yield {"subject": "indicator", "status": status, "count": statuses.count(status)}
    yield {"subject": "changes", "status": None, "count": len(report.changes)}
    yield {"subject": "corrections", "status": None, "count": len(report.corrections)}
    yield {"subject": "decisions", "status": None, "count": len(decisions_of_year(report))}


def progress(report: Report) -> Iterator[Row]:
    """The roll-up: each field's progress, then its goals' (never stored, SPEC §3)."""
    out = outline(report)
    for field in out.fields:
        yield {
            "level": "field",
            "field": field["key"],
            "key": field["key"],
            "title": field["title"],
            "status": field["status"],
            "progress": _round(out.progress[field["key"]], 1),
        }
        for goal in out.goals.get(field["key"], []):
            yield {
                "level": "goal",
                "field": field["key"],
                "key": goal["key"],
                "title": goal["title"],
                "status": goal["status"],
                "progress": _round(out.progress[goal["key"]], 1),
            }


def indicators(report: Report) -> Iterator[Row]:
    years = value_years(report)
    out = outline(report)
    for goal in out.all_goals():
        for ind in out.indicators[goal["key"]]:
            st = out.status[ind["key"]]
            base, target = ind.get("baseline") or {}, ind.get("target") or {}
            values = ind.get("values", {})
            yield {
                "field": goal["field"],
                "goal": goal["key"],
                "key": ind["key"],
                "name": ind["name"],
                "unit": ind["unit"],
                "direction": ind["direction"],
                "baseline_year": base.get("year"),
                "baseline": base.get("value"),
                "target_year": target.get("year"),
                "target": target.get("value"),
                **{f"value_{y}": values.get(str(y)) for y in years},
                "expected": _round(st.expected, 2),
                "progress": _round(st.progress, 1),
                "trend": TRENDS.get(trend(ind, report.year)),
                "status": st.status,
            }


def change_groups(report: Report) -> list[tuple[str | None, list[Change]]]:
    """The year's changes grouped by field of action (fields in key order, general
    last), in (effective, position) order within a group."""
    order = {f["key"]: n for n, f in enumerate(report.of_kind("field"))}
    # A year holds tens of thousands of changes on a few thousand streams: each
    # stream's field is looked up once.
    field_of = {stream: report.field_of(stream) for stream in report.changes.streams()}
    groups: dict[str | None, list[Change]] = {group: [] for group in field_of.values()}
    append = {stream: groups[group].append for stream, group in field_of.items()}
    for entry in report.changes.entries:
        append[entry[1]](entry)

    def rank(item: tuple[str | None, list[Change]]) -> tuple[bool, int, str]:
        group = item[0]
        return (group is None, order.get(group or "", len(order)), group or "")

    return sorted(groups.items(), key=rank)


def changes(report: Report, lang: str) -> Iterator[Row]:
    """The year's changes grouped by field of action (see :func:`change_groups`)."""
    for group, entries in change_groups(report):
        positions = [entry[0] for entry in entries]
        for e in map(change_envelope, report.changes.rows_of(positions)):
            kind, _, key = e.stream.partition(":")
            yield {
                "group": group,
                "position": e.position,
                "effective": e.effective,
                "recorded_at": e.recorded_at,
                "key": key or kind,
                "kind": kind,
                "type": e.type,
                "change": summary(e, lang),
                "reason": e.reason or None,
                "decision": e.decision,
                "decision_reference": report.decision_reference(e.decision),
                "actor": e.actor,
            }


def corrections(report: Report) -> Iterator[Row]:
    for e in report.corrections:
        yield {
            "position": e.position,
            "recorded_at": e.recorded_at,
            "effective": e.effective,
            "key": e.key,
            "year": e.data["year"],
            "old": e.data.get("previous"),
            "new": e.data.get("value"),  # None: withdrawn
            "reason": e.reason or None,
            "decision": e.decision,
            "decision_reference": report.decision_reference(e.decision),
            "actor": e.actor,
        }


def decisions_of_year(report: Report) -> list[Entity]:
    prefix = str(report.year)
    found = [d for d in report.of_kind("decision") if str(d["date"])[:4] == prefix]
    return sorted(found, key=lambda d: (d["date"], natural(d["key"])))


def decisions(report: Report) -> Iterator[Row]:
    for d in decisions_of_year(report):
        yield {
            "key": d["key"],
            "date": d["date"],
            "body": d["body"],
            "reference": d.get("reference") or None,
            "title": d["title"],
            "outcome": d.get("outcome") or None,
            "link": d.get("link") or None,
        }


def signed_in_year(report: Report) -> dict[str, str]:
    """Agreement key → the date it was signed, for signatures effective in the year."""
    return {e.key: e.effective for e in report.changes.of_type("AgreementSigned")}


def in_force(report: Report, agreement: Entity) -> bool:
    start, until = agreement.get("valid_from"), agreement.get("valid_until")
    return (
        agreement["status"] == "signed"
        and (not start or start <= report.as_of)
        and (not until or until >= report.as_of)
    )


def expiring(report: Report, agreement: Entity) -> bool:
    """Signed and ending within the year after the report's year."""
    until = str(agreement.get("valid_until") or "")
    horizon = f"{report.year + 1}-12-31"
    return agreement["status"] == "signed" and report.as_of < until <= horizon


def agreements(report: Report) -> Iterator[Row]:
    signed = signed_in_year(report)
    for a in report.of_kind("agreement"):
        active, ending = in_force(report, a), expiring(report, a)
        if not (a["key"] in signed or active or ending):
            continue
        yield {
            "key": a["key"],
            "title": a["title"],
            "status": a["status"],
            "parties": list(a["parties"]),
            "valid_from": a.get("valid_from"),
            "valid_until": a.get("valid_until"),
            "review": a.get("review"),
            "signed": signed.get(a["key"]),
            "active": active,
            "expiring": ending,
        }


def obligations(report: Report) -> Iterator[Row]:
    """Unfulfilled obligations due by the end of the next year; overdue if due before 31 Dec."""
    horizon = f"{report.year + 1}-12-31"
    for a in report.of_kind("agreement"):
        if a["status"] not in ("negotiating", "signed"):
            continue
        for o in a["obligations"]:
            due = o.get("due")
            if o.get("fulfilled") or not due or due > horizon:
                continue
            yield {
                "agreement": a["key"],
                "number": o["number"],
                "party": o["party"],
                "what": o["what"],
                "due": due,
                "state": "overdue" if due < report.as_of else "due",
            }


def steps(report: Report) -> Iterator[Row]:
    for s in sorted(report.of_kind("step"), key=lambda s: (s["number"], natural(s["key"]))):
        yield {
            "number": s["number"],
            "key": s["key"],
            "title": s["title"],
            "status": s["status"],
            "since": s["updated"],
            "recurring": bool(s.get("recurring")),
        }


Generator = Callable[[Report, str], Iterator[Row]]

#: Every table of the report, in print order, with its columns.
TABLES: tuple[tuple[str, Generator], ...] = (
    ("facts", facts),
    ("summary", lambda r, _: summary_counts(r)),
    ("progress", lambda r, _: progress(r)),
    ("indicators", lambda r, _: indicators(r)),
    ("changes", changes),
    ("corrections", lambda r, _: corrections(r)),
    ("decisions", lambda r, _: decisions(r)),
    ("agreements", lambda r, _: agreements(r)),
    ("obligations", lambda r, _: obligations(r)),
    ("steps", lambda r, _: steps(r)),
)


def columns(table: str, report: Report) -> tuple[str, ...]:
    """Column ids of a table, also when it has no rows (CSV still prints its header)."""
    fixed: dict[str, tuple[str, ...]] = {
        "facts": ("name", "value"),
        "summary": ("subject", "status", "count"),
        "progress": ("level", "field", "key", "title", "status", "progress"),
        "indicators": (
            "field",
            "goal",
            "key",
            "name",
            "unit",
            "direction",
            "baseline_year",
            "baseline",
            "target_year",
            "target",
            *(f"value_{y}" for y in value_years(report)),
            "expected",
            "progress",
            "trend",
            "status",
        ),
        "changes": (
            "group",
            "position",
            "effective",
            "recorded_at",
            "key",
            "kind",
            "type",
            "change",
            "reason",
            "decision",
            "decision_reference",
            "actor",
        ),
        "corrections": (
            "position",
            "recorded_at",
            "effective",
            "key",
            "year",
            "old",
            "new",
            "reason",
            "decision",
            "decision_reference",
            "actor",
        ),
        "decisions": ("key", "date", "body", "reference", "title", "outcome", "link"),
        "agreements": (
            "key",
            "title",
            "status",
            "parties",
            "valid_from",
            "valid_until",
            "review",
            "signed",
            "active",
            "expiring",
        ),
        "obligations": ("agreement", "number", "party", "what", "due", "state"),
        "steps": ("number", "key", "title", "status", "since", "recurring"),
    }
    return fixed[table]


def tables(report: Report, lang: str) -> list[DataTable]:
    return [DataTable(name, columns(name, report), list(gen(report, lang))) for name, gen in TABLES]
