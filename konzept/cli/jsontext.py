"""``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, mostly in C.

Python's C encoder does not indent (before 3.14), so ``indent=2`` runs the pure-Python
encoder: a generator per container, a ``yield`` per token, 0.3 s for the 10 MB of
``konzept show --format json`` on a 1M-event store, more than reading the concept.

Here the C encoder does the work, with the separator of each depth (``",\n"`` and
that depth's indentation). A container holding no non-empty container (an indicator's
values, a baseline, a list of partners) is encoded whole and then opened and closed
on lines of their own, as the pure-Python encoder lays it out. In any other container
each non-empty child is first replaced by a marker string, the container is encoded,
and the children, encoded one depth deeper, are put where the markers are. Should a
text of the document itself contain the marker, the count of markers does not match
and :func:`json.dumps` writes the document instead: the text is always what
``json.dumps`` would have written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_INDENT = "  "
_make_c_encoder: Callable[..., Callable[[Any, int], Any]] | None = getattr(
    json.encoder, "c_make_encoder", None
)
_encode_str: Callable[[str], str] = json.encoder.encode_basestring
_default = json.JSONEncoder().default
_at_depth: dict[int, Callable[[Any, int], Any]] = {}
_HOLE = "\x00konzept:hole\x00"
_HOLE_JSON = _encode_str(_HOLE)
_NESTED = (dict, list, tuple)
#: Types the C encoder writes as one token: a container holding only these is a leaf.
_SCALARS = frozenset({str, int, float, bool, type(None)})


class _Unusual(Exception):
    """The document holds the marker text; json.dumps writes it instead."""


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, faster on large documents."""
    if _make_c_encoder is None:
        return json.dumps(value, ensure_ascii=False, indent=2)
    try:
        return _encode(value, 0)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2)


def _encoder(depth: int) -> Callable[[Any, int], Any]:
    """The C encoder whose item separator starts a line indented to ``depth``."""
    found = _at_depth.get(depth)
    if found is None:
        assert _make_c_encoder is not None
        found = _at_depth[depth] = _make_c_encoder(
            None,  # no circular-reference markers: the documents are trees
            _default,
            _encode_str,
            None,
            ": ",
            ",\n" + _INDENT * depth,
            False,  # sort_keys
            False,  # skipkeys
            True,  # allow_nan, as json.dumps
        )
    return found


def _encode(value: Any, depth: int) -> str:
    if not (isinstance(value, _NESTED) and value):  # scalars, "{}", "[]"
        return "".join(_encoder(0)(value, 0))
    items = value.values() if isinstance(value, dict) else value
    if _SCALARS.issuperset(map(type, items)):  # the common case, checked in C
        nested = []
    else:
        nested = [item for item in items if item and isinstance(item, _NESTED)]
    if (
        nested
        and len(nested) == len(value)
        and not isinstance(value, dict)
        and all(type(child) is dict for child in nested)
    ):  # entities, obligations, changes
        return _list_of_dicts(nested, depth)
    if nested:
        value = _holed(value)
    text = _fill("".join(_encoder(depth + 1)(value, 0)), nested, depth + 1)
    return f"{text[0]}\n{_INDENT * (depth + 1)}{text[1:-1]}\n{_INDENT * depth}{text[-1]}"


def _holed(value: Any) -> Any:
    """The container with each non-empty child replaced by the marker."""
    if isinstance(value, dict):
        return {k: _HOLE if v and isinstance(v, _NESTED) else v for k, v in value.items()}
    return [_HOLE if v and isinstance(v, _NESTED) else v for v in value]


def _list_of_dicts(children: list[Any], depth: int) -> str:
    """A list of dicts: each child's non-empty containers replaced by the marker, the
    list of these flat dicts in one C call, then the containers put in."""
    grandchildren: list[Any] = []
    flat = []
    for child in children:
        if _SCALARS.issuperset(map(type, child.values())):
            flat.append(child)
            continue
        holed = {}
        for key, item in child.items():
            if item and isinstance(item, _NESTED):
                grandchildren.append(item)
                holed[key] = _HOLE
            else:
                holed[key] = item
        flat.append(holed)
    return _fill(_list_of_flat_dicts(flat, depth), grandchildren, depth + 2)


def _fill(text: str, children: list[Any], depth: int) -> str:
    """Put each child, encoded at ``depth``, where its marker stands in ``text``."""
    if not children:
        return text
    parts = text.split(_HOLE_JSON)
    if len(parts) != len(children) + 1:
        raise _Unusual
    filled = [parts[0]]
    for child, part in zip(children, parts[1:], strict=True):
        filled += (_encode(child, depth), part)
    return "".join(filled)


def _list_of_flat_dicts(children: list[Any], depth: int) -> str:
    """A list of flat dicts in one C call at the children's depth.

    Encoded with the separator of the children's items, the list's own separator
    comes out as ``"},\n" + indent + "{"``, which nothing inside a flat dict can
    produce (an item separator there is followed by a key, and an encoded string
    never holds a raw line break), so it is replaced by the list's layout.
    """
    outer, inner = _INDENT * (depth + 1), _INDENT * (depth + 2)
    text = "".join(_encoder(depth + 2)(children, 0))
    body = text[2:-2].replace("},\n" + inner + "{", f"\n{outer}}},\n{outer}{{\n{inner}")
    return f"[\n{outer}{{\n{inner}{body}\n{outer}}}\n{_INDENT * depth}]"
