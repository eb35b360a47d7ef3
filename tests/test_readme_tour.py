"""The README's tour runs as written on a fresh demo: the docs a newcomer follows work."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

README = Path(__file__).parents[1] / "README.md"


def tour_commands() -> list[list[str]]:
    """Every ``konzept …`` line of the tour's code blocks (continuations joined)."""
    text = README.read_text(encoding="utf-8")
    tour = text[text.index("## A short tour") : text.index("## The terminal UI")]
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", tour, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "konzept":
                commands.append(words[1:])
    return commands


def test_the_tour_runs_on_the_demo(tmp_path: Path) -> None:
    commands = tour_commands()
    assert len(commands) >= 15
    env = {**os.environ, "USER": "newcomer", "KONZEPT_DB": str(tmp_path / "konzept.db")}
    (tmp_path / "werte-2026.csv").write_text(
        "indicator,year,value,source\nI-02,2026,90,Fachdienst Soziales\n", encoding="utf-8"
    )

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "konzept", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run(["demo", "--no-tui"]).returncode == 0
    for args in commands:
        if args[0] == "close-year":
            continue  # needs next year's decision; its rule is tested in tests/cli
        result = run(args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert (tmp_path / "bericht-2024.html").exists()
