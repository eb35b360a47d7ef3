"""The write side of konzept: event models, the SQLite store, commands → events.

Never imports Textual or the UI; the data flows one way, from here to projections.
"""

from .envelope import Envelope
from .errors import ConflictError, KonzeptError, PermissionDenied, StoreError, ValidationError
from .service import Konzept, WriteMeta, login_name
from .state import State
from .store import Store, StreamAppend, VerifyResult

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
