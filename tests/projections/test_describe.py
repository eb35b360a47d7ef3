"""The one-line summary's fast path for text set to text words a change exactly as
the general path does, for every ``set`` type and whatever its payload holds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from konzept.projections import describe

SET_TYPES = sorted(describe._SETS)

values = st.one_of(
    st.text(max_size=12),
    st.none(),
    st.integers(-10_000, 10_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.lists(st.text(max_size=4), max_size=3),
    st.fixed_dictionaries({"year": st.integers(2000, 2040), "value": st.integers(0, 99)}),
)


def _general(type_: str, data: dict[str, Any], lang: str) -> str:
    fast = describe._SETS
    describe._SETS = {}
    try:
        return describe.summary_of(type_, data, lang)
    finally:
        describe._SETS = fast


def test_most_set_types_have_a_fast_path() -> None:
    assert {"GoalRedescribed", "MeasureRetitled", "IndicatorRenamed"} <= set(SET_TYPES)


@given(
    type_=st.sampled_from(SET_TYPES),
    new=values,
    old=values,
    extra=st.sampled_from([None, "note", "aaa", "zzz"]),
    lang=st.sampled_from(["de", "en"]),
)
def test_the_fast_path_words_a_change_as_the_general_path(
    type_: str, new: Any, old: Any, extra: str | None, lang: str
) -> None:
    name = describe._SETS[type_]
    data: dict[str, Any] = {name: new, "previous": old}
    if extra is not None:  # a payload with more in it takes the general path
        data[extra] = "x"
    assert describe.summary_of(type_, data, lang) == _general(type_, data, lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_text_change_reads_label_old_arrow_new(lang: str) -> None:
    said = describe.summary_of("MeasureRetitled", {"title": "B", "previous": "A"}, lang)
    assert said == ("Titel: A → B" if lang == "de" else "Title: A → B")
