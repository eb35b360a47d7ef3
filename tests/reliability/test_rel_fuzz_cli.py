"""Bad input through the real CLI (each call is a process, ~0.4 s, so few examples):
fuzzed arguments, malformed and Latin-1 CSV for ``import-values``, malformed JSONL for
``import``. Always exit 0 with the value stored, or exit 2/3/4 with one sentence on
stderr and nothing written; never a traceback, never a raw control character printed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rel_support import RUNS, cli_env, figures, in_process, konzept, one_line_error

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ARGV_NASTY = [
    "\x1b[2J\x1b[31mrot",
    "\x9b31m",
    "zeile\nzwei",
    "'; DROP TABLE events; --",
    "<script>alert(1)</script>",
    "\udcc4rger",  # the byte 0xC4 (Latin-1 Ä) passed by a Latin-1 terminal
    "NaN",
    "inf",
    "1e309",
    "2024-02-30",
    "x" * 10_001,
    "-",
    "--",
    "--help",
    "",
]
argv_text = st.one_of(
    st.sampled_from(ARGV_NASTY),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20),
)
CALLS = st.one_of(
    st.builds(
        lambda k, t, r: ["add", "field", k, "--title", t, "--reason", r],
        st.sampled_from(["HF2", "HF1", "bad key"]),
        argv_text,
        argv_text,
    ),
    st.builds(lambda y, v: ["record", "I1", y, v], argv_text, argv_text),
    st.builds(lambda a, v: ["set", "HF1", a, v], st.sampled_from(["title", "colour"]), argv_text),
    st.builds(lambda e: ["set", "HF1", "title", "Neu", "--effective", e], argv_text),
    st.builds(lambda d: ["show", "--as-of", d], argv_text),
    st.builds(lambda k: ["history", k], argv_text),
    st.builds(
        lambda e, b, d, s: ["log", "--entity", e, "--by", b, "--decision", d, "--since", s],
        argv_text,
        argv_text,
        argv_text,
        argv_text,
    ),
)


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fuzzcli") / "base.db"
    with Store.create(db) as store:
        k = Konzept(store)
        meta = WriteMeta(actor="anna", effective="2016-01-01")
        k.append(cmd.init_concept(k.state, title="Fuzz", founder="anna"), meta)
        k.execute(cmd.add_field, "HF1", title="Feld", meta=meta)
        k.execute(cmd.add_goal, "G1", field="HF1", title="Ziel", meta=meta)
        k.execute(
            cmd.add_indicator, "I1", goal="G1", name="Kurse", unit="P", direction="up", meta=meta
        )
    return db


def count(db: Path) -> int:
    with Store.open(db) as store:
        return store.count()


def call(
    db: Path, args: list[str], stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run(
        konzept(db, *args), input=stdin, capture_output=True, env=cli_env(), timeout=120
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    out = proc.stdout.decode("utf-8", "replace")
    assert not RAW.search(out), (args, out)
    assert not RAW.search(err), (args, err)
    return proc


def checked(db: Path, args: list[str], stdin: bytes | None = None) -> int:
    before = count(db)
    proc = call(db, args, stdin)
    if proc.returncode:
        assert proc.returncode in (2, 3, 4), (args, proc.returncode, proc.stderr)
        one_line_error(proc.stderr.decode("utf-8", "replace"))
        assert count(db) == before, f"{args} refused but wrote"
    assert Store.open(db).verify().ok
    return proc.returncode


@settings(
    max_examples=RUNS,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(calls=st.lists(CALLS, min_size=1, max_size=2))
def test_fuzzed_arguments(tmp_path: Path, base_db: Path, calls: list[list[str]]) -> None:
    db = tmp_path / "fuzz.db"
    shutil.copy(base_db, db)
    for args in calls:
        checked(db, args)


@settings(
    max_examples=25 * RUNS,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(calls=st.lists(CALLS, min_size=1, max_size=3))
def test_fuzzed_arguments_in_process(tmp_path: Path, base_db: Path, calls: list[list[str]]) -> None:
    """The same calls through the CLI's own ``run()`` (no new interpreter): many more."""
    db = tmp_path / "fuzz-inproc.db"
    shutil.copy(base_db, db)
    for args in calls:
        before = count(db)
        ran = in_process(db, *args)
        assert not RAW.search(ran.stdout) and not RAW.search(ran.stderr), args
        if ran.returncode:
            assert ran.returncode in (2, 3, 4), (args, ran.returncode, ran.stderr)
            one_line_error(ran.stderr)
            assert count(db) == before, f"{args} refused but wrote"
    with Store.open(db) as store:
        assert store.verify().ok


CSV_CELLS = st.one_of(
    st.sampled_from(
        ["I1", "G1", "2020", "2021", "12", "12,5", "nan", '"', '""', "ä", "", "indicator"]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
)
CSV_BYTES = st.one_of(
    st.lists(st.lists(CSV_CELLS, max_size=6).map(",".join), max_size=5).map(
        lambda rows: "\n".join(rows).encode()
    ),
    st.binary(max_size=60),
    st.just("I1,2020,12,Quelle Ä,Notiz\n".encode("latin-1")),
    st.just(b"\xef\xbb\xbfindicator,year,value\r\nI1,2020,12\r\n"),
    st.just(b'I1,2020,"12\nI1,2021,13\n'),
    st.just(b"I1,2020,12\x00\n"),
)


@settings(
    max_examples=RUNS,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=CSV_BYTES)
def test_fuzzed_csv_for_import_values(tmp_path: Path, base_db: Path, data: bytes) -> None:
    db = tmp_path / "csv.db"
    shutil.copy(base_db, db)
    path = tmp_path / "values.csv"
    path.write_bytes(data)
    if checked(db, ["import-values", str(path)]) == 0:
        assert count(db) > count(base_db)


def test_latin1_csv_is_refused_naming_the_line(tmp_path: Path, base_db: Path) -> None:
    db = tmp_path / "latin.db"
    shutil.copy(base_db, db)
    path = tmp_path / "values.csv"
    path.write_bytes("I1,2020,12\nI1,2021,13,Landesamt Ä\n".encode("latin-1"))
    proc = call(db, ["import-values", str(path)])
    assert proc.returncode == 2
    line = one_line_error(proc.stderr.decode())
    assert "Zeile 2" in line and "kein UTF-8-Text" in line
    assert count(db) == count(base_db)


@pytest.fixture(scope="module")
def export_lines(base_db: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path = tmp_path_factory.mktemp("exp") / "log.jsonl"
    subprocess.run(
        konzept(base_db, "export", "-o", str(path)), check=True, env=cli_env(), capture_output=True
    )
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def crafted(lines: list[str], position: int, **changes: object) -> list[str]:
    """A line changed *and* its hash chain recomputed: it passes every hash check, so
    only the payload and field checks can refuse it."""
    from konzept.events.envelope import GENESIS_HASH, canonical_json, compute_hash

    out, prev = [], GENESIS_HASH
    for number, line in enumerate(lines, 1):
        obj = json.loads(line)
        if number == position:
            obj.update(changes)
        obj["prev_hash"] = prev
        header = [obj[f] for f in ("position", "id", "stream", "version", "type", "schema_version")]
        obj["hash"] = compute_hash(
            *header,
            canonical_json(obj["data"]),
            obj["recorded_at"],
            obj["effective"],
            obj["actor"],
            obj["reason"],
            obj["decision"],
            prev,
        )
        prev = obj["hash"]
        out.append(json.dumps(obj, ensure_ascii=False) + "\n")
    return out


JSONL_CASES = {
    "not json": lambda ls: [*ls[:3], "{\n", *ls[4:]],
    "deeply nested": lambda ls: [*ls[:3], "[" * 100_000 + "]" * 100_000 + "\n", *ls[4:]],
    "huge number": lambda ls: [ls[0].replace('"position":1', '"position":' + "9" * 5000), *ls[1:]],
    "not an object": lambda ls: ["[1, 2, 3]\n", *ls[1:]],
    "unknown key": lambda ls: [ls[0].replace('{"position"', '{"extra":1,"position"'), *ls[1:]],
    "schema version 0": lambda ls: crafted(ls, 2, schema_version=0),
    "payload of another shape": lambda ls: crafted(ls, 9, data={"colour": "red"}),
    "payload value of the wrong type": lambda ls: crafted(
        ls, 10, data={**json.loads(ls[9])["data"], "title": 12}
    ),
    "lone surrogate": lambda ls: [*ls[:7], ls[7].replace('"Feld"', '"\\udcc4"'), *ls[8:]],
    "NaN": lambda ls: [*ls[:7], ls[7].replace('"title":"Feld"', '"title":NaN'), *ls[8:]],
    "truncated": lambda ls: [*ls[:5], ls[5][:30]],
    "empty": lambda ls: [],
    "only blank lines": lambda ls: ["\n", "   \n"],
}


@pytest.mark.parametrize("case", list(JSONL_CASES))
def test_malformed_jsonl_for_import(tmp_path: Path, export_lines: list[str], case: str) -> None:
    path = tmp_path / "log.jsonl"
    lines = JSONL_CASES[case](list(export_lines))
    assert lines != export_lines or case == "empty"
    path.write_text("".join(lines), encoding="utf-8", errors="surrogatepass")
    db = tmp_path / "target.db"
    proc = call(db, ["import", str(path)])
    if case in ("empty", "only blank lines"):
        # nothing to import is not an error, but leaves an empty store at most
        assert proc.returncode in (0, 2)
        return
    assert proc.returncode == 2, (case, proc.stdout)
    line = one_line_error(proc.stderr.decode())
    assert line.startswith("konzept: Zeile ") or "not UTF-8" in line, line
    assert not db.exists(), "a refused import leaves no store behind"
    figures("fuzz: malformed JSONL", case=case, refused=line)
