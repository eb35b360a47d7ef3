"""A scrollable page of rendered lines: the detail, history and blame panes.

A ``Static`` inside a ``VerticalScroll`` asks the whole screen for a new layout on every
update, because its height may have changed; that layout, and the second frame it
causes for the scrollbar, is most of what a cursor key costs on the main screen. A
page renders its renderable into lines (the parts shown first, see :mod:`.lines`) and
asks for a layout only when its scrollbar comes or goes, so moving from one entity to
the next repaints just the pane.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from textual.events import Resize
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .lines import Lines
from .scrolling import SteadyScroll


class Page(SteadyScroll, can_focus=True):
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
        self._lines: Lines | None = None
        #: Lines as last painted, by (line, width, style): a frame repaints only what it
        #: must, and the style (computed from every ancestor) is looked up once a frame.
        self._style = Style()
        self._painted: dict[tuple[int, int, Style], Strip] = {}

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
        shown = self.scrollable_content_region.height
        self._lines = Lines(self.content, self.app.console, width, shown)
        self._painted.clear()
        self._resize_virtual(Size(width, len(self._lines)))
        self.refresh()

    def _resize_virtual(self, size: Size) -> None:
        """Set the scrollable size, laying out the screen only if the scrollbar comes or goes.

        ``virtual_size`` is a reactive that lays out (and so repaints) the whole screen.
        Content shorter than the pane counts as the pane's height, so most entities
        leave it unchanged; between two tall ones only the scrollbar's thumb moves. The
        scrollbar is decided here, so when it comes or goes the one layout that needs
        already shows it (see :mod:`.scrolling`).
        """
        view = self.scrollable_content_region.height
        size = Size(size.width, max(size.height, view))
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self.settle_scrollbars()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self._style
        lines = self._lines
        if lines is None or index >= len(lines):
            return Strip.blank(width, style)
        key = (index, width, style)
        strip = self._painted.get(key)
        if strip is None:
            strip = lines.line(index).crop_extend(0, width, style).apply_style(style)
            self._painted[key] = strip
        return strip
