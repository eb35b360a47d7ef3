"""CSV and JSON: the same tables for people who continue in a spreadsheet or a script.

Both print :func:`.rows.tables` unchanged: raw values (numbers as numbers, ISO dates,
status identifiers), so a figure read from the CSV equals the one in the JSON. The CSV
holds one block per section, each with its own header row and a first column naming
the section, separated by a blank line; cells that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``) are quoted with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from konzept.projections.i18n import t
from konzept.projections.render import safe, safe_json

from .document import cap
from .model import Report
from .rows import DataTable, tables

#: Column id → i18n word, where the two differ.
_WORDS = {
    "actor": "who",
    "kind": "actor_kind",
    "subject": "report_subject",
    "count": "report_count",
    "group": "report_col_group",
    "level": "report_col_level",
    "type": "report_col_type",
    "year": "report_col_year",
    "baseline_year": "report_col_baseline_year",
    "target_year": "report_col_target_year",
    "decision_reference": "report_col_decision_reference",
    "signed": "report_col_signed",
    "active": "report_col_active",
    "expiring": "report_col_expiring",
    "state": "report_col_state",
    "party": "report_party",
}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def header(table: str, column: str, lang: str) -> str:
    if table == "facts":
        return cap(t(lang, f"report_col_{column}"))
    if column.startswith("value_"):
        return cap(t(lang, "report_col_value_year", year=column[6:]))
    return cap(t(lang, _WORDS.get(column, column)))


def section_title(table: str, report: Report, lang: str) -> str:
    return t(lang, f"report_sec_{table}", year=report.year)


def _csv_cell(value: Any) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = safe(str(value))  # never a raw control character, in a file or a terminal
    return "'" + text if text.startswith(_FORMULA) else text


def render_csv(report: Report, lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, table in enumerate(tables(report, lang)):
        if n:
            writer.writerow([])
        title = section_title(table.id, report, lang)
        writer.writerow(
            [t(lang, "report_col_section"), *(header(table.id, c, lang) for c in table.columns)]
        )
        writer.writerows([title, *(_csv_cell(row[c]) for c in table.columns)] for row in table.rows)
    return out.getvalue()


def _ordered(table: DataTable) -> list[dict[str, Any]]:
    return [{c: row[c] for c in table.columns} for row in table.rows]


def render_json(report: Report, lang: str) -> str:
    found = tables(report, lang)
    facts = {row["name"]: row["value"] for row in found[0].rows}
    document = {
        "report": facts,
        "sections": {table.id: _ordered(table) for table in found[1:]},
    }
    return safe_json(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"
