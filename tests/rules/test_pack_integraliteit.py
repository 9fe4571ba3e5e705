"""The built-in pack integraliteit: every principle P01..P31 covered, every rule complete and tested
by its own examples, the right verdict per principle on the example ordinance, evidence behind every
verdict, and docs/principles.md generated from the pack."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sociaal_audit.cli import app
from sociaal_audit.documents import parse_source
from sociaal_audit.engine import Engine
from sociaal_audit.rules.doc import PRINCIPLES, principles_markdown
from sociaal_audit.rules.loader import load_pack
from sociaal_audit.rules.testing import test_rule as run_rule_examples

from conftest import EXAMPLES, ROOT, SHARED

# Used when ../shared/principles.md is not there (e.g. a checkout on its own).
PRINCIPLE_IDS_FALLBACK = [f"P{i:02d}" for i in range(1, 32)]
SEEDS = {"000_92358d5e66086a69.txt", "001_465b13b4f8351137.txt", "002_fb5cd743883f02a2.txt",
         "003_a9b6cd22cd6fadb6.txt", "004_750f3094bae27920.txt"}

EXAMPLE = EXAMPLES / "verordening-sociaal-domein-lindewaarde.md"
# What the example ordinance deliberately does (each checked by reading the article).
EXPECTED_ON_EXAMPLE = {
    "pass": ["P01", "P05", "P07", "P08", "P10", "P11", "P12", "P14", "P15", "P18", "P22",
             "P13"],  # P13: art. 8 lid 3, afspraken met het samenwerkingsverband passend onderwijs
    "fail": ["P02", "P03", "P06", "P09", "P17", "P20", "P24", "P25", "P26",
             # nothing in the binding text on these:
             "P04", "P16", "P19", "P21", "P23", "P27", "P28", "P29", "P30", "P31"],
}


def principle_ids() -> list[str]:
    catalogue = SHARED / "principles.md"
    if catalogue.exists():
        ids = sorted(set(re.findall(r"^\|\s*(P\d{2})\s*\|", catalogue.read_text(encoding="utf-8"), re.M)))
        assert ids, "no principle ids parsed from principles.md"
        return ids
    return PRINCIPLE_IDS_FALLBACK


@pytest.fixture(scope="module")
def pack():
    return load_pack("integraliteit")


@pytest.fixture(scope="module")
def example_results(pack):
    doc = parse_source(EXAMPLE.read_bytes(), str(EXAMPLE))
    return Engine([pack]).check_document(doc).results


@pytest.fixture(scope="module", params=["md", "docx", "pdf"])
def example_results_any_format(request, pack):
    """The example ordinance as Markdown and as its DOCX and PDF renderings in examples/."""
    path = EXAMPLE.with_suffix("." + request.param)
    if not path.exists():
        pytest.skip(f"{path.name} not in examples/")
    doc = parse_source(path.read_bytes(), str(path))
    return Engine([pack]).check_document(doc).results


def test_every_principle_has_a_rule(pack):
    covered = {p for r in pack.rules for p in r.spec.principles}
    missing = [p for p in principle_ids() if p not in covered]
    assert not missing, f"principles without a rule: {missing}"


def test_fallback_id_list_matches_the_catalogue():
    if not (SHARED / "principles.md").exists():
        pytest.skip("../shared/principles.md not present")
    assert principle_ids() == PRINCIPLE_IDS_FALLBACK
    assert sorted(PRINCIPLES) == PRINCIPLE_IDS_FALLBACK


def test_rule_ids_stay_stable(pack):
    for rid in ("INT-P03-onafhankelijke-ombudsman", "INT-P05-hardheidsclausule", "INT-P07-evaluatie",
                "INT-P11-maximaal-twee-verwijzingen", "INT-P12-integrale-verordening", "INT-P18-adviesraad",
                "INT-P20-uitdaagrecht", "INT-P22-keuzevrijheid", "INT-P26-geen-productfinanciering"):
        assert rid in pack.by_id


@pytest.mark.parametrize("rule_id", [r.id for r in load_pack("integraliteit").rules])
def test_rule_is_complete_and_its_examples_hold(pack, rule_id):
    rule = pack.by_id[rule_id]
    s = rule.spec
    assert len(s.examples.pass_) >= 2 and len(s.examples.fail) >= 2, "needs 2 pass and 2 fail examples"
    for text in (s.title, s.message, s.rationale, s.suggestion):
        assert text is not None and text.nl.strip() and text.en and text.en.strip(), "Dutch and English texts"
    if s.ok_message is not None:
        assert s.ok_message.en
    assert s.source.seed in SEEDS and s.source.section.strip()
    if (SHARED / "seeds").is_dir():
        assert (SHARED / "seeds" / s.source.seed).exists()
    wrong = [r for r in run_rule_examples(rule) if not r.ok]
    assert not wrong, [(r.expected, r.actual, r.snippet[:120]) for r in wrong]


def test_rules_test_command_passes():
    result = CliRunner().invoke(app, ["rules", "test", "integraliteit"])
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.output


def test_rules_list_json_shows_principles(pack):
    result = CliRunner().invoke(app, ["rules", "list", "--pack", "integraliteit", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {row["id"]: row["principles"] for row in rows} == {r.id: list(r.spec.principles) for r in pack.rules}


@pytest.mark.parametrize("status", ["pass", "fail"])
def test_expected_verdict_per_principle_on_the_example(example_results_any_format, status):
    by_principle: dict[str, set[str]] = {}
    for r in example_results_any_format:
        for p in r.principles:
            by_principle.setdefault(p, set()).add(r.status)
    wrong = {p: sorted(by_principle.get(p, {"missing"})) for p in EXPECTED_ON_EXAMPLE[status]
             if by_principle.get(p) != {status}}
    assert not wrong, f"expected {status}: {wrong}"


def test_every_verdict_on_the_example_has_evidence(example_results_any_format):
    for r in example_results_any_format:
        assert r.status in ("pass", "fail"), (r.rule, r.status, r.message)
        if r.status == "pass":
            assert r.locations and r.locations[0].quote, f"{r.rule}: a pass must quote evidence"
            assert r.locations[0].part in ("binding", "preamble"), r.rule
        else:
            assert (r.locations and r.locations[0].quote) or r.looked_for, f"{r.rule}: fail without evidence"
        assert "template error" not in r.message


def test_example_findings_quote_the_right_articles(example_results):
    first = {r.rule: r.locations[0] for r in example_results if r.locations}
    assert first["INT-P09-contractduur-en-keuze"].article == "30"
    assert first["INT-P26-geen-productfinanciering"].article == "31"
    assert first["INT-P25-maatschappelijke-resultaten"].article == "3"
    assert first["INT-P06-beleidsarme-verordening"].article == "26"  # the tariff table
    assert first["INT-P03-onafhankelijke-ombudsman"].part == "toelichting"
    assert first["INT-P01-eigen-kracht-met-vangnet"].article == "11"
    assert first["INT-P10-integraal-pgb"].article == "22"


def test_p06_message_reports_the_measured_figures(example_results):
    p06 = next(r for r in example_results if r.rule == "INT-P06-beleidsarme-verordening")
    assert p06.values["norms"] >= 30 and p06.values["words"] > 4000
    assert f"{p06.values['norms']} gedetailleerde normen" in p06.message
    assert str(p06.values["table_rows"]) in p06.message and p06.values["table_rows"] == 10


def test_p02_ignores_the_indexation_near_miss(example_results):
    p02 = next(r for r in example_results if r.rule == "INT-P02-vrije-budgetruimte")
    assert p02.status == "fail" and not p02.locations and p02.looked_for


def test_english_messages_on_the_example(pack):
    doc = parse_source(EXAMPLE.read_bytes(), str(EXAMPLE))
    results = Engine([pack], lang="en").check_document(doc).results
    p06 = next(r for r in results if r.rule == "INT-P06-beleidsarme-verordening")
    assert p06.message.startswith("The ordinance is policy-heavy")
    per_1000 = p06.values["per_1000"]
    assert "," in per_1000, "the example's density has decimals"  # e.g. "10,3"
    assert f"{per_1000.replace(',', '.')} per 1,000 words" in p06.message, "English decimal point"


def test_docs_principles_md_is_generated_from_the_pack(pack):
    generated = principles_markdown([pack])
    current = (ROOT / "docs" / "principles.md").read_text(encoding="utf-8")
    assert current == generated, "docs/principles.md is out of date: run python -m sociaal_audit.rules.doc"
    for rule in pack.rules:
        assert f"`{rule.id}`" in current
    assert "31 of 31 principles covered." in current


# A Wmo-only, policy-light ordinance full of near misses (tests/rules/data/verordening-wmo-beekveld.md).
BEEKVELD = Path(__file__).parent / "data" / "verordening-wmo-beekveld.md"
EXPECTED_ON_BEEKVELD = {
    "INT-P01-eigen-kracht-met-vangnet": ("pass", "3"),  # "voor zover hij ... niet op eigen kracht"; art. 1 is a definition
    "INT-P02-vrije-budgetruimte": ("pass", "9"),  # 7% kept free, over a line break; art. 9 lid 2 "5%" is a bijdrage
    "INT-P03-onafhankelijke-ombudsman": ("fail", None),  # only the provider's procedure and the Nationale ombudsman
    "INT-P05-hardheidsclausule": ("pass", "11"),  # the provision, not the heading, is quoted
    "INT-P06-beleidsarme-verordening": ("pass", None),  # norms sent to nadere regels (articles 4 and 5)
    "INT-P09-contractduur-en-keuze": ("pass", "8"),  # yearly termination; a four-year membership is no contract
    "INT-P10-integraal-pgb": ("fail", None),  # pgb only for the Wmo
    "INT-P12-integrale-verordening": ("fail", None),
    "INT-P16-samenstelling-wijkteam": ("fail", None),  # the composition of a household is no team
    "INT-P25-maatschappelijke-resultaten": ("pass", "10"),
}


def test_near_misses_in_a_policy_light_wmo_ordinance(pack):
    doc = parse_source(BEEKVELD.read_bytes(), str(BEEKVELD))
    results = {r.rule: r for r in Engine([pack]).check_document(doc).results}
    for rule_id, (status, article) in EXPECTED_ON_BEEKVELD.items():
        r = results[rule_id]
        assert r.status == status, (rule_id, r.status, r.message)
        if article is not None:
            assert r.locations[0].article == article, (rule_id, r.locations[0])
    assert results["INT-P05-hardheidsclausule"].locations[0].quote.startswith("Het college kan")
    assert results["INT-P02-vrije-budgetruimte"].values["share"] == "7%"
    p06 = results["INT-P06-beleidsarme-verordening"]
    assert p06.locations[0].article in ("4", "5") and "nadere regels" in p06.locations[0].quote


# Legal wording that names a subject without providing it: definitions, headings, a provider's own
# procedures, a client's duties, a lease (tests/rules/data/verordening-sociaal-domein-hollandsveen.md).
HOLLANDSVEEN = Path(__file__).parent / "data" / "verordening-sociaal-domein-hollandsveen.md"
EXPECTED_ON_HOLLANDSVEEN = {
    "INT-P03-onafhankelijke-ombudsman": ("fail", None),  # a definition, the provider's committee, a notice
    "INT-P04-schulden-en-boetes": ("fail", None),  # a fine waived for a first offence is no hardship solution
    "INT-P05-hardheidsclausule": ("pass", "12"),  # "is bevoegd ... af te wijken van het bepaalde"
    "INT-P07-evaluatie": ("pass", "13"),  # the evaluation clause of the Aanwijzingen voor de regelgeving
    "INT-P08-doorzettingsmacht": ("fail", None),  # a definition and a heading provide nothing
    "INT-P09-contractduur-en-keuze": ("fail", "10"),  # a one-year lease is no care contract
    "INT-P10-integraal-pgb": ("fail", None),  # only in the toelichting
    "INT-P11-maximaal-twee-verwijzingen": ("pass", "2"),  # "hooguit één keer doorverwezen"
    "INT-P12-integrale-verordening": ("pass", None),  # one "gelet op" per act
    "INT-P15-professionele-ruimte-wijkteam": ("pass", "3"),  # "niet gebonden aan de interne procedures"
    "INT-P18-adviesraad": ("fail", None),  # a provider's own client council
    "INT-P22-keuzevrijheid": ("fail", None),  # "eigen regie" only defined
    "INT-P24-collectieve-zorgverzekering": ("fail", None),  # abolished
    "INT-P25-maatschappelijke-resultaten": ("fail", None),  # a client's duty to try is no policy intention
    "INT-P31-ruimte-nieuwe-aanbieders": ("fail", None),  # entry excluded
}


def test_legal_wording_that_provides_nothing_does_not_pass(pack):
    doc = parse_source(HOLLANDSVEEN.read_bytes(), str(HOLLANDSVEEN))
    results = {r.rule: r for r in Engine([pack]).check_document(doc).results}
    for rule_id, (status, article) in EXPECTED_ON_HOLLANDSVEEN.items():
        r = results[rule_id]
        assert r.status == status, (rule_id, r.status, r.message, [loc.quote for loc in r.locations])
        if article is not None:
            assert r.locations[0].article == article, (rule_id, r.locations[0])
    assert results["INT-P12-integrale-verordening"].locations[0].part == "preamble"
    assert results["INT-P07-evaluatie"].locations[0].quote.startswith("Het college zendt")
    assert [loc.lid for loc in results["INT-P15-professionele-ruimte-wijkteam"].locations] == ["1"]
    assert results["INT-P25-maatschappelijke-resultaten"].values["vague"] == 0
    assert results["INT-P10-integraal-pgb"].values["only_in_toelichting"] is True
