"""SVG snapshots at 80×24 of every screen and dialog, with a frozen clock and no blink.

Update after an intended change of the look: ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from konzept.events import commands as cmd
from konzept.tui.app import KonzeptApp

Step = Callable[[Pilot[Any]], Awaitable[None]]


def steps(ui: Any, *actions: Any) -> Step:
    """A run_before: settle, then each action (keys, a key to select, text to type)."""

    async def run(pilot: Pilot[Any]) -> None:
        await ui.settle(pilot)
        for action in actions:
            if callable(action):
                action(pilot)
            elif action.startswith("select:"):
                pilot.app.main.select(action[7:])  # type: ignore[attr-defined]
            elif action.startswith("type:"):
                await ui.type(pilot, action[5:])
            elif action.startswith("set:"):
                selector, _, value = action[4:].partition("=")
                widget = pilot.app.screen.query_one(selector, Input)
                widget.focus()
                widget.value = value
            else:
                await pilot.press(action)
            await ui.settle(pilot)
        ui.no_blink(pilot)
        await ui.settle(pilot)

    return run


def test_main_screen(snap_compare: Any, app_for: Callable[..., KonzeptApp], ui: Any) -> None:
    assert snap_compare(app_for(), run_before=steps(ui, "down", "right"))


def test_indicator_with_chart(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(), run_before=steps(ui, "select:I-01"))


def test_indicator_history(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(), run_before=steps(ui, "select:I-01", "2"))


def test_goal_blame(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(), run_before=steps(ui, "select:HF1-Z1", "3"))


def test_edit_form_checked_as_you_type(snap_compare: Any, app_for: Any, ui: Any) -> None:
    run = steps(ui, "select:HF1-Z1", "e", "set:#f-title=Mehr und bessere Kursplätze",
                "set:#m-reason=Ausschuss wünscht Qualität")  # fmt: skip
    assert snap_compare(app_for(), run_before=run)


def test_record_form_refuses_a_bad_value(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(), run_before=steps(ui, "select:I-01", "v", "set:#f-value=12x"))


def test_confirmation(snap_compare: Any, app_for: Any, ui: Any) -> None:
    run = steps(ui, "select:HF1-Z1", "e", "set:#f-title=Mehr und bessere Kursplätze",
                "set:#m-decision=KT-2016-1", "ctrl+s")  # fmt: skip
    assert snap_compare(app_for(), run_before=run)


def test_conflict_dialog(snap_compare: Any, app_for: Any, ui: Any, other: Any) -> None:
    def bert_renames(pilot: Pilot[Any]) -> None:
        other(cmd.set_attribute, "HF1-Z1", "title", "Kursplätze ausbauen", actor="bert",
              reason="Klarer", effective="2025-01-15")  # fmt: skip

    run = steps(ui, "select:HF1-Z1", "e", "set:#f-description=Kurse in allen Gemeinden",
                bert_renames, "ctrl+s", "enter")  # fmt: skip
    assert snap_compare(app_for(), run_before=run)


def test_time_travel_banner(snap_compare: Any, app_for: Any, ui: Any) -> None:
    run = steps(ui, "select:I-01", "t", "type:2020", "enter")
    assert snap_compare(app_for(), run_before=run)


def test_change_log(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(), run_before=steps(ui, "l"))


def test_diff(snap_compare: Any, app_for: Any, ui: Any) -> None:
    run = steps(ui, "d", "set:#diff-from=2022", "set:#diff-to=2024")
    assert snap_compare(app_for(), run_before=run)


def test_help(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(), run_before=steps(ui, "question_mark"))


def test_english(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(lang="en"), run_before=steps(ui, "select:I-01"))


def test_viewer(snap_compare: Any, app_for: Any, ui: Any) -> None:
    assert snap_compare(app_for(actor="vera"), run_before=steps(ui, "select:V-01"))
