"""What a person may ask for over SSH: konzept's own commands, and nothing that reaches
the server's files.

Under OpenSSH's ``ForceCommand konzept --db …`` a client's command arrives in
``$SSH_ORIGINAL_COMMAND``; ``konzept serve-ssh`` hands it to its child the same way, so
both paths share this one policy. The identity is fixed by the login and the store by
the server's configuration: ``--db`` and ``--actor`` are refused, and so is every
command that reads or writes a path on the server (``report -o``, ``import FILE``,
``init``, ``serve-ssh`` …). A file written as the login account could plant a shell
start-up file and so escape the forced command; reports and exports therefore go to
the client's terminal (``ssh host report 2024 > bericht.md``) and CSV values come in
on standard input (``ssh host import-values - < werte.csv``).
"""

from __future__ import annotations

import argparse
import os
import shlex
from collections.abc import Sequence

from konzept.events.errors import ValidationError

#: Sub-commands open over SSH. Writes are still checked against the person's role.
ALLOWED = frozenset(
    {
        # read
        "show",
        "log",
        "history",
        "blame",
        "diff",
        "report",
        "verify",
        "export",
        "people",
        "ui",
        # write (role-checked by the service)
        "add",
        "set",
        "status",
        "retire",
        "fulfil",
        "record",
        "import-values",
        "close-year",
        "revert",
        "grant",
        "revoke",
        "key",
    }
)
#: Set to "1" in every SSH session (serve-ssh's children; ``SetEnv`` under OpenSSH and
#: the forced-command path): the UI offers no export to a file on the server then.
REMOTE_FLAG = "KONZEPT_SSH"

#: Arguments that name a file on the server; over SSH only ``-`` (standard input) is allowed.
_STDIN_ONLY = ("file", "keyfile")


def is_remote() -> bool:
    """Whether this konzept runs for someone logged in over SSH (see :data:`REMOTE_FLAG`)."""
    return os.environ.get(REMOTE_FLAG) == "1"


class RemoteRefused(ValidationError):
    """The client asked for something the forced command does not offer."""


def remote_argv(parser: argparse.ArgumentParser, fixed: Sequence[str], command: str) -> list[str]:
    """The argument list to run for a client's command line, or a refusal.

    Args:
        parser: konzept's own parser, so the policy sees exactly what konzept would run
            (abbreviated options such as ``--d`` for ``--db`` included).
        fixed: the forced invocation's own arguments (``--db PATH`` and maybe ``--lang``).
        command: the client's command line, as ``$SSH_ORIGINAL_COMMAND`` holds it.

    Raises:
        RemoteRefused: for anything outside the policy; argparse itself exits 2 on a
            malformed command, like any other konzept invocation.
    """
    try:
        words = shlex.split(command)
    except ValueError as exc:
        raise RemoteRefused(
            "The command line cannot be read ({detail}).", detail=str(exc)
        ) from None
    if words and words[0] == "konzept":
        words = words[1:]
    if not words:
        return list(fixed)
    base = parser.parse_args(list(fixed))
    args = parser.parse_args([*fixed, *words])
    if args.db != base.db or args.actor != base.actor:
        raise RemoteRefused(
            "Over SSH the store and the person are set by the server (no --db, no --actor)."
        )
    if args.command is not None and args.command not in ALLOWED:
        raise RemoteRefused(
            "'{command}' is not available over SSH; ask the server's administrator.",
            command=args.command,
        )
    if getattr(args, "output", None) not in (None, "", "-"):  # "-": standard output, allowed
        raise RemoteRefused(
            "Over SSH konzept writes no files on the server: leave out -o and redirect "
            "the output on your side (ssh … report 2024 > bericht.md)."
        )
    for name in _STDIN_ONLY:
        value = getattr(args, name, None)
        if value is not None and value != "-":
            raise RemoteRefused(
                "Over SSH konzept reads no files on the server: give '-' and send the "
                "file on standard input (ssh … import-values - < werte.csv)."
            )
    return [*fixed, *words]
