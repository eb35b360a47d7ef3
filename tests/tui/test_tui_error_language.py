"""A refusal in an edit form is said in the UI's language: German by default, English on request."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input

from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.edit import EditDialog


def count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


async def set_input(pilot: Any, ui: Any, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await ui.type(pilot, value)


async def _record_form_errors(app: KonzeptApp, ui: Any) -> tuple[str, str, str]:
    """Type a bad year, then a year that has not come yet, into the record form:
    the field's own check, its red line, and the service's refusal of the whole draft."""
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.press(pilot, "v")
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        await set_input(pilot, ui, "#f-value", "12")
        await set_input(pilot, ui, "#f-year", "20x4")
        field = dialog.checked.field_errors["year"]
        shown = str(dialog.query_one("#e-year").content)
        assert dialog.query_one("#edit-ok", Button).disabled
        await set_input(pilot, ui, "#f-year", "2099")
        refused = dialog.checked.error or ""
        await ui.press(pilot, "ctrl+s")
        assert app.screen is dialog  # refused: still the form, nothing confirmed
        await ui.press(pilot, "escape")
    return field, shown, refused


async def test_a_form_says_its_refusals_in_german_by_default(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    field, shown, refused = await _record_form_errors(app_for(), ui)
    assert field == "'20x4' ist keine Jahreszahl (z. B. 2024)."
    assert field in shown
    assert refused.startswith("Ein Messwert für 2099 kann noch nicht erfasst werden:"), refused
    assert count(db) == before


async def test_a_form_says_its_refusals_in_english_on_request(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    field, shown, refused = await _record_form_errors(app_for(lang="en"), ui)
    assert field == "'20x4' is not a year (e.g. 2024)."
    assert field in shown
    assert refused.startswith("A value for 2099 cannot be recorded yet:"), refused
    assert count(db) == before
