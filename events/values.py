"""Parsing and checking of the values users type: one place for the CLI and the UI.

Each parser takes the text a person typed and returns the stored value, or raises
:class:`ValidationError` with one sentence saying what is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .errors import ValidationError, Word

Parser = Callable[[str], Any]

KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
RESERVED_KEYS = {"concept", "settings", "people"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_TEXT = 10_000
MIN_YEAR, MAX_YEAR = 1900, 2200


def check_key(key: str) -> str:
    if not KEY_PATTERN.fullmatch(key) or key.lower() in RESERVED_KEYS:
        raise ValidationError(
            "{key!r} is not a valid key: use 1–40 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (e.g. HF1-Z2).",
            key=key,
        )
    return key


#: A login name as systems hand it out: ``mmeyer``, ``m.meyer``, ``jdoe@corp.example``
#: (a directory's), ``Müller``; no spaces, no control characters.
PERSON_PATTERN = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]{1,40}")


def check_person(name: str) -> str:
    """A person's login name, as roles and SSH keys are granted to it."""
    if not PERSON_PATTERN.fullmatch(name):
        raise ValidationError(
            "{name!r} is not a valid login name: use 1–40 characters without spaces.",
            name=name,
        )
    return name


def text(value: str, *, what: str = "text", required: bool = True, multiline: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError("The {what} must not be empty.", what=Word(what))
    if len(value) > MAX_TEXT:
        raise ValidationError(
            "The {what} is longer than {limit} characters.", what=Word(what), limit=MAX_TEXT
        )
    pattern = _CONTROL if multiline else _CONTROL_ONE_LINE
    if pattern.search(value):
        raise ValidationError(
            "The {what} contains control characters; type plain text.", what=Word(what)
        )
    if _SURROGATE.search(value):  # bytes that were not UTF-8 (a Latin-1 terminal or file)
        raise ValidationError(
            "The {what} is not valid UTF-8 text; check the encoding of your terminal or file.",
            what=Word(what),
        )
    return value


def title(value: str) -> str:
    return text(value, what="title")


def optional_text(value: str) -> str:
    return text(value, required=False, multiline=True)


def year(value: str | int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError("{value!r} is not a year (e.g. 2024).", value=value) from None
    if not MIN_YEAR <= number <= MAX_YEAR:
        raise ValidationError(
            "{year} is not a plausible year ({low}–{high}).",
            year=number,
            low=MIN_YEAR,
            high=MAX_YEAR,
        )
    return number


def optional_year(value: str) -> int | None:
    return None if _is_none(value) else year(value)


#: A date as German staff write it: ``31.12.2019``, ``1.3.2024``.
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def iso_date(value: str) -> str:
    """A calendar date as ``YYYY-MM-DD`` (also taken as ``DD.MM.YYYY``); a bare year is
    refused here (see :func:`as_of`)."""
    value = value.strip()
    iso = value
    if german := _GERMAN_DATE.fullmatch(value):
        day, month, year_ = german.groups()
        iso = f"{year_}-{int(month):02d}-{int(day):02d}"
    try:
        if len(iso) != 10:
            raise ValueError
        parsed = date.fromisoformat(iso)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
            raise ValidationError(
                "{value!r} is not a day of the calendar (month 01–12, a day that month has).",
                value=value,
            ) from None
        raise ValidationError(
            "{value!r} is not a date; write it as YYYY-MM-DD.", value=value
        ) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValidationError("{value} is not a plausible date.", value=value)
    return parsed.isoformat()


def optional_date(value: str) -> str | None:
    return None if _is_none(value) else iso_date(value)


def as_of(value: str) -> str:
    """A date for --as-of and diff: ISO date, or a bare year meaning 31 December."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return f"{year(value)}-12-31"
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value) and not _GERMAN_DATE.fullmatch(value):
        raise ValidationError(
            "{value!r} is neither a year nor a date; write 2024 or 2024-12-31.", value=value
        )
    return iso_date(value)


#: Digit grouping: German ``1.234,5`` / ``1.234.567``, English ``1,234.5`` / ``1,234,567``.
_GROUPED = {
    ".": re.compile(r"-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?"),
    ",": re.compile(r"-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?"),
}
#: One separator followed by exactly three digits: ``2.600`` is 2600 to a German reader
#: and 2.6 to an English one (and ``2,500`` the other way round).
_AMBIGUOUS = re.compile(r"-?[1-9]\d{0,2}[.,]\d{3}")


def number(value: str | float | int) -> int | float:
    """A finite number; ``12.0`` is stored as ``12``.

    A decimal point or comma is accepted, and digit grouping as the reports print it
    (``1.234,5``, ``1,234.5``). What one reader takes for grouping and another for
    decimals (``2.600``, ``2,500``) is refused rather than guessed: a value read a
    thousand times too small would go unnoticed in a committee's report.
    """
    raw: str | float | int = value
    if isinstance(value, str):
        raw = value.strip()
        if _AMBIGUOUS.fullmatch(raw):
            whole, decimals = re.split(r"[.,]", raw)
            # The decimal written so it cannot be grouping: 2,6 for 2.600; 1,1250 for 1.125.
            decimals = decimals.rstrip("0") or "0" if decimals.endswith("0") else decimals + "0"
            raise ValidationError(
                "{value!r} could be {thousands} or a decimal: write {thousands}, or "
                "{whole}.{decimals} for the decimal.",
                value=value,
                thousands=raw.replace(".", "").replace(",", ""),
                whole=whole,
                decimals=decimals,
            )
        for group, pattern in _GROUPED.items():
            if pattern.fullmatch(raw):
                raw = raw.replace(group, "")
        raw = raw.replace(",", ".")
    try:
        parsed = float(raw)
    except (TypeError, ValueError):
        raise ValidationError("{value!r} is not a number.", value=value) from None
    if not math.isfinite(parsed):
        raise ValidationError("{value!r} is not a finite number.", value=value)
    return int(parsed) if parsed.is_integer() and abs(parsed) < 2**53 else parsed


def year_value(value: str) -> dict[str, Any] | None:
    """``YEAR=VALUE`` (``2030=50``), or ``none`` to clear."""
    if _is_none(value):
        return None
    left, sep, right = value.partition("=")
    if not sep:
        raise ValidationError("{value!r} is not YEAR=VALUE (e.g. 2030=50).", value=value)
    return {"year": year(left), "value": number(right)}


def boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"true", "yes", "1", "on", "ja"}:
        return True
    if lowered in {"false", "no", "0", "off", "nein"}:
        return False
    raise ValidationError("{value!r} is not yes or no.", value=value)


def choice(options: tuple[str, ...]) -> Parser:
    def parse(value: str) -> str:
        value = value.strip()
        if value not in options:
            raise ValidationError(
                "{value!r} is not one of: {options}.", value=value, options=", ".join(options)
            )
        return value

    return parse


def key_list(value: str) -> list[str]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    return [check_key(item) for item in items]


def optional_key(value: str) -> str | None:
    return None if _is_none(value) else check_key(value.strip())


#: A whole number grouped as the reports print it: ``121.386``, ``121,386``, ``121 386``.
_WHOLE_GROUPED = re.compile(r"[1-9]\d{0,2}([.,\u2009\u202f ])\d{3}(?:\1\d{3})*")


def positive_int(value: str) -> int:
    """A whole number, 0 or more; digit grouping is read as such (a whole number has
    no decimals for it to be mistaken for)."""
    raw = value.strip()
    if _WHOLE_GROUPED.fullmatch(raw):
        raw = re.sub(r"[.,\u2009\u202f ]", "", raw)
    try:
        number_ = int(raw)
    except ValueError:
        raise ValidationError("{value!r} is not a whole number.", value=value) from None
    if number_ < 0:
        raise ValidationError("{value} must not be negative.", value=number_)
    return number_


def optional_positive_int(value: str) -> int | None:
    return None if _is_none(value) else positive_int(value)


def optional_positive_number(value: str) -> int | float | None:
    if _is_none(value):
        return None
    parsed = number(value)
    if parsed < 0:
        raise ValidationError("{value} must not be negative.", value=value)
    return parsed


def _is_none(value: str) -> bool:
    return value.strip().lower() in {"", "none", "-", "null"}


_NUMBER = re.compile(r"(\d+)")


def natural(key: str) -> tuple[Any, ...]:
    """Sort key for entity keys: numbers by value, letters without case (HF2 before
    HF10, I-9 before I-10)."""
    return tuple(int(p) if p.isdigit() else p.lower() for p in _NUMBER.split(key))
