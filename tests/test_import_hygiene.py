"""The data flows one way: events/ and projections/ never import Textual, and the CLI
prints reports without it. The packages install as konzept.*, so a top-level ``events``
package from PyPI beside konzept cannot shadow them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _modules_after(code: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_events_and_projections_do_not_import_textual() -> None:
    out = _modules_after(
        "import sys, pkgutil, importlib\n"
        "import konzept.events, konzept.projections\n"
        "for pkg in (konzept.events, konzept.projections):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print('textual' in sys.modules, 'konzept.tui' in sys.modules)"
    )
    assert out.split() == ["False", "False"]


def test_the_cli_does_not_load_textual_for_commands() -> None:
    out = _modules_after("import sys, konzept.cli.main; print('textual' in sys.modules)")
    assert out.strip() == "False"


def test_a_top_level_events_package_beside_konzept_does_not_break_it(tmp_path: Path) -> None:
    shadow = tmp_path / "site"
    for name in ("events", "projections", "tui"):
        (shadow / name).mkdir(parents=True)
        (shadow / name / "__init__.py").write_text(
            f"raise ImportError('this is PyPI\\'s {name}, not konzept\\'s')\n"
        )
    env = {"PYTHONPATH": str(shadow), "USER": "anna"}
    db = tmp_path / "k.db"
    for args in (["init"], ["add", "field", "HF1", "--title", "Sprache"], ["verify"]):
        proc = subprocess.run(
            [sys.executable, "-m", "konzept", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            cwd=tmp_path,
        )
        assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(
        [sys.executable, "-c", "import events"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=tmp_path,
    )
    assert "PyPI's events" in proc.stderr, "the shadow package really was first on the path"


def test_read_commands_do_not_import_pydantic(tmp_path: Path) -> None:
    """What an event does is a plain table (events/types.py); pydantic, a quarter of a
    second of a new process's start, is loaded only where payloads are validated."""
    db = tmp_path / "k.db"
    env = {**os.environ, "USER": "anna"}
    for args in (
        ["init", "--title", "Integrationskonzept"],
        ["add", "field", "HF1", "--title", "Sprache"],
        ["add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse ausbauen"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "konzept", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=env,
        )
        assert proc.returncode == 0, proc.stderr
    year = "2026"
    for args in (
        ["show", "--format", "json"],
        ["show", "HF1-Z1"],
        ["history", "HF1-Z1"],
        ["log"],
        ["diff", "2025", year],
        ["report", year, "--format", "md"],
    ):
        code = (
            "import sys, contextlib, io\n"
            "from konzept.cli.main import run\n"
            f"sys.argv = ['konzept', '--db', {str(db)!r}, *{args!r}]\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    rc = run()\n"
            "print(rc or 0, 'pydantic' in sys.modules)"
        )
        out = _modules_after(code, {"USER": "anna"})
        assert out.split() == ["0", "False"], (args, out)
