"""The change log's fast text writer prints exactly what the generic table prints.

:mod:`konzept.projections.report.tucked` lays out tables with tucked columns (the
change log) in one pass; these compare it with the generic path
(:func:`~konzept.projections.report.text.txt_tucked_lines`) on generated tables:
hyphenated and overlong words, umlauts, line breaks inside cells, empty and blank
cells, rows with nothing in them, keys long enough to wrap. Tables it must decline
(a status mark, a right-aligned column, a tab or a wide character) are checked to go
the generic way.
"""

from __future__ import annotations

import random

import pytest

from konzept.projections.report import tucked
from konzept.projections.report.document import Mark, Table
from konzept.projections.report.text import txt_tucked_lines

WORDS = [
    "Ziel",
    "HF1-Z2",
    "Rehburg-Loccum",
    "Nienburg/Weser",
    "40 → 50",
    "Begründung",
    "Überprüfung der Indikatoren (Schritt 5)",
    "Kita-Plätze",
    "x" * 50,
    "--",
    "a-b-c-d",
    "  ",
    "",
]


def _text(rng: random.Random, most: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, most)))
    if rng.random() < 0.1:
        text += "\n" + rng.choice(WORDS)
    if rng.random() < 0.1:
        text = f"  {text} "
    return text


def _table(seed: int) -> Table:
    """A change-log-shaped table: date, key, change, reason, decision, who."""
    rng = random.Random(seed)
    wide = rng.random() < 0.3
    rows = tuple(
        (
            rng.choice(["01.01.2025", "", "31.12.2025"]),
            rng.choice(["HF1-Z2", "M-00001", "I-01058", "Konzept", ""])
            + ("-sehr-langer-Schlüssel" * 3 if wide and rng.random() < 0.2 else ""),
            _text(rng, 12),
            _text(rng, 6),
            _text(rng, 2),
            rng.choice(["amueller", "bschmidt", "", "ein-sehr-langer-name-von-jemandem"]),
        )
        for _ in range(rng.randint(1, 12))
    )
    headers = ("Datum", "Eintrag", "Änderung", "Begründung", "Beschluss", "Von")
    return Table(headers, rows, ("left",) * 6, "changes", tuck=(3, 4))


@pytest.mark.parametrize("seed", range(400))
def test_fast_writer_equals_generic(seed: int) -> None:
    table = _table(seed)
    fast = tucked.lines(table)
    assert fast is not None  # these tables are the fast path's own: it must take them
    assert list(fast) == list(txt_tucked_lines(table))


def test_a_year_of_changes_in_one_table() -> None:
    rng = random.Random(7)
    rows = tuple(row for seed in range(300) for row in _table(rng.randint(0, 10**6)).rows)
    table = Table(_table(0).headers, rows, ("left",) * 6, "changes", tuck=(3, 4))
    fast = tucked.lines(table)
    assert fast is not None
    assert list(fast) == list(txt_tucked_lines(table))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: (t[0], t[1], Mark("achieved", "✔"), *t[3:]), id="a status mark"),
        pytest.param(lambda t: (t[0], t[1], "Ziel\tneu", *t[3:]), id="a tab"),
        pytest.param(lambda t: (t[0], t[1], "目标 40 → 50", *t[3:]), id="a wide character"),
        pytest.param(lambda t: (t[0], t[1], "e\u0301", *t[3:]), id="a combining mark"),
    ],
)
def test_unusual_tables_go_the_generic_way(change: object) -> None:
    table = _table(1)
    rows = (change(table.rows[0]), *table.rows[1:])  # type: ignore[operator]
    assert tucked.lines(Table(table.headers, rows, table.align, "changes", tuck=(3, 4))) is None


def test_right_aligned_tables_go_the_generic_way() -> None:
    table = _table(2)
    right = Table(table.headers, table.rows, ("right",) + ("left",) * 5, "x", tuck=(3, 4))
    assert tucked.lines(right) is None


@pytest.mark.parametrize("several", [False, True])
def test_an_empty_row_prints_as_the_generic_path_prints_it(several: bool) -> None:
    """With no cell of several lines the generic path prints an empty row as an empty
    line; with one, as nothing."""
    rows = (
        ("01.01.2025", "HF1", "Titel: a → b", "neu" if several else "", "", "amueller"),
        ("", "", "  ", " ", "", ""),
    )
    table = Table(_table(0).headers, rows, ("left",) * 6, "changes", tuck=(3, 4))
    fast = tucked.lines(table)
    assert fast is not None
    expected = list(txt_tucked_lines(table))
    assert ("" in expected) is not several
    assert list(fast) == expected
