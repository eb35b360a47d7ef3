"""Checking an exported log line by line on its way into a store (``konzept import``).

Every line is parsed, its ``data`` re-serialised in the canonical form, its hash
recomputed, its link to the line before and its stream version checked, and its
payload validated against its event type. :func:`_slow_row` is the definition of
what is accepted and of every refusal's wording; it is the code that ran alone
before the import was made fast.

It costs ~15 µs a line in pure Python, which keeps an import of a million events
far from SPEC §7's 100k events/s. So each line is first tried on a fast path
(:func:`_verified`): orjson parses and serialises, the payload's cached pydantic
validator checks it. The fast path never refuses and never decides anything the
slow path would decide differently: it answers only when the line passes every
check, and hands anything unusual (a failed check, an old schema version, a number
orjson formats differently from Python) to the slow path, which then accepts or
refuses exactly as before. Only the slow path's answer reaches the person.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import orjson
from pydantic_core import SchemaValidator

from .catalog import MODELS
from .envelope import FIELDS, GENESIS_HASH, canonical_json, compute_hash, export_line
from .errors import ValidationError
from .store import Row, _readable, _scan

_SORTED = orjson.OPT_SORT_KEYS


def _plain_floats(value: dict[str, Any] | list[Any]) -> bool:
    """Every float inside is one that orjson writes exactly as :func:`canonical_json`.

    Only floats tell the two apart: both write the shortest digits that read back
    as the same number, but Python switches to an exponent outside
    ``1e-4 <= |x| < 1e16`` (``1e+16``, ``1.5e-05``) where orjson writes ``1e16``
    and ``0.000015``. Those are left to the slow path. (A check of the values, not
    of the text: substring searches over bytes cost more than this loop.)
    """
    items: Iterable[Any] = value.values() if isinstance(value, dict) else value
    for item in items:
        kind = type(item)
        if kind is float:
            if not (1e-4 <= abs(item) < 1e16 or item == 0.0):
                return False
        elif (kind is dict or kind is list) and not _plain_floats(item):
            return False
    return True


def fast_canonical(value: Any) -> bytes | None:
    """``canonical_json(value)`` as UTF-8 via orjson, or None where it might differ.

    None for anything orjson cannot write (an integer beyond 64 bits, a lone
    surrogate, more than 254 levels of nesting) or might write differently (see
    :func:`_plain_floats`, which runs second so that its recursion stays shallow);
    the hypothesis tests in ``tests/events`` compare the two over payload shapes.
    """
    try:
        body = orjson.dumps(value, option=_SORTED)
    except TypeError:
        return None
    if isinstance(value, dict | list | float):
        return body if _plain_floats(value if isinstance(value, dict | list) else [value]) else None
    return body


Validate = Callable[[Any], Any]
_validators: dict[str, tuple[int, Validate]] = {}


def _validator(type_: str) -> tuple[int, Validate] | None:
    """The current schema version and compiled pydantic validator of an event type.

    The models defer building their schemas (a CLI call needs a handful); the import
    needs most of them, once each, and then calls the validator directly: what
    ``model_validate`` does, without its per-call wrapper.
    """
    found = _validators.get(type_)
    if found is None and type_ in MODELS:
        cls = MODELS[type_]
        try:
            cls.model_rebuild()
        except Exception:  # a model that cannot be built: the slow path says what
            return None
        validator = cls.__pydantic_validator__
        if not isinstance(validator, SchemaValidator):
            return None
        found = _validators[type_] = (cls.schema_version, validator.validate_python)
    return found


def build_validators() -> None:
    """Build every event type's validator now (~35 ms): before a fork, so that both
    processes of :mod:`.forkimport` share them rather than each building its own."""
    for type_ in MODELS:
        _validator(type_)


def unfit(number: int, type_: str) -> ValidationError:
    """The refusal of a line whose payload does not fit its event type."""
    return ValidationError(
        "Line {line} of the import holds data that does not fit {type}.", line=number, type=type_
    )


def _verified(line: str | bytes) -> Row | None:
    """The row of a line that passes every check that needs no other line, or None
    (then :func:`_slow_row` decides, with the chain's state).

    Both processes of :mod:`.forkimport` call it on the lines they take, so one parse
    serves every check and builds the row that is stored.
    """
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if type(obj) is not dict or tuple(obj) != FIELDS:
        return None
    (position, id_, stream, version, type_, sv, data, rec, eff, actor, reason, dec, ph, h) = (
        obj.values()
    )
    if not (
        type(position) is int
        and type(id_) is str
        and type(stream) is str
        and type(version) is int
        and type(type_) is str
        and type(sv) is int
        and type(data) is dict
        and type(rec) is str
        and type(eff) is str
        and type(actor) is str
        and type(reason) is str
        and (dec is None or type(dec) is str)
        and type(ph) is str
        and type(h) is str
    ):
        return None
    known = _validators.get(type_) or _validator(type_)
    if known is None or known[0] != sv:
        return None  # unknown, or an older version that needs upcasting first
    try:  # fast_canonical(data), spelled out: this runs for every line
        body = orjson.dumps(data, option=_SORTED)
    except TypeError:
        return None
    if not _plain_floats(data):
        return None
    try:
        head = orjson.dumps(
            [position, id_, stream, version, type_, sv, rec, eff, actor, reason, dec, ph]
        )
    except TypeError:
        return None
    if hashlib.sha256(head + b"\n" + body).hexdigest() != h:
        return None
    try:
        known[1](data)
    except Exception:  # whatever it is, the slow path says it in words
        return None
    return (
        position,
        id_,
        stream,
        version,
        type_,
        sv,
        body.decode(),
        rec,
        eff,
        actor,
        reason,
        dec,
        ph,
        h,
    )


def checked_rows(lines: Iterable[str]) -> Iterator[Row]:
    """Parse and verify export lines in order; raise naming the first bad line.

    :func:`_verified` checks what needs no other line, then :class:`Chain` the chain
    (position, link, stream version); a line either step doubts goes to
    :func:`_slow_row`, which accepts it or says what is wrong with it. Lines are
    taken a thousand at a time: a refusal rolls the whole import back anyway.
    """
    chain = Chain()
    lines = iter(lines)
    while batch := list(islice(lines, 1000)):
        yield from chain.check(batch)


class Chain:
    """:func:`checked_rows` for :mod:`.forkimport`, fed in pieces: either lines, or
    what the other process made of its lines (:meth:`link`).

    Lines are text, or bytes split as the text file :func:`checked_rows` reads would
    split them (``bytes.splitlines``: ``\\n``, ``\\r\\n`` and ``\\r``); a line the slow
    path must read is decoded first, so bytes that are not UTF-8 raise
    ``UnicodeDecodeError`` as reading that text file would.
    """

    def __init__(self) -> None:
        self.prev = GENESIS_HASH
        self.count = 0
        self.lines = 0
        self.versions: dict[str, int] = {}

    def check(self, lines: Iterable[str | bytes]) -> list[Row]:
        """Every check of the next lines, in order: their rows, or the refusal of
        the first bad one."""
        return self.link(map(_verified_or_line, lines))

    def link(self, items: Iterable[Row | bytes | str]) -> list[Row]:
        """Chain the next lines, each given as the row :func:`_verified` built from it
        or, where it built none, as the line itself (for the slow path): their rows,
        or the refusal of the first bad one.

        A row that does not fit the chain passed every other check, so the slow path
        refuses it for the chain whatever its text; it is given the row as exported.
        """
        prev, expected, number, versions = self.prev, self.count + 1, self.lines, self.versions
        rows: list[Row] = []
        append = rows.append
        for item in items:
            number += 1
            if not isinstance(item, tuple):  # a line only the slow path reads
                line = item.decode() if isinstance(item, bytes) else item
                decided = _slow_row(number, line, expected, prev, versions)
                if decided is None:
                    continue  # a blank line
                row = decided
            else:
                row = item
                if row[0] != expected or row[12] != prev or row[3] != versions.get(row[2], 0) + 1:
                    _slow_row(number, export_line(row), expected, prev, versions)
                    raise AssertionError("the slow path accepted a line off the chain")
            versions[row[2]] = row[3]
            prev = row[13]
            expected += 1
            append(row)
        self.prev, self.count, self.lines = prev, expected - 1, number
        return rows


def _verified_or_line(line: str | bytes) -> Row | str | bytes:
    return _verified(line) or line


def _slow_row(
    number: int, line: str, expected: int, prev: str, versions: dict[str, int]
) -> Row | None:
    """Check one line with Python's json module; the row, None for a blank line, or
    the refusal naming the line."""
    if not line or line.isspace():
        return None
    try:
        obj = _parse_line(line)
    except (ValueError, RecursionError):  # RecursionError: arrays nested 100,000 deep
        raise ValidationError("Line {line} of the import is not valid JSON.", line=number) from None
    if not isinstance(obj, dict) or tuple(obj) != FIELDS:
        raise ValidationError(
            "Line {line} of the import is not a konzept event envelope.", line=number
        )
    if not (
        _all_str(obj)
        and type(obj["position"]) is int
        and type(obj["version"]) is int
        and type(obj["schema_version"]) is int
        and type(obj["data"]) is dict
        and (obj["decision"] is None or type(obj["decision"]) is str)
    ):
        raise ValidationError(
            "Line {line} of the import has fields of the wrong type.", line=number
        )
    if obj["position"] != expected:
        raise ValidationError(
            "Line {line} of the import has position {position}, expected {expected}.",
            line=number,
            position=obj["position"],
            expected=expected,
        )
    if obj["prev_hash"] != prev:
        raise ValidationError(
            "Line {line} of the import does not link to the line before.", line=number
        )
    stream = obj["stream"]
    if obj["version"] != versions.get(stream, 0) + 1:
        raise ValidationError(
            "Line {line} of the import breaks the versions of {stream}.",
            line=number,
            stream=stream,
        )
    model = MODELS.get(obj["type"])
    if model is None or obj["schema_version"] < 1:
        raise ValidationError("Line {line} of the import has an unknown event type.", line=number)
    if obj["schema_version"] > model.schema_version:  # exported by a newer konzept
        raise ValidationError(
            "Line {line} of the import holds {type} v{version}, newer than this release's "
            "v{supported}; upgrade konzept.",
            line=number,
            type=obj["type"],
            version=obj["schema_version"],
            supported=model.schema_version,
        )
    try:
        data_json = canonical_json(obj["data"])
    except ValueError:
        raise ValidationError(
            "Line {line} of the import holds a NaN or infinite number.", line=number
        ) from None
    row = (
        obj["position"],
        obj["id"],
        stream,
        obj["version"],
        obj["type"],
        obj["schema_version"],
        data_json,
        obj["recorded_at"],
        obj["effective"],
        obj["actor"],
        obj["reason"],
        obj["decision"],
        obj["prev_hash"],
        obj["hash"],
    )
    try:
        digest = compute_hash(*row[:13])
    except UnicodeEncodeError:  # "\udcc4" in the JSON: no konzept ever wrote that
        raise ValidationError(
            "Line {line} of the import holds text that is not valid Unicode.", line=number
        ) from None
    if digest != obj["hash"]:
        raise ValidationError(
            "Line {line} of the import (position {position}) was altered: its hash does not match.",
            line=number,
            position=expected,
        )
    if not _readable(obj["type"], obj["schema_version"], obj["data"]):
        raise unfit(number, obj["type"])
    return row


def _all_str(obj: dict[str, Any]) -> bool:
    """The envelope's text fields are all text (spelled out: this runs per imported line)."""
    return (
        type(obj["id"]) is str
        and type(obj["stream"]) is str
        and type(obj["type"]) is str
        and type(obj["recorded_at"]) is str
        and type(obj["effective"]) is str
        and type(obj["actor"]) is str
        and type(obj["reason"]) is str
        and type(obj["prev_hash"]) is str
        and type(obj["hash"]) is str
    )


def _parse_line(line: str) -> Any:
    """``json.loads`` of one export line: the C scanner directly, ``json.loads`` for
    anything unusual (leading whitespace), so exactly the same lines are accepted."""
    try:
        obj, end = _scan(line, 0)
    except StopIteration:
        return json.loads(line)
    if end != len(line) and not line[end:].isspace():
        return json.loads(line)  # raises, naming what follows the object
    return obj
