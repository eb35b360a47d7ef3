"""Markdown and plain text: the document in tables laid out as tabulate lays them out.

Plain text must print on 80 columns: :mod:`.fitting` chooses the column widths and
wraps the cells, :mod:`.grid` lays the table out (byte for byte as tabulate would,
which it falls back to for unusual text); the change log takes a faster writer,
:mod:`.tucked`. User text passes :func:`konzept.projections.render.safe`, so control
characters never reach a printer. Both formats come in pieces (:func:`md_chunks`,
:func:`txt_chunks`), a long table in batches of lines, so a year of a large log is
written as it is laid out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter

from konzept.projections.render import safe

from ..plaintable import SPECIAL
from . import tucked
from .document import (
    Code,
    Document,
    Facts,
    Heading,
    Para,
    Printable,
    Section,
    Table,
    ahead,
    in_sections,
    printed,
)
from .fitting import (
    ANY,
    HEADER_PAD,
    NOT_CLEAN,
    UNUSUAL,
    WIDTH,
    cell_lines,
    cell_text,
    fit,
    width,
    wrap_cell,
)
from .grid import pipe_columns, simple, simple_lines, split_lines

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|])")
#: Everything :func:`md_escape` changes; most cells hold none of it and pass as they are.
_MD_ANY = re.compile("[\\\\`*\\[\\]<>|\n\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: What :func:`md_escape` changes or makes a table take the generic layout.
_MD_OR_SPECIAL = re.compile(f"[{_MD_ANY.pattern[1:-1]}{SPECIAL.pattern[1:-1]}]")


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
    common = not ANY.search(whole)  # the usual case: one scan, and none of the three
    if not common and NOT_CLEAN.search(whole):
        cells = [[cell_text(c) for c in row] for row in cells]
    usual = common or not UNUSUAL.search(whole)
    plain = usual and bool(headers) and bool(rows) and (common or not SPECIAL.search(whole))
    del whole
    heads = [cell_text(h) for h in headers]
    widths = fit(heads, cells, usual=usual)
    measure = len if usual else width
    wrapped_heads = [wrap_cell(h, max(widths[i] - HEADER_PAD, 1)) for i, h in enumerate(heads)]
    # Every line comes right-stripped, as tabulate's do.
    if plain:  # cells wrapped into their lines, laid out without joining them first
        lined = [[cell_lines(c, widths[i]) for i, c in enumerate(row)] for row in cells]
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
    fast = tucked.lines(table)
    return pieces(txt_tucked_lines(table) if fast is None else fast)


def txt_tucked_lines(table: Table) -> Iterator[str]:
    """:func:`_txt_tucked` the generic way, for every table :mod:`.tucked` declines."""
    keep, _, rows = tucked.folded(table)
    return txt_table_lines([table.headers[i] for i in keep], rows, [table.align[i] for i in keep])


def pieces(lines: Iterable[str], size: int = 1000) -> Iterator[str]:
    """Lines joined a thousand at a time: a table of tens of thousands of rows is
    written as it is laid out, never held as one string."""
    lines = iter(lines)
    sep = ""
    while batch := list(islice(lines, size)):
        yield sep + "\n".join(batch)
        sep = "\n"


def _wrap(text: str) -> str:
    return textwrap.fill(safe(text), WIDTH, break_long_words=True, break_on_hyphens=False)


def _underlined(text: str, rule: str) -> str:
    wrapped = _wrap(text)
    return f"{wrapped}\n{rule * max(width(x) for x in wrapped.split(chr(10)))}"


def render_txt(doc: Document) -> str:
    return "".join(txt_chunks(doc))


def txt_chunks(doc: Document) -> Iterator[str]:
    """The plain-text report in pieces, one block at a time, for writing as it goes."""
    with ahead(doc, lambda _: _txt_pieces):
        yield _underlined(doc.title.upper(), "=")
        yield "\n\n" + _wrap(doc.subtitle)
        yield "\n\n" + _txt_facts(doc.facts)
        yield from in_sections(doc, _txt_section)
        yield "\n"


def _txt_section(_: int, section: Section) -> Iterator[str]:
    yield "\n\n" + _underlined(f"{section.number}  {section.title.upper()}", "=")
    yield from printed(section.blocks, _txt_pieces)


def _txt_pieces(block: Printable) -> Iterator[str]:
    yield "\n\n"
    text = _txt_block(block)
    if isinstance(text, str):
        yield text
    else:
        yield from text


def _txt_facts(facts: Facts) -> str:
    cells = [[cell_text(a), cell_text(b)] for a, b in facts.rows]
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
    with ahead(doc, lambda _: _md_pieces):
        yield f"# {md_escape(doc.title)}\n\n**{md_escape(doc.subtitle)}**\n\n"
        yield _md_facts(doc.facts)
        yield from in_sections(doc, _md_section)
        yield "\n"


def _md_section(_: int, section: Section) -> Iterator[str]:
    yield f"\n\n## {section.number} {md_escape(section.title)}"
    yield from printed(section.blocks, _md_pieces)


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
    heads = [md_escape(h) for h in table.headers]
    plain = not SPECIAL.search("".join(heads))  # escaped text holds no line break
    columns: list[list[str]] = []
    for i in range(len(table.headers)):
        column = list(map(itemgetter(i), table.rows))
        if set(map(type, column)) != {str}:  # a status Mark prints as its text
            column = list(map(str, column))
        # One search over a column's distinct cells says whether it needs escaping or
        # the generic layout; most columns (dates, keys, names) need neither, and are
        # left as they are. A year's change log repeats its days, reasons, decisions
        # and names: searching each once is a third of searching every cell.
        text = "".join(dict.fromkeys(column))
        if _MD_OR_SPECIAL.search(text):
            if _MD_ANY.search(text):
                column = list(map(md_escape, column))
                text = "".join(dict.fromkeys(column))
            plain = plain and not SPECIAL.search(text)
        columns.append(column)
    return pieces(pipe_columns(heads, columns, table.align, plain=plain, pad_limit=MD_PAD_WIDTH))


#: A Markdown table wider than this when padded is written unpadded. Padding lines up
#: the pipes for a reader of the raw text, but not in lines this long (an editor
#: wraps them); in a year's change log, where every row was padded to the longest
#: change, it was two thirds of the file (1M events: 37 MB, unpadded 14 MB) and of
#: the time spent laying it out. Rendered, the two are the same table.
MD_PAD_WIDTH = 160
