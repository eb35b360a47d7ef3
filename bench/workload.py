"""The work measured on top of a synthetic history: everyday edits and raw appends."""

from __future__ import annotations

import random
from datetime import date, timedelta

from konzept.events import catalog as ev
from konzept.events import commands as cmd
from konzept.events.errors import ValidationError
from konzept.events.kinds import CLOSED
from konzept.events.models import Event
from konzept.events.service import Konzept, WriteMeta
from konzept.events.store import Store

from . import words as w

EDITOR = w.STAFF[1]
ADMIN = w.STAFF[0]


def edit_meta(rng: random.Random) -> WriteMeta:
    """Mostly effective today, one in five backdated, a few scheduled ahead."""
    today, roll = date.today(), rng.random()
    if roll < 0.75:
        effective = today
    elif roll < 0.95:
        effective = today - timedelta(days=rng.randint(1, 60))
    else:
        effective = today + timedelta(days=rng.randint(1, 90))
    return WriteMeta(actor=EDITOR, reason=rng.choice(w.REASONS), effective=effective.isoformat())


def one_edit(session: Konzept, rng: random.Random, keys: list[str]) -> int:
    """Run one everyday edit through :meth:`Konzept.execute`; returns events written."""
    for _ in range(20):
        key = rng.choice(keys)
        entity = session.state.entities[key]
        if entity["status"] in CLOSED:
            continue
        meta = edit_meta(rng)
        if meta.effective is not None and meta.effective < entity["since"]:
            continue
        try:
            if entity["kind"] == "indicator" and rng.random() < 0.6:
                year = date.today().year - rng.randint(1, 3)
                figure = round(rng.uniform(1, 500), 1)
                envelopes = session.execute(
                    cmd.record_value, key, year, figure, meta=meta, reopen=False
                )
            else:
                attr = "name" if entity["kind"] in ("indicator", "actor") else "title"
                envelopes = session.execute(cmd.set_attribute, key, attr, w.title(rng), meta=meta)
        except ValidationError:
            continue
        return len(envelopes)
    raise RuntimeError("no editable entity found")


def editable_keys(session: Konzept) -> list[str]:
    kinds = {"goal", "measure", "indicator", "actor", "agreement", "field"}
    return sorted(k for k, e in session.state.entities.items() if e["kind"] in kinds)


def run_edits(store: Store, count: int, seed: int = 7) -> int:
    """``count`` edits as a week of office work would make them; returns events written."""
    rng = random.Random(seed)
    session = Konzept(store)
    keys = editable_keys(session)
    return sum(one_edit(session, rng, keys) for _ in range(count))


def append_plan(store: Store, count: int, seed: int = 11) -> list[tuple[str, int, Event]]:
    """``count`` single-event appends on existing goal streams, at the right versions."""
    rng = random.Random(seed)
    streams = [
        row[0]
        for row in store.conn.execute(
            "SELECT DISTINCT stream FROM events WHERE stream >= 'goal:' AND stream < 'goal;'"
        )
    ]
    versions = {s: store.stream_version(s) for s in streams}
    plan: list[tuple[str, int, Event]] = []
    for _ in range(count):
        stream = rng.choice(streams)
        plan.append((stream, versions[stream], ev.GoalReworded(title=w.title(rng))))
        versions[stream] += 1
    return plan
