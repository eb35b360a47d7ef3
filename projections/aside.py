"""Work done aside: a function run in a forked child while this process goes on.

Some reads of a large log do not depend on each other, and the machine has two
cores. The report's reads of the values, decisions and corrections that arrived
after 31 December (nearly all SQLite's own work: 75k rows looked at, 9k kept) run
in a child while this process folds and reads the year; ``diff``'s two folds and
their comparison run in a child while this process reads the period's events. The
child's result comes back pickled through a pipe (:meth:`Aside.result`), in a few
milliseconds where the work took 0.1-0.5 s.

The work must open what it reads itself: SQLite's connections must not be used on
both sides of a ``fork``, and the fork must come while this process's connections
hold no statement half-read (the child would take a read lock it does not hold for
one it does), and this process must keep its connections open until the child is
reaped (the child's new connection counts on their locks, which SQLite's record of
this process's locks, copied into the child, says are held). Its result must
pickle. When it is not safe to fork (no ``fork``, another thread running) or the
child fails in any way, the work is done here when the result is asked for: a
failed child costs time, never the answer.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Generic, NoReturn, TypeVar

from konzept.events.store import fork_is_safe

from .fanout import reap

T = TypeVar("T")


class Aside(Generic[T]):
    """``work()``, maybe computed in a child; :meth:`result` gives it (once)."""

    def __init__(self, work: Callable[[], T], pid: int = 0, source: int = -1) -> None:
        self._work = work
        self._pid = pid
        self._source = source

    def result(self) -> T:
        """What ``work()`` returned, from the child if it succeeded, else made here."""
        if self._pid:
            received = self._received()
            if received is not None:
                return received[0]
        return self._work()

    def close(self) -> None:
        """Leave no child behind (also when the result was never asked for)."""
        if self._source >= 0:
            os.close(self._source)
            self._source = -1
        if self._pid:
            reap(self._pid)
            self._pid = 0

    def _received(self) -> tuple[T] | None:
        chunks = []
        try:
            while chunk := os.read(self._source, 1 << 20):
                chunks.append(chunk)
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
            if os.waitstatus_to_exitcode(status) != 0:
                return None
            return (pickle.loads(b"".join(chunks)),)
        except Exception:  # reaped elsewhere, a truncated message: made here instead
            return None
        finally:
            self.close()


def aside(work: Callable[[], T], worth: bool = True) -> Aside[T]:
    """Start ``work`` in a forked child if ``worth`` it and safe; else it runs when
    its result is asked for."""
    if not (worth and fork_is_safe()):
        return Aside(work)
    try:
        read, write = os.pipe()
    except OSError:  # no descriptors to spare: done here
        return Aside(work)
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return Aside(work)
    if pid == 0:
        os.close(read)
        _child(work, write)  # never returns
    os.close(write)
    return Aside(work, pid, read)


def _child(work: Callable[[], T], fd: int) -> NoReturn:
    """Run ``work``, pickle its result into ``fd`` and exit without running anything
    of the parent's (no atexit handlers, no buffered output)."""
    code = 1
    try:
        data = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        code = 0
    except BaseException:  # any failure: the parent does the work itself
        code = 1
    finally:
        os._exit(code)


__all__ = ["Aside", "aside"]
