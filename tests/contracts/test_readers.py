"""Register readers: CSV dialects and encodings, XLSX, YAML/JSON lists, OCDS packages and JSON Lines;
bad rows name the line and column, bad files raise one InputError naming the file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sociaal_audit.contracts.columns import ColumnMap, column_map_for, load_column_map
from sociaal_audit.contracts.runner import is_register_path, load_register, split_registers
from sociaal_audit.errors import InputError

DATA = Path(__file__).resolve().parent / "data"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_comma_csv_with_english_headers(tmp_path):
    path = write(tmp_path, "register.csv",
                 "Contract ID,Title,Supplier,Start date,End date,Extension options,Contract value,Financing\n"
                 'W-1,Household help,Clean Home Ltd,2024-01-01,2027-12-31,2x1 year,"1,250,000.00",per hour\n')
    reg, problems = load_register(path)
    assert problems == []
    (c,) = reg.contracts
    assert (c.id, c.supplier, c.value, c.possible_years, c.financing.value) == ("W-1", "Clean Home Ltd", 1_250_000.0, 6, "inspanningsgericht")
    assert c.source == "regel 2"


def test_windows_1252_csv_with_title_rows_above_the_table(tmp_path):
    text = ("Contractregister gemeente Lindewaarde;;;\n;;;\n"
            "Contractnummer;Leverancier;Einddatum;Waarde\n"
            "JH-7;Zorgcoöperatie Één;31-12-2025;€ 86.500,00\n")
    reg, problems = load_register(write(tmp_path, "register.csv", text, "cp1252"))
    assert problems == []
    assert reg.contracts[0].supplier == "Zorgcoöperatie Één"
    assert reg.contracts[0].end == date(2025, 12, 31)
    assert reg.contracts[0].source == "regel 4"


def test_a_bad_row_names_line_and_column_and_the_others_go_on(tmp_path):
    text = ("Contractnummer;Ingangsdatum;Einddatum;Contractwaarde\n"
            "A-1;01-01-2024;31-12-2025;100.000,00\n"
            "A-2;01-01-2024;31-02-2025;100.000,00\n"
            ";;;\n"
            ";01-01-2024;31-12-2025;5,00\n"
            "A-3;01-01-2024;31-12-2025;ongeveer een ton\n"
            "A-4;01-01-2024;31-12-2026;200.000,00\n")
    reg, problems = load_register(write(tmp_path, "r.csv", text))
    assert [c.id for c in reg.contracts] == ["A-1", "A-4"]
    assert [(p.source, p.message.split(":")[0]) for p in problems] == [
        ("regel 3", "Einddatum"), ("regel 5", "no contract number"), ("regel 6", "Contractwaarde")]
    assert "31-02-2025" in problems[0].message


def test_csv_without_a_contract_number_column_is_an_input_error(tmp_path):
    path = write(tmp_path, "notes.csv", "naam;adres\nPiet;Dorpsstraat 1\n")
    with pytest.raises(InputError) as exc:
        load_register(path)
    message = exc.value.message("en")
    assert message.startswith(path) and "contract number" in message and "\n" not in message


def test_column_map_beside_the_register(tmp_path):
    write(tmp_path, "inkoop.csv", "Dossier;Partij;Looptijd tot\nK-1;Stichting Noord;31-12-2026\n")
    with pytest.raises(InputError):
        load_register(str(tmp_path / "inkoop.csv"))
    write(tmp_path, "inkoop.kolommen.yaml", "id: Dossier\nsupplier: [Partij, Contractpartij]\n")
    reg, _ = load_register(str(tmp_path / "inkoop.csv"))
    assert reg.contracts[0].supplier == "Stichting Noord"
    assert reg.contracts[0].end == date(2026, 12, 31)


def test_a_map_beside_the_register_wins_over_the_configured_one_which_is_read_once(tmp_path):
    configured = write(tmp_path, "project-kolommen.yaml", "id: Dossier\n")
    (tmp_path / "noord").mkdir()
    (tmp_path / "zuid").mkdir()
    noord = write(tmp_path, "noord/inkoop.csv", "Dossier;Partij\n")
    zuid = write(tmp_path, "zuid/inkoop.csv", "Zaaknummer;Partij\n")
    write(tmp_path, "zuid/kolommen.yaml", "id: Zaaknummer\n")
    headers = ["Dossier", "Zaaknummer", "Leverancier"]
    assert column_map_for(noord, configured).assign(headers) == {0: "id", 2: "supplier"}
    assert column_map_for(zuid, configured).assign(headers) == {1: "id", 2: "supplier"}
    assert column_map_for(noord, configured) is column_map_for(noord, configured)  # one map for every register
    write(tmp_path, "project-kolommen.yaml", "id: [Zaaknummer, Dossier]\n")  # changed: read again
    assert column_map_for(noord, configured).assign(headers) == {1: "id", 2: "supplier"}
    assert column_map_for(noord).assign(headers) == {2: "supplier"}


def test_column_map_refuses_unknown_fields(tmp_path):
    path = write(tmp_path, "k.yaml", "leverancier_naam: Partij\n")
    with pytest.raises(ValueError, match="unknown field 'leverancier_naam'"):
        load_column_map(path)
    assert ColumnMap().assign(["Contract ID", "Waarde (EUR)", "EINDDATUM"]) == {0: "id", 1: "value", 2: "end"}


def test_xlsx_reads_native_dates_and_numbers():
    reg, problems = load_register(str(DATA / "register-lindewaarde.xlsx"))
    assert problems == [] and len(reg.contracts) == 33
    first = reg.contracts[0]
    assert first.start == date(2021, 1, 1) and first.value == 12_400_000.0
    assert first.source == "Contractregister rij 4"


def test_a_file_that_is_not_a_workbook(tmp_path):
    path = write(tmp_path, "register.xlsx", "Contractnummer;Einddatum\n")
    with pytest.raises(InputError) as exc:
        load_register(path)
    assert "XLSX" in exc.value.message("en") and path in exc.value.message("en")


def test_yaml_and_json_lists(tmp_path):
    yaml_path = write(tmp_path, "contracten.yaml",
                      "contracten:\n  - contractnummer: JH-1\n    einddatum: 31-12-2027\n    bekostiging: lumpsum\n"
                      "  - id: JH-2\n    end: 2026-12-31\n")
    reg, problems = load_register(yaml_path)
    assert [c.id for c in reg.contracts] == ["JH-1", "JH-2"] and problems == []
    assert reg.contracts[0].financing.value == "taakgericht"
    json_path = write(tmp_path, "contracten.json", json.dumps([{"id": "A", "waarde": "1.000,00"}, {"id": "B", "kleur": "rood"}]))
    reg, problems = load_register(json_path)
    assert [c.id for c in reg.contracts] == ["A"]
    assert problems[0].source == "contract 2" and "kleur" in problems[0].message


def test_ocds_record_package_uses_compiled_release(tmp_path):
    release = {"ocid": "ocds-x-1", "id": "1", "date": "2024-01-01", "tag": ["contract"],
               "tender": {"title": "Begeleiding", "contractPeriod": {"startDate": "2024-01-01T00:00:00Z", "durationInDays": 731},
                          "hasRenewal": True, "renewal": {"maximumRenewals": 2, "period": {"durationInDays": 365}},
                          "items": [{"id": "1", "unit": {"scheme": "WJ756", "id": "04", "name": "uur"}}],
                          "selectionCriteria": {"criteria": [{"type": "economic", "description": "Minimale omzet", "minimum": "250000"}]}},
               "awards": [{"id": "A1", "suppliers": [{"id": "S1", "name": "Zorg Noord"}], "value": {"amount": 500000, "currency": "EUR"}}]}
    path = write(tmp_path, "records.json", json.dumps({"uri": "x", "records": [{"ocid": "ocds-x-1", "releases": [], "compiledRelease": release}]}))
    reg, problems = load_register(path)
    assert problems == [] and reg.format == "ocds"
    (c,) = reg.contracts
    assert (c.id, c.supplier, c.value, c.min_turnover) == ("A1", "Zorg Noord", 500000.0, 250000.0)
    assert c.end == date(2025, 12, 31) and c.possible_years == 4
    assert c.financing.value == "inspanningsgericht"


def test_ocds_tender_only_release_is_no_contract(tmp_path):
    path = write(tmp_path, "tender.jsonl", json.dumps({"ocid": "ocds-x-2", "tender": {"title": "Nog in aanbesteding"}}) + "\n")
    reg, problems = load_register(path)
    assert reg.contracts == [] and problems == []


def test_json_lines_bad_line_is_a_row_problem(tmp_path):
    good = json.dumps({"ocid": "o-1", "contracts": [{"id": "C-1", "period": {"startDate": "2024-01-01", "endDate": "2024-12-31"}}]})
    path = write(tmp_path, "x.jsonl", good + "\n{niet af\n\n" + good.replace("C-1", "C-2") + "\n")
    reg, problems = load_register(path)
    assert [c.id for c in reg.contracts] == ["C-1", "C-2"]
    assert problems[0].source == "regel 2" and "JSON" in problems[0].message


def test_truncated_release_package_is_an_input_error(tmp_path):
    text = (DATA / "register-lindewaarde-ocds.json").read_text(encoding="utf-8")
    path = write(tmp_path, "afgebroken.json", text[: len(text) // 2])
    with pytest.raises(InputError) as exc:
        list(load_register(path)[0].contracts)
    assert "OCDS" in exc.value.message("en")


def test_json_without_releases_is_an_input_error(tmp_path):
    path = write(tmp_path, "pakket.json", json.dumps({"uri": "x", "publisher": {"name": "y"}}, indent=1))
    with pytest.raises(InputError) as exc:
        load_register(path)
    assert exc.value.message("en") == f"{path}: not a contract list (expected a list of contracts, 'contracten:' " \
        "with a list, or an OCDS release package or record package)"
    assert exc.value.message("nl").startswith(f"{path}: geen contractenlijst (verwacht een lijst met contracten")


@pytest.mark.parametrize("content, fragment", [
    ("contracten:\n  - id: A-1\n    start: 2024-01-01\n   end: [kapot\n", "kan YAML niet lezen"),
    ("id: eigen\ntitle: Eigen regels\nrules: []\n", "geen contractenlijst"),
])
def test_a_yaml_file_named_on_the_command_line_is_a_register_or_an_error(tmp_path, content, fragment):
    """Never read as the text of a document: a broken or unsuitable YAML file is one input error."""
    from sociaal_audit.contracts.runner import is_register_path

    path = write(tmp_path, "contracten.yaml", content)
    assert is_register_path(path, explicit=True)
    assert not is_register_path(path, explicit=False)  # in a directory: configuration, left alone
    with pytest.raises(InputError) as exc:
        list(load_register(path)[0].contracts)
    assert fragment in exc.value.message("nl")


def test_which_files_are_registers(tmp_path):
    (tmp_path / "map").mkdir()
    for name, text in [("map/a.csv", "x"), ("map/b.json", '{"releases": []}'), ("map/c.json", '{"naam": 1}'),
                       ("map/register-ocds.json", "{}"), ("map/pakket.yaml", "contracten: [{id: A}]"), ("map/d.md", "# x")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    docs, regs = split_registers([str(tmp_path / "map")], [str(tmp_path / "map/d.md")])
    assert docs == [str(tmp_path / "map/d.md")]
    assert [Path(r).name for r in regs] == ["a.csv", "b.json", "register-ocds.json"]
    assert is_register_path(str(tmp_path / "map/pakket.yaml"), explicit=True)
    assert not is_register_path(str(tmp_path / "map/pakket.yaml"), explicit=False)
    assert is_register_path(str(tmp_path / "map/c.json"), explicit=True)


def test_xlsx_zip_bomb_is_refused(tmp_path, monkeypatch):
    from sociaal_audit.contracts.readers import xlsx_register

    monkeypatch.setattr(xlsx_register, "MAX_UNPACKED", 1000)
    with pytest.raises(InputError) as exc:
        load_register(str(DATA / "register-lindewaarde.xlsx"))
    assert exc.value.code == "zip_too_large"


def test_ocds_cancelled_contracts_bare_ids_and_foreign_currency(tmp_path):
    period = {"startDate": "2024-01-01", "endDate": "2025-12-31"}
    release = {"ocid": "ocds-abc-77", "awards": [{"id": "1", "suppliers": [{"name": "Zorg Zuid"}]}],
               "contracts": [{"id": "1", "awardID": "1", "period": period, "value": {"amount": 100, "currency": "EUR"}},
                             {"id": "2", "awardID": "1", "status": "cancelled", "period": period},
                             {"id": "LW-2024-3", "awardID": "1", "period": period, "value": {"amount": 100, "currency": "USD"}}]}
    reg, problems = load_register(write(tmp_path, "x.jsonl", json.dumps(release) + "\n"))
    assert problems == []
    assert [(c.id, c.supplier, c.value) for c in reg.contracts] == [("ocds-abc-77/1", "Zorg Zuid", 100.0), ("LW-2024-3", "Zorg Zuid", None)]


def test_binary_file_named_csv_is_refused(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary\x00data")
    with pytest.raises(InputError) as exc:
        load_register(str(path))
    assert exc.value.code == "binary_file"


def test_csv_field_beyond_the_csv_limit_is_an_input_error(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Omschrijving\nA-1;\"" + "x" * 200_000 + "\"\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_register(str(path))
    assert "CSV" in exc.value.message("en")


def test_empty_register_file(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError) as exc:
        load_register(str(path))
    assert exc.value.code == "empty_file"


def test_messy_excel_export_with_totals_and_notes(tmp_path):
    # Excel's "CSV UTF-8": a BOM, a title row with commas, headers in capitals and odd spacing, empty
    # rows, a totals row and a note under the table; values as people type them
    text = ("\ufeffContractregister sociaal domein, gemeente Lindewaarde, peildatum 1-1-2025;;;;;;\n"
            ";;;;;;\n"
            "  CONTRACTNUMMER ;Leverancier ;Ingangs datum;Eind-datum;Verlengingsopties;Waarde (EUR);Tariefeenheid\n"
            "JH-2023-001;Stichting Jeugdformaat;1 januari 2023;2024-12-31;tweemaal twee jaar;€ 1.250.000;Uur\n"
            ";;;;;;\n"
            "WMO-2024-002;Logeerhuis De Linde;45292;31-12-2025;1+1;1,25 mln;lumpsum\n"
            "PW-2024-003;Jobcoach A. Hendriks;01-01-2024;31-12-2024;geen;\"62.000,-\";04\n"
            ";;;;;;\n"
            "Totaal;;;;;\"2.562.000,00\";\n"
            "Bron: inkoopadministratie, bewerkt door team Inkoop.;;;;;;\n")
    reg, problems = load_register(write(tmp_path, "register.csv", text))
    assert problems == []
    assert [c.id for c in reg.contracts] == ["JH-2023-001", "WMO-2024-002", "PW-2024-003"]
    jh, wmo, pw = reg.contracts
    assert (jh.start, jh.possible_years, jh.value, jh.financing.value) == (date(2023, 1, 1), 6, 1_250_000.0, "inspanningsgericht")
    assert (wmo.start, wmo.value, wmo.possible_years) == (date(2024, 1, 1), 1_250_000.0, 4)
    assert (pw.value, pw.financing.value, pw.source) == (62_000.0, "inspanningsgericht", "regel 7")
    assert sum(c.value for c in reg.contracts) == 2_562_000.0  # the totals row is not counted twice


def test_a_row_without_number_but_with_facts_is_still_a_problem(tmp_path):
    text = ("Contractnummer;Omschrijving;Einddatum;Waarde\n"
            "A-1;Begeleiding;31-12-2025;100.000\n"
            ";Totaal ontzorgen;31-12-2026;50.000\n"
            "A-2;Totaal ontzorgen;31-12-2026;50.000\n")
    reg, problems = load_register(write(tmp_path, "r.csv", text))
    assert [c.id for c in reg.contracts] == ["A-1", "A-2"]  # a title that starts with 'Totaal' is a contract
    assert [(p.source, p.message) for p in problems] == [("regel 3", "no contract number")]


def test_utf16_tab_separated_export(tmp_path):
    text = "Contractnummer\tLeverancier\tEinddatum\nJH-1\tZorgcoöperatie Één\t31-12-2025\n"
    reg, problems = load_register(write(tmp_path, "register.csv", text, "utf-16"))
    assert problems == [] and reg.contracts[0].supplier == "Zorgcoöperatie Één"


def test_ocds_maximum_extent_only_on_the_tender_period(tmp_path):
    release = {"ocid": "ocds-x-3", "id": "3", "date": "2024-01-01", "tag": ["contract"],
               "tender": {"title": "Beschermd wonen", "contractPeriod": {"maxExtentDate": "2031-12-31T23:59:59+01:00"}},
               "awards": [{"id": "A3", "status": "active", "suppliers": [{"id": "S", "name": "Kwadrant Wonen"}]}],
               "contracts": [{"id": "BW-2024-1", "awardID": "A3", "status": "active",
                              "period": {"startDate": "2024-01-01T00:00:00+01:00", "endDate": "2027-12-31T23:59:59+01:00"}}]}
    reg, problems = load_register(write(tmp_path, "bw.jsonl", json.dumps(release) + "\n"))
    (c,) = reg.contracts
    assert problems == [] and c.end == date(2027, 12, 31) and c.max_end == date(2031, 12, 31) and c.possible_years == 8


def test_ocds_record_without_compiled_release_is_a_row_problem(tmp_path):
    record = {"ocid": "ocds-x-4", "releases": [{"url": "https://example.invalid/r/1.json", "date": "2024-01-01", "tag": ["tender"]}]}
    reg, problems = load_register(write(tmp_path, "records.json", json.dumps({"uri": "x", "records": [record]})))
    assert reg.contracts == []
    assert [p.source for p in problems] == ["record 1"] and "compiledRelease" in problems[0].message


def test_ocds_uncefact_hour_unit_is_effort_based(tmp_path):
    release = {"ocid": "ocds-x-5", "id": "5", "date": "2024-01-01", "tag": ["award"],
               "tender": {"items": [{"id": "1", "unit": {"scheme": "UNCEFACT", "id": "HUR"}}]},
               "awards": [{"id": "WMO-5", "status": "active", "suppliers": [{"id": "S", "name": "Begeleiding Plus"}]}]}
    reg, problems = load_register(write(tmp_path, "u.jsonl", json.dumps(release) + "\n"))
    assert problems == [] and reg.contracts[0].financing.value == "inspanningsgericht"


def test_gzip_compressed_ocds_streams_like_the_plain_file(tmp_path):
    import gzip

    for name in ("register-lindewaarde-ocds.jsonl", "register-lindewaarde-ocds.json"):
        packed = tmp_path / (name + ".gz")
        packed.write_bytes(gzip.compress((DATA / name).read_bytes()))
        assert is_register_path(str(packed), explicit=False)
        reg, problems = load_register(str(packed))
        plain, _ = load_register(str(DATA / name))
        assert problems == [] and reg.format == "ocds" and reg.contracts == plain.contracts
    broken = tmp_path / "kapot.jsonl.gz"
    broken.write_bytes(gzip.compress((DATA / "register-lindewaarde-ocds.jsonl").read_bytes())[:500])
    with pytest.raises(InputError, match="gzip"):
        load_register(str(broken))
