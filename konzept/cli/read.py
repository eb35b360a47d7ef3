"""Read commands: show, log, history, blame, diff, report, verify, export, import.

Each command imports the projections it uses when it runs, so ``konzept show`` does
not pay for the diff, the history or the report at start-up.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from konzept.events import values as v
from konzept.events.errors import Message, StoreError, ValidationError, os_reason
from konzept.events.store import refuse_overwriting_a_database
from konzept.projections import views
from konzept.projections.asof import fold_as_of, today
from konzept.projections.i18n import t

from .context import Context
from .output import emit, emit_json, safe

if TYPE_CHECKING:
    from konzept.events.state import State
    from konzept.events.store import Store

Sub = Any


def register(sub: Sub) -> None:
    from .main import read_format

    p = sub.add_parser("show", help="the concept, or one entity")
    p.add_argument("key", nargs="?", help="an entity's key (default: the whole concept)")
    p.add_argument("--as-of", help="date or year (a year means 31 Dec)")
    p.add_argument("--at-position", type=int, help="as known when the log ended at N")
    p.add_argument("--at-time", help="as known at a UTC time (YYYY-MM-DDTHH:MM:SS)")
    read_format(p)
    p.set_defaults(handler=show)

    p = sub.add_parser("log", help="the change log")
    for name in ("--since", "--until", "--entity", "--decision"):
        p.add_argument(name)
    p.add_argument("--by", "--actor-filter", dest="by", metavar="NAME", help="only changes by NAME")
    p.add_argument("--limit", type=int)
    read_format(p)
    p.set_defaults(handler=show_log)

    p = sub.add_parser("history", help="one entity's events")
    p.add_argument("key", help="the entity's key, e.g. I-03")
    read_format(p)
    p.set_defaults(handler=show_history)

    p = sub.add_parser("blame", help="for each attribute, the event that set it")
    p.add_argument("key", help="the entity's key, e.g. I-03")
    read_format(p)
    p.set_defaults(handler=show_blame)

    p = sub.add_parser("diff", help="what changed between two years or dates")
    p.add_argument("start", metavar="FROM", help="a year (= 31 Dec) or YYYY-MM-DD")
    p.add_argument("end", metavar="TO", help="a later year or date")
    p.add_argument("--at-position", type=int)
    read_format(p)
    p.set_defaults(handler=show_diff)

    p = sub.add_parser("report", help="the annual report (Jahresbericht)")
    p.add_argument("year", help="the report year, e.g. 2025")
    p.add_argument("--format", choices=["md", "txt", "html", "csv", "json"], default="md")
    p.add_argument("-o", "--output", help="write to FILE instead of the terminal")
    p.add_argument("--at-position", type=int)
    p.set_defaults(handler=report)

    p = sub.add_parser("verify", help="check the hash chain and invariants")
    p.add_argument("--witness", metavar="POSITION:HASH")
    p.set_defaults(handler=verify)

    p = sub.add_parser("export", help="the whole log as JSON Lines")
    p.add_argument("-o", "--output")
    p.set_defaults(handler=export)

    p = sub.add_parser("import", help="load an exported log into an empty store")
    p.add_argument(
        "file", help="a JSON Lines file written by 'konzept export' ('-': standard input)"
    )
    p.set_defaults(handler=import_log)


def _position(ctx: Context, args: argparse.Namespace) -> int | None:
    at_position: int | None = getattr(args, "at_position", None)
    at_time = getattr(args, "at_time", None)
    head = ctx.store.head()[0]
    if at_position is not None and not 0 <= at_position <= head:
        raise ValidationError(
            "Position {position} is outside the log ({first}–{last}).",
            position=at_position,
            first=1,
            last=head,
        )
    if at_time:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?)?Z?", at_time):
            raise ValidationError(
                "{value!r} is not a time; write YYYY-MM-DDTHH:MM:SS (UTC).", value=at_time
            )
        return ctx.store.position_at(at_time if "T" in at_time else at_time + "T23:59:59.999999Z")
    return at_position


def state_for(ctx: Context, args: argparse.Namespace) -> State:
    as_of = v.as_of(args.as_of) if getattr(args, "as_of", None) else None
    return fold_as_of(ctx.store, as_of, _position(ctx, args))


def show(ctx: Context, args: argparse.Namespace) -> int:
    state = state_for(ctx, args)
    as_of = v.as_of(args.as_of) if args.as_of else today()
    if not state.concept:
        raise ValidationError("The concept did not exist yet on {date}.", date=as_of)
    key = None if args.key == "concept" else args.key  # the concept is what `show` shows
    entity = views.find(state, key) if key else None
    if args.format == "json":  # no words in it: the concept's language is not looked up
        if entity is None:
            emit_json(views.concept_json(state, as_of))
        else:
            emit_json(views.entity_json(state, entity, as_of))
        return 0
    lang = ctx.language()
    if entity is not None:
        emit(views.entity_text(state, entity, as_of, args.format, lang))
        return 0
    now = args.as_of is None and args.at_position is None and args.at_time is None
    scheduled = views.scheduled(ctx.store, as_of) if now else []
    emit(views.concept_text(state, as_of, args.format, lang, scheduled))
    return 0


def show_log(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.projections.history import LogFilter, log

    if args.limit is not None and args.limit < 0:
        raise ValidationError(
            "--limit takes a number of entries (0 or more), not {raw!r}.", raw=str(args.limit)
        )
    flt = LogFilter(
        since=v.iso_date(args.since) if args.since else None,
        until=v.iso_date(args.until) if args.until else None,
        entity=args.entity,
        actor=args.by,
        decision=args.decision,
    )
    return _envelopes(ctx, args, log(ctx.store, flt, args.limit))


def show_history(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.projections.history import history

    return _envelopes(ctx, args, history(ctx.store, args.key), one_entity=True)


def _envelopes(
    ctx: Context, args: argparse.Namespace, envelopes: list[Any], one_entity: bool = False
) -> int:
    from konzept.projections.history import envelope_json

    lang = ctx.language()
    if args.format == "json":
        emit_json([envelope_json(e, lang) for e in envelopes])
    elif not envelopes and args.format in ("txt", "md"):  # said, not an empty line
        emit(t(lang, "cli_log_empty"))
    else:
        emit(views.log_text(envelopes, args.format, lang, one_entity))
    return 0


def show_blame(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.projections.history import blame

    state = fold_as_of(ctx.store)
    if args.key == "concept":  # as `show concept` and `history concept`: the concept's facts
        if not state.concept:
            raise ValidationError("The concept did not exist yet on {date}.", date=today())
        entity = state.concept
    else:
        entity = views.find(state, args.key)
    result = blame(ctx.store, args.key, entity, today())
    if args.format == "json":
        emit_json({name: b.as_dict() for name, b in result.items()})
    else:
        emit(views.blame_text(result, args.format, ctx.language()))
    return 0


def show_diff(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.projections.diff import diff

    start, end = v.as_of(args.start), v.as_of(args.end)
    if end < start:
        raise ValidationError(
            "{end} lies before {start}; give the earlier one first.", end=args.end, start=args.start
        )
    result = diff(ctx.store, start, end, _position(ctx, args))
    ctx.spare(result)
    if args.format == "json":
        emit_json(views.diff_json(result, ctx.language()))
    else:
        from konzept.projections.difftext import diff_chunks

        # written as it is laid out: a year of a large concept is megabytes of text
        sys.stdout.writelines(diff_chunks(result, args.format, ctx.language()))
    return 0


def report(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.projections.report import chunks

    year = v.year(args.year)
    to_file = args.output and args.output != "-"  # "-": standard output, as is usual
    if to_file:
        refuse_overwriting_a_database(args.output)  # before a large year is read
    # Written block by block as printed: a large year is never held whole in memory.
    pieces = chunks(ctx.store, year, args.format, ctx.language(), _position(ctx, args))
    if to_file:
        write_file(args.output, pieces)
        said = t(ctx.language(), "cli_report_written", year=year, path=args.output)
        print(safe(said), file=sys.stderr)
    else:
        sys.stdout.writelines(pieces)
    return 0


def verify(ctx: Context, args: argparse.Namespace) -> int:
    witness = None
    if args.witness:
        pos, sep, digest = args.witness.partition(":")
        digest = digest.strip().lower()  # as printed, or copied from a tool that shouts
        if not sep or not pos.isdigit() or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise ValidationError("--witness takes POSITION:HASH (the head printed in a report).")
        witness = (int(pos), digest)
    result = ctx.store.verify(witness)
    if not result.ok:
        if result.broken_position is None:
            raise StoreError("The log is broken: {problem}.", problem=result.problem)
        raise StoreError(
            "The log is broken at position {position}: {problem}.",
            position=result.broken_position,
            problem=result.problem,
        )
    from konzept.projections.integrity import first_inconsistency, forged_checkpoints

    misfit = first_inconsistency(ctx.store)  # valid hashes over what no command writes
    if misfit is not None:
        raise StoreError(
            "The log is broken at position {position}: {problem}.",
            position=misfit[0],
            problem=misfit[1],
        )
    forged = forged_checkpoints(ctx.store)  # a resealed forgery would make 'show' lie
    if forged:
        names = [
            Message("{name} at position {position}", name=cp.name, position=cp.position)
            for cp in forged
        ]
        raise StoreError(
            "The log is intact, but checkpoints do not match it ({names}): "
            "readers would show a forged state; rebuild them with 'konzept checkpoint'.",
            names=names,
        )
    lang = ctx.language()
    said = t(
        lang,
        "cli_verified",
        count=result.count,
        position=result.head_position,
        hash=result.head_hash,
    )
    if witness:
        said += t(lang, "cli_witnessed", position=witness[0])
    print(said)
    return 0


def export(ctx: Context, args: argparse.Namespace) -> int:
    if args.output and args.output != "-":
        count = write_file(args.output, None, ctx.store)
        said = t(ctx.language(), "cli_exported", count=count, path=args.output)
        print(safe(said), file=sys.stderr)
    else:
        ctx.store.export(sys.stdout)
    return 0


def write_file(path: str, text: str | Iterable[str] | None, store: Store | None = None) -> int:
    """Write atomically (temp file + rename): a failed write never leaves half a file.

    A device or a pipe (``-o /dev/stdout``, a FIFO) is written into, not replaced.
    """
    folder = os.path.dirname(os.path.abspath(path))
    refuse_overwriting_a_database(path)
    if _is_stream(path):
        return _write_stream(path, text, store)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".konzept-")
    except OSError as exc:
        raise ValidationError(
            "Cannot write {path}: {detail}.", path=path, detail=os_reason(exc)
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = _write_to(out, text, store)
        os.replace(tmp, path)
    except OSError as exc:  # e.g. the disk is full: name the file, not the store
        os.unlink(tmp)
        raise ValidationError(
            "Cannot write {path}: {detail}; nothing was written.", path=path, detail=os_reason(exc)
        ) from None
    except BaseException:
        os.unlink(tmp)
        raise
    return count


def _write_to(out: TextIO, text: str | Iterable[str] | None, store: Store | None) -> int:
    if store is not None:
        return store.export(out)
    if text is None or isinstance(text, str):
        return out.write(text or "")
    return sum(out.write(piece) for piece in text)  # pieces written as they come


def _is_stream(path: str) -> bool:
    """Whether ``path`` is to be written into, not replaced: a pipe, a terminal or
    another character device, or a link to an open file descriptor (``/dev/stdout``,
    whatever it points to). A block device is refused: it is no place for a report.
    """
    try:
        mode = os.stat(path).st_mode
        link = os.readlink(path) if os.path.islink(path) else ""
    except OSError:
        return False
    if stat.S_ISBLK(mode):
        raise ValidationError("Cannot write {path}: it is a disk, not a file.", path=path)
    if link.startswith(("/proc/", "/dev/fd/")):
        return True
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def _write_stream(path: str, text: str | Iterable[str] | None, store: Store | None) -> int:
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            return _write_to(out, text, store)
    except BrokenPipeError:  # the reader left early (``-o /dev/stdout | head``)
        raise
    except OSError as exc:
        raise ValidationError(
            "Cannot write {path}: {detail}.", path=path, detail=os_reason(exc)
        ) from None


def import_log(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.events.newstore import new_store

    # a new store is built under a temporary name and published whole (see newstore)
    from konzept.events.store import Store

    fresh = not os.path.exists(ctx.db) or os.path.getsize(ctx.db) == 0
    stdin = args.file == "-"  # a log piped in (ssh … import - < log.jsonl)
    try:
        with (
            contextlib.nullcontext(sys.stdin.buffer) if stdin else open(args.file, "rb") as source,
            new_store(ctx.db) if fresh else Store.open(ctx.db) as store,
        ):
            count = store.import_file(source)
    except UnicodeDecodeError:
        raise ValidationError("{path} is not UTF-8 text.", path=args.file) from None
    except OSError as exc:
        raise ValidationError(
            "Cannot read {path}: {detail}.", path=args.file, detail=os_reason(exc)
        ) from None
    print(safe(t(ctx.language(), "cli_imported", count=count, path=ctx.db)))
    return 0
