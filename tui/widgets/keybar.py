"""The key bar: Textual's footer, with keys left out rather than cut off.

Textual's footer lays every shown key out in one row and clips the last ones at the
screen's edge, so at 80 columns a key could show without its word (``? ▏``). Here the
keys that do not fit are left out, the least needed first: each shown key keeps its
word, and all of them stay in the help screen and the command palette.

Textual's footer also mounts its keys anew whenever the bindings change: the new keys
come one frame after the key that changed them, and mounting lays the screen out twice
more (three frames, about 45 ms at 120×40 in the bench's UI row, whenever the cursor
moves between an entity, a section and the root). Here every key the screen's bindings
could show is mounted once, and a change of bindings only shows, hides, dims or undims
keys in place, in the same frame as the cursor that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from .quiet import ParentLaysOut

#: Actions left out first when the row is too narrow (earlier: left out sooner).
DROP_FIRST = ("report", "diff", "travel", "log", "now", "status", "edit", "record", "add")


@dataclass(frozen=True)
class _Key:
    """One key as the bar shows it; keys are equal whether enabled or not."""

    key: str
    display: str
    description: str
    action: str
    tooltip: str
    palette: bool = False
    enabled: bool = field(default=True, compare=False)


class _FooterKey(FooterKey, ParentLaysOut):
    """A footer key that knows which :class:`_Key` it shows; the bar lays it out."""

    def __init__(self, spec: _Key, *, shown: bool) -> None:
        super().__init__(
            spec.key,
            spec.display,
            spec.description,
            spec.action,
            classes="-command-palette" if spec.palette else "",
            disabled=not spec.enabled,
            tooltip=spec.tooltip,
        )
        self.spec = spec
        self.display = shown

    def show_as(self, spec: _Key | None) -> None:
        """Show (dimmed if disabled) or hide this key."""
        self.display = spec is not None
        if spec is not None:
            self._disabled = not spec.enabled  # what a click on the key checks
            self.set_class(not spec.enabled, "-disabled")


def _place(planned: list[_Key], pool: list[_Key]) -> list[_Key | None] | None:
    """For each key of ``pool``, the planned key it shows (None: hidden); None if the
    planned keys are not all in the pool, in their order."""
    placed: list[_Key | None] = []
    wanted = iter(planned)
    next_key = next(wanted, None)
    for key in pool:
        if next_key is not None and key == next_key:
            placed.append(next_key)
            next_key = next(wanted, None)
        else:
            placed.append(None)
    return placed if next_key is None else None


class KeyBar(Footer):
    """A footer whose keys always fit the screen's width.

    A dialog composes its own bar with ``own_only``: it shows the keys of the dialog
    itself over the main screen's bar, not the app's (``?`` would type a question mark
    into a field) nor those of the focused widget (Textual's own, in English).
    """

    _laid_out_for = 0

    def __init__(self, *, own_only: bool = False) -> None:
        super().__init__()
        self.own_only = own_only

    def on_resize(self) -> None:
        """Lay the keys out again for a new width (the footer only does on new keys)."""
        width = self.app.size.width
        if self._bindings_ready and width != self._laid_out_for:
            self.call_after_refresh(self.recompose)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Show, hide, dim and undim mounted keys; mount anew only for keys not there."""
        ready = self._bindings_ready and self.app.app_focus and self.is_attached
        if ready and screen is self.screen and self._update_in_place():
            return
        super().bindings_changed(screen)

    def _update_in_place(self) -> bool:
        keys = list(self.query_children(_FooterKey))
        placed = _place(self._plan(), [key.spec for key in keys])
        if not keys or placed is None:
            return False
        for key, spec in zip(keys, placed, strict=True):
            key.show_as(spec)
        return True

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        planned = self._plan()
        pool = self._candidates()
        placed = _place(planned, pool)
        if placed is None:  # a key the bindings did not promise: show just the plan
            pool, placed = planned, list(planned)
        self._laid_out_for = self.app.size.width
        self.styles.grid_size_columns = sum(not key.palette for key in planned)
        for key, spec in zip(pool, placed, strict=True):
            widget = _FooterKey(spec or key, shown=spec is not None)
            yield widget if key.palette else widget.data_bind(compact=Footer.compact)

    def _plan(self) -> list[_Key]:
        """The keys to show now, as many as fit the screen's width, in their order."""
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool]] = {}
        for node, binding, enabled, _tooltip in active.values():
            if binding.show and (node is self.screen or not self.own_only):
                shown.setdefault(binding.action, (binding, enabled))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        room = self.app.size.width - 1
        if self._with_palette() and palette:
            room -= self._width(palette[1]) + 1
        for action in DROP_FIRST:
            if sum(self._width(b) for b, _ in shown.values()) <= room:
                break
            shown.pop(action, None)
        keys = [self._key(binding, enabled) for binding, enabled in shown.values()]
        if self._with_palette() and palette:
            keys.append(self._key(palette[1], palette[2], palette=True))
        return keys

    def _candidates(self) -> list[_Key]:
        """Every key the screen's bindings could show, in the order they would be shown,
        whatever the screen's ``check_action`` says now."""
        keys: dict[str, _Key] = {}
        for node, bindings in self.screen._modal_binding_chain:
            if self.own_only and node is not self.screen:
                continue
            for _name, binding in bindings:
                if binding.show and binding.action not in keys:
                    keys[binding.action] = self._key(binding, True)
        palette = next(
            (
                binding
                for _node, bindings in self.screen._modal_binding_chain
                for name, binding in bindings
                if name == self.app.COMMAND_PALETTE_BINDING
            ),
            None,
        )
        if self._with_palette() and palette is not None:
            keys[""] = self._key(palette, True, palette=True)
        return list(keys.values())

    def _key(self, binding: Binding, enabled: bool, *, palette: bool = False) -> _Key:
        tooltip = (binding.tooltip or binding.description) if palette else binding.tooltip
        display = self.app.get_key_display(binding)
        return _Key(
            binding.key, display, binding.description, binding.action, tooltip, palette, enabled
        )

    def _with_palette(self) -> bool:
        return bool(
            not self.own_only and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        )

    def _width(self, binding: Binding) -> int:
        """Cells a key takes in the row: the key, a space, its word, a space each side."""
        return len(self.app.get_key_display(binding)) + len(binding.description) + 3
