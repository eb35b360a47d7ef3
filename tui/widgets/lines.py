"""A renderable's lines at one width, each part turned into lines when first shown.

An agreement with 141 obligations is 329 lines in the detail pane; rendering all of
them took 18-25 ms of a key that shows the first 36. A group's parts (the detail
pane's heading, attribute grid, lines of obligations, a history's events) are
rendered one by one here, when a line of them is first asked for. Only their heights
are needed up front, for the scrollbar: a text's height is the number of lines it
wraps to, which costs about half of rendering it; anything else is rendered at once.
The lines are the ones rendering the whole renderable would give (a Rich group
renders its parts one after the other, each from the start of a line), as long as
every text part ends its last line; otherwise the content is one part.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.text import Text
from textual.strip import Strip


class Lines:
    """The lines of ``content`` wrapped to ``width``; the parts that begin within the
    first ``shown`` lines are rendered at once (they are painted next anyway, and
    wrapping them twice would cost more than it saves)."""

    def __init__(
        self, content: RenderableType, console: Console, width: int, shown: int = 0
    ) -> None:
        self.width = width
        self._console = console
        self._options = console.options.update_width(width)
        self._parts = _parts(content)
        self._strips: dict[int, list[Strip]] = {}
        self._starts: list[int] = []
        height = 0
        for number, part in enumerate(self._parts):
            self._starts.append(height)
            lines = None if height < shown else _text_height(part, console, self._options)
            if lines is None:
                lines = len(self._render(number))
            height += lines
        self.height = height

    def __len__(self) -> int:
        return self.height

    def line(self, index: int) -> Strip:
        """Line ``index`` (0 ≤ index < height), padded to the width."""
        number = bisect_right(self._starts, index) - 1
        strips = self._strips.get(number) or self._render(number)
        return strips[index - self._starts[number]]

    def _render(self, number: int) -> list[Strip]:
        lines = self._console.render_lines(self._parts[number], self._options, pad=False)
        strips = [Strip(line).crop_extend(0, self.width, None) for line in lines]
        self._strips[number] = strips
        return strips


def _parts(content: RenderableType) -> list[RenderableType]:
    if isinstance(content, str):
        return [Text(content)]
    if isinstance(content, Group):
        parts = list(content.renderables)
        if all(part.end == "\n" for part in parts if isinstance(part, Text)):
            return parts
    return [content]


def _text_height(part: RenderableType, console: Console, options: ConsoleOptions) -> int | None:
    """How many lines a text renders to, wrapped as ``Text.__rich_console__`` wraps it
    (None for anything else)."""
    if not isinstance(part, Text):
        return None
    tab_size = console.tab_size if part.tab_size is None else part.tab_size
    wrapped = part.wrap(
        console,
        options.max_width,
        justify=part.justify or options.justify or "default",
        overflow=part.overflow or options.overflow or "fold",
        tab_size=tab_size or 8,
        no_wrap=part.no_wrap if part.no_wrap is not None else bool(options.no_wrap),
    )
    return len(wrapped)
