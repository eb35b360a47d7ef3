"""The global change log, filtered by period, entity or field of action, person and decision.

Filters are checked as they are typed (a half-typed date filters nothing yet); the
query runs in a worker and shows the newest entries first. Enter jumps to the entry's
entity on the main screen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from konzept.events import values as v
from konzept.events.envelope import Envelope
from konzept.events.errors import KonzeptError, ValidationError
from konzept.events.kinds import KINDS
from konzept.projections.describe import summary
from konzept.projections.history import LogFilter, shown_key
from konzept.projections.i18n import t

from ..backend import Backend
from ..bindings import translate_bindings
from ..flow import EditFlow
from ..messages import ShowEntity
from ..model import ConceptView
from ..refusals import read_only_reason, revert_refusal
from ..text import plain
from ..widgets.field import FormInput
from ..widgets.history import envelope_block

LIMIT = 500
FILTERS = ("since", "until", "who", "entity", "decision")


class LogScreen(EditFlow):
    CSS_PATH = Path(__file__).with_name("log.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "ui_k_back"),
        Binding("ctrl+l", "clear", "ui_k_clear_filters"),
        Binding("ctrl+t", "focus_table", "ui_k_to_table", show=False),
        Binding("u", "revert", "ui_k_revert"),
    ]

    class Loaded(Message):
        def __init__(self, envelopes: list[Envelope], flt: LogFilter) -> None:
            super().__init__()
            self.envelopes = envelopes
            self.flt = flt

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(
        self, backend: Backend, lang: str, view: ConceptView | None, can_edit: bool = False
    ) -> None:
        super().__init__()
        self.backend = backend
        self.lang = lang
        self.view = view
        self.can_edit = can_edit
        self.shown: list[Envelope] = []
        self.flt = LogFilter()
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="≡")
        with Horizontal(classes="log-filters"):
            yield Label(t(lang, "ui_period"))
            yield FormInput(placeholder=t(lang, "ui_since"), id="since", compact=True)
            yield Label("–")
            yield FormInput(placeholder=t(lang, "ui_until"), id="until", compact=True)
            yield Label(t(lang, "ui_person_label"))
            yield FormInput(placeholder=t(lang, "ui_person"), id="who", compact=True)
        with Horizontal(classes="log-filters"):
            yield Label(t(lang, "entity"))
            yield FormInput(placeholder=t(lang, "ui_entity_or_field"), id="entity", compact=True)
            yield Label(t(lang, "decision"))
            yield FormInput(placeholder=t(lang, "ui_hint_key_plain"), id="decision", compact=True)
        yield Static(id="log-note")
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="log-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "ui_log_title")
        table = self.query_one(DataTable)
        for word in ("position", "effective", "who", "entity", "change"):
            table.add_column(t(self.lang, word), key=word)
        table.focus()
        self.query_log(self.flt)

    # --- filters -----------------------------------------------------------------------

    @on(Input.Changed)
    def _filter_changed(self) -> None:
        try:
            flt = self.read_filters()
        except ValidationError as exc:
            self.query_one("#log-note", Static).update(plain(exc.text(self.lang), "yellow"))
            return
        self.query_log(flt)

    def read_filters(self) -> LogFilter:
        raw = {name: self.query_one(f"#{name}", Input).value.strip() for name in FILTERS}
        since = _period(raw["since"], start=True) if raw["since"] else None
        until = _period(raw["until"], start=False) if raw["until"] else None
        streams: tuple[str, ...] = ()
        if raw["entity"]:
            streams = self._streams(raw["entity"])
        return LogFilter(
            since=since,
            until=until,
            actor=raw["who"] or None,
            decision=raw["decision"] or None,
            streams=streams,
        )

    def _streams(self, key: str) -> tuple[str, ...]:
        """The entity's stream; for a field of action also every goal, measure and
        indicator below it (as of the view's date)."""
        view = self.view
        entity = view.get(key) if view else None
        if view is None or entity is None:
            raise ValidationError(t(self.lang, "ui_no_such_key", key=key))
        keys, queue = [key], [key]
        while queue:
            below = view.children.get(queue.pop(), [])
            keys += below
            queue += below
        return tuple(KINDS[view.state.entities[k]["kind"]].stream(k) for k in keys)

    def action_clear(self) -> None:
        for name in FILTERS:
            self.query_one(f"#{name}", Input).value = ""

    def action_focus_table(self) -> None:
        self.query_one(DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "revert":  # editors only, and never during time travel
            return self.can_edit and bool(self.shown)
        return True

    def on_key(self, event: events.Key) -> None:
        """``u`` while the log is read-only says why rather than nothing."""
        if event.key == "u" and not self.can_edit:
            why = read_only_reason(self.backend, self.view, self.can_edit, self.lang)
            if why:
                self.notify(why, severity="warning", markup=False)

    def action_revert(self) -> None:
        """Revert the highlighted entry (the form asks for the reason)."""
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.shown):
            entry = self.shown[row]
            if (why := revert_refusal(entry, self.lang)) is not None:
                self.notify(why, severity="warning", markup=False, timeout=8)
                return
            self.start_revert(entry.position)

    # --- loading -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="log")
    def query_log(self, flt: LogFilter) -> None:
        try:
            self.post_message(self.Loaded(self.backend.log(flt, LIMIT), flt))
        except KonzeptError as exc:
            self.post_message(self.Failed(exc.text(self.lang)))

    def on_log_screen_failed(self, message: Failed) -> None:
        self.query_one("#log-note", Static).update(plain(message.text, "yellow"))

    def on_log_screen_loaded(self, message: Loaded) -> None:
        self.flt = message.flt
        self.shown = list(reversed(message.envelopes))
        table = self.query_one(DataTable)
        table.clear()
        lang = self.lang
        for e in self.shown:
            table.add_row(
                Text(str(e.position), justify="right"),
                e.effective,
                plain(e.actor),
                plain(shown_key(e, lang)),
                plain(summary(e, lang)),
                key=str(e.position),
            )
        count = len(self.shown)
        word = "ui_log_limit" if count >= LIMIT else "ui_log_count"
        self.query_one("#log-note", Static).update(Text(t(lang, word, count=count), style="dim"))
        self._detail(0)
        self.refresh_bindings()  # "revert" needs an entry

    def refresh_log(self) -> None:
        """Called by the app when another session appended."""
        self.query_log(self.flt)

    @on(DataTable.RowHighlighted)
    def _row(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, row: int) -> None:
        box = self.query_one("#log-detail", Static)
        if 0 <= row < len(self.shown):
            entry = self.shown[row]
            box.update(envelope_block(entry, self.lang, key=True, today=self.backend.today()))
        else:
            box.update(Text(t(self.lang, "ui_log_empty"), style="dim"))

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        """Go to the entry's entity; the concept's own changes go to the tree's root, and
        roles and keys, which the tree does not show, say so instead."""
        if not 0 <= event.cursor_row < len(self.shown):
            return
        entry = self.shown[event.cursor_row]
        if entry.stream == "people":
            self.notify(t(self.lang, "ui_people_not_in_tree"), markup=False)
        else:
            self.post_message(ShowEntity(None if entry.stream == "concept" else entry.key))


def _period(raw: str, *, start: bool) -> str:
    """A date, or a bare year: 1 January for the start of a period, else 31 December."""
    if re.fullmatch(r"\d{4}", raw):
        return f"{v.year(raw)}-01-01" if start else f"{v.year(raw)}-12-31"
    return v.iso_date(raw)
