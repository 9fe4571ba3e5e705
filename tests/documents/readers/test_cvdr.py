"""CVDR XML reader: structure, metadata, line numbers and safe parsing."""

from __future__ import annotations

import pytest

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.model import PartKind
from sociaal_audit.documents.readers import cvdr
from sociaal_audit.errors import InputError

CVDR = """<?xml version="1.0" encoding="UTF-8"?>
<cvdr xmlns="http://standaarden.overheid.nl/cvdr/terms/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:overheid="http://standaarden.overheid.nl/owms/terms/" xmlns:overheidrg="http://standaarden.overheid.nl/cvdr/meta/">
<meta>
<owmskern><dcterms:identifier>CVDR712345_1</dcterms:identifier>
<dcterms:title>Verordening jeugdhulp Oosterwolde 2026</dcterms:title>
<dcterms:creator scheme="overheid:Gemeente">Oosterwolde</dcterms:creator></owmskern>
<owmsmantel><dcterms:source resourceIdentifier="https://wetten.overheid.nl/BWBR0034925">Jeugdwet, art. 2.9</dcterms:source>
<dcterms:source>Jeugdwet, art. 2.9</dcterms:source>
<overheid:isRatifiedBy scheme="overheid:BestuursorgaanGemeente">gemeenteraad</overheid:isRatifiedBy>
<dcterms:issued>2026-01-29</dcterms:issued></owmsmantel>
<cvdripm><overheidrg:inwerkingtredingDatum>2026-03-01</overheidrg:inwerkingtredingDatum></cvdripm>
</meta>
<body>
<intitule>Verordening jeugdhulp Oosterwolde 2026</intitule>
<regeling>
<aanhef><preambule><al>De raad van de gemeente Oosterwolde;</al><al>gelet op artikel 2.9 van de Jeugdwet;</al>
<al>besluit vast te stellen de volgende verordening:</al></preambule></aanhef>
<regeling-tekst>
<hoofdstuk><kop><label>Hoofdstuk</label><nr>1</nr><titel>Algemeen</titel></kop>
<artikel><kop><label>Artikel</label><nr>1.</nr><titel>Begrippen</titel></kop>
<lid><lidnr>1.</lidnr><al>In deze verordening wordt verstaan onder:</al>
<lijst type="expliciet"><li nr="a."><al>jeugdige: een persoon jonger dan achttien jaar;</al></li>
<li nr="b"><al>ouder: de gezaghebbende ouder, <extref doc="x">bedoeld in</extref> de Jeugdwet.</al></li></lijst></lid>
<lid><lidnr>2</lidnr><al>Overige begrippen hebben de betekenis</al><al>die de Jeugdwet eraan geeft.</al></lid>
</artikel>
</hoofdstuk>
<hoofdstuk><kop><label>Hoofdstuk</label><nr>2</nr><titel>Toegang</titel></kop>
<paragraaf><kop><label>Paragraaf</label><nr>2.1</nr><titel>Melding</titel></kop>
<artikel><kop><label>Artikel</label><nr>4a</nr><titel>Melding</titel></kop>
<al>Een melding kan bij het jeugdteam worden gedaan.</al>
<table><tgroup cols="2"><thead><row><entry><al>Product</al></entry><entry><al>Tarief</al></entry></row></thead>
<tbody><row><entry><al>Begeleiding</al></entry><entry><al>€ 62,40</al></entry></row></tbody></tgroup></table>
</artikel>
</paragraaf>
</hoofdstuk>
</regeling-tekst>
<regeling-sluiting><slotformulering><al>Aldus vastgesteld in de openbare raadsvergadering van 29 januari 2026.</al></slotformulering>
<ondertekening><functie>de griffier,</functie></ondertekening></regeling-sluiting>
<toelichting><al>Deze verordening regelt de toegang tot jeugdhulp.</al></toelichting>
</regeling>
</body>
</cvdr>
"""


def _doc(text: str = CVDR, name: str = "oosterwolde.xml"):
    return parse_source(text.encode("utf-8"), name)


def test_cvdr_structure_articles_leden_items_and_sections() -> None:
    doc = _doc()
    assert doc.format == "cvdr"
    chapters = [p for p in doc.parts if p.kind is PartKind.CHAPTER]
    assert [(c.number, c.heading) for c in chapters] == [("1", "Algemeen"), ("2", "Toegang")]
    assert [(a.number, a.heading) for a in doc.articles] == [("1", "Begrippen"), ("4a", "Melding")]
    article1 = doc.articles[0]
    leden = [c for c in article1.children if c.kind is PartKind.LID]
    assert [lid.number for lid in leden] == ["1", "2"]
    assert [i.number for i in leden[0].children if i.kind is PartKind.ITEM] == ["a", "b"]
    sections = [p for p in doc.all_parts if p.kind is PartKind.SECTION]
    assert [(s.number, s.heading) for s in sections] == [("2.1", "Melding")]


def test_cvdr_lines_are_markdown_like_with_joined_alineas_and_inline_markup() -> None:
    source = cvdr.read(CVDR.encode("utf-8"), "o.xml")
    texts = [ln.text for ln in source.lines]
    assert texts[0] == "# Verordening jeugdhulp Oosterwolde 2026"
    assert "### Artikel 1 Begrippen" in texts
    assert "b. ouder: de gezaghebbende ouder, bedoeld in de Jeugdwet." in texts
    assert "2. Overige begrippen hebben de betekenis die de Jeugdwet eraan geeft." in texts
    assert "| Product | Tarief |" in texts and "| Begeleiding | € 62,40 |" in texts
    assert "## Toelichting" in texts


def test_cvdr_line_numbers_are_source_lines() -> None:
    source = cvdr.read(CVDR.encode("utf-8"), "o.xml")
    source_lines = CVDR.splitlines()
    for ln in source.lines:
        if ln.text.startswith("### Artikel 4a"):
            assert "<nr>4a</nr>" in source_lines[ln.line - 1]
            break
    else:
        pytest.fail("article 4a not emitted")


def test_cvdr_closing_and_toelichting_are_not_binding() -> None:
    doc = _doc()
    kinds = [p.kind for p in doc.parts]
    assert PartKind.CLOSING in kinds and PartKind.TOELICHTING in kinds
    closing = next(p for p in doc.parts if p.kind is PartKind.CLOSING)
    assert "Aldus vastgesteld" in doc.text[closing.start:closing.end]


def test_cvdr_metadata() -> None:
    doc = _doc()
    meta = doc.metadata
    assert meta.identifier == "CVDR712345_1"
    assert meta.title == doc.title == "Verordening jeugdhulp Oosterwolde 2026"
    assert meta.municipality == doc.municipality == "Oosterwolde"
    assert meta.adopted == "2026-01-29"
    assert meta.legal_basis == ("Jeugdwet, art. 2.9",)  # duplicates removed
    assert ("in_force", "2026-03-01") in meta.extra and ("adopted_by", "gemeenteraad") in meta.extra


def test_cvdr_entities_are_refused_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE cvdr [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<cvdr><body><intitule>&b;</intitule></body></cvdr>"
    )
    with pytest.raises(InputError) as err:
        _doc(bomb, "bom.xml")
    assert err.value.code == "xml_entities" and "bom.xml" in err.value.message("nl")


def test_cvdr_external_entity_is_refused() -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE cvdr [<!ENTITY x SYSTEM "file:///etc/passwd">]><cvdr><body><intitule>&x;</intitule></body></cvdr>'
    with pytest.raises(InputError) as err:
        _doc(xxe, "xxe.xml")
    assert err.value.code == "xml_entities"


def test_cvdr_malformed_xml_is_a_one_line_error() -> None:
    with pytest.raises(InputError) as err:
        _doc('<?xml version="1.0"?><cvdr><body><intitule>Titel</body>', "kapot.xml")
    message = err.value.message("nl")
    assert err.value.code == "parse_failed" and message.startswith("kapot.xml: kan CVDR XML niet lezen") and "\n" not in message


def test_cvdr_label_carrying_the_number() -> None:
    text = CVDR.replace("<label>Hoofdstuk</label><nr>1</nr><titel>Algemeen</titel>", "<label>1.Algemeen</label>")
    doc = _doc(text)
    assert [(c.number, c.heading) for c in doc.parts if c.kind is PartKind.CHAPTER][0] == ("1", "Algemeen")


def test_cvdr_metadata_in_the_terminal_view(tmp_path) -> None:
    from typer.testing import CliRunner

    from sociaal_audit.cli import app

    path = tmp_path / "oosterwolde.xml"
    path.write_text(CVDR, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert "CVDR712345_1 · vastgesteld: 2026-01-29" in result.output
    assert "grondslag: Jeugdwet, art. 2.9" in result.output


def test_cvdr_line_break_inside_an_alinea_separates_words() -> None:
    xml = CVDR.replace("<al>De raad van de gemeente Oosterwolde;</al>", "<al>De raad van de<br/>gemeente Oosterwolde;</al>")
    doc = parse_source(xml.encode("utf-8"), "oosterwolde.xml")
    assert "De raad van de gemeente Oosterwolde;" in [ln.text for ln in doc.lines]
