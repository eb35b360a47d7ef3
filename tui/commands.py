"""The command palette: every action of the screen, and every entity by key or title.

Actions come from the same ``check_action`` that decides the footer, so the palette
never offers an edit to a viewer or during time travel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual.command import Hit, Hits, Provider
from textual.screen import Screen

from konzept.projections.i18n import t

from .model import label
from .text import plain

#: (action, i18n word of the title) of the main screen, in palette order.
MAIN_ACTIONS = (
    ("add", "ui_k_add"),
    ("edit", "ui_k_edit"),
    ("status", "ui_k_status"),
    ("record", "ui_k_record"),
    ("obligation", "ui_k_obligation"),
    ("fulfil", "ui_k_fulfil"),
    ("log", "ui_k_log"),
    ("diff", "ui_k_diff"),
    ("travel", "ui_k_travel"),
    ("now", "ui_k_now"),
    ("report", "ui_k_report"),
)
MAX_HITS = 40


def screen_actions(screen: Screen[Any], lang: str) -> Iterable[tuple[str, str, Callable[[], Any]]]:
    """(title, help, callback) for the screen's actions that are possible right now."""
    actions = MAIN_ACTIONS if hasattr(screen, "select") else ()
    for action, word in actions:
        if screen.check_action(action, ()):
            yield (
                t(lang, f"{word}_long"),
                t(lang, f"{word}_help"),
                getattr(screen, f"action_{action}"),
            )


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
