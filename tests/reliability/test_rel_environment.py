"""The environment turns hostile: a read-only file, a read-only folder (the write-ahead
log needs it), a store locked past the busy timeout, a full disk (a 1 MB tmpfs, and
``ulimit -f``), a store from a newer release (newer format, newer event type, newer
event schema), a file that is not SQLite. Every command answers in one sentence with
exit 2 or 4 (reads still work where they can), and nothing is half-written.

The mount cases run in a private mount namespace (``unshare -m``, root), because the
tests run as root, for whom file permissions do not bind.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from rel_support import (
    HERE,
    Ran,
    cli_env,
    figures,
    in_process,
    konzept,
    needs_mounts,
    one_line_error,
)

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import catalog as ev
from konzept.events import commands as cmd
from konzept.events.envelope import compute_hash
from konzept.events.store import utc_now

DRIVER = HERE / "rel_envdriver.py"


def run(
    db: Path, *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        konzept(db, *args),
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_env(**env),
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def refused(proc: subprocess.CompletedProcess[str] | Ran | dict[str, Any], code: int = 4) -> str:
    got, err = (
        (proc["code"], proc["err"]) if isinstance(proc, dict) else (proc.returncode, proc.stderr)
    )
    assert got == code, (got, err)
    return one_line_error(err)


def small_store(db: Path) -> None:
    with Store.create(db) as store:
        k = Konzept(store)
        meta = WriteMeta(actor="anna", effective="2016-01-01")
        k.append(cmd.init_concept(k.state, title="Umwelt", founder="anna"), meta)
        k.execute(cmd.add_field, "HF1", title="Feld", meta=meta)
        k.execute(cmd.add_goal, "G1", field="HF1", title="Ziel", meta=meta)
        k.execute(cmd.add_indicator, "I1", goal="G1", name="N", unit="P", direction="up", meta=meta)


def in_namespace(mode: str, target: Path, stdin: str = "") -> dict[str, Any]:
    proc = subprocess.run(
        ["unshare", "-m", sys.executable, str(DRIVER), mode, str(target)],
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    for step in result.values():
        if isinstance(step, dict):
            assert "Traceback" not in step["err"], step["err"]
    return result


# --- read-only file and read-only folder --------------------------------------------------


@needs_mounts
def test_read_only_file_reads_but_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "store" / "k.db"
    db.parent.mkdir()
    small_store(db)
    before = db.read_bytes()
    r = in_namespace("readonly-file", db)
    assert r["writable"] is False
    assert r["show"]["code"] == 0 and "Umwelt" in r["show"]["out"]
    assert r["verify"]["code"] == 0 and r["report"]["code"] == 0
    for step in ("add", "checkpoint"):
        assert (
            refused(r[step])
            == f"konzept: Die Datenbank {db} ist schreibgeschützt; konzept kann nicht hineinschreiben."
        )
    assert db.read_bytes() == before


@needs_mounts
def test_read_only_folder_says_the_write_ahead_log_needs_it(tmp_path: Path) -> None:
    db = tmp_path / "store" / "k.db"
    db.parent.mkdir()
    small_store(db)
    r = in_namespace("readonly-dir", db, stdin="I1,2020,12\n")
    assert r["file writable"] is True and r["folder writable"] is False
    assert r["show"]["code"] == 0 and r["verify"]["code"] == 0
    for step in ("add", "import-values"):
        line = refused(r[step])
        assert f"Der Ordner {db.parent} ist schreibgeschützt" in line
        assert f"muss {db}-wal neben der Datenbank anlegen" in line
    with Store.open(db) as store:
        assert store.count() == 10 and store.verify().ok


# --- locked past the busy timeout ---------------------------------------------------------

LOCKER = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
    "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()"
)


def test_locked_store_refuses_every_write_after_the_timeout_and_reads_go_on(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    small_store(db)
    with Store.open(db) as store:  # enough events that a read wants to save a checkpoint
        for i in range(6):
            store.append(
                f"field:P{i}",
                0,
                [ev.FieldAdded(title="p")] + [ev.FieldRetitled(title=f"t{j}") for j in range(1000)],
                actor="anna",
                effective="2017-01-01",
            )
        head = store.head()
    csv = tmp_path / "v.csv"
    csv.write_text("I1,2020,1\nI1,2021,2\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        waits = []
        for args in (
            ["record", "I1", "2020", "5"],
            ["import-values", str(csv)],
            ["add", "field", "HF2", "--title", "X"],
            ["checkpoint"],
        ):
            started = time.monotonic()
            line = refused(run(db, *args, KONZEPT_BUSY_TIMEOUT_MS="400"), code=3)
            waits.append(time.monotonic() - started)
            assert "von einem anderen Prozess gesperrt (0.4 s gewartet); bitte gleich" in line
        for args in (["show"], ["log", "--limit", "2"], ["verify"]):
            assert run(db, *args, KONZEPT_BUSY_TIMEOUT_MS="400").returncode == 0, args
    finally:
        holder.communicate("")
    assert min(waits) >= 0.4, "it must wait for the other writer first"
    with Store.open(db) as store:
        assert store.head() == head and store.verify().ok
    figures(
        "environment: locked store",
        writes_refused=4,
        reads_ok=3,
        slowest_refusal_s=round(max(waits), 2),
    )


# --- disk full ------------------------------------------------------------------------------


@needs_mounts
def test_full_disk_refuses_in_one_sentence_and_half_writes_nothing(tmp_path: Path) -> None:
    r = in_namespace("diskfull", tmp_path)
    db = tmp_path / "disk" / "k.db"
    assert r["init"]["code"] == 0
    full = f"konzept: Der Datenträger mit {db} ist voll; es wurde nichts geschrieben."
    assert refused(r["import-values"]) == full
    assert r["count after import-values"] == r["count before"]
    for step, name in (("export", "out.jsonl"), ("report", "r.html")):
        line = refused(r[step], code=2)
        assert line == (
            f"konzept: {tmp_path / 'disk' / name} kann nicht geschrieben werden: kein Platz "
            "mehr auf dem Datenträger; es wurde nichts geschrieben."
        )
    assert refused(r["record"]) == full
    assert refused(r["checkpoint"]) == full
    assert refused(r["init new"]) == full.replace("k.db", "new.db")
    assert refused(r["import new"]) == full.replace("k.db", "imported.db")
    assert r["files"] == ["filler", "k.db", "k.db-shm", "k.db-wal"], "no half files left"
    assert r["verify"]["code"] == 0
    assert r["count after"] == r["count before"]
    assert r["record after"]["code"] == 0, "with space again, writing simply works"
    figures("environment: full disk (1 MB tmpfs)", refusals=7, events_kept=r["count after"])


def test_file_size_limit_refuses_in_one_sentence(tmp_path: Path) -> None:
    """``ulimit -f``: the kernel refuses to grow the file (EFBIG, SIGXFSZ ignored)."""
    db = tmp_path / "k.db"
    small_store(db)
    csv = tmp_path / "v.csv"
    # years gone by only (a value for a year to come is refused before any write)
    csv.write_text(
        "".join(f"I1,{1900 + i},{i},{'Quelle ' * 40},{'Notiz ' * 40}\n" for i in range(120))
    )
    limit_kb = (db.stat().st_size + 8192) // 1024
    proc = subprocess.run(
        [
            "sh",
            "-c",
            f'ulimit -f {limit_kb} && exec "$@"',
            "sh",
            *konzept(db, "import-values", str(csv)),
        ],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=300,
    )
    line = refused(proc)
    assert "konnte nicht geschrieben oder gelesen werden (Ein-/Ausgabefehler" in line or (
        "ist voll" in line
    ), line
    with Store.open(db) as store:
        assert store.count() == 10 and store.verify().ok


# --- a store from a newer release, a file that is not SQLite ----------------------------

COMMANDS = [
    ["show"],
    ["show", "I1"],
    ["log"],
    ["history", "I1"],
    ["blame", "I1"],
    ["diff", "2016", "2024"],
    ["report", "2024"],
    ["verify"],
    ["export"],
    ["checkpoint"],
    ["people"],
    ["record", "I1", "2020", "5"],
    ["add", "field", "HF2", "--title", "X"],
    ["import-values", "-"],
]


def _raw_append(db: Path, type_: str, schema_version: int, data: str) -> None:
    """An event as a newer release would write it, chained correctly."""
    with closing(sqlite3.connect(db)) as conn, conn:
        position, prev = conn.execute(
            "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
        ).fetchone()
        header = (
            position + 1,
            "future-1",
            "field:HF9",
            1,
            type_,
            schema_version,
            data,
            utc_now(),
            "2020-01-01",  # in the past: every fold up to today meets it
            "anna",
            "",
            None,
            prev,
        )
        conn.execute(
            f"INSERT INTO events VALUES ({','.join('?' * 14)})", (*header, compute_hash(*header))
        )


def _newer_format(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")


STORES = {
    "newer format": (_newer_format, "von einem neueren konzept geschrieben"),
    "newer event type": (
        lambda db: _raw_append(db, "FieldMerged", 1, '{"into":"HF1"}'),
        "bitte konzept aktualisieren",
    ),
    "newer event schema": (
        lambda db: _raw_append(db, "FieldAdded", 7, '{"title":"T","x":1}'),
        "bitte konzept aktualisieren",
    ),
    "not SQLite": (
        lambda db: db.write_bytes(b"SQLite format 2\x00" + os.urandom(4096)),
        "ist keine SQLite-Datenbank",
    ),
    "foreign SQLite": (
        lambda db: (db.unlink(), sqlite3.connect(db).execute("CREATE TABLE t (x)")),
        "ist eine SQLite-Datenbank, aber keine konzept-Datenbank",
    ),
}


@pytest.mark.parametrize("kind", list(STORES))
def test_every_command_on_a_store_it_cannot_read(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "k.db"
    small_store(db)
    make, message = STORES[kind]
    make(db)
    before = db.read_bytes()
    answered = 0
    for args in COMMANDS:
        proc = in_process(db, *args, stdin="I1,2021,3\n")
        if proc.returncode == 0:
            # only commands that never fold the unknown event may still answer
            assert kind.startswith("newer event") and args[0] in (
                "export",
                "history",
                "people",
                "log",
                "blame",
            ), (args, proc.stdout)
            continue
        line = refused(proc)
        if args[0] == "verify" and kind.startswith("newer event"):
            # verify names the broken position in its own sentence (konzept/cli)
            assert "bitte konzept aktualisieren" in line, (args, line)
        else:
            assert message in line, (args, line)
        answered += 1
    assert db.read_bytes() == before, "nothing may be written to a store konzept cannot read"
    init = in_process(db, "init")
    assert "überschreibt die Datei nicht" in refused(init, code=2)
    figures("environment: unreadable store", kind=kind, commands=len(COMMANDS), refused=answered)
