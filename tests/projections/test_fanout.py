"""Printing on both cores gives the text of printing on one, whatever the child does,
and both cores work until the units run out.

Each case runs in a fresh interpreter: pytest's workers run threads, and
:func:`konzept.projections.fanout.in_order` rightly refuses to fork a threaded process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.generate import build

SCRIPT = """
import os, sys, time
from konzept.projections import fanout
parent = os.getpid()
units = list(range(40))

def render(unit):
    {render}
    yield f"{{unit}}:{{'child' if os.getpid() != parent else 'parent'}};"

out = fanout.{make}(units, lambda u: 1000, render)
{consume}
"""


def _run(render: str = "pass", consume: str = "print(''.join(out))", make: str = "in_order") -> str:
    return _python(textwrap.dedent(SCRIPT).format(render=render, consume=consume, make=make))


def _python(code: str) -> str:
    """What ``code`` prints in a fresh interpreter that fans out any work at all."""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "KONZEPT_FANOUT_MIN": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _units(text: str) -> list[tuple[int, str]]:
    return [(int(n), who) for n, who in (p.split(":") for p in text.rstrip(";").split(";"))]


def _shares(units: list[tuple[int, str]]) -> tuple[int, int]:
    """How many units the parent and the child printed; the parent's must come first."""
    who = [w for _, w in units]
    parent = who.count("parent")
    assert who == ["parent"] * parent + ["child"] * (len(who) - parent)
    return parent, len(who) - parent


def test_the_child_takes_units_from_the_end_until_the_two_meet() -> None:
    units = _units(_run(render="time.sleep(0.01)"))
    assert [n for n, _ in units] == list(range(40))
    parent, child = _shares(units)
    assert parent >= 5 and child >= 5  # both worked; neither was handed a fixed half


def test_a_child_started_early_works_while_the_parent_is_busy() -> None:
    consume = "out.start()\ntime.sleep(1.0)\nprint(''.join(out))"
    units = _units(_run(render="time.sleep(0.01)", consume=consume, make="Fanout"))
    assert [n for n, _ in units] == list(range(40))
    _, child = _shares(units)
    assert child >= 30  # ~0.4 s of units: the child had a second


def test_a_failing_child_costs_time_not_text() -> None:
    render = "time.sleep(0.01)\n    if os.getpid() != parent and unit == 30: raise OSError('disk')"
    units = _units(_run(render=render))
    assert [n for n, _ in units] == list(range(40))
    assert {who for _, who in units} == {"parent"}


def test_a_reader_that_stops_early_leaves_no_child_behind() -> None:
    consume = (
        "first = next(out)\n"
        "out.close()\n"
        "try:\n"
        "    os.waitpid(-1, os.WNOHANG)\n"
        "    print(first, 'a child is left')\n"
        "except ChildProcessError:\n"
        "    print(first, 'no child left')\n"
    )
    # Unit 0 is the parent's, unless a loaded machine let the child print every unit
    # before the parent claimed its first.
    assert _run(consume=consume) in ("0:parent; no child left", "0:child; no child left")


def test_the_report_reads_the_same_on_one_core_and_on_two(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    build(db, 4_000, seed=7)
    outputs: dict[str, dict[str, str]] = {}
    for mode, threshold in (("serial", "1000000000"), ("fanout", "1")):
        env = {**os.environ, "KONZEPT_FANOUT_MIN": threshold}
        for fmt in ("md", "txt", "html"):
            proc = subprocess.run(
                [sys.executable, "-m", "konzept", "--db", str(db), "report", "2024",
                 "--format", fmt],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
            outputs.setdefault(fmt, {})[mode] = proc.stdout
    for fmt, by_mode in outputs.items():
        assert by_mode["serial"].count("HF") > 10, fmt  # several fields' change tables
        assert by_mode["fanout"] == by_mode["serial"], fmt


def test_a_report_started_ahead_and_abandoned_leaves_no_child_behind(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    build(db, 4_000, seed=7)
    code = textwrap.dedent(
        f"""
        import os
        from konzept.events.store import Store
        from konzept.projections.report import chunks
        def children():  # without reaping any: ChildProcessError if there is none
            os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            return True
        out = chunks(Store.open({str(db)!r}), 2024, "md")
        next(out)  # the title: the change log's child already works
        started = children()
        out.close()
        try:
            print(started, children() and "a child is left")
        except ChildProcessError:
            print(started, "no child left")
        """
    )
    assert _python(code) == "True no child left"


def test_a_child_reaped_by_someone_else_costs_time_not_text() -> None:
    # The parent's first unit waits until the child has printed the rest and reaps
    # it, as a program ignoring SIGCHLD or a stray waitpid(-1) would. The child's units
    # take a while, so even a loaded machine lets the parent claim unit 0 first.
    render = (
        "if os.getpid() != parent: time.sleep(0.01)\n"
        "    if os.getpid() == parent and unit == 0: os.waitpid(-1, 0)"
    )
    units = _units(_run(render=render))
    assert [n for n, _ in units] == list(range(40))
    assert {who for _, who in units} == {"parent"}


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("os.fork", "BlockingIOError(11, 'Resource temporarily unavailable')"),
        ("fanout.fcntl.lockf", "OSError(37, 'No locks available')"),  # some network mounts
        ("fanout.mmap.mmap", "OSError(12, 'Cannot allocate memory')"),
    ],
)
def test_what_the_system_refuses_costs_time_not_text(target: str, error: str) -> None:
    consume = f"def refuse(*args):\n    raise {error}\n{target} = refuse\nprint(''.join(out))"
    units = _units(_run(render="time.sleep(0.002)", consume=consume))
    assert [n for n, _ in units] == list(range(40))
    assert {who for _, who in units} == {"parent"}
