"""Typing ahead: keys sent in one burst (SSH, a fast typist) land where they were meant.

Textual runs a key's binding (Tab, Ctrl+U, Ctrl+S) only after the key has bubbled up to
the app, while the printable keys after it are already queued at the focused field; the
form's fields take keys in turn instead (``konzept.tui.widgets.field``). Each burst here
is sent without a pause between its keys, as a terminal delivers a fast typist's input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.widgets import Input

from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.dialogs.edit import EditDialog


def burst(app: KonzeptApp, *keys: str) -> None:
    """Queue every key at the app at once, as the driver does with one read of the terminal."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app.post_message(event)


def values(app: KonzeptApp) -> dict[str, str]:
    return {str(field.id): field.value for field in app.screen.query(Input)}


async def open_field_form(app: KonzeptApp, pilot: Any, ui: Any) -> EditDialog:
    await ui.settle(pilot)
    await ui.press(pilot, "a", "enter")  # "Neu" → the first kind, a field of action
    dialog = app.screen
    assert isinstance(dialog, EditDialog)
    assert app.focused is dialog.query_one("#f-key")
    return dialog


async def test_a_burst_with_tab_fills_two_fields(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_field_form(app, pilot, ui)
        burst(app, "a", "b", "c", "tab", "d", "e", "f", "enter", "x")
        await ui.settle(pilot)
        assert (values(app)["f-key"], values(app)["f-title"]) == ("abc", "def")
        assert values(app)["f-description"] == "x"  # Enter moved on before the "x"
        burst(app, "shift+tab", "shift+tab", "g", "tab", "tab", "h")
        await ui.settle(pilot)
        # Going back selects the field's text, so "g" replaces it: as when typed slowly.
        assert values(app)["f-key"] == "g"
        assert (values(app)["f-title"], values(app)["f-description"]) == ("def", "h")


async def test_pilot_keys_in_one_press_land_in_their_fields(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_field_form(app, pilot, ui)
        # One press() call, no pause() between the keys (Pilot still lets each settle).
        await pilot.press("a", "b", "c", "tab", "d", "e", "f", "enter", "x")
        await ui.settle(pilot)
        assert values(app)["f-key"] == "abc"
        assert values(app)["f-title"] == "def"
        assert values(app)["f-description"] == "x"  # Enter moved on before the "x"


async def test_ctrl_u_in_a_burst_clears_only_what_was_typed_before_it(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_field_form(app, pilot, ui)
        burst(app, "x", "y", "ctrl+u", "H", "F", "9", "backspace", "8")
        await ui.settle(pilot)
        assert values(app)["f-key"] == "HF8"


async def test_ctrl_s_right_after_typing_confirms_what_was_typed(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_field_form(app, pilot, ui)
        burst(app, "H", "F", "9", "tab", *"Kultur", "ctrl+s")
        await ui.settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog), values(app)
        lines = app.console.render_lines(confirm.body, app.console.options, pad=False)
        text = "\n".join("".join(seg.text for seg in line) for line in lines)
        assert "• HF9: Handlungsfeld hinzugefügt: Kultur" in text, text
