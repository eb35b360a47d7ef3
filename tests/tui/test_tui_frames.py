"""A keypress lays the screen out at most once and reaches the terminal in one frame.

Textual paints at most 60 frames a second, so every extra layout or repaint a key
causes comes about 17 ms after the one before: opening a section that makes the tree
scroll took three layouts and four frames, and moving from a section onto an entity
re-mounted the key bar (two layouts, three frames). These tests count the layouts the
way ``test_tui_page.py`` does, and the frames where the bench's UI row counts them
(the app's ``_display``, called once per composed frame).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen
from textual.widgets._footer import FooterKey

from konzept.events import commands as cmd
from konzept.tui.app import KonzeptApp
from konzept.tui.widgets.tree import Ref


@dataclass
class Counts:
    layouts: int = 0
    frames: int = 0


def count(app: KonzeptApp, monkeypatch: Any) -> Counts:
    """From now on, count the screen's layouts and the frames sent to the terminal."""
    counts = Counts()
    layout = Screen._refresh_layout
    display = app._display

    def counted_layout(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        counts.layouts += 1
        layout(self, *args, **kwargs)

    def counted_display(screen: Screen[Any], renderable: Any) -> None:
        if renderable is not None:
            counts.frames += 1
        display(screen, renderable)

    monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
    monkeypatch.setattr(app, "_display", counted_display)
    return counts


def shown_keys(app: KonzeptApp) -> list[str]:
    return [key.description for key in app.main.query(FooterKey) if key.display]


async def test_opening_a_section_that_makes_the_tree_scroll_is_one_layout_and_frame(
    app_for: Callable[..., KonzeptApp], other: Any, ui: Any, monkeypatch: Any
) -> None:
    for number in range(40):
        other(cmd.add_actor, f"A{number:02d}", name=f"Träger {number}", kind="department",
              effective="2017-01-01")  # fmt: skip
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        tree = app.main.concept_tree
        assert tree.select(Ref(section="actor"))
        await ui.settle(pilot)
        assert not tree.show_vertical_scrollbar
        counts = count(app, monkeypatch)
        await ui.press(pilot, "space")
        assert tree.cursor_node is not None and tree.cursor_node.is_expanded
        assert len(tree.cursor_node.children) == 42
        assert tree.show_vertical_scrollbar and tree.vertical_scrollbar.display
        assert tree.vertical_scrollbar.window_virtual_size == tree.virtual_size.height
        assert counts == Counts(layouts=1, frames=1)
        # Closing it again: the scrollbar goes in the same single layout.
        counts.layouts = counts.frames = 0
        await ui.press(pilot, "space")
        assert not tree.show_vertical_scrollbar
        assert counts == Counts(layouts=1, frames=1)


async def test_the_key_bar_follows_the_cursor_in_place_in_one_frame(
    app_for: Callable[..., KonzeptApp], ui: Any, monkeypatch: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        assert app.main.concept_tree.select(Ref("KOST"))  # the first of the two actors
        await ui.settle(pilot)
        on_entity = shown_keys(app)
        mounted = list(app.main.query(FooterKey))
        counts = count(app, monkeypatch)
        await ui.press(pilot, "up")
        assert app.main.ref == Ref(section="actor")
        on_section = shown_keys(app)
        assert "Ändern" in on_entity and "Ändern" not in on_section
        assert list(app.main.query(FooterKey)) == mounted  # nothing mounted anew
        assert counts == Counts(layouts=1, frames=1)
        counts.layouts = counts.frames = 0
        await ui.press(pilot, "down")
        assert shown_keys(app) == on_entity
        assert counts == Counts(layouts=1, frames=1)


async def test_the_folded_state_is_left_out_of_later_garbage_collections(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert app.main.view is not None
        entities = app.main.view.state.entities
        assert not any(thing is entities for thing in gc.get_objects())  # frozen
        assert gc.get_freeze_count() > 0
