"""The annual report (Jahresbericht, SPEC §5): one model, five formats.

``render(store, year, fmt, lang, upto)`` returns the report as one string;
``konzept report`` writes the same pieces as they are made (:func:`chunks`,
:func:`write`), so a year of a large log is never held whole. The flow is one way:
:mod:`.model` reads the log up to a head position, :mod:`.rows` turns it into plain
tables (printed as-is by CSV and JSON), :mod:`.layout` puts them into words and
sections (printed by Markdown, plain text and HTML). Same log, same position, same
time zone → the same bytes; the only time in a report is the head event's
``recorded_at`` (shown in the local zone, and as stored).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from konzept.events.errors import ValidationError
from konzept.events.state import concept_facts, paused_gc
from konzept.events.store import Store
from konzept.projections.asof import today

from .data import csv_chunks, json_chunks
from .html_page import html_chunks
from .layout import document
from .model import Head, Report, build
from .text import md_chunks, txt_chunks

__all__ = ["FORMATS", "Head", "Report", "build", "chunks", "render", "write"]

FORMATS = ("md", "txt", "html", "csv", "json")
LANGUAGES = ("de", "en")


def render(store: Store, year: int, fmt: str, lang: str = "de", upto: int | None = None) -> str:
    """The annual report of ``year`` in ``fmt``, from the log up to ``upto`` (or the head).

    Raises:
        ValidationError: unknown format or language, or ``upto`` outside the log.
    """
    return "".join(chunks(store, year, fmt, lang, upto))


def write(
    out: TextIO, store: Store, year: int, fmt: str, lang: str = "de", upto: int | None = None
) -> None:
    """Write the report to ``out`` as it is printed, block by block.

    A year of a large log is tens of megabytes of Markdown: written as it goes, the
    report is never held whole in memory (nor its pieces beside it).
    """
    for chunk in chunks(store, year, fmt, lang, upto):
        out.write(chunk)


def chunks(
    store: Store, year: int, fmt: str, lang: str = "de", upto: int | None = None
) -> Iterator[str]:
    """The report of :func:`render` in pieces; the model is built before the first one,
    so bad input raises before anything is written.

    Until the pieces are all taken, or the iterator is closed or dropped, the cycle
    collector rests (see :func:`_chunks`): consume it, or close it, and do not keep it
    in a reference cycle.
    """
    pieces = _chunks(store, year, fmt, lang, upto)
    return _then(next(pieces), pieces)  # next: checks, reads and lays out, or raises


def _then(first: str, rest: Iterator[str]) -> Iterator[str]:
    """``first``, then ``rest``: closing it closes ``rest`` (which resumes the collector)."""
    yield first
    yield from rest


def _chunks(store: Store, year: int, fmt: str, lang: str, upto: int | None) -> Iterator[str]:
    """:func:`chunks` with the cycle collector paused from reading the log until the
    model is gone.

    A year's model holds hundreds of thousands of live objects. Paused only while
    each part was made, the collector walked them all the moment it ran between two
    parts, and again once the report was printed (~0.1 s of a 1M-event report), for
    garbage that is never there: reports build no reference cycles (see
    ``paused_gc``). :func:`_report` keeps the model, so it is freed, by reference
    counting, before the collector runs again.
    """
    with paused_gc():
        yield from _report(store, year, fmt, lang, upto)


def _report(store: Store, year: int, fmt: str, lang: str, upto: int | None) -> Iterator[str]:
    if fmt not in FORMATS:
        raise ValidationError(
            "Unknown report format {fmt!r}; choose one of {formats}.",
            fmt=fmt,
            formats=", ".join(FORMATS),
        )
    if lang not in LANGUAGES:
        raise ValidationError("Unknown language {lang!r}; choose de or en.", lang=lang)
    last = int(today()[:4]) + 1  # next year's report may be drafted; no later one
    if year > last:
        raise ValidationError(
            "There is no report for {year} yet (at most {last}).", year=year, last=last
        )
    report = build(store, year, upto)
    if not report.state.concept:
        if not report.state.entities:  # nothing to report on: as `show --as-of` says
            raise ValidationError("The concept did not exist yet on {date}.", date=f"{year}-12-31")
        # Entities dated before the concept's own creation: their report, under the
        # concept's name as the log knows it (not "—"), so the page says whose it is.
        report.state.concept = dict(concept_facts(store, upto))
    yield from _printed(report, fmt, lang)


def _printed(report: Report, fmt: str, lang: str) -> Iterator[str]:
    if fmt == "csv":
        return csv_chunks(report, lang)
    if fmt == "json":
        return json_chunks(report, lang)
    doc = document(report, lang)
    if fmt == "html":
        return html_chunks(doc)
    if fmt == "txt":
        return txt_chunks(doc)
    return md_chunks(doc)
