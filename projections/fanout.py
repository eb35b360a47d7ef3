"""Long printouts laid out on both cores: units shared with a forked child.

A year of a large log is tens of thousands of change-log rows, and laying them out as
text is pure Python work on one core while the machine has two. The work comes as
units that print independently (one table per field of action). A :class:`Fanout`
forks a child that takes units from the end while this process takes them from the
start, one at a time, until the two meet; the child prints its units into a temporary
file, and this process passes them on in order. The output is the same text, in the
same order, as printing every unit here: the child only runs the same code on a copy
of the same data.

Taking units one by one, rather than splitting the work in two halves up front, keeps
both cores busy to the end whatever else this process has to do meanwhile: the child
can be started early (:meth:`Fanout.start`) and work while this process prints the
pages before the units. The two agree on who prints what through two counters in
shared memory, under a POSIX record lock on the file (which the kernel drops if the
child dies, so this process never waits on a dead one).

When it is not worth it or not safe, everything is printed here: too little work,
no ``fork`` on this platform, or other threads running (the UI renders its preview in
a worker thread; a forked child of a threaded process may hang on a lock another
thread held). If the child fails for any reason, its units are printed here too, so
a failed child costs time, never text.
"""

from __future__ import annotations

import codecs
import fcntl
import mmap
import os
import signal
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Generic, NoReturn, TypeVar

from konzept.events.store import fork_is_safe

T = TypeVar("T")

#: Below this much work (rows) a fork costs more than it saves.
MIN_WEIGHT = int(os.environ.get("KONZEPT_FANOUT_MIN", "20000"))
_READ = 1 << 20
#: Shared memory: the unclaimed units [front, back), then each unit's bytes in the
#: file as (start, end), written by the child when the unit is done (0, 0 until then).
_PAIR = struct.Struct("qq")


def in_order(
    units: Sequence[T], weight: Callable[[T], int], render: Callable[[T], Iterable[str]]
) -> Iterator[str]:
    """``render(unit)`` for every unit, in order; the later ones maybe in a child."""
    return iter(Fanout(units, weight, render))


class Fanout(Generic[T]):
    """``render(unit)`` for every unit, in order, shared with a child when it pays.

    Iterate it once. :meth:`start` forks the child ahead of the iteration; without it
    the child starts when the iteration does. :meth:`close` (also at the end of the
    iteration) leaves no child behind.
    """

    def __init__(
        self, units: Sequence[T], weight: Callable[[T], int], render: Callable[[T], Iterable[str]]
    ) -> None:
        self._units = units
        self._render = render
        self._worth = len(units) >= 2 and sum(map(weight, units)) >= MIN_WEIGHT
        self._child: _Child | None = None
        self._started = False

    def start(self) -> None:
        """Fork the child now, if it is worth it and safe (once)."""
        if self._started:
            return
        self._started = True
        if self._worth and fork_is_safe():
            self._child = _Child.start(self._units, self._render)

    def close(self) -> None:
        if self._child is not None:
            self._child.close()
            self._child = None

    def __iter__(self) -> Iterator[str]:
        self.start()
        child, units, render = self._child, self._units, self._render
        if child is None:  # one process: all of it here
            for unit in units:
                yield from render(unit)
            return
        try:
            while (n := child.claim(front=True)) is not None:
                yield from render(units[n])
            if child.unlocked:  # the file took no lock: the rest is printed here
                rest = child.front()
                child.close()
                for unit in units[rest:]:
                    yield from render(unit)
                return
            done = child.finished()
            for n in range(child.meeting(), len(units)):
                span = child.span(n) if done else None
                if span is None:  # the child failed: this unit is printed here
                    yield from render(units[n])
                else:
                    yield from child.read(*span)
        finally:
            self.close()


class _Child:
    """The forked process, the file it prints into and the memory both share."""

    def __init__(self, pid: int, spill: IO[bytes], shared: mmap.mmap) -> None:
        self.pid = pid
        self.spill = spill
        self.shared = shared
        self.unlocked = False

    @classmethod
    def start(cls, units: Sequence[T], render: Callable[[T], Iterable[str]]) -> _Child | None:
        """A child taking ``units`` from the end; None if there is no file or process
        to spare (then all of it is printed here)."""
        try:
            spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        except OSError:
            return None
        try:
            shared = mmap.mmap(-1, _PAIR.size * (len(units) + 1))  # anonymous, shared on fork
        except (OSError, ValueError):
            spill.close()
            return None
        _PAIR.pack_into(shared, 0, 0, len(units))
        child = cls(0, spill, shared)
        try:
            pid = os.fork()
        except OSError:
            child.close()
            return None
        if pid == 0:
            child.work(units, render)  # never returns
        child.pid = pid
        return child

    def claim(self, front: bool) -> int | None:
        """The next unit from the front (this process) or the back (the child), or
        None when none is left, or when the file takes no lock (then :attr:`unlocked`
        is set; the child fails)."""
        fd = self.spill.fileno()
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX)
        except OSError:
            if not front:
                raise
            self.unlocked = True
            return None
        try:
            lo, hi = _PAIR.unpack_from(self.shared, 0)
            if lo >= hi:
                return None
            if front:
                _PAIR.pack_into(self.shared, 0, lo + 1, hi)
                return int(lo)
            _PAIR.pack_into(self.shared, 0, lo, hi - 1)
            return int(hi - 1)
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN)

    def front(self) -> int:
        """The first unit this process has not taken."""
        return int(_PAIR.unpack_from(self.shared, 0)[0])

    def meeting(self) -> int:
        """The first unit the child took (all of them once the front met the back)."""
        return int(_PAIR.unpack_from(self.shared, 0)[1])

    def span(self, n: int) -> tuple[int, int] | None:
        """Where unit ``n`` lies in the file, if the child printed it."""
        start, end = _PAIR.unpack_from(self.shared, _PAIR.size * (n + 1))
        return (start, end) if end else None

    def work(self, units: Sequence[T], render: Callable[[T], Iterable[str]]) -> NoReturn:
        """The child: print units from the back into the file until none is left, then
        exit without running anything of the parent's (no atexit handlers, no
        flushing of its buffered output)."""
        code = 1
        try:
            fd, at = self.spill.fileno(), 0
            while (n := self.claim(front=False)) is not None:
                start = at
                for piece in render(units[n]):
                    at += _write_at(fd, piece.encode("utf-8"), at)
                _PAIR.pack_into(self.shared, _PAIR.size * (n + 1), start, at)
            code = 0
        except BaseException:  # any failure: the parent prints the rest itself
            code = 1
        finally:
            os._exit(code)

    def finished(self) -> bool:
        """Wait for the child; True if it printed every unit it took (False if
        something else reaped it: its units are then printed here)."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return False
        finally:
            self.pid = 0
        return os.waitstatus_to_exitcode(status) == 0

    def read(self, start: int, end: int) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        fd = self.spill.fileno()
        while start < end:
            block = os.pread(fd, min(_READ, end - start), start)
            if not block:
                raise OSError("the report's temporary file ended early")
            start += len(block)
            yield decoder.decode(block, final=start >= end)

    def close(self) -> None:
        if self.pid:
            reap(self.pid)
            self.pid = 0
        self.spill.close()
        self.shared.close()


def _write_at(fd: int, data: bytes, at: int) -> int:
    view, done = memoryview(data), 0
    while done < len(data):
        done += os.pwrite(fd, view[done:], at + done)
    return done


def reap(pid: int) -> None:
    """The child is gone when we return, also when the reader stopped early (or this
    process failed first): killed if it still runs, reaped either way."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass  # already reaped


__all__ = ["MIN_WEIGHT", "Fanout", "in_order", "reap"]
