"""The document rule kinds: requires, forbids and threshold, with their parameters."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import parse
from sociaal_audit.engine import Engine
from sociaal_audit.results import Result
from sociaal_audit.rules.context import DocContext
from sociaal_audit.rules.loader import LoadedRule, pack_from_data

HEAD = "# Verordening maatschappelijke ondersteuning Beekveld 2025\n\n"


def make_rule(kind: str, scope: str = "binding", applies_to: list[str] | None = None, **params: Any) -> LoadedRule:
    rule = {
        "id": "TST-P05-regel", "title": "Testregel", "principles": ["P05"], "theme": "organisatie",
        "severity": "error", "kind": kind, "scope": scope, "applies_to": applies_to or [],
        "message": {
            "nl": "Niet in orde: {{ looked_for }} ({{ count }}){% if only_in_toelichting %}, alleen in de toelichting{% endif %}"
                  "{% if value %}, waarde {{ value }} tegen {{ bound }}{% endif %}.",
            "en": "Not in order{% if value %}: value {{ value }} against {{ bound }}{% endif %}.",
        },
        "ok_message": {"nl": "In orde in {{ article }}{% if lid %} lid {{ lid }}{% endif %}: {{ quote }}"},
        "rationale": "Omdat het moet.", "source": {"seed": "003_a9b6cd22cd6fadb6.txt", "section": "Thema 1"},
        **params,
    }
    pack = pack_from_data({"id": "test", "title": "Test", "version": "1", "rules": [rule]}, "test.yaml")
    return pack.rules[0]


def run(rule: LoadedRule, body: str, lang: str = "nl", kind: str | None = None) -> Result:
    doc = parse(HEAD + body, kind=kind)
    return Engine([], lang=lang).check_rule(rule, DocContext(doc))


HARDHEID = "Artikel 9 Hardheidsclausule\n\nHet college kan afwijken van de bepalingen van deze verordening.\n"
OTHER = "Artikel 1 Toegang\n\n1. Het college richt een toegang in.\n2. De toegang is bereikbaar op werkdagen.\n\n"


# ----- requires ----------------------------------------------------------------------------------


def test_requires_passes_with_located_quote() -> None:
    result = run(make_rule("requires", phrases=["afwijken van de bepalingen"]), OTHER + HARDHEID)
    assert result.status == "pass"
    (loc,) = result.locations
    assert (loc.article, loc.line, loc.column, loc.part) == ("9", 10, 17, "binding")  # "afwijken" starts in column 17
    assert loc.quote == "Het college kan afwijken van de bepalingen van deze verordening."
    assert result.message.startswith("In orde in Artikel 9 Hardheidsclausule: Het college kan afwijken")


def test_requires_fails_with_what_was_looked_for() -> None:
    result = run(make_rule("requires", phrases=["hardheidsclausule"], patterns=[r"\bafwijken\b"]), OTHER)
    assert result.status == "fail"
    assert result.locations == []
    assert result.looked_for == '"hardheidsclausule", /\\bafwijken\\b/'
    assert result.message == 'Niet in orde: "hardheidsclausule", /\\bafwijken\\b/ (0).'


def test_requires_found_only_in_toelichting_fails_and_says_so() -> None:
    body = OTHER + "# Toelichting\n\nHet college kan afwijken van de bepalingen in schrijnende gevallen.\n"
    result = run(make_rule("requires", phrases=["afwijken"]), body)
    assert result.status == "fail"
    assert result.values["only_in_toelichting"] is True
    assert "alleen in de toelichting" in result.message
    assert [loc.part for loc in result.locations] == ["toelichting"]


def test_requires_scope_toelichting_and_document() -> None:
    body = OTHER + "# Toelichting\n\nHet college kan afwijken in schrijnende gevallen.\n"
    assert run(make_rule("requires", scope="toelichting", phrases=["afwijken"]), body).status == "pass"
    assert run(make_rule("requires", scope="document", phrases=["afwijken"]), body).status == "pass"
    assert run(make_rule("requires", scope="toelichting", phrases=["toegang"]), body).status == "fail"


def test_requires_heading_limits_to_matching_articles() -> None:
    rule = make_rule("requires", phrases=["afwijken"], heading=r"hardheid")
    assert run(rule, OTHER + HARDHEID).status == "pass"
    elsewhere = OTHER + "Artikel 9 Slotbepaling\n\nHet college kan afwijken van de bepalingen van deze verordening.\n"
    assert run(rule, elsewhere).status == "fail"


def test_requires_near_demands_a_second_match_in_the_same_sentence() -> None:
    rule = make_rule("requires", phrases=["evalueert"], near={"phrases": ["twee jaar"], "within": "sentence"})
    assert run(rule, "Artikel 3 Evaluatie\n\nHet college evalueert deze verordening binnen twee jaar.\n").status == "pass"
    split = "Artikel 3 Evaluatie\n\nHet college evalueert deze verordening. Dat gebeurt binnen twee jaar.\n"
    assert run(rule, split).status == "fail"
    by_article = make_rule("requires", phrases=["evalueert"], near={"phrases": ["twee jaar"], "within": "article"})
    assert run(by_article, split).status == "pass"


def test_requires_near_within_lid() -> None:
    rule = make_rule("requires", phrases=["evalueert"], near={"phrases": ["twee jaar"], "within": "lid"})
    same = "Artikel 3 Evaluatie\n\n1. Het college evalueert deze verordening. Dat gebeurt binnen twee jaar.\n2. De raad beslist.\n"
    other = "Artikel 3 Evaluatie\n\n1. Het college evalueert deze verordening.\n2. De raad beslist binnen twee jaar.\n"
    assert run(rule, same).status == "pass"
    assert run(rule, other).status == "fail"


def test_requires_unless_discards_a_match_in_that_context() -> None:
    rule = make_rule("requires", phrases=["keuzevrijheid"], unless={"phrases": ["uitsluitend gecontracteerde"]})
    assert run(rule, "Artikel 4 Keuze\n\nDe cliënt heeft keuzevrijheid tussen aanbieders.\n").status == "pass"
    limited = "Artikel 4 Keuze\n\nDe cliënt heeft keuzevrijheid tussen uitsluitend gecontracteerde aanbieders.\n"
    assert run(rule, limited).status == "fail"


def test_requires_min_count() -> None:
    rule = make_rule("requires", phrases=["adviesraad"], min_count=2)
    once = "Artikel 5 Advies\n\nHet college vraagt de adviesraad om advies.\n"
    twice = once + "\nArtikel 6 Samenstelling\n\nDe adviesraad bestaat uit inwoners.\n"
    assert run(rule, once).status == "fail"
    result = run(rule, twice)
    assert result.status == "pass" and result.values["count"] == 2


def test_requires_negated_match_does_not_count() -> None:
    rule = make_rule("requires", phrases=["hardheidsclausule"])
    assert run(rule, "Artikel 9 Slot\n\nDeze verordening kent geen hardheidsclausule.\n").status == "fail"
    no_negation = make_rule("requires", phrases=["hardheidsclausule"], negation=False)
    assert run(no_negation, "Artikel 9 Slot\n\nDeze verordening kent geen hardheidsclausule.\n").status == "pass"


def test_requires_in_headings_false_ignores_a_heading_but_not_a_short_article_body() -> None:
    rule = make_rule("requires", phrases=["doorzettingsmacht"], in_headings=False)
    heading_only = "Artikel 6 Regie en doorzettingsmacht\n\nHet sociaal wijkteam coördineert de ondersteuning.\n"
    assert run(rule, OTHER + heading_only).status == "fail"
    short_body = "Artikel 6 Regie\n\nDe regisseur heeft doorzettingsmacht.\n"  # within four words of the number
    result = run(rule, OTHER + short_body)
    assert result.status == "pass" and result.locations[0].quote == "De regisseur heeft doorzettingsmacht."
    heading_on_its_own_line = "### Artikel 6\n\nRegie en doorzettingsmacht\n\nHet wijkteam coördineert.\n"
    assert run(rule, OTHER + heading_on_its_own_line).status == "fail"
    markdown_heading = "Artikel 6 Regie\n\n#### Doorzettingsmacht\n\nHet wijkteam coördineert.\n"
    assert run(rule, OTHER + markdown_heading).status == "fail"
    assert run(make_rule("requires", phrases=["doorzettingsmacht"]), OTHER + heading_only).status == "pass"


def test_requires_in_toelichting_false_keeps_the_preamble_and_drops_the_toelichting() -> None:
    rule = make_rule("requires", scope="document", phrases=["jeugdwet"], in_toelichting=False)
    preamble = "De raad van de gemeente Beekveld;\n\ngelet op artikel 2.9 van de Jeugdwet;\n\nbesluit:\n\n"
    assert run(rule, preamble + OTHER).status == "pass"
    notes = OTHER + "# Toelichting\n\nSinds 2015 voert de gemeente ook de Jeugdwet uit.\n"
    assert run(rule, notes).status == "fail"
    assert run(make_rule("requires", scope="document", phrases=["jeugdwet"]), notes).status == "pass"


def test_requires_in_definitions_false_ignores_a_defined_term() -> None:
    rule = make_rule("requires", phrases=["eigen regie"], in_definitions=False)
    definitions = "Artikel 1 Begripsbepalingen\n\nIn deze verordening wordt verstaan onder:\na. eigen regie: de mogelijkheid om zelf te kiezen;\nb. wet: de Wmo 2015.\n"
    assert run(rule, definitions).status == "fail"
    provision = "\nArtikel 2 Regie\n\nHet college respecteert de eigen regie van de cliënt.\n"
    result = run(rule, definitions + provision)
    assert result.status == "pass" and result.locations[0].article == "2"


def test_requires_quotes_each_sentence_once() -> None:
    # a sentence longer than a quote (300 characters), so each keyword would get its own window
    rule = make_rule("requires", phrases=["eigen kracht", "sociaal netwerk", "gebruikelijke hulp"], negation=False)
    long_sentence = ("Een cliënt komt in aanmerking voor een maatwerkvoorziening voor zover hij " + "naar het oordeel van het college " * 6
                     + "niet op eigen kracht, met gebruikelijke hulp of met hulp van zijn " + "naaste familie en " * 8
                     + "zijn sociaal netwerk de beperkingen kan wegnemen.")
    assert len(long_sentence) > 400
    body = "Artikel 3 Criteria\n\n1. " + long_sentence + "\n2. Het college weegt de eigen kracht mee.\n"
    result = run(rule, body)
    assert result.status == "pass"
    assert [loc.lid for loc in result.locations] == ["1", "2"]


def test_applies_to_gives_not_applicable() -> None:
    rule = make_rule("requires", applies_to=["overeenkomst"], phrases=["hardheidsclausule"])
    result = run(rule, OTHER)
    assert result.status == "not_applicable"
    assert run(rule, OTHER, kind="overeenkomst").status == "fail"


# ----- forbids -----------------------------------------------------------------------------------


def test_forbids_fails_quoting_every_offending_provision() -> None:
    rule = make_rule("forbids", patterns=[r"\bper\s+(?:uur|etmaal)\b"])
    body = ("Artikel 7 Bekostiging\n\n1. Het college bekostigt aanbieders per uur.\n"
            "2. Verblijf wordt vergoed per etmaal.\n")
    result = run(rule, body)
    assert result.status == "fail"
    assert [(loc.article, loc.lid) for loc in result.locations] == [("7", "1"), ("7", "2")]
    assert result.values["count"] == 2


def test_forbids_passes_when_absent_or_negated_or_unless() -> None:
    rule = make_rule("forbids", patterns=[r"\bper\s+uur\b"], unless={"phrases": ["cliëntondersteuning"]})
    assert run(rule, "Artikel 7 Bekostiging\n\nHet college bekostigt taakgericht.\n").status == "pass"
    assert run(rule, "Artikel 7 Bekostiging\n\nEr wordt niet per uur gedeclareerd.\n").status == "pass"
    assert run(rule, "Artikel 7 Bekostiging\n\nDe cliëntondersteuning wordt per uur vergoed.\n").status == "pass"
    assert run(rule, "Artikel 7 Bekostiging\n\nDe begeleiding wordt per uur vergoed.\n").status == "fail"


def test_forbids_ignores_the_toelichting_for_binding_scope() -> None:
    rule = make_rule("forbids", patterns=[r"\bper\s+uur\b"])
    body = OTHER + "## Toelichting\n\nVroeger werd per uur bekostigd.\n"
    assert run(rule, body).status == "pass"


# ----- threshold ---------------------------------------------------------------------------------

REFERRALS = r"\b(?:maximaal|ten hoogste)\s+(?P<n>\d+|een|twee|drie|vier)\s+(?:door)?verwijzingen\b"


@pytest.mark.parametrize(
    "sentence, status, value",
    [
        ("De cliënt is na maximaal drie verwijzingen bij de juiste organisatie.", "fail", "3"),
        ("De cliënt is na maximaal 3 verwijzingen bij de juiste organisatie.", "fail", "3"),
        ("De cliënt is na ten hoogste twee doorverwijzingen bij de juiste organisatie.", "pass", "2"),
        ("De cliënt is na ten hoogste 2 verwijzingen bij de juiste organisatie.", "pass", "2"),
        ("De cliënt is na maximaal een verwijzingen geholpen.", "pass", "1"),
    ],
)
def test_threshold_max(sentence: str, status: str, value: str) -> None:
    result = run(make_rule("threshold", patterns=[REFERRALS], max=2), f"Artikel 7 Verwijzing\n\n{sentence}\n")
    assert (result.status, result.values["value"], result.values["bound"]) == (status, value, "2")
    if status == "fail":
        assert result.message.endswith("waarde 3 tegen 2.")
        assert result.locations[0].note == "3"


def test_threshold_min() -> None:
    rule = make_rule("threshold", patterns=[r"\bbinnen\s+(?P<n>\d+|twee|drie|zes|acht)\s+weken\b"], min=6)
    assert run(rule, "Artikel 3 Termijn\n\nHet college beslist binnen twee weken.\n").status == "fail"
    assert run(rule, "Artikel 3 Termijn\n\nHet college beslist binnen acht weken.\n").status == "pass"


def test_threshold_missing() -> None:
    body = "Artikel 7 Verwijzing\n\nHet wijkteam verwijst de inwoner door.\n"
    assert run(make_rule("threshold", patterns=[REFERRALS], max=2), body).status == "fail"
    assert run(make_rule("threshold", patterns=[REFERRALS], max=2, missing="pass"), body).status == "pass"
    assert run(make_rule("threshold", patterns=[REFERRALS], max=2, missing="not_applicable"), body).status == "not_applicable"


def test_threshold_any_value_over_the_bound_fails() -> None:
    body = ("Artikel 7 Verwijzing\n\n1. Een jeugdige is na ten hoogste twee verwijzingen geholpen.\n"
            "2. Een volwassene is na maximaal vier verwijzingen geholpen.\n")
    result = run(make_rule("threshold", patterns=[REFERRALS], max=2), body)
    assert result.status == "fail" and result.values["value"] == "4"
    assert result.locations[0].lid == "2"


def test_threshold_english_message() -> None:
    result = run(make_rule("threshold", patterns=[REFERRALS], max=2),
                 "Artikel 7 Verwijzing\n\nNa maximaal drie verwijzingen.\n", lang="en")
    assert result.message == "Not in order: value 3 against 2."


def test_builtin_referral_rule_on_number_words_and_digits() -> None:
    from sociaal_audit.rules.loader import load_pack

    rule = load_pack("integraliteit").by_id["INT-P11-maximaal-twee-verwijzingen"]
    fail = run(rule, "Artikel 7 Verwijzing\n\nEen inwoner wordt na maximaal drie verwijzingen door de juiste organisatie geholpen.\n")
    assert fail.status == "fail" and fail.values["value"] == "3"
    for n in ("twee", "2"):
        ok = run(rule, f"Artikel 7 Verwijzing\n\nEen inwoner wordt na maximaal {n} verwijzingen door de juiste organisatie geholpen.\n")
        assert ok.status == "pass" and ok.values["value"] == "2"
