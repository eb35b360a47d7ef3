"""The CLI's JSON writer: the text of ``json.dumps(..., indent=2)`` wherever the two can
agree, and the same data always."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from konzept.cli.jsontext import dumps

finite = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.text(st.characters(codec="utf-8"), max_size=8)
    | st.sampled_from(["", 'ä\u200b\x00\x1b[31m"\\/', "\u2028", "{[,]}: ", "\x7f"])
)


def _documents(scalars: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        ),
        max_leaves=40,
    )


def _reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=500, deadline=None)
@given(_documents(finite))
def test_without_floats_the_text_of_json_dumps(value: Any) -> None:
    assert dumps(value) == _reference(value)


@settings(max_examples=500, deadline=None)
@given(_documents(finite | st.floats(allow_nan=False, allow_infinity=False)))
def test_with_floats_the_same_data(value: Any) -> None:
    assert json.loads(dumps(value)) == json.loads(_reference(value))


def test_a_value_that_is_not_a_number_is_valid_json() -> None:
    text = dumps({"progress": math.nan, "expected": math.inf})
    assert json.loads(text) == {"progress": None, "expected": None}


def test_keys_that_are_not_strings_as_json_dumps_writes_them() -> None:
    value = {"a": [{1: "x", 2.5: [], None: {}, False: [1]}], 3: {"b": 1}}
    assert dumps(value) == _reference(value)


def test_a_concept_shaped_document() -> None:
    entity = {
        "key": "I-01",
        "values": {"2019": 12.5, "2020": 13},
        "baseline": {"year": 2018, "value": 10},
        "partners": [],
        "obligations": [{"number": 1, "party": "A", "due": None}],
    }
    doc = {"concept": {"title": "K", "settings": {}}, "entities": [entity, {"key": "G"}]}
    assert dumps(doc) == _reference(doc)
