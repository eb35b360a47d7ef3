"""Fixtures shared by the whole suite: a real store file, a session, the real CLI."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Cli:
    """Runs ``python -m konzept --db DB …`` as a real subprocess."""

    db: Path
    user: str = "anna"

    def __call__(
        self,
        *args: str,
        stdin: str | None = None,
        user: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        environ = {
            **os.environ,
            "USER": user or self.user,
            "LOGNAME": user or self.user,
            "COLUMNS": "80",
            **(env or {}),
        }
        environ.pop("KONZEPT_DB", None)
        proc = subprocess.run(
            [sys.executable, "-m", "konzept", "--db", str(self.db), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=environ,
            timeout=120,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *args: str, **kw: Any) -> str:
        result = self(*args, **kw)
        assert result.code == 0, result.err
        return result.out


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "konzept.db")


def count_events(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


@pytest.fixture
def counter() -> Callable[[Path], int]:
    return count_events


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.create(tmp_path / "store.db")
    ids = itertools.count(1)
    s.new_id = lambda: f"id-{next(ids):06d}"
    yield s
    s.close()


@pytest.fixture
def session(store: Store) -> Konzept:
    """A store with a concept, created by 'anna' (admin) on 2016-01-01."""
    k = Konzept(store)
    k.append(cmd.init_concept(k.state, title="IK Test", founder="anna"), meta("init", "2016-01-01"))
    return k


def meta(
    reason: str = "",
    effective: str | None = None,
    actor: str = "anna",
    decision: str | None = None,
    recorded_at: str | None = None,
) -> WriteMeta:
    return WriteMeta(
        actor=actor, reason=reason, effective=effective, decision=decision, recorded_at=recorded_at
    )


@pytest.fixture
def mk() -> Callable[..., WriteMeta]:
    return meta
