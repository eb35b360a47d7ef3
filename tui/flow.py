"""The way of every edit: form → confirmation → write → (conflict → form again).

Nothing the person typed is lost on the way: going back from the confirmation, a
refusal at write time and a conflict all reopen the form with the same draft. The
write runs in a thread worker; its outcome comes back as a message.
"""

from __future__ import annotations

from functools import partial

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.screen import Screen

from konzept.events.envelope import Envelope
from konzept.events.errors import ConflictError, KonzeptError
from konzept.projections.i18n import t

from .backend import Backend
from .dialogs.confirm import ConfirmDialog
from .dialogs.conflict import ConflictDialog
from .dialogs.edit import EditDialog
from .drafts import Draft, call_of, check_draft, meta_of, plan_lines, reopens
from .forms import Form, revert_form
from .messages import RefreshRequested, WriteConflict, WriteRefused, Written
from .refusals import refusal
from .text import plain
from .toasts import Toasts


def form_title(form: Form, lang: str) -> str:
    kind = t(lang, form.kind)
    position = form.initial.get("position", "")
    return t(lang, f"ui_title_{form.op}", kind=kind, key=form.key or "", position=position)


class EditFlow(Screen[None]):
    """A screen that can run edits. Subclasses set ``backend`` and ``lang``."""

    backend: Backend
    lang: str

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        #: Why the last edit did not go through: stale once the form closes again or a
        #: save succeeds, so it never stands beside "saved".
        self.refusals = Toasts()

    def start_edit(self, draft: Draft) -> None:
        dialog = EditDialog(draft, self.backend, self.lang, form_title(draft.form, self.lang))
        self.app.push_screen(dialog, self._edited)

    def start_revert(self, position: int) -> None:
        """Revert the event at ``position``: the form asks for the reason, then as any edit.

        Planned once first, so a revert the command layer refuses ("… has changed again
        since position N") is said in its own sentence instead of opening a form.
        """
        closed = False
        try:
            plan = self.backend.revert_plan(position)
        except KonzeptError as exc:
            try:  # a value of a closed year: the form asks to tick the correction
                plan, closed = self.backend.revert_plan(position, reopen=True), True
            except KonzeptError:
                self.refusals.notify(self, refusal(exc, self.lang), severity="error", timeout=12)
                return
        key = plan.touches[-1]
        entity = self.backend.state().entities.get(key)
        kind = entity["kind"] if entity is not None else "concept"
        form = revert_form(kind, key, position, plan_lines(plan, self.lang), reopen=closed)
        self.start_edit(Draft.fresh(form))

    def _edited(self, draft: Draft | None) -> None:
        self.refusals.withdraw(self.app)  # it said why the form opened again; it closed
        if draft is None:
            return
        checked = check_draft(self.backend, draft, self.lang)
        if not checked.ok:  # the store moved on while the form was open
            error = checked.error or t(self.lang, "ui_cannot_save")
            self.refusals.notify(self, error, severity="warning")
            self.start_edit(draft)
            return
        meta = meta_of(self.backend, draft)
        body = confirmation(checked.lines, meta.actor, checked.effective, draft, self.lang)
        dialog = ConfirmDialog(
            t(self.lang, "ui_confirm_title"),
            body,
            t(self.lang, "ui_write"),
            t(self.lang, "ui_back"),
            self.lang,
        )
        self.app.push_screen(dialog, partial(self._confirmed, draft))

    def _confirmed(self, draft: Draft, yes: bool | None) -> None:
        if yes:
            self.write(draft)
        else:
            self.start_edit(draft)

    @work(thread=True, group="write")
    def write(self, draft: Draft) -> None:
        try:
            envelopes = self._write(draft)
        except ConflictError as exc:
            if draft.form.stream is None:  # a revert is decided again at write time
                self.post_message(WriteRefused(draft, refusal(exc, self.lang)))
                return
            others = self.backend.since(draft.form.stream, draft.form.seen)
            self.post_message(WriteConflict(draft, others))
        except KonzeptError as exc:
            self.post_message(WriteRefused(draft, refusal(exc, self.lang)))
        else:
            self.post_message(Written(envelopes))

    def _write(self, draft: Draft) -> list[Envelope]:
        meta = meta_of(self.backend, draft)
        if draft.form.op == "revert":
            return self.backend.revert(int(draft.values["position"]), meta, reopens(draft))
        call = call_of(draft)
        return self.backend.execute(
            call.command, *call.args, meta=meta, expect_versions=draft.expect_versions,
            **call.kwargs,
        )  # fmt: skip

    def on_written(self, message: Written) -> None:
        self.refusals.withdraw(self.app)
        first = message.envelopes[0]
        self.notify(
            t(self.lang, "ui_written", count=len(message.envelopes), position=first.position),
            markup=False,
        )
        self.post_message(RefreshRequested())

    def on_write_refused(self, message: WriteRefused) -> None:
        self.refusals.notify(self, message.text, severity="error")
        self.start_edit(message.draft)

    def on_write_conflict(self, message: WriteConflict) -> None:
        draft = message.draft
        dialog = ConflictDialog(
            draft.form.key or "", message.others, self.lang, self.backend.today()
        )

        def answered(review: bool | None) -> None:
            if review:
                self.start_edit(draft.seen_again(self.backend.state()))
            self.post_message(RefreshRequested())

        self.app.push_screen(dialog, answered)


def confirmation(
    lines: list[str], actor: str, effective: str, draft: Draft, lang: str
) -> RenderableType:
    """What will be written, in words, and the change record that goes with it."""
    changes = Text()
    for i, line in enumerate(lines):
        changes.append("\n" if i else "")
        changes.append("• ")
        changes.append(plain(line))
    record = Table.grid(padding=(0, 1))
    record.add_column(style="dim")
    record.add_column()
    record.add_row(t(lang, "ui_rec_who"), plain(actor))
    record.add_row(t(lang, "ui_rec_effective"), effective)
    record.add_row(t(lang, "ui_rec_reason"), plain(draft.reason.strip() or "—"))
    record.add_row(t(lang, "ui_rec_decision"), plain(draft.decision.strip() or "—"))
    return Group(changes, Text(), record)
