"""One SSH session's child process: on a pseudo-terminal for the UI, on pipes for a
command whose output is redirected on the client's side.

The child is ``konzept`` itself, so the terminal UI runs exactly as it does locally and
the server never shares a store connection or a Textual app between sessions. What the
child inherits is decided here, never by the client: ``USER``/``LOGNAME`` are the
person the client's key maps to, and nothing of the client's environment is passed on.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pty
import signal
import struct
import sys
import termios
from collections.abc import Mapping, Sequence
from typing import Any

import asyncssh

#: How long a child gets to leave after its connection went away, before SIGKILL.
HANGUP_GRACE = 5.0
#: How long to collect a finished child's last output from its terminal.
DRAIN_TIMEOUT = 5.0
_CHUNK = 65536
#: Variables of the server's own environment a child may keep (tools, locale, temp).
_KEEP = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH", "TZ")


def child_env(
    person: str, term: str | None, command: str | None, base: Mapping[str, str]
) -> dict[str, str]:
    """The child's whole environment: the server's basics plus the person, nothing more."""
    env = {k: base[k] for k in _KEEP if k in base}
    env.setdefault("LANG", "C.UTF-8")
    env.update(USER=person, LOGNAME=person, PYTHONIOENCODING="utf-8", KONZEPT_SSH="1")
    if term:
        env["TERM"] = term if term.isprintable() and len(term) < 64 else "xterm-256color"
    if command is not None:
        env["SSH_ORIGINAL_COMMAND"] = command
    return env


def set_winsize(fd: int, cols: int, rows: int) -> None:
    """Tell the terminal its size; the kernel signals SIGWINCH to its foreground group."""
    cols = min(max(cols, 1), 1000) if cols else 80
    rows = min(max(rows, 1), 1000) if rows else 24
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


async def run_on_pty(
    process: asyncssh.SSHServerProcess[bytes], argv: Sequence[str], env: Mapping[str, str]
) -> int:
    """Run ``argv`` on a new pseudo-terminal wired to the SSH channel; returns its status."""
    master, slave = pty.openpty()
    cols, rows, _, _ = process.get_terminal_size()
    set_winsize(slave, cols, rows)
    try:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "konzept.ssh.child",
            *argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            start_new_session=True,
        )
    finally:
        os.close(slave)
    os.set_blocking(master, False)
    try:
        return await _serve_child(process, child, master)
    finally:
        os.close(master)


async def run_on_pipes(
    process: asyncssh.SSHServerProcess[bytes], argv: Sequence[str], env: Mapping[str, str]
) -> int:
    """Run ``argv`` with pipes for stdin/stdout/stderr (the client asked for no terminal)."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "konzept",
        *argv,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=dict(env),
        start_new_session=True,
    )
    assert child.stdin and child.stdout and child.stderr
    copies = [
        asyncio.ensure_future(_copy(child.stdout, process.stdout)),
        asyncio.ensure_future(_copy(child.stderr, process.stderr)),
    ]
    feed = asyncio.ensure_future(_feed(process, child.stdin))
    waiting = asyncio.ensure_future(child.wait())
    closed = asyncio.ensure_future(process.wait_closed())
    try:
        await asyncio.wait({waiting, closed}, return_when=asyncio.FIRST_COMPLETED)
        if not waiting.done():
            return await _hang_up(child)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.gather(*copies), DRAIN_TIMEOUT)
        return _status(waiting.result())
    except asyncio.CancelledError:  # the server is stopping: no child outlives it
        await _hang_up(child)
        raise
    finally:
        await _cancel(*copies, feed, waiting, closed)


async def _copy(source: asyncio.StreamReader, target: asyncssh.SSHWriter[bytes]) -> None:
    while data := await source.read(_CHUNK):
        try:
            target.write(data)
            await target.drain()
        except (asyncssh.Error, OSError):
            return


async def _feed(process: asyncssh.SSHServerProcess[bytes], stdin: asyncio.StreamWriter) -> None:
    try:
        while data := await process.stdin.read(_CHUNK):
            stdin.write(data)
            await stdin.drain()
    except (asyncssh.Error, OSError):
        pass
    finally:
        stdin.close()


async def _serve_child(
    process: asyncssh.SSHServerProcess[bytes], child: asyncio.subprocess.Process, master: int
) -> int:
    output = asyncio.ensure_future(_pump_out(process, master))
    keys = asyncio.ensure_future(_pump_in(process, master))
    waiting = asyncio.ensure_future(child.wait())
    closed = asyncio.ensure_future(process.wait_closed())
    try:
        await asyncio.wait({waiting, closed}, return_when=asyncio.FIRST_COMPLETED)
        if not waiting.done():
            # The client went away: hang up, as a terminal line does when it drops.
            return await _hang_up(child)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(output), DRAIN_TIMEOUT)
        return _status(waiting.result())
    except asyncio.CancelledError:  # the server is stopping: no child outlives it
        await _hang_up(child)
        raise
    finally:
        # Wait for the cancelled pumps to unregister the terminal before it is closed:
        # its descriptor number may belong to another session a moment later.
        await _cancel(output, keys, closed, waiting)


async def _pump_out(process: asyncssh.SSHServerProcess[bytes], master: int) -> None:
    """Terminal → client, pausing while the client's window is full (bounded memory)."""
    while True:
        await _ready(master, write=False)
        try:
            data = os.read(master, _CHUNK)
        except BlockingIOError:
            continue
        except OSError:  # EIO: every holder of the terminal's slave side has closed it
            return
        if not data:
            return
        try:
            process.stdout.write(data)
            await process.stdout.drain()
        except (asyncssh.Error, OSError):
            return


async def _pump_in(process: asyncssh.SSHServerProcess[bytes], master: int) -> None:
    """Client → terminal; window changes become TIOCSWINSZ (and so SIGWINCH)."""
    while True:
        try:
            data = await process.stdin.read(_CHUNK)
        except asyncssh.TerminalSizeChanged as change:
            set_winsize(master, change.width, change.height)
            continue
        except (asyncssh.BreakReceived, asyncssh.SignalReceived):
            continue
        except (asyncssh.Error, OSError):
            return
        if not data:
            return  # end of input; the session lasts until the child or the channel ends
        view = memoryview(data)
        while view:
            await _ready(master, write=True)
            try:
                view = view[os.write(master, view) :]
            except BlockingIOError:
                continue
            except OSError:
                return


async def _ready(fd: int, *, write: bool) -> None:
    loop = asyncio.get_running_loop()
    ready = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    if write:
        loop.add_writer(fd, wake)
    else:
        loop.add_reader(fd, wake)
    try:
        await ready
    finally:
        if write:
            loop.remove_writer(fd)
        else:
            loop.remove_reader(fd)


async def _cancel(*tasks: asyncio.Future[Any]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _hang_up(child: asyncio.subprocess.Process) -> int:
    """SIGHUP to the child's session, then SIGKILL if it does not leave in time."""
    for sig in (signal.SIGHUP, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            return _status(await asyncio.wait_for(child.wait(), HANGUP_GRACE))
        except TimeoutError:
            continue
    return _status(await child.wait())


def _status(code: int) -> int:
    """A shell's exit status: signals as 128 + number."""
    return 128 - code if code < 0 else code
