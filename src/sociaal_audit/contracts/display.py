"""Numbers and dates as a contract finding shows them, in Dutch or English:
``6,5 jaar`` / ``6.5 years``, ``€ 1.250.000`` / ``€1,250,000``, ``31-12-2028`` / ``2028-12-31``;
and why a row cannot be read, in the report language."""

from __future__ import annotations

import re
from datetime import date

from .reasons import Reason

_PLACE_EN = {"regel": "line", "rij": "row"}
_PLACE_WORDS = re.compile(r"\b(regel|rij)\b")


def years(value: float | None, lang: str) -> str:
    if value is None:
        return "?"
    if value == float("inf"):
        return "onbepaalde tijd" if lang == "nl" else "indefinite"
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def number(value: float | None, lang: str) -> str:
    """3.0 -> '3', 1.5 -> '1,5' / '1.5'."""
    if value is None:
        return "?"
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def money(value: float | None, lang: str) -> str:
    if value is None:
        return "?"
    whole = f"{round(value):,}"
    return "€ " + whole.replace(",", ".") if lang == "nl" else "€" + whole


def percent(value: float | None, lang: str) -> str:
    if value is None:
        return "?"
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "nl" else text) + "%"


def day(value: date | None, lang: str) -> str:
    if value is None:
        return "?"
    return value.strftime("%d-%m-%Y") if lang == "nl" else value.isoformat()


def extensions(ext, lang: str) -> str:
    """Extension options as a finding names them: ``2x1 jaar`` / ``2x1 year``, ``geen`` / ``none``."""
    from .parsing import format_extensions

    return format_extensions(ext, lang)


def place(source: str | None, lang: str) -> str | None:
    """Where a contract sits in its file, in the report language: 'regel 12' / 'line 12', 'Blad1 rij 5' / 'Blad1 row 5'."""
    if source is None or lang == "nl":
        return source
    return _PLACE_WORDS.sub(lambda m: _PLACE_EN[m.group(1)], source)


def reason(text: str, lang: str) -> str:
    """Why a row cannot be read, in the report language: a
    :class:`~sociaal_audit.contracts.reasons.Reason` carries both wordings; other text is shown
    as it is."""
    return text.text(lang) if isinstance(text, Reason) else text
