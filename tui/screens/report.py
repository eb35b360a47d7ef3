"""The annual report: a preview of a year's report and its export to a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from konzept.events import values as v
from konzept.events.errors import KonzeptError, ValidationError, os_reason
from konzept.events.errors import Message as Said
from konzept.events.store import refuse_overwriting_a_database
from konzept.projections.i18n import t
from konzept.projections.report.fitting import WIDTH as REPORT_WIDTH
from konzept.ssh.remote import is_remote

from ..backend import Backend
from ..bindings import translate_bindings
from ..dialogs.confirm import ConfirmDialog
from ..model import ConceptView
from ..report import build_report, formats
from ..text import plain
from ..widgets.field import FormInput

#: The preview's scrollbar, as wide as report.tcss makes it.
_SCROLLBAR = 2


class ReportScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("report.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "ui_k_back"),
        Binding("ctrl+s", "export", "ui_k_export"),  # after the keys typed before it
    ]

    class Previewed(Message):
        def __init__(self, year: int, text: str, full: bool) -> None:
            super().__init__()
            self.year, self.text, self.full = year, text, full

    class Exported(Message):
        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, backend: Backend, lang: str, view: ConceptView | None) -> None:
        super().__init__()
        self.backend = backend
        self.lang = lang
        self.year = (view.year if view else int(backend.today()[:4])) - 1
        self.formats = formats()
        #: Why the year typed now has no report (None: it has one).
        self.refused: str | None = None
        # Over SSH a file would be written on the server as the login account — a way out
        # of the forced command (see konzept.ssh.remote). Reports go to the client instead.
        self.remote = is_remote()
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="≡")
        with Horizontal(id="report-inputs"):
            yield Label(t(lang, "ui_year"))
            yield FormInput(str(self.year), id="report-year", compact=True)
            yield Label(t(lang, "ui_format"))
            yield Select(
                [(f, f) for f in self.formats],
                value=self.formats[0],
                allow_blank=False,
                id="report-format",
                compact=True,
            )
        if not self.remote:
            with Horizontal(id="report-export"):
                yield Label(t(lang, "ui_file"))
                yield FormInput(self._default_path(), id="report-path", compact=True)
                yield Button(t(lang, "ui_export"), id="report-go", compact=True, variant="primary")
        yield Static(id="report-note")
        with ScrollableContainer(id="report-preview"):
            yield Static(id="report-body")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        """The text report is 80 columns wide: on a terminal without room for it, its
        padding goes, and then its scrollbar (the keys still scroll), so an 80×24
        terminal shows whole lines instead of scrolling sideways."""
        room = event.size.width - REPORT_WIDTH
        self.set_class(room < 2 + _SCROLLBAR, "-narrow")  # 2 columns of padding
        self.set_class(room < _SCROLLBAR, "-tight")

    def on_mount(self) -> None:
        self.title = t(self.lang, "ui_report_title")
        self.query_one("#report-preview").focus()
        self.preview(self.year)

    def _default_path(self, year: int | None = None, fmt: str = "txt") -> str:
        word = t(self.lang, "ui_report_file")
        return f"{word}-{year or self.year}.{fmt}"

    # --- preview -----------------------------------------------------------------------

    @on(Input.Changed, "#report-year")
    def _year_changed(self, event: Input.Changed) -> None:
        try:
            year = v.year(event.value)
        except ValidationError as exc:
            # Not a year: no export either (of the year previewed before, say).
            self.refused = exc.text(self.lang)
            self.query_one("#report-note", Static).update(plain(self.refused, "yellow"))
            return
        self.refused = refused = self._refused(year)
        if refused:
            self.query_one("#report-note", Static).update(plain(refused, "yellow"))
            self.query_one("#report-body", Static).update("")
            return
        self._retitle(year, self._format())
        self.preview(year)

    def _refused(self, year: int) -> str | None:
        """Why there is no report for ``year``: before the concept's first year in the
        log, or after next year; None when there is one."""
        since = str(self.backend.state().concept.get("since") or "")
        if since[:4].isdigit() and year < int(since[:4]):
            return t(self.lang, "ui_report_before", year=since[:4])
        last = int(self.backend.today()[:4]) + 1
        if year > last:
            return t(self.lang, "ui_report_after", year=year, last=last)
        return None

    @on(Select.Changed, "#report-format")
    def _format_changed(self) -> None:
        self._retitle(self.year, self._format())

    def _format(self) -> str:
        return str(self.query_one("#report-format", Select).value)

    def _retitle(self, year: int, fmt: str) -> None:
        """Keep the suggested file name in step with year and format, unless edited."""
        if self.remote:
            return
        path = self.query_one("#report-path", Input)
        stem = t(self.lang, "ui_report_file")
        if path.value.startswith(f"{stem}-"):
            path.value = self._default_path(year, fmt)

    @work(thread=True, exclusive=True, group="report")
    def preview(self, year: int) -> None:
        try:
            report = self.backend.run_read(lambda s: build_report(s, year, "txt", self.lang))
            self.post_message(self.Previewed(year, report.text, report.full))
        except KonzeptError as exc:
            self.post_message(self.Failed(exc.text(self.lang)))

    def on_report_screen_previewed(self, message: Previewed) -> None:
        self.year = message.year
        note = "ui_report_note" if message.full else "ui_report_fallback_note"
        text = t(self.lang, note)
        if self.remote:
            text = t(self.lang, "ui_export_remote", year=message.year)
        self.query_one("#report-note", Static).update(Text(text, style="dim"))
        # The report prints at 80 columns: keep its lines whole and scroll sideways
        # rather than wrap them into a narrower pane.
        body = plain(message.text)
        body.no_wrap = True
        self.query_one("#report-body", Static).update(body)

    # --- export ------------------------------------------------------------------------

    @on(Button.Pressed, "#report-go")
    def action_export(self) -> None:
        if self.refused:  # not the last year that had a report: the one typed now
            self.notify(self.refused, severity="warning", markup=False)
            return
        if self.remote:
            self.notify(
                t(self.lang, "ui_export_remote", year=self.year), markup=False, severity="warning"
            )
            return
        path = self.query_one("#report-path", Input).value.strip()
        if not path:
            self.notify(t(self.lang, "ui_need_file"), severity="warning", markup=False)
            return
        try:
            refuse_overwriting_a_database(path)
        except KonzeptError as exc:
            self.notify(exc.text(self.lang), severity="error", markup=False)
            return
        if os.path.exists(path):
            question = ConfirmDialog(
                t(self.lang, "ui_overwrite", path=path),
                "",
                t(self.lang, "ui_overwrite_yes"),
                t(self.lang, "ui_back"),
                self.lang,
            )
            self.app.push_screen(question, lambda yes: self._export_if(yes, path))
        else:
            self.export(path, self.year, self._format())

    def _export_if(self, yes: bool | None, path: str) -> None:
        if yes:
            self.export(path, self.year, self._format())

    @work(thread=True, exclusive=True, group="export")
    def export(self, path: str, year: int, fmt: str) -> None:
        try:
            report = self.backend.run_read(lambda s: build_report(s, year, fmt, self.lang))
            with open(path, "w", encoding="utf-8") as out:
                out.write(report.text)
        except KonzeptError as exc:
            self.post_message(self.Failed(exc.text(self.lang)))
        except OSError as exc:
            reason = os_reason(exc)  # the system's words, in German too
            why = reason.text(self.lang) if isinstance(reason, Said) else reason
            self.post_message(self.Failed(t(self.lang, "ui_cannot_write", path=path, why=why)))
        else:
            self.post_message(self.Exported(os.path.abspath(path)))

    def on_report_screen_exported(self, message: Exported) -> None:
        self.notify(t(self.lang, "ui_exported", path=message.path), markup=False)

    def on_report_screen_failed(self, message: Failed) -> None:
        self.notify(message.text, severity="error", markup=False)
