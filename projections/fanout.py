"""Long printouts laid out on both cores: the later half of the work in a forked child.

A year of a large log is tens of thousands of change-log rows, and laying them out as
text is pure Python work on one core while the machine has two. The work comes as
units that print independently (one table per field of action); :func:`in_order`
prints the first half of them itself while a forked child prints the rest into a
temporary file, then passes the child's text on. The output is the same text, in the
same order, as printing every unit here: the child only runs the same code on a copy
of the same data.

When it is not worth it or not safe, everything is printed here: too little work,
no ``fork`` on this platform, or other threads running (the UI renders its preview in
a worker thread; a forked child of a threaded process may hang on a lock another
thread held). If the child fails for any reason, its units are printed here too, so
a failed child costs time, never text.
"""

from __future__ import annotations

import codecs
import os
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, NoReturn, TypeVar

from konzept.events.store import fork_is_safe

T = TypeVar("T")

#: Below this much work (rows) a fork costs more than it saves.
MIN_WEIGHT = int(os.environ.get("KONZEPT_FANOUT_MIN", "20000"))
_READ = 1 << 20


def in_order(
    units: Sequence[T], weight: Callable[[T], int], render: Callable[[T], Iterable[str]]
) -> Iterator[str]:
    """``render(unit)`` for every unit, in order; the later half maybe in a child."""
    weights = [weight(u) for u in units]
    split = _split(weights)
    if split is None or not fork_is_safe():
        for unit in units:
            yield from render(unit)
        return
    started = _start(units[split:], render)
    if started is None:  # no room for the file, no process to spare: all of it here
        for unit in units:
            yield from render(unit)
        return
    spill, pid = started
    with spill:
        try:
            for unit in units[:split]:
                yield from render(unit)
            if _succeeded(pid):
                yield from _read_back(spill)
            else:
                for unit in units[split:]:
                    yield from render(unit)
        finally:
            reap(pid)


def _start(
    units: Sequence[T], render: Callable[[T], Iterable[str]]
) -> tuple[IO[bytes], int] | None:
    """A child printing ``units`` into a new temporary file: the file and its pid."""
    try:
        spill = tempfile.TemporaryFile()  # noqa: SIM115 - the caller closes it
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        spill.close()
        return None
    if pid == 0:
        _child(units, render, spill.fileno())  # never returns
    return spill, pid


def _split(weights: list[int]) -> int | None:
    """Where the later half starts (by weight), or None if one process should do it."""
    total = sum(weights)
    if total < MIN_WEIGHT or len(weights) < 2:
        return None
    done = 0
    for n, w in enumerate(weights):
        if done + w / 2 >= total / 2:
            return max(n, 1)
        done += w
    return len(weights) - 1


def _child(units: Sequence[T], render: Callable[[T], Iterable[str]], fd: int) -> NoReturn:
    """Print ``units`` into ``fd`` and exit without running anything of the parent's
    (no atexit handlers, no flushing of its buffered output)."""
    code = 1
    try:
        with os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="") as out:
            for unit in units:
                for piece in render(unit):
                    out.write(piece)
        code = 0
    except BaseException:  # any failure: the parent prints these units itself
        code = 1
    finally:
        os._exit(code)


def _succeeded(pid: int) -> bool:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


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


def _read_back(spill: IO[bytes]) -> Iterator[str]:
    spill.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    while block := spill.read(_READ):
        yield decoder.decode(block)
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


__all__ = ["MIN_WEIGHT", "in_order", "reap"]
