"""A smaller terminal keeps the tree's cursor in sight."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from konzept.demo import build_demo
from konzept.tui.app import make_app
from konzept.tui.widgets.tree import ConceptTree


async def test_shrinking_the_terminal_keeps_the_cursor_row_on_screen(
    tmp_path: Path, ui: Any
) -> None:
    build_demo(str(tmp_path / "demo.db"))
    app = make_app(
        str(tmp_path / "demo.db"), lang="de", actor="root", clock=lambda: datetime.now(UTC)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        tree = app.main.query_one(ConceptTree)
        tree.focus()
        await ui.press(pilot, "home", "down", "down", "right")  # open the actors (34)
        await ui.settle(pilot)
        await ui.press(pilot, *["down"] * 30)
        await ui.settle(pilot)
        line = tree.cursor_line
        assert line > 25  # below what 24 rows show from the top
        await pilot.resize_terminal(80, 24)
        await ui.settle(pilot)
        top, height = tree.scroll_offset.y, tree.scrollable_content_region.height
        assert top <= line < top + height, (top, line, height)


async def test_resizing_keeps_the_detail_pane_where_it_was_read(tmp_path: Path, ui: Any) -> None:
    """Someone reading far down an entity's details and widening the terminal stays
    at what they read, not back at the top."""
    build_demo(str(tmp_path / "demo.db"))
    app = make_app(
        str(tmp_path / "demo.db"), lang="de", actor="root", clock=lambda: datetime.now(UTC)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.main.select("I-01")
        await ui.settle(pilot)
        pane = app.main.detail_pane
        assert pane.max_scroll_y > 5
        pane.scroll_to(0, 5, animate=False, immediate=True)
        await ui.settle(pilot)
        await pilot.resize_terminal(90, 26)
        await ui.settle(pilot)
        assert pane.scroll_offset.y > 0
