"""The detail pane as a page of pre-rendered lines: it scrolls, and it repaints a new
entity without laying out the whole screen when the entity fits the pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from konzept.tui.app import KonzeptApp
from konzept.tui.widgets.tree import Ref


def visible(page: Any) -> str:
    """The text the pane shows on screen now, line by line."""
    return "\n".join(
        "".join(seg.text for seg in page.render_line(y)).rstrip()
        for y in range(page.scrollable_content_region.height)
    )


async def test_a_tall_indicator_scrolls_to_its_last_line(
    app_for: Callable[..., KonzeptApp], ui: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "down", "right", "right", "right", "right", "right", "right")
        await ui.press(pilot, "right", "right", "down")
        assert app.main.ref == Ref("I-01")
        pane = app.main.detail_pane
        assert pane.virtual_size.height > pane.scrollable_content_region.height
        assert "Indikator I-01" in visible(pane)
        assert "Geändert" not in visible(pane)  # below the fold at 80×24
        pane.focus()
        await ui.press(pilot, "end")
        # End scrolls with an animation that starts after the next refresh, which may
        # come after the key's own wait for animations.
        await pilot.wait_for_scheduled_animations()
        assert pane.scroll_offset.y > 0
        assert "Geändert" in visible(pane) and "Indikator I-01" not in visible(pane)
        # The next entity starts at its top again.
        app.main.concept_tree.focus()
        await ui.press(pilot, "up")
        assert pane.scroll_offset.y == 0
        assert "Maßnahme M-01" in visible(pane)


async def test_moving_between_entities_that_fit_needs_no_screen_layout(
    app_for: Callable[..., KonzeptApp], ui: Any, monkeypatch: Any
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        app.main.select("KOST")  # the first of the two actors
        await ui.settle(pilot)
        layouts: list[int] = []
        real = Screen._refresh_layout

        def counted(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
            layouts.append(1)
            real(self, *args, **kwargs)

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        shown = set()
        for key in ("down", "up"):
            await ui.press(pilot, key)
            shown.add(app.main.ref)
            assert app.main.ref.key is not None
            assert app.main.ref.key in visible(app.main.detail_pane)
        assert len(shown) == 2
        assert layouts == []
