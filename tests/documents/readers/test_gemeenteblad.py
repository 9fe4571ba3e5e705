"""Gemeenteblad (officiele-publicatie) XML reader: the published ordinance and its metadata."""

from __future__ import annotations

import pytest

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.model import PartKind
from sociaal_audit.errors import InputError

GMB = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<metadata>
<meta name="OVERHEIDop.externMetadataRecord" content="https://zoek.officielebekendmakingen.nl/gmb-2026-41234/metadata.xml" scheme=""/>
<meta name="OVERHEIDop.datumOndertekening" content="2026-02-12" scheme=""/>
<meta name="OVERHEIDop.wettelijkeGrondslag" content="Participatiewet, artikel 8" scheme=""/>
</metadata>
<kop><titel>GEMEENTEBLAD</titel><subtitel>Officiële uitgave van de gemeente Noordhaven</subtitel></kop>
<gemeenteblad>
<kop><titel>Re-integratieverordening Participatiewet Noordhaven 2026</titel></kop>
<regeling>
<aanhef><preambule><al>De raad van de gemeente Noordhaven;</al><al>gelet op artikel 8 van de Participatiewet;</al></preambule></aanhef>
<regeling-tekst>
<artikel><kop><label>Artikel</label><nr>1</nr><titel>Begrippen</titel></kop>
<al>In deze verordening wordt verstaan onder re-integratievoorziening: een voorziening gericht op arbeidsinschakeling.</al></artikel>
<artikel><kop><label>Artikel</label><nr>2</nr><titel>Beschut werk</titel></kop>
<lid><lidnr>1</lidnr><al>Het college biedt beschut werk aan.</al></lid>
<lid><lidnr>2</lidnr><al>Het college stelt vast of iemand is aangewezen op beschut werk.</al>
<lijst><li><li.nr>a.</li.nr><al>na advies van het UWV;</al></li><li><li.nr>b.</li.nr><al>binnen acht weken.</al></li></lijst></lid>
</artikel>
</regeling-tekst>
<regeling-sluiting><slotformulering><al>Aldus vastgesteld in de openbare vergadering van 12 februari 2026.</al></slotformulering></regeling-sluiting>
</regeling>
</gemeenteblad>
</officiele-publicatie>
"""


def test_gemeenteblad_articles_leden_and_items() -> None:
    doc = parse_source(GMB.encode("utf-8"), "gmb-2026-41234.xml")
    assert doc.format == "gemeenteblad"
    assert [(a.number, a.heading) for a in doc.articles] == [("1", "Begrippen"), ("2", "Beschut werk")]
    leden = [c for c in doc.articles[1].children if c.kind is PartKind.LID]
    assert [lid.number for lid in leden] == ["1", "2"]
    assert [i.number for i in leden[1].children if i.kind is PartKind.ITEM] == ["a", "b"]


def test_gemeenteblad_title_and_metadata() -> None:
    doc = parse_source(GMB.encode("utf-8"), "gmb.xml")
    assert doc.title == "Re-integratieverordening Participatiewet Noordhaven 2026"  # not "GEMEENTEBLAD"
    assert doc.municipality == "Noordhaven"  # from "Officiële uitgave van de gemeente Noordhaven"
    assert doc.metadata.identifier == "gmb-2026-41234"
    assert doc.metadata.adopted == "2026-02-12"
    assert doc.metadata.legal_basis == ("Participatiewet, artikel 8",)
    assert [law.value for law in doc.laws] == ["participatiewet"]


def test_gemeenteblad_and_cvdr_share_the_xml_extension() -> None:
    doc = parse_source(GMB.encode("utf-8"), "bekendmaking.XML")
    assert doc.format == "gemeenteblad"


def test_gemeenteblad_malformed_is_a_one_line_error() -> None:
    with pytest.raises(InputError) as err:
        parse_source(GMB[:400].encode("utf-8"), "afgebroken.xml")
    assert err.value.code == "parse_failed" and "afgebroken.xml" in err.value.message("nl")
