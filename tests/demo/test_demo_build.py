"""``konzept demo --no-tui`` through the real CLI: it builds, verifies, tells ten years of
history, is deterministic and never overwrites a file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from .conftest import Konzept

YEARS = range(2017, 2027)


@pytest.fixture(scope="module")
def envelopes(demo: Konzept) -> list[dict[str, Any]]:
    return [json.loads(line) for line in demo.ok("export").splitlines()]


def test_demo_verifies(demo: Konzept) -> None:
    out = demo.ok("verify")
    assert out.startswith("OK:") and "Kette intakt" in out


def test_demo_has_changes_in_at_least_eight_years(envelopes: list[dict[str, Any]]) -> None:
    years = {e["effective"][:4] for e in envelopes}
    assert len(years & {str(y) for y in range(2016, 2027)}) >= 8
    assert len(envelopes) > 400


@pytest.mark.parametrize("year", YEARS)
def test_every_year_has_a_diff_worth_looking_at(demo: Konzept, year: int) -> None:
    result = json.loads(demo.ok("diff", str(year - 1), str(year), "--format", "json"))
    assert result["added"] or result["changed"] or result["retired"]
    # Not only the year's figures: something about the concept itself changed.
    assert (
        any(not c["attribute"].startswith("values.") for c in result["changed"]) or result["added"]
    )
    text = demo.ok("diff", str(year - 1), str(year))
    assert text.strip()


@pytest.mark.parametrize("year", YEARS)
def test_every_year_has_a_change_log(demo: Konzept, year: int) -> None:
    entries = json.loads(
        demo.ok("log", "--since", f"{year}-01-01", "--until", f"{year}-12-31", "--format", "json")
    )
    assert len(entries) >= 20
    assert all(e["reason"] for e in entries)
    assert len({e["actor"] for e in entries}) >= 2


@pytest.mark.parametrize("year", YEARS)
def test_every_year_has_a_report_worth_reading(demo: Konzept, year: int) -> None:
    report = demo.ok("report", str(year))
    assert report.startswith(f"# Jahresbericht {year}")
    assert len(report.splitlines()) > 100
    assert f"DS {year}/" in report, "the report names a decision of its year"


@pytest.mark.parametrize(("year", "key"), [(2021, "I-16"), (2025, "I-18")])
def test_reports_list_corrections_of_closed_years(demo: Konzept, year: int, key: str) -> None:
    report = demo.ok("report", str(year))
    corrections = report.split("Korrekturen abgeschlossener Jahre")[-1].split("\n## ")[0]
    assert f"| {key} " in corrections


def test_history_reads_like_real_work(envelopes: list[dict[str, Any]]) -> None:
    recorded = [e["recorded_at"] for e in envelopes]
    assert recorded == sorted(recorded), "recording times run backwards"
    assert all(e["reason"].strip() for e in envelopes), "every change carries a reason"
    assert len({e["actor"] for e in envelopes}) >= 4
    types = {e["type"] for e in envelopes}
    for expected in (
        "GoalReworded",
        "GoalDropped",
        "GoalAchieved",
        "IndicatorTargetChanged",
        "IndicatorRetired",
        "MeasureCompleted",
        "MeasureStopped",
        "AgreementSigned",
        "AgreementExpired",
        "AgreementValidityExtended",
        "ObligationFulfilled",
        "DecisionCorrected",
        "YearClosed",
        "StepReopened",
        "IndicatorValueWithdrawn",
    ):
        assert expected in types, expected
    closed_fixes = [e for e in envelopes if e["data"].get("closed_year") is True]
    assert closed_fixes and all(e["reason"] for e in closed_fixes)
    backdated = [e for e in envelopes if e["effective"] < e["recorded_at"][:10]]
    assert any(e["decision"] for e in backdated)
    scheduled = [e for e in envelopes if e["effective"] == "2027-01-01"]
    assert scheduled and all(e["recorded_at"] < "2027" for e in scheduled)
    closed = sorted(e["data"]["year"] for e in envelopes if e["type"] == "YearClosed")
    assert closed == list(range(2017, 2026))


def test_a_revert_and_statistics_imports_are_in_the_log(demo: Konzept) -> None:
    entries = json.loads(demo.ok("log", "--by", "tbrandt", "--format", "json"))
    batches: dict[str, int] = {}
    for e in entries:
        if e["type"] == "IndicatorValueRecorded" and "Statistiklieferung" in e["reason"]:
            batches[e["recorded_at"]] = batches.get(e["recorded_at"], 0) + 1
    # One transaction per delivery: the whole CSV shares one recording time.
    assert len(batches) >= 9 and min(batches.values()) >= 5
    reverts = json.loads(demo.ok("log", "--entity", "M-17", "--format", "json"))
    assert [e["data"]["responsible"] for e in reverts if e["type"] == "MeasureResponsibleChanged"][
        -2:
    ] == ["JC", "FD-SOZ"]


def test_years_read_as_years(demo: Konzept) -> None:
    out = demo.ok("history", "HF5-Z1")
    assert "2025 → 2030" in out and "2.030" not in out
    assert "2.030" not in demo.ok("diff", "2023", "2024")


def test_two_builds_export_the_same_log(demo: Konzept, tmp_path: Path) -> None:
    again = Konzept(tmp_path / "again.db")
    again.ok("demo", "--no-tui")
    assert again.ok("export") == demo.ok("export")


def test_demo_opens_an_earlier_demo_and_refuses_any_other_file(
    demo_db: Path, tmp_path: Path
) -> None:
    """Run again (the README's first command twice), the demo is opened as it was
    left; any other file at the path is refused, so no real store passes for the demo."""
    notes, store, copy = tmp_path / "konzept.db", tmp_path / "real.db", tmp_path / "copy.db"
    notes.write_text("my notes\n")
    Konzept(store).ok("init", "--title", "Integrationskonzept Musterkreis")
    with sqlite3.connect(store) as conn:  # an older store: opening it would update it
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'format_version'")
    conn.close()
    for existing in (notes, store):
        before = existing.read_bytes()
        result = Konzept(existing)("demo", "--no-tui")
        assert result.code == 2
        assert f"{existing} gibt es schon, und es ist nicht das Demo-Konzept" in result.err
        assert "--db" in result.err and result.err.count("\n") == 1
        assert existing.read_bytes() == before
    shutil.copy(demo_db, copy)
    Konzept(copy).ok("set", "HF1", "title", "Ankommen im ländlichen Raum", "--reason", "Probe")
    before = copy.read_bytes()
    result = Konzept(copy)("demo", "--no-tui")
    assert result.code == 0, result.err
    assert f"Das Demo-Konzept in {copy} gibt es schon" in result.out
    assert copy.read_bytes() == before
    assert "Ankommen im ländlichen Raum" in Konzept(copy).ok("show", "HF1")
    assert not Path(f"{copy}-wal").exists()
