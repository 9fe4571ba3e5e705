"""Parsing the values people type into contract registers: Dutch and ISO dates, Dutch and English
amounts ("1.250.000,00", "€ 1,250,000.00"), yes/no words, extension options ("2x1 jaar",
"verlengen met 12 kalendermaanden, maximaal 2 keer"), supplier types, domains and procedures.

Every parser returns ``None`` for an empty or "unknown" cell and raises
:class:`~sociaal_audit.contracts.reasons.ReadError` (a ``ValueError`` whose text is the English
reason, with the Dutch one beside it) for a value it cannot read, so a reader can name the row and
the column in the report's language.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from .reasons import ReadError

EMPTY = {"", "-", "--", "n.v.t.", "nvt", "n.v.t", "n/a", "na", "onbekend", "unknown", "?", "none", "null"}

MONTHS_NL_EN = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3, "mrt": 3, "march": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7,
    "july": 7, "augustus": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}


def fold(text: str) -> str:
    """Lower case without accents and with single spaces: 'Zzp’er ' -> "zzp'er"."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and fold(value) in EMPTY)


# ----- dates ------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")  # an Excel date serial: days since 30-12-1899
_EXCEL_EPOCH = date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ][0-9:.]+(?:z|[+-]\d{2}:?\d{2})?)?$")  # folded: lower case
_WORDS = re.compile(r"^(\d{1,2})(?:\s+|-)([a-z]+)\.?(?:\s+|-)(\d{4}|\d{2})$")  # 1 januari 2025, 1-jan-2025, 01-jan-25


def parse_date(value: object) -> date | None:
    """dd-mm-jjjj, d/m/jjjj, dd.mm.jjjj, dd-mm-jj (20jj), jjjj-mm-dd or jjjj/mm/dd (with an optional
    time), '1 januari 2025', '1-jan-2025', an Excel date serial (45658 = 1-1-2025), or a date object."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_empty(value):
        return None
    text = fold(str(value))
    try:
        if m := _DMY.match(text):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)  # "31-12-26": registers are about this century
            return date(year, int(m[2]), int(m[1]))
        if _SERIAL.match(text) and 20000 <= float(text) <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(float(text)))
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if (m := _WORDS.match(text)) and m[2] in MONTHS_NL_EN:
            return date(int(m[3]) + (2000 if len(m[3]) == 2 else 0), MONTHS_NL_EN[m[2]], int(m[1]))
    except ValueError:
        raise ReadError("invalid_date", value=value) from None
    raise ReadError("not_date", value=value)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, clipped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def months_between(start: date, end: date) -> float:
    """Length of the term ``start`` .. ``end`` (both inclusive) in months: 1-1-2023..31-12-2026 = 48."""
    after = end + timedelta(days=1)
    whole = (after.year - start.year) * 12 + (after.month - start.month)
    return whole + (after.day - start.day) / 30.4375


# ----- amounts ----------------------------------------------------------------------------------

_AMOUNT_CHARS = re.compile(r"^[0-9.,]+$")
_VAT = re.compile(r"\(?\s*(?:excl|incl|ex|inc|exclusief|inclusief)\.?\s*(?:btw|vat)\s*\)?|\(\s*(?:btw|vat)\s*\)", re.I)
_PER_YEAR = re.compile(r"\s*(?:per\s+jaar|p\.\s*j\.?|/\s*jaar|jaarlijks|per\s+year|per\s+annum|p\.a\.?|a\s+year)\s*$", re.I)
# '1,25 mln', '€ 2,5 miljoen', '1,5 ton', '125k'; matched on the text after the number
_MULTIPLIERS = (
    (re.compile(r"(?:mld|mrd|miljard|billion|bn)\.?$", re.I), 1_000_000_000),
    (re.compile(r"(?:mln|mio|miljoen|million|m)\.?$", re.I), 1_000_000),
    (re.compile(r"ton$", re.I), 100_000),
    (re.compile(r"(?:k|duizend|dzd|thousand)\.?$", re.I), 1_000),
)


def parse_amount(value: object) -> float | None:
    """An amount in euros: '1.250.000,00', '€ 1.250.000', '1,250,000.00', '1250000', 1250000.0,
    '1,25 mln', '€ 2,5 miljoen', '1,5 ton', '125k', '€ 1.250.000 (excl. btw)'."""
    if isinstance(value, bool):
        raise ReadError("not_amount", value=value)
    if isinstance(value, (int, float, Decimal)):
        amount = float(value)
    elif is_empty(value):
        return None
    elif fold(str(value)) in ("geen", "nee", "no", "nil"):  # "minimale omzet: geen"
        return 0.0
    else:
        text = _VAT.sub(" ", str(value)).strip()
        text = re.sub(r"(?i)^(?:eur|euro|€)\s*|\s*(?:eur|euro|€)$", "", text).strip()
        factor = 1
        for rx, multiplier in _MULTIPLIERS:
            if (m := rx.search(text)) and re.search(r"\d\s*$", text[:m.start()]):
                factor, text = multiplier, text[:m.start()]
                break
        text = re.sub(r"(?i)^(?:eur|euro|€)|(?:eur|euro|€)$|\s|'", "", text)
        text = text.replace(",-", "").replace(".-", "")
        if not _AMOUNT_CHARS.match(text):
            raise ReadError("not_amount", value=value)
        if "," in text and "." in text:
            decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        elif "," in text:
            decimal_sep = "," if text.count(",") == 1 and len(text) - text.rfind(",") - 1 in (1, 2) else None
        elif "." in text:
            decimal_sep = "." if text.count(".") == 1 and len(text) - text.rfind(".") - 1 != 3 else None
        else:
            decimal_sep = None
        if factor > 1 and decimal_sep is None and text.count(",") + text.count(".") == 1:
            decimal_sep = "," if "," in text else "."  # '1,250 mln' is 1.25 million, not 1,250 million
        thousands = {",", "."} - {decimal_sep}
        for sep in thousands:
            text = text.replace(sep, "")
        if decimal_sep:
            text = text.replace(decimal_sep, ".")
        try:
            amount = float(Decimal(text) * factor)
        except InvalidOperation:
            raise ReadError("not_amount", value=value) from None
    if not math.isfinite(amount):
        raise ReadError("not_amount", value=value)
    if amount < 0:
        raise ReadError("negative", value=value)
    return amount


def parse_yearly_amount(value: object) -> float | None:
    """An amount that is per year by nature (a minimum turnover): like :func:`parse_amount`, and
    'per jaar', 'p.j.' or '/jaar' after it are allowed."""
    if isinstance(value, str):
        value = _PER_YEAR.sub("", value)
    return parse_amount(value)


# ----- yes / no ---------------------------------------------------------------------------------

_YES = re.compile(r"^(?:ja|j|yes|y|true|waar|1|x|wel|aanwezig|opgenomen|present|included|mogelijk|toegestaan|open|doorlopend"
                  r"|(?:half)?jaarlijks|per (?:kwartaal|half ?jaar|jaar)|(?:max\w*\.?|ten hoogste|hooguit|at most) (?:2|twee|two)\b)\b")
_NO = re.compile(r"^(?:nee|n|no|false|onwaar|0|niet|geen|ontbreekt|afwezig|absent|missing|none|gesloten|uitgesloten|onmogelijk"
                 r"|closed)\b")


def parse_bool(value: object) -> bool | None:
    """'ja', 'Ja (art. 3.7)', 'x', 'yes', 'mogelijk', 'max. 2 verwijzingen', 'halfjaarlijks', True -> True;
    'nee', 'geen', 'niet mogelijk', 'gesloten', 'no', False -> False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if is_empty(value):
        return None
    text = fold(str(value))
    if _NO.match(text):
        return False
    if _YES.match(text):
        return True
    raise ReadError("not_yes_no", value=value)


def parse_count(value: object) -> float | None:
    """A minimum number of staff: '3', '3 fte', 'minimaal 3', 'min. 1,5 fte', 3."""
    if isinstance(value, bool):
        raise ReadError("not_number", value=value)
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value < 0:
            raise ReadError("not_number", value=value)
        return float(value)
    if is_empty(value):
        return None
    text = fold(str(value))
    if text in ("geen", "nee", "no", "none"):
        return 0.0
    m = re.match(r"^(?:minimaal|minimum|min\.?|ten minste|tenminste|at least)?\s*(\d+(?:[.,]\d+)?)\b", text)
    if not m:
        raise ReadError("not_number", value=value)
    return float(m[1].replace(",", "."))


def parse_subcontracting(value: object) -> bool | None:
    """May the provider subcontract to a zzp'er without permission? 'ja', 'toegestaan', 'zonder
    toestemming' -> True; 'nee', 'alleen met toestemming', 'niet toegestaan' -> False."""
    if isinstance(value, str) and not is_empty(value):
        text = fold(value)
        if re.search(r"\b(?:zonder|geen)\s+(?:voorafgaande\s+)?(?:schriftelijke\s+)?toestemming\b|\bvrij\b", text):
            return True
        if re.search(r"\btoestemming\b|\bniet\s+toegestaan\b|\bverboden\b|\buitgesloten\b", text):
            return False
        if re.search(r"^toegestaan\b", text):
            return True
    return parse_bool(value)


# ----- extension options -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtensionOptions:
    """What a contract may be extended by: ``count`` extensions of ``months`` in all, or open-ended.

    ``leading`` is set only for a sum such as '2+1+1': Dutch procurement writes the initial term
    first in that notation, so :class:`~sociaal_audit.contracts.model.Contract` drops the first part
    when it equals the contract's own term."""

    count: int = 0
    months: int = 0
    open_ended: bool = False
    leading: int = 0  # written as a sum ('2+1+1'): the months of its first part, which may be the initial term


_UNIT = r"(jaar|jaren|jr|maand|maanden|kalendermaanden|mnd|year|years|yr|month|months)"
_NUMBER_WORDS = {
    "een": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "twaalf": 12,
    "vierentwintig": 24, "zesendertig": 36,
}
_NUMBER_WORD = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)})(maal|keer)?\b")
_TIMES_UNIT = re.compile(rf"(\d+)\s*(?:x|×|\*|keer|maal|times)\s*(?:[a-z ]{{0,30}}?\s)?(\d+)\s*{_UNIT}")
_STANDARD = re.compile(rf"(\d+)\s*{_UNIT}[^0-9]{{0,40}}?(?:maximaal|max\.?|ten hoogste|hooguit|up to|at most)\s*(\d+)\s*(?:x|×|keer|maal|times)")
_PLUS_PART = re.compile(rf"^(\d+)\s*{_UNIT}?$")
_BARE_TIMES = re.compile(r"^(?:(?:maximaal|max\.?|optie|opties)\s*)?(\d+)\s*(?:x|×|\*)\s*(\d+)$")  # '2x1': years
_SINGLE = re.compile(rf"^(?:(?:1|een|one)\s*(?:x|×|keer|maal)\s*)?(?:met\s+)?(\d+)\s*{_UNIT}$")
_OPEN = re.compile(r"\b(?:onbepaalde tijd|stilzwijgend\w*|automatisch\w*|indefinite\w*|tacit\w*|evergreen)\b")


def _months(n: int, unit: str | None) -> int:
    return n * 12 if unit is None or unit.startswith(("j", "y")) else n


def _number_words(text: str) -> str:
    """'tweemaal twee jaar' -> '2 maal 2 jaar', 'met een jaar' -> 'met 1 jaar'."""
    return _NUMBER_WORD.sub(lambda m: f"{_NUMBER_WORDS[m[1]]}" + (f" {m[2]} " if m[2] else ""), text)


def _plus(text: str) -> ExtensionOptions | None:
    """'1+1+1', '1 + 1 jaar', '1 jaar + 1 jaar', '6 + 6 maanden', '6 maanden + 6': each part one
    extension; a part without a unit takes the unit of the parts after it, else of the nearest part
    before it ('6 maanden + 6' is twice six months), and years when no part has one. The first
    part's months are kept as ``leading``."""
    parts = [p.strip() for p in text.split("+")]
    if len(parts) < 2:
        return None
    matches = [_PLUS_PART.match(p) for p in parts]
    if not all(matches):
        return None
    units: list[str | None] = [m[2] for m in matches]  # type: ignore[index]
    for i in range(len(units) - 2, -1, -1):  # from the parts after
        units[i] = units[i] or units[i + 1]
    for i in range(1, len(units)):  # else from the part before
        units[i] = units[i] or units[i - 1]
    months = [_months(int(m[1]), unit) for m, unit in zip(matches, units)]  # type: ignore[index]
    return ExtensionOptions(len(parts), sum(months), leading=months[0])


def parse_extensions(value: object) -> ExtensionOptions | None:
    """'2x1 jaar', '2 x 12 maanden', 'tweemaal twee jaar', '1 + 1 jaar' or '1+1+1' (extensions of a
    year each), '2x1' (years), '12 maanden, maximaal 2 keer', 'geen', 'stilzwijgend met een jaar'
    (open-ended)."""
    if isinstance(value, ExtensionOptions):
        return value
    if isinstance(value, dict):  # as dumped to JSON: {"count": 2, "months": 24, "open_ended": false}
        try:
            return ExtensionOptions(int(value.get("count", 0)), int(value.get("months", 0)), bool(value.get("open_ended", False)),
                                    int(value.get("leading", 0)))
        except (TypeError, ValueError):
            raise ReadError("not_extension", value=value) from None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ExtensionOptions(0, 0) if value == 0 else ExtensionOptions(1, _months(int(value), "jaar"))
    text = fold(str(value))
    if text in EMPTY or re.match(r"^(?:geen|nee|no|none|0)\b", text):
        return ExtensionOptions(0, 0)
    if _OPEN.search(text):
        return ExtensionOptions(0, 0, open_ended=True)
    text = " ".join(_number_words(text).split())
    if m := _TIMES_UNIT.search(text):
        count, n = int(m[1]), int(m[2])
        return ExtensionOptions(count, count * _months(n, m[3]))
    if m := _STANDARD.search(text):
        n, count = int(m[1]), int(m[3])
        return ExtensionOptions(count, count * _months(n, m[2]))
    if (plus := _plus(text)) is not None:
        return plus
    if m := _BARE_TIMES.match(text):
        count = int(m[1])
        return ExtensionOptions(count, count * _months(int(m[2]), None))
    if m := _SINGLE.match(text):
        return ExtensionOptions(1, _months(int(m[1]), m[2]))
    raise ReadError("not_extension", value=value)


def format_extensions(ext: ExtensionOptions | None, lang: str = "nl") -> str:
    """Extension options as a report names them, in Dutch or (any other ``lang``) English:
    ``2x1 jaar`` / ``2x1 year``, ``geen`` / ``none``, ``stilzwijgend`` / ``tacit renewal``."""
    if ext is None:
        return ""
    nl = lang == "nl"
    if ext.open_ended:
        return "stilzwijgend" if nl else "tacit renewal"
    if ext.count == 0:
        return "geen" if nl else "none"
    each = ext.months / ext.count
    if each != int(each):
        if nl:
            return f"{ext.count} verlenging(en), samen {ext.months} maanden"
        return f"{ext.count} extension(s), {ext.months} months in all"
    each_i = int(each)
    if each_i % 12:
        unit = f"{each_i} maanden" if nl else f"{each_i} months"
    else:
        years = each_i // 12
        unit = f"{years} jaar" if nl else f"{years} year" + ("s" if years != 1 else "")
    return f"{ext.count}x{unit}"


# ----- terms ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractTerm:
    """A term as a register writes it instead of an end date: a length ('4 jaar', '48 maanden',
    '1461 dagen'), perhaps with extension options ('3 jaar met 2x1 jaar verlenging', '2+1+1': two
    years and two extensions of a year), or the dates it runs ('01-01-2023 t/m 31-12-2026').

    ``months`` and ``days`` are the initial length (both zero when the text gives none);
    ``extensions`` the options the text names (None when it names none); ``start``/``end`` the
    dates it names; ``total`` is set when the length already includes every extension ('6 jaar
    incl. verlengingen', a 'Maximale looptijd' column)."""

    months: int = 0
    days: int = 0
    extensions: ExtensionOptions | None = None
    start: date | None = None
    end: date | None = None
    total: bool = False

    @property
    def has_length(self) -> bool:
        return bool(self.months or self.days)

    def last_day(self, start: date, extension_months: int = 0) -> date:
        """The last day of the term from ``start``, with ``extension_months`` more counted from the
        day after the term (as from an end date: 1461 days from 01-01-2023 and 2x1 jaar end on
        31-12-2028)."""
        after = add_months(start, self.months) + timedelta(days=self.days)
        return add_months(after, extension_months) - timedelta(days=1)

    def as_total(self) -> "ContractTerm":
        """The same term read as the whole possible term (a 'Maximale looptijd' column)."""
        return ContractTerm(self.months, self.days, self.extensions, self.start, self.end, True)


# units as registers write them, by kind
_TERM_UNITS: dict[str, tuple[str, ...]] = {
    "month": ("kalendermaanden", "maanden", "maand", "mnden", "mnd", "months", "month", "mos", "mo"),
    "year": ("jaren", "jaar", "jr", "years", "year", "yrs", "yr", "j", "y"),
    "day": ("kalenderdagen", "dagen", "dag", "days", "day"),
    "week": ("weken", "week", "weeks", "wk"),
}
_UNIT_KIND = {word: kind for kind, words in _TERM_UNITS.items() for word in words}


def _unit_rx(*kinds: str) -> str:
    words = sorted((w for k in kinds for w in _TERM_UNITS[k]), key=len, reverse=True)
    return "(" + "|".join(words) + r")\.?(?![a-z])"


_NUM = r"(\d+(?:[.,]\d+)?)"
_ANY_PART = rf"{_NUM}\s*{_unit_rx(*_TERM_UNITS)}"
# one length, or years and months together ('1 jaar en 6 maanden')
_DURATION = re.compile(rf"^(?:(?:initieel|initiele|eerste|vaste|basis)\s+(?:looptijd\s+)?)?"
                       rf"((?:{_NUM}\s*{_unit_rx('year')}\s*(?:en|and)?\s*{_NUM}\s*{_unit_rx('month')})|{_ANY_PART})")
_DURATION_PARTS = re.compile(_ANY_PART)
_SUM_PART = re.compile(rf"^(\d+)\s*(?:{_unit_rx('year', 'month')})?$")
_LABEL = re.compile(r"^(?:looptijd|contractduur|duur|term|duration)\s*:\s*")
_BARE_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_DATE_TEXT = r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\s+[a-z]+\.?\s+\d{4}"
_INCLUSIVE = ("t/m", "t.m.", "tm", "tot en met", "through")
_RANGE = re.compile(rf"^(?:(?:van|vanaf|from)\s+)?({_DATE_TEXT})\s*(t/m|t\.m\.|tm|tot en met|tot|until|through|to|-|–|—)\s*"
                    rf"({_DATE_TEXT})(?!\d)(.*)$")
_UNTIL = re.compile(rf"^(?:(?:t/m|t\.m\.|tm|tot en met|tot|until|through|einddatum|eind)\s*:?\s*)?({_DATE_TEXT})(?!\d)(.*)$")
_YEARS = re.compile(r"^(?:(?:van|vanaf|from)\s+)?((?:19|20)\d\d)\s*(t/m|tm|tot en met|through|-|–|—)\s*((?:19|20)\d\d)(?!\d)(.*)$")
_OPEN_TERM = re.compile(r"\b(?:onbepaalde tijd|onbepaald|stilzwijgend\w*|automatisch\w*|indefinite\w*|tacit\w*|evergreen)\b")
_EXTENSION_WORD = r"(?:verlengingsopties?|verlengingen|verlenging|verlengbaar|opties?|extensions?|renewals?|options?)"
_WITHOUT = re.compile(rf"^(?:zonder|geen|without|no)\s+(?:\w+\s+)?{_EXTENSION_WORD}$")
_EXCLUDING = re.compile(rf"^(?:excl\w*|exclusief|excluding|not including)\.?\s+(?:de\s+)?{_EXTENSION_WORD}$")
_INCLUDING = re.compile(rf"^(?:incl\w*|inclusief|including|met inbegrip van)\.?\s+(?:de\s+|alle\s+|all\s+)?{_EXTENSION_WORD}$")
_COUNT_OF = re.compile(rf"(\d+)\s*(?:x\s*)?{_EXTENSION_WORD}\s*(?:van|of|met|tot|for)?\s*(\d+)\s*{_UNIT}")
_COUNT_EACH = re.compile(rf"(\d+)\s+(\d+)[- ]?{_UNIT}\s+{_EXTENSION_WORD}")  # '2 one-year extensions'
_FILLER = re.compile(r"\b(?:met|plus|en|optie|opties|verlengingsopties?|verlengingen|verlenging|verlengbaar|mogelijkheid|mogelijk"
                     r"|tot|van|nog|daarna|optioneel|with|and|option|options|optional|extensions?|renewals?|of|to|for|up)\b")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _length(amount: float, kind: str, value: object) -> tuple[int, int]:
    """(months, days) of ``amount`` units of ``kind``; a term is longer than zero."""
    if not math.isfinite(amount) or amount <= 0:
        raise ReadError("term_not_positive", value=value)
    if kind == "year":
        months, days = round(amount * 12), 0
    elif kind == "month":
        months, days = int(amount), round((amount - int(amount)) * 30.4375)
    else:
        months, days = 0, round(amount * (7 if kind == "week" else 1))
    if not months and not days:
        raise ReadError("term_not_positive", value=value)
    return months, days


def _duration(text: str, value: object) -> tuple[int, int]:
    months = days = 0
    for m in _DURATION_PARTS.finditer(text):
        more_months, more_days = _length(_number(m[1]), _UNIT_KIND[m[2]], value)
        months, days = months + more_months, days + more_days
    return months, days


def _sum(text: str, unit: str | None) -> list[int] | None:
    """'2+1+1', '2 + 1 + 1 jaar', '24 maanden + 12 + 12': the months of each part. A part without
    a unit takes the unit of the nearest part after it that has one, else of the nearest before
    it, else ``unit`` (the column's), else years: procurement writes '2+1+1' in years."""
    parts = [p.strip() for p in text.split("+")]
    if len(parts) < 2:
        return None
    matches = [_SUM_PART.match(p) for p in parts]
    if not all(matches):
        return None
    units: list[str | None] = [m[2] for m in matches]  # type: ignore[index]
    months: list[int] = []
    for i, m in enumerate(matches):
        own = units[i] or next((u for u in units[i + 1:] if u), None) or next((u for u in reversed(units[:i]) if u), None)
        kind = _UNIT_KIND[own] if own else (unit or "year")
        if kind not in ("year", "month") or int(m[1]) <= 0:  # type: ignore[index]
            return None
        months.append(int(m[1]) * (12 if kind == "year" else 1))  # type: ignore[index]
    return months


def _extension_phrase(text: str, value: object) -> ExtensionOptions:
    """The extension options after a term's length: 'met 2x1 jaar verlenging', '1 jaar optie',
    'met optie tot verlenging van 2 jaar', 'met 2 verlengingen van 1 jaar', 'with 2 1-year extensions'."""
    try:
        found = parse_extensions(text)
        if found is not None:
            return found
    except ReadError:
        pass
    for rx in (_COUNT_OF, _COUNT_EACH):
        if m := rx.search(text):
            count = int(m[1])
            return ExtensionOptions(count, count * _months(int(m[2]), m[3]))
    bare = " ".join(_FILLER.sub(" ", text).split()).strip(" ,;:+")
    if bare and bare != text:
        try:
            found = parse_extensions(bare)
            if found is not None:
                return found
        except ReadError:
            pass
    raise ReadError("not_term", value=value)


def _rest(rest: str, months: int, days: int, value: object) -> ContractTerm:
    """A length and what the text says after it: extension options, a remark, or nothing."""
    text = rest.strip(" ,;:.")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip(" ,;:.")
    text = text.removeprefix("+").strip()
    if not text or _EXCLUDING.match(text):
        return ContractTerm(months, days)
    if _OPEN_TERM.search(text):  # '2 jaar, daarna stilzwijgend telkens een jaar'
        return ContractTerm(months, days, ExtensionOptions(0, 0, open_ended=True))
    if _INCLUDING.match(text):
        return ContractTerm(months, days, total=True)
    if (m := _RANGE.match(text)) and not m[4].strip(" .,;"):  # '4 jaar (01-01-2023 t/m 31-12-2026)'
        return ContractTerm(months, days, None, *_range(m[1], m[2], m[3]))
    if (m := _YEARS.match(text)) and not m[4].strip(" .,;"):  # '4 jaar (2023-2026)'
        return ContractTerm(months, days, None, date(int(m[1]), 1, 1), date(int(m[3]), 12, 31))
    if _WITHOUT.match(text):
        return ContractTerm(months, days, ExtensionOptions(0, 0))
    if (parts := _sum(text, None)) is not None:
        if not days and sum(parts) == months:  # '4 jaar (2+1+1)': the sum spells out the four years
            return ContractTerm(parts[0], 0, ExtensionOptions(len(parts) - 1, sum(parts[1:])))
        return ContractTerm(months, days, ExtensionOptions(len(parts), sum(parts)))
    if not re.search(r"\d", text) and not re.search(r"verleng|optie|option|extension|renewal", text):
        return ContractTerm(months, days)  # a remark: '4 jaar (vast)', '4 jaar, Europees aanbesteed'
    return ContractTerm(months, days, _extension_phrase(text, value))


def _range(first: str, separator: str, second: str) -> tuple[date | None, date | None]:
    start, end = parse_date(first), parse_date(second)
    if start and end and separator not in _INCLUSIVE and end.day == start.day and end > start:
        end -= timedelta(days=1)  # '01-01-2023 tot 01-01-2027' ends on the last day of 2026
    return start, end


def parse_term(value: object, unit: str | None = None) -> ContractTerm | None:
    """A term as registers write it: '4 jaar', '48 maanden', '2,5 jaar', '1461 dagen', '2+1+1'
    (two years and two extensions of a year), '3 jaar met 2x1 jaar verlenging', '2 jaar + 2 x 1
    jaar', '4 jaar (2+1+1)', '4 years with two one-year extensions', '01-01-2023 t/m 31-12-2026',
    't/m 31-12-2026', '2023-2026' (1 January 2023 to 31 December 2026), 'onbepaalde tijd' or '2
    jaar, daarna stilzwijgend' (open-ended), '6 jaar incl. verlengingen' (a total). A bare number
    ('48', or 48 in a spreadsheet) is counted in ``unit`` ('year', 'month', 'week' or 'day', e.g.
    from a 'Looptijd (maanden)' header) and refused without one: '4' could be years or months."""
    if isinstance(value, ContractTerm):
        return value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):  # a date in a 'Looptijd' column: the contract runs until then
        return ContractTerm(end=value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise ReadError("not_term", value=value)
    if not isinstance(value, str) or _BARE_NUMBER.match(value.strip()):
        if unit is None:
            raise ReadError("term_without_unit", value=value)
        return ContractTerm(*_length(_number(str(value).strip()), unit, value))
    if is_empty(value):
        return None
    text = _LABEL.sub("", " ".join(_number_words(fold(value)).split()))
    if m := _RANGE.match(text):
        return _with_dates(_rest(m[4], 0, 0, value), *_range(m[1], m[2], m[3]))
    if m := _YEARS.match(text):
        return _with_dates(_rest(m[4], 0, 0, value), date(int(m[1]), 1, 1), date(int(m[3]), 12, 31))
    if m := _UNTIL.match(text):
        return _with_dates(_rest(m[2], 0, 0, value), None, parse_date(m[1]))
    if (parts := _sum(text, unit)) is not None:
        return ContractTerm(parts[0], 0, ExtensionOptions(len(parts) - 1, sum(parts[1:])))
    if m := _DURATION.match(text):
        return _rest(text[m.end():], *_duration(m[1], value), value)
    if _OPEN_TERM.search(text):  # 'onbepaalde tijd', 'stilzwijgend verlengd'
        return ContractTerm(extensions=ExtensionOptions(0, 0, open_ended=True))
    raise ReadError("not_term", value=value)


def _with_dates(term: ContractTerm, start: date | None, end: date | None) -> ContractTerm:
    if start and end and end < start:
        raise ReadError("end_before_start", start=start, end=end)
    return ContractTerm(term.months, term.days, term.extensions, start, end, term.total)
