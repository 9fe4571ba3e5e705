"""Message templates of a rule pack: compiled when the pack is read, so a broken template is a
pack error that names the rule and the field (exit 2), never a traceback in the middle of a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sociaal_audit.errors import PackError
from sociaal_audit.rules.loader import load_pack

PACK = """\
id: eigen-regels
title: {nl: Eigen regels}
version: "1.0.0"
rules:
  - id: EIG-P05-hardheidsclausule
    title: {nl: Hardheidsclausule, en: Hardship clause}
    principles: [P05]
    theme: organisatie
    severity: error
    kind: requires
    phrases: [hardheidsclausule]
    message:
      nl: "Geen hardheidsclausule{% if only_in_toelichting %} (alleen in de toelichting){% endif %}."
      en: "No hardship clause{% if only_in_toelichting %} (only in the notes){% endif %}."
    ok_message: {nl: "Hardheidsclausule in {{ article }}.", en: "Hardship clause in {{ article }}."}
    rationale: {nl: Ruimte voor schrijnende gevallen.}
    source: {seed: 003_a9b6cd22cd6fadb6.txt, section: Thema 1}
"""

ORDINANCE = """\
# Verordening maatschappelijke ondersteuning Beekveld 2026

De raad van de gemeente Beekveld;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

## Artikel 1. Melding

1. Een inwoner kan een melding doen bij het college.
"""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))


def _pack(tmp_path: Path, text: str = PACK) -> Path:
    path = tmp_path / "eigen-regels.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_template_is_a_pack_error_naming_rule_and_field(tmp_path):
    broken = PACK.replace("{% endif %} (only in the notes)", "(only in the notes)").replace(
        "(only in the notes){% endif %}", "(only in the notes)")
    path = _pack(tmp_path, broken)
    for _ in range(2):  # not cached: the second load fails the same way
        with pytest.raises(PackError) as info:
            load_pack(str(path))
        assert info.value.rule == "EIG-P05-hardheidsclausule" and info.value.field == "message.en"
        assert "template error" in info.value.detail and "endif" in info.value.detail


def test_check_with_a_broken_template_exits_2_with_one_line(tmp_path):
    path = _pack(tmp_path, PACK.replace("{{ article }}.\", en:", "{{ article }.\", en:"))
    doc = tmp_path / "verordening.md"
    doc.write_text(ORDINANCE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sociaal_audit", "check", str(doc), "--pack", str(path)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"sociaal-audit: ongeldig regelpakket {path}: rule EIG-P05-hardheidsclausule: "
                                  "field 'ok_message.nl': template error: ")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_templates_render_the_same_from_yaml_and_from_the_cache(tmp_path, monkeypatch):
    path = _pack(tmp_path)
    values = {"only_in_toelichting": True, "article": "Artikel 5 Hardheidsclausule"}
    monkeypatch.setenv("SOCIAAL_AUDIT_NO_CACHE", "1")
    fresh = load_pack(str(path)).rules[0]
    monkeypatch.delenv("SOCIAAL_AUDIT_NO_CACHE")
    load_pack(str(path))
    cached = load_pack(str(path)).rules[0]
    for rule in (fresh, cached):
        assert rule.render(rule.spec.message, "nl", values) == "Geen hardheidsclausule (alleen in de toelichting)."
        assert rule.render(rule.spec.message, "en", {}) == "No hardship clause."
        assert rule.render(rule.spec.ok_message, "en", values) == "Hardship clause in Artikel 5 Hardheidsclausule."


def test_a_template_that_fails_while_rendering_gives_a_message_not_a_crash(tmp_path):
    path = _pack(tmp_path, PACK.replace("{{ article }}.\", en:", "{{ article.upper() }}.\", en:"))
    rule = load_pack(str(path)).rules[0]
    assert rule.render(rule.spec.ok_message, "nl", {"article": "Artikel 5"}) == "Hardheidsclausule in ARTIKEL 5."
    message = rule.render(rule.spec.ok_message, "nl", {"article": None})
    assert message.startswith("Hardheidsclausule in {{ article.upper() }}. [template error: ")
