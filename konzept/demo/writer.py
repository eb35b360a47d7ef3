"""The demo's pen: every change goes through the real command layer, on a simulated clock.

The storyline says *who* works on *which day*; the writer turns that into the
``recorded_at`` of each change (a plausible office time that never runs backwards),
so the demo's log reads like ten years of real work and is the same on every run.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from konzept.events import commands as cmd
from konzept.events.envelope import Envelope
from konzept.events.service import Konzept, WriteMeta
from konzept.events.store import Store

#: Fixed namespace of the demo's event ids: same counter, same id, same hash.
ID_NAMESPACE = uuid.UUID("6f1c2a8e-3b7d-4e0a-9c55-2d1e8b4f7a10")
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def deterministic_ids(store: Store) -> None:
    """Replace the store's random event ids by a counter, so two builds hash alike."""
    counter = iter(range(1, 10**9))
    store.new_id = lambda: uuid.uuid5(ID_NAMESPACE, f"konzept-demo-{next(counter)}").hex


class Writer:
    """Runs commands as a named person on a given day; the clock only moves forward."""

    def __init__(self, session: Konzept) -> None:
        self.session = session
        self.actor = ""
        self.day = ""
        self._clock = datetime(2000, 1, 1)
        self._ticks = 0

    # --- the clock -----------------------------------------------------------------

    def on(self, day: str, actor: str, start: str = "08:40") -> Writer:
        """Work as ``actor`` on ``day`` (ISO date), starting at ``start`` (UTC, HH:MM)."""
        if day < self.day:
            raise ValueError(f"The demo storyline goes back in time: {day} after {self.day}.")
        begin = datetime.fromisoformat(f"{day}T{start}:00")
        self._clock = max(self._clock, begin)
        self.day, self.actor = day, actor
        return self

    def _tick(self) -> str:
        """The next recording time: a few minutes later, with varying seconds."""
        self._ticks += 1
        step = timedelta(minutes=2 + self._ticks * 7 % 5, seconds=self._ticks * 13 % 60)
        self._clock += step
        stamp = self._clock.replace(microsecond=self._ticks * 7919 % 1_000_000)
        return stamp.strftime(_TIME_FORMAT)

    def meta(self, reason: str, effective: str | None, decision: str | None) -> WriteMeta:
        return WriteMeta(
            actor=self.actor,
            reason=reason,
            effective=effective or self.day,
            decision=decision,
            recorded_at=self._tick(),
        )

    # --- writing -------------------------------------------------------------------

    def do(
        self,
        command: Callable[..., cmd.Plan],
        *args: Any,
        reason: str,
        effective: str | None = None,
        decision: str | None = None,
        **kwargs: Any,
    ) -> list[Envelope]:
        """One command as the current person; ``effective`` defaults to the working day."""
        meta = self.meta(reason, effective, decision)
        return self.session.execute(command, *args, meta=meta, **kwargs)

    def set(
        self,
        key: str,
        attribute: str,
        value: str,
        *,
        reason: str,
        effective: str | None = None,
        decision: str | None = None,
    ) -> int:
        """``konzept set``; returns the position written (for a later revert)."""
        envelopes = self.do(
            cmd.set_attribute,
            key,
            attribute,
            value,
            reason=reason,
            effective=effective,
            decision=decision,
        )
        return envelopes[-1].position

    def status(
        self,
        keys: str | Sequence[str],
        status: str,
        *,
        reason: str,
        effective: str | None = None,
        decision: str | None = None,
    ) -> None:
        """``konzept status`` for one key or several with the same reason."""
        for key in [keys] if isinstance(keys, str) else keys:
            self.do(
                cmd.set_status, key, status, reason=reason, effective=effective, decision=decision
            )

    def record(
        self,
        key: str,
        year: int,
        value: float,
        *,
        reason: str,
        note: str = "",
        source: str = "",
        reopen: bool = False,
        decision: str | None = None,
    ) -> int:
        """``konzept record``; returns the position written."""
        envelopes = self.do(
            cmd.record_value,
            key,
            year,
            value,
            source=source,
            note=note,
            reopen=reopen,
            reason=reason,
            decision=decision,
        )
        return envelopes[-1].position

    def import_values(
        self, csv_text: str, *, reason: str, reopen: bool = False, decision: str | None = None
    ) -> list[Envelope]:
        """``konzept import-values``: a whole statistics delivery in one transaction."""
        meta = self.meta(reason, None, decision)
        return self.session.import_values(csv_text, meta=meta, reopen=reopen)

    def revert(self, position: int, *, reason: str) -> list[Envelope]:
        """``konzept revert``: undo one event by appending its inverse."""
        return self.session.revert(position, meta=self.meta(reason, None, None))
