"""``konzept key add/list/remove``: who may log in to serve-ssh is itself in the log,
managed by admins, with fingerprints exactly as OpenSSH and asyncssh compute them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from konzept.events.errors import ValidationError
from konzept.events.sshkeys import parse_public_key
from konzept.events.state import State


@pytest.fixture
def store(cli: Any, tmp_path: Path) -> Path:
    cli.ok("init", "--title", "Testkonzept")
    cli.ok("grant", "bob", "editor")
    cli.ok("grant", "carla", "viewer")
    return tmp_path


def test_admin_adds_lists_and_removes_keys(cli, store, keygen, counter) -> None:
    bob = keygen("bob")
    out = cli.ok("key", "add", "bob", str(bob.private) + ".pub", "--reason", "neuer Kollege")
    assert bob.fingerprint in out
    listed = json.loads(cli.ok("key", "list", "--format", "json"))
    assert listed == [
        {
            "person": "bob",
            "fingerprint": bob.fingerprint,
            "type": "ssh-ed25519",
            "comment": "bob@test",
            "since": listed[0]["since"],
        }
    ]
    log = json.loads(cli.ok("log", "--format", "json"))
    assert (log[-1]["type"], log[-1]["actor"], log[-1]["reason"]) == (
        "KeyAuthorised", "anna", "neuer Kollege",
    )  # fmt: skip
    assert "bob" in log[-1]["summary"] and bob.fingerprint in log[-1]["summary"]
    before = counter(cli.db)
    cli.ok("key", "remove", "bob", bob.fingerprint)
    assert counter(cli.db) == before + 1
    assert json.loads(cli.ok("key", "list", "--format", "json")) == []
    assert "Es sind keine SSH-Schlüssel zugelassen." in cli.ok("key", "list")


def test_key_from_standard_input_and_remove_all(cli, store, keygen) -> None:
    first, second = keygen("b1"), keygen("b2")
    cli.ok("key", "add", "bob", "-", stdin=first.public + "\n")
    cli.ok("key", "add", "bob", "-", stdin=second.public)
    out = cli.ok("key", "remove", "bob")
    assert first.fingerprint in out and second.fingerprint in out
    assert json.loads(cli.ok("key", "list", "--format", "json")) == []


def test_only_an_admin_manages_keys(cli, store, keygen, counter) -> None:
    bob = keygen("bob")
    before = counter(cli.db)
    for user in ("bob", "carla", "mallory"):
        result = cli("key", "add", user, "-", stdin=bob.public, user=user)
        assert result.code == 2
        assert "braucht die Rolle admin" in result.err
        assert result.err.count("\n") == 1
    assert counter(cli.db) == before
    cli.ok("key", "add", "bob", "-", stdin=bob.public)
    result = cli("key", "remove", "bob", user="bob")
    assert result.code == 2 and "braucht die Rolle admin" in result.err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "genau eine Zeile mit einem öffentlichen Schlüssel"),
        ("ssh-ed25519 AAAA\nssh-ed25519 BBBB", "genau eine Zeile mit einem öffentlichen Schlüssel"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "privater Schlüssel"),
        ("hello world", "keine Zeile mit einem öffentlichen OpenSSH-Schlüssel"),
        ('from="10.0.0.1" ssh-ed25519 AAAAC3Nz', "keine Zeile mit einem öffentlichen OpenSSH"),
        ("ssh-ed25519 not*base64", "kein gültiges Base64"),
        ("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIA==", "kein ssh-rsa-Schlüssel"),
    ],
)
def test_bad_key_files_are_refused(cli, store, counter, text: str, words: str) -> None:
    before = counter(cli.db)
    result = cli("key", "add", "bob", "-", stdin=text)
    assert result.code == 2
    assert words in result.err
    assert counter(cli.db) == before


def test_a_key_maps_to_one_person(cli, store, keygen, counter) -> None:
    bob = keygen("bob")
    cli.ok("key", "add", "bob", "-", stdin=bob.public)
    before = counter(cli.db)
    result = cli("key", "add", "carla", "-", stdin=bob.public)
    assert result.code == 2 and "schon für bob zugelassen" in result.err
    result = cli("key", "remove", "carla", bob.fingerprint)
    assert result.code == 2 and "gehört bob, nicht carla" in result.err
    result = cli("key", "remove", "carla")
    assert result.code == 2 and "carla hat keinen zugelassenen Schlüssel" in result.err
    result = cli("key", "add", "no body", "-", stdin=bob.public)
    assert result.code == 2 and "ist kein gültiger Anmeldename" in result.err
    assert counter(cli.db) == before


def test_person_without_role_gets_a_hint(cli, store, keygen) -> None:
    out = cli.ok("key", "add", "dora", "-", stdin=keygen("dora").public)
    assert "dora hat noch keine Rolle" in out


def test_missing_key_file_is_one_sentence(cli, store) -> None:
    result = cli("key", "add", "bob", str(store / "nope.pub"))
    assert result.code == 2 and result.err.startswith("konzept: ")
    assert "nope.pub kann nicht gelesen werden: Datei oder Ordner nicht gefunden." in result.err


def test_fingerprint_matches_openssh_and_asyncssh(tmp_path: Path) -> None:
    for algorithm in ("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"):
        key = asyncssh.generate_private_key(algorithm, comment="x y z")
        line = key.export_public_key().decode()
        parsed = parse_public_key(line)
        assert parsed.fingerprint == key.get_fingerprint("sha256")
        assert parsed.comment == "x y z"
        if shutil.which("ssh-keygen"):
            pub = tmp_path / "k.pub"
            pub.write_text(line)
            out = subprocess.run(
                ["ssh-keygen", "-lf", str(pub)], capture_output=True, text=True, check=True
            ).stdout
            assert out.split()[1] == parsed.fingerprint


def test_checkpoints_keep_keys_and_older_checkpoints_load() -> None:
    with pytest.raises(ValidationError):
        parse_public_key("ssh-ed25519")
    state = State()
    state.keys["SHA256:x"] = {"person": "bob", "public_key": "k", "comment": "", "since": "d"}
    assert State.from_json(state.to_json()).keys == state.keys
    old_checkpoint = json.loads(state.to_json())
    del old_checkpoint["keys"]
    assert State.from_json(json.dumps(old_checkpoint)).keys == {}
