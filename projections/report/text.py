"""Markdown and plain text: the document in tables laid out as tabulate lays them out.

Plain text must print on 80 columns. Column widths are not chosen by hand: :func:`fit`
measures each column (its natural width and its longest word) and narrows the widest
columns first until the table fits; the cells are wrapped here and :mod:`.grid` lays
the table out (byte for byte as tabulate would, which it falls back to for unusual
text). User text passes :func:`konzept.projections.render.safe`, so control characters
never reach a printer. Both formats come in pieces (:func:`md_chunks`,
:func:`txt_chunks`), a long table in batches of lines, so a year of a large log is
written as it is laid out.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain

from konzept.projections.render import safe

from ..plaintable import SPECIAL
from .document import Code, Document, Facts, Heading, Para, Printable, Table, printed
from .grid import pipe_lines, simple, simple_lines, split_lines, wrap

WIDTH = 80
_SEP = 2  # tabulate's column gap in the formats below
_HEADER_PAD = 2  # tabulate makes a column at least its header + 2 wide
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|])")
#: Everything :func:`md_escape` changes; most cells hold none of it and pass as they are.
_MD_ANY = re.compile("[\\\\`*\\[\\]<>|\n\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Characters that may not take exactly one column: combining marks, and everything
#: from the CJK and Hangul blocks up (emoji, fullwidth forms).
_UNUSUAL = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u1100-\u115f\u2e80-\U0010ffff]")


def width(text: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters take two)."""
    if not _UNUSUAL.search(text):  # the common case, umlauts and arrows included
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _longest_word(text: str) -> int:
    # Split on spaces and newlines only: a no-break space keeps "✖ nicht" one word.
    return max(map(width, text.replace("\n", " ").split(" ")), default=0)


def _widest_line(text: str) -> int:
    return max(map(width, text.split("\n")))


def _column(cells: list[str], measure: Callable[[str], int], usual: bool | None) -> int:
    """The largest measure of a column's cells. When no cell holds an unusual
    character (``usual``, else one search over them all), ``len`` measures, cell by
    cell, so a long column is never split into one list of all its words."""
    if not cells:
        return 1
    if not usual and _UNUSUAL.search("\n".join(cells)):
        return max(map(measure, cells))
    if measure is _widest_line:
        return max(max(map(len, c.split("\n"))) if "\n" in c else len(c) for c in cells)
    return max(max(map(len, c.replace("\n", " ").split(" "))) for c in cells)


def fit(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int = WIDTH,
    usual: bool | None = None,
) -> list[int]:
    """Column widths that make the table at most ``total`` wide, wrapping between words.

    Starts from each column's natural width and takes one column at a time from the
    widest, first down to its longest word, then (only if still too wide) below it.
    ``usual=True`` says no cell holds a character :func:`width` measures specially.
    """
    n = len(headers)
    columns = [[row[i] for row in rows] for i in range(n)]
    natural = [
        max(width(headers[i]) + _HEADER_PAD, _column(columns[i], _widest_line, usual))
        for i in range(n)
    ]
    budget = total - _SEP * (n - 1)
    if sum(natural) <= budget:
        return natural
    floor = [
        min(
            natural[i],
            max(
                _longest_word(headers[i]) + _HEADER_PAD,
                _column(columns[i], _longest_word, usual),
            ),
        )
        for i in range(n)
    ]
    widths = list(natural)
    for limit in (floor, [_HEADER_PAD + 1] * n):
        while sum(widths) > budget:
            shrinkable = [i for i in range(n) if widths[i] > limit[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: (widths[i], -i))
            widths[widest] -= 1
    return widths


def _cell(value: object) -> str:
    return safe(str(value).replace("\t", " "))


#: What :func:`_cell` changes: tabs, and what :func:`safe` escapes.
_NOT_CLEAN = re.compile("[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Any character of :data:`_NOT_CLEAN`, :data:`_UNUSUAL` or :data:`..plaintable.SPECIAL`.
_ANY = re.compile(f"[{_NOT_CLEAN.pattern[1:-1]}{_UNUSUAL.pattern[1:-1]}{SPECIAL.pattern[1:-1]}]")


def txt_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], align: Sequence[str]
) -> str:
    """A table at most 80 columns wide; a row starts where its first column does."""
    return "\n".join(txt_table_lines(headers, rows, align))


def txt_table_lines(
    headers: Sequence[str], rows: Sequence[Sequence[object]], align: Sequence[str]
) -> Iterator[str]:
    """:func:`txt_table` line by line, for writing as it goes."""
    cells = [[c if isinstance(c, str) else str(c) for c in row] for row in rows]
    # One search over the whole table decides whether cells need cleaning or a
    # character-width measure; for German and English text they need neither.
    whole = "\n".join(chain(headers, chain.from_iterable(cells)))  # \n: in neither set
    common = not _ANY.search(whole)  # the usual case: one scan, and none of the three
    if not common and _NOT_CLEAN.search(whole):
        cells = [[_cell(c) for c in row] for row in cells]
    usual = common or not _UNUSUAL.search(whole)
    plain = usual and bool(headers) and bool(rows) and (common or not SPECIAL.search(whole))
    del whole
    heads = [_cell(h) for h in headers]
    widths = fit(heads, cells, usual=usual)
    measure = len if usual else width
    wrapped_heads = [wrap_cell(h, max(widths[i] - _HEADER_PAD, 1)) for i, h in enumerate(heads)]
    # Every line comes right-stripped, as tabulate's do.
    if plain:  # cells wrapped into their lines, laid out without joining them first
        lined = [[_lines(c, widths[i]) for i, c in enumerate(row)] for row in cells]
        del cells  # a year's change log: one copy of the table at a time
        if any("\n" in h for h in wrapped_heads) or any(
            len(lines) > 1 for row in lined for lines in row
        ):
            yield from split_lines(wrapped_heads, lined, align)
        else:
            flat = [[lines[0] if lines else "" for lines in row] for row in lined]
            yield from simple_lines(wrapped_heads, flat, align)
        return
    wrapped = [[wrap_cell(c, widths[i], measure) for i, c in enumerate(row)] for row in cells]
    del cells
    yield from simple_lines(wrapped_heads, wrapped, align)


def _lines(text: str, limit: int) -> list[str]:
    """``wrap_cell(text, limit, len).strip().splitlines()`` in one step, for plain text."""
    if "\n" not in text and len(text) <= limit:
        text = text.strip()
        return [text] if text else []
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            if len(line) <= limit:
                out.append(line)
            else:
                out.extend(wrap(line, limit))
    if out:
        out[0] = out[0].lstrip()
        out[-1] = out[-1].rstrip()
    return out


def wrap_cell(text: str, limit: int, measure: Callable[[str], int] = width) -> str:
    """A cell's lines wrapped to ``limit`` columns (before tabulate, which only lays out).

    tabulate's own ``maxcolwidths`` re-parses wrapped cells as numbers and fails on
    English figures like ``121,386``; wrapping here keeps cells text. ``measure`` may
    be ``len`` when the caller knows no character is wider or narrower than one column.
    """
    if "\n" not in text and measure(text) <= limit:  # most cells: a date, a key, a name
        return text if text.strip() else ""
    return "\n".join(
        line if measure(line) <= limit else "\n".join(wrap(line, limit))
        for line in text.split("\n")
        if line.strip()
    )


def _txt_folded(table: Table) -> str:
    """The table without its long text column, which follows as a list under it."""
    keep = [i for i in range(len(table.headers)) if i != table.fold]
    main = txt_table(
        [table.headers[i] for i in keep],
        [[row[i] for i in keep] for row in table.rows],
        [table.align[i] for i in keep],
    )
    assert table.fold is not None
    legend = [(str(row[0]), str(row[table.fold])) for row in table.rows]
    return main + "\n\n" + _txt_facts(Facts(tuple(legend)))


def _txt_tucked(table: Table) -> Iterator[str]:
    """Secondary columns as "Header: value" lines under the column left of them."""
    into = min(table.tuck) - 1
    keep = [i for i in range(len(table.headers)) if i not in table.tuck]
    rows = []
    for row in table.rows:
        lines = [str(row[into])] + [
            f"{table.headers[i]}: {row[i]}" for i in table.tuck if str(row[i]).strip()
        ]
        rows.append(["\n".join(lines) if i == into else row[i] for i in keep])
    return pieces(
        txt_table_lines([table.headers[i] for i in keep], rows, [table.align[i] for i in keep])
    )


def pieces(lines: Iterable[str], size: int = 1000) -> Iterator[str]:
    """Lines joined a thousand at a time: a table of tens of thousands of rows is
    written as it is laid out, never held as one string."""
    batch: list[str] = []
    sep = ""
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield sep + "\n".join(batch)
            batch, sep = [], "\n"
    if batch:
        yield sep + "\n".join(batch)


def _wrap(text: str) -> str:
    return textwrap.fill(safe(text), WIDTH, break_long_words=True, break_on_hyphens=False)


def _underlined(text: str, rule: str) -> str:
    wrapped = _wrap(text)
    return f"{wrapped}\n{rule * max(width(x) for x in wrapped.split(chr(10)))}"


def render_txt(doc: Document) -> str:
    return "".join(txt_chunks(doc))


def txt_chunks(doc: Document) -> Iterator[str]:
    """The plain-text report in pieces, one block at a time, for writing as it goes."""
    yield _underlined(doc.title.upper(), "=")
    yield "\n\n" + _wrap(doc.subtitle)
    yield "\n\n" + _txt_facts(doc.facts)
    for section in doc.sections:
        yield "\n\n" + _underlined(f"{section.number}  {section.title.upper()}", "=")
        yield from printed(section.blocks, _txt_pieces)
    yield "\n"


def _txt_pieces(block: Printable) -> Iterator[str]:
    yield "\n\n"
    text = _txt_block(block)
    if isinstance(text, str):
        yield text
    else:
        yield from text


def _txt_facts(facts: Facts) -> str:
    cells = [[_cell(a), _cell(b)] for a, b in facts.rows]
    widths = fit(["", ""], cells)
    wrapped = [[wrap_cell(c, widths[i]) for i, c in enumerate(row)] for row in cells]
    return simple([], wrapped, [])


def _txt_block(block: Printable) -> str | Iterator[str]:
    if isinstance(block, Heading):
        return _underlined(block.text, "-") if block.level == 3 else _wrap(block.text)
    if isinstance(block, Para):
        return _wrap(block.text)
    if isinstance(block, Code):
        return "\n".join(safe(line) for line in block.lines)
    if isinstance(block, Facts):
        return _txt_facts(block)
    if block.fold is not None:
        return _txt_folded(block)
    if block.tuck:
        return _txt_tucked(block)
    return txt_table(block.headers, block.rows, block.align)


# --- Markdown --------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """User text that Markdown shows as typed: no tables broken, no HTML let through."""
    if not _MD_ANY.search(text):
        return text
    return _MD_SPECIAL.sub(r"\\\1", safe(text)).replace("\n", "<br>")


def render_md(doc: Document) -> str:
    return "".join(md_chunks(doc))


def md_chunks(doc: Document) -> Iterator[str]:
    """The Markdown report in pieces, one block at a time, for writing as it goes."""
    yield f"# {md_escape(doc.title)}\n\n**{md_escape(doc.subtitle)}**\n\n"
    yield _md_facts(doc.facts)
    for section in doc.sections:
        yield f"\n\n## {section.number} {md_escape(section.title)}"
        yield from printed(section.blocks, _md_pieces)
    yield "\n"


def _md_pieces(block: Printable) -> Iterator[str]:
    yield "\n\n"
    if isinstance(block, Table):
        yield from _md_table(block)
    else:
        yield _md_block(block)


def _md_facts(facts: Facts) -> str:
    return "\n".join(f"- **{md_escape(a)}:** {md_escape(b)}" for a, b in facts.rows)


def _md_block(block: Printable) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {md_escape(block.text)}"
    if isinstance(block, Para):
        return md_escape(block.text)
    if isinstance(block, Code):
        return "```sh\n" + "\n".join(safe(line) for line in block.lines) + "\n```"
    if isinstance(block, Facts):
        return _md_facts(block)
    return "".join(_md_table(block))


def _md_table(table: Table) -> Iterator[str]:
    rows: Sequence[Sequence[str]]
    if all(type(c) is str for row in table.rows for c in row):
        rows = table.rows  # type: ignore[assignment]  # checked: no Mark among them
    else:
        rows = [[c if isinstance(c, str) else str(c) for c in row] for row in table.rows]
    # Columns with nothing to escape (most: dates, keys, names) are not escaped cell by cell.
    escape = [
        i for i in range(len(table.headers)) if _MD_ANY.search("".join(row[i] for row in rows))
    ]
    if escape:
        rows = [[md_escape(c) if i in escape else c for i, c in enumerate(row)] for row in rows]
    return pieces(pipe_lines([md_escape(h) for h in table.headers], rows, table.align))
