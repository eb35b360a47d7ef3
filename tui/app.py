"""konzept's terminal UI: the app, the ``make_app`` factory and ``run_app`` for the CLI.

The app owns the backend and the one fold everybody looks at: it polls the log's head
every half second in a thread worker and refolds only when it moved (another session
appended, or we did), then hands the new view down to the main screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.console import RenderableType
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Input

from konzept.events.errors import KonzeptError
from konzept.events.service import login_name
from konzept.projections.i18n import t

from . import heap
from .backend import Backend, Clock
from .bindings import translate_bindings
from .commands import EntityCommands, Palette, screen_actions
from .dialogs.confirm import ConfirmDialog
from .dialogs.edit import EditDialog
from .messages import LoadFailed, RefreshRequested, ShowEntity, TravelTo, Unchanged, ViewLoaded
from .screens.help import HelpScreen
from .screens.log import LogScreen
from .screens.main import MainScreen
from .widgets.tree import ConceptTree

POLL_SECONDS = 0.5


class KonzeptApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "konzept"
    COMMANDS = App.COMMANDS | {EntityCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "ui_k_quit", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "ui_k_palette", show=False, priority=True),
        Binding("question_mark", "help", "ui_k_help", key_display="?"),
        Binding("f1", "help_anywhere", "ui_k_help", show=False),
    ]

    def __init__(self, backend: Backend, lang: str) -> None:
        super().__init__()
        self.backend = backend
        self.lang = lang
        self.as_of: str | None = None
        self.main = MainScreen(backend, lang)
        self._head: int | None = None
        self._busy = False
        self._again = False
        #: Set by ``exit``: the app is on its way out and opens no more screens.
        self.exiting = False
        translate_bindings(self, lang)

    def on_mount(self) -> None:
        # Pushed rather than returned by get_default_screen(): only pushed screens
        # load their CSS_PATH.
        self.push_screen(self.main)
        self.refold(force=True)
        self.set_interval(POLL_SECONDS, self._poll, name="poll")

    def on_unmount(self) -> None:
        self.backend.close()

    async def action_quit(self) -> None:
        """Quit (Strg+Q); what the person typed into an open form is only thrown away
        when they say so, as Esc in the form asks too."""
        forms = [s for s in self.screen_stack if isinstance(s, EditDialog) and s.unsaved()]
        if not forms:
            self.exit()
            return
        lang = self.lang
        question = ConfirmDialog(
            t(lang, "ui_quit_ask"), "", t(lang, "ui_quit_discard"), t(lang, "ui_keep_editing"), lang
        )
        self.push_screen(question, self._quit_if)

    def _quit_if(self, yes: bool | None) -> None:
        if yes:
            self.exit()

    def exit(
        self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        self.exiting = True
        super().exit(result, return_code, message)

    def push_screen(
        self,
        screen: Screen[Any] | str,
        callback: Any = None,
        wait_for_dismiss: bool = False,
        *,
        mode: str | None = None,
    ) -> Any:
        """Open a screen, unless the app is already exiting.

        Keys that arrive in one read with ``q`` (typeahead, a paste, a laggy SSH link)
        are handled after ``exit()`` but before the app closes; a screen they pushed
        would be torn down half-composed and its ``on_mount`` fail. So once quitting
        was asked for, nothing opens: the one place for every key, palette command
        and worker result that would open one.
        """
        if self.exiting:
            if wait_for_dismiss:  # a waiting worker ends with the app
                never: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
                never.cancel()
                return never
            return AwaitMount(self.main, [])
        if wait_for_dismiss:
            return super().push_screen(screen, callback, True, mode=mode)
        return super().push_screen(screen, callback, False, mode=mode)

    # --- keeping the view current ------------------------------------------------------

    def _poll(self) -> None:
        if not self._busy:
            self.refold(force=False)

    def refold(self, *, force: bool) -> None:
        """Refold in a worker if forced or the head moved; at most one at a time."""
        if self._busy:
            self._again = self._again or force
            return
        self._busy = True
        self._refold(force, self.as_of, self._head)

    @work(thread=True, group="refold")
    def _refold(self, force: bool, as_of: str | None, known: int | None) -> None:
        try:
            if not force and self.backend.head()[0] == known:
                self.post_message(Unchanged())
                return
            view = self.backend.load(as_of)
            self.post_message(ViewLoaded(view, as_of, self.backend.can_edit()))
        except KonzeptError as exc:
            self.post_message(LoadFailed(exc.text(self.lang)))

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.refold(force=True)

    def on_unchanged(self) -> None:
        self._done()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(message.text, severity="error", markup=False)
        self._done()

    def on_view_loaded(self, message: ViewLoaded) -> None:
        if self.exiting or not self.is_running:
            # Shutting down: the screens are gone by the time a late worker's view
            # arrives (seen when another session wrote just before the app closed).
            return
        if message.as_of != self.as_of:  # the person travelled meanwhile
            self._again = True
        else:
            self._head = message.view.head
            self.main.can_edit = message.can_edit
            self.main.view = message.view
            self._subtitle(message)
            self.call_after_refresh(heap.settle)  # once the new view is drawn
            refresh = getattr(self.screen, "refresh_log", None)
            if refresh is not None:
                refresh()
        self._done()

    def _subtitle(self, message: ViewLoaded) -> None:
        view = message.view
        editing = message.can_edit and not view.time_travel
        role = "ui_role_edit" if editing else "ui_role_read"
        when = t(self.lang, "ui_as_of_date", date=view.as_of)
        self.sub_title = f"{when} · {t(self.lang, 'position')} {view.head} · " + t(
            self.lang, role, actor=self.backend.actor
        )

    def on_refresh_requested(self, message: RefreshRequested) -> None:
        self.refold(force=True)

    def on_travel_to(self, message: TravelTo) -> None:
        self.as_of = message.as_of
        self.refold(force=True)

    def on_show_entity(self, message: ShowEntity) -> None:
        while self.screen is not self.main:
            self.pop_screen()
        self.main.select(message.key)

    # --- help and palette --------------------------------------------------------------

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in inputs): say how to, in the UI's language."""
        self.notify(t(self.lang, "ui_how_to_quit"), markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a text field ``?`` types a question mark, so the key bar does not offer it
        there; F1 opens the help from anywhere."""
        return not (action == "help" and isinstance(self.focused, Input))

    def action_help_anywhere(self) -> None:
        self.action_help()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            (t(self.lang, "ui_help_main"), MainScreen.BINDINGS),
            (t(self.lang, "ui_help_tree"), ConceptTree.BINDINGS),
            (t(self.lang, "ui_help_log"), LogScreen.BINDINGS),
            (t(self.lang, "ui_help_form"), EditDialog.BINDINGS),
            (t(self.lang, "ui_help_app"), self.BINDINGS),
        ]
        self.push_screen(HelpScreen(self.lang, sections))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App[int] vs App[object]
            self.push_screen(Palette(self.lang))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for title, help_, callback in screen_actions(screen, self.lang):
            yield SystemCommand(title, help_, callback)
        yield SystemCommand(
            t(self.lang, "ui_k_help_long"), t(self.lang, "ui_k_help_help"), self.action_help
        )
        yield SystemCommand(
            t(self.lang, "ui_k_theme_long"),
            t(self.lang, "ui_k_theme_help"),
            self.action_change_theme,
        )
        yield SystemCommand(
            t(self.lang, "ui_k_quit_long"), t(self.lang, "ui_k_quit_help"), self.action_quit
        )


def make_app(
    db: str, lang: str | None = None, actor: str | None = None, clock: Clock | None = None
) -> KonzeptApp:
    """The app on a store, for the CLI and the tests alike (a frozen ``clock`` for snapshots)."""
    backend = Backend(db, actor or login_name(), clock)
    language = lang or str(backend.state().concept.get("language") or "de")
    return KonzeptApp(backend, language)


def run_app(db: str, lang: str | None, actor: str) -> int:
    """Open the UI on a store until the person quits; the exit status for the CLI."""
    app = make_app(db, lang, actor)
    app.run()
    return app.return_code or 0
