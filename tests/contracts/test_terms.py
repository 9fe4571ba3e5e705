"""Registers that give a term ('Looptijd': '4 jaar', '48 maanden', '2+1+1') instead of an end date:
the term is read in every format, the end date and the possible term follow from it, and P09 and
P31 judge those contracts instead of calling them not applicable."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from pydantic import ValidationError

from sociaal_audit.contracts.columns import ColumnMap, header_unit
from sociaal_audit.contracts.model import Contract
from sociaal_audit.contracts.parsing import ContractTerm, ExtensionOptions, parse_term
from sociaal_audit.contracts.readers import contract_from_fields
from sociaal_audit.contracts.runner import check_register, load_register, problem_message
from sociaal_audit.engine import Engine
from sociaal_audit.results import RegisterResult
from sociaal_audit.rules.loader import load_pack
from sociaal_audit.runner import CheckOptions

Y = 12  # months in a year


@pytest.mark.parametrize("text, months, extensions", [
    ("4 jaar", 4 * Y, None), ("48 maanden", 48, None), ("Vier jaar", 4 * Y, None), ("2,5 jaar", 30, None),
    ("1 jaar en 6 maanden", 18, None), ("48 mnd.", 48, None), ("Looptijd: 4 jaar", 4 * Y, None),
    ("2+1+1", 2 * Y, ExtensionOptions(2, 2 * Y)), ("2 + 1 + 1 jaar", 2 * Y, ExtensionOptions(2, 2 * Y)),
    ("24 maanden + 12 + 12", 24, ExtensionOptions(2, 24)), ("3+2", 3 * Y, ExtensionOptions(1, 2 * Y)),
    ("3 jaar met 2x1 jaar verlenging", 3 * Y, ExtensionOptions(2, 2 * Y)),
    ("2 jaar + 2 x 1 jaar", 2 * Y, ExtensionOptions(2, 2 * Y)), ("3 jaar + 1 jaar optie", 3 * Y, ExtensionOptions(1, Y)),
    ("4 jaar met optie tot verlenging van 2 jaar", 4 * Y, ExtensionOptions(1, 2 * Y)),
    ("2 jaar, verlengbaar met 2 x 6 maanden", 2 * Y, ExtensionOptions(2, 12)),
    ("4 jaar met 2 verlengingen van 1 jaar", 4 * Y, ExtensionOptions(2, 2 * Y)),
    ("4 jaar (2+1+1)", 2 * Y, ExtensionOptions(2, 2 * Y)),  # the sum spells out the four years
    ("3 jaar zonder verlenging", 3 * Y, ExtensionOptions(0, 0)), ("4 jaar (excl. verlengingen)", 4 * Y, None),
    ("4 jaar (vast)", 4 * Y, None), ("2 jaar, daarna stilzwijgend telkens een jaar", 2 * Y, ExtensionOptions(0, 0, True)),
    ("onbepaalde tijd", 0, ExtensionOptions(0, 0, True)),
    ("4 years", 4 * Y, None), ("3 years + 2 x 1 year", 3 * Y, ExtensionOptions(2, 2 * Y)),
    ("4 years with two one-year extensions", 4 * Y, ExtensionOptions(2, 2 * Y)),
])
def test_terms_as_registers_write_them(text, months, extensions):
    term = parse_term(text)
    assert (term.months, term.days, term.extensions, term.total) == (months, 0, extensions, False)


def test_terms_in_days_dates_and_totals():
    assert parse_term("1461 dagen") == ContractTerm(days=1461)
    assert parse_term("52 weken") == ContractTerm(days=364)
    assert parse_term("01-01-2023 t/m 31-12-2026") == ContractTerm(start=date(2023, 1, 1), end=date(2026, 12, 31))
    assert parse_term("1 januari 2023 tot en met 31 december 2026").end == date(2026, 12, 31)
    # 'tot' a date on the same day of the month ends the day before: four years, not four years and a day
    assert parse_term("01-01-2023 tot 01-01-2027").end == date(2026, 12, 31)
    assert parse_term("t/m 31-12-2026") == ContractTerm(end=date(2026, 12, 31))
    assert parse_term("2023-2026") == ContractTerm(start=date(2023, 1, 1), end=date(2026, 12, 31))
    assert parse_term(datetime(2026, 12, 31)) == ContractTerm(end=date(2026, 12, 31))
    assert parse_term("4 jaar (2021-2024)") == ContractTerm(48, start=date(2021, 1, 1), end=date(2024, 12, 31))
    assert parse_term("48 maanden (01-01-2023 t/m 31-12-2026)").end == date(2026, 12, 31)
    assert parse_term("6 jaar incl. verlengingen") == ContractTerm(months=6 * Y, total=True)
    assert parse_term("") is None and parse_term("n.v.t.") is None


def test_a_bare_number_needs_a_unit():
    assert parse_term("48", "month") == parse_term(48, "month") == ContractTerm(months=48)
    assert parse_term(2.5, "year") == ContractTerm(months=30)
    for bare in ("4", 4, 48.0):
        with pytest.raises(ValueError) as exc:
            parse_term(bare)
        assert "no unit" in str(exc.value) and "geen eenheid" in exc.value.reason.nl


@pytest.mark.parametrize("text", ["zie contract", "0 jaar", "4 jaar met verlengingsmogelijkheid", "2021 tot 2024", "31-12-2026 t/m 01-01-2023"])
def test_terms_that_cannot_be_read_are_refused(text):
    with pytest.raises(ValueError):
        parse_term(text)


@pytest.mark.parametrize("header, unit", [
    ("Looptijd (maanden)", "month"), ("Looptijd (in jaren)", "year"), ("Duration (months)", "month"),
    ("Looptijd in maanden", "month"), ("Contractduur (jr)", "year"), ("Looptijd", None), ("Duur", None),
])
def test_the_header_names_the_unit(header, unit):
    assert header_unit(header) == unit


def test_term_headers_in_dutch_and_english():
    columns = ColumnMap()
    for header in ("Looptijd", "Duur", "Contractduur", "Looptijd (maanden)", "Term", "Duration (months)",
                   "Looptijd in maanden", "Initiële looptijd", "Looptijd (excl. verlengingen)"):
        assert columns.assign(["Contractnummer", header]) == {0: "id", 1: "term"}, header
    for header in ("Maximale looptijd", "Totale looptijd", "Looptijd incl. verlengingen", "Looptijd (inclusief opties)",
                   "Maximum term"):
        assert columns.assign(["Contractnummer", header]) == {0: "id", 1: "max_term"}, header
    # 'Looptijd tot' stays the end date, 'Einddatum (incl. verlengingen)' is the maximum end date, and
    # a value including the extensions is still the value
    assert columns.assign(["Contractnummer", "Looptijd tot", "Looptijd vanaf"]) == {0: "id", 1: "end", 2: "start"}
    assert columns.assign(["Contractnummer", "Einddatum", "Einddatum (incl. verlengingen)", "Waarde (incl. verlengingen)"]) == {
        0: "id", 1: "end", 2: "max_end", 3: "value"}
    assert columns.assign(["Contractnummer", "Einddatum (inclusief verlengingen)"]) == {0: "id", 1: "max_end"}


def test_the_end_date_follows_from_start_and_term():
    c = Contract(id="JH-2024-009", start="01-01-2024", term="4 jaar", extensions="2x2 jaar")
    assert (c.end, c.possible_end, c.possible_years, c.term_years) == (date(2027, 12, 31), date(2031, 12, 31), 8, 4)
    c = Contract(id="PW-2023-030", start="01-01-2023", term="2+1+1")
    assert (c.end, c.extensions_text, c.possible_end, c.possible_years) == (date(2024, 12, 31), "2x1 jaar", date(2026, 12, 31), 4)
    c = Contract(id="WMO-2023-031", start="01-04-2023", term="1461 dagen", extensions="1x1 jaar")
    assert (c.end, c.possible_end) == (date(2027, 3, 31), date(2028, 3, 31))  # as from the end date 31-03-2027
    c = Contract(id="WMO-2023-032", term="01-01-2023 t/m 31-12-2026", extensions="2x1 jaar")
    assert (c.start, c.end, c.possible_years) == (date(2023, 1, 1), date(2026, 12, 31), 6)
    assert Contract(id="WMO-2023-033", start="01-01-2023", term="onbepaalde tijd").possible_years == float("inf")
    assert Contract(id="WMO-2023-034", term="4 jaar").possible_years is None  # no start: unknown, not a guess


def test_an_end_date_in_the_register_stays_and_the_term_tells_how_much_is_extension():
    # a contract of two years whose two extensions of a year have been taken: the register's end date
    # is already the last possible day, not a new starting point for the same extensions
    c = Contract(id="JH-2021-040", start="01-01-2021", end="31-12-2024", term="2 jaar", extensions="2x1 jaar")
    assert (c.end, c.possible_end, c.possible_years, c.term_years) == (date(2024, 12, 31), date(2024, 12, 31), 4, 2)
    # an end date beyond what the term allows (extended by amendment) counts as it is
    c = Contract(id="JH-2021-041", start="01-01-2021", end="31-12-2026", term="2+1+1")
    assert c.possible_end == date(2026, 12, 31) and c.possible_years == 6
    # an end date before the term is over: the term may already count the extensions ('6 jaar' for
    # four years and 2x1 jaar), so the end date is believed and the extensions are not counted twice
    c = Contract(id="JH-2021-045", start="01-01-2021", end="31-12-2024", term="6 jaar", extensions="2x1 jaar")
    assert (c.possible_end, c.possible_years, c.term_years) == (date(2026, 12, 31), 6, 4)
    # the same options in both columns agree; a sum in the extension column writes the term too
    assert Contract(id="JH-2021-042", start="01-01-2021", term="2+1+1", extensions="2x1 jaar").possible_years == 4
    assert Contract(id="JH-2021-043", start="01-01-2021", term="2 jaar", extensions="2+1+1").possible_years == 4


def test_a_term_that_contradicts_the_extension_column_is_refused():
    with pytest.raises(ValidationError) as exc:
        Contract(id="JH-2021-044", start="01-01-2021", term="2+1+1", extensions="2x2 jaar")
    assert "other extension options" in str(exc.value)


def test_maximum_term_and_a_term_including_extensions():
    c = Contract(id="WMO-2022-050", start="01-01-2022", end="31-12-2025", extensions="2x2 jaar", max_term="6 jaar")
    assert (c.max_end, c.possible_end, c.possible_years) == (date(2027, 12, 31), date(2027, 12, 31), 6)
    c = Contract(id="WMO-2022-051", start="01-01-2022", term="6 jaar incl. verlengingen", extensions="2x1 jaar")
    assert (c.end, c.max_end, c.possible_years) == (None, date(2027, 12, 31), 6)
    assert Contract(id="WMO-2022-052", start="01-01-2022", max_term="2+1+1").possible_years == 4


REGISTER_CSV = (
    "Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Einddatum;Looptijd;Verlengingsopties;Inkoopprocedure;Bekostiging\n"
    "WMO-2024-101;Begeleiding individueel;Stichting Begeleiding Plus;01-01-2024;;4 jaar;2x1 jaar;Europese aanbesteding;per uur\n"
    "WMO-2024-102;Dagbesteding;Zorgboerderij De Hooiberg;01-01-2024;;3 jaar met 2x1 jaar verlenging;;Open house;per dagdeel\n"
    "JH-2024-103;Jeugdhulp ambulant;Stichting Jeugdformaat Lindewaarde;01-01-2024;;2+1+1;;Europese aanbesteding;taakgericht\n"
    "JH-2024-104;Gezinshuizen;Gezinshuis De Esdoorn;01-01-2024;;48 maanden;geen;Meervoudig onderhands;per etmaal\n"
    "PW-2024-105;Jobcoaching;Jobcoach A. Hendriks;01-01-2024;31-12-2025;;1x1 jaar;Open house;per uur\n"
    "WMO-2024-106;Huishoudelijke hulp;Thuiszorg Lindewaarde B.V.;01-01-2024;;vier jaar, verlenging in overleg;;Europese aanbesteding;per uur\n"
)


def _findings(path: str, lang: str = "nl") -> tuple[dict[tuple[str, str], str], RegisterResult]:
    result = check_register(Engine([load_pack("contracten")], lang=lang), path, CheckOptions(lang=lang))
    statuses = {(f.contract, f.rule): f.status for f in result.findings if f.contract}
    return statuses, result


def test_csv_register_with_a_term_column_is_judged_on_p09_and_p31(tmp_path):
    path = tmp_path / "contractregister-2024.csv"
    path.write_text(REGISTER_CSV, encoding="utf-8")
    reg, problems = load_register(str(path))
    by_id = {c.id: c for c in reg.contracts}
    assert {k: by_id[k].possible_years for k in by_id} == {
        "WMO-2024-101": 6, "WMO-2024-102": 5, "JH-2024-103": 4, "JH-2024-104": 4, "PW-2024-105": 3}
    # 'verlenging in overleg' says there are extensions but not how long: unreadable, not guessed
    assert [problem_message(str(path), p, "nl") for p in problems] == [
        f"{path}: kan regel 7 niet lezen (Looptijd: 'vier jaar, verlenging in overleg' is geen looptijd (verwacht bijvoorbeeld "
        "'4 jaar', '48 maanden', '2+1+1' of '3 jaar met 2x1 jaar verlenging'))"]
    statuses, result = _findings(str(path))
    assert {c for (c, rule), s in statuses.items() if rule == "CON-P09-looptijd" and s == "fail"} == {"WMO-2024-101", "WMO-2024-102"}
    # closed procedures over more than two years: the European tenders and the multiple private tender
    assert {c for (c, rule), s in statuses.items() if rule == "CON-P31-tussentijdse-toetreding" and s == "fail"} == {
        "WMO-2024-101", "JH-2024-103", "JH-2024-104"}
    tallies = {t.rule: t for t in result.tallies}
    assert tallies["CON-P09-looptijd"].not_applicable == 0 and tallies["CON-P31-tussentijdse-toetreding"].not_applicable == 0
    message = next(f.message for f in result.findings if f.contract == "WMO-2024-102" and f.rule == "CON-P09-looptijd")
    assert "met verlengingen (2x1 jaar) 5 jaar lopen, tot 31-12-2028" in message


def test_xlsx_term_in_months_as_numbers(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Contracten 2024"
    sheet.append(["Contractnummer", "Leverancier", "Ingangsdatum", "Looptijd (maanden)", "Verlengingsopties", "Inkoopprocedure"])
    sheet.append(["JH-2024-201", "Kompas Jeugdzorg B.V.", datetime(2024, 1, 1), 48, "2x1 jaar", "Europese aanbesteding"])
    sheet.append(["JH-2024-202", "GGZ Lindeborgh B.V.", datetime(2024, 1, 1), "24", "geen", "Open house"])
    sheet.append(["JH-2024-203", "Leescentrum Noord B.V.", datetime(2024, 7, 1), "3 jaar", "1x1 jaar", "Meervoudig onderhands"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    reg, problems = load_register(str(path))
    assert problems == []
    assert [(c.id, c.end, c.possible_years) for c in reg.contracts] == [
        ("JH-2024-201", date(2027, 12, 31), 6), ("JH-2024-202", date(2025, 12, 31), 2), ("JH-2024-203", date(2027, 6, 30), 4)]


def test_a_sum_in_a_column_counted_in_months_is_months(tmp_path):
    # 'Looptijd (maanden)': 24+12+12 is two years and two extensions of a year, not 24 years
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Omschrijving;Ingangsdatum;Looptijd (maanden)\n"
                    "JH-2025-011;Jeugdhulp ambulant;01-01-2025;48\n"
                    "JH-2025-012;Pleegzorg;01-01-2025;24+12+12\n", encoding="utf-8")
    reg, problems = load_register(str(path))
    assert problems == []
    assert [(c.id, c.end, c.extensions_text, c.possible_end) for c in reg.contracts] == [
        ("JH-2025-011", date(2028, 12, 31), "", date(2028, 12, 31)),
        ("JH-2025-012", date(2026, 12, 31), "2x1 jaar", date(2028, 12, 31))]


def test_a_bare_number_without_a_unit_in_the_header_is_an_error_in_the_run_language(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Ingangsdatum;Looptijd\nWMO-2024-301;01-01-2024;4\n", encoding="utf-8")
    _, (problem,) = load_register(str(path))
    assert problem_message(str(path), problem, "nl") == (
        f"{path}: kan regel 2 niet lezen (Looptijd: '4' heeft geen eenheid: schrijf '4 jaar' of '48 maanden', "
        "of zet de eenheid in de kolomkop, bijvoorbeeld 'Looptijd (maanden)')")
    assert problem_message(str(path), problem, "en").startswith(f"{path}: cannot parse line 2 (Looptijd: '4' has no unit:")


def test_yaml_and_json_lists_with_a_term(tmp_path):
    yaml_path = tmp_path / "contracten.yaml"
    yaml_path.write_text("contracten:\n"
                         "  - contractnummer: WMO-2024-401\n    ingangsdatum: 01-01-2024\n    looptijd: 2+1+1\n"
                         "  - contractnummer: WMO-2024-402\n    ingangsdatum: 01-01-2024\n    looptijd_maanden: 60\n"
                         "  - id: WMO-2024-403\n    start: 2024-01-01\n    term: 3 years + 2 x 1 year\n", encoding="utf-8")
    reg, problems = load_register(str(yaml_path))
    assert problems == [] and [c.possible_years for c in reg.contracts] == [4, 5, 5]
    json_path = tmp_path / "contracten.json"
    json_path.write_text(json.dumps([{"Contract ID": "W-1", "Start date": "2024-01-01", "Duration (months)": 36,
                                      "Extension options": "2x1 year"}]), encoding="utf-8")
    reg, problems = load_register(str(json_path))
    assert problems == [] and reg.contracts[0].possible_years == 5


def test_ocds_duration_in_days_gives_the_same_term_as_the_end_date(tmp_path):
    def release(period: dict) -> str:
        return json.dumps({"ocid": "ocds-lw25ab-WMO-2023-022", "tender": {"hasRenewal": True, "renewal": {
            "maximumRenewals": 2, "period": {"durationInDays": 365}}},
            "awards": [{"id": "A", "status": "active", "suppliers": [{"name": "MobiZorg Hulpmiddelen B.V."}]}],
            "contracts": [{"id": "WMO-2023-022", "awardID": "A", "period": period}]})

    path = tmp_path / "ocds.jsonl"
    path.write_text(release({"startDate": "2023-04-01T00:00:00+02:00", "durationInDays": 1461}) + "\n"
                    + release({"startDate": "2023-04-01T00:00:00+02:00", "endDate": "2027-03-31T23:59:59+02:00"}) + "\n",
                    encoding="utf-8")
    reg, problems = load_register(str(path))
    by_duration, by_end = reg.contracts
    assert problems == [] and by_duration.end == by_end.end == date(2027, 3, 31)
    assert by_duration.possible_end == by_end.possible_end == date(2029, 3, 31)


def test_a_term_past_the_calendar_makes_the_row_unreadable_not_the_register(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Ingangsdatum;Einddatum;Looptijd;Verlengingsopties\n"
                    "WMO-2024-501;01-01-2024;;9000 jaar;\n"
                    "WMO-2024-502;01-01-2024;31-12-9999;;2x1 jaar\n"
                    "WMO-2024-503;01-01-2024;31-12-2025;;99999999 x 1 jaar\n"
                    "WMO-2024-504;01-01-2024;;4 jaar;2x1 jaar\n", encoding="utf-8")
    reg, problems = load_register(str(path))
    assert [c.id for c in reg.contracts] == ["WMO-2024-504"]
    assert [(p.source, p.message.text("nl")) for p in problems] == [
        (f"regel {n}", "de looptijd en verlengingsopties lopen voorbij het jaar 9999") for n in (2, 3, 4)]


from hypothesis import given, settings, strategies as st  # noqa: E402

TERM_WORDS = st.sampled_from(["4", "48", "jaar", "maanden", "dagen", "+", "x", "met", "verlenging", "t/m", "01-01-2023",
                              "31-12-2026", "(", ")", ",", "incl.", "onbepaalde tijd", "2023-2026", "9999999", "0", "een"])


@settings(max_examples=300, deadline=None)
@given(st.lists(TERM_WORDS, min_size=1, max_size=7), st.sampled_from([None, "year", "month"]))
def test_any_term_text_is_read_or_refused_with_a_reason(words, unit):
    text = " ".join(words)
    try:
        parse_term(text, unit)
    except ValueError as exc:
        assert exc.reason.nl and str(exc.reason)  # a ReadError, worded in both languages
    row = contract_from_fields({"id": "JH-1", "start": "01-01-2024", "term": text}, "regel 2", {"term": "Looptijd"})
    assert isinstance(row, Contract) or row.message.nl


def test_a_maximum_term_column_saying_not_applicable_is_no_maximum(tmp_path):
    """'n.v.t.' under 'Maximale looptijd' leaves the maximum open; it does not make the register unreadable."""
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Ingangsdatum;Einddatum;Maximale looptijd\n"
                    "A-1;01-01-2024;31-12-2025;n.v.t.\nA-2;01-01-2024;31-12-2025;4 jaar\n", encoding="utf-8")
    register, problems = load_register(str(path))
    contracts = list(register.contracts)
    assert not problems and [c.id for c in contracts] == ["A-1", "A-2"]
    assert contracts[0].max_end is None and contracts[1].max_end == date(2027, 12, 31)
