"""The benchmark's report rows run alone and measure both printed formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_report_rows_alone(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    env = {**os.environ, "KONZEPT_BENCH_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--rows", "report", "-o", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = {r["row"]: r for r in json.loads(output.read_text(encoding="utf-8"))["rows"]}
    assert set(rows) == {"annual report", "annual report, plain text"}
    for row in rows.values():
        assert row["value"] > 0 and row["baseline"] > 0
        assert row["extra"]["bytes"] > 10_000
        assert row["extra"]["process_peak_rss_mb"] > 0


def test_unknown_row_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--rows", "reprot", "-o", str(tmp_path / "r.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "unknown row 'reprot'" in done.stderr
    assert not (tmp_path / "r.json").exists()
