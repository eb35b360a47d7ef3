"""What every CLI command needs: the store, the session, the person, the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from konzept.events.errors import ValidationError
from konzept.events.store import Store

if TYPE_CHECKING:  # the write session is imported when a command first needs it
    from konzept.events.service import Konzept, WriteMeta


#: Large results of this run, left for the operating system to reclaim (:meth:`Context.spare`).
_SPARED: list[object] = []


@dataclass
class Context:
    db: str
    lang: str | None = None
    actor_override: str | None = None
    _store: Store | None = field(default=None, repr=False)
    _session: Konzept | None = field(default=None, repr=False)
    #: Set by the ``konzept`` command, which leaves without the interpreter's teardown
    #: (:func:`konzept.cli.main.leave`); never for callers of ``run`` in a process
    #: that goes on.
    leaves_fast: ClassVar[bool] = False

    def spare(self, result: object) -> None:
        """Keep a command's large result alive until the process leaves.

        A year's diff of a 1M-event store is ~1M small objects; freeing them one by
        one when the command returns took 0.08-0.11 s after its last line was
        printed. The ``konzept`` command ends with ``os._exit``, which leaves the
        memory to the operating system whole.
        """
        if Context.leaves_fast:
            _SPARED.append(result)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.db)
        return self._store

    @property
    def session(self) -> Konzept:
        if self._session is None:
            from konzept.events.service import Konzept

            self._session = Konzept(self.store)
        return self._session

    def language(self) -> str:
        if self.lang:
            return self.lang
        if self._store is None and self._session is None:
            return "de"
        if self._session is not None:
            return str(self._session.state.concept.get("language") or "de")
        from konzept.events.state import concept_facts

        return str(concept_facts(self.store).get("language") or "de")

    def actor(self) -> str:
        """The login name; ``--actor`` only where the store's settings allow it."""
        if self.actor_override is None:
            from konzept.events.service import login_name

            return login_name()
        if not self.session.state.settings.get("allow_actor_override"):
            raise ValidationError(
                "--actor is not allowed by this store's settings; changes are recorded "
                "under your login name."
            )
        return self.actor_override

    def meta(self, args: Any) -> WriteMeta:
        from konzept.events.service import WriteMeta

        return WriteMeta(
            actor=self.actor(),
            reason=getattr(args, "reason", "") or "",
            effective=getattr(args, "effective", None),
            decision=getattr(args, "decision", None),
        )

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
