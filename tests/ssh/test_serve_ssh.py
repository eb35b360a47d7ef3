"""``konzept serve-ssh`` with the real OpenSSH client and asyncssh's on loopback:
the key decides the person, the log records that person, a viewer cannot write, and
sessions are bounded."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
from typing import Any

import asyncssh
import pytest

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd
from konzept.ssh.bridge import child_env

WAIT = 60.0


def test_unknown_key_is_refused(people, serve, ssh_client, keygen) -> None:
    server = serve(people.db)
    eve = keygen("eve")
    result = ssh_client(server).run(eve, "log")
    assert result.returncode == 255
    assert "Permission denied (publickey)" in result.stderr
    server.log.wait_for("refused key " + re.escape(eve.fingerprint))


def test_the_key_decides_the_person_not_the_login_or_the_environment(
    people, serve, ssh_client, log_rows
) -> None:
    server = serve(people.db)
    result = ssh_client(server).run(
        people.keys["bob"],
        "add field HF1 --title 'Sprache und Bildung' --reason 'per SSH'",
        "-o", "SendEnv=USER LOGNAME KONZEPT_DB",
        env={"USER": "mallory", "LOGNAME": "mallory", "KONZEPT_DB": "/tmp/elsewhere.db"},
        login="mallory",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "#" in result.stdout and "HF1" in result.stdout
    _, actor, type_, _ = log_rows(people.db)[-1]
    assert (actor, type_) == ("bob", "FieldAdded")
    server.log.wait_for(r"bob logged in from 127\.0\.0\.1")


def test_viewer_cannot_write_over_ssh(people, serve, ssh_client, log_rows) -> None:
    server = serve(people.db)
    before = log_rows(people.db)
    result = ssh_client(server).run(people.keys["carla"], "add field HF1 --title X")
    assert result.returncode == 2
    assert "carla darf das nicht: Es braucht die Rolle editor" in result.stderr
    assert log_rows(people.db) == before
    result = ssh_client(server).run(people.keys["carla"], "people --format json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["carla"] == ["viewer"]


def test_a_revoked_key_is_refused_at_once(people, serve, ssh_client) -> None:
    server = serve(people.db)
    client = ssh_client(server)
    assert client.run(people.keys["bob"], "people").returncode == 0
    out = client.run(people.keys["anna"], f"key remove bob {people.keys['bob'].fingerprint}")
    assert out.returncode == 0, out.stderr
    result = client.run(people.keys["bob"], "people")
    assert result.returncode == 255 and "Permission denied" in result.stderr


def test_forced_policy_and_standard_input(people, serve, ssh_client, keygen, log_rows) -> None:
    server = serve(people.db)
    client = ssh_client(server)
    before = log_rows(people.db)
    for command in ("init", "report 2024 -o /tmp/bericht.md", "--db /tmp/x.db log"):
        result = client.run(people.keys["anna"], command)
        assert result.returncode == 2, command
        assert result.stderr.startswith("konzept: "), result.stderr
    assert log_rows(people.db) == before
    dora = keygen("dora")
    result = client.run(people.keys["anna"], "key add dora -", stdin=dora.public)
    assert result.returncode == 0, result.stderr
    _, actor, type_, data = log_rows(people.db)[-1]
    assert (actor, type_, json.loads(data)["fingerprint"]) == (
        "anna", "KeyAuthorised", dora.fingerprint,
    )  # fmt: skip


def test_ui_needs_a_terminal(people, serve, ssh_client) -> None:
    server = serve(people.db)
    result = ssh_client(server).run(people.keys["bob"], None, "-T")
    assert result.returncode == 2
    assert "Die Oberfläche braucht ein Terminal" in result.stderr


def test_command_on_a_terminal_runs_as_the_person(people, serve, ssh_client, log_rows) -> None:
    server = serve(people.db)
    argv = ssh_client(server).argv(people.keys["bob"], "-tt")
    result = subprocess.run(
        [*argv, "--", "add field HF2 --title Arbeit"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=WAIT,
        env={**os.environ, "USER": "mallory"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert b"HF2" in result.stdout and b"\r\n" in result.stdout  # it ran on a terminal
    assert log_rows(people.db)[-1][1:3] == ("bob", "FieldAdded")


def _connect(server: Any, key: Any, **kw: Any) -> Any:
    return asyncssh.connect(
        "127.0.0.1",
        server.port,
        username="konzept",
        client_keys=[str(key.private)],
        known_hosts=None,
        agent_path=None,
        **kw,
    )


async def _read_until(process: Any, text: str, timeout: float = WAIT) -> str:
    """Collect the session's output until ``text`` appears (bounded in time)."""
    seen = ""

    async def collect() -> str:
        nonlocal seen
        while text not in seen:
            chunk = await process.stdout.read(65536)
            if not chunk:
                raise AssertionError(f"session ended before {text!r}:\n{seen[-2000:]}")
            seen += chunk
        return seen

    return await asyncio.wait_for(collect(), timeout)


def test_ui_runs_on_a_pty_and_quits_cleanly(people, serve) -> None:
    server = serve(people.db)

    async def scenario() -> int | None:
        async with _connect(server, people.keys["bob"]) as conn:
            process = await conn.create_process(
                term_type="xterm-256color", term_size=(80, 24), env={"USER": "mallory"}
            )
            await _read_until(process, "bob (bearbeiten)")  # who is at work, and may edit
            process.change_terminal_size(100, 30)
            await _read_until(process, "\x1b[30;")  # repainted down to the new 30th row
            process.stdin.write("\x11")  # ctrl+q
            await asyncio.wait_for(process.wait_closed(), WAIT)
            return process.exit_status  # type: ignore[no-any-return]

    assert asyncio.run(scenario()) == 0
    server.log.wait_for(r"bob ended a session \(status 0\)")


# nohup: a server started under nohup passes SIGHUP on ignored; its sessions must
# still end when their connection drops (status 129, not the grace's SIGKILL, 137).
@pytest.mark.parametrize("nohup", [False, True])
def test_a_dropped_connection_hangs_up_its_session(people, serve, nohup: bool) -> None:
    server = serve(people.db, nohup=nohup)

    async def scenario() -> None:
        conn = await _connect(server, people.keys["bob"])
        process = await conn.create_process(term_type="xterm", term_size=(80, 24))
        await _read_until(process, "bob (bearbeiten)")
        conn.abort()

    asyncio.run(scenario())
    server.log.wait_for(r"bob ended a session \(status 129\); 0 of 10 in use")


def test_sessions_are_bounded_and_freed(people, serve) -> None:
    server = serve(people.db, max_sessions=2)

    async def scenario() -> None:
        async with _connect(server, people.keys["bob"]) as conn:
            holders = [await conn.create_process("import-values -") for _ in range(2)]
            server.log.wait_for(r"2 of 2 in use")
            refused = await conn.run("people", timeout=WAIT)
            assert refused.exit_status == 1
            assert "Alle 2 Sitzungen sind belegt" in refused.stderr
            holders[0].stdin.write_eof()  # an empty import: refused, and the slot is free
            await asyncio.wait_for(holders[0].wait_closed(), WAIT)
            assert holders[0].exit_status == 2
            done = await conn.run("people", timeout=WAIT)
            assert done.exit_status == 0 and "carla" in done.stdout
            holders[1].close()

    asyncio.run(scenario())


def test_stopping_the_server_hangs_up_open_sessions(people, serve) -> None:
    server = serve(people.db)

    async def scenario() -> None:
        async with _connect(server, people.keys["bob"]) as conn:
            process = await conn.create_process(term_type="xterm", term_size=(80, 24))
            await _read_until(process, "bob (bearbeiten)")
            server.proc.terminate()
            await asyncio.wait_for(process.wait_closed(), WAIT)

    asyncio.run(scenario())
    assert server.proc.wait(timeout=WAIT) == 0
    server.log.wait_for(r"bob ended a session \(status 129\)")
    server.log.wait_for(r"serve-ssh: stopped")


def test_two_people_in_the_ui_through_ssh_in_tmux(
    people, serve, ssh_client, tmux, log_rows
) -> None:
    server = serve(people.db)
    client = ssh_client(server)
    before = log_rows(people.db)
    tmux.start("bob", client.argv(people.keys["bob"], "-tt", login="mallory"))
    tmux.start("carla", client.argv(people.keys["carla"], "-tt"))
    tmux.wait_for("bob", "bob (bearbeiten)")
    carla = tmux.wait_for("carla", "carla (nur lesen)")
    assert "Neu" not in carla and "Ändern" not in carla  # no edit keys for a viewer
    tmux.add_field("bob", "HF5", "Gesundheit")
    tmux.wait_for("carla", "Handlungsfelder (1)")  # live refresh in the other session
    # Had "a" or "e" opened a form for Carla, "l" would be typed into it instead of
    # opening the change log with Bob's change.
    tmux.keys("carla", "a")
    tmux.keys("carla", "e")
    tmux.keys("carla", "l")
    screen = tmux.wait_for("carla", "Gesundheit")
    assert "Neu:" not in screen and "bob" in screen
    tmux.quit_all("bob", "carla")
    assert [row[1:3] for row in log_rows(people.db)[len(before) :]] == [("bob", "FieldAdded")]


def test_the_childs_environment_is_the_servers_basics_and_the_person() -> None:
    server = {"PATH": "/usr/bin", "HOME": "/srv", "USER": "server", "SSH_AUTH_SOCK": "/a"}
    env = child_env("bob", "xterm-256color", "log", {**server, "KONZEPT_DB": "/x.db"})
    assert env == {
        "PATH": "/usr/bin", "HOME": "/srv", "LANG": "C.UTF-8", "USER": "bob", "LOGNAME": "bob",
        "PYTHONIOENCODING": "utf-8", "KONZEPT_SSH": "1", "TERM": "xterm-256color",
        "SSH_ORIGINAL_COMMAND": "log",
    }  # fmt: skip
    assert child_env("bob", "\x1b]0;evil\x07", None, {})["TERM"] == "xterm-256color"
    assert "SSH_ORIGINAL_COMMAND" not in child_env("bob", None, None, {})


def test_two_people_change_one_title_in_the_ui_and_the_second_sees_the_conflict(
    people, serve, ssh_client, tmux, log_rows
) -> None:
    with Store.open(people.db) as store:
        Konzept(store).execute(cmd.add_field, "HF1", title="Sprache", meta=WriteMeta(actor="anna"))
    server = serve(people.db)
    client = ssh_client(server)
    before = log_rows(people.db)
    for person in ("anna", "bob"):
        tmux.start(person, client.argv(people.keys[person], "-tt"))
        tmux.wait_for(person, f"{person} (bearbeiten)")
        tmux.keys(person, "Down")
        tmux.wait_for(person, "▶ Handlungsfelder (1)")  # the cursor is on the section
        tmux.keys(person, "Right")
        tmux.wait_for(person, "└ HF1 Sprache")
        tmux.keys(person, "Down")
        tmux.wait_for(person, "Handlungsfeld HF1 · aktiv")
        tmux.keys(person, "e")
        tmux.wait_for(person, "Titel           Sprache")
        tmux.keys(person, "End", "C-u")
        tmux.wait_for(person, "Der Titel darf nicht leer sein.")  # cleared, checked as typed
        tmux.keys(person, f"Titel von {person}", literal=True)
        tmux.wait_for(person, f"Titel           Titel von {person}")
        tmux.keys(person, "C-s")
        tmux.wait_for(person, f"HF1: Titel: Sprache → Titel von {person}")
    confirm(tmux, "bob", "Gespeichert: 1 Ereignis")
    # anna decided on the old title: refused, and shown why
    screen = confirm(tmux, "anna", "Jemand anderes hat HF1 inzwischen geändert")
    assert "Titel von bob" in screen and "bob" in screen
    tmux.keys("anna", "Escape")
    tmux.quit_all("anna", "bob")
    assert [row[1:3] for row in log_rows(people.db)[len(before) :]] == [("bob", "FieldRetitled")]


def confirm(tmux, person: str, outcome: str) -> str:  # type: ignore[no-untyped-def]
    """Press Enter on the open confirmation and wait for its outcome.

    Known flake (left open in the closing note): under load an Enter sent the moment the
    confirmation appears is sometimes not taken; a person sees the dialog still open and
    presses Enter again, and so does this helper, once.
    """
    tmux.keys(person, "Enter")
    try:
        return str(tmux.wait_for(person, outcome, timeout=10))
    except AssertionError:
        if "Das wird in das Protokoll geschrieben" not in tmux.screen(person):
            raise
        tmux.keys(person, "Enter")
        return str(tmux.wait_for(person, outcome))


def test_a_server_without_keys_says_so(cli, serve) -> None:
    cli.ok("init", "--title", "Leer")
    server = serve(cli.db)
    server.log.wait_for(r"no SSH key is authorised yet: nobody can log in")


def test_bad_server_options_are_one_sentence(cli) -> None:
    cli.ok("init", "--title", "Leer")
    for options, words in (
        (["--port", "70000"], "zwischen 0 (ein beliebiger freier) und 65535"),
        (["--max-sessions", "0"], "--max-sessions muss zwischen 1 und 1000 liegen"),
    ):
        result = cli("serve-ssh", *options)
        assert result.code == 2 and words in result.err
    result = cli("serve-ssh", "--port", "0", "--host-key", "/nonexistent/dir/key")
    assert result.code == 1
    assert "cannot serve SSH" in result.err and "host key" in result.err
