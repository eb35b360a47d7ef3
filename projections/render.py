"""The one printing boundary of the read side: rows in, text out.

Everything user-visible that is a table goes through :func:`table` (tabulate, or the
csv module); every user text goes through :func:`safe`, so control characters and
ANSI escapes typed into a title are never rendered raw.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Sequence
from typing import Any

from .plaintable import simple, wrap

FORMATS = ("txt", "md", "json", "csv")
#: Characters whose display width is not one column: combining marks, zero-width
#: characters, East Asian wide forms, emoji. Only cells holding one need wcwidth.
_NOT_ONE_COLUMN = re.compile(
    "[\u0300-\u036f\u1100-\u115f\u1ab0-\u1aff\u200b-\u200f\u20d0-\u20ff"
    "\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


def tabulate(rows: Sequence[Sequence[Any]], headers: Sequence[str] = (), **options: Any) -> str:
    """tabulate, measuring widths with ``len`` when every cell is one column per character.

    tabulate measures every cell with wcwidth, which took most of a large report's time;
    for German and English text the answer is simply ``len``. Wide or combining
    characters anywhere in the table switch wcwidth back on for that table.
    """
    import tabulate as _tabulate_module  # here, not at import: JSON output never needs it
    from tabulate import tabulate as _tabulate

    narrow = not any(
        _NOT_ONE_COLUMN.search(cell)
        for row in (*rows, headers)
        for cell in row
        if isinstance(cell, str)
    )
    if not narrow:
        return str(_tabulate(rows, headers=headers, **options))
    wide_mode = _tabulate_module.WIDE_CHARS_MODE
    _tabulate_module.WIDE_CHARS_MODE = False
    try:
        return str(_tabulate(rows, headers=headers, **options))
    finally:
        _tabulate_module.WIDE_CHARS_MODE = wide_mode


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Bidirectional overrides and isolates: they can make a printed line read differently
#: from what is stored (a reason that seems to say the opposite), so they are shown too.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ANY_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Control characters (ANSI escapes included) shown as ``\\xNN`` and bidi overrides
    as ``\\uNNNN``, never raw."""
    if not _ANY_UNSAFE.search(text):  # nearly every text: one search, no copies
        return text
    text = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1 = re.compile(r"[\x7f-\x9f]")
_C1_CHARS = tuple(map(chr, range(0x7F, 0xA0)))


def safe_json(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with DEL and the C1 controls as ``\\u00NN``:
    ``json`` escapes only C0, and ``\\x9b`` is a terminal's one-byte CSI. Same data."""
    # Nearly always there is none: 33 substring searches (memchr) are three times
    # faster than the expression's scan of a 10 MB document.
    if not any(c in text for c in _C1_CHARS):
        return text
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def table(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str],
    fmt: str,
    wrap: Sequence[int | None] | None = None,
) -> str:
    """A table as plain text (``simple``, wrapped to fit 80 columns), Markdown or CSV."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        # CSV goes to the terminal too: text cells through safe() like every other format
        writer.writerows(
            [
                ["" if c is None else safe(c) if isinstance(c, str) else c for c in row]
                for row in rows
            ]
        )
        return out.getvalue().rstrip("\n")
    cells = [["" if c is None else safe(str(c)) for c in row] for row in rows]
    if not cells:
        return ""
    if fmt == "md":
        headers = list(headers) or [""] * len(cells[0])
        cells = [[c.replace("|", "\\|").replace("\n", "<br>") for c in row] for row in cells]
        return tabulate(cells, headers=list(headers), tablefmt="github", disable_numparse=True)
    if wrap:
        widths = [*wrap, *[None] * (len(cells[0]) - len(wrap))]
        cells = [[_wrapped(c, w) for c, w in zip(row, widths, strict=False)] for row in cells]
    direct = simple(cells, list(headers))  # tabulate's text, written directly where it can
    if direct is not None:
        return direct
    return tabulate(
        cells,
        headers=list(headers),
        tablefmt="simple" if headers else "plain",
        disable_numparse=True,
        preserve_whitespace=True,  # leading spaces indent trees
    )


def _wrapped(cell: str, width: int | None) -> str:
    """A cell's lines wrapped to ``width`` before tabulate lays them out.

    tabulate's own ``maxcolwidths`` re-parses each wrapped cell as a number and fails
    on English figures such as ``1,150``; wrapping here keeps every cell text.
    """
    if width is None:
        return cell
    return "\n".join(
        line
        if len(line) <= width and line == line.rstrip() and not _TEXTWRAP_SPACE.search(line)
        else "\n".join(_wrap_line(line, width))
        for line in cell.split("\n")
        if line.strip()
    )


def _wrap_line(line: str, width: int) -> list[str]:
    """``textwrap.wrap(line, width, break_on_hyphens=False)`` (HF1-Z2 stays whole),
    by :func:`plaintable.wrap` where it applies."""
    found = wrap(line, width)
    return textwrap.wrap(line, width, break_on_hyphens=False) if found is None else found


#: Whitespace textwrap rewrites (tabs expanded, the others turned into spaces). A line
#: without it, without whitespace at its end and no longer than the width is exactly
#: what textwrap returns for it: a year's diff has ~80k cells, most of which fit.
_TEXTWRAP_SPACE = re.compile("[\t\x0b\x0c\r]")


def heading(text: str, fmt: str, level: int = 1) -> str:
    text = safe(text)
    if fmt == "md":
        return f"{'#' * level} {text}"
    if fmt == "csv":
        return f"# {text}"
    underline = "=" if level == 1 else "-"
    return f"{text}\n{underline * min(len(text), 80)}"


def join(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b)
