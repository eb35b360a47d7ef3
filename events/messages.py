"""The refusals of the domain in German, and the domain words they name.

The English template a refusal is raised with is its key here: ``DE[template]`` is the
same sentence in German with the same placeholders (a test checks every template
raised in events/ against this table). Domain words passed as parameters (kinds,
attributes, statuses) are said with the names the UI and reports use
(``projections/i18n.py``), mirrored here because events/ does not import
projections/. German needs articles and cases for the kinds, so a kind word
carries its forms: ``{kind.Der}``, ``{kind.kein}``, ``{kind.dem}``…
"""

from __future__ import annotations


class Noun(str):
    """A word that formats as itself and offers its article forms as attributes.

    ``Noun("Ziel", Der="Das Ziel")``: ``f"{n}"`` is "Ziel", ``"{n.Der}"`` in a
    template is "Das Ziel". A form the word lacks falls back to the bare word, so a
    template never fails on a word without articles.
    """

    forms: dict[str, str]

    def __new__(cls, word: str, **forms: str) -> Noun:
        self = super().__new__(cls, word)
        self.forms = forms
        return self

    def __getattr__(self, name: str) -> str:
        if name.startswith("__") or name == "forms":
            raise AttributeError(name)
        return self.forms.get(name, str(self))


def _de(word: str, gender: str, genitive: str = "") -> Noun:
    """German forms by grammatical gender (m, f, n); ``genitive`` is the word in the
    genitive where it differs (des Indikators)."""
    gen = genitive or word
    the, a, none, dat, dat_a, of_a = {
        "m": ("der", "ein", "keinen", "dem", "einem", "eines"),
        "f": ("die", "eine", "keine", "der", "einer", "einer"),
        "n": ("das", "ein", "kein", "dem", "einem", "eines"),
    }[gender]
    return Noun(
        word,
        der=f"{the} {word}",
        Der=f"{the.capitalize()} {word}",
        ein=f"{a} {word}",
        Ein=f"{a.capitalize()} {word}",
        kein=f"{none} {word}",
        dem=f"{dat} {word}",
        einem=f"{dat_a} {word}",
        eines=f"{of_a} {gen}",
    )


def _en(word: str) -> Noun:
    a = "an" if word[0] in "aeiou" else "a"
    return Noun(word, a=f"{a} {word}", A=f"{a.capitalize()} {word}")


#: Domain words by language and group; a word missing here is shown by its code.
WORDS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "kind": {
            "field": _en("field of action"),
            "goal": _en("goal"),
            "measure": _en("measure"),
            "indicator": _en("indicator"),
            "actor": _en("actor"),
            "agreement": _en("agreement"),
            "decision": _en("decision"),
            "step": _en("process step"),
            "entity": _en("entity"),
            "concept": _en("concept"),
        },
    },
    "de": {
        "kind": {
            "field": _de("Handlungsfeld", "n", "Handlungsfelds"),
            "goal": _de("Ziel", "n", "Ziels"),
            "measure": _de("Maßnahme", "f"),
            "indicator": _de("Indikator", "m", "Indikators"),
            "actor": _de("Akteur", "m", "Akteurs"),
            "agreement": _de("Vereinbarung", "f"),
            "decision": _de("Beschluss", "m", "Beschlusses"),
            "step": _de("Prozessschritt", "m", "Prozessschritts"),
            "entity": _de("Eintrag", "m", "Eintrags"),
            "concept": _de("Integrationskonzept", "n", "Integrationskonzepts"),
        },
        # The attributes as projections/i18n.py names them, and the other things a
        # typed text can be (values.text's ``what``), with articles where a sentence
        # starts with them.
        "attr": {
            "text": _de("Text", "m"),
            "title": _de("Titel", "m"),
            "description": _de("Beschreibung", "f"),
            "field": _de("Handlungsfeld", "n"),
            "goal": _de("Ziel", "n"),
            "parent": _de("Leitziel", "n"),
            "target_year": _de("Zieljahr", "n"),
            "responsible": "verantwortlich",
            "partners": "Partner",
            "start": _de("Beginn", "m"),
            "end": _de("Ende", "n"),
            "name": _de("Name", "m"),
            "definition": _de("Definition", "f"),
            "unit": _de("Einheit", "f"),
            "direction": _de("Richtung", "f"),
            "baseline": _de("Ausgangswert", "m"),
            "target": _de("Zielwert", "m"),
            "source": _de("Quelle", "f"),
            "weight": _de("Gewichtung", "f"),
            "value": _de("Messwert", "m"),
            "values": "Messwerte",
            "actor_kind": _de("Art", "f"),
            "contact": _de("Kontakt", "m"),
            "parties": "Partner",
            "goals": "Ziele",
            "measures": "Maßnahmen",
            "valid_from": "gültig ab",
            "valid_until": "gültig bis",
            "review": _de("Überprüfung", "f"),
            "obligation": _de("Verpflichtung", "f"),
            "obligations": "Verpflichtungen",
            "body": _de("Gremium", "n"),
            "date": _de("Datum", "n"),
            "reference": _de("Vorlage", "f"),
            "outcome": _de("Ergebnis", "n"),
            "link": _de("Link", "m"),
            "territory": _de("Gebietskörperschaft", "f"),
            "population": _de("Einwohnerzahl", "f"),
            "area_km2": "Fläche (km²)",
            "language": _de("Sprache", "f"),
            "reason": _de("Begründung", "f"),
            "login name": _de("Anmeldename", "m"),
            "what": _de("Inhalt", "m"),
            "party": _de("Partei", "f"),
            "number": "Nr.",
            "recurring": "wiederkehrend",
        },
        # The statuses as the UI shows them; set_status accepts these words as typed.
        "status": {
            "active": "aktiv",
            "retired": "außer Kraft",
            "draft": "Entwurf",
            "adopted": "beschlossen",
            "achieved": "erreicht",
            "dropped": "aufgegeben",
            "planned": "geplant",
            "running": "laufend",
            "completed": "abgeschlossen",
            "stopped": "eingestellt",
            "negotiating": "in Verhandlung",
            "signed": "unterzeichnet",
            "expired": "ausgelaufen",
            "terminated": "beendet",
            "open": "offen",
            "in_progress": "in Arbeit",
            "done": "erledigt",
            "recorded": "gefasst",
        },
    },
}


def word(lang: str, group: str, name: str) -> str:
    """The word for ``name`` in ``lang``; its code where the language lacks it."""
    return WORDS.get(lang, {}).get(group, {}).get(name, name)


def template(lang: str, english: str) -> str | None:
    """The template for ``english`` in ``lang``; None where there is none."""
    if lang == "en":
        return english
    return CATALOGS.get(lang, {}).get(english)


#: English template → German template, placeholders unchanged.
DE: dict[str, str] = {
    # konzept serve-ssh, to a client it turns away
    "All {limit} sessions are in use; please try again shortly.": (
        "Alle {limit} Sitzungen sind belegt; bitte gleich noch einmal versuchen."
    ),
    "This server offers no {subsystem}.": "Dieser Server bietet kein {subsystem} an.",
    "The UI needs a terminal: connect with 'ssh -t', or name a command ('ssh … log').": (
        "Die Oberfläche braucht ein Terminal: mit 'ssh -t' verbinden oder einen Befehl "
        "nennen ('ssh … log')."
    ),
    "The session could not be started; please tell the administrator.": (
        "Die Sitzung konnte nicht gestartet werden; bitte der Administration Bescheid geben."
    ),
    # --- values.py: what a person typed -----------------------------------------------
    "{name!r} is not a valid login name: use 1–40 characters without spaces.": (
        "{name!r} ist kein gültiger Anmeldename: 1–40 Zeichen ohne Leerzeichen."
    ),
    "The record of this concept begins on {first}; on {date} there is nothing to show yet.": (
        "Das Protokoll dieses Konzepts beginnt am {first}; am {date} gibt es noch nichts zu zeigen."
    ),
    "The year {year} cannot be closed: the record of this concept begins in {first}.": (
        "Das Jahr {year} kann nicht abgeschlossen werden: Das Protokoll dieses Konzepts "
        "beginnt erst {first}."
    ),
    "{key!r} is not a valid key: use 1–40 letters, digits, '.', '_' or '-', "
    "starting with a letter or digit (e.g. HF1-Z2).": (
        "{key!r} ist kein gültiger Schlüssel: 1–40 Buchstaben, Ziffern, '.', '_' oder '-', "
        "beginnend mit einem Buchstaben oder einer Ziffer (z. B. HF1-Z2)."
    ),
    "The {what} must not be empty.": "{what.Der} darf nicht leer sein.",
    "The {what} is longer than {limit} characters.": ("{what.Der} ist länger als {limit} Zeichen."),
    "The {what} contains control characters; type plain text.": (
        "{what.Der} enthält Steuerzeichen; bitte einfachen Text eingeben."
    ),
    "The {what} is not valid UTF-8 text; check the encoding of your terminal or file.": (
        "{what.Der} ist kein gültiger UTF-8-Text; bitte die Zeichenkodierung des "
        "Terminals oder der Datei prüfen."
    ),
    "{value!r} is not a year (e.g. 2024).": "{value!r} ist keine Jahreszahl (z. B. 2024).",
    "{year} is not a plausible year ({low}–{high}).": (
        "{year} ist keine plausible Jahreszahl ({low}–{high})."
    ),
    "{value!r} is not a day of the calendar (month 01–12, a day that month has).": (
        "{value!r} gibt es im Kalender nicht (Monat 01–12, ein Tag, den der Monat hat)."
    ),
    "--limit takes a number of entries (0 or more), not {raw!r}.": (
        "--limit erwartet eine Anzahl Einträge (0 oder mehr), nicht {raw!r}."
    ),
    "{value!r} is neither a year nor a date; write 2024 or 2024-12-31.": (
        "{value!r} ist weder ein Jahr noch ein Datum; bitte 2024 oder 2024-12-31 schreiben."
    ),
    "{value!r} is not a date; write it as YYYY-MM-DD.": (
        "{value!r} ist kein Datum; bitte als JJJJ-MM-TT schreiben."
    ),
    "{value} is not a plausible date.": "{value} ist kein plausibles Datum.",
    "{value!r} is not a number.": "{value!r} ist keine Zahl.",
    "{value!r} could be {thousands} or a decimal: write {thousands}, or "
    "{whole}.{decimals} for the decimal.": (
        "{value!r} kann {thousands} oder eine Dezimalzahl sein: bitte {thousands} "
        "schreiben, oder {whole},{decimals} für die Dezimalzahl."
    ),
    "{value!r} is not a finite number.": "{value!r} ist keine endliche Zahl.",
    "{value!r} is not YEAR=VALUE (e.g. 2030=50).": (
        "{value!r} hat nicht die Form JAHR=WERT (z. B. 2030=50)."
    ),
    "{value!r} is not yes or no.": "{value!r} ist weder ja noch nein.",
    "{value!r} is not one of: {options}.": "{value!r} ist keiner der Werte: {options}.",
    "{value!r} is not a whole number.": "{value!r} ist keine ganze Zahl.",
    "{value} must not be negative.": "{value} darf nicht negativ sein.",
    # --- commands.py: the domain rules --------------------------------------------------
    "There is no {kind} with the key {key}.": "Es gibt {kind.kein} mit dem Schlüssel {key}.",
    "The {kind} {key} is {status}; nothing new can refer to it.": (
        "{kind.Der} {key} ist {status}; darauf kann nichts Neues mehr verweisen."
    ),
    "The key {key} is already used by the {kind} '{title}'; keys are never reused.": (
        "Der Schlüssel {key} gehört schon {kind.dem} „{title}“; Schlüssel werden nie "
        "wiederverwendet."
    ),
    "Goal {goal} cannot sit below {parent}: that makes a loop.": (
        "Das Ziel {goal} kann nicht unter {parent} stehen: Das ergäbe einen Kreis."
    ),
    "The target year {target} lies before the baseline year {baseline}.": (
        "Das Zieljahr {target} liegt vor dem Jahr des Ausgangswerts {baseline}."
    ),
    "This store already holds a concept.": "Diese Datenbank enthält schon ein Konzept.",
    "The parent goal {parent} belongs to another field of action.": (
        "Das Leitziel {parent} gehört zu einem anderen Handlungsfeld."
    ),
    "The measure would end ({end}) before it starts ({start}).": (
        "Die Maßnahme würde enden ({end}), bevor sie beginnt ({start})."
    ),
    "An agreement needs at least one party (--party ACTOR).": (
        "Eine Vereinbarung braucht mindestens einen Partner (--party AKTEUR)."
    ),
    "The agreement would end ({end}) before it starts ({start}).": (
        "Die Vereinbarung würde enden ({end}), bevor sie beginnt ({start})."
    ),
    "The agreement {key} is {status}.": "Die Vereinbarung {key} ist {status}.",
    "{party} is not a party of the agreement {key} (parties: {parties}).": (
        "{party} ist kein Partner der Vereinbarung {key} (Partner: {parties})."
    ),
    "The agreement {key} has no obligation {number}.": (
        "Die Vereinbarung {key} hat keine Verpflichtung {number}."
    ),
    "Obligation {number} of {key} is already fulfilled.": (
        "Die Verpflichtung {number} von {key} ist schon erfüllt."
    ),
    "{kind.A} has no attribute {attribute!r}; it has: {attrs}.": (
        "{kind.Ein} hat kein Merkmal {attribute!r}; vorhanden sind: {attrs}."
    ),
    "The {attr} of {key} is already {raw!r}; nothing to change.": (
        "Das Merkmal „{attr}“ von {key} ist schon {raw!r}; es gibt nichts zu ändern."
    ),
    "Use 'parent' to place a goal below another goal.": (
        "Ein Ziel wird mit 'parent' unter ein anderes Ziel gestellt."
    ),
    "An agreement needs at least one party.": (
        "Eine Vereinbarung braucht mindestens einen Partner."
    ),
    "{parties} still has obligations under {key}; a party with obligations cannot leave.": (
        "{parties} hat noch Verpflichtungen aus {key}; ein Partner mit Verpflichtungen "
        "kann nicht ausscheiden."
    ),
    "The concept has no attribute {attribute!r}; it has: {attrs}.": (
        "Das Konzept hat kein Merkmal {attribute!r}; vorhanden sind: {attrs}."
    ),
    "There is no setting {name!r}; settings: {settings}.": (
        "Es gibt keine Einstellung {name!r}; Einstellungen: {settings}."
    ),
    "The tolerance is a share of progress between 0 and 100.": (
        "Die Toleranz ist ein Anteil am Fortschritt zwischen 0 und 100."
    ),
    "{kind.A} has no lifecycle to move along.": "{kind.Ein} hat keinen Status, der wechseln kann.",
    "{status!r} is not a status of {kind.a} ({statuses}).": (
        "{status!r} ist kein Status {kind.eines} ({statuses})."
    ),
    "{key} is {current} and cannot become {status}; that is final.": (
        "{key} ist „{current}“ und kann nicht „{status}“ werden; das ist endgültig."
    ),
    "{key} is {current} and cannot become {status}; it can become: {allowed}.": (
        "{key} ist „{current}“ und kann nicht „{status}“ werden; möglich ist: {allowed}."
    ),
    "{key} still has open entries below it ({keys}); close them or move them elsewhere first.": (
        "Unter {key} sind noch offene Einträge ({keys}); bitte diese zuerst abschließen "
        "oder anderswo zuordnen."
    ),
    "Process step {key} is done and does not recur.": (
        "Der Prozessschritt {key} ist erledigt und wiederholt sich nicht."
    ),
    "{kind.A} cannot be retired.": "{kind.Ein} kann nicht außer Kraft gesetzt werden.",
    "The year {year} is closed; correcting it needs --reopen and a reason.": (
        "Das Jahr {year} ist abgeschlossen; eine Korrektur braucht --reopen und eine Begründung."
    ),
    "{key} already has {value} for {year}; nothing to change.": (
        "{key} hat für {year} schon den Wert {value}; es gibt nichts zu ändern."
    ),
    "correcting the closed year {year}": "die Korrektur des abgeschlossenen Jahres {year}",
    "The year {year} is already closed.": "Das Jahr {year} ist schon abgeschlossen.",
    "closing the year {year}": "den Abschluss des Jahres {year}",
    "{person} already has the role {role}.": "{person} hat die Rolle {role} schon.",
    "{person} does not have the role {role}.": "{person} hat die Rolle {role} nicht.",
    "{person} is the last admin; grant admin to someone else first.": (
        "{person} ist der letzte Admin; zuerst jemand anderem die Rolle admin geben."
    ),
    "The key {fingerprint} is already authorised for {person}; a key maps to one person only.": (
        "Der Schlüssel {fingerprint} ist schon für {person} zugelassen; ein Schlüssel "
        "gehört zu genau einer Person."
    ),
    "{person} has no authorised key.": "{person} hat keinen zugelassenen Schlüssel.",
    "No authorised key has the fingerprint {fingerprint}.": (
        "Kein zugelassener Schlüssel hat den Fingerabdruck {fingerprint}."
    ),
    "The key {fingerprint} belongs to {holder}, not {person}.": (
        "Der Schlüssel {fingerprint} gehört {holder}, nicht {person}."
    ),
    # --- revert.py ----------------------------------------------------------------------
    "There is no event at position {position}.": ("An Position {position} gibt es kein Ereignis."),
    "reverting position {position}": "die Rücknahme von Position {position}",
    "Position {position} created the concept; it cannot be reverted.": (
        "Position {position} hat das Konzept angelegt; das kann nicht zurückgenommen werden."
    ),
    "Position {position} added {key}; an addition is not reverted.": (
        "Position {position} hat {key} angelegt; eine Anlage wird nicht zurückgenommen."
    ),
    "Position {position} added {key}; an addition is not reverted — set its status "
    "to '{status}' instead.": (
        "Position {position} hat {key} angelegt; eine Anlage wird nicht zurückgenommen — "
        "stattdessen den Status auf „{status}“ setzen."
    ),
    "Position {position} changed who may do what; change that with 'grant' or "
    "'revoke' instead of reverting it.": (
        "Position {position} hat geändert, wer was darf; das bitte mit 'grant' oder "
        "'revoke' ändern statt es zurückzunehmen."
    ),
    "Position {position} changed the concept's details or settings; set them again "
    "with 'set concept' or 'set settings' instead of reverting it.": (
        "Position {position} hat Konzeptangaben oder Einstellungen geändert; diese bitte "
        "mit 'set concept' oder 'set settings' neu setzen statt sie zurückzunehmen."
    ),
    "The {year} value of {key} has changed again since position {position}; "
    "revert the later change first.": (
        "Der Messwert {year} von {key} hat sich seit Position {position} wieder geändert; "
        "zuerst die spätere Änderung zurücknehmen."
    ),
    "A {type} event cannot be reverted.": ("Ein Ereignis {type} kann nicht zurückgenommen werden."),
    "The {attr} of {key} has changed again since position {position}; "
    "revert the later change first.": (
        "Das Merkmal „{attr}“ von {key} hat sich seit Position {position} wieder geändert; "
        "zuerst die spätere Änderung zurücknehmen."
    ),
    # --- service.py: who, why, from when ------------------------------------------------
    "{person} may not do this: it needs the role {role} and you are {roles}; "
    "ask an admin ('konzept grant').": (
        "{person} darf das nicht: Es braucht die Rolle {role}, vorhanden ist {roles}; "
        "bitte einen Admin fragen ('konzept grant')."
    ),
    "{person} may not do this: it needs the role {role} and you have no role here; "
    "ask an admin ('konzept grant').": (
        "{person} darf das nicht: Es braucht die Rolle {role}, und hier ist keine Rolle "
        "vergeben; bitte einen Admin fragen ('konzept grant')."
    ),
    "This store requires a reason for every change (--reason).": (
        "Diese Datenbank verlangt für jede Änderung eine Begründung (--reason)."
    ),
    "A reason is required for {change} (--reason).": (
        "Für {change} ist eine Begründung nötig (--reason)."
    ),
    "A decision is required for {change} (--decision).": (
        "Für {change} ist ein Beschluss nötig (--decision)."
    ),
    "{key} exists only from {since}; a change to it cannot take effect on {effective}.": (
        "{key} gibt es erst ab {since}; eine Änderung daran kann nicht am {effective} gelten."
    ),
    "The {kind} {key} exists only from {since}; it cannot be referred to on {effective}.": (
        "{kind.Der} {key} gibt es erst ab {since}; am {effective} kann nichts darauf verweisen."
    ),
    "A value for {year} cannot be recorded yet: measured values go up to {latest}; "
    "targets may lie further ahead.": (
        "Ein Messwert für {year} kann noch nicht erfasst werden: Messwerte reichen bis "
        "{latest}; nur Ziele dürfen weiter in der Zukunft liegen."
    ),
    "A revert needs its own reason (--reason).": (
        "Eine Rücknahme braucht eine eigene Begründung (--reason)."
    ),
    "Line {line}: expected the columns indicator, year, value[, source, note]; "
    "this line has {columns}.": (
        "Zeile {line}: erwartet werden die Spalten indicator, year, value[, source, note]; "
        "diese Zeile hat {columns}."
    ),
    "{key} {year} appears a second time (first on line {first}).": (
        "{key} {year} kommt ein zweites Mal vor (zuerst in Zeile {first})."
    ),
    "Line {line}: {error}": "Zeile {line}: {error}",
    "Line {line}: the file ends without any values; "
    "expected rows of indicator,year,value[,source,note].": (
        "Zeile {line}: Die Datei endet ohne einen Wert; erwartet sind Zeilen "
        "indicator,year,value[,source,note]."
    ),
    "The {attr} cannot be stored: {detail}.": ("„{attr}“ kann nicht gespeichert werden: {detail}."),
    "Line {line}: the CSV is malformed ({detail}).": (
        "Zeile {line}: Die CSV-Datei ist fehlerhaft ({detail})."
    ),
    # --- sshkeys.py ---------------------------------------------------------------------
    "Expected exactly one public key line (the contents of a .pub file), got {count} lines.": (
        "Erwartet ist genau eine Zeile mit einem öffentlichen Schlüssel (der Inhalt "
        "einer .pub-Datei), gefunden {count} Zeilen."
    ),
    "The public key line is too long to be an OpenSSH key.": (
        "Die Schlüsselzeile ist zu lang für einen OpenSSH-Schlüssel."
    ),
    "This is a private key; give the public key (the .pub file) instead.": (
        "Das ist ein privater Schlüssel; bitte den öffentlichen Schlüssel (die .pub-Datei) angeben."
    ),
    "This is not an OpenSSH public key line: expected a type such as ssh-ed25519 "
    "followed by the key, as in id_ed25519.pub.": (
        "Das ist keine Zeile mit einem öffentlichen OpenSSH-Schlüssel: erwartet ist ein "
        "Typ wie ssh-ed25519 und dann der Schlüssel, wie in id_ed25519.pub."
    ),
    "The public key's body is not valid base64.": (
        "Der Schlüssel selbst ist kein gültiges Base64."
    ),
    "The public key's body does not hold a {type} key.": (
        "Der Schlüssel selbst ist kein {type}-Schlüssel."
    ),
    # --- models.py, store.py, newstore.py: the file --------------------------------------
    "The log holds an event of unknown type {type!r}; upgrade konzept.": (
        "Das Protokoll enthält ein Ereignis unbekannten Typs {type!r}; bitte konzept aktualisieren."
    ),
    "The log holds {type} v{version}, newer than this release's v{supported}; upgrade konzept.": (
        "Das Protokoll enthält {type} v{version}, neuer als v{supported} dieser Version; "
        "bitte konzept aktualisieren."
    ),
    "{path} already exists; konzept will not overwrite it.": (
        "{path} gibt es schon; konzept überschreibt die Datei nicht."
    ),
    "Cannot finish {path}: another process holds it open.": (
        "{path} kann nicht fertiggestellt werden: Ein anderer Prozess hält die Datei offen."
    ),
    "{path} was created by someone else meanwhile; konzept will not overwrite it.": (
        "{path} wurde inzwischen von jemand anderem angelegt; konzept überschreibt die Datei nicht."
    ),
    "Cannot create {path}: {detail}.": "{path} kann nicht angelegt werden: {detail}.",
    "The store {path} is damaged: it holds text that is not UTF-8; run 'konzept verify'.": (
        "Die Datenbank {path} ist beschädigt: Sie enthält Text, der kein UTF-8 ist; "
        "bitte 'konzept verify' ausführen."
    ),
    "The store {path} is locked by another process (waited {seconds} s); try again in a moment.": (
        "Die Datenbank {path} ist von einem anderen Prozess gesperrt ({seconds} s "
        "gewartet); bitte gleich noch einmal versuchen."
    ),
    "The store {path} is read-only; konzept cannot write to it.": (
        "Die Datenbank {path} ist schreibgeschützt; konzept kann nicht hineinschreiben."
    ),
    "{path} is not a SQLite database.": "{path} ist keine SQLite-Datenbank.",
    "The store {path} is corrupt (SQLite: {detail}).": (
        "Die Datenbank {path} ist beschädigt (SQLite: {detail})."
    ),
    "The disk holding {path} is full; nothing was written.": (
        "Der Datenträger mit {path} ist voll; es wurde nichts geschrieben."
    ),
    "The store {path} could not be written or read (disk I/O error: the disk may "
    "be full, the file too large or the device failing); run 'konzept verify'.": (
        "Die Datenbank {path} konnte nicht geschrieben oder gelesen werden "
        "(Ein-/Ausgabefehler: Der Datenträger ist vielleicht voll, die Datei zu groß oder "
        "das Gerät defekt); bitte 'konzept verify' ausführen."
    ),
    "Cannot open {path}: SQLite needs to create {path}-wal and {path}-shm, "
    "so the folder must be writable.": (
        "{path} kann nicht geöffnet werden: SQLite muss {path}-wal und {path}-shm "
        "anlegen, der Ordner muss also beschreibbar sein."
    ),
    "The store {path} failed: {detail}.": "Die Datenbank {path} meldet einen Fehler: {detail}.",
    "There is no konzept store at {path}; create one with "
    "'konzept init' or 'konzept demo', or point --db at yours.": (
        "Unter {path} gibt es keine konzept-Datenbank; bitte mit 'konzept init' oder "
        "'konzept demo' eine anlegen oder mit --db auf die eigene zeigen."
    ),
    "{path} is a folder, not a konzept store.": ("{path} ist ein Ordner, keine konzept-Datenbank."),
    "{path} is an empty file, not a konzept store.": (
        "{path} ist eine leere Datei, keine konzept-Datenbank."
    ),
    "{path} is a SQLite database but not a konzept store.": (
        "{path} ist eine SQLite-Datenbank, aber keine konzept-Datenbank."
    ),
    "{path} was written by a newer konzept (store format {version}, "
    "this release reads up to {supported}); upgrade konzept.": (
        "{path} wurde von einem neueren konzept geschrieben (Format {version}, diese "
        "Version liest bis {supported}); bitte konzept aktualisieren."
    ),
    "The folder {folder} is read-only; SQLite's write-ahead log needs to "
    "create {path}-wal beside the store, so konzept cannot write to it.": (
        "Der Ordner {folder} ist schreibgeschützt; das Write-Ahead-Log von SQLite muss "
        "{path}-wal neben der Datenbank anlegen, daher kann konzept nicht schreiben."
    ),
    "Someone else changed {target} meanwhile (now at version {now}, your "
    "edit was based on version {seen}); nothing was written, reload and "
    "try again.": (
        "Jemand anderes hat {target} inzwischen geändert (jetzt Version {now}, Ihre "
        "Bearbeitung beruht auf Version {seen}); es wurde nichts geschrieben, bitte neu "
        "laden und noch einmal versuchen."
    ),
    "A value cannot be stored: it is not valid UTF-8 text (check the encoding).": (
        "Ein Wert kann nicht gespeichert werden: Er ist kein gültiger UTF-8-Text "
        "(bitte die Zeichenkodierung prüfen)."
    ),
    "A value cannot be stored: {detail}.": ("Ein Wert kann nicht gespeichert werden: {detail}."),
    "{path} already holds events; import needs an empty store.": (
        "{path} enthält schon Ereignisse; ein Import braucht eine leere Datenbank."
    ),
    "The event at position {position} cannot be read: the log was altered; "
    "'konzept verify' names what.": (
        "Das Ereignis an Position {position} kann nicht gelesen werden: Das Protokoll "
        "wurde verändert; 'konzept verify' nennt, was."
    ),
    "Line {line} of the import is not valid JSON.": (
        "Zeile {line} des Imports ist kein gültiges JSON."
    ),
    "Line {line} of the import is not a konzept event envelope.": (
        "Zeile {line} des Imports ist kein konzept-Ereignis."
    ),
    "Line {line} of the import has fields of the wrong type.": (
        "Zeile {line} des Imports hat Felder vom falschen Typ."
    ),
    "Line {line} of the import has position {position}, expected {expected}.": (
        "Zeile {line} des Imports hat Position {position}, erwartet {expected}."
    ),
    "Line {line} of the import does not link to the line before.": (
        "Zeile {line} des Imports schließt nicht an die vorige Zeile an."
    ),
    "Line {line} of the import breaks the versions of {stream}.": (
        "Zeile {line} des Imports bricht die Versionsfolge von {stream}."
    ),
    "Line {line} of the import has an unknown event type.": (
        "Zeile {line} des Imports hat einen unbekannten Ereignistyp."
    ),
    "Line {line} of the import holds {type} v{version}, newer than this release's "
    "v{supported}; upgrade konzept.": (
        "Zeile {line} des Imports enthält {type} v{version}, neuer als die v{supported} "
        "dieser Version; bitte konzept aktualisieren."
    ),
    "Line {line} of the import holds a NaN or infinite number.": (
        "Zeile {line} des Imports enthält NaN oder eine unendliche Zahl."
    ),
    "Line {line} of the import holds text that is not valid Unicode.": (
        "Zeile {line} des Imports enthält Text, der kein gültiges Unicode ist."
    ),
    "Line {line} of the import (position {position}) was altered: its hash does not match.": (
        "Zeile {line} des Imports (Position {position}) wurde verändert: Ihr Hash stimmt nicht."
    ),
    "Line {line} of the import holds data that does not fit {type}.": (
        "Zeile {line} des Imports enthält Daten, die nicht zu {type} passen."
    ),
    "The import into {path} failed: its second process stopped; nothing was written.": (
        "Der Import in {path} ist gescheitert: Sein zweiter Prozess brach ab; es wurde "
        "nichts geschrieben."
    ),
    # --- store.py verify(): what is wrong with the chain ----------------------------------
    "the database file is damaged ({found})": "Die Datenbankdatei ist beschädigt ({found})",
    "position {position} is missing": "Position {position} fehlt",
    "position {position} does not link to position {previous} (one of the two was altered)": (
        "Position {position} schließt nicht an Position {previous} an (eine der beiden "
        "wurde verändert)"
    ),
    "position {position} was altered after it was written": (
        "Position {position} wurde nach dem Schreiben verändert"
    ),
    "position {position} breaks the versions of {stream}": (
        "Position {position} bricht die Versionsfolge von {stream}"
    ),
    "position {position} holds {type} v{version}, which this release does not know; "
    "upgrade konzept (if no newer konzept wrote it, it was forged)": (
        "Position {position} enthält {type} v{version}, das diese Version nicht kennt; "
        "bitte konzept aktualisieren (hat kein neueres konzept es geschrieben, wurde es "
        "gefälscht)"
    ),
    # --- projections/integrity.py: what the commands could not have written ------------
    "position {position} cannot follow the events before it": (
        "Position {position} passt nicht zu den Ereignissen davor"
    ),
    "position {position} was recorded at {value!r}, which is no time": (
        "Position {position} wurde laut Eintrag um {value!r} erfasst, was keine Zeitangabe ist"
    ),
    "position {position} takes effect on {value!r}, which is no date": (
        "Position {position} soll ab {value!r} gelten, was kein Datum ist"
    ),
    "position {position} puts a {type} event on {stream}": (
        "Position {position} legt ein {type}-Ereignis auf {stream}"
    ),
    "position {position} refers to {key}, but there is no {kind} with that key before it": (
        "Position {position} verweist auf {key}, aber davor gibt es {kind.kein} mit diesem "
        "Schlüssel"
    ),
    "position {position} holds data that does not fit {type}": (
        "Position {position} enthält Daten, die nicht zu {type} passen"
    ),
    "the witnessed head {position} is missing: the log was cut off": (
        "Der bezeugte Stand {position} fehlt: Das Protokoll wurde gekürzt"
    ),
    "position {position} no longer has the witnessed hash: the log was rewritten": (
        "Position {position} hat nicht mehr den bezeugten Hash: Das Protokoll wurde umgeschrieben"
    ),
    # --- outside events/: the CLI (konzept/), projections/ and the UI (tui/) ------------
    "The argument {arg} is not valid UTF-8 text; check the encoding of your terminal.": (
        "Das Argument {arg} ist kein gültiger UTF-8-Text; bitte die Zeichenkodierung des "
        "Terminals prüfen."
    ),
    "Position {position} is outside the log ({first}–{last}).": (
        "Position {position} liegt außerhalb des Protokolls ({first}–{last})."
    ),
    "{value!r} is not a time; write YYYY-MM-DDTHH:MM:SS (UTC).": (
        "{value!r} ist kein Zeitpunkt; bitte als JJJJ-MM-TTTHH:MM:SS (UTC) schreiben, "
        "z. B. 2024-12-31T18:00:00."
    ),
    "The concept did not exist yet on {date}.": "Am {date} gab es das Konzept noch nicht.",
    "There is no report for {year} yet (at most {last}).": (
        "Für {year} gibt es noch keinen Bericht (höchstens {last})."
    ),
    "{end} lies before {start}; give the earlier one first.": (
        "{end} liegt vor {start}; bitte das frühere Datum zuerst angeben."
    ),
    "--witness takes POSITION:HASH (the head printed in a report).": (
        "--witness erwartet POSITION:HASH (den Stand des Protokolls, wie ihn ein Bericht nennt)."
    ),
    "The log is broken: {problem}.": "Das Protokoll ist beschädigt: {problem}.",
    "The log is broken at position {position}: {problem}.": (
        "Das Protokoll ist an Position {position} beschädigt: {problem}."
    ),
    "The log is intact, but checkpoints do not match it ({names}): "
    "readers would show a forged state; rebuild them with 'konzept checkpoint'.": (
        "Das Protokoll ist unversehrt, aber Zwischenstände passen nicht dazu ({names}): "
        "Anzeigen würden einen gefälschten Stand zeigen; bitte mit 'konzept checkpoint' "
        "neu aufbauen."
    ),
    "{name} at position {position}": "{name} an Position {position}",
    "Cannot read {path}: {detail}.": "{path} kann nicht gelesen werden: {detail}.",
    "Cannot write {path}: {detail}.": "{path} kann nicht geschrieben werden: {detail}.",
    "Cannot write {path}: {detail}; nothing was written.": (
        "{path} kann nicht geschrieben werden: {detail}; es wurde nichts geschrieben."
    ),
    "{path} is not UTF-8 text.": "{path} ist kein UTF-8-Text.",
    "Line {line}: {path} is not UTF-8 text; save it as UTF-8 CSV.": (
        "Zeile {line}: {path} ist kein UTF-8-Text; bitte als CSV-Datei in UTF-8 speichern."
    ),
    "The UI needs a terminal: name a command instead (konzept --help), "
    "or over SSH connect with 'ssh -t'.": (
        "Die Oberfläche braucht ein Terminal: bitte stattdessen einen Befehl angeben "
        "(konzept --help) oder sich per SSH mit 'ssh -t' verbinden."
    ),
    "--actor is not allowed by this store's settings; changes are recorded "
    "under your login name.": (
        "--actor ist in den Einstellungen dieser Datenbank nicht erlaubt; Änderungen "
        "werden unter Ihrem Anmeldenamen erfasst."
    ),
    "{path} is too large to be a public key file.": (
        "{path} ist zu groß für eine Datei mit einem öffentlichen Schlüssel."
    ),
    "{path} is not a text file; give the .pub file.": (
        "{path} ist keine Textdatei; bitte die .pub-Datei angeben."
    ),
    "The port must be between 0 (any free) and 65535, not {port}.": (
        "Der Port muss zwischen 0 (ein beliebiger freier) und 65535 liegen, nicht {port}."
    ),
    "--max-sessions must be between 1 and 1000.": (
        "--max-sessions muss zwischen 1 und 1000 liegen."
    ),
    "{path} already exists and is not the demo concept; choose another path with --db.": (
        "{path} gibt es schon, und es ist nicht das Demo-Konzept; bitte mit --db einen "
        "anderen Pfad wählen."
    ),
    "The command line cannot be read ({detail}).": (
        "Die Befehlszeile kann nicht gelesen werden ({detail})."
    ),
    "Over SSH the store and the person are set by the server (no --db, no --actor).": (
        "Über SSH legt der Server die Datenbank und die Person fest (kein --db, kein --actor)."
    ),
    "'{command}' is not available over SSH; ask the server's administrator.": (
        "'{command}' ist über SSH nicht verfügbar; bitte die Administration des Servers fragen."
    ),
    "Over SSH konzept writes no files on the server: leave out -o and redirect "
    "the output on your side (ssh … report 2024 > bericht.md).": (
        "Über SSH schreibt konzept keine Dateien auf dem Server: bitte -o weglassen und "
        "die Ausgabe auf der eigenen Seite umleiten (ssh … report 2024 > bericht.md)."
    ),
    "Over SSH konzept reads no files on the server: give '-' and send the "
    "file on standard input (ssh … import-values - < werte.csv).": (
        "Über SSH liest konzept keine Dateien auf dem Server: bitte '-' angeben und die "
        "Datei über die Standardeingabe schicken (ssh … import-values - < werte.csv)."
    ),
    "This state of the concept has no entry with the key {key}.": (
        "In diesem Stand des Konzepts gibt es keinen Eintrag mit dem Schlüssel {key}."
    ),
    "Unknown report format {fmt!r}; choose one of {formats}.": (
        "Unbekanntes Berichtsformat {fmt!r}; möglich sind: {formats}."
    ),
    "Unknown language {lang!r}; choose de or en.": (
        "Unbekannte Sprache {lang!r}; bitte de oder en wählen."
    ),
    "Nothing has changed.": "Es wurde nichts geändert.",
    # --- errors.os_reason(): why the system refused a file --------------------------------
    "{detail} ({path}).": "{detail} ({path}).",
    "{detail} (writing the output).": "{detail} (beim Schreiben der Ausgabe).",
    "{path} belongs to a database (a konzept store?); reports and exports are never "
    "written over one, so choose another file.": (
        "{path} gehört zu einer Datenbank (einem konzept-Speicher?); Berichte und Exporte "
        "werden nie darüber geschrieben, bitte eine andere Datei wählen."
    ),
    "The file holds no events (an exported log begins with the concept's creation), "
    "so nothing was imported.": (
        "Die Datei enthält keine Ereignisse (ein exportiertes Protokoll beginnt mit der "
        "Anlage des Konzepts), daher wurde nichts übernommen."
    ),
    "The year {year} cannot be closed yet: a year is closed once it has ended and its "
    "report was reviewed (at most {latest} now).": (
        "Das Jahr {year} kann noch nicht abgeschlossen werden: Ein Jahr wird erst nach "
        "seinem Ende und der Beratung seines Berichts abgeschlossen (jetzt höchstens {latest})."
    ),
    "An indicator's weight cannot be negative ({weight}).": (
        "Die Gewichtung eines Indikators kann nicht negativ sein ({weight})."
    ),
    "An indicator that should rise needs a target above its baseline ({baseline} → {target}).": (
        "Ein Indikator, der steigen soll, braucht einen Zielwert über dem Ausgangswert "
        "({baseline} → {target})."
    ),
    "An indicator that should fall needs a target below its baseline ({baseline} → {target}).": (
        "Ein Indikator, der sinken soll, braucht einen Zielwert unter dem Ausgangswert "
        "({baseline} → {target})."
    ),
    "Cannot write {path}: it is a disk, not a file.": (
        "{path} kann nicht geschrieben werden: Das ist ein Datenträger, keine Datei."
    ),
    "No such file or directory": "Datei oder Ordner nicht gefunden",
    "Permission denied": "keine Berechtigung",
    "Operation not permitted": "Vorgang nicht erlaubt",
    "Is a directory": "das ist ein Ordner",
    "Not a directory": "ein Teil des Pfads ist kein Ordner",
    "No space left on device": "kein Platz mehr auf dem Datenträger",
    "Read-only file system": "das Dateisystem ist schreibgeschützt",
    "File exists": "die Datei gibt es schon",
    "File name too long": "der Dateiname ist zu lang",
    "Disk quota exceeded": "das Speicherkontingent ist erschöpft",
    "Input/output error": "Ein-/Ausgabefehler",
}

CATALOGS: dict[str, dict[str, str]] = {"de": DE}
