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
    assert result.code == 2 and "must not be negative" in result.err
