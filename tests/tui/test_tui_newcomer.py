"""What a new user found at 80×24: keys typed after ``q`` crashed the app on its way out,
the report exported an old year while the year field held no year, stale "cannot be
saved" toasts, a new comparison opening mid-list, the palette's English "No matches
found" and "Messwerte 2024" for one value in the blame."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import RenderableType
from textual import events
from textual.command import CommandList
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from konzept.tui.app import KonzeptApp
from konzept.tui.commands import Palette
from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.dialogs.edit import REFUSAL_SECONDS, EditDialog
from konzept.tui.screens.diff import DiffScreen
from konzept.tui.screens.report import ReportScreen

CANNOT_SAVE = "So kann nichts gespeichert werden – bitte die Eingaben prüfen."


def burst(app: KonzeptApp, *keys: str) -> None:
    """Queue every key at the app at once, as the driver does with one read of the terminal."""
    characters = {"question_mark": "?"}
    for key in keys:
        event = events.Key(key, characters.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app.post_message(event)


def rendered(app: KonzeptApp, renderable: RenderableType) -> str:
    console = app.console
    lines = console.render_lines(renderable, console.options.update_width(200), pad=False)
    return "\n".join("".join(seg.text for seg in line).rstrip() for line in lines)


def said(app: KonzeptApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize("key", ["question_mark", "l", "r", "d", "e"])
async def test_a_key_typed_right_after_q_opens_nothing_and_the_app_exits_cleanly(
    app_for: Callable[..., KonzeptApp], ui: Any, key: str
) -> None:
    # "q?" in one send: "?" was handled after exit() and pushed the help while the app
    # closed; its on_mount found no "#help-body" and the app ended in a traceback.
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        burst(app, "q", key)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 0  # and no traceback: run_test re-raises what the app raised


async def test_the_report_is_not_exported_while_the_year_field_holds_no_year(
    app_for: Callable[..., KonzeptApp], ui: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)  # the suggested file name is relative
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        screen.query_one("#report-year", Input).focus()
        await ui.press(pilot, "ctrl+u", "x")
        note = rendered(app, screen.query_one("#report-note", Static).content)
        assert note.startswith("'x' ist keine Jahreszahl")
        await ui.press(pilot, "ctrl+s")
        assert app.screen is screen  # no "… gibt es schon. Überschreiben?"
        assert note in said(app)
        assert list(out.iterdir()) == []
        await ui.press(pilot, "backspace", *"2024", "ctrl+s")  # a year again: exported
        assert [p.name for p in out.iterdir()] == ["jahresbericht-2024.txt"]


async def open_field_form(app: KonzeptApp, pilot: Any, ui: Any) -> EditDialog:
    await ui.settle(pilot)
    await ui.press(pilot, "a", "enter")  # "Neu" → the first kind, a field of action
    dialog = app.screen
    assert isinstance(dialog, EditDialog)
    return dialog


async def test_a_refused_save_s_toast_goes_when_the_input_changes_and_after_a_save(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_field_form(app, pilot, ui)
        await ui.press(pilot, "ctrl+s", "ctrl+s")
        assert said(app) == [CANNOT_SAVE]  # once, however often refused
        assert [n.timeout for n in app._notifications] == [REFUSAL_SECONDS]
        await ui.type(pilot, "HF9")  # fixing it: the toast no longer covers the form
        assert CANNOT_SAVE not in said(app)
        await ui.press(pilot, "ctrl+s")  # still no title: refused again
        assert said(app) == [CANNOT_SAVE]
        await ui.press(pilot, "tab")
        await ui.type(pilot, "Kultur")
        await ui.press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await ui.press(pilot, "enter")
        assert app.screen is app.main
        assert len(said(app)) == 1 and said(app)[0].startswith("Gespeichert: 1 Ereignis")


async def test_a_refused_save_s_toast_goes_when_the_form_closes(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_field_form(app, pilot, ui)
        await ui.press(pilot, "ctrl+s")
        assert said(app) == [CANNOT_SAVE]
        await ui.press(pilot, "escape")
        assert app.screen is app.main
        assert said(app) == []


async def test_a_new_comparison_starts_at_the_top(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        await ui.press(pilot, "ctrl+u", *"2015")  # 2015 → 2025: a long list
        result = screen.query_one("#diff-result", VerticalScroll)
        assert result.max_scroll_y > 0
        await ui.press(pilot, "tab", "tab", "pagedown", "pagedown")  # "von", "bis", the list
        assert screen.focused is result and result.scroll_y > 0
        # From 2014: the same long list under a new heading, which is where it starts.
        await ui.press(pilot, "shift+tab", "shift+tab", "ctrl+u", *"2014", "enter")
        assert "2014-12-31" in rendered(app, screen.query_one("#diff-body", Static).content)
        assert result.max_scroll_y > 0 and result.scroll_y == 0


@pytest.mark.parametrize(("lang", "none"), [(None, "Keine Treffer"), ("en", "No matches found")])
async def test_the_palette_says_no_matches_in_the_ui_s_language(
    app_for: Callable[..., KonzeptApp],
    ui: Any,
    monkeypatch: pytest.MonkeyPatch,
    lang: str | None,
    none: str,
) -> None:
    monkeypatch.setattr(Palette, "_NO_MATCHES_COUNTDOWN", 0.001)  # Textual waits 0.5 s
    app = app_for(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+p")
        assert isinstance(app.screen, Palette)
        await ui.type(pilot, "qqqzzz")
        await pilot.pause(0.05)  # the countdown is a timer, not a worker
        await ui.settle(pilot)
        found = app.screen.query_one(CommandList)
        assert found.option_count == 1
        assert rendered(app, found.get_option_at_index(0).prompt).strip() == none


@pytest.mark.parametrize(("lang", "word"), [(None, "Messwert 2023"), ("en", "value 2023")])
async def test_the_blame_names_one_value_in_the_singular(
    app_for: Callable[..., KonzeptApp], ui: Any, lang: str | None, word: str
) -> None:
    app = app_for(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.press(pilot, "3")
        blame = rendered(app, app.main.blame_pane.content)
        assert word in blame
        assert "Messwerte 2" not in blame and "values 2" not in blame
