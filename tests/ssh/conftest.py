"""Fixtures for konzept over SSH: throwaway keys, a store with people, a running
``konzept serve-ssh`` on a loopback port, and the real ``ssh`` client against it.

Every server is a real subprocess that the fixture stops in its finalizer; every wait
is for a line the server logs, bounded in time; all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
import pytest

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd

LOOPBACK = "127.0.0.1"
WAIT = 60.0


@dataclass
class KeyPair:
    """A throwaway ed25519 key: the private file for clients, the public line for konzept."""

    private: Path
    public: str
    fingerprint: str


def make_key(folder: Path, name: str) -> KeyPair:
    key = asyncssh.generate_private_key("ssh-ed25519", comment=f"{name}@test")
    path = folder / f"id_{name}"
    path.write_bytes(key.export_private_key())
    path.chmod(0o600)
    public = key.export_public_key().decode("ascii")
    (folder / f"id_{name}.pub").write_text(public)
    return KeyPair(path, public.strip(), key.get_fingerprint("sha256"))


@pytest.fixture
def keygen(tmp_path: Path) -> Callable[[str], KeyPair]:
    """Make a throwaway key pair in the test's folder."""
    folder = tmp_path / "keygen"
    folder.mkdir()
    return lambda name: make_key(folder, name)


@dataclass
class Lines:
    """The lines a process writes, collected by a thread, so a test can wait for one."""

    lines: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def follow(self, stream: object) -> None:
        def read() -> None:
            for raw in iter(stream.readline, b""):  # type: ignore[attr-defined]
                with self.changed:
                    self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                    self.changed.notify_all()

        threading.Thread(target=read, daemon=True).start()

    def wait_for(self, pattern: str, count: int = 1, timeout: float = WAIT) -> list[re.Match[str]]:
        """The first ``count`` matches of ``pattern``, waiting until they are written."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = [m for m in map(regex.search, self.lines) if m]
                if len(found) >= count:
                    return found[:count]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no {count}× {pattern!r} within {timeout}s; got:\n" + self.text()
                    )
                self.changed.wait(left)

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Server:
    port: int
    db: Path
    host_key_line: str
    log: Lines
    proc: subprocess.Popen[bytes]


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the server closes its sessions), SIGKILL if it does not leave in time."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="session")
def process_tools() -> tuple[type[Lines], Callable[[subprocess.Popen[bytes]], None]]:
    """``Lines`` and ``stop`` for test modules that start processes of their own."""
    return Lines, stop


@dataclass
class People:
    """A store at ``db`` with anna (admin), bob (editor), carla (viewer) and their keys."""

    db: Path
    keys: dict[str, KeyPair]
    folder: Path

    def add(self, person: str, role: str | None) -> KeyPair:
        pair = make_key(self.folder, person)
        with Store.open(self.db) as store:
            session = Konzept(store)
            meta = WriteMeta(actor="anna", reason="test setup")
            if role:
                session.execute(cmd.grant, person, role, meta=meta, role="admin")
            session.execute(cmd.authorise_key, person, pair.public, meta=meta, role="admin")
        self.keys[person] = pair
        return pair


@pytest.fixture
def people(tmp_path: Path) -> People:
    db = tmp_path / "konzept.db"
    env = {**os.environ, "USER": "anna", "LOGNAME": "anna"}
    subprocess.run(
        [sys.executable, "-m", "konzept", "--db", str(db), "init", "--title", "Testkonzept"],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    keys = tmp_path / "keys"
    keys.mkdir()
    crowd = People(db, {}, keys)
    crowd.add("anna", None)
    crowd.add("bob", "editor")
    crowd.add("carla", "viewer")
    return crowd


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start ``konzept serve-ssh`` on a free loopback port; stopped after the test."""
    started: list[subprocess.Popen[bytes]] = []

    def start(db: Path, max_sessions: int = 10, *, nohup: bool = False) -> Server:
        host_key = asyncssh.generate_private_key("ssh-ed25519")
        key_file = tmp_path / f"host_key_{len(started)}"
        key_file.write_bytes(host_key.export_private_key())
        key_file.chmod(0o600)
        options = f"--host {LOOPBACK} --port 0 --max-sessions {max_sessions} --host-key"
        argv = [sys.executable, "-m", "konzept", "--db", str(db), "serve-ssh"]
        proc = subprocess.Popen(
            [*argv, *options.split(), str(key_file)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "USER": "server", "LOGNAME": "server"},
            # as nohup starts it: SIGHUP ignored, which exec passes on to its children
            preexec_fn=(lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN)) if nohup else None,
        )
        started.append(proc)
        log = Lines()
        log.follow(proc.stderr)
        port = int(log.wait_for(r"on 127\.0\.0\.1:(\d+) ")[0].group(1))
        line = host_key.export_public_key().decode("ascii").split()
        return Server(port, db, f"{line[0]} {line[1]}", log, proc)

    yield start
    for proc in started:
        stop(proc)


@dataclass
class Ssh:
    """The real OpenSSH client against a server, the host key pinned in known_hosts."""

    server: Server
    folder: Path
    known_hosts: Path = field(init=False)

    def __post_init__(self) -> None:
        # Written once: clients running at the same time must never see it half-written.
        known = self.folder / f"known_hosts_{self.server.port}"
        known.write_text(f"[{LOOPBACK}]:{self.server.port} {self.server.host_key_line}\n")
        self.known_hosts = known

    def argv(self, key: KeyPair, *options: str, login: str = "konzept") -> list[str]:
        known = self.known_hosts
        return [
            "ssh", "-F", "/dev/null", "-p", str(self.server.port), "-i", str(key.private),
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
            "-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={known}",
            "-o", "ConnectTimeout=20", *options, f"{login}@{LOOPBACK}",
        ]  # fmt: skip

    def run(
        self,
        key: KeyPair,
        command: str | None,
        *options: str,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        login: str = "konzept",
    ) -> subprocess.CompletedProcess[str]:
        argv = self.argv(key, *options, login=login)
        if command is not None:
            argv += ["--", command]
        return subprocess.run(
            argv,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **(env or {})},
        )


@pytest.fixture
def ssh_client(tmp_path: Path) -> Callable[[Server], Ssh]:
    if shutil.which("ssh") is None:
        pytest.skip("the OpenSSH client is not installed (apt-get install openssh-client)")
    return lambda server: Ssh(server, tmp_path)


def read_log(db: Path) -> list[tuple[int, str, str, str]]:
    """(position, actor, type, data) of every event, straight from the table."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return list(
            conn.execute("SELECT position, actor, type, data FROM events ORDER BY position")
        )


@pytest.fixture
def log_rows() -> Callable[[Path], list[tuple[int, str, str, str]]]:
    return read_log


def _run(*argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=check)


class Tmux:
    """A private tmux server (own socket): one window per person, 80×24."""

    def __init__(self, name: str) -> None:
        self.base = ["tmux", "-L", name]

    def start(self, session: str, command: list[str]) -> None:
        line = " ".join(f"'{word}'" for word in command)
        _run(*self.base, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", line)

    def keys(self, session: str, *keys: str, literal: bool = False) -> None:
        _run(*self.base, "send-keys", "-t", session, *(["-l"] if literal else []), *keys)

    def screen(self, session: str, styled: bool = False) -> str:
        flags = ["-p", "-e"] if styled else ["-p"]
        return _run(*self.base, "capture-pane", *flags, "-t", session, check=False).stdout

    def repainted(self, session: str, before: str, timeout: float = WAIT) -> None:
        """Wait until the pane differs from ``before`` (styles included): the UI has
        handled the last key. Keys typed before that may still go to the old field."""
        deadline = time.monotonic() + timeout
        while self.screen(session, styled=True) == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"{session} did not react:\n{self.screen(session)}")
            time.sleep(0.1)

    def wait_for(self, session: str, text: str, timeout: float = WAIT) -> str:
        """Poll the pane (tmux has no event for "shows this text"), bounded in time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(session)
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{session} never showed {text!r}:\n{self.screen(session)}")

    def add_field(self, session: str, key: str, title: str) -> None:
        """Add a field of action through konzept's UI as a person would: a, Enter, form."""
        self.keys(session, "a")
        self.wait_for(session, "Was soll neu angelegt werden?")
        self.keys(session, "Enter")
        self.wait_for(session, "Neu: Handlungsfeld")
        self.keys(session, key, literal=True)
        self.wait_for(session, f"Schlüssel       {key}")
        shown = self.screen(session, styled=True)
        self.keys(session, "Tab")
        self.repainted(session, shown)  # focus moved on to the title
        self.keys(session, title, literal=True)
        self.wait_for(session, f"Titel           {title}")
        self.keys(session, "C-s")
        self.wait_for(session, f"{key}: Handlungsfeld hinzugefügt: {title}")
        self.keys(session, "Enter")
        self.wait_for(session, "Gespeichert: 1 Ereignis")

    def quit_all(self, *sessions: str, timeout: float = WAIT) -> None:
        """Ctrl+Q in each UI; waits until ssh has ended and tmux closed the sessions."""
        for session in sessions:
            self.keys(session, "C-q")
        deadline = time.monotonic() + timeout
        while any(self.alive(s) for s in sessions) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(self.alive(s) for s in sessions)

    def alive(self, session: str) -> bool:
        return _run(*self.base, "has-session", "-t", session, check=False).returncode == 0

    def kill(self) -> None:
        _run(*self.base, "kill-server", check=False)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    mux = Tmux(f"kzt-{os.getpid()}")
    yield mux
    mux.kill()
