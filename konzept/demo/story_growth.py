"""2018–2021: the yearly reporting cycle settles in, the concept grows, the pandemic hits.

Each year: step 5 reopens in January, the statistics arrive in February, the social
committee takes note of the report in spring and the year is closed. Around it: a
typo in a delivery, an accidental edit reverted, a Kreistag decision entered weeks
later (backdated), an agreement expiring and its successor signed, and a closed
year's figure corrected after the Federal Employment Agency revised its statistics.
"""

from __future__ import annotations

from konzept.events import commands as cmd

from . import routines as r
from .data_concept import LATER_ACTORS, LATER_GOALS, LATER_MEASURES
from .data_indicators import LATER_INDICATORS, value
from .data_politics import SOCIAL_COMMITTEE_2021
from .writer import Writer


def year_2018(w: Writer) -> None:
    """First reporting year; the Kursbus for the rural east; external actors sign up."""
    r.reopen_review(w, "2018-01-15", 2017)
    w.on("2018-02-01", "kyilmaz")
    r.add_measure(
        w,
        LATER_MEASURES["M-11"],
        "Kursplatzbörse wie in der Kooperationsvereinbarung Sprachförderung vorgesehen",
    )
    w.status("M-11", "running", reason="Vormerkliste geht mit VHS und Jobcenter in Betrieb")
    w.set(
        "V-2017-01",
        "measures",
        "M-10,M-11",
        reason="Kursplatzbörse setzt die Vereinbarung um",
    )

    r.import_statistics(w, "2018-02-20", 2017)
    w.on("2018-02-22", "kyilmaz")
    w.record(
        "I-11",
        2017,
        value("I-11", 2017) or 0,
        source="BAMF-Integrationskursgeschäftsstatistik",
        reason="Tippfehler in der Lieferung (eine Null zu viel); Rückfrage bei der VHS am "
        "21.02.2018",
    )
    r.enter_figures(w, "2018-02-26", 2017)
    w.on("2018-03-28", "kyilmaz")
    w.do(
        cmd.fulfil_obligation,
        "V-2017-01",
        1,
        reason="VHS bietet Integrationskurse in Uchte und Hoya an",
    )

    r.close_review(w, "2018-04-23", "SA-2018-1", 2017)
    w.set(
        "I-11",
        "target",
        "2022=1600",
        reason="Zielwert 1.400 schon 2017 überschritten; Ausschuss hebt das Ziel an",
        effective="2018-04-19",
        decision="SA-2018-1",
    )
    w.on("2018-04-30", "mmeyer")
    w.do(
        cmd.fulfil_obligation,
        "V-2017-01",
        4,
        reason="Auswertung der Wartezeiten liegt dem Integrationsbericht 2017 bei",
    )

    w.on("2018-06-11", "mmeyer")
    r.draft_agreement(w, "V-2018-01", "Ergebnis der Integrationsrunden mit den Kommunen")
    w.status("V-2018-01", "negotiating", reason="Entwurf an die Städte und Samtgemeinden")
    w.on("2018-06-29", "kyilmaz")
    w.status("M-02", "completed", reason="Willkommensmappe in sechs Sprachen gedruckt und verteilt")

    w.on("2018-07-02", "mmeyer")
    r.record_decision(w, "KT-2018-1", "Kreistagsbeschluss vom 28.06.2018 nachgetragen")
    r.add_measure(
        w,
        LATER_MEASURES["M-03"],
        "Kreistag finanziert den Kursbus für den Osten des Kreises",
        effective="2018-06-28",
        decision="KT-2018-1",
    )
    r.add_indicator(
        w,
        LATER_INDICATORS["I-04"],
        "Wirkung des Kursbusses messen",
        effective="2018-06-28",
        decision="KT-2018-1",
    )
    w.status(
        "V-2018-01",
        "signed",
        reason="Von allen acht Partnern unterzeichnet",
        effective="2018-07-01",
    )
    w.on("2018-07-09", "aschulz")
    r.add_actor(w, LATER_ACTORS["KH"], "Handwerk beteiligt sich an den Ausbildungslotsen")
    w.set("M-15", "partners", "AA,KH", reason="Kreishandwerkerschaft ist neuer Partner")

    w.on("2018-09-03", "aschulz")
    w.status("M-03", "running", reason="Erste Fahrten Uchte–Nienburg und Stolzenau–Nienburg")
    w.on("2018-09-14", "kyilmaz")
    w.do(
        cmd.fulfil_obligation,
        "V-2017-01",
        3,
        reason="Agentur für Arbeit hat die Berufssprachkurse mit den Betrieben abgestimmt "
        "(verspätet)",
    )
    w.on("2018-09-17", "mmeyer")
    r.draft_agreement(w, "V-2018-02", "Ehrenamtskoordination verbindlich regeln")
    w.status("V-2018-02", "negotiating", reason="Verhandlung mit Freiwilligenagentur und DRK")
    w.on("2018-11-29", "mmeyer")
    w.status("V-2018-02", "signed", reason="Rahmenvereinbarung unterzeichnet")
    w.on("2018-12-13", "mmeyer")
    w.status(
        "P4",
        "done",
        reason="Beteiligung der externen Akteure mit der Integrationskonferenz 2018 abgeschlossen",
    )
    for number, who in ((1, "Stadt Nienburg/Weser"), (2, "Samtgemeinde Uchte")):
        w.do(
            cmd.fulfil_obligation,
            "V-2018-01",
            number,
            reason=f"{who} hat eine Ansprechperson benannt",
        )


def year_2019(w: Writer) -> None:
    """A mistaken edit reverted, a goal reworded, a volunteer group gives up, a backdated
    Kreistag decision adds the recognition of foreign qualifications."""
    r.reopen_review(w, "2019-01-14", 2018)
    r.import_statistics(w, "2019-02-19", 2018)
    r.enter_figures(w, "2019-02-25", 2018)
    w.on("2019-03-01", "aschulz")
    w.status("M-23", "running", reason="Vorbereitung der Zertifizierung mit dem Personalamt")
    w.on("2019-03-12", "aschulz")
    w.do(
        cmd.fulfil_obligation,
        "V-2018-01",
        3,
        reason="Samtgemeinde Grafschaft Hoya hat eine Ansprechperson benannt (verspätet)",
    )
    w.do(cmd.fulfil_obligation, "V-2018-01", 4, reason="Vier Integrationsrunden 2018 durchgeführt")

    w.on("2019-04-08", "aschulz", "14:10")
    mistake = w.set(
        "M-17",
        "responsible",
        "JC",
        reason="Zuständigkeit laut Gespräch mit dem Jobcenter",
    )
    w.on("2019-04-09", "mmeyer")
    w.revert(
        mistake,
        reason="Versehentlich geändert: Wohnraumakquise bleibt beim Fachdienst Soziales "
        "(Rücksprache mit A. Schulz)",
    )

    r.close_review(w, "2019-05-13", "SA-2019-1", 2018)
    w.set(
        "HF3-Z1",
        "title",
        "Ein tragfähiges Netz ehrenamtlicher Lotsinnen und Lotsen in allen Kommunen sichern",
        reason="Bericht 2018: Gewinnung neuer Lotsen stagniert; Ziel auf Verstetigung ausrichten",
        effective="2019-05-09",
        decision="SA-2019-1",
    )
    w.on("2019-07-01", "kyilmaz")
    w.status(
        "M-09",
        "stopped",
        reason="Sprachcafé endet: der Helferkreis Steyerberg hat sich aufgelöst",
        effective="2019-06-30",
    )
    w.status("EA-STEY", "retired", reason="Gruppe zum 30.06.2019 aufgelöst", effective="2019-06-30")

    w.on("2019-07-15", "mmeyer")
    decision = r.record_decision(w, "KT-2019-1", "Kreistagsbeschluss vom 27.06.2019 nachgetragen")
    day = "2019-06-27"
    r.add_actor(w, LATER_ACTORS["IQ"], "Träger der Anerkennungsberatung", effective=day)
    r.add_goal(w, LATER_GOALS["HF5-Z3"], "Fortschreibung 2019", effective=day, decision=decision)
    w.status(
        "HF5-Z3", "adopted", reason="Vom Kreistag beschlossen", effective=day, decision=decision
    )
    r.add_indicator(
        w, LATER_INDICATORS["I-18"], "Fortschreibung 2019", effective=day, decision=decision
    )
    r.add_measure(
        w, LATER_MEASURES["M-16"], "Fortschreibung 2019", effective=day, decision=decision
    )

    w.on("2019-09-02", "aschulz")
    w.status("M-16", "running", reason="Erster Sprechtag der Anerkennungsberatung in Uchte")
    w.on("2019-09-09", "mmeyer")
    r.draft_agreement(w, "V-2019-01", "Beteiligung der Migrantenorganisationen verbindlich machen")
    w.status("V-2019-01", "negotiating", reason="Entwurf mit beiden Vereinen besprochen")
    w.on("2019-10-01", "mmeyer")
    w.status("V-2019-01", "signed", reason="Unterzeichnet beim Interkulturellen Fest")
    w.status("M-22", "running", reason="Vereinbarung mit den Migrantenorganisationen steht")
    w.on("2019-11-28", "mmeyer")
    w.do(
        cmd.fulfil_obligation,
        "V-2019-01",
        1,
        reason="Deutsch-Syrischer Kulturverein entsendet zwei Personen in die Konferenz",
    )


def year_2020(w: Writer) -> None:
    """The pandemic: courses go online, health guides stop, the committee meets late."""
    r.reopen_review(w, "2020-01-13", 2019)
    r.import_statistics(w, "2020-02-18", 2019)
    r.enter_figures(w, "2020-02-24", 2019)

    w.on("2020-03-30", "mmeyer")
    decision = r.record_decision(w, "KA-2020-1")
    day = "2020-03-26"
    r.add_goal(
        w,
        LATER_GOALS["HF4-Z3"],
        "Pandemie: Sprachlernen digital ermöglichen",
        effective=day,
        decision=decision,
    )
    w.status(
        "HF4-Z3", "adopted", reason="Dringlichkeitsentscheidung", effective=day, decision=decision
    )
    r.add_measure(
        w,
        LATER_MEASURES["M-13"],
        "Pandemie: Kurse online fortführen",
        effective=day,
        decision=decision,
    )
    w.status(
        "M-20",
        "stopped",
        reason="Gesundheitslotsen: Präsenzangebote pandemiebedingt eingestellt, Förderung endet",
        effective=day,
        decision=decision,
    )
    w.on("2020-04-20", "kyilmaz")
    w.status("M-13", "running", reason="Erste Online-Kurse der VHS starten")
    w.on("2020-05-11", "aschulz")
    w.set(
        "JC",
        "contact",
        "Verdener Landstraße 2, Tel. 05021 9779-0 (Terminvergabe online)",
        reason="Jobcenter vergibt Termine nur noch online",
    )

    r.close_review(w, "2020-06-22", "SA-2020-1", 2019)
    w.on("2020-11-16", "mmeyer")
    r.draft_agreement(
        w, "V-2021-01", "Nachfolge der Vereinbarung Sprachförderung (endet 31.12.2020)"
    )
    w.status("V-2021-01", "negotiating", reason="Verhandlung mit VHS, Jobcenter, Agentur und BAMF")
    w.on("2020-12-14", "mmeyer")
    r.record_decision(w, "KT-2020-1")
    w.set(
        "M-03",
        "end",
        "2023-12-31",
        reason="Kreistag führt den Kursbus mit dem Haushalt 2021 bis 2023 fort",
        effective="2020-12-10",
        decision="KT-2020-1",
    )


def year_2021(w: Writer) -> None:
    """An agreement expires and its successor is signed; targets follow the pandemic; a
    closed year is corrected; a new colleague; the committee gets its new name."""
    w.on("2021-01-04", "mmeyer")
    w.status(
        "V-2017-01",
        "expired",
        reason="Laufzeit zum 31.12.2020 beendet; Nachfolgevereinbarung V-2021-01 in Verhandlung",
        effective="2021-01-01",
    )
    r.reopen_review(w, "2021-01-11", 2020)
    r.import_statistics(w, "2021-02-16", 2020)
    r.enter_figures(w, "2021-02-22", 2020)
    w.on("2021-03-01", "mmeyer")
    decision = r.record_decision(w, "KA-2021-1")
    w.status(
        "V-2021-01", "signed", reason="Von allen fünf Partnern unterzeichnet", decision=decision
    )

    w.on("2021-03-15", "tbrandt")
    w.record(
        "I-16",
        2019,
        value("I-16", 2019) or 0,
        source="Statistik der Bundesagentur für Arbeit",
        note="Revision vom 10.03.2021",
        reopen=True,
        reason="Die Bundesagentur hat die Hochrechnung für 2019 durch endgültige Werte ersetzt; "
        "Korrektur des abgeschlossenen Jahres 2019",
    )

    r.close_review(w, "2021-04-26", "SA-2021-1", 2020)
    day, decision = "2021-04-22", "SA-2021-1"
    for goal in ("HF1-Z1", "HF4-Z1", "HF5-Z1", "HF6-Z1"):
        w.set(
            goal,
            "target_year",
            "2022",
            reason="Pandemie: Zieljahr um zwei Jahre verschoben",
            effective=day,
            decision=decision,
        )
    w.set(
        "I-12",
        "target",
        "2022=50",
        reason="Pandemie: Wartezeiten steigen; Zwischenziel 50 Tage bis 2022",
        effective=day,
        decision=decision,
    )
    w.set(
        "I-02",
        "target",
        "2022=85",
        reason="Zieljahr verschoben, Zielwert bleibt",
        effective=day,
        decision=decision,
    )
    r.add_indicator(
        w,
        LATER_INDICATORS["I-25"],
        "Ausschuss wünscht die Einbürgerungen im Bericht",
        effective=day,
        decision=decision,
    )

    w.on("2021-07-05", "mmeyer")
    w.status(
        "V-2018-02",
        "terminated",
        reason="Förderung der Freiwilligenagentur endet; der Landkreis übernimmt die "
        "Ehrenamtskoordination ab August",
        effective="2021-06-30",
    )
    w.status("M-11", "completed", reason="Kursplatzbörse in den Regelbetrieb der VHS überführt")
    r.hire(w, "jwagner", "Neue Ehrenamtskoordinatorin des Landkreises")
    w.on("2021-09-20", "kyilmaz")
    w.do(
        cmd.fulfil_obligation,
        "V-2021-01",
        1,
        reason="VHS führt die Kurse in Uchte und Hoya auch mit 11 und 12 Teilnehmenden",
    )
    w.do(
        cmd.fulfil_obligation,
        "V-2021-01",
        2,
        reason="Jobcenter meldet seit Juni alle Zuweisungen binnen zwei Wochen",
    )
    w.on("2021-09-20", "mmeyer")
    w.do(
        cmd.fulfil_obligation,
        "V-2019-01",
        2,
        reason="Geschäftsstelle Migrantenbeirat eingerichtet (pandemiebedingt verspätet)",
    )
    w.on("2021-11-15", "mmeyer")
    w.set(
        "SA",
        "name",
        SOCIAL_COMMITTEE_2021,
        reason="Neuer Zuschnitt des Ausschusses nach der Kommunalwahl 2021",
    )
    w.on("2021-12-20", "mmeyer")
    decision = r.record_decision(w, "KT-2021-1")
    w.status(
        "M-22",
        "completed",
        reason="Zwei beratende Mitglieder aus Migrantenorganisationen im Ausschuss",
        effective="2021-12-16",
        decision=decision,
    )
