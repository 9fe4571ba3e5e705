"""One ordinance, every input format: the same articles, leden and rule results whatever the format.

The ordinance below is the single source. It is rendered by ``examples/build_formats.py`` to
Markdown, plain text (Windows-1252 with CRLF line ends), an HTML page with site chrome, the same
page with lid and onderdeel numbers in their own elements, a CVDR XML export, a Gemeenteblad XML
publication, a Word document with Word's own list numbering, a PDF printed by headless Chromium
(with Chromium's running header and footer, which the reader must drop) and a typeset PDF
(WeasyPrint: narrow pages, Dutch hyphenation with U+2010, a running header and "Pagina N van M").
Each PDF leg is skipped when its printer is not installed.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from collections import Counter
from pathlib import Path

import pytest

from sociaal_audit.documents import Document, parse_source
from sociaal_audit.documents.model import PartKind
from sociaal_audit.engine import Engine
from sociaal_audit.rules.loader import load_packs

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"

SOURCE = """\
# Verordening maatschappelijke ondersteuning en jeugdhulp Westerzande 2026

De raad van de gemeente Westerzande;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015 en artikel 2.9 van de Jeugdwet;

besluit vast te stellen de volgende verordening:

## Hoofdstuk 1. Algemene bepalingen

### Artikel 1. Begripsbepalingen

1. In deze verordening wordt verstaan onder:
a. cliënt: een ingezetene die een melding doet, of een jeugdige of diens ouder;
b. college: het college van burgemeester en wethouders van de gemeente Westerzande;
c. sociaal wijkteam: het team dat namens het college de toegang tot ondersteuning en jeugdhulp verzorgt.
2. Begrippen die niet nader worden omschreven, hebben dezelfde betekenis als in de Wet maatschappelijke ondersteuning 2015 en de Jeugdwet.

### Artikel 2. Samenhang

1. Het college voert de Wet maatschappelijke ondersteuning 2015, de Jeugdwet en de Participatiewet uit als één samenhangend geheel.
2. Het college werkt volgens het beginsel één gezin, één plan, één regisseur.

## Hoofdstuk 2. Toegang

### Paragraaf 2.1 Melding en onderzoek

### Artikel 3. Melding

1. Een melding kan worden gedaan bij het sociaal wijkteam, mondeling, schriftelijk of digitaal.
2. Het college bevestigt de ontvangst van de melding binnen vijf werkdagen.

### Artikel 4. Onderzoek

1. Het college voert binnen zes weken na de melding een onderzoek uit naar de behoeften, persoonskenmerken en mogelijkheden van de cliënt.
2. Bij het onderzoek betrekt het college de mogelijkheden van eigen kracht, gebruikelijke hulp en mantelzorg, maar het ontbreken van een sociaal netwerk is geen grond om ondersteuning te weigeren.

### Artikel 4a. Spoedeisende situaties

In spoedeisende situaties verstrekt het college direct een tijdelijke maatwerkvoorziening, in afwachting van het onderzoek.

## Hoofdstuk 3. Tarieven en slotbepalingen

### Artikel 5. Tarieven

1. De tarieven voor voorzieningen in natura zijn:

| Product | Eenheid | Tarief |
|---|---|---|
| Hulp bij het huishouden | per uur | € 27,50 |
| Begeleiding individueel | per uur | € 62,40 |

2. Het college indexeert de tarieven jaarlijks.

### Artikel 6. Hardheidsclausule

Het college kan in bijzondere gevallen, voor zover toepassing van deze verordening tot onbillijkheden van overwegende aard leidt, ten gunste van de cliënt afwijken van de bepalingen van deze verordening.

### Artikel 7. Citeertitel en inwerkingtreding

Deze verordening treedt in werking op 1 juli 2026 en wordt aangehaald als: Verordening maatschappelijke ondersteuning en jeugdhulp Westerzande 2026.

Aldus vastgesteld in de openbare vergadering van de raad van de gemeente Westerzande van 9 april 2026.

De griffier,

De voorzitter,

## Toelichting

De raad kiest voor één verordening voor de Wmo en de Jeugdwet, zodat inwoners met één vraag bij één loket terechtkunnen.

#### Artikel 6

Met de hardheidsclausule kan het college afwijken waar de regels onbillijk uitpakken.
"""

CVDR_META = {
    "identifier": "CVDR700001_1",
    "publication": "gmb-2026-187654",
    "municipality": "Westerzande",
    "adopted": "2026-04-09",
    "published": "2026-04-23",
    "legal_basis": "Wet maatschappelijke ondersteuning 2015;Jeugdwet",
}
# Which reader each rendering must reach.
READER_OF = {
    "markdown": "markdown", "text": "text", "html": "html", "html-numbers": "html", "cvdr": "cvdr",
    "gemeenteblad": "gemeenteblad", "docx": "docx", "pdf": "pdf", "pdf-typeset": "pdf",
}
TYPESET_CSS = """@page { size: A5; margin: 2cm 1.5cm;
  @top-center { content: "Gemeenteblad 2026, nr. 187654"; font-size: 7pt }
  @bottom-center { content: "Pagina " counter(page) " van " counter(pages); font-size: 7pt } }
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; margin: 0; hyphens: auto; text-align: justify }"""


def _build_formats():
    spec = importlib.util.spec_from_file_location("build_formats", EXAMPLES / "build_formats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_formats"] = module
    spec.loader.exec_module(module)
    return module


build_formats = _build_formats()


def _renderings(tmp_path: Path) -> dict[str, tuple[str, bytes]]:
    blocks = build_formats.blocks_from_markdown(SOURCE)
    out = {
        "markdown": ("westerzande.md", SOURCE.encode("utf-8")),
        "text": ("westerzande.txt", build_formats.to_text(blocks).replace("\n", "\r\n").encode("cp1252")),
        "html": ("westerzande.html", build_formats.to_html(blocks, site_chrome=True).encode("utf-8")),
        "html-numbers": (
            "westerzande-gmb.html",
            build_formats.to_html(blocks, site_chrome=True, numbers_in_elements=True).encode("utf-8"),
        ),
        "cvdr": ("westerzande.xml", build_formats.to_cvdr(blocks, CVDR_META)),
        "gemeenteblad": ("gmb-2026-187654.xml", build_formats.to_gemeenteblad(blocks, CVDR_META)),
        "docx": ("westerzande.docx", build_formats.to_docx(blocks)),
    }
    if build_formats.chromium() is not None:
        pdf = tmp_path / "westerzande.pdf"
        build_formats.html_to_pdf(build_formats.to_html(blocks), pdf, header_footer=True)
        out["pdf"] = ("westerzande.pdf", pdf.read_bytes())
    if importlib.util.find_spec("weasyprint") is not None:
        out["pdf-typeset"] = ("westerzande-gmb.pdf", _typeset_pdf())
    return out


def _typeset_pdf() -> bytes:
    import weasyprint

    page = build_formats.to_html(build_formats.blocks_from_markdown(SOURCE))
    return weasyprint.HTML(string=page.replace("</head>", f"<style>{TYPESET_CSS}</style></head>")).write_pdf()


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    rendered = _renderings(tmp_path_factory.mktemp("formats"))
    return {fmt: parse_source(data, name) for fmt, (name, data) in rendered.items()}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_packs(["integraliteit"]))


def _statuses(engine: Engine, doc: Document) -> dict[str, str]:
    return {r.rule: r.status for r in engine.check_document(doc).results}


def _structure(doc: Document) -> list[tuple[str | None, list[str | None]]]:
    return [(a.number, [c.number for c in a.children if c.kind is PartKind.LID]) for a in doc.articles]


def _items(doc: Document) -> list[tuple[str | None, str | None, list[str | None]]]:
    """Onderdelen (a., b., ...) per article and lid."""
    return [
        (a.number, lid.number, [i.number for i in lid.children if i.kind is PartKind.ITEM])
        for a in doc.articles for lid in a.children if lid.kind is PartKind.LID
    ]


def test_every_format_was_read_by_its_own_reader(documents: dict[str, Document]) -> None:
    assert {fmt: doc.format for fmt, doc in documents.items()} == {fmt: READER_OF[fmt] for fmt in documents}
    missing = sorted(set(READER_OF) - set(documents))
    if missing:
        pytest.skip(f"printer not installed, legs not run: {', '.join(missing)}")


def test_same_article_numbers_and_leden_in_every_format(documents: dict[str, Document]) -> None:
    reference = _structure(documents["markdown"])
    assert [n for n, _ in reference] == ["1", "2", "3", "4", "4a", "5", "6", "7"]
    assert reference[0][1] == ["1", "2"] and reference[5][1] == ["1", "2"]
    for fmt, doc in documents.items():
        assert _structure(doc) == reference, fmt


def test_same_onderdelen_in_every_format(documents: dict[str, Document]) -> None:
    reference = _items(documents["markdown"])
    assert reference[0] == ("1", "1", ["a", "b", "c"])
    for fmt, doc in documents.items():
        assert _items(doc) == reference, fmt


def test_same_title_municipality_kind_and_laws_in_every_format(documents: dict[str, Document]) -> None:
    for fmt, doc in documents.items():
        assert doc.title == "Verordening maatschappelijke ondersteuning en jeugdhulp Westerzande 2026", fmt
        assert doc.municipality == "Westerzande", fmt
        assert doc.kind.value == "verordening", fmt
        assert [law.value for law in doc.laws] == ["wmo2015", "jeugdwet"], fmt
        assert len(doc.toelichting) == 1 and len(doc.preamble) == 1, fmt


def test_same_status_per_rule_in_every_format(documents: dict[str, Document], engine: Engine) -> None:
    reference = _statuses(engine, documents["markdown"])
    counts = Counter(reference.values())
    assert counts["pass"] >= 3 and counts["fail"] >= 3, counts  # the comparison means something
    for fmt, doc in documents.items():
        assert _statuses(engine, doc) == reference, fmt


@pytest.mark.parametrize(("fmt", "identifier"), [("cvdr", "CVDR700001_1"), ("gemeenteblad", "gmb-2026-187654")])
def test_xml_metadata_reaches_the_results(
    documents: dict[str, Document], engine: Engine, fmt: str, identifier: str
) -> None:
    result = engine.check_document(documents[fmt])
    assert result.identifier == identifier
    assert result.adopted == "2026-04-09"
    assert result.legal_basis == ["Wet maatschappelijke ondersteuning 2015", "Jeugdwet"]


def test_typeset_pdf_leg_really_has_hyphens_running_lines_and_pages(documents: dict[str, Document]) -> None:
    """The typeset leg is only a test of hyphenation and running lines if it has them."""
    if "pdf-typeset" not in documents:
        pytest.skip("weasyprint not installed")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(_typeset_pdf())) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) >= 3 and all("Gemeenteblad 2026, nr. 187654" in p for p in pages)
    assert sum(p.count("\u2010\n") for p in pages) >= 3  # words hyphenated at line ends
    doc = documents["pdf-typeset"]
    assert "Gemeenteblad 2026" not in doc.text and "Pagina" not in doc.text and "\u2010" not in doc.text


def test_text_leg_really_is_windows_1252_with_crlf() -> None:
    blocks = build_formats.blocks_from_markdown(SOURCE)
    data = build_formats.to_text(blocks).replace("\n", "\r\n").encode("cp1252")
    assert b"\r\n" in data and b"\x80" in data and b"cli\xebnt" in data  # € and ë as Windows-1252 bytes
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_shipped_example_formats_give_the_markdown_result(suffix: str, engine: Engine) -> None:
    md = EXAMPLES / "verordening-sociaal-domein-lindewaarde.md"
    other = md.with_suffix(suffix)
    reference = parse_source(md.read_bytes(), str(md))
    doc = parse_source(other.read_bytes(), str(other))
    assert doc.format == suffix[1:]
    assert doc.title == reference.title
    assert _structure(doc) == _structure(reference)
    assert len(reference.articles) == 44
    assert _statuses(engine, doc) == _statuses(engine, reference)


def _where(engine: Engine, doc: Document) -> dict[str, set[tuple[str | None, str | None]]]:
    return {r.rule: {(loc.article, loc.lid) for loc in r.locations} for r in engine.check_document(doc).results}


def test_same_articles_and_leden_as_evidence_per_rule(documents: dict[str, Document], engine: Engine) -> None:
    reference = _where(engine, documents["markdown"])
    assert any(reference.values())
    for fmt, doc in documents.items():
        assert _where(engine, doc) == reference, fmt
