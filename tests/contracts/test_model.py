"""The contract model: Dutch register values in, typed fields and derived terms out."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from sociaal_audit.contracts.model import Contract, Domain, SupplierType
from sociaal_audit.contracts.parsing import (
    ExtensionOptions, add_months, format_extensions, months_between, parse_amount, parse_bool, parse_date, parse_extensions,
)


@pytest.mark.parametrize("text, expected", [
    ("31-12-2026", date(2026, 12, 31)), ("1-3-2024", date(2024, 3, 1)), ("01/07/2025", date(2025, 7, 1)),
    ("2025-07-01", date(2025, 7, 1)), ("2025-07-01T00:00:00+02:00", date(2025, 7, 1)),
    ("2025-07-01T00:00:00Z", date(2025, 7, 1)), ("1 januari 2025", date(2025, 1, 1)), ("", None), ("n.v.t.", None),
    ("31-12-26", date(2026, 12, 31)), ("45658", date(2025, 1, 1)), ("2025/01/01", date(2025, 1, 1)),
    ("1-jan-2025", date(2025, 1, 1)), ("01-mrt-25", date(2025, 3, 1)), ("1 mrt. 2024", date(2024, 3, 1)),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31-02-2025", "volgend jaar", "2025/13/01"])
def test_bad_dates_say_why(text):
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


@pytest.mark.parametrize("text, expected", [
    ("1.250.000,00", 1_250_000.0), ("€ 1.250.000", 1_250_000.0), ("1,250,000.00", 1_250_000.0), ("1250000", 1_250_000.0),
    ("86.500,50", 86_500.5), ("€ 62.000,-", 62_000.0), ("145000.75", 145_000.75), ("2.000", 2000.0), ("geen", 0.0),
    (1250000, 1_250_000.0), ("", None), ("1,25 mln", 1_250_000.0), ("€ 2,5 miljoen", 2_500_000.0), ("1,5 ton", 150_000.0),
    ("€ 125k", 125_000.0), ("€ 1.250.000 (excl. btw)", 1_250_000.0), ("1.250.000,00 EUR incl. BTW", 1_250_000.0),
])
def test_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["ongeveer een miljoen", "-5.000,00", "1.2.3,4,5", "mln", "€ 1.000.000 per jaar"])
def test_bad_amounts(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize("text, expected", [
    ("2x1 jaar", ExtensionOptions(2, 24)), ("2 x 12 maanden", ExtensionOptions(2, 24)), ("1x2 jaar", ExtensionOptions(1, 24)),
    ("2x6 maanden", ExtensionOptions(2, 12)), ("1 + 1 jaar", ExtensionOptions(2, 24, leading=12)), ("geen", ExtensionOptions(0, 0)),
    ("tweemaal twee jaar", ExtensionOptions(2, 48)), ("twee keer verlengen met een jaar", ExtensionOptions(2, 24)),
    ("1+1+1", ExtensionOptions(3, 36, leading=12)), ("1 jaar + 6 maanden", ExtensionOptions(2, 18, leading=12)),
    ("6 + 6 maanden", ExtensionOptions(2, 12, leading=6)), ("6 maanden + 6", ExtensionOptions(2, 12, leading=6)), ("2x1", ExtensionOptions(2, 24)), ("max. 2 x 1 jr", ExtensionOptions(2, 24)),
    ("verlengen met twaalf maanden, maximaal twee keer", ExtensionOptions(2, 24)),
    ("verlengen met 12 kalendermaanden, maximaal 3 keer", ExtensionOptions(3, 36)), ("1 jaar", ExtensionOptions(1, 12)),
    ("2 times 1 year", ExtensionOptions(2, 24)), ("stilzwijgend met telkens een jaar", ExtensionOptions(0, 0, True)),
])
def test_extensions(text, expected):
    assert parse_extensions(text) == expected


@pytest.mark.parametrize("ext, nl, en", [
    (ExtensionOptions(2, 24), "2x1 jaar", "2x1 year"), (ExtensionOptions(1, 24), "1x2 jaar", "1x2 years"),
    (ExtensionOptions(2, 12), "2x6 maanden", "2x6 months"), (ExtensionOptions(0, 0), "geen", "none"),
    (ExtensionOptions(0, 0, True), "stilzwijgend", "tacit renewal"),
    (ExtensionOptions(2, 15), "2 verlenging(en), samen 15 maanden", "2 extension(s), 15 months in all"), (None, "", ""),
])
def test_extensions_as_a_report_names_them(ext, nl, en):
    assert (format_extensions(ext), format_extensions(ext, "nl"), format_extensions(ext, "en")) == (nl, nl, en)


def test_unreadable_extension_is_an_error():
    with pytest.raises(ValueError, match="extension"):
        parse_extensions("in overleg")


@pytest.mark.parametrize("text, expected", [("ja", True), ("Ja (art. 3.7)", True), ("x", True), ("yes", True),
                                            ("nee", False), ("geen", False), ("No", False), ("", None), ("onbekend", None),
                                            ("Max. 2 verwijzingen (art. 3.7)", True), ("mogelijk, halfjaarlijks", True),
                                            ("halfjaarlijks", True), ("niet mogelijk", False), ("gesloten", False)])
def test_yes_no(text, expected):
    assert parse_bool(text) is expected


def test_month_arithmetic():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert months_between(date(2023, 1, 1), date(2026, 12, 31)) == 48
    assert months_between(date(2024, 7, 1), date(2025, 6, 30)) == 12


def test_possible_term_counts_every_extension():
    c = Contract(id="JH-1", start="01-01-2023", end="31-12-2026", extensions="2x1 jaar")
    assert c.term_years == 4
    assert c.possible_end == date(2028, 12, 31)
    assert c.possible_years == 6


def test_a_sum_that_writes_the_whole_term_counts_only_the_extensions():
    # '2+1+1' on a two-year contract is the usual way to write 'two years, then twice one year'
    c = Contract(id="JH-2", start="01-01-2023", end="31-12-2024", extensions="2+1+1")
    assert c.possible_years == 4 and c.extensions_text == "2x1 jaar"
    # on a one-year contract the first part cannot be its term: three extensions of a year
    c = Contract(id="JH-3", start="01-01-2023", end="31-12-2023", extensions="2+1+1")
    assert c.possible_years == 5
    assert Contract(id="JH-4", start="01-01-2023", end="31-12-2024", extensions="1+1+1").possible_years == 5


def test_maximum_end_date_is_the_ceiling_for_extensions():
    c = Contract(id="W-1", start="01-04-2023", end="31-03-2027", extensions="1x1 jaar", max_end="31-03-2029")
    assert c.possible_end == date(2029, 3, 31)
    assert c.possible_years == 6
    # options beyond the ceiling cannot be taken: four years, not eight
    c = Contract(id="W-2", start="01-01-2024", end="31-12-2025", extensions="2x2 jaar", max_end="31-12-2027")
    assert c.possible_end == date(2027, 12, 31) and c.possible_years == 4


def test_open_ended_contract_runs_indefinitely():
    c = Contract(id="W-2", start="01-01-2024", end="31-12-2025", extensions="stilzwijgend")
    assert c.open_ended and c.possible_years == float("inf")


def test_unknown_term_is_none_not_zero():
    assert Contract(id="W-3", end="31-12-2025").possible_years is None
    assert Contract(id="W-4").possible_end is None


def test_entry_derived_from_procedure_only_when_not_stated():
    assert Contract(id="A", procedure="Open house").entry_open is True
    assert Contract(id="B", procedure="Europese aanbesteding").entry_open is False
    assert Contract(id="C", procedure="Europese aanbesteding", open_entry="ja").entry_open is True
    assert Contract(id="D", procedure="Inbesteding").entry_open is None
    assert Contract(id="E", procedure="Europese aanbesteding met tussentijdse toetreding").entry_open is True
    assert Contract(id="F", procedure="Raamovereenkomst, geen tussentijdse toetreding").entry_open is False
    assert Contract(id="G", procedure="Open house; tussentijdse toetreding niet mogelijk").entry_open is False
    assert Contract(id="H", procedure="Open-house").entry_open is True
    assert Contract(id="I", procedure="Openbare procedure").entry_open is False
    assert Contract(id="J", procedure="Open house (niet-Europees), tussentijdse toetreding mogelijk").entry_open is True
    assert Contract(id="K", procedure="Europese aanbesteding zonder mogelijkheid tot tussentijdse toetreding").entry_open is False


def test_words_become_types():
    c = Contract(id=12, supplier_type="ZZP'er", domain="Jeugdwet", financing="per etmaal", value="€ 1.950.000,00")
    assert c.id == "12"
    assert c.supplier_type is SupplierType.ZZP
    assert c.domain is Domain.JEUGD
    assert c.financing.value == "inspanningsgericht" and c.financing_text == "per etmaal"
    assert c.value == 1_950_000.0
    assert Contract(id="E", supplier_type="Burgerinitiatief").supplier_type is SupplierType.BURGERINITIATIEF


@pytest.mark.parametrize("text, expected", [
    ("Jeugdwet", Domain.JEUGD), ("6.72 Maatwerkdienstverlening 18-", Domain.JEUGD), ("6.71 Maatwerkdienstverlening 18+", Domain.WMO),
    ("6.4 WSW en beschut werk", Domain.PARTICIPATIE), ("Maatschappelijke opvang", Domain.WMO), ("Pleegzorg", Domain.JEUGD),
    ("6.2 Wijkteams", None), ("Sociaal domein (integraal)", None), ("ICT", Domain.OVERIG), ("2.1 Verkeer, wegen en water", Domain.OVERIG), ("Overig", Domain.OVERIG),
])
def test_domain_words_and_taakvelden(text, expected):
    assert Contract(id="A", domain=text).domain is expected


def test_unknown_domain_is_refused():
    with pytest.raises(ValidationError, match="not a domain"):
        Contract(id="A", domain="nog bepalen")


@pytest.mark.parametrize("text, expected", [("3", 3), ("3 fte", 3), ("minimaal 5", 5), ("min. 1,5 fte", 1.5), ("geen", 0)])
def test_minimum_staff(text, expected):
    assert Contract(id="A", min_staff=text).min_staff == expected


@pytest.mark.parametrize("text, expected", [("nee", False), ("alleen met toestemming", False), ("niet toegestaan", False),
                                            ("ja", True), ("toegestaan", True), ("zonder voorafgaande toestemming", True)])
def test_zzp_subcontracting_words(text, expected):
    assert Contract(id="A", zzp_subcontracting=text).zzp_subcontracting is expected


def test_minimum_turnover_may_say_per_year_but_a_value_may_not():
    assert Contract(id="A", min_turnover="€ 500.000 per jaar").min_turnover == 500_000
    with pytest.raises(ValidationError, match="amount"):
        Contract(id="B", value="€ 500.000 per jaar")


def test_end_before_start_is_refused():
    with pytest.raises(ValidationError, match="before start"):
        Contract(id="X", start="01-01-2025", end="31-12-2024")


def test_a_bare_unit_or_unit_code_is_a_financing_form():
    # a 'Tariefeenheid' column holds 'uur', 'etmaal' or a WJ756 code
    assert Contract(id="A", financing="Uur").financing.value == "inspanningsgericht"
    assert Contract(id="B", financing="14").financing.value == "inspanningsgericht"
    assert Contract(id="C", financing="traject").financing.value == "outputgericht"


def test_financing_words_that_name_no_form_are_refused():
    with pytest.raises(ValidationError, match="financing form"):
        Contract(id="X", financing="naar draagkracht")


from hypothesis import given, strategies as st  # noqa: E402


@given(st.integers(min_value=0, max_value=10**12))
def test_dutch_and_english_amounts_round_trip(cents):
    euros, rest = divmod(cents, 100)
    english = f"{euros:,}.{rest:02d}"
    dutch = english.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_amount(dutch) == parse_amount(english) == cents / 100
    assert parse_amount("€ " + dutch) == cents / 100


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=0, max_value=120))
def test_dates_round_trip_and_months_add_up(day, months):
    assert parse_date(day.strftime("%d-%m-%Y")) == parse_date(day.isoformat()) == day
    later = add_months(day, months)
    assert later >= day and (later.year - day.year) * 12 + later.month - day.month == months


@pytest.mark.parametrize("text, expected", [("eenpitter", SupplierType.ZZP), ("Zelfstandig professional", SupplierType.ZZP),
                                            ("GGD Lindewaarde", SupplierType.ORGANISATIE), ("Stichting", SupplierType.ORGANISATIE),
                                            ("B.V.", SupplierType.ORGANISATIE), ("Besloten vennootschap", SupplierType.ORGANISATIE),
                                            ("V.O.F.", SupplierType.ORGANISATIE), ("Eenmanszaak", SupplierType.ZZP)])
def test_supplier_type_words(text, expected):
    assert Contract(id="A", supplier_type=text).supplier_type is expected


def test_unknown_supplier_type_is_refused():
    with pytest.raises(ValidationError, match="supplier type"):
        Contract(id="A", supplier_type="nog uitzoeken")
