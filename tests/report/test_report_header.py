"""The report's header and summary as a reader meets them: a readable time of the
record, and counts that stay with their labels on 80 columns."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from konzept.events import Store
from konzept.projections.report import render
from konzept.projections.report import rows as report_rows


def _line(text: str, label: str, last: bool = False) -> str:
    lines = text.splitlines()
    return next(line for line in (lines[::-1] if last else lines) if line.startswith(label))


def test_header_and_footer_show_the_record_time_readably(open_store: Store) -> None:
    # The head was recorded at 2025-02-10T08:54:00.000000Z (UTC clock from conftest).
    de = render(open_store, 2024, "txt", "de")
    assert _line(de, "Datenstand").endswith("Position 62, erfasst 10.02.2025, 08:54 Uhr")
    assert _line(de, "Erfasst", last=True).split(None, 1)[1] == (
        "10.02.2025, 08:54 Uhr (2025-02-10T08:54:00.000000Z)"
    )
    en = render(open_store, 2024, "txt", "en")
    assert _line(en, "Record ").endswith("position 62, recorded 10 Feb 2025, 08:54")
    assert "T08:54" not in _line(render(open_store, 2024, "md", "de"), "- **Datenstand:**")


def test_record_time_is_in_the_local_zone(
    open_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    de = render(open_store, 2024, "txt", "de")
    assert _line(de, "Datenstand").endswith("erfasst 10.02.2025, 09:54 Uhr")
    # The footer keeps the stored UTC time too: the certificate is exact.
    assert "09:54 Uhr (2025-02-10T08:54:00.000000Z)" in _line(de, "Erfasst", last=True)


@pytest.fixture
def large_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every status of every kind counted in thousands: the breakdown must wrap."""
    real = report_rows.summary_counts

    def counts(report: Any) -> Iterator[dict[str, Any]]:
        for n, row in enumerate(real(report)):
            yield {**row, "count": 1000 + 37 * n}

    monkeypatch.setattr(report_rows, "summary_counts", counts)


@pytest.mark.usefixtures("large_counts")
@pytest.mark.parametrize("lang", ["de", "en"])
def test_summary_counts_stay_with_their_labels(open_store: Store, lang: str) -> None:
    text = render(open_store, 2024, "txt", lang)
    summary = text.split("\n\n")[4]  # title, subtitle, facts, section heading, table
    lines = summary.splitlines()[2:]
    assert any(line.startswith(" ") for line in lines), "the breakdown did not wrap"
    for line in lines:
        assert len(line) <= 80
        if line.startswith(" ") or "·" in line:
            assert not re.search(r"\d\s*·?$", line), f"a count left its label: {line!r}"
        if line.startswith(" "):
            assert re.match(r"\s+(?:[✔●▲✖○]\u00a0)?[\d.,]+\u00a0\w", line), line
