"""The report's direct table writers print exactly what tabulate prints.

The report's Markdown and text goldens cover a few small tables; these compare the
writers with tabulate itself on many generated ones (empty cells, padding spaces,
no-break spaces, several lines, headers of several lines, right-aligned columns), so
a layout difference cannot hide in a case the goldens happen not to hold.
"""

from __future__ import annotations

import random
import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from konzept.projections import plaintable
from konzept.projections.render import tabulate
from konzept.projections.report.fitting import fit, wrap_cell
from konzept.projections.report.grid import hyphen_breaks, pipe, simple, wrap
from konzept.projections.report.text import txt_table

WORDS = ["", " ", "a", "Ziel", "HF1-Z2", "40 → 50", "Fläche (km²)", "✔\u00a0erreicht", "x" * 30]


def _cell(rng: random.Random, lines: bool) -> str:
    parts = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
    text = " ".join(parts)
    if lines and rng.random() < 0.4:
        text += "\n" + rng.choice(WORDS) + ("\n  indented" if rng.random() < 0.3 else "")
    if rng.random() < 0.1:
        text = f"  {text} "
    return text


def _table(seed: int, lines: bool) -> tuple[list[str], list[list[str]], list[str]]:
    rng = random.Random(seed)
    n = rng.randint(1, 6)
    headers = [_cell(rng, lines and rng.random() < 0.2) for _ in range(n)]
    rows = [[_cell(rng, lines) for _ in range(n)] for _ in range(rng.randint(1, 8))]
    align = [rng.choice(["left", "right"]) for _ in range(n)]
    return headers, rows, align


@pytest.mark.parametrize("seed", range(300))
def test_pipe_equals_tabulate(seed: int) -> None:
    headers, rows, align = _table(seed, lines=False)
    expected = tabulate(
        rows, headers=headers, tablefmt="pipe", colalign=align, disable_numparse=True
    )
    assert pipe(headers, rows, align) == expected


@pytest.mark.parametrize("seed", range(300))
@pytest.mark.parametrize("lines", [False, True])
def test_simple_equals_tabulate(seed: int, lines: bool) -> None:
    headers, rows, align = _table(seed, lines)
    expected = tabulate(
        rows, headers=headers, tablefmt="simple", colalign=align, disable_numparse=True
    )
    assert simple(headers, rows, align) == expected


@pytest.mark.parametrize("seed", range(100))
@pytest.mark.parametrize("lines", [False, True])
def test_plain_without_headers_equals_tabulate(seed: int, lines: bool) -> None:
    _, rows, _ = _table(seed, lines)
    assert simple([], rows, []) == tabulate(rows, tablefmt="plain", disable_numparse=True)


def test_a_row_of_empty_cells_prints_no_line_in_a_multiline_table() -> None:
    rows = [["a\nb", "c"], ["", ""], ["d", "e"]]
    expected = tabulate(rows, headers=["x", "y"], tablefmt="simple", disable_numparse=True)
    assert simple(["x", "y"], rows, ["left", "left"]) == expected


@pytest.mark.parametrize("seed", range(1500))
def test_wrap_equals_textwrap(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["a", "Zielwert", "x" * 25, "  ", " ", " " * 9, "\u00a0", "→", "40", "Grund:"]
    if seed % 4 == 0:
        pieces += ["HF1-Z2", "M-00001", "2025-03-01"]  # hyphens textwrap cannot break at
        pieces += rng.sample(["Rehburg-Loccum", "a-b-c", "x--y", "ab-", "-", "Ö-Ü-"], 2)
    elif seed % 4 == 1:
        pieces.remove("\u00a0")  # only plain spaces: wrapped by grid.wrap itself
    line = "".join(
        rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 12))
    )
    width = rng.randint(1, 30)
    expected = textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=True)
    assert wrap(line, width) == expected


#: Lines full of hyphens textwrap may break at ("ab-", "a-b-", ".--a") and may not ("1-",
#: "_-"), and other whitespace (which textwrap wraps itself).
_HYPHENATED = st.lists(st.sampled_from([*"abÖ1-. _,", "--", "  ", "\xa0"]), max_size=50).map(
    "".join
)


@settings(max_examples=6000, deadline=None)
@given(_HYPHENATED, st.integers(1, 16))
def test_wrap_at_hyphens_equals_textwrap(line: str, width: int) -> None:
    expected = textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=True)
    assert wrap(line, width) == expected


#: The same without an em-dash ("--"): every line goes the fast way.
_ONE_HYPHEN = _HYPHENATED.map(lambda line: re.sub("-{2,}", "-", line.replace("\xa0", " ")))


@settings(max_examples=6000, deadline=None)
@given(_ONE_HYPHEN, st.integers(1, 16))
def test_wrap_after_single_hyphens_equals_textwrap(line: str, width: int) -> None:
    expected = textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=True)
    assert plaintable.wrap(line, width, hyphens=True, breaks=hyphen_breaks(line)) == expected
    assert wrap(line, width) == expected


@pytest.mark.parametrize("seed", range(300))
def test_text_tables_equal_tabulate_of_the_wrapped_cells(seed: int) -> None:
    """txt_table lays plain tables out from their wrapped lines directly; tabulate of
    the same wrapped cells is what it must print."""
    rng = random.Random(seed)
    words = ["Zielwert", "40 → 50", "x" * 45, "Grund: Beschluss des Ausschusses", "  ", "HF1-Z2"]
    n = rng.randint(2, 5)
    headers = [
        rng.choice(["Datum", "Eintrag", "Änderung", "Wer", "Ein langer Kopf"]) for _ in range(n)
    ]
    rows = [
        ["\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
                   for _ in range(rng.randint(1, 3)))
         for _ in range(n)]
        for _ in range(rng.randint(1, 6))
    ]  # fmt: skip
    align = [rng.choice(["left", "right"]) for _ in range(n)]
    widths = fit(headers, rows)
    expected = tabulate(
        [[wrap_cell(c, widths[i]) for i, c in enumerate(row)] for row in rows],
        headers=[wrap_cell(h, max(widths[i] - 2, 1)) for i, h in enumerate(headers)],
        tablefmt="simple",
        colalign=align,
        disable_numparse=True,
    )
    assert txt_table(headers, rows, align) == expected
