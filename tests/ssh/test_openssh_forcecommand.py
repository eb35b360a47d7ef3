"""Real OpenSSH (SPEC §8): a throwaway ``sshd`` on a loopback port with
``ForceCommand python -m konzept --db STORE``, two Unix accounts made for the test,
one shared group-writable store. The log must record each login name, a viewer must
not be able to write, and nothing the client sends may change who acts.

The sshd here is deliberately permissive with the environment (``AcceptEnv USER
LOGNAME KONZEPT_DB``), to show that even then the login name wins. It needs root (to
add users and run sshd) and Debian's openssh-server; otherwise the tests skip.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import asyncssh
import pytest

import konzept

GROUP = "kzt-konzept"
ANNA, BEN = "kzt-anna", "kzt-ben"
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
WAIT = 60.0


def _needs() -> str | None:
    if os.geteuid() != 0:
        return "adding Unix users and starting sshd needs root"
    if not os.path.exists(SSHD):
        return "openssh-server is not installed (apt-get install openssh-server)"
    for tool in ("ssh", "useradd", "userdel", "groupadd", "groupdel", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


pytestmark = pytest.mark.skipif(_needs() is not None, reason=str(_needs()))


def run(*argv: str, check: bool = True, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=check, **kw)  # type: ignore[call-overload, no-any-return]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class OpenSsh:
    base: Path
    db: Path
    port: int
    keys: dict[str, Path]
    known_hosts: Path
    python: str

    def ssh_argv(self, user: str, *options: str) -> list[str]:
        return [
            "ssh", "-F", "/dev/null", "-p", str(self.port), "-i", str(self.keys[user]),
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
            "-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={self.known_hosts}",
            *options, f"{user}@127.0.0.1",
        ]  # fmt: skip

    def ssh(
        self, user: str, command: str, *options: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.ssh_argv(user, *options), "--", command],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
            env={**os.environ, **(env or {})},
        )

    def rows(self) -> list[tuple[str, str]]:
        """(actor, type) of every event, read as root straight from the store."""
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            return list(conn.execute("SELECT actor, type FROM events ORDER BY position"))


def _drop_accounts() -> None:
    for user in (ANNA, BEN):
        run("userdel", "--force", "--remove", user, check=False)
    run("groupdel", GROUP, check=False)


def _open_path_for_others(paths: list[Path], changed: list[tuple[Path, int]]) -> None:
    """Let the test accounts reach the interpreter and the work tree (o+x on folders).

    A developer machine's Python may live under /root (mode 0700); a real installation
    is system-wide. The modes are put back by the fixture's finalizer.
    """
    for path in paths:
        for folder in [path, *path.parents]:
            if folder.is_dir():
                mode = folder.stat().st_mode
                if not mode & stat.S_IXOTH:
                    changed.append((folder, stat.S_IMODE(mode)))
                    folder.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)


@pytest.fixture(scope="module")
def openssh(process_tools: Any) -> Iterator[OpenSsh]:
    lines, stop = process_tools
    _drop_accounts()  # leftovers of an interrupted run
    base = Path(tempfile.mkdtemp(prefix="kzt-sshd-"))
    changed: list[tuple[Path, int]] = []
    sshd: subprocess.Popen[bytes] | None = None
    try:
        base.chmod(0o755)
        run("groupadd", GROUP)
        for user in (ANNA, BEN):
            run("useradd", "--create-home", "--shell", "/bin/sh", "--groups", GROUP, user)
            run("usermod", "-p", "*", user)  # no password, but not locked (UsePAM no)
        python = os.path.realpath(sys.executable)
        probe = ("runuser", "-u", BEN, "--", python, "-c", "import konzept.cli.main")
        if run(*probe, check=False, cwd="/").returncode != 0:
            package = Path(konzept.__file__).resolve().parent.parent
            _open_path_for_others([Path(python).parent, package], changed)
            if run(*probe, check=False, cwd="/").returncode != 0:
                pytest.skip("the test accounts cannot run this Python and konzept")
        # One store, group-writable and setgid, as docs/ssh.md sets it up.
        srv = base / "srv"
        srv.mkdir()
        shutil.chown(srv, "root", GROUP)
        srv.chmod(0o2770)
        db = srv / "konzept.db"
        as_anna = {**os.environ, "USER": ANNA, "LOGNAME": ANNA}
        konzept_cli = (python, "-m", "konzept", "--db", str(db))
        run(*konzept_cli, "init", "--title", "Testkonzept", env=as_anna)
        run(*konzept_cli, "grant", BEN, "viewer", env=as_anna)
        run(*konzept_cli, "add", "field", "HF1", "--title", "Sprache", env=as_anna)
        for path in srv.iterdir():
            shutil.chown(path, "root", GROUP)
            path.chmod(0o660)
        # Keys: the server's, and one per person (authorized_keys owned by root).
        authorized = base / "authorized_keys"
        authorized.mkdir(mode=0o755)
        clients = base / "clients"
        clients.mkdir(mode=0o700)
        keys = {}
        for user in (ANNA, BEN):
            key = asyncssh.generate_private_key("ssh-ed25519")
            keys[user] = clients / user
            keys[user].write_bytes(key.export_private_key())
            keys[user].chmod(0o600)
            (authorized / user).write_bytes(key.export_public_key())
            (authorized / user).chmod(0o644)
        host = asyncssh.generate_private_key("ssh-ed25519")
        (base / "host_key").write_bytes(host.export_private_key())
        (base / "host_key").chmod(0o600)
        port = free_port()
        known = clients / "known_hosts"
        known.write_text(f"[127.0.0.1]:{port} " + host.export_public_key().decode())
        config = base / "sshd_config"
        config.write_text(
            f"ListenAddress 127.0.0.1:{port}\n"
            f"HostKey {base}/host_key\n"
            f"PidFile {base}/sshd.pid\n"
            f"AuthorizedKeysFile {authorized}/%u\n"
            "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "StrictModes no\nPermitRootLogin no\nPermitUserEnvironment no\n"
            "AcceptEnv LANG LC_* USER LOGNAME KONZEPT_DB\n"
            f"Match Group {GROUP}\n"
            f"    ForceCommand {python} -m konzept --db {db}\n"
            "    SetEnv KONZEPT_SSH=1\n"
            "    DisableForwarding yes\n    PermitUserRC no\n    PermitTTY yes\n"
        )
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        checked = run(SSHD, "-t", "-f", str(config), check=False)
        assert checked.returncode == 0, checked.stderr
        sshd = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        log = lines()
        log.follow(sshd.stderr)
        log.wait_for(rf"Server listening on 127\.0\.0\.1 port {port}")
        yield OpenSsh(base, db, port, keys, known, python)
    finally:
        if sshd is not None:
            stop(sshd)
        _drop_accounts()
        for folder, mode in reversed(changed):
            folder.chmod(mode)
        shutil.rmtree(base, ignore_errors=True)


def test_the_log_records_each_login_name(openssh: OpenSsh) -> None:
    result = openssh.ssh(
        ANNA,
        "add field HF2 --title 'Arbeit und Ausbildung' --reason 'über OpenSSH'",
        "-o", "SendEnv=USER LOGNAME KONZEPT_DB",
        env={"USER": BEN, "LOGNAME": BEN, "KONZEPT_DB": "/tmp/elsewhere.db"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert openssh.rows()[-1] == (ANNA, "FieldAdded")
    log = openssh.ssh(BEN, "log --format json")
    assert log.returncode == 0, log.stderr
    assert [e["actor"] for e in json.loads(log.stdout)][-1] == ANNA
    assert not Path("/tmp/elsewhere.db").exists()


def test_the_viewer_cannot_write(openssh: OpenSsh) -> None:
    before = openssh.rows()
    result = openssh.ssh(BEN, "add field HF3 --title Wohnen")
    assert result.returncode == 2
    assert f"{BEN} darf das nicht: Es braucht die Rolle editor" in result.stderr
    result = openssh.ssh(BEN, "--actor kzt-anna add field HF3 --title Wohnen")
    assert result.returncode == 2 and "kein --actor" in result.stderr
    assert openssh.rows() == before


def test_the_ui_without_a_terminal_says_so(openssh: OpenSsh) -> None:
    result = subprocess.run(
        [*openssh.ssh_argv(BEN, "-T")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Die Oberfläche braucht ein Terminal" in result.stderr


def test_no_file_is_written_on_the_server(openssh: OpenSsh) -> None:
    profile = Path(f"/home/{ANNA}/.profile")
    existed = profile.read_bytes() if profile.exists() else None
    year = date.today().year  # the store begins today: no report before this year
    result = openssh.ssh(ANNA, f"report {year} -o {profile}")
    assert result.returncode == 2 and "schreibt konzept keine Dateien" in result.stderr
    assert (profile.read_bytes() if profile.exists() else None) == existed
    report = openssh.ssh(ANNA, f"report {year} --format md")
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith(f"# Jahresbericht {year}") and "--witness" in report.stdout


def test_two_people_in_the_ui_through_ssh_in_tmux(openssh: OpenSsh, tmux: Any) -> None:
    before = openssh.rows()
    tmux.start("anna", openssh.ssh_argv(ANNA, "-tt"))
    tmux.start("ben", openssh.ssh_argv(BEN, "-tt"))
    tmux.wait_for("anna", f"{ANNA} (bearbeiten)")
    ben = tmux.wait_for("ben", f"{BEN} (nur lesen)")
    assert "Neu" not in ben and "Ändern" not in ben  # no edit keys for a viewer
    tmux.add_field("anna", "HF9", "Integration vor Ort")
    fields = sum(1 for _, type_ in openssh.rows() if type_ == "FieldAdded")
    tmux.wait_for("ben", f"Handlungsfelder ({fields})")  # live refresh in the other session
    # Ben's edit keys do nothing: had "a" or "e" opened a form, "l" would be typed into
    # it instead of opening the change log, which shows Anna's change.
    tmux.keys("ben", "a")
    tmux.keys("ben", "e")
    tmux.keys("ben", "l")
    screen = tmux.wait_for("ben", "Integration vor Ort")
    assert "Neu:" not in screen and "Was soll neu angelegt werden?" not in screen
    assert ANNA in screen
    tmux.quit_all("anna", "ben")
    assert openssh.rows()[len(before) :] == [(ANNA, "FieldAdded")]
