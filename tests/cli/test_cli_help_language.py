"""``konzept --help`` speaks German by default and English with --lang en."""

from __future__ import annotations

import subprocess
import sys

from konzept.cli.helptext import untranslated
from konzept.cli.main import build_parser


def _help(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "konzept", *args, "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_every_help_text_has_a_german_twin() -> None:
    assert untranslated(build_parser()) == []


def test_help_is_german_by_default() -> None:
    text = _help("add", "goal")
    assert text.startswith("Aufruf: konzept add goal")
    assert "Angaben zur Änderung:" in text
    assert "warum die Änderung gemacht wird" in text
    assert "diese Hilfe zeigen und beenden" in text
    assert "why this change is made" not in text


def test_help_is_english_on_request() -> None:
    text = _help("--lang", "en", "add", "goal")
    assert text.startswith("usage: konzept add goal")
    assert "why this change is made" in text
    assert "Aufruf" not in text


def test_the_command_list_is_german() -> None:
    text = _help()
    assert "der Jahresbericht" in text
    assert "the annual report" not in text
