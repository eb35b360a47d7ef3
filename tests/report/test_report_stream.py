"""The report written as it is printed: the same bytes as the whole string."""

from __future__ import annotations

import gc
import io
import json
import random

import pytest

from konzept.events import Store
from konzept.events.errors import ValidationError
from konzept.projections.report import FORMATS, chunks, render, write
from konzept.projections.report.data import _indented
from konzept.projections.report.text import pieces, txt_table


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_written_report_equals_rendered(open_store: Store, fmt: str, lang: str) -> None:
    out = io.StringIO()
    write(out, open_store, 2024, fmt, lang)
    assert out.getvalue() == render(open_store, 2024, fmt, lang)
    if fmt in ("md", "txt", "html"):
        assert len(list(chunks(open_store, 2024, fmt, lang))) > 20  # block by block


def test_bad_input_raises_before_the_first_piece(open_store: Store) -> None:
    with pytest.raises(ValidationError, match="Unknown report format"):
        chunks(open_store, 2024, "pdf")
    with pytest.raises(ValidationError, match="outside the log"):
        chunks(open_store, 2024, "md", "de", 10_000)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_collector_rests_while_a_report_is_printed(open_store: Store, fmt: str) -> None:
    """Paused from reading the log to the last piece (a large year's model would be
    walked whenever it ran in between), and running again afterwards: when the report
    is done, abandoned half-way, or refused."""
    assert gc.isenabled()
    try:
        pieces = chunks(open_store, 2024, fmt)
        assert not gc.isenabled()
        for _ in pieces:
            assert not gc.isenabled()
        assert gc.isenabled()
        abandoned = chunks(open_store, 2024, fmt)
        next(abandoned)
        abandoned.close()
        assert gc.isenabled()
        dropped = chunks(open_store, 2024, fmt)
        del dropped
        assert gc.isenabled()
        with pytest.raises(ValidationError):
            chunks(open_store, 2024, fmt, "fr")
        assert gc.isenabled()
    finally:
        gc.enable()  # whatever failed above, not the later tests


def test_long_tables_are_written_in_batches() -> None:
    lines = [f"line {n}" for n in range(2_500)]
    batches = list(pieces(lines, size=1_000))
    assert len(batches) == 3
    assert "".join(batches) == "\n".join(lines)
    assert list(pieces([])) == []


def test_a_table_with_control_characters_or_tabs_is_cleaned_whole() -> None:
    """The write side refuses such text, an imported old log may hold it: one cell
    makes the whole table go through safe() (clean tables skip it)."""
    rows = [["Tab\there", "\x1b[31mred\x1b[0m"], ["plain", "\u202eevil"]]
    text = txt_table(["A", "B"], rows, ["left", "left"])
    assert "\x1b" not in text and "\t" not in text and "\u202e" not in text
    assert "Tab here" in text and "\\x1b[31mred" in text and "\\u202eevil" in text


@pytest.mark.parametrize("seed", range(200))
def test_json_rows_are_indented_as_json_dumps_indents_them(seed: int) -> None:
    rng = random.Random(seed)
    values = [None, True, False, 0, -7, 12.5, 1e-9, "", "Zielwert „neu“", "a\nb\x9b\u202e"]
    values += [[], ["x", 2, None]]
    row = {f'k{n}\t"': rng.choice(values) for n in range(rng.randint(0, 6))}
    depth = rng.randint(0, 3)
    expected = json.dumps(row, ensure_ascii=False, indent=2, allow_nan=False)
    assert _indented(row, depth) == expected.replace("\n", "\n" + "  " * depth)
