"""A read command loads what it runs and nothing else: ``konzept show --format json``
on a large store must start fast, so it never imports the write side's command
functions, tabulate, the diff, the report, Textual or asyncssh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_PROBE = """
import contextlib, io, json, sys
from konzept.cli.main import run
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = run(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith(("konzept", "tabulate", "textual", "asyncssh")))
print(json.dumps({"code": code, "out": out.getvalue(), "modules": loaded}))
"""

NEVER_FOR_SHOW = {
    "konzept.events.commands",
    "konzept.events.service",
    "konzept.projections.diff",
    "konzept.projections.history",
    "konzept.projections.report",
    "konzept.tui",
    "tabulate",
    "textual",
    "asyncssh",
}


def _probe(db: Path, *args: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "USER": "anna"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    found: dict[str, object] = json.loads(proc.stdout)
    return found


def test_show_json_loads_no_write_side_and_no_tables(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "IK")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    result = _probe(cli.db, "show", "--format", "json")
    assert result["code"] == 0
    assert json.loads(str(result["out"]))["entities"][0]["key"] == "HF1"
    loaded = set(result["modules"])  # type: ignore[call-overload]
    assert loaded & NEVER_FOR_SHOW == set()
    assert "konzept.projections.asof" in loaded  # the probe saw the real command run


def test_a_write_and_a_table_still_load_what_they_need(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "IK")
    result = _probe(cli.db, "add", "field", "HF1", "--title", "Sprache")
    assert result["code"] == 0 and "konzept.events.commands" in result["modules"]  # type: ignore[operator]
    result = _probe(cli.db, "show")
    assert result["code"] == 0 and "HF1" in str(result["out"])
    assert "Schlüssel" in str(result["out"]) and "konzept.projections.render" in result["modules"]  # type: ignore[operator]
