"""``konzept import`` on two cores: this process checks the lines while a forked one
inserts them into the new store and checks their payloads.

One process spends ~6.5 µs a line on the checks (parse 1.4, payload 1.5, hash 1.2,
the rest canonical form, chain and Python) and ~5 µs on SQLite (insert 3.2, index
build 1.5-2, sync): ~66k events/s, far from SPEC §7's 100k. Handing rows to a second
process costs more than it saves when they are pickled (~3.5 µs a row), and a thread
cannot overlap Python with Python. So the second process is forked and given the
file's raw bytes, chunk by chunk through a pipe (a copy, no per-row work); it splits
and parses them itself with ``_verified(line, check=False)``, the very code that
builds the row the checks pass, checks each payload against its event type (what
that costs is taken off this process) and inserts. Meanwhile this process makes every
other check on the same bytes (:class:`~.logimport.Chain`). A line that only the slow
path accepts (an older schema version, say) is sent over after its chunk, as the row
the slow path built, and replaces whatever the other process made of that line. When
the other process falls behind (a busy machine), a chunk is checked here in full and
its rows are sent instead, in ``marshal``'s format: cheaper to read than the lines are
to parse (:func:`_behind`).

Only this process words refusals, through the slow path as always: its own, or the
other's first payload that does not fit when that line comes first (the other checks
every payload it was sent, even after an insert failed). The store is never published
unless the other process commits, which it does only after this one has sent the
count and the head hash it checked and both agree with what it inserted; if it fails
or dies, the import fails and nothing is published (see :mod:`.newstore`).

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
from collections.abc import Iterable
from itertools import repeat
from typing import IO

from .errors import StoreError, ValidationError
from .logimport import Chain, Unfit, _verified, build_validators, unfit
from .newstore import _build_privately
from .store import _INSERT, Row, Store, _connect, _suspend_schema, _translate

#: Bytes read and sent at a time: a few thousand lines, a fraction of the pipe.
CHUNK = 1 << 19
_PIPE_SIZE = 1 << 20
_LINES, _ROWS, _DECIDED, _END = b"L", b"R", b"D", b"E"
_FRAME = struct.Struct("<cQ")
_REPLACE = _INSERT.replace("INSERT INTO", "INSERT OR REPLACE INTO", 1)


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
    build_validators()
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
    chain = Chain()
    refusal: ValidationError | UnicodeDecodeError | None = None
    with os.fdopen(report_r, "rb") as reports:
        try:
            try:
                count, sent = _feed(source, data_w, chain)
            except (ValidationError, UnicodeDecodeError) as exc:
                refusal, count, sent = exc, 0, False  # unless the other found one earlier
            finally:
                os.close(data_w)
            if refusal is None:
                _write_back(temp)
            report = reports.read()
            _, status = os.waitpid(pid, 0)
            pid = 0
        finally:
            if pid:  # interrupted: stop the other process before the file goes
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    found = _unfit(report)
    if found is not None and (refusal is None or found[0] < chain.at):
        raise unfit(*found)
    if refusal is not None:
        raise refusal
    if not (sent and status == 0 and report == b"ok"):
        raise _failure(report, store.path)
    store.conn = _connect(temp, "rw")
    _build_privately(store)
    return count


def _feed(source: IO[bytes], fd: int, chain: Chain) -> tuple[int, bool]:
    """Send ``source`` on in chunks of whole lines and check each after sending it.

    Returns the count checked, and whether the other process took everything (it
    may have stopped; the checks still run to the end, so that a bad line is named
    rather than a broken pipe). A chunk sent as rows is checked before it is sent.
    """
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
            before = chain.lines
            rows = chain.check(lines.splitlines(), rows=True)
            sent = _send(fd, _ROWS, marshal.dumps((chain.lines - before, rows)))
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
    """The other process has not yet taken a quarter chunk or more of what was sent.

    Then it holds the import up (parsing, checking the payloads and inserting cost it
    a little more than the other checks cost here, and a busy machine may give it less
    time), and the next chunk is checked here in full and sent as rows: ``marshal``
    costs this process ~0.6 µs a row and the payload check 1.5, and saves the other
    ~4 µs of parsing and checking. Measured at 1M events, 1.7 load: sending rows when
    more than 0 / 128 / 256 / 512 KiB waited gave 91-101k / 98-102k / 94k / 76-95k
    events/s; the balance settles at about half the chunks as rows.
    """
    try:
        waiting = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
    except OSError:
        return False
    return bool(waiting >= CHUNK // 4)


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
    """The forked process: insert what arrives and check the payloads of the lines,
    commit only on agreement. Reports ``ok``, the first line whose payload does not
    fit, or what failed; returns the exit status."""
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
            received = _receive(pipe, conn)
            if isinstance(received, bytes):
                report = received
            else:
                for sql in restore:  # first: count(*) then reads an index, not the table
                    conn.execute(sql)
                report = b"disagree"
                if _agrees(conn, *received):
                    conn.execute("COMMIT")
                    report = b"ok"
            conn.close()
    except sqlite3.Error as exc:
        report = _sqlite_report(exc)
    except BaseException:
        report = b"failed"
    with os.fdopen(report_fd, "wb") as out:
        out.write(report)
    return 0 if report == b"ok" else 1


def _receive(pipe: IO[bytes], conn: sqlite3.Connection) -> tuple[int, str] | bytes:
    """Insert frames until the end frame; its count and head hash, or the report.

    After an insert fails the payloads are still checked to the end: the first
    line that does not fit is what the import must say, whatever came after it.
    """
    verified = _verified
    number = 0  # lines so far
    failed: bytes | None = None
    while len(header := pipe.read(_FRAME.size)) == _FRAME.size:
        kind, size = _FRAME.unpack(header)
        payload = pipe.read(size)
        if len(payload) < size:
            break
        if kind == _LINES:  # the rows that are not None, as _verified built them
            lines = payload.splitlines()
            rows = filter(None, map(verified, lines, repeat(False)))
            try:
                failed = failed or _execute(conn, _INSERT, rows)
                for _ in rows:  # what an insert that failed left unchecked
                    pass
            except Unfit as exc:
                return b"unfit:%d:%s" % (number + _unfit_at(lines), exc.type.encode())
            number += len(lines)
        elif kind == _ROWS:
            lines_in, rows_in = marshal.loads(payload)
            number += lines_in
            failed = failed or _execute(conn, _INSERT, rows_in)
        elif kind == _DECIDED:
            failed = failed or _execute(conn, _REPLACE, marshal.loads(payload))
        else:
            count, head = marshal.loads(payload)
            return failed or (int(count), str(head))
    return failed or b"disagree"


def _execute(conn: sqlite3.Connection, sql: str, rows: Iterable[Row]) -> bytes | None:
    """``executemany``; what failed, as the report says it, or None."""
    try:
        conn.executemany(sql, rows)
    except sqlite3.Error as exc:
        return _sqlite_report(exc)
    return None


def _sqlite_report(exc: sqlite3.Error) -> bytes:
    return b"sqlite:" + type(exc).__name__.encode() + b":" + str(exc).encode()


def _unfit_at(lines: list[bytes]) -> int:
    """The number within ``lines`` of the first whose payload does not fit."""
    for number, line in enumerate(lines, 1):
        try:
            _verified(line, False)
        except Unfit:
            return number
    return len(lines)


def _unfit(report: bytes) -> tuple[int, str] | None:
    """The line and event type an ``unfit`` report names."""
    if not report.startswith(b"unfit:"):
        return None
    number, _, type_ = report[6:].partition(b":")
    return int(number), type_.decode()


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
