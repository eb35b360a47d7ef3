"""kill -9 at random moments: during appends (library and CLI), ``konzept import``,
``konzept init`` and checkpoint writing (``konzept checkpoint``,
``Konzept.save_checkpoint``).

After every kill the store must open and verify, hold every acknowledged event (the
writer prints what it acknowledged, flushed, after the commit), hold each command's
events all or none, and no checkpoint may get ahead of the log or disagree with it.
The bounded versions repeat ``KONZEPT_RELIABILITY_RUNS`` times, the slow ones ≥ 50.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from rel_support import RUNS, SLOW_RUNS, cli_env, figures, konzept, worker

from konzept.events import Konzept, State, Store, WriteMeta
from konzept.events import catalog as ev
from konzept.events import commands as cmd
from konzept.events.state import fold_rows
from konzept.projections.asof import fold_as_of
from konzept.projections.integrity import forged_checkpoints

SEED = int(os.environ.get("KONZEPT_RELIABILITY_SEED", "20240314"))


def kill_after(proc: subprocess.Popen[str], delay: float) -> bool:
    """Let the process run ``delay`` seconds (a random moment), then SIGKILL it.
    Returns whether it was killed (False: it had already finished)."""
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return True


def timed(args: list[str], again: list[str] | None = None) -> float:
    """How long one undisturbed run takes (the faster of two): the random kills are
    drawn from this span. ``again`` runs second (for commands that create a file)."""
    spans = []
    for argv in (args, again or args):
        started = time.monotonic()
        proc = subprocess.run(argv, capture_output=True, text=True, env=cli_env(), timeout=300)
        assert proc.returncode == 0, proc.stderr
        spans.append(time.monotonic() - started)
    return min(spans)


def base_store(db: Path, indicators: list[str], *, fields: int = 0) -> None:
    with Store.create(db) as store:
        k = Konzept(store)
        meta = WriteMeta(actor="anna", effective="2016-01-01")
        k.append(cmd.init_concept(k.state, title="Absturz", founder="anna"), meta)
        k.execute(cmd.add_field, "HF1", title="Feld", meta=meta)
        k.execute(cmd.add_goal, "G1", field="HF1", title="Ziel", meta=meta)
        for key in indicators:
            add_indicator(k, key)
        for year in range(2016, 2025):  # one transaction per year: quick to set up
            plan = cmd.Plan()
            for i in range(year - 2016, fields, 9):
                plan.add(k.state, f"field:F{i}", ev.FieldAdded(title=f"Feld {i}"))
            if plan.parts:
                k.append(plan, WriteMeta(actor="anna", effective=f"{year}-03-01"))


def add_indicator(k: Konzept, key: str) -> None:
    k.execute(
        cmd.add_indicator,
        key,
        goal="G1",
        name=key,
        unit="Personen",
        direction="up",
        meta=WriteMeta(actor="anna", effective="2016-01-01"),
    )


def check_store(db: Path) -> Store:
    """The store opens, its chain verifies, checkpoints agree with the log."""
    store = Store.open(db)
    result = store.verify()
    assert result.ok, result.problem
    head = store.head()[0]
    raw = store.conn.execute("SELECT name, position FROM checkpoints").fetchall()
    assert all(pos <= head for _, pos in raw), f"a checkpoint ahead of the log: {raw} > {head}"
    assert forged_checkpoints(store) == []
    full = State()
    fold_rows(
        full,
        store.conn.execute(f"SELECT {COLS} FROM events ORDER BY position"),
        track_versions=True,
    )
    assert json.loads(Konzept(store).state.to_json()) == json.loads(full.to_json())
    assert fold_as_of(store).to_json() == fold_as_of(store, use_checkpoints=False).to_json()
    return store


COLS = "position, stream, version, type, schema_version, data, effective"


def batches(store: Store, prefix: str) -> Counter[str]:
    """Events per command (commands are told apart by their reason)."""
    rows = store.conn.execute(
        "SELECT reason FROM events WHERE reason LIKE ?", (prefix + "%",)
    ).fetchall()
    return Counter(r[0] for r in rows)


# --- appends by library writers and CLI import-values, killed together ----------------


def crash_appends(tmp_path: Path, runs: int) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "crash.db"
    base_store(db, ["I-CLI"])
    csv = tmp_path / "values.csv"
    calibration = []
    for n in (1, 2):
        path = tmp_path / f"calibrate-{n}.csv"
        path.write_text("".join(f"I-CLI,{1950 + j},{j + n / 10}\n" for j in range(50)))
        calibration.append(konzept(db, "import-values", str(path), "--reason", "calibrate"))
    span = timed(*calibration)
    acked_events = killed = cli_acked = cli_killed = 0
    for run in range(runs):
        name = f"R{run}"
        with Store.open(db) as store:
            add_indicator(Konzept(store), f"I-{name}")
        lib = subprocess.Popen(worker("values", str(db), name), stdout=subprocess.PIPE, text=True)
        csv.write_text(
            "".join(f"I-CLI,{1950 + j},{(run + 1) * 100 + j}\n" for j in range(50)),
            encoding="utf-8",
        )
        cli = subprocess.Popen(
            konzept(db, "import-values", str(csv), "--reason", f"cli-{run}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        assert lib.stdout is not None
        early = [lib.stdout.readline() for _ in range(rng.randrange(0, 4))]  # a few commands
        cli_killed += kill_after(cli, rng.uniform(0.3, 1.2) * span)
        killed += kill_after(lib, rng.uniform(0, 0.05))
        lines = early + lib.stdout.read().splitlines()
        acks = [json.loads(line) for line in lines if line.strip()]
        out, err = cli.communicate()
        assert "Traceback" not in err, err
        assert cli.returncode in (0, -9), err
        with check_store(db) as store:
            ids = {r[0]: r[1] for r in store.conn.execute("SELECT id, position FROM events")}
            # every acknowledged event is there, where it was acknowledged ...
            for ack in acks:
                for event_id, position in ack["acks"]:
                    assert ids.get(event_id) == position
                acked_events += len(ack["acks"])
            # ... and every command is whole: five events, or none
            counts = batches(store, f"{name}-batch-")
            assert set(counts.values()) <= {5}, counts
            assert len(counts) >= len(acks)
            cli_events = batches(store, f"cli-{run}")[f"cli-{run}"]
            if cli.returncode == 0:
                assert re.match(r"50 Messwerte aus", out)
                cli_acked += 1
                assert cli_events == 50
            else:
                assert cli_events in (0, 50), cli_events
    assert killed and cli_killed, "no run was killed: the scenario tested nothing"
    figures(
        "crash: append (library + CLI import-values)",
        runs=runs,
        library_kills=killed,
        cli_kills=cli_killed,
        acknowledged_events=acked_events,
        cli_commands_acknowledged=cli_acked,
    )


def test_kill_during_appends_bounded(tmp_path: Path) -> None:
    crash_appends(tmp_path, RUNS)


@pytest.mark.slow
def test_kill_during_appends_long(tmp_path: Path) -> None:
    crash_appends(tmp_path, SLOW_RUNS)


# --- konzept import and konzept init into a new file ------------------------------------


def crash_creation(tmp_path: Path, runs: int) -> None:
    rng = random.Random(SEED + 1)
    source = tmp_path / "source.db"
    base_store(source, ["I-1"], fields=1500)
    export = tmp_path / "log.jsonl"
    with Store.open(source) as store, open(export, "w", encoding="utf-8") as out:
        expected = store.export(out)
        head = store.head()
    spans = {
        "import": timed(
            konzept(tmp_path / "t1.db", "import", str(export)),
            konzept(tmp_path / "t2.db", "import", str(export)),
        ),
        "init": timed(konzept(tmp_path / "t3.db", "init"), konzept(tmp_path / "t4.db", "init")),
    }
    kills: Counter[str] = Counter()
    for run in range(runs):
        for what, span in spans.items():
            db = tmp_path / f"{what}-{run}.db"
            args = ["import", str(export)] if what == "import" else ["init", "--title", "T"]
            full = expected if what == "import" else 7
            proc = subprocess.Popen(
                konzept(db, *args),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=cli_env(),
            )
            kills[what] += kill_after(proc, rng.uniform(0.1, 1.0) * span)
            out, err = proc.communicate()
            assert "Traceback" not in err, err
            done = proc.returncode == 0
            if db.exists() and db.stat().st_size:
                with check_store(db) as store:
                    count = store.count()
                    assert count in ((full,) if done else (0, full)), (what, count)
                    if what == "import" and count:
                        assert store.head() == head
            else:
                assert not done, "the command said it finished, but there is no store"
                count = 0
            # the person simply runs the command again: it finishes, or says it had
            again = subprocess.run(
                konzept(db, *args), capture_output=True, text=True, env=cli_env(), timeout=300
            )
            if count == full:
                assert again.returncode != 0 and "Traceback" not in again.stderr
            else:
                assert again.returncode == 0, (what, count, again.stderr)
                with check_store(db) as store:
                    assert store.count() == full
    assert kills["import"] and kills["init"], "no run was killed: the scenario tested nothing"
    figures(
        "crash: konzept import / konzept init into a new file",
        runs=runs,
        import_kills=kills["import"],
        init_kills=kills["init"],
        events_per_import=expected,
    )


def test_kill_during_import_and_init_bounded(tmp_path: Path) -> None:
    crash_creation(tmp_path, RUNS)


@pytest.mark.slow
def test_kill_during_import_and_init_long(tmp_path: Path) -> None:
    crash_creation(tmp_path, SLOW_RUNS)


# --- checkpoints: konzept checkpoint and Konzept.save_checkpoint -------------------------


def crash_checkpoints(tmp_path: Path, runs: int) -> None:
    rng = random.Random(SEED + 2)
    db = tmp_path / "cp.db"
    base_store(db, [], fields=1500)
    span = timed(konzept(db, "checkpoint"))
    kills: Counter[str] = Counter()
    rounds = 0
    aim = 1.0
    for _run in range(runs):
        lib = subprocess.Popen(
            worker("checkpoint", str(db), "HF1"), stdout=subprocess.PIPE, text=True
        )
        cli = subprocess.Popen(
            konzept(db, "checkpoint"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        assert lib.stdout is not None
        early = [lib.stdout.readline() for _ in range(rng.randrange(1, 3))]  # a round or two
        # beside the library's rounds the command may finish sooner than it did alone
        # (an up-to-date checkpoint, an idle moment): after a run it outlived, aim earlier
        killed = kill_after(cli, rng.uniform(0.05, 0.8) * span * aim)
        kills["cli"] += killed
        aim = 1.0 if killed else aim / 2
        kills["library"] += kill_after(lib, rng.uniform(0, 0.3))
        lines = early + lib.stdout.read().splitlines()
        acks = [json.loads(line) for line in lines if line.strip()]
        rounds += len(acks)
        _, err = cli.communicate()
        assert "Traceback" not in err, err
        assert cli.returncode in (0, -9), err
        with check_store(db) as store:
            if acks:
                assert store.head()[0] >= max(a["head"] for a in acks)
    assert kills["cli"] and kills["library"], "no run was killed: the scenario tested nothing"
    figures(
        "crash: konzept checkpoint + Konzept.save_checkpoint",
        runs=runs,
        cli_kills=kills["cli"],
        library_kills=kills["library"],
        checkpoint_rounds_acknowledged=rounds,
    )


def test_kill_during_checkpoints_bounded(tmp_path: Path) -> None:
    crash_checkpoints(tmp_path, RUNS)


@pytest.mark.slow
def test_kill_during_checkpoints_long(tmp_path: Path) -> None:
    crash_checkpoints(tmp_path, SLOW_RUNS)


def test_checkpoint_never_ahead_of_the_log_after_a_lost_tail(tmp_path: Path) -> None:
    """A store copied back from a backup older than its checkpoints' file is impossible
    here (one file), but a checkpoint row pointing past the head must be ignored."""
    db = tmp_path / "ahead.db"
    base_store(db, [], fields=5)
    subprocess.run(konzept(db, "checkpoint"), check=True, env=cli_env(), capture_output=True)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE checkpoints SET position = position + 10")
    with Store.open(db) as store:
        assert store.checkpoints() == []
        assert forged_checkpoints(store) == []
