"""Suppressions: inline comments (whole file or next article) and config ignores, each with a
required reason; suppressed findings stay in the results and do not block; unused ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sociaal_audit.cli import app
from sociaal_audit.cli.check import load_effective_config, run_check
from sociaal_audit.suppressions import SuppressionProblem, inline_suppressions, parse_comment

ORDINANCE = """\
# Verordening maatschappelijke ondersteuning Beekdal 2026
{top}
De raad van de gemeente Beekdal;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

## Hoofdstuk 1. Algemene bepalingen

### Artikel 1. Begripsbepalingen

1. In deze verordening wordt verstaan onder college: het college van burgemeester en wethouders van de gemeente Beekdal.
2. Begrippen die niet nader worden omschreven, hebben dezelfde betekenis als in de Wet maatschappelijke ondersteuning 2015.

## Hoofdstuk 2. Aanbieders
{before_contracts}
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


def write(tmp_path: Path, name: str = "wmo.md", top: str = "", before_contracts: str = "") -> Path:
    path = tmp_path / name
    path.write_text(ORDINANCE.format(top=top, before_contracts=before_contracts), encoding="utf-8")
    return path


def run_on(path: Path, config: str | None = None):
    cfg = load_effective_config(config, None, None, None, None)
    return run_check([str(path)], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)


def results(run) -> dict[str, object]:
    (doc,) = run.documents
    return {r.rule: r for r in doc.results}


# ----- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, rules, reason", [
    ('sociaal-audit: negeer INT-P05 reden="Staat in de moederverordening"', ["INT-P05"], "Staat in de moederverordening"),
    ("sociaal-audit: ignore INT-P05, INT-P07 reason='regional contract'", ["INT-P05", "INT-P07"], "regional contract"),
    ("Sociaal-Audit:  NEGEER  INT-P05-hardheidsclausule   REDEN = “zie artikel 9”", ["INT-P05-hardheidsclausule"], "zie artikel 9"),
])
def test_parse_comment_accepts_both_languages_and_quotes(text: str, rules: list[str], reason: str) -> None:
    assert parse_comment(text, "a.md", 3) == (rules, reason)


def test_other_comments_are_not_suppressions() -> None:
    assert parse_comment("TODO: wethouder vragen", "a.md", 1) is None


@pytest.mark.parametrize("text, code", [
    ("sociaal-audit: negeer INT-P05", "no_reason"),
    ('sociaal-audit: negeer INT-P05 reden=""', "no_reason"),
    ('sociaal-audit: negeer INT-P05 reden="   "', "no_reason"),
    ("sociaal-audit: negeer INT-P05 reden=zonder aanhalingstekens", "unquoted"),
    ('sociaal-audit: negeer reden="x"', "no_rules"),
    ('sociaal-audit: negeer int_p05! reden="x"', "bad_rule"),
    ('sociaal-audit: uitzetten INT-P05 reden="x"', "unknown_command"),
])
def test_malformed_suppressions_name_file_and_line(text: str, code: str) -> None:
    with pytest.raises(SuppressionProblem) as info:
        parse_comment(text, "verordeningen/wmo.md", 17)
    assert info.value.code == code
    assert info.value.message("nl").startswith("verordeningen/wmo.md:17: ")
    assert info.value.message("en").startswith("verordeningen/wmo.md:17: ")


# ----- scope -----------------------------------------------------------------------------------


def test_comment_in_the_title_area_covers_the_whole_file_and_inside_the_next_article(tmp_path: Path) -> None:
    from sociaal_audit.documents import load_document

    path = write(tmp_path, top='<!-- sociaal-audit: negeer INT-P05 reden="In de moederverordening" -->',
                 before_contracts='<!-- sociaal-audit: negeer INT-P09 reden="Regionale inkoop" -->')
    found, problems = inline_suppressions(load_document(str(path)))
    assert problems == []
    whole, article = found
    assert whole.scope == "file" and whole.line == 2
    assert article.scope == "article" and article.article == "Artikel 2 Overeenkomsten met aanbieders"
    lines = path.read_text(encoding="utf-8").splitlines()
    covered = [line for line in lines[article.first_line - 1:article.last_line] if line.strip()]
    assert covered[0].startswith("### Artikel 2.") and covered[-1].startswith("2. De overeenkomsten")


def test_suppressed_findings_are_kept_marked_and_do_not_block(tmp_path: Path) -> None:
    path = write(tmp_path, top='<!-- sociaal-audit: negeer INT-P05 reden="In de moederverordening" -->',
                 before_contracts='<!-- sociaal-audit: negeer INT-P09 reden="Regionale inkoop" -->')
    run = run_on(path)
    res = results(run)
    assert res[P05].status == "fail" and res[P05].suppressed.reason == "In de moederverordening"
    assert res[P05].suppressed.scope == "file"
    assert res[P09].status == "fail" and res[P09].suppressed.scope == "article"
    assert res[P09].suppressed.article == "Artikel 2 Overeenkomsten met aanbieders"
    assert res[P26].suppressed is None  # in the next article but one: not covered
    assert run.summary.suppressed == 2
    blocking_before = run_on(write(tmp_path, "plain.md")).blocking("warning")
    assert run.blocking("warning") == blocking_before - 2
    assert run.documents[0].unused_suppressions == []


def test_article_suppression_does_not_cover_a_finding_elsewhere_and_is_reported_unused(tmp_path: Path) -> None:
    # INT-P26 fails in Artikel 3; a suppression above Artikel 2 does not reach it.
    path = write(tmp_path, before_contracts='<!-- sociaal-audit: negeer INT-P26 reden="Tarieven volgen regionaal" -->')
    run = run_on(path)
    assert results(run)[P26].suppressed is None
    (unused,) = run.documents[0].unused_suppressions
    assert unused.rule == "INT-P26" and unused.line == 17 and unused.article == "Artikel 2 Overeenkomsten met aanbieders"


def test_suppression_without_reason_is_an_error_with_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, before_contracts="<!-- sociaal-audit: negeer INT-P09 -->")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "wmo.md", "-j1", "--fail-on", "never"])
    assert result.exit_code == 2
    assert "wmo.md:17: onderdrukking zonder reden" in result.stdout + result.stderr
    en = CliRunner().invoke(app, ["check", "wmo.md", "-j1", "--fail-on", "never", "--lang", "en", "-f", "json"])
    assert en.exit_code == 2
    assert "wmo.md:17: suppression without a reason" in en.stderr
    data = json.loads(en.stdout)
    (error,) = data["errors"]
    assert error["path"] == "wmo.md" and error["message"].startswith("wmo.md:17: suppression without a reason")
    assert all(r["suppressed"] is None for r in data["documents"][0]["results"])  # not applied


def test_a_suppression_may_span_several_lines(tmp_path: Path) -> None:
    comment = ('<!-- sociaal-audit:\n     negeer INT-P09\n     reden="Regionale inkoop: looptijd en verlenging\n'
               '     liggen vast in de gemeenschappelijke regeling" -->')
    path = write(tmp_path, before_contracts=comment)
    run = run_on(path)
    sup = results(run)[P09].suppressed
    assert sup is not None and sup.line == 17 and sup.article == "Artikel 2 Overeenkomsten met aanbieders"
    assert sup.reason == "Regionale inkoop: looptijd en verlenging liggen vast in de gemeenschappelijke regeling"
    assert not run.errors and not run.documents[0].unused_suppressions


def test_a_suppression_over_several_lines_without_reason_is_an_error_at_its_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, before_contracts="<!-- Opmerking van de griffie --> <!--\nsociaal-audit: negeer INT-P09\n-->")
    run = run_on(path)
    (error,) = run.errors
    assert error.message.startswith(f"{path}:17: onderdrukking zonder reden")
    assert results(run)[P09].suppressed is None


def test_html_comments_suppress_too(tmp_path: Path) -> None:
    html = """<!DOCTYPE html>
<html lang="nl"><head><title>Verordening maatschappelijke ondersteuning Beekdal 2026</title></head>
<body>
<h1>Verordening maatschappelijke ondersteuning Beekdal 2026</h1>
<p>De raad van de gemeente Beekdal;</p>
<h2>Artikel 1. Begripsbepalingen</h2>
<p>1. In deze verordening wordt verstaan onder college: het college van burgemeester en wethouders.</p>
<!-- sociaal-audit: negeer INT-P09 reden="Regionale inkoop" -->
<h2>Artikel 2. Overeenkomsten met aanbieders</h2>
<p>1. De overeenkomsten worden aangegaan voor de duur van vier jaar met de mogelijkheid tot tweemaal verlenging met telkens twee jaar.</p>
<h2>Artikel 3. Citeertitel</h2>
<p>Deze verordening wordt aangehaald als: Verordening maatschappelijke ondersteuning Beekdal 2026.</p>
</body></html>
"""
    path = tmp_path / "wmo.html"
    path.write_text(html, encoding="utf-8")
    res = results(run_on(path))
    assert res[P09].status == "fail"
    assert res[P09].suppressed is not None and res[P09].suppressed.article.startswith("Artikel 2")


# ----- config ignores ------------------------------------------------------------------------


def test_config_ignore_by_path_and_rule_and_unused_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "archief").mkdir()
    write(tmp_path / "archief", "oud.md")
    write(tmp_path, "nieuw.md")
    (tmp_path / "sociaal-audit.yaml").write_text(
        "ignore:\n"
        "  - path: archief/**\n"
        "    rules: [INT-P09, INT-P26]\n"
        "    reason: Wordt ingetrokken\n"
        "  - path: archief/**\n"
        "    rules: [INT-P05]\n"
        "    reason: Nooit van toepassing geweest\n"
        "  - path: elders/**\n"
        "    rule: INT-P07\n"
        "    reason: Andere map\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    cfg = load_effective_config(None, None, None, None, None)
    run = run_check(["."], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)
    by_path = {Path(d.path).as_posix().lstrip("./"): {r.rule: r for r in d.results} for d in run.documents}
    old, new = by_path["archief/oud.md"], by_path["nieuw.md"]
    assert old[P09].suppressed.source == "config" and old[P09].suppressed.reason == "Wordt ingetrokken"
    assert old[P09].suppressed.line == 2 and old[P26].suppressed is not None
    assert old[P05].suppressed.reason == "Nooit van toepassing geweest"
    assert new[P09].suppressed is None
    unused = [(s.rule, s.line) for s in run.unused_suppressions]
    assert unused == [("INT-P07", 8)]


def test_a_run_over_some_files_leaves_the_ignores_for_the_others_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pre-commit passes only the changed files: an entry for files that exist but were not checked is not stale
    (tmp_path / "archief").mkdir()
    write(tmp_path / "archief", "oud.md")
    write(tmp_path, "nieuw.md")
    (tmp_path / "sociaal-audit.yaml").write_text(
        "ignore:\n"
        "  - path: archief/**\n    rules: [INT-P09]\n    reason: Wordt ingetrokken\n"
        "  - path: ingetrokken/**\n    rules: [INT-P26]\n    reason: Map bestaat niet meer\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = run_check(["nieuw.md"], load_effective_config(None, None, None, None, None), kind=None, date=None,
                    max_bytes=10_000_000, jobs=1)
    assert [(s.rule, s.pattern) for s in run.unused_suppressions] == [("INT-P26", "ingetrokken/**")]


def test_a_config_ignore_needs_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path)
    (tmp_path / "sociaal-audit.yaml").write_text("ignore:\n  - path: '**'\n    rules: [INT-P09]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "wmo.md", "-j1"])
    assert result.exit_code == 2
    assert "sociaal-audit.yaml" in result.stderr and "reason" in result.stderr


def test_terminal_view_shows_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, before_contracts='<!-- sociaal-audit: negeer INT-P09 reden="Regionale inkoop" -->')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "wmo.md", "-j1", "--fail-on", "never"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if P09 in line)
    assert lines[at + 2].strip() == "onderdrukt: Regionale inkoop"
    assert "1 onderdrukt (met reden)" in result.stderr
