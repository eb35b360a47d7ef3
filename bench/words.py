"""The vocabulary of the synthetic history: staff, German titles, sources, reasons.

Plain data and seeded choices only, so the generator's output depends on the seed
and nothing else.
"""

from __future__ import annotations

import random

#: Login names of the staff who edit; the first ones edit far more than the last.
STAFF = (
    "amueller",
    "bschmidt",
    "cschneider",
    "dfischer",
    "eweber",
    "fmeyer",
    "gwagner",
    "hbecker",
    "ischulz",
    "jhoffmann",
    "kschaefer",
    "lkoch",
    "mbauer",
    "nrichter",
    "oklein",
    "pwolf",
    "qschroeder",
    "rneumann",
    "sschwarz",
    "tzimmermann",
    "ubraun",
    "vkrueger",
    "whofmann",
    "xhartmann",
    "ylange",
    "zschmitt",
    "awerner",
    "bkrause",
    "cmeier",
    "dlehmann",
)
STAFF_WEIGHTS = tuple(1 / (rank + 1) for rank in range(len(STAFF)))
STATISTICS = "statistik"

NOUNS = (
    "Sprachförderung",
    "Kita-Plätze",
    "Ausbildung",
    "Ehrenamt",
    "Migrationsberatung",
    "Wohnraum",
    "Gesundheitsversorgung",
    "Arbeitsmarktintegration",
    "Schulerfolg",
    "Elternarbeit",
    "Frauenförderung",
    "Anerkennung von Abschlüssen",
    "Jugendarbeit",
    "Sportvereine",
    "Willkommenskultur",
    "interkulturelle Öffnung",
    "Dolmetscherpool",
    "Integrationskurse",
    "Quartiersarbeit",
    "Antidiskriminierung",
    "Mobilität im ländlichen Raum",
    "digitale Teilhabe",
    "Seniorenarbeit",
    "politische Teilhabe",
)
VERBS = (
    "stärken",
    "ausbauen",
    "sichern",
    "verbessern",
    "vernetzen",
    "fördern",
    "weiterentwickeln",
    "verstetigen",
)
PLACES = (
    "im Landkreis",
    "in Nienburg",
    "in Hoya",
    "in Stolzenau",
    "in Rehburg-Loccum",
    "in den Samtgemeinden",
    "im ländlichen Raum",
    "kreisweit",
)
UNITS = ("%", "Personen", "Plätze", "Kurse", "Anzahl", "Monate", "Euro", "Teilnehmende")
SOURCES = (
    "Statistik der Bundesagentur für Arbeit",
    "Ausländerbehörde",
    "Schulamt",
    "Jobcenter",
    "Kita-Bedarfsplanung",
    "eigene Erhebung",
    "Landesamt für Statistik",
)
REASONS = (
    "Beschluss des Ausschusses umgesetzt",
    "Abstimmung im Netzwerktreffen",
    "Rückmeldung der Träger",
    "neue Datenlage",
    "Tippfehler korrigiert",
    "Empfehlung der Steuerungsgruppe",
    "Haushaltslage",
    "Nachmeldung der Kommune",
    "Überprüfung der Indikatoren (Schritt 5)",
    "",
)
ORGANISATIONS = (
    "Fachdienst Jugend",
    "Fachdienst Soziales",
    "Jobcenter",
    "Volkshochschule",
    "Caritas",
    "Diakonie",
    "AWO",
    "DRK",
    "Migrantenverein",
    "Sportbund",
    "Kreishandwerkerschaft",
    "Agentur für Arbeit",
    "Samtgemeinde",
    "Freiwilligenagentur",
    "Berufsbildende Schulen",
)
ACTOR_KINDS = (
    "department",
    "political_body",
    "municipality",
    "public_agency",
    "association",
    "migrant_organisation",
    "volunteer_group",
    "education_provider",
    "other",
)


def title(rng: random.Random) -> str:
    """A short title in the office's style (``Sprachförderung im Landkreis stärken``)."""
    return f"{rng.choice(NOUNS)} {rng.choice(PLACES)} {rng.choice(VERBS)}"


def sentence(rng: random.Random) -> str:
    """A description of one or two clauses."""
    first = f"{rng.choice(NOUNS)} und {rng.choice(NOUNS)} {rng.choice(PLACES)} {rng.choice(VERBS)}"
    if rng.random() < 0.5:
        return f"{first}."
    return f"{first}; dazu {rng.choice(NOUNS)} {rng.choice(VERBS)}."


def organisation(rng: random.Random, number: int) -> str:
    return f"{rng.choice(ORGANISATIONS)} {rng.choice(PLACES)} ({number})"
