"""Small widgets whose showing, hiding and sizing is their container's business.

Textual lets every widget ask the screen for a layout on its own: when it is shown or
hidden, and when it first gets a size (``virtual_size`` is a reactive that lays the
screen out). A request from a widget reaches the screen when that widget's message loop
next goes idle, and that is often after the screen already laid out and painted the
frame the change belonged to: the request then costs a layout and a frame of its own,
about 17 ms later at Textual's 60 frames a second. A footer key and a scrollbar have
nothing inside to lay out, and their container lays out (and paints) them anyway, so
here they ask their container instead, in the same moment.
"""

from __future__ import annotations

from typing import Self

from textual.geometry import Region, Size
from textual.widget import Widget


class ParentLaysOut(Widget):
    """Mixin: put it after the Textual widget class in the bases
    (``class K(FooterKey, ParentLaysOut)``); Textual takes CSS from the first base."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """A layout request goes to the container, whose layout paints this widget."""
        parent = self.parent
        if layout and not recompose and isinstance(parent, Widget):
            parent.refresh(layout=True)
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
