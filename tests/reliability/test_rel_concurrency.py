"""Concurrent writers: library processes and real CLI calls append to one shared stream
and to their own streams at once, for a bounded time.

Every acknowledged event must be in the log exactly once, positions and per-stream
versions gapless, no event decided on a stale version (each title names the version it
was based on), every conflict reported (ConflictError in the library, exit 3 from the
CLI) and ``konzept verify`` clean.
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rel_support import SECONDS, SLOW_SECONDS, cli_env, figures, konzept, one_line_error, worker

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd


def make_store(db: Path, keys: list[str]) -> None:
    with Store.create(db) as store:
        session = Konzept(store)
        meta = WriteMeta(actor="anna", effective="2020-01-01")
        session.append(cmd.init_concept(session.state, title="Parallel", founder="anna"), meta)
        for key in ["SHARED", *keys]:
            session.execute(cmd.add_field, key, title=f"{key} start", meta=meta)


@dataclass
class CliDriver:
    """One thread calling ``konzept set KEY title …`` in a loop, like a script would."""

    db: Path
    name: str
    deadline: float
    acked: list[tuple[int, str, str]] = field(default_factory=list)
    conflicts: int = 0
    calls: int = 0
    failures: list[str] = field(default_factory=list)

    def run(self) -> None:
        i = 0
        while time.monotonic() < self.deadline:
            key = "SHARED" if i % 2 else self.name
            title = f"{self.name}:{i}"
            proc = subprocess.run(
                konzept(self.db, "set", key, "title", title),
                capture_output=True,
                text=True,
                env=cli_env(),
                timeout=120,
            )
            self.calls += 1
            if proc.returncode == 0:
                match = re.match(r"#(\d+) (\S+):", proc.stdout)
                if match is None:
                    self.failures.append(f"unexpected output {proc.stdout!r}")
                    return
                self.acked.append((int(match[1]), f"field:{key}", title))
                i += 1
            elif proc.returncode == 3:
                line = one_line_error(proc.stderr)
                if "inzwischen geändert" not in line:
                    self.failures.append(line)
                self.conflicts += 1
            else:
                self.failures.append(f"exit {proc.returncode}: {proc.stderr}")
                return


def run_scenario(tmp_path: Path, seconds: float, lib: int, sessions: int, clis: int) -> None:
    db = tmp_path / "parallel.db"
    names = (
        [f"L{i}" for i in range(lib)]
        + [f"S{i}" for i in range(sessions)]
        + [f"C{i}" for i in range(clis)]
    )
    make_store(db, names)
    with Store.open(db) as store:
        setup_head = store.head()[0]
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            worker("append" if name[0] == "L" else "session", str(db), name, str(seconds)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
        if name[0] in "LS"
    ]
    drivers = [CliDriver(db, name, started + seconds) for name in names if name[0] == "C"]
    threads = [threading.Thread(target=d.run) for d in drivers]
    for t in threads:
        t.start()
    outputs: list[dict[str, Any]] = []
    for p in procs:
        out, err = p.communicate(timeout=seconds + 300)
        assert p.returncode == 0, err
        outputs.extend(json.loads(line) for line in out.splitlines())
    for t in threads:
        t.join(timeout=seconds + 300)
    for d in drivers:
        assert not d.failures, d.failures
    assert not [o for o in outputs if "error" in o], outputs

    lib_acks = [o for o in outputs if "ack" in o]
    done = [o for o in outputs if "done" in o]
    assert len(done) == len(procs)
    with Store.open(db) as store:
        events = list(store.read(after=setup_head))
        assert store.verify().ok
        # positions gapless; per-stream versions gapless
        assert [e.position for e in store.read()] == list(range(1, store.head()[0] + 1))
        versions: dict[str, list[int]] = {}
        for e in store.read():
            versions.setdefault(e.stream, []).append(e.version)
        for stream, seen in versions.items():
            assert seen == list(range(1, len(seen) + 1)), stream
        final_title = Konzept(store).state.entities["SHARED"]["title"]
    by_pos = {e.position: e for e in events}
    ids = Counter(e.id for e in events)
    # every library acknowledgement exactly once, where it was acknowledged
    for ack in lib_acks:
        assert ids[ack["ack"]] == 1
        e = by_pos[ack["pos"]]
        assert (e.id, e.stream, e.version, e.data["title"]) == (
            ack["ack"],
            ack["stream"],
            ack["version"],
            ack["title"],
        )
        assert ack["version"] == ack["base"] + 1, "an event decided on a stale version"
    # every CLI acknowledgement exactly once, with its own title
    cli_acks = [a for d in drivers for a in d.acked]
    for pos, stream, title in cli_acks:
        e = by_pos[pos]
        assert (e.stream, e.data["title"]) == (stream, title)
    assert len({p for p, _, _ in cli_acks} | {a["pos"] for a in lib_acks}) == len(events), (
        "an event nobody acknowledged, or one acknowledged twice"
    )
    shared = [e for e in events if e.stream == "field:SHARED"]
    if shared:
        assert final_title == shared[-1].data["title"], "the state must show the last write"
    verify = subprocess.run(
        konzept(db, "verify"), capture_output=True, text=True, env=cli_env(), timeout=120
    )
    assert verify.returncode == 0 and verify.stdout.startswith("OK: "), verify.stderr
    lib_conflicts = sum(o["conflicts"] for o in done)
    forced = sum(o["forced"] for o in done)
    assert forced == len(procs), "every deliberately stale write must be refused"
    figures(
        "concurrency",
        seconds=seconds,
        processes=len(procs) + len(drivers),
        library_writers=len(procs),
        cli_writers=len(drivers),
        events=len(events),
        shared_stream_events=len(shared),
        library_acks=len(lib_acks),
        cli_calls=sum(d.calls for d in drivers),
        cli_acks=len(cli_acks),
        library_conflicts=lib_conflicts + forced,
        cli_conflicts=sum(d.conflicts for d in drivers),
    )


def test_concurrent_writers_bounded(tmp_path: Path) -> None:
    run_scenario(tmp_path, SECONDS, lib=2, sessions=2, clis=2)


@pytest.mark.slow
def test_concurrent_writers_long(tmp_path: Path) -> None:
    run_scenario(tmp_path, SLOW_SECONDS, lib=3, sessions=3, clis=3)


# --- a CLI call that loses the race exits 3 and writes nothing --------------------------

_SLEEP_SYSCALLS = {"x86_64": {"35", "230"}, "aarch64": {"101", "115"}}.get(platform.machine())

HOLDER = """
import sys
from konzept.events import Store
from konzept.events import catalog as ev
from konzept.events.store import _INSERT, _row, utc_now

store = Store.open(sys.argv[1])
event = ev.FieldRetitled(title="holder wins")
with store._write() as conn:  # hold the write lock ...
    print("holding", flush=True)
    sys.stdin.readline()  # ... until the CLI has read the state and waits for it
    position, prev = store._head(conn)
    version = store._stream_version(conn, "field:SHARED")
    envelope = store._seal(position + 1, "field:SHARED", version + 1, event.type_name(),
                           event.schema_version, event.payload(), utc_now(), "2024-01-01",
                           "holder", "", None, prev)
    conn.execute(_INSERT, _row(envelope))
print("written", flush=True)
"""


def _sleeping(pid: int) -> bool:
    """True while the process waits in nanosleep (SQLite's busy handler)."""
    try:
        with open(f"/proc/{pid}/syscall") as f:
            return f.read().split(" ", 1)[0] in (_SLEEP_SYSCALLS or ())
    except OSError:
        return False


@pytest.mark.skipif(_SLEEP_SYSCALLS is None, reason="needs Linux /proc/PID/syscall")
def test_cli_that_loses_the_race_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "race.db"
    make_store(db, [])
    with Store.open(db) as store:
        before = store.head()[0]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    cli = subprocess.Popen(
        konzept(db, "set", "SHARED", "title", "cli loses"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(KONZEPT_BUSY_TIMEOUT_MS="60000"),
    )
    deadline = time.monotonic() + 60
    while not _sleeping(cli.pid):  # wait for the CLI to block on the write lock
        assert cli.poll() is None, cli.communicate()
        assert time.monotonic() < deadline, "the CLI never waited for the lock"
    holder.stdin.write("go\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "written"
    holder.communicate(timeout=60)
    out, err = cli.communicate(timeout=120)
    assert cli.returncode == 3, (out, err)
    line = one_line_error(err)
    assert "Jemand anderes hat SHARED inzwischen geändert" in line
    assert "es wurde nichts geschrieben" in line
    with Store.open(db) as store:
        assert store.head()[0] == before + 1
        titles = [e.data.get("title") for e in store.read(stream="field:SHARED")]
        assert titles[-1] == "holder wins" and "cli loses" not in titles
        assert store.verify().ok


# --- several `konzept init` / `konzept import` racing for one new file --------------------


def test_racing_creators_leave_one_whole_store(tmp_path: Path) -> None:
    """Exactly one creator wins; the others are refused and nobody deletes the winner's
    file while cleaning up after itself."""
    source = tmp_path / "source.db"
    make_store(source, [f"F{i}" for i in range(20)])
    export = tmp_path / "log.jsonl"
    with Store.open(source) as store, open(export, "w", encoding="utf-8") as out:
        exported = store.export(out)
    rounds, refused = 2, 0
    for run in range(rounds):
        db = tmp_path / f"race-{run}.db"
        calls = [konzept(db, "init", "--title", f"Titel {i}") for i in range(3)]
        calls.append(konzept(db, "import", str(export)))
        procs = [
            subprocess.Popen(
                c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env()
            )
            for c in calls
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        winners = [i for i, (code, _, _) in enumerate(results) if code == 0]
        assert len(winners) == 1, results
        for code, _, err in results:
            if code:
                line = one_line_error(err)
                assert code in (2, 3), line
                assert "überschreibt die Datei nicht" in line or "enthält schon Ereignisse" in line
                refused += 1
        with Store.open(db) as store:
            assert store.verify().ok
            count = store.count()
            if winners[0] == 3:
                assert count == exported
            else:
                assert count == 7
                title = Konzept(store).state.concept["title"]
                assert title == f"Titel {winners[0]}"
        assert [p.name for p in tmp_path.glob(f".race-{run}.db.new-*")] == []
    figures("race: init/import for one new file", rounds=rounds, creators=4, refused=refused)
