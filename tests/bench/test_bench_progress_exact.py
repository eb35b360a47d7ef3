"""The UI view's progress indexes say exactly what the projections say.

``ConceptView.goal_progress`` and ``field_progress`` read a goal's indicators and a
field's goals from indexes built with the view, where ``projections.status`` scans the
whole state; on a synthetic history with every status and many years they must agree
for every goal, every field and every year.
"""

from __future__ import annotations

from pathlib import Path

from bench.generate import build
from konzept.events.store import Store
from konzept.projections.asof import fold_as_of
from konzept.projections.status import field_progress, goal_progress
from konzept.tui.model import build_view


def test_indexed_progress_is_the_projections_progress(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    build(path, 3000)
    store = Store.open(path)
    state = fold_as_of(store, "2030-12-31")
    store.close()
    view = build_view(state, "2030-12-31", 3000)
    goals = [k for k, e in state.entities.items() if e["kind"] == "goal"]
    fields = [k for k, e in state.entities.items() if e["kind"] == "field"]
    assert goals and fields and view.indicators
    compared = 0
    for year in range(2015, 2031):
        for goal in goals:
            expected = goal_progress(state, goal, year, 10)
            assert view.goal_progress(goal, year, 10) == expected, (goal, year)
            compared += expected is not None
        for field in fields:
            assert view.field_progress(field, year, 10) == field_progress(state, field, year, 10)
    assert compared > 0  # some goals had figures
