"""The lean diff (checkpoints, lean entries, attribution by type) says exactly what the
plain one says: full folds, every envelope decoded, every event attributed by its
payload.

The synthetic history has every event type the generator writes, backdated changes
and a week of edits on top of the checkpoints, so a shortcut that attributes an
event to the wrong attribute, drops one, or reads a stale checkpoint shows here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import workload
from bench.generate import build
from konzept.events.envelope import Envelope
from konzept.events.service import Konzept
from konzept.events.store import Store
from konzept.projections import asof
from konzept.projections.describe import attributes_touched
from konzept.projections.diff import _FIXED, compare, diff, period_events


def _plain(store: Store, start: str, end: str) -> dict[str, Any]:
    """The diff computed the long way, as comparable plain data."""
    old = asof.fold_as_of(store, start, use_checkpoints=False)
    new = asof.fold_as_of(store, end, use_checkpoints=False)
    added, changes, retired = compare(old, new)
    events: dict[str, list[Envelope]] = defaultdict(list)
    for envelope in store.read():
        if start < envelope.effective <= end:
            events[envelope.key].append(envelope)
    for key in events:
        events[key].sort(key=lambda e: (e.effective, e.position))
    changed = []
    for key, name, a, b in changes:
        related = [
            e.position
            for e in events.get(key, [])
            if name in attributes_touched(e)
            or (key == "concept" and e.type == "ConceptDetailsChanged")
        ]
        changed.append((key, name, a, b, related))
    net = {e["key"] for e in added} | {c[0] for c in changed} | {e["key"] for e in retired}
    return {
        "added": added,
        "retired": retired,
        "changed": changed,
        "events": {k: [e.position for e in v] for k, v in events.items()},
        "touched": sorted(k for k in events if k not in net and k != "people"),
    }


def _lean(store: Store, start: str, end: str) -> dict[str, Any]:
    d = diff(store, start, end)
    return {
        "added": d.added,
        "retired": d.retired,
        "changed": [
            (c.key, c.attribute, c.old, c.new, [e.position for e in c.events]) for c in d.changed
        ],
        "events": {k: [e.position for e in v] for k, v in d.events.items()},
        "touched": sorted(d.touched),
    }


def test_lean_diff_equals_the_plain_one(tmp_path: Path) -> None:
    build(tmp_path / "history.db", 6_000, seed=5)
    store = Store.open(tmp_path / "history.db")
    Konzept(store).save_checkpoint()
    asof.build_checkpoints(store)
    workload.run_edits(store, 200, seed=8)  # after the checkpoints, some backdated
    years = sorted({int(e[:4]) for (e,) in store.conn.execute("SELECT effective FROM events")})
    pairs = [(f"{y - 1}-12-31", f"{y}-12-31") for y in years] + [
        (f"{years[0]}-06-30", f"{years[-1]}-12-31"),
        ("2019-03-14", "2019-03-14"),
    ]
    for start, end in pairs:
        lean, plain = _lean(store, start, end), _plain(store, start, end)
        for part in plain:
            assert lean[part] == plain[part], f"{part} differs for {start} → {end}"
    store.close()


def test_entries_carry_what_the_envelopes_carry(tmp_path: Path) -> None:
    build(tmp_path / "history.db", 3_000, seed=6)
    store = Store.open(tmp_path / "history.db")
    envelopes = {e.position: e for e in store.read()}
    entries = [
        e for es in period_events(store, "2000-01-01", "2999-12-31", None).values() for e in es
    ]
    assert len(entries) == len(envelopes)
    types = set()
    for entry in entries:
        full = envelopes[entry.position]
        for name in ("stream", "type", "effective", "actor", "reason", "decision"):
            assert getattr(entry, name) == getattr(full, name), name
        assert entry.key == full.key and entry.data == full.data
        fixed = _FIXED.get(entry.type)
        if fixed is not None:  # attributed by its type: the same answer as by its payload
            assert list(fixed) == attributes_touched(full), entry.type
        types.add(entry.type)
    assert len(types) > 30, "the history should hold most event types"
    store.close()
