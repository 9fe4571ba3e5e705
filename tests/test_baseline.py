"""Baselines: moving an article or editing elsewhere creates no new finding; a new violation is
exactly one new finding, also when the rule already failed; fixed findings are counted; works for
DOCX and from another directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sociaal_audit.baseline import BaselineError, apply, create, fingerprint, heading_without_number, load, normalised_quote
from sociaal_audit.cli import app
from sociaal_audit.cli.check import load_effective_config, run_check

HEAD = """\
# Verordening maatschappelijke ondersteuning Beekdal 2026

De raad van de gemeente Beekdal;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

"""
DEFINITIONS = """\
### Artikel {n}. Begripsbepalingen

1. In deze verordening wordt verstaan onder college: het college van burgemeester en wethouders van de gemeente Beekdal.
2. Het college voert binnen {weeks} weken na de melding een onderzoek uit.

"""
CONTRACTS = """\
### Artikel {n}. Overeenkomsten met aanbieders

1. Het college sluit overeenkomsten met aanbieders van maatwerkvoorzieningen.
2. De overeenkomsten worden aangegaan voor de duur van vier jaar met de mogelijkheid tot tweemaal verlenging met telkens twee jaar.

"""
FUNDING = """\
### Artikel {n}. Bekostiging

1. Het college bekostigt aanbieders {how}.

"""
CLOSING = """\
### Artikel {n}. Citeertitel

Deze verordening wordt aangehaald als: Verordening maatschappelijke ondersteuning Beekdal 2026.
"""
BY_RESULT = "op basis van een vast budget per wijk, afgestemd op de maatschappelijke resultaten"
BY_HOUR = "per uur geleverde ondersteuning op basis van productcodes"
P26 = "INT-P26-geen-productfinanciering"


def ordinance(order: tuple[str, ...] = ("definitions", "contracts", "funding"), weeks: str = "zes", funding: str = BY_RESULT) -> str:
    parts = {"definitions": DEFINITIONS, "contracts": CONTRACTS, "funding": FUNDING}
    body = ""
    for n, name in enumerate(order, 1):
        body += parts[name].format(n=n, weeks=weeks, how=funding)
    return HEAD + body + CLOSING.format(n=len(order) + 1)


def check(path: Path, baseline: Path | None = None):
    cfg = load_effective_config(None, None, None, None, str(baseline) if baseline else None)
    return run_check([str(path)], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)


def failed(run) -> list:
    return [r for d in run.documents for r in d.results if r.status == "fail"]


@pytest.fixture
def baselined(tmp_path: Path) -> tuple[Path, Path]:
    doc = tmp_path / "wmo.md"
    doc.write_text(ordinance(), encoding="utf-8")
    base = tmp_path / "sociaal-audit-baseline.json"
    base.write_text(create(check(doc), str(base)), encoding="utf-8")
    return doc, base


def test_unchanged_document_has_only_known_findings(baselined: tuple[Path, Path]) -> None:
    doc, base = baselined
    run = check(doc, base)
    assert run.baseline.new == 0 and run.baseline.fixed == 0
    assert run.baseline.unchanged == len(failed(run)) > 5
    assert run.blocking("info") == 0 and run.summary.baselined == run.baseline.unchanged


def test_moving_and_renumbering_an_article_and_editing_elsewhere_creates_no_new_finding(baselined: tuple[Path, Path]) -> None:
    doc, base = baselined
    before = {r.rule: r for r in failed(check(doc))}
    doc.write_text(ordinance(order=("contracts", "definitions", "funding"), weeks="vier"), encoding="utf-8")
    run = check(doc, base)
    after = {r.rule: r for r in failed(run)}
    moved = after["INT-P09-contractduur-en-keuze"]
    assert moved.locations[0].line != before["INT-P09-contractduur-en-keuze"].locations[0].line  # it did move
    assert moved.locations[0].article == "1"  # and was renumbered from 2 to 1
    assert run.baseline.new == 0 and run.baseline.fixed == 0
    assert all(r.baseline == "unchanged" for r in after.values())
    assert run.blocking("info") == 0


def test_adding_a_violation_is_exactly_one_new_finding(baselined: tuple[Path, Path]) -> None:
    doc, base = baselined
    doc.write_text(ordinance(funding=BY_HOUR), encoding="utf-8")
    run = check(doc, base)
    new = [r for r in failed(run) if r.baseline == "new"]
    assert [r.rule for r in new] == [P26]
    assert run.baseline.new == 1 and run.baseline.fixed == 0
    assert run.blocking("warning") == 1


HOURLY_HOME_CARE = """\
### Artikel {n}. Bekostiging hulp bij het huishouden

1. Het college bekostigt de aanbieders van hulp bij het huishouden per uur geleverde ondersteuning.

"""


def with_article(text: str, before: str, article: str) -> str:
    """``text`` with ``article`` inserted before the heading that starts with ``before``."""
    at = text.index(before)
    return text[:at] + article + text[at:]


@pytest.mark.parametrize("where", ["after", "before"])
def test_a_second_violation_of_a_rule_that_already_failed_is_exactly_one_new_finding(tmp_path: Path, where: str) -> None:
    doc = tmp_path / "wmo.md"
    text = ordinance(funding=BY_HOUR)
    doc.write_text(text, encoding="utf-8")
    base = tmp_path / "baseline.json"
    base.write_text(create(check(doc), str(base)), encoding="utf-8")
    before = "### Artikel 4. Citeertitel" if where == "after" else "### Artikel 3. Bekostiging"
    doc.write_text(with_article(text, before, HOURLY_HOME_CARE.format(n="3a")), encoding="utf-8")
    run = check(doc, base)
    p26 = next(r for r in failed(run) if r.rule == P26)
    assert len(p26.locations) == 2  # the old and the new hourly funding, in one result
    assert [r.rule for r in failed(run) if r.baseline == "new"] == [P26]
    assert run.baseline.new == 1 and run.baseline.fixed == 0  # the old place is still there: not fixed
    assert run.blocking("warning") == 1


def test_fixing_one_of_many_quoted_places_lets_the_next_in_without_a_new_finding(tmp_path: Path) -> None:
    # P25 quotes at most three vague intentions; removing one brings the fourth into the list
    goals = ["zelfstandig wonen", "meedoen in de samenleving", "gezond opgroeien", "betaald werk verrichten"]
    article = "### Artikel 3. Doelen\n\n" + "".join(
        f"{i}. Het college streeft ernaar dat inwoners {goal}.\n" for i, goal in enumerate(goals, 1)) + "\n"
    doc = tmp_path / "wmo.md"
    doc.write_text(with_article(ordinance(), "### Artikel 4. Citeertitel", article), encoding="utf-8")
    base = tmp_path / "baseline.json"
    base.write_text(create(check(doc), str(base)), encoding="utf-8")
    p25 = "INT-P25-maatschappelijke-resultaten"
    assert len(next(r for r in failed(check(doc)) if r.rule == p25).locations) == 3
    doc.write_text(doc.read_text(encoding="utf-8").replace("1. Het college streeft ernaar dat inwoners zelfstandig wonen.\n", ""),
                   encoding="utf-8")
    run = check(doc, base)
    result = next(r for r in failed(run) if r.rule == p25)
    assert any("betaald werk" in loc.quote for loc in result.locations)  # the fourth is quoted now
    assert result.baseline == "unchanged" and run.baseline.new == 0


def test_renumbered_references_in_the_evidence_create_no_new_finding(tmp_path: Path) -> None:
    doc = tmp_path / "wmo.md"
    funding = BY_HOUR + ", tegen de tarieven, bedoeld in artikel 1"
    doc.write_text(ordinance(funding=funding), encoding="utf-8")
    base = tmp_path / "baseline.json"
    base.write_text(create(check(doc), str(base)), encoding="utf-8")
    # a new first article: every article and every reference to one moves up a number
    doc.write_text(ordinance(order=("contracts", "definitions", "funding"), funding=funding.replace("artikel 1", "artikel 2")),
                   encoding="utf-8")
    run = check(doc, base)
    p26 = next(r for r in failed(run) if r.rule == P26)
    assert "bedoeld in artikel 2" in p26.locations[0].quote
    assert run.baseline.new == 0 and run.baseline.fixed == 0


def test_a_different_reference_in_the_same_place_is_the_same_evidence() -> None:
    assert normalised_quote("Tarieven, bedoeld in Artikel 26, eerste lid.") == normalised_quote("tarieven, bedoeld in artikel 27, eerste lid.")
    assert normalised_quote("de artikelen 4 en 5 en hoofdstuk 3") == "de artikelen # en hoofdstuk #"
    assert normalised_quote("per uur") != normalised_quote("per etmaal")


def test_a_policy_heavy_ordinance_stays_one_known_finding_when_its_densest_articles_change(tmp_path: Path) -> None:
    norms = "".join(f"{i}. Voor {item} geldt een tarief van € {10 + i},50 per uur.\n"
                    for i, item in enumerate(["begeleiding", "dagbesteding", "vervoer", "huishoudelijke hulp",
                                              "logeeropvang", "persoonlijke verzorging"], 1))
    tariffs = f"### Artikel 3. Tarieven\n\n{norms}\n"
    hours = "### Artikel {n}. Normtijden\n\n" + "".join(
        f"{i}. Voor {task} geldt een normtijd van {i * 10} minuten per week.\n"
        for i, task in enumerate(["stofzuigen", "dweilen", "sanitair", "bedden verschonen"], 1)) + "\n"
    doc = tmp_path / "wmo.md"
    doc.write_text(with_article(ordinance(), "### Artikel 4. Citeertitel", tariffs + hours.format(n="3a")), encoding="utf-8")
    base = tmp_path / "baseline.json"
    base.write_text(create(check(doc), str(base)), encoding="utf-8")
    p06 = "INT-P06-beleidsarme-verordening"
    assert p06 in {r.rule for r in failed(check(doc))}
    # more norms in another article change which articles are quoted, not the verdict on the document
    more = hours.replace("per week", "per maand").replace("Normtijden", "Normtijden schoonmaak")
    doc.write_text(with_article(ordinance(), "### Artikel 4. Citeertitel", tariffs + hours.format(n="3a") + more.format(n="3b")),
                   encoding="utf-8")
    run = check(doc, base)
    assert next(r for r in failed(run) if r.rule == p06).baseline == "unchanged"
    assert run.baseline.new == 0


def test_a_baseline_of_format_1_is_still_read(baselined: tuple[Path, Path]) -> None:
    doc, base = baselined
    data = json.loads(base.read_text(encoding="utf-8"))
    data["sociaal_audit_baseline"] = 1
    for finding in data["findings"]:
        finding.pop("evidence", None)
    base.write_text(json.dumps(data), encoding="utf-8")
    run = check(doc, base)
    assert run.baseline.new == 0 and run.baseline.unchanged == len(failed(run))


def test_fixing_a_finding_is_counted_as_fixed(tmp_path: Path) -> None:
    doc = tmp_path / "wmo.md"
    doc.write_text(ordinance(funding=BY_HOUR), encoding="utf-8")
    base = tmp_path / "baseline.json"
    base.write_text(create(check(doc), str(base)), encoding="utf-8")
    doc.write_text(ordinance(funding=BY_RESULT), encoding="utf-8")
    run = check(doc, base)
    assert run.baseline.fixed == 1 and run.baseline.new == 0
    assert P26 not in {r.rule for r in failed(run)}


def test_fingerprint_ignores_line_numbers_and_article_numbers() -> None:
    assert heading_without_number("Artikel 12a. Hardheidsclausule", "12a") == "hardheidsclausule"
    assert heading_without_number("Art. 4 – Bekostiging", "4") == "bekostiging"
    assert heading_without_number(None, None) == ""
    from sociaal_audit.results import Location, Result

    def result(line: int, article: str, title: str, quote: str) -> Result:
        loc = Location(line=line, column=3, article=article, article_title=title, quote=quote)
        return Result(rule="INT-P09-x", pack="p", principles=["P09"], theme="t", status="fail", severity="warning",
                      message="m", locations=[loc])

    a = result(10, "2", "Artikel 2. Overeenkomsten", "De overeenkomsten  worden aangegaan voor vier jaar.")
    b = result(40, "7", "Artikel 7 Overeenkomsten", "De overeenkomsten worden\naangegaan voor vier jaar.")
    c = result(10, "2", "Artikel 2. Overeenkomsten", "De overeenkomsten worden aangegaan voor vijf jaar.")
    assert fingerprint(a) == fingerprint(b) != fingerprint(c)


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "verordeningen").mkdir()
    doc = tmp_path / "verordeningen" / "wmo.md"
    doc.write_text(ordinance(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(app, ["baseline", "create", "verordeningen", "-o", "ci/baseline.json", "-j1"])
    assert made.exit_code == 0, made.stderr
    data = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert {f["path"] for f in data["findings"]} == {"../verordeningen/wmo.md"}
    # the same findings from another working directory, with the path written differently
    monkeypatch.chdir(tmp_path / "verordeningen")
    result = runner.invoke(app, ["check", "./wmo.md", "--baseline", "../ci/baseline.json", "--fail-on", "info", "-j1"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 nieuw" in result.stderr


def test_baseline_file_is_stable_and_sorted(baselined: tuple[Path, Path]) -> None:
    doc, base = baselined
    again = create(check(doc), str(base))
    assert again == base.read_text(encoding="utf-8")
    findings = json.loads(again)["findings"]
    assert findings == sorted(findings, key=lambda f: (f["path"], f["rule"], f["fingerprint"]))


def test_works_for_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")

    def write(order: tuple[str, ...], funding: str) -> Path:
        document = docx.Document()
        for line in ordinance(order=order, funding=funding).splitlines():
            if line.startswith("#"):
                document.add_heading(line.lstrip("# "), level=line.count("#", 0, 4))
            elif line.strip():
                document.add_paragraph(line)
        path = tmp_path / "wmo.docx"
        document.save(str(path))
        return path

    doc = write(("definitions", "contracts", "funding"), BY_RESULT)
    base = tmp_path / "baseline.json"
    base.write_text(create(check(doc), str(base)), encoding="utf-8")
    assert json.loads(base.read_text(encoding="utf-8"))["findings"]
    doc = write(("contracts", "definitions", "funding"), BY_HOUR)
    run = check(doc, base)
    assert [r.rule for r in failed(run) if r.baseline == "new"] == [P26]


@pytest.mark.parametrize("content, detail", [
    ("{", "not valid JSON"),
    ('{"findings": []}', "not a sociaal-audit baseline"),
    ('{"sociaal_audit_baseline": 1, "findings": [{"path": "a.md"}]}', "finding 1 needs"),
    ('{"sociaal_audit_baseline": 2, "findings": [{"path": "a.md", "rule": "R", "fingerprint": "f", "evidence": []}]}',
     "finding 1: 'evidence' must be"),
    ('{"sociaal_audit_baseline": 3, "findings": []}', "not a sociaal-audit baseline"),
])
def test_invalid_baseline_files_name_the_file_and_cause(tmp_path: Path, content: str, detail: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        load(str(path))
    assert info.value.message("en").startswith(f"{path}: invalid baseline file: {detail}")


def test_missing_baseline_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "wmo.md").write_text(ordinance(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "wmo.md", "--baseline", "nergens.json", "-j1"])
    assert result.exit_code == 2
    assert "nergens.json: ongeldig baselinebestand: file not found" in result.stderr
    with pytest.raises(BaselineError):
        apply(check(tmp_path / "wmo.md"), str(tmp_path / "nergens.json"))


def test_a_streamed_check_counts_new_known_and_fixed_as_a_kept_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-f json streams (no document kept), -f markdown keeps the run: the baseline note is the same."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "wmo.md").write_text(ordinance(funding=BY_HOUR), encoding="utf-8")
    (tmp_path / "b" / "wmo.md").write_text(ordinance(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(app, ["baseline", "create", "a", "b", "-o", "baseline.json", "-j1"])
    assert made.exit_code == 0, made.stderr
    (tmp_path / "a" / "wmo.md").write_text(ordinance(funding=BY_RESULT), encoding="utf-8")  # P26 fixed
    (tmp_path / "b" / "wmo.md").write_text(ordinance(order=("contracts", "definitions", "funding"), funding=BY_HOUR),
                                           encoding="utf-8")  # P26 new
    notes = []
    for fmt in ("json", "markdown"):
        result = runner.invoke(app, ["check", "a", "b", "--baseline", "baseline.json", "-f", fmt, "-o", f"out.{fmt}",
                                     "--fail-on", "info", "-j1"])
        assert result.exit_code == 1, result.stderr
        notes.append([line for line in result.stderr.splitlines() if "baseline baseline.json" in line])
    assert notes[0] == notes[1] and "1 nieuw" in notes[0][0] and "1 opgelost" in notes[0][0]
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [(d["path"], r["rule"]) for d in data["documents"] for r in d["results"] if r["baseline"] == "new"] == [
        (str(Path("b") / "wmo.md"), P26)]


@pytest.mark.parametrize("target", ["leeg.md", "register.csv", "sociaal-audit.yaml"])
def test_baseline_create_never_writes_over_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """An unreadable document, a contract register and the configuration are inputs too."""
    (tmp_path / "wmo.md").write_text(ordinance(), encoding="utf-8")
    (tmp_path / "leeg.md").write_bytes(b"")
    (tmp_path / "register.csv").write_text("Contractnummer;Leverancier;Bekostiging\nWMO-1;Zorg BV;per uur\n",
                                           encoding="utf-8")
    (tmp_path / "sociaal-audit.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["baseline", "create", "wmo.md", "leeg.md", "register.csv", "-o", target, "-j1"])
    assert result.exit_code == 2
    assert f"{target}: dit is een van de invoerbestanden" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
