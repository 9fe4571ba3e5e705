"""Financing form: mapping the words and unit codes of a register or OCDS file to one of the three
"uitvoeringsvarianten" of the Wmo 2015 and Jeugdwet.

* ``inspanningsgericht``: paid per unit of effort (minute, hour, dagdeel, etmaal, product code)
  and declared per client; the per-product financing principle P26 warns against.
* ``outputgericht``: paid per result or trajectory.
* ``taakgericht``: a budget or lump sum for a task or population, no declaration per client.

:func:`financing_form` reads free text ("per uur", "productcode 45A54", "lumpsum",
"trajectprijs"); :func:`form_from_unit` reads the iWmo/iJw unit codes (codelist WJ756).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class FinancingForm(str, Enum):
    INSPANNINGSGERICHT = "inspanningsgericht"
    OUTPUTGERICHT = "outputgericht"
    TAAKGERICHT = "taakgericht"


# Codelist WJ756 "Eenheid" of the iWmo/iJw message standards.
UNIT_CODES: dict[str, FinancingForm] = {
    "01": FinancingForm.INSPANNINGSGERICHT,  # minuut
    "04": FinancingForm.INSPANNINGSGERICHT,  # uur
    "14": FinancingForm.INSPANNINGSGERICHT,  # etmaal
    "16": FinancingForm.INSPANNINGSGERICHT,  # dagdeel
    "84": FinancingForm.INSPANNINGSGERICHT,  # stuks (inspanning)
    "82": FinancingForm.OUTPUTGERICHT,  # stuks (output)
    "83": FinancingForm.OUTPUTGERICHT,  # euro's
}

# UN/CEFACT Recommendation 20, the unit scheme OCDS recommends ("UNCEFACT"): units of time are effort.
UNCEFACT_CODES: dict[str, FinancingForm] = {
    "MIN": FinancingForm.INSPANNINGSGERICHT,  # minute
    "HUR": FinancingForm.INSPANNINGSGERICHT,  # hour
    "DAY": FinancingForm.INSPANNINGSGERICHT,  # day
    "WEE": FinancingForm.INSPANNINGSGERICHT,  # week
}

# Checked in this order: the named variant first, then the words that point to one.
_WORDS: tuple[tuple[FinancingForm, re.Pattern[str]], ...] = (
    (FinancingForm.TAAKGERICHT, re.compile(
        r"\b(?:taakgericht\w*|populatie\w*|lump\s*-?\s*sum\w*|budgetfinanciering|budget\s+per\s+(?:jaar|wijk|gebied|kern)"
        r"|vast\s+(?:jaar)?budget|subsidie\w*|task[- ]based|population[- ]based)\b")),
    (FinancingForm.OUTPUTGERICHT, re.compile(
        r"\b(?:outputgericht\w*|resultaatgericht\w*|trajectprij\w*|trajectfinanciering|per\s+traject|per\s+resultaat"
        r"|resultaatfinanciering|resultaatbekostiging|trajecttarie\w*|arrangement\w*|output[- ]based|outcome[- ]based"
        r"|result[- ]based|per\s+(?:trajectory|result))\b")),
    (FinancingForm.INSPANNINGSGERICHT, re.compile(
        r"\b(?:inspanningsgericht\w*|per\s+(?:uur|minuut|etmaal|dagdeel|dag|week|product|verrichting|sessie|hour|minute|day|unit)"
        r"|(?:uur|minuut|dag|dagdeel|etmaal|sessie)(?:tarie|prij)\w*|productcode\w*|producttarie\w*|productfinanciering"
        r"|productbekostiging|p\s*[x*]\s*q|effort[- ]based|hourly)\b")),
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def financing_form(text: str | None) -> FinancingForm | None:
    """The financing form named or described by ``text``; None when the words say nothing."""
    if not text or not text.strip():
        return None
    folded = " ".join(_fold(text).replace("_", " ").split())
    for form, rx in _WORDS:
        if rx.search(folded):
            return form
    return None


def form_from_unit(code: str | None = None, name: str | None = None) -> FinancingForm | None:
    """The financing form of an iWmo/iJw unit code ("04" = uur) or unit name ("uur", "etmaal")."""
    if code is not None:
        key = str(code).strip()
        if key.isdigit():
            key = key.zfill(2)
        if key in UNIT_CODES:
            return UNIT_CODES[key]
    if name:
        folded = _fold(name).strip()
        if folded in {"minuut", "minuten", "uur", "uren", "etmaal", "etmalen", "dagdeel", "dagdelen", "dag", "dagen", "week",
                      "weken", "sessie", "sessies", "hour", "hours", "minute", "minutes", "day", "days", "session", "sessions"}:
            return FinancingForm.INSPANNINGSGERICHT
        if folded in {"traject", "trajecten", "euro", "euros", "euro's", "resultaat", "trajectory", "result"}:
            return FinancingForm.OUTPUTGERICHT
        return financing_form(name)
    return None
