"""The demo's political decisions (Beschlüsse) and agreements (Vereinbarungen) as data.

Decision references follow the district's numbering of council papers
("Drucksache", ``DS 2017/023``); links point to an illustrative council information
system, derived from the reference.
"""

from __future__ import annotations

from typing import NamedTuple

SOCIAL_COMMITTEE = "Ausschuss für Soziales"
#: The committee's name after the 2021 local elections.
SOCIAL_COMMITTEE_2021 = "Ausschuss für Soziales, Gesundheit und Integration"
RIS = "https://ratsinfo.kreis-nienburg.example/vorlage/"


class Decision(NamedTuple):
    key: str
    body: str
    date: str
    reference: str
    title: str
    outcome: str

    @property
    def link(self) -> str:
        return RIS + self.reference.removeprefix("DS ").replace("/", "-")


_DECISIONS = (
    Decision(
        "SA-2016-1",
        SOCIAL_COMMITTEE,
        "2016-02-25",
        "DS 2016/011",
        "Bericht zur Integrationsarbeit; Auftrag zur Erarbeitung eines Integrationskonzeptes",
        "zur Kenntnis genommen; Verwaltung einstimmig beauftragt",
    ),
    Decision(
        "KA-2016-1",
        "Kreisausschuss",
        "2016-03-10",
        "DS 2016/019",
        "Projektstruktur und Zeitplan für das Integrationskonzept",
        "beschlossen",
    ),
    Decision(
        "SA-2017-1",
        SOCIAL_COMMITTEE,
        "2017-02-16",
        "DS 2017/023",
        "Integrationskonzept: Vorberatung und Empfehlung an den Kreistag",
        "einstimmig empfohlen",
    ),
    Decision(
        "KA-2017-1",
        "Kreisausschuss",
        "2017-03-09",
        "DS 2017/023",
        "Integrationskonzept: Vorberatung",
        "empfohlen mit Änderung: Handlungsziel Sozialwohnungen entfällt",
    ),
    Decision(
        "KT-2017-1",
        "Kreistag",
        "2017-03-30",
        "DS 2017/023",
        "Beschluss des Integrationskonzeptes des Landkreises Nienburg/Weser",
        "beschlossen (44 Ja, 2 Nein, 3 Enthaltungen)",
    ),
    Decision(
        "KA-2017-2",
        "Kreisausschuss",
        "2017-05-18",
        "DS 2017/061",
        "Kooperationsvereinbarung Sprachförderung mit VHS, Jobcenter und Agentur für Arbeit",
        "beschlossen",
    ),
    Decision(
        "SA-2018-1",
        SOCIAL_COMMITTEE,
        "2018-04-19",
        "DS 2018/034",
        "Integrationsbericht 2017",
        "zur Kenntnis genommen; Zielwert Sprachkursteilnehmende angehoben",
    ),
    Decision(
        "KT-2018-1",
        "Kreistag",
        "2018-06-28",
        "DS 2018/052",
        "Fortschreibung: Mobilität im ländlichen Raum (Kursbus)",
        "beschlossen; 45.000 Euro jährlich bis 2020",
    ),
    Decision(
        "SA-2019-1",
        SOCIAL_COMMITTEE,
        "2019-05-09",
        "DS 2019/041",
        "Integrationsbericht 2018",
        "zur Kenntnis genommen",
    ),
    Decision(
        "KT-2019-1",
        "Kreistag",
        "2019-06-27",
        "DS 2019/058",
        "Fortschreibung 2019: Anerkennung ausländischer Berufsabschlüsse",
        "beschlossen",
    ),
    Decision(
        "KA-2020-1",
        "Kreisausschuss",
        "2020-03-26",
        "DS 2020/027",
        "Dringlichkeitsentscheidung: Integrationsangebote während der Pandemie",
        "beschlossen im Umlaufverfahren",
    ),
    Decision(
        "SA-2020-1",
        SOCIAL_COMMITTEE,
        "2020-06-18",
        "DS 2020/044",
        "Integrationsbericht 2019",
        "zur Kenntnis genommen (Sitzung pandemiebedingt verschoben)",
    ),
    Decision(
        "KT-2020-1",
        "Kreistag",
        "2020-12-10",
        "DS 2020/089",
        "Haushalt 2021: Fortführung des Kursbusses bis 2023",
        "beschlossen",
    ),
    Decision(
        "KA-2021-1",
        "Kreisausschuss",
        "2021-02-25",
        "DS 2021/012",
        "Kooperationsvereinbarung Sprachförderung 2021–2025",
        "beschlossen",
    ),
    Decision(
        "SA-2021-1",
        SOCIAL_COMMITTEE,
        "2021-04-22",
        "DS 2021/030",
        "Integrationsbericht 2020 und Anpassung der Zieljahre",
        "zur Kenntnis genommen; Zieljahre pandemiebedingt verschoben",
    ),
    Decision(
        "KT-2021-1",
        "Kreistag",
        "2021-12-16",
        "DS 2021/097",
        "Beratende Mitglieder aus Migrantenorganisationen im Sozialausschuss",
        "beschlossen",
    ),
    Decision(
        "KA-2022-1",
        "Kreisausschuss",
        "2022-03-10",
        "DS 2022/021",
        "Aufnahme und Unterbringung Geflüchteter aus der Ukraine",
        "beschlossen (Dringlichkeit)",
    ),
    Decision(
        "SA-2022-1",
        SOCIAL_COMMITTEE_2021,
        "2022-05-12",
        "DS 2022/038",
        "Integrationsbericht 2021",
        "zur Kenntnis genommen",
    ),
    Decision(
        "KT-2022-1",
        "Kreistag",
        "2022-09-29",
        "DS 2022/074",
        "Fortschreibung des Integrationskonzeptes 2022",
        "beschlossen (mehrheitlich)",
    ),
    Decision(
        "SA-2023-1",
        SOCIAL_COMMITTEE_2021,
        "2023-04-27",
        "DS 2023/029",
        "Integrationsbericht 2022",
        "zur Kenntnis genommen",
    ),
    Decision(
        "KA-2023-1",
        "Kreisausschuss",
        "2023-06-15",
        "DS 2023/049",
        "Interkulturelle Öffnung: Schulungsprogramm statt Zertifizierung",
        "beschlossen",
    ),
    Decision(
        "KA-2024-1",
        "Kreisausschuss",
        "2024-01-25",
        "DS 2024/008",
        "Kooperationsvereinbarung Job-Turbo",
        "beschlossen",
    ),
    Decision(
        "SA-2024-1",
        SOCIAL_COMMITTEE_2021,
        "2024-04-18",
        "DS 2024/031",
        "Integrationsbericht 2023",
        "zur Kenntnis genommen",
    ),
    Decision(
        "KT-2024-1",
        "Kreistag",
        "2024-07-04",
        "DS 2024/063",
        "Fortschreibung Integrationskonzept 2030",
        "beschlossen (47 Ja, 4 Enthaltungen)",
    ),
    Decision(
        "SA-2025-1",
        SOCIAL_COMMITTEE_2021,
        "2025-05-08",
        "DS 2025/037",
        "Integrationsbericht 2024",
        "zur Kenntnis genommen",
    ),
    Decision(
        "KA-2025-1",
        "Kreisausschuss",
        "2025-09-11",
        "DS 2025/071",
        "Verlängerung der Kooperationsvereinbarung Sprachförderung bis 2027",
        "beschlossen",
    ),
    Decision(
        "SA-2026-1",
        SOCIAL_COMMITTEE_2021,
        "2026-04-23",
        "DS 2026/027",
        "Integrationsbericht 2025",
        "zur Kenntnis genommen",
    ),
    Decision(
        "KA-2026-1",
        "Kreisausschuss",
        "2026-11-12",
        "DS 2026/088",
        "Integrationsbüro als Stabsstelle ab 1. Januar 2027",
        "beschlossen",
    ),
)

DECISIONS = {d.key: d for d in _DECISIONS}


class Agreement(NamedTuple):
    key: str
    title: str
    parties: tuple[str, ...]
    goals: tuple[str, ...]
    measures: tuple[str, ...]
    valid_from: str | None
    valid_until: str | None
    review: str | None
    #: (party, what, due date)
    obligations: tuple[tuple[str, str, str], ...] = ()


_AGREEMENTS = (
    Agreement(
        "V-2017-01",
        "Kooperationsvereinbarung Sprachförderung",
        ("KOST", "VHS", "JC", "AA"),
        ("HF4-Z1",),
        ("M-10",),
        "2017-06-01",
        "2020-12-31",
        "2019-06-30",
        (
            ("VHS", "Integrationskurse an zwei Standorten außerhalb der Kreisstadt", "2018-03-31"),
            ("JC", "Kursplatzbörse monatlich mit Vormerkungen beliefern", "2017-12-31"),
            ("AA", "Berufssprachkurse mit dem Bedarf der Betriebe abstimmen", "2018-06-30"),
            ("KOST", "Wartezeiten jährlich auswerten und berichten", "2018-04-30"),
        ),
    ),
    Agreement(
        "V-2018-01",
        "Vereinbarung über Integrationsansprechpersonen in den Kommunen",
        ("KOST", "STADT-NI", "STADT-RL", "FL-STEY", "SG-HOYA", "SG-UCHTE", "SG-MW", "SG-MARK"),
        ("HF1-Z1", "HF2-Z1"),
        ("M-04",),
        "2018-07-01",
        "2023-06-30",
        "2021-06-30",
        (
            ("STADT-NI", "Feste Ansprechperson für Integration benennen", "2018-12-31"),
            ("SG-UCHTE", "Feste Ansprechperson für Integration benennen", "2018-12-31"),
            ("SG-HOYA", "Feste Ansprechperson für Integration benennen", "2018-12-31"),
            ("KOST", "Vierteljährliche Integrationsrunden organisieren", "2019-03-31"),
        ),
    ),
    Agreement(
        "V-2018-02",
        "Rahmenvereinbarung Ehrenamtskoordination",
        ("KOST", "FWA", "DRK"),
        ("HF3-Z1", "HF3-Z2"),
        ("M-07", "M-08"),
        "2019-01-01",
        "2022-12-31",
        None,
        (
            ("FWA", "Lotsendatei führen und jährlich an den Landkreis melden", "2019-12-31"),
            ("DRK", "Zwei Qualifizierungsmodule im Jahr ausrichten", "2019-12-31"),
        ),
    ),
    Agreement(
        "V-2019-01",
        "Beteiligungsvereinbarung mit Migrantenorganisationen",
        ("KOST", "MO-DSK", "MO-AFR"),
        ("HF8-Z2",),
        ("M-22", "M-24"),
        "2019-10-01",
        None,
        "2022-10-01",
        (
            ("MO-DSK", "Vertretung für die Integrationskonferenz benennen", "2019-12-31"),
            ("KOST", "Geschäftsstelle für einen Migrantenbeirat einrichten", "2020-06-30"),
        ),
    ),
    Agreement(
        "V-2021-01",
        "Kooperationsvereinbarung Sprachförderung 2021–2025",
        ("KOST", "VHS", "JC", "AA", "BAMF"),
        ("HF4-Z1",),
        ("M-10", "M-11"),
        "2021-03-01",
        "2025-12-31",
        "2023-06-30",
        (
            ("VHS", "Kurse in Uchte und Hoya auch unter 15 Teilnehmenden sichern", "2021-08-31"),
            ("JC", "Zuweisungen binnen zwei Wochen an die Kursplatzbörse melden", "2021-06-30"),
            ("BAMF", "Elternkurse mit Kinderbetreuung im Kreisgebiet zulassen", "2022-03-31"),
        ),
    ),
    Agreement(
        "V-2022-01",
        "Vereinbarung Wohnraum für Geflüchtete aus der Ukraine",
        ("FD-SOZ", "STADT-NI", "WBG"),
        ("HF1-Z3", "HF6-Z1"),
        ("M-18",),
        "2022-04-01",
        "2024-12-31",
        None,
        (
            ("WBG", "40 Wohnungen zur Belegung durch den Landkreis bereitstellen", "2022-09-30"),
            ("STADT-NI", "Notunterkunft in der Sporthalle bis Jahresende räumen", "2022-12-31"),
        ),
    ),
    Agreement(
        "V-2024-01",
        "Kooperationsvereinbarung Job-Turbo",
        ("JC", "AA", "IHK", "KH", "VHS"),
        ("HF5-Z1",),
        ("M-25",),
        "2024-02-01",
        "2026-12-31",
        "2025-06-30",
        (
            ("IHK", "30 Betriebe für berufsbegleitende Sprachkurse gewinnen", "2024-12-31"),
            ("JC", "Quartalsbericht zu Arbeitsaufnahmen vorlegen", "2024-06-30"),
        ),
    ),
    Agreement(
        "V-2026-01",
        "Integrationsnetzwerk 2027+: Vereinbarung mit den Kommunen",
        ("KOST", "STADT-NI", "SG-UCHTE", "SG-HOYA", "SG-MW"),
        ("HF2-Z1",),
        ("M-04",),
        "2027-01-01",
        "2031-12-31",
        None,
    ),
)

AGREEMENTS = {a.key: a for a in _AGREEMENTS}
