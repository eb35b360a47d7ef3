"""``konzept serve-ssh``: a single-command SSH server for offices without admin rights
on the host (SPEC §8).

Each public key authorised in the store (``konzept key add``) logs in one person, and
that person is what the log records as ``actor``: the name the client types after
``ssh`` and any environment it sends count for nothing. Every session runs konzept
itself as a child process, on a pseudo-terminal for the UI or on pipes for a command,
so sessions share nothing but the store, exactly like staff logged in through
OpenSSH. The number of sessions at once is bounded; the next is refused with a
sentence, not a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

import asyncssh

from konzept.events.errors import Message
from konzept.events.service import Konzept
from konzept.events.store import Store

from .bridge import child_env, run_on_pipes, run_on_pty

#: Seconds a client has to authenticate before the connection is dropped.
LOGIN_TIMEOUT = 30
#: Keepalive probes find dead clients, so their sessions are freed for others.
KEEPALIVE_INTERVAL = 30
#: How long a stopping server waits for its sessions to hang up.
SHUTDOWN_GRACE = 15.0


@dataclass(frozen=True)
class ServerConfig:
    db: str
    host: str
    port: int
    max_sessions: int
    host_key: str
    lang: str | None = None


def log(message: str) -> None:
    """One line per login, refusal and logout on stderr: the server's own journal."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(f"{stamp} konzept serve-ssh: {message}", file=sys.stderr, flush=True)


class Hub:
    """What all connections share: the store's key list and the session count."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._session = Konzept(Store.open(config.db))
        self.active = 0
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.idle = asyncio.Event()
        self.idle.set()

    def person_for(self, fingerprint: str) -> str | None:
        """The person a key logs in, read from the log now (a revocation counts at once)."""
        entry = self._session.state.keys.get(fingerprint)
        return None if entry is None else entry["person"]

    def has_keys(self) -> bool:
        return bool(self._session.state.keys)

    def opened(self) -> None:
        self.active += 1
        self.idle.clear()

    def ended(self) -> None:
        self.active -= 1
        if not self.active:
            self.idle.set()

    async def shut_down(self, timeout: float) -> None:
        """Close every connection (their sessions hang up) and wait for the sessions."""
        for conn in list(self.connections):
            conn.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.idle.wait(), timeout)
        self._session.store.close()


class _Connection(asyncssh.SSHServer):
    """One client connection: public-key authentication against the store's keys."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.conn: asyncssh.SSHServerConnection | None = None
        self.peer = "?"

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.hub.connections.add(conn)
        peer = conn.get_extra_info("peername")
        self.peer = str(peer[0]) if peer else "?"

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None:
            self.hub.connections.discard(self.conn)

    def begin_auth(self, username: str) -> bool:
        return True

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # asyncssh calls this for the offer and again for the signed request, with no
        # await in between the latter and success: the person set last is the one
        # whose key signed.
        fingerprint = key.get_fingerprint("sha256")
        person = self.hub.person_for(fingerprint)
        if person is None:
            log(f"refused key {fingerprint} (user {username!r}) from {self.peer}")
            return False
        assert self.conn is not None
        self.conn.set_extra_info(konzept_person=person, konzept_key=fingerprint)
        return True

    def auth_completed(self) -> None:
        assert self.conn is not None
        person = self.conn.get_extra_info("konzept_person")
        key = self.conn.get_extra_info("konzept_key")
        log(f"{person} logged in from {self.peer} (key {key})")


async def _session(hub: Hub, process: asyncssh.SSHServerProcess[bytes]) -> None:
    person = process.get_extra_info("konzept_person")
    limit = hub.config.max_sessions
    if not person:
        process.exit(1)
        return
    if hub.active >= limit:
        log(f"refused a session for {person}: all {limit} sessions in use")
        _say(
            hub,
            process,
            Message("All {limit} sessions are in use; please try again shortly.", limit=limit),
        )
        process.exit(1)
        return
    if process.subsystem:
        _say(
            hub, process, Message("This server offers no {subsystem}.", subsystem=process.subsystem)
        )
        process.exit(1)
        return
    term = process.get_terminal_type()
    command = process.command
    if not term and not command:
        _say(
            hub,
            process,
            Message(
                "The UI needs a terminal: connect with 'ssh -t', or name a command ('ssh … log')."
            ),
        )
        process.exit(2)
        return
    hub.opened()
    what = "the UI" if not command else repr(command[:60])
    log(f"{person} started a session ({what}); {hub.active} of {limit} in use")
    code = 1
    try:
        argv = ["--db", hub.config.db]
        if hub.config.lang:
            argv += ["--lang", hub.config.lang]
        env = child_env(person, term, command, os.environ)
        run = run_on_pty if term else run_on_pipes
        code = await run(process, argv, env)
    except OSError as exc:
        log(f"could not start a session for {person}: {exc}")
        _say(
            hub,
            process,
            Message("The session could not be started; please tell the administrator."),
        )
    finally:
        hub.ended()
        log(f"{person} ended a session (status {code}); {hub.active} of {limit} in use")
    with contextlib.suppress(asyncssh.Error, OSError):
        process.exit(code)


def _say(hub: Hub, process: asyncssh.SSHServerProcess[bytes], message: Message) -> None:
    """A sentence the client sees, in the server's language (German unless --lang en):
    on its terminal (CR LF) or its stderr."""
    end = "\r\n" if process.get_terminal_type() else "\n"
    text = f"konzept: {message.text(hub.config.lang or 'de')}{end}"
    with contextlib.suppress(asyncssh.Error, OSError):
        process.stderr.write(text.encode("utf-8"))


def load_host_key(path: str) -> asyncssh.SSHKey:
    """The server's host key; made (ed25519, mode 0600) the first time, so clients can
    remember it across restarts."""
    if not os.path.exists(path):
        key = asyncssh.generate_private_key("ssh-ed25519")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise OSError(f"the host key {path} cannot be made ({exc.strerror})") from None
        with os.fdopen(fd, "wb") as f:
            f.write(key.export_private_key())
        log(f"made a new host key {path}")
    try:
        return asyncssh.read_private_key(path)
    except OSError as exc:
        raise OSError(f"the host key {path} cannot be read ({exc.strerror})") from None
    except asyncssh.KeyImportError as exc:
        raise OSError(f"the host key {path} is not a private key ({exc})") from None


async def start(config: ServerConfig) -> tuple[asyncssh.SSHAcceptor, Hub]:
    """Listen; returns the acceptor (to close) and the hub. Used by :func:`serve` and tests."""
    host_key = load_host_key(config.host_key)
    hub = Hub(config)

    async def process_factory(process: asyncssh.SSHServerProcess[bytes]) -> None:
        await _session(hub, process)

    acceptor = await asyncssh.create_server(
        lambda: _Connection(hub),
        config.host,
        config.port,
        server_host_keys=[host_key],
        process_factory=process_factory,
        encoding=None,
        line_editor=False,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_scp=False,
        password_auth=False,
        kbdint_auth=False,
        host_based_auth=False,
        gss_host=None,
        login_timeout=LOGIN_TIMEOUT,
        keepalive_interval=KEEPALIVE_INTERVAL,
    )
    log(
        f"serving {config.db} on {config.host}:{acceptor.get_port()} "
        f"(host key {host_key.get_fingerprint('sha256')}, at most {config.max_sessions} sessions)"
    )
    if not hub.has_keys():
        log("no SSH key is authorised yet: nobody can log in ('konzept key add NAME FILE')")
    return acceptor, hub


def serve(config: ServerConfig) -> int:
    """Run the server until SIGINT or SIGTERM; returns the exit status."""

    async def main() -> None:
        acceptor, hub = await start(config)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            await stop.wait()
        finally:
            acceptor.close()
            await acceptor.wait_closed()
            await hub.shut_down(SHUTDOWN_GRACE)
            log("stopped")

    try:
        asyncio.run(main())
    except OSError as exc:  # the port is taken, the address is not ours, the key unreadable
        print(f"konzept: cannot serve SSH on {config.host}:{config.port}: {exc}.", file=sys.stderr)
        return 1
    return 0
