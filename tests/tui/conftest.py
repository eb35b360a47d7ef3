"""A small, fully deterministic concept on a real store file, and the app on it.

Every event has a fixed id, recording time and effective date, so SVG snapshots of the
UI are the same on every run; the clock the app sees is frozen as well.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd
from konzept.tui.app import KonzeptApp, make_app

FROZEN = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (Pilot needs one; no plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def frozen() -> datetime:
    return FROZEN


@dataclass
class Writer:
    """Writes through the command layer, like a second person at another terminal."""

    session: Konzept
    clock: Iterator[int]

    def __call__(
        self, command: Callable[..., cmd.Plan], *args: Any, actor: str = "anna",
        effective: str | None = None, reason: str = "", decision: str | None = None,
        **kwargs: Any,
    ) -> None:  # fmt: skip
        minute = next(self.clock)
        recorded = f"2024-{1 + minute // 1000:02d}-01T08:{minute % 60:02d}:00.000000Z"
        meta = WriteMeta(actor, reason, effective, decision, recorded)
        self.session.execute(command, *args, meta=meta, **kwargs)


def build_concept(path: Path) -> Writer:
    store = Store.create(path)
    ids = itertools.count(1)
    store.new_id = lambda: f"id-{next(ids):06d}"
    session = Konzept(store)
    write = Writer(session, itertools.count(0))
    plan = cmd.init_concept(
        session.state, title="Integrationskonzept Testkreis", territory="Testkreis",
        population=120_000, founder="anna",
    )  # fmt: skip
    session.append(
        plan, WriteMeta("anna", "init", "2016-01-01", None, "2016-01-01T08:00:00.000000Z")
    )
    write(cmd.grant, "bert", "editor", effective="2016-01-01")
    write(cmd.grant, "vera", "viewer", effective="2016-01-01")
    write(cmd.add_actor, "VHS", name="Volkshochschule", kind="education_provider",
          effective="2016-02-01")  # fmt: skip
    write(cmd.add_actor, "KOST", name="Koordinierungsstelle", kind="department",
          effective="2016-02-01")  # fmt: skip
    write(cmd.add_decision, "KT-2016-1", body="Kreistag", date="2016-06-01",
          title="Integrationskonzept beschlossen", effective="2016-06-01")  # fmt: skip
    write(cmd.add_field, "HF1", title="Sprache und Bildung", effective="2016-03-01",
          description="Deutsch lernen von Anfang an.")  # fmt: skip
    write(cmd.add_field, "HF2", title="Arbeit", effective="2016-03-01")
    write(cmd.add_goal, "HF1-L1", field="HF1", title="Alle lernen Deutsch", effective="2016-03-01")
    write(cmd.add_goal, "HF1-Z1", field="HF1", parent="HF1-L1", title="Mehr Kursplätze",
          target_year=2030, effective="2016-03-01")  # fmt: skip
    write(cmd.set_status, "HF1-Z1", "adopted", effective="2016-06-01", decision="KT-2016-1",
          reason="Kreistag hat beschlossen")  # fmt: skip
    write(cmd.add_measure, "M-01", goal="HF1-Z1", title="Sprachkurse in den Gemeinden",
          responsible="VHS", partners=["KOST"], start="2017-01-01", effective="2016-09-01")  # fmt: skip
    write(cmd.add_indicator, "I-01", goal="HF1-Z1", name="Kursplätze", unit="Plätze",
          direction="up", baseline="2016=100", target="2030=240", effective="2016-09-01")  # fmt: skip
    for year, value in ((2018, 130), (2020, 150), (2022, 170), (2023, 178)):
        write(cmd.record_value, "I-01", year, str(value), effective=f"{year + 1}-02-01",
              actor="bert", reason=f"Statistik {year}")  # fmt: skip
    write(cmd.set_attribute, "I-01", "target", "2030=260", effective="2023-05-01",
          decision="KT-2016-1", reason="Ziel angehoben")  # fmt: skip
    write(cmd.add_agreement, "V-01", title="Kooperation Sprachkurse", parties=["VHS", "KOST"],
          goals=["HF1-Z1"], effective="2018-01-01")  # fmt: skip
    write(cmd.add_obligation, "V-01", party="VHS", what="Kurse anbieten", due="2025-12-31",
          effective="2018-01-01")  # fmt: skip
    write(cmd.add_goal, "HF2-Z1", field="HF2", title="Ausbildung für Geflüchtete",
          effective="2024-02-01", actor="bert")  # fmt: skip
    return write


@pytest.fixture
def concept(tmp_path: Path) -> Iterator[tuple[Path, Writer]]:
    path = tmp_path / "konzept.db"
    write = build_concept(path)
    yield path, write
    write.session.store.close()


@pytest.fixture
def db(concept: tuple[Path, Writer]) -> Path:
    return concept[0]


@pytest.fixture
def other(concept: tuple[Path, Writer]) -> Writer:
    """Another session on the same store (another person at another terminal)."""
    return concept[1]


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return frozen


@pytest.fixture
def app_for(db: Path) -> Callable[..., KonzeptApp]:
    def make(actor: str = "anna", lang: str | None = None) -> KonzeptApp:
        return make_app(str(db), lang=lang, actor=actor, clock=frozen)

    return make


class UI:
    """Helpers for Pilot tests (a fixture, since test modules cannot import conftest)."""

    @staticmethod
    async def settle(pilot: Pilot[Any]) -> None:
        """Let the app finish what it started: messages, workers, repaint (never a sleep)."""
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    async def press(self, pilot: Pilot[Any], *keys: str) -> None:
        for key in keys:
            await pilot.press(key)
            await self.settle(pilot)

    async def type(self, pilot: Pilot[Any], text: str) -> None:
        await pilot.press(*text)
        await self.settle(pilot)

    @staticmethod
    def no_blink(pilot: Pilot[Any]) -> None:
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False


@pytest.fixture
def ui() -> UI:
    return UI()
