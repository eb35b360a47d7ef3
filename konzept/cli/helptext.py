"""``konzept --help`` in German (the default) or English (``--lang en``).

The parser is written with English help texts, which stay the keys: :func:`localize`
replaces each with its German twin from :data:`GERMAN` before the help is printed,
together with argparse's own words (its section titles, ``usage:`` and the ``-h``
line). ``tests/cli/test_cli_help_language.py`` fails on any help text without one.
"""

from __future__ import annotations

import argparse
from typing import Any

#: argparse's own words, as Python 3.11 writes them.
_ARGPARSE = {
    "positional arguments": "Argumente",
    "options": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
}

GERMAN: dict[str, str] = {
    **_ARGPARSE,
    "A district's integration concept as an auditable event log.": (
        "Das Integrationskonzept eines Landkreises als nachprüfbares Ereignisprotokoll."
    ),
    "the store (default $KONZEPT_DB, else ./konzept.db)": (
        "der Speicher (Vorgabe: $KONZEPT_DB, sonst ./konzept.db)"
    ),
    "language of UI and reports": "Sprache der Oberfläche und der Berichte",
    "act as NAME (only where the store's settings allow)": (
        "als NAME handeln (nur wo die Einstellungen des Speichers es erlauben)"
    ),
    "create an empty store": "einen leeren Speicher anlegen",
    "add an entity": "einen Eintrag hinzufügen",
    "change one attribute": "eine Angabe ändern",
    "move an entity along its lifecycle": "den Status eines Eintrags ändern",
    "retire an entity (end of its lifecycle)": "einen Eintrag außer Kraft setzen",
    "mark an obligation of an agreement fulfilled": (
        "eine Verpflichtung einer Vereinbarung als erfüllt eintragen"
    ),
    "record (or correct) an indicator value": "einen Messwert erfassen (oder korrigieren)",
    "record many values from a CSV file": "viele Messwerte aus einer CSV-Datei erfassen",
    "lock a reviewed year's indicator values": "die geprüften Messwerte eines Jahres abschließen",
    "undo one change by appending its inverse": (
        "eine Änderung durch ihre Umkehrung rückgängig machen"
    ),
    "the concept, or one entity": "das Konzept oder einen Eintrag zeigen",
    "the change log": "das Änderungsprotokoll",
    "one entity's events": "die Ereignisse eines Eintrags",
    "for each attribute, the event that set it": (
        "für jede Angabe das Ereignis, das sie gesetzt hat"
    ),
    "what changed between two years or dates": "was sich zwischen zwei Jahren oder Tagen änderte",
    "the annual report (Jahresbericht)": "der Jahresbericht",
    "check the hash chain and invariants": "Hash-Kette und Regeln prüfen",
    "the whole log as JSON Lines": "das ganze Protokoll als JSON Lines",
    "load an exported log into an empty store": (
        "ein exportiertes Protokoll in einen leeren Speicher laden"
    ),
    "give a person a role (admin only)": "einer Person eine Rolle geben (nur Admin)",
    "take a role from a person (admin only)": "einer Person eine Rolle nehmen (nur Admin)",
    "who has which role": "wer welche Rolle hat",
    "rebuild the persisted projections": "die gespeicherten Zwischenstände neu aufbauen",
    "create the demo concept and open the UI": "das Demo-Konzept anlegen und die Oberfläche öffnen",
    "open the terminal UI (the default without a command)": (
        "die Terminal-Oberfläche öffnen (Vorgabe ohne Befehl)"
    ),
    "serve konzept over SSH to authorised keys": (
        "konzept über SSH für zugelassene Schlüssel anbieten"
    ),
    "SSH keys that log people in to serve-ssh": "SSH-Schlüssel, mit denen sich Personen anmelden",
    "a field of action (Handlungsfeld)": "ein Handlungsfeld",
    "a goal (Ziel)": "ein Ziel",
    "a measure (Maßnahme)": "eine Maßnahme",
    "an indicator (Indikator)": "einen Indikator",
    "an actor (Akteur)": "einen Akteur",
    "an agreement (Vereinbarung)": "eine Vereinbarung",
    "an obligation of a party of an agreement": (
        "eine Verpflichtung eines Partners einer Vereinbarung"
    ),
    "a political decision (Beschluss)": "einen politischen Beschluss",
    "change record": "Angaben zur Änderung",
    "the new entity's key, e.g. HF1-Z2": "der Schlüssel des neuen Eintrags, z. B. HF1-Z2",
    "why this change is made": "warum die Änderung gemacht wird",
    "date from which it holds (YYYY-MM-DD; default today)": (
        "ab wann sie gilt (JJJJ-MM-TT; Vorgabe: heute)"
    ),
    "key of the decision behind it": "Schlüssel des Beschlusses dahinter",
    "the key of the agreement": "der Schlüssel der Vereinbarung",
    "e.g. Kreistag, Kreisausschuss, committee, administration": (
        "z. B. Kreistag, Kreisausschuss, committee, administration"
    ),
    "the entity's key (or 'settings' for a store setting)": (
        "Schlüssel des Eintrags, oder 'settings'"
    ),
    "the attribute's name, e.g. title or target": "der Name der Angabe, z. B. title oder target",
    "the new value (YEAR=VALUE for baseline and target)": (
        "der neue Wert (JAHR=WERT für baseline und target)"
    ),
    "the entity's key": "der Schlüssel des Eintrags",
    "the new status, e.g. adopted, running, signed": (
        "der neue Status, z. B. adopted, running, signed"
    ),
    "the agreement's key": "der Schlüssel der Vereinbarung",
    "the obligation's number within it": "die Nummer der Verpflichtung darin",
    "the indicator's key, e.g. I-03": "der Schlüssel des Indikators, z. B. I-03",
    "the year the value is for, e.g. 2025": "das Jahr des Werts, z. B. 2025",
    "the measured value, e.g. 12.5 (12,5 in German)": "der gemessene Wert, z. B. 12,5 (oder 12.5)",
    "where the value comes from": "woher der Wert stammt",
    "a remark on the value": "eine Bemerkung zum Wert",
    "correct a value of a closed year": "einen Wert eines abgeschlossenen Jahres korrigieren",
    "allow changing back a value of a closed year": (
        "einen Wert eines abgeschlossenen Jahres zurückändern"
    ),
    "CSV with indicator,year,value[,source,note]; - for stdin": (
        "CSV mit indicator,year,value[,source,note]; - für die Standardeingabe"
    ),
    "allow values of closed years": "Werte abgeschlossener Jahre zulassen",
    "the year to close, e.g. 2025": "das abzuschließende Jahr, z. B. 2025",
    "the change's position in 'konzept log'": "die Position der Änderung in 'konzept log'",
    "an entity's key (default: the whole concept)": (
        "der Schlüssel eines Eintrags (Vorgabe: das ganze Konzept)"
    ),
    "date or year (a year means 31 Dec)": "Tag oder Jahr (ein Jahr heißt 31.12.)",
    "as known when the log ended at N": "so, wie es bekannt war, als das Protokoll bei N endete",
    "as known at a UTC time (YYYY-MM-DDTHH:MM:SS)": (
        "so, wie es zu einer UTC-Zeit bekannt war (JJJJ-MM-TTTHH:MM:SS)"
    ),
    "only changes by NAME": "nur Änderungen von NAME",
    "the entity's key, e.g. I-03": "der Schlüssel des Eintrags, z. B. I-03",
    "a year (= 31 Dec) or YYYY-MM-DD": "ein Jahr (= 31.12.) oder JJJJ-MM-TT",
    "a later year or date": "ein späteres Jahr oder ein späterer Tag",
    "the report year, e.g. 2025": "das Berichtsjahr, z. B. 2025",
    "write to FILE instead of the terminal": "in FILE schreiben statt ins Terminal",
    "a JSON Lines file written by 'konzept export' ('-': standard input)": (
        "eine JSON-Lines-Datei von 'konzept export' ('-': Standardeingabe)"
    ),
    "the person's login name": "der Anmeldename der Person",
    "viewer, editor, admin": "viewer, editor, admin",
    "only create the store": "nur den Speicher anlegen",
    "address to listen on (127.0.0.1)": "Adresse, auf der gelauscht wird (127.0.0.1)",
    "port to listen on (2222; 0 = any free port, logged)": (
        "Port, auf dem gelauscht wird (2222; 0 = ein freier, wird protokolliert)"
    ),
    "sessions at once (10)": "Sitzungen gleichzeitig (10)",
    "the server's private host key (default: beside the store; made if missing)": (
        "der private Host-Schlüssel des Servers (Vorgabe: neben dem Speicher; "
        "wird angelegt, wenn er fehlt)"
    ),
    "let a public key log PERSON in (admin only)": (
        "einen öffentlichen Schlüssel PERSON anmelden lassen (nur Admin)"
    ),
    "the authorised keys and whom they log in": "die zugelassenen Schlüssel und wen sie anmelden",
    "revoke one key, or all keys of PERSON (admin only)": (
        "einen Schlüssel oder alle Schlüssel von PERSON widerrufen (nur Admin)"
    ),
    "the login name the key logs in as": "der Anmeldename, als der der Schlüssel anmeldet",
    "the .pub file, or - for standard input": "die .pub-Datei, oder - für die Standardeingabe",
    "why this key is admitted": "warum der Schlüssel zugelassen wird",
    "the login name whose key is revoked": "der Anmeldename, dessen Schlüssel widerrufen wird",
    "SHA256:… (default: every key of PERSON)": "SHA256:… (Vorgabe: jeder Schlüssel von PERSON)",
    "why the key is revoked": "warum der Schlüssel widerrufen wird",
}


class GermanHelpFormatter(argparse.HelpFormatter):
    """argparse's layout with a German ``usage:``."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


def localize(parser: argparse.ArgumentParser, lang: str) -> None:
    """Put the parser's help (and its subcommands') into ``lang`` before it is printed."""
    if lang == "en":
        return
    parser.formatter_class = GermanHelpFormatter
    parser.description = _german(parser.description)
    for group in parser._action_groups:
        group.title = _german(group.title)
        group.description = _german(group.description)
    for action in parser._actions:
        action.help = _german(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = _german(choice.help)
            for sub in {id(p): p for p in action.choices.values()}.values():
                localize(sub, lang)


def _german(text: str | None) -> str | None:
    return None if text is None else GERMAN.get(text, text)


def untranslated(parser: argparse.ArgumentParser) -> list[str]:
    """Every help text of the parser tree that :data:`GERMAN` lacks (for the test)."""
    missing: list[str] = []
    texts = [parser.description] + [g.title for g in parser._action_groups]
    for action in parser._actions:
        texts.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help for choice in action._choices_actions]
            for sub in action.choices.values():
                missing += untranslated(sub)
    missing += [t for t in texts if t and t != argparse.SUPPRESS and t not in GERMAN]
    return missing
