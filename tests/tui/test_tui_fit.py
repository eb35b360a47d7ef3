"""What a tester found at 80×24: the help left out the change log's keys, the "fulfilled"
dialog offered obligations by bare numbers, and a long revert list ran its text into
its scrollbar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual.widgets import OptionList, Select, Static

from konzept.events import commands as cmd
from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.ask import AskChoice
from konzept.tui.dialogs.edit import EditDialog
from konzept.tui.screens.help import HelpScreen


def lines_of(widget: Static, width: int) -> list[str]:
    """What a Static shows, as plain lines ``width`` columns wide."""
    console = widget.app.console
    lines = console.render_lines(widget.content, console.options.update_width(width), pad=False)
    return ["".join(seg.text for seg in line).rstrip() for line in lines]


async def test_help_lists_the_change_log_s_keys_in_both_languages(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    # The log has keys of its own (Strg+L clears the filters, Strg+T goes to the list),
    # but the help listed only the main view, the tree, forms and the keys of everywhere.
    for lang, title, rows in (
        (None, "Im Änderungsprotokoll (l; Enter: im Baum anzeigen)",
         ["Esc Zurück", "Strg+L Filter leeren", "Strg+T Zur Liste", "u Rückgängig"]),
        ("en", "In the change log (l; Enter: show in the tree)",
         ["Esc Back", "Ctrl+L Clear filters", "Ctrl+T To the list", "u Revert"]),
    ):  # fmt: skip
        app = app_for(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            await ui.press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            keys = app.screen.query_one("#help-body").query_one(Static)
            lines = lines_of(keys, keys.content_region.width)  # as wide as it is shown
            start = lines.index(title)  # on one line of its own: it fits
            section = lines[start + 1 : lines.index("", start)]
            assert [" ".join(line.split()) for line in section] == rows


async def test_the_fulfil_dialog_names_each_obligation_by_number_text_party_and_due_date(
    app_for: Callable[..., KonzeptApp], ui: Any, other: Any
) -> None:
    # The choices were "1" and "2": which obligation was which had to be looked up.
    owed = "Elternkurse mit Kinderbetreuung im ganzen Kreisgebiet anbieten und jährlich berichten"
    other(cmd.add_obligation, "V-01", party="KOST", what=owed, due="2026-03-31",
          effective="2018-01-01")  # fmt: skip
    for lang, first, due in (
        (None, "1. VHS: Kurse anbieten (fällig 2025-12-31)", "… (fällig 2026-03-31)"),
        ("en", "1. VHS: Kurse anbieten (due 2025-12-31)", "… (due 2026-03-31)"),
    ):
        app = app_for(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui.settle(pilot)
            app.main.select("V-01")
            await ui.press(pilot, "f", "enter")  # the list of the open obligations
            form = app.screen
            assert isinstance(form, EditDialog)
            select = form.query_one("#f-number", Select)
            choices = select.query_one("SelectOverlay", OptionList)
            labels = [str(option.prompt) for option in choices.options]
            assert labels[0] == first
            assert labels[1].startswith("2. KOST: Elternkurse mit ") and labels[1].endswith(due)
            # Shortened where it says what is owed, so that a choice fits on its line, in
            # the open list and in the closed field alike.
            shown = select.query_one("#label").size.width  # the closed field's text
            room = min(choices.scrollable_content_region.width, shown)
            assert all(cell_len(label) < room for label in labels), (room, labels)
            await ui.press(pilot, "down", "enter")
            assert form.draft.values["number"] == "2"  # the number, not its label
            assert form.checked.lines[-1].endswith("2 fulfilled" if lang else "2 erfüllt")


async def test_a_long_revert_list_ends_its_text_before_the_scrollbar(
    app_for: Callable[..., KonzeptApp], ui: Any, other: Any
) -> None:
    # The list's padding held its scrollbar, so a line as wide as the list ran into it.
    # One long word is folded into lines that fill the list's whole width.
    source = "Integrationskursgeschäftsstatistik" * 4
    for n in (1, 2):
        other(cmd.set_attribute, "I-01", "source", f"{source}{n}", effective=f"2024-0{n}-01",
              actor="bert", reason="Quelle genauer")  # fmt: skip
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.press(pilot, "u")
        assert isinstance(app.screen, AskChoice)
        choices = app.screen.query_one(OptionList)
        assert choices.show_vertical_scrollbar  # the list is longer than it may grow
        region = choices.scrollable_content_region  # the text's, left of the scrollbar
        lines = [choices.render_line(y).text for y in range(region.height)]
        assert all(cell_len(line) == region.width for line in lines)
        assert max(cell_len(line.rstrip()) for line in lines) == region.width - 1
        assert all(line.endswith(" ") for line in lines), lines  # a blank column before it
        shown = "".join("".join(line.split()) for line in lines)
        every = "".join("".join(str(option.prompt).split()) for option in choices.options)
        assert every.startswith(shown)  # nothing cut off
