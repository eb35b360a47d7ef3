"""An input field that takes keys in the order they were typed, even when typed ahead.

Textual hands each key to the widget that has the focus *when the app reads the key*,
but runs a key's binding (Tab: next field, Ctrl+U: delete to the start, Esc, Ctrl+S)
only after the key has bubbled up from that widget through every parent's queue to the
app. Keys typed faster than that (any burst over SSH, or a fast typist before the next
repaint) overtake the binding: "abc Tab def" ends as "abcdef" in the first field, and
the "z" of "Ctrl+U z" is wiped by the Ctrl+U that runs after it.

:class:`FormInput` runs a key's binding itself, in turn with the printable keys, and
hands keys that reach it after the focus has moved on (by a Tab taken in turn) to the
widget that has the focus now, in the order they came.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input


class FormInput(Input):
    """An :class:`~textual.widgets.Input` that never lets typed-ahead keys overtake a binding.

    Args:
        next_on_enter: Enter moves to the next field at once (in turn with the keys
            after it) instead of only posting ``Submitted``.
    """

    def __init__(self, *args: Any, next_on_enter: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.next_on_enter = next_on_enter

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self:
            # Typed ahead of a focus change that was taken in turn: the key belongs to
            # whatever has the focus now (its priority bindings ran when the app read it).
            event.stop()
            event.prevent_default()
            again = events.Key(event.key, event.character)
            again.set_sender(self.app)
            (focused or self.app.screen)._forward_event(again)
            return
        if event.is_printable:
            return  # Input inserts it
        # The same look-up the app makes once the key has bubbled up, made now.
        if await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()

    def focus_again(self) -> None:
        """Focus the field with the cursor after its text, not all of it selected: the
        person comes back to where they were typing, and a key must not replace it."""
        self.select_on_focus = False
        self.focus()

    def _on_blur(self, event: events.Blur) -> None:
        self.select_on_focus = True  # Input's own handler runs as well

    async def action_submit(self) -> None:
        if self.next_on_enter:
            self.screen.focus_next()
        else:
            await super().action_submit()
