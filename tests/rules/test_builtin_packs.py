"""Every built-in pack, and the example custom pack, passes its own rule tests; every rule has
at least one pass and one fail example, so no rule is untested."""

from __future__ import annotations

from pathlib import Path

import pytest

from sociaal_audit.rules.loader import LoadedPack, builtin_packs, load_pack
from sociaal_audit.rules.testing import test_packs as run_pack_examples

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PACK = ROOT / "examples" / "packs" / "voorbeeld-pack.yaml"
BUILTIN = sorted(builtin_packs())
ALL_PACKS = [*BUILTIN, str(EXAMPLE_PACK)]


def _ids(refs: list[str]) -> list[str]:
    return [Path(r).stem for r in refs]


@pytest.fixture(scope="module", params=ALL_PACKS, ids=_ids(ALL_PACKS))
def pack(request: pytest.FixtureRequest) -> LoadedPack:
    return load_pack(request.param)


def test_integraliteit_is_built_in() -> None:
    assert "integraliteit" in BUILTIN


def test_every_rule_has_pass_and_fail_examples(pack: LoadedPack) -> None:
    for rule in pack.rules:
        assert rule.spec.examples.pass_, f"{rule.id} has no pass example"
        assert rule.spec.examples.fail, f"{rule.id} has no fail example"


def test_every_example_gives_its_expected_result(pack: LoadedPack) -> None:
    results = run_pack_examples([pack])
    assert len(results) >= 2 * len(pack.rules)
    wrong = [f"{r.rule} {r.expected} example {r.index}: got {r.actual} ({r.message})" for r in results if not r.ok]
    assert wrong == []


def test_every_rule_has_both_languages(pack: LoadedPack) -> None:
    for rule in pack.rules:
        for text in (rule.spec.title, rule.spec.message, rule.spec.rationale):
            assert text.nl and text.en, rule.id


def test_example_pack_covers_each_text_kind() -> None:
    pack = load_pack(str(EXAMPLE_PACK))
    assert pack.id == "voorbeeld"
    assert sorted(r.spec.kind for r in pack.rules) == ["forbids", "requires", "threshold"]


def test_a_wrong_example_is_reported(tmp_path: Path) -> None:
    """The rule tests can fail: an example that does not give its expected result is reported."""
    text = EXAMPLE_PACK.read_text(encoding="utf-8").replace(
        '- "Deze overeenkomst heeft een looptijd van vijf jaar."',
        '- "Deze overeenkomst heeft een looptijd van twee jaar."',
    )
    assert text != EXAMPLE_PACK.read_text(encoding="utf-8")
    broken = tmp_path / "kapot.yaml"
    broken.write_text(text, encoding="utf-8")
    wrong = [r for r in run_pack_examples([load_pack(str(broken))]) if not r.ok]
    assert [(r.rule, r.expected, r.actual) for r in wrong] == [("VB-P09-looptijd-overeenkomst", "fail", "pass")]


def test_documented_pack_is_the_example_file() -> None:
    """docs/writing-rule-packs.md shows the example pack in full; keep the two the same."""
    doc = (ROOT / "docs" / "writing-rule-packs.md").read_text(encoding="utf-8")
    shown = doc.split("## A complete small pack", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    text = EXAMPLE_PACK.read_text(encoding="utf-8")
    assert shown == text[text.index("id: voorbeeld"):]
