"""Work done aside in a forked child gives what doing it here gives, whatever the child
or the system does.

Each case runs in a fresh interpreter: pytest's workers run threads, and
:func:`konzept.projections.aside.aside` rightly refuses to fork a threaded process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

SCRIPT = """
import os, signal, sys, time
from konzept.projections import aside as a
parent = os.getpid()
def where():
    return "child" if os.getpid() != parent else "here"
{setup}
job = a.aside(lambda: {work}{worth})
print({show})
"""


def _python(code: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _script(work: str, setup: str = "", worth: str = "", show: str = "job.result()") -> str:
    return textwrap.dedent(SCRIPT).format(work=work, setup=setup, worth=worth, show=show)


def _run(work: str, setup: str = "", worth: str = "", show: str = "job.result()") -> str:
    return _python(_script(work, setup, worth, show))


def test_the_work_is_done_in_a_child_and_comes_back_whole() -> None:
    # 3 MB: more than a pipe holds, so the parent must read while the child writes
    show = "(lambda got: (got[0], len(got[1])))(job.result())"
    assert _run("(where(), 'x' * 3_000_000)", show=show) == "('child', 3000000)"


def test_not_worth_a_fork_is_done_here() -> None:
    assert _run("where()", worth=", worth=False") == "here"


@pytest.mark.parametrize(
    "work",
    [
        "1 / 0 if where() == 'child' else where()",  # the child fails
        "os.kill(os.getpid(), signal.SIGKILL) if where() == 'child' else where()",  # dies
        "(sys.stdout.flush(), os._exit(0)) if where() == 'child' else where()",  # says nothing
        "(lambda: 0) if where() == 'child' else where()",  # a result that does not pickle
    ],
)
def test_a_child_that_fails_costs_time_not_the_answer(work: str) -> None:
    assert _run(work) == "here"


def test_a_fork_the_system_refuses_is_done_here() -> None:
    setup = "def refuse():\n    raise BlockingIOError(11, 'no')\nos.fork = refuse"
    assert _run("where()", setup=setup) == "here"


def test_a_child_reaped_by_someone_else_costs_time_not_the_answer() -> None:
    # as a program ignoring SIGCHLD or a stray waitpid(-1) would
    show = "(os.waitpid(-1, 0), job.result())[1]"
    assert _run("where()", show=show) == "here"


def test_closed_without_its_result_leaves_no_child_behind() -> None:
    show = "job.close()"
    code = _script("time.sleep(30)", show=show) + textwrap.dedent(
        """
        try:  # without reaping any: ChildProcessError if there is none
            os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            print("a child is left")
        except ChildProcessError:
            print("no child left")
        """
    )
    assert _python(code) == "None\nno child left"


def test_no_descriptor_is_left_open() -> None:
    # every pipe closed, whichever way the result came: from the child, made here
    # after the child failed, or never asked for
    show = (
        "(lambda before: (a.aside(lambda: 1).result(),"
        " a.aside(lambda: 1 / 0 if where() == 'child' else 2).result(),"
        " a.aside(lambda: 3).close(),"
        " len(os.listdir('/proc/self/fd')) - before)[3])(len(os.listdir('/proc/self/fd')))"
    )
    assert _run("where()", show=show) == "0"
