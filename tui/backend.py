"""The UI's one door to the store: reads for worker threads, the session for writes.

Two SQLite connections to the same file: the *reader* serves the worker threads
(folds, history, log, diff, report) and the *session* serves validation as you type
and the writes. WAL lets them work side by side; each has its own lock because a
connection must not run two statements from two threads at once. Nothing here
imports Textual, so it is tested like any other module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from konzept.events import commands as cmd
from konzept.events.envelope import Envelope
from konzept.events.errors import PermissionDenied
from konzept.events.revert import revert_plan
from konzept.events.service import Konzept, WriteMeta
from konzept.events.state import Entity, State
from konzept.events.store import Store, to_envelope
from konzept.projections import history as hist
from konzept.projections.asof import fold_as_of
from konzept.projections.diff import Diff, diff

from .model import ConceptView, build_view

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Local time: "today" is the office's day, as on the command line."""
    return datetime.now().astimezone()


class Backend:
    """Everything the screens ask of the store, safe to call from worker threads."""

    def __init__(self, path: str, actor: str, clock: Clock | None = None) -> None:
        self.path = path
        self.actor = actor
        self.frozen = clock is not None
        self.clock: Clock = clock or system_clock
        self._reader = Store.open(path)
        self._read_lock = threading.Lock()
        self._session = Konzept(Store.open(path))
        self._write_lock = threading.Lock()

    def close(self) -> None:
        with self._read_lock:
            self._reader.close()
        with self._write_lock:
            self._session.store.close()

    def today(self) -> str:
        return self.clock().date().isoformat()

    # --- reading (worker threads) -----------------------------------------------------

    def head(self) -> tuple[int, str]:
        with self._read_lock:
            return self._reader.head()

    def first_effective(self) -> str:
        """The earliest date any event holds from (today for an empty log)."""
        with self._read_lock:
            return self._reader.first_effective() or self.today()

    def load(self, as_of: str | None = None) -> ConceptView:
        """The concept as of a date (None: today), indexed for the tree."""
        date = as_of or self.today()
        with self._read_lock:
            head = self._reader.head()[0]
            state = fold_as_of(self._reader, date, head)
        return build_view(state, date, head, time_travel=as_of is not None)

    def history(self, key: str) -> list[Envelope]:
        with self._read_lock:
            return hist.history(self._reader, key)

    def blame(self, key: str, entity: Entity, as_of: str) -> dict[str, hist.Blame]:
        with self._read_lock:
            return hist.blame(self._reader, key, entity, as_of)

    def log(self, flt: hist.LogFilter, limit: int | None = None) -> list[Envelope]:
        with self._read_lock:
            return hist.log(self._reader, flt, limit)

    def diff(self, start: str, end: str) -> Diff:
        with self._read_lock:
            return diff(self._reader, start, end)

    def since(self, stream: str, version: int) -> list[Envelope]:
        """The events of a stream after the version a form saw: the other person's change."""
        with self._read_lock:
            rows = self._reader.rows("stream = ? AND version > ?", [stream, version])
            return [to_envelope(r) for r in rows]

    def run_read(self, fn: Callable[[Store], Any]) -> Any:
        """Run a read-side function (a report, say) on the reader connection."""
        with self._read_lock:
            return fn(self._reader)

    # --- the write side ---------------------------------------------------------------

    @property
    def readonly(self) -> bool:
        return self._session.store.readonly

    def state(self) -> State:
        """The write model (log order), caught up: what commands validate against."""
        with self._write_lock:
            return self._session.state

    def can_edit(self) -> bool:
        """Whether this person may change the concept (role editor or admin, writable store)."""
        if self.readonly:
            return False
        with self._write_lock:
            self._session.refresh()
            try:
                self._session.check_role(self.actor, "editor")
            except PermissionDenied:
                return False
        return True

    def meta(self, reason: str = "", effective: str = "", decision: str = "") -> WriteMeta:
        recorded, today = None, None
        if self.frozen:  # tests and demos: a frozen clock also dates the record
            recorded = self.clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            today = self.today()
        return WriteMeta(
            actor=self.actor,
            reason=reason,
            effective=effective.strip() or today,
            decision=decision.strip() or None,
            recorded_at=recorded,
        )

    def plan(self, command: Callable[..., cmd.Plan], *args: Any, **kwargs: Any) -> cmd.Plan:
        """A dry run of a command against the current write model."""
        with self._write_lock:
            return self._session.plan(command, *args, **kwargs)

    def check(self, plan: cmd.Plan, meta: WriteMeta) -> str:
        """The change record's checks (reason, effective, decision); returns the date."""
        with self._write_lock:
            return self._session.check(plan, meta)

    def execute(
        self,
        command: Callable[..., cmd.Plan],
        *args: Any,
        meta: WriteMeta,
        expect_versions: dict[str, int] | None = None,
        **kwargs: Any,
    ) -> list[Envelope]:
        with self._write_lock:
            return self._session.execute(
                command, *args, meta=meta, expect_versions=expect_versions, **kwargs
            )

    def revert_plan(self, position: int, reopen: bool = False) -> cmd.Plan:
        """A dry run of ``konzept revert POSITION``: the events that would restore it."""
        with self._write_lock:
            return revert_plan(self._session.store, self._session.state, position, reopen=reopen)

    def revert(self, position: int, meta: WriteMeta, reopen: bool = False) -> list[Envelope]:
        with self._write_lock:
            return self._session.revert(position, meta=meta, reopen=reopen)
