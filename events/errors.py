"""The project's own errors: each carries one sentence for the user and an exit status.

A refusal is kept as an English template and its parameters, not as a finished
sentence, so it can be said in the reader's language: ``.message`` is the English
sentence (logs, tests, code that matches it), ``.text(lang)`` the sentence in German
or English (the German templates live in :mod:`.messages`). Parameters that are
domain words (a kind, an attribute, a status) are passed as :class:`Word` and are
translated too; everything else (keys, values a person typed) is shown as given.

The CLI turns any of these into that sentence on stderr and that status, never a
traceback. Exit statuses follow SPEC §4: 2 usage/validation, 3 conflict, 4 store.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

from . import messages

#: Every control character, line breaks included: a refusal is one line, and what a
#: person typed into it (a key, a file's cell) is never sent raw to a terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Word:
    """A domain word named by its code (``goal``, ``target_year``, ``adopted``).

    ``group`` picks the table: ``kind`` (entity kinds), ``attr`` (attributes and the
    other nouns a value can be, like "reason"), ``status``. A word a language lacks is
    shown by its code, as the English sentences always did.
    """

    name: str
    group: str = "attr"


Param: TypeAlias = (
    "str | int | float | Word | Message | KonzeptError | list[Word] | list[Message] | None"
)


class Message:
    """A sentence as an English template and its parameters (a part of a refusal).

    Used where a command describes what it does for a later refusal to name
    ("correcting the closed year 2021"), so that part is translated as well.
    """

    def __init__(self, template: str, /, **params: Param) -> None:
        self.template = template
        self.params = params

    def text(self, lang: str = "en") -> str:
        return render(self.template, self.params, lang)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.params!r})"


def render(template: str, params: Mapping[str, Param], lang: str) -> str:
    """``template`` in ``lang`` with ``params`` filled in, on one line.

    A template the catalog lacks is said in English as a whole rather than half
    translated. Without parameters a template is not formatted, so a finished
    sentence holding braces (``ValidationError(f"...")`` outside events/) is kept.
    """
    translated = messages.template(lang, template)
    if translated is None:
        translated, lang = template, "en"
    text = (
        translated.format(**{name: _param(value, lang) for name, value in params.items()})
        if params
        else translated
    )
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _param(value: Param, lang: str) -> object:
    if isinstance(value, Word):
        return messages.word(lang, value.group, value.name)
    if isinstance(value, Message | KonzeptError):
        return value.text(lang)
    if isinstance(value, list):
        return ", ".join(str(_param(item, lang)) for item in value)
    if isinstance(value, float) and lang == "de":
        return repr(value).replace(".", ",")
    return value


def os_reason(exc: OSError) -> Param:
    """Why the system refused a file, as a parameter a template can translate.

    The common causes are named by errno with the system's own English words (so the
    English sentence stays as before) and a German twin; any other is the system's text.
    """
    reasons = {
        errno.ENOENT: Message("No such file or directory"),
        errno.EACCES: Message("Permission denied"),
        errno.EPERM: Message("Operation not permitted"),
        errno.EISDIR: Message("Is a directory"),
        errno.ENOTDIR: Message("Not a directory"),
        errno.ENOSPC: Message("No space left on device"),
        errno.EROFS: Message("Read-only file system"),
        errno.EEXIST: Message("File exists"),
        errno.ENAMETOOLONG: Message("File name too long"),
        errno.EDQUOT: Message("Disk quota exceeded"),
        errno.EIO: Message("Input/output error"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


class KonzeptError(Exception):
    """Base class: a refusal the user can act on.

    ``template`` is an English sentence with ``{name}`` placeholders for ``params``;
    every literal template raised in events/ has its German twin in :mod:`.messages`
    (a test finds them all).
    """

    exit_code = 1

    def __init__(self, template: str, /, **params: Param) -> None:
        self.template = template
        self.params = params
        message = self.text("en")
        super().__init__(message)
        self.message = message

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` (``de`` or ``en``)."""
        return render(self.template, self.params, lang)


class ValidationError(KonzeptError):
    """A command or value the domain rules refuse; nothing was written."""

    exit_code = 2


class ConflictError(KonzeptError):
    """Another session appended to the stream after the command read it."""

    exit_code = 3

    def __init__(
        self,
        template: str,
        stream: str = "",
        expected: int = 0,
        actual: int = 0,
        /,
        **params: Param,
    ) -> None:
        super().__init__(template, **params)
        self.stream = stream
        self.expected = expected
        self.actual = actual


class StoreError(KonzeptError):
    """The database file is missing, broken, foreign, newer, locked or read-only."""

    exit_code = 4


class StoreBusy(StoreError):
    """Another process held the store past the wait: nothing is wrong with it, and
    trying again will do, so it exits as a conflict does (3), not as a broken store."""

    exit_code = 3


class PermissionDenied(KonzeptError):
    """The acting person lacks the role the command needs."""

    exit_code = 2
