"""Ten staff editing at once over ``konzept serve-ssh`` (SPEC §8): the eleventh session
is refused with a sentence, no edit is lost, and an edit that raced another is refused
as a conflict (exit 3), never half-written; retried, it lands under its author's name."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd

STAFF = [f"p{i}" for i in range(10)]
RETRIES = 10
WAIT = 120


def _concept(people: Any) -> None:
    with Store.open(people.db) as store:
        session = Konzept(store)
        meta = WriteMeta(actor="anna", effective="2000-01-01")
        session.execute(cmd.add_field, "HF1", title="Sprache", meta=meta)
        session.execute(cmd.add_goal, "HF1-Z1", field="HF1", title="Kurse", meta=meta)
        session.execute(
            cmd.add_indicator, "I-1", goal="HF1-Z1", name="Kursplätze", unit="Anzahl",
            direction="up", meta=meta,
        )  # fmt: skip
    for person in STAFF:
        people.add(person, "editor")


def _finish(proc: subprocess.Popen[str], stdin: str | None = None) -> tuple[int, str, str]:
    out, err = proc.communicate(stdin, timeout=WAIT)
    return proc.returncode, out, err


def _retryable(code: int, err: str) -> bool:
    """Refused with nothing written and a sentence saying so: a conflict, or on an
    overloaded machine the store's lock wait running out; both exit 3 ("try again")."""
    return code == 3 and err.strip() != ""


def _record_until_landed(client: Any, key: Any, year: int, value: int) -> int:
    """Retry a conflicting record like a person would; returns how many conflicts it met."""
    for conflicts in range(RETRIES):
        result = client.run(key, f"record I-1 {year} {value}")
        if result.returncode == 0:
            return conflicts
        assert _retryable(result.returncode, result.stderr), result
    raise AssertionError(f"record {year} never landed in {RETRIES} tries")


def test_ten_sessions_edit_at_once_and_nothing_is_lost(people, serve, ssh_client, log_rows) -> None:
    _concept(people)
    server = serve(people.db, max_sessions=10)
    client = ssh_client(server)
    # Ten sessions open at once, each waiting for its CSV on standard input.
    sessions = [
        subprocess.Popen(
            [*client.argv(people.keys[p]), "--", "import-values -"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in STAFF
    ]
    try:
        server.log.wait_for(r"10 of 10 in use")
        eleventh = client.run(people.keys["anna"], "people")
        assert eleventh.returncode == 1
        assert "Alle 10 Sitzungen sind belegt" in eleventh.stderr
        # All ten send their value for the same indicator (one stream) at the same moment.
        with ThreadPoolExecutor(len(sessions)) as pool:
            results = list(
                pool.map(_finish, sessions, [f"I-1,{2010 + i},{i}\n" for i in range(10)])
            )
    finally:
        for proc in sessions:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=WAIT)
    conflicts = 0
    for i, (code, _out, err) in enumerate(results):
        # Landed, or refused with nothing written: never anything in between.
        assert code == 0 or _retryable(code, err), f"exit {code}: {err}"
        if code != 0:
            assert err.startswith("konzept: ") and err.count("\n") == 1, err
            print(err.strip())
            conflicts += 1 + _record_until_landed(client, people.keys[STAFF[i]], 2010 + i, i)
    # Ten more rounds of ten parallel single edits through short sessions.
    for round_ in range(2):
        procs = [
            subprocess.Popen(
                [*client.argv(people.keys[p]), "--", f"record I-1 {1980 + 10 * round_ + i} {i}"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i, p in enumerate(STAFF)
        ]
        for i, proc in enumerate(procs):
            code, _out, err = _finish(proc)
            assert code == 0 or _retryable(code, err), f"exit {code}: {err}"
            if code != 0:
                year = 1980 + 10 * round_ + i  # years gone by: values for years to come are refused
                conflicts += 1 + _record_until_landed(client, people.keys[STAFF[i]], year, i)
    print(f"conflicts shown and retried: {conflicts}")
    # No edit lost: every value is there, recorded once, by its own author.
    recorded = {
        json.loads(data)["year"]: (actor, json.loads(data)["value"])
        for _, actor, type_, data in log_rows(people.db)
        if type_ == "IndicatorValueRecorded"
    }
    expected = {2010 + i: (STAFF[i], i) for i in range(10)}
    expected |= {1980 + 10 * r + i: (STAFF[i], i) for r in range(2) for i in range(10)}
    assert recorded == expected
    values = [t for _, _, t, _ in log_rows(people.db) if t == "IndicatorValueRecorded"]
    assert len(values) == 30
    verify = client.run(people.keys["carla"], "verify")
    assert verify.returncode == 0, verify.stderr
