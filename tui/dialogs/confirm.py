"""A yes/no question with a body: the confirmation of what will be written."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..bindings import translate_bindings
from ..text import plain
from ..widgets.keybar import KeyBar


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True (yes) or False (no / Esc)."""

    CSS_PATH = Path(__file__).with_name("confirm.tcss")
    #: Focus the default answer as the screen is shown, not in a later on_mount: a key
    #: typed the moment the dialog appears then finds it (Textual's default would focus
    #: the scrollable body first).
    AUTO_FOCUS = "#confirm-yes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "ui_k_back"),
        Binding("left,right", "switch", show=False),
        # Enter on a button presses that button (its own binding comes first); anywhere
        # else in the dialog it takes the default answer, as dialogs do.
        Binding("enter", "answer(True)", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: RenderableType,
        yes: str,
        no: str,
        lang: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.heading = title
        self.body = body
        self.yes, self.no = yes, no
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        yield KeyBar(own_only=True)  # the dialog's keys, over the screen's bar
        with Vertical(id="confirm-box"):
            yield Static(plain(self.heading, "bold"), id="confirm-title")
            if not (isinstance(self.body, str) and not self.body):  # a bare question
                with VerticalScroll(id="confirm-body"):
                    yield Static(self.body)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, variant="primary", id="confirm-yes", compact=True)
                yield Button(self.no, id="confirm-no", compact=True)

    def action_switch(self) -> None:
        self.focus_next(Button)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
