"""CI formats: GitHub workflow commands, JUnit XML, GitLab code quality JSON and CSV, each with
places, suppressed findings listed with their reason, and input errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sociaal_audit.cli.check import load_effective_config, render_options, run_check
from sociaal_audit.output import render
from sociaal_audit.output.csv_output import COLUMNS, safe_cell
from sociaal_audit.output.github import command, escape_data, escape_property

ORDINANCE = """\
# Verordening maatschappelijke ondersteuning Beekdal 2026

De raad van de gemeente Beekdal;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

### Artikel 1. Begripsbepalingen

1. In deze verordening wordt verstaan onder college: het college van burgemeester en wethouders van de gemeente Beekdal.

<!-- sociaal-audit: negeer INT-P09 reden="Regionale inkoop: looptijd, verlenging 100%" -->
### Artikel 2. Overeenkomsten met aanbieders

1. De overeenkomsten worden aangegaan voor de duur van vier jaar met de mogelijkheid tot tweemaal verlenging met telkens twee jaar.

### Artikel 3. Bekostiging

1. Het college bekostigt aanbieders per uur geleverde ondersteuning op basis van productcodes.

### Artikel 4. Citeertitel

Deze verordening wordt aangehaald als: Verordening maatschappelijke ondersteuning Beekdal 2026.
"""
P09 = "INT-P09-contractduur-en-keuze"
P26 = "INT-P26-geen-productfinanciering"
P26_LINE = 20


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "wmo.md").write_text(ORDINANCE, encoding="utf-8")
    (tmp_path / "leeg.md").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    cfg = load_effective_config(None, None, None, None, None)
    return run_check(["wmo.md", "leeg.md"], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)


def out(run, fmt: str, lang: str = "nl") -> str:
    data = render(run, fmt, render_options(lang, False, False, None))
    assert data == render(run, fmt, render_options(lang, False, False, None))  # stable
    return data


def fails(run) -> list:
    return [r for d in run.documents for r in d.results if r.status == "fail"]


# ----- GitHub ---------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("50%\nregel 2\r") == "50%25%0Aregel 2%0D"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"
    assert command("warning", "x", file="a,b.md", line=3, col=None) == "::warning file=a%2Cb.md,line=3::x"


def test_github_annotations_on_the_right_line(run) -> None:
    lines = out(run, "github").splitlines()
    p26 = [line for line in lines if f"title={P26}" in line]
    assert len(p26) == 1
    assert p26[0].startswith(f"::warning file=wmo.md,line={P26_LINE},col=")
    assert "Artikel 3 Bekostiging" in p26[0] and "\n" not in p26[0]
    assert ORDINANCE.splitlines()[P26_LINE - 1].startswith("1. Het college bekostigt")
    errors = [line for line in lines if line.startswith("::error file=leeg.md")]
    assert len(errors) == 1 and "leeg bestand" in errors[0]
    annotated = [line for line in lines if line.startswith(("::error", "::warning", "::notice")) and "title=" in line]
    unsuppressed = [r for r in fails(run) if r.suppressed is None]
    assert len(annotated) == len(unsuppressed)


def test_github_annotations_name_the_file_relative_to_the_repository(tmp_path: Path, run) -> None:
    expected = [line for line in out(run, "github").splitlines() if line.startswith("::")]
    cfg = load_effective_config(None, None, None, None, None)
    for written in ("./wmo.md", str(tmp_path / "wmo.md")):
        again = run_check([written], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)
        lines = [line for line in out(again, "github").splitlines() if line.startswith("::")]
        assert lines == [line for line in expected if "leeg.md" not in line]


def test_github_lists_suppressed_findings_with_reason_without_annotating(run) -> None:
    lines = out(run, "github").splitlines()
    assert not any(f"title={P09}" in line for line in lines)
    (plain,) = [line for line in lines if P09 in line]
    assert plain.startswith("wmo.md:") and "onderdrukt (reden: Regionale inkoop: looptijd, verlenging 100%)" in plain
    assert lines[-1].startswith("2 document(en)") or lines[-1].startswith("1 document(en)")


def test_github_annotation_names_every_place_a_finding_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    second = ("### Artikel 3a. Bekostiging hulp bij het huishouden\n\n"
              "1. Het college bekostigt de aanbieders van hulp bij het huishouden per uur geleverde ondersteuning.\n\n")
    text = ORDINANCE.replace("### Artikel 4.", second + "### Artikel 4.")
    (tmp_path / "wmo.md").write_text(text, encoding="utf-8")
    second_line = text.splitlines().index("1. Het college bekostigt de aanbieders van hulp bij het huishouden per uur geleverde ondersteuning.") + 1
    monkeypatch.chdir(tmp_path)
    run = run_check(["wmo.md"], load_effective_config(None, None, None, None, None), kind=None, date=None,
                    max_bytes=10_000_000, jobs=1)
    (p26,) = [line for line in out(run, "github").splitlines() if f"title={P26}" in line]
    assert p26.startswith(f"::warning file=wmo.md,line={P26_LINE},col=")
    first, *others = p26.split("::", 2)[2].split("%0A")
    assert "Artikel 3 Bekostiging" in others[0]
    assert others[1] == (f"ook: Artikel 3a Bekostiging hulp bij het huishouden, lid 1, regel {second_line}: "
                         "“Het college bekostigt de aanbieders van hulp bij het huishouden per uur geleverde ondersteuning.”")


def test_a_malformed_suppression_is_annotated_on_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = ORDINANCE.replace('reden="Regionale inkoop: looptijd, verlenging 100%"', "")
    (tmp_path / "wmo.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = run_check(["wmo.md"], load_effective_config(None, None, None, None, None), kind=None, date=None,
                    max_bytes=10_000_000, jobs=1)
    line = text.splitlines().index("<!-- sociaal-audit: negeer INT-P09  -->") + 1
    (error,) = [e for e in out(run, "github").splitlines() if e.startswith("::error") and "title=" not in e]
    assert error.startswith(f"::error file=wmo.md,line={line}::wmo.md:{line}: onderdrukking zonder reden")
    (note,) = json.loads(out(run, "sarif"))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["region"] == {"startLine": line}


# ----- JUnit ----------------------------------------------------------------------------------


def test_junit_parses_and_counts_add_up(run) -> None:
    root = ET.fromstring(out(run, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    doc_suite = next(s for s in suites if s.get("file") == "wmo.md")
    cases = doc_suite.findall("testcase")
    assert int(doc_suite.get("tests")) == len(cases) == len(run.documents[0].results)
    failures = [c for c in cases if c.find("failure") is not None]
    unsuppressed = [r for r in fails(run) if r.suppressed is None]
    assert int(doc_suite.get("failures")) == len(failures) == len(unsuppressed)
    p09 = next(c for c in cases if c.get("name").startswith(P09))
    assert p09.find("skipped").get("message") == "onderdrukt: Regionale inkoop: looptijd, verlenging 100%"
    p26 = next(c for c in cases if c.get("name").startswith(P26))
    assert p26.get("line") == str(P26_LINE) and f"wmo.md:{P26_LINE}:" in p26.find("failure").text
    errors_suite = next(s for s in suites if s.get("file") is None and s.get("name") == "invoerfouten")
    assert errors_suite.find("testcase/error").get("type") == "input_error"
    assert int(root.get("errors")) == 1 and int(root.get("failures")) == len(unsuppressed)


# ----- GitLab ---------------------------------------------------------------------------------


def test_gitlab_code_quality_fields(run) -> None:
    issues = json.loads(out(run, "gitlab"))
    assert len(issues) == len(fails(run))
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "wmo.md" and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_rule = {i["check_name"]: i for i in issues}
    assert by_rule[P26]["location"]["lines"]["begin"] == P26_LINE and by_rule[P26]["severity"] == "major"
    assert by_rule["INT-P05-hardheidsclausule"]["severity"] == "critical"
    assert by_rule[P09]["severity"] == "info" and "Regionale inkoop" in by_rule[P09]["description"]


def test_gitlab_fingerprint_survives_moving_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    first = {i["check_name"]: i["fingerprint"] for i in json.loads(out(run, "gitlab"))}
    (tmp_path / "wmo.md").write_text(ORDINANCE.replace("De raad", "\n\nDe raad"), encoding="utf-8")
    cfg = load_effective_config(None, None, None, None, None)
    moved = run_check(["wmo.md"], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)
    issues = json.loads(out(moved, "gitlab"))
    assert {i["check_name"]: i["fingerprint"] for i in issues} == first
    assert next(i for i in issues if i["check_name"] == P26)["location"]["lines"]["begin"] == P26_LINE + 2


def test_gitlab_fingerprint_does_not_depend_on_how_the_path_was_written(tmp_path: Path, run) -> None:
    first = {i["check_name"]: i["fingerprint"] for i in json.loads(out(run, "gitlab"))}
    cfg = load_effective_config(None, None, None, None, None)
    for written in ("./wmo.md", str(tmp_path / "wmo.md")):
        again = run_check([written], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)
        issues = json.loads(out(again, "gitlab"))
        assert {i["check_name"]: i["fingerprint"] for i in issues} == first
        assert {i["location"]["path"] for i in issues} == {"wmo.md"}


# ----- CSV ------------------------------------------------------------------------------------


def test_csv_rows_columns_and_bom(run) -> None:
    text = out(run, "csv", "en")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == COLUMNS
    doc_rows = [r for r in rows if r["path"] == "wmo.md"]
    assert len(doc_rows) == len(run.documents[0].results)
    p26 = next(r for r in doc_rows if r["rule"] == P26)
    assert (p26["status"], p26["line"], p26["article"], p26["lid"]) == ("fail", str(P26_LINE), "Artikel 3 Bekostiging", "1")
    assert p26["suppressed"] == "no" and p26["fingerprint"]
    p09 = next(r for r in doc_rows if r["rule"] == P09)
    assert p09["suppressed"] == "yes" and p09["suppression_reason"].startswith("Regionale inkoop")
    (error,) = [r for r in rows if r["status"] == "input_error"]
    assert error["path"] == "leeg.md" and "leeg bestand" in error["message"]


def test_csv_never_starts_a_cell_with_a_formula() -> None:
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe_cell("- het college") == "'- het college"
    assert safe_cell("@SUM") == "'@SUM" and safe_cell("gewoon") == "gewoon" and safe_cell(None) == ""


# ----- metadata a format carries (CVDR, Gemeenteblad) ------------------------------------------


def test_sarif_csv_and_junit_carry_what_the_format_says_of_a_document(run) -> None:
    """CVDR id, date of adoption and legal basis reach the machine formats too (as they reach the
    terminal view, JSON and the reports)."""
    doc = run.documents[0]
    doc.identifier, doc.adopted = "CVDR700001_1", "2025-12-11"
    doc.legal_basis = ["Wet maatschappelijke ondersteuning 2015", "artikel 149 van de Gemeentewet"]
    sarif = json.loads(out(run, "sarif"))
    for result in sarif["runs"][0]["results"]:
        if result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("wmo.md"):
            assert result["properties"]["document"] == {
                "title": doc.title, "municipality": "Beekdal", "identifier": "CVDR700001_1",
                "adopted": "2025-12-11", "legalBasis": doc.legal_basis,
            }
    rows = [row for row in csv.DictReader(io.StringIO(out(run, "csv").lstrip("\ufeff"))) if row["path"] == "wmo.md"]
    assert rows and all((r["identifier"], r["adopted"]) == ("CVDR700001_1", "2025-12-11") for r in rows)
    assert rows[0]["legal_basis"] == "Wet maatschappelijke ondersteuning 2015; artikel 149 van de Gemeentewet"
    suite = next(s for s in ET.fromstring(out(run, "junit")) if s.get("file") == "wmo.md")
    assert {p.get("name"): p.get("value") for p in suite.find("properties")} == {
        "identifier": "CVDR700001_1", "adopted": "2025-12-11",
        "legal_basis": "Wet maatschappelijke ondersteuning 2015; artikel 149 van de Gemeentewet",
    }
