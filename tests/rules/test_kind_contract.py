"""The register rule kinds `contract` and `portfolio`: each test's pass, fail and not-applicable
cases, their parameters, and the contracten pack's own examples."""

from __future__ import annotations

import pytest

from sociaal_audit.contracts.model import Contract, Register
from sociaal_audit.engine import Engine
from sociaal_audit.errors import PackError
from sociaal_audit.rules.loader import load_pack, pack_from_data
from sociaal_audit.rules.testing import test_packs as run_pack_examples


def rule(kind: str = "contract", **params):
    data = {
        "id": "test", "title": "Test", "version": "1",
        "rules": [{
            "id": "T-P09-test", "title": "t", "principles": ["P09"], "theme": "inkoop", "kind": kind,
            "message": "{{ id }} faalt: {{ years }}", "rationale": "r", "source": {"seed": "s", "section": "x"}, **params,
        }],
    }
    return pack_from_data(data, "test.yaml")


def statuses(pack, *contracts: Contract, lang: str = "nl") -> tuple[list[str], object]:
    engine = Engine([pack], lang=lang)
    result = engine.check_register(Register(path="r.csv", format="csv", contracts=list(contracts)))
    per = {f.contract: f.status for f in result.findings}
    return [per.get(c.id, "ok") for c in contracts], result


def test_duration_counts_extensions_and_max_years_is_a_parameter():
    four = Contract(id="A", start="01-01-2024", end="31-12-2027", extensions="geen")
    six = Contract(id="B", start="01-01-2024", end="31-12-2027", extensions="2x1 jaar")
    unknown = Contract(id="C", end="31-12-2027")
    got, result = statuses(rule(test="duration", max_years=4), four, six, unknown)
    assert got == ["ok", "fail", "ok"]
    assert result.tallies[0].model_dump() == {"rule": "T-P09-test", "severity": "warning", "passed": 1, "failed": 1, "not_applicable": 1, "errors": 0}
    assert result.findings[0].message == "B faalt: 6"
    got, _ = statuses(rule(test="duration", max_years=6), four, six)
    assert got == ["ok", "ok"]


def test_english_messages_format_numbers_in_english():
    c = Contract(id="B", start="01-01-2024", end="30-06-2028", extensions="geen")
    _, result = statuses(rule(test="duration", max_years=4), c, lang="en")
    assert result.findings[0].message == "B faalt: 4.5"


def test_financing_forms_are_configurable():
    hour = Contract(id="A", financing="per uur")
    traject = Contract(id="B", financing="trajectprijs")
    lump = Contract(id="C", financing="lumpsum")
    assert statuses(rule(test="financing"), hour, traject, lump)[0] == ["fail", "ok", "ok"]
    assert statuses(rule(test="financing", forms=["inspanningsgericht", "outputgericht"]), hour, traject, lump)[0] == ["fail", "fail", "ok"]


def test_referral_clause_and_domain_filter():
    yes = Contract(id="A", referral_clause="ja", domain="jeugd")
    no = Contract(id="B", referral_clause="nee", domain="wmo")
    no_work = Contract(id="C", referral_clause="nee", domain="participatie")
    unknown = Contract(id="D", domain="jeugd")
    got, result = statuses(rule(test="referral_clause", domains=["wmo", "jeugd"]), yes, no, no_work, unknown)
    assert got == ["ok", "fail", "ok", "ok"]
    assert result.tallies[0].not_applicable == 2


def test_entry_thresholds():
    zzp_ok = Contract(id="A", min_turnover="geen", min_staff=1)
    turnover = Contract(id="B", min_turnover="250.000,00")
    staff = Contract(id="C", min_staff="3 fte")
    subcontract = Contract(id="D", zzp_subcontracting="nee")
    unknown = Contract(id="E")
    got, result = statuses(rule(test="entry_threshold"), zzp_ok, turnover, staff, subcontract, unknown)
    assert got == ["ok", "fail", "fail", "fail", "ok"]
    values = {f.contract: f.values for f in result.findings}
    assert values["B"]["turnover"] is True and values["B"]["staff"] is False
    assert statuses(rule(test="entry_threshold", max_turnover=300000, max_staff=3), turnover, staff)[0] == ["ok", "ok"]


def test_open_entry():
    open_house = Contract(id="A", procedure="open house", start="01-01-2024", end="31-12-2031")
    tender = Contract(id="B", procedure="Europese aanbesteding", start="01-01-2024", end="31-12-2026")
    short = Contract(id="C", open_entry="nee", start="01-01-2024", end="31-12-2025")
    unknown = Contract(id="D", start="01-01-2024", end="31-12-2026")
    assert statuses(rule(test="open_entry", min_years=2), open_house, tender, short, unknown)[0] == ["ok", "fail", "ok", "ok"]
    assert statuses(rule(test="open_entry", min_years=3), tender)[0] == ["ok"]


def test_min_value_filter():
    small = Contract(id="A", financing="per uur", value="50.000,00")
    large = Contract(id="B", financing="per uur", value="5.000.000,00")
    assert statuses(rule(test="financing", min_value=1_000_000), small, large)[0] == ["ok", "fail"]


def portfolio(**params):
    return rule("portfolio", **params)


def register_result(pack, contracts):
    result = Engine([pack]).check_register(Register(path="r", format="list", contracts=contracts))
    (finding,) = [f for f in result.findings if f.contract is None]
    return finding


def test_portfolio_long_term_shares():
    contracts = [
        Contract(id="A", start="01-01-2024", end="31-12-2029", value=3_000_000),
        Contract(id="B", start="01-01-2024", end="31-12-2025", value=500_000),
        Contract(id="C", start="01-01-2024", end="31-12-2025", value=500_000),
        Contract(id="D", value=9_000_000),  # no term: not counted
    ]
    f = register_result(portfolio(measure="long_term", years=4, max_value_share=50), contracts)
    assert f.status == "fail" and f.values["value_share_raw"] == 75.0 and f.values["count_share_raw"] == 33.33
    assert f.values["largest"] == "A"
    f = register_result(portfolio(measure="long_term", years=4, max_count_share=50), contracts)
    assert f.status == "pass"


def test_portfolio_per_product_and_too_few_contracts():
    contracts = [Contract(id="A", financing="per uur", value=100), Contract(id="B", financing="lumpsum", value=300)]
    f = register_result(portfolio(measure="per_product", max_value_share=20, min_contracts=2), contracts)
    assert f.status == "fail" and f.values["value_share_raw"] == 25.0
    f = register_result(portfolio(measure="per_product", max_value_share=20, min_contracts=3), contracts)
    assert f.status == "not_applicable"


def test_contracts_outside_the_social_domain_are_not_judged():
    ict = Contract(id="ICT-1", domain="ICT", start="01-01-2020", end="31-12-2027", value=2_000_000, financing="per uur")
    wmo = Contract(id="W-1", domain="wmo", start="01-01-2020", end="31-12-2027", value=1_000_000, financing="per uur")
    got, result = statuses(rule(test="duration", max_years=4), ict, wmo)
    assert got == ["ok", "fail"] and result.tallies[0].not_applicable == 1
    assert statuses(rule(test="duration", max_years=4, domains=["overig"]), ict, wmo)[0] == ["fail", "ok"]
    short = [Contract(id=f"W-{n}", domain="jeugd", start="01-01-2024", end="31-12-2025", value=1_000_000) for n in (2, 3)]
    f = register_result(portfolio(measure="long_term", years=4, max_value_share=50), [ict, wmo, *short])
    assert f.values["count"] == 3 and f.values["value_share_raw"] == 33.33  # the ICT contract is not in the shares


def test_fractional_staff_requirement_excludes_a_sole_trader():
    c = Contract(id="A", min_staff="minimaal 1,5 fte")
    got, result = statuses(rule(test="entry_threshold", message="{{ id }}: {{ min_staff }} fte"), c)
    assert got == ["fail"] and result.findings[0].message == "A: 1,5 fte"


def test_pack_messages_without_supplier_and_for_tacit_renewal():
    c = Contract(id="WMO-9", procedure="Europese aanbesteding", start="01-01-2024", end="31-12-2025",
                 extensions="stilzwijgend met telkens een jaar")
    for lang, expected in (("nl", "WMO-9 (Europese aanbesteding) laat geen nieuwe aanbieders toe tijdens een looptijd die "
                                  "stilzwijgend doorloopt"),
                           ("en", "WMO-9 (Europese aanbesteding) admits no new providers during a term that renews tacitly")):
        result = Engine([load_pack("contracten")], lang=lang).check_register(Register(path="r", format="list", contracts=[c]))
        (finding,) = [f for f in result.findings if f.rule == "CON-P31-tussentijdse-toetreding"]
        assert finding.message.startswith(expected), finding.message
        assert all("()" not in f.message for f in result.findings)


def test_parameters_are_validated():
    with pytest.raises(PackError, match="field 'test'"):
        rule(test="kleur")
    with pytest.raises(PackError, match="unknown field"):
        rule(test="duration", max_jaren=4)
    with pytest.raises(PackError, match="max_value_share"):
        portfolio(measure="long_term")


def test_a_broken_rule_is_an_error_result_not_a_crash(monkeypatch):
    pack = rule(test="duration")
    monkeypatch.setattr(pack.rules[0].kind, "_TESTS", {"duration": lambda *a: 1 / 0})
    _, result = statuses(pack, Contract(id="A", start="01-01-2024", end="31-12-2025"))
    assert result.findings[0].status == "error" and "ZeroDivisionError" in result.findings[0].message


def test_contracten_pack_examples_all_hold():
    pack = load_pack("contracten")
    results = run_pack_examples([pack])
    assert results and all(r.ok for r in results), [r for r in results if not r.ok]
    register_rules = [r for r in pack.rules if r.target == "register"]
    assert {p for r in register_rules for p in r.spec.principles} == {"P09", "P11", "P26", "P30", "P31"}
    assert all(r.spec.examples.pass_ and r.spec.examples.fail for r in pack.rules)


def test_listed_findings_are_capped_per_rule_but_all_are_counted(monkeypatch):
    from sociaal_audit.contracts import checking
    from sociaal_audit.results import RunResult, ToolInfo

    monkeypatch.setattr(checking, "MAX_FINDINGS_PER_RULE", 2)
    contracts = [Contract(id=f"C{i}", financing="per uur") for i in range(5)]
    _, result = statuses(rule(test="financing"), *contracts)
    assert [f.contract for f in result.findings] == ["C0", "C1"]
    assert result.omitted == 3 and result.tallies[0].failed == 5
    run = RunResult(tool=ToolInfo(version="t"), contracts=[result]).finalize()
    assert run.summary.failed == 5 and run.summary.failed_by_severity["warning"] == 5
    assert run.blocking("warning") == 5 and run.blocking("error") == 0
