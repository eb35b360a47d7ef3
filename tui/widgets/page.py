"""A scrollable page of pre-rendered lines: the detail, history and blame panes.

A ``Static`` inside a ``VerticalScroll`` asks the whole screen for a new layout on every
update, because its height may have changed; that layout, and the second frame it
causes for the scrollbar, is most of what a cursor key costs on the main screen. A
page renders its renderable once into lines and asks for a layout only when its
scrollable height changed, so moving from one entity to the next repaints just the pane.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Page(ScrollView, can_focus=True):
    """Shows one Rich renderable, wrapped to the pane's width, scrolled with the keys."""

    DEFAULT_CSS = """
    Page {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, content: RenderableType = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: RenderableType = content
        self._lines: list[Strip] = []
        self._width = 0

    def show(self, content: RenderableType) -> None:
        """Show new content from its top."""
        self.content = content
        self._render_lines()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def on_resize(self, event: Resize) -> None:
        self._render_lines()

    def _render_lines(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: on_resize renders once the width is known
        content = Text(self.content) if isinstance(self.content, str) else self.content
        console = self.app.console
        lines = console.render_lines(content, console.options.update_width(width), pad=False)
        self._lines = [Strip(line).crop_extend(0, width, None) for line in lines]
        self._width = width
        # Content shorter than the pane counts as the pane's height: most entities fit,
        # so the virtual size (a reactive that lays out the whole screen) stays put.
        height = max(len(self._lines), self.scrollable_content_region.height)
        self.virtual_size = Size(width, height)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return (
            self._lines[index].crop_extend(0, width, self.rich_style).apply_style(self.rich_style)
        )
