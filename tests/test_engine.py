"""The engine's applicability: packs with ``domain: social`` skip documents outside the social domain
(a parking or Bibob policy rule), and say so, instead of failing them."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import parse

PARKING = """\
# Beleidsregels parkeren Beekveld 2026

Het college van burgemeester en wethouders van de gemeente Beekveld;

gelet op artikel 4:81 van de Algemene wet bestuursrecht en de Parkeerverordening Beekveld 2020;

besluit vast te stellen de volgende beleidsregels:

## Artikel 1. Parkeervergunning

1. Een bewoner kan één parkeervergunning per adres aanvragen.
2. Het college kan in bijzondere gevallen afwijken van deze beleidsregels, indien toepassing tot
onbillijkheden van overwegende aard leidt.

## Artikel 2. Inwerkingtreding

Deze beleidsregels treden in werking op 1 januari 2026.
"""

SUBSIDY = """\
# Algemene subsidieverordening Beekveld 2026

De raad van de gemeente Beekveld;

gelet op artikel 149 van de Gemeentewet;

besluit vast te stellen de volgende verordening:

## Artikel 1. Subsidieplafond

De raad stelt jaarlijks subsidieplafonds vast voor sport, cultuur en welzijn, ook voor mantelzorg.

## Artikel 2. Hardheidsclausule

Het college kan afwijken van deze verordening als toepassing tot onbillijkheden van overwegende aard leidt.
"""

PLAN = """\
# Beleidsplan Samen leven in Beekveld 2026-2029

## Hoofdstuk 1. Waar wij voor staan

## Artikel 1. Eén toegang

1. Inwoners met een vraag over jeugdhulp, een maatwerkvoorziening of werk melden zich bij het wijkteam.
2. Het wijkteam bekijkt de vraag in samenhang en betrekt de mantelzorger.
"""


def _run(text: str, packs=("integraliteit",)):
    from sociaal_audit.engine import Engine
    from sociaal_audit.rules.loader import load_packs

    engine = Engine(load_packs(list(packs)), lang="nl")
    return engine.check_document(parse(text, "document.md"))


@pytest.mark.parametrize("text", [PARKING, SUBSIDY], ids=["parkeren", "subsidie"])
def test_outside_the_social_domain_every_rule_is_not_applicable_with_the_reason(text: str) -> None:
    result = _run(text)
    assert Counter(r.status for r in result.results) == {"not_applicable": len(result.results)}
    assert all(r.values.get("reason") == "not_social_domain" for r in result.results)
    assert "gaat niet over het sociaal domein" in result.results[0].message


@pytest.mark.parametrize("text", [PLAN], ids=["beleidsplan-zonder-wet-in-de-titel"])
def test_a_document_using_the_domains_words_is_checked(text: str) -> None:
    result = _run(text)
    assert any(r.status in ("pass", "fail") for r in result.results)
    assert not any(r.values.get("reason") == "not_social_domain" for r in result.results)


def test_a_pack_without_domain_checks_any_document(tmp_path) -> None:
    pack = tmp_path / "pakket.yaml"
    pack.write_text(
        """\
id: eigen
title: Eigen regels
version: "1.0"
rules:
  - id: EIG-P05-hardheid
    title: Hardheidsclausule
    principles: [P05]
    theme: organisatie
    severity: error
    kind: requires
    phrases: [onbillijkheden van overwegende aard]
    message: Geen hardheidsclausule.
    rationale: Ruimte voor schrijnende gevallen.
    source: {seed: 003_a9b6cd22cd6fadb6.txt, section: Thema 1}
""",
        encoding="utf-8",
    )
    (result,) = _run(PARKING, packs=(str(pack),)).results
    assert result.status == "pass"


def test_reports_say_why_nothing_applies(tmp_path) -> None:
    from sociaal_audit.output import RenderOptions, render
    from sociaal_audit.runner import CheckOptions, check_paths

    path = tmp_path / "beleidsregels-parkeren.md"
    path.write_text(PARKING, encoding="utf-8")
    run = check_paths([str(path)], CheckOptions())
    markdown = render(run, "markdown", RenderOptions(lang="nl"))
    assert "Niet van toepassing, want het document gaat niet over het sociaal domein: 31." in markdown
    assert "Van de 0 getoetste punten" not in markdown and "Er ontbreekt niets" not in markdown
    english = render(run, "markdown", RenderOptions(lang="en"))
    assert "Not applicable, as the document is not about the social domain: 31." in english
    text = render(run, "text", RenderOptions(lang="nl", color=False))
    assert "Geen toetsregel is van toepassing: het document gaat niet over het sociaal domein." in text


def test_the_json_fingerprint_survives_renumbering_as_the_baseline_does() -> None:
    """The ``fingerprint`` of a result is the baseline's: article heading without its number and the
    quote without the numbers of references, so inserting an article changes no fingerprint."""
    original = """\
# Verordening maatschappelijke ondersteuning Beekveld 2026

De raad van de gemeente Beekveld;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

## Artikel 3. Tarieven

Het college stelt de tarieven vast.

## Artikel 4. Bekostiging

Het college bekostigt aanbieders per uur geleverde ondersteuning, tegen de tarieven bedoeld in artikel 3.
"""
    renumbered = original.replace("## Artikel 4. Bekostiging", "## Artikel 5. Bekostiging").replace(
        "## Artikel 3. Tarieven", "## Artikel 3. Begrippen\n\nBegrippen als in de wet.\n\n## Artikel 4. Tarieven"
    ).replace("bedoeld in artikel 3.", "bedoeld in artikel 4.")

    def p26(text: str):
        result = _run(text)
        return next(r for r in result.results if r.rule == "INT-P26-geen-productfinanciering")

    before, after = p26(original), p26(renumbered)
    assert before.status == after.status == "fail"
    assert before.locations[0].article != after.locations[0].article
    assert before.fingerprint == after.fingerprint
