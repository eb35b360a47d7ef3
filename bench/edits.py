"""The everyday changes of the synthetic history: attribute edits, lifecycle moves,
indicator values and their corrections, obligations.

Each function decides one command on the generator's write model and returns its
plan (or None when nothing fits); the real command functions do all the checking.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from konzept.events import commands as cmd
from konzept.events.kinds import CLOSED, DIRECTIONS, KINDS

from . import words as w

if TYPE_CHECKING:
    from .generate import History

#: Which attributes people change, per kind of entity.
ATTRIBUTES = {
    "field": ("title", "description"),
    "goal": ("title", "description", "target_year"),
    "measure": ("title", "description", "responsible", "partners", "start", "end", "goal"),
    "indicator": ("name", "definition", "target", "source", "unit", "weight", "goal", "direction"),
    "actor": ("name", "contact", "actor_kind"),
    "agreement": ("title", "parties", "goals", "measures", "valid_until", "review"),
    "decision": ("title", "reference", "outcome"),
}
_SET_KINDS = ("field", "goal", "measure", "indicator", "actor", "agreement", "decision")
_SET_WEIGHTS = (2, 15, 30, 25, 10, 13, 1)
_STATUS_KINDS = ("goal", "measure", "agreement", "indicator", "actor")
_STATUS_WEIGHTS = (30, 40, 20, 6, 4)
_OPS = ("set", "value", "status", "obligation", "concept")
_OP_WEIGHTS = (50, 34, 4, 9, 0.2)


def edit(h: History) -> cmd.Plan | None:
    op = h.rng.choices(_OPS, _OP_WEIGHTS)[0]
    if op == "set":
        return set_attribute(h)
    if op == "value":
        key = h.pick("indicator")
        year = h.today().year - 1 - h.rng.choice((0, 0, 0, 1, 2, 3))
        return None if key is None else value(h, key, year, correct=True)
    if op == "status":
        return status(h)
    if op == "obligation":
        return obligation(h)
    population = h.state.concept.get("population") or 120_000
    return cmd.set_attribute(
        h.state, "concept", "population", str(population + h.rng.randint(-900, 1500))
    )


def set_attribute(h: History) -> cmd.Plan | None:
    kind = h.rng.choices(_SET_KINDS, _SET_WEIGHTS)[0]
    key = h.pick(kind)
    if key is None:
        return None
    attr = h.rng.choice(ATTRIBUTES[kind])
    raw = _raw(h, kind, key, attr)
    return None if raw is None else cmd.set_attribute(h.state, key, attr, raw)


def _raw(h: History, kind: str, key: str, attr: str) -> str | None:
    """A plausible new value for one attribute, as a person would type it."""
    rng, entity, today = h.rng, h.state.entities[key], h.today()
    if attr in ("title", "name"):
        return w.organisation(rng, rng.randint(1, 999)) if kind == "actor" else w.title(rng)
    if attr in ("description", "definition", "outcome"):
        return w.sentence(rng)
    if attr == "source":
        return rng.choice(w.SOURCES)
    if attr == "contact":
        return f"{rng.choice(w.STAFF)}@example.org"
    if attr == "reference":
        return f"DS {today.year}/{rng.randint(1, 9999):04d}"
    if attr == "target_year":
        return str(today.year + rng.randint(1, 10))
    if attr == "target":
        baseline = entity.get("baseline") or {"year": today.year, "value": 50}
        year = max(baseline["year"], today.year) + rng.randint(1, 8)
        return f"{year}={round(baseline['value'] * rng.uniform(0.6, 1.8), 1)}"
    if attr == "unit":
        return rng.choice(w.UNITS)
    if attr == "weight":
        return str(rng.randint(1, 3))
    if attr == "direction":
        return rng.choice(DIRECTIONS)
    if attr == "actor_kind":
        return rng.choice(w.ACTOR_KINDS)
    if attr in ("responsible", "goal"):
        return h.pick("actor" if attr == "responsible" else "goal")
    if attr in ("partners", "goals", "measures"):
        ref = {"partners": "actor", "goals": "goal", "measures": "measure"}[attr]
        return ",".join(h.some(ref, rng.randint(1, 3)))
    if attr == "parties":
        bound = {o["party"] for o in entity["obligations"]}
        return ",".join(sorted(bound | set(h.some("actor", rng.randint(1, 3))))) or None
    if attr in ("start", "end", "valid_until", "review"):
        return (today + timedelta(days=rng.randint(-60, 900))).isoformat()
    return None


def status(h: History) -> cmd.Plan | None:
    """Move along a lifecycle; closing moves (drop, stop, retire) are the rarer ones."""
    kind = h.rng.choices(_STATUS_KINDS, _STATUS_WEIGHTS)[0]
    key = h.pick(kind)
    if key is None:
        return None
    current = h.state.entities[key]["status"]
    moves = [b for (a, b) in KINDS[kind].transitions if a == current]
    onward = [b for b in moves if b not in CLOSED]
    closing = [b for b in moves if b in CLOSED]
    if onward and (not closing or h.rng.random() < 0.85):
        return cmd.set_status(h.state, key, h.rng.choice(onward))
    if closing and h.rng.random() < 0.15:
        return cmd.set_status(h.state, key, h.rng.choice(closing))
    return None


def value(h: History, key: str, year: int, *, correct: bool) -> cmd.Plan | None:
    """A year's figure near the indicator's trend; a correction if one is there."""
    entity = h.state.entities[key]
    if entity["status"] in CLOSED:
        return None
    known = str(year) in entity["values"]
    if known and not correct:
        return None
    reopen = year in h.state.closed_years
    if reopen and h.rng.random() < 0.9:
        return None
    baseline = entity.get("baseline") or {"year": year, "value": 50}
    trend = baseline["value"] * (1 + 0.03 * (year - baseline["year"]))
    figure = round(trend + h.rng.gauss(0, abs(trend) * 0.05 + 0.1), 1)
    return cmd.record_value(
        h.state,
        key,
        year,
        figure,
        source=h.rng.choice(w.SOURCES),
        note="Nachmeldung" if known else "",
        reopen=reopen,
    )


def obligation(h: History) -> cmd.Plan | None:
    key = h.pick("agreement")
    if key is None:
        return None
    agreement = h.state.entities[key]
    if not agreement["parties"]:
        return None
    open_ones = [o["number"] for o in agreement["obligations"] if not o["fulfilled"]]
    if open_ones and h.rng.random() < 0.35:
        return cmd.fulfil_obligation(h.state, key, h.rng.choice(open_ones))
    due = h.today() + timedelta(days=h.rng.randint(30, 720))
    return cmd.add_obligation(
        h.state,
        key,
        party=h.rng.choice(agreement["parties"]),
        what=w.sentence(h.rng),
        due=due.isoformat(),
    )
