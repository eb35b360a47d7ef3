"""Messages that travel up from workers and screens to the screen or app that acts.

Workers post these from their threads (``post_message`` is thread-safe); nothing below
the app reaches up by calling into its parents.
"""

from __future__ import annotations

from textual.message import Message

from konzept.events.envelope import Envelope
from konzept.projections.history import Blame

from .drafts import Draft
from .model import ConceptView


class ViewLoaded(Message):
    """A new fold of the log: after another session appended, a write, or time travel."""

    def __init__(self, view: ConceptView, as_of: str | None, can_edit: bool) -> None:
        super().__init__()
        self.view = view
        self.as_of = as_of
        self.can_edit = can_edit


class Unchanged(Message):
    """The poll found the log where it was: nothing to refold."""


class LoadFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class RefreshRequested(Message):
    """Refold now (after our own write) instead of waiting for the next poll."""


class TravelTo(Message):
    """Show the concept as of another date (read-only), or today again (``None``)."""

    def __init__(self, as_of: str | None) -> None:
        super().__init__()
        self.as_of = as_of


class ShowEntity(Message):
    """Go back to the main screen with the cursor on this entity (None: the concept)."""

    def __init__(self, key: str | None) -> None:
        super().__init__()
        self.key = key


class PastLoaded(Message):
    """The history and blame of one entity as of a date, read in a worker."""

    def __init__(
        self, key: str, history: list[Envelope], blame: dict[str, Blame], as_of: str
    ) -> None:
        super().__init__()
        self.key = key
        self.history = history
        self.blame = blame
        self.as_of = as_of


class RevertChoices(Message):
    """The events of one entity, read in a worker, to pick the one to revert."""

    def __init__(self, key: str, envelopes: list[Envelope]) -> None:
        super().__init__()
        self.key = key
        self.envelopes = envelopes


class Written(Message):
    def __init__(self, envelopes: list[Envelope]) -> None:
        super().__init__()
        self.envelopes = envelopes


class WriteRefused(Message):
    """The command layer refused at write time; the draft goes back to its form."""

    def __init__(self, draft: Draft, text: str) -> None:
        super().__init__()
        self.draft = draft
        self.text = text


class WriteConflict(Message):
    """Someone else appended to the stream the form saw; ``others`` are their events."""

    def __init__(self, draft: Draft, others: list[Envelope]) -> None:
        super().__init__()
        self.draft = draft
        self.others = others
