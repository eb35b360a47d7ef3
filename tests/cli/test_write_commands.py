"""Every write command of SPEC §4 through the real CLI, and every refusal of issue 4:
exit code 2, one sentence, and the event count unchanged."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

SETUP = [
    [
        "init",
        "--title",
        "Integrationskonzept Testkreis",
        "--territory",
        "Landkreis Test",
        "--population",
        "120000",
        "--area",
        "1400",
    ],
    [
        "add",
        "decision",
        "KT-1",
        "--body",
        "Kreistag",
        "--date",
        "2017-03-20",
        "--title",
        "Beschluss Integrationskonzept",
        "--reference",
        "DS 2017/023",
    ],
    [
        "add",
        "field",
        "HF1",
        "--title",
        "Sprache und Bildung",
        "--effective",
        "2017-03-20",
        "--decision",
        "KT-1",
        "--reason",
        "Konzept beschlossen",
    ],
    [
        "add",
        "goal",
        "HF1-Z1",
        "--field",
        "HF1",
        "--title",
        "Sprachkurse ausbauen",
        "--target-year",
        "2025",
        "--effective",
        "2017-03-20",
    ],
    [
        "add",
        "goal",
        "HF1-Z2",
        "--field",
        "HF1",
        "--parent",
        "HF1-Z1",
        "--title",
        "Wartezeiten senken",
        "--effective",
        "2017-03-20",
    ],
    [
        "add",
        "actor",
        "VHS",
        "--name",
        "Volkshochschule",
        "--kind",
        "education_provider",
        "--effective",
        "2017-01-01",
    ],
    [
        "add",
        "actor",
        "JC",
        "--name",
        "Jobcenter",
        "--kind",
        "public_agency",
        "--effective",
        "2017-01-01",
    ],
    [
        "add",
        "measure",
        "HF1-M1",
        "--goal",
        "HF1-Z1",
        "--title",
        "Sprachcafé",
        "--responsible",
        "VHS",
        "--partner",
        "JC",
        "--start",
        "2017-05-01",
        "--effective",
        "2017-04-01",
    ],
    [
        "add",
        "indicator",
        "I-01",
        "--goal",
        "HF1-Z1",
        "--name",
        "Kursteilnehmende",
        "--unit",
        "Personen",
        "--direction",
        "up",
        "--baseline",
        "2016=100",
        "--target",
        "2025=200",
        "--source",
        "VHS-Statistik",
        "--effective",
        "2017-03-20",
    ],
    [
        "add",
        "agreement",
        "V-1",
        "--title",
        "Kooperation Sprachförderung",
        "--party",
        "VHS",
        "--party",
        "JC",
        "--goal",
        "HF1-Z1",
        "--valid-from",
        "2018-01-01",
        "--valid-until",
        "2020-12-31",
        "--effective",
        "2017-06-01",
    ],
    [
        "add",
        "obligation",
        "V-1",
        "--party",
        "JC",
        "--what",
        "Teilnehmende vermitteln",
        "--due",
        "2018-06-30",
        "--effective",
        "2017-06-01",
    ],
]


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os
    import subprocess
    import sys

    db = tmp_path_factory.mktemp("base") / "base.db"
    env = {**os.environ, "USER": "anna"}
    for args in SETUP:
        proc = subprocess.run(
            [sys.executable, "-m", "konzept", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=env,
        )
        assert proc.returncode == 0, (args, proc.stderr)
    return db


@pytest.fixture
def kcli(cli, base_db: Path):  # type: ignore[no-untyped-def]
    shutil.copy(base_db, cli.db)
    return cli


def test_setup_commands_wrote_what_they_said(kcli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(kcli.ok("show", "--format", "json"))
    by_key = {e["key"]: e for e in data["entities"]}
    assert data["concept"]["population"] == 120000
    assert by_key["HF1-Z2"]["parent"] == "HF1-Z1"
    assert by_key["HF1-M1"]["partners"] == ["JC"] and by_key["HF1-M1"]["responsible"] == "VHS"
    assert by_key["I-01"]["baseline"] == {"year": 2016, "value": 100}
    assert by_key["V-1"]["obligations"][0]["party"] == "JC"
    log = json.loads(kcli.ok("log", "--entity", "HF1", "--format", "json"))
    assert log[0]["decision"] == "KT-1" and log[0]["reason"] == "Konzept beschlossen"
    assert log[0]["effective"] == "2017-03-20" and log[0]["actor"] == "anna"


def test_changes_lifecycles_values_and_undo(kcli, counter) -> None:  # type: ignore[no-untyped-def]
    out = kcli.ok(
        "set",
        "I-01",
        "target",
        "2025=250",
        "--reason",
        "Bedarf gestiegen",
        "--decision",
        "KT-1",
        "--effective",
        "2018-01-01",
    )
    assert "Zielwert: 200 (2025) → 250 (2025)" in out
    kcli.ok("set", "HF1-Z1", "title", "Sprachkurse deutlich ausbauen")
    kcli.ok("status", "HF1-Z1", "adopted", "--decision", "KT-1")
    kcli.ok("status", "HF1-M1", "running")
    kcli.ok("status", "V-1", "negotiating")
    kcli.ok("status", "V-1", "signed", "--effective", "2018-01-01")
    kcli.ok("fulfil", "V-1", "1")
    kcli.ok("status", "P1", "in_progress")
    kcli.ok("record", "I-01", "2018", "130", "--source", "VHS")
    corrected = kcli.ok("record", "I-01", "2018", "135", "--note", "Nachmeldung")
    assert "korrigiert: 130 → 135" in corrected
    entity = json.loads(kcli.ok("show", "I-01", "--format", "json"))
    assert entity["values"] == {"2018": 135}
    assert entity["target"] == {"year": 2025, "value": 250}
    history = json.loads(kcli.ok("history", "I-01", "--format", "json"))
    assert [h["type"] for h in history][-2:] == [
        "IndicatorValueRecorded",
        "IndicatorValueCorrected",
    ]
    # undo the target change by appending
    position = next(h["position"] for h in history if h["type"] == "IndicatorTargetChanged")
    before = counter(kcli.db)
    kcli.ok("revert", str(position), "--reason", "Beschluss aufgehoben")
    assert counter(kcli.db) == before + 1
    assert json.loads(kcli.ok("show", "I-01", "--format", "json"))["target"]["value"] == 200
    # close the year, then a correction needs --reopen and a reason
    kcli.ok("close-year", "2018", "--decision", "KT-1")
    refused = kcli("record", "I-01", "2018", "140")
    assert refused.code == 2 and "Das Jahr 2018 ist abgeschlossen" in refused.err
    refused = kcli("record", "I-01", "2018", "140", "--reopen")
    assert refused.code == 2 and "ist eine Begründung nötig" in refused.err
    kcli.ok("record", "I-01", "2018", "140", "--reopen", "--reason", "Statistik korrigiert")
    assert kcli.ok("verify").startswith("OK:")


def test_a_revert_changes_a_closed_year_only_with_reopen_and_the_report_lists_it(  # type: ignore[no-untyped-def]
    kcli, counter
) -> None:
    # A revert used to withdraw a value of a closed year without --reopen, and the
    # next report's corrections did not show the withdrawal.
    kcli.ok("record", "I-01", "2018", "130", "--source", "VHS")
    position = json.loads(kcli.ok("history", "I-01", "--format", "json"))[-1]["position"]
    kcli.ok("close-year", "2018", "--decision", "KT-1")
    before = counter(kcli.db)
    refused = kcli("revert", str(position), "--reason", "Zahl falsch")
    assert refused.code == 2
    assert refused.err.strip() == (
        "konzept: Das Jahr 2018 ist abgeschlossen; eine Korrektur braucht --reopen und eine"
        " Begründung."
    )
    assert counter(kcli.db) == before
    out = kcli.ok("revert", str(position), "--reopen", "--reason", "Zahl falsch")
    assert "Messwert 2018 zurückgezogen (war 130)" in out
    withdrawn = json.loads(kcli.ok("history", "I-01", "--format", "json"))[-1]
    assert withdrawn["type"] == "IndicatorValueWithdrawn"
    assert withdrawn["data"]["closed_year"] is True
    year = withdrawn["recorded_at"][:4]
    report = json.loads(kcli.ok("report", year, "--format", "json"))
    corrections = report["sections"]["corrections"]
    assert [(c["key"], c["year"], c["old"], c["new"]) for c in corrections] == [
        ("I-01", 2018, 130, None)
    ]
    text = kcli.ok("report", year, "--format", "txt")
    assert "130 → —" in text.split("KORREKTUREN ABGESCHLOSSENER JAHRE")[1]


def test_a_revert_that_cannot_be_made_says_so_before_asking_for_reopen(kcli) -> None:  # type: ignore[no-untyped-def]
    # --reopen was demanded first, and then the real obstacle appeared.
    kcli.ok("record", "I-01", "2018", "130")
    first = json.loads(kcli.ok("history", "I-01", "--format", "json"))[-1]["position"]
    kcli.ok("record", "I-01", "2018", "135")
    kcli.ok("close-year", "2018", "--decision", "KT-1")
    result = kcli("revert", str(first), "--reason", "falsch")
    assert result.code == 2 and "hat sich seit Position" in result.err, result.err


def test_set_checks_what_add_checks(kcli, counter) -> None:  # type: ignore[no-untyped-def]
    # `set` used to accept an end before the start and a goal moved away from its
    # parent goal's field, both of which `add` refuses.
    kcli.ok("set", "HF1-M1", "start", "2020-01-01")
    kcli.ok("set", "HF1-M1", "end", "2022-12-31")
    kcli.ok("set", "V-1", "valid-from", "2020-01-01")
    kcli.ok("add", "field", "HF2", "--title", "Wohnen")
    kcli.ok("add", "goal", "HF1-Z9", "--field", "HF1", "--title", "Teilziel", "--parent", "HF1-Z1")
    kcli.ok("add", "goal", "HF2-Z1", "--field", "HF2", "--title", "Wohnraum")
    before = counter(kcli.db)
    for args, said in (
        (
            ("HF1-M1", "end", "2019-12-31"),
            "Die Maßnahme würde enden (2019-12-31), bevor sie beginnt (2020-01-01).",
        ),
        (("HF1-M1", "start", "2099-01-01"), "enden (2022-12-31), bevor sie beginnt (2099-01-01)."),
        (("V-1", "valid-until", "2019-01-01"), "Die Vereinbarung würde enden (2019-01-01)"),
        (("HF1-Z9", "field", "HF2"), "Das Leitziel HF1-Z1 gehört zu einem anderen Handlungsfeld."),
        (
            ("HF1-Z9", "parent", "HF2-Z1"),
            "Das Leitziel HF2-Z1 gehört zu einem anderen Handlungsfeld.",
        ),
    ):
        result = kcli("set", *args)
        assert result.code == 2 and said in result.err, (args, result.err)
    assert counter(kcli.db) == before
    kcli.ok("set", "HF1-M1", "end", "2021-06-30")  # in order: accepted
    kcli.ok("set", "HF1-Z9", "parent", "")  # detached, it may move
    kcli.ok("set", "HF1-Z9", "field", "HF2")


def test_a_loop_of_goals_is_refused_naming_the_parent_asked_for(kcli) -> None:  # type: ignore[no-untyped-def]
    # The refusal used to name the goal itself as the parent ("HF1-Z1 below HF1-Z1").
    kcli.ok("add", "goal", "HF1-Z8", "--field", "HF1", "--title", "Teilziel", "--parent", "HF1-Z1")
    result = kcli("--lang", "en", "set", "HF1-Z1", "parent", "HF1-Z8")
    assert result.code == 2
    assert "Goal HF1-Z1 cannot sit below HF1-Z8: that makes a loop." in result.err


def test_effective_dates_backdated_and_scheduled(kcli) -> None:  # type: ignore[no-untyped-def]
    kcli.ok("set", "HF1", "title", "Sprache, Bildung und Ausbildung", "--effective", "2099-01-01")
    now = json.loads(kcli.ok("show", "HF1", "--format", "json"))
    assert now["title"] == "Sprache und Bildung", "a future change is scheduled, not current"
    assert "2099-01-01" in kcli.ok("show")
    later = json.loads(kcli.ok("show", "HF1", "--as-of", "2099-06-01", "--format", "json"))
    assert later["title"] == "Sprache, Bildung und Ausbildung"
    early = kcli("show", "HF1", "--as-of", "2016", "--format", "json")
    assert early.code == 2, "HF1 did not exist in 2016"


REFUSALS = [
    (["status", "HF1-Z1", "achieved"], "cannot become achieved"),
    (["status", "HF1-Z1", "flying"], "not a status"),
    (
        ["add", "goal", "X1", "--field", "HF9", "--title", "T"],
        "no field of action with the key HF9",
    ),
    (["add", "obligation", "V-1", "--party", "VHS2", "--what", "x"], "not a party"),
    (
        ["add", "measure", "M9", "--goal", "HF1-Z1", "--title", "T", "--responsible", "NOBODY"],
        "no actor with the key NOBODY",
    ),
    (["set", "HF1", "title", "X", "--decision", "KT-99"], "no decision with the key KT-99"),
    (["add", "field", "HF1", "--title", "again"], "already used"),
    (["add", "actor", "I-01", "--name", "x", "--kind", "other"], "already used"),
    (["set", "HF1", "colour", "red"], "no attribute 'colour'"),
    (["record", "I-01", "2020", "12 Personen"], "not a number"),
    (["record", "I-01", "2020", "nan"], "not a finite number"),
    (["record", "I-01", "20x0", "12"], "not a year"),
    (["set", "I-01", "target", "2010=50"], "before the baseline year"),
    (
        [
            "add",
            "indicator",
            "I-09",
            "--goal",
            "HF1-Z1",
            "--name",
            "n",
            "--unit",
            "u",
            "--direction",
            "up",
            "--baseline",
            "2020=1",
            "--target",
            "2019=2",
        ],
        "before the baseline",
    ),
    (["set", "HF1", "title", "X", "--effective", "2017-13-01"], "not a day of the calendar"),
    (["set", "HF1", "title", "X", "--effective", "2016-01-01"], "exists only from 2017-03-20"),
    (
        ["add", "goal", "G-new", "--field", "HF1", "--title", "T", "--effective", "2016-06-01"],
        "exists only from 2017-03-20",
    ),
    (["set", "HF1-Z1", "parent", "HF1-Z2"], "loop"),
    (["set", "HF1", "title", "\x1b[31mred"], "control characters"),
    (["add", "field", "bad key!", "--title", "T"], "not a valid key"),
    (["revert", "999", "--reason", "x"], "no event at position 999"),
    (["revert", "9"], "reason"),
    (["close-year", "2018"], "A decision is required for closing the year 2018"),
    # Baseline, target, direction and weight must fit together, on add and on set.
    (
        [
            "add",
            "indicator",
            "I-9",
            "--goal",
            "HF1-Z1",
            "--name",
            "N",
            "--unit",
            "U",
            "--direction",
            "down",
            "--baseline",
            "2020=5",
            "--target",
            "2030=10",
        ],
        "should fall needs a target below its baseline (5 → 10)",
    ),
    (
        [
            "add",
            "indicator",
            "I-9",
            "--goal",
            "HF1-Z1",
            "--name",
            "N",
            "--unit",
            "U",
            "--direction",
            "up",
            "--baseline",
            "2020=5",
            "--target",
            "2030=1",
        ],
        "should rise needs a target above its baseline (5 → 1)",
    ),
    (["set", "I-01", "direction", "down"], "should fall needs a target below"),
    (["set", "I-01", "weight", "-1"], "weight cannot be negative (-1)"),
    (["log", "--limit", "-1"], "--limit takes a number of entries (0 or more), not '-1'"),
    (["diff", "2024", "foo"], "'foo' is neither a year nor a date; write 2024 or 2024-12-31"),
    # A year is closed once it has ended (and its report was reviewed): not this one.
    (["close-year", str(date.today().year), "--decision", "KT-1"], "cannot be closed yet"),
    # ... nor one before anything in the record took effect: nothing there to review.
    (["close-year", "1950", "--decision", "KT-1"], "the record of this concept begins in 20"),
    (["set", "V-1", "parties", "VHS"], "still has obligations"),
    # A field retired or a goal dropped while something below it is still open.
    (["retire", "HF1"], "HF1 still has open entries below it (HF1-Z1"),
    (["status", "HF1-Z1", "dropped"], "HF1-Z1 still has open entries below it"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[" ".join(a)[:40] for a, _ in REFUSALS])
def test_refusals_write_nothing(kcli, counter, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    before = counter(kcli.db)
    result = kcli("--lang", "en", *args)
    assert result.code == 2, result.err
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert counter(kcli.db) == before


def test_reused_key_after_retirement_and_required_reason(kcli, counter) -> None:  # type: ignore[no-untyped-def]
    kcli.ok("add", "field", "HF2", "--title", "Wohnen")
    kcli.ok("retire", "HF2")
    result = kcli("add", "field", "HF2", "--title", "Wohnen neu")
    assert result.code == 2 and "nie wiederverwendet" in result.err
    kcli.ok("set", "settings", "require_reason", "yes", "--reason", "Prüfauftrag")
    before = counter(kcli.db)
    result = kcli("set", "HF1", "title", "Neu")
    assert result.code == 2 and "verlangt für jede Änderung eine Begründung" in result.err
    assert counter(kcli.db) == before
    kcli.ok("set", "HF1", "title", "Neu", "--reason", "Umbenennung")


def test_actor_is_the_login_name_and_override_needs_the_setting(kcli) -> None:  # type: ignore[no-untyped-def]
    result = kcli("--actor", "mallory", "set", "HF1", "title", "X")
    assert result.code == 2 and "--actor ist in den Einstellungen dieser" in result.err
    kcli.ok("grant", "importer", "editor")
    kcli.ok("set", "settings", "allow_actor_override", "yes")
    kcli.ok("--actor", "importer", "set", "HF1", "title", "Via Import")
    log = json.loads(kcli.ok("log", "--entity", "HF1", "--format", "json"))
    assert log[-1]["actor"] == "importer"


def test_viewer_cannot_write(kcli, counter) -> None:  # type: ignore[no-untyped-def]
    kcli.ok("grant", "vera", "viewer")
    before = counter(kcli.db)
    result = kcli("set", "HF1", "title", "X", user="vera")
    assert result.code == 2 and "braucht die Rolle editor" in result.err
    assert counter(kcli.db) == before
    assert "Sprache und Bildung" in kcli.ok("show", user="vera")
    result = kcli("grant", "vera", "admin", user="vera")
    assert result.code == 2 and "braucht die Rolle admin" in result.err


def test_process_steps_move_through_the_seed_and_step_five_recurs(kcli) -> None:  # type: ignore[no-untyped-def]
    for step in ("P1", "P2", "P3", "P4", "P5"):
        kcli.ok("status", step, "in_progress")
        kcli.ok("status", step, "done")
    kcli.ok("status", "P5", "in_progress", "--reason", "Bericht 2019")
    result = kcli("status", "P1", "in_progress")
    assert result.code == 2 and "wiederholt sich nicht" in result.err
    steps = {
        e["key"]: e
        for e in json.loads(kcli.ok("show", "--format", "json"))["entities"]
        if e["kind"] == "step"
    }
    assert steps["P5"]["status"] == "in_progress" and steps["P4"]["status"] == "done"


def test_only_an_admin_changes_settings_and_roles(kcli, counter) -> None:  # type: ignore[no-untyped-def]
    kcli.ok("grant", "ed", "editor")
    before = counter(kcli.db)
    for args in (["set", "settings", "require_reason", "yes"], ["grant", "ed", "admin"]):
        result = kcli(*args, user="ed")
        assert result.code == 2 and "braucht die Rolle admin" in result.err
    assert counter(kcli.db) == before
    kcli.ok("set", "HF1", "title", "Editors edit", user="ed")
    people = json.loads(kcli.ok("people", "--format", "json"))
    assert people == {"anna": ["admin"], "ed": ["editor"]}
