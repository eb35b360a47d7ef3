"""The write side of konzept: event models, the SQLite store, commands → events.

Never imports Textual or the UI; the data flows one way, from here to projections.
"""

from typing import TYPE_CHECKING, Any

from .envelope import Envelope
from .errors import ConflictError, KonzeptError, PermissionDenied, StoreError, ValidationError
from .state import State
from .store import Store, StreamAppend, VerifyResult

if TYPE_CHECKING:
    from .service import Konzept, WriteMeta, login_name


def __getattr__(name: str) -> Any:
    """The write session on first use: importing any ``konzept.events`` module runs this
    package, and a read command (``konzept show``) never needs the command functions."""
    if name in ("Konzept", "WriteMeta", "login_name"):
        from . import service

        return getattr(service, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ConflictError",
    "Envelope",
    "Konzept",
    "KonzeptError",
    "PermissionDenied",
    "State",
    "Store",
    "StoreError",
    "StreamAppend",
    "ValidationError",
    "VerifyResult",
    "WriteMeta",
    "login_name",
]
