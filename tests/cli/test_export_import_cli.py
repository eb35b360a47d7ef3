"""`konzept export` / `konzept import` through the CLI: byte-identical round trip; a broken
file is refused with one sentence and no store is left behind."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest


def test_export_import_export_is_byte_identical(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept mit Ümlauten")
    cli.ok("add", "field", "HF1", "--title", 'Sprache "und" Bildung', "--reason", "Start ✓")
    cli.ok(
        "add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Ziel", "--effective", "2030-01-01"
    )
    first = tmp_path / "first.jsonl"
    cli.ok("export", "-o", str(first))
    target = type(cli)(tmp_path / "copy.db")
    out = target.ok("import", str(first))
    assert "9 Ereignisse in" in out and "übernommen" in out
    second = tmp_path / "second.jsonl"
    target.ok("export", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert target.ok("export") == first.read_text(encoding="utf-8")
    head = cli.ok("verify").split("Kopf ")[1]
    assert target.ok("verify").split("Kopf ")[1] == head


def test_import_refuses_a_store_that_has_events(cli, tmp_path: Path, counter) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init")
    exported = tmp_path / "log.jsonl"
    cli.ok("export", "-o", str(exported))
    result = cli("import", str(exported))
    assert result.code == 2 and "braucht eine leere Datenbank" in result.err
    assert counter(cli.db) == 7
    missing = cli("import", str(tmp_path / "nope.jsonl"))
    assert missing.code == 2 and "nope.jsonl kann nicht gelesen werden" in missing.err
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes("é".encode("latin-1"))
    result = type(cli)(tmp_path / "x.db")("import", str(latin))
    assert result.code == 2 and "latin.jsonl ist kein UTF-8-Text" in result.err


def test_an_empty_file_is_refused_and_leaves_no_store(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # An empty import used to leave a store without its concept that no later import
    # or init could fill.
    for name, text in (("empty.jsonl", ""), ("blank.jsonl", "\n\n")):
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        target = type(cli)(tmp_path / "new.db")
        result = target("import", str(source))
        assert result.code == 2
        assert result.err.strip() == (
            "konzept: Die Datei enthält keine Ereignisse (ein exportiertes Protokoll beginnt"
            " mit der Anlage des Konzepts), daher wurde nichts übernommen."
        )
        assert not target.db.exists()
    target.ok("init")  # the name is still free


def test_output_is_never_written_over_a_database(cli, tmp_path: Path, counter) -> None:  # type: ignore[no-untyped-def]
    # `-o konzept.db` by mistake replaced the store itself with the report's text.
    cli.ok("init")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    other = type(cli)(tmp_path / "other.db")
    other.ok("init")
    before = {path: path.read_bytes() for path in (cli.db, other.db)}
    year = str(date.today().year)  # the concept begins today
    attempts = [
        ("report", year, "-o", str(cli.db)),
        ("export", "-o", str(cli.db)),
        ("export", "-o", str(other.db)),
        ("report", year, "--format", "html", "-o", f"{cli.db}-wal"),
    ]
    for args in attempts:
        result = cli(*args)
        assert result.code == 2, args
        assert "gehört zu einer Datenbank" in result.err and "Traceback" not in result.err
    assert {path: path.read_bytes() for path in before} == before
    assert counter(cli.db) == 8
    assert "Kette intakt" in cli.ok("verify")
    report = tmp_path / "bericht.md"
    report.write_text("alt", encoding="utf-8")
    cli.ok("report", year, "-o", str(report))  # an ordinary file is still replaced
    assert report.read_text(encoding="utf-8").startswith(f"# Jahresbericht {year}")


def test_dash_means_the_standard_streams(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # `-o -` wrote a file named "-", and `import -` looked for one.
    cli.ok("init", "--title", "Konzept")
    exported = cli.ok("export", "-o", "-")
    assert exported == cli.ok("export") and not (tmp_path / "-").exists()
    year = str(date.today().year)
    assert cli.ok("report", year, "-o", "-") == cli.ok("report", year)
    target = type(cli)(tmp_path / "piped.db")
    out = target.ok("import", "-", stdin=exported)
    assert "Ereignisse in" in out
    assert target.ok("export") == exported


def test_a_log_saved_with_a_byte_order_mark_imports(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # An editor that marks UTF-8 (Windows Notepad) put three bytes before the first
    # line, and the import called that line broken.
    cli.ok("init", "--title", "Konzept")
    exported = cli.ok("export")
    marked = tmp_path / "notepad.jsonl"
    marked.write_text(exported, encoding="utf-8-sig")
    assert marked.read_bytes().startswith(b"\xef\xbb\xbf")
    from_file = type(cli)(tmp_path / "from-file.db")
    from_file.ok("import", str(marked))
    assert from_file.ok("export") == exported
    piped = type(cli)(tmp_path / "piped.db")
    piped.ok("import", "-", stdin="\ufeff" + exported)
    assert piped.ok("export") == exported
    # Through a pipe the mark may arrive in parts: three bytes are awaited, not peeked.
    log = tmp_path / "log.jsonl"
    log.write_text(exported, encoding="utf-8")
    parts = subprocess.run(
        ["sh", "-c", f"(printf '\\357'; sleep 0.3; printf '\\273\\277'; cat '{log}') | "
         f"'{sys.executable}' -m konzept --db '{tmp_path / 'parts.db'}' import -"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert parts.returncode == 0, parts.stderr
    assert type(cli)(tmp_path / "parts.db").ok("export") == exported
    twice = tmp_path / "twice.jsonl"  # only one mark, at the very start, is skipped
    twice.write_text("\ufeff\ufeff" + exported, encoding="utf-8")
    assert type(cli)(tmp_path / "twice.db")("import", str(twice)).code == 2


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Sprache",
            "Spruche",
            "Zeile 8 des Imports (Position 8) wurde verändert: Ihr Hash stimmt nicht.",
        ),
        # A log exported by a later release: its newer version of a known event was
        # called "an unknown event type", which sent people looking for corruption.
        (
            '"schema_version":1',
            '"schema_version":99',
            "Zeile 8 des Imports enthält FieldAdded v99, neuer als die v1 dieser Version; "
            "bitte konzept aktualisieren.",
        ),
        ('"FieldAdded"', '"FieldMerged"', "Zeile 8 des Imports hat einen unbekannten Ereignistyp."),
    ],
    ids=["tampered", "newer", "unknown"],
)
def test_a_changed_line_is_refused_in_its_own_words_and_leaves_nothing(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    cli.ok("init")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    exported = tmp_path / "log.jsonl"
    cli.ok("export", "-o", str(exported))
    lines = exported.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[7]
    lines[7] = lines[7].replace(old, new)
    exported.write_text("".join(lines), encoding="utf-8")
    target = type(cli)(tmp_path / "copy.db")
    result = target("import", str(exported))
    assert result.code == 2
    assert result.err.strip() == f"konzept: {expected}"
    assert not target.db.exists()
