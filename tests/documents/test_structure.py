"""The Dutch legal-structure parser: numbering, leden, list items, preamble, closing, toelichting,
line/column mapping, plain text and CRLF line ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import parse
from sociaal_audit.documents.model import PartKind

PLAIN = """\
Verordening maatschappelijke ondersteuning Beekveld 2025

De raad van de gemeente Beekveld;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

Hoofdstuk 1 Algemene bepalingen

Paragraaf 1.1 Begrippen

Artikel 1.1 Begripsbepalingen
1. In deze verordening wordt verstaan onder:
a. cliënt: een ingezetene die een melding doet;
b. college: het college van burgemeester en wethouders.
2. Begrippen die niet nader zijn omschreven hebben dezelfde betekenis als in de wet.

Artikel 2:3 Toegang
lid 1 Het college richt een toegang in.
lid 2 De toegang is bereikbaar:
1° telefonisch;
2° elektronisch.

§ 2 Spoed

Artikel 4a Spoedeisende situaties
1 Het college beslist binnen vijf werkdagen.
2 Het college kan de termijn eenmaal verlengen.

Afdeling 3 Slotbepalingen

Artikel 12bis Hardheidsclausule
Het college kan afwijken van deze verordening.

Artikel 2.1.3 Citeertitel
Deze verordening wordt aangehaald als: Verordening maatschappelijke ondersteuning Beekveld 2025.

Artikel 14 Inwerkingtreding
Deze verordening treedt in werking op 1 januari 2025.

Aldus vastgesteld in de openbare vergadering van 12 december 2024.
De griffier, De voorzitter,

Toelichting

Algemeen
Deze verordening regelt de toegang tot maatschappelijke ondersteuning.

Artikel 1.1
De begrippen zijn ontleend aan de wet.
"""


def _numbers(doc, kind: PartKind) -> list[str | None]:
    return [p.number for p in doc.all_parts if p.kind is kind]


def _first(doc, kind: PartKind, number: str | None = None):
    return next(p for p in doc.all_parts if p.kind is kind and (number is None or p.number == number))


def _text(doc, part) -> str:
    return doc.text[part.start:part.end]


# ----- numbering -----------------------------------------------------------------------------


def test_tricky_article_numbers_in_plain_text() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    assert [a.number for a in doc.articles] == ["1.1", "2:3", "4a", "12bis", "2.1.3", "14"]
    assert [a.heading for a in doc.articles][:4] == ["Begripsbepalingen", "Toegang", "Spoedeisende situaties", "Hardheidsclausule"]


def test_chapters_and_sections_nest_articles() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    chapter = _first(doc, PartKind.CHAPTER)
    assert (chapter.number, chapter.heading) == ("1", "Algemene bepalingen")
    sections = [p for p in doc.all_parts if p.kind is PartKind.SECTION]
    assert [(s.number, s.heading) for s in sections] == [("1.1", "Begrippen"), ("2", "Spoed"), ("3", "Slotbepalingen")]
    assert [a.number for a in sections[0].children] == ["1.1", "2:3"]
    assert [a.number for a in sections[2].children] == ["12bis", "2.1.3", "14"]
    assert [s.title for s in sections] == ["Paragraaf 1.1 Begrippen", "§ 2 Spoed", "Afdeling 3 Slotbepalingen"]
    assert chapter.title == "Hoofdstuk 1 Algemene bepalingen"


@pytest.mark.parametrize(
    "heading, number, title",
    [
        ("Artikel 1", "1", None),
        ("Artikel 1.1 Begrippen", "1.1", "Begrippen"),
        ("Artikel 2.1.3. Maatwerkvoorziening", "2.1.3", "Maatwerkvoorziening"),
        ("Artikel 2:3 - Melding", "2:3", "Melding"),
        ("Artikel 4a: Spoed", "4a", "Spoed"),
        ("Artikel 12bis Hardheidsclausule", "12bis", "Hardheidsclausule"),
        ("Artikel 12 bis Hardheidsclausule", "12 bis", "Hardheidsclausule"),
        ("Artikel 3 quater. Spoed", "3 quater", "Spoed"),
        ("Artikel 7 Ter inzagelegging", "7", "Ter inzagelegging"),
        ("Artikel 8.a", "8.a", None),
        ("Artikel 3.1.a. Spoed", "3.1.a", "Spoed"),
        ("Artikel VIA", "VIA", None),
        ("ARTIKEL IV", "IV", None),
        ("Artikel XIa Overgangsrecht", "XIa", "Overgangsrecht"),
        ("Art. 5 Termijnen", "5", "Termijnen"),
        ("### Artikel  77gg  ", "77gg", None),
        ("**Artikel 6 Klachten**", "6", "Klachten"),
    ],
)
def test_article_heading_forms(heading: str, number: str, title: str | None) -> None:
    doc = parse(f"# Verordening Wmo Beekveld 2025\n\n{heading}\n\nHet college beslist binnen acht weken.\n")
    assert [(a.number, a.heading) for a in doc.articles] == [(number, title)]


def test_heading_on_its_own_line_after_the_number() -> None:
    doc = parse("##Wet van 1 juli 2014\n\n### Hoofdstuk  1  \n\n####Begripsbepalingen\n\n"
                "### Artikel  1.1.1  \n\n####Definities\n\n1.  In deze wet wordt verstaan onder: \n")
    assert _first(doc, PartKind.CHAPTER).heading == "Begripsbepalingen"
    article = doc.articles[0]
    assert (article.number, article.heading, article.title) == ("1.1.1", "Definities", "Artikel 1.1.1 Definities")
    assert _numbers(doc, PartKind.LID) == ["1"]


def test_chapter_and_section_numbers_with_letters() -> None:
    doc = parse("##Wet van 9 juli 2014\n\n### Hoofdstuk  IIA  \n\n####Naleving internationale verplichtingen \n\n"
                "### §  4.2.a  \n\n####Klachtrecht\n\n### Artikel  4.2.1  \n\n1.  De jeugdhulpaanbieder treft een regeling.\n")
    assert [(c.number, c.heading) for c in doc.all_parts if c.kind is PartKind.CHAPTER] == [
        ("IIA", "Naleving internationale verplichtingen")
    ]
    section = _first(doc, PartKind.SECTION)
    assert (section.number, section.heading) == ("4.2.a", "Klachtrecht")
    assert [a.number for a in section.children] == ["4.2.1"]


def test_a_long_marked_title_stays_the_title_of_its_section() -> None:
    title = ("Inrichting en samenstelling van het bestuur van het openbaar lichaam en de "
             "bedrijfsvoeringsorganisatie en van het gemeenschappelijk orgaan")
    doc = parse(f"##Wet gemeenschappelijke regelingen\n\n### Hoofdstuk  I  \n\n### §  1  \n\n####Algemeen\n\n"
                f"### Artikel  1  \n\nDe raden kunnen een regeling treffen.\n\n### §  2  \n\n####{title}\n\n"
                f"### Artikel  12  \n\nHet algemeen bestuur bestaat uit leden.\n\n### Hoofdstuk  II  \n\n"
                f"### §  2  \n\n####Bestuur\n\n### Artikel  40  \n\nHet bestuur bestaat uit leden.\n")
    sections = [(s.number, s.heading) for s in doc.all_parts if s.kind is PartKind.SECTION]
    assert sections == [("1", "Algemeen"), ("2", title), ("2", "Bestuur")]
    assert [a.number for a in _first(doc, PartKind.SECTION, "2").children] == ["12"]


def test_references_are_not_headings() -> None:
    text = (
        "Verordening jeugdhulp Rivierstad 2025\n\nArtikel 1 Toegang\n"
        "Het college houdt rekening met het onderzoek bedoeld in\n"
        "artikel 2.3 Jeugdwet\nen met de wensen van de jeugdige.\n"
        "Artikel 4:27, tweede lid, is niet van toepassing, indien:\n"
        "Artikel 7 van de Participatiewet is van overeenkomstige toepassing.\n"
    )
    doc = parse(text, "t.txt")
    assert [a.number for a in doc.articles] == ["1"]


# ----- leden and list items -------------------------------------------------------------------


def test_leden_in_three_styles() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    leden = {a.number: [c.number for c in a.children if c.kind is PartKind.LID] for a in doc.articles}
    assert leden["1.1"] == ["1", "2"]  # "1."
    assert leden["2:3"] == ["1", "2"]  # "lid 1"
    assert leden["4a"] == ["1", "2"]  # "1 "
    assert leden["12bis"] == []


def test_list_items_belong_to_their_lid() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    lid1 = _first(doc, PartKind.LID)
    assert [c.number for c in lid1.children] == ["a", "b"]
    toegang_lid2 = [c for c in doc.articles[1].children if c.kind is PartKind.LID][1]
    assert [c.number for c in toegang_lid2.children] == ["1°", "2°"]
    assert _text(doc, toegang_lid2.children[1]).startswith("2° elektronisch")


def test_wrapped_numbers_are_not_leden() -> None:
    text = (
        "Verordening Wmo Beekveld\n\nArtikel 5 Termijnen\n"
        "1. Het college beslist binnen acht weken. De termijn kan met ten hoogste\n"
        "2 weken worden verlengd.\n"
        "2. Een besluit wordt schriftelijk bekendgemaakt.\n\n"
        "Artikel 6 Bereik\nHet college bereikt, met uitzondering van de artikelen\n"
        "1 tot en met 3, alle inwoners.\n"
    )
    doc = parse(text, "t.txt")
    five, six = doc.articles
    assert [c.number for c in five.children] == ["1", "2"]
    assert _text(doc, five.children[1]).startswith("2. Een besluit")
    assert six.children == []


def test_leden_must_be_in_sequence() -> None:
    text = "Verordening Wmo Beekveld\n\nArtikel 3 Termijn\n1. Het college beslist.\n3. Dit is een citaat.\n2. Het college meldt.\n"
    doc = parse(text, "t.txt")
    assert [c.number for c in doc.articles[0].children] == ["1", "2"]


def test_lid_span_ends_at_next_lid_and_article() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    lid2 = [c for c in doc.articles[0].children if c.kind is PartKind.LID][1]
    assert _text(doc, lid2).strip() == "2. Begrippen die niet nader zijn omschreven hebben dezelfde betekenis als in de wet."
    offset = doc.text.index("eenmaal verlengen")
    article, lid = doc.context(offset)
    assert (article.number, lid.number) == ("4a", "2")


# ----- preamble, closing, toelichting -----------------------------------------------------------


def test_preamble_holds_raad_and_gelet_op() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    (preamble,) = doc.preamble
    text = _text(doc, preamble)
    assert text.startswith("De raad van de gemeente Beekveld;")
    assert "gelet op artikel 2.1.3" in text
    assert "Hoofdstuk 1" not in text
    assert doc.title == "Verordening maatschappelijke ondersteuning Beekveld 2025"


def test_closing_articles_and_block() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    assert [a.number for a in doc.articles if a.closing] == ["2.1.3", "14"]
    closing = [p for p in doc.parts if p.kind is PartKind.CLOSING]
    assert len(closing) == 1
    assert _text(doc, closing[0]).startswith("Aldus vastgesteld in de openbare vergadering")
    assert "Toelichting" not in _text(doc, closing[0])


@pytest.mark.parametrize("line", ["Zo vastgesteld in de vergadering van het college van 1 maart 2025.",
                                  "Vastgesteld in de openbare raadsvergadering van 4 juli 2024."])
def test_closing_forms(line: str) -> None:
    doc = parse(f"Verordening Wmo Beekveld\n\nArtikel 1 Slot\nDeze verordening treedt in werking.\n\n{line}\nDe voorzitter,\n", "t.txt")
    closing = [p for p in doc.parts if p.kind is PartKind.CLOSING]
    assert len(closing) == 1 and _text(doc, closing[0]).startswith(line)
    assert line not in _text(doc, doc.articles[0])


def test_toelichting_is_kept_apart_from_binding_text() -> None:
    doc = parse(PLAIN, "beekveld.txt")
    (toelichting,) = doc.toelichting
    assert _text(doc, toelichting).startswith("Toelichting")
    # the toelichting's "Artikel 1.1" is not a binding article
    assert [a.number for a in doc.articles].count("1.1") == 1
    offset = doc.text.index("ontleend aan de wet")
    assert doc.in_toelichting(offset)
    assert doc.context(offset)[0].number == "1.1"
    binding = " ".join(doc.text[s:e] for s, e in doc.scope_spans("binding"))
    assert "ontleend aan de wet" not in binding
    assert "Het college kan afwijken" in binding
    assert "De raad van de gemeente" not in binding  # the preamble does not bind either


@pytest.mark.parametrize("heading", ["## Toelichting", "Artikelsgewijze toelichting", "ALGEMENE TOELICHTING",
                                     "Toelichting op de Verordening Wmo Beekveld 2025"])
def test_toelichting_headings(heading: str) -> None:
    doc = parse(f"# Verordening Wmo Beekveld\n\nArtikel 1 Doel\nHet college ondersteunt.\n\n{heading}\n\nArtikel 1\nUitleg.\n")
    assert len(doc.toelichting) == 1
    assert [a.number for a in doc.articles] == ["1"]
    assert doc.in_toelichting(doc.text.index("Uitleg"))


def test_document_without_articles_is_body_not_preamble() -> None:
    text = ("# Beleidsplan sociaal domein Heuvelrand 2025-2028\n\n## Inleiding\n\nDe gemeente wil dat inwoners meedoen.\n\n"
            "## Evaluatie\n\nHet college evalueert dit plan elke twee jaar.\n")
    doc = parse(text)
    assert doc.preamble == []
    assert [p.heading for p in doc.parts] == ["Inleiding", "Evaluatie"]
    binding = " ".join(doc.text[s:e] for s, e in doc.scope_spans("binding"))
    assert "evalueert dit plan" in binding
    plain = parse(text.replace("#", "").replace("\n ", "\n"), "plan.txt")
    assert plain.preamble == [] and "evalueert dit plan" in " ".join(plain.text[s:e] for s, e in plain.scope_spans("binding"))


# ----- locations, plain text, line ends -------------------------------------------------------------


def test_every_offset_maps_to_source_line_and_column(tmp_path: Path) -> None:
    doc = parse(PLAIN, "beekveld.txt")
    source_lines = PLAIN.split("\n")
    for needle in ("Hardheidsclausule", "eenmaal verlengen", "elektronisch", "ontleend"):
        offset = doc.text.index(needle)
        loc = doc.locate(offset)
        assert source_lines[loc.line - 1][loc.column - 1:].startswith(needle)
    for part in doc.all_parts:
        loc = doc.locate(part.start)
        assert loc.column == 1
        assert source_lines[loc.line - 1].strip() == doc.text[part.start:].split("\n", 1)[0].strip()


def test_markdown_and_plain_text_give_the_same_structure() -> None:
    md = (PLAIN.replace("Hoofdstuk 1", "## Hoofdstuk 1").replace("Paragraaf 1.1", "### Paragraaf 1.1")
          .replace("\nArtikel ", "\n#### Artikel ").replace("\nToelichting", "\n# Toelichting"))
    a, b = parse(PLAIN, "t.txt"), parse(md, "t.md")
    shape = lambda d: [(p.kind, p.number, p.heading) for p in d.all_parts]  # noqa: E731
    assert shape(a) == shape(b)


def test_crlf_and_cr_line_ends_parse_like_lf() -> None:
    lf = parse(PLAIN, "t.txt")
    crlf = parse(PLAIN.replace("\n", "\r\n"), "t.txt")
    assert "\r" not in crlf.text
    assert [(p.kind, p.number, p.start, p.end) for p in crlf.all_parts] == [(p.kind, p.number, p.start, p.end) for p in lf.all_parts]
    offset = crlf.text.index("eenmaal verlengen")
    assert crlf.locate(offset) == lf.locate(offset)
    assert crlf.locate(offset).line == PLAIN.split("\n").index("2 Het college kan de termijn eenmaal verlengen.") + 1


def test_meta_line_and_marker_without_space() -> None:
    doc = parse("<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n"
                "##Wet van 9 juli 2014, houdende regels (Wet maatschappelijke ondersteuning 2015)\n\n"
                "###Artikel 1\n\nTekst.\n\n###Artikel 2a\n\nTekst.\n")
    assert doc.title.startswith("Wet van 9 juli 2014")
    assert [a.number for a in doc.articles] == ["1", "2a"]


def test_example_ordinance_structure(example_path: Path) -> None:
    from sociaal_audit.documents import load_document

    doc = load_document(str(example_path))
    numbers = [a.number for a in doc.articles]
    assert numbers[:3] == ["1", "2", "3"] and "12a" in numbers
    assert len(doc.toelichting) == 1
    art1 = doc.articles[0]
    lid1 = art1.children[0]
    assert [c.number for c in lid1.children][:3] == ["a", "b", "c"]
    assert len(lid1.children) == 20  # a. .. t.


def test_inserted_lid_and_ordinal_items() -> None:
    text = ("Verordening Wmo Beekveld\n\nArtikel 3 Termijn\n1. Het college beslist.\n2. Het college meldt het besluit:\n"
            "1e. telefonisch;\n2e. schriftelijk.\n2a. Het college bevestigt de melding:\n1°.met een brief;\n2° per e-mail.\n"
            "3. Het college evalueert.\n")
    doc = parse(text, "t.txt")
    article = doc.articles[0]
    assert [c.number for c in article.children] == ["1", "2", "2a", "3"]
    assert [c.number for c in article.children[1].children] == ["1e", "2e"]
    assert [c.number for c in article.children[2].children] == ["1°", "2°"]


def test_a_toelichting_line_inside_an_article_does_not_end_the_binding_text() -> None:
    text = ("Verordening Wmo Beekveld\n\nArtikel 11\nToelichting op het besluit\n1. Het college licht elk besluit toe.\n\n"
            "Artikel 12 Aanvraag\nHet college beslist op de aanvraag.\nToelichting bij de aanvraag\nHet college helpt.\n\n"
            "Artikel 13 Slot\nDeze verordening treedt in werking.\n")
    doc = parse(text, "t.txt")
    assert doc.toelichting == []
    assert [(a.number, a.heading) for a in doc.articles] == [
        ("11", "Toelichting op het besluit"), ("12", "Aanvraag"), ("13", "Slot")]


def test_notes_under_each_article_stay_apart_and_the_next_article_binds() -> None:
    text = ("# Verordening Wmo Beekveld\n\n## Artikel 11 Besluit\n\nHet college licht elk besluit toe.\n\n### Toelichting\n\n"
            "Het college kan hier een hardheidsclausule toepassen.\n\n## Artikel 12 Slot\n\nDeze verordening treedt in werking.\n\n"
            "### Toelichting\n\nUitleg over de inwerkingtreding.\n")
    doc = parse(text)
    assert [a.number for a in doc.articles] == ["11", "12"]
    assert len(doc.toelichting) == 2
    assert doc.in_toelichting(doc.text.index("hardheidsclausule"))
    assert not doc.in_toelichting(doc.text.index("treedt in werking"))


def test_article_notes_in_the_toelichting_repeat_numbers_and_stay_notes() -> None:
    doc = parse(PLAIN + "\nArtikel 4a\nSpoed is uitgewerkt.\n\nArtikel 15\nEen artikel dat alleen in de toelichting staat.\n",
                "beekveld.txt")
    assert [a.number for a in doc.articles] == ["1.1", "2:3", "4a", "12bis", "2.1.3", "14"]
    assert doc.in_toelichting(doc.text.index("alleen in de toelichting"))


def test_an_excerpt_starting_with_its_first_article() -> None:
    doc = parse("Artikel 1 Begripsbepalingen\n1. In deze regeling wordt verstaan onder:\na. college: het college;\n"
                "bb. wet: de wet.\n2. Begrippen hebben de betekenis uit de wet.\n\nArtikel 2 Toegang\nHet college verwijst.\n", "t.txt")
    assert doc.title == "Artikel 1 Begripsbepalingen"
    assert [a.number for a in doc.articles] == ["1", "2"]
    assert [c.number for c in doc.articles[0].children[0].children] == ["a", "bb"]


def test_abbreviations_at_a_line_start_are_not_items() -> None:
    doc = parse("Verordening Wmo Beekveld\n\nArtikel 2 Bekendmaking\nHet besluit wordt bekendgemaakt in het Gemeenteblad,\n"
                "nr. 12, en op de website.\n", "t.txt")
    assert doc.articles[0].children == []


# ----- generated documents -----------------------------------------------------------------------

_WORDS = ["Toegang", "Melding", "Onderzoek", "Hardheidsclausule", "Evaluatie", "Klachten", "Bekostiging", "Cliëntondersteuning"]
_NUMBER = st.one_of(
    st.integers(1, 120).map(str),
    st.tuples(st.integers(1, 99), st.sampled_from("abcd")).map(lambda t: f"{t[0]}{t[1]}"),
    st.tuples(st.integers(1, 9), st.integers(1, 20)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9)).map(lambda t: f"{t[0]}.{t[1]}.{t[2]}"),
    st.tuples(st.integers(1, 9), st.integers(1, 40)).map(lambda t: f"{t[0]}:{t[1]}"),
    st.integers(1, 40).map(lambda n: f"{n}bis"),
)
_ARTICLE = st.tuples(_NUMBER, st.sampled_from(_WORDS), st.integers(0, 4), st.integers(0, 3))


@settings(max_examples=60, deadline=None)
@given(articles=st.lists(_ARTICLE, min_size=1, max_size=8), markdown=st.booleans(), crlf=st.booleans(),
       lid_style=st.sampled_from(["{n}. ", "lid {n} ", "{n} "]))
def test_generated_ordinances(articles: list[tuple[str, str, int, int]], markdown: bool, crlf: bool, lid_style: str) -> None:
    lines = [("# " if markdown else "") + "Verordening maatschappelijke ondersteuning Beekveld 2025", "",
             "De raad van de gemeente Beekveld;", "", "besluit vast te stellen de volgende verordening:", ""]
    expected = []
    for number, word, leden, items in articles:
        heading_line = len(lines) + 1
        lines += [("### " if markdown else "") + f"Artikel {number} {word}", ""]
        if leden == 0:
            lines.append(f"Het college regelt de {word.lower()} in deze verordening.")
        for n in range(1, leden + 1):
            lines.append(lid_style.format(n=n) + f"Het college regelt onderdeel {n} van de {word.lower()}:")
            for letter in "abc"[:items]:
                lines.append(f"{letter}. een bepaling over {word.lower()};")
        lines.append("")
        expected.append((number, word, leden, items, heading_line))
    text = ("\r\n" if crlf else "\n").join(lines)
    doc = parse(text, "gegenereerd.md" if markdown else "gegenereerd.txt")
    assert [(a.number, a.heading) for a in doc.articles] == [(e[0], e[1]) for e in expected]
    for article, (_, _, leden, items, heading_line) in zip(doc.articles, expected):
        assert doc.locate(article.start).line == heading_line
        found = [c for c in article.children if c.kind is PartKind.LID]
        assert [c.number for c in found] == [str(n) for n in range(1, leden + 1)]
        for lid in found:
            assert [c.number for c in lid.children] == list("abc"[:items])
    assert len(doc.preamble) == 1 and doc.municipality == "Beekveld"


# ----- tables of contents -----------------------------------------------------------------------

TOC_BODY = """
De raad van de gemeente Beekveld;

besluit vast te stellen de volgende verordening:

Hoofdstuk 1 Algemene bepalingen
Artikel 1 Begripsbepalingen
1. In deze verordening wordt verstaan onder: cliënt.
Artikel 2 Toegang
Het college richt een toegang in.
Hoofdstuk 2 Slot
Artikel 3 Citeertitel
Deze verordening heet Verordening Beekveld.

Toelichting
Artikel 1
Uitleg.
"""


@pytest.mark.parametrize(
    "toc",
    [
        "Inhoudsopgave\nHoofdstuk 1 Algemene bepalingen\nArtikel 1 Begripsbepalingen\nArtikel 2 Toegang\n"
        "Hoofdstuk 2 Slot\nArtikel 3 Citeertitel\nToelichting\n",
        "Inhoud\nHoofdstuk 1 Algemene bepalingen ..... 2\nArtikel 1 Begripsbepalingen ........ 2\nArtikel 2 Toegang\t3\n"
        "Hoofdstuk 2 Slot ..... 3\nArtikel 3 Citeertitel ..... 3\nToelichting ...... 4\n",
    ],
    ids=["labelled", "page-numbers"],
)
def test_a_table_of_contents_opens_no_parts(toc: str) -> None:
    doc = parse("Verordening maatschappelijke ondersteuning Beekveld 2025\n\n" + toc + TOC_BODY, "t.txt")
    assert [(p.kind.value, p.number) for p in doc.all_parts if p.kind is not PartKind.LID] == [
        ("preamble", None), ("chapter", "1"), ("article", "1"), ("article", "2"), ("chapter", "2"), ("article", "3"),
        ("toelichting", None), ("article", "1")]
    (preamble,) = doc.preamble
    assert "De raad van de gemeente Beekveld" in doc.text[preamble.start:preamble.end]
    binding = " ".join(doc.text[s:e] for s, e in doc.scope_spans("binding"))
    assert binding.count("Begripsbepalingen") == 1


def test_an_unlabelled_table_of_contents_is_not_binding() -> None:
    toc = "Hoofdstuk 1 Algemene bepalingen\nArtikel 1 Begripsbepalingen\nArtikel 2 Toegang\nHoofdstuk 2 Slot\nArtikel 3 Citeertitel\n"
    body = TOC_BODY.split("Hoofdstuk 1", 1)[1]
    text = ("Verordening maatschappelijke ondersteuning Beekveld 2025\n\nDe raad van de gemeente Beekveld;\n\n"
            "besluit vast te stellen de volgende verordening:\n\n" + toc + "\nHoofdstuk 1" + body)
    doc = parse(text, "t.txt")
    assert [a.number for a in doc.articles] == ["1", "2", "3"]
    assert all(doc.text[a.start:a.end].count("\n") > 1 for a in doc.articles)
    binding = " ".join(doc.text[s:e] for s, e in doc.scope_spans("binding"))
    assert binding.count("Begripsbepalingen") == 1


_LINES = st.sampled_from([
    "", "Hoofdstuk 2 Toegang", "## Hoofdstuk 3", "Paragraaf 2.1 Melding", "§ 4", "Afdeling 1 Algemeen",
    "Artikel 1 Begrippen", "Artikel 2:3", "### Artikel 4a Spoed", "Artikel 12bis", "ARTIKEL IV", "1. Het college beslist.",
    "2. De cliënt meldt:", "lid 3 Het college", "3 Het college kan", "a. telefonisch;", "b) schriftelijk;", "1° elektronisch",
    "- een opsomming", "Toelichting", "## Artikelsgewijze toelichting", "Aldus vastgesteld in de openbare vergadering.",
    "De raad van de gemeente Beekveld;", "besluit vast te stellen de volgende verordening:", "Inhoudsopgave",
    "Artikel 7 Klachten ..... 4", "artikel 2.3 Jeugdwet", "Het college kan afwijken van deze verordening.",
    "####Begripsbepalingen", "<meta charset='utf-8'>", "**Artikel 9 Slot**", "2 weken na de aanvraag",
])


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(_LINES, min_size=1, max_size=40))
def test_parts_form_a_well_nested_tree_of_whole_lines(lines: list[str]) -> None:
    text = "Verordening maatschappelijke ondersteuning Beekveld 2025\n" + "\n".join(lines)
    doc = parse(text)
    starts = set(doc.line_starts)

    def check(parts, lo: int, hi: int) -> None:
        previous_end = lo
        for part in parts:
            assert lo <= part.start <= part.end <= hi
            assert part.start >= previous_end  # siblings in order, never overlapping
            assert part.start in starts  # every part starts at the start of a line
            assert doc.locate(part.start).column == 1
            previous_end = part.end
            check(part.children, part.start, part.end)

    check(doc.parts, 0, len(doc.text))
    for article in doc.articles:
        assert not doc.in_toelichting(article.start)


def test_lower_case_titles_on_their_own_line() -> None:
    text = ("Verordening Wmo Beekveld\n\nArtikel 1 begripsbepalingen\nIn deze verordening wordt verstaan onder cliënt een ingezetene.\n\n"
            "Artikel 2 toegang en melding\nHet college richt een toegang in. Het college houdt rekening met\n"
            "Artikel 5 van de Jeugdwet en met\nArtikel 4:8 is niet van toepassing op\nde melding.\n"
            "Artikel 6 hardheidsclausule\nHet college kan afwijken.\n")
    doc = parse(text, "t.txt")
    assert [(a.number, a.heading) for a in doc.articles] == [
        ("1", "begripsbepalingen"), ("2", "toegang en melding"), ("6", "hardheidsclausule")]
    own_line = parse("Verordening Wmo Beekveld\n\nArtikel 1\nbegripsbepalingen\nIn deze verordening wordt verstaan "
                     "onder cliënt een ingezetene.\n\nArtikel 2\nHet college beslist binnen acht weken op een aanvraag.\n", "t.txt")
    assert [(a.number, a.heading) for a in own_line.articles] == [("1", "begripsbepalingen"), ("2", None)]
