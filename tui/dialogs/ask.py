"""Small questions: a date (checked as it is typed) or one of a few options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from konzept.events.errors import ValidationError

from ..bindings import translate_bindings
from ..text import plain
from ..widgets.field import FormInput
from ..widgets.keybar import KeyBar


class AskText(ModalScreen[str | None]):
    """One line of input, parsed by ``parse`` as it is typed; dismisses with the parsed text."""

    CSS_PATH = Path(__file__).with_name("ask.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "ui_k_cancel")]

    def __init__(
        self,
        title: str,
        hint: str,
        parse: Callable[[str], str],
        lang: str,
        value: str = "",
        example: str = "",
    ) -> None:
        super().__init__()
        self.heading, self.hint, self.parse, self.value = title, hint, parse, value
        #: The field's placeholder: an example, so it does not repeat the hint below.
        self.example = example
        self.lang = lang
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        yield KeyBar(own_only=True)  # the dialog's keys, over the screen's bar
        with Vertical(classes="ask-box"):
            yield Static(plain(self.heading, "bold"))
            yield FormInput(self.value, placeholder=self.example, id="ask-input", compact=True)
            yield Static(plain(self.hint), id="ask-error", classes="ask-hint")

    @on(Input.Changed)
    def _check(self, event: Input.Changed) -> None:
        message = self.hint
        error = False
        if event.value.strip():
            try:
                parsed = self.parse(event.value)
            except ValidationError as exc:
                message, error = exc.text(self.lang), True
            else:  # what the input stands for: "2024" is 2024-12-31
                message = f"{self.hint} → {parsed}" if parsed != event.value.strip() else self.hint
        box = self.query_one("#ask-error", Static)
        box.update(plain(message))
        box.set_class(error, "-error")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(self.parse(event.value))
        except ValidationError as exc:
            self.notify(exc.text(self.lang), severity="warning", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskChoice(ModalScreen[str | None]):
    """Pick one of a few options (Enter), or Esc for none."""

    CSS_PATH = Path(__file__).with_name("ask.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "ui_k_cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        self.heading = title
        self.options = options
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        yield KeyBar(own_only=True)  # the dialog's keys, over the screen's bar
        with Vertical(classes="ask-box"):
            yield Static(plain(self.heading, "bold"))
            yield OptionList(*(Option(Text(label), id=value) for value, label in self.options))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
