"""The two halves of an event type agree: the pydantic model (what it carries) and
its entry in ``TYPES`` (what it does), which the read side uses on its own."""

from __future__ import annotations

from konzept.events.catalog import MODELS
from konzept.events.state import SPECS
from konzept.events.types import TYPES, upcast


def test_every_model_has_an_entry_and_every_entry_a_model() -> None:
    assert set(MODELS) == set(TYPES)
    assert set(SPECS) == set(TYPES)


def test_a_set_event_names_the_one_attribute_its_model_carries() -> None:
    for name, facts in TYPES.items():
        if facts.effect != "set":
            continue
        fields = [f for f in MODELS[name].model_fields if f != "previous"]
        if facts.partial:
            assert facts.sets == "", name
            assert len(fields) > 1, name
        else:
            assert [facts.sets] == fields, name


def test_register_binds_schema_version_and_partial_from_the_table() -> None:
    for name, model in MODELS.items():
        assert model.schema_version == TYPES[name].schema_version, name
        assert model.partial == TYPES[name].partial, name
        assert set(TYPES[name].upcasters) == set(range(1, TYPES[name].schema_version)), name


def test_a_withdrawal_stored_before_v2_reads_as_one_of_an_open_year() -> None:
    old = {"year": 2018, "previous": 130}
    current = upcast("IndicatorValueWithdrawn", 1, old)
    assert current == {"year": 2018, "previous": 130, "closed_year": False}
    assert MODELS["IndicatorValueWithdrawn"].model_validate(current).closed_year is False
    assert upcast("IndicatorValueWithdrawn", 2, current) == current
