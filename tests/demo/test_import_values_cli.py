"""``konzept import-values FILE.csv`` on the demo store: a statistics delivery is recorded
in one transaction, and every bad file is refused naming its line, writing nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from .conftest import Konzept

#: A valid row first, so a refusal proves that nothing at all was written.
GOOD = "I-12,2026,44\n"
HEADER = "indicator,year,value,source,note\n"


def count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


@pytest.fixture
def staff(demo_db: Path, tmp_path: Path) -> Konzept:
    """A private copy of the demo, used by tbrandt (editor, does the statistics)."""
    db = tmp_path / "konzept.db"
    shutil.copy(demo_db, db)
    return Konzept(db, user="tbrandt")


def test_a_delivery_is_recorded_in_one_transaction(staff: Konzept, tmp_path: Path) -> None:
    before = count(staff.db)
    csv = tmp_path / "werte.csv"
    csv.write_text(
        "\ufeff" + HEADER + GOOD + 'I-19,2026,115,"Unterbringung, Fachdienst",Stand 31.10.\n'
        "I-02,2026,89.5\r\n",
        encoding="utf-8",
    )
    out = staff.ok("import-values", str(csv), "--reason", "Oktoberstand")
    assert "3 Messwerte aus" in out
    assert count(staff.db) == before + 3
    log = json.loads(staff.ok("log", "--limit", "3", "--format", "json"))
    assert {e["recorded_at"] for e in log} == {log[0]["recorded_at"]}
    assert [e["position"] for e in log] == [before + 1, before + 2, before + 3]
    assert {e["actor"] for e in log} == {"tbrandt"} and {e["reason"] for e in log} == {
        "Oktoberstand"
    }
    shown = json.loads(staff.ok("show", "I-19", "--format", "json"))
    assert shown["values"]["2026"] == 115
    i02 = next(e for e in log if e["key"] == "I-02")
    assert i02["type"] == "IndicatorValueCorrected" and i02["data"]["value"] == 89.5


def test_a_german_spreadsheet_s_semicolons_and_decimal_commas_are_read(
    staff: Konzept, tmp_path: Path
) -> None:
    # Excel saves "CSV" with semicolons where the decimal comma is used; the import
    # read each line as one column and said so in broken German ("1 Spalten").
    csv = tmp_path / "werte.csv"
    csv.write_text(
        'indicator;year;value;source\r\nI-15;2026;10,4;LSN\r\nI-12;2026;44;"BAMF; Kurse"\r\n',
        encoding="utf-8",
    )
    staff.ok("import-values", str(csv), "--reason", "Lieferung aus Excel")
    values = {
        key: json.loads(staff.ok("show", key, "--format", "json")) for key in ("I-15", "I-12")
    }
    assert values["I-15"]["values"]["2026"] == 10.4
    assert values["I-12"]["values"]["2026"] == 44
    log = json.loads(staff.ok("log", "--limit", "1", "--format", "json"))
    assert log[0]["data"]["source"] == "BAMF; Kurse"


def test_a_closed_year_is_corrected_with_reopen_and_reason(staff: Konzept, tmp_path: Path) -> None:
    csv = tmp_path / "revision.csv"
    csv.write_text(HEADER + "I-16,2024,44.2,Statistik der BA,Revision\n", encoding="utf-8")
    refused = staff("import-values", str(csv), "--reopen")
    assert refused.code == 2 and "ist eine Begründung nötig" in refused.err
    staff.ok("import-values", str(csv), "--reopen", "--reason", "BA-Revision 2024")
    last = json.loads(staff.ok("log", "--limit", "1", "--format", "json"))[0]
    assert last["data"]["closed_year"] is True and last["data"]["previous"] == 44


REFUSALS = {
    "unknown indicator": (HEADER + GOOD + "I-99,2025,5\n", 3, "no indicator with the key I-99"),
    "bad year": (HEADER + GOOD + "I-12,20x5,5\n", 3, "'20x5' is not a year"),
    "year out of range": (HEADER + GOOD + "I-12,3025,5\n", 3, "not a plausible year"),
    "not a number": (HEADER + GOOD + "I-19,2026,viele\n", 3, "'viele' is not a number"),
    "NaN": (HEADER + GOOD + "I-12,2025,NaN\n", 3, "not a finite number"),
    "infinity": (HEADER + GOOD + "I-12,2025,inf\n", 3, "not a finite number"),
    "duplicate row": (HEADER + GOOD + "I-19,2026,1\nI-12,2026,45\n", 4, "first on line 2"),
    "too few columns": (HEADER + GOOD + "I-12,2026\n", 3, "this line has 2"),
    "too many columns": (HEADER + GOOD + "I-12,2025,5,a,b,c\n", 3, "this line has 6"),
    "empty file": ("", 1, "without any values"),
    "header only": (HEADER, 2, "without any values"),
    "closed year": (HEADER + GOOD + "I-12,2025,50\n", 3, "2025 is closed"),
    "unchanged value": (HEADER + GOOD + "I-19,2026,118\n", 3, "already has 118"),
    "malformed quoting": (HEADER + GOOD + 'I-12,2025,"5\n', 3, "malformed"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_bad_file_is_refused_naming_its_line(staff: Konzept, tmp_path: Path, case: str) -> None:
    text, line, words = REFUSALS[case]
    csv = tmp_path / "werte.csv"
    csv.write_text(text, encoding="utf-8")
    before = count(staff.db)
    result = staff("--lang", "en", "import-values", str(csv), "--reason", "Lieferung")
    assert result.code == 2, result.err
    assert result.err.startswith(f"konzept: Line {line}:"), result.err
    assert words in result.err and result.err.count("\n") == 1
    assert count(staff.db) == before


def test_a_file_that_is_not_utf8_is_refused_naming_its_line(staff: Konzept, tmp_path: Path) -> None:
    csv = tmp_path / "excel.csv"
    csv.write_bytes((HEADER + GOOD).encode() + "I-12,2025,5,Größe\n".encode("cp1252"))
    before = count(staff.db)
    result = staff("import-values", str(csv))
    assert result.code == 2
    assert result.err.startswith("konzept: Zeile 3:") and "kein UTF-8-Text" in result.err
    assert count(staff.db) == before


def test_a_viewer_cannot_import(staff: Konzept, tmp_path: Path) -> None:
    csv = tmp_path / "werte.csv"
    csv.write_text(HEADER + GOOD, encoding="utf-8")
    before = count(staff.db)
    result = Konzept(staff.db, user="gast")("import-values", str(csv))
    assert result.code == 2 and "Rolle editor" in result.err
    assert count(staff.db) == before
