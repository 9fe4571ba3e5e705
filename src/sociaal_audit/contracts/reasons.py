"""Why a register row cannot be read, worded in English and in Dutch.

A parser raises :class:`ReadError` (a ``ValueError``) with a code from :data:`REASONS` and the
values that fill it; a reader turns it into a :class:`Reason`: a ``str`` holding the English
wording that also carries the Dutch one. A report then shows every unreadable row in one language
(``display.reason``), whatever raised it: our parsers, pydantic's own type checks or the JSON
parser. Dates in a reason follow the language (``31-12-2026`` / ``2026-12-31``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

# code -> (English, Dutch); ``{value}`` is quoted by the template itself
REASONS: dict[str, tuple[str, str]] = {
    # values in a cell
    "invalid_date": ("'{value}' is not a valid date", "'{value}' is geen geldige datum"),
    "not_date": ("'{value}' is not a date (expected dd-mm-jjjj or jjjj-mm-dd)",
                 "'{value}' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"),
    "not_amount": ("'{value}' is not an amount", "'{value}' is geen bedrag"),
    "negative": ("'{value}' is negative", "'{value}' is negatief"),
    "not_yes_no": ("'{value}' is not yes or no", "'{value}' is geen ja of nee"),
    "not_number": ("'{value}' is not a number", "'{value}' is geen getal"),
    "not_extension": ("'{value}' is not an extension option (expected e.g. '2x1 jaar' or 'geen')",
                      "'{value}' is geen verlengingsoptie (verwacht bijvoorbeeld '2x1 jaar' of 'geen')"),
    "not_term": ("'{value}' is not a term (expected e.g. '4 jaar', '48 maanden', '2+1+1' or '3 jaar met 2x1 jaar verlenging')",
                 "'{value}' is geen looptijd (verwacht bijvoorbeeld '4 jaar', '48 maanden', '2+1+1' of "
                 "'3 jaar met 2x1 jaar verlenging')"),
    "term_without_unit": ("'{value}' has no unit: write '4 jaar' or '48 maanden', or put the unit in the column header, "
                          "e.g. 'Looptijd (maanden)'",
                          "'{value}' heeft geen eenheid: schrijf '4 jaar' of '48 maanden', of zet de eenheid in de kolomkop, "
                          "bijvoorbeeld 'Looptijd (maanden)'"),
    "term_not_positive": ("'{value}' is no term (a term is longer than zero)", "'{value}' is geen looptijd (een looptijd is langer dan nul)"),
    "not_supplier_type": ("'{value}' is not a supplier type (organisatie, zzp, burgerinitiatief)",
                          "'{value}' is geen soort aanbieder (organisatie, zzp, burgerinitiatief)"),
    "not_domain": ("'{value}' is not a domain (wmo, jeugd, participatie, overig)",
                   "'{value}' is geen domein (wmo, jeugd, participatie, overig)"),
    "no_financing_form": ("'{value}' names no financing form (inspanningsgericht, outputgericht, taakgericht)",
                          "'{value}' noemt geen bekostigingsvorm (inspanningsgericht, outputgericht, taakgericht)"),
    "not_text": ("{value} is not text", "{value} is geen tekst"),
    "empty": ("is empty", "is leeg"),
    "unreadable_value": ("{value} cannot be read", "{value} is niet te lezen"),
    "not_whole_days": ("'{value}' is not a whole number of days", "'{value}' is geen geheel aantal dagen"),
    "not_whole_number": ("'{value}' is not a whole number", "'{value}' is geen geheel getal"),
    # a row as a whole
    "end_before_start": ("end date {end} is before start date {start}", "einddatum {end} ligt voor de ingangsdatum {start}"),
    "term_extensions_conflict": ("the term ('{term}') names other extension options than the extension column ('{extensions}')",
                                 "de looptijd ('{term}') noemt andere verlengingsopties dan de kolom verlengingsopties "
                                 "('{extensions}')"),
    "beyond_calendar": ("the term and extension options run past the year 9999",
                        "de looptijd en verlengingsopties lopen voorbij het jaar 9999"),
    "no_contract_number": ("no contract number", "geen contractnummer"),
    "unknown_field": ("unknown field", "onbekend veld"),
    "not_mapping": ("not a mapping of fields", "geen rij met velden"),
    # OCDS and JSON Lines
    "invalid_json": ("not valid JSON ({detail})", "geen geldige JSON ({detail})"),
    "no_compiled_release": ("record without compiledRelease (compile the releases first, e.g. with ocdskit compile)",
                            "record zonder compiledRelease (voeg de releases eerst samen, bijvoorbeeld met ocdskit compile)"),
    "not_release": ("not an OCDS release (expected an object)", "geen OCDS-release (verwacht een object)"),
    "ocds_structure": ("unexpected OCDS structure ({detail})", "onverwachte OCDS-structuur ({detail})"),
    # what the JSON parser says, by its own message
    "json_value": ("expected a value at column {column}", "waarde verwacht op kolom {column}"),
    "json_name": ("expected a property name in double quotes at column {column}",
                  "eigenschapsnaam tussen dubbele aanhalingstekens verwacht op kolom {column}"),
    "json_colon": ("expected ':' at column {column}", "':' verwacht op kolom {column}"),
    "json_comma": ("expected ',' at column {column}", "',' verwacht op kolom {column}"),
    "json_string": ("string not closed, from column {column}", "tekst niet afgesloten, vanaf kolom {column}"),
    "json_control": ("control character in a string at column {column}", "stuurteken in een tekst op kolom {column}"),
    "json_escape": ("invalid escape (\\) at column {column}", "ongeldige escape (\\) op kolom {column}"),
    "json_extra": ("more after the object, from column {column}", "meer na het object, vanaf kolom {column}"),
    "json_trailing_comma": ("comma before the end of an object or list at column {column}",
                            "komma voor het einde van een object of lijst op kolom {column}"),
    "json_syntax": ("syntax error at column {column}", "syntaxfout op kolom {column}"),
    "json_encoding": ("not UTF-8 text at byte {byte}", "geen UTF-8-tekst bij byte {byte}"),
    "json_depth": ("nested too deeply", "te diep genest"),
}

# field -> (English, Dutch) label, for a row error on a field that has no header (OCDS, a pack example)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("contract number", "contractnummer"), "title": ("title", "omschrijving"), "supplier": ("supplier", "leverancier"),
    "supplier_type": ("supplier type", "soort aanbieder"), "domain": ("domain", "domein"), "start": ("start date", "ingangsdatum"),
    "end": ("end date", "einddatum"), "term": ("term", "looptijd"), "max_term": ("maximum term", "maximale looptijd"),
    "extensions": ("extension options", "verlengingsopties"), "max_end": ("maximum end date", "uiterste einddatum"),
    "value": ("value", "waarde"), "financing": ("financing", "bekostiging"), "financing_text": ("financing", "bekostiging"),
    "referral_clause": ("referral clause", "verwijsclausule"), "open_entry": ("open entry", "tussentijdse toetreding"),
    "procedure": ("procedure", "procedure"), "min_turnover": ("minimum turnover", "minimale omzet"),
    "min_staff": ("minimum staff", "minimaal aantal medewerkers"), "zzp_subcontracting": ("zzp subcontracting", "onderaanneming zzp"),
    "source": ("place", "plaats"),
}

MAX_VALUE_CHARS = 80  # a longer cell is cut in a reason


class Reason(str):
    """A reason in English (the ``str`` itself) that also knows its Dutch wording."""

    nl: str

    def __new__(cls, english: str, dutch: str) -> "Reason":
        reason = super().__new__(cls, english)
        reason.nl = dutch
        return reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (Reason, (str(self), self.nl))

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else str(self)

    @classmethod
    def of(cls, code: str, **values: Any) -> "Reason":
        """The reason ``code`` filled with ``values`` in both languages."""
        english, dutch = REASONS[code]
        return cls(english.format(**_values(values, "en")), dutch.format(**_values(values, "nl")))

    @classmethod
    def labelled(cls, label: tuple[str, str] | str, reason: "Reason") -> "Reason":
        """``column: reason``; a header as written is the same in both languages."""
        english, dutch = (label, label) if isinstance(label, str) else label
        return cls(f"{english}: {reason}" if english else str(reason), f"{dutch}: {reason.nl}" if dutch else reason.nl)


def _values(values: dict[str, Any], lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, Reason):
            out[key] = value.text(lang)
        elif isinstance(value, date):
            out[key] = value.strftime("%d-%m-%Y") if lang == "nl" else value.isoformat()
        else:
            text = str(value)
            out[key] = text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"
    return out


class ReadError(ValueError):
    """A value a parser cannot read; ``str()`` is the English reason, ``reason`` has both languages."""

    def __init__(self, code: str, **values: Any) -> None:
        self.reason = Reason.of(code, **values)
        super().__init__(str(self.reason))


def pydantic_reason(error: dict[str, Any]) -> Reason:
    """One pydantic error as a reason in both languages: our own parsers' reasons as they are,
    pydantic's own checks (a list where text belongs, an empty contract number) in our words."""
    kind = str(error.get("type", ""))
    caught = (error.get("ctx") or {}).get("error")
    if isinstance(caught, ReadError):
        return caught.reason
    if kind == "extra_forbidden":
        return Reason.of("unknown_field")
    if kind == "string_too_short":
        return Reason.of("empty")
    shown = _shown(error.get("input"))
    if kind == "string_type":
        return Reason.of("not_text", value=shown)
    return Reason.of("unreadable_value", value=shown)


def _shown(value: Any) -> str:
    """A value as a reason quotes it: text in quotes, a list or an object as JSON-like text."""
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value) if not isinstance(value, (dict, list)) else _compact(value)


def _compact(value: Any) -> str:
    import json

    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)
