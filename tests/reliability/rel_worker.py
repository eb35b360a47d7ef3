"""A library writer for the reliability suite, run as its own OS process.

Modes (``python rel_worker.py MODE DB NAME [SECONDS]``):

``append``   Store-level appends for SECONDS: read a stream's version, decide an event
             on it (its title names the version it was based on), append with that
             expected version. Half to ``field:SHARED``, half to ``field:NAME``.
``session``  The same through :class:`Konzept` like a form in the UI: read the title
             and version, then ``execute(set_attribute, expect_versions=…)``.
``values``   Forever: ``Konzept.import_values`` of 5 values per command (one
             transaction), reason ``NAME-batch-N``; for kill -9 tests.
``checkpoint`` Forever: one change, then ``Konzept.save_checkpoint`` and the as-of
             checkpoints; for kill -9 tests.

Every acknowledged write is printed as one JSON line, flushed, *after* the commit
returned, so a test that kills the process knows what the store must hold.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from konzept.events import ConflictError, Konzept, Store, WriteMeta
from konzept.events import catalog as ev
from konzept.events import commands as cmd
from konzept.projections.asof import build_checkpoints


def say(**fields: Any) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def append_loop(store: Store, name: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    conflicts = forced = 0
    # One deliberately stale append first: the store must refuse it under load too.
    version = store.stream_version("field:SHARED")
    try:
        store.append(
            "field:SHARED",
            version - 1,
            [ev.FieldRetitled(title=f"{name}:stale")],
            actor=name,
            effective="2024-01-01",
        )
        say(error="a stale append was accepted")
    except ConflictError:
        forced += 1
    i = 0
    while time.monotonic() < deadline:
        stream = "field:SHARED" if i % 2 else f"field:{name}"
        base = store.stream_version(stream)
        title = f"{name}:{i}:{base}"
        try:
            envs = store.append(
                stream,
                base,
                [ev.FieldRetitled(title=title)],
                actor=name,
                effective="2024-01-01",
            )
        except ConflictError:
            conflicts += 1
            continue
        e = envs[0]
        say(ack=e.id, pos=e.position, stream=e.stream, version=e.version, title=title, base=base)
        i += 1
    say(done=name, conflicts=conflicts, forced=forced)


def session_loop(store: Store, name: str, seconds: float) -> None:
    session = Konzept(store)
    meta = WriteMeta(actor="anna", reason=f"{name} edits")
    deadline = time.monotonic() + seconds
    conflicts = forced = 0
    # A form opened on an outdated version: the conflict must be reported.
    seen = session.state.versions["field:SHARED"]
    try:
        session.execute(
            cmd.set_attribute,
            "SHARED",
            "title",
            f"{name}:stale",
            meta=meta,
            expect_versions={"field:SHARED": seen - 1},
        )
        say(error="a stale form was accepted")
    except ConflictError:
        forced += 1
    i = 0
    while time.monotonic() < deadline:
        key = "SHARED" if i % 2 else name
        stream = f"field:{key}"
        seen = session.state.versions[stream]  # the form opens
        title = f"{name}:{i}:{seen}"
        try:
            envs = session.execute(
                cmd.set_attribute,
                key,
                "title",
                title,
                meta=meta,
                expect_versions={stream: seen},
            )
        except ConflictError:
            conflicts += 1
            continue
        e = envs[0]
        say(ack=e.id, pos=e.position, stream=e.stream, version=e.version, title=title, base=seen)
        i += 1
    say(done=name, conflicts=conflicts, forced=forced)


def values_loop(store: Store, name: str) -> None:
    session = Konzept(store)
    n = 0
    while True:
        rows = [f"I-{name},{2000 + (n * 5 + j) % 200},{n}.{j}" for j in range(5)]
        envs = session.import_values(
            "\n".join(rows), meta=WriteMeta(actor="anna", reason=f"{name}-batch-{n}")
        )
        say(batch=n, acks=[[e.id, e.position] for e in envs])
        n += 1


def checkpoint_loop(store: Store, name: str) -> None:
    session = Konzept(store)
    n = 0
    while True:
        session.execute(
            cmd.set_attribute, name, "title", f"{name} {n}", meta=WriteMeta(actor="anna")
        )
        session.save_checkpoint()
        build_checkpoints(store)
        say(round=n, head=store.head()[0])
        n += 1


def main() -> None:
    mode, db, name = sys.argv[1:4]
    store = Store.open(db)
    if mode == "append":
        append_loop(store, name, float(sys.argv[4]))
    elif mode == "session":
        session_loop(store, name, float(sys.argv[4]))
    elif mode == "values":
        values_loop(store, name)
    elif mode == "checkpoint":
        checkpoint_loop(store, name)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
