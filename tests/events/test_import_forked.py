"""The two-process import (:mod:`konzept.events.forkimport`) stores exactly what the
one-process import stores, refuses exactly as it does, and publishes nothing when
either process fails. Real files, real forked processes."""

from __future__ import annotations

import io
import json
import marshal
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from konzept.events import Store, StoreError, ValidationError, forkimport, logimport
from konzept.events import catalog as ev
from konzept.events import store as store_module
from konzept.events.envelope import canonical_json, compute_hash
from konzept.events.newstore import new_store
from konzept.events.store import fork_is_safe

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _export(extra: int = 300) -> list[str]:
    """An exported log with lines only the slow path takes (exponent floats) among
    many ordinary ones, as a file reads it."""
    store = Store.create(":memory:")
    store.append(
        "indicator:I1",
        0,
        [ev.FieldAdded(title="Quote \u2028 ä")],
        actor="b",
        effective="2024-01-02",
    )
    values: list[Any] = [12.5, 1e16, 1.5e-05, 2**70, -0.5, 7]
    values += [n * 0.25 for n in range(extra)]
    for n, value in enumerate(values, 1):
        event = ev.IndicatorValueRecorded(year=1000 + n, value=value, note='"n" \\ ✓')
        store.append("indicator:I1", n, [event], actor="b", reason="r", effective="2024-02-01")
    out = io.StringIO()
    store.export(out)
    return io.StringIO(out.getvalue()).readlines()


def _old_version_line(position: int, before: str) -> str:
    """A schema-version-1 IndicatorAdded line linked after ``before`` (upcast on
    import), its data's keys not in canonical order."""
    import json

    prev = json.loads(before)["hash"]
    data = {"goal": "G1", "name": "Quote", "unit": "%", "direction": "up", "target_year": 2030}
    head: list[Any] = [position, "e-old", "indicator:I9", 1, "IndicatorAdded", 1]
    tail: list[Any] = ["2020-01-01T00:00:00.000000Z", "2020-01-01", "a", "", None, prev]
    digest = compute_hash(*head, canonical_json(data), *tail)
    names = list(logimport.FIELDS)
    values = [*head, data, *tail, digest]
    return (
        json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def _log(extra: int = 300) -> list[str]:
    """:func:`_export` and an old schema version's line at the end."""
    lines = _export(extra)
    return [*lines, _old_version_line(len(lines) + 1, lines[-1])]


def _rows(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    mode = conn.execute("PRAGMA journal_mode").fetchone()
    conn.close()
    return [*rows, *schema, mode]


def _import(path: Path, data: bytes, *, forked: bool, monkeypatch: pytest.MonkeyPatch) -> int:
    """Import ``data`` into a new store at ``path`` through ``import_file``, asserting
    which path it took."""
    taken: list[bool] = []
    real = forkimport.import_forked

    def spy(store: Store, temp: str, source: BinaryIO) -> int | None:
        taken.append(True)
        return real(store, temp, source)

    with monkeypatch.context() as m:
        m.setattr(forkimport, "import_forked", spy)
        if not forked:
            m.setattr(store_module, "fork_is_safe", lambda: False)
        with new_store(str(path)) as store:
            count = store.import_file(io.BytesIO(data))
    assert taken == ([True] if forked else [])
    return count


@pytest.fixture(params=[64, 1000, forkimport.CHUNK], ids=["tiny", "small", "default"])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Chunks that cut lines, \\r\\n pairs and multi-byte characters anywhere."""
    monkeypatch.setattr(forkimport, "CHUNK", request.param)
    yield request.param


@pytest.fixture(params=["lines", "rows", "alternating", "as it goes"])
def sending(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Chunks go over as lines (the other process parses them), as checked rows
    (when it falls behind), both in turn, or as the pipe's fill decides."""
    turns = iter(range(10**9))
    decide = {
        "lines": lambda fd: False,
        "rows": lambda fd: True,
        "alternating": lambda fd: next(turns) % 2 == 0,
    }.get(request.param)
    if decide is not None:
        monkeypatch.setattr(forkimport, "_behind", decide)
    return str(request.param)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_forked_import_stores_exactly_what_one_process_stores(
    tmp_path: Path, chunk: int, sending: str, newline: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _log()
    lines = [*lines[:5], "\n", "  \n", *lines[5:]]  # blank lines count as lines
    data = "".join(lines).replace("\n", newline).encode()
    forked = _import(tmp_path / "forked.db", data, forked=True, monkeypatch=monkeypatch)
    single = _import(tmp_path / "single.db", data, forked=False, monkeypatch=monkeypatch)
    assert forked == single == len(lines) - 2
    assert _rows(tmp_path / "forked.db") == _rows(tmp_path / "single.db")
    with Store.open(tmp_path / "forked.db") as store:
        assert store.verify().ok


def test_lines_only_the_slow_path_takes_are_sent_over(
    tmp_path: Path, sending: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No row is built for 1e16 (orjson writes it differently) or the old version's
    line by the fast path, in either process: the slow path's rows are stored."""
    lines = _log(extra=0)
    assert [logimport._verified(line) is None for line in lines].count(True) == 4
    _import(tmp_path / "t.db", "".join(lines).encode(), forked=True, monkeypatch=monkeypatch)
    stored = _rows(tmp_path / "t.db")[: len(lines)]
    assert stored == list(logimport.checked_rows(lines))


def _refusal(lines: list[str]) -> str:
    with pytest.raises(ValidationError) as caught:
        list(logimport.checked_rows(lines))
    return caught.value.message


@pytest.mark.parametrize(
    "damage",
    [
        lambda line: line.replace('"r"', '"R"'),  # altered: the hash does not match
        lambda line: line[:50] + "\n",  # not JSON
        lambda line: line.replace('"indicator:I1"', '"indicator:I2"'),  # versions
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_bad_line_late_in_the_file_is_refused_and_nothing_is_written(
    tmp_path: Path,
    chunk: int,
    sending: str,
    damage: Any,
    newline: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = _log()
    at = len(lines) * 3 // 4
    lines[at] = damage(lines[at])
    target = tmp_path / "t.db"
    data = "".join(lines).replace("\n", newline).encode()
    with pytest.raises(ValidationError) as caught:
        _import(target, data, forked=True, monkeypatch=monkeypatch)
    assert caught.value.message == _refusal(lines)
    assert f"Line {at + 1} of the import" in caught.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("damage", "refused"),
    [
        (lambda ls, n: [*ls[:n], ls[n + 1], ls[n], *ls[n + 2 :]], 201),  # two lines swapped
        (lambda ls, n: [*ls[: n + 1], ls[n], *ls[n + 1 :]], 202),  # a line twice
        (lambda ls, n: [*ls[:n], *ls[n + 1 :]], 201),  # a line missing
    ],
    ids=["swapped", "twice", "missing"],
)
def test_a_line_sound_alone_but_off_the_chain_is_refused_as_in_one_process(
    tmp_path: Path,
    chunk: int,
    sending: str,
    damage: Any,
    refused: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Such a line passes every check of its own, so when it is checked here it goes
    over as a row; the other process, which links every line into the chain, still
    refuses it in the slow path's words."""
    lines = damage(_log(), 200)
    assert logimport._verified(lines[refused - 1]) is not None  # sound alone
    with pytest.raises(ValidationError) as caught:
        _import(tmp_path / "t.db", "".join(lines).encode(), forked=True, monkeypatch=monkeypatch)
    assert caught.value.message == _refusal(lines)
    assert caught.value.message.startswith(f"Line {refused} of the import")
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_published_unless_every_byte_read_arrived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The end frame names how many bytes were read; a count the other process did
    not check (a chunk lost on the way) stops the import."""
    real = forkimport._frame

    def miscounted(kind: bytes, payload: bytes) -> bytes:
        if kind == forkimport._END:
            payload = marshal.dumps(marshal.loads(payload) + 1)
        return real(kind, payload)

    monkeypatch.setattr(forkimport, "_frame", miscounted)
    target = tmp_path / "t.db"
    with pytest.raises(StoreError, match="its second process stopped"):
        _import(target, "".join(_log()).encode(), forked=True, monkeypatch=monkeypatch)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(forkimport, "_frame", real)
    _import(target, "".join(_log()).encode(), forked=True, monkeypatch=monkeypatch)


def test_text_that_is_not_utf8_is_refused_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _log()
    data = "".join(lines).encode()
    data = data.replace(b"Quote", "Quöte".encode("latin-1"), 1)
    for forked in (True, False):
        with pytest.raises(UnicodeDecodeError):
            _import(tmp_path / "t.db", data, forked=forked, monkeypatch=monkeypatch)
        assert list(tmp_path.iterdir()) == []


def _reseal(lines: list[str], at: int, **data: Any) -> list[str]:
    """``lines`` with line ``at``'s data changed and every hash from there on
    recomputed: nothing but the change is wrong with the file."""
    out = list(lines)
    prev = json.loads(out[at - 1])["hash"]
    for i in range(at, len(out)):
        obj = json.loads(out[i])
        if i == at:
            obj["data"] = {**obj["data"], **data}
        obj["prev_hash"] = prev
        head = [obj[name] for name in logimport.FIELDS[:6]]
        tail = [obj[name] for name in logimport.FIELDS[7:13]]
        obj["hash"] = prev = compute_hash(*head, canonical_json(obj["data"]), *tail)
        out[i] = json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"
    return out


@pytest.mark.parametrize(
    "damage",
    [
        lambda ls, n: ls,  # nothing else: the payload is what is refused
        lambda ls, n: [*ls[: n + 40], ls[n + 40].replace('"r"', '"R"'), *ls[n + 41 :]],
        lambda ls, n: [*ls[: n - 40], ls[n - 40].replace('"r"', '"R"'), *ls[n - 39 :]],
        lambda ls, n: [*ls[:n], ls[n].replace('"r"', '"R"'), *ls[n + 1 :]],  # hash first
    ],
    ids=["alone", "a bad line after it", "a bad line before it", "same line altered"],
)
def test_a_payload_that_does_not_fit_is_refused_as_in_one_process(
    tmp_path: Path, chunk: int, sending: str, damage: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other process checks the payloads; the first bad line is still the one
    named, in the slow path's words, whichever process found it."""
    at = 230
    lines = damage(_reseal(_log(), at, year="kein Jahr"), at)
    expected = _refusal(lines)
    with pytest.raises(ValidationError) as caught:
        _import(tmp_path / "t.db", "".join(lines).encode(), forked=True, monkeypatch=monkeypatch)
    assert caught.value.message == expected
    assert list(tmp_path.iterdir()) == []


def test_payloads_are_still_checked_after_an_insert_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite failing early does not hide a line that does not fit later on."""
    monkeypatch.setattr(forkimport, "CHUNK", 1000)
    monkeypatch.setattr(forkimport, "_behind", lambda fd: False)
    monkeypatch.setattr(forkimport, "_INSERT", "INSERT INTO nowhere VALUES (?)")
    lines = _reseal(_log(), 230, year="kein Jahr")
    with pytest.raises(ValidationError) as caught:
        _import(tmp_path / "t.db", "".join(lines).encode(), forked=True, monkeypatch=monkeypatch)
    assert caught.value.message == (
        "Line 231 of the import holds data that does not fit IndicatorValueRecorded."
    )
    with pytest.raises(StoreError, match="no such table: nowhere"):
        _import(tmp_path / "t.db", "".join(_log()).encode(), forked=True, monkeypatch=monkeypatch)
    assert list(tmp_path.iterdir()) == []


def _kill_self_after_first_chunk(pipe: BinaryIO, conn: sqlite3.Connection) -> None:
    pipe.read(forkimport._FRAME.size)
    os.kill(os.getpid(), signal.SIGKILL)


def _full_disk(pipe: BinaryIO, conn: sqlite3.Connection) -> None:
    raise sqlite3.OperationalError("database or disk is full")


_execute = forkimport._execute


def _one_row_lost(conn: sqlite3.Connection, sql: str, rows: list[Any]) -> bytes | None:
    return _execute(conn, sql, [row for row in rows if row[0] != 200])


@pytest.mark.parametrize(
    ("name", "replacement", "message"),
    [
        ("_receive", _kill_self_after_first_chunk, "its second process stopped"),
        ("_receive", _full_disk, "The disk holding"),
        ("_execute", _one_row_lost, "its second process stopped"),
    ],
    ids=["killed", "disk full", "disagrees"],
)
def test_a_failing_second_process_publishes_nothing(
    tmp_path: Path,
    chunk: int,
    name: str,
    replacement: Any,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Killed (kill -9, OOM), SQLite failing, or inserting other than was checked:
    the import fails in one sentence and no file is left."""
    monkeypatch.setattr(forkimport, name, replacement)
    monkeypatch.setattr(forkimport, "_behind", lambda fd: False)  # lines: the child reads
    target = tmp_path / "t.db"
    with pytest.raises(StoreError) as caught:
        _import(target, "".join(_log()).encode(), forked=True, monkeypatch=monkeypatch)
    assert message in caught.value.message and str(target) in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_import_stops_the_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or any error) while checking: the other process is gone, no file."""
    children: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        children.append(pid)
        return pid

    class Interrupted(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() > 2000:
                raise KeyboardInterrupt
            return super().read(size)

    monkeypatch.setattr(forkimport, "CHUNK", 500)
    monkeypatch.setattr(os, "fork", fork)
    with pytest.raises(KeyboardInterrupt), new_store(str(tmp_path / "t.db")) as store:
        store.import_file(Interrupted("".join(_log()).encode()))
    assert children and children[0] > 0
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # already reaped
    assert list(tmp_path.iterdir()) == []


def test_an_existing_empty_store_imports_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a store nobody can see yet takes the forked path."""
    monkeypatch.setattr(forkimport, "import_forked", None)  # would fail if called
    lines = _log(extra=10)
    with Store.create(tmp_path / "t.db") as store:
        assert store.import_file(io.BytesIO("".join(lines).encode())) == len(lines)


def test_no_fork_while_another_thread_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked child would inherit that thread's locks without the thread."""
    import threading

    assert fork_is_safe()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not fork_is_safe()
        lines = _log(extra=10)
        with new_store(str(tmp_path / "t.db")) as store:
            monkeypatch.setattr(forkimport, "import_forked", None)  # would fail if called
            assert store.import_file(io.BytesIO("".join(lines).encode())) == len(lines)
    finally:
        stop.set()
        thread.join()


def test_the_forked_path_runs_in_the_cli(tmp_path: Path) -> None:
    """`konzept import` takes the forked path (no other thread runs there)."""
    import subprocess

    export = tmp_path / "log.jsonl"
    export.write_text("".join(_log()), encoding="utf-8")
    code = (
        "import sys; from konzept.events import forkimport; from konzept.cli.main import main;"
        "real = forkimport.import_forked;"
        "forkimport.import_forked = lambda *a: print('forked', file=sys.stderr) or real(*a);"
        "sys.exit(main(sys.argv[1:]))"
    )
    db = tmp_path / "t.db"
    proc = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db), "import", str(export)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "forked" in proc.stderr
    with Store.open(db) as store:
        assert store.verify().ok and store.count() == len(_log())
