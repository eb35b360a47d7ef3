"""The project's own errors: each carries one sentence for the user and an exit status.

The CLI turns any of these into that sentence on stderr and that status, never a
traceback. Exit statuses follow SPEC §4: 2 usage/validation, 3 conflict, 4 store.
"""

from __future__ import annotations

import re

#: Every control character, line breaks included: a refusal is one line, and what a
#: person typed into it (a key, a file's cell) is never sent raw to a terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class KonzeptError(Exception):
    """Base class: a refusal the user can act on."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        message = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message)
        super().__init__(message)
        self.message = message


class ValidationError(KonzeptError):
    """A command or value the domain rules refuse; nothing was written."""

    exit_code = 2


class ConflictError(KonzeptError):
    """Another session appended to the stream after the command read it."""

    exit_code = 3

    def __init__(self, message: str, stream: str = "", expected: int = 0, actual: int = 0) -> None:
        super().__init__(message)
        self.stream = stream
        self.expected = expected
        self.actual = actual


class StoreError(KonzeptError):
    """The database file is missing, broken, foreign, newer, locked or read-only."""

    exit_code = 4


class PermissionDenied(KonzeptError):
    """The acting person lacks the role the command needs."""

    exit_code = 2
