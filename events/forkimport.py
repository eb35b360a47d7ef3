"""``konzept import`` on two cores: this process checks every line while a forked
one inserts the same lines into the new store.

One process spends ~6.5 µs a line on the checks (parse 1.4, payload 1.5, hash 1.2,
the rest canonical form, chain and Python) and ~5 µs on SQLite (insert 3.2, index
build 1.5-2, sync), ~66k events/s: far from SPEC §7's 100k. Handing rows to a second process costs more than it saves when they
are pickled (~3.5 µs a row), and a thread cannot overlap Python with Python. So the
second process is forked and given the file's raw bytes instead, chunk by chunk
through a pipe (a copy, no per-row work); it splits and parses them itself with
``_verified(line, check=False)``, the very code that builds the row the checks pass,
and inserts. Meanwhile this process checks the same bytes with
:class:`~.logimport.Chain`. A line that only the slow path accepts (an older schema
version, say) is sent over after its chunk, as the row the slow path built, and
replaces whatever the other process made of that line. When the other process falls
behind (a busy machine), a chunk is checked first and its rows are sent instead, in
``marshal``'s format: cheaper to read than the lines are to parse (:func:`_behind`).

Only this process decides: a refusal is raised here, worded by the slow path as
always, and the other process is killed; the store is never published (see
:mod:`.newstore`). The other process commits only after this one has sent the count
and the head hash it checked and both agree with what it inserted; if it fails or
dies, the import fails and nothing is published either.

Only a store that nobody else can see yet takes this path (:func:`.newstore.new_store`
marks it), and only where ``fork`` exists and no thread runs; everything else is
imported in one process by :meth:`Store.import_lines`.
"""

from __future__ import annotations

import contextlib
import fcntl
import marshal
import os
import signal
import sqlite3
import struct
import termios
import threading
from itertools import repeat
from typing import IO

from .errors import StoreError, ValidationError
from .logimport import Chain, _verified
from .newstore import _build_privately
from .store import _INSERT, Store, _connect, _suspend_schema, _translate

#: Bytes read and sent at a time: a few thousand lines, a fraction of the pipe.
CHUNK = 1 << 19
_PIPE_SIZE = 1 << 20
_LINES, _ROWS, _DECIDED, _END = b"L", b"R", b"D", b"E"
_FRAME = struct.Struct("<cQ")
_REPLACE = _INSERT.replace("INSERT INTO", "INSERT OR REPLACE INTO", 1)


def available() -> bool:
    """``fork`` exists and is safe here: no other thread could be holding a lock."""
    return hasattr(os, "fork") and threading.active_count() == 1


def import_forked(store: Store, temp: str, source: IO[bytes]) -> int | None:
    """Import ``source`` into the private, empty store whose file is ``temp``.

    Raises what :meth:`Store.import_lines` raises for the same file, plus a
    :class:`StoreError` if the inserting process fails; on any error the store's
    connection is left closed and the caller (``new_store``) discards the file.
    None, with nothing read, if no process can be forked (then import in one).
    """
    if store.count():
        raise ValidationError(
            "{path} already holds events; import needs an empty store.", path=store.path
        )
    data_r, data_w = os.pipe()
    report_r, report_w = os.pipe()
    with contextlib.suppress(AttributeError, OSError):  # Linux: room for two chunks
        fcntl.fcntl(data_w, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    store.conn.close()  # no SQLite connection may cross a fork
    try:
        pid = os.fork()
    except OSError:
        for fd in (data_r, data_w, report_r, report_w):
            os.close(fd)
        store.conn = _connect(temp, "rw")
        _build_privately(store)
        return None
    if pid == 0:  # the child: it only ever leaves through os._exit
        status = 70
        try:
            os.close(data_w)
            os.close(report_r)
            status = _insert(temp, data_r, report_w)
        finally:
            os._exit(status)
    os.close(data_r)
    os.close(report_w)
    with os.fdopen(report_r, "rb") as reports:
        try:
            try:
                count, sent = _feed(source, data_w)
            finally:
                os.close(data_w)
            _write_back(temp)
            report = reports.read()
            _, status = os.waitpid(pid, 0)
            pid = 0
        finally:
            if pid:  # refused or interrupted: stop the other process before the file goes
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    if not (sent and status == 0 and report == b"ok"):
        raise _failure(report, store.path)
    store.conn = _connect(temp, "rw")
    _build_privately(store)
    return count


def _feed(source: IO[bytes], fd: int) -> tuple[int, bool]:
    """Send ``source`` on in chunks of whole lines and check each after sending it.

    Returns the count checked, and whether the other process took
    everything (it may have stopped; the checks still run to the end, so that a bad
    line is named rather than a broken pipe).
    """
    chain = Chain()
    sent = True
    rest = b""
    while True:
        block = source.read(CHUNK)
        if block:
            block = rest + block
            # whole lines only; a final \r might be the first half of a \r\n
            cut = max(block.rfind(b"\n"), block.rfind(b"\r", 0, len(block) - 1)) + 1
            lines, rest = block[:cut], block[cut:]
        else:
            lines, rest = rest, b""
        if lines and sent and _behind(fd):  # it has work: send rows, cheaper to take
            sent = _send(fd, _ROWS, marshal.dumps(chain.check(lines.splitlines(), every=True)))
        elif lines:
            sent = sent and _send(fd, _LINES, lines)
            decided = chain.check(lines.splitlines())
            if decided:
                sent = sent and _send(fd, _DECIDED, marshal.dumps(decided))
        if not block:
            break
    sent = sent and _send(fd, _END, marshal.dumps((chain.count, chain.prev)))
    return chain.count, sent


def _write_back(temp: str) -> None:
    """Put the rows on disk while the other process builds the indexes.

    They are written without syncing (see newstore) and no longer change, while
    this process would only wait; ``new_store`` syncs the whole file before
    publishing it, and then has only the indexes left to write (best effort: that
    final sync is what counts).
    """
    with contextlib.suppress(OSError):
        fd = os.open(temp, os.O_RDONLY)
        try:
            getattr(os, "fdatasync", os.fsync)(fd)  # macOS has only fsync
        finally:
            os.close(fd)


def _behind(fd: int) -> bool:
    """The other process has more than a chunk still waiting in the pipe.

    Then it, not this process, holds the import up (its parse and SQLite's insert cost
    about what the checks cost; a busy machine may give it less time), and rows are
    sent instead of lines: ``marshal`` costs this process ~0.6 µs a row and saves the
    other ~2.5 µs of parsing.
    """
    try:
        waiting = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
    except OSError:
        return False
    return bool(waiting > CHUNK)


def _send(fd: int, kind: bytes, payload: bytes) -> bool:
    """One frame to the other process; False if it is gone."""
    data = memoryview(_FRAME.pack(kind, len(payload)) + payload)
    try:
        while data:
            data = data[os.write(fd, data) :]
    except BrokenPipeError:
        return False
    return True


def _insert(temp: str, data_fd: int, report_fd: int) -> int:
    """The forked process: insert what arrives, commit only on agreement. Exit status."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the checking process decides
    try:
        with os.fdopen(data_fd, "rb") as pipe:
            conn = sqlite3.connect(temp, isolation_level=None)
            conn.execute("PRAGMA journal_mode=MEMORY")  # private: see newstore
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("PRAGMA threads=2")  # the checking process is idle while indexes sort
            conn.execute("BEGIN IMMEDIATE")
            restore = _suspend_schema(conn)
            expected = _receive(pipe, conn)
            if expected is not None:
                for sql in restore:  # first: count(*) then reads an index, not the table
                    conn.execute(sql)
            if expected is not None and _agrees(conn, *expected):
                conn.execute("COMMIT")
                report = b"ok"
            else:
                report = b"disagree"
            conn.close()
    except sqlite3.Error as exc:
        report = b"sqlite:" + type(exc).__name__.encode() + b":" + str(exc).encode()
    except BaseException:
        report = b"failed"
    with os.fdopen(report_fd, "wb") as out:
        out.write(report)
    return 0 if report == b"ok" else 1


def _receive(pipe: IO[bytes], conn: sqlite3.Connection) -> tuple[int, str] | None:
    """Insert frames until the end frame; its count and head hash, or None if the
    checking process went away before sending it."""
    verified = _verified
    while header := pipe.read(_FRAME.size):
        if len(header) < _FRAME.size:
            return None
        kind, size = _FRAME.unpack(header)
        payload = pipe.read(size)
        if len(payload) < size:
            return None
        if kind == _LINES:  # the rows that are not None, as _verified built them
            lines = payload.splitlines()
            conn.executemany(_INSERT, filter(None, map(verified, lines, repeat(False))))
        elif kind == _ROWS:
            conn.executemany(_INSERT, marshal.loads(payload))
        elif kind == _DECIDED:
            conn.executemany(_REPLACE, marshal.loads(payload))
        else:
            count, head = marshal.loads(payload)
            return int(count), str(head)
    return None


def _agrees(conn: sqlite3.Connection, count: int, head: str) -> bool:
    """Exactly the positions 1..count were inserted, ending in the head hash checked."""
    got = conn.execute("SELECT count(*), min(position), max(position) FROM events").fetchone()
    if count == 0:
        return tuple(got) == (0, None, None)
    last = conn.execute("SELECT hash FROM events WHERE position = ?", (count,)).fetchone()
    return tuple(got) == (count, 1, count) and last is not None and last[0] == head


def _failure(report: bytes, path: str) -> StoreError:
    """What to say when the inserting process failed: SQLite's own error as the
    store would say it (a full disk), else that the import stopped."""
    if report.startswith(b"sqlite:"):  # _translate reads only the text
        text = report[7:].decode(errors="replace").partition(":")[2]
        return _translate(sqlite3.OperationalError(text), path)
    return StoreError(
        "The import into {path} failed: its second process stopped; nothing was written.",
        path=path,
    )
