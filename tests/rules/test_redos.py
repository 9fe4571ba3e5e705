"""Untrusted packs: a catastrophically backtracking pattern times out as an error for that rule
only; the other rules and files go on."""

from __future__ import annotations

import textwrap

import pytest

from sociaal_audit.errors import PackError
from sociaal_audit.rules import matching
from sociaal_audit.rules.loader import load_pack
from sociaal_audit.runner import CheckOptions, check_paths

PACK = textwrap.dedent(
    """
    id: redos
    title: ReDoS
    version: "1"
    rules:
      - id: X-P05-traag
        title: Traag patroon
        principles: [P05]
        theme: test
        kind: requires
        patterns: ['(a|aa)+$']
        negation: false
        message: niet gevonden
        rationale: test
        source: {seed: x, section: y}
      - id: X-P07-snel
        title: Snel patroon
        principles: [P07]
        theme: test
        kind: requires
        phrases: [evalueert]
        message: niet gevonden
        rationale: test
        source: {seed: x, section: y}
    """
)


def test_backtracking_pattern_gives_error_status_and_others_continue(tmp_path, monkeypatch):
    monkeypatch.setattr(matching, "MATCH_TIMEOUT", 0.2)
    pack = tmp_path / "redos.yaml"
    pack.write_text(PACK, encoding="utf-8")
    doc = tmp_path / "verordening.md"
    doc.write_text("# Verordening test\n\nArtikel 1 Evaluatie\n\nHet college evalueert. " + "a" * 3000 + "!\n",
                   encoding="utf-8")
    other = tmp_path / "tweede.md"
    other.write_text("# Verordening twee\n\nArtikel 1 Evaluatie\n\nHet college evalueert jaarlijks.\n", encoding="utf-8")
    run = check_paths([str(tmp_path)], CheckOptions(packs=[str(pack)]))
    by_path = {d.path.rsplit("/", 1)[-1]: {r.rule: r for r in d.results} for d in run.documents}
    slow = by_path["verordening.md"]["X-P05-traag"]
    assert slow.status == "error"
    assert "backtracking" in slow.message
    assert by_path["verordening.md"]["X-P07-snel"].status == "pass"
    assert by_path["tweede.md"]["X-P07-snel"].status == "pass"
    assert run.summary.rule_errors == 1


def test_invalid_regex_is_rejected_at_load_with_rule_and_field(tmp_path):
    pack = tmp_path / "kapot.yaml"
    pack.write_text(PACK.replace("'(a|aa)+$'", "'(onafgesloten'"), encoding="utf-8")
    with pytest.raises(PackError) as exc:
        load_pack(str(pack))
    msg = exc.value.message("en")
    assert "kapot.yaml" in msg and "X-P05-traag" in msg and "patterns" in msg


def test_broken_message_template_is_rejected_by_validate(tmp_path):
    import subprocess
    import sys

    pack = tmp_path / "sjabloon.yaml"
    pack.write_text(PACK.replace("message: niet gevonden", "message: '{% if count %}niet gevonden'", 1), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "sociaal_audit", "rules", "validate", str(pack)],
                         capture_output=True, text=True)
    assert res.returncode == 2
    assert "X-P05-traag" in res.stderr and "message.nl" in res.stderr and "template" in res.stderr


def test_cross_field_parameter_error_names_the_kind_parameters(tmp_path):
    pack = tmp_path / "drempel.yaml"
    text = PACK.replace("kind: requires", "kind: threshold", 1).replace("'(a|aa)+$'", "'(?P<n>[0-9]+) keer'")
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as exc:
        load_pack(str(pack))
    assert "threshold parameters" in exc.value.message("en") and "max" in exc.value.message("en")


def test_ontbreekt_after_a_match_is_a_negation():
    from sociaal_audit.rules.matching import Matcher, NormalizedText

    norm = NormalizedText("In deze verordening ontbreekt een hardheidsclausule. Een hardheidsclausule ontbreekt.")
    assert Matcher(phrases=["hardheidsclausule"]).find(norm, [(0, len(norm.original))]) == []
    norm = NormalizedText("Artikel 5 bevat een hardheidsclausule; zij ontbreekt in geen enkele versie.")
    assert len(Matcher(phrases=["hardheidsclausule"]).find(norm, [(0, len(norm.original))])) == 1


def test_backtracking_heading_pattern_is_an_error_too(tmp_path, monkeypatch):
    monkeypatch.setattr(matching, "MATCH_TIMEOUT", 0.2)
    pack = tmp_path / "kop.yaml"
    text = PACK.replace("patterns: ['(a|aa)+$']", "phrases: [evalueert]\n    heading: '(a|aa)+$'", 1)
    pack.write_text(text, encoding="utf-8")
    doc = tmp_path / "verordening.md"
    doc.write_text("# Verordening test\n\n### Artikel 1 " + "a" * 150 + "!\n\nHet college evalueert jaarlijks.\n",
                   encoding="utf-8")
    run = check_paths([str(doc)], CheckOptions(packs=[str(pack)]))
    results = {r.rule: r for r in run.documents[0].results}
    assert results["X-P05-traag"].status == "error"
    assert results["X-P07-snel"].status == "pass"
