"""Browsing: the tree, the detail pane, history and blame, time travel, diff, log, help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, Static

from konzept.events import WriteMeta
from konzept.events import commands as cmd
from konzept.events.catalog import FieldRedescribed
from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.ask import AskText
from konzept.tui.screens.diff import DiffScreen
from konzept.tui.screens.help import HelpScreen
from konzept.tui.screens.log import LogScreen
from konzept.tui.widgets.tree import Ref


def text_of(widget: Any) -> str:
    """What a Static (or a pane holding one) shows, as plain text 200 columns wide."""
    content = getattr(widget, "body", widget).content
    console = widget.app.console
    lines = console.render_lines(content, console.options.update_width(200), pad=False)
    return "\n".join("".join(seg.text for seg in line).rstrip() for line in lines)


async def test_keys_walk_from_field_to_indicator_and_show_chart_and_status(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "down", "right", "right", "right", "right", "right", "right")
        assert app.main.ref == Ref("HF1-Z1")
        await ui.press(pilot, "right", "right", "down")
        assert app.main.ref == Ref("I-01")
        detail = text_of(app.main.detail_pane)
        assert "Indikator I-01 · aktiv" in detail
        assert "Messwerte und Zielpfad" in detail
        assert "2023" in detail and "178" in detail and "Zielwert" in detail
        assert "Status 2023:" in detail


async def test_history_and_blame_show_who_when_why_and_decision(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.press(pilot, "2")
        history = text_of(app.main.history_pane)
        assert "Zielwert: 240 (2030) → 260 (2030)" in history
        assert "Ziel angehoben [KT-2016-1]" in history
        assert "bert" in history and "gültig ab 2019-02-01" in history
        await ui.press(pilot, "3")
        blame = text_of(app.main.blame_pane)
        assert "Zielwert" in blame and "260 (2030)" in blame and "KT-2016-1" in blame


async def test_time_travel_is_read_only_and_clearly_marked(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert app.main.check_action("edit", ()) is True
        await ui.press(pilot, "t")
        await ui.type(pilot, "2017")
        await ui.press(pilot, "enter")
        view = app.main.view
        assert view is not None and view.time_travel and view.as_of == "2017-12-31"
        banner = app.main.query_one("#banner")
        assert banner.display and "ZEITREISE" in text_of(banner) and "2017-12-31" in text_of(banner)
        assert "V-01" not in view.state.entities  # agreed in 2018
        assert view.state.entities["I-01"]["target"]["value"] == 240  # raised in 2023
        for action in ("edit", "add", "status", "record"):
            assert not app.main.check_action(action, ())
        await ui.press(pilot, "e")
        assert app.screen is app.main  # no form opened
        await ui.press(pilot, "n")
        assert app.main.view is not None and not app.main.view.time_travel
        assert not app.main.query_one("#banner").display


async def test_time_travel_before_the_record_begins_says_so(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    # Travelling to 1999 showed an empty concept, as if everything had been lost.
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "t")
        await ui.type(pilot, "1999")
        await ui.press(pilot, "enter")
        assert isinstance(app.screen, AskText)  # still asking
        said = " ".join(text_of(w) for w in app.screen.query(Static))
        assert "Das Protokoll dieses Konzepts beginnt am 2016-01-01" in " ".join(said.split())
        assert app.main.view is not None and not app.main.view.time_travel


async def test_diff_between_two_years_names_changes_with_their_reasons(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "d")
        assert isinstance(app.screen, DiffScreen)
        for name, value in (("#diff-from", "2022"), ("#diff-to", "2023")):
            app.screen.query_one(name, Input).value = value
        await ui.settle(pilot)
        body = text_of(app.screen.query_one("#diff-body"))
        assert "Änderungen 2022-12-31 → 2023-12-31" in body
        assert "I-01 Zielwert: 240 (2030) → 260 (2030)" in body
        assert "Ziel angehoben" in body and "KT-2016-1" in body
        app.screen.query_one("#diff-to", Input).value = "2023-13"
        await ui.settle(pilot)
        hint = app.screen.query_one("#diff-hint")
        assert "ist weder ein Jahr noch ein Datum" in text_of(hint)
        # At 80 columns the sentence takes more lines rather than losing its end.
        assert app.screen.query_one("#diff-inputs").size.height == hint.size.height >= 2


async def test_log_filters_by_person_and_by_field_with_everything_below(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "l")
        screen = app.screen
        assert isinstance(screen, LogScreen)
        screen.query_one("#who", Input).value = "bert"
        await ui.settle(pilot)
        assert {e.actor for e in screen.shown} == {"bert"}
        assert len(screen.shown) == 5
        screen.query_one("#who", Input).value = ""
        await ui.settle(pilot)
        table = screen.query_one(DataTable)
        entries = {
            str(table.get_row(str(e.position))[3]) for e in screen.shown if e.stream == "people"
        }
        assert {"bert", "vera"} <= entries and "people" not in entries  # the person, not the list
        screen.query_one("#entity", Input).value = "HF1"
        await ui.settle(pilot)
        assert {e.key for e in screen.shown} == {"HF1", "HF1-L1", "HF1-Z1", "M-01", "I-01"}
        screen.query_one("#since", Input).value = "2023"
        await ui.settle(pilot)
        assert [e.position for e in screen.shown] == sorted(
            (e.position for e in screen.shown), reverse=True
        )
        assert {e.effective[:4] for e in screen.shown} <= {"2023", "2024", "2025"}
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.shown) > 0
        table.focus()
        await ui.press(pilot, "enter")
        assert app.screen is app.main
        assert app.main.ref == Ref(screen.shown[0].key)


async def test_palette_runs_an_action(app_for: Callable[..., KonzeptApp], ui: Any) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+p")
        await ui.type(pilot, "Änderungsprotokoll")
        await ui.press(pilot, "enter")
        assert isinstance(app.screen, LogScreen)


async def test_palette_finds_an_entity_by_title_and_goes_there(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+p")
        await ui.type(pilot, "Kursplätze")
        await ui.press(pilot, "enter")
        assert app.main.ref == Ref("I-01")


async def test_help_lists_the_keys_from_the_bindings(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app.screen.query_one("#help-body").query_one("Static"))
        rows = [" ".join(line.split()) for line in keys.splitlines()]
        for row in ("e Ändern", "t Zeitreise", "Strg+P Befehle", "→ Öffnen", "Pos1 Zum Anfang"):
            assert row in rows, row
        assert "right" not in keys and "Ctrl" not in keys  # key caps in German too
        await ui.press(pilot, "escape")
        assert app.screen is app.main


async def test_english_on_request(app_for: Callable[..., KonzeptApp], ui: Any) -> None:
    app = app_for(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.settle(pilot)
        detail = text_of(app.main.detail_pane)
        assert "Indicator I-01 · active" in detail and "Values and target path" in detail
        assert "Edit" in [b.description for _, b in app.main._bindings]


async def test_user_text_is_shown_literally_never_as_markup_or_escapes(
    app_for: Callable[..., KonzeptApp], ui: Any, other: Any
) -> None:
    other(cmd.add_field, "HF9", title="[bold]Kurse[/bold] [red]", effective="2020-01-01")
    # The commands refuse control characters, but a log imported from elsewhere may hold them.
    event = FieldRedescribed.model_construct(description="Zeile\x1b[31mrot\x07", previous="")
    other.session.store.append("field:HF9", 1, [event], actor="x", effective="2020-01-01")
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF9")
        await ui.settle(pilot)
        detail = text_of(app.main.detail_pane)
        assert "[bold]Kurse[/bold] [red]" in detail
        assert "\x1b" not in detail and "\\x1b[31mrot\\x07" in detail


async def test_keys_never_refold_the_log_and_the_tree_is_built_lazily(
    app_for: Callable[..., KonzeptApp], ui: Any, other: Any
) -> None:
    plan = cmd.Plan()
    state = other.session.state
    for n in range(2000):
        part = cmd.add_actor(state, f"A{n:04d}", name=f"Verein {n}", kind="association")
        plan.add(state, part.parts[0].stream, *part.parts[0].events)
    other.session.append(plan, WriteMeta("anna", effective="2020-01-01"))
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        tree = app.main.concept_tree
        assert len(tree._by_ref) == 1 + 5  # the root and its sections: nothing below yet
        loads = []
        real_load = app.backend.load
        app.backend.load = lambda *a, **k: loads.append(a) or real_load(*a, **k)  # type: ignore[method-assign]
        await ui.press(pilot, "down", "down", "right", "right", "down", "down", "left", "left")
        assert loads == []
        assert 2000 < len(tree._by_ref) < 2100  # the actors, opened on demand


async def test_a_change_that_takes_effect_later_is_marked_and_blamed_on_no_one_yet(
    app_for: Callable[..., KonzeptApp], ui: Any, other: Any
) -> None:
    # The history listed a change decided for later like any other, while the detail
    # beside it (today's concept) did not show it yet: a tester took it for a bug. And
    # blame credited today's title to that later change.
    other(cmd.set_attribute, "HF1-Z1", "title", "Kursplätze im ganzen Kreis",
          effective="2025-09-01", reason="Beschluss für den Herbst")  # fmt: skip
    mark = "(vorgesehen, noch nicht in Kraft)"
    app = app_for()  # its clock stands at 2025-03-01
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("HF1-Z1")
        await ui.press(pilot, "2")
        history = text_of(app.main.history_pane)
        assert history.count(mark) == 1
        assert history.index("Kursplätze im ganzen Kreis") < history.index(
            f"gültig ab 2025-09-01 {mark}"
        )
        assert "Kursplätze im ganzen Kreis" not in text_of(app.main.detail_pane)
        await ui.press(pilot, "3")
        blame = text_of(app.main.blame_pane)
        assert "Mehr Kursplätze" in blame and "Beschluss für den Herbst" not in blame
        await ui.press(pilot, "t")  # back to 2020: the 2023 target change is later too
        await ui.type(pilot, "2020")
        await ui.press(pilot, "enter")
        app.main.select("I-01")
        await ui.press(pilot, "2")
        history = text_of(app.main.history_pane)
        assert f"gültig ab 2023-05-01 {mark}" in history
        assert "gültig ab 2019-02-01 (" not in history  # in force by then
        await ui.press(pilot, "3")
        assert "Ziel angehoben" not in text_of(app.main.blame_pane)
        await ui.press(pilot, "n", "l")
        box = pilot.app.screen.query_one("#log-detail")
        assert mark in text_of(box)  # the newest entry
