"""Toasts that can be taken back once what they said is stale.

Textual's ``notify`` hands back no handle, so a refusal ("this cannot be saved") stays
its full time: over the form's own error line while the person is already fixing the
input, and beside the "saved" of the next save that went through. The part of the UI
that raised a refusal keeps it in a :class:`Toasts` and withdraws it when it no longer
holds.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.notifications import Notification, Notify, SeverityLevel


class Toasts:
    """The toasts one screen raised and has not taken back yet."""

    def __init__(self) -> None:
        self._raised: list[Notification] = []

    def notify(
        self,
        node: DOMNode,
        message: str,
        *,
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """As ``node.notify`` (plain text, never markup), but kept to be withdrawn."""
        app = node.app
        seconds = app.NOTIFICATION_TIMEOUT if timeout is None else timeout
        notification = Notification(message, "", severity, seconds, markup=False)
        app.post_message(Notify(notification))
        self._raised.append(notification)

    def withdraw(self, app: App[Any]) -> None:
        """Take back every toast raised here and still shown."""
        for notification in self._raised:
            # One whose Notify is still on its way arrives expired and is never shown.
            notification.timeout = 0
            # What Textual's own Toast calls when its time is up (no public way yet).
            app._unnotify(notification)
        self._raised.clear()
