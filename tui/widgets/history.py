"""The past of the selected entity: its events (who, recorded, effective, why, decision)
and blame (which event last set each attribute)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from konzept.events.envelope import Envelope
from konzept.projections.describe import fmt, summary
from konzept.projections.history import Blame, entry_word
from konzept.projections.i18n import t
from konzept.projections.render import safe
from konzept.projections.views import attribute_label

from ..text import plain, shown
from .page import Page


def envelope_block(
    e: Envelope, lang: str, *, key: bool = False, today: str | None = None
) -> RenderableType:
    """One event in three short lines: what, who/when, why."""
    grid = _events_grid()
    grid.add_row(*_event_row(e, lang, key=key, today=today))
    return grid


def _events_grid() -> Table:
    """Events as rows: the position, then the event's lines wrapped beside it, so a
    long line goes on under its own text and the positions stand out in their column."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _event_row(
    e: Envelope, lang: str, *, key: bool = False, today: str | None = None
) -> tuple[Text, Text]:
    """The event's position, and its lines; one that takes effect after ``today`` (the
    date the concept is shown for) is marked as scheduled: it is in the history, not
    yet in the concept shown."""
    text = Text()
    if key:
        text.append(plain(entry_word(e, lang), "bold"))
        text.append(" ")
    text.append(plain(summary(e, lang)))
    text.append("\n")
    text.append(plain(e.actor, "cyan"))
    text.append(
        f" · {t(lang, 'recorded_at')} {e.recorded_at[:16].replace('T', ' ')} UTC", style="dim"
    )
    text.append(f" · {t(lang, 'effective')} {e.effective}", style="dim")
    if today is not None and e.effective > today:
        text.append(f" ({t(lang, 'ui_scheduled')})", style="bold yellow")
    if e.reason or e.decision:
        text.append("\n» ")
        text.append(plain(e.reason, "italic"))
        if e.decision:
            text.append(" [")
            text.append(plain(e.decision, "bold magenta"))
            text.append("]")
    return Text(f"#{e.position}"), text


def revert_option(e: Envelope, lang: str) -> tuple[str, str]:
    """(position, label) of an event offered for a revert: what, when, by whom."""
    line = f"#{e.position} {e.effective} {e.actor}: {summary(e, lang)}"
    return str(e.position), safe(line)


def history_view(envelopes: list[Envelope], lang: str, today: str | None = None) -> RenderableType:
    if not envelopes:
        return Text(t(lang, "ui_no_history"), style="dim")
    grid = _events_grid()
    for e in reversed(envelopes):
        grid.add_row(*_event_row(e, lang, today=today))
    return grid


def blame_view(blame: dict[str, Blame], lang: str) -> RenderableType:
    if not blame:
        return Text(t(lang, "ui_no_history"), style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, b in blame.items():
        head, _, year = name.partition(".")
        word = attribute_label(name, lang)  # "Messwert 2024", as the command line says
        e = b.envelope
        cell = plain(shown(head, b.value, lang) if not year else fmt(b.value, lang), "bold")
        cell.append(f"\n#{e.position} ", style="dim")
        cell.append(plain(e.actor, "cyan"))
        cell.append(f" {e.effective}", style="dim")
        if e.reason:
            cell.append(" » ")
            cell.append(plain(e.reason, "italic"))
        if e.decision:
            cell.append(" [")
            cell.append(plain(e.decision, "bold magenta"))
            cell.append("]")
        grid.add_row(word, cell)
    return grid


class PastPane(Page):
    """A scrollable pane for the history or the blame of one entity."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(Text(t(lang, "ui_pick_entity"), style="dim"), id=id)
        self.lang = lang
