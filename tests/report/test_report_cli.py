"""``konzept report`` as a real subprocess: files, formats, positions and refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from konzept.events import Store
from konzept.projections.report import render


@pytest.fixture
def rcli(cli: Any, history: Any) -> Any:
    cli.db = history.path
    return cli


def test_report_html_to_a_file(rcli: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    result = rcli("report", "2024", "--format", "html", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err.strip() == f"Der Jahresbericht 2024 steht in {out}."
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Jahresbericht 2024" in page
    with Store.open(rcli.db) as store:
        assert page == render(store, 2024, "html")


def test_report_on_stdout_matches_the_file_byte_for_byte(rcli: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    rcli.ok("report", "2024", "--format", "txt", "-o", str(out))
    assert rcli.ok("report", "2024", "--format", "txt") == out.read_text(encoding="utf-8")


def test_report_at_position_and_in_english(rcli: Any, history: Any) -> None:
    text = rcli.ok("--lang", "en", "report", "2024", "--format", "md", "--at-position",
                   str(history.end_2024))  # fmt: skip
    assert text.startswith("# Annual report 2024")
    assert f"position {history.end_2024}," in text
    verify = rcli.ok("verify")
    head_hash = verify.split()[-1]
    assert head_hash in rcli.ok("report", "2024", "--format", "txt")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["report", "abc"], "'abc' ist keine Jahreszahl"),
        (["report", "2024", "--at-position", "9999"], "außerhalb des Protokolls"),
        (["report", "2024", "--format", "pdf"], "'pdf' gibt es nicht (möglich: 'md',"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    rcli: Any, tmp_path: Path, args: list[str], words: str
) -> None:
    out = tmp_path / "never.html"
    result = rcli(*args, "-o", str(out))
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and words in result.err
    assert "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []  # no report, no half-written temporary file
