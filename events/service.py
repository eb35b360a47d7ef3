"""The write side's front door: one object per session that runs commands on a store.

It keeps the write model (the state folded in log order) in memory and catches it up
from the log before every command, so an edit costs one small read, the checks and
one append, whatever the size of the log.
"""

from __future__ import annotations

import csv
import getpass
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pydantic

from . import commands as cmd
from . import values as v
from .envelope import Envelope
from .errors import PermissionDenied, ValidationError, Word
from .revert import revert_plan
from .state import FOLD_COLUMNS, State, fold_rows
from .store import Checkpoint, Store

WRITE_CHECKPOINT = "write"
#: Persist the write model after folding this many events since the last checkpoint.
CHECKPOINT_EVERY = 20_000


def login_name() -> str:
    """The acting person: the SSH/OS login, never something a user types."""
    return os.environ.get("USER") or os.environ.get("LOGNAME") or getpass.getuser()


@dataclass(frozen=True)
class WriteMeta:
    """Who / why / from when / on which decision — the envelope of every command."""

    actor: str
    reason: str = ""
    effective: str | None = None
    decision: str | None = None
    recorded_at: str | None = None


class Konzept:
    """A session on one store: the write model plus the commands that change it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._state = State()
        self._load_checkpoint()

    # --- state ---------------------------------------------------------------------

    def _load_checkpoint(self) -> None:
        cp = self.store.load_checkpoint(WRITE_CHECKPOINT)
        if cp is not None:
            self._state = State.from_json(cp.state)

    @property
    def state(self) -> State:
        """The write model, caught up with the log."""
        return self.refresh()

    def refresh(self) -> State:
        """Fold whatever other sessions appended since we last looked."""
        before = self._state.position
        rows = self.store.conn.execute(
            f"SELECT {FOLD_COLUMNS} FROM events WHERE position > ? ORDER BY position", (before,)
        )
        fold_rows(self._state, rows, track_versions=True)
        if self._state.position - before >= CHECKPOINT_EVERY and not self.store.readonly:
            self.save_checkpoint()
        return self._state

    def save_checkpoint(self) -> None:
        state = self._state
        self.store.save_checkpoint(
            Checkpoint(WRITE_CHECKPOINT, state.position, "*", state.max_effective, state.to_json())
        )

    # --- running commands ----------------------------------------------------------

    def plan(self, command: Callable[..., cmd.Plan], *args: Any, **kwargs: Any) -> cmd.Plan:
        """Decide a command's events without writing (for previews and confirmations)."""
        return _decided(command, self.refresh(), *args, **kwargs)

    def execute(
        self,
        command: Callable[..., cmd.Plan],
        *args: Any,
        meta: WriteMeta,
        role: str = "editor",
        expect_versions: dict[str, int] | None = None,
        **kwargs: Any,
    ) -> list[Envelope]:
        """Check, decide and append one command atomically; returns the stored envelopes.

        ``expect_versions`` are the stream versions the person saw (a form opened
        earlier); if a stream moved on since, the store refuses with a conflict.
        """
        state = self.refresh()
        self.check_role(meta.actor, role)
        plan = _decided(command, state, *args, **kwargs)
        return self.append(plan, meta, expect_versions)

    def append(
        self, plan: cmd.Plan, meta: WriteMeta, expect_versions: dict[str, int] | None = None
    ) -> list[Envelope]:
        state = self._state
        effective = self._check_meta(state, plan, meta)
        if expect_versions:
            plan.parts = [
                type(p)(p.stream, expect_versions.get(p.stream, p.expected_version), p.events)
                for p in plan.parts
            ]
        envelopes = self.store.append_batch(
            plan.parts,
            actor=meta.actor,
            reason=meta.reason.strip(),
            effective=effective,
            decision=meta.decision,
            recorded_at=meta.recorded_at,
        )
        self.refresh()
        return envelopes

    def check(self, plan: cmd.Plan, meta: WriteMeta) -> str:
        """Check a plan's change record (reason, effective date, decision) without writing.

        The UI calls this as the person types, so its confirmation can never promise a
        write that :meth:`append` would then refuse. Returns the effective date.
        """
        return self._check_meta(self.refresh(), plan, meta)

    def check_role(self, person: str, role: str) -> None:
        """Refuse a write by someone without the role; a store without roles is open."""
        people = self.refresh().people
        if not people:
            return
        roles = people.get(person, [])
        allowed = {
            "viewer": {"viewer", "editor", "admin"},
            "editor": {"editor", "admin"},
            "admin": {"admin"},
        }[role]
        if not allowed.intersection(roles):
            if not roles:
                raise PermissionDenied(
                    "{person} may not do this: it needs the role {role} and you have no role "
                    "here; ask an admin ('konzept grant').",
                    person=person,
                    role=role,
                )
            raise PermissionDenied(
                "{person} may not do this: it needs the role {role} and you are {roles}; "
                "ask an admin ('konzept grant').",
                person=person,
                role=role,
                roles=", ".join(roles),
            )

    def _check_meta(self, state: State, plan: cmd.Plan, meta: WriteMeta) -> str:
        v.text(meta.actor, what="login name")  # printed in every log: plain text only
        effective = v.iso_date(meta.effective) if meta.effective else date.today().isoformat()
        reason = meta.reason.strip()
        if reason:
            v.text(reason, what="reason", multiline=True)
        if not reason and state.settings.get("require_reason"):
            raise ValidationError("This store requires a reason for every change (--reason).")
        if not reason and plan.needs_reason:
            raise ValidationError(
                "A reason is required for {change} (--reason).", change=plan.needs_reason
            )
        if plan.needs_decision and meta.decision is None:
            raise ValidationError(
                "A decision is required for {change} (--decision).", change=plan.needs_decision
            )
        if meta.decision is not None:
            cmd.entity(state, meta.decision, "decision")
        _years_gone_by(plan, meta.recorded_at)
        if plan.closes_year is not None:
            first = self.store.first_effective() or effective
            if plan.closes_year < int(first[:4]):  # its report would hold nothing to review
                raise ValidationError(
                    "The year {year} cannot be closed: the record of this concept begins "
                    "in {first}.",
                    year=plan.closes_year,
                    first=int(first[:4]),
                )
        for key in plan.touches:
            since = state.entities[key]["since"]
            if effective < since:
                raise ValidationError(
                    "{key} exists only from {since}; a change to it cannot take effect "
                    "on {effective}.",
                    key=key,
                    since=since,
                    effective=effective,
                )
        for key, kind in plan.refers:
            since = state.entities[key]["since"]
            if effective < since:
                raise ValidationError(
                    "The {kind} {key} exists only from {since}; "
                    "it cannot be referred to on {effective}.",
                    kind=Word(kind, "kind"),
                    key=key,
                    since=since,
                    effective=effective,
                )
        return effective

    # --- commands that need more than the state ------------------------------------

    def revert(self, position: int, *, meta: WriteMeta, reopen: bool = False) -> list[Envelope]:
        """Undo one event by appending the events that restore what it changed (a
        value of a closed year only with ``reopen``)."""
        state = self.refresh()
        self.check_role(meta.actor, "editor")
        if not meta.reason.strip():
            raise ValidationError("A revert needs its own reason (--reason).")
        plan = revert_plan(self.store, state, position, reopen=reopen)
        return self.append(plan, meta)

    def import_values(self, text: str, *, meta: WriteMeta, reopen: bool = False) -> list[Envelope]:
        """Record many values from CSV in one transaction; any bad row writes nothing."""
        state = self.refresh()
        self.check_role(meta.actor, "editor")
        plan = cmd.Plan()
        seen: dict[tuple[str, int], int] = {}
        values: dict[str, dict[str, Any]] = {}
        for line, row in _csv_rows(text):
            if len(row) < 3 or len(row) > 5:
                raise ValidationError(
                    "Line {line}: expected the columns indicator, year, value[, source, "
                    "note]; this line has {columns}.",
                    line=line,
                    columns=len(row),
                )
            key, year_raw, value_raw, *rest = (c.strip() for c in row)
            try:
                year = v.year(year_raw)
                if (key, year) in seen:
                    raise ValidationError(
                        "{key} {year} appears a second time (first on line {first}).",
                        key=key,
                        year=year,
                        first=seen[key, year],
                    )
                seen[key, year] = line
                if key in state.entities and key not in values:
                    values[key] = dict(state.entities[key]["values"])
                part = cmd.record_value(
                    state,
                    key,
                    year,
                    value_raw,
                    source=rest[0] if rest else "",
                    note=rest[1] if len(rest) > 1 else "",
                    reopen=reopen,
                )
            except ValidationError as exc:
                raise ValidationError("Line {line}: {error}", line=line, error=exc) from None
            for p in part.parts:
                plan.add(state, p.stream, *p.events)
            plan.touches.extend(part.touches)
            plan.needs_reason = plan.needs_reason or part.needs_reason
            plan.value_years.extend(part.value_years)
        if not plan.parts:
            end = text.count("\n") + (1 if text and not text.endswith("\n") else 0) + 1
            raise ValidationError(
                "Line {line}: the file ends without any values; "
                "expected rows of indicator,year,value[,source,note].",
                line=end,
            )
        return self.append(plan, meta)


def _years_gone_by(plan: cmd.Plan, recorded_at: str | None) -> None:
    """Refuse what only a year gone by allows: a measured value for a year that has not
    come yet, and closing a year that has not ended.

    A value is a figure of a year gone by; the year after the recording is allowed
    (a school year, a first estimate). Targets and target years may lie further ahead:
    they are planned, not measured. Counted from the recording date, so a history
    written with its own clock (the demo, imports of old years) is judged by its time.
    """
    now = int(recorded_at[:4]) if recorded_at else date.today().year
    if plan.closes_year is not None and plan.closes_year >= now:
        raise ValidationError(
            "The year {year} cannot be closed yet: a year is closed once it has ended "
            "and its report was reviewed (at most {latest} now).",
            year=plan.closes_year,
            latest=now - 1,
        )
    for year in plan.value_years:
        if year > now + 1:
            raise ValidationError(
                "A value for {year} cannot be recorded yet: measured values go up to "
                "{latest}; targets may lie further ahead.",
                year=year,
                latest=now + 1,
            )


def _delimiter(text: str) -> str:
    """``;`` for a CSV saved by a German spreadsheet (its values use the decimal comma,
    so its columns are separated by semicolons), else ``,``: judged by the first line
    that holds anything, read both ways; a comma wins when both give 3–5 columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    columns = {sep: len(next(csv.reader([first], delimiter=sep), [])) for sep in (",", ";")}
    fits = {sep: 3 <= n <= 5 for sep, n in columns.items()}
    return ";" if fits[";"] and not fits[","] else ","


def _decided(command: Callable[..., cmd.Plan], state: State, *args: Any, **kwargs: Any) -> cmd.Plan:
    """Run a command; should a value slip past its checks, the event model's own
    validation still refuses it in one sentence rather than a traceback."""
    try:
        return command(state, *args, **kwargs)
    except pydantic.ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "value"
        raise ValidationError(
            "The {attr} cannot be stored: {detail}.", attr=Word(where), detail=error["msg"]
        ) from None


def _csv_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), strict=True)
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            if reader.line_num == 1 and row[0].strip().lower() in {"indicator", "indikator"}:
                continue
            yield reader.line_num, row
    except csv.Error as exc:
        raise ValidationError(
            "Line {line}: the CSV is malformed ({detail}).", line=reader.line_num, detail=str(exc)
        ) from None
