"""``konzept diff`` as text: a line per changed attribute, a line per event below it,
wrapped at 80 columns with a hanging indent; Markdown stays a valid table."""

from __future__ import annotations

import unicodedata

from konzept.projections.diff import Change, Diff, Entry
from konzept.projections.difftext import diff_chunks, diff_text


def entry(
    position: int, reason: str = "", decision: str | None = None, actor: str = "mmeyer"
) -> Entry:
    return Entry(
        position=position,
        stream="indicator:I-01",
        type="IndicatorTargetChanged",
        schema_version=1,
        payload="{}",
        effective="2025-03-12",
        actor=actor,
        reason=reason,
        decision=decision,
    )


def one_change(*events: Entry, old: object = 200, new: object = 250, attr: str = "title") -> Diff:
    return Diff("2024-12-31", "2025-12-31", changed=[Change("I-01", attr, old, new, list(events))])


def changed_lines(text: str) -> list[str]:
    """The lines after the legend of the changed section."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(("Geändert", "Changed")))
    legend_end = lines.index("", start + 3)
    return lines[legend_end + 1 :]


def columns(line: str) -> int:
    return sum(
        0
        if unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in line
    )


def test_each_event_is_a_line_under_its_change_with_decision_and_reason() -> None:
    d = one_change(
        entry(19, "Bedarf gestiegen", "KA-2019-02"),
        entry(23, "Nachmeldung", actor="aschulz"),
        entry(24),
        old="Sprachkurse",
        new="Sprachkurse ausbauen",
    )
    assert changed_lines(diff_text(d, "txt", "de")) == [
        "I-01  Titel: Sprachkurse → Sprachkurse ausbauen",
        "    #19  2025-03-12  mmeyer [KA-2019-02]: Bedarf gestiegen",
        "    #23  2025-03-12  aschulz: Nachmeldung",
        "    #24  2025-03-12  mmeyer",
    ]


def test_german_and_english_name_the_attribute_and_the_legend() -> None:
    d = one_change(entry(19, "Bedarf"), attr="target", old=None, new={"year": 2030, "value": 1.5})
    de, en = diff_text(d, "txt", "de"), diff_text(d, "txt", "en")
    assert "I-01  Zielwert: — → 1,5 (2030)" in de.splitlines()
    assert "I-01  target: — → 1.5 (2030)" in en.splitlines()
    assert "Eine Zeile je geändertem Merkmal" in de and "wirksam ab" in de
    assert "One line per changed attribute" in en and "effective" in en
    assert de.startswith("Änderungen 2024-12-31 → 2025-12-31") and "\nGeändert\n" in de
    assert en.startswith("Changes 2024-12-31 → 2025-12-31") and "\nChanged\n" in en


def test_long_lines_wrap_at_80_with_a_hanging_indent() -> None:
    old = "Sprachförderung und Ehrenamt in Hoya und Stolzenau sichern und verstetigen."
    new = "Arbeitsmarktintegration im ländlichen Raum ausbauen; dazu Frauenförderung."
    reason = "Überprüfung der Indikatoren (Schritt 5) nach Rückmeldung der Träger im Netzwerk"
    lines = changed_lines(
        diff_text(one_change(entry(868799, reason, "B-2025-0267"), old=old, new=new), "txt", "de")
    )
    assert all(len(line) <= 80 for line in lines), lines
    event = lines.index(next(line for line in lines if line.startswith("    #")))
    assert lines[0].startswith("I-01  Titel: Sprachförderung") and event == 3
    assert all(line.startswith("  ") and line[2] != " " for line in lines[1:event])
    assert lines[event].startswith("    #868799  2025-03-12  mmeyer [B-2025-0267]: Überprüfung")
    assert all(line.startswith("      ") and line[6] != " " for line in lines[event + 1 :])
    # nothing lost or reordered: the words read back as written
    said = " ".join(line.strip() for line in lines[:event])
    assert said == f"I-01  Titel: {old} → {new}"
    assert " ".join(line.strip() for line in lines[event:]).endswith(reason)


def test_a_word_longer_than_a_line_is_cut_and_nothing_runs_past_80() -> None:
    word = "x" * 150
    lines = changed_lines(diff_text(one_change(entry(5, word), new=word), "txt", "en"))
    assert all(len(line) <= 80 for line in lines)
    assert "".join(line.strip() for line in lines).count("x") == 300


def test_line_breaks_control_characters_and_wide_text_stay_inside_the_layout() -> None:
    reason = "erste Zeile\nzweite\tZeile \x1b[31mrot"
    wide = "漢字テキスト" * 8
    lines = changed_lines(diff_text(one_change(entry(7, reason), new=wide), "txt", "de"))
    assert all(columns(line) <= 80 for line in lines), lines
    assert not any("\x1b" in line or "\t" in line for line in lines)
    event = next(n for n, line in enumerate(lines) if line.startswith("    #7"))
    assert lines[event] == "    #7  2025-03-12  mmeyer: erste Zeile"
    assert lines[event + 1] == "      zweite Zeile \\x1b[31mrot"
    assert all(line.startswith("  ") for line in lines[1:event])  # the wide title wrapped


def test_markdown_keeps_one_valid_table_with_an_event_a_line() -> None:
    d = one_change(entry(19, "Bedarf | gestiegen", "KA-2019-02"), entry(20, "Nachmeldung"))
    md = diff_text(d, "md", "de")
    rows = [line for line in md.splitlines() if line.startswith("|")]
    assert len(rows) == 3  # header, rule, one change
    assert {line.count("|") - line.count("\\|") for line in rows} == {5}
    assert "#19 mmeyer [KA-2019-02]: Bedarf \\| gestiegen<br>#20 mmeyer: Nachmeldung" in rows[2]


def test_the_text_comes_in_pieces_that_make_the_whole() -> None:
    changes = [Change(f"K-{n}", "title", "a", "b", [entry(n, "r")]) for n in range(1200)]
    d = Diff("2024-12-31", "2025-12-31", changed=changes)
    pieces = list(diff_chunks(d, "txt", "en"))
    assert len(pieces) > 3 and all(piece.endswith("\n") for piece in pieces)
    assert "".join(pieces).rstrip("\n") == diff_text(d, "txt", "en")
    assert diff_text(d, "txt", "en").count("\n    #") == 1200
