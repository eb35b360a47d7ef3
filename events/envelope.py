"""The stored envelope of one event, and the canonical serialisation behind the hash chain.

Canonical form (what ``hash`` covers; ``konzept verify`` recomputes exactly this):

1. ``data`` is serialised as JSON with sorted keys, no whitespace
   (``separators=(",", ":")``), UTF-8 without ``\\u`` escapes, NaN/Infinity forbidden.
   That text is what the ``data`` column stores, so reads never re-serialise.
2. The header is the JSON array ``[position, id, stream, version, type,
   schema_version, recorded_at, effective, actor, reason, decision, prev_hash]``
   serialised the same way (``decision`` is ``null`` when absent).
3. ``hash = sha256(header + "\\n" + data).hexdigest()`` over the UTF-8 bytes.

``prev_hash`` of position 1 is 64 zeros, so the chain starts from a fixed point.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64

#: Column order of the events table and of every export line.
FIELDS = (
    "position",
    "id",
    "stream",
    "version",
    "type",
    "schema_version",
    "data",
    "recorded_at",
    "effective",
    "actor",
    "reason",
    "decision",
    "prev_hash",
    "hash",
)

_dumps = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
).encode
_make_c_encoder = getattr(json.encoder, "c_make_encoder", None)
#: The C encoder that ``_dumps`` builds anew on every call, built once: the same text
#: in half the time (hashing and import call it twice per event). Without ``markers``
#: it skips the circular-reference check; stored data comes from JSON or from pydantic
#: models, which cannot be circular.
_c_encode = (
    None
    if _make_c_encoder is None
    else _make_c_encoder(
        None,
        json.JSONEncoder().default,
        json.encoder.encode_basestring,
        None,
        ":",
        ",",
        True,
        False,
        False,
    )
)


def canonical_json(value: Any) -> str:
    """The one serialisation used for stored data and for hashing."""
    if _c_encode is None or isinstance(value, str):
        return _dumps(value)
    return "".join(_c_encode(value, 0))


def compute_hash(
    position: int,
    event_id: str,
    stream: str,
    version: int,
    type_: str,
    schema_version: int,
    data_json: str,
    recorded_at: str,
    effective: str,
    actor: str,
    reason: str,
    decision: str | None,
    prev_hash: str,
) -> str:
    """SHA-256 of the canonical form described in the module docstring."""
    header = canonical_json(
        [
            position,
            event_id,
            stream,
            version,
            type_,
            schema_version,
            recorded_at,
            effective,
            actor,
            reason,
            decision,
            prev_hash,
        ]
    )
    return hashlib.sha256(f"{header}\n{data_json}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Envelope:
    """One event as stored: the domain payload plus who / when / why / on which decision."""

    position: int
    id: str
    stream: str
    version: int
    type: str
    schema_version: int
    data: dict[str, Any]
    recorded_at: str
    effective: str
    actor: str
    reason: str
    decision: str | None
    prev_hash: str
    hash: str

    @property
    def key(self) -> str:
        """The entity key the stream belongs to (``goal:HF1-Z1`` → ``HF1-Z1``)."""
        return stream_key(self.stream)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


def stream_key(stream: str) -> str:
    return stream.partition(":")[2] or stream


def row_hash(row: tuple[Any, ...]) -> str:
    """Recompute the hash of a raw events-table row (columns in ``FIELDS`` order)."""
    (pos, eid, stream, version, type_, sv, data, rec, eff, actor, reason, dec, prev, _h) = row
    return compute_hash(
        pos, eid, stream, version, type_, sv, data, rec, eff, actor, reason, dec, prev
    )


def export_line(row: tuple[Any, ...]) -> str:
    """One JSON Lines record, keys in ``FIELDS`` order, ``data`` embedded as stored.

    Because ``data`` is already canonical text it is spliced in rather than re-encoded,
    so export is fast and import → export reproduces the file byte for byte.
    """
    head = _plain(dict(zip(FIELDS[:6], row[:6], strict=True)))
    tail = _plain(dict(zip(FIELDS[7:], row[7:], strict=True)))
    return f'{head[:-1]},"data":{row[6]},{tail[1:]}'


_plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
