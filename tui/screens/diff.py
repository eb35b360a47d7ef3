"""What changed between two years (31 Dec to 31 Dec) or two dates, with who, why and
on which decision each change was made.

A diff of a large concept takes a second or more, so typing a year never waits for
one: each keystroke that leaves two valid dates starts a worker that first waits
:data:`SETTLE_SECONDS` and gives up if a newer keystroke has replaced it, so only the
dates the person stopped at are computed, and an outdated result is never shown.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static
from textual.worker import get_current_worker

from konzept.events import values as v
from konzept.events.errors import KonzeptError, ValidationError
from konzept.projections.diff import Change, Diff
from konzept.projections.i18n import t

from ..backend import Backend
from ..bindings import translate_bindings
from ..model import ConceptView, label
from ..text import plain, shown
from ..widgets.field import FormInput

#: How long the dates must stay as typed before the diff is computed.
SETTLE_SECONDS = 0.3


class DiffScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("diff.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "ui_k_back")]

    class Loaded(Message):
        def __init__(self, diff: Diff) -> None:
            super().__init__()
            self.diff = diff

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, backend: Backend, lang: str, view: ConceptView | None) -> None:
        super().__init__()
        self.backend = backend
        self.lang = lang
        year = int((view.as_of if view else backend.today())[:4])
        self.start, self.end = str(year - 1), str(year)
        self._asked: tuple[str, str] | None = None  # the dates last given to a worker
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="≡")
        with Horizontal(id="diff-inputs"):
            yield Label(t(lang, "ui_diff_from"))
            yield FormInput(self.start, id="diff-from", compact=True)
            yield Label(t(lang, "ui_diff_to"))
            yield FormInput(self.end, id="diff-to", compact=True)
            yield Static(t(lang, "ui_diff_hint"), id="diff-hint")
        with VerticalScroll(id="diff-result"):
            yield Static(id="diff-body")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "ui_diff_title")
        self.query_one("#diff-from", Input).focus()  # typing right away changes "von"
        self._dates_changed(wait=0.0)

    @on(Input.Changed)
    def _changed(self) -> None:
        self._dates_changed(wait=SETTLE_SECONDS)

    def _dates_changed(self, wait: float) -> None:
        try:
            start = v.as_of(self.query_one("#diff-from", Input).value)
            end = v.as_of(self.query_one("#diff-to", Input).value)
        except ValidationError as exc:
            self.query_one("#diff-hint", Static).update(plain(exc.text(self.lang), "yellow"))
            self.workers.cancel_group(self, "diff")  # dates typed over are not computed
            self._asked = None
            return
        hint = Text(t(self.lang, "ui_diff_hint"))
        if start > end:  # a diff backwards reads as its opposite: show it forwards
            start, end = end, start
            hint = Text(t(self.lang, "ui_diff_swapped", start=start, end=end), style="yellow")
        self.query_one("#diff-hint", Static).update(hint)
        if (start, end) != self._asked:  # "2023" → "2023-12-31" is the same diff
            self._asked = (start, end)
            self.compute(start, end, wait)

    @work(thread=True, exclusive=True, group="diff")
    def compute(self, start: str, end: str, wait: float = 0.0) -> None:
        """The diff, once the dates have stayed as typed for ``wait`` seconds.

        A newer keystroke cancels this worker (``exclusive``): it then neither computes
        nor posts, so a slow diff of dates already typed over never replaces a newer one.
        """
        worker = get_current_worker()
        time.sleep(wait)
        if worker.is_cancelled:
            return
        try:
            diff = self.backend.diff(start, end)
        except KonzeptError as exc:
            if not worker.is_cancelled:
                self.post_message(self.Failed(exc.text(self.lang)))
            return
        if not worker.is_cancelled:
            self.post_message(self.Loaded(diff))

    def on_diff_screen_loaded(self, message: Loaded) -> None:
        self._show(diff_view(message.diff, self.lang))

    def on_diff_screen_failed(self, message: Failed) -> None:
        self._show(plain(message.text, "yellow"))

    def _show(self, result: RenderableType) -> None:
        """A new result is read from its top, not where the last one was scrolled to."""
        self.query_one("#diff-body", Static).update(result)
        self.query_one("#diff-result", VerticalScroll).scroll_home(animate=False)


def diff_view(d: Diff, lang: str) -> RenderableType:
    """Added, changed and retired entities; wrapped lines stay indented under their mark."""
    parts: list[RenderableType] = [
        Text(t(lang, "ui_diff_heading", start=d.start, end=d.end), style="bold")
    ]
    sections = (
        ("ui_added", "+", "green", [_entity_line(e, lang) for e in d.added]),
        ("ui_changed", "~", "yellow", [_change_line(c, lang) for c in d.changed]),
        ("ui_retired", "−", "red", [_entity_line(e, lang, status=True) for e in d.retired]),
    )
    for word, mark, style, lines in sections:
        if not lines:
            continue
        parts.append(Text(f"\n{t(lang, word)} ({len(lines)})", style=f"bold {style}"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1, style=style)
        grid.add_column(ratio=1)
        for line in lines:
            grid.add_row(mark, line)
        parts.append(grid)
    if d.empty:
        parts.append(Text(t(lang, "ui_no_changes"), style="dim"))
    return Group(*parts)


def _entity_line(e: dict[str, Any], lang: str, *, status: bool = False) -> Text:
    line = plain(e["key"], "bold")
    line.append(f" {t(lang, e['kind'])}: ", style="dim")
    line.append(plain(label(e)))
    if status:
        line.append(f" · {t(lang, e['status'])}", style="italic")
    return line


def _change_line(c: Change, lang: str) -> RenderableType:
    """The change, then its events, each wrapped beside its position."""
    head, _, sub = c.attribute.partition(".")
    word = t(lang, "value" if head == "values" else head)
    line = plain(c.key, "bold")
    line.append(f" {word}{' ' + sub if sub else ''}: ", style="dim")
    line.append(plain(f"{shown(head, c.old, lang)} → {shown(head, c.new, lang)}"))
    if not c.events:
        return line
    events = Table.grid(padding=(0, 1))
    events.add_column(style="dim", no_wrap=True)
    events.add_column(ratio=1)
    for ev in c.events:
        text = plain(ev.actor, "cyan")
        text.append(f" {ev.effective}", style="dim")
        if ev.decision:
            text.append(" [")
            text.append(plain(ev.decision, "bold magenta"))
            text.append("]")
        if ev.reason:
            text.append(" » ")
            text.append(plain(ev.reason, "italic"))
        events.add_row(f"#{ev.position}", text)
    return Group(line, events)
