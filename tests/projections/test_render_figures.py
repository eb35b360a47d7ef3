"""The printing boundary keeps English figures as text: tabulate's own ``maxcolwidths``
re-parsed wrapped cells as numbers and crashed on ``1,150`` (``--lang en blame``)."""

from __future__ import annotations

from konzept.projections.render import table


def test_wrapped_txt_table_prints_english_thousands() -> None:
    text = table([["I-11", "1,150", "a reason long enough to wrap here"]], ["k", "v", "why"],
                 "txt", [6, 8, 12])  # fmt: skip
    assert "1,150" in text
    assert max(len(line) for line in text.splitlines()) <= 6 + 8 + 12 + 4


def test_wrap_keeps_keys_whole_and_pads_missing_widths() -> None:
    text = table([["  HF1-Z2", "x y z", "last column unwrapped"]], ["a", "b", "c"], "txt", [8])
    assert "HF1-Z2" in text and "last column unwrapped" in text
    assert text.splitlines()[2].startswith("  HF1-Z2")  # tree indentation survives
