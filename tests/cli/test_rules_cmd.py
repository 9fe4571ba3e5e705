"""``sociaal-audit rules list|show|validate|test``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PACK = ROOT / "examples" / "packs" / "voorbeeld-pack.yaml"


def sa(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "sociaal_audit", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture(scope="module")
def listed() -> list[dict]:
    proc = sa("rules", "list", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_rules_list_json_fields(listed: list[dict]) -> None:
    from sociaal_audit.rules.loader import builtin_packs, load_packs

    packs = load_packs(list(builtin_packs()))
    assert [row["id"] for row in listed] == [r.id for p in packs for r in p.rules]
    for row in listed:
        assert {"id", "pack", "kind", "severity", "principles"} <= set(row)
        assert row["severity"] in ("error", "warning", "info")
        assert row["principles"] and all(p.startswith("P") for p in row["principles"])
    hardship = next(row for row in listed if row["id"] == "INT-P05-hardheidsclausule")
    assert (hardship["pack"], hardship["kind"], hardship["severity"], hardship["principles"]) == (
        "integraliteit", "requires", "error", ["P05"])


def test_rules_list_text_and_pack_option() -> None:
    proc = sa("rules", "list", "--pack", str(EXAMPLE_PACK))
    assert proc.returncode == 0
    lines = proc.stdout.strip().splitlines()
    assert lines[-1] == "3 rules in 1 pack(s)"
    assert lines[0].split()[:4] == ["VB-P14-woningcorporaties", "voorbeeld", "requires", "warning"]


def test_rules_show() -> None:
    proc = sa("rules", "show", "INT-P11-maximaal-twee-verwijzingen")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("INT-P11-maximaal-twee-verwijzingen  (integraliteit ")
    assert "principles: P11" in out and "kind: threshold" in out and "max: 2" in out
    assert "pass: " in out and "fail: " in out and "source: 003_a9b6cd22cd6fadb6.txt" in out
    english = sa("rules", "show", "INT-P11-maximaal-twee-verwijzingen", "--lang", "en").stdout
    assert "Right organisation within at most two referrals" in english


def test_rules_show_unknown_rule() -> None:
    proc = sa("rules", "show", "INT-P99-bestaat-niet")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "sociaal-audit: onbekende regel 'INT-P99-bestaat-niet'"


def test_rules_validate_good() -> None:
    proc = sa("rules", "validate", str(EXAMPLE_PACK), "integraliteit")
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0] == f"{EXAMPLE_PACK}: ok (3 rules)"


def test_rules_validate_bad(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.yaml"
    bad.write_text(EXAMPLE_PACK.read_text(encoding="utf-8").replace("max: 3", "max: drie"), encoding="utf-8")
    proc = sa("rules", "validate", str(EXAMPLE_PACK), str(bad))
    assert proc.returncode == 2
    assert f"{EXAMPLE_PACK}: ok" in proc.stdout
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"sociaal-audit: invalid rule pack {bad}: rule VB-P09-looptijd-overeenkomst: field 'max': ")


def test_rules_test_passes_for_builtin_packs() -> None:
    proc = sa("rules", "test")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().splitlines()[-1].endswith(" passed, 0 failed")


def test_rules_test_reports_a_wrong_example(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.yaml"
    bad.write_text(EXAMPLE_PACK.read_text(encoding="utf-8").replace(
        "Deze overeenkomst heeft een looptijd van vijf jaar.", "Deze overeenkomst heeft een looptijd van een jaar."),
        encoding="utf-8")
    proc = sa("rules", "test", str(bad))
    assert proc.returncode == 1
    assert "FAIL VB-P09-looptijd-overeenkomst fail example 1: expected fail, got pass" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "11 passed, 1 failed"


def test_rules_test_requires_pass_and_fail_examples(tmp_path: Path) -> None:
    text = EXAMPLE_PACK.read_text(encoding="utf-8")
    start = text.index("        - \"Deze overeenkomst heeft een looptijd van vijf jaar.\"")
    end = text.index("\n", text.index("verlenging.\"", start)) + 1
    cut = tmp_path / "zonder-fail.yaml"
    assert text[:start].endswith("      fail:\n")
    cut.write_text(text[:start].rstrip("\n") + " []\n" + text[end:], encoding="utf-8")
    proc = sa("rules", "test", str(cut))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAIL VB-P09-looptijd-overeenkomst: needs at least one pass and one fail example" in proc.stdout


SNIPPET_PACK = """\
id: fragmenten
title: Fragmenten
version: "1"
rules:
  - id: FR-P05-hardheidsclausule
    title: Hardheidsclausule
    principles: [P05]
    theme: organisatie
    applies_to: [verordening]
    kind: requires
    phrases: [hardheidsclausule]
    message: Er is geen hardheidsclausule.
    rationale: Ruimte voor schrijnende gevallen.
    source: {seed: 003_a9b6cd22cd6fadb6.txt, section: Thema 1}
    examples:
      pass:
        # text first, an article after it: the text is the binding text of an article, not a preamble
        - |
          Het college past de hardheidsclausule toe in schrijnende gevallen.
          Artikel 2 Inwerkingtreding
          Deze verordening treedt in werking op 1 januari 2026.
        # a wrapped reference "artikel 4:84 Awb" is no article heading
        - |
          Het college kan afwijken; de hardheidsclausule van
          artikel 4:84 Awb is van overeenkomstige toepassing.
        - |
          ARTIKEL IV Hardheidsclausule
          Het college kan de hardheidsclausule toepassen.
      fail:
        - |
          Artikel 3 Toegang
          Het college richt een toegang in.
          ## Toelichting
          Een hardheidsclausule volgt later.
"""


def test_rules_test_wraps_snippets_that_do_not_start_with_structure(tmp_path: Path) -> None:
    pack = tmp_path / "fragmenten.yaml"
    pack.write_text(SNIPPET_PACK, encoding="utf-8")
    proc = sa("rules", "test", str(pack), "-v")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "4 passed, 0 failed"
