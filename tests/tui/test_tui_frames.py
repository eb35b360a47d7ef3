"""A keypress lays the screen out at most once and reaches the terminal in one frame.

Textual paints at most 60 frames a second, so every extra layout or repaint a key
causes comes about 17 ms after the one before: opening a section that makes the tree
scroll took three layouts and four frames, and moving from a section onto an entity
re-mounted the key bar (two layouts, three frames). These tests count the layouts the
way ``test_tui_page.py`` does, and the frames where the bench's UI row counts them
(the app's ``_display``, called once per composed frame).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen
from textual.widgets._footer import FooterKey

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
