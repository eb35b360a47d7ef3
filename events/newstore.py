"""Creating a store file all at once: it appears complete, or not at all.

``konzept init`` and ``konzept import`` make a new file and then write its first
events. Done in place, a crash (kill -9, power loss, a full disk) between the two
leaves a file that is a half-made store, which the next ``init`` refuses to
overwrite and ``open`` refuses to read; and two ``init`` racing for one path could
each take the other's file for its own and delete it while cleaning up.

So the new store is built under a temporary name beside the target and published
with ``link`` (atomic, and it never replaces an existing file). A crash leaves at
most a hidden ``.NAME.new-…`` file that nothing reads.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Iterator

from .errors import StoreError
from .store import Store, sqlite_errors

_SUFFIXES = ("", "-wal", "-shm", "-journal")


@contextlib.contextmanager
def new_store(path: str) -> Iterator[Store]:
    """Yield a fresh store to fill; publish it at ``path`` when the block succeeds.

    Raises:
        StoreError: ``path`` exists (and is not an empty file), or the folder cannot
            take the file.
    """
    if os.path.exists(path) and (os.path.isdir(path) or os.path.getsize(path) > 0):
        raise StoreError("{path} already exists; konzept will not overwrite it.", path=path)
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
        try:
            yield store
            _settle(store)
        finally:
            store.close()
        _publish(temp, path)
    finally:
        for suffix in _SUFFIXES:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temp + suffix)


def _settle(store: Store) -> None:
    """Move everything from the write-ahead log into the file itself before it is
    published: the -wal of the temporary name is deleted, never renamed."""
    with sqlite_errors(store.path):
        busy = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        raise StoreError("Cannot finish {path}: another process holds it open.", path=store.path)


def _publish(temp: str, path: str) -> None:
    """Give the finished file its name without ever replacing another store."""
    try:
        os.link(temp, path)
        _sync_folder(path)
        return
    except FileExistsError:
        if os.path.isdir(path) or os.path.getsize(path) > 0:
            raise StoreError(
                "{path} was created by someone else meanwhile; konzept will not overwrite it.",
                path=path,
            ) from None
        os.replace(temp, path)  # an empty file holds nothing to lose
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise StoreError(
                "Cannot create {path}: {detail}.", path=path, detail=exc.strerror
            ) from None
        if os.path.exists(path) and os.path.getsize(path) > 0:  # no hard links here
            raise StoreError(
                "{path} already exists; konzept will not overwrite it.", path=path
            ) from None
        os.replace(temp, path)


def _sync_folder(path: str) -> None:
    """Make the new name itself durable (best effort: not every system can)."""
    with contextlib.suppress(OSError):
        fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
