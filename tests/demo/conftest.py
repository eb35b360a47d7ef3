"""The demo store, built once by the real CLI and shared read-only by the demo tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class Konzept:
    """``python -m konzept --db DB …`` as a real subprocess, logged in as ``user``."""

    db: Path
    user: str = "mmeyer"

    def __call__(self, *args: str, stdin: str | None = None) -> Run:
        env = {**os.environ, "USER": self.user, "LOGNAME": self.user, "COLUMNS": "80"}
        env.pop("KONZEPT_DB", None)
        proc = subprocess.run(
            [sys.executable, "-m", "konzept", "--db", str(self.db), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return Run(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.code == 0, result.err
        return result.out


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store built by ``konzept demo --no-tui``; copy it before writing."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    out = Konzept(db).ok("demo", "--no-tui")
    assert str(db) in out
    return db


@pytest.fixture(scope="session")
def demo(demo_db: Path) -> Konzept:
    return Konzept(demo_db)
