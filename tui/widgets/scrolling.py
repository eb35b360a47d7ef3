"""A scrolling widget whose scrollbar comes and goes in the frame that needs it.

Textual finds out that a widget's scrollbar must show while it lays the screen out and
shows it in a second layout; the new scrollbar then asks for a third, and it repaints
itself after every layout of the screen, whether it changed or not. Each of those is a
frame of its own, about 17 ms apart at Textual's 60 frames a second: opening a section
of 250 entities took four frames, about 85 ms, in the bench's UI row. A widget here
decides on its scrollbar as soon as its content changed (:meth:`settle_scrollbars`),
so the one layout the change needs already has the scrollbar, and the scrollbar
repaints only when its thumb moved (see also :mod:`.quiet`).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar

from .quiet import ParentLaysOut


class _ScrollBar(ScrollBar, ParentLaysOut):
    pass


class SteadyScroll(ScrollView):
    """A scroll view whose vertical scrollbar needs no layouts or frames of its own.

    Put it after another scroll view in the bases (``class T(Tree[X], SteadyScroll)``):
    Textual takes CSS and component classes from the first base only.
    """

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scrollbar, created hidden on first use (as Textual does)."""
        if self._vertical_scrollbar is None:
            bar = _ScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def settle_scrollbars(self) -> None:
        """Show or hide the scrollbar and size its thumb for ``virtual_size`` now: a
        scrollbar that comes or goes asks for one layout, and nothing else does."""
        self._scroll_update(self.virtual_size)

    def _scroll_update(self, virtual_size: Size) -> None:
        """Textual's, less the unconditional repaint of the scrollbars: their sizes are
        reactives that repaint them when they change."""
        self._refresh_scrollbars()
        width, height = self.container_size
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            vertical = self.vertical_scrollbar
            vertical.window_virtual_size = virtual_size.height
            vertical.window_size = height - self.scrollbar_size_horizontal
        if self.show_horizontal_scrollbar and self.styles.scrollbar_size_horizontal:
            horizontal = self.horizontal_scrollbar
            horizontal.window_virtual_size = virtual_size.width
            horizontal.window_size = width - self.scrollbar_size_vertical
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
