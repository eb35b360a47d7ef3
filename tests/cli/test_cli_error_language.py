"""A refusal is one line in the user's language: --lang, else the concept's, else German."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def concept(cli):  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse")
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Plätze",
           "--unit", "Plätze", "--direction", "up")  # fmt: skip
    return cli


def refusal(cli, counter: Callable[[Path], int], *args: str, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    """The one line a refused command prints; asserts that it wrote nothing."""
    before = counter(cli.db)
    result = cli(*args)
    assert result.code == code, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert counter(cli.db) == before
    return lines[0]


def test_a_refusal_is_german_by_default_and_english_on_request(concept, counter) -> None:  # type: ignore[no-untyped-def]
    args = ("set", "HF1", "colour", "red")
    assert refusal(concept, counter, *args) == (
        "konzept: Ein Handlungsfeld hat kein Merkmal 'colour'; vorhanden sind: title, description."
    )
    assert refusal(concept, counter, "--lang", "en", *args) == (
        "konzept: A field of action has no attribute 'colour'; it has: title, description."
    )


def test_kinds_and_statuses_are_said_in_german_too(concept, counter) -> None:  # type: ignore[no-untyped-def]
    assert refusal(concept, counter, "status", "HF1-Z1", "achieved") == (
        "konzept: HF1-Z1 ist „Entwurf“ und kann nicht „erreicht“ werden; "
        "möglich ist: beschlossen, aufgegeben."
    )
    assert refusal(concept, counter, "add", "goal", "X1", "--field", "HF9", "--title", "T") == (
        "konzept: Es gibt kein Handlungsfeld mit dem Schlüssel HF9."
    )
    assert refusal(concept, counter, "--lang", "en", "status", "HF1-Z1", "achieved") == (
        "konzept: HF1-Z1 is draft and cannot become achieved; it can become: adopted, dropped."
    )


def test_an_english_concept_is_refused_in_english_unless_asked_otherwise(concept, counter) -> None:  # type: ignore[no-untyped-def]
    concept.ok("set", "concept", "language", "en")
    args = ("record", "I-01", "2020", "viele")
    assert refusal(concept, counter, *args) == "konzept: 'viele' is not a number."
    assert refusal(concept, counter, "--lang", "de", *args) == "konzept: 'viele' ist keine Zahl."


def test_a_missing_store_is_named_in_german_or_english(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for lang, words in ((), "Unter "), (("--lang", "en"), "There is no konzept store at "):
        result = cli(*lang, "show")
        assert result.code == 4 and result.err.startswith(f"konzept: {words}"), result.err
        assert len(result.err.splitlines()) == 1
    assert not cli.db.exists()


def test_a_value_for_a_year_to_come_is_refused_but_a_target_may_lie_ahead(concept, counter) -> None:  # type: ignore[no-untyped-def]
    line = refusal(concept, counter, "record", "I-01", "2099", "5")
    assert line.startswith("konzept: Ein Messwert für 2099 kann noch nicht erfasst werden:"), line
    english = refusal(concept, counter, "--lang", "en", "record", "I-01", "2099", "5")
    assert english.startswith("konzept: A value for 2099 cannot be recorded yet:"), english
    concept.ok("set", "I-01", "target", "2099=50")
    concept.ok("set", "HF1-Z1", "target_year", "2099")
    concept.ok("record", "I-01", "2020", "5")
