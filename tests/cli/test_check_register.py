"""``sociaal-audit check`` on contract registers: the JSON ``contracts`` key, the contracten pack
loaded for registers, exit codes, a bad register beside a good one, directories, both languages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from sociaal_audit.cli import app

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "contracts" / "data"
CSV = str(DATA / "register-lindewaarde.csv")
EXAMPLE = str(ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md")


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--jobs", "1", *args])


def test_json_has_contracts_and_warnings_do_not_block():
    out = check(CSV, "--pack", "contracten", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    (reg,) = data["contracts"]
    assert reg["path"] == CSV and reg["format"] == "csv" and reg["contracts"] == 33
    assert {f["rule"] for f in reg["findings"]} >= {"CON-P09-looptijd", "CON-P26-productfinanciering", "CON-P09-aandeel-meerjarig"}
    assert data["summary"]["failed"] == 61 and data["summary"]["failed_by_severity"]["warning"] == 61
    assert data["documents"] == []


def test_fail_on_warning_exits_1():
    assert check(CSV, "--pack", "contracten", "--fail-on", "warning", "--format", "json").exit_code == 1


def test_default_pack_loads_contracten_for_registers():
    out = check(CSV, EXAMPLE, "--format", "json")
    assert out.exit_code in (0, 1), out.output
    data = json.loads(out.stdout)
    assert [p["id"] for p in data["packs"]] == ["integraliteit", "contracten"]
    assert any(r["id"] == "CON-P09-looptijd" for r in data["rules"])
    assert len(data["documents"]) == 1 and len(data["contracts"]) == 1


def test_output_is_deterministic():
    first = check(CSV, "--pack", "contracten", "--format", "json").stdout
    assert first == check(CSV, "--pack", "contracten", "--format", "json").stdout


def test_bad_register_is_one_line_exit_2_and_the_good_one_goes_on(tmp_path):
    bad = tmp_path / "kapot.xlsx"
    bad.write_text("geen werkmap", encoding="utf-8")
    out = check(str(bad), CSV, "--pack", "contracten", "--format", "json")
    assert out.exit_code == 2
    data = json.loads(out.stdout)
    assert len(data["contracts"]) == 1
    (err,) = data["errors"]
    assert err["path"] == str(bad) and "XLSX" in err["message"] and "\n" not in err["message"]


def test_unreadable_row_is_an_input_error_naming_line(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Einddatum\nA-1;31-12-2025\nA-2;32-12-2025\n", encoding="utf-8")
    out = check(str(path), "--pack", "contracten", "--format", "json")
    assert out.exit_code == 2
    data = json.loads(out.stdout)
    assert data["contracts"][0]["contracts"] == 1
    assert data["errors"][0]["message"] == f"{path}: kan regel 3 niet lezen (Einddatum: '32-12-2025' is geen geldige datum)"


def test_row_problems_are_dutch_in_a_dutch_run(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Ingangsdatum;Einddatum;Verlengingsopties;Bekostiging\n"
                    "A-1;01-01-2026;31-12-2025;geen;per uur\n"
                    "A-2;01-01-2024;31-12-2025;in overleg;per uur\n"
                    ";01-01-2024;31-12-2025;geen;per uur\n"
                    "A-4;01-01-2024;31-12-2025;geen;naar draagkracht\n", encoding="utf-8")
    messages = [e["message"] for e in json.loads(check(str(path), "--pack", "contracten", "--format", "json").stdout)["errors"]]
    assert messages == [
        f"{path}: kan regel 2 niet lezen (einddatum 31-12-2025 ligt voor de ingangsdatum 01-01-2026)",
        f"{path}: kan regel 3 niet lezen (Verlengingsopties: 'in overleg' is geen verlengingsoptie (verwacht bijvoorbeeld '2x1 jaar' of 'geen'))",
        f"{path}: kan regel 4 niet lezen (geen contractnummer)",
        f"{path}: kan regel 5 niet lezen (Bekostiging: 'naar draagkracht' noemt geen bekostigingsvorm "
        "(inspanningsgericht, outputgericht, taakgericht))",
    ]


def test_directory_takes_registers_but_not_yaml(tmp_path):
    shutil.copy(CSV, tmp_path / "register.csv")
    shutil.copy(DATA / "register-lindewaarde-ocds.json", tmp_path / "ocds.json")
    (tmp_path / "sociaal-audit.yaml").write_text("contracten: [{id: A}]\n", encoding="utf-8")
    (tmp_path / "notities.json").write_text('{"notitie": "geen register"}', encoding="utf-8")
    out = check(str(tmp_path), "--format", "json")
    data = json.loads(out.stdout)
    assert [Path(r["path"]).name for r in data["contracts"]] == ["ocds.json", "register.csv"]
    assert data["errors"] == []


def test_text_view_shows_table_and_portfolio_in_both_languages():
    out = check(CSV, "--pack", "contracten")
    assert "Contractregisters" in out.stdout and "Portefeuille" in out.stdout and "JH-2021-001" in out.stdout
    matrix_row = next(line for line in out.stdout.splitlines() if line.startswith("│JH-2022-003"))
    assert matrix_row.count("✗") == 1  # only P26: paid per etmaal
    assert "PW-2024-032" not in out.stdout  # no finding: not in the table
    assert "CON-P09-looptijd (P09) Geen contract dat met verlengingen langer dan vier jaar kan lopen: 15 contracten" in out.stdout
    out = check(CSV, "--pack", "contracten", "--lang", "en")
    assert "Contract registers" in out.stdout and "Portfolio" in out.stdout and "Supplier" in out.stdout
    data = json.loads(check(CSV, "--pack", "contracten", "--lang", "en", "--format", "json").stdout)
    jh1 = next(f for f in data["contracts"][0]["findings"] if f["contract"] == "JH-2021-001" and f["rule"] == "CON-P09-looptijd")
    assert "can run 6 years with its extensions (2x1 year), until 2026-12-31" in jh1["message"]


def test_english_row_problem_names_the_line_in_english(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Einddatum\nA-1;31-12-2025\nA-2;32-12-2025\n", encoding="utf-8")
    data = json.loads(check(str(path), "--pack", "contracten", "--format", "json", "--lang", "en").stdout)
    assert data["errors"][0]["message"] == f"{path}: cannot parse line 3 (Einddatum: '32-12-2025' is not a valid date)"


def test_disabled_register_rules_are_not_loaded_again(tmp_path, monkeypatch):
    shutil.copy(CSV, tmp_path / "register.csv")
    (tmp_path / "sociaal-audit.yaml").write_text(
        "packs: [integraliteit, contracten]\ndisable: [CON-P09, CON-P11, CON-P26, CON-P30, CON-P31]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(check("register.csv", "--format", "json").stdout)
    (reg,) = data["contracts"]
    assert reg["findings"] == [] and reg["tallies"] == [] and reg["figures"]["contracts"] == 33
