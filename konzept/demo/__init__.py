"""``konzept demo``: a district's integration concept with ten years of history.

The demo is written through the same command layer a person uses (``Konzept.execute``,
``revert``, ``import_values``), with a simulated clock and counter-based event ids, so
every build gives the same events and hashes; only the store id in the meta table
differs. The data tables live in ``data_*``, the year-by-year storyline in ``story_*``.
"""

from __future__ import annotations

import os
import sqlite3
import uuid

from konzept.events import commands as cmd
from konzept.events.errors import ValidationError
from konzept.events.newstore import new_store
from konzept.events.service import Konzept, login_name
from konzept.events.store import connect_readonly
from konzept.projections.asof import build_checkpoints

from . import story_arrivals, story_founding, story_growth, story_horizon
from .writer import ID_NAMESPACE, Writer, deterministic_ids

STORYLINE = (
    story_founding.year_2016,
    story_founding.year_2017,
    story_growth.year_2018,
    story_growth.year_2019,
    story_growth.year_2020,
    story_growth.year_2021,
    story_arrivals.year_2022,
    story_arrivals.year_2023,
    story_horizon.year_2024,
    story_horizon.year_2025,
    story_horizon.year_2026,
)


def build_demo(path: str) -> None:
    """Create the demo store at ``path``; refuses to touch an existing file.

    Raises:
        ValidationError: ``path`` exists already (nothing is written).
        StoreError: ``path`` cannot be created.
    """
    if os.path.lexists(path):
        raise ValidationError(
            "{path} already exists and is not the demo concept; choose another path with --db.",
            path=path,
        )
    # Built under a temporary name and published whole: a crash leaves no half demo.
    with new_store(path) as store:
        deterministic_ids(store)
        # The file is unpublished until the end: no need to sync every commit.
        store.conn.execute("PRAGMA synchronous = OFF")
        session = Konzept(store)
        writer = Writer(session)
        for year in STORYLINE:
            year(writer)
        welcome(writer, login_name())
        store.conn.execute("PRAGMA synchronous = FULL")
        build_checkpoints(store)
        session.save_checkpoint()


def welcome(writer: Writer, person: str) -> None:
    """Let the person trying the demo edit it: its admin grants them the admin role.

    The demo's own staff are fixed, so without this a newcomer could only look. The
    grant is the last event; two builds by the same person stay identical.
    """
    if writer.session.state.people.get(person):
        return
    writer.on("2026-11-20", "mmeyer", start="15:00").do(
        cmd.grant, person, "admin", reason=f"Zugang zur Demo für {person}", role="admin"
    )


def is_demo(path: str) -> bool:
    """Whether ``path`` is a store that ``konzept demo`` built (its first event has the
    demo's fixed id), whatever was changed in it since; False for any other file.

    Only read, never opened as a store: opening would bring an older store's format up
    to date, and a file that is not the demo must be left exactly as it was.
    """
    try:
        conn = connect_readonly(path)
        try:
            row = conn.execute("SELECT id FROM events WHERE position = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == uuid.uuid5(ID_NAMESPACE, "konzept-demo-1").hex
