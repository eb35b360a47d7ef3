"""``konzept diff`` on two cores: the two folds in a forked process, the period's
events read here meanwhile.

On a 1M-event store a year-over-year diff is two folds from checkpoints and their
comparison (~0.25 s) and reading the year's ~90k events (~0.3 s, most of it making
Python tuples of SQLite's rows): independent work, on a machine with two cores. The
comparison is small (~20k changes, a few hundred entities added or retired), so it
comes back pickled through a pipe in a few milliseconds, whereas the events would
cost more to send than to read.

SQLite must not be carried across ``fork``: a connection open in the parent leaves
state (locks, the WAL index) that a child's own connection to the same file would
share. So this opens the store to check it and read its head, closes it, forks, and
each process then opens its own. It runs only where ``fork`` exists, no other thread
runs, and the log is large enough to gain (:data:`MIN_EVENTS`); a child that fails
for any reason costs time, never the answer: the folds are then made here.

The answer is :func:`konzept.projections.diff.diff`'s. The events are read as known
at the head this process saw; should the child's folds have seen a later head (an
edit committed in between), the events are read again as known at that one.
"""

from __future__ import annotations

import os
import pickle
from typing import IO, Any, NoReturn

from konzept.events.state import paused_gc
from konzept.events.store import Store, fork_is_safe

from .asof import fold_as_of
from .diff import Diff, assemble, compare, diff, period_events
from .fanout import reap

#: Below this many events in the log one process is as fast.
MIN_EVENTS = int(os.environ.get("KONZEPT_DIFF_FORK_MIN", "200000"))
_READ = 1 << 20


def diff_at(path: str, start: str, end: str) -> tuple[Store, Diff]:
    """:func:`diff` of the store at ``path`` as known now, and the store (open, for
    the caller to use and close)."""
    store = Store.open(path)
    head = store.head()[0]
    if head < MIN_EVENTS or not fork_is_safe():
        return store, diff(store, start, end)
    store.close()  # nothing of SQLite's may cross the fork
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        store = Store.open(path)
        return store, diff(store, start, end)
    if pid == 0:
        os.close(read)
        _child(path, start, end, write)  # never returns
    os.close(write)
    try:
        with os.fdopen(read, "rb") as source:
            store = Store.open(path)
            with paused_gc():
                events = period_events(store, start, end, head)
                folded = _received(source, pid)
        with paused_gc():
            if folded is None:  # the child failed: fold here
                old, new = fold_as_of(store, start), fold_as_of(store, end)
                folded = new.position, compare(old, new)
            position, compared = folded
            if position != head:  # an edit came in between: read as the folds knew it
                events = period_events(store, start, end, position)
            return store, assemble(start, end, compared, events)
    finally:
        reap(pid)


def _child(path: str, start: str, end: str, fd: int) -> NoReturn:
    """Fold both dates, compare, pickle the result into ``fd`` and exit without
    running anything of the parent's (no atexit handlers, no buffered output)."""
    code = 1
    try:
        store = Store.open(path)
        with paused_gc():
            old, new = fold_as_of(store, start), fold_as_of(store, end)
            text = pickle.dumps((new.position, compare(old, new)), pickle.HIGHEST_PROTOCOL)
        store.close()
        with os.fdopen(fd, "wb") as out:
            out.write(text)
        code = 0
    except BaseException:  # any failure: the parent folds itself
        code = 1
    finally:
        os._exit(code)


def _received(source: IO[bytes], pid: int) -> Any:
    """What the child sent, or None if it failed."""
    chunks = []
    while chunk := source.read(_READ):
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # a truncated message: the child failed
        return None


__all__ = ["MIN_EVENTS", "diff_at"]
