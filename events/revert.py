"""``konzept revert POSITION``: undo one event by appending, never by deleting.

The state of the event's stream just before it is folded from the log; for each thing
the event changed, the plan sets it back through the ordinary event for that change
(a reworded title is reworded back, a recorded value is withdrawn, a status is
restored). A revert is refused when a later event already changed the same thing
again, because restoring would silently overwrite that later change.
"""

from __future__ import annotations

import json
from typing import Any

from . import catalog as ev
from .commands import Plan
from .envelope import stream_key
from .errors import Message, ValidationError, Word
from .kinds import KINDS
from .state import SPECS, State, fold_rows
from .store import Store
from .types import REVERT_NOTE


def revert_plan(store: Store, state: State, position: int, *, reopen: bool = False) -> Plan:
    """The events that undo the one at ``position``; a value of a closed year is
    only changed back with ``reopen``, as a correction of that year."""
    rows = list(store.rows("position = ?", [position]))
    if not rows:
        raise ValidationError("There is no event at position {position}.", position=position)
    stream, type_ = rows[0][2], rows[0][4]
    key = stream_key(stream)
    spec = SPECS[type_]
    before, after = (
        _stream_state(store, stream, position - 1),
        _stream_state(store, stream, position),
    )
    now = state.entities.get(key)
    # A revert needs its own reason: said here, so a dry run (the UI's) refuses too.
    plan = Plan(needs_reason=Message("reverting position {position}", position=position))
    if type_ == "ConceptCreated":
        raise ValidationError(
            "Position {position} created the concept; it cannot be reverted.", position=position
        )
    if spec.effect == "create":
        kind = KINDS[spec.kind]
        if kind.retire_to is None:
            raise ValidationError(
                "Position {position} added {key}; an addition is not reverted.",
                position=position,
                key=key,
            )
        raise ValidationError(
            "Position {position} added {key}; an addition is not reverted — set its status "
            "to '{status}' instead.",
            position=position,
            key=key,
            status=Word(kind.retire_to, "status"),
        )
    if now is None:  # not an entry of the concept: who may do what, details, settings
        if stream == "people":
            raise ValidationError(
                "Position {position} changed who may do what; change that with 'grant' or "
                "'revoke' instead of reverting it.",
                position=position,
            )
        raise ValidationError(
            "Position {position} changed the concept's details or settings; set them again "
            "with 'set concept' or 'set settings' instead of reverting it.",
            position=position,
        )
    old, new = before.entities[key], after.entities[key]
    if spec.effect == "set":
        kind = KINDS[now["kind"]]
        changed = [a for a in kind.attrs if old.get(a) != new.get(a)]
        for name in changed:
            _unchanged_since(now, new, name, position)
            plan.add(
                state,
                stream,
                ev.MODELS[kind.attrs[name].event](
                    **{name: old.get(name), "previous": now.get(name)}
                ),
            )
    elif spec.effect == "status":
        _unchanged_since(now, new, "status", position)
        plan.add(state, stream, ev.StatusRestored(status=old["status"], reverted_position=position))
    elif type_ in ("IndicatorValueRecorded", "IndicatorValueCorrected", "IndicatorValueWithdrawn"):
        data = json.loads(rows[0][6])
        year = str(data["year"])
        if now["values"].get(year) != new["values"].get(year):
            raise ValidationError(
                "The {year} value of {key} has changed again since position {position}; "
                "revert the later change first.",
                year=year,
                key=key,
                position=position,
            )
        closed = int(year) in state.closed_years  # said after what no --reopen helps
        if closed and not reopen:
            raise ValidationError(
                "The year {year} is closed; correcting it needs --reopen and a reason.",
                year=int(year),
            )
        previous: Any = old["values"].get(year)
        current = now["values"].get(year)
        if previous is None:
            plan.add(
                state,
                stream,
                ev.IndicatorValueWithdrawn(year=int(year), previous=current, closed_year=closed),
            )
        else:
            plan.add(
                state,
                stream,
                ev.IndicatorValueCorrected(
                    year=int(year),
                    value=previous,
                    previous=current,
                    note=REVERT_NOTE.format(position=position),
                    closed_year=closed,
                ),
            )
    else:
        raise ValidationError("A {type} event cannot be reverted.", type=type_)
    plan.touches.append(key)
    return plan


def _stream_state(store: Store, stream: str, upto: int) -> State:
    state = State()
    fold_rows(
        state,
        store.conn.execute(
            "SELECT position, stream, version, type, schema_version, data, effective "
            "FROM events WHERE stream = ? AND position <= ? ORDER BY position",
            (stream, upto),
        ),
        track_versions=False,
    )
    return state


def _unchanged_since(now: dict[str, Any], then: dict[str, Any], name: str, position: int) -> None:
    if now.get(name) != then.get(name):
        raise ValidationError(
            "The {attr} of {key} has changed again since position {position}; "
            "revert the later change first.",
            attr=Word(name),
            key=now["key"],
            position=position,
        )
