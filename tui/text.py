"""User text on screen: always through :func:`plain`, never through Rich markup.

A title like ``Kurse [neu]`` would be read as markup, and a title holding an ANSI
escape would repaint the terminal; ``plain`` shows both literally (control characters
as ``\\xNN``, via the read side's :func:`~konzept.projections.render.safe`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from konzept.events.kinds import CLOSED
from konzept.events.state import Entity
from konzept.projections.describe import fmt_attribute
from konzept.projections.i18n import t
from konzept.projections.render import safe

from .model import label

#: Attributes whose stored value is a word of the i18n table.
WORD_VALUES = {"direction", "actor_kind", "status", "language"}
#: Colours of indicator statuses, shared by the tree, the detail pane and the chart.
STATUS_STYLE = {
    "achieved": "bold green",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "no_data": "dim",
}


def plain(text: Any, style: str = "") -> Text:
    """Any user text as a Rich ``Text``: no markup, control characters made visible."""
    return Text(safe(str(text)), style=style)


def shown(name: str, value: Any, lang: str) -> str:
    """An attribute's value as people read it (words translated, numbers German)."""
    if name in WORD_VALUES and isinstance(value, str):
        return t(lang, value)
    return fmt_attribute(name, value, lang)  # years without a thousands separator


def entity_line(entity: Entity, lang: str) -> Text:
    """``KEY title`` with the status after it; closed entities dimmed."""
    closed = entity["status"] in CLOSED
    line = Text()
    line.append(safe(entity["key"]), style="bold dim" if closed else "bold")
    line.append(" ")
    line.append(safe(label(entity)), style="dim strike" if closed else "")
    return line


def clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: a longer one is cut and ends in an ellipsis."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip() + "…"


#: The cells an actor key keeps in a one-line obligation; keys are short, but need not be.
PARTY_WIDTH = 12


def obligation_choice(obligation: Mapping[str, Any], lang: str, width: int) -> str:
    """An obligation on one line of ``width`` cells, as the detail pane words it:
    ``3. BAMF: Elternkurse mit Kinderbe… (fällig 2022-03-31)``.

    What is owed gives way first, so the number, the party and the due date always
    show; control characters come out as ``\\xNN``.
    """
    head = f"{obligation['number']}. {clip(safe(str(obligation['party'])), PARTY_WIDTH)}: "
    due = obligation.get("due")
    tail = f" ({t(lang, 'due')} {safe(str(due))})" if due else ""
    what = " ".join(safe(str(obligation["what"])).split())
    return head + clip(what, width - cell_len(head) - cell_len(tail)) + tail
