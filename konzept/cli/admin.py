"""People and roles, the demo, checkpoints and the UI."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from konzept.events.errors import ValidationError

from .context import Context
from .output import emit, emit_json
from .write import _run

Sub = Any
ROLES = ["viewer", "editor", "admin"]


def register(sub: Sub) -> None:
    from .main import read_format, write_options

    p = sub.add_parser("grant", help="give a person a role (admin only)")
    p.add_argument("person", help="the person's login name")
    p.add_argument("role", choices=ROLES, metavar="ROLE", help=", ".join(ROLES))
    write_options(p)
    p.set_defaults(handler=lambda c, a: _admin(c, a, "grant", a.person, a.role))

    p = sub.add_parser("revoke", help="take a role from a person (admin only)")
    p.add_argument("person", help="the person's login name")
    p.add_argument("role", choices=ROLES, metavar="ROLE", help=", ".join(ROLES))
    write_options(p)
    p.set_defaults(handler=lambda c, a: _admin(c, a, "revoke", a.person, a.role))

    p = sub.add_parser("people", help="who has which role")
    read_format(p)
    p.set_defaults(handler=people)

    p = sub.add_parser("checkpoint", help="rebuild the persisted projections")
    p.set_defaults(handler=checkpoint)

    p = sub.add_parser("demo", help="create the demo concept and open the UI")
    p.add_argument("--no-tui", action="store_true", help="only create the store")
    p.set_defaults(handler=demo)

    p = sub.add_parser("ui", help="open the terminal UI (the default without a command)")
    p.set_defaults(handler=open_ui)


def _admin(ctx: Context, args: argparse.Namespace, command: str, *pos: Any) -> int:
    return _run(ctx, args, command, *pos, role="admin")


def people(ctx: Context, args: argparse.Namespace) -> int:
    state = ctx.session.state
    if args.format == "json":
        emit_json(state.people)
        return 0
    from konzept.projections.i18n import t
    from konzept.projections.render import table

    lang = ctx.language()
    rows = [[person, ", ".join(roles)] for person, roles in sorted(state.people.items()) if roles]
    headers = [t(lang, "cli_person"), t(lang, "cli_roles")]
    emit(table(rows, headers, args.format) or t(lang, "cli_no_roles"))
    return 0


def checkpoint(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.projections.asof import build_checkpoints

    ctx.store.drop_checkpoints()
    ctx.session.refresh()  # the write model at the head, not the empty state
    ctx.session.save_checkpoint()
    count = build_checkpoints(ctx.store)
    from konzept.projections.i18n import t

    position = ctx.store.head()[0]
    print(t(ctx.language(), "cli_checkpoints", count=count + 1, position=position))
    return 0


def demo(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.demo import build_demo, is_demo
    from konzept.projections.i18n import t
    from konzept.projections.render import safe

    # Run again (the README's first command, say), the demo opens as it was left; any
    # other file at that path is refused, so nobody mistakes a real store for the demo.
    if os.path.lexists(ctx.db) and is_demo(ctx.db):
        print(safe(t(ctx.language(), "cli_demo_exists", path=ctx.db)))
    else:
        build_demo(ctx.db)
        print(safe(t(ctx.language(), "cli_demo_created", path=ctx.db)))
    if args.no_tui:
        return 0
    return open_ui(ctx, args)


def open_ui(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.tui.app import run_app

    ctx.store  # noqa: B018 - open (and validate) the store before starting the UI
    if not (sys.stdin.isatty() and sys.stdout.isatty()):  # e.g. 'ssh -T' under ForceCommand
        raise ValidationError(
            "The UI needs a terminal: name a command instead (konzept --help), "
            "or over SSH connect with 'ssh -t'."
        )
    return int(run_app(ctx.db, lang=ctx.lang, actor=ctx.actor()))
