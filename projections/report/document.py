"""The printed report as a document of blocks, in words, before any format.

Markdown, plain text and HTML render the same :class:`Document`, so the three never
disagree about what the report says; they differ only in how a heading, a table or
a status marker is drawn. Cells are display text (or a :class:`Mark` for an
indicator status, which HTML colours); tables stay rows, never padded strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from konzept.projections.describe import fmt
from konzept.projections.fanout import Fanout
from konzept.projections.i18n import cap, t

#: Status markers that survive black-and-white printing and plain text.
MARKS = {"achieved": "✔", "on_track": "●", "at_risk": "▲", "off_track": "✖", "no_data": "○"}
TREND_ARROWS = {"rising": "↑", "falling": "↓", "steady": "→"}


@dataclass(frozen=True)
class Mark:
    """An indicator status: the identifier for styling, the text for reading."""

    status: str
    text: str

    def __str__(self) -> str:
        return self.text


Cell = str | Mark


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 3 = group within a section, 4 = item within a group


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Code:
    """Lines to type verbatim (the verify command); kept short enough for 80 columns."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: ``"right"`` for figures; everything else reads left to right.
    align: tuple[str, ...]
    #: What the table holds (``indicators``, ``changes`` …), for HTML's column styling.
    kind: str
    #: A long text column that plain text prints under the table, keyed by column 0,
    #: so the figures keep one line each on 80 columns.
    fold: int | None = None
    #: Secondary columns (reason, decision …) that plain text writes as labelled lines
    #: inside the column left of the first of them, instead of as narrow columns.
    tuck: tuple[int, ...] = ()


#: A block a format prints itself.
Printable = Heading | Para | Code | Facts | Table
#: How a format prints one block.
BlockPrinter = Callable[[Printable], Iterable[str]]


@dataclass(frozen=True)
class Later:
    """Blocks made only when printed, possibly in another process (the change log's
    table of one field of action); ``weight`` (its rows) is how the work is shared."""

    make: Callable[[], list[Block]]
    weight: int


@dataclass(frozen=True)
class Batch:
    """Groups of blocks that print independently of each other, in this order; on
    both cores when they are many (:class:`konzept.projections.fanout.Fanout`), the
    same text either way."""

    parts: tuple[Later, ...]
    #: Fan-outs started before printing reached the batch (:func:`ahead`), by printer.
    started: dict[BlockPrinter, Fanout[Later]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def start(self, block: BlockPrinter) -> None:
        if block not in self.started:
            self.started[block] = fanout = self._fanout(block)
            fanout.start()

    def stop(self, block: BlockPrinter) -> None:
        fanout = self.started.pop(block, None)
        if fanout is not None:
            fanout.close()

    def pieces(self, block: BlockPrinter) -> Iterator[str]:
        # A started fan-out stays listed: whoever started it stops it (a child forked
        # ahead is then ended even if its pieces were never asked for).
        fanout = self.started.get(block)
        return iter(self._fanout(block) if fanout is None else fanout)

    def _fanout(self, block: BlockPrinter) -> Fanout[Later]:
        return Fanout(
            self.parts, lambda part: part.weight, lambda part: printed(part.make(), block)
        )


Block = Printable | Batch


def printed(blocks: Iterable[Block], block: BlockPrinter) -> Iterator[str]:
    """Each block as ``block`` prints it, a :class:`Batch` maybe on both cores."""
    for one in blocks:
        if isinstance(one, Batch):
            yield from one.pieces(block)
        else:
            yield from block(one)


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    #: Built as they are printed (see :func:`.layout.document`): read them once.
    blocks: Iterable[Block]
    #: Batches among the blocks that may start before the document is printed.
    early: tuple[Batch, ...] = ()


@dataclass(frozen=True)
class Document:
    lang: str
    year: int
    title: str  # "Jahresbericht 2024"
    subtitle: str  # the concept's title
    facts: Facts
    sections: tuple[Section, ...]
    head_position: int
    head_hash: str


def in_sections(doc: Document, pieces: Callable[[int, Section], Iterable[str]]) -> Iterator[str]:
    """``pieces(n, section)`` of every section, in order.

    The sections after one with an early batch (the change log) are made into text
    before that section is printed: their work (the corrections, decisions and
    agreements of a large year, ~0.1 s) then comes while the batch's child works on
    the other core, and the child takes more of the batch, instead of following it
    on one core once both are done. The text is the same.
    """
    sections = doc.sections
    for n, section in enumerate(sections):
        if section.early:
            after = [list(pieces(m, s)) for m, s in enumerate(sections[n + 1 :], n + 1)]
            yield from pieces(n, section)
            for made in after:
                yield from made
            return
        yield from pieces(n, section)


@contextmanager
def ahead(doc: Document, printer: Callable[[Section], BlockPrinter]) -> Iterator[None]:
    """The sections' early batches started on the second core while the pages before
    them are printed here (the change log's child works during the summary and the
    indicators); stopped on the way out if printing never reached them."""
    started = [(batch, printer(section)) for section in doc.sections for batch in section.early]
    try:
        for batch, block in started:
            batch.start(block)
        yield
    finally:
        for batch, block in started:
            batch.stop(block)


@dataclass
class Builder:
    """Collects one section's blocks; keeps the section builders short."""

    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))

    def para(self, text: str) -> None:
        self.blocks.append(Para(text))

    def table(
        self,
        kind: str,
        headers: list[str],
        rows: list[tuple[Cell, ...]],
        right: tuple[int, ...] = (),
        fold: int | None = None,
        tuck: tuple[int, ...] = (),
    ) -> None:
        align = tuple("right" if i in right else "left" for i in range(len(headers)))
        heads = tuple(cap(h) for h in headers)
        self.blocks.append(Table(heads, tuple(rows), align, kind, fold, tuck))

    def batch(self, parts: Iterable[Later]) -> None:
        self.blocks.append(Batch(tuple(parts)))

    def table_or(
        self,
        empty: str,
        kind: str,
        headers: list[str],
        rows: list[tuple[Cell, ...]],
        right: tuple[int, ...] = (),
        fold: int | None = None,
        tuck: tuple[int, ...] = (),
    ) -> None:
        """A table, or one sentence saying there is nothing to show."""
        if rows:
            self.table(kind, headers, rows, right, fold, tuck)
        else:
            self.para(empty)


# --- formatting of single values --------------------------------------------------------


def date(value: Any, lang: str) -> str:
    """ISO date as people read it: 31.12.2024 in German, ISO in English."""
    if not value:
        return t(lang, "none")
    text = str(value)
    if lang == "de" and len(text) == 10:
        return f"{text[8:10]}.{text[5:7]}.{text[:4]}"
    return text


def stamp(recorded_at: str, lang: str) -> str:
    """When the log recorded an event, as people read it, in the local time zone:
    "10.02.2025, 09:54 Uhr" in German, "10 Feb 2025, 09:54" in English.

    The log stores UTC (``2025-02-10T08:54:00.000000Z``); the zone is the process's
    (``TZ``), like every other clock a user of this machine reads.
    """
    if not recorded_at:
        return t(lang, "none")
    try:
        moment = datetime.fromisoformat(recorded_at).astimezone()
    except ValueError:  # not a time konzept writes: shown as stored
        return recorded_at
    if lang == "de":
        day = f"{moment:%d.%m.%Y}"
    else:
        day = f"{moment.day} {t(lang, 'report_months').split()[moment.month - 1]} {moment.year}"
    return t(lang, "report_stamp", date=day, time=f"{moment:%H:%M}")


def number(value: Any, lang: str) -> str:
    return fmt(value, lang)


def percent(value: float | None, lang: str) -> str:
    if value is None:
        return t(lang, "none")
    return t(lang, "report_percent", value=fmt(round(value), lang))


def year_value(year: Any, value: Any, lang: str) -> str:
    if year is None or value is None:
        return t(lang, "none")
    return f"{fmt(value, lang)} ({year})"


def mark(status: str, lang: str) -> Mark:
    # A no-break space keeps marker and word together when a narrow column wraps.
    return Mark(status, f"{MARKS[status]}\u00a0{t(lang, status)}")


def word(value: Any, lang: str) -> str:
    return t(lang, str(value)) if value else t(lang, "none")


def text(value: Any, lang: str) -> str:
    return t(lang, "none") if value is None or value == "" else str(value)
