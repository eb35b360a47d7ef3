"""A report built with its later reads aside (in a forked child) is the same report,
also when an edit lands between those reads and the fold.

Each case builds the model in a fresh interpreter: pytest's workers run threads, and
:func:`konzept.projections.aside.aside` rightly refuses to fork a threaded process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path


def _python(code: str, env: dict[str, str]) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


#: The report's model in a fresh interpreter: how often it forked, then what it holds.
MODEL = """
import os
from konzept.events.store import Store
from konzept.projections.report import model
forks = []
real_fork = os.fork
def counted_fork():
    pid = real_fork()
    if pid:
        forks.append(pid)
    return pid
os.fork = counted_fork
store = Store.open({db!r})
{setup}
report = model.build(store, 2024)
print(len(forks))
print(report.head)
print(sorted(report.state.entities.items()))
print([(e.position, e.data) for e in report.corrections])
print(report.changes.entries)
"""

#: Before the fold: an edit lands after the head the later reads were asked for.
EDIT_FIRST = """
from konzept.events import Konzept, WriteMeta, commands as cmd
real_fold = model.fold_as_of
def fold_after_an_edit(*args, **kwargs):
    Konzept(store).execute(
        cmd.record_value, "I-01", 2024, 99.5, meta=WriteMeta(actor="mmeyer", effective="2025-03-01")
    )
    return real_fold(*args, **kwargs)
model.fold_as_of = fold_after_an_edit
"""


def _model(db: Path, aside: bool, setup: str = "") -> tuple[int, str]:
    env = {"KONZEPT_REPORT_ASIDE_MIN": "0" if aside else "1000000000"}
    out = _python(textwrap.dedent(MODEL).format(db=str(db), setup=setup), env)
    forks, _, model = out.partition("\n")
    return int(forks), model


def test_a_report_with_its_later_reads_aside_is_the_same(history) -> None:  # type: ignore[no-untyped-def]
    forks, aside = _model(history.path, aside=True)
    none, here = _model(history.path, aside=False)
    assert (forks, none) == (1, 0)
    assert aside == here
    # what the later reads bring: a closed year's correction, a value of 2024 that
    # arrived in 2025, the December decision entered in January
    assert "'closed_year': True" in aside and "'2024': 58" in aside and "'KT-2024-3'" in aside


def test_an_edit_between_the_later_reads_and_the_fold_is_read_as_the_fold_saw_it(
    fresh,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(fresh.path.read_bytes())
    forks, aside = _model(fresh.path, aside=True, setup=EDIT_FIRST)
    _, here = _model(copy, aside=False, setup=EDIT_FIRST)
    assert forks == 2  # the first child's reads were of the older head: read again
    # the same model but for the edit's own time and hash (each store recorded its own)
    (head, rest), (head_here, rest_here) = (m.split("\n", 1) for m in (aside, here))
    assert head.split(",")[0] == head_here.split(",")[0] == "Head(position=63"
    assert rest == rest_here and "99.5" in rest
