"""A small, fixed history for the annual report: two years of a district's concept.

Everything goes through ``Konzept.execute`` with fixed recorded/effective dates and
counter ids, so the log, its hashes and every report printed from it are the same on
every run. It holds what the 2024 report must show: a target raised on a decision
with a Drucksache, a closed year corrected, values of 2024 recorded in 2025, a
December decision entered in January, an agreement signed with one overdue and one
due obligation, an expiring agreement, a measure completed, a role granted (not a
concept change), and text with Markdown/CSV specials (``|``, ``=``).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd


@dataclass(frozen=True)
class History:
    path: Path
    #: The last position recorded in 2024: what the report printed in December said.
    end_2024: int


class Writer:
    """``Konzept.execute`` with the change record spelled as (recorded, effective, …)."""

    def __init__(self, store: Store) -> None:
        self.k = Konzept(store)
        self.minute = itertools.count()

    def __call__(
        self,
        command: Any,
        *args: Any,
        on: str,
        effective: str | None = None,
        actor: str = "mmeyer",
        reason: str = "",
        decision: str | None = None,
        **kwargs: Any,
    ) -> int:
        minute = next(self.minute)
        meta = WriteMeta(
            actor=actor,
            reason=reason,
            effective=effective or on,
            decision=decision,
            recorded_at=f"{on}T{8 + minute // 60 % 10:02d}:{minute % 60:02d}:00.000000Z",
        )
        return self.k.execute(command, *args, meta=meta, **kwargs)[-1].position


def build(path: Path) -> History:
    store = Store.create(path)
    ids = itertools.count(1)
    store.new_id = lambda: f"00000000-0000-4000-8000-{next(ids):012d}"
    w = Writer(store)
    k = w.k
    k.append(
        cmd.init_concept(
            k.state,
            title="Integrationskonzept Landkreis Nienburg/Weser",
            territory="Landkreis Nienburg/Weser",
            population=121386,
            area_km2=1399,
            founder="mmeyer",
        ),
        WriteMeta(actor="mmeyer", effective="2023-01-16", recorded_at="2023-01-16T08:00:00Z"),
    )
    _year_2023(w)
    _year_2024(w)
    end_2024 = store.head()[0]
    _year_2025(w)
    store.close()
    return History(path, end_2024)


def _year_2023(w: Writer) -> None:
    w(cmd.grant, "tbrandt", "editor", on="2023-01-16")
    day = "2023-03-23"
    w(
        cmd.add_decision,
        "KT-2023-1",
        body="Kreistag",
        date=day,
        title="Integrationskonzept 2023–2027",
        reference="Drucksache 2023/041",
        outcome="beschlossen",
        on="2023-03-24",
        effective=day,
    )
    adopted = {"on": "2023-03-24", "effective": day, "decision": "KT-2023-1"}
    for key, title in (
        ("HF1", "Integration Neugewanderter im ländlichen Raum"),
        ("HF2", "Netzwerkmanagement"),
        ("HF3", "Ehrenamt"),
    ):
        w(cmd.add_field, key, title=title, **adopted)
    for key, name, kind in (
        ("VHS", "Volkshochschule Nienburg/Weser", "education_provider"),
        ("JC", "Jobcenter Landkreis Nienburg/Weser", "public_agency"),
        ("DSK", "Deutsch-Syrischer Kulturverein e. V.", "migrant_organisation"),
    ):
        w(cmd.add_actor, key, name=name, kind=kind, **adopted)
    for key, field, title, year in (
        ("HF1-Z1", "HF1", "Schneller Zugang zu Sprachkursen", 2027),
        ("HF1-Z2", "HF1", "Mehr Geflüchtete in Arbeit", 2027),
        ("HF2-Z1", "HF2", "Verbindliche Kooperationen", 2025),
        ("HF3-Z1", "HF3", "Sprachpatenschaften ausbauen", 2026),
    ):
        w(cmd.add_goal, key, field=field, title=title, target_year=year, **adopted)
    for key in ("HF1-Z1", "HF1-Z2", "HF2-Z1"):
        w(cmd.set_status, key, "adopted", **adopted)
    for key, goal, name, unit, direction, base, target in (
        ("I-01", "HF1-Z1", "Wartezeit bis Kursbeginn", "Tage", "down", "2022=90", "2027=42"),
        ("I-02", "HF1-Z2", "Beschäftigungsquote Geflüchteter", "%", "up", "2022=38.5", "2027=50"),
        ("I-03", "HF2-Z1", "Kooperationsvereinbarungen", "Anzahl", "up", "2022=1", "2025=6"),
        ("I-04", "HF3-Z1", "Sprachpatenschaften", "Paare", "up", "2023=10", "2026=40"),
    ):
        w(
            cmd.add_indicator,
            key,
            goal=goal,
            name=name,
            unit=unit,
            direction=direction,
            baseline=base,
            target=target,
            **adopted,
        )
    w(cmd.add_measure, "M-01", goal="HF1-Z1", title="Kursplatzbörse", responsible="VHS", **adopted)
    w(cmd.add_measure, "M-02", goal="HF1-Z2", title="Jobmesse", responsible="JC", **adopted)
    w(cmd.set_status, "M-01", "running", on="2023-04-03", reason="Start mit drei Kursorten")
    for key, value in (("I-01", "88"), ("I-02", "39"), ("I-03", "2")):
        w(cmd.record_value, key, 2022, value, on="2023-04-03", reason="Werte 2022")
    w(
        cmd.add_agreement,
        "V-2023-01",
        title="Kooperationsvereinbarung Sprachförderung",
        parties=["VHS", "JC"],
        goals=["HF1-Z1"],
        valid_from="2023-06-01",
        valid_until="2025-06-30",
        review="2024-06-30",
        on="2023-05-10",
    )
    w(cmd.set_status, "V-2023-01", "negotiating", on="2023-05-10")
    w(cmd.set_status, "V-2023-01", "signed", on="2023-06-01", reason="Unterzeichnet")


def _year_2024(w: Writer) -> None:
    w(cmd.set_status, "P5", "in_progress", on="2024-01-08", reason="Berichtsrunde 2023")
    for key, value in (("I-01", "71"), ("I-02", "41.2"), ("I-03", "3")):
        w(
            cmd.record_value,
            key,
            2023,
            value,
            on="2024-02-12",
            actor="tbrandt",
            reason="Statistiklieferung 2023 | BA und VHS",
        )
    w(
        cmd.add_decision,
        "KA-2024-1",
        body="Kreisausschuss",
        date="2024-03-12",
        title="Anpassung der Zielwerte",
        reference="Drucksache 2024/112",
        outcome="beschlossen",
        on="2024-03-13",
        effective="2024-03-12",
    )
    decided = {"on": "2024-03-13", "effective": "2024-03-12", "decision": "KA-2024-1"}
    w(cmd.set_attribute, "I-02", "target", "2030=55", reason="Neuer Zielhorizont 2030", **decided)
    w(cmd.set_attribute, "HF1-Z2", "target_year", "2030", reason="Fortschreibung", **decided)
    w(
        cmd.add_decision,
        "SA-2024-1",
        body="committee",
        date="2024-04-18",
        title="Integrationsbericht 2023",
        reference="Drucksache 2024/160",
        outcome="zur Kenntnis genommen",
        on="2024-04-18",
    )
    noted = {"on": "2024-04-18", "decision": "SA-2024-1"}
    w(cmd.close_year, 2023, reason="Bericht 2023 zur Kenntnis genommen", **noted)
    w(cmd.set_status, "P5", "done", reason="Berichtsrunde 2023 abgeschlossen", **noted)
    w(
        cmd.record_value,
        "I-01",
        2023,
        "69",
        reopen=True,
        on="2024-05-06",
        actor="tbrandt",
        reason="Zahlendreher in der Lieferung",
    )
    w(cmd.set_status, "M-02", "running", on="2024-06-03")
    w(
        cmd.add_agreement,
        "V-2024-01",
        title="Kooperationsvereinbarung Job-Turbo",
        parties=["JC", "DSK"],
        goals=["HF1-Z2"],
        valid_from="2024-07-15",
        valid_until="2025-12-31",
        on="2024-07-01",
    )
    w(
        cmd.add_obligation,
        "V-2024-01",
        party="JC",
        what="Quartalsbericht vorlegen",
        due="2024-09-30",
        on="2024-07-01",
    )
    w(
        cmd.add_obligation,
        "V-2024-01",
        party="DSK",
        what="=Sprachpaten vermitteln",
        due="2025-03-31",
        on="2024-07-01",
    )
    w(cmd.set_status, "V-2024-01", "negotiating", on="2024-07-01")
    w(cmd.set_status, "V-2024-01", "signed", on="2024-07-15", decision="KA-2024-1")
    w(
        cmd.set_attribute,
        "HF1-Z1",
        "title",
        "Schneller Zugang zu Sprachkursen im ganzen Kreis",
        on="2024-09-02",
        reason="Auch ländliche Kursorte",
    )
    w(cmd.set_status, "M-02", "completed", on="2024-09-30", reason="40 Betriebe dabei")
    w(cmd.grant, "jwagner", "viewer", on="2024-10-01")
    w(
        cmd.add_actor,
        "IHK",
        name="IHK Hannover, Geschäftsstelle Nienburg",
        kind="other",
        on="2024-10-01",
    )
    w(cmd.set_attribute, "HF3", "description", "Ehrenamt in Sprache und Alltag", on="2024-11-05")


def _year_2025(w: Writer) -> None:
    w(
        cmd.add_decision,
        "KT-2024-3",
        body="Kreistag",
        date="2024-12-12",
        title="Haushalt Integration 2025",
        reference="Drucksache 2024/301",
        outcome="beschlossen",
        on="2025-01-09",
    )
    for key, value in (("I-01", "58"), ("I-02", "44"), ("I-03", "5"), ("I-04", "12")):
        w(
            cmd.record_value,
            key,
            2024,
            value,
            on="2025-02-10",
            actor="tbrandt",
            reason="Statistiklieferung 2024",
        )


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    """The history in a store file shared by a module's read-only tests."""
    return build(tmp_path_factory.mktemp("report") / "k.db")


@pytest.fixture
def fresh(tmp_path: Path) -> History:
    """The same history in a store of the test's own, for tests that append."""
    return build(tmp_path / "k.db")


@pytest.fixture
def open_store(history: History) -> Iterator[Store]:
    store = Store.open(history.path)
    yield store
    store.close()


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reports show the head's time in the local zone: the goldens are printed in UTC,
    whatever zone the machine running the tests is in (CLI subprocesses inherit it)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
