"""The demo district's concept as data: staff, actors, fields of action, goals, measures.

Modelled on the integration concept of the Landkreis Nienburg/Weser (seed in
``shared/seed``); names of groups and associations are illustrative. The storyline
(``story_*``) decides *when* each row enters the record and what happens to it later.
"""

from __future__ import annotations

from typing import NamedTuple

TITLE = "Integrationskonzept des Landkreises Nienburg/Weser"
TERRITORY = "Landkreis Nienburg/Weser"
POPULATION = 120_000
AREA_KM2 = 1399

#: Staff of the integration office: (login, role, from, what they do).
STAFF = (
    ("mmeyer", "admin", "2016-01-11", "Leitung Koordinierungsstelle Integration"),
    ("aschulz", "editor", "2016-01-11", "Sozialplanung im Fachdienst Soziales"),
    ("tbrandt", "editor", "2016-02-01", "Statistik und Berichtswesen"),
    ("kyilmaz", "editor", "2017-03-01", "Bildungskoordination für Neuzugewanderte"),
    ("jwagner", "editor", "2021-08-02", "Ehrenamtskoordination"),
)


class Actor(NamedTuple):
    key: str
    name: str
    kind: str
    contact: str = ""


ACTORS = (
    Actor(
        "KOST",
        "Koordinierungsstelle Integration (Fachbereich Soziales)",
        "department",
        "integration@kreis-nienburg.example",
    ),
    Actor("FD-SOZ", "Fachdienst Soziales", "department"),
    Actor("FD-JUG", "Fachdienst Jugend", "department"),
    Actor("FD-GES", "Fachdienst Gesundheit (Gesundheitsamt)", "department"),
    Actor("FD-PERS", "Fachdienst Personal und Organisation", "department"),
    Actor("ABH", "Ausländerbehörde des Landkreises", "department"),
    Actor(
        "VHS", "Volkshochschule Nienburg/Weser", "education_provider", "vhs@kreis-nienburg.example"
    ),
    Actor("BBS", "Berufsbildende Schulen Nienburg", "education_provider"),
    Actor("KT", "Kreistag", "political_body"),
    Actor("KA", "Kreisausschuss", "political_body"),
    Actor("SA", "Ausschuss für Soziales", "political_body"),
    Actor("JC", "Jobcenter Landkreis Nienburg/Weser", "public_agency", "Verdener Landstraße 2"),
    Actor("AA", "Agentur für Arbeit Nienburg-Verden", "public_agency"),
    Actor("BAMF", "Bundesamt für Migration und Flüchtlinge, Regionalkoordination", "public_agency"),
    Actor("STADT-NI", "Stadt Nienburg/Weser", "municipality"),
    Actor("STADT-RL", "Stadt Rehburg-Loccum", "municipality"),
    Actor("FL-STEY", "Flecken Steyerberg", "municipality"),
    Actor("SG-HOYA", "Samtgemeinde Grafschaft Hoya", "municipality"),
    Actor("SG-UCHTE", "Samtgemeinde Uchte", "municipality"),
    Actor("SG-MW", "Samtgemeinde Mittelweser", "municipality"),
    Actor("SG-MARK", "Samtgemeinde Marklohe", "municipality"),
    Actor("DW", "Diakonisches Werk Nienburg (Migrationsberatung)", "association"),
    Actor("DRK", "DRK-Kreisverband Nienburg", "association"),
    Actor("FWA", "Freiwilligenagentur Nienburg", "association"),
    Actor("MO-DSK", "Deutsch-Syrischer Kulturverein Nienburg e. V.", "migrant_organisation"),
    Actor("MO-AFR", "Afrikanisches Forum Mittelweser e. V.", "migrant_organisation"),
    Actor("EA-STEY", "Helferkreis Asyl Steyerberg", "volunteer_group"),
    Actor("EA-HOYA", "Flüchtlingshilfe Grafschaft Hoya", "volunteer_group"),
    Actor("EA-UCHTE", "Integrationslotsen Uchte", "volunteer_group"),
)

#: Actors who join later, added by the storyline when they first matter.
LATER_ACTORS = {
    "KH": Actor("KH", "Kreishandwerkerschaft Mittelweser", "association"),
    "IQ": Actor("IQ", "IQ Netzwerk Niedersachsen, Anerkennungsberatung", "other"),
    "MO-UKR": Actor("MO-UKR", "Ukrainischer Verein Nienburg e. V.", "migrant_organisation"),
    "WBG": Actor("WBG", "Nienburger Wohnungsbaugesellschaft", "other"),
    "IHK": Actor("IHK", "IHK Hannover, Geschäftsstelle Nienburg", "association"),
}

#: Fields of action (Handlungsfelder): the seed's three first, then the usual others.
FIELDS = (
    (
        "HF1",
        "Integration Neugewanderter im ländlichen Raum",
        "Erstorientierung, Beratung und erreichbare Angebote in allen Kommunen des Flächenkreises.",
    ),
    (
        "HF2",
        "Netzwerkmanagement",
        "Verbindliche Zusammenarbeit von Verwaltung, Kommunen, Trägern und Vereinen.",
    ),
    (
        "HF3",
        "Ehrenamt",
        "Gewinnung, Qualifizierung, Begleitung und Anerkennung ehrenamtlich Engagierter.",
    ),
    (
        "HF4",
        "Sprache und Bildung",
        "Sprachförderung vom Integrationskurs bis zur Kita, Bildungserfolg junger Zugewanderter.",
    ),
    (
        "HF5",
        "Arbeit und Ausbildung",
        "Übergänge in Ausbildung und Beschäftigung, Anerkennung ausländischer Abschlüsse.",
    ),
    ("HF6", "Wohnen", "Dezentrales Wohnen und der Auszug aus Gemeinschaftsunterkünften."),
    ("HF7", "Gesundheit", "Zugang zur Gesundheitsversorgung, Sprachmittlung und Prävention."),
    (
        "HF8",
        "Teilhabe und Interkulturelle Öffnung",
        "Interkulturelle Öffnung der Verwaltung, politische und gesellschaftliche Teilhabe.",
    ),
)


class Goal(NamedTuple):
    key: str
    field: str
    title: str
    parent: str | None = None
    target_year: int | None = None


#: Goals of the 2016 draft: one Leitziel per field, Handlungsziele below it.
GOALS = (
    Goal("HF1-L1", "HF1", "Neugewanderte finden im ganzen Kreisgebiet schnell Orientierung"),
    Goal(
        "HF1-Z1",
        "HF1",
        "Erstberatung für alle Neugewanderten innerhalb von drei Monaten",
        "HF1-L1",
        2020,
    ),
    Goal("HF1-Z2", "HF1", "Integrationsangebote sind ohne eigenes Auto erreichbar", "HF1-L1", 2020),
    Goal("HF2-L1", "HF2", "Integrationsarbeit ist kreisweit verbindlich vernetzt"),
    Goal("HF2-Z1", "HF2", "Regionale Integrationsnetzwerke in allen Teilräumen", "HF2-L1", 2020),
    Goal("HF2-Z2", "HF2", "Verbindliche Kooperationsvereinbarungen", "HF2-L1", 2020),
    Goal("HF3-L1", "HF3", "Ehrenamtliches Engagement wird gestärkt und anerkannt"),
    Goal("HF3-Z1", "HF3", "Integrationslotsinnen und -lotsen in allen Kommunen", "HF3-L1", 2020),
    Goal("HF3-Z2", "HF3", "Ehrenamtliche werden qualifiziert und begleitet", "HF3-L1", 2020),
    Goal("HF4-L1", "HF4", "Neugewanderte erwerben zügig ausreichende Deutschkenntnisse"),
    Goal("HF4-Z1", "HF4", "Wohnortnahe Sprachkurse mit kurzen Wartezeiten", "HF4-L1", 2020),
    Goal(
        "HF4-Z2",
        "HF4",
        "Bessere Bildungschancen junger Menschen mit Migrationsgeschichte",
        "HF4-L1",
        2025,
    ),
    Goal("HF5-L1", "HF5", "Zugewanderte sichern ihren Lebensunterhalt durch Arbeit"),
    Goal("HF5-Z1", "HF5", "Beschäftigung Geflüchteter deutlich erhöhen", "HF5-L1", 2020),
    Goal("HF5-Z2", "HF5", "Mehr Ausbildungsverträge mit jungen Zugewanderten", "HF5-L1", 2020),
    Goal("HF6-L1", "HF6", "Zugewanderte leben in angemessenem, dezentralem Wohnraum"),
    Goal("HF6-Z1", "HF6", "Auszug aus Gemeinschaftsunterkünften beschleunigen", "HF6-L1", 2020),
    Goal("HF6-Z2", "HF6", "100 zusätzliche Sozialwohnungen im Kreisgebiet", "HF6-L1", 2020),
    Goal("HF7-L1", "HF7", "Gleicher Zugang zur Gesundheitsversorgung"),
    Goal("HF7-Z1", "HF7", "Sprachmittlung im Gesundheitswesen sicherstellen", "HF7-L1", 2020),
    Goal("HF7-Z2", "HF7", "Prävention für Kinder aus zugewanderten Familien", "HF7-L1", 2020),
    Goal("HF8-L1", "HF8", "Verwaltung und Gesellschaft öffnen sich interkulturell"),
    Goal("HF8-Z1", "HF8", "Interkulturelle Kompetenz der Kreisverwaltung stärken", "HF8-L1", 2020),
    Goal("HF8-Z2", "HF8", "Migrantenorganisationen wirken in Gremien mit", "HF8-L1", 2022),
    Goal("HF8-Z3", "HF8", "Zertifizierung als interkulturell geöffnete Verwaltung", "HF8-L1", 2021),
)

#: Goals added by later updates of the concept (Fortschreibungen).
LATER_GOALS = {
    "HF5-Z3": Goal(
        "HF5-Z3", "HF5", "Ausländische Berufsabschlüsse schneller anerkennen", "HF5-L1", 2022
    ),
    "HF4-Z3": Goal("HF4-Z3", "HF4", "Digitale Sprachlernangebote als Ergänzung", "HF4-L1", 2021),
    "HF1-Z3": Goal(
        "HF1-Z3",
        "HF1",
        "Geflüchtete aus der Ukraine zügig aufnehmen und orientieren",
        "HF1-L1",
        2023,
    ),
    "HF5-Z4": Goal(
        "HF5-Z4", "HF5", "Willkommensstruktur für internationale Fachkräfte", "HF5-L1", 2030
    ),
}


class Measure(NamedTuple):
    key: str
    goal: str
    title: str
    responsible: str
    partners: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None


#: Measures of the adopted concept (2017).
MEASURES = (
    Measure(
        "M-01",
        "HF1-Z1",
        "Erstorientierungskurse in den Samtgemeinden",
        "VHS",
        ("KOST", "SG-UCHTE", "SG-HOYA"),
        "2017-04-03",
    ),
    Measure(
        "M-02",
        "HF1-Z1",
        "Willkommensmappe in sechs Sprachen",
        "KOST",
        ("ABH", "DW"),
        "2017-04-03",
        "2018-06-30",
    ),
    Measure(
        "M-04",
        "HF2-Z1",
        "Regionale Integrationsrunden in vier Teilräumen",
        "KOST",
        ("STADT-NI", "SG-HOYA", "SG-UCHTE", "SG-MW"),
        "2017-05-02",
    ),
    Measure(
        "M-05",
        "HF2-Z1",
        "Jährliche Integrationskonferenz",
        "KOST",
        ("VHS", "JC", "DW"),
        "2017-09-01",
    ),
    Measure(
        "M-06",
        "HF2-Z2",
        "Kooperationsvereinbarungen mit Kommunen und Trägern abschließen",
        "KOST",
        ("FD-SOZ",),
        "2017-04-03",
        "2020-12-31",
    ),
    Measure(
        "M-07",
        "HF3-Z1",
        "Qualifizierungsreihe für Integrationslotsinnen und -lotsen",
        "VHS",
        ("FWA", "KOST"),
        "2017-09-01",
    ),
    Measure(
        "M-08",
        "HF3-Z2",
        "Anerkennungsabend für Engagierte in der Integrationsarbeit",
        "KOST",
        ("FWA",),
    ),
    Measure("M-09", "HF3-Z1", "Sprachcafé Steyerberg", "EA-STEY", ("FL-STEY",), "2017-04-03"),
    Measure(
        "M-10",
        "HF4-Z1",
        "Integrationskurse an den Standorten Uchte und Hoya",
        "VHS",
        ("BAMF", "JC"),
        "2017-08-14",
    ),
    Measure(
        "M-12", "HF4-Z2", "Sprachkitas und Elternbegleitung", "FD-JUG", ("STADT-NI",), "2017-08-01"
    ),
    Measure(
        "M-14",
        "HF5-Z1",
        "Jobbegleitung für Geflüchtete im Integration Point",
        "JC",
        ("AA", "KOST"),
        "2017-04-03",
    ),
    Measure(
        "M-15",
        "HF5-Z2",
        "Ausbildungslotsen an den Berufsbildenden Schulen",
        "BBS",
        ("AA",),
        "2017-08-01",
    ),
    Measure(
        "M-17",
        "HF6-Z1",
        "Wohnraumakquise und Mietführerschein",
        "FD-SOZ",
        ("STADT-NI", "DW"),
        "2017-06-01",
    ),
    Measure(
        "M-19",
        "HF7-Z1",
        "Sprachmittlerpool für Gesundheit und Beratung",
        "FD-GES",
        ("DRK", "DW"),
        "2017-06-01",
    ),
    Measure(
        "M-20",
        "HF7-Z2",
        "Gesundheitslotsen für zugewanderte Familien",
        "FD-GES",
        ("MO-DSK", "MO-AFR"),
        "2017-09-01",
    ),
    Measure(
        "M-21",
        "HF8-Z1",
        "Schulungsreihe Interkulturelle Kompetenz für die Kreisverwaltung",
        "FD-PERS",
        ("KOST", "VHS"),
        "2017-05-02",
    ),
    Measure(
        "M-22",
        "HF8-Z2",
        "Beratende Mitglieder aus Migrantenorganisationen im Sozialausschuss",
        "KOST",
        ("SA", "MO-DSK", "MO-AFR"),
    ),
    Measure(
        "M-23", "HF8-Z3", "Zertifizierung Interkulturelle Öffnung vorbereiten", "FD-PERS", ("KOST",)
    ),
    Measure(
        "M-24",
        "HF8-Z2",
        "Interkulturelle Woche im Landkreis",
        "KOST",
        ("STADT-NI", "MO-DSK", "MO-AFR", "DW"),
        "2017-09-01",
    ),
)

#: Measures added by later updates.
LATER_MEASURES = {
    "M-03": Measure(
        "M-03",
        "HF1-Z2",
        "Kursbus: Fahrdienst zu Sprach- und Integrationskursen",
        "FD-SOZ",
        ("VHS", "SG-UCHTE", "SG-MW"),
        "2018-09-03",
        "2020-12-31",
    ),
    "M-11": Measure(
        "M-11",
        "HF4-Z1",
        "Kursplatzbörse: zentrale Vormerkliste für Integrationskurse",
        "KOST",
        ("VHS", "JC", "ABH"),
        "2018-02-01",
    ),
    "M-16": Measure(
        "M-16",
        "HF5-Z3",
        "Anerkennungsberatung vor Ort in Nienburg, Uchte und Hoya",
        "IQ",
        ("KOST", "JC"),
        "2019-09-02",
    ),
    "M-13": Measure(
        "M-13",
        "HF4-Z3",
        "Online-Sprachkurse und Sprachlern-Apps",
        "VHS",
        ("JC",),
        "2020-04-20",
        "2021-12-31",
    ),
    "M-18": Measure(
        "M-18",
        "HF1-Z3",
        "Aufnahme und Unterbringungsmanagement für Geflüchtete aus der Ukraine",
        "FD-SOZ",
        ("STADT-NI", "DRK", "MO-UKR"),
        "2022-03-14",
        "2024-06-30",
    ),
    "M-25": Measure(
        "M-25",
        "HF5-Z1",
        "Job-Turbo: Sprachkurs und Arbeitsaufnahme verbinden",
        "JC",
        ("AA", "IHK", "VHS"),
        "2024-02-01",
    ),
    "M-26": Measure(
        "M-26",
        "HF5-Z4",
        "Welcome Center für internationale Fachkräfte",
        "KOST",
        ("AA", "IHK", "ABH"),
        "2027-04-01",
    ),
}
