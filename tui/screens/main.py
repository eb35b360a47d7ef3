"""The main screen: the concept as a tree, the detail pane, history and blame.

The app hands a new :class:`ConceptView` down whenever the log moved (or the person
travelled in time); a keypress only moves the cursor and renders from that view.
History and blame are read in a worker, and only while their tab is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Header, Static, TabbedContent, TabPane

from konzept.events import values as v
from konzept.events.errors import ValidationError
from konzept.projections.i18n import t

from ..backend import Backend
from ..bindings import translate_bindings
from ..dialogs.ask import AskChoice, AskText
from ..drafts import Draft
from ..flow import EditFlow
from ..forms import (
    ADD_COMMANDS,
    add_form,
    close_year_form,
    concept_form,
    edit_form,
    fulfil_form,
    next_statuses,
    obligation_form,
    record_form,
    status_form,
    year_to_close,
)
from ..messages import PastLoaded, RevertChoices, TravelTo, Written
from ..model import ConceptView
from ..refusals import read_only_reason
from ..widgets.detail import DetailPane
from ..widgets.history import PastPane, blame_view, history_view, revert_option
from ..widgets.keybar import KeyBar
from ..widgets.tree import ROOT, ConceptTree, Ref
from .diff import DiffScreen
from .log import LogScreen
from .report import ReportScreen

EDITS = {"add", "edit", "status", "record", "obligation", "fulfil", "close_year", "revert"}
#: What "add" offers first, by the kind under the cursor (below a Handlungsziel: a
#: measure; below a Leitziel: a goal, see ``action_add``).
ADD_UNDER = {"field": "goal", "goal": "goal", "measure": "measure", "indicator": "indicator"}


class MainScreen(EditFlow):
    CSS_PATH = Path(__file__).with_name("main.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "ui_k_add"),
        Binding("e", "edit", "ui_k_edit"),
        Binding("s", "status", "ui_k_status"),
        Binding("v", "record", "ui_k_record"),
        Binding("o", "obligation", "ui_k_obligation", show=False),
        Binding("f", "fulfil", "ui_k_fulfil", show=False),
        Binding("l", "log", "ui_k_log"),
        Binding("d", "diff", "ui_k_diff"),
        Binding("t", "travel", "ui_k_travel"),
        Binding("n", "now", "ui_k_now"),
        Binding("r", "report", "ui_k_report"),
        Binding("j", "close_year", "ui_k_close_year", show=False),
        Binding("u", "revert", "ui_k_revert", show=False),
        Binding("1", "tab('details')", "ui_k_details", show=False),
        Binding("2", "tab('history')", "ui_k_history", show=False),
        Binding("3", "tab('blame')", "ui_k_blame", show=False),
        Binding("q", "app.quit", "ui_k_quit", show=False),
    ]

    view: reactive[ConceptView | None] = reactive(None, always_update=True)
    can_edit: reactive[bool] = reactive(False)

    def __init__(self, backend: Backend, lang: str) -> None:
        super().__init__()
        self.backend = backend
        self.lang = lang
        self.ref: Ref = ROOT  # what the panes show
        self._select_after: str | None = None
        self._possible: frozenset[str] = frozenset()
        self.concept_tree = ConceptTree(lang, id="tree")
        self.detail_pane = DetailPane(lang, id="detail")
        self.history_pane = PastPane(lang, id="past-history")
        self.blame_pane = PastPane(lang, id="past-blame")
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="≡")
        yield Static(id="banner")
        with Horizontal(id="body"):
            yield self.concept_tree
            with TabbedContent(id="panes"):
                with TabPane(t(lang, "ui_details"), id="details"):
                    yield self.detail_pane
                with TabPane(t(lang, "ui_history"), id="history"):
                    yield self.history_pane
                with TabPane(t(lang, "ui_blame"), id="blame"):
                    yield self.blame_pane
        yield KeyBar()

    def on_mount(self) -> None:
        self.concept_tree.focus()
        # Follow the cursor synchronously rather than through Tree.NodeHighlighted: the
        # message arrives after the tree's own frame went out, so the detail pane would
        # repaint one frame (≥ 17 ms at Textual's 60 fps) after the cursor, every key.
        self.watch(self.concept_tree, "cursor_line", self._cursor_moved, init=False)

    # --- data down ---------------------------------------------------------------------

    def watch_view(self, view: ConceptView | None) -> None:
        if view is None:
            return
        tree = self.concept_tree
        tree.show(view)
        if self._select_after and view.get(self._select_after):
            tree.select(Ref(self._select_after))
            self._select_after = None
        banner = self.query_one("#banner", Static)
        banner.display = view.time_travel
        banner.update(t(self.lang, "ui_banner", date=view.as_of))
        self.set_class(view.time_travel, "-travel")
        cursor = tree.cursor_node
        self._show(cursor.data if cursor is not None and cursor.data is not None else ROOT)

    def watch_can_edit(self) -> None:
        self._refresh_keys()

    def _cursor_moved(self) -> None:
        ref = self.cursor()
        if ref != self.ref:  # a resize sets the same line again: keep the pane where it was
            self._show(ref)

    def _show(self, ref: Ref) -> None:
        self.ref = ref
        if self.view is None:
            return
        self.detail_pane.show_ref(self.view, ref)
        self._load_past()
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Refresh the footer only when the possible edits changed (it costs a repaint)."""
        possible = frozenset(a for a in EDITS | {"now"} if self.check_action(a, ()))
        if possible != self._possible:
            self._possible = possible
            self.refresh_bindings()

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self._load_past()

    def _load_past(self) -> None:
        tab = self.query_one(TabbedContent).active
        if tab in ("history", "blame") and self.view is not None and self.ref.key:
            entity = self.view.get(self.ref.key)
            if entity is not None:
                self.read_past(self.ref.key, entity, self.view.as_of)

    @work(thread=True, exclusive=True, group="past")
    def read_past(self, key: str, entity: dict[str, object], as_of: str) -> None:
        history = self.backend.history(key)
        blame = self.backend.blame(key, entity, as_of)
        self.post_message(PastLoaded(key, history, blame, as_of))

    def on_past_loaded(self, message: PastLoaded) -> None:
        if message.key != self.ref.key:
            return
        # Marked: what takes effect after the date shown (today, or time travel's day).
        self.history_pane.show(history_view(message.history, self.lang, message.as_of))
        self.blame_pane.show(blame_view(message.blame, self.lang))

    def on_written(self, message: Written) -> None:
        """Put the cursor on what was just written (EditFlow reports it as well)."""
        self._select_after = message.envelopes[0].key

    def select(self, key: str | None) -> None:
        """Put the cursor on an entity (from the palette or the change log); None puts
        it on the concept itself, the tree's root."""
        if not self.concept_tree.select(Ref(key)) and key is not None:
            self.notify(t(self.lang, "ui_not_as_of", key=key), severity="warning", markup=False)

    # --- which actions are possible here -----------------------------------------------

    def cursor(self) -> Ref:
        """Where the tree's cursor is now: a key typed right after an arrow key acts on
        the new node even before the tree's highlight message has arrived."""
        node = self.concept_tree.cursor_node
        return node.data if node is not None and node.data is not None else ROOT

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action == "now":
            return view is not None and view.time_travel
        if action not in EDITS:
            return True
        if view is None or view.time_travel or not self.can_edit:
            return False
        cursor = self.cursor()
        entity = view.get(cursor.key)
        if action in ("add", "close_year"):
            return True
        if action == "edit":
            return entity is not None or cursor == ROOT
        if entity is None:
            return False
        if action == "revert":
            return True
        if action == "status":
            return bool(next_statuses(entity))
        if action == "record":
            return bool(entity["kind"] == "indicator" and entity["status"] == "active")
        if action == "obligation":
            return bool(entity["kind"] == "agreement" and next_statuses(entity))
        open_ = [o for o in entity.get("obligations", []) if not o["fulfilled"]]
        return bool(entity["kind"] == "agreement" and open_)

    def on_key(self, event: events.Key) -> None:
        """An edit key that the concept being read-only disables says why, instead of
        nothing (the binding itself then does not run: ``check_action`` refuses it)."""
        action = _EDIT_KEYS.get(event.key)
        if action is None or self.check_action(action, ()):
            return
        why = read_only_reason(self.backend, self.view, self.can_edit, self.lang)
        if why:
            self.notify(why, severity="warning", markup=False)

    # --- edits -------------------------------------------------------------------------

    def _entity(self) -> dict[str, object] | None:
        """The selected entity as the write model knows it (the state commands check)."""
        return self.backend.state().entities.get(self.cursor().key or "")

    def action_add(self) -> None:
        view = self.view
        cursor = self.cursor()
        entity = view.get(cursor.key) if view else None
        preferred = ADD_UNDER.get(entity["kind"]) if entity else cursor.section
        if entity is not None and entity["kind"] == "goal" and entity.get("parent"):
            preferred = "measure"
        kinds = list(ADD_COMMANDS)
        if preferred in kinds:
            kinds.remove(preferred)
            kinds.insert(0, preferred)
        options = [(k, t(self.lang, k)) for k in kinds]
        self.app.push_screen(AskChoice(t(self.lang, "ui_add_what"), options, self.lang), self._add)

    def _add(self, kind: str | None) -> None:
        if kind is None:
            return
        entity = self.view.get(self.cursor().key) if self.view else None
        initial: dict[str, str] = {}
        if entity is not None:
            if entity["kind"] == "field" and kind == "goal":
                initial["field"] = entity["key"]
            elif entity["kind"] == "goal":
                if kind == "goal":
                    initial |= {"field": entity["field"], "parent": entity["key"]}
                elif kind in ("measure", "indicator"):
                    initial["goal"] = entity["key"]
            elif entity["kind"] in ("measure", "indicator") and kind in ("measure", "indicator"):
                initial["goal"] = entity["goal"]
        if kind == "decision":
            initial["date"] = self.backend.today()
        self._select_after = None
        self.start_edit(Draft.fresh(add_form(kind, initial)))

    def action_edit(self) -> None:
        state = self.backend.state()
        entity = self._entity()
        if entity is None:
            self.start_edit(Draft.fresh(concept_form(state)))
        else:
            self.start_edit(Draft.fresh(edit_form(state, entity)))

    def action_status(self) -> None:
        if (entity := self._entity()) is not None:
            self.start_edit(Draft.fresh(status_form(self.backend.state(), entity)))

    def action_record(self) -> None:
        if (entity := self._entity()) is not None:
            state = self.backend.state()
            this_year = int(self.backend.today()[:4])
            year = this_year - 1
            if year in state.closed_years:  # offer the first open year
                year = min(max(state.closed_years) + 1, this_year)
            self.start_edit(Draft.fresh(record_form(state, entity, year)))

    def action_obligation(self) -> None:
        if (entity := self._entity()) is not None:
            self.start_edit(Draft.fresh(obligation_form(self.backend.state(), entity)))

    def action_fulfil(self) -> None:
        if (entity := self._entity()) is not None:
            self.start_edit(Draft.fresh(fulfil_form(self.backend.state(), entity, self.lang)))

    def action_close_year(self) -> None:
        state = self.backend.state()
        this_year = int(self.backend.today()[:4])
        year = year_to_close(state, this_year, int(self.backend.first_effective()[:4]))
        self.start_edit(Draft.fresh(close_year_form(state, year)))

    def action_revert(self) -> None:
        """Pick one of the entity's events (newest first) and revert it."""
        if (key := self.cursor().key) is not None:
            self._revert_choices(key)

    @work(thread=True, exclusive=True, group="revert")
    def _revert_choices(self, key: str) -> None:
        self.post_message(RevertChoices(key, self.backend.history(key)))

    def on_revert_choices(self, message: RevertChoices) -> None:
        options = [revert_option(e, self.lang) for e in reversed(message.envelopes)]
        title = t(self.lang, "ui_revert_pick", key=message.key)
        self.app.push_screen(AskChoice(title, options, self.lang), self._revert_chosen)

    def _revert_chosen(self, position: str | None) -> None:
        if position is not None:
            self.start_revert(int(position))

    # --- other views -------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_log(self) -> None:
        can_edit = self.can_edit and self.view is not None and not self.view.time_travel
        self.app.push_screen(LogScreen(self.backend, self.lang, self.view, can_edit))

    def action_diff(self) -> None:
        self.app.push_screen(DiffScreen(self.backend, self.lang, self.view))

    def action_report(self) -> None:
        self.app.push_screen(ReportScreen(self.backend, self.lang, self.view))

    def action_travel(self) -> None:
        current = self.view.as_of if self.view and self.view.time_travel else ""
        dialog = AskText(
            t(self.lang, "ui_travel_title"),
            t(self.lang, "ui_travel_hint"),
            self._travel_date,
            self.lang,
            current,
            example=t(self.lang, "ui_travel_example"),
        )
        self.app.push_screen(dialog, self._travel)

    def _travel_date(self, value: str) -> str:
        """A date to travel to: one on which the record holds something (before it, the
        concept would show empty, as if it had been lost)."""
        date = v.as_of(value)
        first = self.backend.first_effective()
        if date < first:
            raise ValidationError(
                "The record of this concept begins on {first}; on {date} there is nothing "
                "to show yet.",
                first=first,
                date=date,
            )
        return date

    def _travel(self, date: str | None) -> None:
        if date:
            self.post_message(TravelTo(date))

    def action_now(self) -> None:
        self.post_message(TravelTo(None))


#: Key → edit action, from the bindings (to say why an edit key does nothing).
_EDIT_KEYS = {
    b.key: b.action for b in Binding.make_bindings(MainScreen.BINDINGS) if b.action in EDITS
}
