"""The read commands on a small hand-built history: golden outputs plus the semantics
behind them (as-of, as-known-at, scheduled changes, diff with its events, blame).

Regenerate the golden files with ``KONZEPT_UPDATE_GOLDEN=1 pytest tests/projections``
and read the diff before committing it.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd

GOLDEN = Path(__file__).parent / "golden"


def build(path: Path) -> None:
    """A district's first years, with backdating, a correction, a revert and a plan."""
    store = Store.create(path)
    ids = itertools.count(1)
    store.new_id = lambda: f"00000000-0000-4000-8000-{next(ids):012d}"
    k = Konzept(store)

    def at(
        recorded: str,
        effective: str,
        actor: str = "mmeyer",
        reason: str = "",
        decision: str | None = None,
    ) -> WriteMeta:
        return WriteMeta(
            actor=actor,
            reason=reason,
            effective=effective,
            decision=decision,
            recorded_at=f"{recorded}T09:00:00.000000Z",
        )

    k.append(
        cmd.init_concept(
            k.state,
            title="Integrationskonzept Landkreis Muster",
            territory="Landkreis Muster",
            population=120000,
            area_km2=1400,
            founder="mmeyer",
        ),
        at("2016-09-01", "2016-09-01"),
    )
    k.execute(cmd.grant, "aschulz", "editor", role="admin", meta=at("2016-09-01", "2016-09-01"))
    k.execute(
        cmd.add_decision,
        "KT-2017-01",
        body="Kreistag",
        date="2017-03-20",
        title="Integrationskonzept beschlossen",
        reference="DS 2017/023",
        meta=at("2017-03-21", "2017-03-20"),
    )
    first = at("2017-03-21", "2017-03-20", reason="Konzept beschlossen", decision="KT-2017-01")
    k.execute(cmd.add_field, "HF1", title="Sprache und Bildung", meta=first)
    k.execute(
        cmd.add_goal,
        "HF1-Z1",
        field="HF1",
        title="Sprachkurse ausbauen",
        target_year=2025,
        meta=first,
    )
    k.execute(cmd.add_actor, "VHS", name="Volkshochschule", kind="education_provider", meta=first)
    k.execute(
        cmd.add_measure,
        "HF1-M1",
        goal="HF1-Z1",
        title="Sprachcafé",
        responsible="VHS",
        start="2017-05-01",
        meta=first,
    )
    k.execute(
        cmd.add_indicator,
        "I-01",
        goal="HF1-Z1",
        name="Kursteilnehmende",
        unit="Personen",
        direction="up",
        baseline="2016=100",
        target="2025=200",
        source="VHS-Statistik",
        meta=first,
    )
    k.execute(cmd.set_status, "HF1-Z1", "adopted", meta=first)
    k.execute(
        cmd.set_status,
        "HF1-M1",
        "running",
        meta=at("2017-05-02", "2017-05-01", actor="aschulz", reason="Start"),
    )
    k.execute(
        cmd.record_value,
        "I-01",
        2017,
        "120",
        source="VHS",
        meta=at("2018-02-10", "2018-02-10", actor="aschulz", reason="Jahreswerte 2017"),
    )
    k.execute(
        cmd.add_decision,
        "KA-2019-02",
        body="Kreisausschuss",
        date="2019-03-12",
        title="Fortschreibung",
        reference="DS 2019/007",
        meta=at("2019-03-13", "2019-03-12"),
    )
    k.execute(
        cmd.set_attribute,
        "I-01",
        "target",
        "2025=250",
        meta=at("2019-03-13", "2019-03-12", reason="Bedarf gestiegen", decision="KA-2019-02"),
    )
    k.execute(
        cmd.record_value,
        "I-01",
        2018,
        "140",
        meta=at("2019-02-01", "2019-02-01", actor="aschulz", reason="Jahreswerte 2018"),
    )
    k.execute(
        cmd.record_value,
        "I-01",
        2018,
        "145",
        note="Nachmeldung",
        meta=at("2019-04-01", "2019-04-01", actor="aschulz", reason="Nachmeldung VHS"),
    )
    k.execute(
        cmd.set_attribute,
        "HF1-Z1",
        "title",
        "Sprachkurse deutlich ausbauen",
        meta=at("2019-05-01", "2019-05-01", reason="Schärfung"),
    )
    wrong = k.execute(
        cmd.set_attribute,
        "HF1",
        "title",
        "Sprache",
        meta=at("2019-06-01", "2019-06-01", reason="Kürzung"),
    )
    k.revert(wrong[0].position, meta=at("2019-06-02", "2019-06-02", reason="versehentlich"))
    # recorded in 2020, effective back to the decision of 2019 (backdated)
    k.execute(
        cmd.set_attribute,
        "HF1-M1",
        "end",
        "2020-12-31",
        meta=at(
            "2020-01-15", "2019-03-12", reason="laut Beschluss befristet", decision="KA-2019-02"
        ),
    )
    k.execute(
        cmd.set_status,
        "HF1-M1",
        "completed",
        meta=at("2021-01-05", "2020-12-31", reason="planmäßig beendet"),
    )
    # decided now, holds from 2099 (scheduled)
    k.execute(
        cmd.set_attribute,
        "HF1",
        "description",
        "Neu ab 2099",
        meta=at("2021-02-01", "2099-01-01", reason="geplant"),
    )
    store.close()


@pytest.fixture(scope="module")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "k.db"
    build(path)
    return path


@pytest.fixture
def kcli(cli, history_db: Path):  # type: ignore[no-untyped-def]
    cli.db = history_db
    return cli


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KONZEPT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


CASES = [
    ("show-2019.txt", ["show", "--as-of", "2019"]),
    ("show-2019.md", ["show", "--as-of", "2019", "--format", "md"]),
    ("show-I-01.txt", ["show", "I-01", "--as-of", "2019-12-31"]),
    ("log.txt", ["log"]),
    ("log-2019.csv", ["log", "--since", "2019-01-01", "--until", "2019-12-31", "--format", "csv"]),
    ("history-I-01.md", ["history", "I-01", "--format", "md"]),
    ("blame-I-01.txt", ["blame", "I-01"]),
    ("diff-2018-2019.txt", ["diff", "2018", "2019"]),
    ("diff-2018-2019-en.txt", ["--lang", "en", "diff", "2018", "2019"]),
]


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden_output(kcli, name: str, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = kcli.ok(*args)
    golden(name, text)
    if name.endswith(".txt"):
        assert max(len(line) for line in text.splitlines()) <= 80


def test_as_of_and_as_known_at(kcli) -> None:  # type: ignore[no-untyped-def]
    def indicator(*args: str) -> dict:  # type: ignore[type-arg]
        return json.loads(kcli.ok("show", "I-01", "--format", "json", *args))

    assert indicator("--as-of", "2018")["target"]["value"] == 200
    assert indicator("--as-of", "2019")["target"]["value"] == 250
    assert indicator()["values"] == {"2017": 120, "2018": 145}
    # as known before the correction was recorded
    log = json.loads(kcli.ok("log", "--entity", "I-01", "--format", "json"))
    correction = next(e for e in log if e["type"] == "IndicatorValueCorrected")
    before = indicator("--at-position", str(correction["position"] - 1))
    assert before["values"]["2018"] == 140
    assert indicator("--at-time", "2019-03-31")["values"]["2018"] == 140
    # the backdated end date: as of 2019-06 it is there, as known in 2019 it is not
    measure = json.loads(kcli.ok("show", "HF1-M1", "--as-of", "2019-06-30", "--format", "json"))
    assert measure["end"] == "2020-12-31"
    measure = json.loads(
        kcli.ok(
            "show", "HF1-M1", "--as-of", "2019-06-30", "--at-time", "2019-12-31", "--format", "json"
        )
    )
    assert measure["end"] is None


def test_scheduled_change_is_shown_but_not_current(kcli) -> None:  # type: ignore[no-untyped-def]
    field = json.loads(kcli.ok("show", "HF1", "--format", "json"))
    assert field["description"] == ""
    assert "Neu ab 2099" in kcli.ok("show")
    assert (
        json.loads(kcli.ok("show", "HF1", "--as-of", "2099-01-01", "--format", "json"))[
            "description"
        ]
        == "Neu ab 2099"
    )


def test_diff_json_names_events_reasons_and_decisions(kcli) -> None:  # type: ignore[no-untyped-def]
    d = json.loads(kcli.ok("diff", "2018", "2019", "--format", "json"))
    assert d["from"] == "2018-12-31" and d["to"] == "2019-12-31"
    changes = {(c["key"], c["attribute"]): c for c in d["changed"]}
    target = changes[("I-01", "target")]
    assert target["old"] == {"year": 2025, "value": 200}
    assert target["new"] == {"year": 2025, "value": 250}
    assert [(e["decision"], e["reason"]) for e in target["events"]] == [
        ("KA-2019-02", "Bedarf gestiegen")
    ]
    value = changes[("I-01", "values.2018")]
    assert value["old"] is None and value["new"] == 145 and len(value["events"]) == 2
    assert ("HF1", "title") not in changes, "reworded and reverted inside 2019: no net change"
    assert [e["reason"] for e in d["touched"]["HF1"]] == ["Kürzung", "versehentlich"]
    assert [e["key"] for e in d["added"]] == ["KA-2019-02"]
    assert kcli.ok("diff", "2019-12-31", "2019-12-31").strip().endswith("Keine Änderungen.")


def test_blame_json_points_at_the_setting_event(kcli) -> None:  # type: ignore[no-untyped-def]
    b = json.loads(kcli.ok("blame", "I-01", "--format", "json"))
    assert b["target"]["decision"] == "KA-2019-02" and b["target"]["reason"] == "Bedarf gestiegen"
    assert b["unit"]["reason"] == "Konzept beschlossen"
    assert b["values.2018"]["value"] == 145 and b["values.2018"]["actor"] == "aschulz"
    assert set(b["target"]) == {
        "value",
        "position",
        "actor",
        "recorded_at",
        "effective",
        "reason",
        "decision",
    }


def test_log_filters(kcli) -> None:  # type: ignore[no-untyped-def]
    by = json.loads(kcli.ok("log", "--by", "aschulz", "--format", "json"))
    assert by and {e["actor"] for e in by} == {"aschulz"}
    dec = json.loads(kcli.ok("log", "--decision", "KA-2019-02", "--format", "json"))
    assert [e["key"] for e in dec] == ["I-01", "HF1-M1"]
    assert all({"key", "summary", "hash", "prev_hash", "position"} <= set(e) for e in dec)
    result = kcli("log", "--entity", "NOPE")
    assert result.code == 2 and "keinen Eintrag mit dem Schlüssel NOPE" in result.err
    result = kcli("diff", "2019", "2018")
    assert result.code == 2 and "2018 liegt vor 2019" in result.err
    result = kcli("show", "--at-position", "9999")
    assert result.code == 2 and "außerhalb des Protokolls" in result.err
