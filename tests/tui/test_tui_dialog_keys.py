"""The confirmation and the conflict dialog take Enter wherever the focus is in them.

An Enter typed the moment a dialog appears must not be lost: the default answer is
focused as the dialog is shown, and Enter outside the buttons (on the scrollable body)
takes the default answer too.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from konzept.tui.dialogs.confirm import ConfirmDialog
from konzept.tui.dialogs.conflict import ConflictDialog


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("host")


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (["enter"], True),
        (["right", "enter"], False),
        (["tab", "tab", "enter"], True),  # focus on the long body: the default answer
        (["escape"], False),
    ],
)
async def test_confirmation_answers(keys: list[str], answer: bool) -> None:
    app = Host()
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConfirmDialog("Titel", "Zeile " * 500, "Ja", "Nein", "de"), answers.append)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "confirm-yes"
        await pilot.press(*keys)
        await pilot.pause()
    assert answers == [answer]


async def test_conflict_dialog_takes_enter_as_review() -> None:
    app = Host()
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConflictDialog("HF1", [], "de", "2025-03-01"), answers.append)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "conflict-review"
        await pilot.press("tab", "enter")  # discard focused: Enter presses discard
        await pilot.pause()
    assert answers == [False]
