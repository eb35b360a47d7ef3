"""Read views of the CLI: the concept, one entity, the log, blame and diff — as rows
for :mod:`render` and as the stable JSON of SPEC §4."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from konzept.events.errors import ValidationError
from konzept.events.kinds import KINDS
from konzept.events.state import Entity, State
from konzept.events.store import Store, to_envelope

from .describe import fmt, fmt_attribute, summary
from .i18n import t
from .render import heading, join, table
from .status import indicator_status, latest_year, progress_of

if TYPE_CHECKING:  # types only: ``konzept show`` does not load the diff or the history
    from konzept.events.envelope import Envelope

    from .diff import Diff, Entry
    from .history import Blame

KIND_ORDER = ("field", "goal", "measure", "indicator", "actor", "agreement", "decision", "step")
_HIDDEN = {"key", "kind", "values", "obligations", "updated"}


def find(state: State, key: str) -> Entity:
    entity = state.entities.get(key)
    if entity is None:
        # Now, as of a date or at a position: the same sentence is true of each.
        raise ValidationError("This state of the concept has no entry with the key {key}.", key=key)
    return entity


def current_year(as_of: str) -> int:
    return int(as_of[:4])


def latest_value(entity: Entity) -> tuple[int, Any] | None:
    values = entity.get("values") or {}
    if not values:
        return None
    year = max(values, key=int)
    return int(year), values[year]


# --- JSON ------------------------------------------------------------------------------


def entity_json(state: State, entity: Entity, as_of: str) -> dict[str, Any]:
    data = dict(entity)
    if entity["kind"] == "indicator":
        latest = latest_value(entity)
        year = latest[0] if latest else current_year(as_of)
        data["indicator_status"] = indicator_status(
            entity, year, state.settings.get("tolerance", 10)
        ).as_dict()
    return data


def concept_json(state: State, as_of: str) -> dict[str, Any]:
    concept = {
        **state.concept,
        "as_of": as_of,
        "position": state.position,
        "closed_years": state.closed_years,
        "settings": state.settings,
    }
    entities = sorted(
        state.entities.values(), key=lambda e: (KIND_ORDER.index(e["kind"]), e["key"])
    )
    return {"concept": concept, "entities": [entity_json(state, e, as_of) for e in entities]}


def diff_json(d: Diff, lang: str) -> dict[str, Any]:
    def events(envelopes: list[Entry]) -> list[dict[str, Any]]:
        return [
            {
                "position": e.position,
                "type": e.type,
                "effective": e.effective,
                "actor": e.actor,
                "reason": e.reason,
                "decision": e.decision,
                "summary": summary(e, lang),
            }
            for e in envelopes
        ]

    return {
        "from": d.start,
        "to": d.end,
        "added": [{**e, "events": events(d.events.get(e["key"], []))} for e in d.added],
        "changed": [
            {
                "key": c.key,
                "attribute": c.attribute,
                "old": c.old,
                "new": c.new,
                "events": events(c.events),
            }
            for c in d.changed
        ],
        "retired": [{**e, "events": events(d.events.get(e["key"], []))} for e in d.retired],
        "touched": {k: events(v) for k, v in d.touched.items()},
    }


# --- text ------------------------------------------------------------------------------


def label(entity: Entity) -> str:
    return str(entity.get("title") or entity.get("name") or "")


def concept_text(state: State, as_of: str, fmt_: str, lang: str, scheduled: list[Envelope]) -> str:
    c = state.concept
    year = current_year(as_of)
    tol = state.settings.get("tolerance", 10)
    facts: list[list[Any]] = [
        [t(lang, "territory"), c.get("territory")],
        [t(lang, "population"), figure(c.get("population"), lang, fmt_)],
        [t(lang, "area_km2"), figure(c.get("area_km2"), lang, fmt_)],
        [
            t(lang, "as_of" if lang == "en" else "Stand"),
            f"{as_of} ({t(lang, 'position')} {state.position})",
        ],
    ]
    by_parent: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in state.entities.values():
        parent = e.get("parent") or e.get("field") if e["kind"] == "goal" else e.get("goal")
        if e["kind"] in ("goal", "measure", "indicator"):
            by_parent[(e["kind"], parent or "")].append(e)
    rows: list[list[Any]] = []
    # the tree's depth as indentation of the key (plain text only)
    pad = "  " if fmt_ == "txt" else ""

    def goal_rows(goal: Entity, depth: int) -> None:
        indicators = [i for i in by_parent[("indicator", goal["key"])] if i["status"] == "active"]
        latest = latest_year(indicators, year)
        progress = None if latest is None else progress_of(indicators, latest, tol)
        info = "" if progress is None else f"{progress:.0f} % ({latest})"
        rows.append([pad * depth + goal["key"], label(goal), t(lang, goal["status"]), info])
        for child in sorted(by_parent[("goal", goal["key"])], key=lambda g: g["key"]):
            if child.get("parent") == goal["key"]:
                goal_rows(child, depth + 1)
        for m in sorted(by_parent[("measure", goal["key"])], key=lambda m: m["key"]):
            rows.append(
                [
                    pad * (depth + 1) + m["key"],
                    label(m),
                    t(lang, m["status"]),
                    m.get("responsible") or "",
                ]
            )
        for i in sorted(by_parent[("indicator", goal["key"])], key=lambda i: i["key"]):
            last = latest_value(i)
            info = ""
            if last:
                status = indicator_status(i, last[0], tol).status
                info = f"{fmt(last[1], lang)} {i['unit']} ({last[0]}) {t(lang, status)}"
            rows.append([pad * (depth + 1) + i["key"], label(i), t(lang, i["status"]), info])

    for field in sorted(state.of_kind("field"), key=lambda f: f["key"]):
        rows.append(
            [
                field["key"],
                label(field),
                t(lang, field["status"]),
                "",
            ]
        )
        for goal in sorted(by_parent[("goal", field["key"])], key=lambda g: g["key"]):
            if not goal.get("parent"):
                goal_rows(goal, 1)
    headers = [t(lang, "key"), t(lang, "title"), t(lang, "status"), t(lang, "show_details")]
    wrap = [12, 30, 13, 17]
    blocks = [
        heading(str(c.get("title", "")), fmt_),
        table(facts, [], fmt_),
        heading(t(lang, "fields"), fmt_, 2),
        table(rows, headers, fmt_, wrap),
    ]
    for kind, extra in (
        ("actor", "actor_kind"),
        ("agreement", "valid_until"),
        ("decision", "date"),
        ("step", "number"),
    ):
        items = sorted(state.of_kind(kind), key=lambda e: (str(e.get(extra) or ""), e["key"]))
        if items:
            blocks.append(heading(t(lang, kind + "s"), fmt_, 2))
            blocks.append(
                table(
                    [
                        [
                            e["key"],
                            label(e),
                            t(lang, e["status"]),
                            t(lang, str(e.get(extra) or ""))
                            if kind == "actor"
                            else fmt(e.get(extra), lang),
                        ]
                        for e in items
                    ],
                    [*headers[:3], t(lang, extra)],
                    fmt_,
                    wrap,
                )
            )
    if scheduled:
        blocks.append(
            heading("Geplante Änderungen" if lang == "de" else "Scheduled changes", fmt_, 2)
        )
        blocks.append(
            table(
                [[e.effective, e.key, summary(e, lang)] for e in scheduled],
                [t(lang, "effective"), t(lang, "entity"), t(lang, "change")],
                fmt_,
                [10, 14, 50],
            )
        )
    return join(*blocks)


def scheduled(store: Store, as_of: str) -> list[Envelope]:
    return [to_envelope(r) for r in store.rows("effective > ?", [as_of], "effective, position")]


def attribute_label(name: str, lang: str) -> str:
    """``target`` → "Zielwert", ``values.2018`` → "Messwert 2018"."""
    head, _, tail = name.partition(".")
    word = {"values": "value", "obligations": "obligation"}.get(head, head)
    return f"{t(lang, word)} {tail}".strip()


#: Attributes whose values are coded words, shown translated.
CODED = frozenset({"status", "direction", "actor_kind"})


def shown_value(name: str, value: Any, lang: str) -> str:
    """A value as people read it; coded words (status, direction, kind) translated.
    Any other non-empty text is shown as it is."""
    if name in CODED and isinstance(value, str):
        return t(lang, value)
    if name.startswith("obligations.") and isinstance(value, dict):
        return f"{value['party']}: {value['what']}"
    return fmt_attribute(name, value, lang)


def ordered_attributes(entity: Entity) -> list[str]:
    """Status first, then the kind's attributes in the order of the domain table."""
    kind = KINDS.get(entity["kind"])
    known = list(kind.attrs) if kind else []
    rest = sorted(n for n in entity if n not in known and n not in _HIDDEN and n != "status")
    return ["status", *[n for n in known if n in entity], *rest]


def figure(value: Any, lang: str, fmt_: str) -> Any:
    """A number as people read it ("1.320" in German), but as the number itself in
    CSV, which scripts read (a German "1.320" would be 1.32 to them)."""
    if fmt_ == "csv" and isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return fmt(value, lang)


def _csv_value(name: str, value: Any, lang: str) -> Any:
    """An attribute's value in CSV: numbers plain, a baseline or target as "850 (2018)"."""
    if isinstance(value, dict) and set(value) == {"year", "value"}:
        return f"{value['value']} ({value['year']})"
    if isinstance(value, int | float) and not isinstance(value, bool) and name != "target_year":
        return value
    return shown_value(name, value, lang)


def entity_text(state: State, entity: Entity, as_of: str, fmt_: str, lang: str) -> str:
    shown = _csv_value if fmt_ == "csv" else shown_value
    rows = [
        [attribute_label(name, lang), shown(name, entity[name], lang)]
        for name in ordered_attributes(entity)
    ]
    blocks = [
        heading(f"{t(lang, entity['kind'])} {entity['key']}: {label(entity)}", fmt_),
        table(rows, [t(lang, "attribute"), ""], fmt_, [18, 58]),
    ]
    if entity["kind"] == "indicator" and entity["values"]:
        tol = state.settings.get("tolerance", 10)
        value_rows = []
        for year in sorted(entity["values"], key=int):
            st = indicator_status(entity, int(year), tol)
            value_rows.append(
                [
                    year,
                    figure(entity["values"][year], lang, fmt_),
                    figure(None if st.expected is None else round(st.expected, 1), lang, fmt_),
                    t(lang, st.status),
                ]
            )
        blocks.append(
            table(
                value_rows,
                [
                    t(lang, "year" if lang == "en" else "Jahr"),
                    t(lang, "value"),
                    t(lang, "expected"),
                    t(lang, "status"),
                ],
                fmt_,
            )
        )
    if entity.get("obligations"):
        blocks.append(
            table(
                [
                    [
                        o["number"],
                        o["party"],
                        o["what"],
                        o.get("due") or "",
                        o.get("fulfilled") or "",
                    ]
                    for o in entity["obligations"]
                ],
                [
                    t(lang, "number"),
                    t(lang, "party"),
                    t(lang, "what"),
                    t(lang, "due"),
                    t(lang, "fulfilled"),
                ],
                fmt_,
                [4, 12, 36, 10, 10],
            )
        )
    below = state.below(entity)
    if below:  # a field's goals, a goal's sub-goals, measures and indicators
        blocks.append(heading(t(lang, "entries_below", key=entity["key"]), fmt_, 2))
        blocks.append(
            table(
                [[e["key"], t(lang, e["kind"]), label(e), t(lang, e["status"])] for e in below],
                [t(lang, "entity"), t(lang, "diff_kind"), t(lang, "title"), t(lang, "status")],
                fmt_,
                [10, 9, 40, 14],
            )
        )
    return join(*blocks)


def readable_time(recorded_at: str) -> str:
    """``2016-06-13T08:54:33.380112Z`` as read: ``2016-06-13 08:54 UTC``."""
    return f"{recorded_at[:10]} {recorded_at[11:16]} UTC"


def log_text(envelopes: list[Envelope], fmt_: str, lang: str, one_entity: bool = False) -> str:
    """The change log as text, Markdown or CSV.

    ``one_entity`` (``konzept history``): the key is the same on every row, so the
    plain text shows when each change was recorded in its place.
    """
    from .history import shown_key

    rows = []
    for e in envelopes:
        why = e.reason + (f" [{e.decision}]" if e.decision else "")
        said = summary(e, lang) + (f"\n» {why}" if why.strip() else "")
        if fmt_ == "txt" and one_entity:
            recorded = readable_time(e.recorded_at).replace(" ", "\n", 1)
            rows.append([e.position, recorded, e.effective, e.actor, said])
        elif fmt_ == "txt":
            rows.append([e.position, e.effective, e.actor, shown_key(e, lang), said])
        else:
            rows.append(
                [
                    e.position,
                    readable_time(e.recorded_at) if fmt_ == "md" else e.recorded_at,
                    e.effective,
                    e.actor,
                    shown_key(e, lang),
                    summary(e, lang),
                    e.reason,
                    e.decision or "",
                ]
            )
    if fmt_ == "txt" and one_entity:
        headers = ["position", "recorded_at", "effective", "who", "change"]
        return table(rows, [t(lang, h) for h in headers], fmt_, [6, 10, 10, 10, 35])
    if fmt_ == "txt":
        return table(
            rows,
            [
                t(lang, "position"),
                t(lang, "effective"),
                t(lang, "who"),
                t(lang, "entity"),
                t(lang, "change"),
            ],
            fmt_,
            [6, 10, 10, 12, 34],
        )
    return table(
        rows,
        [
            t(lang, h)
            for h in (
                "position",
                "recorded_at",
                "effective",
                "who",
                "entity",
                "change",
                "reason",
                "decision",
            )
        ],
        fmt_,
    )


def _blame_order(name: str) -> tuple[bool, int, str]:
    known = ["status", *(a for k in KINDS.values() for a in k.attrs)]
    return ("." in name, known.index(name) if name in known else len(known), name)


def blame_text(result: dict[str, Blame], fmt_: str, lang: str) -> str:
    """Each attribute with the change that set it. In plain text the reason goes under
    the value ("» …", as in the log): six columns side by side broke words and ran past
    80 columns."""
    ordered = sorted(result.items(), key=lambda item: _blame_order(item[0]))
    rows: list[list[Any]] = []
    for name, b in ordered:
        e = b.envelope
        why = e.reason + (f" [{e.decision}]" if e.decision else "")
        value = shown_value(name, b.value, lang)
        if fmt_ == "txt":
            said = value + (f"\n» {why}" if why.strip() else "")
            rows.append([attribute_label(name, lang), said, e.position, e.actor, e.effective])
        else:  # reason and decision apart, and the recording time: what JSON gives
            stamp = e.recorded_at if fmt_ == "csv" else readable_time(e.recorded_at)  # as `log`
            row = [attribute_label(name, lang), value, e.position, e.actor, stamp, e.effective]
            rows.append([*row, e.reason, e.decision or ""])
    if fmt_ == "txt":
        headers = [
            t(lang, "attribute"),
            f"{t(lang, 'current_value')}\n» {t(lang, 'reason')}",
            t(lang, "position"),
            t(lang, "who"),
            t(lang, "effective"),
        ]
        return table(rows, headers, fmt_, [14, 32, 5, 9, 10])
    return table(
        rows,
        [
            t(lang, "attribute"),
            t(lang, "current_value"),
            t(lang, "position"),
            t(lang, "who"),
            t(lang, "recorded_at"),
            t(lang, "effective"),
            t(lang, "reason"),
            t(lang, "decision"),
        ],
        fmt_,
    )


def diff_text(d: Diff, fmt_: str, lang: str) -> str:
    """The diff as text, Markdown or CSV (laid out by :mod:`difftext`)."""
    from .difftext import diff_text as text

    return text(d, fmt_, lang)
