"""CI formats with contract registers and results across documents: every failed contract finding
and every pair of duplicated articles appears in GitHub annotations, JUnit, GitLab code quality and
CSV, on the register row or the article line, with the contract id and the other document named."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sociaal_audit.baseline import create
from sociaal_audit.cli.check import render_options
from sociaal_audit.output import render
from sociaal_audit.output.csv_output import COLUMNS
from sociaal_audit.output.sarif import contract_line

from ._ci_fixtures import JEUGD, P12, P13, PW, REGISTER, WMO, check, copy_fixtures, heading_line, register_rows

P09_CONTRACT = "CON-P09-looptijd"
P30_CONTRACT = "CON-P30-drempels-zzp"
SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")
REGISTER_RULES = {"CON-P09-aandeel-meerjarig", "CON-P26-aandeel-productfinanciering"}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ci")
    copy_fixtures(root)
    return root


@pytest.fixture(scope="module")
def run(workdir: Path):
    return check(workdir)


@pytest.fixture(scope="module")
def contract_fails(run, workdir: Path) -> list[tuple[str, str, int]]:
    """(rule, contract, register line) of every failed contract finding; the line read from the file."""
    rows = register_rows(workdir)
    fails = [(f.rule, f.contract, rows[f.contract]) for reg in run.contracts for f in reg.findings
             if f.status == "fail" and f.contract]
    assert len(fails) > 40 and len({c for _, c, _ in fails}) > 20  # the fixture really fails widely
    assert (P09_CONTRACT, "JH-2021-002", 3) in fails and (P30_CONTRACT, "JH-2023-008", 9) in fails
    return sorted(fails)


@pytest.fixture(scope="module")
def pairs(workdir: Path) -> list[tuple[int, int]]:
    """(line in the Jeugdwet ordinance, line in the Wmo ordinance) of the three duplicated articles."""
    return [(heading_line(workdir, JEUGD, f"### Artikel {a}."), heading_line(workdir, WMO, f"### Artikel {b}."))
            for a, b in ((9, 8), (10, 9), (11, 10))]


def out(run, fmt: str, lang: str = "nl") -> str:
    data = render(run, fmt, render_options(lang, False, False, None))
    assert data == render(run, fmt, render_options(lang, False, False, None))  # stable bytes
    return data


def test_contract_line_reads_only_lines() -> None:
    assert contract_line("regel 12") == 12 and contract_line("line 7") == 7
    assert contract_line("Blad1 rij 5") is None and contract_line("Blad1 row 5") is None
    assert contract_line("release 3") is None and contract_line(None) is None


def test_the_run_fails_on_contracts_and_corpus(run) -> None:
    assert not run.errors and not any(r.status == "fail" for d in run.documents for r in d.results)
    assert {c.rule for c in run.corpus if c.status == "fail"} == {P12, P13}
    assert run.blocking("warning") > 0  # so the CI formats must show something


# ----- GitHub ---------------------------------------------------------------------------------


def _github(run, lang: str = "nl") -> list[str]:
    return [line for line in out(run, "github", lang).splitlines() if line.startswith("::")]


def test_github_annotates_each_failed_contract_on_its_row(run, contract_fails) -> None:
    annotations = _github(run)
    found = []
    for line in annotations:
        if line.startswith("::warning file=registers/register lindewaarde.csv,line="):
            head, message = line[2:].split("::", 1)
            props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
            rule = props["title"].split(" ")[0]
            found.append((rule, message.split(" ", 1)[0].rstrip(":"), int(props["line"])))
    assert sorted(found) == contract_fails  # contract id first in the message, on its own row
    whole = [line for line in annotations if "file=registers/register lindewaarde.csv,title=" in line]
    assert {line.split("title=")[1].split(" ")[0] for line in whole} == REGISTER_RULES


def test_github_annotates_each_duplicated_article(run, pairs) -> None:
    p13 = [line for line in _github(run) if f"title={P13}" in line]
    assert [(line.split("file=")[1].split(",")[0], int(line.split("line=")[1].split(",")[0])) for line in p13] == \
        [(JEUGD, first) for first, _ in pairs]
    for line, (_, second) in zip(p13, pairs):
        assert line.startswith("::notice ") and f"%0Aook: {WMO}:{second} Artikel" in line
    (p12,) = [line for line in _github(run) if f"title={P12}" in line]
    assert p12.startswith(f"::warning file={PW},line=1,") and f"ook: {JEUGD}:1" in p12 and f"ook: {WMO}:1" in p12


def test_github_in_english_reads_english_register_places(workdir: Path, contract_fails) -> None:
    english = check(workdir, lang="en")
    assert all(f.source.startswith("line ") for reg in english.contracts for f in reg.findings if f.contract)
    lines = [line for line in _github(english, "en") if line.startswith("::warning file=registers/")]
    numbered = sorted((line.split("title=")[1].split(" ")[0], line.split("::")[2].split(" ")[0].rstrip(":"),
                       int(line.split("line=")[1].split(",")[0])) for line in lines if ",line=" in line)
    assert numbered == contract_fails


def test_github_lists_baselined_corpus_results_without_annotating(workdir: Path, run) -> None:
    base = workdir / "baseline.json"
    base.write_text(create(run, str(base)), encoding="utf-8")
    known = check(workdir, baseline=str(base))
    assert all(c.baseline == "unchanged" for c in known.corpus)
    text = out(known, "github")
    assert f"title={P13}" not in text and f"title={P12}" not in text
    quiet = [line for line in text.splitlines() if P13 in line]
    assert len(quiet) == 3 and all(line.startswith(f"{JEUGD}:") and "bekend uit de baseline" in line for line in quiet)
    root = ET.fromstring(out(known, "junit").encode("utf-8"))
    corpus = next(s for s in root.findall("testsuite") if s.get("name") == "corpus")
    assert corpus.get("failures") == "0" and corpus.get("skipped") == "4"


# ----- JUnit ----------------------------------------------------------------------------------


def test_junit_register_suite_has_every_finding_and_the_passes(run, contract_fails) -> None:
    root = ET.fromstring(out(run, "junit").encode("utf-8"))
    (suite,) = [s for s in root.findall("testsuite") if s.get("file") == REGISTER]
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    numbered = sorted((c.get("name").split(":")[0], c.get("name").split(": ")[1].split(" ")[0], int(c.get("line")))
                      for c in failed if c.get("line"))
    assert numbered == contract_fails
    assert {c.get("name").split(":")[0] for c in failed if not c.get("line")} == REGISTER_RULES
    (reg,) = run.contracts
    assert int(suite.get("failures")) == len(failed) == sum(t.failed for t in reg.tallies)
    passed = {c.get("name").split(":")[0]: c.get("name") for c in cases if len(c) == 0}
    looptijd = next(t for t in reg.tallies if t.rule == P09_CONTRACT)
    assert passed[P09_CONTRACT].endswith(f"— {looptijd.passed} contract(en) in orde") and looptijd.passed > 0
    assert int(suite.get("tests")) == len(cases)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in root.findall("testsuite"))


def test_junit_corpus_cases_per_pair_with_file_and_line(run, pairs) -> None:
    root = ET.fromstring(out(run, "junit").encode("utf-8"))
    corpus = next(s for s in root.findall("testsuite") if s.get("name") == "corpus")
    p13 = [c for c in corpus.findall("testcase") if c.get("name").startswith(P13)]
    assert [(c.get("file"), int(c.get("line"))) for c in p13] == [(JEUGD, first) for first, _ in pairs]
    for case, (first, second) in zip(p13, pairs):
        text = case.find("failure").text
        assert f"{JEUGD}:{first} Artikel" in text and f"{WMO}:{second} Artikel" in text
    assert corpus.get("failures") == "4" and corpus.get("tests") == "4"


# ----- GitLab ---------------------------------------------------------------------------------


def test_gitlab_issues_for_contracts_and_pairs(run, contract_fails, pairs) -> None:
    issues = json.loads(out(run, "gitlab"))
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    on_register = [i for i in issues if i["location"]["path"] == "registers/register%20lindewaarde.csv"]
    numbered = sorted((i["check_name"], i["description"].split(": ", 1)[1].split(" ")[0].rstrip(":"), i["location"]["lines"]["begin"])
                      for i in on_register if i["check_name"] not in REGISTER_RULES)
    assert numbered == contract_fails
    whole = [i for i in on_register if i["check_name"] in REGISTER_RULES]
    assert len(whole) == 2 and all(i["location"]["lines"]["begin"] == 1 and i["severity"] == "major" for i in whole)
    p13 = [i for i in issues if i["check_name"] == P13]
    assert [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in p13] == [(JEUGD, first) for first, _ in pairs]
    assert all(f"{WMO}:{second}" in i["description"] for i, (_, second) in zip(p13, pairs))
    assert all(i["severity"] == "info" for i in p13)


def test_gitlab_fingerprints_survive_moving_articles(tmp_path: Path) -> None:
    copy_fixtures(tmp_path)
    first = {(i["check_name"], i["location"]["path"], i["description"]): i["fingerprint"]
             for i in json.loads(out(check(tmp_path), "gitlab")) if i["check_name"] == P13}
    path = tmp_path / JEUGD
    path.write_text(path.read_text(encoding="utf-8").replace("## Hoofdstuk 1.", "\n\n## Hoofdstuk 1."), encoding="utf-8")
    moved = json.loads(out(check(tmp_path), "gitlab"))
    again = {(i["check_name"], i["location"]["path"], i["description"]): i["fingerprint"] for i in moved if i["check_name"] == P13}
    assert again == first and len(first) == 3


# ----- CSV ------------------------------------------------------------------------------------


def _csv(run, lang: str = "nl") -> list[dict[str, str]]:
    text = out(run, "csv", lang)
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == COLUMNS
    return rows


def test_csv_rows_for_contracts_with_line_and_source(run, contract_fails) -> None:
    rows = [r for r in _csv(run) if r["path"] == REGISTER]
    fails = [r for r in rows if r["status"] == "fail" and r["kind"] == "contract" and r["contract"]]
    assert sorted((r["rule"], r["contract"], int(r["line"])) for r in fails) == contract_fails
    assert all(r["source"] == f"regel {r['line']}" and r["fingerprint"] and r["suppressed"] == "no" for r in fails)
    whole = [r for r in rows if r["kind"] == "contractregister"]
    assert {r["rule"] for r in whole if r["status"] == "fail"} == REGISTER_RULES and all(not r["line"] for r in whole)
    (reg,) = run.contracts
    for tally in reg.tallies:
        if tally.passed and tally.rule not in REGISTER_RULES:
            (summed,) = [r for r in rows if r["rule"] == tally.rule and r["status"] == "pass"]
            assert summed["message"] == f"{tally.passed} contract(en) in orde" and not summed["contract"]


def test_csv_rows_for_corpus_pairs(run, pairs) -> None:
    rows = _csv(run, "en")
    p13 = [r for r in rows if r["rule"] == P13]
    assert [(r["path"], int(r["line"])) for r in p13] == [(JEUGD, first) for first, _ in pairs]
    assert all(r["group"] == "gemeente:beekveld" and r["article"].startswith("Artikel") and r["quote"] for r in p13)
    assert all("(nearly) say the same" in r["message"] for r in p13)
    assert len({r["fingerprint"] for r in p13}) == 3
    (p12,) = [r for r in rows if r["rule"] == P12]
    assert (p12["path"], p12["line"], p12["status"]) == (PW, "1", "fail")


# ----- places without a line, rows that could not be read, rules that could not run -------------


def test_spreadsheet_rows_are_file_level_with_the_contract_named(tmp_path: Path) -> None:
    from sociaal_audit.cli.check import load_effective_config, run_check

    workbook = Path(__file__).resolve().parents[1] / "contracts" / "data" / "register-lindewaarde.xlsx"
    (tmp_path / "register.xlsx").write_bytes(workbook.read_bytes())
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        xlsx = run_check(["register.xlsx"], load_effective_config(None, "nl", None, ["contracten"], None),
                         kind=None, date=None, max_bytes=10_000_000, jobs=1)
    fails = [f for reg in xlsx.contracts for f in reg.findings if f.status == "fail" and f.contract]
    assert fails and all(contract_line(f.source) is None for f in fails)  # "Blad1 rij 5": not a file line
    log = json.loads(out(xlsx, "sarif"))
    on_contracts = [r for r in log["runs"][0]["results"] if r["properties"].get("contract")]
    assert len(on_contracts) == len(fails)
    for result in on_contracts:
        (location,) = result["locations"]
        assert location["physicalLocation"] == {"artifactLocation": {"uri": "register.xlsx", "uriBaseId": "%SRCROOT%"}}
        assert location["logicalLocations"][0]["name"] == result["properties"]["contract"]
    annotations = [line for line in out(xlsx, "github").splitlines() if line.startswith("::warning file=register.xlsx")]
    assert len(annotations) == len(fails) + 2 and not any(",line=" in line for line in annotations)
    assert {i["location"]["lines"]["begin"] for i in json.loads(out(xlsx, "gitlab"))} == {1}


def _synthetic_run():
    from sociaal_audit.results import (ContractFinding, CorpusResult, RegisterResult, RuleInfo, RuleTally,
                                       RunResult, ToolInfo)

    def info(rule: str, principle: str) -> RuleInfo:
        return RuleInfo(id=rule, pack="p", kind="k", title={"nl": rule}, principles=[principle], theme="t",
                        severity="warning", rationale={"nl": "r"}, source={"seed": "s", "section": "x"})

    finding = dict(pack="p", principles=["P09"], theme="t", severity="warning")
    register = RegisterResult(
        path="inkoop/register.csv", format="csv", contracts=1500, unreadable=1, omitted=2,
        findings=[
            ContractFinding(contract="C-1", title="Begeleiding", source="regel 4", rule="R-CON", status="fail",
                            message="C-1 loopt te lang.", **finding),
            ContractFinding(contract=None, rule="R-REG", status="error", message="de regel kon niet draaien", **finding),
        ],
        tallies=[RuleTally(rule="R-CON", severity="warning", passed=1497, failed=3),
                 RuleTally(rule="R-REG", severity="warning", errors=1)],
        problems=["inkoop/register.csv: regel 9: datum '31-02-2024' onleesbaar"],
    )
    group = CorpusResult(rule="R-SAM", pack="p", principles=["P12"], theme="t", status="fail", severity="warning",
                         message="De wetten worden apart geregeld.", municipality=None, group="map:beleid",
                         documents=["beleid/a.md", "beleid/b.md"], fingerprint="00aa")
    run = RunResult(tool=ToolInfo(version="0"), rules=[info("R-CON", "P09"), info("R-REG", "P09"), info("R-SAM", "P12")],
                    contracts=[register], corpus=[group])
    return run.finalize()


def test_unlisted_findings_unreadable_rows_and_rule_errors_are_reported() -> None:
    run = _synthetic_run()
    log = json.loads(out(run, "sarif"))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False  # a register rule could not run
    notes = {(n["level"], n["message"]["text"].split(":")[0]) for n in invocation["toolExecutionNotifications"]}
    assert ("error", "R-REG") in notes and ("warning", "inkoop/register.csv") in notes and ("note", "inkoop/register.csv") in notes
    (group,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "R-SAM"]
    assert group["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "beleid/a.md", "uriBaseId": "%SRCROOT%"}}
    if SCHEMA.exists():
        import jsonschema

        jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")), cls=jsonschema.Draft4Validator)
    root = ET.fromstring(out(run, "junit").encode("utf-8"))
    (suite,) = [s for s in root.findall("testsuite") if s.get("file") == "inkoop/register.csv"]
    names = [c.get("name") for c in suite.findall("testcase")]
    assert "R-CON: R-CON — nog 2 bevinding(en) niet opgesomd" in names and "R-CON: R-CON — 1497 contract(en) in orde" in names
    assert (suite.get("failures"), suite.get("errors")) == ("2", "2")  # C-1 and the unlisted; the rule error and the row
    assert run.blocking("warning") == 3 + 1  # the three failed contracts (one listed, two not) and the group
    lines = out(run, "github").splitlines()
    assert "::warning file=inkoop/register.csv,line=4,title=R-CON (P09)::C-1 loopt te lang.%0AC-1 (Begeleiding), regel 4" in lines
    assert any(line.startswith("::error file=inkoop/register.csv,title=R-REG::") for line in lines)
    assert any(line.startswith("::warning file=beleid/a.md,title=R-SAM (P12)::") for line in lines)
    rows = _csv(run)
    assert [(r["status"], r["message"]) for r in rows if r["status"] == "input_error"] == \
        [("input_error", "inkoop/register.csv: regel 9: datum '31-02-2024' onleesbaar")]
    assert ("fail", "nog 2 bevinding(en) niet opgesomd") in {(r["status"], r["message"]) for r in rows}
    (group_row,) = [r for r in rows if r["rule"] == "R-SAM"]
    assert (group_row["path"], group_row["line"], group_row["group"]) == ("beleid/a.md", "", "map:beleid")
