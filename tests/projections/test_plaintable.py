"""The direct text table writer gives tabulate's text, byte for byte, or declines."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from konzept.projections.plaintable import simple, wrap

#: Mostly ordinary text; now and then a character the writer must leave to tabulate.
_PLAIN = list("ab Z-1äß.\n\n  ")
_CHARS = st.sampled_from([*_PLAIN, "\r", "\t", "\x1b", "你", "\u2028", "\x0b"])
_EDGES = st.sampled_from(["", "\n", "\n\n", "  x", "a\n", "\nb", "True", "  "])
cells = st.text(_CHARS, max_size=12) | _EDGES
plain_cells = st.text(st.sampled_from(_PLAIN), max_size=12) | _EDGES


@st.composite
def tables(
    draw: st.DrawFn, cell: st.SearchStrategy[str] = cells
) -> tuple[list[list[str]], list[str]]:
    columns = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(cell, min_size=columns, max_size=columns), max_size=6))
    headers = draw(st.one_of(st.just([]), st.lists(cell, min_size=columns, max_size=columns)))
    return rows, headers


def _reference(rows: list[list[str]], headers: list[str]) -> str:
    return str(
        tabulate(
            rows,
            headers=headers,
            tablefmt="simple" if headers else "plain",
            disable_numparse=True,
            preserve_whitespace=True,
        )
    )


@settings(max_examples=2000, deadline=None)
@given(tables())
def test_same_text_as_tabulate_or_none(table: tuple[list[list[str]], list[str]]) -> None:
    rows, headers = table
    text = simple(rows, headers)
    if text is not None:
        assert text == _reference(rows, headers)


@settings(max_examples=1000, deadline=None)
@given(tables(plain_cells))
def test_ordinary_text_is_never_left_to_tabulate(table: tuple[list[list[str]], list[str]]) -> None:
    rows, headers = table
    text = simple(rows, headers)
    assert (text is None) == (not rows)
    if text is not None:
        assert text == _reference(rows, headers)


def test_the_ordinary_tables_are_written_directly() -> None:
    rows = [["HF1", "Sprache und Bildung", "aktiv", ""], ["  HF1-Z1", "Sprachkurse", "", "30 %"]]
    headers = ["Schlüssel", "Titel", "Status", "Details"]
    assert simple(rows, headers) == _reference(rows, headers)
    wrapped = [["I-01", "Messwert\n2019", "12 → 14", "#3 anna: weil\n#9 bert"], ["K", "", "", ""]]
    assert simple(wrapped, headers) == _reference(wrapped, headers)
    assert simple([["a", "b"]], []) == _reference([["a", "b"]], [])
    assert simple([["你"]], ["x"]) is None and simple([["a", "b"], ["c"]], []) is None


_LINE = st.text(st.sampled_from(list("ab c-Z1   ")), max_size=60)


@settings(max_examples=3000, deadline=None)
@given(_LINE, st.integers(1, 20))
def test_wrap_is_textwrap_without_hyphen_breaks(line: str, width: int) -> None:
    assert wrap(line, width) == textwrap.wrap(line, width, break_on_hyphens=False)


def test_wrap_declines_other_whitespace() -> None:
    assert wrap("a\tb", 3) is None and wrap("a\xa0b", 3) is None and wrap("ab", 0) is None
