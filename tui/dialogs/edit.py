"""The edit form: one dialog for every kind of change, checked as the person types.

Every keystroke re-checks the whole draft with :func:`~konzept.tui.drafts.check_draft`
(the command layer's parsers and a dry run of the real command), so "Weiter" is only
possible for a change that the command line would accept too. The dialog returns the
draft; confirming and writing are the caller's job.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from konzept.events.kinds import CLOSED
from konzept.events.values import natural
from konzept.projections.i18n import t

from ..bindings import translate_bindings
from ..drafts import Checked, Draft, Planner, check_draft
from ..forms import Field, as_input
from ..text import WORD_VALUES, plain
from ..toasts import Toasts
from ..widgets.field import FormInput
from ..widgets.keybar import KeyBar
from .confirm import ConfirmDialog

META = ("reason", "effective", "decision")
#: The label column's width: wide enough for the form's longest label and a space
#: before the value, within bounds (a longer label ends in an ellipsis).
LABEL_WIDTH = (16, 24)
#: How long "cannot be saved" stays: the form's own lines say what to fix, and the
#: toast must not cover them for long (it goes at once when an input changes).
REFUSAL_SECONDS = 3.0


class EditDialog(ModalScreen[Draft | None]):
    """A form over a :class:`Draft`; dismisses with the draft, or ``None`` on cancel."""

    CSS_PATH = Path(__file__).with_name("edit.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: it must run after the keys typed before it (see FormInput).
        Binding("ctrl+s", "submit", "ui_k_next"),
        Binding("escape", "cancel", "ui_k_cancel"),
    ]

    def __init__(self, draft: Draft, planner: Planner, lang: str, title: str) -> None:
        super().__init__()
        self.draft = draft
        self.planner = planner
        self.lang = lang
        self.heading = title
        self.touched: set[str] = set()
        #: Whether the person has changed anything yet (else a refusal is only a hint).
        self.typed = False
        self.checked = Checked()
        self.label_width = LABEL_WIDTH[0]
        #: The "cannot be saved" toast, taken back once the input changes or the form closes.
        self.refusals = Toasts()
        translate_bindings(self, lang)

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.lang
        words = [t(lang, spec.word) for spec in self.draft.form.fields]
        longest = max(cell_len(w) for w in [*words, *(t(lang, name) for name in META)])
        self.label_width = min(max(LABEL_WIDTH[0], longest + 1), LABEL_WIDTH[1])
        yield KeyBar(own_only=True)  # the dialog's keys, over the screen's bar
        with Vertical(id="edit-box"):
            yield Static(plain(self.heading, "bold"), id="edit-title")
            if self.draft.form.notes:  # what a revert will write, before its reason is asked
                yield Static(_notes(self.draft.form.notes), id="edit-notes")
            with VerticalScroll(id="edit-fields"):
                for spec in self.draft.form.fields:
                    yield from self._row(spec.name, _label(t(lang, spec.word)), self._input(spec))
                yield Static(t(lang, "ui_change_record"), classes="edit-section")
                for name in META:
                    yield from self._row(name, _label(t(lang, name)), self._meta_input(name))
            yield Static(id="edit-verdict")
            with Horizontal(id="edit-buttons"):
                yield Button(t(lang, "ui_next_key"), variant="primary", id="edit-ok", compact=True)
                yield Button(t(lang, "ui_cancel_key"), id="edit-cancel", compact=True)

    def _row(self, name: str, word: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="edit-row"):
            label = Label(word, classes="edit-label")
            label.styles.width = self.label_width
            yield label
            yield widget
        error = Static("", id=f"e-{name}", classes="edit-error")
        error.styles.padding = (0, 0, 0, self.label_width)
        yield error

    def _input(self, spec: Field) -> Any:
        value = self.draft.values.get(spec.name, "")
        wid = f"f-{spec.name}"
        if spec.flag:
            return Checkbox(t(self.lang, f"{spec.word}_long"), value == "yes", id=wid, compact=True)
        if spec.choices:
            options: list[tuple[str | Text, str]] = [
                (t(self.lang, c) if spec.name in WORD_VALUES else c, c) for c in spec.choices
            ]
            if spec.labels:  # user text (an obligation's): shown literally
                pairs = zip(spec.labels, spec.choices, strict=True)
                options = [(plain(label), c) for label, c in pairs]
            return Select(
                options,
                value=value or Select.NULL,
                allow_blank=not value,  # nothing chosen yet (a status): the person chooses
                prompt=t(self.lang, "ui_choose"),
                id=wid,
                compact=True,
            )
        suggest = list(spec.hints) + self._keys(spec.ref if not spec.multi else None)
        return FormInput(
            value,
            placeholder=self._placeholder(spec),
            id=wid,
            compact=True,
            next_on_enter=True,
            suggester=SuggestFromList(suggest, case_sensitive=False) if suggest else None,
        )

    def _word(self, name: str) -> str:
        return next((f.word for f in self.draft.form.fields if f.name == name), name)

    def _placeholder(self, spec: Field) -> str:
        """The format a field wants; a key field's example is a key of its kind in this
        concept (an actor ``KOST``, a measure ``M-01``), not one example for all."""
        if spec.hint != "ui_hint_key":
            return t(self.lang, spec.hint) if spec.hint else ""
        if spec.ref:
            return self._key_hint(spec.ref)
        if spec.name == "key":  # the new entity's own key: one still free
            return self._key_hint(self.draft.form.kind, free=True)
        return self._key_hint(None)

    def _key_hint(self, kind: str | None, *, free: bool = False) -> str:
        example = self._latest_key(kind) if kind else None
        if example is not None and free:
            example = next_free_key(example, self.planner.state().entities)
        if example is None:
            return t(self.lang, "ui_hint_key_plain")
        return t(self.lang, "ui_hint_key_example", example=example)

    def _latest_key(self, kind: str) -> str | None:
        """The newest key of ``kind`` (a decision: the latest by date), as an example."""
        entities = [e for e in self.planner.state().entities.values() if e["kind"] == kind]
        if not entities:
            return None
        latest = max(entities, key=lambda e: (str(e.get("date") or ""), natural(e["key"])))
        return as_input(latest["key"])

    def _meta_input(self, name: str) -> FormInput:
        value = getattr(self.draft, name)
        hint = ""
        if name == "effective":
            hint = t(self.lang, "ui_effective_hint")
        elif name == "decision":
            hint = self._key_hint("decision")
        suggest = self._keys("decision") if name == "decision" else []
        return FormInput(
            value,
            placeholder=hint,
            id=f"m-{name}",
            compact=True,
            next_on_enter=True,
            suggester=SuggestFromList(suggest, case_sensitive=False) if suggest else None,
        )

    def _keys(self, kind: str | None) -> list[str]:
        if kind is None:
            return []
        state = self.planner.state()
        return sorted(
            e["key"]
            for e in state.entities.values()
            if e["kind"] == kind and e["status"] not in CLOSED
        )

    def on_mount(self) -> None:
        self.recheck()
        again = self.query(f"#{self.draft.focus}") if self.draft.focus else None
        if again and again.first().focusable:  # back from the confirmation
            widget = again.first()
            widget.focus_again() if isinstance(widget, FormInput) else widget.focus()
            return
        first = self.query("#edit-fields Input, #edit-fields Select, #edit-fields Checkbox")
        if first:
            # An edit opens on the current value: the cursor goes after it, nothing
            # selected, so typing " (neu)" adds to a title rather than replacing it.
            widget = first.first()
            widget.focus_again() if isinstance(widget, FormInput) else widget.focus()

    # --- checking as you type ----------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | Checkbox.Changed) -> None:
        before = self.draft
        wid = event.control.id or ""
        prefix, _, name = wid.partition("-")
        if prefix == "f":
            value = event.value
            text = (
                ("yes" if value else "no") if isinstance(event, Checkbox.Changed) else _text(value)
            )
            self.draft = replace(self.draft, values={**self.draft.values, name: text})
        elif prefix == "m":
            value = str(event.value)
            draft = self.draft
            if name == "reason":
                self.draft = replace(draft, reason=value)
            elif name == "effective":
                self.draft = replace(draft, effective=value)
            else:
                self.draft = replace(draft, decision=value)
        else:
            return
        self.touched.add(name)
        if self.draft != before:  # not the fields' first report
            self.typed = True
            self.refusals.withdraw(self.app)  # the person is fixing what was refused
        self.recheck()

    def recheck(self, show_all: bool = False) -> None:
        self.checked = check_draft(self.planner, self.draft, self.lang)
        errors = self.checked.field_errors
        names = [f.name for f in self.draft.form.fields] + list(META)
        shown = False
        for name in names:
            message = errors.get(name, "") if show_all or name in self.touched else ""
            shown = shown or bool(message)
            box = self.query_one(f"#e-{name}", Static)
            box.update(plain(message))
            box.display = bool(message)
        verdict = self.query_one("#edit-verdict", Static)
        if shown:
            verdict.update(Text(t(self.lang, "ui_fix_fields"), style="yellow"))
        elif errors:  # only fields not filled in yet: a hint, not a reproach
            words = ", ".join(t(self.lang, self._word(n)) for n in errors)
            verdict.update(Text(t(self.lang, "ui_to_fill", fields=words), style="dim"))
        elif self.checked.idle or (self.checked.error and not self.typed):
            # nothing typed yet (a reason a revert needs, say): a hint, not a reproach
            verdict.update(plain(self.checked.error or "", "dim"))
        elif self.checked.error:
            verdict.update(plain("✗ " + self.checked.error, "red"))
        else:
            lines = self.checked.lines
            text = Text("✓ " + t(self.lang, "ui_will_write", count=len(lines)), style="green")
            for line in lines[:3]:
                text.append("\n  ")
                text.append(plain(line))
            verdict.update(text)
        self.query_one("#edit-ok", Button).disabled = not self.checked.ok

    # --- leaving -----------------------------------------------------------------------

    @on(Button.Pressed, "#edit-ok")
    def action_submit(self) -> None:
        self._read_fields()
        self.typed = True
        self.recheck(show_all=True)
        if self.checked.ok:
            focused = self.focused
            where = focused.id if focused is not None and focused.id else "edit-ok"
            self.dismiss(replace(self.draft, focus=where))
        else:
            self.refusals.withdraw(self.app)  # one toast, however often Ctrl+S is pressed
            self.refusals.notify(
                self, t(self.lang, "ui_cannot_save"), severity="warning", timeout=REFUSAL_SECONDS
            )

    def on_unmount(self) -> None:
        """A refusal of this form is stale once it closed (sent on, cancelled, reopened)."""
        self.refusals.withdraw(self.app)

    def _read_fields(self) -> None:
        """The draft from what the fields hold now: the ``Changed`` messages of keys typed
        just before Ctrl+S travel behind it and have not reached the dialog yet."""
        values = dict(self.draft.values)
        for spec in self.draft.form.fields:
            widget = self.query_one(f"#f-{spec.name}")
            if isinstance(widget, Checkbox):
                values[spec.name] = "yes" if widget.value else "no"
            elif isinstance(widget, (Input, Select)):
                values[spec.name] = _text(widget.value)
        reason, effective, decision = (self.query_one(f"#m-{n}", Input).value for n in META)
        self.draft = replace(
            self.draft, values=values, reason=reason, effective=effective, decision=decision
        )

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        """Leave the form; what the person typed is only thrown away when they say so."""
        self._read_fields()
        if not self._edited():
            self.dismiss(None)
            return
        lang = self.lang
        question = ConfirmDialog(
            t(lang, "ui_discard_ask"), "", t(lang, "ui_discard"), t(lang, "ui_keep_editing"), lang
        )
        self.app.push_screen(question, self._discard_if)

    def unsaved(self) -> bool:
        """Whether leaving now would throw away something the person typed."""
        self._read_fields()
        return self._edited()

    def _discard_if(self, yes: bool | None) -> None:
        if yes:
            self.dismiss(None)

    def _edited(self) -> bool:
        """Whether the draft differs from the form as it was opened."""
        initial = self.draft.form.initial
        values = self.draft.values
        if any(values[n].strip() != initial.get(n, "").strip() for n in values):
            return True
        return any(getattr(self.draft, n).strip() for n in META)


def _notes(lines: tuple[str, ...]) -> Text:
    text = Text()
    for i, line in enumerate(lines):
        text.append("\n" if i else "")
        text.append("• ")
        text.append(plain(line))
    return text


def _label(word: str) -> str:
    """Form labels start with a capital, in English too ("key" → "Key")."""
    return word[:1].upper() + word[1:]


def _text(value: object) -> str:
    """A field's value as the draft keeps it: a Select with nothing chosen is empty."""
    return "" if value is Select.NULL else str(value)


def next_free_key(key: str, taken: Container[str]) -> str | None:
    """The key after ``key`` that nobody has yet, its last number counted up with its
    zeros kept (HF8 → HF9, M-09 → M-10, I-099 → I-100); None without a number."""
    found = _LAST_NUMBER.search(key)
    if found is None:
        return None
    head, digits = key[: found.start()], found.group()
    number = int(digits)
    while True:
        number += 1
        candidate = f"{head}{number:0{len(digits)}d}"
        if candidate not in taken:
            return candidate


_LAST_NUMBER = re.compile(r"\d+$")
