"""2016–2017: the concept is drafted with the departments and adopted by the Kreistag.

The seed's history: a year of drafting with the administration's leadership and the
departments of social affairs and adult education, half a year in the political
bodies, adoption by the Kreistag in spring 2017, then the external actors join.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from konzept.events import commands as cmd

from . import routines as r
from .data_concept import (
    ACTORS,
    AREA_KM2,
    FIELDS,
    GOALS,
    MEASURES,
    POPULATION,
    STAFF,
    TERRITORY,
    TITLE,
    Measure,
)
from .data_indicators import INDICATORS
from .writer import Writer

_INTERNAL = {"KOST", "FD-SOZ", "FD-JUG", "FD-GES", "FD-PERS", "ABH", "VHS", "KT", "KA", "SA"}


def year_2016(w: Writer) -> None:
    """Drafting: political mandate, fields of action, goals, measures, indicators."""
    w.on("2016-01-11", "mmeyer", "08:05")
    w.do(
        cmd.init_concept,
        founder="mmeyer",
        reason="Auftrag der Verwaltungsspitze vom 05.01.2016",
        title=TITLE,
        territory=TERRITORY,
        population=POPULATION,
        area_km2=AREA_KM2,
    )
    for login, _, since, job in STAFF:
        if login != "mmeyer" and since < "2017-01-01":
            r.hire(w, login, f"Mitarbeit am Konzept: {job}")
    w.on("2016-02-01", "mmeyer", "09:00")
    w.status("P1", "in_progress", reason="Vorstellung der Integrationsarbeit im Sozialausschuss")

    w.on("2016-02-29", "mmeyer")
    r.record_decision(w, "SA-2016-1")
    w.status(
        "P1",
        "done",
        reason="Ausschuss hat die Arbeit zur Kenntnis genommen und den Auftrag erteilt",
        effective="2016-02-25",
        decision="SA-2016-1",
    )
    w.on("2016-03-14", "mmeyer")
    r.record_decision(w, "KA-2016-1")
    w.status(
        "P2",
        "in_progress",
        reason="Projektstruktur beschlossen; Erarbeitung mit den Fachbereichen beginnt",
        effective="2016-03-10",
        decision="KA-2016-1",
    )

    w.on("2016-03-21", "aschulz")
    for actor in ACTORS:
        if actor.key in _INTERNAL:
            r.add_actor(w, actor, "Beteiligte Stellen der Kreisverwaltung und Gremien erfasst")
    w.on("2016-04-18", "mmeyer")
    for key, title, description in FIELDS:
        w.do(
            cmd.add_field,
            key,
            title=title,
            description=description,
            reason="Handlungsfeld aus dem Workshop mit den Fachbereichen Soziales und VHS "
            "am 12.04.2016",
        )
    w.on("2016-05-23", "aschulz")
    for actor in ACTORS:
        if actor.key not in _INTERNAL:
            r.add_actor(w, actor, "Externe Akteure für die spätere Beteiligung (Schritt 4)")

    w.on("2016-06-13", "mmeyer")
    field_titles = {key: title for key, title, _ in FIELDS}
    for goal in GOALS:
        r.add_goal(w, goal, f"Zielentwurf der Arbeitsgruppe „{field_titles[goal.field]}“")
    w.on("2016-09-05", "aschulz")
    for measure in MEASURES:
        r.add_measure(w, measure, "Maßnahmenvorschlag aus der Bestandsaufnahme 2016")
    w.on("2016-10-10", "tbrandt")
    for row in INDICATORS:
        r.add_indicator(
            w,
            row,
            "Konzeptentwurf: Indikator mit geschätztem Ausgangswert 2016",
        )

    w.on("2016-11-07", "mmeyer")
    w.set(
        "HF3-Z1",
        "title",
        "Ehrenamtliche Integrationslotsinnen und -lotsen in allen Kommunen",
        reason="Rückmeldung der Freiwilligenagentur: Lotsen sind in jeder Kommune gewünscht",
    )
    w.set(
        "HF7-Z2",
        "target_year",
        "2025",
        reason="Impfquoten ändern sich langsam; Zieljahr wie bei der Bildung",
    )
    w.on("2016-12-15", "mmeyer")
    w.status(
        "P2",
        "done",
        reason="Konzeptentwurf mit acht Handlungsfeldern an die Verwaltungsspitze übergeben",
    )


def year_2017(w: Writer) -> None:
    """Adoption by the Kreistag, first measures, first agreement, baseline figures."""
    w.on("2017-01-09", "mmeyer")
    w.status("P3", "in_progress", reason="Entwurf geht in die Gremienberatung")
    w.on("2017-02-20", "mmeyer")
    r.record_decision(w, "SA-2017-1")
    r.hire(w, "kyilmaz", "Neue Bildungskoordinatorin für Neuzugewanderte")

    w.on("2017-03-13", "mmeyer")
    r.record_decision(w, "KA-2017-1")
    w.status(
        "HF6-Z2",
        "dropped",
        reason="Kreisausschuss: sozialer Wohnungsbau ist Aufgabe der Kommunen, nicht des Konzepts",
        effective="2017-03-09",
        decision="KA-2017-1",
    )

    w.on("2017-04-03", "mmeyer", "08:10")
    r.record_decision(w, "KT-2017-1", "Kreistagsbeschluss vom 30.03.2017 nachgetragen")
    for goal in GOALS:
        if goal.key != "HF6-Z2":
            w.status(
                goal.key,
                "adopted",
                reason="Mit dem Integrationskonzept vom Kreistag beschlossen",
                effective="2017-03-30",
                decision="KT-2017-1",
            )
    w.status(
        "P3",
        "done",
        reason="Kreistag hat das Integrationskonzept beschlossen",
        effective="2017-03-30",
        decision="KT-2017-1",
    )
    w.status("P4", "in_progress", reason="Beteiligung der externen Akteure beginnt")

    agenda: list[tuple[str, Callable[[], None]]] = [
        (m.start, partial(_start_measure, w, m))
        for m in MEASURES
        if m.start and m.start < "2018-01-01"
    ]
    agenda += [
        ("2017-04-20", partial(_draft_language_agreement, w)),
        ("2017-05-22", partial(_approve_language_agreement, w)),
        ("2017-06-01", partial(_sign_language_agreement, w)),
    ]
    agenda += [("2017-05-15", partial(_baseline_figures, w))]
    for _day, step in sorted(agenda, key=lambda item: item[0]):
        step()

    w.on("2017-10-16", "kyilmaz")
    w.set(
        "M-22",
        "start",
        "2019-10-01",
        reason="Beteiligung erst mit einer Vereinbarung mit den Migrantenorganisationen möglich",
    )
    w.on("2017-11-10", "mmeyer")
    w.status("M-08", "running", reason="Erster Anerkennungsabend am 09.11.2017 mit 140 Gästen")
    w.on("2017-12-15", "aschulz")
    w.do(
        cmd.fulfil_obligation,
        "V-2017-01",
        2,
        reason="Jobcenter liefert seit Oktober monatlich die Vormerkungen",
    )


def _start_measure(w: Writer, measure: Measure) -> None:
    assert measure.start is not None
    w.on(measure.start, "kyilmaz" if measure.responsible in ("VHS", "FD-JUG") else "aschulz")
    responsible = w.session.state.entities[measure.responsible]["name"]
    w.status(
        measure.key,
        "running",
        reason=f"Start wie im Konzept vorgesehen; verantwortlich: {responsible}",
    )


def _draft_language_agreement(w: Writer) -> None:
    """The first agreement: negotiated in April, approved in May, signed on 1 June."""
    w.on("2017-04-20", "mmeyer")
    r.draft_agreement(w, "V-2017-01", "Entwurf nach Abstimmung mit VHS, Jobcenter und Agentur")
    w.status("V-2017-01", "negotiating", reason="Entwurf an die Partner versandt")


def _approve_language_agreement(w: Writer) -> None:
    w.on("2017-05-22", "mmeyer")
    r.record_decision(w, "KA-2017-2")


def _sign_language_agreement(w: Writer) -> None:
    w.on("2017-06-01", "mmeyer", "11:30")
    w.status(
        "V-2017-01",
        "signed",
        reason="Von allen vier Partnern unterzeichnet",
        decision="KA-2017-2",
    )


def _baseline_figures(w: Writer) -> None:
    """The 2016 figures confirm (or correct) the estimated baselines."""
    r.import_statistics(w, "2017-05-15", 2016)
    r.enter_figures(w, "2017-05-17", 2016)
