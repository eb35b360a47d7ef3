"""Edges users reach: a report before the concept began, clearing optional concept facts."""

from __future__ import annotations

import csv
import io
import json
from datetime import date


def test_a_report_before_the_concept_or_after_next_year_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    # Both used to print an empty report with exit code 0; the UI refused them.
    cli.ok("init", "--title", "Konzept Musterkreis")
    for args, said in (
        (("report", "1999"), "konzept: Am 1999-12-31 gab es das Konzept noch nicht."),
        (
            ("report", "2025", "--at-position", "0"),
            "konzept: Am 2025-12-31 gab es das Konzept noch nicht.",
        ),
    ):
        result = cli(*args, "--format", "txt")
        assert (result.code, result.err.strip(), result.out) == (2, said, ""), args
    last = date.today().year + 1
    result = cli("report", str(last + 1))
    assert result.code == 2
    assert result.err.strip() == (
        f"konzept: Für {last + 1} gibt es noch keinen Bericht (höchstens {last})."
    )
    assert "Konzept Musterkreis" in cli.ok("report", str(last), "--format", "txt")


def test_population_can_be_cleared(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept", "--population", "120000")
    cli.ok("set", "concept", "population", "")
    assert json.loads(cli.ok("show", "--format", "json"))["concept"]["population"] is None
    result = cli("set", "concept", "population", "-5")
    assert result.code == 2 and "-5 darf nicht negativ sein." in result.err


def test_german_input_as_the_reports_print_it(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse")
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Teilnehmende",
           "--unit", "Personen", "--direction", "up")  # fmt: skip
    cli.ok("record", "I-01", "2024", "1.234,5")
    assert json.loads(cli.ok("show", "I-01", "--format", "json"))["values"] == {"2024": 1234.5}
    cli.ok("status", "HF1-Z1", "beschlossen")
    assert json.loads(cli.ok("show", "HF1-Z1", "--format", "json"))["status"] == "adopted"


def test_german_dates_and_grouped_whole_numbers_as_staff_type_them(cli) -> None:  # type: ignore[no-untyped-def]
    # 31.12.2019 was refused everywhere, and a population typed as the reports print
    # it (121.386) was "not a whole number".
    cli.ok("init", "--title", "Konzept", "--population", "121.386")
    cli.ok("add", "field", "HF1", "--title", "Sprache", "--effective", "1.3.2030")
    cli.ok("set", "concept", "population", "121 500", "--effective", "31.12.2030")
    assert json.loads(cli.ok("show", "--format", "json"))["concept"]["population"] == 121386
    later = json.loads(cli.ok("show", "--format", "json", "--as-of", "31.12.2030"))
    assert later["concept"]["population"] == 121500
    field = json.loads(cli.ok("history", "HF1", "--format", "json"))[0]
    assert field["effective"] == "2030-03-01"
    for bad, words in (("31.02.2024", "'31.02.2024' gibt es im Kalender nicht"),
                       ("1.2", "'1.2' ist keine ganze Zahl")):  # fmt: skip
        option = "--effective" if "2024" in bad else "--population"
        target = ("set", "HF1", "title", "X") if option == "--effective" else ("init",)
        result = cli(*target, option, bad)
        assert result.code == 2 and words in result.err, result.err


def test_a_number_read_two_ways_is_refused_not_guessed(cli) -> None:  # type: ignore[no-untyped-def]
    """``2.600`` is 2600 to a German reader and 2.6 to an English one: never store either."""
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse")
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Teilnehmende",
           "--unit", "Personen", "--direction", "up")  # fmt: skip
    before = cli.ok("export")
    german = cli("record", "I-01", "2024", "2.600")
    assert german.code == 2 and german.err.count("\n") == 1
    assert "'2.600' kann 2600 oder eine Dezimalzahl sein" in german.err
    assert "2,6 für die Dezimalzahl" in german.err
    english = cli("--lang", "en", "record", "I-01", "2024", "2,500")
    assert english.code == 2 and "could be 2500 or a decimal" in english.err
    assert "2.5 for the decimal" in english.err
    assert cli.ok("export") == before
    cli.ok("record", "I-01", "2024", "1,234,567")  # unambiguous grouping: one reading only
    cli.ok("record", "I-01", "2025", "2,6")
    values = json.loads(cli.ok("show", "I-01", "--format", "json"))["values"]
    assert values == {"2024": 1234567, "2025": 2.6}


def test_a_date_that_is_not_in_the_calendar_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    result = cli("show", "--as-of", "2025-13-01")
    assert result.code == 2 and "'2025-13-01' gibt es im Kalender nicht" in result.err


def test_show_before_the_concept_existed_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    result = cli("show", "--as-of", "1999")
    assert result.code == 2 and "Am 1999-12-31 gab es das Konzept noch nicht" in result.err


def test_a_correction_scheduled_for_later_is_not_yet_in_the_report(cli) -> None:  # type: ignore[no-untyped-def]
    """``show`` and the report agree: a value that holds from 2099 on is not in force yet."""
    since = ("--effective", "2024-01-01")
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache", *since)
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse", *since)
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Teilnehmende",
           "--unit", "Personen", "--direction", "up", *since)  # fmt: skip
    cli.ok("record", "I-01", "2024", "88", "--effective", "2025-01-15")
    cli.ok("record", "I-01", "2024", "91", "--effective", "2099-01-01", "--reason", "später")
    assert json.loads(cli.ok("show", "I-01", "--format", "json"))["values"] == {"2024": 88}
    review = [
        line for line in cli.ok("report", "2024", "--format", "csv").splitlines() if "I-01" in line
    ]
    assert any(",88" in line for line in review), review
    assert not any(",91" in line for line in review), review


def test_show_as_csv_gives_scripts_plain_numbers(cli) -> None:  # type: ignore[no-untyped-def]
    # CSV used to carry the German display text: a script read "1.320" as 1.32.
    since = ("--effective", "2018-01-01")
    cli.ok("init", "--title", "Konzept", "--population", "121386")
    cli.ok("add", "field", "HF1", "--title", "Mobilität", *since)
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Fahrten", *since)
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Fahrten",
           "--unit", "Fahrten", "--direction", "up", "--baseline", "2018=850",
           "--target", "2030=2800", *since)  # fmt: skip
    cli.ok("record", "I-01", "2019", "1320")
    rows = list(csv.reader(io.StringIO(cli.ok("show", "I-01", "--format", "csv"))))
    assert ["Zielwert", "2800 (2030)"] in rows
    assert ["2019", "1320", "1012.5", "im Plan"] in rows
    concept = list(csv.reader(io.StringIO(cli.ok("show", "--format", "csv"))))
    assert ["Einwohnerzahl", "121386"] in concept
    assert "1.320" in cli.ok("show", "I-01")  # people still read German figures


def test_show_concept_is_the_concept_and_a_missing_key_names_no_date(cli) -> None:  # type: ignore[no-untyped-def]
    # `show concept` failed while `history concept` worked, and a missing key was
    # said to be missing "on this date" where no date was given.
    cli.ok("init", "--title", "Konzept Musterkreis")
    assert cli.ok("show", "concept") == cli.ok("show")
    for args in (("blame", "NOPE"), ("show", "NOPE"), ("show", "NOPE", "--at-position", "3")):
        result = cli(*args)
        assert result.code == 2
        assert result.err.strip() == (
            "konzept: In diesem Stand des Konzepts gibt es keinen Eintrag mit dem Schlüssel NOPE."
        )


def test_blame_of_the_concept_names_the_change_behind_each_fact(cli) -> None:  # type: ignore[no-untyped-def]
    # `show concept` and `history concept` worked, `blame concept` said there was no
    # such entry.
    cli.ok("init", "--title", "Konzept Musterkreis", "--population", "120000")
    cli.ok("set", "concept", "population", "121386", "--reason", "Zensus 2022")
    blamed = json.loads(cli.ok("blame", "concept", "--format", "json"))
    assert blamed["title"]["value"] == "Konzept Musterkreis"
    assert blamed["title"]["position"] == 1
    assert blamed["population"]["value"] == 121386
    assert (
        blamed["population"]["position"]
        == json.loads(cli.ok("log", "--format", "json"))[-1]["position"]
    )
    assert blamed["population"]["reason"] == "Zensus 2022"
    assert "status" not in blamed  # the concept has none
    assert "Zensus 2022" in cli.ok("blame", "concept")


def test_a_bad_person_name_is_called_a_login_name_not_a_key(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept Musterkreis")
    for name in ("", "zwei Worte", "x" * 41, "tab\there"):
        result = cli("grant", name, "editor")
        assert result.code == 2
        assert result.err.strip() == (
            f"konzept: {name!r} ist kein gültiger Anmeldename: 1–40 Zeichen ohne Leerzeichen."
        )
    assert "editor" not in cli.ok("people")
    # A directory's login names (and umlauts) are names too: `init` takes them as the
    # founder, so a role must be grantable to them.
    for name in ("jdoe@corp.example", "Müller", "m.meyer"):
        cli.ok("grant", name, "editor")
    people = cli.ok("people")
    assert "jdoe@corp.example" in people and "Müller" in people


def test_blame_as_a_table_names_time_reason_and_decision_apart(cli) -> None:  # type: ignore[no-untyped-def]
    # CSV and Markdown blame gave the reason with the decision in brackets and no time
    # of recording, though JSON (and `log`) give each on its own.
    cli.ok("init", "--title", "Konzept Musterkreis", "--population", "120000")
    cli.ok(
        "add", "decision", "KT-1", "--body", "Kreistag", "--date", "2026-01-15", "--title", "Zensus"
    )
    cli.ok("set", "concept", "population", "121386", "--reason", "Zensus", "--decision", "KT-1")
    blamed = json.loads(cli.ok("blame", "concept", "--format", "json"))["population"]
    rows = list(csv.DictReader(io.StringIO(cli.ok("blame", "concept", "--format", "csv"))))
    row = next(r for r in rows if r["Merkmal"] == "Einwohnerzahl")
    assert row["Begründung"] == "Zensus" and row["Beschluss"] == "KT-1"
    assert row["erfasst"] == blamed["recorded_at"] and row["Pos."] == str(blamed["position"])
    markdown = cli.ok("blame", "concept", "--format", "md")
    assert "| erfasst " in markdown and "| Beschluss " in markdown
    assert f"{blamed['recorded_at'][:10]} {blamed['recorded_at'][11:16]} UTC" in markdown


def test_blame_names_what_made_todays_value_not_a_later_or_cleared_one(cli) -> None:  # type: ignore[no-untyped-def]
    # A change scheduled for later was blamed for today's value, and a cleared detail
    # was blamed on the concept's creation.
    cli.ok("init", "--title", "Konzept Musterkreis", "--population", "120000", "--area", "1400")
    cli.ok("set", "concept", "area", "", "--reason", "Fläche wird neu vermessen")
    cli.ok("set", "concept", "population", "130000", "--reason", "Prognose",
           "--effective", "2099-01-01")  # fmt: skip
    blamed = json.loads(cli.ok("blame", "concept", "--format", "json"))
    assert blamed["population"]["value"] == 120000
    assert blamed["population"]["position"] == 1
    assert blamed["area_km2"]["value"] is None
    assert blamed["area_km2"]["reason"] == "Fläche wird neu vermessen"


def test_reverting_an_addition_says_what_to_do_in_the_entry_s_own_words(cli) -> None:  # type: ignore[no-untyped-def]
    # "Position 1 hat concept angelegt … außer Kraft setzen": an English word, and for a
    # goal a status goals do not have.
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse")
    added = {e["key"]: e["position"] for e in json.loads(cli.ok("log", "--format", "json"))}
    for position, said in (
        (1, "Position 1 hat das Konzept angelegt; das kann nicht zurückgenommen werden."),
        (added["HF1"], f"Position {added['HF1']} hat HF1 angelegt; eine Anlage wird nicht "
         "zurückgenommen — stattdessen den Status auf „außer Kraft“ setzen."),
        (added["HF1-Z1"], f"Position {added['HF1-Z1']} hat HF1-Z1 angelegt; eine Anlage wird "
         "nicht zurückgenommen — stattdessen den Status auf „aufgegeben“ setzen."),
    ):  # fmt: skip
        result = cli("revert", str(position), "--reason", "Versehen")
        assert result.code == 2 and result.err.strip() == f"konzept: {said}"


def test_reverting_a_role_or_a_detail_says_what_to_do_instead(cli) -> None:  # type: ignore[no-untyped-def]
    # "Position 640 kann nicht zurückgenommen werden." gave no reason.
    cli.ok("init", "--title", "Konzept")
    cli.ok("grant", "bob", "editor")
    cli.ok("set", "concept", "territory", "Landkreis Musterkreis")
    log = json.loads(cli.ok("log", "--format", "json"))
    granted = next(e["position"] for e in log if e["data"].get("person") == "bob")
    detail = log[-1]["position"]
    result = cli("revert", str(granted), "--reason", "Versehen")
    assert result.code == 2 and "'grant' oder 'revoke'" in result.err
    result = cli("revert", str(detail), "--reason", "Versehen")
    assert result.code == 2 and "'set concept'" in result.err


def test_a_value_s_note_and_the_change_a_revert_undoes_are_shown(cli) -> None:  # type: ignore[no-untyped-def]
    # The note given with a value was stored and never shown, and a revert read like
    # any correction ("1.620 → 1.610"), saying nothing of the change it undid.
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse")
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Teilnehmende",
           "--unit", "Personen", "--direction", "up")  # fmt: skip
    cli.ok("record", "I-01", "2025", "1610", "--note", "Halbjahreswert hochgerechnet")
    cli.ok("record", "I-01", "2025", "1620", "--reason", "Nachmeldung")
    wrong = json.loads(cli.ok("log", "--format", "json"))[-1]["position"]
    cli.ok("revert", str(wrong), "--reason", "Nachmeldung doppelt gezählt")
    said = [e["summary"] for e in json.loads(cli.ok("history", "I-01", "--format", "json"))]
    assert said[1] == "Messwert 2025: 1.610 (Anmerkung: Halbjahreswert hochgerechnet)"
    assert said[-1] == f"Messwert 2025 korrigiert: 1.620 → 1.610 (nimmt #{wrong} zurück)"
    english = cli.ok("--lang", "en", "log", "--format", "json")
    assert f"(reverts #{wrong})" in json.loads(english)[-1]["summary"]


def test_a_log_filtered_to_nothing_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    # `log --by nobody` printed one empty line, as if the command had failed silently.
    cli.ok("init", "--title", "Konzept")
    assert cli.ok("log", "--by", "nobody").strip() == "Keine Einträge für diese Filter."
    assert cli.ok("--lang", "en", "log", "--by", "nobody", "--format", "md").strip() == (
        "No entries for these filters."
    )
    assert json.loads(cli.ok("log", "--by", "nobody", "--format", "json")) == []
    assert cli.ok("log", "--by", "nobody", "--format", "csv").startswith("Pos.,")  # headers


def test_show_of_a_field_or_goal_lists_what_is_below_it(cli) -> None:  # type: ignore[no-untyped-def]
    # Finding one field's goals and indicators meant reading the whole concept.
    cli.ok("init", "--title", "Konzept")
    cli.ok("add", "field", "HF1", "--title", "Sprache")
    cli.ok("add", "goal", "HF1-Z1", "--field", "HF1", "--title", "Kurse")
    cli.ok("add", "goal", "HF1-Z2", "--field", "HF1", "--title", "Kita", "--parent", "HF1-Z1")
    cli.ok("add", "indicator", "I-01", "--goal", "HF1-Z1", "--name", "Teilnehmende",
           "--unit", "Personen", "--direction", "up")  # fmt: skip
    field = cli.ok("show", "HF1")
    assert "Unter HF1" in field
    assert [line.split()[:2] for line in field.splitlines() if line.startswith("HF1-Z")] == [
        ["HF1-Z1", "Ziel"],
        ["HF1-Z2", "Ziel"],
    ]
    goal = cli.ok("--lang", "en", "show", "HF1-Z1")
    rows = [line.split()[:2] for line in goal.split("Below HF1-Z1")[1].splitlines()[5:]]
    assert rows == [["HF1-Z2", "Goal"], ["I-01", "Indicator"]]
    assert "Unter" not in cli.ok("show", "I-01") and "Unter" not in cli.ok("show", "HF1-Z2")
