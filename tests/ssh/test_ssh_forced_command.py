"""``ForceCommand konzept --db …``: what sshd hands over in ``$SSH_ORIGINAL_COMMAND``.

These run konzept exactly as sshd does under a forced command (the fixed arguments
plus the client's words in the environment), without a network; the real OpenSSH and
serve-ssh tests run the same path end to end.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def forced(cli: Any) -> Any:
    cli.ok("init", "--title", "Testkonzept")
    cli.ok("grant", "bob", "editor")
    cli.ok("grant", "carla", "viewer")

    def run(command: str, user: str = "bob", stdin: str | None = None) -> Any:
        return cli(user=user, env={"SSH_ORIGINAL_COMMAND": command}, stdin=stdin)

    return run


def test_read_and_write_commands_run_under_the_login_name(forced, cli) -> None:
    result = forced("add field HF1 --title 'Sprache und Bildung' --reason 'über SSH'")
    assert result.code == 0, result.err
    result = forced("konzept log --format json", user="carla")
    assert result.code == 0, result.err
    last = json.loads(result.out)[-1]
    assert (last["actor"], last["type"], last["reason"]) == ("bob", "FieldAdded", "über SSH")


def test_viewer_write_is_refused_and_writes_nothing(forced, cli, counter) -> None:
    before = counter(cli.db)
    result = forced("add field HF1 --title X", user="carla")
    assert result.code == 2
    assert "carla darf das nicht: Es braucht die Rolle editor" in result.err
    assert counter(cli.db) == before


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("init", "'init' ist über SSH nicht verfügbar"),
        ("demo --no-tui", "'demo' ist über SSH nicht verfügbar"),
        ("import log.jsonl", "'import' ist über SSH nicht verfügbar"),
        ("serve-ssh --port 2223", "'serve-ssh' ist über SSH nicht verfügbar"),
        ("checkpoint", "'checkpoint' ist über SSH nicht verfügbar"),
        ("--db /tmp/other.db log", "kein --db, kein --actor"),
        ("--d /tmp/other.db log", "kein --db, kein --actor"),
        ("--actor anna add field HF9 --title X", "kein --db, kein --actor"),
        ("report 2024 -o /home/bob/.profile", "schreibt konzept keine Dateien auf dem Server"),
        ("report 2024 --output=x.md", "schreibt konzept keine Dateien auf dem Server"),
        ("export -o dump.jsonl", "schreibt konzept keine Dateien auf dem Server"),
        ("import-values /etc/passwd", "liest konzept keine Dateien auf dem Server"),
        ("key add bob /root/.ssh/id_rsa.pub", "liest konzept keine Dateien auf dem Server"),
        ("log 'unclosed", "Befehlszeile kann nicht gelesen werden"),
    ],
)
def test_refused_commands(forced, cli, counter, tmp_path: Path, command: str, words: str) -> None:
    before = counter(cli.db)
    result = forced(command, user="anna")
    assert result.code == 2
    assert words in result.err
    assert result.err.count("\n") == 1
    assert counter(cli.db) == before
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "dump.jsonl").exists()


def test_actor_override_stays_off_over_ssh_even_where_the_store_allows_it(forced, cli) -> None:
    cli.ok("set", "settings", "allow_actor_override", "yes")
    assert cli("--actor", "anna", "people").code == 0  # allowed locally
    result = forced("--actor anna add field HF1 --title X")
    assert result.code == 2 and "kein --actor" in result.err


def test_values_and_keys_come_in_on_standard_input(forced, cli, keygen) -> None:
    cli.ok("add", "field", "HF1", "--title", "F")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Z")
    cli.ok(
        "add", "indicator", "I-1", "--goal", "HF1-Z1", "--name", "Kurse", "--unit", "Anzahl",
        "--direction", "up",
    )  # fmt: skip
    result = forced("import-values -", stdin="I-1,2023,5\nI-1,2024,7\n")
    assert result.code == 0, result.err
    values = json.loads(cli.ok("show", "I-1", "--format", "json"))["values"]
    assert values == {"2023": 5, "2024": 7}
    dora = keygen("dora")
    result = forced("key add dora -", user="anna", stdin=dora.public)
    assert result.code == 0, result.err
    assert dora.fingerprint in result.out


def test_language_may_be_chosen(forced) -> None:
    result = forced("--lang en people")
    assert result.code == 0 and "person" in result.out


def test_the_forced_path_marks_the_session_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    from konzept.cli.main import build_parser
    from konzept.cli.ssh import forced_args
    from konzept.ssh.remote import is_remote

    monkeypatch.setenv("SSH_ORIGINAL_COMMAND", "konzept people --format json")
    monkeypatch.setenv("KONZEPT_SSH", "0")  # restored (removed) after the test
    assert not is_remote()
    args = forced_args(build_parser(), ["--db", "x.db"])
    assert (args.command, args.format, args.db) == ("people", "json", "x.db")
    assert is_remote()


def test_the_ui_without_a_terminal_is_refused_not_left_hanging(forced, cli) -> None:
    for result in (cli(), cli("ui"), forced("ui")):
        assert result.code == 2
        assert "Die Oberfläche braucht ein Terminal" in result.err and "ssh -t" in result.err


def test_dash_for_standard_output_is_no_file_on_the_server(forced, cli) -> None:
    # `-o -` was refused like any -o, though it writes to the person's own screen.
    exported = forced("export -o -")
    assert exported.code == 0, exported.err
    assert exported.out == cli.ok("export")
    year = str(date.today().year)
    report = forced(f"report {year} -o -", user="carla")
    assert report.code == 0, report.err
    assert report.out == cli.ok("report", year)
