"""SSH: ``konzept serve-ssh``, the SSH keys it admits (``konzept key …``), and the
forced-command entry used by OpenSSH's ``ForceCommand`` (see docs/ssh.md).

Nothing here imports asyncssh until ``serve-ssh`` actually runs, so every other
command starts as fast as before.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from konzept.events.errors import ValidationError, os_reason

from .context import Context
from .output import emit, emit_json
from .write import _run

Sub = Any
#: A public key file is one line; anything far larger is not one.
_MAX_KEY_FILE = 64 * 1024


def register(sub: Sub) -> None:
    from .main import read_format

    p = sub.add_parser("serve-ssh", help="serve konzept over SSH to authorised keys")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument(
        "--port", type=int, default=2222, help="port to listen on (2222; 0 = any free port, logged)"
    )
    p.add_argument("--max-sessions", type=int, default=10, help="sessions at once (10)")
    p.add_argument(
        "--host-key",
        help="the server's private host key (default: beside the store; made if missing)",
    )
    p.set_defaults(handler=serve_ssh)

    key = sub.add_parser("key", help="SSH keys that log people in to serve-ssh").add_subparsers(
        dest="key_command", metavar="ACTION", required=True
    )
    p = key.add_parser("add", help="let a public key log PERSON in (admin only)")
    p.add_argument("person", help="the login name the key logs in as")
    p.add_argument("keyfile", metavar="KEYFILE", help="the .pub file, or - for standard input")
    p.add_argument("--reason", default="", help="why this key is admitted")
    p.set_defaults(handler=key_add)

    p = key.add_parser("list", help="the authorised keys and whom they log in")
    read_format(p)
    p.set_defaults(handler=key_list)

    p = key.add_parser("remove", help="revoke one key, or all keys of PERSON (admin only)")
    p.add_argument("person", help="the login name whose key is revoked")
    p.add_argument("fingerprint", nargs="?", help="SHA256:… (default: every key of PERSON)")
    p.add_argument("--reason", default="", help="why the key is revoked")
    p.set_defaults(handler=key_remove)


def forced_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments for a client's ``$SSH_ORIGINAL_COMMAND`` under a forced command.

    Called by ``konzept.cli.main`` when konzept was started without a command but the
    SSH server recorded one; refusals exit 2 with one sentence, like any usage error.
    """
    from konzept.ssh.remote import REMOTE_FLAG, RemoteRefused, remote_argv

    from .main import Parser, _typed_language

    os.environ[REMOTE_FLAG] = "1"
    fixed = list(sys.argv[1:] if argv is None else argv)
    # argparse's refusals in the --lang the client typed, else the forced one
    typed = os.environ.get("SSH_ORIGINAL_COMMAND", "").split()
    Parser.language = _typed_language([*typed, *fixed])  # the last --lang wins
    try:
        words = remote_argv(parser, fixed, os.environ.get("SSH_ORIGINAL_COMMAND", ""))
    except RemoteRefused as exc:
        parser.exit(2, f"konzept: {exc.text(parser.parse_args(fixed).lang or 'de')}\n")
    return parser.parse_args(words)


def _read_key(path: str) -> str:
    try:
        if path == "-":
            data = sys.stdin.buffer.read(_MAX_KEY_FILE + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(_MAX_KEY_FILE + 1)
    except OSError as exc:
        raise ValidationError(
            "Cannot read {path}: {detail}.", path=path, detail=os_reason(exc)
        ) from None
    if len(data) > _MAX_KEY_FILE:
        raise ValidationError("{path} is too large to be a public key file.", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError("{path} is not a text file; give the .pub file.", path=path) from None


def key_add(ctx: Context, args: argparse.Namespace) -> int:
    text = _read_key(args.keyfile)
    code = _run(ctx, args, "authorise_key", args.person, text, role="admin")
    people = ctx.session.state.people
    if people and not people.get(args.person):
        from konzept.projections.i18n import t

        print(t(ctx.language(), "cli_no_role_yet", person=args.person))
    return code


def key_remove(ctx: Context, args: argparse.Namespace) -> int:
    return _run(ctx, args, "revoke_key", args.person, args.fingerprint, role="admin")


def key_list(ctx: Context, args: argparse.Namespace) -> int:
    keys = ctx.session.state.keys
    rows = [
        {
            "person": k["person"],
            "fingerprint": fp,
            "type": k["public_key"].split()[0],
            "comment": k["comment"],
            "since": k["since"],
        }
        for fp, k in sorted(keys.items(), key=lambda item: (item[1]["person"], item[0]))
    ]
    if args.format == "json":
        emit_json(rows)
        return 0
    from konzept.projections.i18n import t
    from konzept.projections.render import table

    lang = ctx.language()
    names = ["person", "fingerprint", "type", "comment", "since"]
    body = [[r[h] for h in names] for r in rows]
    words = ["cli_person", "cli_fingerprint", "cli_key_type", "cli_comment", "since"]
    emit(table(body, [t(lang, w) for w in words], args.format) or t(lang, "cli_no_keys"))
    return 0


def serve_ssh(ctx: Context, args: argparse.Namespace) -> int:
    if not 0 <= args.port < 65536:
        raise ValidationError(
            "The port must be between 0 (any free) and 65535, not {port}.", port=args.port
        )
    if not 1 <= args.max_sessions <= 1000:
        raise ValidationError("--max-sessions must be between 1 and 1000.")
    ctx.store  # noqa: B018 - refuse a missing or foreign store before listening
    from konzept.ssh.server import ServerConfig, serve

    config = ServerConfig(
        db=os.path.abspath(ctx.db),
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions,
        host_key=args.host_key or os.path.abspath(ctx.db) + ".ssh_host_ed25519_key",
        lang=ctx.lang,
    )
    return serve(config)
