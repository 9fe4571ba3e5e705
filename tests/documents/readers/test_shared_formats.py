"""Real CVDR and Gemeenteblad XML samples from ../shared/formats/ (skipped when that folder is absent).

Expected numbers and metadata were read by eye from the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.model import PartKind
from sociaal_audit.errors import InputError

FORMATS = Path(__file__).resolve().parents[4] / "shared" / "formats"

pytestmark = pytest.mark.skipif(not FORMATS.is_dir(), reason="../shared/formats not present")


def _load(name: str):
    path = FORMATS / name
    if not path.exists():
        pytest.skip(f"{name} not in ../shared/formats")
    return parse_source(path.read_bytes(), str(path))


def _chapters(doc) -> list[tuple[str | None, str | None]]:
    return [(p.number, p.heading) for p in doc.parts if p.kind is PartKind.CHAPTER]


def test_kampen_cvdr_chapters_numbered_in_the_label() -> None:
    doc = _load("kampen_beleidsregels-verkeersveiligheid-parkeren_2016.cvdr.xml")
    assert doc.format == "cvdr"
    assert _chapters(doc) == [
        ("1", "Parkeren"), ("2", "Hard rijden"), ("3", "Bebording"), ("4", "Diversen"),
        ("5", "Gehandicaptenparkeerplaatsen"),
    ]
    m = doc.metadata
    assert (m.identifier, m.title, m.municipality, m.adopted) == (
        "CVDR100394_2", "Beleidsregels verkeersveiligheid en parkeren", "Kampen", "2016-10-11"
    )
    assert m.legal_basis == ("Reglement verkeersregels en verkeertekens 1990", "Parkeerverordening gemeente Kampen")
    assert doc.kind.value == "beleidsregels"
    assert "- Zelf bestuurder te zijn" in [ln.text for ln in doc.lines]


def test_someren_cvdr_chapters_preamble_and_closing() -> None:
    doc = _load("someren_beleidsregel-bibob_2019.cvdr.xml")
    assert [n for n, _ in _chapters(doc)] == ["1", "2", "3", "4", "5", "6"]
    assert _chapters(doc)[5] == ("6", "Inwerkingtreding")
    assert doc.articles == [] or all(a.number is None for a in doc.articles)  # its articles carry no number
    m = doc.metadata
    assert (m.identifier, m.municipality, m.adopted) == ("CVDR680781_1", "Someren", "2019-05-28")
    assert m.legal_basis[0] == "Wet bevordering integriteitsbeoordelingen door het openbaar bestuur"
    assert doc.title.startswith("Beleidsregel Wet Bibob voor omgevingsvergunning milieu")
    kinds = [p.kind for p in doc.parts]
    assert kinds[0] is PartKind.PREAMBLE and kinds[-1] is PartKind.CLOSING
    sections = [p.heading for p in doc.all_parts if p.kind is PartKind.SECTION]
    assert "B. Bibob-toets bij een reeds verleende vergunning" in sections


def test_spijkenisse_cvdr_table_rows_and_metadata() -> None:
    doc = _load("spijkenisse_lijst-afnemers-gba_2011.cvdr.xml")
    m = doc.metadata
    assert (m.identifier, m.municipality, m.adopted) == ("112779_1", "Spijkenisse", "2011-09-06")
    assert m.legal_basis == ("Verordening persoonsinformatievoorziening Spijkenisse 2010, art. 4, 9 en 10",)
    rows = [ln.text for ln in doc.lines if ln.text.startswith("| ")]
    assert rows[0] == (
        "| Dienst / Afdeling | Taak: Wettelijke grondslag | gegevensset gba autorisatiefunctie | "
        "gegevensset gba-v autorisatiebesluit |"
    )
    assert (
        "| Budgetondersteuning, Inburgering en Sociale Recherche (Schuldhulpverlening en Armoederegeling 1) "
        "| Schuldhulpverlening | Zie functieautorisatie BIS | n.v.t. |"
    ) in rows
    assert len(rows) == 30  # 30 <row> elements in the file


def test_oldambt_gemeenteblad_mededeling() -> None:
    doc = _load("oldambt_gemeenteblad-mededeling_2017.op.xml")
    assert doc.format == "gemeenteblad"
    assert doc.title == "Ingediende aanvraag omgevingsvergunning, Zuiderweg 21 Midwolda"
    assert doc.municipality == "Oldambt"
    assert doc.metadata.identifier == "gmb-2017-100002"
    assert doc.articles == []
    assert "Winschoten, 14 juni 2017" in doc.text


def test_sru_search_record_is_refused_with_its_root_named() -> None:
    path = FORMATS / "bergeijk_sru-searchrecord_2023.sru.xml"
    if not path.exists():
        pytest.skip("sample not present")
    with pytest.raises(InputError) as err:
        parse_source(path.read_bytes(), str(path))
    assert err.value.code == "xml_unknown_root" and "<record>" in err.value.message("nl")


def test_every_sample_reads_or_fails_cleanly() -> None:
    for path in sorted(FORMATS.glob("*.xml")):
        try:
            doc = parse_source(path.read_bytes(), str(path))
        except InputError as err:
            assert str(path) in err.message("nl")
            continue
        assert doc.metadata.municipality and doc.title


@pytest.mark.parametrize("name", [
    "kampen_beleidsregels-verkeersveiligheid-parkeren_2016.cvdr.xml",
    "someren_beleidsregel-bibob_2019.cvdr.xml",
])
def test_real_policy_rules_outside_the_social_domain_are_not_judged(name: str) -> None:
    """A parking and a Bibob policy rule, as published: the social-domain pack does not apply to them
    (before, they failed P01 and P05 as 'ernstig' and topped a report of a municipality's rules)."""
    from sociaal_audit.engine import Engine
    from sociaal_audit.rules.loader import load_packs

    result = Engine(load_packs(["integraliteit"])).check_document(_load(name))
    assert {r.status for r in result.results} == {"not_applicable"}
    assert {r.values.get("reason") for r in result.results} == {"not_social_domain"}
