"""The benchmark suite cannot rot: its generator is deterministic and ``--quick`` runs.

No timing is asserted here; the figures are for people (README, issue notes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.generate import build
from konzept.events.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _head(path: Path) -> tuple[int, str]:
    store = Store.open(path)
    try:
        assert store.verify().ok
        return store.head()
    finally:
        store.close()


def test_same_seed_same_log_to_the_last_hash(tmp_path: Path) -> None:
    build(tmp_path / "a.db", 1_500, seed=5)
    build(tmp_path / "b.db", 1_500, seed=5)
    build(tmp_path / "c.db", 1_500, seed=6)
    a, b, c = _head(tmp_path / "a.db"), _head(tmp_path / "b.db"), _head(tmp_path / "c.db")
    assert a == b
    assert a[0] == c[0] == 1_500
    assert a[1] != c[1]


def test_history_has_the_realistic_mix(tmp_path: Path) -> None:
    build(tmp_path / "h.db", 3_000, seed=5)
    store = Store.open(tmp_path / "h.db")
    types = {r[0] for r in store.conn.execute("SELECT DISTINCT type FROM events")}
    actors = store.conn.execute("SELECT count(DISTINCT actor) FROM events").fetchone()[0]
    backdated = store.conn.execute(
        "SELECT count(*) FROM events WHERE effective < substr(recorded_at, 1, 10)"
    ).fetchone()[0]
    years = store.conn.execute(
        "SELECT count(DISTINCT substr(effective, 1, 4)) FROM events"
    ).fetchone()[0]
    store.close()
    for expected in (
        "FieldAdded",
        "GoalAdded",
        "MeasureAdded",
        "IndicatorAdded",
        "ActorAdded",
        "AgreementAdded",
        "DecisionRecorded",
        "IndicatorValueRecorded",
        "IndicatorValueCorrected",
        "YearClosed",
        "GoalAdopted",
        "ObligationAdded",
    ):
        assert expected in types
    assert actors >= 10
    assert backdated > 100
    assert years >= 10


def test_no_field_of_action_draws_the_goals(tmp_path: Path) -> None:
    """Generator v1 sent a third of its picks to the oldest key: at 1M events the first
    field of action held 398 goals, every other about 25 (max/mean 3.0 already at 10k)."""
    build(tmp_path / "h.db", 10_000, seed=5)
    store = Store.open(tmp_path / "h.db")
    goals_per_field = [
        n
        for (n,) in store.conn.execute(
            "SELECT count(*) FROM events WHERE type = 'GoalAdded' "
            "GROUP BY json_extract(data, '$.field')"
        )
    ]
    store.close()
    assert len(goals_per_field) >= 5
    assert max(goals_per_field) <= 2.5 * sum(goals_per_field) / len(goals_per_field)


def test_quick_run_writes_results(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    env = {**os.environ, "KONZEPT_BENCH_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "-o", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "raw sqlite3" in done.stdout
    results = json.loads(output.read_text(encoding="utf-8"))
    rows = {(r["row"], r["size"]) for r in results["rows"]}
    for row in ("import", "full rebuild", "one edit, p50", "open + show", "year-over-year diff"):
        assert (row, "10k") in rows
    measured = [r for r in results["rows"] if r.get("unit")]
    assert all(r["value"] > 0 and r["baseline"] > 0 for r in measured)
