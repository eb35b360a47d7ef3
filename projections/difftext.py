"""``konzept diff`` as text: one line per changed attribute, one line per event behind it.

A reviewer auditing a year reads each change and then who made it, when it took
effect, on which decision and why. The table this replaced squeezed the events into a
24-character column ("#859286 cschneider [B-2024-0256]: Nachmeldung der Kommune;
#859591 …"), 30 and more lines per change on a busy entity, and laying it out was
most of the command's time on a 1M-event store (14 MB of text). Here a change is
one line (key, attribute: old → new) and each event one indented line below it
(``#position  effective  actor [decision]: reason``); a line longer than 80 columns
wraps with a hanging indent, so the tree stays readable in print::

    HF1  Beschreibung: Ehrenamt und Sportvereine in Hoya sichern. → Sprachförderung
      in Stolzenau ausbauen.
        #852097  2025-01-14  eweber: Abstimmung im Netzwerktreffen
        #868799  2025-03-02  lkoch [B-2025-0267]: Überprüfung der Indikatoren
          (Schritt 5)

The text comes out in pieces (:func:`diff_chunks`) so the CLI writes while it lays
out. Laying out the later half on the second core (:mod:`fanout`) was tried: with
anything else running on the machine it made the command slower (1.0-1.2 s → 1.1-1.4 s
on the 1M bench store), the forked child copying on write the pages of the diff that
both processes touch, so one process lays it all out.
Markdown and CSV stay tables (the events of a change one per line in Markdown).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .i18n import t
from .plaintable import SPECIAL
from .render import heading, safe, table
from .views import CODED, attribute_label, label, shown_value

if TYPE_CHECKING:
    from .diff import Change, Diff, Entry

#: Printable at 80 columns.
WIDTH = 80
#: Indents of the tree: a change's own continuation lines, its events, theirs.
CHANGE_HANG, EVENT, EVENT_HANG = 2, 4, 6
#: Changes laid out per piece of text handed to the writer.
_BATCH = 500
#: Control characters (tabs and line breaks among them) and bidi overrides: what
#: :func:`render.safe` escapes, or what must be split or replaced first.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Wide, combining and zero-width characters (and a few other specials): a line with
#: one is measured as displayed. Compiled once, by :mod:`plaintable`.
_NOT_ONE_COLUMN = SPECIAL


def _special(text: str) -> bool:
    """Whether ``text`` needs :func:`wrapped`'s care: escaping, splitting, measuring."""
    return _CONTROL.search(text) is not None or SPECIAL.search(text) is not None


def diff_text(d: Diff, fmt: str, lang: str) -> str:
    """The whole diff as one text (the UI's report preview, tests)."""
    return "".join(diff_chunks(d, fmt, lang)).rstrip("\n")


def diff_chunks(d: Diff, fmt: str, lang: str) -> Iterator[str]:
    """The diff as pieces of text that end in a line break, in order."""
    title = f"Änderungen {d.start} → {d.end}" if lang == "de" else f"Changes {d.start} → {d.end}"
    yield heading(title, fmt) + "\n"
    if d.added:
        yield "\n" + heading(t(lang, "diff_added"), fmt, 2) + "\n\n"
        rows = [[e["key"], t(lang, e["kind"]), label(e)] for e in d.added]
        headers = [t(lang, "key"), t(lang, "diff_kind"), t(lang, "title")]
        yield table(rows, headers, fmt, [14, 16, 46]) + "\n"
    if d.changed:
        yield "\n" + heading(t(lang, "diff_changed"), fmt, 2) + "\n\n"
        if fmt == "txt":
            yield "\n".join(wrapped(t(lang, "diff_legend"), 0, 0)) + "\n\n"
            for n in range(0, len(d.changed), _BATCH):
                yield changes_text(d.changed[n : n + _BATCH], lang)
        else:
            yield _changes_table(d.changed, fmt, lang) + "\n"
    if d.retired:
        yield "\n" + heading(t(lang, "diff_retired"), fmt, 2) + "\n\n"
        rows = [[e["key"], t(lang, e["kind"]), label(e), t(lang, e["status"])] for e in d.retired]
        headers = [t(lang, "key"), t(lang, "diff_kind"), t(lang, "title"), t(lang, "status")]
        yield table(rows, headers, fmt, [12, 14, 32, 14]) + "\n"
    if d.empty:
        yield "\n" + ("Keine Änderungen." if lang == "de" else "No changes.") + "\n"


def changes_text(changes: list[Change], lang: str) -> str:
    """Changes as lines: each change, then its events indented below it.

    A year of a large concept is ~100k lines, so the common line (nothing to escape,
    nothing wider than one column, no longer than 80) is written straight away; the
    few others go through :func:`wrapped`. Whether a text is plain is asked once per
    distinct actor, date, decision and reason, which repeat from event to event.
    """
    lines: list[str] = []
    add, special, width = lines.append, _special, WIDTH - EVENT
    plain = _Plain()
    #: attribute → its label, and whether a text value of it is shown as it is (not a
    #: coded word, not an obligation): a year has a few dozen attribute names.
    names: dict[str, tuple[str, bool]] = {}
    for c in changes:
        attribute, old, new = c.attribute, c.old, c.new
        found = names.get(attribute)
        if found is None:
            found = names[attribute] = (attribute_label(attribute, lang), attribute not in CODED)
        name, as_is = found
        if not (as_is and type(old) is str and old):
            old = shown_value(attribute, old, lang)
        if not (as_is and type(new) is str and new):
            new = shown_value(attribute, new, lang)
        line = f"{c.key}  {name}: {old} → {new}"
        if special(line):
            lines.extend(wrapped(line, 0, CHANGE_HANG))
        elif len(line) <= WIDTH:
            add(line)
        else:
            lines.extend(_fill(line, "", "  ", WIDTH, len))
        for e in c.events:
            actor, reason, decision, effective = e.actor, e.reason, e.decision, e.effective
            if decision:
                line = f"#{e.position}  {effective}  {actor} [{decision}]"
                ok = plain[decision]
            else:
                line = f"#{e.position}  {effective}  {actor}"
                ok = True
            if reason:
                line = f"{line}: {reason}"
                ok = ok and plain[reason]
            if not (ok and plain[actor] and plain[effective]):
                lines.extend(wrapped(line, EVENT, EVENT_HANG))
            elif len(line) <= width:
                add("    " + line)
            else:
                lines.extend(_fill(line, "    ", "      ", WIDTH, len))
    lines.append("")
    return "\n".join(lines)


class _Plain(dict[str, bool]):
    """Text → whether it prints as it is, one column a character (asked once each)."""

    def __missing__(self, text: str) -> bool:
        found = self[text] = not _special(text)
        return found


def wrapped(text: str, indent: int, hang: int, width: int = WIDTH) -> list[str]:
    """A line as printed: escaped (:func:`render.safe`), indented by ``indent``, and
    wrapped at spaces to ``width`` columns, the lines after the first indented by
    ``hang``. Its own line breaks stay breaks, tabs become spaces, a word longer than
    a line is cut."""
    first, rest = " " * indent, " " * hang
    out: list[str] = []
    for part in safe(text).replace("\t", " ").split("\n"):
        part = part.strip(" ")
        if part:
            measure = _display_width if _NOT_ONE_COLUMN.search(part) else len
            out.extend(_fill(part, rest if out else first, rest, width, measure))
    return out or [""]


def _display_width(text: str) -> int:
    """Columns a terminal gives ``text``: wide and full-width characters two, combining
    and zero-width ones none (the rare line with such characters; ``wcwidth`` is not a
    dependency)."""
    from unicodedata import category, east_asian_width

    width = 0
    for c in text:
        if category(c) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if east_asian_width(c) in ("W", "F") else 1
    return width


def _fill(
    text: str, prefix: str, rest: str, width: int, measure: Callable[[str], int]
) -> Iterator[str]:
    """``prefix + text`` greedily broken at spaces into lines of at most ``width``
    columns (unless an indent leaves no room), continued after ``rest``."""
    while True:
        room = width - len(prefix)
        if room < 1 or measure(text) <= room:
            yield prefix + text
            return
        cut = _cut(text, room, measure)
        yield prefix + text[:cut].rstrip(" ")
        text = text[cut:].lstrip(" ")
        if not text:
            return
        prefix = rest


def _cut(text: str, room: int, measure: Callable[[str], int]) -> int:
    """Where to break ``text`` (no spaces at either end) so that its first part fits
    ``room`` columns: at the last space that fits, else inside the first word."""
    if measure is len:
        fits = room
    else:
        fits = 0
        while fits < len(text) and measure(text[: fits + 1]) <= room:
            fits += 1
    space = text.rfind(" ", 1, fits + 1)
    return space if space > 0 else max(fits, 1)


def _changes_table(changes: list[Change], fmt: str, lang: str) -> str:
    """Markdown and CSV: a table, a change a row, its events one per line of a cell."""
    rows: list[list[Any]] = []
    for c in changes:
        rows.append(
            [
                c.key,
                attribute_label(c.attribute, lang),
                f"{shown_value(c.attribute, c.old, lang)} → "
                f"{shown_value(c.attribute, c.new, lang)}",
                ("\n" if fmt == "md" else "; ").join(map(_who, c.events)),
            ]
        )
    headers = [t(lang, "key"), t(lang, "attribute"), t(lang, "change"), t(lang, "events")]
    return table(rows, headers, fmt)


def _who(e: Entry) -> str:
    """An event in a table cell: ``#position actor [decision]: reason``."""
    return (
        f"#{e.position} {e.actor}"
        + (f" [{e.decision}]" if e.decision else "")
        + (f": {e.reason}" if e.reason else "")
    )
