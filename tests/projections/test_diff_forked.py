"""``konzept diff`` on two cores prints what one process prints: with the folds in a
forked child (:func:`konzept.projections.diff.diff` through ``aside``), when that
child fails, and when an edit lands between the fork and the folds. Each case runs
the real command in its own process (a forked child of a test runner with threads
could hang), with a small store made to take the forked path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import build

#: Runs ``konzept`` in this process after ``SETUP`` (Python source, may be empty), and
#: says on stderr how often it forked.
SCRIPT = """
import os, sys
import konzept.projections.diff as diff
forks = []
real_fork = os.fork
def counted_fork():
    pid = real_fork()
    if pid:
        forks.append(pid)
    return pid
os.fork = counted_fork
exec(os.environ.get("SETUP", ""))
from konzept.cli.main import run
code = run(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write(f"forks={len(forks)}\\n")
sys.exit(code)
"""

#: In the child, before it folds: an edit of every kind the workload makes.
EDIT_FIRST = """
real_folded = diff._folded
def editing_child(store, parent, *args):
    if os.getpid() != parent:
        from bench import workload
        from konzept.events.store import Store
        other = Store.open(store.path)
        workload.run_edits(other, 5, seed=3)
        other.close()
    return real_folded(store, parent, *args)
diff._folded = editing_child
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forked") / "k.db"
    build(path, 3_000, seed=4)
    return path


def konzept(db: Path, *args: str, fork: bool, setup: str = "") -> tuple[str, int]:
    """stdout of one real process and how often it forked."""
    env = {
        **os.environ,
        "KONZEPT_DIFF_FORK_MIN": "0" if fork else "1000000000",
        "SETUP": setup,
        "PYTHONPATH": str(Path(__file__).parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    forks = int(done.stderr.rsplit("forks=", 1)[1])
    return done.stdout, forks


@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_the_forked_diff_prints_what_one_process_prints(store: Path, fmt: str) -> None:
    args = ("diff", "2017", "2018", "--format", fmt)
    one, no_fork = konzept(store, *args, fork=False)
    two, forked = konzept(store, *args, fork=True)
    assert (no_fork, forked) == (0, 1)
    assert two == one and one.count("\n") > 100


def test_a_failed_child_costs_time_not_the_answer(store: Path) -> None:
    failing = (
        "real_folded = diff._folded\n"
        "diff._folded = lambda store, parent, *args: "
        "os._exit(3) if os.getpid() != parent else real_folded(store, parent, *args)"
    )
    one, _ = konzept(store, "diff", "2017", "2018", fork=False)
    two, forked = konzept(store, "diff", "2017", "2018", fork=True, setup=failing)
    assert forked == 1 and two == one


def test_an_edit_between_fork_and_folds_is_read_as_the_folds_knew_it(
    store: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "k.db"
    copy.write_bytes(store.read_bytes())
    before, _ = konzept(copy, "diff", "2015", "2030", "--format", "json", fork=False)
    during, forked = konzept(
        copy, "diff", "2015", "2030", "--format", "json", fork=True, setup=EDIT_FIRST
    )
    after, _ = konzept(copy, "diff", "2015", "2030", "--format", "json", fork=False)
    assert forked == 1
    assert during != before, "the child's edits are in the diff"
    assert during == after
