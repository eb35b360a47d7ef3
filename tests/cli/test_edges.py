"""Edges users reach: a report before the concept began, clearing optional concept facts."""

from __future__ import annotations

import json


def test_report_for_a_year_before_the_concept_names_the_concept(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept Musterkreis")
    report = cli.ok("report", "1999", "--format", "txt")
    assert "Konzept Musterkreis" in report and "1999" in report


def test_population_can_be_cleared(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept", "--population", "120000")
    cli.ok("set", "concept", "population", "")
    assert json.loads(cli.ok("show", "--format", "json"))["concept"]["population"] is None
    result = cli("set", "concept", "population", "-5")
    assert result.code == 2 and "-5 darf nicht negativ sein." in result.err


def test_german_input_as_the_reports_print_it(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse")
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Teilnehmende",
           "--unit", "Personen", "--direction", "up")  # fmt: skip
    cli.ok("record", "I-01", "2024", "1.234,5")
    assert json.loads(cli.ok("show", "I-01", "--format", "json"))["values"] == {"2024": 1234.5}
    cli.ok("status", "HF1-Z1", "beschlossen")
    assert json.loads(cli.ok("show", "HF1-Z1", "--format", "json"))["status"] == "adopted"


def test_show_before_the_concept_existed_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    result = cli("show", "--as-of", "1999")
    assert result.code == 2 and "Am 1999-12-31 gab es das Konzept noch nicht" in result.err
