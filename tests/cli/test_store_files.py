"""Missing, empty, garbage, foreign, newer, read-only and locked stores: one sentence, exit 4."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def refused(cli, *args: str, code: int = 4, **kw) -> str:  # type: ignore[no-untyped-def]
    result = cli(*args, **kw)
    assert result.code == code, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("konzept: "), result.err
    return lines[0]


def test_missing_store(cli) -> None:  # type: ignore[no-untyped-def]
    assert "gibt es keine konzept-Datenbank" in refused(cli, "show")
    assert not cli.db.exists(), "reading must never create a store"


def test_empty_file(cli) -> None:  # type: ignore[no-untyped-def]
    cli.db.write_bytes(b"")
    assert "leere Datei" in refused(cli, "add", "field", "HF1", "--title", "X")
    assert cli.db.read_bytes() == b""


def test_garbage_file(cli) -> None:  # type: ignore[no-untyped-def]
    cli.db.write_bytes(b"this is not sqlite at all" * 100)
    assert "keine SQLite-Datenbank" in refused(cli, "verify")


def test_foreign_sqlite_database(cli) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(cli.db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    assert "aber keine konzept-Datenbank" in refused(cli, "show")


def test_store_of_a_newer_release(cli, counter: Callable[[Path], int]) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init")
    with sqlite3.connect(cli.db) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
    line = refused(cli, "add", "field", "HF1", "--title", "X")
    assert "neueren konzept" in line and "99" in line
    assert counter(cli.db) == 7


def test_init_refuses_to_overwrite(cli, counter: Callable[[Path], int]) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Erstes")
    assert "überschreibt die Datei nicht" in refused(cli, "init", "--title", "Zweites", code=2)
    assert "Erstes" in cli.ok("show")


def test_folder_instead_of_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli.db.mkdir()
    assert "Ordner" in refused(cli, "show")


def test_locked_store_gives_up_after_the_busy_timeout(cli, counter) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.read()",
            str(cli.db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        line = refused(  # 3: nothing is broken, trying again will do
            cli, "add", "field", "HF1", "--title", "X", code=3,
            env={"KONZEPT_BUSY_TIMEOUT_MS": "300"},
        )  # fmt: skip
        assert "von einem anderen Prozess gesperrt" in line
    finally:
        holder.communicate("")
    assert counter(cli.db) == 7


def _readonly_mount_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind -o ro / /mnt 2>/dev/null"], capture_output=True
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _readonly_mount_works(),
    reason="needs root and mount namespaces (unshare -m) for a read-only mount",
)
def test_read_only_filesystem_reads_but_refuses_writes(cli, counter) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init")
    folder = str(cli.db.parent)
    script = (
        f"mount --bind -o ro {folder} {folder} && "
        f"{sys.executable} -m konzept --db {cli.db} verify && "
        f"{sys.executable} -m konzept --db {cli.db} add field HF1 --title X"
    )
    env = {**os.environ, "USER": cli.user}
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=env
    )
    assert "OK: 7 Ereignisse" in proc.stdout
    assert proc.returncode == 4
    assert (
        proc.stderr.strip()
        == f"konzept: Die Datenbank {cli.db} ist schreibgeschützt; konzept kann nicht "
        "hineinschreiben."
    )
    assert counter(cli.db) == 7
