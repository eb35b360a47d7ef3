"""``konzept``: the command line. Parses, opens the store, runs, and turns every
refusal into one sentence on stderr with the exit status of SPEC §4.

Without a command it opens the terminal UI. Textual is imported only then, so
printing a report or a log never loads it.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import errno
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from konzept.events.errors import KonzeptError, Message, StoreError, os_reason
from konzept.events.store import _translate, damaged

from . import admin, read, ssh, write
from .context import Context
from .helptext import localize
from .output import FORMATS

DEFAULT_DB = "konzept.db"
#: Why writing to the standard output fails when it is a file (SQLite's own failures
#: arrive as ``sqlite3.Error``, and a file konzept opens is named in its ``OSError``).
_OUTPUT_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


#: argparse's refusals (Python 3.11's English text) and their words in projections/i18n.
_ARGPARSE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), word)
    for pattern, word in (
        (r"argument (?P<name>.+?): (?P<message>.*)", "cli_ap_argument"),
        (r"the following arguments are required: (?P<names>.*)", "cli_ap_required"),
        (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", "cli_ap_choice"),
        (r"unrecognized arguments: (?P<args>.*)", "cli_ap_unrecognized"),
        (r"expected one argument", "cli_ap_one"),
        (r"expected at most one argument", "cli_ap_at_most_one"),
        (r"expected at least one argument", "cli_ap_at_least_one"),
        (r"invalid int value: (?P<value>.*)", "cli_ap_int"),
        (r"invalid \S+ value: (?P<value>.*)", "cli_ap_invalid"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "cli_ap_ambiguous"),
        (r"not allowed with argument (?P<name>.*)", "cli_ap_not_with"),
        (r"one of the arguments (?P<names>.*) is required", "cli_ap_one_of"),
        (r"ignored explicit argument (?P<value>.*)", "cli_ap_ignored"),
    )
)


def argparse_text(message: str, lang: str) -> str:
    """argparse's English refusal in the language; a message it does not know unchanged."""
    if lang == "en":
        return message
    from konzept.projections.i18n import t

    for pattern, word in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found:
            fields = found.groupdict()
            if "message" in fields:
                fields["message"] = argparse_text(fields["message"], lang)
            return t(lang, word, **fields)
    return message


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, not the whole usage block, in the language
    typed with --lang (German when none): the concept's is not known before parsing."""

    #: Set by :func:`run` from the command line before parsing.
    language = "de"

    def error(self, message: str) -> None:  # type: ignore[override]
        from konzept.projections.i18n import t

        lang = Parser.language
        see = t(lang, "cli_see_help", sub=self._sub())
        self.exit(2, f"konzept: {argparse_text(message, lang)} ({see}).\n")

    def _sub(self) -> str:
        parts = self.prog.split()[1:]
        return " ".join(parts) + " " if parts else ""


def write_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("change record")
    g.add_argument("--reason", default="", help="why this change is made")
    g.add_argument("--effective", help="date from which it holds (YYYY-MM-DD; default today)")
    g.add_argument("--decision", help="key of the decision behind it")


def read_format(p: argparse.ArgumentParser, choices: Sequence[str] = FORMATS) -> None:
    p.add_argument("--format", choices=list(choices), default="txt")


def build_parser() -> Parser:
    parser = Parser(
        prog="konzept",
        description="A district's integration concept as an auditable event log.",
    )
    parser.add_argument("--db", help="the store (default $KONZEPT_DB, else ./konzept.db)")
    parser.add_argument("--lang", choices=["de", "en"], help="language of UI and reports")
    parser.add_argument("--actor", help="act as NAME (only where the store's settings allow)")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    write.register(sub)
    read.register(sub)
    admin.register(sub)
    ssh.register(sub)
    return parser


def _language(ctx: Context, exc: KonzeptError) -> str:
    """The language of a refusal: --lang, else the concept's, else German.

    The concept's language is asked only of a store this run has already opened and
    only when the refusal is not about the store itself: a locked, broken or missing
    store is not read again just to choose the words of its error.
    """
    if ctx.lang or isinstance(exc, StoreError):
        return ctx.lang or "de"
    try:
        return ctx.language()
    except (KonzeptError, sqlite3.Error, UnicodeDecodeError, OSError):
        return "de"


def _typed_language(argv: Sequence[str] | None) -> str:
    """The --lang typed on the command line, for a refusal made before argparse runs;
    German when none (or none it knows) was typed."""
    words = list(sys.argv[1:] if argv is None else argv)
    for i, word in enumerate(words):
        if word.startswith("--lang="):
            typed = word.partition("=")[2]
        elif word == "--lang" and i + 1 < len(words):
            typed = words[i + 1]
        else:
            continue
        return typed if typed in ("de", "en") else "de"
    return "de"


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The ``konzept`` command: run, then leave without tearing the interpreter down."""
    Context.leaves_fast = True
    leave(run(argv))


def leave(code: int) -> NoReturn:
    """Exit with ``code`` once everything said is out, skipping the interpreter's teardown.

    After a diff or a report of a large log the process holds a few hundred thousand
    objects (some of them spared by :meth:`Context.spare`), and freeing them one by
    one took 0.1-0.3 s on the 1M bench store: a fifth of ``konzept diff``'s time,
    spent after its last line was printed. The store is closed by then
    (:func:`run`), so what a normal exit would still do is flush the standard
    streams and run the ``atexit`` handlers (logging, temporary files,
    ``weakref.finalize``): done here, then ``os._exit``. With a thread of ours still
    running the normal exit waits for it, so that is taken instead.
    """
    if threading.active_count() > 1:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        # run() has flushed stdout and said why it could not; what is left here is a
        # reader gone early (``| head``) or a closed stream: nothing more to say.
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def run(argv: Sequence[str] | None = None) -> int:
    for arg in sys.argv[1:] if argv is None else argv:
        # Bytes that are not UTF-8 (a Latin-1 terminal) arrive as lone surrogates, which
        # neither SQLite nor the hash chain can take: refuse them before anything runs.
        if any("\ud800" <= c <= "\udfff" for c in arg):
            said = Message(
                "The argument {arg} is not valid UTF-8 text; check the encoding of your terminal.",
                arg=ascii(arg)[:60],
            )
            print(f"konzept: {said.text(_typed_language(argv))}", file=sys.stderr)
            return 2
    Parser.language = _typed_language(argv)
    parser = build_parser()
    localize(parser, Parser.language)  # --help speaks German unless --lang en
    args = parser.parse_args(argv)
    if args.command is None and os.environ.get("SSH_ORIGINAL_COMMAND"):
        args = ssh.forced_args(parser, argv)  # under OpenSSH's ForceCommand (docs/ssh.md)
    db = args.db or os.environ.get("KONZEPT_DB") or DEFAULT_DB
    ctx = Context(db=db, lang=args.lang, actor_override=args.actor)
    try:
        if args.command is None:
            return admin.open_ui(ctx, args)
        code = int(args.handler(ctx, args) or 0)
        if sys.stdout is not None:  # None when started with stdout closed (``>&-``)
            sys.stdout.flush()  # what did not fit (a full disk) is said here, in words
        return code
    except KonzeptError as exc:
        print(f"konzept: {exc.text(_language(ctx, exc))}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.Error as exc:
        err: StoreError = _translate(exc, db)
        print(f"konzept: {err.text(ctx.lang or 'de')}", file=sys.stderr)
        return err.exit_code
    except UnicodeDecodeError:  # read straight from the store's connection: a damaged page
        print(f"konzept: {damaged(db).text(ctx.lang or 'de')}", file=sys.stderr)
        return 4
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.filename is None and exc.errno in _OUTPUT_FULL:  # stdout to a full disk
            said = Message("{detail} (writing the output).", detail=os_reason(exc))
        else:
            said = Message("{detail} ({path}).", detail=os_reason(exc), path=exc.filename or db)
        print(f"konzept: {said.text(ctx.lang or 'de')}", file=sys.stderr)
        return 4
    finally:
        ctx.close()
