"""The SQLite event store: append-only, hash-chained, safe with several processes.

Appends run in ``BEGIN IMMEDIATE`` transactions, so exactly one writer at a time reads
the head, checks stream versions (optimistic concurrency), chains hashes and commits.
Reads are iterators over cursors: a million events never sit in memory at once.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import json
import os
import sqlite3
import stat
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .envelope import FIELDS, GENESIS_HASH, Envelope, canonical_json, compute_hash, export_line
from .errors import ConflictError, Message, StoreBusy, StoreError, ValidationError
from .types import TYPES, upcast

if TYPE_CHECKING:
    from .models import Event

APPLICATION = "konzept"
#: Number of schema migrations this release knows (see migrations.py; kept here so that
#: opening a store does not import sqlite-utils unless a migration must run).
FORMAT_VERSION = 4
#: How long a writer waits for another to finish before giving up.
BUSY_TIMEOUT_MS = int(os.environ.get("KONZEPT_BUSY_TIMEOUT_MS", "5000"))
_COLUMNS = ", ".join(FIELDS)
_INSERT = f"INSERT INTO events ({_COLUMNS}) VALUES ({', '.join('?' * len(FIELDS))})"

Row = tuple[Any, ...]


def utc_now() -> str:
    """Recording time: UTC, microseconds, ``Z`` suffix; sorts as text."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class StreamAppend:
    """One stream's part of an atomic append: the events decided on ``expected_version``."""

    stream: str
    expected_version: int
    events: Sequence[Event]


@dataclass(frozen=True)
class VerifyResult:
    count: int
    head_position: int
    head_hash: str
    problem: Message | None = None
    broken_position: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class Checkpoint:
    name: str
    position: int
    cutoff: str
    max_effective: str
    state: str


@contextlib.contextmanager
def sqlite_errors(path: str, *, reading: bool = True) -> Iterator[None]:
    """Turn sqlite3's exceptions into one clear sentence about the store.

    ``reading``: only the store is read in the block, so text that is not UTF-8 comes
    from a damaged page (a write transaction may be reading an import file instead).
    """
    try:
        yield
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    except UnicodeDecodeError:
        if not reading:
            raise
        raise damaged(path) from None


def damaged(path: str) -> StoreError:
    return StoreError(
        "The store {path} is damaged: it holds text that is not UTF-8; run 'konzept verify'.",
        path=path,
    )


def _translate(exc: sqlite3.Error, path: str) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreBusy(
            "The store {path} is locked by another process "
            "(waited {seconds} s); try again in a moment.",
            path=path,
            seconds=f"{BUSY_TIMEOUT_MS / 1000:g}",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError("The store {path} is read-only; konzept cannot write to it.", path=path)
    if "not a database" in text:
        return StoreError("{path} is not a SQLite database.", path=path)
    if "malformed" in text or "corrupt" in text:
        return StoreError(
            "The store {path} is corrupt (SQLite: {detail}).", path=path, detail=str(exc)
        )
    if "full" in text:
        return StoreError("The disk holding {path} is full; nothing was written.", path=path)
    if "disk i/o" in text:  # EFBIG (ulimit -f), EIO: SQLite says no more than this
        return StoreError(
            "The store {path} could not be written or read (disk I/O error: the disk may "
            "be full, the file too large or the device failing); run 'konzept verify'.",
            path=path,
        )
    if "unable to open" in text:
        return StoreError(
            "Cannot open {path}: SQLite needs to create {path}-wal and {path}-shm, "
            "so the folder must be writable.",
            path=path,
        )
    return StoreError("The store {path} failed: {detail}.", path=path, detail=str(exc))


class Store:
    """An open konzept store. Create with :meth:`create`, open with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: str, *, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        #: The temporary file :func:`.newstore.new_store` builds this store in while
        #: nobody else can see it; None for every other store.
        self.private: str | None = None
        self.new_id: Callable[[], str] = lambda: uuid.uuid4().hex

    # --- opening -------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path) -> Store:
        """Create a new, empty store; refuses to touch an existing file."""
        path = str(path)
        if path != ":memory:" and os.path.exists(path) and os.path.getsize(path) > 0:
            raise ValidationError(
                "{path} already exists; konzept will not overwrite it.", path=path
            )
        with sqlite_errors(path):
            conn = _connect(path, "rwc")
            conn.execute("PRAGMA journal_mode=WAL")
            _migrate(conn)
            now = utc_now()
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [
                    ("application", APPLICATION),
                    ("format_version", str(FORMAT_VERSION)),
                    ("concept_id", uuid.uuid4().hex),
                    ("created_at", now),
                ],
            )
        return cls(conn, path, readonly=False)

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open an existing store, refusing anything that is not a konzept store we can read."""
        path = str(path)
        if not os.path.exists(path):
            raise StoreError(
                "There is no konzept store at {path}; create one with "
                "'konzept init' or 'konzept demo', or point --db at yours.",
                path=path,
            )
        if os.path.isdir(path):
            raise StoreError("{path} is a folder, not a konzept store.", path=path)
        if os.path.getsize(path) == 0:
            raise StoreError("{path} is an empty file, not a konzept store.", path=path)
        folder = os.path.dirname(os.path.abspath(path))
        writable = os.access(path, os.W_OK) and os.access(folder, os.W_OK)
        with sqlite_errors(path):
            conn = _connect(path, "rw") if writable else connect_readonly(path)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "meta" not in tables or "events" not in tables:
                conn.close()
                raise StoreError("{path} is a SQLite database but not a konzept store.", path=path)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("application") != APPLICATION:
                conn.close()
                raise StoreError("{path} is a SQLite database but not a konzept store.", path=path)
            version = int(meta.get("format_version", "0"))
            if version > FORMAT_VERSION:
                conn.close()
                raise StoreError(
                    "{path} was written by a newer konzept (store format {version}, "
                    "this release reads up to {supported}); upgrade konzept.",
                    path=path,
                    version=version,
                    supported=FORMAT_VERSION,
                )
            store = cls(conn, path, readonly=not writable)
            if version < FORMAT_VERSION and writable:
                _migrate(conn)
                conn.execute(
                    "UPDATE meta SET value = ? WHERE key = 'format_version'", (str(FORMAT_VERSION),)
                )
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- meta ----------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with sqlite_errors(self.path):
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # --- writing -------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction; rolled back on any error."""
        if self.readonly:
            folder = os.path.dirname(os.path.abspath(self.path))
            if os.access(self.path, os.W_OK) and not os.access(folder, os.W_OK):
                raise StoreError(
                    "The folder {folder} is read-only; SQLite's write-ahead log needs to "
                    "create {path}-wal beside the store, so konzept cannot write to it.",
                    folder=folder,
                    path=self.path,
                )
            raise StoreError(
                "The store {path} is read-only; konzept cannot write to it.", path=self.path
            )
        with sqlite_errors(self.path, reading=False):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def append(
        self,
        stream: str,
        expected_version: int,
        events: Sequence[Event],
        *,
        actor: str,
        reason: str = "",
        effective: str,
        decision: str | None = None,
        recorded_at: str | None = None,
    ) -> list[Envelope]:
        """Append one stream's events; see :meth:`append_batch`."""
        return self.append_batch(
            [StreamAppend(stream, expected_version, events)],
            actor=actor,
            reason=reason,
            effective=effective,
            decision=decision,
            recorded_at=recorded_at,
        )

    def append_batch(
        self,
        batch: Sequence[StreamAppend],
        *,
        actor: str,
        reason: str = "",
        effective: str,
        decision: str | None = None,
        recorded_at: str | None = None,
    ) -> list[Envelope]:
        """Append events to several streams in one transaction, or nothing at all.

        Raises:
            ConflictError: a stream is no longer at the version the command was decided on.
        """
        recorded = recorded_at or utc_now()
        envelopes: list[Envelope] = []
        with self._write() as conn:
            position, prev = self._head(conn)
            versions: dict[str, int] = {}
            for part in batch:
                current = versions.get(part.stream)
                if current is None:
                    current = self._stream_version(conn, part.stream)
                if current != part.expected_version:
                    raise ConflictError(
                        "Someone else changed {target} meanwhile (now at version {now}, your "
                        "edit was based on version {seen}); nothing was written, reload and "
                        "try again.",
                        part.stream,
                        part.expected_version,
                        current,
                        target=part.stream.partition(":")[2] or part.stream,
                        now=current,
                        seen=part.expected_version,
                    )
                for event in part.events:
                    position += 1
                    current += 1
                    data = event.payload()
                    envelope = self._seal(
                        position,
                        part.stream,
                        current,
                        event.type_name(),
                        event.schema_version,
                        data,
                        recorded,
                        effective,
                        actor,
                        reason,
                        decision,
                        prev,
                    )
                    envelopes.append(envelope)
                    prev = envelope.hash
                versions[part.stream] = current
            conn.executemany(_INSERT, [_row(e) for e in envelopes])
        return envelopes

    def _seal(
        self,
        position: int,
        stream: str,
        version: int,
        type_: str,
        schema_version: int,
        data: dict[str, Any],
        recorded_at: str,
        effective: str,
        actor: str,
        reason: str,
        decision: str | None,
        prev_hash: str,
    ) -> Envelope:
        event_id = self.new_id()
        try:
            data_json = canonical_json(data)
            digest = compute_hash(
                position,
                event_id,
                stream,
                version,
                type_,
                schema_version,
                data_json,
                recorded_at,
                effective,
                actor,
                reason,
                decision,
                prev_hash,
            )
        except UnicodeEncodeError:  # a lone surrogate: bytes that were not UTF-8
            raise ValidationError(
                "A value cannot be stored: it is not valid UTF-8 text (check the encoding)."
            ) from None
        except ValueError as exc:
            raise ValidationError("A value cannot be stored: {detail}.", detail=str(exc)) from exc
        return Envelope(
            position,
            event_id,
            stream,
            version,
            type_,
            schema_version,
            data,
            recorded_at,
            effective,
            actor,
            reason,
            decision,
            prev_hash,
            digest,
        )

    @staticmethod
    def _head(conn: sqlite3.Connection) -> tuple[int, str]:
        row = conn.execute(
            "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
        ).fetchone()
        return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))

    @staticmethod
    def _stream_version(conn: sqlite3.Connection, stream: str) -> int:
        row = conn.execute("SELECT max(version) FROM events WHERE stream = ?", (stream,)).fetchone()
        return int(row[0] or 0)

    # --- reading -------------------------------------------------------------------

    def head(self) -> tuple[int, str]:
        """(position, hash) of the newest event; (0, 64 zeros) for an empty log."""
        with sqlite_errors(self.path):
            return self._head(self.conn)

    def first_effective(self) -> str | None:
        """The earliest date from which any event of the log holds (None if empty)."""
        with sqlite_errors(self.path):
            row = self.conn.execute("SELECT MIN(effective) FROM events").fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def head_time(self) -> str | None:
        with sqlite_errors(self.path):
            row = self.conn.execute(
                "SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1"
            ).fetchone()
        return None if row is None else str(row[0])

    def stream_version(self, stream: str) -> int:
        with sqlite_errors(self.path):
            return self._stream_version(self.conn, stream)

    def position_at(self, recorded_at: str) -> int:
        """The last position recorded at or before a time (for "as known at")."""
        with sqlite_errors(self.path):
            row = self.conn.execute(
                "SELECT max(position) FROM events WHERE recorded_at <= ?", (recorded_at,)
            ).fetchone()
        return int(row[0] or 0)

    def rows(
        self, where: str = "", params: Sequence[Any] = (), order: str = "position"
    ) -> Iterator[Row]:
        """Raw rows (``FIELDS`` order) as a lazy iterator; ``where`` is trusted SQL."""
        sql = f"SELECT {_COLUMNS} FROM events {'WHERE ' + where if where else ''} ORDER BY {order}"
        with sqlite_errors(self.path):
            cursor = self.conn.execute(sql, params)
            while batch := cursor.fetchmany(2000):
                yield from batch

    def read(
        self,
        *,
        after: int = 0,
        upto: int | None = None,
        stream: str | None = None,
        recorded_until: str | None = None,
    ) -> Iterator[Envelope]:
        """Envelopes with upcast data, in log order, filtered by position, stream or time."""
        clauses: list[str] = ["position > ?"]
        params: list[Any] = [after]
        if upto is not None:
            clauses.append("position <= ?")
            params.append(upto)
        if stream is not None:
            clauses.append("stream = ?")
            params.append(stream)
        if recorded_until is not None:
            clauses.append("recorded_at <= ?")
            params.append(recorded_until)
        for row in self.rows(" AND ".join(clauses), params):
            yield to_envelope(row)

    def count(self) -> int:
        with sqlite_errors(self.path):
            return int(self.conn.execute("SELECT count(*) FROM events").fetchone()[0])

    # --- verification --------------------------------------------------------------

    def verify(self, witness: tuple[int, str] | None = None) -> VerifyResult:
        """Check every link of the chain, gapless positions and per-stream versions."""
        expected_pos, prev = 1, GENESIS_HASH
        versions: dict[str, int] = {}
        count = 0

        def broken(position: int, problem: Message) -> VerifyResult:
            return VerifyResult(count, expected_pos - 1, prev, problem, position)

        # The file itself first: a damaged index reads "fine" row by row but answers
        # lookups (stream versions, --at-time) wrongly. integrity_check, not quick_check:
        # only it compares every index with its table.
        with sqlite_errors(self.path):
            damage = self.conn.execute("PRAGMA integrity_check(3)").fetchall()
        if damage != [("ok",)]:
            found = "; ".join(str(r[0]) for r in damage)
            return VerifyResult(
                0, 0, GENESIS_HASH, Message("the database file is damaged ({found})", found=found)
            )

        for row in self.rows():
            position, stream, version, type_ = row[0], row[2], row[3], row[4]
            if position != expected_pos:
                return broken(
                    expected_pos, Message("position {position} is missing", position=expected_pos)
                )
            if row[12] != prev:
                return broken(
                    position,
                    Message(
                        "position {position} does not link to position {previous} "
                        "(one of the two was altered)",
                        position=position,
                        previous=position - 1,
                    ),
                )
            if compute_hash(*row[:13]) != row[13]:
                return broken(
                    position,
                    Message(
                        "position {position} was altered after it was written", position=position
                    ),
                )
            if version != versions.get(stream, 0) + 1:
                return broken(
                    position,
                    Message(
                        "position {position} breaks the versions of {stream}",
                        position=position,
                        stream=stream,
                    ),
                )
            if type_ not in TYPES or row[5] > TYPES[type_].schema_version:
                # written by a newer release (or forged): say which, and what helps
                return broken(
                    position,
                    Message(
                        "position {position} holds {type} v{version}, which this release does "
                        "not know; upgrade konzept (if no newer konzept wrote it, it was forged)",
                        position=position,
                        type=type_,
                        version=row[5],
                    ),
                )
            if not _readable(type_, row[5], _parsed(row[6])):
                return broken(
                    position,
                    Message(
                        "position {position} holds data that does not fit {type}",
                        position=position,
                        type=type_,
                    ),
                )
            versions[stream] = version
            prev = row[13]
            expected_pos += 1
            count += 1
        result = VerifyResult(count, count, prev)
        if witness is not None:
            w_pos, w_hash = witness
            row = self.conn.execute(
                "SELECT hash FROM events WHERE position = ?", (w_pos,)
            ).fetchone()
            if row is None:
                return VerifyResult(
                    count,
                    count,
                    prev,
                    Message(
                        "the witnessed head {position} is missing: the log was cut off",
                        position=w_pos,
                    ),
                    w_pos,
                )
            if row[0] != w_hash:
                return VerifyResult(
                    count,
                    count,
                    prev,
                    Message(
                        "position {position} no longer has the witnessed hash: "
                        "the log was rewritten",
                        position=w_pos,
                    ),
                    w_pos,
                )
        return result

    # --- export / import -----------------------------------------------------------

    def export(self, out: IO[str], upto: int | None = None) -> int:
        """Write the log as JSON Lines, exactly as stored; returns the number of lines."""
        n = 0
        where, params = ("position <= ?", [upto]) if upto is not None else ("", [])
        for row in self.rows(where, params):
            out.write(export_line(row))
            out.write("\n")
            n += 1
        return n

    def import_file(self, source: IO[bytes]) -> int:
        """:meth:`import_lines` of an exported log opened in binary mode, read as
        UTF-8 text; a store nobody sees yet is filled on two cores (see forkimport)."""
        source = _past_byte_order_mark(source)
        count: int | None = None
        if self.private is not None and fork_is_safe():
            from .forkimport import import_forked

            count = import_forked(self, self.private, source)
        if count is None:
            text = io.TextIOWrapper(source, encoding="utf-8")
            try:
                count = self.import_lines(text)
            finally:
                text.detach()
        if count == 0:  # a store without even its creation could take no import again
            raise ValidationError(
                "The file holds no events (an exported log begins with the concept's "
                "creation), so nothing was imported."
            )
        return count

    def import_lines(self, lines: Iterable[str]) -> int:
        """Load an exported log into this empty store, re-verifying every hash.

        Everything happens in one transaction: a broken line aborts the import and
        nothing is written.
        """
        if self.count():
            raise ValidationError(
                "{path} already holds events; import needs an empty store.", path=self.path
            )
        from .logimport import checked_rows  # imports this module

        checked = checked_rows(lines)
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None:
                raise ValidationError(  # someone appended since the check above
                    "{path} already holds events; import needs an empty store.", path=self.path
                )
            restore = _suspend_schema(conn)
            n = 0
            while chunk := list(islice(checked, 5000)):
                conn.executemany(_INSERT, chunk)
                n += len(chunk)
            for sql in restore:
                conn.execute(sql)
        return n

    # --- checkpoints ---------------------------------------------------------------

    def save_checkpoint(self, cp: Checkpoint) -> None:
        """Persist a folded state with the position it covers, in one transaction."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT hash FROM events WHERE position = ?", (cp.position,)
            ).fetchone()
            head_hash = GENESIS_HASH if row is None else str(row[0])
            conn.execute(
                "INSERT OR REPLACE INTO checkpoints VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    cp.name,
                    cp.position,
                    cp.cutoff,
                    cp.max_effective,
                    head_hash,
                    cp.state,
                    checkpoint_seal(
                        cp.name, cp.position, cp.cutoff, cp.max_effective, head_hash, cp.state
                    ),
                ),
            )

    def checkpoints(self) -> list[Checkpoint]:
        """Checkpoints that still match the log; a tampered or orphaned one is ignored."""
        with sqlite_errors(self.path):
            rows = self.conn.execute(
                "SELECT c.name, c.position, c.cutoff, c.max_effective, c.state, c.state_hash,"
                " c.head_hash, e.hash FROM checkpoints c"
                " LEFT JOIN events e ON e.position = c.position ORDER BY c.position"
            ).fetchall()
        good = []
        for name, pos, cutoff, max_eff, state, state_hash, head_hash, event_hash in rows:
            expected_head = GENESIS_HASH if pos == 0 else event_hash
            if head_hash != expected_head:
                continue
            if checkpoint_seal(name, pos, cutoff, max_eff, head_hash, state) != state_hash:
                continue
            good.append(Checkpoint(name, pos, cutoff, max_eff, state))
        return good

    def checkpoint_heads(self) -> list[Checkpoint]:
        """Checkpoints that still match the log, *without* their states (``state`` is "").

        Choosing where to start must not read and hash every stored state: a 1M-event
        concept's state is ~7 MB and there is one per year. :meth:`load_checkpoint`
        reads and checks the one chosen.
        """
        with sqlite_errors(self.path):
            # Only columns stored before ``state``: SQLite then never walks its overflow pages.
            rows = self.conn.execute(
                "SELECT c.name, c.position, c.cutoff, c.max_effective, c.head_hash, e.hash"
                " FROM checkpoints c LEFT JOIN events e ON e.position = c.position"
                " ORDER BY c.position"
            ).fetchall()
        return [
            Checkpoint(name, pos, cutoff, max_eff, "")
            for name, pos, cutoff, max_eff, head_hash, event_hash in rows
            if head_hash == (GENESIS_HASH if pos == 0 else event_hash)
        ]

    def load_checkpoint(self, name: str) -> Checkpoint | None:
        """One checkpoint with its state, or None if it is missing, orphaned or tampered."""
        with sqlite_errors(self.path):
            row = self.conn.execute(
                "SELECT c.name, c.position, c.cutoff, c.max_effective, c.state, c.state_hash,"
                " c.head_hash, e.hash FROM checkpoints c"
                " LEFT JOIN events e ON e.position = c.position WHERE c.name = ?",
                (name,),
            ).fetchone()
        if row is None:
            return None
        name, pos, cutoff, max_eff, state, state_hash, head_hash, event_hash = row
        if head_hash != (GENESIS_HASH if pos == 0 else event_hash):
            return None
        if checkpoint_seal(name, pos, cutoff, max_eff, head_hash, state) != state_hash:
            return None
        return Checkpoint(name, pos, cutoff, max_eff, state)

    def drop_checkpoints(self) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM checkpoints")


def checkpoint_seal(
    name: str, position: int, cutoff: str, max_effective: str, head_hash: str, state: str
) -> str:
    """The hash a checkpoint is stored with: over its state *and* its coordinates, so
    a stray edit of its position, cut-off or latest date makes readers ignore it (a
    checkpoint sealed by an older release is ignored too, and simply rebuilt)."""
    header = canonical_json([name, position, cutoff, max_effective, head_hash])
    return hashlib.sha256(f"{header}\n{state}".encode()).hexdigest()


def _migrate(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database

    from .migrations import migrations

    migrations.apply(Database(conn))


def connect_readonly(path: str) -> sqlite3.Connection:
    """Open for reading where we may not write.

    WAL readers need the -shm file; on read-only media it cannot be created. When no
    -wal file is left (the last writer checkpointed and removed it) nobody can be
    writing, so the file is opened as immutable, which needs no -shm.
    """
    try:
        conn = _connect(path, "ro")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if os.path.exists(path + "-wal"):
            raise
    return _connect(path, "ro&immutable=1")


def _connect(path: str, mode: str) -> sqlite3.Connection:
    if path == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    else:
        uri = f"{Path(path).absolute().as_uri()}?mode={mode}"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _row(e: Envelope) -> Row:
    return (
        e.position,
        e.id,
        e.stream,
        e.version,
        e.type,
        e.schema_version,
        canonical_json(e.data),
        e.recorded_at,
        e.effective,
        e.actor,
        e.reason,
        e.decision,
        e.prev_hash,
        e.hash,
    )


#: The C scanner behind ``json.loads`` (not in typeshed).
_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


#: The first bytes of every SQLite database file, and of none of konzept's outputs.
SQLITE_HEADER = b"SQLite format 3\x00"
_BESIDE = ("-wal", "-shm", "-journal")


def refuse_overwriting_a_database(path: str) -> None:
    """Refuse to write a report or an export over a SQLite database, or over the
    write-ahead log, shared memory or journal beside one: ``-o konzept.db`` typed by
    mistake would replace the whole log, its own store's included, with text."""
    base = next((path[: -len(s)] for s in _BESIDE if path.endswith(s)), path)
    for candidate in dict.fromkeys((path, base)):
        try:
            if not stat.S_ISREG(os.stat(candidate).st_mode):
                continue  # a pipe or a device: reading it could wait for ever
            with open(candidate, "rb") as f:
                head = f.read(len(SQLITE_HEADER))
        except OSError:  # missing or unreadable: writing it says why, if it fails
            continue
        if head == SQLITE_HEADER:
            raise ValidationError(
                "{path} belongs to a database (a konzept store?); reports and exports are "
                "never written over one, so choose another file.",
                path=path,
            )


def fork_is_safe() -> bool:
    """``fork`` exists and no other thread runs: a forked child cannot inherit a lock
    some other thread held (the import's inserting process, the report's second core)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def load_data(text: str) -> Any:
    """``json.loads`` for a stored ``data`` column, about three times faster.

    The column holds canonical JSON written by konzept and covered by the hash chain
    (no surrounding whitespace), so the C scanner is called directly, skipping
    ``json.loads``'s type checks and its two whitespace regexes per call. Hot read
    paths decode every event; this is a third of their cost.
    """
    try:
        return _scan(text, 0)[0]
    except StopIteration:
        raise ValueError(f"stored data is not JSON: {text[:40]!r}") from None


def to_envelope(row: Row) -> Envelope:
    try:
        data = upcast(row[4], row[5], load_data(row[6]))
    except (ValueError, KeyError, TypeError):
        raise unreadable(row[0]) from None
    return Envelope(row[0], row[1], row[2], row[3], row[4], row[5], data, *row[7:])


def unreadable(position: int) -> StoreError:
    """A stored event the readers cannot use: only tampering makes one (the hash chain
    may still hold if the tamperer recomputed it), and ``konzept verify`` names it."""
    return StoreError(
        "The event at position {position} cannot be read: the log was altered; "
        "'konzept verify' names what.",
        position=position,
    )


def _parsed(data_json: str) -> Any:
    try:
        return json.loads(data_json)
    except ValueError:
        return None


def _readable(type_: str, schema_version: int, data: Any) -> bool:
    """The payload validates as its event type. Checked where logs come in from outside
    (import) and by verify; the hot read paths trust the hashed log."""
    if not isinstance(data, dict) or schema_version < 1:
        return False
    from .catalog import load  # pydantic: only where a payload is validated

    try:
        load(type_, schema_version, data)
    except (ValueError, KeyError, TypeError, StoreError):
        return False
    return True


def _past_byte_order_mark(source: IO[bytes]) -> IO[bytes]:
    """``source`` from its first byte after the mark some editors put before UTF-8
    text (Windows Notepad saves a log so): it is not part of the first line's JSON."""
    bom = codecs.BOM_UTF8
    if source.seekable():
        start = source.tell()
        if source.read(len(bom)) != bom:
            source.seek(start)
        return source
    head = source.read(len(bom))  # a pipe: up to three bytes, however they arrive
    if head == bom:
        return source
    return io.BufferedReader(_Prefixed(head, source))


class _Prefixed(io.RawIOBase):
    """``head``, then the rest of ``source``: a pipe's first bytes put back."""

    def __init__(self, head: bytes, source: IO[bytes]) -> None:
        self._head, self._source = head, source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        if self._head:
            chunk, self._head = self._head[:size], self._head[size:]
        else:
            chunk = self._source.read(size)
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _suspend_schema(conn: sqlite3.Connection) -> list[str]:
    """Drop the events table's triggers and secondary indexes for a bulk load into it
    while it is empty; returns the SQL that recreates them exactly as they were.

    Only inside the import's one transaction: nobody else can write meanwhile (BEGIN
    IMMEDIATE), readers keep seeing the old schema (WAL), and any failure rolls the
    drop back with everything else. What the insert trigger refuses (a gap, a
    collision) the import refuses line by line before inserting; the unique index is
    rebuilt before the commit, so a duplicate (stream, version) would still abort. The
    trigger costs more than the insert itself, and building an index once from all
    rows costs a third of maintaining it row by row.
    """
    schema = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'events'"
        " AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for kind, name, _ in schema:
        conn.execute(f'DROP {"INDEX" if kind == "index" else "TRIGGER"} "{name}"')
    return [sql for _, _, sql in schema]
