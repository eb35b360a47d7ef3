"""One command for an edit form that changed several attributes at once.

It composes the command layer's :func:`~konzept.events.commands.set_attribute`; it
adds no rule of its own.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

from konzept.events import commands as cmd
from konzept.events.errors import ValidationError
from konzept.events.state import State, apply


def set_attributes(state: State, key: str, changes: Mapping[str, str]) -> cmd.Plan:
    """Several ``konzept set`` commands as one plan, for a form that changed several fields.

    Each change is decided by :func:`commands.set_attribute` on the state the earlier
    ones leave (a scratch copy), as a row of ``konzept set`` commands would be, and
    how they fit together (:func:`commands.attributes_fit`) on the result: a baseline
    moved past the old target year is accepted together with the new target, and a
    direction turned together with its target.
    """
    if not changes:
        raise ValidationError("Nothing has changed.")
    plan = cmd.Plan(touches=[] if key == "concept" else [key])
    scratch = _scratch(state, key)
    pending = dict(changes)
    while pending:
        refusals: list[ValidationError] = []
        tried = len(pending)
        for name, raw in list(pending.items()):
            try:
                part = cmd.set_attribute(scratch, key, name, raw, across=False)
            except ValidationError as exc:
                refusals.append(exc)
                continue
            del pending[name]
            _take(plan, part, state, scratch)
        if len(refusals) == tried:  # no order makes the rest acceptable
            raise refusals[0]
    # How the changed attributes fit together is judged on the result, not on each
    # step: a direction and a target that only make sense together, a goal moved to
    # another field under a parent there.
    cmd.attributes_fit(scratch, key, changes)
    return plan


def _take(plan: cmd.Plan, part: cmd.Plan, state: State, scratch: State) -> None:
    """Add a part to the plan and play its events onto the scratch state."""
    for p in part.parts:
        plan.add(state, p.stream, *p.events)
        for event in p.events:
            apply(
                scratch,
                scratch.position,
                p.stream,
                event.type_name(),
                event.schema_version,
                event.payload(),
                scratch.max_effective,
            )
    plan.refers.extend(part.refers)


def _scratch(state: State, key: str) -> State:
    """A copy of the state that is cheap to make: only the edited entity is deep-copied."""
    entities = dict(state.entities)
    if key in entities:
        entities[key] = copy.deepcopy(entities[key])
    return State(
        concept=dict(state.concept),
        settings=state.settings,
        closed_years=state.closed_years,
        people=state.people,
        entities=entities,
        versions=state.versions,
        position=state.position,
        max_effective=state.max_effective,
    )
