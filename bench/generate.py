"""A deterministic synthetic history, written through the real append path.

Ten years of a district office at work (January 2016 to October 2026): the concept is
set up, fields, goals, measures, indicators, actors, agreements and decisions are added
as the years go on, staff reword, reschedule and reassign, lifecycles move, every
March the statistics office imports last year's indicator values, the committee takes
note of the report and the year is closed, and values are corrected (closed years
only with a reason). Most changes take effect the day they are made; about one in
five is backdated (to a decision, a late report) and a few are scheduled ahead.

Commands are the real pure commands of :mod:`konzept.events.commands`, decided on the
write model and appended with :meth:`Store.append_batch`: one transaction per work
session (one person, one reason, one effective date, a few commands). The same seed
gives the same file, hashes included, because event ids come from the seeded
generator too.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from konzept.events import commands as cmd
from konzept.events.errors import ValidationError
from konzept.events.kinds import CLOSED, DECISION_BODIES, DIRECTIONS
from konzept.events.state import State, apply
from konzept.events.store import FORMAT_VERSION, Store, StreamAppend
from konzept.events.types import TYPES

from . import edits
from . import words as w

#: Part of the cached histories' names: bump it whenever the same seed writes other events.
#: 2: ``pick`` no longer sends a third of its picks to the oldest key (see there).
#: 3: ``set`` refuses a measure's or agreement's span that ends before it starts, so
#:    the same seed now writes other reschedulings.
#: 4: a field is retired, a goal dropped, only once nothing below it is open.
GENERATOR_VERSION = 4
SEED = 20_16
START = datetime(2016, 1, 4, 8, 0, tzinfo=UTC)
END = datetime(2026, 10, 30, 17, 0, tzinfo=UTC)
CACHE = Path(os.environ.get("KONZEPT_BENCH_CACHE", "/tmp/konzept-bench"))

#: Share of the entity budget per kind (the order is the order of first creation).
KIND_SHARES = {
    "field": 0.01,
    "goal": 0.16,
    "measure": 0.30,
    "indicator": 0.25,
    "actor": 0.15,
    "agreement": 0.08,
    "decision": 0.05,
}
_NEEDS = {"goal": "field", "measure": "goal", "indicator": "goal", "agreement": "actor"}

Command = Callable[[], cmd.Plan | None]


def entity_budget(events: int) -> int:
    """Entities grow with the square root of the log: a 1M log holds ~6,000 of them,
    each changed ~170 times over the ten years."""
    return max(60, int(6 * events**0.5))


class History:
    """Writes ``events`` events of synthetic history into an open store."""

    def __init__(
        self, store: Store, events: int, *, entities: int | None = None, seed: int = SEED
    ) -> None:
        self.store = store
        self.target = events
        self.budget = entities or entity_budget(events)
        self.rng = random.Random(seed)
        ids = random.Random(seed + 1)
        store.new_id = lambda: f"{ids.getrandbits(128):032x}"
        self.state = State()
        self.keys: dict[str, list[str]] = {kind: [] for kind in KIND_SHARES}
        self.goals_of: dict[str, list[str]] = {}
        self.position = store.head()[0]
        self.now = START
        self.next_report = START.year

    # --- the clock -------------------------------------------------------------------

    def tick(self) -> datetime:
        """Time advances with the log, never backwards, so recorded_at sorts like position."""
        planned = START + (END - START) * (self.position / self.target)
        self.now = max(planned, self.now + timedelta(seconds=self.rng.randint(1, 600)))
        return self.now

    def today(self) -> date:
        return self.now.date()

    def effective(self) -> str:
        roll, day = self.rng.random(), self.today()
        if roll < 0.74:
            return day.isoformat()
        if roll < 0.94:
            back = day - timedelta(days=self.rng.randint(1, 120))
            return max(back, START.date()).isoformat()
        return (day + timedelta(days=self.rng.randint(1, 180))).isoformat()

    # --- writing ---------------------------------------------------------------------

    def run(self) -> None:
        if self.position == 0:
            self.founding()
        while self.position < self.target:
            self.tick()
            if self.now >= datetime(self.next_report + 1, 3, 1, tzinfo=UTC):
                self.annual(self.next_report)
                self.next_report += 1
                continue
            actor = self.rng.choices(w.STAFF, w.STAFF_WEIGHTS)[0]
            decision = self.recent_decision() if self.rng.random() < 0.15 else None
            count = min(12, 1 + int(self.rng.expovariate(0.45)))
            commands = [self.command] * count
            self.session(actor, self.effective(), self.rng.choice(w.REASONS), decision, commands)

    def session(
        self,
        actor: str,
        effective: str,
        reason: str,
        decision: str | None,
        commands: list[Command],
    ) -> None:
        """One transaction: each command decided on the state its predecessors left."""
        parts: list[StreamAppend] = []
        position = self.position
        for make in commands:
            try:
                plan = make()
            except ValidationError:
                continue
            if plan is None or not self.fits(plan, effective, reason):
                continue
            if position + len(plan.events) > self.target and position > 0:
                continue
            position = self.fold(plan, effective, position)
            parts.extend(plan.parts)
        if not parts:
            return
        stored = self.store.append_batch(
            parts,
            actor=actor,
            reason=reason,
            effective=effective,
            decision=decision,
            recorded_at=self.now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        )
        assert stored[-1].position == position, "the generator's model drifted from the log"
        self.position = position

    def fits(self, plan: cmd.Plan, effective: str, reason: str) -> bool:
        """What :meth:`Konzept._check_meta` would refuse is never written."""
        if plan.needs_reason and not reason:
            return False
        keys = [*plan.touches, *(key for key, _ in plan.refers)]
        return all(self.state.entities[key]["since"] <= effective for key in keys)

    def fold(self, plan: cmd.Plan, effective: str, position: int) -> int:
        for part in plan.parts:
            for event in part.events:
                position += 1
                apply(
                    self.state,
                    position,
                    part.stream,
                    event.type_name(),
                    event.schema_version,
                    event.payload(),
                    effective,
                )
                self.state.versions[part.stream] = self.state.versions.get(part.stream, 0) + 1
                if TYPES[event.type_name()].effect == "create":
                    kind, key = part.stream.split(":", 1)
                    self.keys.setdefault(kind, []).append(key)
                    if kind == "goal":
                        field = self.state.entities[key]["field"]
                        self.goals_of.setdefault(field, []).append(key)
        return position

    # --- the year's rhythm -----------------------------------------------------------

    def founding(self) -> None:
        founder = w.STAFF[0]

        def concept() -> cmd.Plan:
            return cmd.init_concept(
                self.state,
                title="Integrationskonzept Landkreis Nienburg/Weser (synthetisch)",
                territory="Landkreis Nienburg/Weser",
                population=121_386,
                area_km2=1_399,
                founder=founder,
            )

        roles: list[Command] = [
            partial(cmd.grant, self.state, person, "editor")
            for person in (*w.STAFF[1:], w.STATISTICS)
        ]
        steps: list[Command] = [
            partial(cmd.set_status, self.state, f"P{n}", status)
            for n in range(1, 6)
            for status in (("in_progress", "done") if n < 5 else ("in_progress",))
        ]
        self.session(founder, self.today().isoformat(), "Aufbau", None, [concept, *roles, *steps])

    def annual(self, year: int) -> None:
        """March: last year's values arrive, the committee takes note, the year closes."""
        day = self.today().isoformat()
        values: list[Command] = [
            partial(edits.value, self, key, year, correct=False) for key in self.keys["indicator"]
        ]
        self.session(w.STATISTICS, day, f"Datenlieferung {year}", None, values)
        key = f"B-{year + 1}-JB"

        def report() -> cmd.Plan:
            return cmd.add_decision(
                self.state,
                key,
                body="Kreisausschuss",
                date=day,
                title=f"Kenntnisnahme Jahresbericht Integration {year}",
                reference=f"DS {year + 1}/0001",
            )

        self.session(w.STAFF[0], day, "Sitzung des Kreisausschusses", None, [report])
        if key in self.state.entities:
            steps: list[Command] = [
                lambda: cmd.close_year(self.state, year),
                lambda: cmd.set_status(self.state, "P5", "done"),
                lambda: cmd.set_status(self.state, "P5", "in_progress"),
            ]
            self.session(w.STAFF[0], day, "Jahresabschluss", key, steps)

    # --- choosing what happens -------------------------------------------------------

    def command(self) -> cmd.Plan | None:
        created = sum(len(self.keys[kind]) for kind in KIND_SHARES)
        if created < self.budget * (0.3 + 0.7 * self.position / self.target):
            return self.create()
        return edits.edit(self)

    def create(self) -> cmd.Plan | None:
        eligible = [k for k in KIND_SHARES if k not in _NEEDS or self.keys[_NEEDS[k]]]
        kind = max(eligible, key=lambda k: 1 - len(self.keys[k]) / (KIND_SHARES[k] * self.budget))
        n = len(self.keys[kind]) + 1
        rng, state, year = self.rng, self.state, self.today().year
        if kind == "field":
            return cmd.add_field(state, f"HF{n}", title=w.title(rng), description=w.sentence(rng))
        if kind == "goal":
            field = self.pick("field")
            if field is None:
                return None
            siblings = [g for g in self.goals_of.get(field, []) if self.is_open(g)]
            parents = [g for g in siblings if state.entities[g].get("parent") is None]
            parent = rng.choice(parents) if parents and rng.random() < 0.3 else None
            return cmd.add_goal(
                state,
                f"{field}-Z{len(self.goals_of.get(field, [])) + 1}",
                field=field,
                title=w.title(rng),
                parent=parent,
                target_year=rng.randint(year + 1, year + 10),
                description=w.sentence(rng),
            )
        if kind == "measure":
            goal = self.pick("goal")
            if goal is None:
                return None
            start = self.today() + timedelta(days=rng.randint(0, 90))
            return cmd.add_measure(
                state,
                f"M-{n:05d}",
                goal=goal,
                title=w.title(rng),
                description=w.sentence(rng),
                responsible=self.pick("actor"),
                partners=self.some("actor", rng.randint(0, 3)),
                start=start.isoformat(),
                end=(start + timedelta(days=rng.randint(180, 1500))).isoformat(),
            )
        if kind == "indicator":
            goal = self.pick("goal")
            if goal is None:
                return None
            base = round(rng.uniform(5, 500), 1)
            return cmd.add_indicator(
                state,
                f"I-{n:05d}",
                goal=goal,
                name=w.title(rng),
                unit=rng.choice(w.UNITS),
                direction=rng.choice(DIRECTIONS),
                baseline=f"{year - 1}={base}",
                target=f"{year + rng.randint(3, 10)}={round(base * rng.uniform(0.7, 1.6), 1)}",
                source=rng.choice(w.SOURCES),
                definition=w.sentence(rng),
            )
        if kind == "actor":
            return cmd.add_actor(
                state,
                f"A-{n:04d}",
                name=w.organisation(rng, n),
                kind=rng.choice(w.ACTOR_KINDS),
                contact=f"kontakt{n}@example.org",
            )
        if kind == "agreement":
            parties = self.some("actor", rng.randint(1, 4))
            if not parties:
                return None
            valid_from = self.today()
            return cmd.add_agreement(
                state,
                f"V-{year}-{n:04d}",
                title=w.title(rng),
                parties=parties,
                goals=self.some("goal", rng.randint(0, 2)),
                measures=self.some("measure", rng.randint(0, 2)),
                valid_from=valid_from.isoformat(),
                valid_until=(valid_from + timedelta(days=rng.randint(365, 1800))).isoformat(),
                review=(valid_from + timedelta(days=rng.randint(180, 700))).isoformat(),
            )
        return cmd.add_decision(
            state,
            f"B-{year}-{n:04d}",
            body=rng.choice(DECISION_BODIES),
            date=(self.today() - timedelta(days=rng.randint(0, 30))).isoformat(),
            title=w.title(rng),
            reference=f"DS {year}/{n:04d}",
            outcome=rng.choice(("beschlossen", "zur Kenntnis genommen", "vertagt")),
        )

    def is_open(self, key: str) -> bool:
        return self.state.entities[key]["status"] not in CLOSED

    def pick(self, kind: str, *, open_only: bool = True) -> str | None:
        """A random key of this kind (preferring recent ones a little), or None.

        How far back to reach is drawn from an exponential with a mean of all the keys;
        a draw beyond the oldest key (about a third of them) picks one uniformly. It
        once took the oldest key instead, which gave the first field of action 398
        goals beside some 25 for every other.
        """
        keys = self.keys[kind]
        for _ in range(8):
            if not keys:
                return None
            back = int(self.rng.expovariate(1 / len(keys)))
            if back >= len(keys):
                back = self.rng.randrange(len(keys))
            key = keys[-1 - back]
            if not open_only or self.is_open(key):
                return key
        return None

    def some(self, kind: str, count: int) -> list[str]:
        found = {self.pick(kind) for _ in range(count)}
        return sorted(k for k in found if k is not None)

    def recent_decision(self) -> str | None:
        decisions = self.keys["decision"][-20:]
        return self.rng.choice(decisions) if decisions else None


# --- building and caching ------------------------------------------------------------


def build(path: Path, events: int, *, entities: int | None = None, seed: int = SEED) -> None:
    """Write a fresh store at ``path`` holding exactly ``events`` events."""
    store = Store.create(path)
    # A fixture, not a record: if the machine dies mid-build we build again, so the
    # build skips the per-commit fsync. Stores people use keep synchronous=FULL.
    store.conn.execute("PRAGMA synchronous = OFF")
    try:
        History(store, events, entities=entities, seed=seed).run()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()


def cached(events: int, *, entities: int | None = None, seed: int = SEED) -> Path:
    """The built store for these parameters, built once into ``CACHE``."""
    CACHE.mkdir(parents=True, exist_ok=True)
    tag = f"{events}-e{entities or 'auto'}-s{seed}-g{GENERATOR_VERSION}-f{FORMAT_VERSION}"
    path = CACHE / f"history-{tag}.db"
    if not path.exists():
        building = path.with_name(f"{path.name}.{os.getpid()}.building")
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        build(building, events, entities=entities, seed=seed)
        os.replace(building, path)
    return path
