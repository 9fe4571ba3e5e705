"""Title-level metadata: municipality, document kind (and --kind override) and the laws regulated."""

from __future__ import annotations

import pytest

from conftest import parse
from sociaal_audit.documents.model import DocumentKind, Law, Metadata, SourceText, TextLine
from sociaal_audit.documents.structure import build_document

BODY = "\n\nArtikel 1 Doel\nHet college ondersteunt inwoners.\n"


def _source(text: str, meta: Metadata | None = None) -> SourceText:
    lines = tuple(TextLine(t, i + 1) for i, t in enumerate(text.split("\n")))
    return SourceText(path="cvdr.xml", format="cvdr", lines=lines, metadata=meta or Metadata())


# ----- municipality ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, place",
    [
        ("Verordening maatschappelijke ondersteuning gemeente Beekveld 2025", "Beekveld"),
        ("Nadere regels maatschappelijke ondersteuning gemeente Alphen aan den Rijn 2024", "Alphen aan den Rijn"),
        ("Verordening jeugdhulp gemeente 's-Hertogenbosch 2025", "'s-Hertogenbosch"),
        ("Verordening Wmo Bergen op Zoom 2024", "Bergen op Zoom"),
        ("Verordening sociaal domein Súdwest-Fryslân 2026", "Súdwest-Fryslân"),
        ("Beleidsplan sociaal domein Dijkstad 2025-2028", "Dijkstad"),
        ("Beleidsregels Wmo Utrechtse Heuvelrug 2023", "Utrechtse Heuvelrug"),
        ("Verordening Wmo De Bilt 2025", "De Bilt"),
        ("Verordening sociaal domein Het Hogeland", "Het Hogeland"),
        ("Eerste wijzigingsverordening maatschappelijke ondersteuning Beekveld 2025", "Beekveld"),
        ("Jeugdverordening Beekveld 2025", "Beekveld"),
        ("Re-integratieverordening Participatiewet Beekveld 2025", "Beekveld"),
        ("Wmo-beleidsregels Beekveld", "Beekveld"),
        ("Verordening Wmo en Jeugdhulp Land van Cuijk 2024", "Land van Cuijk"),
        ("Verordening Maatschappelijke Ondersteuning Hof van Twente 2026", "Hof van Twente"),
    ],
)
def test_municipality_from_title(title: str, place: str) -> None:
    assert parse(title + BODY, "t.txt").municipality == place


@pytest.mark.parametrize(
    "title",
    ["Verordening sociaal domein voor alle inwoners", "Beleidsregels Wmo en jeugdhulp", "Verordening jeugdhulp 2025",
     "Raamovereenkomst jeugdhulp regio Zuid 2025", "Verordening Wmo", "Beleidsregels Wmo en Jeugdwet",
     "Verordening Maatschappelijke Ondersteuning"],
)
def test_no_municipality_invented_from_lower_case_words(title: str) -> None:
    assert parse(title + BODY, "t.txt").municipality is None


def test_municipality_from_preamble() -> None:
    text = ("Verordening sociaal domein 2025\n\nDe raad van de gemeente Bergen op Zoom;\n\n"
            "gelet op artikel 147 van de Gemeentewet;\n\nbesluit vast te stellen de volgende verordening:" + BODY)
    doc = parse(text, "t.txt")
    assert doc.municipality == "Bergen op Zoom"
    assert doc.laws == ()  # the Gemeentewet is not one of the three social-domain acts
    assert parse(text.replace("Bergen op Zoom", "De Ronde Venen"), "t.txt").municipality == "De Ronde Venen"


def test_municipality_from_metadata_wins() -> None:
    text = "Verordening Wmo gemeente Beekveld 2025\n\nDe raad van de gemeente Beekveld;" + BODY
    doc = build_document(_source(text, Metadata(municipality="Oud-Beekveld", title="Verordening Wmo 2025")))
    assert doc.municipality == "Oud-Beekveld"
    assert doc.title == "Verordening Wmo 2025"


def test_example_ordinance_metadata(example_path) -> None:
    from sociaal_audit.documents import load_document

    doc = load_document(str(example_path))
    assert doc.title == "Verordening sociaal domein Lindewaarde 2026"
    assert doc.municipality == "Lindewaarde"
    assert doc.kind is DocumentKind.VERORDENING
    assert doc.laws == (Law.WMO2015, Law.JEUGDWET, Law.PARTICIPATIEWET)


# ----- kind ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Verordening maatschappelijke ondersteuning Beekveld 2025", "verordening"),
        ("Nadere regels jeugdhulp Beekveld 2025", "nadere_regels"),
        ("Beleidsregels maatschappelijke ondersteuning Beekveld 2025", "beleidsregels"),
        ("Beleidsplan sociaal domein Beekveld 2025-2028", "beleidsplan"),
        ("Raamovereenkomst jeugdhulp regio Zuid 2025", "overeenkomst"),
        ("Samenwerkingsovereenkomst jeugdhulp regio Zuid", "overeenkomst"),
        ("Eerste wijzigingsverordening maatschappelijke ondersteuning Beekveld 2025", "verordening"),
        ("Jeugdverordening Beekveld 2025", "verordening"),
        ("Wmo-beleidsregels Beekveld", "beleidsregels"),
        ("Jeugdbeleidsplan Beekveld 2025", "beleidsplan"),
        ("Notitie over de wijkteams", "other"),
        ("Wet van 9 juli 2014, houdende regels (Wet maatschappelijke ondersteuning 2015)", "other"),
    ],
)
def test_kind_from_title(title: str, kind: str) -> None:
    assert parse(title + BODY, "t.txt").kind.value == kind


def test_kind_from_preamble_besluit() -> None:
    text = "Regeling toegang\n\nDe raad van de gemeente Noordkaap;\n\nbesluit vast te stellen de volgende verordening:" + BODY
    assert parse(text, "t.txt").kind is DocumentKind.VERORDENING


def test_kind_override_wins_over_title_and_metadata() -> None:
    text = "Verordening maatschappelijke ondersteuning Beekveld 2025" + BODY
    assert parse(text, "t.txt", kind="beleidsplan").kind is DocumentKind.BELEIDSPLAN
    doc = build_document(_source(text, Metadata(kind=DocumentKind.NADERE_REGELS)))
    assert doc.kind is DocumentKind.NADERE_REGELS
    doc = build_document(_source(text, Metadata(kind=DocumentKind.NADERE_REGELS)), kind_override="overeenkomst")
    assert doc.kind is DocumentKind.OVEREENKOMST


# ----- laws ------------------------------------------------------------------------------------


def test_laws_from_gelet_op_only() -> None:
    text = ("Verordening Lindewaarde\n\nDe raad van de gemeente Lindewaarde;\n\n"
            "gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015 en artikel 2.9 van de Jeugdwet;\n\n"
            "besluit vast te stellen de volgende verordening:\n\nArtikel 1 Doel\nDe Participatiewet wordt elders geregeld.\n")
    assert parse(text, "t.txt").laws == (Law.WMO2015, Law.JEUGDWET)


@pytest.mark.parametrize(
    "title, laws",
    [
        ("Verordening jeugdhulp Beekveld 2025", (Law.JEUGDWET,)),
        ("Verordening Wmo 2015 Beekveld", (Law.WMO2015,)),
        ("Re-integratieverordening Participatiewet Beekveld 2025", (Law.PARTICIPATIEWET,)),
        ("Verordening sociaal domein Beekveld 2025", ()),
        ("Verordening maatschappelijke ondersteuning Beekveld 2025", (Law.WMO2015,)),
    ],
)
def test_laws_from_title(title: str, laws: tuple[Law, ...]) -> None:
    assert parse(title + BODY, "t.txt").laws == laws


def test_laws_from_metadata_legal_basis() -> None:
    doc = build_document(_source("Verordening Beekveld" + BODY, Metadata(legal_basis=("Participatiewet, art. 8",))))
    assert doc.laws == (Law.PARTICIPATIEWET,)


def test_laws_from_a_gelet_op_list() -> None:
    text = ("Verordening sociaal domein Beekveld 2025\n\nDe raad van de gemeente Beekveld;\n\ngelet op:\n"
            "- artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;\n- artikel 2.9 van de Jeugdwet;\n"
            "- artikel 8 van de Participatiewet;\n\nbesluit vast te stellen de volgende verordening:" + BODY)
    assert parse(text, "t.txt").laws == (Law.WMO2015, Law.JEUGDWET, Law.PARTICIPATIEWET)


def test_laws_named_only_in_overwegende_do_not_count() -> None:
    text = ("Verordening Beekveld 2025\n\nDe raad van de gemeente Beekveld;\n\ngelet op artikel 149 van de Gemeentewet;\n\n"
            "overwegende dat de Jeugdwet elders is geregeld;\n\nbesluit vast te stellen de volgende verordening:" + BODY)
    assert parse(text, "t.txt").laws == ()


@pytest.mark.parametrize(
    "line, place",
    [
        ("Burgemeester en wethouders van Lindewaarde;", "Lindewaarde"),
        ("Het college van burgemeester en wethouders van de gemeente Someren;", "Someren"),
        ("De raad der gemeente Oud-Beijerland;", "Oud-Beijerland"),
        ("Burgemeester en wethouders van de gemeente 's-Hertogenbosch;", "'s-Hertogenbosch"),
        ("De raad van de gemeente Ede op voorstel van het college;", "Ede"),
        ("De raad van de gemeente Ede in zijn vergadering van 4 maart 2025;", "Ede"),
        ("De raad van de gemeente Ede en de raad van de gemeente Wageningen;", "Ede"),
        ("De raad van de gemeente Gilze en Rijen;", "Gilze en Rijen"),
        ("De raad van de gemeente Capelle aan den IJssel;", "Capelle aan den IJssel"),
        ("De raad van de gemeente Land van Cuijk;", "Land van Cuijk"),
        ("De gemeenteraad van Súdwest-Fryslân;", "Súdwest-Fryslân"),
        ("De gemeenteraad van de gemeente Beekveld;", "Beekveld"),
        # two municipalities named Bergen: the province stays, written the CBS way
        ("De raad van de gemeente Bergen (NH);", "Bergen (NH.)"),
        ("De gemeenteraad van Bergen (N.H.),", "Bergen (NH.)"),
        ("De raad van de gemeente Bergen (L.);", "Bergen (L.)"),
        ("De raad van de gemeente Bergen (Limburg);", "Bergen (L.)"),
        ("Burgemeester en wethouders van Lindewaarde (gemeente in oprichting);", "Lindewaarde"),
    ],
)
def test_municipality_from_the_college_or_raad_in_the_preamble(line: str, place: str) -> None:
    text = f"Nadere regels jeugdhulp 2025\n\n{line}\n\nbesluit vast te stellen de volgende nadere regels:" + BODY
    assert parse(text, "t.txt").municipality == place
