"""Closing a year and reverting a change from the UI: the command layer decides, the UI asks."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Input

from konzept.events.store import Store
from konzept.projections.history import history
from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.dialogs.edit import EditDialog


def text_of(widget: Any) -> str:
    """What a Static (or a pane holding one) shows, as plain text 200 columns wide."""
    content = getattr(widget, "body", widget).content
    console = widget.app.console
    lines = console.render_lines(content, console.options.update_width(200), pad=False)
    return "\n".join("".join(seg.text for seg in line).rstrip() for line in lines)


def count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def events_of(db: Path, key: str) -> list[Any]:
    with Store.open(db) as store:
        return history(store, key)


async def set_input(pilot: Any, ui: Any, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await ui.type(pilot, value)


async def palette_titles(pilot: Any, ui: Any, query: str) -> list[str]:
    await ui.press(pilot, "ctrl+p")
    await ui.type(pilot, query)
    await pilot.app.screen.workers.wait_for_complete()
    await ui.settle(pilot)
    options = pilot.app.screen.query_one("CommandList").options
    titles = [str(option.prompt).split("\n")[0] for option in options]
    await ui.press(pilot, "escape")
    return titles


async def test_closing_a_year_needs_a_decision_and_writes_year_closed(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert "Jahr abschließen" in await palette_titles(pilot, ui, "abschl")
        await ui.press(pilot, "j")
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        # The clock says 2025-03-01: last year is the one the committee reviews now.
        assert dialog.query_one("#f-year", Input).value == "2024"
        await set_input(pilot, ui, "#m-reason", "Bericht 2024 zur Kenntnis genommen")
        assert dialog.checked.error == (
            "A decision is required for closing the year 2024 (--decision)."
        )
        await ui.press(pilot, "ctrl+s")
        assert app.screen is dialog  # refused: no confirmation, nothing written
        assert count(db) == before
        await set_input(pilot, ui, "#m-decision", "KT-2016-1")
        assert dialog.checked.ok
        assert dialog.checked.lines == ["concept: Jahr 2024 abgeschlossen"]
        await ui.press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await ui.press(pilot, "enter")
        await ui.settle(pilot)
        assert count(db) == before + 1
        event = events_of(db, "concept")[-1]
        assert (event.type, event.data["year"], event.decision, event.actor) == (
            "YearClosed", 2024, "KT-2016-1", "bert",
        )  # fmt: skip
        assert app.main.view is not None and app.main.view.state.closed_years == [2024]
        app.main.concept_tree.select_node(app.main.concept_tree.root)
        await ui.settle(pilot)
        detail = text_of(app.main.detail_pane)
        assert re.search(r"abgeschl\. Jahre +2024\n", detail), detail
        # The next close offers the year before: 2024 is closed now.
        await ui.press(pilot, "j")
        assert app.screen.query_one("#f-year", Input).value == "2023"


async def test_a_viewer_cannot_close_a_year(app_for: Callable[..., KonzeptApp], ui: Any) -> None:
    app = app_for(actor="vera")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "j")
        assert app.screen is app.main
        assert "Jahr abschließen" not in await palette_titles(pilot, ui, "abschl")
