"""The detail pane: every attribute and the status of what the tree's cursor is on.

Rendering reads only the folded state the screen hands down, so moving the cursor
never touches the store.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.events import Resize

from konzept.events.kinds import KINDS
from konzept.events.state import Entity
from konzept.projections.i18n import cap, t
from konzept.projections.status import indicator_status

from ..model import ConceptView, label, latest_year
from ..text import STATUS_STYLE, plain, shown
from .chart import value_chart
from .page import Page
from .tree import Ref

_HIDDEN = {"key", "kind", "values", "obligations", "previous", "status", "since", "updated"}
_CONCEPT = ("title", "territory", "population", "area_km2", "language")


class DetailPane(Page):
    """Shows one entity, a section or the concept."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._shown: tuple[ConceptView, Ref] | None = None

    def show_ref(self, view: ConceptView, ref: Ref) -> None:
        """Show an entity (or section, or the concept) of ``view``."""
        self._shown = (view, ref)
        self.show(render(view, ref, self.lang, self._chart_width()))

    def on_resize(self, event: Resize) -> None:
        if self._shown is not None:  # the chart is drawn for the width: draw it anew
            self.content = render(*self._shown, self.lang, self._chart_width())
        super().on_resize(event)

    def _chart_width(self) -> int:
        return max(30, self.scrollable_content_region.width)


def render(view: ConceptView, ref: Ref, lang: str, width: int = 44) -> RenderableType:
    if ref.key is not None:
        entity = view.get(ref.key)
        if entity is not None:
            return entity_view(view, entity, lang, width)
        return Text(t(lang, "ui_not_as_of", key=ref.key), style="dim")
    if ref.section is not None:
        count = len(view.sections.get(ref.section, []))
        return Group(
            Text(t(lang, f"{ref.section}s") if ref.section != "step" else t(lang, "steps"),
                 style="bold"),
            Text(t(lang, "ui_section_count", count=count)),
            Text(t(lang, "ui_section_hint"), style="dim"),
        )  # fmt: skip
    return concept_view(view, lang)


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _ref_text(view: ConceptView, keys: Any) -> Text:
    items = keys if isinstance(keys, list) else [keys]
    text = Text()
    for i, key in enumerate(k for k in items if k):
        if i:
            text.append(", ")
        text.append(plain(key, "bold"))
        other = view.get(key)
        if other is not None and not isinstance(keys, list):
            text.append(" ")
            text.append(plain(label(other)))
    return text or Text("—")


def entity_view(view: ConceptView, entity: Entity, lang: str, width: int) -> RenderableType:
    kind = KINDS[entity["kind"]]
    status = entity["status"]
    head = Text()
    head.append(f"{cap(t(lang, entity['kind']))} ", style="dim")
    head.append(plain(entity["key"], "bold"))
    head.append(f" · {t(lang, status)}", style="italic")
    parts: list[RenderableType] = [head, plain(label(entity), "bold")]
    grid = _grid()
    names = [n for n in kind.attrs if n in entity and n not in ("title", "name")]
    names += [n for n in entity if n not in kind.attrs and n not in _HIDDEN]
    for name in names:
        value = entity.get(name)
        attr = kind.attrs.get(name)
        cell = _ref_text(view, value) if attr and attr.ref else plain(shown(name, value, lang))
        grid.add_row(cap(t(lang, name)), cell)
    grid.add_row(cap(t(lang, "since")), entity.get("since", ""))
    grid.add_row(cap(t(lang, "ui_updated")), entity.get("updated", ""))
    tolerance = view.state.settings.get("tolerance", 10)
    if entity["kind"] == "indicator":  # the figures first: they are why people look
        parts += [_status_line(entity, view, lang), value_chart(entity, tolerance, lang, width)]
        parts.append(Text())
    parts.append(grid)
    if entity["kind"] in ("goal", "field"):
        fn = view.goal_progress if entity["kind"] == "goal" else view.field_progress
        year = view.data_year(entity["key"])
        progress = fn(entity["key"], year, tolerance)
        shown_ = "—" if progress is None else f"{progress:.0f} %"
        parts.append(Text(f"{cap(t(lang, 'progress'))} {year}: {shown_}"))
    if entity.get("obligations"):
        parts += [Text(), Text(cap(t(lang, "obligations")), style="bold")]
        for o in entity["obligations"]:
            line = Text(f"{o['number']}. ")
            line.append(plain(o["party"], "bold"))
            line.append(": ")
            line.append(plain(o["what"]))
            if o.get("due"):
                line.append(f" ({t(lang, 'due')} {o['due']})", style="dim")
            if o.get("fulfilled"):
                line.append(f" ✓ {t(lang, 'fulfilled')} {o['fulfilled']}", style="green")
            parts.append(line)
    return Group(*parts)


def _status_line(indicator: Entity, view: ConceptView, lang: str) -> Text:
    year = latest_year(indicator, view.year) or view.year
    st = indicator_status(indicator, year, view.state.settings.get("tolerance", 10))
    line = Text(f"{cap(t(lang, 'status'))} {year}: ")
    line.append(t(lang, st.status), style=STATUS_STYLE[st.status])
    if st.progress is not None:
        line.append(f" · {t(lang, 'progress')} {st.progress:.0f} %")
    return line


def concept_view(view: ConceptView, lang: str) -> RenderableType:
    concept = view.state.concept
    grid = _grid()
    for name in _CONCEPT[1:]:
        grid.add_row(cap(t(lang, name)), plain(shown(name, concept.get(name), lang)))
    closed = ", ".join(str(y) for y in view.state.closed_years) or "—"
    grid.add_row(cap(t(lang, "ui_closed_years")), closed)
    grid.add_row(cap(t(lang, "ui_as_of")), view.as_of)
    grid.add_row(cap(t(lang, "position")), str(view.head))
    counts = _grid()
    for kind in ("field", "goal", "measure", "indicator", "actor", "agreement", "decision"):
        counts.add_row(t(lang, f"{kind}s"), str(len(view.state.of_kind(kind))))
    title = plain(concept.get("title") or t(lang, "concept"), "bold")
    return Group(title, grid, Text(), counts)
