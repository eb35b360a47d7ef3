"""A page's lines, rendered part by part when first shown, are the lines of the whole.

The detail pane of an agreement with many obligations is hundreds of lines; a page
renders only the parts of it that are shown (``tui/widgets/lines.py``) and must show
exactly what rendering everything at once shows, at any width.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.console import Console, Group, RenderableType
from rich.text import Text
from textual.strip import Strip

from konzept.events import commands as cmd
from konzept.tui.backend import Backend
from konzept.tui.widgets.detail import render
from konzept.tui.widgets.lines import Lines
from konzept.tui.widgets.tree import Ref

WHAT = [
    "Kurse anbieten",
    "Räume für Sprachkurse in allen Gemeinden des Kreises bereitstellen und pflegen",
    "Ein-sehr-langes-Wort-ohne-Leerzeichen-das-umgebrochen-werden-muss-weil-es-nicht-passt",
    "Pflichten: «Zusagen» — mit Gedankenstrich, 15 %",
]


def whole(content: RenderableType, console: Console, width: int) -> list[Strip]:
    rendered = console.render_lines(content, console.options.update_width(width), pad=False)
    return [Strip(line).crop_extend(0, width, None) for line in rendered]


def agreement(db: Path, other: Any, count: int) -> RenderableType:
    for number in range(count):
        due = "2026-12-31" if number % 3 else None
        other(cmd.add_obligation, "V-01", party="VHS", what=WHAT[number % len(WHAT)],
              due=due, effective="2019-01-01")  # fmt: skip
    backend = Backend(str(db), "anna")
    view = backend.load("2025-03-01")
    backend.close()
    return render(view, Ref("V-01"), "de", 40)


@pytest.mark.parametrize("width", [12, 33, 70])
@pytest.mark.parametrize("shown", [0, 30])
def test_the_lines_are_those_of_the_whole(db: Path, other: Any, width: int, shown: int) -> None:
    content = agreement(db, other, 40)
    console = Console(width=120, force_terminal=True, color_system="truecolor")
    lines = Lines(content, console, width, shown)
    expected = whole(content, console, width)
    assert len(lines) == len(expected) > 80
    backwards = [lines.line(index) for index in reversed(range(len(lines)))]
    assert [list(strip) for strip in reversed(backwards)] == [list(s) for s in expected]


def test_odd_parts_are_the_lines_of_the_whole() -> None:
    console = Console(width=80, force_terminal=True, color_system="truecolor")
    glued = Text("ohne Zeilenende ", end="")
    for content in (
        Group(Text(), Text("a\n\nb"), Text("x" * 50, no_wrap=True, overflow="crop")),
        Group(glued, Text("weiter auf derselben Zeile")),
        "nur ein Text, der umbricht " * 4,
    ):
        lines = Lines(content, console, 20)
        expected = whole(Text(content) if isinstance(content, str) else content, console, 20)
        assert [list(lines.line(i)) for i in range(len(lines))] == [list(s) for s in expected]


def test_only_the_parts_shown_are_rendered(db: Path, other: Any, monkeypatch: Any) -> None:
    content = agreement(db, other, 120)
    assert isinstance(content, Group)
    parts = {id(part) for part in content.renderables}
    console = Console(width=120, force_terminal=True, color_system="truecolor")
    rendered: list[object] = []  # the parts of the content rendered, in order
    real = Console.render_lines

    def counted(self: Console, renderable: Any, *args: Any, **kwargs: Any) -> Any:
        if id(renderable) in parts:
            rendered.append(renderable)
        return real(self, renderable, *args, **kwargs)

    monkeypatch.setattr(Console, "render_lines", counted)
    lines = Lines(content, console, 60, shown=20)
    assert len(lines) > 120
    up_front = len(rendered)  # the parts of the first screenful, painted next
    assert 0 < up_front < 25 < len(parts)
    for index in range(20):  # that screenful, painted
        lines.line(index)
    assert len(rendered) == up_front
    lines.line(len(lines) - 1)  # the last line: its part alone
    assert len(rendered) == up_front + 1


async def test_stepping_onto_a_tall_agreement_renders_the_lines_shown(
    app_for: Any, other: Any, ui: Any, monkeypatch: Any
) -> None:
    for number in range(120):
        other(cmd.add_obligation, "V-01", party="VHS", what=WHAT[number % len(WHAT)],
              effective="2019-01-01")  # fmt: skip
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert app.main.concept_tree.select(Ref(section="agreement"))
        await ui.press(pilot, "right")
        obligations: list[str] = []  # obligation lines rendered, one entry per rendering
        real = Console.render_lines

        def counted(self: Console, renderable: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(renderable, Text) and renderable.plain.split(". VHS: ")[0].isdigit():
                obligations.append(renderable.plain)
            return real(self, renderable, *args, **kwargs)

        monkeypatch.setattr(Console, "render_lines", counted)
        await ui.press(pilot, "down")
        pane = app.main.detail_pane
        assert app.main.ref == Ref("V-01")
        assert pane.virtual_size.height > 200 and pane.show_vertical_scrollbar
        height = pane.scrollable_content_region.height
        assert 0 < len(obligations) <= height  # those on screen, each once
        pane.focus()
        await ui.press(pilot, "end")
        await pilot.wait_for_scheduled_animations()
        assert "120. VHS:" in "".join(obligations[-height:])  # the last ones, when shown
