"""Every refusal raised in the source has a German twin, and renders in either language.

The catalog check reads the source (AST) of events/, konzept/ (the CLI, the demo, the
SSH door), projections/ and tui/, not a list kept by hand: a new
``raise ValidationError("...")`` (or an f-string) without a German entry fails here.
"""

from __future__ import annotations

import ast
import errno
import os
import string
from pathlib import Path

import pytest

import konzept
import konzept.events.errors as errors_module
import konzept.projections
import konzept.tui
from konzept.events.errors import (
    ConflictError,
    KonzeptError,
    Message,
    StoreError,
    ValidationError,
    Word,
    os_reason,
)
from konzept.events.messages import DE, Noun

#: The source folders by the name a report gives them (installed under other names).
SOURCES = {
    "events": Path(errors_module.__file__).parent,
    "konzept": Path(konzept.__file__).parent,
    "projections": Path(konzept.projections.__file__).parent,
    "tui": Path(konzept.tui.__file__).parent,
}

#: Names that take a template first: every KonzeptError subclass, and Message.
TEMPLATED = {
    name
    for name, obj in vars(errors_module).items()
    if isinstance(obj, type) and issubclass(obj, KonzeptError)
} | {"Message"}

#: Calls whose template is not a literal, on purpose: re-raising a caught error's own
#: (in forkimport: a refusal the inserting process made with a literal of logimport),
#: and the UI's note already said in its language by projections/i18n.py.
PASSED_ON = {
    ("events/forkimport.py", "template"),
    ("events/newstore.py", "exc.template"),
    ("tui/screens/log.py", "t(self.lang, 'ui_no_such_key', key=key)"),
}


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _sources() -> dict[str, ast.Module]:
    return {
        f"{folder}/{path.relative_to(root).as_posix()}": ast.parse(path.read_text(encoding="utf-8"))
        for folder, root in SOURCES.items()
        for path in sorted(root.rglob("*.py"))
    }


def _templated_names(tree: ast.Module, subclasses: set[str]) -> set[str]:
    """The names in one module that are refusal classes (or Message).

    A name counts only where it comes from the errors module, is a known subclass of a
    refusal (RemoteRefused) or is defined here as one: the UI's own ``Message`` (Textual's)
    and its subclasses take no template.
    """
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("errors"):
            names |= {a.asname or a.name for a in node.names if a.name in TEMPLATED}
        elif isinstance(node, ast.ImportFrom):
            names |= {a.asname or a.name for a in node.names if a.name in subclasses}
        elif isinstance(node, ast.ClassDef) and node.name in TEMPLATED | subclasses:
            names.add(node.name)  # the errors module itself
    grew = True
    while grew:
        grew = False
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ClassDef)
                and node.name not in names
                and any(isinstance(b, ast.Name) and b.id in names for b in node.bases)
            ):
                names.add(node.name)
                grew = True
    return names


def raised_templates() -> list[tuple[str, int, str]]:
    """(file, line, template) for every call of a templated class in the source."""
    trees = _sources()
    subclasses: set[str] = set()
    for tree in trees.values():
        subclasses |= _templated_names(tree, set()) - TEMPLATED
    found = []
    for name, tree in trees.items():
        templated = _templated_names(tree, subclasses)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _called(node) in templated and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((name, node.lineno, first.value))
            else:
                where = (name, ast.unparse(first))
                assert where in PASSED_ON, f"{name}:{node.lineno}: a template must be a literal"
    return found


def placeholders(template: str) -> set[tuple[str, str | None]]:
    """The parameters a template names, with their conversion (``!r``).

    ``{kind.Der}`` counts as ``kind``: the attribute is the language's article form.
    """
    names = set()
    for _, field, _, conversion in string.Formatter().parse(template):
        if field is not None:
            names.add((field.split(".")[0].split("[")[0], conversion))
    return names


def test_the_source_raises_many_templates() -> None:
    """The walk finds the refusals at all (a broken walk would pass everything below)."""
    files = {name for name, _, _ in raised_templates()}
    assert len(raised_templates()) > 150
    assert {
        "events/commands.py",
        "events/values.py",
        "events/store.py",
        "events/service.py",
        "events/revert.py",
        "konzept/cli/main.py",
        "konzept/cli/read.py",
        "konzept/cli/ssh.py",
        "konzept/ssh/remote.py",
        "konzept/demo/__init__.py",
        "projections/history.py",
        "projections/views.py",
        "projections/report/__init__.py",
        "tui/compose.py",
    } <= files


@pytest.mark.parametrize(
    ("where", "template"),
    [(f"{name}:{line}", template) for name, line, template in raised_templates()],
)
def test_every_template_raised_has_its_german_twin(where: str, template: str) -> None:
    assert template in DE, f"{where}: no German for {template!r}"
    assert placeholders(DE[template]) == placeholders(template), where


def test_the_catalog_holds_no_sentence_that_is_never_raised() -> None:
    raised = {template for _, _, template in raised_templates()}
    assert set(DE) - raised == set()


class _Anything(str):
    """A parameter that answers every article form, to render any template."""

    def __getattr__(self, name: str) -> str:
        return f"<{name}>"


@pytest.mark.parametrize("template", sorted(DE))
def test_every_german_template_renders(template: str) -> None:
    params = {name: _Anything("x") for name, _ in placeholders(DE[template])}
    text = DE[template].format(**params)
    assert "{" not in text or "{" in template.format(**params)


def test_message_stays_english_and_text_speaks_german() -> None:
    exc = ValidationError(
        "There is no {kind} with the key {key}.", kind=Word("indicator", "kind"), key="I-9"
    )
    assert exc.message == "There is no indicator with the key I-9."
    assert str(exc) == exc.message
    assert exc.text("en") == exc.message
    assert exc.text("de") == "Es gibt keinen Indikator mit dem Schlüssel I-9."


def test_kinds_take_their_german_article_and_case() -> None:
    template = "The {kind} {key} is {status}; nothing new can refer to it."
    said = {
        kind: ValidationError(
            template, kind=Word(kind, "kind"), key="K", status=Word("retired", "status")
        ).text("de")
        for kind in ("goal", "measure", "indicator")
    }
    assert said == {
        "goal": "Das Ziel K ist außer Kraft; darauf kann nichts Neues mehr verweisen.",
        "measure": "Die Maßnahme K ist außer Kraft; darauf kann nichts Neues mehr verweisen.",
        "indicator": "Der Indikator K ist außer Kraft; darauf kann nichts Neues mehr verweisen.",
    }
    english = ValidationError("{kind.A} cannot be retired.", kind=Word("indicator", "kind"))
    assert english.message == "An indicator cannot be retired."


def test_typed_values_stay_as_typed_and_control_characters_are_escaped() -> None:
    exc = ValidationError("{value!r} is not a number.", value="zwölf\x1b[31m")
    assert exc.message == "'zwölf\\x1b[31m' is not a number."
    unquoted = ValidationError("{value} is not a plausible date.", value="1800-01-01\n")
    assert unquoted.text("de") == "1800-01-01\\x0a ist kein plausibles Datum."
    assert "\n" not in unquoted.message and "\x1b" not in exc.text("de")


def test_lists_of_words_and_nested_refusals_are_translated() -> None:
    exc = ValidationError(
        "{key} is {current} and cannot become {status}; it can become: {allowed}.",
        key="HF1-Z1",
        current=Word("draft", "status"),
        status=Word("achieved", "status"),
        allowed=[Word("adopted", "status"), Word("dropped", "status")],
    )
    assert exc.message.endswith("it can become: adopted, dropped.")
    assert exc.text("de") == (
        "HF1-Z1 ist „Entwurf“ und kann nicht „erreicht“ werden; "
        "möglich ist: beschlossen, aufgegeben."
    )
    inner = ValidationError("{value!r} is not a number.", value="viele")
    outer = ValidationError("Line {line}: {error}", line=3, error=inner)
    assert outer.message == "Line 3: 'viele' is not a number."
    assert outer.text("de") == "Zeile 3: 'viele' ist keine Zahl."
    phrase = Message("closing the year {year}", year=2024)
    needs = ValidationError("A decision is required for {change} (--decision).", change=phrase)
    assert (
        needs.text("de")
        == "Für den Abschluss des Jahres 2024 ist ein Beschluss nötig (--decision)."
    )


def test_a_decimal_is_written_with_a_comma_in_german() -> None:
    exc = ValidationError(
        "{key} already has {value} for {year}; nothing to change.", key="I-1", value=12.5, year=2024
    )
    assert exc.message == "I-1 already has 12.5 for 2024; nothing to change."
    assert exc.text("de") == "I-1 hat für 2024 schon den Wert 12,5; es gibt nichts zu ändern."


def test_a_sentence_without_a_twin_is_said_in_english_whole() -> None:
    """Refusals raised outside events/ as finished sentences (braces and all) still work."""
    exc = ValidationError("Cannot read {x}.json: gone.")
    assert exc.text("de") == exc.message == "Cannot read {x}.json: gone."
    mixed = ValidationError("The {kind} is odd.", kind=Word("goal", "kind"))
    assert mixed.text("de") == "The goal is odd."


def test_conflicts_keep_their_stream_and_versions() -> None:
    exc = ConflictError(
        "Someone else changed {target} meanwhile (now at version {now}, your "
        "edit was based on version {seen}); nothing was written, reload and "
        "try again.",
        "goal:HF1-Z1",
        3,
        4,
        target="HF1-Z1",
        now=4,
        seen=3,
    )
    assert (exc.stream, exc.expected, exc.actual, exc.exit_code) == ("goal:HF1-Z1", 3, 4, 3)
    assert exc.text("de").startswith(
        "Jemand anderes hat HF1-Z1 inzwischen geändert (jetzt Version 4"
    )


def test_a_noun_without_a_form_falls_back_to_the_word() -> None:
    noun = Noun("Ziel", Der="Das Ziel")
    assert f"{noun}" == "Ziel" and noun.Der == "Das Ziel" and noun.kein == "Ziel"
    assert StoreError("{path} is a folder, not a konzept store.", path="x").exit_code == 4


def test_german_domain_words_are_the_ones_the_ui_and_reports_use() -> None:
    """events/ cannot import projections/, so its words are mirrored: they must not drift."""
    from konzept.events.messages import WORDS
    from konzept.projections.i18n import DE as UI_WORDS

    compared = 0
    for group, words in WORDS["de"].items():
        for name, said in words.items():
            if name in UI_WORDS:
                assert str(said) == UI_WORDS[name], (group, name)
                compared += 1
    assert compared > 50


def test_why_the_system_refused_a_file_is_said_in_german_too() -> None:
    missing = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "x.csv")
    exc = ValidationError("Cannot read {path}: {detail}.", path="x.csv", detail=os_reason(missing))
    assert exc.message == "Cannot read x.csv: No such file or directory."
    assert exc.text("de") == "x.csv kann nicht gelesen werden: Datei oder Ordner nicht gefunden."
    for code in (errno.EACCES, errno.EISDIR, errno.ENOSPC, errno.EROFS, errno.EIO):
        said = os_reason(OSError(code, os.strerror(code)))
        assert isinstance(said, Message) and str(said) == os.strerror(code)
        assert said.text("de") in DE.values()
    loop = OSError(errno.ELOOP, "Too many levels of symbolic links")
    assert os_reason(loop) == "Too many levels of symbolic links"
