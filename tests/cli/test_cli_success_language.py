"""What the CLI says when a command succeeded, in German by default and in English with
--lang en; argparse's refusals in German; the log, history, blame and diff readable
(times as read, 80 columns, words whole, every column named)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

Cli = Any  # the ``cli`` fixture's class (tests/conftest.py), reached through type(cli)

GERMAN_AND_ENGLISH = [(), ("--lang", "en")]


@pytest.fixture
def demo(cli: Cli) -> Cli:
    """The demo concept (half a second to build: each test gets its own)."""
    out = cli.ok("demo", "--no-tui")
    assert out == f"Das Demo-Konzept ist in {cli.db} angelegt.\n"
    return cli


def test_demo_says_it_in_english_on_request(cli: Cli) -> None:
    assert cli.ok("--lang", "en", "demo", "--no-tui") == f"Created the demo concept in {cli.db}.\n"


def test_verify_in_both_languages(demo: Cli) -> None:
    de = demo.ok("verify")
    assert re.fullmatch(r"OK: \d+ Ereignisse, Kette intakt; Kopf \d+ [0-9a-f]{64}\n", de), de
    en = demo.ok("--lang", "en", "verify")
    assert re.fullmatch(r"OK: \d+ events, chain intact; head \d+ [0-9a-f]{64}\n", en), en
    head = de.split()[-2:]
    witnessed = demo.ok("verify", "--witness", f"{head[0]}:{head[1]}")
    assert witnessed.endswith(f"; setzt den bezeugten Kopf {head[0]} fort\n")


def test_init_values_export_import_checkpoint_people_keys_in_german(
    cli: Cli, tmp_path: Path
) -> None:
    assert (
        cli.ok("init", "--title", "Probe")
        == f"{cli.db} angelegt: „Probe“; anna ist Administrator.\n"
    )
    cli.ok("add", "field", "HF1", "--title", "Feld")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Ziel")
    cli.ok("add", "indicator", "I-1", "--goal", "HF1-Z1", "--name", "N", "--unit", "P",
           "--direction", "up")  # fmt: skip
    one = tmp_path / "w1.csv"
    one.write_text("indicator,year,value\nI-1,2024,3\n", encoding="utf-8")
    said = cli.ok("import-values", str(one))
    assert re.fullmatch(rf"1 Messwert aus {re.escape(str(one))} erfasst \(Position \d+\)\.\n", said)
    two = tmp_path / "w2.csv"
    two.write_text("indicator,year,value\nI-1,2025,4\nI-1,2026,5\n", encoding="utf-8")
    said = cli.ok("import-values", str(two))
    assert re.fullmatch(
        rf"2 Messwerte aus {re.escape(str(two))} erfasst \(Positionen (\d+)–(\d+)\)\.\n", said
    )
    exported = tmp_path / "log.jsonl"
    result = cli("export", "-o", str(exported))
    count = len(exported.read_text(encoding="utf-8").splitlines())
    assert result.err == f"{count} Ereignisse nach {exported} exportiert.\n"
    copy = type(cli)(tmp_path / "copy.db")
    assert copy.ok("import", str(exported)) == (
        f"{count} Ereignisse in {copy.db} übernommen; jeder Hash ist geprüft.\n"
    )
    assert re.fullmatch(r"\d+ Checkpoints bei Position \d+ neu erstellt\.\n", cli.ok("checkpoint"))
    people = cli.ok("people").splitlines()
    assert people[0].split() == ["Person", "Rollen"]
    assert cli.ok("key", "list") == "Es sind keine SSH-Schlüssel zugelassen.\n"
    assert cli.ok("grant", "bob", "editor").split(": ")[0].split()[1] == "bob"


def test_the_same_in_english(cli: Cli, tmp_path: Path) -> None:
    said = cli.ok("--lang", "en", "init", "--title", "Probe")
    assert said == f"Created {cli.db}: 'Probe', anna is admin.\n"
    assert cli.ok("people").splitlines()[0].split() == ["person", "roles"]  # the concept's
    assert cli.ok("--lang", "de", "people").splitlines()[0].split() == ["Person", "Rollen"]


@pytest.mark.parametrize(
    ("argv", "german", "english"),
    [
        (["diff", "2024"], "fehlende Angaben: TO", "the following arguments are required: TO"),
        (
            ["show", "--format", "xx"],
            "Argument --format: 'xx' gibt es nicht (möglich: 'txt', 'md', 'json', 'csv')",
            "argument --format: invalid choice: 'xx'",
        ),
        (["show", "a", "b"], "unbekannte Argumente: b", "unrecognized arguments: b"),
        (
            ["log", "--limit", "x"],
            "Argument --limit: 'x' ist keine ganze Zahl",
            "argument --limit: invalid int value: 'x'",
        ),
        (
            ["log", "--limit"],
            "Argument --limit: erwartet einen Wert",
            "argument --limit: expected one argument",
        ),
    ],
)
def test_argparse_refusals_in_german(cli: Cli, argv: list[str], german: str, english: str) -> None:
    de = cli(*argv)
    assert de.code == 2 and de.out == ""
    assert de.err.startswith(f"konzept: {german} (siehe 'konzept "), de.err
    en = cli("--lang", "en", *argv)
    assert en.code == 2 and en.err.startswith(f"konzept: {english}") and "(see 'konzept " in en.err


def test_positional_arguments_are_explained(cli: Cli) -> None:
    help_ = cli.ok("record", "--help")
    for line in ("indicator  ", "year  ", "value  "):
        found = [row for row in help_.splitlines() if row.strip().startswith(line.strip())]
        assert found and len(found[0].split()) > 1, help_  # a word of help after the name
    for command in (["set"], ["status"], ["diff"], ["blame"], ["grant"], ["revert"]):
        text = cli.ok("--lang", "en", *command, "--help")
        block = text.split("positional arguments:")[1].split("options:")[0]
        assert all(len(row.split()) > 1 for row in block.strip().splitlines()), text
        text = cli.ok(*command, "--help")  # German: the same rows, in German
        block = text.split("Argumente:")[1].split("Optionen:")[0]
        assert all(len(row.split()) > 1 for row in block.strip().splitlines()), text


@pytest.mark.parametrize("lang", GERMAN_AND_ENGLISH)
def test_blame_fits_80_columns_and_keeps_words_whole(demo: Cli, lang: tuple[str, ...]) -> None:
    out = demo.ok(*lang, "blame", "I-03")
    assert max(map(len, out.splitlines())) <= 80
    assert "Integrationsansprechperson" in out  # not "Integration / sansprechperson"
    assert "Koordinierungsstelle" in out


def test_diff_names_the_kind_column(demo: Cli) -> None:
    de = demo.ok("diff", "2024", "2025").splitlines()
    added = de.index("Hinzugefügt")
    assert de[added + 3].split() == ["Schlüssel", "Art", "Titel"]
    en = demo.ok("--lang", "en", "diff", "2024", "2025").splitlines()
    added = en.index("Added")
    assert en[added + 3].split() == ["key", "kind", "title"]


@pytest.mark.parametrize(
    ("lang", "granted"), [((), "erhält die Rolle"), (("--lang", "en"), "granted the role")]
)
def test_log_names_the_person_of_a_role_grant(
    demo: Cli, lang: tuple[str, ...], granted: str
) -> None:
    rows = [line.split() for line in demo.ok(*lang, "log").splitlines() if granted in line]
    assert rows
    for row in rows:
        assert row[3] == row[4] != "people"  # Pos., date, by, entry = the person, the person …
    md = demo.ok(*lang, "log", "--format", "md")
    assert "| people " not in md


def test_history_and_log_show_readable_record_times(demo: Cli) -> None:
    raw = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
    readable = re.compile(r"\| \d{4}-\d\d-\d\d \d\d:\d\d UTC \|")
    for argv in (["history", "I-03", "--format", "md"], ["log", "--format", "md", "--limit", "5"]):
        out = demo.ok(*argv)
        assert not raw.search(out) and readable.search(out), out
    text = demo.ok("history", "I-03")
    assert text.splitlines()[0].split()[:3] == ["Pos.", "erfasst", "gültig"]
    assert re.search(r"^\s+\d\d:\d\d UTC\s", text, re.M), text
    assert max(map(len, text.splitlines())) <= 80


def test_under_ssh_forced_command_the_clients_lang_chooses(cli: Cli) -> None:
    cli.ok("init")
    de = cli(env={"SSH_ORIGINAL_COMMAND": "konzept diff 2024"})
    assert de.code == 2 and de.err.startswith("konzept: fehlende Angaben: TO"), de.err
    en = cli(env={"SSH_ORIGINAL_COMMAND": "konzept --lang en diff 2024"})
    assert en.code == 2 and en.err.startswith("konzept: the following arguments"), en.err
