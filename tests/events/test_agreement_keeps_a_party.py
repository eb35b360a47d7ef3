"""An agreement cannot lose its last party by ``set … parties``: adding one already
requires a party (found by the benchmark's history generator)."""

from __future__ import annotations

from pathlib import Path

import pytest

from konzept.events import commands as cmd
from konzept.events.errors import ValidationError
from konzept.events.service import Konzept, WriteMeta
from konzept.events.store import Store

META = WriteMeta(actor="amueller", effective="2024-01-01")


@pytest.fixture
def session(tmp_path: Path) -> Konzept:
    session = Konzept(Store.create(tmp_path / "k.db"))
    session.execute(cmd.init_concept, title="K", founder="amueller", meta=META)
    for key in ("A1", "A2"):
        session.execute(cmd.add_actor, key, name=f"Verein {key}", kind="association", meta=META)
    session.execute(cmd.add_agreement, "V1", title="Vereinbarung", parties=["A1"], meta=META)
    return session


@pytest.mark.parametrize("raw", ["", " , "])
def test_setting_no_parties_is_refused(session: Konzept, raw: str) -> None:
    head = session.store.head()
    with pytest.raises(ValidationError, match="at least one party"):
        session.execute(cmd.set_attribute, "V1", "parties", raw, meta=META)
    assert session.store.head() == head


def test_another_party_is_still_fine(session: Konzept) -> None:
    session.execute(cmd.set_attribute, "V1", "parties", "A2", meta=META)
    assert session.state.entities["V1"]["parties"] == ["A2"]
