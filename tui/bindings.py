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
            keys = ", ".join(_key_name(k) for k in b.key.split(","))
            rows.append((keys, _translated(b, lang).description))
    return rows


def _key_name(key: str) -> str:
    names = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "tab": "Tab"}
    return names.get(key, key.replace("ctrl+", "Ctrl+"))
