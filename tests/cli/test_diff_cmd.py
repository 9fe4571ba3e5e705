"""``sociaal-audit diff``: every output format, exit codes, atomic output and escaping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sociaal_audit.cli import app

DATA = Path(__file__).resolve().parents[1] / "corpus" / "data"
ORIGINAL = str(DATA / "beekveld" / "verordening-maatschappelijke-ondersteuning-beekveld-2026.md")
RENUMBERED = str(DATA / "diff" / "wmo-beekveld-2026-hernummerd.md")
NO_HARDSHIP = str(DATA / "diff" / "wmo-beekveld-2026-zonder-hardheidsclausule.md")


def invoke(*args: str):
    return CliRunner().invoke(app, ["diff", *args])


def test_text_reports_renumbering_and_exit_0():
    out = invoke(ORIGINAL, RENUMBERED)
    assert out.exit_code == 0, out.output
    assert "vernummerd" in out.stdout
    assert "Artikel 10 Hardheidsclausule → Artikel 11 Hardheidsclausule" in out.stdout
    assert "vervallen   " not in out.stdout
    assert "De nieuwe versie scoort gelijk op de principes." in out.stdout


def test_text_reports_p05_pass_to_fail_and_exit_1():
    out = invoke(ORIGINAL, NO_HARDSHIP)
    assert out.exit_code == 1
    assert "INT-P05-hardheidsclausule" in out.stdout
    assert "in orde → ontbreekt of schiet tekort" in out.stdout
    assert "scoort slechter" in out.stdout


def test_fail_on_never_and_reverse_direction_exit_0():
    assert invoke(ORIGINAL, NO_HARDSHIP, "--fail-on", "never").exit_code == 0
    assert invoke(NO_HARDSHIP, ORIGINAL).exit_code == 0


def test_json_output():
    out = invoke(ORIGINAL, NO_HARDSHIP, "--format", "json")
    data = json.loads(out.stdout)
    assert data["summary"]["removed"] == 1 and data["summary"]["worse"] == 1
    change = next(r for r in data["rules"] if r["rule"] == "INT-P05-hardheidsclausule")
    assert (change["old_status"], change["new_status"], change["direction"]) == ("pass", "fail", "worse")


def test_markdown_output_in_english():
    out = invoke(ORIGINAL, RENUMBERED, "--format", "markdown", "--lang", "en")
    assert out.exit_code == 0
    assert out.stdout.startswith("# Differences between two versions\n")
    assert "| renumbered | Artikel 8 Klachten → Artikel 9 Klachten" in out.stdout
    assert "~~zes~~ → **vier**" in out.stdout


def test_html_output_written_atomically(tmp_path):
    target = tmp_path / "verschil.html"
    out = invoke(ORIGINAL, NO_HARDSHIP, "--format", "html", "--output", str(target), "--date", "2026-04-01")
    assert out.exit_code == 1
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "INT-P05-hardheidsclausule" in html and "2026-04-01" in html
    assert [p.name for p in tmp_path.iterdir()] == ["verschil.html"]  # no temporary files left


def test_html_escapes_document_text(tmp_path):
    old = tmp_path / "oud.md"
    new = tmp_path / "nieuw.md"
    base = "# Verordening <b>Haverdal</b> 2026\n\nArtikel 1 Melding\n\nEen melding kan bij het loket.\n"
    old.write_text(base, encoding="utf-8")
    new.write_text(base + "\nArtikel 2 <script>alert('x')</script>\n\nHet college & de raad <img src=x onerror=alert(1)>.\n",
                   encoding="utf-8")
    out = invoke(str(old), str(new), "--format", "html")
    assert out.exit_code == 0, out.output
    assert "<script>" not in out.stdout and "<img" not in out.stdout and "<b>Haverdal" not in out.stdout
    assert "&lt;script&gt;" in out.stdout and "&lt;b&gt;Haverdal&lt;/b&gt;" in out.stdout


def test_same_inputs_same_bytes():
    a = invoke(ORIGINAL, RENUMBERED, "--format", "html").stdout
    b = invoke(ORIGINAL, RENUMBERED, "--format", "html").stdout
    assert a == b


@pytest.mark.parametrize("args", [
    ["missing.md", NO_HARDSHIP],
    [ORIGINAL, NO_HARDSHIP, "--format", "pdf"],
    [ORIGINAL, NO_HARDSHIP, "--pack", "bestaat-niet"],
])
def test_input_and_usage_errors_exit_2(args):
    out = invoke(*args)
    assert out.exit_code == 2
    assert out.stderr.startswith("sociaal-audit: ")
    assert len(out.stderr.strip().splitlines()) == 1


def test_refuses_to_overwrite_an_input(tmp_path):
    copy = tmp_path / "oud.md"
    copy.write_text(Path(ORIGINAL).read_text(encoding="utf-8"), encoding="utf-8")
    out = invoke(str(copy), NO_HARDSHIP, "--output", str(copy))
    assert out.exit_code == 2
    assert copy.read_text(encoding="utf-8") == Path(ORIGINAL).read_text(encoding="utf-8")


def test_json_validates_against_the_shipped_diff_schema():
    from importlib.resources import files

    import jsonschema

    from sociaal_audit.diff import diff_json_schema

    shipped = json.loads((files("sociaal_audit") / "schemas" / "diff.schema.json").read_text(encoding="utf-8"))
    assert shipped == diff_json_schema(), "regenerate: python -m sociaal_audit.diff > src/sociaal_audit/schemas/diff.schema.json"
    for new in (RENUMBERED, NO_HARDSHIP):
        jsonschema.Draft202012Validator(shipped).validate(json.loads(invoke(ORIGINAL, new, "--format", "json").stdout))


def test_text_names_the_placeholder_of_a_repealed_article(tmp_path):
    old = tmp_path / "oud.md"
    new = tmp_path / "nieuw.md"
    text = Path(ORIGINAL).read_text(encoding="utf-8")
    start, end = text.index("### Artikel 7. Mantelzorgwaardering"), text.index("## Hoofdstuk 3.")
    old.write_text(text, encoding="utf-8")
    new.write_text(text[:start] + "### Artikel 7. [Vervallen]\n\n" + text[end:], encoding="utf-8")
    out = invoke(str(old), str(new))
    assert "Artikelen: 0 toegevoegd, 1 vervallen, 0 gewijzigd, 0 vernummerd, 10 ongewijzigd" in out.stdout
    assert "- vervallen   Artikel 7 Mantelzorgwaardering → Artikel 7 [Vervallen] (regel 54 → 54)" in out.stdout


def test_configuration_applies_to_the_diff(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sociaal-audit.yaml").write_text(
        "fail_on: warning\nlang: en\nseverity:\n  INT-P05: info\n", encoding="utf-8")
    out = invoke(ORIGINAL, NO_HARDSHIP, "--format", "json")
    assert out.exit_code == 0, out.output  # P05 is info in this project: below fail_on warning
    data = json.loads(out.stdout)
    assert data["lang"] == "en"
    p05 = next(r for r in data["rules"] if r["rule"] == "INT-P05-hardheidsclausule")
    assert (p05["severity"], p05["direction"]) == ("info", "worse")
    assert invoke(ORIGINAL, NO_HARDSHIP, "--fail-on", "info").exit_code == 1  # the flag overrides the file


def test_a_rule_disabled_in_the_configuration_is_not_in_the_diff(tmp_path):
    config = tmp_path / "project.yaml"
    config.write_text("disable: [INT-P05]\n", encoding="utf-8")
    out = invoke(ORIGINAL, NO_HARDSHIP, "--config", str(config), "--format", "json")
    assert out.exit_code == 0, out.output
    assert "INT-P05-hardheidsclausule" not in {r["rule"] for r in json.loads(out.stdout)["rules"]}


def test_invalid_configuration_exits_2(tmp_path):
    config = tmp_path / "project.yaml"
    config.write_text("disable: [INT-P99]\n", encoding="utf-8")
    out = invoke(ORIGINAL, NO_HARDSHIP, "--config", str(config))
    assert out.exit_code == 2
    assert out.stderr.startswith("sociaal-audit: ") and "INT-P99" in out.stderr


def test_an_ignore_entry_naming_no_loaded_rule_exits_2_as_in_check(tmp_path):
    config = tmp_path / "project.yaml"
    config.write_text('ignore:\n  - path: "verordeningen/oud/**"\n    rules: [INT-P99]\n'
                      '    reason: "Wordt in 2027 ingetrokken"\n', encoding="utf-8")
    out = invoke(ORIGINAL, NO_HARDSHIP, "--config", str(config))
    assert out.exit_code == 2
    assert out.stderr.startswith("sociaal-audit: ") and "INT-P99" in out.stderr
    assert CliRunner().invoke(app, ["check", ORIGINAL, "--config", str(config)]).exit_code == 2


def test_markdown_quotes_where_a_rule_changed():
    worse = invoke(ORIGINAL, NO_HARDSHIP, "--format", "markdown").stdout
    assert ("  - oud, regel 74, Artikel 10 Hardheidsclausule, lid 1: “Het college kan in bijzondere gevallen ten "
            "gunste van de cliënt afwijken") in worse
    better = invoke(NO_HARDSHIP, ORIGINAL, "--format", "markdown", "--lang", "en").stdout
    assert "  - new, line 74, Artikel 10 Hardheidsclausule, paragraph 1: “Het college kan" in better
    assert "lid 1" not in invoke(NO_HARDSHIP, ORIGINAL, "--lang", "en").stdout


PLAN = """# Beleidsplan sociaal domein Beekveld 2026-2029

## Inleiding

Dit beleidsplan beschrijft hoe de gemeente Beekveld de komende vier jaar inwoners ondersteunt bij
zelfredzaamheid, opvoeden en werk. Het sociaal team werkt volgens één gezin, één plan, één regisseur.

## Toegang

Inwoners melden zich bij het sociaal team. Het team voert binnen {days} werkdagen een gesprek.
"""


@pytest.mark.parametrize("fmt, note", [
    ("text", "In beide versies zijn geen artikelen herkend: de tekst is niet per artikel vergeleken"),
    ("markdown", "In beide versies zijn geen artikelen herkend: de tekst is niet per artikel vergeleken"),
    ("html", '<p class="muted">In beide versies zijn geen artikelen herkend'),
])
def test_versions_without_articles_say_the_text_was_not_compared(tmp_path, fmt, note):
    old, new = tmp_path / "plan-oud.md", tmp_path / "plan-nieuw.md"
    old.write_text(PLAN.format(days="tien"), encoding="utf-8")
    new.write_text(PLAN.format(days="vijf"), encoding="utf-8")
    out = invoke(str(old), str(new), "--format", fmt)
    assert out.exit_code == 0, out.output
    assert note in out.stdout
    assert "Geen artikelen gewijzigd." not in out.stdout


def test_new_version_without_articles_is_named(tmp_path):
    new = tmp_path / "plan.md"
    new.write_text(PLAN.format(days="vijf"), encoding="utf-8")
    out = invoke(ORIGINAL, str(new), "--lang", "en", "--fail-on", "never")
    assert "No articles were recognised in the new version" in out.stdout
    assert "- removed" in out.stdout  # the old articles are still listed
