"""The report preview and its export, and live refresh from another process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.containers import ScrollableContainer
from textual.widgets import Input

from konzept.tui.app import KonzeptApp
from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.screens.report import ReportScreen


async def test_report_preview_and_export_writes_the_file(
    app_for: Callable[..., KonzeptApp], ui: Any, tmp_path: Path
) -> None:
    target = tmp_path / "bericht.txt"
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        assert screen.query_one("#report-year", Input).value == "2024"
        preview = str(screen.query_one("#report-body").content)
        assert "2024" in preview and "HF2-Z1" in preview
        screen.query_one("#report-path", Input).value = str(target)
        await ui.press(pilot, "ctrl+s")
        assert target.read_text(encoding="utf-8") == preview
        # A second export asks before it overwrites.
        target.write_text("alt", encoding="utf-8")
        await ui.press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await ui.press(pilot, "escape")
        assert target.read_text(encoding="utf-8") == "alt"
        await ui.press(pilot, "ctrl+s", "enter")
        assert target.read_text(encoding="utf-8") == preview


async def test_over_ssh_the_report_is_previewed_but_never_written_on_the_server(
    app_for: Callable[..., KonzeptApp], ui: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("KONZEPT_SSH", "1")
    workdir = tmp_path / "home"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        assert not screen.query("#report-path"), "no file field over SSH"
        assert "2024" in str(screen.query_one("#report-body").content)
        await ui.press(pilot, "ctrl+s")
        assert "ssh HOST report" in str(screen.query_one("#report-note").content)
    assert list(workdir.iterdir()) == []


async def test_another_process_appends_and_the_open_ui_shows_it_within_a_second(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert app.main.view is not None and "HF3" not in app.main.view.state.entities
        env = {**os.environ, "USER": "bert", "LOGNAME": "bert"}
        subprocess.run(
            [sys.executable, "-m", "konzept", "--db", str(db), "add", "field", "HF3",
             "--title", "Wohnen", "--effective", "2025-01-01"],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
        appended = time.monotonic()
        while app.main.view is None or "HF3" not in app.main.view.state.entities:
            assert time.monotonic() - appended < 1.0, "the UI did not show the append in 1 s"
            await pilot.pause(0.05)  # yields to the app's poll timer; not a blind sleep
        assert app.main.view.head == app.backend.head()[0]
        assert "HF3" in app.main.concept_tree.view.sections["field"]  # type: ignore[union-attr]


async def test_the_palette_offers_the_actions_of_the_screen_it_is_opened_on(
    app_for: Callable[..., KonzeptApp], ui: Any, tmp_path: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        screen.query_one("#report-path", Input).value = str(tmp_path / "b.txt")
        await ui.press(pilot, "ctrl+p")
        await ui.type(pilot, "Bericht exportieren")
        await ui.press(pilot, "enter")
        assert app.screen is screen
        assert (tmp_path / "b.txt").exists()


async def test_an_export_the_system_refuses_says_why_in_german(
    app_for: Callable[..., KonzeptApp], ui: Any, tmp_path: Path
) -> None:
    target = tmp_path / "fehlt" / "bericht.txt"  # a folder that does not exist
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        screen.query_one("#report-path", Input).value = str(target)
        await ui.press(pilot, "ctrl+s")
        await ui.settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("Datei oder Ordner nicht gefunden" in m for m in said), said
        assert not target.exists()


async def test_an_export_over_the_store_itself_is_refused_before_any_question(
    app_for: Callable[..., KonzeptApp], ui: Any, db: Path
) -> None:
    before = db.read_bytes()
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        screen.query_one("#report-path", Input).value = str(db)
        await ui.press(pilot, "ctrl+s")
        await ui.settle(pilot)
        assert app.screen is screen, "no overwrite question: the answer is always no"
        said = [n.message for n in app._notifications]
        assert any("gehört zu einer Datenbank" in m for m in said), said
    assert db.read_bytes() == before


async def test_the_text_report_fits_an_80_column_terminal_without_scrolling_sideways(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    """The text report is 80 columns wide; at 80×24 the preview drops its padding and
    its scrollbar for it, and a wider terminal keeps both."""
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        preview = screen.query_one("#report-preview", ScrollableContainer)
        widest = max(map(len, str(screen.query_one("#report-body").content).splitlines()))
        assert widest == 80  # the report does use every column
        assert preview.scrollable_content_region.width == 80
        assert preview.max_scroll_x == 0
        assert preview.max_scroll_y > 0  # still scrolls down (with the keys)
        await pilot.resize_terminal(120, 30)
        await ui.settle(pilot)
        assert preview.show_vertical_scrollbar
        bar = preview.styles.scrollbar_size_vertical
        assert preview.scrollable_content_region.width == 120 - 2 - bar
        await pilot.resize_terminal(81, 24)
        await ui.settle(pilot)
        assert preview.scrollable_content_region.width == 81
        assert preview.max_scroll_x == 0
