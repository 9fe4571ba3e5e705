"""Numbers and dates as a contract finding shows them, in Dutch or English:
``6,5 jaar`` / ``6.5 years``, ``€ 1.250.000`` / ``€1,250,000``, ``31-12-2028`` / ``2028-12-31``;
and why a row cannot be read, in the report language."""

from __future__ import annotations

import re
from datetime import date

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


def place(source: str | None, lang: str) -> str | None:
    """Where a contract sits in its file, in the report language: 'regel 12' / 'line 12', 'Blad1 rij 5' / 'Blad1 row 5'."""
    if source is None or lang == "nl":
        return source
    return _PLACE_WORDS.sub(lambda m: _PLACE_EN[m.group(1)], source)


# The reasons a row cannot be read, as the parsers and readers word them, in Dutch.
_REASONS_NL: tuple[tuple[str, str], ...] = (
    (" is not a valid date", " is geen geldige datum"),
    (" is not a date (expected dd-mm-jjjj or jjjj-mm-dd)", " is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"),
    (" is not an amount", " is geen bedrag"),
    (" is negative", " is negatief"),
    (" is not yes or no", " is geen ja of nee"),
    (" is not a number", " is geen getal"),
    (" is not an extension option (expected e.g. '2x1 jaar' or 'geen')",
     " is geen verlengingsoptie (verwacht bijvoorbeeld '2x1 jaar' of 'geen')"),
    (" is not an extension option", " is geen verlengingsoptie"),
    (" is not a supplier type (", " is geen soort aanbieder ("),
    (" is not a domain (", " is geen domein ("),
    (" names no financing form (", " noemt geen bekostigingsvorm ("),
    (" is before start date ", " ligt voor de ingangsdatum "),
    ("end date ", "einddatum "),
    ("no contract number", "geen contractnummer"),
    ("unknown field", "onbekend veld"),
    ("not a mapping of fields", "geen rij met velden"),
    ("not valid JSON", "geen geldige JSON"),
    ("record without compiledRelease (compile the releases first, e.g. with ocdskit compile)",
     "record zonder compiledRelease (voeg de releases eerst samen, bijvoorbeeld met ocdskit compile)"),
    ("unexpected OCDS structure", "onverwachte OCDS-structuur"),
    ("not an OCDS release (expected an object)", "geen OCDS-release (verwacht een object)"),
)


def reason(text: str, lang: str) -> str:
    """Why a row cannot be read, in the report language (the readers word it in English)."""
    if lang != "nl":
        return text
    for english, dutch in _REASONS_NL:
        text = text.replace(english, dutch)
    return text
