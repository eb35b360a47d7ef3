"""The 2024 report of the small history, byte for byte, in every format and both languages.

Regenerate with ``KONZEPT_UPDATE_GOLDEN=1 pytest tests/report`` and read the diff (and
the text report itself) before committing it: these files are what a committee gets.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from konzept.events import Store
from konzept.projections.report import render

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KONZEPT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode())
    assert path.exists(), f"missing golden file {name}; run with KONZEPT_UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode(), f"report differs from golden/{name}"


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "csv", "json"])
def test_report_2024_matches_golden(open_store: Store, fmt: str) -> None:
    golden(f"report-2024.{fmt}", render(open_store, 2024, fmt, "de"))


@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_report_2024_in_english_matches_golden(open_store: Store, fmt: str) -> None:
    golden(f"report-2024-en.{fmt}", render(open_store, 2024, fmt, "en"))


def test_report_as_printed_in_december_matches_golden(open_store: Store, history) -> None:  # type: ignore[no-untyped-def]
    """What the office printed at the end of 2024: no 2024 values yet, nor the
    December decision entered in January."""
    golden("report-2024-at-end-2024.md", render(open_store, 2024, "md", "de", history.end_2024))
