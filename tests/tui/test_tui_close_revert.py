"""Closing a year and reverting a change from the UI: the command layer decides, the UI asks."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Checkbox, Input

from konzept.events import commands as cmd
from konzept.events.store import Store
from konzept.projections.history import history
from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.dialogs.edit import EditDialog
from konzept.tui.screens.log import LogScreen


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
            "Für den Abschluss des Jahres 2024 ist ein Beschluss nötig: bitte „Beschluss“ ausfüllen."
        )
        await ui.press(pilot, "ctrl+s")
        assert app.screen is dialog  # refused: no confirmation, nothing written
        assert count(db) == before
        await set_input(pilot, ui, "#m-decision", "KT-2016-1")
        assert dialog.checked.ok
        assert dialog.checked.lines == ["Konzept: Jahr 2024 abgeschlossen"]
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
        assert re.search(r"Abgeschl\. Jahre +2024\n", detail), detail
        # Years close in order: after 2024 the next would be this year, so nothing is offered.
        await ui.press(pilot, "j")
        assert app.screen.query_one("#f-year", Input).value == ""


async def test_a_viewer_cannot_close_a_year(app_for: Callable[..., KonzeptApp], ui: Any) -> None:
    app = app_for(actor="vera")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "j")
        assert app.screen is app.main
        assert "Jahr abschließen" not in await palette_titles(pilot, ui, "abschl")


def notices(app: KonzeptApp) -> list[str]:
    return [n.message for n in app._notifications]


def position_of(db: Path, key: str, type_: str) -> int:
    return max(e.position for e in events_of(db, key) if e.type == type_)


async def test_revert_from_the_history_writes_the_inverse_event_with_its_reason(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    changed = position_of(db, "I-01", "IndicatorTargetChanged")
    before = count(db)
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.press(pilot, "2")  # the history tab
        await ui.press(pilot, "u")
        picker = app.screen
        options = picker.query_one("OptionList").options  # type: ignore[attr-defined]
        assert str(options[0].prompt).startswith(f"#{changed} 2023-05-01 anna: Zielwert")
        await ui.press(pilot, "enter")  # the newest: the raised target
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        notes = str(dialog.query_one("#edit-notes").render())
        assert dialog.draft.form.notes == ("I-01: Zielwert: 260 (2030) → 240 (2030)",), notes
        assert dialog.checked.error == (
            f"Für die Rücknahme von Position {changed} ist eine Begründung nötig: bitte "
            "„Begründung“ ausfüllen."
        )
        await ui.press(pilot, "ctrl+s")
        assert app.screen is dialog and count(db) == before  # no reason: refused
        await set_input(pilot, ui, "#m-reason", "Anhebung war ein Versehen")
        await ui.press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await ui.press(pilot, "enter")
        await ui.settle(pilot)
        assert count(db) == before + 1
        event = events_of(db, "I-01")[-1]
        assert event.type == "IndicatorTargetChanged"
        assert event.data["target"] == {"year": 2030, "value": 240}
        assert (event.reason, event.actor) == ("Anhebung war ein Versehen", "bert")
        assert app.main.view is not None
        assert app.main.view.state.entities["I-01"]["target"] == {"year": 2030, "value": 240}


async def test_a_refused_revert_is_said_in_its_own_sentence_and_writes_nothing(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path, other: Any
) -> None:
    changed = position_of(db, "I-01", "IndicatorTargetChanged")
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        other(cmd.set_attribute, "I-01", "target", "2030=280", reason="noch höher")
        before = count(db)
        app.main.start_revert(changed)
        await ui.settle(pilot)
        assert app.screen is app.main  # no form for a revert that cannot be written
        assert (
            f"Das Merkmal „Zielwert“ von I-01 hat sich seit Position {changed} wieder "
            "geändert; zuerst die spätere Änderung zurücknehmen."
        ) in notices(app)
        assert count(db) == before


async def test_reverting_a_value_of_a_closed_year_asks_for_the_correction_box(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path, other: Any
) -> None:
    # A revert used to change a closed year's value with no more than a reason.
    recorded = max(
        e.position
        for e in events_of(db, "I-01")
        if e.type == "IndicatorValueRecorded" and e.data["year"] == 2023
    )
    other(cmd.close_year, 2023, decision="KT-2016-1", effective="2025-02-01")
    before = count(db)
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert app.main.view is not None and 2023 in app.main.view.state.closed_years
        app.main.start_revert(recorded)
        await ui.settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        await set_input(pilot, ui, "#m-reason", "Meldung war doppelt")
        assert "Das Jahr 2023 ist abgeschlossen" in (dialog.checked.error or "")
        await ui.press(pilot, "ctrl+s")
        assert app.screen is dialog and count(db) == before
        dialog.query_one("#f-reopen", Checkbox).value = True
        await ui.settle(pilot)
        assert dialog.checked.ok, dialog.checked.error
        await ui.press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await ui.press(pilot, "enter")
        await ui.settle(pilot)
    assert count(db) == before + 1
    event = events_of(db, "I-01")[-1]
    assert event.type == "IndicatorValueWithdrawn" and event.data["closed_year"] is True
    assert (event.data["year"], event.reason) == (2023, "Meldung war doppelt")


async def test_the_change_log_reverts_the_highlighted_entry(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path, other: Any
) -> None:
    other(cmd.set_attribute, "HF1", "title", "Sprache", actor="bert", reason="kürzer")
    before = count(db)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l")
        assert "u" in {k for k, b in app.screen.active_bindings.items() if b.enabled}
        await ui.press(pilot, "u")  # the newest entry: bert's new title
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        assert dialog.draft.form.notes == ("HF1: Titel: Sprache → Sprache und Bildung",)
        await set_input(pilot, ui, "#m-reason", "alter Titel war besser")
        await ui.press(pilot, "ctrl+s", "enter")
        await ui.settle(pilot)
        assert count(db) == before + 1
        event = events_of(db, "HF1")[-1]
        assert (event.data["title"], event.reason) == (
            "Sprache und Bildung",
            "alter Titel war besser",
        )
        # The revert is on top now; bert's change below it has been undone already.
        assert isinstance(app.screen, LogScreen)
        await ui.press(pilot, "down", "u")
        assert isinstance(app.screen, LogScreen)
        assert notices(app)[-1] == (
            f"Das Merkmal „Titel“ von HF1 hat sich seit Position {before} wieder geändert; "
            "zuerst die spätere Änderung zurücknehmen."
        )
        await ui.press(pilot, "down", "u")  # HF2-Z1 added: creations are retired instead
        assert isinstance(app.screen, LogScreen)
        assert notices(app)[-1].startswith(f"Position {before - 1} hat HF2-Z1 angelegt;")
        assert count(db) == before + 1


async def test_a_viewer_cannot_revert(app_for: Callable[..., KonzeptApp], ui: Any) -> None:
    app = app_for(actor="vera")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.press(pilot, "u")
        assert app.screen is app.main
        await ui.press(pilot, "l", "u")
        assert not isinstance(app.screen, EditDialog)


def test_the_year_offered_for_closing_follows_the_latest_closed_one() -> None:
    from konzept.events.state import State
    from konzept.tui.forms import year_to_close

    assert year_to_close(State(), 2026, 2016) == 2025
    assert year_to_close(State(closed_years=[2017, 2018]), 2026, 2016) == 2019
    assert year_to_close(State(closed_years=[2017, 2025]), 2026, 2016) is None
    # A record that begins this year has no year to close yet (closing one is refused).
    assert year_to_close(State(), 2026, 2026) is None
