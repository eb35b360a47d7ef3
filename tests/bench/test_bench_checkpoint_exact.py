"""A checkpoint plus its catch-up gives exactly what the full fold from the log gives.

The synthetic history is full of backdated changes; on top of its checkpoints come
edits backdated into the checkpointed period, entities created with a past date, and
a setting changed with a past date (which no catch-up may refold alone). For many
cut dates and heads the state from checkpoints must equal the full fold, byte for
byte of its JSON (entity order included).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench import workload
from bench.generate import build
from konzept.events import commands as cmd
from konzept.events.envelope import stream_key
from konzept.events.service import Konzept, WriteMeta
from konzept.events.state import State
from konzept.events.store import Store
from konzept.projections import asof


def _days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def _cuts() -> list[str]:
    years = [f"{y}-12-31" for y in range(2016, date.today().year)]
    recent = [_days_ago(d) for d in (0, 3, 20, 45, 90)]
    ahead = [(date.today() + timedelta(days=60)).isoformat()]
    return ["2016-03-01", "2019-07-15", *years, *recent, *ahead]


def _same_as_full_fold(store: Store, upto: int | None = None) -> None:
    for as_of in _cuts():
        fast = asof.fold_as_of(store, as_of, upto)
        full = asof.fold_as_of(store, as_of, upto, use_checkpoints=False)
        if fast.to_json() != full.to_json():  # no assert: pytest would diff megabytes
            pytest.fail(f"checkpoint + catch-up differs from the full fold as of {as_of}, {upto}")


def test_checkpoint_and_catch_up_equal_the_full_fold(tmp_path: Path) -> None:
    build(tmp_path / "history.db", 4_000, seed=9)
    store = Store.open(tmp_path / "history.db")
    session = Konzept(store)
    workload.run_edits(store, 150, seed=3)  # today's edits, inside the checkpoints
    session.save_checkpoint()
    asof.build_checkpoints(store)
    checkpointed = store.head()[0]

    workload.run_edits(store, 150, seed=4)
    rng = random.Random(2)
    field = next(k for k, e in session.state.entities.items() if e["kind"] == "field")
    for number in range(5):
        meta = WriteMeta(actor=workload.EDITOR, effective=_days_ago(rng.randint(5, 40)))
        session.execute(cmd.add_goal, f"LATE-{number}", field=field, title="Spät", meta=meta)

    # Today's checkpoint stays usable: the late entities are refolded, one by one.
    start = asof._best_checkpoint(store, asof.today(), store.head()[0])
    assert start is not None and start.checkpoint.cutoff == asof.today()
    assert {f"goal:LATE-{n}" for n in range(5)} <= start.late.keys()
    saved = store.load_checkpoint(start.checkpoint.name)
    assert saved is not None
    entities = State.from_json(saved.state).entities
    before_latest = [
        s
        for s, earliest in start.late.items()
        if earliest < entities.get(stream_key(s), {}).get("updated", "")
    ]
    assert before_latest, "no late edit sorts inside an entity's folded history"
    _same_as_full_fold(store)

    # A backdated setting cannot be refolded alone: an older checkpoint is used.
    admin = WriteMeta(actor=workload.ADMIN, effective=_days_ago(30))
    session.execute(cmd.set_attribute, "settings", "tolerance", "15", meta=admin)
    workload.run_edits(store, 50, seed=5)
    start = asof._best_checkpoint(store, asof.today(), store.head()[0])
    assert start is None or start.checkpoint.cutoff < _days_ago(30)
    _same_as_full_fold(store)

    # As known at earlier heads, between the checkpoints and the late edits.
    head = store.head()[0]
    for upto in (head - 1, head - 60, checkpointed + 100, checkpointed + 1, checkpointed):
        _same_as_full_fold(store, upto)
    store.close()
