"""The pure parts of the UI: forms, drafts checked like the command line, the tree index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from konzept.events import commands as cmd
from konzept.events import values as v
from konzept.events.errors import ValidationError
from konzept.projections.asof import fold_as_of
from konzept.tui.backend import Backend
from konzept.tui.compose import set_attributes
from konzept.tui.dialogs.edit import next_free_key
from konzept.tui.drafts import Draft, check_draft
from konzept.tui.forms import add_form, as_input, edit_form
from konzept.tui.model import build_view


@pytest.fixture
def backend(db: Path, clock: Any) -> Any:
    b = Backend(str(db), "anna", clock)
    yield b
    b.close()


def test_values_are_shown_in_the_form_as_their_parser_reads_them() -> None:
    for raw, parse in (("2030=50", v.year_value), ("A1, A2", v.key_list), ("12.5", v.number)):
        assert as_input(parse(raw)) == raw
    assert as_input(None) == ""


def test_a_draft_is_refused_with_the_command_layer_s_own_sentence(backend: Backend) -> None:
    state = backend.state()
    draft = Draft.fresh(edit_form(state, state.entities["I-01"]))
    draft.values["baseline"] = "2031=100"  # after the target year
    checked = check_draft(backend, draft, "de")
    assert checked.error == "Das Zieljahr 2030 liegt vor dem Jahr des Ausgangswerts 2031."
    english = check_draft(backend, draft, "en")
    assert english.error == "The target year 2030 lies before the baseline year 2031."
    draft.values["target"] = "2035=300"  # together they are fine: judged on the result
    checked = check_draft(backend, draft, "de")
    assert checked.ok, checked
    assert checked.lines == [
        "I-01: Ausgangswert: 100 (2016) → 100 (2031)",
        "I-01: Zielwert: 260 (2030) → 300 (2035)",
    ]


def test_the_change_record_is_checked_too(backend: Backend) -> None:
    draft = Draft.fresh(add_form("field", {"key": "HF7", "title": "Gesundheit"}))
    assert check_draft(backend, draft, "de").ok
    for change, message in (
        ({"effective": "2025-02-30"}, "'2025-02-30' gibt es im Kalender nicht"),
        ({"decision": "B-404"}, "Es gibt keinen Beschluss mit dem Schlüssel B-404."),
    ):
        bad = Draft(draft.form, draft.values, **change)
        checked = check_draft(backend, bad, "de")
        assert message in (checked.error or checked.field_errors.get("effective", ""))


def test_set_attributes_with_nothing_changed_is_refused(backend: Backend) -> None:
    with pytest.raises(ValidationError):
        set_attributes(backend.state(), "HF1", {})


def test_the_tree_index_places_every_goal_measure_and_indicator(db: Path) -> None:
    from konzept.events.store import Store

    with Store.open(db) as store:
        state = fold_as_of(store, "2025-03-01")
    view = build_view(state, "2025-03-01", state.position)
    assert view.sections["field"] == ["HF1", "HF2"]
    assert view.children["HF1"] == ["HF1-L1"]
    assert view.children["HF1-Z1"] == ["M-01", "I-01"]
    assert view.path("I-01") == ["HF1", "HF1-L1", "HF1-Z1", "I-01"]
    assert view.data_year("HF1") == 2023
    assert set(view.below("HF1")) == {"HF1-L1", "HF1-Z1", "M-01", "I-01"}


def test_after_a_conflict_the_form_shows_theirs_where_untouched_and_mine_where_changed(
    backend: Backend, other: Any
) -> None:
    state = backend.state()
    draft = Draft.fresh(edit_form(state, state.entities["HF1"]))
    draft.values["title"] = "Sprache, Bildung, Kultur"
    other(cmd.set_attribute, "HF1", "title", "Sprache", actor="bert")
    other(cmd.set_attribute, "HF1", "description", "Neu beschrieben", actor="bert")
    again = draft.seen_again(backend.state())
    assert again.values["title"] == "Sprache, Bildung, Kultur"  # mine, decided again by me
    assert again.values["description"] == "Neu beschrieben"  # theirs, untouched by me
    assert again.form.seen == draft.form.seen + 2
    assert check_draft(backend, again, "de").lines == [
        "HF1: Titel: Sprache → Sprache, Bildung, Kultur"
    ]


@pytest.mark.parametrize(
    ("key", "taken", "expected"),
    [
        ("HF8", {"HF8"}, "HF9"),
        ("M-09", {"M-09"}, "M-10"),
        ("I-099", {"I-099", "I-100"}, "I-101"),
        ("HF1-Z2", {"HF1-Z2", "HF1-Z3"}, "HF1-Z4"),
        ("KOST", {"KOST"}, None),
    ],
)
def test_a_new_entitys_example_key_is_one_still_free(
    key: str, taken: set[str], expected: str | None
) -> None:
    assert next_free_key(key, taken) == expected


def test_fields_that_only_fit_together_are_judged_together(backend: Backend) -> None:
    # Each step used to be checked against the old values of the others: turning an
    # indicator's direction with its target, or moving a goal to another field under
    # a parent there, was refused in every order.
    state = backend.state()
    indicator = state.entities["I-01"]
    assert indicator["direction"] == "up" and indicator["target"]["value"] == 260
    plan = set_attributes(state, "I-01", {"direction": "down", "target": "2030=50"})
    assert [e.type_name() for e in plan.events] == [
        "IndicatorDirectionChanged",
        "IndicatorTargetChanged",
    ]
    with pytest.raises(ValidationError, match="should fall needs a target below"):
        set_attributes(state, "I-01", {"direction": "down", "target": "2030=500"})
    goal = state.entities["HF1-Z1"]
    assert goal["parent"] == "HF1-L1"
    moved = set_attributes(state, "HF1-Z1", {"field": "HF2", "parent": ""})
    assert len(moved.events) == 2
    with pytest.raises(ValidationError, match="belongs to another field"):
        set_attributes(state, "HF1-Z1", {"field": "HF2"})


def test_an_older_odd_indicator_keeps_its_other_attributes_editable(backend: Backend) -> None:
    # A store from before the direction rule may hold a "down" indicator aiming higher;
    # changing its weight or unit must not be refused for that.
    state = backend.state()
    state.entities["I-01"] = {**state.entities["I-01"], "direction": "down"}
    assert cmd.set_attribute(state, "I-01", "weight", "2").events
    assert cmd.set_attribute(state, "I-01", "unit", "Köpfe").events
    with pytest.raises(ValidationError, match="weight cannot be negative"):
        cmd.set_attribute(state, "I-01", "weight", "-1")
    with pytest.raises(ValidationError, match="should fall"):
        cmd.set_attribute(state, "I-01", "target", "2030=300")
    assert cmd.set_attribute(state, "I-01", "target", "2030=50").events  # now it fits
