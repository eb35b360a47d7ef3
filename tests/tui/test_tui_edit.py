"""Editing: the form checks as you type, confirms what it writes, and never loses input."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, Select, Static

from konzept.events import commands as cmd
from konzept.events.store import Store
from konzept.projections.history import history
from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.dialogs.conflict import ConflictDialog
from konzept.tui.dialogs.edit import EditDialog
from konzept.tui.widgets.tree import Ref


def count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def last_events(db: Path, key: str) -> list[Any]:
    with Store.open(db) as store:
        return history(store, key)


async def set_input(pilot: Any, ui: Any, selector: str, value: str) -> None:
    """Focus an input, clear it and type like a person would."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await ui.type(pilot, value)


async def test_edit_confirm_writes_one_event_with_reason_and_decision(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF1-Z1")
        await ui.press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        await set_input(pilot, ui, "#f-title", "Mehr und bessere Kursplätze")
        await set_input(pilot, ui, "#m-reason", "Ausschuss wünscht Qualität")
        await set_input(pilot, ui, "#m-decision", "KT-2016-1")
        await set_input(pilot, ui, "#m-effective", "2024-06-01")
        assert dialog.checked.lines == [
            "HF1-Z1: Titel: Mehr Kursplätze → Mehr und bessere Kursplätze"
        ]
        await ui.press(pilot, "ctrl+s")
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog)
        assert count(db) == before  # nothing written before the confirmation
        await ui.press(pilot, "enter")
        assert app.screen is app.main
        assert count(db) == before + 1
        event = last_events(db, "HF1-Z1")[-1]
        assert event.type == "GoalReworded"
        assert event.data["title"] == "Mehr und bessere Kursplätze"
        assert (event.actor, event.reason, event.decision, event.effective) == (
            "anna", "Ausschuss wünscht Qualität", "KT-2016-1", "2024-06-01",
        )  # fmt: skip
        await ui.settle(pilot)
        assert app.main.view is not None
        assert app.main.view.state.entities["HF1-Z1"]["title"] == "Mehr und bessere Kursplätze"
        assert app.main.ref == Ref("HF1-Z1")


async def test_going_back_from_the_confirmation_keeps_the_input(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF2")
        await ui.press(pilot, "e")
        await set_input(pilot, ui, "#f-title", "Arbeit und Ausbildung")
        await ui.press(pilot, "ctrl+s", "escape")
        assert isinstance(app.screen, EditDialog)
        assert app.screen.query_one("#f-title", Input).value == "Arbeit und Ausbildung"
        assert count(db) == before


async def test_a_bad_value_is_refused_as_it_is_typed_and_nothing_is_written(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = count(db)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.press(pilot, "v")
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        await set_input(pilot, ui, "#f-value", "12x")
        assert dialog.checked.field_errors["value"] == "'12x' ist keine Zahl."
        assert dialog.query_one("#edit-ok", Button).disabled
        error = dialog.query_one("#e-value")
        assert error.display and "ist keine Zahl" in str(error.content)
        await ui.press(pilot, "ctrl+s")
        assert app.screen is dialog  # refused: still the form
        # A value the parser accepts but the command refuses (closed year, see below).
        await set_input(pilot, ui, "#f-value", "178")
        await set_input(pilot, ui, "#f-year", "2023")
        assert (
            dialog.checked.error
            == "I-01 hat für 2023 schon den Wert 178; es gibt nichts zu ändern."
        )
        await set_input(pilot, ui, "#f-value", "181,5")
        assert dialog.checked.ok
        assert dialog.checked.lines == ["I-01: Messwert 2023 korrigiert: 178 → 181,5"]
        await ui.press(pilot, "escape", "enter")  # "Änderungen verwerfen?" – yes
        assert app.screen is app.main
    assert count(db) == before


async def test_a_stale_edit_opens_the_conflict_dialog_and_keeps_the_input(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path, other: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF1-Z1")
        await ui.press(pilot, "e")
        await set_input(pilot, ui, "#f-description", "Kurse in allen Gemeinden")
        # Meanwhile bert, at another terminal, renames the same goal.
        other(cmd.set_attribute, "HF1-Z1", "title", "Kursplätze ausbauen", actor="bert",
              reason="Klarer")  # fmt: skip
        before = count(db)
        await ui.press(pilot, "ctrl+s", "enter")
        conflict = app.screen
        assert isinstance(conflict, ConflictDialog)
        assert count(db) == before
        assert [e.actor for e in conflict.others] == ["bert"]
        assert conflict.others[0].data["title"] == "Kursplätze ausbauen"
        await ui.press(pilot, "enter")  # review my input against the new state
        form = app.screen
        assert isinstance(form, EditDialog)
        assert form.query_one("#f-description", Input).value == "Kurse in allen Gemeinden"
        # What I did not touch now shows bert's value; only what I changed is written.
        assert form.query_one("#f-title", Input).value == "Kursplätze ausbauen"
        assert form.checked.lines == ["HF1-Z1: Beschreibung: — → Kurse in allen Gemeinden"]
        await ui.press(pilot, "ctrl+s", "enter")
        assert app.screen is app.main
        events = last_events(db, "HF1-Z1")
        assert [e.type for e in events[-2:]] == ["GoalReworded", "GoalRedescribed"]
        assert events[-2].actor == "bert" and events[-1].actor == "anna"


async def test_add_under_the_selection_prefills_the_parent_and_selects_the_new_entity(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF1-L1")
        await ui.press(pilot, "a")
        await ui.press(pilot, "enter")  # the first offer under a Leitziel: a goal below it
        form = app.screen
        assert isinstance(form, EditDialog)
        assert form.query_one("#f-parent", Input).value == "HF1-L1"
        assert form.query_one("#f-field", Input).value == "HF1"
        await set_input(pilot, ui, "#f-key", "HF1-Z2")
        await set_input(pilot, ui, "#f-title", "Kurse für Eltern")
        await set_input(pilot, ui, "#f-target_year", "20x")
        assert "ist keine Jahreszahl" in form.checked.field_errors["target_year"]
        await set_input(pilot, ui, "#f-target_year", "2028")
        await set_input(pilot, ui, "#f-key", "HF1-Z1")
        assert "gehört schon" in (form.checked.error or "")
        await set_input(pilot, ui, "#f-key", "HF1-Z2")
        await ui.press(pilot, "ctrl+s", "enter")
        await ui.settle(pilot)
        assert app.main.ref == Ref("HF1-Z2")
    added = last_events(db, "HF1-Z2")[0]
    assert added.type == "GoalAdded" and added.data["parent"] == "HF1-L1"


async def test_add_below_a_handlungsziel_offers_a_measure_first(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF1-Z1")
        await ui.press(pilot, "a", "enter")
        form = app.screen
        assert isinstance(form, EditDialog) and form.draft.form.kind == "measure"
        assert form.query_one("#f-goal", Input).value == "HF1-Z1"


async def test_status_offers_only_the_lifecycle_s_next_steps(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("M-01")
        await ui.press(pilot, "s")
        form = app.screen
        assert isinstance(form, EditDialog)
        assert form.draft.form.field("status").choices == ("running", "stopped")
        before = len(last_events(db, "M-01"))
        await ui.press(pilot, "ctrl+s")  # nothing chosen: nothing to save
        assert app.screen is form
        assert "Bitte eine Auswahl treffen." in str(form.query_one("#e-status", Static).content)
        form.query_one("#f-status", Select).value = "running"
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+s", "enter")
    events = last_events(db, "M-01")
    assert len(events) == before + 1 and events[-1].type == "MeasureStarted"


async def test_a_viewer_never_sees_an_edit_form(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for(actor="vera")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.settle(pilot)
        for key in ("a", "e", "s", "v"):
            await ui.press(pilot, key)
            assert app.screen is app.main
        footer = {a.binding.action for a in app.main.active_bindings.values() if a.enabled}
        assert not footer & {"add", "edit", "status", "record"}
        assert "(nur lesen)" in app.sub_title
        titles = await palette_titles(pilot, ui, "ändern")
        assert "Änderungsprotokoll" in titles  # the palette works, but offers no edit
        assert not {"Eintrag ändern", "Status ändern", "Messwert erfassen"} & set(titles)


async def test_an_editor_finds_the_edits_in_the_palette(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.settle(pilot)
        titles = await palette_titles(pilot, ui, "ändern")
        assert "Eintrag ändern" in titles and "Status ändern" in titles


async def palette_titles(pilot: Any, ui: Any, query: str) -> list[str]:
    await ui.press(pilot, "ctrl+p")
    await ui.type(pilot, query)
    await pilot.app.screen.workers.wait_for_complete()
    await ui.settle(pilot)
    options = pilot.app.screen.query_one("CommandList").options
    return [str(option.prompt).split("\n")[0] for option in options]


async def test_obligations_are_added_and_fulfilled_on_an_agreement(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("V-01")
        await ui.settle(pilot)
        await ui.press(pilot, "o")
        form = app.screen
        assert isinstance(form, EditDialog)
        assert form.draft.form.field("party").choices == ("VHS", "KOST")
        await set_input(pilot, ui, "#f-what", "Räume stellen")
        await set_input(pilot, ui, "#f-due", "2025-06-30")
        await ui.press(pilot, "ctrl+s", "enter")
        await ui.press(pilot, "f")
        form = app.screen
        assert isinstance(form, EditDialog)
        assert form.draft.form.field("number").choices == ("1", "2")
        await ui.press(pilot, "ctrl+s", "enter")
    types = [e.type for e in last_events(db, "V-01")[-2:]]
    assert types == ["ObligationAdded", "ObligationFulfilled"]


async def test_the_concept_itself_is_edited_from_the_root(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "e")
        form = app.screen
        assert isinstance(form, EditDialog) and form.draft.form.op == "concept"
        await set_input(pilot, ui, "#f-population", "-5")
        assert "darf nicht negativ sein" in form.checked.field_errors["population"]
        await set_input(pilot, ui, "#f-population", "121386")
        await ui.press(pilot, "ctrl+s", "enter")
    event = last_events(db, "concept")[-1]
    assert event.type == "ConceptDetailsChanged" and event.data == {"population": 121386}
