"""A new user's walk through the UI at 80×24: what they tripped over, now fixed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.widgets import Checkbox, Input, Static
from textual.widgets._footer import FooterKey

from konzept.events import commands as cmd
from konzept.events import messages
from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.ask import AskText
from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.dialogs.edit import EditDialog
from konzept.tui.drafts import Draft
from konzept.tui.flow import confirmation
from konzept.tui.forms import add_form
from konzept.tui.refusals import FORM_WORDS
from konzept.tui.screens.diff import DiffScreen
from konzept.tui.screens.report import ReportScreen
from konzept.tui.widgets.chart import value_chart


def count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


async def set_input(pilot: Any, ui: Any, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await ui.type(pilot, value)


def test_every_refusal_said_in_form_words_is_one_the_command_layer_says() -> None:
    """If events/ rewords a refusal, its form wording here must follow (else it is dead)."""
    for template in FORM_WORDS:
        assert messages.template("de", template) is not None, template


def test_every_refusal_naming_a_form_field_s_flag_is_said_in_form_words() -> None:
    """A refusal added to events/ that names one of these flags is caught here."""
    flags = ("--reopen", "--reason", "--decision", "--party")
    naming = {english for english in messages.DE if any(f in english for f in flags)}
    assert naming == set(FORM_WORDS)


async def test_a_closed_year_names_the_form_s_fields_not_the_command_line_s_flags(
    app_for: Callable[..., KonzeptApp], ui: Any, other: Any
) -> None:
    other(cmd.close_year, "2023", decision="KT-2016-1", reason="Bericht 2023")
    for lang, words in (
        (None, ("Haken bei „Korrektur“", "„Begründung“ ausfüllen")),
        ("en", ("tick “Correction”", "fill in “Reason”")),
    ):
        app = app_for(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            app.main.select("I-01")
            await ui.press(pilot, "v")
            dialog = app.screen
            assert isinstance(dialog, EditDialog)
            await set_input(pilot, ui, "#f-year", "2023")
            await set_input(pilot, ui, "#f-value", "180")
            error = dialog.checked.error or ""
            assert "--" not in error and all(w in error for w in words), error
            dialog.query_one("#f-reopen", Checkbox).value = True
            await ui.settle(pilot)
            error = dialog.checked.error or ""
            assert "--" not in error and words[1] in error, error


async def test_back_from_the_confirmation_returns_to_the_field_the_user_was_in(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF2")
        await ui.press(pilot, "e")
        await set_input(pilot, ui, "#f-title", "Arbeit und Ausbildung")
        await set_input(pilot, ui, "#m-reason", "Ausschuss")
        await ui.press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await ui.press(pilot, "escape")
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        assert app.focused is not None and app.focused.id == "m-reason"
        await ui.type(pilot, "!")
        assert dialog.query_one("#m-reason", Input).value == "Ausschuss!"
        assert dialog.query_one("#f-title", Input).value == "Arbeit und Ausbildung"


async def test_escape_asks_before_throwing_typed_input_away_but_not_when_untouched(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF2")
        await ui.press(pilot, "e", "escape")
        assert app.screen is app.main  # untouched: no question
        await ui.press(pilot, "e")
        await set_input(pilot, ui, "#f-title", "Arbeit und Ausbildung")
        await ui.press(pilot, "escape")
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.heading == "Änderungen verwerfen?"
        await ui.press(pilot, "escape")  # no: back to the form, input kept
        assert isinstance(app.screen, EditDialog)
        assert app.screen.query_one("#f-title", Input).value == "Arbeit und Ausbildung"
        await ui.press(pilot, "escape", "enter")  # yes, discard
        assert app.screen is app.main
    assert count(db) == before


async def test_ctrl_q_asks_before_throwing_typed_input_away(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF2")
        await ui.press(pilot, "e")
        await set_input(pilot, ui, "#f-title", "Arbeit und Ausbildung")
        await ui.press(pilot, "ctrl+q")
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.heading == "Eingaben verwerfen und konzept beenden?"
        await ui.press(pilot, "escape")  # no: the form and its input stay
        assert isinstance(app.screen, EditDialog)
        assert app.screen.query_one("#f-title", Input).value == "Arbeit und Ausbildung"
        assert app.return_code is None  # still running
        await ui.press(pilot, "ctrl+q", "enter")  # yes: quit
        assert app.return_code == 0
    assert count(db) == before


async def test_ctrl_q_quits_at_once_from_an_untouched_form(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF2")
        await ui.press(pilot, "e", "ctrl+q")
        assert not isinstance(app.screen, ConfirmDialog)
        assert app.return_code == 0


async def test_a_dialog_s_key_bar_shows_the_dialog_s_keys(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF2")
        await ui.press(pilot, "e")
        form = app.screen
        assert isinstance(form, EditDialog)
        shown = [k.description for k in form.query(FooterKey) if k.display]
        assert shown == ["Weiter", "Abbrechen"]  # not the main screen's keys, not "? Hilfe"


async def test_a_wide_terminal_shows_the_diff_and_report_keys_a_narrow_one_drops_them(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")  # every edit key applies: a, e, s, v
        await ui.settle(pilot)

        def shown() -> set[str]:
            return {k.action for k in app.screen.query(FooterKey) if k.display}

        assert {"diff", "report", "add", "edit", "status", "record"} <= shown()
        await pilot.resize_terminal(80, 24)
        await ui.settle(pilot)
        assert not {"diff", "report"} & shown()
        assert {"add", "edit", "status", "record", "help"} <= shown()


async def test_the_diff_screen_takes_keys_at_once_and_never_shows_a_diff_backwards(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        field = screen.query_one("#diff-from", Input)
        assert field.has_focus
        field.value = ""
        await ui.type(pilot, "2030")
        assert field.value == "2030"
        hint = str(screen.query_one("#diff-hint", Static).content)
        assert hint == "vertauscht: 2025-12-31 → 2030-12-31", hint
        console = Console(width=80, record=True)
        console.print(screen.query_one("#diff-body", Static).content)
        heading = console.export_text().splitlines()[0]
        assert heading.index("2025-12-31") < heading.index("2030-12-31"), heading


async def test_a_text_field_is_not_offered_a_help_key_that_would_type_into_it(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    """``?`` types a question mark in the diff screen's year field, so the key bar
    leaves it out there and shows it again on the diff itself; F1 still opens help."""
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        field = screen.query_one("#diff-from", Input)
        assert field.has_focus

        def offered() -> set[str]:
            return {k.action for k in screen.query(FooterKey) if k.display}

        assert "help" not in offered()
        await ui.press(pilot, "question_mark")
        assert field.value.endswith("?")  # typed (over the selected year), not a help key
        assert app.screen is screen
        screen.query_one("#diff-result").focus()  # Tab, twice, does the same
        await ui.settle(pilot)
        assert "help" in offered()
        field.focus()
        await ui.press(pilot, "f1")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_the_report_screen_refuses_years_before_the_concept_and_far_ahead(
    app_for: Callable[..., KonzeptApp], ui: Any, tmp_path: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        year = screen.query_one("#report-year", Input)
        for typed, said in (
            ("2010", "Das Konzept beginnt 2016"),
            ("2040", "Für 2040 gibt es noch keinen Bericht (höchstens 2026)."),
        ):
            year.value = typed
            await ui.settle(pilot)
            assert said in str(screen.query_one("#report-note", Static).content)
            assert str(screen.query_one("#report-body", Static).content) == ""
            screen.query_one("#report-path", Input).value = str(tmp_path / "r.txt")
            await ui.press(pilot, "ctrl+s")  # no export of the year shown before
            assert not (tmp_path / "r.txt").exists()
        year.value = "2016"
        await ui.settle(pilot)
        assert "2016" in str(screen.query_one("#report-body", Static).content)


async def test_every_key_in_the_key_bar_has_its_word(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    for lang in (None, "en"):
        app = app_for(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            app.main.select("I-01")  # every edit key applies: a, e, s, v
            await ui.settle(pilot)
            keys = list(app.screen.query(FooterKey))
            shown = {k.action for k in keys}
            assert {"record", "help", "add"} <= shown, shown
            palette = next(k for k in keys if k.action == "command_palette")
            for key in keys:  # none hidden under the palette's key at the right edge
                if key is not palette:
                    assert key.region.right <= palette.region.x, (key.action, key.region)


def test_the_confirmation_labels_are_in_one_language_and_one_case() -> None:
    draft = Draft.fresh(add_form("field", {"key": "HF7", "title": "Gesundheit"}))
    for lang, labels in (
        ("de", ["Von", "Gültig ab", "Begründung", "Beschluss"]),
        ("en", ["By", "Effective", "Reason", "Decision"]),
    ):
        console = Console(width=80, record=True)
        console.print(confirmation(["HF7: x"], "anna", "2025-03-01", draft, lang))
        lines = console.export_text().splitlines()[2:]
        assert [line.split(" ")[0] for line in lines if line] == [w.split()[0] for w in labels]
        assert all(line.startswith(w) for line, w in zip(lines, labels, strict=True))


def test_the_chart_shows_the_indicator_s_unit() -> None:
    indicator = {
        "key": "I-9", "kind": "indicator", "status": "active", "unit": "%", "direction": "up",
        "baseline": {"year": 2020, "value": 50}, "target": {"year": 2030, "value": 80},
        "values": {"2024": 62},
    }  # fmt: skip
    console = Console(width=60, record=True)
    console.print(value_chart(indicator, 5.0, "de"))
    text = console.export_text()
    assert "62 %" in text and "80 %" in text, text


async def test_each_key_field_has_its_own_example(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF1-Z1")
        await ui.press(pilot, "a", "enter")  # a measure, offered first below a goal
        dialog = app.screen
        assert isinstance(dialog, EditDialog) and dialog.draft.form.kind == "measure"
        hints = {n: dialog.query_one(f"#{n}", Input).placeholder for n in
                 ("f-key", "f-responsible", "m-decision")}  # fmt: skip
        assert hints == {
            "f-key": "Schlüssel, z. B. M-02",  # the next free one: M-01 exists
            "f-responsible": "Schlüssel, z. B. VHS",
            "m-decision": "Schlüssel, z. B. KT-2016-1",
        }
        await ui.press(pilot, "escape", "l")  # the log's decision filter: no made-up scheme
        assert app.screen.query_one("#decision", Input).placeholder == "Schlüssel"


async def test_the_time_travel_field_shows_an_example_and_what_a_year_stands_for(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    """The field's placeholder is an example, not the hint below it a second time; a
    valid entry says which day it means."""
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "t")
        dialog = app.screen
        assert isinstance(dialog, AskText)
        field = dialog.query_one("#ask-input", Input)
        hint = str(dialog.query_one("#ask-error", Static).content)
        assert field.placeholder == "z. B. 2023 oder 2023-06-30"
        assert hint == "JJJJ-MM-TT oder Jahr (= 31.12.)"
        await ui.type(pilot, "2023")
        assert str(dialog.query_one("#ask-error", Static).content).endswith("→ 2023-12-31")
        await ui.press(pilot, "enter")
        assert app.as_of == "2023-12-31"


def _chart_lines(indicator: dict[str, Any], lang: str = "de") -> list[str]:
    console = Console(width=60, record=True)
    console.print(value_chart(indicator, 5.0, lang))
    return console.export_text().splitlines()


def test_a_chart_of_figures_close_together_starts_its_scale_below_them() -> None:
    """A vaccination rate between 88 % and 95 %: from zero every bar would look the same."""
    indicator = {
        "key": "I-22", "kind": "indicator", "status": "active", "unit": "%", "direction": "up",
        "baseline": {"year": 2016, "value": 88}, "target": {"year": 2025, "value": 95},
        "values": {"2018": 90.2, "2022": 89.7, "2024": 93},
    }  # fmt: skip
    lines = _chart_lines(indicator)
    assert lines[1] == "Skala ab 80 %"
    bars = {line[:4]: line.count("█") for line in lines[2:]}
    assert bars["2025"] - bars["2016"] >= 5, lines  # from zero: 1 cell of 20 apart
    assert bars["2018"] < bars["2024"] < bars["2025"], lines
    assert _chart_lines(indicator, "en")[1] == "scale from 80 %"


def test_a_chart_of_figures_far_apart_starts_at_zero() -> None:
    indicator = {
        "key": "I-01", "kind": "indicator", "status": "active", "unit": "", "direction": "up",
        "baseline": {"year": 2016, "value": 180}, "target": {"year": 2030, "value": 300},
        "values": {"2020": 95, "2022": 410},
    }  # fmt: skip
    lines = _chart_lines(indicator)
    assert not any(line.startswith("Skala") for line in lines)
    bars = {line[:4]: line.count("█") for line in lines[1:]}
    assert bars["2022"] > 4 * bars["2020"] - 2  # to scale from zero: 410 against 95


def test_a_long_reason_in_the_diff_screen_wraps_beside_its_position() -> None:
    """The events under a change are a column of positions and a column of text, so a
    wrapped reason goes on under the reason, not under the position."""
    from konzept.projections.diff import Change, Diff, Entry
    from konzept.tui.screens.diff import diff_view

    reason = "Jahreswert 2025 aus der Abfrage der Koordinierungsstelle Integration im Landkreis"
    event = Entry(620, "indicator:I-03", "IndicatorValueRecorded", 1, "{}", "2026-02-16",
                  "mmeyer", reason, None)  # fmt: skip
    d = Diff("2025-12-31", "2026-12-31", changed=[Change("I-03", "values.2025", None, 11, [event])])
    console = Console(width=60, record=True)
    console.print(diff_view(d, "de"))
    lines = console.export_text().splitlines()
    at = next(n for n, line in enumerate(lines) if "#620" in line)
    text_column = lines[at].index("mmeyer")
    assert lines[at + 1].strip(), lines  # the reason did wrap at 60 columns
    assert len(lines[at + 1]) - len(lines[at + 1].lstrip()) == text_column, lines
