"""The command palette: every action of the screen, and every entity by key or title.

Actions come from the same ``check_action`` that decides the footer, so the palette
never offers an edit to a viewer or during time travel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets.option_list import Option

from konzept.projections.i18n import LANGUAGES, t

from .model import label
from .text import plain

MAX_HITS = 40


def screen_actions(screen: Screen[Any], lang: str) -> Iterable[tuple[str, str, Callable[[], Any]]]:
    """(title, help, callback) for every action of the screen's bindings possible now.

    Read from the same ``BINDINGS`` data as the footer and the help screen, and
    filtered by the same ``check_action``, so nothing is offered that a key would not do.
    """
    words = LANGUAGES.get(lang, LANGUAGES["de"])
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        action, word = binding.action, binding.description
        if not word.startswith("ui_k_") or "(" in action or "." in action:
            continue
        if not screen.check_action(action, ()):
            continue
        title = t(lang, f"{word}_long") if f"{word}_long" in words else t(lang, word)
        help_ = t(lang, f"{word}_help") if f"{word}_help" in words else ""
        yield title, help_, partial(screen.run_action, action)


def _score(needle: str, key: str, title: str) -> float:
    """Exact key first, then key prefix, title prefix, and anywhere in key or title."""
    if key == needle:
        return 1.0
    if key.startswith(needle):
        return 0.9
    if title.startswith(needle):
        return 0.8
    if needle in key or needle in title:
        return 0.5
    return 0.0


class EntityCommands(Provider):
    """ "Gehe zu …": every entity of the concept, found by typing part of its key or title
    (not listed before typing: there may be thousands)."""

    def _entities(self) -> list[tuple[str, str]]:
        view = getattr(self.screen, "view", None)
        if view is None or not hasattr(self.screen, "select"):
            return []
        return [(key, label(e)) for key, e in view.state.entities.items()]

    async def search(self, query: str) -> Hits:
        lang = str(getattr(self.app, "lang", "de"))
        needle = query.strip().lower()
        if not needle:
            return
        hits = 0
        for key, title in self._entities():
            score = _score(needle, key.lower(), title.lower())
            if not score:
                continue
            yield Hit(
                score,
                plain(f"{key} {title}"),  # not matcher.highlight: it reads "[" as markup
                partial(self.screen.select, key),  # type: ignore[attr-defined]
                help=t(lang, "ui_goto_help"),
            )
            hits += 1
            if hits >= MAX_HITS:
                return


class Palette(CommandPalette):
    """Textual's command palette, with its words in the UI's language.

    Textual lets an app set the placeholder, but writes its "No matches found" into
    the method that shows it (``_start_no_matches_countdown``, Textual 8), with no
    setting to change it; so that method is the one taken over here, as it is in
    Textual but for the sentence. ``tests/tui/test_tui_newcomer.py`` notices when a
    Textual release moves it.
    """

    def __init__(self, lang: str) -> None:
        super().__init__(placeholder=t(lang, "ui_palette_hint"), id="--command-palette")
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_none() -> None:
            if not search_value:  # nothing typed yet: nothing to say
                self._list_visible = False
                return
            none = Text(t(self.lang, "ui_palette_none"), style="not bold")
            option = Option(Align.center(none), disabled=True, id=self._NO_MATCHES)
            self.query_one(CommandList).add_option(option)
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_none)
