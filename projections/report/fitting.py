"""Column widths and cell lines for plain text on 80 columns.

A plain-text table must print on 80 columns. Column widths are not chosen by hand:
:func:`fit` measures each column (its natural width and its longest word) and narrows
the widest columns first until the table fits; :func:`cell_lines` and
:func:`wrap_cell` then wrap each cell to its column. Shared by the generic text tables
(:mod:`.text`) and the change log's fast writer (:mod:`.tucked`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from konzept.projections.render import safe

from ..plaintable import SPECIAL
from .grid import wrap

WIDTH = 80
SEP = 2  # tabulate's column gap in the formats below
HEADER_PAD = 2  # tabulate makes a column at least its header + 2 wide
#: Characters that may not take exactly one column: combining marks, and everything
#: from the CJK and Hangul blocks up (emoji, fullwidth forms).
UNUSUAL = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u1100-\u115f\u2e80-\U0010ffff]")


def width(text: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters take two)."""
    if not UNUSUAL.search(text):  # the common case, umlauts and arrows included
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


def _column(cells: Sequence[str], measure: Callable[[str], int], usual: bool | None) -> int:
    """The largest measure of a column's cells. When no cell holds an unusual
    character (``usual``, else one search over them all), ``len`` measures; words are
    counted over a thousand cells joined at a time (one split instead of one a cell),
    so a long column is never held as one list of all its words."""
    if not cells:
        return 1
    if not usual and UNUSUAL.search("\n".join(cells)):
        return max(map(measure, cells))
    if measure is _widest_line:
        return max(max(map(len, c.split("\n"))) if "\n" in c else len(c) for c in cells)
    return max(
        max(map(len, " ".join(cells[start : start + _BATCH]).replace("\n", " ").split(" ")))
        for start in range(0, len(cells), _BATCH)
    )


#: Cells measured at a time by :func:`_column`.
_BATCH = 1000


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
    return fit_columns(
        headers, [[row[i] for row in rows] for i in range(len(headers))], total, usual
    )


def fit_columns(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    total: int = WIDTH,
    usual: bool | None = None,
) -> list[int]:
    """:func:`fit` of a table given as columns. Only each column's widest line and
    longest word count, so a column may be given as any texts with the same lines
    and words: each distinct cell once, or a cell's lines as separate texts."""
    n = len(headers)
    natural = [
        max(width(headers[i]) + HEADER_PAD, _column(columns[i], _widest_line, usual))
        for i in range(n)
    ]
    budget = total - SEP * (n - 1)
    if sum(natural) <= budget:
        return natural
    floor = [
        min(
            natural[i],
            max(
                _longest_word(headers[i]) + HEADER_PAD,
                _column(columns[i], _longest_word, usual),
            ),
        )
        for i in range(n)
    ]
    widths = list(natural)
    for limit in (floor, [HEADER_PAD + 1] * n):
        while sum(widths) > budget:
            shrinkable = [i for i in range(n) if widths[i] > limit[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: (widths[i], -i))
            widths[widest] -= 1
    return widths


def cell_text(value: object) -> str:
    return safe(str(value).replace("\t", " "))


#: What :func:`cell_text` changes: tabs, and what :func:`safe` escapes.
NOT_CLEAN = re.compile("[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Any character of :data:`NOT_CLEAN`, :data:`UNUSUAL` or :data:`..plaintable.SPECIAL`.
ANY = re.compile(f"[{NOT_CLEAN.pattern[1:-1]}{UNUSUAL.pattern[1:-1]}{SPECIAL.pattern[1:-1]}]")


def cell_lines(
    text: str, limit: int, seen: dict[tuple[str, int], list[str]] | None = None
) -> list[str]:
    """``wrap_cell(text, limit, len).strip().splitlines()`` in one step, for plain text.

    ``seen`` remembers wrapped lines across calls: a change log repeats its reasons
    (the same one a thousand times), and each is then wrapped once.
    """
    if "\n" not in text and len(text) <= limit:
        text = text.strip()
        return [text] if text else []
    return stripped(text_lines(text, limit, seen))


def text_lines(
    text: str, limit: int, seen: dict[tuple[str, int], list[str]] | None = None
) -> list[str]:
    """The lines of :func:`cell_lines` before the first is stripped on the left and
    the last on the right: so the lines of two texts joined by a line break are the
    lines of each, one after the other."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            if len(line) <= limit:
                out.append(line)
            elif seen is None:
                out.extend(wrap(line, limit))
            else:
                wrapped = seen.get((line, limit))
                if wrapped is None:
                    wrapped = seen[line, limit] = wrap(line, limit)
                out.extend(wrapped)
    return out


def stripped(lines: list[str]) -> list[str]:
    """``lines`` with the first stripped on the left and the last on the right."""
    if lines:
        lines[0] = lines[0].lstrip()
        lines[-1] = lines[-1].rstrip()
    return lines


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
