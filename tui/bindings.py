"""Bindings are data; their descriptions are i18n words, translated per node.

``BINDINGS`` name each action with a word of the i18n table (``"ui_k_edit"``). Textual
copies a class's bindings into every instance, so translating that copy once the
language is known gives German or English footers without a second set of bindings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from konzept.projections.i18n import t


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Replace the i18n words in ``node``'s binding descriptions by the language's text."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_translated(b, lang) for b in bindings]


def _translated(binding: Binding, lang: str) -> Binding:
    if not binding.description.startswith("ui_"):
        return binding
    return replace(binding, description=t(lang, binding.description))


def describe(bindings: Iterable[BindingType], lang: str) -> list[tuple[str, str]]:
    """(keys, description) for the help screen, from the same binding data."""
    rows = []
    for b in Binding.make_bindings(bindings):
        if b.description.startswith("ui_"):
            keys = ", ".join(key_name(k, lang) for k in b.key.split(","))
            rows.append((keys, _translated(b, lang).description))
    return rows


#: Key caps as they are printed on a keyboard of the language; arrows need no words.
_KEY_CAPS: dict[str, dict[str, str]] = {
    "de": {"home": "Pos1", "end": "Ende", "pageup": "Bild↑", "pagedown": "Bild↓",
           "space": "Leertaste", "enter": "Eingabe", "delete": "Entf", "ctrl": "Strg"},
    "en": {"home": "Home", "end": "End", "pageup": "PgUp", "pagedown": "PgDn",
           "space": "Space", "enter": "Enter", "delete": "Del", "ctrl": "Ctrl"},
}  # fmt: skip
_SYMBOLS = {"right": "→", "left": "←", "up": "↑", "down": "↓", "question_mark": "?",
            "escape": "Esc", "tab": "Tab", "shift+tab": "Shift+Tab"}  # fmt: skip


def key_name(key: str, lang: str) -> str:
    """A Textual key name (``ctrl+s``, ``right``) as a person reads it on the keyboard."""
    caps = _KEY_CAPS.get(lang, _KEY_CAPS["en"])
    key = key.strip()
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    *mods, last = key.split("+")
    words = [caps.get(m, m.capitalize()) for m in mods]
    if last in caps or last in _SYMBOLS:
        last = caps.get(last) or _SYMBOLS[last]
    elif (mods and len(last) == 1) or (last[:1] == "f" and last[1:].isdigit()):
        last = last.upper()  # Strg+S, F1

    return "+".join([*words, last])
