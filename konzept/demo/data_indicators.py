"""The demo's indicators and their yearly figures, as the statistics delivered them.

Figures are plausible for a rural district of about 120,000 inhabitants with some
3,000–4,500 people seeking protection: the 2015/16 arrivals, the pandemic dip of
2020/21, the arrivals from Ukraine in 2022 and the slow recovery since.
"""

from __future__ import annotations

from typing import NamedTuple


class Indicator(NamedTuple):
    key: str
    goal: str
    name: str
    unit: str
    direction: str
    baseline: str
    target: str
    source: str
    #: Who enters the yearly value: "tbrandt" imports it with the statistics CSV,
    #: anyone else types it in by hand.
    steward: str
    definition: str = ""


INDICATORS = (
    Indicator(
        "I-01",
        "HF1-Z1",
        "Teilnehmende an Erstorientierungskursen",
        "Personen",
        "up",
        "2016=180",
        "2020=300",
        "VHS-Teilnahmestatistik",
        "kyilmaz",
    ),
    Indicator(
        "I-02",
        "HF1-Z1",
        "Neugewanderte mit Erstberatung innerhalb von drei Monaten",
        "%",
        "up",
        "2016=62",
        "2020=85",
        "Migrationsberatung (MBE/JMD), Auswertung KOST",
        "aschulz",
        "Anteil der im Jahr Zugezogenen mit dokumentierter Erstberatung binnen 90 Tagen.",
    ),
    Indicator(
        "I-03",
        "HF1-Z1",
        "Kommunen mit fester Integrationsansprechperson",
        "Kommunen",
        "up",
        "2016=4",
        "2020=11",
        "Abfrage der Koordinierungsstelle",
        "mmeyer",
        "Von 11 Städten, Gemeinden und Samtgemeinden im Kreisgebiet.",
    ),
    Indicator(
        "I-05",
        "HF2-Z1",
        "Aktive regionale Integrationsnetzwerke",
        "Netzwerke",
        "up",
        "2016=2",
        "2020=5",
        "Koordinierungsstelle Integration",
        "mmeyer",
    ),
    Indicator(
        "I-06",
        "HF2-Z1",
        "Netzwerktreffen im Jahr",
        "Treffen",
        "up",
        "2016=6",
        "2020=12",
        "Koordinierungsstelle Integration",
        "mmeyer",
    ),
    Indicator(
        "I-07",
        "HF2-Z2",
        "Unterzeichnete Kooperationsvereinbarungen",
        "Vereinbarungen",
        "up",
        "2016=0",
        "2020=6",
        "Koordinierungsstelle Integration",
        "mmeyer",
    ),
    Indicator(
        "I-08",
        "HF3-Z1",
        "Ehrenamtliche Lotsinnen und Lotsen",
        "Personen",
        "up",
        "2016=85",
        "2020=120",
        "Lotsendatei der Freiwilligenagentur",
        "kyilmaz",
    ),
    Indicator(
        "I-09",
        "HF3-Z2",
        "Teilnehmende an Qualifizierungen für Ehrenamtliche",
        "Personen",
        "up",
        "2016=40",
        "2020=80",
        "VHS-Teilnahmestatistik",
        "kyilmaz",
    ),
    Indicator(
        "I-10",
        "HF3-Z2",
        "Aktive Ehrenamtsgruppen in der Flüchtlingshilfe",
        "Gruppen",
        "keep",
        "2016=24",
        "2020=20",
        "Abfrage der Koordinierungsstelle",
        "mmeyer",
        "Gruppen mit mindestens einem Treffen im Quartal; Ziel: die Zahl bei etwa 20 halten.",
    ),
    Indicator(
        "I-11",
        "HF4-Z1",
        "Sprachkursteilnehmende",
        "Personen",
        "up",
        "2016=1150",
        "2020=1400",
        "BAMF-Integrationskursgeschäftsstatistik",
        "tbrandt",
        "Teilnehmende an Integrations- und Berufssprachkursen im Kreisgebiet.",
    ),
    Indicator(
        "I-12",
        "HF4-Z1",
        "Wartezeit bis Beginn des Integrationskurses",
        "Tage",
        "down",
        "2016=94",
        "2020=42",
        "Kursplatzbörse und BAMF",
        "tbrandt",
        "Median der Tage zwischen Berechtigung und Kursbeginn.",
    ),
    Indicator(
        "I-13",
        "HF4-Z1",
        "Bestandene Prüfungen Deutsch-Test für Zuwanderer (B1)",
        "%",
        "up",
        "2016=48",
        "2020=60",
        "BAMF-Integrationskursgeschäftsstatistik",
        "tbrandt",
    ),
    Indicator(
        "I-14",
        "HF4-Z2",
        "Kita-Besuchsquote von Kindern mit Migrationshintergrund (3–6 Jahre)",
        "%",
        "up",
        "2016=78",
        "2025=90",
        "Kita-Statistik Fachdienst Jugend",
        "tbrandt",
    ),
    Indicator(
        "I-15",
        "HF4-Z2",
        "Schulabgänge ohne Abschluss (ausländische Jugendliche)",
        "%",
        "down",
        "2016=14.8",
        "2025=10",
        "Landesamt für Statistik Niedersachsen",
        "tbrandt",
    ),
    Indicator(
        "I-16",
        "HF5-Z1",
        "Beschäftigungsquote Geflüchteter",
        "%",
        "up",
        "2016=17.5",
        "2020=35",
        "Statistik der Bundesagentur für Arbeit",
        "tbrandt",
    ),
    Indicator(
        "I-17",
        "HF5-Z2",
        "Ausbildungsverträge mit Geflüchteten",
        "Verträge",
        "up",
        "2016=22",
        "2020=60",
        "Agentur für Arbeit und Kammern",
        "tbrandt",
    ),
    Indicator(
        "I-19",
        "HF6-Z1",
        "Wohnungslose Geflüchtete",
        "Personen",
        "down",
        "2016=210",
        "2020=80",
        "Unterbringungsstatistik Fachdienst Soziales",
        "aschulz",
        "Geflüchtete mit Anerkennung, die zum 31.12. noch in Gemeinschafts- oder "
        "Notunterkünften leben.",
    ),
    Indicator(
        "I-20",
        "HF6-Z1",
        "Dezentral untergebrachte Geflüchtete",
        "%",
        "up",
        "2016=71",
        "2020=90",
        "Unterbringungsstatistik Fachdienst Soziales",
        "aschulz",
    ),
    Indicator(
        "I-21",
        "HF7-Z1",
        "Einsätze des Sprachmittlerpools im Gesundheitsbereich",
        "Einsätze",
        "up",
        "2016=140",
        "2020=300",
        "Einsatzstatistik Sprachmittlerpool",
        "tbrandt",
    ),
    Indicator(
        "I-22",
        "HF7-Z2",
        "Masern-Impfquote bei der Schuleingangsuntersuchung",
        "%",
        "up",
        "2016=88",
        "2025=95",
        "Gesundheitsamt, Schuleingangsuntersuchung",
        "tbrandt",
        "Kinder mit Migrationshintergrund mit zwei Masernimpfungen.",
    ),
    Indicator(
        "I-23",
        "HF8-Z1",
        "Beschäftigte mit Schulung Interkulturelle Kompetenz",
        "Personen",
        "up",
        "2016=35",
        "2020=250",
        "Fortbildungsstatistik Fachdienst Personal",
        "tbrandt",
        "Kumuliert seit 2015.",
    ),
    Indicator(
        "I-24",
        "HF8-Z2",
        "Migrantenorganisationen in Gremien",
        "Organisationen",
        "up",
        "2016=1",
        "2022=5",
        "Koordinierungsstelle Integration",
        "mmeyer",
    ),
)

#: Indicators added by later updates of the concept, by key.
LATER_INDICATORS = {
    "I-04": Indicator(
        "I-04",
        "HF1-Z2",
        "Fahrten im Kursbus",
        "Fahrten",
        "up",
        "2018=850",
        "2022=2000",
        "Fahrtenbuch Fachdienst Soziales",
        "aschulz",
    ),
    "I-18": Indicator(
        "I-18",
        "HF5-Z3",
        "Anerkennungsberatungen",
        "Beratungen",
        "up",
        "2018=45",
        "2022=120",
        "IQ Netzwerk Niedersachsen",
        "tbrandt",
    ),
    "I-25": Indicator(
        "I-25",
        "HF8-Z2",
        "Einbürgerungen",
        "Personen",
        "up",
        "2019=236",
        "2025=300",
        "Einbürgerungsstatistik des Landkreises",
        "tbrandt",
    ),
    "I-26": Indicator(
        "I-26",
        "HF1-Z3",
        "Geflüchtete aus der Ukraine in Beschäftigung",
        "Personen",
        "up",
        "2022=60",
        "2026=400",
        "Jobcenter Landkreis Nienburg/Weser",
        "tbrandt",
    ),
}

#: The true yearly values: first year, then one figure per year.
VALUES: dict[str, tuple[int, tuple[float, ...]]] = {
    "I-01": (2016, (180, 240, 205, 170, 95, 120, 410)),
    "I-02": (2016, (62, 68, 74, 79, 71, 77, 69, 81, 86, 88)),
    "I-03": (2016, (4, 6, 8, 9, 9, 10, 11, 11, 11, 11)),
    "I-04": (2018, (850, 1320, 610, 940, 1780, 2050, 2210, 2340)),
    "I-05": (2016, (2, 3, 4, 5, 5, 5, 6, 6, 7, 7)),
    "I-06": (2016, (6, 9, 11, 12, 4, 8, 14, 13)),
    "I-07": (2016, (0, 1, 3, 4, 4, 5, 5, 6, 7, 7)),
    "I-08": (2016, (85, 102, 118, 124, 97, 91, 133, 128, 136, 141)),
    "I-09": (2016, (40, 65, 72, 81, 28, 44, 90, 77, 83, 86)),
    "I-10": (2016, (24, 23, 21, 20, 17, 16, 22, 21, 20, 19)),
    "I-11": (2016, (1150, 1420, 1380, 1240, 860, 1010, 1690, 1820, 1610, 1480)),
    "I-12": (2016, (94, 81, 63, 55, 118, 87, 102, 76, 58, 49)),
    "I-13": (2016, (48, 51, 54, 57, 49, 52, 55, 58, 61, 62)),
    "I-14": (2016, (78, 80, 82, 84, 79, 83, 81, 85, 87, 88)),
    "I-15": (2016, (14.8, 13.9, 13.1, 12.4, 12.9, 13.6, 12.7, 11.8, 11.2, 10.6)),
    "I-16": (2016, (17.5, 22.3, 28.1, 33.4, 31.2, 35.8, 39.6, 42.1, 44.0, 45.3)),
    "I-17": (2016, (22, 34, 47, 55, 41, 46, 58, 63, 67, 71)),
    "I-18": (2019, (72, 64, 88, 131, 142, 150, 158)),
    "I-19": (2016, (210, 164, 121, 96, 88, 79, 268, 214, 162, 131)),
    "I-20": (2016, (71, 76, 81, 85, 86, 88, 74, 79, 83, 86)),
    "I-21": (2016, (140, 190, 235, 268, 214, 251, 402, 436, 451, 472)),
    "I-22": (2016, (88, 89.5, 90.2, 91.0, 90.4, 91.3, 89.7, 92.1, 93.0, 93.4)),
    "I-23": (2016, (35, 78, 121, 164, 172, 201, 236, 268, 302, 331)),
    "I-24": (2016, (1, 2, 3, 3, 3, 4, 4, 5, 6, 6)),
    "I-25": (2020, (198, 251, 318, 402, 487, 512)),
    "I-26": (2022, (85, 190, 305, 388)),
}

#: Figures first delivered wrong, corrected later by the storyline: (key, year) → wrong.
FIRST_DELIVERED = {
    ("I-11", 2017): 14200,  # a digit too many in the VHS spreadsheet
    ("I-16", 2019): 31.9,  # the BA's projection, replaced by final figures in 2021
    ("I-19", 2023): 241,  # digits swapped when typed in
    ("I-18", 2023): 124,  # one counselling office reported only half a year
}

#: Figures of the running year, as of 30 September 2026 (recorded as preliminary).
PRELIMINARY_2026 = {"I-02": 89, "I-08": 144, "I-12": 45, "I-19": 118, "I-26": 401}


def value(key: str, year: int) -> float | None:
    """The true figure of an indicator for a year, or None if there is none."""
    first, series = VALUES[key]
    index = year - first
    return series[index] if 0 <= index < len(series) else None


def indicator(key: str) -> Indicator:
    """An indicator's row, whether it belongs to the first concept or a later update."""
    for row in INDICATORS:
        if row.key == key:
            return row
    return LATER_INDICATORS[key]
