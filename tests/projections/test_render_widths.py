"""Tables measure with len() only when that is the display width."""

from __future__ import annotations

import tabulate as tabulate_module
from wcwidth import wcswidth

from konzept.projections.render import tabulate


def test_wide_characters_still_align() -> None:
    text = tabulate([["漢字テキスト", "x"], ["ab", "y"], ["e\u0301te", "z"]], ["Titel", "Wert"])
    widths = {
        wcswidth(line.rstrip())
        for line in text.splitlines()
        if line.rstrip().endswith(("x", "y", "z"))
    }
    assert len(widths) == 1, text
    assert tabulate_module.WIDE_CHARS_MODE is True, "the global is restored"


def test_narrow_text_gives_the_same_bytes_as_wcwidth() -> None:
    rows = [["Sprachkurse ausbauen → mehr", "✔ erreicht"], ["Übergänge", "● im Plan"]]
    assert tabulate(rows, ["Ziel", "Status"]) == tabulate_module.tabulate(rows, ["Ziel", "Status"])
