"""``konzept import`` on two cores: this process reads the file and hands it, chunk
by chunk, to a forked one that checks and inserts it; when that one falls behind,
this one checks the next chunk itself as far as one line can be checked alone.

Every line costs ~7 µs of checks in one process (parse 2, payload 1.5-2, hash and
canonical form ~2, the rest Python), ~3.5 µs of inserting, and at the end ~2.3 µs of
index building (see :mod:`.logimport`). A thread cannot overlap Python with Python,
so the second process is forked and given the file's raw bytes through a pipe (a
copy, no per-row work); it splits and checks them with the very code that one
process runs (:class:`~.logimport.Chain`), then inserts. When it falls behind, this
process makes every check that needs no other line, the costly ones, and sends each
line's row, or the line itself where no row was built, in ``marshal``'s format
(:func:`_behind`); the other process then only links them into the chain (position,
link to the line before, stream version) and inserts them. So each line is parsed
once, by one process, and the chain, which needs every line in order, is checked in
one place.

Before, both processes parsed every line (one checked hashes and chain, the other
payloads): ~18 CPU-µs a line in all, now ~15 (parse once; the tail of index builds,
~2.3 s at 1M, is the same). ``python -m bench --sizes 1M --rows import``, runs of
the old and this design interleaved, medians (the same run's raw sqlite3 insert in
brackets): at load 0.6-1.4, 113k events/s (128k) against 99k (140k), i.e. 1.13
against 1.43 times the raw time; at load 2-3 (others' work on both cores), 63k
(118k) against 50k (110k). Tried and left out: 64 KiB pages (insert and index
builds 10-15% faster, but every later edit of that store writes 64 KiB WAL frames:
one append's p50 0.25 → 0.9-4 ms), keeping the effective and recorded_at indexes
during the load (as much CPU more on insert as it saves at the end), more SQLite
sort threads or a smaller sort cache for the index builds (no faster).

The other process decides everything, through the slow path as always (a line
that breaks the chain is refused in the slow path's words, the first bad line
first), and reports a refusal as its template and parameters, which this process
raises. It commits only when every byte this process read arrived, and exactly the
positions 1..count it checked are in the table, ending in the head hash it checked;
if it fails or dies, the import fails and nothing is published (see :mod:`.newstore`).

Only a store that nobody else can see yet takes this path (:func:`.newstore.new_store`
marks it), and only where ``fork`` exists and no thread runs; everything else is
imported in one process by :meth:`Store.import_lines`.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import marshal
import os
import signal
import sqlite3
import struct
import termios
from collections.abc import Iterable
from typing import IO

from .errors import StoreError, ValidationError
from .logimport import Chain, _verified, build_validators
from .newstore import _build_privately
from .store import _INSERT, Row, Store, _connect, _suspend_schema, _translate

#: Bytes read and sent at a time: ~500 lines, a quarter of the pipe.
CHUNK = 1 << 18
_PIPE_SIZE = 1 << 20
_LINES, _ROWS, _END = b"L", b"R", b"E"
_FRAME = struct.Struct("<cQ")


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
    with contextlib.suppress(AttributeError, OSError):  # Linux: room for four chunks
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
            collecting = gc.isenabled()
            gc.disable()  # no cycles are made here, and it would scan every row in flight
            try:
                sent = _feed(source, data_w)
            finally:
                os.close(data_w)
                if collecting:
                    gc.enable()
            if sent:
                _write_back(temp)
            report = reports.read()
            _, status = os.waitpid(pid, 0)
            pid = 0
        finally:
            if pid:  # interrupted: stop the other process before the file goes
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    _raise_refusal(report)
    if not (sent and status == 0 and report.startswith(b"ok:")):
        raise _failure(report, store.path)
    store.conn = _connect(temp, "rw")
    _build_privately(store)
    return int(report[3:])


def _feed(source: IO[bytes], fd: int) -> bool:
    """Send ``source`` on in chunks of whole lines: as they are, or checked here as
    far as no other line is needed when the other process falls behind.

    False if the other process stopped taking them (it refused a line or failed: its
    report says which); then the rest is not read.
    """
    rest = b""
    size = 0
    while True:
        block = source.read(CHUNK)
        if block:
            block = rest + block
            # whole lines only; a final \r might be the first half of a \r\n
            cut = max(block.rfind(b"\n"), block.rfind(b"\r", 0, len(block) - 1)) + 1
            lines, rest = block[:cut], block[cut:]
        else:
            lines, rest = rest, b""
        if lines:
            size += len(lines)
            if _behind(fd):  # it has work: send rows, cheaper for it to take
                items = [_verified(line) or line for line in lines.splitlines()]
                frame = _frame(_ROWS, marshal.dumps((len(lines), items)))
            else:
                frame = _frame(_LINES, lines)
            if not _send(fd, frame):
                return False
        if not block:
            break
    return _send(fd, _frame(_END, marshal.dumps(size)))


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
    """The other process has a chunk and a half or more waiting in the pipe.

    Then it holds the import up, and the next chunk is checked here and sent as rows:
    this costs ~8 µs a line here and saves the other ~7 of its ~11 (it then only
    reads them, links them into the chain and inserts them). The balance settles at
    about three lines in four checked here. The waiting bytes must outlast what
    checking one chunk takes here, or the other process sits idle meanwhile: with
    512 KiB chunks and 128 KiB waiting it was blocked on the pipe for 0.5-1.9 s of
    a 1M import; with 256 KiB chunks and 384 KiB waiting for 0.2-0.5 s.
    """
    try:
        waiting = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
    except OSError:
        return False
    return bool(waiting >= CHUNK + CHUNK // 2)


def _frame(kind: bytes, payload: bytes) -> bytes:
    return _FRAME.pack(kind, len(payload)) + payload


def _send(fd: int, frame: bytes) -> bool:
    """One frame to the other process; False if it is gone."""
    data = memoryview(frame)
    try:
        while data:
            data = data[os.write(fd, data) :]
    except BrokenPipeError:
        return False
    return True


def _insert(temp: str, data_fd: int, report_fd: int) -> int:
    """The forked process: check and insert what arrives, commit only if all of the
    file arrived and every line passed. Reports ``ok:`` and the count, the refusal
    of the first bad line, or what failed; returns the exit status."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the reading process decides
    gc.disable()  # no cycles are made here, and it would scan every row in flight
    try:
        with os.fdopen(data_fd, "rb") as pipe:
            conn = sqlite3.connect(temp, isolation_level=None)
            conn.execute("PRAGMA journal_mode=MEMORY")  # private: see newstore
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("PRAGMA threads=2")  # the reading process is idle while indexes sort
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
                    report = b"ok:%d" % received[0]
            conn.close()
    except ValidationError as exc:
        report = b"refused:" + marshal.dumps((exc.template, exc.params))
    except UnicodeDecodeError as exc:
        report = b"utf8:" + marshal.dumps(
            (exc.encoding, exc.object, exc.start, exc.end, exc.reason)
        )
    except sqlite3.Error as exc:
        report = _sqlite_report(exc)
    except BaseException:
        report = b"failed"
    with os.fdopen(report_fd, "wb") as out:
        out.write(report)
    return 0 if report.startswith(b"ok:") else 1


def _receive(pipe: IO[bytes], conn: sqlite3.Connection) -> tuple[int, str] | bytes:
    """Check and insert frames until the end frame: the count and head hash of the
    chain, or the report of what failed. Raises the refusal of the first bad line.

    After an insert fails the lines are still checked to the end: the first bad
    line is what the import must say, whatever came after it.
    """
    chain = Chain()
    size = 0  # bytes of the file checked so far
    failed: bytes | None = None
    while len(header := pipe.read(_FRAME.size)) == _FRAME.size:
        kind, length = _FRAME.unpack(header)
        payload = pipe.read(length)
        if len(payload) < length:
            break
        if kind == _LINES:
            rows = chain.check(payload.splitlines())
            size += length
        elif kind == _ROWS:
            took, items = marshal.loads(payload)
            rows = chain.link(items)
            size += took
        else:
            if marshal.loads(payload) != size:
                break
            return failed or (chain.count, chain.prev)
        if failed is None:
            failed = _execute(conn, _INSERT, rows)
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


def _raise_refusal(report: bytes) -> None:
    """Raise the refusal the other process reported, as the slow path made it."""
    kind, _, detail = report.partition(b":")
    if kind == b"refused":
        template, params = marshal.loads(detail)
        raise ValidationError(template, **params)
    if kind == b"utf8":
        raise UnicodeDecodeError(*marshal.loads(detail))


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
