"""The two small read/write helpers the UI added to shared modules."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from konzept.events import Konzept, WriteMeta
from konzept.events import commands as cmd
from konzept.events.errors import ValidationError
from konzept.projections.history import LogFilter, log


def test_check_refuses_what_append_would_refuse_and_writes_nothing(
    session: Konzept, mk: Callable[..., WriteMeta]
) -> None:
    session.execute(cmd.add_field, "HF1", title="Sprache", meta=mk(effective="2020-01-01"))
    plan = session.plan(cmd.set_attribute, "HF1", "title", "Sprache und Bildung")
    head = session.store.head()
    with pytest.raises(ValidationError, match="exists only from 2020-01-01"):
        session.check(plan, mk(effective="2019-06-30"))
    with pytest.raises(ValidationError, match="no decision"):
        session.check(plan, mk(decision="B-404"))
    assert session.check(plan, mk(effective="2021-02-03")) == "2021-02-03"
    assert session.store.head() == head


def test_log_filter_by_streams_keeps_only_those_streams(
    session: Konzept, mk: Callable[..., WriteMeta]
) -> None:
    session.execute(cmd.add_field, "HF1", title="Sprache", meta=mk())
    session.execute(cmd.add_field, "HF2", title="Arbeit", meta=mk())
    session.execute(cmd.add_goal, "HF1-Z1", field="HF1", title="Kurse", meta=mk())
    keys = [e.key for e in log(session.store, LogFilter(streams=("field:HF1", "goal:HF1-Z1")))]
    assert keys == ["HF1", "HF1-Z1"]
