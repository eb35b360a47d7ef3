"""Markdown ``pipe`` and plain-text ``simple``/``plain`` tables, written directly.

A report's change log is tens of thousands of rows. tabulate guesses a type for every
cell (even with number parsing off), strips ANSI codes from it and measures it again
several times: on a 1M-event store that was over half of the report's time. For the
tables the report prints (text cells, left or right aligned, every character one
column wide) the layout is simple, and this module writes it in one pass per table,
byte for byte as tabulate 0.10 does (``tests/report/test_report_grid.py`` compares the
two on generated tables). Anything outside that case (wide or combining characters,
tabs, ANSI escapes, unusual line breaks, empty tables) goes to tabulate unchanged.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence
from itertools import chain
from operator import itemgetter

from konzept.projections import plaintable
from konzept.projections.plaintable import SPECIAL, block, row_format
from konzept.projections.render import tabulate


def _plain(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """Whether the direct writer applies: rows to print and no special character."""
    if not rows:
        return False
    return not SPECIAL.search(_text(headers, rows))


def _text(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Every cell in one string (searched once, not cell by cell); NUL never is one."""
    return "\0".join(chain(headers, chain.from_iterable(rows)))


def pipe(headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str]) -> str:
    """A Markdown pipe table, as ``tabulate(..., tablefmt="pipe", disable_numparse=True)``."""
    return "\n".join(pipe_lines(headers, rows, align))


def pipe_lines(
    headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str]
) -> Iterator[str]:
    """:func:`pipe` line by line: the widths first, then each row as it is written."""
    return pipe_columns(
        headers, [list(map(itemgetter(i), rows)) for i in range(len(headers))], align
    )


def pipe_columns(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    align: Sequence[str],
    plain: bool | None = None,
    pad_limit: int | None = None,
) -> Iterator[str]:
    """:func:`pipe_lines` of a table given column by column.

    Every step is a ``map`` over a column or over the rows, not a Python loop over
    the cells: a year's change log is half a million of them. ``plain=True`` says the
    caller has searched the cells already and found no :data:`SPECIAL` character and
    no line break (the Markdown report does, in its one search for what to escape).
    A table whose padded rows would be wider than ``pad_limit`` characters is written
    unpadded (``| a | b |``, its rule ``|:---|---:|``), which tabulate never does.
    """
    if not columns or not columns[0]:
        plain = False
    elif plain is None:
        text = "\0".join(chain(headers, *columns))  # every cell, searched once
        plain = not SPECIAL.search(text) and "\n" not in text
        del text
    if plain or pad_limit is not None:
        stripped = [list(map(str.strip, column)) for column in columns]
        widths = [
            max(len(h) + 2, max(map(len, column), default=0))
            for h, column in zip(headers, stripped, strict=True)
        ]
        if pad_limit is not None and sum(widths) + 3 * len(widths) + 1 > pad_limit:
            yield f"| {' | '.join(headers)} |"
            yield "|" + "|".join("---:" if a == "right" else ":---" for a in align) + "|"
            yield from map("| {} |".format, map(" | ".join, zip(*stripped, strict=True)))
            return
    if not plain:
        yield tabulate(
            [list(row) for row in zip(*columns, strict=True)],
            headers=list(headers),
            tablefmt="pipe",
            colalign=list(align),
            disable_numparse=True,
        )
        return
    right = [a == "right" for a in align]
    rule = "|".join(
        "-" * (w + 1) + ":" if r else ":" + "-" * (w + 1)
        for w, r in zip(widths, right, strict=True)
    )
    line = "| " + row_format(widths, right, " | ") + " |"
    yield line.format(*headers)
    yield f"|{rule}|"
    yield from map(line.format, *stripped)


def simple(headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str]) -> str:
    """A text table, as ``tabulate(..., tablefmt="simple" if headers else "plain",
    disable_numparse=True)``; cells may hold several lines."""
    return "\n".join(simple_lines(headers, rows, align))


def simple_lines(
    headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str]
) -> Iterator[str]:
    """:func:`simple` line by line: the widths first, then each row as it is written.

    tabulate's multiline layout: every line of a cell padded to the column's width,
    short cells filled with blank lines, a row of only empty cells printing nothing.
    """
    if not _plain(headers, rows):
        fmt = "simple" if headers else "plain"
        yield tabulate(
            rows, headers=list(headers), tablefmt=fmt, colalign=list(align), disable_numparse=True
        )
        return
    right = [a == "right" for a in align] if align else [False] * len(rows[0])
    widths = [max(map(len, h.split("\n"))) + 2 for h in headers] if headers else [0] * len(right)
    for row in rows:
        for i, c in enumerate(row):
            if len(c) > widths[i]:
                for line in c.strip().split("\n"):
                    if len(line) > widths[i]:
                        widths[i] = len(line)
    line = row_format(widths, right)
    if headers:
        yield from block([h.split("\n") for h in headers], line)
        yield "  ".join("-" * w for w in widths)
    if "\n" in _text(headers, rows):
        for row in rows:
            yield from block([c.strip().splitlines() for c in row], line)
    else:  # one line a row, also when every cell is empty
        for row in rows:
            yield line.format(*[c.strip() for c in row]).rstrip()


def split_lines(
    headers: Sequence[str], rows: list[list[list[str]]], align: Sequence[str]
) -> Iterator[str]:
    """:func:`simple_lines` of a table of several-line cells given as their lines.

    For the change log: its cells are wrapped line by line anyway, so they come here
    as lists instead of being joined and split again. ``rows`` hold each cell's lines
    as tabulate sees them (the cell stripped, then split), the table has headers, at
    least one cell or header of several lines, and no character :func:`_plain` sends
    to tabulate.
    """
    right = [a == "right" for a in align]
    widths = [max(map(len, h.split("\n"))) + 2 for h in headers]
    for row in rows:
        for i, lines in enumerate(row):
            for line in lines:
                if len(line) > widths[i]:
                    widths[i] = len(line)
    line = row_format(widths, right)
    yield from block([h.split("\n") for h in headers], line)
    yield "  ".join("-" * w for w in widths)
    for row in rows:
        yield from block(row, line)


def wrap(line: str, width: int) -> list[str]:
    """``textwrap.wrap(line, width, break_on_hyphens=True)``.

    The change log wraps tens of thousands of lines, so lines whose only whitespace
    is the plain space (and without an em-dash, ``--``) are wrapped by the same greedy
    rule in :func:`plaintable.wrap`, told where textwrap would break after a hyphen;
    textwrap wraps the rest.
    """
    if "-" not in line:
        fast = plaintable.wrap(line, width)
    elif "--" not in line:
        fast = plaintable.wrap(line, width, hyphens=True, breaks=hyphen_breaks(line))
    else:
        fast = None
    if fast is not None:
        return fast
    return textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=True)


def hyphen_breaks(line: str) -> list[int]:
    """Where textwrap's chunks (``TextWrapper.wordsep_re``) end inside the words of a
    line without an em-dash (``--``): after a hyphen with two letters, or a letter, a
    hyphen and a letter, before it, and a letter, maybe a hyphen, and a letter after
    it ("Rehburg-|Loccum", "a-b-|cd", not "HF3-Z4" or "B-2024").

    Splitting the words with textwrap's own expression took longer than wrapping them.
    """
    return [m.end() for m in _HYPHEN_BREAK.finditer(line)]


_LETTER = r"[^\d\W]"  # textwrap's "letter": a word character but no digit
_HYPHEN_BREAK = re.compile(
    rf"-(?:(?<={_LETTER}{_LETTER}-)|(?<={_LETTER}-{_LETTER}-))(?={_LETTER}-?{_LETTER})"
)
