"""Fixtures shared by the whole suite: a real store file, a session, the real CLI."""

from __future__ import annotations

import importlib.util
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

ROOT = Path(__file__).resolve().parents[1]

# The repository's ``bench`` package (tests/bench, and the fan-out tests that build a
# history with it), importable without putting the repository root on ``sys.path``:
# that would shadow the installed ``konzept.*`` packages with the bare
# ``events``/``projections`` folders, which the import-hygiene tests forbid.
if "bench" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "bench", ROOT / "bench" / "__init__.py", submodule_search_locations=[str(ROOT / "bench")]
    )
    assert _spec is not None and _spec.loader is not None
    _bench = importlib.util.module_from_spec(_spec)
    sys.modules["bench"] = _bench
    _spec.loader.exec_module(_bench)


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
