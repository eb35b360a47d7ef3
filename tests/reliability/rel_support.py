"""Helpers of the reliability suite (imported by its test files; conftest.py puts this
folder on ``sys.path`` because pytest runs with ``--import-mode=importlib``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
WORKER = HERE / "rel_worker.py"
#: Repetitions of the bounded crash and fuzz scenarios (CI); the slow ones use more.
RUNS = int(os.environ.get("KONZEPT_RELIABILITY_RUNS", "6"))
#: Seconds the bounded concurrency loop runs.
SECONDS = float(os.environ.get("KONZEPT_RELIABILITY_SECONDS", "4"))
SLOW_RUNS = max(50, RUNS)
SLOW_SECONDS = max(60.0, SECONDS)


def figures(scenario: str, **counts: Any) -> None:
    """Print a scenario's figures and append them to $KONZEPT_RELIABILITY_REPORT."""
    line = json.dumps({"scenario": scenario, **counts}, sort_keys=True)
    print(line)
    target = os.environ.get("KONZEPT_RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(line + "\n")


def cli_env(user: str = "anna", **extra: str) -> dict[str, str]:
    env = {**os.environ, "USER": user, "LOGNAME": user, "COLUMNS": "80", **extra}
    env.pop("KONZEPT_DB", None)
    return env


def konzept(db: Path | str, *args: str) -> list[str]:
    """The argv of one real CLI call."""
    return [sys.executable, "-m", "konzept", "--db", str(db), *args]


def worker(*args: str) -> list[str]:
    """The argv of the library worker (rel_worker.py) in one of its modes."""
    return [sys.executable, str(WORKER), *args]


def one_line_error(stderr: str) -> str:
    """The single ``konzept: …`` sentence every refusal must be; fails on anything else."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("konzept: "), stderr
    return lines[0]


def mounts_work() -> bool:
    """Root with mount namespaces: read-only binds and small tmpfs mounts are possible."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not mounts_work(), reason="needs root and mount namespaces (unshare -m)"
)


class Ran:
    """What one CLI call did: like ``subprocess.CompletedProcess`` with text output."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def in_process(db: Path | str, *args: str, stdin: str = "") -> Ran:
    """The CLI's own ``run()`` in this process: the same code as ``konzept …`` without
    the 0.4 s of a new interpreter. An exception the CLI does not turn into one
    sentence escapes and fails the test, as a traceback would."""
    import contextlib
    import io

    from konzept.cli.main import run

    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
    old_stdin, old_user = sys.stdin, os.environ.get("USER")
    sys.stdin, os.environ["USER"] = fake_stdin, "anna"
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = run(["--db", str(db), *args])
            except SystemExit as exit_:  # argparse refusing the arguments
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin = old_stdin
        if old_user is None:
            os.environ.pop("USER", None)
        else:
            os.environ["USER"] = old_user
    return Ran(code, out.getvalue(), err.getvalue())
