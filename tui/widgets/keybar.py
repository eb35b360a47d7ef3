"""The key bar: Textual's footer, with keys left out rather than cut off.

Textual's footer lays every shown key out in one row and clips the last ones at the
screen's edge, so at 80 columns a key could show without its word (``? ▏``). Here the
keys that do not fit are left out, the least needed first: each shown key keeps its
word, and all of them stay in the help screen and the command palette.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions left out first when the row is too narrow (earlier: left out sooner).
DROP_FIRST = ("travel", "log", "now", "status", "edit", "record", "add")


class KeyBar(Footer):
    """A footer whose keys always fit the screen's width."""

    _laid_out_for = 0

    def on_resize(self) -> None:
        """Lay the keys out again for a new width (the footer only does on new keys)."""
        width = self.app.size.width
        if self._bindings_ready and width != self._laid_out_for:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                shown.setdefault(binding.action, (binding, enabled, tooltip))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        self._laid_out_for = self.app.size.width
        room = self._laid_out_for - 1
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette:
            room -= self._width(palette[1]) + 1
        for action in DROP_FIRST:
            if sum(self._width(b) for b, _, _ in shown.values()) <= room:
                break
            shown.pop(action, None)
        self.styles.grid_size_columns = len(shown)
        for binding, enabled, tooltip in shown.values():
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def _width(self, binding: Binding) -> int:
        """Cells a key takes in the row: the key, a space, its word, a space each side."""
        return len(self.app.get_key_display(binding)) + len(binding.description) + 3
