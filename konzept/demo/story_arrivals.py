"""2022–2023: arrivals from Ukraine, targets raised, a goal dropped, a colleague leaves.

An urgent decision of the Kreisausschuss is entered days later, backdated to the
meeting; a half-year figure typed in as the year's value is reverted the next day.
"""

from __future__ import annotations

from konzept.events import commands as cmd

from . import routines as r
from .data_concept import LATER_ACTORS, LATER_GOALS, LATER_MEASURES
from .data_indicators import LATER_INDICATORS
from .writer import Writer


def year_2022(w: Writer) -> None:
    """Arrivals from Ukraine (urgent decision, entered backdated), a half-year figure
    entered by mistake and reverted, targets raised by the Kreistag."""
    w.on("2022-01-10", "kyilmaz")
    w.status("M-13", "completed", reason="Online-Kurse sind fester Teil des VHS-Programms")
    w.status(
        "HF4-Z3",
        "achieved",
        reason="Digitale Sprachlernangebote gehören zum Regelangebot",
    )
    r.reopen_review(w, "2022-01-10", 2021)
    r.import_statistics(w, "2022-02-15", 2021)
    r.enter_figures(w, "2022-02-21", 2021)

    w.on("2022-03-14", "mmeyer", "07:30")
    decision = r.record_decision(w, "KA-2022-1", "Dringlichkeitsbeschluss vom 10.03.2022")
    day = "2022-03-10"
    r.add_actor(w, LATER_ACTORS["MO-UKR"], "Neuer Partner in der Aufnahme", effective=day)
    r.add_goal(
        w, LATER_GOALS["HF1-Z3"], "Aufnahme aus der Ukraine", effective=day, decision=decision
    )
    w.status(
        "HF1-Z3", "adopted", reason="Dringlichkeitsbeschluss", effective=day, decision=decision
    )
    r.add_measure(
        w, LATER_MEASURES["M-18"], "Aufnahme aus der Ukraine", effective=day, decision=decision
    )
    w.status("M-18", "running", reason="Erste Busse aus Polen erwartet")
    w.on("2022-03-21", "aschulz")
    r.add_actor(w, LATER_ACTORS["WBG"], "Wohnraum für Geflüchtete aus der Ukraine")
    r.draft_agreement(w, "V-2022-01", "Belegungsrechte für Geflüchtete aus der Ukraine")
    w.status("V-2022-01", "negotiating", reason="Abstimmung mit Stadt und Wohnungsbaugesellschaft")
    w.on("2022-04-07", "mmeyer")
    w.status("V-2022-01", "signed", reason="Unterzeichnet", decision=decision)

    w.on("2022-05-16", "jwagner", "13:20")
    mistake = w.record(
        "I-08", 2022, 126, note="Stand 30.06.2022", reason="Lotsenzahl aus der Halbjahresabfrage"
    )
    r.close_review(w, "2022-05-16", "SA-2022-1", 2021)
    w.on("2022-05-17", "mmeyer")
    w.revert(
        mistake,
        reason="Halbjahreswerte werden nicht als Jahreswert erfasst; "
        "Eintrag zurückgenommen (Rücksprache mit J. Wagner)",
    )

    w.on("2022-10-04", "mmeyer")
    decision = r.record_decision(w, "KT-2022-1", "Kreistagsbeschluss vom 29.09.2022 nachgetragen")
    day = "2022-09-29"
    changes = (
        ("I-16", "target", "2025=45", "Ziel 2020 erreicht; neues Ziel bis 2025"),
        ("I-17", "target", "2025=70", "Ausbildungsmarkt erholt sich; Ziel fortgeschrieben"),
        ("I-21", "target", "2025=450", "Bedarf an Sprachmittlung stark gestiegen"),
        ("HF5-Z1", "target_year", "2025", "Fortschreibung bis 2025"),
        (
            "I-16",
            "name",
            "Beschäftigungsquote Geflüchteter (Asylherkunftsländer)",
            "Abgrenzung wie in der Statistik der Bundesagentur",
        ),
        (
            "I-16",
            "definition",
            "Sozialversicherungspflichtig Beschäftigte aus den acht "
            "Asylherkunftsländern je 100 Personen im erwerbsfähigen Alter.",
            "Definition ergänzt",
        ),
    )
    for key, attribute, new, why in changes:
        w.set(key, attribute, new, reason=why, effective=day, decision=decision)
    r.add_indicator(
        w, LATER_INDICATORS["I-26"], "Fortschreibung 2022", effective=day, decision=decision
    )
    w.on("2022-10-10", "aschulz")
    w.do(cmd.fulfil_obligation, "V-2022-01", 1, reason="40 Wohnungen übergeben")
    w.on("2022-12-20", "aschulz")
    w.do(cmd.fulfil_obligation, "V-2022-01", 2, reason="Sporthalle geräumt und übergeben")


def year_2023(w: Writer) -> None:
    """An indicator retired, a goal achieved, certification dropped, a colleague leaves."""
    r.reopen_review(w, "2023-01-09", 2022)
    r.import_statistics(w, "2023-02-14", 2022)
    r.enter_figures(w, "2023-02-20", 2022)
    w.on("2023-03-06", "kyilmaz")
    w.status("M-01", "completed", reason="Erstorientierung läuft seit 2023 über die BAMF-Kurse")
    w.status(
        "I-01",
        "retired",
        reason="Eigene Zählung entfällt mit dem Ende von M-01; "
        "Erstberatung wird weiter mit I-02 gemessen",
    )

    r.close_review(w, "2023-04-28", "SA-2023-1", 2022)
    day, decision = "2023-04-27", "SA-2023-1"
    w.status(
        "HF2-Z1",
        "achieved",
        reason="In allen vier Teilräumen arbeitet ein Netzwerk",
        effective=day,
        decision=decision,
    )
    w.set(
        "I-18",
        "target",
        "2027=170",
        reason="Ziel 2022 erreicht; Nachfrage steigt weiter",
        effective=day,
        decision=decision,
    )

    w.on("2023-06-19", "mmeyer")
    decision = r.record_decision(w, "KA-2023-1")
    day = "2023-06-15"
    w.status(  # first the measure: a goal is dropped once nothing below it runs
        "M-23",
        "stopped",
        reason="Wird mit dem Ziel HF8-Z3 eingestellt",
        effective=day,
        decision=decision,
    )
    w.status(
        "HF8-Z3",
        "dropped",
        reason="Zertifizierung zu aufwendig; stattdessen verpflichtende Schulungen",
        effective=day,
        decision=decision,
    )
    w.set(
        "I-23",
        "target",
        "2026=400",
        reason="Schulungen ersetzen die Zertifizierung",
        effective=day,
        decision=decision,
    )
    w.on("2023-06-26", "mmeyer")
    w.set(
        "V-2018-01",
        "valid_until",
        "2028-06-30",
        reason="Verlängerung auf Wunsch aller Kommunen (Integrationsrunde 14.06.2023)",
    )
    w.on("2023-06-30", "mmeyer")
    w.do(
        cmd.revoke,
        "aschulz",
        "editor",
        reason="Wechsel in den Fachbereich Jugend zum "
        "01.07.2023; seine Indikatoren kommen mit der Statistiklieferung",
    )
    w.on("2023-11-20", "tbrandt")
    w.set("M-03", "end", "2026-12-31", reason="Haushalt 2024/2025: Kursbus läuft weiter")
