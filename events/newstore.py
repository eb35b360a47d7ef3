"""Creating a store file all at once: it appears complete, or not at all.

``konzept init`` and ``konzept import`` make a new file and then write its first
events. Done in place, a crash (kill -9, power loss, a full disk) between the two
leaves a file that is a half-made store, which the next ``init`` refuses to
overwrite and ``open`` refuses to read; and two ``init`` racing for one path could
each take the other's file for its own and delete it while cleaning up.

So the new store is built under a temporary name beside the target and published
with ``link`` (atomic, and it never replaces an existing file). A crash leaves at
most a hidden ``.NAME.new-…`` file that nothing reads.

Because nothing reads that file before it is published, it is built without crash
safety: its rollback journal is kept in memory and nothing is synced, which takes
~40% off SQLite's share of a big import (a write-ahead log writes every page twice,
and syncs). On success it is switched back to write-ahead logging
and the whole file is synced once, before its name is published, so the published
store is exactly as durable as one written event by event.

The yielded store's ``private`` names that file: only such a store may be filled
by a second, forked process (``konzept import``, see :mod:`.forkimport`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Iterator

from .errors import ConflictError, StoreError, ValidationError, os_reason
from .store import Store, sqlite_errors

_SUFFIXES = ("", "-wal", "-shm", "-journal")


@contextlib.contextmanager
def new_store(path: str) -> Iterator[Store]:
    """Yield a fresh store to fill; publish it at ``path`` when the block succeeds.

    Raises:
        ValidationError: ``path`` exists (and is not an empty file).
        ConflictError: someone else created ``path`` while this store was filled.
        StoreError: the folder cannot take the file.
    """
    if os.path.exists(path) and (os.path.isdir(path) or os.path.getsize(path) > 0):
        raise ValidationError("{path} already exists; konzept will not overwrite it.", path=path)
    folder, name = os.path.split(os.path.abspath(path))
    temp = os.path.join(folder, f".{name}.new-{uuid.uuid4().hex[:12]}")
    try:
        try:
            store = Store.create(temp)
        except StoreError as exc:
            named = {
                k: p.replace(temp, path) if isinstance(p, str) else p for k, p in exc.params.items()
            }
            raise StoreError(exc.template, **named) from exc
        store.path = path  # errors from here on name the file the person asked for
        store.private = temp
        try:
            _build_privately(store)
            yield store
            _settle(store)
        finally:
            store.close()
        _sync_file(temp, path)
        _publish(temp, path)
    finally:
        for suffix in _SUFFIXES:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temp + suffix)


def _build_privately(store: Store) -> None:
    """No crash safety while nobody can see the file (see the module docstring).

    The journal stays in memory, not off: a refused import still rolls back cleanly.
    """
    with sqlite_errors(store.path):
        store.conn.execute("PRAGMA journal_mode=MEMORY")
        store.conn.execute("PRAGMA synchronous=OFF")


def _settle(store: Store) -> None:
    """Make the file the write-ahead-logged store that ``Store.create`` makes, with
    everything in the file itself: no -wal of the temporary name is left to rename."""
    with sqlite_errors(store.path):
        mode = store.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        store.conn.execute("PRAGMA synchronous=FULL")
        busy = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy or mode != "wal":
        raise StoreError("Cannot finish {path}: another process holds it open.", path=store.path)


def _sync_file(temp: str, path: str) -> None:
    """Put the whole finished file on disk before it gets its name: it was built
    without syncing, and a published store must survive a power cut."""
    try:
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(
            "Cannot create {path}: {detail}.", path=path, detail=os_reason(exc)
        ) from None


def _publish(temp: str, path: str) -> None:
    """Give the finished file its name without ever replacing another store."""
    try:
        os.link(temp, path)
        _sync_folder(path)
        return
    except FileExistsError:
        if os.path.isdir(path) or os.path.getsize(path) > 0:
            raise _taken(path) from None
        os.replace(temp, path)  # an empty file holds nothing to lose
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise StoreError(
                "Cannot create {path}: {detail}.", path=path, detail=os_reason(exc)
            ) from None
        if os.path.exists(path) and os.path.getsize(path) > 0:  # no hard links here
            raise _taken(path) from None
        os.replace(temp, path)


def _taken(path: str) -> ConflictError:
    """Another process created ``path`` while this store was filled: a race, not a
    mistake in the command (trying again says what is there now)."""
    return ConflictError(
        "{path} was created by someone else meanwhile; konzept will not overwrite it.", path=path
    )


def _sync_folder(path: str) -> None:
    """Make the new name itself durable (best effort: not every system can)."""
    with contextlib.suppress(OSError):
        fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
