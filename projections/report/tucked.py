"""Plain-text tables with tucked columns (the change log), written in one pass.

A year's change log on a large store is ~100k rows, and the generic text table
(:func:`.text.txt_table_lines`) spends ~25 µs on each: the tucked lines are joined
into one cell and split again, every cell goes through the wrapper, and every line
of every row is padded through the row template, blank cells included. The change
log's rows are simpler than that: one column holds several lines (the change, then
"Begründung: …", "Beschluss: …") and the others one each. :func:`lines` writes
such a row's first line through the template and every further line as an indent
plus the text, which is what padding blank cells and stripping the line's end gives.
Where every other column's cells fit on one line (a large year's change log always),
those columns are laid out once per distinct cell, not once a row
(:func:`_one_line_each`: 0.61 → 0.5 s for the 92k rows of the 1M benchmark's year).

The output is byte for byte the generic path's (``tests/report/test_report_tucked.py``
compares them on generated tables); a table this module does not handle (characters
the generic path cleans or measures specially, a cell that is not text, right-aligned
columns) returns None and goes the generic way, and so does any row where a column
other than the tucked one would take several lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from typing import cast

from konzept.projections.plaintable import block, row_format

from .document import Cell, Table
from .fitting import (
    ANY,
    HEADER_PAD,
    cell_lines,
    cell_text,
    fit_columns,
    stripped,
    text_lines,
    wrap_cell,
)


def lines(table: Table) -> Iterator[str] | None:
    """The table as :func:`.text.txt_table_lines` prints it after tucking, or None
    where this fast path does not apply (see the module docstring)."""
    headers, rows = table.headers, table.rows
    if not rows or not headers or any(a == "right" for a in table.align):
        return None
    # A change log repeats its days, reasons, decisions and people: each column is
    # checked and measured over its distinct cells.
    distinct = [set(column) for column in zip(*rows, strict=True)]
    if {type(c) for column in distinct for c in column} != {str}:
        return None
    texts = cast("list[set[str]]", distinct)  # every cell is a str: checked
    if ANY.search("\n".join(chain(headers, *texts))):
        return None
    keep, at, notes = _notes(table)
    heads = [cell_text(headers[i]) for i in keep]
    # A tucked cell's lines are its text's and its note's (fit_columns measures lines).
    measured = [[*texts[i], *set(notes)] if n == at else list(texts[i]) for n, i in enumerate(keep)]
    widths = fit_columns(heads, measured, usual=True)
    wrapped_heads = [wrap_cell(h, max(widths[i] - HEADER_PAD, 1)) for i, h in enumerate(heads)]
    cells = cast("tuple[tuple[str, ...], ...]", rows)  # every cell is a str: checked
    others = [
        (i, {c: cell_lines(c, widths[n]) for c in texts[i]}) for n, i in enumerate(keep) if n != at
    ]
    if all(len(ls) <= 1 for _, lined in others for ls in lined.values()):
        return _one_line_each(wrapped_heads, cells, keep[at], others, at, notes, widths[at])
    return _write(wrapped_heads, _lined(cells, keep, at, notes, widths), at)


def _one_line_each(
    wrapped_heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    into: int,
    others: list[tuple[int, dict[str, list[str]]]],
    at: int,
    notes: list[str],
    limit: int,
) -> Iterator[str]:
    """:func:`_write` of :func:`_lined` where no column but the tucked one has a cell of
    several lines (every change log of a large year): the other columns are laid out
    once per distinct cell, and only the tucked column's lines are made row by row."""
    seen: dict[tuple[str, int], list[str]] = {}
    noted = {note: text_lines(note, limit, seen) for note in set(notes)}
    mains = []
    for row, note in zip(rows, notes, strict=True):
        text = row[into]
        if note:
            if "\n" not in text and len(text) <= limit:
                lines = [text, *noted[note]] if text.strip() else noted[note][:]
            else:
                lines = text_lines(text, limit, seen) + noted[note]
            mains.append(stripped(lines))
        else:
            mains.append(cell_lines(text, limit, seen))
    firsts = [{c: ls[0] if ls else "" for c, ls in lined.items()} for _, lined in others]
    out = [max(map(len, h.split("\n"))) + HEADER_PAD for h in wrapped_heads]
    for n, first in enumerate(firsts):
        column = n + (n >= at)
        out[column] = max(out[column], *map(len, first.values()))
    out[at] = max(out[at], max(map(len, chain.from_iterable(mains)), default=0))
    several = any("\n" in h for h in wrapped_heads) or max(map(len, mains), default=0) > 1
    template = row_format(out, [False] * len(out))
    yield from block([h.split("\n") for h in wrapped_heads], template)
    yield "  ".join("-" * w for w in out)
    indent = " " * (sum(out[:at]) + 2 * at)
    pick = [(i, first) for (i, _), first in zip(others, firsts, strict=True)]
    for row, main in zip(rows, mains, strict=True):
        cells = [first[row[i]] for i, first in pick]
        if main:
            cells.insert(at, main[0])
            yield template.format(*cells).rstrip()
            for line in main[1:]:
                yield (indent + line).rstrip()
        elif any(cells):
            cells.insert(at, "")
            yield template.format(*cells).rstrip()
        elif not several:
            yield ""  # the generic path prints an empty row as an empty line


def folded(table: Table) -> tuple[list[int], int, list[list[Cell]]]:
    """The columns a tucked table prints (their indexes), which of them takes the
    tucked ones, and its rows with each tucked cell as a "Header: value" line there
    (left out where the cell is blank)."""
    keep, at, notes = _notes(table)
    into = keep[at]
    rows = [
        [
            (f"{row[into]}\n{note}" if note else str(row[into])) if i == into else row[i]
            for i in keep
        ]
        for row, note in zip(table.rows, notes, strict=True)
    ]
    return keep, at, rows


def _notes(table: Table) -> tuple[list[int], int, list[str]]:
    """The columns and the taking column of :func:`folded`, and each row's note: the
    lines its tucked cells add there ("" if none). A year's change log repeats a few
    dozen reasons and decisions, so each distinct note is made once (the same str)."""
    tuck = table.tuck
    into = min(tuck) - 1
    keep = [i for i in range(len(table.headers)) if i not in tuck]
    labels = [(i, f"{table.headers[i]}: ") for i in tuck]
    made: dict[tuple[Cell, ...], str] = {}
    notes = []
    for row in table.rows:
        tucked = tuple(row[i] for i in tuck)
        note = made.get(tucked)
        if note is None:
            note = made[tucked] = "\n".join(
                label + cell for i, label in labels if (cell := str(row[i])).strip()
            )
        notes.append(note)
    return keep, keep.index(into), notes


def _lined(
    rows: Sequence[Sequence[str]], keep: list[int], at: int, notes: list[str], widths: list[int]
) -> list[list[list[str]]]:
    """Each printed cell's lines, wrapped to its width: :func:`.fitting.cell_lines` of
    the folded cells, without folding them. A line seen before (a reason given a
    thousand times) is wrapped once, and so is each distinct note and other cell."""
    seen: dict[tuple[str, int], list[str]] = {}
    known: list[dict[str, list[str]]] = [{} for _ in keep]  # cell → its lines, by column
    noted: dict[str, list[str]] = {}  # note → its lines
    limit = widths[at]
    lined = []
    for row, note in zip(rows, notes, strict=True):
        cells = []
        for n, i in enumerate(keep):
            text = row[i]
            if n != at:
                found = known[n].get(text)
                if found is None:
                    found = known[n][text] = cell_lines(text, widths[n], seen)
                cells.append(found)
            elif note:  # the cell's text and its note, as if joined by a line break
                below = noted.get(note)
                if below is None:
                    below = noted[note] = text_lines(note, limit, seen)
                cells.append(stripped(text_lines(text, limit, seen) + below))
            else:
                cells.append(cell_lines(text, limit, seen))
        lined.append(cells)
    return lined


def _write(wrapped_heads: Sequence[str], lined: list[list[list[str]]], at: int) -> Iterator[str]:
    """The rows' lines laid out as :func:`.grid.split_lines` (or, with no cell of
    several lines, ``simple_lines``) lays them out."""
    several = any("\n" in h for h in wrapped_heads) or any(
        len(ls) > 1 for row in lined for ls in row
    )
    out = [max(map(len, h.split("\n"))) + HEADER_PAD for h in wrapped_heads]
    for row in lined:
        for i, ls in enumerate(row):
            for line in ls:
                if len(line) > out[i]:
                    out[i] = len(line)
    template = row_format(out, [False] * len(out))
    yield from block([h.split("\n") for h in wrapped_heads], template)
    yield "  ".join("-" * w for w in out)
    indent = " " * (sum(out[:at]) + 2 * at)
    single = [i for i in range(len(out)) if i != at]
    for row in lined:
        if any(len(row[i]) > 1 for i in single):
            yield from block(row, template)
            continue
        first = [ls[0] if ls else "" for ls in row]
        main = row[at]
        if not main and not any(first):
            if not several:
                yield ""  # the generic path prints an empty row as an empty line
            continue
        yield template.format(*first).rstrip()
        for line in main[1:]:
            yield (indent + line).rstrip()
