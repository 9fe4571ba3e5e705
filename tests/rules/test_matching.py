"""Dutch text matching: folding, phrases over line breaks, number words, negation and fuzzy matching."""

from __future__ import annotations

import pytest

from sociaal_audit.rules.matching import Matcher, NormalizedText, fold, is_definition, is_negated, parse_number, quote


def find(text: str, phrases: tuple[str, ...] = (), patterns: tuple[str, ...] = (), fuzzy: int = 100,
         negation: bool = True) -> list[str]:
    norm = NormalizedText(text)
    return [m.text for m in Matcher(patterns, phrases, fuzzy, negation).find(norm, [(0, len(text))])]


# ----- normalisation ---------------------------------------------------------------------------


def test_fold_is_length_preserving_and_drops_case_and_diacritics() -> None:
    text = "Cliënt, Één HARDHEIDSCLAUSULE — geëvalueerd\n**vet**"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "client, een hardheidsclausule - geevalueerd   vet  "


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("De HARDHEIDSCLAUSULE geldt.", "hardheidsclausule"),
        ("Het college betrekt de cliëntondersteuning.", "clientondersteuning"),
        ("Het college betrekt de clientondersteuning.", "cliëntondersteuning"),
        ("Zij wordt geëvalueerd.", "geevalueerd"),
    ],
)
def test_case_and_diacritics(text: str, phrase: str) -> None:
    assert len(find(text, (phrase,))) == 1


def test_hyphenation_over_a_line_break() -> None:
    text = "Deze verordening kent een hardheids-\nclausule voor schrijnende gevallen."
    (match,) = find(text, ("hardheidsclausule",))
    assert match == "hardheids-\nclausule"  # the quote and offsets are those of the original
    norm = NormalizedText(text)
    assert "hardheidsclausule" in norm.text
    start = norm.text.index("clausule")
    assert text[norm.to_original(start):].startswith("clausule")


def test_compound_with_a_real_hyphen_stays_matchable() -> None:
    assert find("De re-integratievoorziening wordt verstrekt.", ("re-integratievoorziening",))
    assert find("De re-\nintegratievoorziening wordt verstrekt.", ("reintegratievoorziening",))


def test_phrase_broken_over_two_lines_and_markup() -> None:
    text = "indien toepassing leidt tot onbillijkheid van\noverwegende aard, kan het college **afwijken**."
    assert find(text, ("onbillijkheid van overwegende aard",)) == ["onbillijkheid van\noverwegende aard"]
    assert find(text, ("kan het college afwijken",))


def test_light_inflection() -> None:
    assert find("De maatwerkvoorzieningen worden verstrekt.", ("maatwerkvoorziening",))
    assert find("Het college hoort de cliënten.", ("client",))
    assert find("Het college hoort de mantelzorgers.", ("mantelzorger",))
    assert not find("Het college hoort de mantelzorgorganisatie.", ("mantelzorger",))


@pytest.mark.parametrize("text", ["binnen twee jaar", "binnen 2 jaar"])
@pytest.mark.parametrize("phrase", ["binnen twee jaar", "binnen 2 jaar"])
def test_number_words_and_digits_match_each_other(text: str, phrase: str) -> None:
    assert find(f"Het college evalueert {text}.", (phrase,))


def test_number_words_do_not_match_other_numbers() -> None:
    assert not find("Het college evalueert binnen drie jaar.", ("binnen twee jaar",))
    assert not find("Het college evalueert binnen 12 jaar.", ("binnen 2 jaar",))


@pytest.mark.parametrize(
    "text, value",
    [("twee", 2), ("2", 2), ("Drie", 3), ("één", 1), ("tien", 10), ("vijfentwintig", 25), ("2,5", 2.5),
     ("1.000", 1000), ("tweemaal", 2)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "veel", "twee jaar", "2x"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


# ----- negation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Er is geen hardheidsclausule.", "hardheidsclausule"),
        ("Deze verordening kent geen hardheidsclausule.", "hardheidsclausule"),
        ("Het college kan niet afwijken van de bepalingen.", "afwijken"),
        ("Een hardheidsclausule is niet van toepassing.", "hardheidsclausule"),
        ("Er wordt nooit afgeweken.", "afgeweken"),
        ("Tussentijdse toetreding is uitgesloten.", "tussentijdse toetreding"),
        ("De collectieve zorgverzekering voor minima is per 1 januari 2026 beëindigd.", "collectieve zorgverzekering"),
        ("Het uitdaagrecht is met ingang van 2025 afgeschaft.", "uitdaagrecht"),
        ("Deze verordening is vastgesteld zonder hardheidsclausule.", "hardheidsclausule"),
        ("De overeenkomst wordt gesloten zonder een mogelijkheid tot tussentijdse opzegging.", "tussentijdse opzegging"),
    ],
)
def test_negated_matches_do_not_count(text: str, phrase: str) -> None:
    assert find(text, (phrase,)) == []
    assert find(text, (phrase,), negation=False) != []


def test_negated_pattern_match_does_not_count() -> None:
    assert find("Het college kan niet afwijken van de bepalingen.", patterns=(r"\bcollege\b[^.]{0,40}\bafwijken",)) == []


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Indien de hulp niet of onvoldoende toereikend is, verstrekt het college een maatwerkvoorziening.", "toereikend"),
        ("Indien de hulp niet of\nonvoldoende toereikend is, verstrekt het college een maatwerkvoorziening.", "maatwerkvoorziening"),
        ("Niet alleen de hardheidsclausule geldt.", "hardheidsclausule"),
        ("Het college verstrekt geen geld, maar een maatwerkvoorziening.", "maatwerkvoorziening"),
        ("Het college kan afwijken van de bepalingen.", "afwijken"),
        ("De overeenkomst met de aanbieder is jaarlijks opzegbaar, waarna zij is beëindigd.", "jaarlijks opzegbaar"),
        ("Het aantal jongeren zonder startkwalificatie is uiterlijk in 2028 met 20% gedaald.", "met 20%"),
        ("Inwoners zonder sociaal netwerk krijgen een maatwerkvoorziening.", "maatwerkvoorziening"),
    ],
)
def test_not_negations(text: str, phrase: str) -> None:
    assert len(find(text, (phrase,))) == 1


def test_negation_does_not_cross_a_sentence() -> None:
    text = "Er is geen wachtlijst. Het college kan afwijken van deze verordening."
    assert find(text, ("afwijken",)) == ["afwijken"]
    folded = fold(text)
    assert not is_negated(folded, folded.index("afwijken"), folded.index("afwijken") + 8)


# ----- definitions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, term",
    [
        ("In deze verordening wordt verstaan onder:\na. eigen regie: de mogelijkheid om zelf te kiezen;", "eigen regie"),
        ("In deze verordening wordt verstaan onder:\na. wet: de Wmo 2015;\nb. gemeentepolis: de collectieve verzekering;", "gemeentepolis"),
        ("i. integraal persoonsgebonden budget: een budget voor Wmo en jeugdhulp samen;", "persoonsgebonden budget"),
        ("In deze verordening wordt verstaan onder: a. ombudsman: de ombudsman sociaal domein; b. wet: de Wmo.", "ombudsman"),
        ("Onder eigen regie wordt verstaan: de mogelijkheid om zelf te kiezen.", "eigen regie"),
        ("In deze verordening wordt onder ombudsman verstaan: de ombudsman sociaal domein.", "ombudsman"),
    ],
)
def test_the_term_of_a_definition_is_recognised(text: str, term: str) -> None:
    start = text.index(term)
    assert is_definition(text, start, start + len(term))


@pytest.mark.parametrize(
    "text, term",
    [
        ("Het college respecteert de eigen regie van de cliënt.", "eigen regie"),
        ("De cliënt heeft keuzevrijheid: hij kiest zelf een aanbieder.", "keuzevrijheid"),
        ("Het college biedt een gemeentepolis aan voor:\na. minima;", "gemeentepolis"),
        ("De cliënt kan zich wenden tot de ombudsman: deze behandelt de klacht.", "ombudsman"),
        ("Het college regelt het volgende. Doorzettingsmacht: de regisseur beslist.", "Doorzettingsmacht"),
    ],
)
def test_a_provision_is_no_definition(text: str, term: str) -> None:
    start = text.index(term)
    assert not is_definition(text, start, start + len(term))


# ----- fuzzy ----------------------------------------------------------------------------------


def test_fuzzy_accepts_near_spellings_only_when_asked() -> None:
    text = "Deze verordening kent een hardheidsclausle."
    assert find(text, ("hardheidsclausule",)) == []
    (match,) = find(text, ("hardheidsclausule",), fuzzy=85)
    assert "hardheidsclausle" in match


def test_fuzzy_keeps_precision_and_negation() -> None:
    assert find("Deze verordening regelt de huishoudelijke hulp.", ("hardheidsclausule",), fuzzy=85) == []
    assert find("Er is geen hardheidsclausle.", ("hardheidsclausule",), fuzzy=85) == []


def test_fuzzy_match_reports_its_score() -> None:
    norm = NormalizedText("Deze verordening kent een hardheidsclausle.")
    (m,) = Matcher((), ("hardheidsclausule",), 85).find(norm, [(0, len(norm.original))])
    assert 85 <= m.score < 100


# ----- spans and quotes -----------------------------------------------------------------------


def test_matches_are_limited_to_spans() -> None:
    text = "Het college kan afwijken. De raad kan afwijken."
    norm = NormalizedText(text)
    second = text.index("De raad")
    found = Matcher((), ("afwijken",)).find(norm, [(second, len(text))])
    assert [m.start for m in found] == [text.rindex("afwijken")]


def test_quote_is_the_sentence_around_the_match() -> None:
    text = "Artikel 5.\nHet college beslist. Het college kan\nafwijken van de regels. De raad besluit."
    start = text.index("afwijken")
    assert quote(text, start, start + 8) == "Het college kan afwijken van de regels."
