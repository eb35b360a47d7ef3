"""Someone else changed what the form was opened on: show their change, keep the input."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from konzept.events.envelope import Envelope
from konzept.projections.i18n import t

from ..bindings import translate_bindings
from ..widgets.history import envelope_block
from ..widgets.keybar import KeyBar


class ConflictDialog(ModalScreen[bool]):
    """Dismisses with True to review the kept input against the new state, False to drop it."""

    CSS_PATH = Path(__file__).with_name("conflict.tcss")
    AUTO_FOCUS = "#conflict-review"  # the default answer, focused as the dialog shows
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "ui_k_discard"),
        Binding("enter", "answer(True)", show=False),  # a button's own Enter comes first
    ]

    def __init__(self, key: str, others: list[Envelope], lang: str, today: str) -> None:
        super().__init__()
        self.key = key
        self.others = others
        self.lang = lang
        self.today = today  # their changes that take effect later are marked so
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield KeyBar(own_only=True)  # the dialog's keys, over the screen's bar
        with Vertical(id="conflict-box"):
            yield Static(
                Text(t(lang, "ui_conflict_title", key=self.key), style="bold"), id="conflict-title"
            )
            with VerticalScroll(id="conflict-body"):
                blocks = (envelope_block(e, lang, today=self.today) for e in self.others)
                yield Static(Group(*blocks))
            yield Static(t(lang, "ui_conflict_kept"), id="conflict-note")
            with Horizontal(id="conflict-buttons"):
                yield Button(
                    t(lang, "ui_review"), variant="primary", id="conflict-review", compact=True
                )
                yield Button(t(lang, "ui_discard"), id="conflict-discard", compact=True)

    def action_answer(self, review: bool) -> None:
        self.dismiss(review)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "conflict-review")
