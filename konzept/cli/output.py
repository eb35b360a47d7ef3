"""Writing to the terminal: the CLI's side of the printing boundary."""

from __future__ import annotations

import sys
from typing import Any

from konzept.projections.render import FORMATS, safe, safe_json

from .jsontext import dumps

__all__ = ["FORMATS", "emit", "emit_json", "safe"]


def emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_json(value: Any) -> None:
    """The value as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it."""
    sys.stdout.write(safe_json(dumps(value)) + "\n")
