"""The concept as a tree: fields → goals (Leitziel → Handlungsziel) → measures and
indicators, then actors, agreements, decisions and process steps.

Children are added only when a node is opened, so a concept of thousands of entities
opens as fast as a small one; a new view (live refresh, time travel) rebuilds only
what was open and puts the cursor back where it was.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from konzept.projections.i18n import t
from konzept.projections.render import safe
from konzept.projections.status import indicator_status

from ..model import SECTIONS, ConceptView, latest_year
from ..text import STATUS_STYLE, entity_line
from .scrolling import SteadyScroll


@dataclass(frozen=True)
class Ref:
    """What a node stands for: an entity (by key), a section (by kind), or the root."""

    key: str | None = None
    section: str | None = None


ROOT = Ref()
_PLURAL = {"field": "fields", "actor": "actors", "agreement": "agreements", "decision": "decisions"}
_DEFAULT_STATUS = {"active", "recorded"}


class ConceptTree(Tree[Ref], SteadyScroll):
    """A lazily built tree over a :class:`ConceptView`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "open_node", "ui_k_open", show=False),
        Binding("left", "close_node", "ui_k_close", show=False),
        Binding("home", "first_line", "ui_k_first", show=False),
        Binding("end", "last_line", "ui_k_last", show=False),
    ]

    #: Nesting depth of :meth:`_batched`, and whether the lines changed inside it.
    _batch = 0
    _stale = False

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(t(lang, "concept"), data=ROOT, id=id)
        self.lang = lang
        self.view: ConceptView | None = None
        self.guide_depth = 2
        self._by_ref: dict[Ref, TreeNode[Ref]] = {}
        self._filled: set[Ref] = set()

    def on_resize(self, event: Resize) -> None:
        """A terminal made smaller keeps the cursor's row in sight."""
        if self.cursor_line >= 0:
            self.call_after_refresh(self.scroll_to_line, self.cursor_line, False)

    # --- building ----------------------------------------------------------------------

    def show(self, view: ConceptView) -> None:
        """Show a new view, keeping the open nodes and the cursor."""
        opened = {ref for ref, node in self._by_ref.items() if node.is_expanded}
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        self.view = view
        with self._batched():
            self.clear()
            self._by_ref = {ROOT: self.root}
            self._filled = set()
            self.root.set_label(self._root_label(view))
            self._load(self.root)
            self.root.expand()
            queue: deque[TreeNode[Ref]] = deque(self.root.children)
            while queue:
                node = queue.popleft()
                if node.data in opened:
                    self._load(node)
                    node.expand()
                    queue.extend(node.children)
        if cursor is not None and cursor != ROOT:
            self.select(cursor)
        self._lay_out_now()

    def _root_label(self, view: ConceptView) -> Text:
        title = view.state.concept.get("title") or t(self.lang, "concept")
        return Text(safe(str(title)), style="bold")

    def _load(self, node: TreeNode[Ref]) -> None:
        ref = node.data
        if ref is None or ref in self._filled or self.view is None:
            return
        self._filled.add(ref)
        view = self.view
        if ref == ROOT:
            for kind in SECTIONS:
                keys = view.sections.get(kind, [])
                word = t(self.lang, _PLURAL.get(kind, f"{kind}s"))
                label = Text(f"{word} ({len(keys)})", style="bold")
                self._add(node, Ref(section=kind), label, bool(keys))
            return
        keys = (
            view.sections.get(ref.section, [])
            if ref.section
            else view.children.get(ref.key or "", [])
        )
        with self._batched():
            for key in keys:
                self._add(node, Ref(key), self._label(key), bool(view.children.get(key)))

    def _add(self, parent: TreeNode[Ref], ref: Ref, label: Text, expandable: bool) -> None:
        node = parent.add(label, data=ref, allow_expand=expandable)
        self._by_ref[ref] = node

    def _label(self, key: str) -> Text:
        assert self.view is not None
        entity = self.view.state.entities[key]
        line = entity_line(entity, self.lang)
        if entity["kind"] == "indicator" and entity["status"] == "active":
            tolerance = self.view.state.settings.get("tolerance", 10)
            year = latest_year(entity, self.view.year) or self.view.year
            status = indicator_status(entity, year, tolerance).status
            line = Text("● ", style=STATUS_STYLE[status]) + line
        elif entity["status"] not in _DEFAULT_STATUS:
            line.append(f" · {t(self.lang, entity['status'])}", style="italic dim")
        return line

    @contextmanager
    def _batched(self) -> Iterator[None]:
        """Add or open many nodes, then invalidate the tree's lines once (Textual does
        after every node: a section of 400 entities asked for 400 layouts)."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if not self._batch and self._stale:
                self._stale = False
                super()._invalidate()

    def _invalidate(self) -> None:
        if self._batch:
            self._stale = True
        else:
            super()._invalidate()

    def _lay_out_now(self) -> None:
        """Build the lines and decide on the scrollbar now, not when idle or during the
        next layout: a section that makes the tree scroll then lays the screen out once,
        in the key's own frame (see :mod:`.scrolling`)."""
        self._tree_lines  # noqa: B018
        self.settle_scrollbars()

    def get_label_width(self, node: TreeNode[Ref]) -> int:
        """The label's width without rendering it (Textual renders every label of the
        tree to measure it, each time a node opens)."""
        icon = ""
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        label = node.label
        return cell_len(icon) + (label.cell_len if isinstance(label, Text) else cell_len(label))

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[Ref]) -> None:
        self._load(event.node)  # a node opened some other way (the mouse, Textual's API)

    def _toggle_node(self, node: TreeNode[Ref]) -> None:
        """Space, Enter and a click: fill the node before it opens, so its children are
        laid out and painted in the same frame as the opening, not one layout later."""
        if node.allow_expand and not node.is_expanded:
            self._load(node)
        super()._toggle_node(node)
        self._lay_out_now()

    def action_open_node(self) -> None:
        """→ opens the node, or steps into it when it is open."""
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self._load(node)
            node.expand()
            self._lay_out_now()
        elif node.children:
            self._goto(node.children[0])

    def action_first_line(self) -> None:
        self.move_cursor_to_line(0)

    def action_last_line(self) -> None:
        self.move_cursor_to_line(len(self._tree_lines) - 1)

    def action_close_node(self) -> None:
        """← closes the node, or steps out to its parent when it is closed."""
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
            self._lay_out_now()
        elif node.parent is not None:
            self._goto(node.parent)

    # --- moving ------------------------------------------------------------------------

    def select(self, ref: Ref) -> bool:
        """Open the path to a node and put the cursor on it; False if it is not shown."""
        if self.view is None:
            return False
        if ref.key is not None:
            entity = self.view.get(ref.key)
            if entity is None:
                return False
            kind = entity["kind"]
            top = Ref(section="field" if kind in ("goal", "measure", "indicator") else kind)
            chain = [top] + [Ref(k) for k in self.view.path(ref.key)]
        else:
            chain = [ref]
        node: TreeNode[Ref] | None = self.root
        for step in chain:
            assert node is not None
            self._load(node)
            node.expand()
            node = self._by_ref.get(step)
            if node is None:
                return False
        assert node is not None
        self._goto(node)
        return True

    def _goto(self, node: TreeNode[Ref]) -> None:
        # Line numbers are assigned when the tree lays out its lines; opening a node
        # has just invalidated them, so lay out now rather than after the next repaint.
        self._tree_lines  # noqa: B018
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)
