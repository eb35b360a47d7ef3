"""A cell line that fits its column is left as textwrap would leave it."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from konzept.projections.render import _wrapped

lines = st.text(st.sampled_from(list("ab-Z1 \t\x0b\x0c\r\xa0\u2003äß.,")), min_size=0, max_size=30)


def _reference(cell: str, width: int) -> str:
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_on_hyphens=False))
        for line in cell.split("\n")
        if line.strip()
    )


@settings(max_examples=1000, deadline=None)
@given(st.lists(lines, min_size=1, max_size=3).map("\n".join), st.integers(1, 32))
def test_wrapped_equals_textwrap(cell: str, width: int) -> None:
    assert _wrapped(cell, width) == _reference(cell, width)


def test_indented_tree_keys_keep_their_indent() -> None:
    assert _wrapped("    HF1-Z2", 12) == "    HF1-Z2" == _reference("    HF1-Z2", 12)
    assert _wrapped("ends with space \xa0", 40) == _reference("ends with space \xa0", 40)
