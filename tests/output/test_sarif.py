"""SARIF output: valid against the official SARIF 2.1.0 schema, rules with help text and principle
tags, results on the right line and column, suppressions and baseline state, stable bytes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sociaal_audit.baseline import create
from sociaal_audit.cli.check import load_effective_config, render_options, run_check
from sociaal_audit.output import render

SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")
ORDINANCE = """\
# Verordening maatschappelijke ondersteuning Beekdal 2026
<!-- sociaal-audit: negeer INT-P05 reden="De hardheidsclausule staat in de Algemene verordening sociaal domein" -->

De raad van de gemeente Beekdal;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

### Artikel 1. Begripsbepalingen

1. In deze verordening wordt verstaan onder college: het college van burgemeester en wethouders van de gemeente Beekdal.

### Artikel 2. Overeenkomsten met aanbieders

1. Het college sluit overeenkomsten met aanbieders van maatwerkvoorzieningen.
2. De overeenkomsten worden aangegaan voor de duur van vier jaar met de mogelijkheid tot tweemaal verlenging met telkens twee jaar.

### Artikel 3. Bekostiging

1. Het college bekostigt aanbieders per uur geleverde ondersteuning op basis van productcodes.

### Artikel 4. Citeertitel

Deze verordening wordt aangehaald als: Verordening maatschappelijke ondersteuning Beekdal 2026.
"""
P09 = "INT-P09-contractduur-en-keuze"
P26 = "INT-P26-geen-productfinanciering"
P05 = "INT-P05-hardheidsclausule"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "verordeningen").mkdir()
    (tmp_path / "verordeningen" / "wmo beekdal.md").write_text(ORDINANCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make_run(baseline: str | None = None, lang: str = "nl"):
    cfg = load_effective_config(None, lang, None, None, baseline)
    return run_check(["verordeningen"], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)


def sarif(run, lang: str = "nl") -> dict:
    return json.loads(render(run, "sarif", render_options(lang, False, False, None)))


def by_rule(log: dict) -> dict[str, dict]:
    return {r["ruleId"]: r for r in log["runs"][0]["results"]}


def test_valid_against_the_official_schema(workdir: Path) -> None:
    if not SCHEMA.exists():
        pytest.skip("official SARIF schema not available")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    base = workdir / "baseline.json"
    base.write_text(create(make_run(), str(base)), encoding="utf-8")
    (workdir / "verordeningen" / "kapot.md").write_bytes(b"")  # an input error becomes a notification
    for log in (sarif(make_run()), sarif(make_run(str(base)), "en")):
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
        assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_results_point_at_the_right_line_and_column(workdir: Path) -> None:
    log = sarif(make_run())
    lines = (workdir / "verordeningen" / "wmo beekdal.md").read_text(encoding="utf-8").splitlines()
    for rule, expected in ((P09, "2. De overeenkomsten"), (P26, "1. Het college bekostigt")):
        (loc,) = by_rule(log)[rule]["locations"]
        physical = loc["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "verordeningen/wmo%20beekdal.md", "uriBaseId": "%SRCROOT%"}  # relative, encoded
        region = physical["region"]
        line = lines[region["startLine"] - 1]
        assert line.startswith(expected)
        matched = line[region["startColumn"] - 1:region["endColumn"] - 1]
        assert matched and matched in loc["message"]["text"]  # the quote holds the matched text
        assert loc["logicalLocations"][0]["name"].startswith("Artikel")


def test_missing_provisions_point_at_the_document(workdir: Path) -> None:
    result = by_rule(sarif(make_run()))["INT-P07-evaluatie"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1}
    assert "gezocht naar" in result["message"]["text"]


def test_rules_carry_help_text_and_principle_tags(workdir: Path) -> None:
    log = sarif(make_run())
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "sociaal-audit" and driver["rules"]
    rules = driver["rules"]
    for result in log["runs"][0]["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert set(rule["properties"]["tags"]) >= set(result["properties"]["principles"])
        assert result["level"] == rule["defaultConfiguration"]["level"]
    p05 = next(r for r in rules if r["id"] == P05)
    assert p05["shortDescription"]["text"].startswith("Hardheidsclausule")
    assert "P05" in p05["properties"]["tags"] and p05["defaultConfiguration"]["level"] == "error"
    assert "Voorstel" in p05["help"]["text"]


def test_suppressions_and_baseline_state(workdir: Path) -> None:
    run = make_run()
    results = by_rule(sarif(run))
    (suppression,) = results[P05]["suppressions"]
    assert suppression["kind"] == "inSource" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith("De hardheidsclausule staat")
    assert suppression["location"]["physicalLocation"]["region"]["startLine"] == 2
    assert "suppressions" not in results[P09] and "baselineState" not in results[P09]
    base = workdir / "baseline.json"
    base.write_text(create(run, str(base)), encoding="utf-8")
    text = (workdir / "verordeningen" / "wmo beekdal.md").read_text(encoding="utf-8")
    (workdir / "verordeningen" / "wmo beekdal.md").write_text(
        text.replace("### Artikel 4. Citeertitel", "### Artikel 4. Zorgplicht\n\n"
                     "1. Het college weigert een maatwerkvoorziening als de cliënt geen eigen kracht inzet.\n\n"
                     "### Artikel 5. Citeertitel"), encoding="utf-8")
    results = by_rule(sarif(make_run(str(base))))
    states = {rule: r.get("baselineState") for rule, r in results.items() if rule != P05}
    assert set(states.values()) <= {"new", "unchanged"} and states[P09] == "unchanged"
    assert "baselineState" not in results[P05]  # suppressed findings are not part of the baseline


def test_fingerprints_are_stable_when_lines_move(workdir: Path) -> None:
    first = by_rule(sarif(make_run()))
    path = workdir / "verordeningen" / "wmo beekdal.md"
    path.write_text(path.read_text(encoding="utf-8").replace("De raad van", "\n\n\nDe raad van"), encoding="utf-8")
    second = by_rule(sarif(make_run()))
    assert second[P09]["locations"][0]["physicalLocation"]["region"]["startLine"] == \
        first[P09]["locations"][0]["physicalLocation"]["region"]["startLine"] + 3
    assert {k: v["partialFingerprints"] for k, v in first.items()} == {k: v["partialFingerprints"] for k, v in second.items()}


def test_the_same_missing_provision_in_two_documents_is_two_results(workdir: Path) -> None:
    # code scanning takes results with equal partialFingerprints for one alert: the file must count
    (workdir / "verordeningen" / "jeugd beekdal.md").write_text(ORDINANCE, encoding="utf-8")
    log = sarif(make_run())
    evaluation = [r for r in log["runs"][0]["results"] if r["ruleId"] == "INT-P07-evaluatie"]
    assert len(evaluation) == 2
    assert len({r["partialFingerprints"]["sociaalAudit/v2"] for r in evaluation}) == 2
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"]


def test_fingerprints_do_not_depend_on_how_the_path_was_written(workdir: Path) -> None:
    def prints(arg: str) -> dict[str, str]:
        cfg = load_effective_config(None, None, None, None, None)
        run = run_check([arg], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)
        return {k: v["partialFingerprints"]["sociaalAudit/v2"] for k, v in by_rule(sarif(run)).items()}

    assert prints("verordeningen") == prints("./verordeningen/") == prints(str(workdir / "verordeningen"))


def test_stable_bytes_and_no_absolute_paths(workdir: Path) -> None:
    one = render(make_run(), "sarif", render_options("nl", False, False, None))
    two = render(make_run(), "sarif", render_options("nl", False, False, None))
    assert one == two
    assert str(workdir) not in one and os.sep + "tmp" not in one


def test_input_errors_are_notifications(workdir: Path) -> None:
    (workdir / "verordeningen" / "leeg.md").write_bytes(b"")
    invocation = sarif(make_run())["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "verordeningen/leeg.md"


# ----- contract registers and results across documents ------------------------------------------


def _fixture_run(tmp_path: Path, lang: str = "nl"):
    from ._ci_fixtures import check, copy_fixtures

    copy_fixtures(tmp_path)
    return check(tmp_path, lang)


def test_contracts_and_corpus_valid_against_the_official_schema(tmp_path: Path) -> None:
    if not SCHEMA.exists():
        pytest.skip("official SARIF schema not available")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    run = _fixture_run(tmp_path)
    for lang in ("nl", "en"):
        log = sarif(run, lang)
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
        rule_ids = {r["ruleId"] for r in log["runs"][0]["results"]}
        assert {"SAM-P12-een-verordening", "SAM-P13-dubbele-artikelen", "CON-P09-looptijd",
                "CON-P09-aandeel-meerjarig"} <= rule_ids


def test_contract_findings_on_the_register_row(tmp_path: Path) -> None:
    from ._ci_fixtures import register_rows

    run = _fixture_run(tmp_path)
    log = sarif(run)
    rows = register_rows(tmp_path)
    driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
    on_register = [r for r in log["runs"][0]["results"]
                   if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "registers/register%20lindewaarde.csv"]
    expected = sorted((f.rule, f.contract) for reg in run.contracts for f in reg.findings if f.status == "fail")
    assert sorted((r["ruleId"], r["properties"].get("contract")) for r in on_register) == expected
    for result in on_register:
        assert driver_rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "warning" and result["partialFingerprints"]["sociaalAudit/v2"]
        location = result["locations"][0]
        contract = result["properties"].get("contract")
        if contract is None:  # about the whole register: the file, no region
            assert "region" not in location["physicalLocation"] and "logicalLocations" not in location
            continue
        assert location["physicalLocation"]["region"] == {"startLine": rows[contract]}
        assert location["logicalLocations"][0]["name"] == contract and result["message"]["text"].startswith(contract)
    looptijd = next(r for r in on_register if r["ruleId"] == "CON-P09-looptijd" and r["properties"]["contract"] == "JH-2021-002")
    assert looptijd["locations"][0]["physicalLocation"]["region"]["startLine"] == 3  # JH-2021-002 is row 3 of the file


def test_corpus_pairs_with_related_locations(tmp_path: Path) -> None:
    from ._ci_fixtures import JEUGD, PW, WMO, heading_line

    log = sarif(_fixture_run(tmp_path))
    results = log["runs"][0]["results"]
    p13 = [r for r in results if r["ruleId"] == "SAM-P13-dubbele-artikelen"]
    expected = [(heading_line(tmp_path, JEUGD, f"### Artikel {a}."), heading_line(tmp_path, WMO, f"### Artikel {b}."))
                for a, b in ((9, 8), (10, 9), (11, 10))]
    places = []
    for result in p13:
        (primary,) = result["locations"]
        (related,) = result["relatedLocations"]
        places.append(((primary["physicalLocation"]["artifactLocation"]["uri"], primary["physicalLocation"]["region"]["startLine"]),
                       (related["physicalLocation"]["artifactLocation"]["uri"], related["physicalLocation"]["region"]["startLine"])))
        assert primary["logicalLocations"][0]["name"].startswith("Artikel") and result["level"] == "note"
    assert places == [((JEUGD, first), (WMO, second)) for first, second in expected]
    assert len({r["partialFingerprints"]["sociaalAudit/v2"] for r in p13}) == 3
    (p12,) = [r for r in results if r["ruleId"] == "SAM-P12-een-verordening"]
    assert p12["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == PW
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in p12["relatedLocations"]] == [JEUGD, WMO]
