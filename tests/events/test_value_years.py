"""A measured value is for a year that has come (or the next one); targets may lie ahead.

Judged against the recording date, so a history written with its own clock (the demo,
the benchmark's ten years) is judged by its own time, not by today's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from konzept.events import Konzept, ValidationError
from konzept.events import commands as cmd


@pytest.fixture
def indicator(session: Konzept, mk: Any) -> Konzept:
    m = mk("setup", "2016-01-01")
    session.execute(cmd.add_field, "HF1", title="Sprache", meta=m)
    session.execute(cmd.add_goal, "Z1", field="HF1", title="Kurse", target_year="2099", meta=m)
    session.execute(
        cmd.add_indicator, "I1", goal="Z1", name="Plätze", unit="Plätze", direction="up",
        baseline="2016=10", target="2150=90", meta=m,
    )  # fmt: skip
    return session


def test_a_value_for_next_year_is_taken_but_not_for_the_year_after(
    indicator: Konzept, mk: Any
) -> None:
    this = date.today().year
    indicator.execute(cmd.record_value, "I1", this + 1, "5", meta=mk("Schätzung"))
    before = indicator.store.count()
    with pytest.raises(ValidationError) as refused:
        indicator.execute(cmd.record_value, "I1", this + 2, "5", meta=mk("zu früh"))
    assert refused.value.message == (
        f"A value for {this + 2} cannot be recorded yet: measured values go up to "
        f"{this + 1}; targets may lie further ahead."
    )
    assert indicator.store.count() == before


def test_the_recording_date_decides_not_the_wall_clock(indicator: Konzept, mk: Any) -> None:
    then = mk("Statistik", "2017-03-01", recorded_at="2017-03-01T09:00:00.000000Z")
    indicator.execute(cmd.record_value, "I1", 2018, "12", meta=then)
    with pytest.raises(ValidationError, match="A value for 2019 cannot be recorded yet"):
        indicator.execute(cmd.record_value, "I1", 2019, "12", meta=then)


def test_an_import_is_refused_whole_for_one_future_row(indicator: Konzept, mk: Any) -> None:
    before = indicator.store.count()
    rows = "I1,2020,5\nI1,2099,6\n"
    with pytest.raises(ValidationError) as refused:
        indicator.import_values(rows, meta=mk("Lieferung"))
    assert refused.value.text("de").startswith("Ein Messwert für 2099 kann noch nicht erfasst")
    assert indicator.store.count() == before


def test_a_dry_run_refuses_what_the_write_would(indicator: Konzept, mk: Any) -> None:
    """The UI checks a draft with plan + check: the same refusal, before anything is written."""
    plan = indicator.plan(cmd.record_value, "I1", 2099, "5")
    assert plan.value_years == [2099]
    with pytest.raises(ValidationError, match="cannot be recorded yet"):
        indicator.check(plan, mk("Vorschau"))
