"""The annual report for the preview and the export, whichever the read side offers.

The report proper is :func:`konzept.projections.report.render`. Where a release lacks
it, the preview falls back to the year's diff and change log (and says so), so the
screen never shows less than the record of the year.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from konzept.events.store import Store
from konzept.projections.diff import diff
from konzept.projections.history import LogFilter, log
from konzept.projections.i18n import t
from konzept.projections.render import heading, join
from konzept.projections.views import diff_text, log_text

Renderer = Callable[[Store, int, str, str, int | None], str]
FORMATS = ("txt", "md", "html", "csv", "json")


@dataclass(frozen=True)
class Report:
    text: str
    #: False when this is the fallback (diff and change log of the year).
    full: bool


def renderer() -> Renderer | None:
    module = importlib.import_module("konzept.projections.report")
    found = getattr(module, "render", None)
    return found if callable(found) else None


def formats() -> tuple[str, ...]:
    return FORMATS if renderer() is not None else ("txt",)


def build_report(store: Store, year: int, fmt: str, lang: str) -> Report:
    render = renderer()
    if render is not None:
        return Report(render(store, year, fmt, lang, None), True)
    changes = diff(store, f"{year - 1}-12-31", f"{year}-12-31")
    entries = log(store, LogFilter(since=f"{year}-01-01", until=f"{year}-12-31"))
    text = join(
        t(lang, "ui_report_fallback", year=year),
        diff_text(changes, "txt", lang),
        heading(t(lang, "ui_log_title"), "txt", 2),
        log_text(entries, "txt", lang),
    )
    return Report(text + "\n", False)
