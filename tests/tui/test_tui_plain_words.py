"""What a person testing at 80×24 found: internal names in the UI, keys that did nothing
without a word, a diff recomputed on every keystroke, forms that replaced what they edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual.widgets import DataTable, Input, Label

from konzept.events import messages
from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.edit import EditDialog
from konzept.tui.refusals import TYPE_WORDS
from konzept.tui.screens.diff import DiffScreen
from konzept.tui.screens.log import LogScreen


def text_of(widget: Any) -> str:
    """What a Static shows, as plain text 200 columns wide."""
    console = widget.app.console
    lines = console.render_lines(widget.content, console.options.update_width(200), pad=False)
    return "\n".join("".join(seg.text for seg in line).rstrip() for line in lines)


def notices(app: KonzeptApp) -> list[str]:
    return [n.message for n in app._notifications]


async def set_input(pilot: Any, ui: Any, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await ui.type(pilot, value)


async def log_row(pilot: Any, ui: Any, type_: str) -> LogScreen:
    """The change log with the cursor on the newest entry of ``type_``."""
    await ui.press(pilot, "l")
    screen = pilot.app.screen
    assert isinstance(screen, LogScreen)
    row = next(i for i, e in enumerate(screen.shown) if e.type == type_)
    screen.query_one(DataTable).move_cursor(row=row)
    await ui.settle(pilot)
    return screen


# --- 1. the concept and the people list by their words, never their stream names ------


async def test_previews_name_the_concept_as_the_command_line_does(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    for lang, closed, changed in (
        (None, "Konzept: Jahr 2024 abgeschlossen", "Konzept: Konzeptangaben geändert: "),
        ("en", "concept: Year 2024 closed", "concept: Concept details changed: "),
    ):
        app = app_for(actor="bert", lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            await ui.press(pilot, "j")
            await set_input(pilot, ui, "#m-decision", "KT-2016-1")
            assert app.screen.checked.lines == [closed]  # type: ignore[attr-defined]
            app.pop_screen()  # the form, with what was typed into it
            await ui.press(pilot, "home", "e")
            await set_input(pilot, ui, "#f-population", "121000")
            dialog = app.screen
            assert isinstance(dialog, EditDialog)
            assert dialog.checked.lines[0].startswith(changed), dialog.checked.lines


async def test_a_role_change_in_the_log_names_the_people_and_has_no_tree_entry(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        screen = await log_row(pilot, ui, "RoleGranted")
        detail = text_of(screen.query_one("#log-detail"))
        assert "Personen vera erhält die Rolle viewer" in detail and "people" not in detail
        await ui.press(pilot, "enter")
        assert app.screen is screen  # nothing to go to, and it says why
        assert notices(app)[-1] == (
            "Rollen und SSH-Schlüssel stehen nicht im Baum; „konzept people“ listet sie."
        )
        assert not any("gibt es zu diesem Datum nicht" in n for n in notices(app))


async def test_enter_on_a_change_of_the_concept_goes_to_the_concept(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.settle(pilot)
        await log_row(pilot, ui, "ConceptCreated")
        await ui.press(pilot, "enter")
        assert app.screen is app.main
        assert app.main.cursor().key is None  # the tree's root: the concept
        assert not notices(app)


async def test_revert_refusals_name_the_change_and_say_why(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    for lang, obligation, role in (
        (
            None,
            "Eine Änderung der Art „Verpflichtung hinzugefügt“ kann nicht zurückgenommen werden.",
            "Rollen und SSH-Schlüssel werden nicht zurückgenommen, sondern vergeben oder "
            "entzogen (konzept grant/revoke, konzept key).",
        ),
        (
            "en",
            "A change of the kind “Obligation added” cannot be reverted.",
            "Roles and SSH keys are not reverted but granted or revoked "
            "(konzept grant/revoke, konzept key).",
        ),
    ):
        app = app_for(actor="bert", lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            screen = await log_row(pilot, ui, "ObligationAdded")
            await ui.press(pilot, "u")
            assert app.screen is screen and notices(app)[-1] == obligation
            await ui.press(pilot, "escape")
            await log_row(pilot, ui, "RoleGranted")
            await ui.press(pilot, "u")
            assert isinstance(app.screen, LogScreen) and notices(app)[-1] == role


def test_every_refusal_said_with_an_event_name_is_one_the_command_layer_says() -> None:
    for template in TYPE_WORDS:
        assert messages.template("de", template) is not None, template


# --- 2. the diff waits until the dates stay as typed -----------------------------------


async def test_the_diff_is_computed_once_for_dates_typed_in_a_row(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        asked: list[tuple[str, str]] = []
        diff = app.backend.diff

        def counted(start: str, end: str) -> Any:
            asked.append((start, end))
            return diff(start, end)

        app.backend.diff = counted  # type: ignore[method-assign]
        await ui.press(pilot, "d")
        assert isinstance(app.screen, DiffScreen)
        assert asked == [("2024-12-31", "2025-12-31")]
        field = app.screen.query_one("#diff-from", Input)
        for year in ("2020", "2021", "202", "2022"):  # one burst of keystrokes
            field.value = year
        await ui.settle(pilot)
        assert asked[1:] == [("2022-12-31", "2025-12-31")]
        assert "2022-12-31 → 2025-12-31" in text_of(app.screen.query_one("#diff-body"))
        field.value = "2022-12-31"  # the same dates: nothing to compute again
        await ui.settle(pilot)
        assert len(asked) == 2


# --- 3. and 4. edit forms ----------------------------------------------------------


async def test_an_edit_form_opens_with_the_cursor_after_the_value(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("M-01")
        await ui.settle(pilot)
        await ui.press(pilot, "e")
        assert isinstance(app.screen, EditDialog)
        await ui.type(pilot, " (neu)")
        assert app.screen.query_one("#f-title", Input).value == (
            "Sprachkurse in den Gemeinden (neu)"
        )


async def test_form_labels_never_run_into_their_values(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "home", "e")
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        rows = [(row.query_one(Label), row.children[1]) for row in dialog.query(".edit-row")]
        assert "Gebietskörperschaft" in {str(label.content) for label, _ in rows}
        for label, value in rows:
            word, room = str(label.content), label.content_region
            assert room.right < value.region.x, word  # at least one space before the value
            shown = label.render_line(0).text.rstrip()
            assert cell_len(word) <= room.width or shown.endswith("…"), (word, shown)


# --- 5. read-only keys say why -----------------------------------------------------


async def test_edit_keys_in_time_travel_say_it_is_read_only(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    for lang, said in (
        (None, "Nur lesen: Zeitreise zum 2019-12-31 – n: zurück zu heute"),
        ("en", "Read-only: time travel to 2019-12-31 – n: back to today"),
    ):
        app = app_for(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            app.main.select("I-01")
            await ui.press(pilot, "t")
            await ui.type(pilot, "2019")
            await ui.press(pilot, "enter")
            for key in ("e", "v", "s"):
                before = len(notices(app))
                await ui.press(pilot, key)
                assert app.screen is app.main
                assert notices(app)[before:] == [said], key


async def test_edit_keys_of_a_viewer_say_the_role_allows_no_changes(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    for lang, said in (
        (None, "Nur lesen: Ihre Rolle (viewer) erlaubt keine Änderungen."),
        ("en", "Read-only: your role (viewer) does not allow changes."),
    ):
        app = app_for(actor="vera", lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            app.main.select("I-01")
            await ui.settle(pilot)
            for key in ("e", "a", "j"):
                before = len(notices(app))
                await ui.press(pilot, key)
                assert app.screen is app.main
                assert notices(app)[before:] == [said], key
            await ui.press(pilot, "l", "u")
            assert isinstance(app.screen, LogScreen) and notices(app)[-1] == said


async def test_a_key_that_does_not_fit_the_entry_stays_quiet_for_an_editor(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for(actor="bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("M-01")
        await ui.settle(pilot)
        await ui.press(pilot, "v")  # a value is recorded for an indicator, not a measure
        assert app.screen is app.main and not notices(app)
