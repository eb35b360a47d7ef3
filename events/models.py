"""Event models: frozen pydantic classes registered under a stable type name.

Types are stored by name (``GoalAdded``), never by module path, with the class's
``schema_version``. Payloads written by an older release are upcast step by step
(``v1 → v2 → …``) before validation; on the hot read path (folds over a hashed,
already-validated log) only the cheap upcast runs, never pydantic validation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict

from .errors import StoreError

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class Event(BaseModel):
    """Base of every domain event. Subclasses name what happened, in the past tense."""

    # defer_build: a CLI call validates a handful of events; building ~70 schemas at
    # import would cost more than the command itself.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    schema_version: ClassVar[int] = 1
    #: Partial events store only the fields given (e.g. a correction of two details);
    #: all others store every field, defaults included, so folds never fill gaps.
    partial: ClassVar[bool] = False
    #: Upcasters keyed by the version they upgrade *from*.
    upcasters: ClassVar[dict[int, Upcaster]] = {}

    @classmethod
    def type_name(cls) -> str:
        return cls.__name__

    def payload(self) -> dict[str, Any]:
        """The data stored in the envelope."""
        return self.model_dump(mode="json", exclude_unset=self.partial)


REGISTRY: dict[str, type[Event]] = {}
_E = TypeVar("_E", bound=type[Event])


def register(cls: _E) -> _E:
    """Class decorator: make an event type known under its stable name."""
    name = cls.type_name()
    if name in REGISTRY:
        raise RuntimeError(f"event type {name} registered twice")
    REGISTRY[name] = cls
    return cls


def upcast(type_: str, schema_version: int, data: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored payload up to the current schema of its type."""
    cls = REGISTRY.get(type_)
    if cls is None:
        raise StoreError(
            "The log holds an event of unknown type {type!r}; upgrade konzept.", type=type_
        )
    if schema_version > cls.schema_version:
        raise StoreError(
            "The log holds {type} v{version}, newer than this release's "
            "v{supported}; upgrade konzept.",
            type=type_,
            version=schema_version,
            supported=cls.schema_version,
        )
    while schema_version < cls.schema_version:
        data = cls.upcasters[schema_version](data)
        schema_version += 1
    return data


def load(type_: str, schema_version: int, data: dict[str, Any]) -> Event:
    """Upcast and validate a stored payload into its current model."""
    return REGISTRY[type_].model_validate(upcast(type_, schema_version, data))
