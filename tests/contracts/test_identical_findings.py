"""One register of 33 contracts as CSV, XLSX, an OCDS release package and OCDS JSON Lines gives the
same findings per contract; the findings themselves are checked against the register's facts. Five
contracts have a term instead of an end date ('Looptijd'; in OCDS ``durationInDays``)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from sociaal_audit.contracts.model import Contract
from sociaal_audit.contracts.runner import check_register, load_register
from sociaal_audit.engine import Engine
from sociaal_audit.rules.loader import load_pack
from sociaal_audit.runner import CheckOptions

DATA = Path(__file__).resolve().parent / "data"
FILES = {
    "csv": DATA / "register-lindewaarde.csv",
    "xlsx": DATA / "register-lindewaarde.xlsx",
    "ocds": DATA / "register-lindewaarde-ocds.json",
    "jsonl": DATA / "register-lindewaarde-ocds.jsonl",
}


def _generator():
    spec = importlib.util.spec_from_file_location("make_register", DATA / "make_register.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def results():
    engine = Engine([load_pack("contracten")], lang="nl")
    return {name: check_register(engine, str(path), CheckOptions()) for name, path in FILES.items()}


def findings(result) -> set[tuple]:
    return {(f.contract, f.rule, f.status, f.severity, f.values.get("years"), f.values.get("value")) for f in result.findings}


def test_committed_files_are_generated_from_the_source_table(tmp_path):
    gen = _generator()
    assert len(gen.ROWS) >= 30
    assert FILES["csv"].read_bytes() == gen.csv_text().encode("utf-8")
    assert FILES["ocds"].read_text(encoding="utf-8") == gen.package_text()
    assert FILES["jsonl"].read_text(encoding="utf-8") == gen.lines_text()
    from openpyxl import load_workbook  # the workbook's bytes vary with openpyxl's version: compare cells

    gen.write_xlsx(tmp_path / "fresh.xlsx")
    cells = []
    for path in (FILES["xlsx"], tmp_path / "fresh.xlsx"):
        book = load_workbook(path, read_only=True)
        cells.append([list(row) for row in book.active.iter_rows(values_only=True)])
        book.close()
    assert cells[0] == cells[1] and len(cells[0]) == 3 + len(gen.ROWS)


def test_contracts_given_a_term_get_the_dates_their_end_date_would_give():
    gen = _generator()
    header = FILES["csv"].read_text(encoding="utf-8").splitlines()[0].split(";")
    rows = {line.split(";")[0]: line.split(";") for line in FILES["csv"].read_text(encoding="utf-8").splitlines()[1:]}
    assert len(gen.TERMS) >= 5
    for cid, (term, _) in gen.TERMS.items():  # the register gives the term, not the end date
        assert rows[cid][header.index("Looptijd")] == term and rows[cid][header.index("Einddatum")] == ""
    facts = {row[0]: Contract(id=row[0], start=row[5], end=row[6], extensions=row[7], max_end=row[8] or None)
             for row in gen.ROWS if row[0] in gen.TERMS}
    for name, path in FILES.items():
        register, _ = load_register(str(path))
        read = {c.id: c for c in register.contracts if c.id in facts}
        assert {cid: (c.start, c.end, c.possible_end, c.extensions_text) for cid, c in read.items()} == {
            cid: (c.start, c.end, c.possible_end, c.extensions_text) for cid, c in facts.items()}, name


def test_every_format_reads_every_contract(results):
    for name, result in results.items():
        assert result.contracts == 33, name
        assert result.unreadable == 0 and result.problems == [], name
    assert {r.format for r in results.values()} == {"csv", "xlsx", "ocds"}


@pytest.mark.parametrize("name", ["xlsx", "ocds", "jsonl"])
def test_findings_identical_to_csv(results, name):
    assert findings(results[name]) == findings(results["csv"])
    assert [t.model_dump() for t in results[name].tallies] == [t.model_dump() for t in results["csv"].tallies]
    assert results[name].figures == results["csv"].figures


def fails(result, rule: str) -> set[str]:
    return {f.contract for f in result.findings if f.rule == rule and f.status == "fail"}


def test_long_contracts_fail_p09(results):
    assert fails(results["csv"], "CON-P09-looptijd") == {
        "JH-2021-001", "JH-2021-002", "JH-2022-005", "JH-2024-009", "JH-2024-011", "WMO-2020-013", "WMO-2020-014",
        "WMO-2022-015", "WMO-2022-016", "WMO-2023-019", "WMO-2023-022", "WMO-2023-023", "WMO-2024-024",
        "PW-2021-028", "PW-2022-029",
    }
    jh1 = next(f for f in results["csv"].findings if f.contract == "JH-2021-001" and f.rule == "CON-P09-looptijd")
    assert jh1.values["years"] == "6" and jh1.values["possible_end"] == "31-12-2026"
    assert "2x1 jaar" in jh1.message and jh1.supplier == "Stichting Jeugdformaat Lindewaarde" and jh1.source == "regel 2"


def test_per_hour_and_per_etmaal_fail_p26(results):
    hit = fails(results["csv"], "CON-P26-productfinanciering")
    assert len(hit) == 16
    assert {"JH-2021-001", "WMO-2024-025", "JH-2022-004"} <= hit
    assert not hit & {"JH-2025-033", "WMO-2024-024", "JH-2022-005"}  # taakgericht, populatie, trajectprijs


def test_referral_clause_only_where_the_register_says_no(results):
    assert fails(results["csv"], "CON-P11-verwijsclausule") == {"JH-2021-001", "JH-2021-002", "JH-2023-008", "WMO-2020-013", "WMO-2023-019"}
    tally = next(t for t in results["csv"].tallies if t.rule == "CON-P11-verwijsclausule")
    assert tally.not_applicable == 9  # clause unknown (4 contracts) or participatie (5)


def test_zzp_thresholds(results):
    hit = fails(results["csv"], "CON-P30-drempels-zzp")
    assert "JH-2025-033" not in hit  # 100.000 and 1 person: a zzp'er can meet that
    assert {"JH-2021-001", "JH-2023-008", "WMO-2023-023"} <= hit
    zzp = {f.contract for f in results["csv"].findings if f.supplier in ("Coaching M. Yılmaz", "J. Bakker Jeugdcoaching")
           and f.rule == "CON-P30-drempels-zzp"}
    assert zzp == set()


def test_closed_procedures_fail_p31_unless_short(results):
    hit = fails(results["csv"], "CON-P31-tussentijdse-toetreding")
    assert "PW-2024-032" not in hit  # closed, but two years
    assert "WMO-2024-026" not in hit  # dynamisch aankoopsysteem
    assert {"JH-2023-006", "WMO-2024-024", "PW-2021-028"} <= hit


def test_portfolio_figures_and_register_rules(results):
    res = results["csv"]
    f = res.figures
    assert f.contracts == 33 and f.with_value == 33
    assert f.value_total == 143_940_500.0
    assert f.count_by_supplier_type == {"burgerinitiatief": 5, "organisatie": 22, "zzp": 6}
    assert f.longest_years == 10
    register = {x.rule: x for x in res.findings if x.contract is None}
    assert register["CON-P09-aandeel-meerjarig"].status == "fail"
    assert register["CON-P09-aandeel-meerjarig"].values["value_share_raw"] == 83.71
    assert register["CON-P26-aandeel-productfinanciering"].status == "fail"
    assert register["CON-P26-aandeel-productfinanciering"].values["value_share_raw"] == 51.9
    assert Counter(x.status for x in res.findings if x.contract is not None) == {"fail": 59}
