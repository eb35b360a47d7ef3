"""The one printing boundary of the read side: rows in, text out.

Everything user-visible that is a table goes through :func:`table` (tabulate, or the
csv module); every user text goes through :func:`safe`, so control characters and
ANSI escapes typed into a title are never rendered raw.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from tabulate import tabulate

FORMATS = ("txt", "md", "json", "csv")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Control characters (ANSI escapes included) shown as ``\\xNN``, never raw."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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
        writer.writerows([["" if c is None else c for c in row] for row in rows])
        return out.getvalue().rstrip("\n")
    cells = [["" if c is None else safe(str(c)) for c in row] for row in rows]
    if not cells:
        return ""
    if fmt == "md":
        headers = list(headers) or [""] * len(cells[0])
        cells = [[c.replace("|", "\\|").replace("\n", "<br>") for c in row] for row in cells]
        return tabulate(cells, headers=list(headers), tablefmt="github", disable_numparse=True)
    return tabulate(
        cells,
        headers=list(headers),
        tablefmt="simple" if headers else "plain",
        maxcolwidths=list(wrap) if wrap else None,
        disable_numparse=True,
        preserve_whitespace=True,  # leading spaces indent trees
        break_on_hyphens=False,  # keys such as HF1-Z2 stay whole
    )


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
