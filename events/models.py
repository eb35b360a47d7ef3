"""Event models: frozen pydantic classes registered under a stable type name.

Types are stored by name (``GoalAdded``), never by module path, with the
``schema_version`` of :data:`konzept.events.types.TYPES`. Payloads written by an older
release are upcast step by step (``v1 → v2 → …``) before validation; on the hot read
path (folds over a hashed, already-validated log) only the cheap upcast runs, and this
module (with pydantic) is never imported.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict

from .types import TYPES


class Event(BaseModel):
    """Base of every domain event. Subclasses name what happened, in the past tense."""

    # defer_build: a CLI call validates a handful of events; building ~70 schemas at
    # import would cost more than the command itself.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    #: Both from the type's entry in ``TYPES``, bound by :func:`register`.
    schema_version: ClassVar[int] = 1
    partial: ClassVar[bool] = False

    @classmethod
    def type_name(cls) -> str:
        return cls.__name__

    def payload(self) -> dict[str, Any]:
        """The data stored in the envelope."""
        return self.model_dump(mode="json", exclude_unset=self.partial)


REGISTRY: dict[str, type[Event]] = {}
_E = TypeVar("_E", bound=type[Event])


def register(cls: _E) -> _E:
    """Class decorator: make an event type known under its stable name, with the facts
    its entry in ``TYPES`` records."""
    name = cls.type_name()
    if name in REGISTRY:
        raise RuntimeError(f"event type {name} registered twice")
    spec = TYPES[name]
    cls.schema_version, cls.partial = spec.schema_version, spec.partial
    REGISTRY[name] = cls
    return cls
