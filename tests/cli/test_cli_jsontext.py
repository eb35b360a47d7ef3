"""The CLI's JSON writer gives exactly the text of ``json.dumps(..., indent=2)``."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from konzept.cli.jsontext import _HOLE, dumps

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec="utf-8"), max_size=8)
    | st.sampled_from(["", 'ä\u200b\x00\x1b[31m"\\/', "\u2028", "{[,]}: "])
)
documents = st.recursive(
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
@given(documents)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value) == _reference(value)


def test_keys_that_are_not_strings() -> None:
    value = {"a": [{1: "x", 2.5: [], None: {}, False: [1]}], 3: {"b": math.inf}}
    assert dumps(value) == _reference(value)
    leaf = {"values": {2019: 1.5, 2020: None}}
    assert dumps(leaf) == _reference(leaf)


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


def test_a_text_that_is_the_marker_itself() -> None:
    marked = {"a": [_HOLE, {"b": [1]}], _HOLE: {"c": {}}}
    assert dumps(marked) == _reference(marked)
