"""2024–2026: the update to 2030, and the concept today.

Ends in the autumn of 2026 with preliminary figures for the running year, a draft
goal for the next update, an agreement under negotiation and a reorganisation the
Kreisausschuss decided for 1 January 2027 (scheduled, not yet in force).
"""

from __future__ import annotations

from konzept.events import commands as cmd

from . import routines as r
from .data_concept import LATER_ACTORS, LATER_GOALS, LATER_MEASURES
from .data_indicators import FIRST_DELIVERED, PRELIMINARY_2026, value
from .data_politics import DECISIONS
from .writer import Writer


def year_2024(w: Writer) -> None:
    """Job-Turbo, a swapped-digit value corrected, census population, the update to 2030
    (its reference first entered wrong and corrected)."""
    r.reopen_review(w, "2024-01-08", 2023)
    w.on("2024-01-29", "mmeyer")
    decision = r.record_decision(w, "KA-2024-1")
    r.add_actor(w, LATER_ACTORS["IHK"], "Partner im Job-Turbo", effective="2024-01-25")
    r.add_measure(
        w,
        LATER_MEASURES["M-25"],
        "Job-Turbo der Bundesregierung vor Ort",
        effective="2024-01-25",
        decision=decision,
    )
    r.draft_agreement(w, "V-2024-01", "Job-Turbo verbindlich vereinbaren")
    w.status("V-2024-01", "negotiating", reason="Abstimmung mit Kammern und Arbeitsverwaltung")
    w.on("2024-02-01", "mmeyer")
    w.status("V-2024-01", "signed", reason="Unterzeichnet", decision=decision)
    w.status("M-25", "running", reason="Start mit 60 Teilnehmenden")

    r.import_statistics(w, "2024-02-13", 2023)
    w.on("2024-02-15", "tbrandt")
    w.record(
        "I-19",
        2023,
        value("I-19", 2023) or 0,
        source="Unterbringungsstatistik Fachdienst Soziales",
        reason=f"Zahlendreher: {FIRST_DELIVERED['I-19', 2023]} statt 214 übertragen",
    )
    r.enter_figures(w, "2024-02-19", 2023)
    w.on("2024-03-18", "tbrandt")
    w.do(
        cmd.set_attribute,
        "concept",
        "population",
        "121386",
        reason="Zensus 2022: amtliche Einwohnerzahl zum 15.05.2022",
    )

    r.close_review(w, "2024-04-22", "SA-2024-1", 2023)
    w.status(
        "HF8-Z2",
        "achieved",
        reason="Fünf Migrantenorganisationen in Gremien vertreten",
        effective="2024-04-18",
        decision="SA-2024-1",
    )
    w.on("2024-07-01", "mmeyer")
    w.status(
        "M-18",
        "completed",
        reason="Aufnahme in Regelstrukturen übergegangen",
        effective="2024-06-30",
    )

    w.on("2024-07-08", "tbrandt")
    kt = DECISIONS["KT-2024-1"]
    w.do(
        cmd.add_decision,
        kt.key,
        body=kt.body,
        date=kt.date,
        title=kt.title,
        reference="DS 2024/036",
        outcome=kt.outcome,
        link=kt.link,
        reason="Kreistagsbeschluss vom 04.07.2024 nachgetragen",
        effective=kt.date,
    )
    _update_2030(w, kt.date, kt.key)
    w.on("2024-07-10", "tbrandt")
    w.set(kt.key, "reference", kt.reference, reason="Drucksachennummer falsch abgeschrieben")
    w.on("2024-09-16", "mmeyer")
    w.status("M-06", "completed", reason="Alle geplanten Kooperationsvereinbarungen geschlossen")
    w.status("HF2-Z2", "achieved", reason="Sieben Vereinbarungen unterzeichnet")


def _update_2030(w: Writer, day: str, decision: str) -> None:
    """The Kreistag's update of the concept to 2030: new horizon, reworded goals."""
    changes = (
        (
            "HF1-L1",
            "title",
            "Neugewanderte finden im ganzen Kreisgebiet schnell Orientierung und Beratung",
            "Leitziel um die Beratung ergänzt",
        ),
        (
            "HF4-Z1",
            "title",
            "Integrationskurs beginnt binnen sechs Wochen, wohnortnah im ganzen Kreisgebiet",
            "Ziel messbar formuliert",
        ),
        ("I-02", "target", "2030=95", "Neuer Zielhorizont 2030"),
        ("I-04", "target", "2030=2800", "Ziel 2022 erreicht; Kursbus wird ausgebaut"),
        ("I-08", "target", "2030=160", "Ziel 2020 erreicht; neues Ziel 2030"),
        ("I-11", "target", "2030=1700", "Neuer Zielhorizont 2030"),
        ("I-12", "target", "2030=42", "Zurück zum ursprünglichen Ziel von sechs Wochen"),
        ("I-16", "target", "2030=52", "Ziel 2025 fast erreicht; neues Ziel 2030"),
        ("I-17", "target", "2030=80", "Neuer Zielhorizont 2030"),
        ("I-19", "target", "2030=80", "Nach dem Anstieg 2022 gilt das alte Ziel bis 2030"),
        ("I-20", "target", "2030=92", "Neuer Zielhorizont 2030"),
    )
    for key, attribute, new, why in changes:
        w.set(key, attribute, new, reason=why, effective=day, decision=decision)
    goals = ("HF1-Z1", "HF1-Z2", "HF3-Z1", "HF3-Z2", "HF4-Z1", "HF5-Z1", "HF5-Z2", "HF5-Z3")
    for goal in (*goals, "HF6-Z1", "HF7-Z1", "HF8-Z1"):
        w.set(
            goal,
            "target_year",
            "2030",
            reason="Fortschreibung 2030",
            effective=day,
            decision=decision,
        )
    w.status(
        "I-06",
        "retired",
        reason="Zahl der Treffen sagt wenig über die Wirkung; die Netzwerke werden ab 2025 befragt",
        effective=day,
        decision=decision,
    )


def year_2025(w: Writer) -> None:
    """An agreement expires, a closed year corrected, the Ukraine goal achieved, the
    language agreement extended."""
    w.on("2025-01-06", "mmeyer")
    w.status(
        "V-2022-01", "expired", reason="Laufzeit zum 31.12.2024 beendet", effective="2025-01-01"
    )
    r.reopen_review(w, "2025-01-13", 2024)
    w.on("2025-01-20", "mmeyer")
    w.do(cmd.fulfil_obligation, "V-2024-01", 2, reason="Quartalsberichte liegen vor")
    w.do(
        cmd.fulfil_obligation,
        "V-2024-01",
        1,
        reason="32 Betriebe gewonnen (Meldung der IHK im Januar)",
    )
    r.import_statistics(w, "2025-02-11", 2024)
    r.enter_figures(w, "2025-02-17", 2024)
    w.on("2025-03-10", "tbrandt")
    w.record(
        "I-18",
        2023,
        value("I-18", 2023) or 0,
        source="IQ Netzwerk Niedersachsen",
        reopen=True,
        note="Nachmeldung Beratungsstelle Uchte",
        reason="Nachmeldung für das 2. Halbjahr 2023; Korrektur des abgeschlossenen Jahres 2023",
    )

    r.close_review(w, "2025-05-12", "SA-2025-1", 2024)
    day, decision = "2025-05-08", "SA-2025-1"
    w.status(
        "HF1-Z3",
        "achieved",
        reason="Aufnahme abgeschlossen; Begleitung in Regelangeboten",
        effective=day,
        decision=decision,
    )
    w.set(
        "I-25",
        "target",
        "2030=550",
        reason="Neues Staatsangehörigkeitsrecht: deutlich mehr Anträge",
        effective=day,
        decision=decision,
    )
    w.on("2025-06-23", "jwagner")
    w.set(
        "M-24",
        "partners",
        "STADT-NI,MO-DSK,MO-AFR,MO-UKR,DW",
        reason="Ukrainischer Verein gestaltet die Interkulturelle Woche mit",
    )
    w.on("2025-09-15", "mmeyer")
    decision = r.record_decision(w, "KA-2025-1")
    w.set(
        "V-2021-01",
        "valid_until",
        "2027-12-31",
        reason="Verlängert bis zur Fortschreibung 2027",
        effective="2025-09-11",
        decision=decision,
    )
    w.set(
        "V-2021-01",
        "title",
        "Kooperationsvereinbarung Sprachförderung 2021–2027",
        reason="Titel an die verlängerte Laufzeit angepasst",
        effective="2025-09-11",
        decision=decision,
    )


def year_2026(w: Writer) -> None:
    """The latest report, a draft goal, preliminary figures, and a scheduled change."""
    r.reopen_review(w, "2026-01-12", 2025)
    r.import_statistics(w, "2026-02-10", 2025)
    r.enter_figures(w, "2026-02-16", 2025)
    r.close_review(w, "2026-04-27", "SA-2026-1", 2025)

    w.on("2026-05-18", "mmeyer")
    r.add_goal(w, LATER_GOALS["HF5-Z4"], "Entwurf für die Fortschreibung 2027")
    r.add_measure(w, LATER_MEASURES["M-26"], "Entwurf für die Fortschreibung 2027")
    w.on("2026-06-01", "mmeyer")
    r.draft_agreement(w, "V-2026-01", "Nachfolge der Vereinbarung mit den Kommunen ab 2027")
    w.on("2026-09-14", "mmeyer")
    w.status("V-2026-01", "negotiating", reason="Entwurf in der Integrationsrunde vorgestellt")

    w.on("2026-10-12", "tbrandt")
    rows = [
        f"{key},2026,{figure},,vorläufig (Stand 30.09.2026)"
        for key, figure in PRELIMINARY_2026.items()
        if key != "I-08"
    ]
    w.import_values(
        "indicator,year,value,source,note\n" + "\n".join(rows) + "\n",
        reason="Vorläufige Werte 2026 für die Haushaltsberatung",
    )
    w.on("2026-10-13", "jwagner")
    w.record(
        "I-08",
        2026,
        PRELIMINARY_2026["I-08"],
        note="vorläufig (Stand 30.09.2026)",
        reason="Lotsenzahl für die Haushaltsberatung",
    )

    w.on("2026-11-16", "mmeyer")
    decision = r.record_decision(w, "KA-2026-1")
    w.set(
        "KOST",
        "name",
        "Integrationsbüro (Stabsstelle des Landrats)",
        reason="Neuorganisation: Integrationsbüro als Stabsstelle",
        effective="2027-01-01",
        decision=decision,
    )
    w.set(
        "KOST",
        "contact",
        "integrationsbuero@kreis-nienburg.example",
        reason="Neue Adresse des Integrationsbüros",
        effective="2027-01-01",
        decision=decision,
    )
