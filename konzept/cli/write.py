"""Write commands: each parses its arguments, runs one domain command, says what it wrote.

A domain command is named here and looked up when it runs: building the parser must
not import the command functions, which a read command (``konzept show``) never needs.
"""

from __future__ import annotations

import argparse
import codecs
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from konzept.events.errors import ValidationError, os_reason
from konzept.events.kinds import ACTOR_KINDS, DECISION_BODIES

from .context import Context
from .output import safe

if TYPE_CHECKING:
    from konzept.events.envelope import Envelope

Sub = Any  # argparse's _SubParsersAction is private


def register(sub: Sub) -> None:
    from .main import write_options

    p = sub.add_parser("init", help="create an empty store")
    p.add_argument("--title", default="Integrationskonzept")
    p.add_argument("--territory", default="")
    p.add_argument("--population", type=str)
    p.add_argument("--area", type=str)
    p.set_defaults(handler=init)

    add = sub.add_parser("add", help="add an entity").add_subparsers(
        dest="what", metavar="KIND", required=True
    )

    def adder(
        name: str,
        command: str,
        key: str = "KEY",
        help_: str = "",
        key_help: str = "the new entity's key, e.g. HF1-Z2",
    ) -> Callable[..., None]:
        """A ``konzept add NAME`` parser whose every option goes to ``command`` by its dest."""
        p: argparse.ArgumentParser = add.add_parser(name, help=help_)
        p.add_argument("key", metavar=key, help=key_help)
        write_options(p)
        fields: list[str] = []

        def option(flag: str, **kw: Any) -> None:
            fields.append(p.add_argument(flag, **kw).dest)

        p.set_defaults(
            handler=lambda c, a: _run(
                c, a, command, a.key, **{name: getattr(a, name) for name in fields}
            )
        )
        return option

    o = adder("field", "add_field", help_="a field of action (Handlungsfeld)")
    o("--title", required=True)
    o("--description", default="")

    o = adder("goal", "add_goal", help_="a goal (Ziel)")
    o("--field", required=True)
    o("--title", required=True)
    o("--parent")
    o("--target-year")
    o("--description", default="")

    o = adder("measure", "add_measure", help_="a measure (Maßnahme)")
    o("--goal", required=True)
    o("--title", required=True)
    o("--description", default="")
    o("--responsible")
    o("--partner", dest="partners", action="append", default=[])
    o("--start")
    o("--end")

    o = adder("indicator", "add_indicator", help_="an indicator (Indikator)")
    o("--goal", required=True)
    o("--name", required=True)
    o("--unit", required=True)
    o("--direction", required=True, choices=["up", "down", "keep"])
    o("--baseline", metavar="YEAR=VALUE")
    o("--target", metavar="YEAR=VALUE")
    o("--source", default="")
    o("--definition", default="")
    o("--weight", default="1")

    o = adder("actor", "add_actor", help_="an actor (Akteur)")
    o("--name", required=True)
    o("--kind", required=True, choices=ACTOR_KINDS)
    o("--contact", default="")

    o = adder("agreement", "add_agreement", help_="an agreement (Vereinbarung)")
    o("--title", required=True)
    o("--party", dest="parties", action="append", default=[], required=True)
    o("--goal", dest="goals", action="append", default=[])
    o("--measure", dest="measures", action="append", default=[])
    o("--valid-from")
    o("--valid-until")
    o("--review")

    o = adder(
        "obligation",
        "add_obligation",
        key="AGREEMENT",
        help_="an obligation of a party of an agreement",
        key_help="the key of the agreement",
    )
    o("--party", required=True)
    o("--what", required=True)
    o("--due")

    o = adder("decision", "add_decision", help_="a political decision (Beschluss)")
    o("--body", required=True, help=f"e.g. {', '.join(DECISION_BODIES)}")
    o("--date", required=True)
    o("--title", required=True)
    o("--reference", default="")
    o("--outcome", default="")
    o("--link", default="")

    p = sub.add_parser("set", help="change one attribute")
    p.add_argument("key", help="the entity's key (or 'settings' for a store setting)")
    p.add_argument("attribute", help="the attribute's name, e.g. title or target")
    p.add_argument("value", help="the new value (YEAR=VALUE for baseline and target)")
    write_options(p)
    p.set_defaults(
        handler=lambda c, a: _run(
            c,
            a,
            "set_attribute",
            a.key,
            a.attribute,
            a.value,
            role="admin" if a.key == "settings" else "editor",
        )
    )

    p = sub.add_parser("status", help="move an entity along its lifecycle")
    p.add_argument("key", help="the entity's key")
    p.add_argument("status", help="the new status, e.g. adopted, running, signed")
    write_options(p)
    p.set_defaults(handler=lambda c, a: _run(c, a, "set_status", a.key, a.status))

    p = sub.add_parser("retire", help="retire an entity (end of its lifecycle)")
    p.add_argument("key", help="the entity's key")
    write_options(p)
    p.set_defaults(handler=lambda c, a: _run(c, a, "retire", a.key))

    p = sub.add_parser("fulfil", help="mark an obligation of an agreement fulfilled")
    p.add_argument("agreement", help="the agreement's key")
    p.add_argument("number", type=int, help="the obligation's number within it")
    write_options(p)
    p.set_defaults(handler=lambda c, a: _run(c, a, "fulfil_obligation", a.agreement, a.number))

    p = sub.add_parser("record", help="record (or correct) an indicator value")
    p.add_argument("indicator", help="the indicator's key, e.g. I-03")
    p.add_argument("year", help="the year the value is for, e.g. 2025")
    p.add_argument("value", help="the measured value, e.g. 12.5 (12,5 in German)")
    p.add_argument("--source", default="", help="where the value comes from")
    p.add_argument("--note", default="", help="a remark on the value")
    p.add_argument("--reopen", action="store_true", help="correct a value of a closed year")
    write_options(p)
    p.set_defaults(
        handler=lambda c, a: _run(
            c,
            a,
            "record_value",
            a.indicator,
            a.year,
            a.value,
            source=a.source,
            note=a.note,
            reopen=a.reopen,
        )
    )

    p = sub.add_parser("import-values", help="record many values from a CSV file")
    p.add_argument("file", help="CSV with indicator,year,value[,source,note]; - for stdin")
    p.add_argument("--reopen", action="store_true", help="allow values of closed years")
    write_options(p)
    p.set_defaults(handler=import_values)

    p = sub.add_parser("close-year", help="lock a reviewed year's indicator values")
    p.add_argument("year", help="the year to close, e.g. 2025")
    write_options(p)
    p.set_defaults(handler=close_year)

    p = sub.add_parser("revert", help="undo one change by appending its inverse")
    p.add_argument("position", type=int, help="the change's position in 'konzept log'")
    p.add_argument(
        "--reopen", action="store_true", help="allow changing back a value of a closed year"
    )
    write_options(p)
    p.set_defaults(handler=revert)


def _said(ctx: Context, envelopes: list[Envelope]) -> int:
    from konzept.projections.describe import summary
    from konzept.projections.history import shown_key

    lang = ctx.language()
    for e in envelopes:
        print(f"#{e.position} {safe(shown_key(e, lang))}: {safe(summary(e, lang))}")
    return 0


def _run(
    ctx: Context,
    args: argparse.Namespace,
    command: str,
    *pos: Any,
    role: str = "editor",
    **kw: Any,
) -> int:
    """Run the domain command of this name (:mod:`konzept.events.commands`) and say
    what it wrote."""
    from konzept.events import commands as cmd

    function = getattr(cmd, command)
    envelopes = ctx.session.execute(function, *pos, meta=ctx.meta(args), role=role, **kw)
    return _said(ctx, envelopes)


def init(ctx: Context, args: argparse.Namespace) -> int:
    from konzept.events import commands as cmd
    from konzept.events import values as v
    from konzept.events.newstore import new_store
    from konzept.events.service import Konzept, WriteMeta, login_name

    population = v.positive_int(args.population) if args.population else None
    area = v.optional_positive_number(args.area) if args.area else None
    title = v.title(args.title)

    # built under a temporary name and published whole: a crash leaves no half store
    with new_store(ctx.db) as store:
        session = Konzept(store)
        founder = ctx.actor_override or login_name()
        plan = cmd.init_concept(
            session.state,
            title=title,
            territory=args.territory,
            population=population,
            area_km2=area,
            language=ctx.lang or "de",
            founder=founder,
        )
        session.append(plan, WriteMeta(actor=founder, reason="konzept init"))
    from konzept.projections.i18n import t

    said = t(ctx.lang or "de", "cli_created", path=ctx.db, title=title, founder=founder)
    print(safe(said))
    return 0


def import_values(ctx: Context, a: argparse.Namespace) -> int:
    text = _read_text(a.file)
    envelopes = ctx.session.import_values(text, meta=ctx.meta(a), reopen=a.reopen)
    from konzept.projections.i18n import t

    said = t(
        ctx.language(),
        "cli_values_recorded",
        count=len(envelopes),
        path=a.file,
        first=envelopes[0].position,
        last=envelopes[-1].position,
    )
    print(safe(said))
    return 0


def close_year(ctx: Context, a: argparse.Namespace) -> int:
    return _run(ctx, a, "close_year", a.year)


def revert(ctx: Context, a: argparse.Namespace) -> int:
    return _said(ctx, ctx.session.revert(a.position, meta=ctx.meta(a), reopen=a.reopen))


def _read_text(path: str) -> str:
    """The file as text; a byte that is not UTF-8 is refused naming its line."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as exc:
        raise ValidationError(
            "Cannot read {path}: {detail}.", path=path, detail=os_reason(exc)
        ) from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError(
            "Line {line}: {path} is not UTF-8 text; save it as UTF-8 CSV.", line=line, path=path
        ) from None
