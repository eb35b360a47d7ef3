"""tabulate's ``simple`` and ``plain`` text tables as :func:`render.table` asks for them,
written directly.

``konzept diff`` on a 1M-event store prints a year's 21k changes with the events
behind each (14 MB of text); tabulate guessed a type for every cell, measured each
several times and padded line by line, 1.7 s of it. For the tables :func:`render.table`
prints (text cells, left aligned, whitespace preserved, one column per character) the
layout is simple: this module writes it in one pass, byte for byte as tabulate 0.10
does (``tests/projections/test_plaintable.py`` compares the two on generated tables).
Anything outside that case returns None and goes to tabulate unchanged: wide or
combining characters, tabs, ANSI escapes, line breaks other than ``\\n``, ragged rows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import chain

#: Characters tabulate measures, splits or treats differently from ``len`` and ``"\n"``:
#: tabs, ESC, its separating-line mark ``\x01``, every line break ``str.splitlines``
#: knows besides ``\n``, and wide, combining and zero-width characters.
SPECIAL = re.compile(
    "[\x01\t\x0b\x0c\r\x1b\x1c-\x1e\x85\u2028\u2029"
    "\u0300-\u036f\u1100-\u115f\u1ab0-\u1aff\u200b-\u200f\u20d0-\u20ff"
    "\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)
_GAP = "  "


def simple(cells: Sequence[Sequence[str]], headers: Sequence[str]) -> str | None:
    """``tabulate(cells, headers, tablefmt="simple" if headers else "plain",
    disable_numparse=True, preserve_whitespace=True)``, or None where it does not apply."""
    if not cells:
        return None
    columns = len(cells[0])
    if (headers and len(headers) != columns) or any(len(row) != columns for row in cells):
        return None
    text = "\0".join(chain(headers, chain.from_iterable(cells)))
    if SPECIAL.search(text):
        return None
    if "\n" in text:
        return "\n".join(_multiline(cells, headers, columns))
    widths = [len(h) + 2 for h in headers] if headers else [0] * columns
    for row in cells:
        for i, cell in enumerate(row):
            if len(cell) > widths[i]:
                widths[i] = len(cell)
    line = row_format(widths)
    lines = []
    if headers:
        lines.append(line.format(*headers).rstrip())
        lines.append(_GAP.join("-" * w for w in widths).rstrip())
    lines.extend(line.format(*row).rstrip() for row in cells)
    return "\n".join(lines)


def row_format(widths: Sequence[int], right: Sequence[bool] = (), gap: str = _GAP) -> str:
    """A format string that pads a row's cells to ``widths`` (``str.ljust``, or
    ``rjust`` where ``right``) and joins them with ``gap``: one C call a row instead of
    a padding call a cell and a join, three times faster on a long table. Cells are
    arguments, never parsed, so braces in them are text."""
    aligns = right or [False] * len(widths)
    return gap.join(f"{{:{'>' if r else '<'}{w}}}" for w, r in zip(widths, aligns, strict=True))


def _multiline(cells: Sequence[Sequence[str]], headers: Sequence[str], columns: int) -> list[str]:
    """tabulate's multiline layout: a column as wide as its longest line (its header's
    plus two at least), every line of a cell padded, short cells filled with blank
    lines, a row whose cells are all empty printing nothing."""
    widths = [max(map(len, h.split("\n"))) + 2 for h in headers] if headers else [0] * columns
    for row in cells:
        for i, cell in enumerate(row):
            for line in cell.split("\n"):
                if len(line) > widths[i]:
                    widths[i] = len(line)
    line = row_format(widths)
    lines: list[str] = []
    if headers:
        lines.extend(block([h.split("\n") for h in headers], line))
        lines.append(_GAP.join("-" * w for w in widths).rstrip())
    for row in cells:
        lines.extend(
            block([_cell_lines(cell, w) for cell, w in zip(row, widths, strict=True)], line)
        )
    return lines


def _cell_lines(cell: str, width: int) -> list[str]:
    """The lines tabulate prints for a cell: its ``splitlines``, except that in a column
    of width 0 the padded lines are joined and split again, dropping a last empty one."""
    lines = cell.splitlines()
    return "\n".join(lines).splitlines() if width == 0 else lines


def block(cells: Sequence[Sequence[str]], line: str) -> list[str]:
    """A row of several-line cells as lines through ``line`` (:func:`row_format`): a
    cell out of lines pads with blanks (an empty string padded to its width), a row
    without any line prints none."""
    height = max(map(len, cells))
    return [
        line.format(*[c[n] if n < len(c) else "" for c in cells]).rstrip() for n in range(height)
    ]


#: Whitespace other than the plain space: textwrap rewrites or measures it its own way.
OTHER_SPACE = re.compile(r"[^\S ]")
_NOT_SPACE = re.compile("[^ ]")


def _past_spaces(line: str, p: int) -> int:
    """The position of the first character from ``p`` on that is not a space."""
    found = _NOT_SPACE.search(line, p)
    return len(line) if found is None else found.start()


def wrap(
    line: str, width: int, *, hyphens: bool = False, breaks: Sequence[int] = ()
) -> list[str] | None:
    """``textwrap.wrap(line, width, break_on_hyphens=hyphens)`` for a line whose only
    whitespace is the plain space (None for any other line).

    textwrap builds a wrapper, rewrites the whitespace and splits the line into
    chunks with a regular expression, then adds chunk by chunk. Its chunks are the
    runs of spaces and of other characters, and its rule is greedy, so each line here
    is cut at the last chunk boundary that fits, found with ``rfind``: a chunk longer
    than the width is cut at the width, spaces at a line's end are dropped and so are
    those at the start of any line after the first.

    With ``hyphens``, ``breaks`` are the further chunk boundaries textwrap's
    expression finds inside words, after a hyphen (sorted; see
    :func:`..report.grid.wrap`), and a chunk longer than the width is cut after its
    last hyphen that fits, as textwrap does.
    """
    if width < 1 or OTHER_SPACE.search(line):
        return None
    out: list[str] = []
    n, p = len(line), 0
    while p < n:
        if out and line[p] == " ":  # a later line does not start with a run of spaces
            p = _past_spaces(line, p)
            if p >= n:
                break
        limit = p + width
        if limit >= n:  # the rest fits, less a run of spaces at its end
            piece = line[p:].rstrip(" ")
            if piece:
                out.append(piece)
            break
        k = bisect_right(breaks, limit) if breaks else 0
        if (line[limit - 1] == " ") != (line[limit] == " ") or (k and breaks[k - 1] == limit):
            q = limit  # a chunk ends exactly at the width
        elif line[limit] == " ":
            q = p + len(line[p:limit].rstrip(" "))  # inside a run of spaces: before it
        else:
            q = line.rfind(" ", p, limit) + 1 or p  # inside a word: before it
            if k and breaks[k - 1] > q:
                q = breaks[k - 1]  # or after its last hyphen that fits
        if line[q] == " ":
            end = _past_spaces(line, q)
        else:
            end = line.find(" ", q)
            end = n if end < 0 else end
            k = bisect_right(breaks, q) if breaks else 0
            if k < len(breaks) and breaks[k] < end:
                end = breaks[k]
        if end - q > width:
            # The next chunk fits no line: as much of it as fits is added (up to its
            # last hyphen that fits, if letters come before it), and dropped again if
            # blank (then the line keeps any spaces it ended with).
            cut = limit
            if hyphens:
                hyphen = line.rfind("-", q, limit)
                if hyphen > q and line[q:hyphen].strip("-"):
                    cut = hyphen + 1
            piece = line[p:cut] if line[q:cut].strip(" ") else line[p:q]
            p = cut
        else:
            piece = line[p:q].rstrip(" ")
            p = q
        if piece:
            out.append(piece)
    return out
