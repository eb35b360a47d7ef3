"""The keys, read from the same binding data the footer and the palette use."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from konzept.projections.i18n import t

from ..bindings import describe, translate_bindings


class HelpScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "app.pop_screen", "ui_k_back"),
    ]

    def __init__(self, lang: str, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.lang = lang
        self.sections = sections
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with VerticalScroll(id="help-body"):
            yield Static(self.render_keys())
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "ui_help_title")
        self.query_one("#help-body").focus()

    def render_keys(self) -> RenderableType:
        parts: list[RenderableType] = [Text(t(self.lang, "ui_help_intro"))]
        for title, bindings in self.sections:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", width=14)
            grid.add_column()
            for keys, text in describe(bindings, self.lang):
                grid.add_row(keys, text)
            parts += [Text(), Text(title, style="bold underline"), grid]
        return Group(*parts)
