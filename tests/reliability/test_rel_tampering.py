"""Tampering: rows changed, deleted, reordered or inserted with the triggers dropped; a
wholesale rewrite with recomputed hashes; an edited export file; a truncated or
bit-flipped database file; forged checkpoints.

``konzept verify`` (and ``konzept import``) must name what and where and exit non-zero,
and no reader may trust a tampered checkpoint: ``konzept show`` shows the truth.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rel_support import RUNS, SLOW_RUNS, Ran, figures, in_process, one_line_error

from konzept.events import Konzept, State, Store, ValidationError, WriteMeta
from konzept.events import commands as cmd
from konzept.events.envelope import compute_hash
from konzept.events.state import fold_rows
from konzept.projections.integrity import forged_checkpoints

FOLD = "position, stream, version, type, schema_version, data, effective"
TRIGGERS = ("events_no_update", "events_no_delete", "events_append_only")


def build(db: Path) -> None:
    """A small concept with history over several years (positions 1–20)."""
    with Store.create(db) as store:
        k = Konzept(store)
        k.append(
            cmd.init_concept(k.state, title="Echt", founder="anna"),
            WriteMeta(actor="anna", effective="2016-01-01"),
        )
        for year in range(2017, 2023):
            m = WriteMeta(actor="anna", reason=f"Jahr {year}", effective=f"{year}-03-01")
            k.execute(cmd.add_field, f"HF{year}", title=f"Feld {year}", meta=m)
            k.execute(cmd.set_attribute, f"HF{year}", "title", f"Feld {year} neu", meta=m)
    # a short, fixed story: 7 init events + 12 = 19 events


def run(db: Path, *args: str) -> Ran:
    return in_process(db, *args)


def rehash_from(conn: sqlite3.Connection, position: int) -> None:
    """What a careful attacker does: recompute every hash from ``position`` on."""
    prev = conn.execute("SELECT hash FROM events WHERE position = ?", (position - 1,)).fetchone()
    prev_hash = prev[0] if prev else "0" * 64
    rows = conn.execute(
        "SELECT * FROM events WHERE position >= ? ORDER BY position", (position,)
    ).fetchall()
    for row in rows:
        fixed = (*row[:12], prev_hash)
        digest = compute_hash(*fixed)
        conn.execute(
            "UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?",
            (prev_hash, digest, row[0]),
        )
        prev_hash = digest


def tamper(db: Path, sql: list[str], rehash: int | None = None) -> None:
    with sqlite3.connect(db) as conn:
        for name in TRIGGERS:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in sql:
            conn.execute(statement)
        if rehash is not None:
            rehash_from(conn, rehash)


COPY_ROW = (
    "INSERT INTO events SELECT {new}, id || 'x', 'field:FORGED', 1, type, schema_version, data, "
    "recorded_at, effective, actor, reason, decision, prev_hash, hash FROM events "
    "WHERE position = {old}"
)

CASES: list[tuple[str, list[str], int | None, str]] = [
    (
        "data changed",
        ["UPDATE events SET data = replace(data, 'Feld 2019', 'Feld 2091') WHERE position = 12"],
        None,
        "position 12 was altered after it was written",
    ),
    (
        "actor changed",
        ["UPDATE events SET actor = 'mallory' WHERE position = 9"],
        None,
        "position 9 was altered",
    ),
    (
        "effective backdated",
        ["UPDATE events SET effective = '2010-01-01' WHERE position = 15"],
        None,
        "position 15 was altered",
    ),
    (
        "reason and hash changed",
        ["UPDATE events SET reason = 'anders' WHERE position = 10"],
        "own-hash",
        "position 11 does not link to position 10",
    ),
    (
        "middle row deleted",
        ["DELETE FROM events WHERE position = 8"],
        None,
        "position 8 is missing",
    ),
    (
        "two rows swapped",
        [
            "UPDATE events SET position = -1 WHERE position = 10",
            "UPDATE events SET position = 10 WHERE position = 11",
            "UPDATE events SET position = 11 WHERE position = -1",
        ],
        None,
        "position 10",
    ),
    (
        "row inserted in the middle",
        [
            "UPDATE events SET position = position + 100 WHERE position >= 6",
            "UPDATE events SET position = position - 99 WHERE position >= 106",
            COPY_ROW.format(new=6, old=5),
        ],
        None,
        "position 6",
    ),
    ("row added after a gap", [COPY_ROW.format(new=40, old=19)], None, "position 20 is missing"),
    (
        "versions broken, hashes recomputed",
        ["UPDATE events SET version = 5 WHERE position = 9"],
        9,
        "position 9 breaks the versions of",
    ),
    (
        "unknown type, hashes recomputed",
        ["UPDATE events SET type = 'FieldVanished' WHERE position = 9"],
        9,
        "position 9 holds FieldVanished v1, which this release does not know",
    ),
    (
        "data not JSON, hashes recomputed",
        ["UPDATE events SET data = '{\"title\": ' WHERE position = 9"],
        9,
        "position 9",
    ),
    (
        "data not the event's shape, hashes recomputed",
        ['UPDATE events SET data = \'{"colour":"red"}\' WHERE position = 9'],
        9,
        "position 9",
    ),
]


@pytest.mark.parametrize(
    ("sql", "rehash", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_verify_names_what_and_where(
    tmp_path: Path, sql: list[str], rehash: int | str | None, message: str
) -> None:
    db = tmp_path / "t.db"
    build(db)
    if rehash == "own-hash":  # the attacker fixes the row's own hash, not the chain
        tamper(db, sql)
        with sqlite3.connect(db) as conn:
            row = conn.execute("SELECT * FROM events WHERE position = 10").fetchone()
            conn.execute(
                "UPDATE events SET hash = ? WHERE position = 10", (compute_hash(*row[:13]),)
            )
    else:
        tamper(db, sql, rehash if isinstance(rehash, int) else None)
    result = run(db, "--lang", "en", "verify")
    assert result.returncode == 4, result.stdout
    line = one_line_error(result.stderr)
    assert "The log is broken at position" in line and message in line, line
    for command in (["show"], ["log"], ["show", "--format", "json"], ["export"]):
        other = run(db, *command)  # readers refuse cleanly or show; never a traceback
        assert "Traceback" not in other.stderr, other.stderr
        if other.returncode:
            one_line_error(other.stderr)


def test_a_rewrite_with_recomputed_hashes_is_caught_by_the_witness(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    build(db)
    ok = run(db, "verify")
    head = ok.stdout.split("Kopf ")[1].split()
    witness = f"{head[0]}:{head[1].rstrip(';')}"
    tamper(db, ["UPDATE events SET reason = 'geschönt' WHERE position = 12"], rehash=12)
    assert run(db, "verify").returncode == 0, "a chain alone cannot see a full rewrite"
    result = run(db, "--lang", "en", "verify", "--witness", witness)
    assert result.returncode == 4
    line = one_line_error(result.stderr)
    assert f"position {head[0]} no longer has the witnessed hash" in line


# --- an edited export file ---------------------------------------------------------------


def exported(db: Path) -> str:
    out = io.StringIO()
    with Store.open(db) as store:
        store.export(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def export_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("exp") / "src.db"
    build(db)
    return exported(db)


EDITS = st.one_of(
    st.tuples(st.just("char"), st.integers(0, 10**6), st.characters(blacklist_categories=("Cs",))),
    st.tuples(st.just("drop"), st.integers(0, 10**6), st.just("")),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(list(' 0a"{},:\\\n'))),
)


def edit(text: str, how: tuple[str, int, str]) -> str:
    kind, at, char = how
    at %= len(text)
    if kind == "char":
        return text[:at] + char + text[at + 1 :]
    if kind == "drop":
        return text[:at] + text[at + 1 :]
    return text[:at] + char + text[at:]


@settings(
    max_examples=40 * RUNS,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=st.lists(EDITS, min_size=1, max_size=3))
def test_an_edited_export_is_refused_or_means_the_same(
    export_text: str, edits: list[tuple[str, int, str]]
) -> None:
    text = export_text
    for how in edits:
        text = edit(text, how)
    target = Store.create(":memory:")
    try:
        target.import_lines(io.StringIO(text))
    except ValidationError as exc:
        assert exc.message.startswith("Line "), exc.message
        assert "\n" not in exc.message
        assert target.count() == 0
        return
    out = io.StringIO()
    target.export(out)
    assert out.getvalue() == export_text, "an altered export was imported as something else"


def test_cli_import_of_edited_files_names_the_line(tmp_path: Path, export_text: str) -> None:
    lines = export_text.splitlines(keepends=True)
    cases: dict[str, tuple[str, str]] = {
        "swapped": ("".join([lines[0], lines[2], lines[1], *lines[3:]]), "Zeile 2 "),
        "deleted": ("".join(lines[:5] + lines[6:]), "Zeile 6 "),
        "inserted": ("".join([*lines[:9], lines[8], *lines[9:]]), "Zeile 10 "),
        "actor": (
            "".join([*lines[:11], lines[11].replace('"anna"', '"eve"'), *lines[12:]]),
            "Zeile 12 des Imports (Position 12) wurde verändert",
        ),
        "cut": ("".join(lines[:12]) + lines[12][:40], "Zeile 13 "),
    }
    for name, (text, where) in cases.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text(text, encoding="utf-8")
        db = tmp_path / f"{name}.db"
        result = run(db, "import", str(path))
        assert result.returncode == 2, name
        assert where in one_line_error(result.stderr), (name, result.stderr)
        assert not db.exists(), "a refused import leaves no store behind"


# --- a truncated or damaged database file ------------------------------------------------


def damage_file(tmp_path: Path, runs: int) -> None:
    rng = random.Random(7)
    src = tmp_path / "src.db"
    build(src)
    with Store.open(src) as store:
        for i in range(300):  # enough pages that damage lands in many places
            store_append_padding(store, i)
        truth = store.head()
    with sqlite3.connect(src) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = src.stat().st_size
    caught = intact = 0
    for run_ in range(runs):
        db = tmp_path / f"d{run_}.db"
        shutil.copy(src, db)
        data = bytearray(db.read_bytes())
        if run_ % 2:
            del data[rng.randrange(100, size) :]
        else:
            for _ in range(rng.randrange(1, 4)):
                data[rng.randrange(100, size)] ^= 1 << rng.randrange(8)
        db.write_bytes(bytes(data))
        result = run(db, "verify")
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode:
            assert result.returncode == 4
            one_line_error(result.stderr)
            caught += 1
        else:
            # verify found nothing wrong: then nothing may be wrong, indexes included
            with Store.open(db) as store:
                assert store.head() == truth
                check = store.conn.execute("PRAGMA integrity_check").fetchall()
                assert check == [("ok",)], f"verify missed damage SQLite sees: {check[:3]}"
            assert exported(db) == exported(src)
            intact += 1
        for command in (["show"], ["log", "--limit", "3"]):
            other = run(db, *command)
            assert "Traceback" not in other.stderr, other.stderr
    figures("tamper: damaged database file", runs=runs, caught=caught, harmless=intact)


def store_append_padding(store: Store, i: int) -> None:
    from konzept.events import catalog as ev

    store.append(
        f"field:P{i}",
        0,
        [ev.FieldAdded(title=f"Polster {i} " + "x" * 200)],
        actor="anna",
        effective="2023-01-01",
    )


def test_damaged_database_file_bounded(tmp_path: Path) -> None:
    damage_file(tmp_path, 2 * RUNS)


@pytest.mark.slow
def test_damaged_database_file_long(tmp_path: Path) -> None:
    damage_file(tmp_path, 4 * SLOW_RUNS)


# --- checkpoints ---------------------------------------------------------------------------


def with_checkpoints(tmp_path: Path) -> tuple[Path, str, str]:
    """The story of :func:`build`, plus what makes a moved checkpoint show: an obligation
    (folding it twice would list it twice), a field retitled in 2021, checkpoints, and
    then a change backdated to 2018 (a checkpoint must not be used past it)."""
    db = tmp_path / "cp.db"
    build(db)

    def m(effective: str) -> WriteMeta:
        return WriteMeta(actor="anna", effective=effective)

    with Store.open(db) as store:
        k = Konzept(store)
        k.execute(cmd.add_actor, "VHS", name="VHS", kind="education_provider", meta=m("2017-01-01"))
        k.execute(cmd.add_agreement, "V1", title="V", parties=["VHS"], meta=m("2017-02-01"))
        k.execute(cmd.add_field, "HFX", title="X 2017", meta=m("2017-05-01"))
        k.execute(cmd.add_obligation, "V1", party="VHS", what="Kurse", meta=m("2021-01-01"))
        k.execute(cmd.set_attribute, "HFX", "title", "X 2021", meta=m("2021-05-01"))
        head = store.head()[0]
    assert run(db, "checkpoint").returncode == 0
    with Store.open(db) as store:
        positions = {cp.name: cp.position for cp in store.checkpoints()}
        assert positions["write"] == head, "konzept checkpoint saves the write model at the head"
        assert positions["asof:2019-12-31"] == head
        Konzept(store).execute(cmd.set_attribute, "HFX", "title", "X 2018", meta=m("2018-05-01"))
    truth_now = run(db, "show", "--format", "json").stdout
    truth_2019 = run(db, "show", "--format", "json", "--as-of", "2019").stdout
    assert '"X 2021"' in truth_now and '"X 2018"' in truth_2019
    return db, truth_now, truth_2019


def reseal(conn: sqlite3.Connection, name: str) -> None:
    """What an attacker who read the source does: recompute the checkpoint's seal."""
    from konzept.events.store import checkpoint_seal

    row = conn.execute(
        "SELECT name, position, cutoff, max_effective, head_hash, state FROM checkpoints "
        "WHERE name = ?",
        (name,),
    ).fetchone()
    conn.execute(
        "UPDATE checkpoints SET state_hash = ? WHERE name = ?", (checkpoint_seal(*row), name)
    )


def forge_title(state: str) -> str:
    data = json.loads(state)
    data["concept"]["title"] = "Gefälscht"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


Forgery = Callable[[sqlite3.Connection], None]


def _state_edit(conn: sqlite3.Connection, name: str) -> None:
    (state,) = conn.execute("SELECT state FROM checkpoints WHERE name = ?", (name,)).fetchone()
    conn.execute("UPDATE checkpoints SET state = ? WHERE name = ?", (forge_title(state), name))


FORGERIES: dict[str, tuple[Forgery, bool]] = {
    # name: (edit, resealed — then only verify's rebuild can tell)
    "state edited": (lambda c: [_state_edit(c, n) for n in ("write", "asof:2019-12-31")], False),
    "position moved": (
        lambda c: c.execute(  # back to just before the obligation: it would fold twice
            "UPDATE checkpoints SET position = p, head_hash = (SELECT hash FROM events "
            "WHERE position = p) FROM (SELECT position - 1 AS p FROM events "
            "WHERE type = 'ObligationAdded')"
        ),
        False,
    ),
    "cut-off moved": (
        lambda c: c.execute(
            "UPDATE checkpoints SET cutoff = '2017-06-30' WHERE name = 'asof:2022-12-31'"
        ),
        False,
    ),
    "max_effective lowered": (
        lambda c: c.execute("UPDATE checkpoints SET max_effective = '1900-01-01'"),
        False,
    ),
    "state forged and resealed": (
        lambda c: [(_state_edit(c, n), reseal(c, n)) for n in ("write", "asof:2019-12-31")],
        True,
    ),
    "cut-off moved and resealed": (
        lambda c: (
            c.execute(
                "UPDATE checkpoints SET cutoff = '2017-06-30' WHERE name = 'asof:2022-12-31'"
            ),
            reseal(c, "asof:2022-12-31"),
        ),
        True,
    ),
}


def truth(db: Path, year: str) -> str:
    """What ``show`` says on a copy without checkpoints."""
    bare = db.with_name(f"bare-{year}.db")
    bare.unlink(missing_ok=True)
    with sqlite3.connect(db) as source, sqlite3.connect(bare) as target:
        source.backup(target)
        target.execute("DELETE FROM checkpoints")
    return run(bare, "show", "--format", "json", "--as-of", year).stdout


@pytest.mark.parametrize("name", list(FORGERIES))
def test_nothing_trusts_a_tampered_checkpoint(tmp_path: Path, name: str) -> None:
    db, truth_now, truth_2019 = with_checkpoints(tmp_path)
    forge, resealed = FORGERIES[name]
    with sqlite3.connect(db) as conn:
        forge(conn)
    if not resealed:
        assert run(db, "show", "--format", "json").stdout == truth_now
        assert run(db, "show", "--format", "json", "--as-of", "2019").stdout == truth_2019
        for day in ("2017-06-30", "2018", "2021", "2023"):
            shown = run(db, "show", "--format", "json", "--as-of", day).stdout
            assert shown == truth(db, day), f"show --as-of {day} trusted the checkpoint"
        with Store.open(db) as store:  # the write model, which commands decide on
            state = Konzept(store).state
            full = State()
            fold_rows(
                full,
                store.conn.execute(f"SELECT {FOLD} FROM events ORDER BY position"),
                track_versions=True,
            )
            assert json.loads(state.to_json()) == json.loads(full.to_json())
        assert run(db, "verify").returncode == 0, "an ignored checkpoint harms nobody"
        return
    # A forger who recomputes the seal can make a reader fold from a lie; verify must
    # rebuild the checkpoints and say so.
    result = run(db, "--lang", "en", "verify")
    assert result.returncode == 4
    line = one_line_error(result.stderr)
    assert "The log is intact, but checkpoints do not match it" in line, line
    assert "konzept checkpoint" in line
    with Store.open(db) as store:
        assert forged_checkpoints(store)
    assert run(db, "checkpoint").returncode == 0  # the remedy the message names
    assert run(db, "verify").returncode == 0
    assert run(db, "show", "--format", "json").stdout == truth_now
