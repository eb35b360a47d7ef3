"""Schema of a konzept store as append-only sqlite-utils migrations.

Never edit an applied migration; add ``m00N_…``. ``FORMAT_VERSION`` is the number of
migrations this release knows; a store whose ``meta.format_version`` is higher was
written by a newer release and is refused, never "upgraded" backwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("konzept")


@migrations()
def m001_create_events(db: Database) -> None:
    """The log. The integer primary key is the global position; (stream, version) is unique."""
    db.execute(
        """
        CREATE TABLE events (
            position INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            stream TEXT NOT NULL,
            version INTEGER NOT NULL,
            type TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            data TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            effective TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            decision TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX events_stream_version ON events (stream, version)")
    db.execute("CREATE INDEX events_effective ON events (effective, position)")
    db.execute("CREATE INDEX events_recorded_at ON events (recorded_at)")


@migrations()
def m002_append_only_triggers(db: Database) -> None:
    """The database itself refuses UPDATE, DELETE and REPLACE, and any out-of-order insert.

    REPLACE deletes without firing delete triggers (unless recursive_triggers is on),
    so the insert trigger refuses any row that would collide or leave a gap.
    """
    db.execute(
        """
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'konzept events are append-only: UPDATE refused'); END
        """
    )
    db.execute(
        """
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'konzept events are append-only: DELETE refused'); END
        """
    )
    db.execute(
        """
        CREATE TRIGGER events_append_only BEFORE INSERT ON events
        WHEN NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM events)
          OR EXISTS (SELECT 1 FROM events WHERE stream = NEW.stream AND version = NEW.version)
        BEGIN SELECT RAISE(ABORT, 'konzept events are append-only: out-of-order insert refused');
        END
        """
    )


@migrations()
def m003_meta(db: Database) -> None:
    """Store identity: application name, format version, concept id."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m004_checkpoints(db: Database) -> None:
    """Persisted projections: a state folded up to ``position``, written in one transaction.

    ``cutoff`` is the effective date the state was folded to (``*`` for the write
    model, which folds every event in log order). Checkpoints can always be dropped.
    """
    db.execute(
        """
        CREATE TABLE checkpoints (
            name TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            cutoff TEXT NOT NULL,
            max_effective TEXT NOT NULL,
            head_hash TEXT NOT NULL,
            state TEXT NOT NULL,
            state_hash TEXT NOT NULL
        )
        """
    )


#: Bump together with a new migration; a test checks the two agree.
FORMAT_VERSION = 4
