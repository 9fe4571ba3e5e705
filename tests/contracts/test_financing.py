"""Financing words and iWmo/iJw unit codes map to the three uitvoeringsvarianten."""

from __future__ import annotations

import pytest

from sociaal_audit.contracts.financing import FinancingForm, financing_form, form_from_unit

I, O, T = FinancingForm.INSPANNINGSGERICHT, FinancingForm.OUTPUTGERICHT, FinancingForm.TAAKGERICHT


@pytest.mark.parametrize("text, expected", [
    ("per uur", I), ("Per etmaal", I), ("per dagdeel", I), ("uurtarief € 68,40", I), ("productcode 45A54", I),
    ("Inspanningsgericht", I), ("P x Q", I), ("per uur (productcode 45A54)", I), ("hourly rate", I),
    ("outputgericht", O), ("trajectprijs", O), ("arrangement per cliënt", O), ("resultaatgericht", O), ("per traject", O),
    ("taakgericht", T), ("lumpsum", T), ("lump sum per jaar", T), ("populatiebekostiging", T), ("budget per wijk", T),
    ("Taakgericht (lumpsum)", T), ("subsidie", T), ("trajecttarief", O), ("resultaatfinanciering", O), ("dagtarief", I),
    ("productfinanciering", I), ("P*Q", I),
])
def test_words(text, expected):
    assert financing_form(text) is expected


@pytest.mark.parametrize("text", ["", "   ", "naar draagkracht", "zie bijlage 3"])
def test_words_that_say_nothing(text):
    assert financing_form(text) is None


@pytest.mark.parametrize("code, expected", [("01", I), ("04", I), ("4", I), ("14", I), ("16", I), ("84", I), ("82", O), ("83", O)])
def test_unit_codes(code, expected):
    assert form_from_unit(code) is expected


def test_unit_names_and_unknown_codes():
    assert form_from_unit(None, "etmaal") is I
    assert form_from_unit("99", "uur") is I
    assert form_from_unit(None, "lumpsum per jaar") is T
    assert form_from_unit("99") is None
    assert form_from_unit(None, "stuks") is None  # 82 output or 84 effort: the name alone does not say
    assert form_from_unit(None, "Trajecten") is O
    assert form_from_unit(None, "week") is I
