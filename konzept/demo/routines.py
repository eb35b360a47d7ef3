"""Recurring work of the integration office, written as the storyline uses it.

Adding rows of the data tables, recording a committee's decision, the yearly
statistics delivery (one CSV import plus figures typed in by their stewards) and the
yearly review that ends with closing the year.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from konzept.events import commands as cmd

from .data_concept import STAFF, Actor, Goal, Measure
from .data_indicators import FIRST_DELIVERED, Indicator, indicator, value
from .data_politics import AGREEMENTS, DECISIONS
from .writer import Writer

#: Indicators on volunteering move to the new volunteer coordinator in August 2021.
VOLUNTEERING = {"I-08", "I-09"}


def hire(w: Writer, login: str, reason: str) -> None:
    """An admin grants a colleague the role the staff table gives them, on their first day."""
    role, since = next((role, since) for who, role, since, _ in STAFF if who == login)
    w.on(since, "mmeyer", "08:20")
    w.do(cmd.grant, login, role, reason=reason)


#: Fields of the data tables that are not arguments of the add command.
_NOT_ARGUMENTS = {"key", "steward"}


def add(
    w: Writer,
    command: Callable[..., cmd.Plan],
    row: NamedTuple,
    reason: str,
    *,
    effective: str | None = None,
    decision: str | None = None,
) -> None:
    """Add one row of a data table: its fields are the command's arguments by name."""
    fields = {k: v for k, v in row._asdict().items() if k not in _NOT_ARGUMENTS}
    w.do(command, row.key, **fields, reason=reason, effective=effective, decision=decision)  # type: ignore[attr-defined]


def add_actor(w: Writer, actor: Actor, reason: str, *, effective: str | None = None) -> None:
    add(w, cmd.add_actor, actor, reason, effective=effective)


def add_goal(
    w: Writer, goal: Goal, reason: str, *, effective: str | None = None, decision: str | None = None
) -> None:
    add(w, cmd.add_goal, goal, reason, effective=effective, decision=decision)


def add_measure(
    w: Writer,
    measure: Measure,
    reason: str,
    *,
    effective: str | None = None,
    decision: str | None = None,
) -> None:
    add(w, cmd.add_measure, measure, reason, effective=effective, decision=decision)


def add_indicator(
    w: Writer,
    row: Indicator,
    reason: str,
    *,
    effective: str | None = None,
    decision: str | None = None,
) -> None:
    add(w, cmd.add_indicator, row, reason, effective=effective, decision=decision)


def record_decision(w: Writer, key: str, reason: str = "") -> str:
    """Enter a committee's decision, effective on the day of the meeting; returns the key."""
    d = DECISIONS[key]
    w.do(
        cmd.add_decision,
        key,
        body=d.body,
        date=d.date,
        title=d.title,
        reference=d.reference,
        outcome=d.outcome,
        link=d.link,
        reason=reason or f"Beschluss aus dem Sitzungsprotokoll übernommen ({d.reference})",
        effective=d.date,
    )
    return key


def draft_agreement(w: Writer, key: str, reason: str, *, effective: str | None = None) -> None:
    """An agreement as first drafted, with its obligations."""
    a = AGREEMENTS[key]
    w.do(
        cmd.add_agreement,
        key,
        title=a.title,
        parties=a.parties,
        goals=a.goals,
        measures=a.measures,
        valid_from=a.valid_from,
        valid_until=a.valid_until,
        review=a.review,
        reason=reason,
        effective=effective,
    )
    for party, what, due in a.obligations:
        w.do(
            cmd.add_obligation,
            key,
            party=party,
            what=what,
            due=due,
            reason=f"Verpflichtung aus dem Vertragsentwurf ({party})",
            effective=effective,
        )


def steward(row: Indicator, day: str) -> str:
    """Who enters an indicator's figure on a given day (staff changes over the years)."""
    if row.key in VOLUNTEERING and day >= "2021-08-02":
        return "jwagner"
    if row.steward == "aschulz" and day >= "2023-07-01":
        return "tbrandt"
    return row.steward


def due_figures(w: Writer, year: int) -> list[Indicator]:
    """Active indicators with a figure for ``year`` that the record does not hold yet."""
    state = w.session.state
    rows = []
    for key, entity in sorted(state.entities.items()):
        if entity["kind"] != "indicator" or entity["status"] != "active":
            continue
        if str(year) not in entity["values"] and value(key, year) is not None:
            rows.append(indicator(key))
    return rows


def delivered(row: Indicator, year: int) -> float:
    """The figure as first delivered (sometimes wrong, see ``FIRST_DELIVERED``)."""
    figure = FIRST_DELIVERED.get((row.key, year), value(row.key, year))
    assert figure is not None
    return figure


def statistics_csv(rows: list[Indicator], year: int) -> str:
    """The CSV file a statistics delivery arrives as (``indicator,year,value,source``)."""
    lines = ["indicator,year,value,source,note"]
    for row in rows:
        figure = delivered(row, year)
        lines.append(f'{row.key},{year},{figure},"{row.source}",')
    return "\n".join(lines) + "\n"


def import_statistics(w: Writer, day: str, year: int) -> None:
    """tbrandt imports the year's statistics delivery as one CSV batch."""
    w.on(day, "tbrandt", "07:55")
    rows = [r for r in due_figures(w, year) if steward(r, day) == "tbrandt"]
    w.import_values(
        statistics_csv(rows, year),
        reason=f"Statistiklieferung {year} (werte_{year}.csv)",
    )


def enter_figures(w: Writer, day: str, year: int) -> None:
    """The stewards type in the figures they collect themselves, one by one."""
    rows = [r for r in due_figures(w, year) if steward(r, day) != "tbrandt"]
    for person in sorted({steward(r, day) for r in rows}):
        w.on(day, person, "09:30")
        for row in rows:
            if steward(row, day) == person:
                w.record(
                    row.key,
                    year,
                    delivered(row, year),
                    source=row.source,
                    reason=f"Jahreswert {year} aus: {row.source}",
                )


def reopen_review(w: Writer, day: str, year: int) -> None:
    """January: process step 5 starts its next round for the report on ``year``."""
    w.on(day, "mmeyer", "08:15")
    w.status(
        "P5",
        "in_progress",
        reason=f"Integrationsbericht {year}: Datensammlung und Beteiligung der Akteure beginnen",
    )


def close_review(w: Writer, day: str, decision: str, year: int) -> None:
    """The committee took note of the report: record it, close the year, finish step 5."""
    w.on(day, "mmeyer", "10:05")
    record_decision(w, decision, f"Kenntnisnahme des Integrationsberichts {year} protokolliert")
    date = DECISIONS[decision].date
    w.do(
        cmd.close_year,
        year,
        reason=f"Integrationsbericht {year} vom Ausschuss zur Kenntnis genommen; Werte gesperrt",
        effective=date,
        decision=decision,
    )
    w.status(
        "P5",
        "done",
        reason=f"Berichtsrunde {year} abgeschlossen",
        effective=date,
        decision=decision,
    )
