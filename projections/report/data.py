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
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from konzept.projections.i18n import cap, t
from konzept.projections.render import safe, safe_json

from .model import Report
from .rows import TABLES, columns

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
    return "".join(csv_chunks(report, lang))


def csv_chunks(report: Report, lang: str, batch: int = 1_000) -> Iterator[str]:
    """The CSV in pieces: each table's rows are made and written a batch at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, (name, generate) in enumerate(TABLES):
        if n:
            writer.writerow([])
        title = section_title(name, report, lang)
        cols = columns(name, report)
        writer.writerow([t(lang, "report_col_section"), *(header(name, c, lang) for c in cols)])
        for count, row in enumerate(generate(report, lang), 1):
            writer.writerow([title, *(_csv_cell(row[c]) for c in cols)])
            if count % batch == 0:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
    yield out.getvalue()


def render_json(report: Report, lang: str) -> str:
    return "".join(json_chunks(report, lang))


def json_chunks(report: Report, lang: str) -> Iterator[str]:
    """``{"report": facts, "sections": {id: rows}}`` as ``json.dumps(indent=2)`` prints
    it, written row by row: each row is dumped alone and indented to its depth."""
    facts = {row["name"]: row["value"] for row in TABLES[0][1](report, lang)}
    head = _dumps({"report": facts, "sections": {}})
    assert head.endswith('"sections": {}\n}')
    yield safe_json(head[: -len("{}\n}")]) + "{"
    for n, (name, generate) in enumerate(TABLES[1:]):
        cols = columns(name, report)
        yield ("," if n else "") + f"\n    {_dumps(name)}: ["
        rows = 0
        for rows, row in enumerate(generate(report, lang), 1):
            text = _indented({c: row[c] for c in cols}, 3)
            yield ("\n      " if rows == 1 else ",\n      ") + safe_json(text)
        yield "\n    ]" if rows else "]"
    yield "\n  }\n}\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


def _indented(value: Any, depth: int) -> str:
    """``json.dumps(value, indent=2)`` at ``depth``, for a row of a section.

    ``json`` indents with its pure-Python encoder, which builds a fresh set of
    closures referring to each other for every call: per row, garbage that only the
    cycle collector frees (paused while a report is printed). Rows are flat dicts of
    scalars and lists, printed here the same way, with the C encoder for scalars.
    """
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{_scalar(k)}: {_indented(v, depth + 1)}" for k, v in value.items())
        return "{" + ",".join(items) + "\n" + "  " * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = (f"{inner}{_indented(v, depth + 1)}" for v in value)
        return "[" + ",".join(items) + "\n" + "  " * depth + "]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    """A value as ``json`` writes it (``ensure_ascii=False``, no NaN), the common types
    without building an encoder per value."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return _ENCODER.encode(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
