"""PDF reader: reading order, running headers/footers and page numbers, hyphenation, page + line, no text layer.

PDFs with text are printed from HTML by headless Chromium (skipped when it is not installed); the
PDF without a text layer is written by hand.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.model import PartKind
from sociaal_audit.documents.readers import pdf as pdf_reader
from sociaal_audit.errors import InputError

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")

PAGES = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Verordening Wmo Heuvelrug</title>
<style>body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:0}
.page{break-after:page}.run{position:fixed;bottom:0;left:0;font-size:8pt}
.nr{position:fixed;top:0;right:0;font-size:8pt}.narrow{width:9cm}</style></head><body>
<div class="run">Gemeente Heuvelrug - Verordening Wmo 2026 - ontwerp</div>
<div class="page">
<h1>Verordening maatschappelijke ondersteuning Heuvelrug 2026</h1>
<p>De raad van de gemeente Heuvelrug;</p>
<p>besluit vast te stellen de volgende verordening:</p>
<p>Artikel 1 Melding</p>
<p>1. Een melding kan bij het wijkteam worden gedaan.</p>
<p>2. Het college bevestigt de melding binnen vijf werkdagen.</p>
</div>
<div class="page">
<p>Artikel 2 Hardheidsclausule</p>
<p class="narrow">Het college kan in bijzondere gevallen afwijken op grond van de hardheids-<br>clausule, ten gunste van de cliënt.</p>
</div>
<div>
<p>Artikel 3 Inwerkingtreding</p>
<p>Deze verordening treedt in werking op 1 juli 2026.</p>
</div>
</body></html>
"""


def _print(tmp_path: Path, html: str, header_footer: bool) -> bytes:
    page = tmp_path / "doc.html"
    page.write_text(html, encoding="utf-8")
    out = tmp_path / "doc.pdf"
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/profile",
            f"--print-to-pdf={out}"]
    if not header_footer:
        args.append("--no-pdf-header-footer")
    subprocess.run([*args, page.as_uri()], check=True, capture_output=True, timeout=120)
    return out.read_bytes()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if CHROMIUM is None:
        pytest.skip("chromium not installed")
    return _print(tmp_path_factory.mktemp("pdf"), PAGES, header_footer=True)


@needs_chromium
def test_running_headers_footers_and_page_numbers_are_dropped(printed: bytes) -> None:
    doc = parse_source(printed, "heuvelrug.pdf")
    assert doc.format == "pdf"
    assert "ontwerp" not in doc.text  # our own running footer, on every page
    assert "file://" not in doc.text and "/3" not in doc.text  # Chromium's footer: URL and "1/3"
    assert doc.title == "Verordening maatschappelijke ondersteuning Heuvelrug 2026"  # not Chromium's header
    assert [a.number for a in doc.articles] == ["1", "2", "3"]
    assert [c.number for c in doc.articles[0].children if c.kind is PartKind.LID] == ["1", "2"]


@needs_chromium
def test_hyphenated_word_is_rejoined_and_next_line_column_moves(printed: bytes) -> None:
    doc = parse_source(printed, "heuvelrug.pdf")
    joined = next(ln for ln in doc.lines if "hardheidsclausule" in ln.text)
    assert joined.text.endswith("hardheidsclausule,") and joined.page == 2
    following = doc.lines[doc.lines.index(joined) + 1]
    assert following.text.startswith("ten gunste") and following.column == len("clausule, ") + 1
    assert following.page == 2 and following.line == joined.line + 1


@needs_chromium
def test_locations_are_page_and_line(printed: bytes) -> None:
    doc = parse_source(printed, "heuvelrug.pdf")
    art3 = doc.articles[2]
    loc = doc.locate(art3.start)
    assert loc.page == 3 and loc.line >= 1
    first = doc.locate(doc.articles[0].start)
    assert first.page == 1


def test_page_number_lines() -> None:
    for text in ("3", "Pagina 3 van 12", "- 3 -", "3/12", "blz. 4", "page 2 of 9"):
        assert pdf_reader._PAGE_NUMBER.match(text), text
    for text in ("3 weken", "Artikel 3", "1. Het college"):
        assert not pdf_reader._PAGE_NUMBER.match(text), text


def _no_text_pdf() -> bytes:
    content = b"0 0 1 rg 100 100 200 200 re f\n"  # a filled rectangle: a page with an image-like mark, no text
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length " + str(len(content)).encode() + b">>stream\n" + content
        + b"endstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def test_pdf_without_text_layer_is_a_clear_error_not_an_empty_pass() -> None:
    with pytest.raises(InputError) as err:
        parse_source(_no_text_pdf(), "scan.pdf")
    assert err.value.code == "no_text_layer"
    assert err.value.message("nl") == "scan.pdf: geen tekstlaag; OCR wordt niet ondersteund"
    assert err.value.message("en") == "scan.pdf: no text layer; OCR is not supported"


def test_damaged_pdf_is_a_one_line_error() -> None:
    with pytest.raises(InputError) as err:
        parse_source(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<", "kapot.pdf")
    assert err.value.code == "parse_failed" and err.value.message("nl").startswith("kapot.pdf: kan PDF niet lezen")


def test_pdf_without_text_layer_fails_the_cli_with_exit_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sociaal_audit.cli import app

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_no_text_pdf())
    result = CliRunner().invoke(app, ["check", str(scan)])
    assert result.exit_code == 2
    assert "geen tekstlaag; OCR wordt niet ondersteund" in result.output


def _lines(*texts: str) -> list:
    return [pdf_reader._Line(page=1, number=i + 1, top=10.0 * i, text=t, in_margin=False) for i, t in enumerate(texts)]


def test_rejoin_rules_for_dutch_hyphens() -> None:
    joined = pdf_reader._rejoin_hyphenated(_lines("op grond van de hardheids-", "clausule kan het college"))
    assert [ln.text for ln in joined] == ["op grond van de hardheidsclausule", "kan het college"]
    assert joined[1].column == len("clausule ") + 1
    elided = pdf_reader._rejoin_hyphenated(_lines("het jeugd-", "en gezinsteam"))
    assert [ln.text for ln in elided] == ["het jeugd-", "en gezinsteam"]
    compound = pdf_reader._rejoin_hyphenated(_lines("de Wmo-", "consulent beslist"))
    assert [ln.text for ln in compound] == ["de Wmo-consulent", "beslist"]
    whole = pdf_reader._rejoin_hyphenated(_lines("de maatwerk-", "voorziening"))
    assert [ln.text for ln in whole] == ["de maatwerkvoorziening"]


@needs_chromium
def test_scan_with_only_page_numbers_as_text_is_still_no_text_layer(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>.nr{position:fixed;bottom:0;right:0}
    .page{break-after:page;height:20cm;background:#ccc}</style></head><body><div class="nr">Gescand met KopieerPro</div>
    <div class="page"></div><div class="page"></div><div></div></body></html>"""
    data = _print(tmp_path, page, header_footer=True)
    with pytest.raises(InputError) as err:
        parse_source(data, "gescand.pdf")
    assert err.value.code == "no_text_layer"


class _FakePage:
    """Just enough of a pdfplumber page: words at given heights."""

    height = 842.0

    def __init__(self, rows: list[list[str]]) -> None:
        self.words = [
            {"text": t, "x0": 100.0 + 40 * j, "x1": 130.0 + 40 * j, "top": 200.0 + 20 * i, "bottom": 210.0 + 20 * i,
             "size": 10.0, "fontname": "DejaVuSans"}
            for i, row in enumerate(rows) for j, t in enumerate(row)
        ]

    def extract_words(self, **_: object) -> list[dict[str, object]]:
        return [dict(w) for w in self.words]

    def find_tables(self) -> list[object]:
        return []

    def _rows(self) -> list[list[dict[str, object]]]:
        return pdf_reader._rows(self.extract_words())


def test_unmapped_glyphs_are_not_text() -> None:
    lines = pdf_reader._page_lines(_FakePage([["Artikel", "1"], ["(cid:71)(cid:72)", "(cid:3)"], ["De", "cliënt"]]), 1)
    assert [ln.text for ln in lines] == ["Artikel 1", "De cliënt"]
    assert pdf_reader._page_lines(_FakePage([["(cid:71)(cid:72)"]]), 1) == []


TWO_COLUMNS = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>body{font-family:'DejaVu Sans';
font-size:10pt}.cols{column-count:2;column-gap:1cm;text-align:justify}</style></head><body>
<h1>Verordening Wmo Tweestromen 2026</h1><div class="cols">
<p>Artikel 1 Begrippen</p>
<p>1. In deze verordening wordt verstaan onder cliënt de ingezetene die een melding doet bij het college of bij
het sociaal wijkteam van de gemeente.</p>
<p>2. Begrippen die niet nader worden omschreven hebben dezelfde betekenis als in de Wet maatschappelijke
ondersteuning 2015 en de Algemene wet bestuursrecht.</p>
<p>Artikel 2 Melding</p>
<p>1. Een melding kan mondeling, schriftelijk of elektronisch worden gedaan bij het sociaal wijkteam, dat de
melding namens het college in ontvangst neemt.</p>
<p>2. Het college bevestigt de ontvangst van de melding binnen vijf werkdagen en wijst de cliënt op de
mogelijkheid van gratis cliëntondersteuning.</p>
<p>Artikel 3 Onderzoek</p>
<p>1. Het college voert binnen zes weken na de melding een zorgvuldig onderzoek uit naar de behoeften,
persoonskenmerken en mogelijkheden van de cliënt.</p>
<p>2. Het college betrekt bij het onderzoek de mogelijkheden van eigen kracht, gebruikelijke hulp, mantelzorg
en het sociaal netwerk van de cliënt.</p>
<p>Artikel 4 Hardheidsclausule</p>
<p>Het college kan in bijzondere gevallen afwijken van de bepalingen van deze verordening, indien toepassing
daarvan tot onbillijkheden van overwegende aard leidt.</p>
</div>
<table style="border:0"><tr><td>Product</td><td>Tarief</td></tr><tr><td>Begeleiding</td><td>€ 62,40</td></tr></table>
</body></html>
"""


@needs_chromium
def test_two_columns_are_read_left_column_first(tmp_path: Path) -> None:
    doc = parse_source(_print(tmp_path, TWO_COLUMNS, header_footer=False), "kolommen.pdf")
    assert doc.title == "Verordening Wmo Tweestromen 2026"
    assert [(a.number, [c.number for c in a.children if c.kind is PartKind.LID]) for a in doc.articles] == [
        ("1", ["1", "2"]), ("2", ["1", "2"]), ("3", ["1", "2"]), ("4", [])
    ]
    text = " ".join(doc.text.split())
    assert "een melding doet bij het college of bij het sociaal wijkteam van de gemeente." in text
    assert "Begeleiding € 62,40" in text  # an unruled table after the columns keeps its rows


def test_one_column_and_short_table_cells_have_no_gutter() -> None:
    body = _FakePage([["Het", "college", "kan", "in", "bijzondere", "gevallen", "afwijken", "van", "de", "regels."]] * 12)
    for w in body.words:  # word spaces fall at other places on every line, as in running text
        shift = (int(w["top"]) * 7) % 37
        w["x0"] += shift
        w["x1"] += shift
    assert pdf_reader._gutter(body._rows(), 595.0) is None
    table = [["Begeleiding", "individueel", "€", "62,40"]] * 12
    page = _FakePage(table)
    for w in page.words:  # two short cells per row, far apart
        if w["text"] in ("€", "62,40"):
            w["x0"] += 300
            w["x1"] += 300
    assert pdf_reader._gutter(page._rows(), 595.0) is None


def test_rejoin_after_soft_and_unicode_hyphens() -> None:
    for hyphen in ("\u00ad", "\u2010", "\u2011"):
        joined = pdf_reader._rejoin_hyphenated(_lines(f"de gebruike{hyphen}", "lijke hulp"))
        assert [ln.text for ln in joined] == ["de gebruikelijke", "hulp"], hyphen
    kept = pdf_reader._rejoin_hyphenated(_lines("de Wmo\u2010", "consulent beslist"))
    assert [ln.text for ln in kept] == ["de Wmo-consulent", "beslist"]
    soft = pdf_reader._rejoin_hyphenated(_lines("de Wmo\u00ad", "consulent beslist"))
    assert [ln.text for ln in soft] == ["de Wmoconsulent", "beslist"]  # a soft hyphen is never a real one


_CHAPTER_TITLES = ("Algemene bepalingen", "Toegang", "Voorzieningen", "Slotbepalingen")
_LID = (
    "Het college betrekt bij het onderzoek de mogelijkheden van eigen kracht, gebruikelijke hulp, mantelzorg en "
    "het sociaal netwerk van de cliënt, tenzij dit redelijkerwijs niet van de cliënt kan worden gevergd; de "
    "maatwerkvoorziening wordt dan zonder onderbreking verstrekt door de gecontracteerde jeugdhulpaanbieder."
)


def _typeset_ordinance() -> tuple[bytes, list[str]]:
    """A typeset ordinance (WeasyPrint): running header, "Pagina N van M" footer, each chapter on a
    new page with "Hoofdstuk N" on a line of its own at the top, justified Dutch text hyphenated with
    U+2010. Returns the PDF and the paragraphs as written."""
    weasyprint = pytest.importorskip("weasyprint")
    paragraphs: list[str] = []
    body = []
    article = 0
    for number, title in enumerate(_CHAPTER_TITLES, 1):
        body.append(f'<section><p class="kop">Hoofdstuk {number}</p><p class="titel">{title}</p>')
        for _ in range(3):
            article += 1
            body.append(f'<p class="kop">Artikel {article}</p><p class="titel">Onderwerp {article}</p>')
            for lid in (1, 2):
                body.append(f"<p>{lid}. {_LID}</p>")
                paragraphs.append(f"{lid}. {_LID}")
        body.append("</section>")
    css = """@page { size: A4; margin: 2.5cm 2cm;
      @top-center { content: "Verordening sociaal domein Beekdal 2026"; font-size: 8pt }
      @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt } }
    body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; hyphens: auto; text-align: justify }
    section { break-before: page } .kop { font-weight: bold; margin-bottom: 0 } .titel { margin-top: 0 }"""
    html = (
        f'<html lang="nl"><head><meta charset="utf-8"><style>{css}</style></head><body>'
        "<h1>Verordening sociaal domein Beekdal 2026</h1><p>De raad van de gemeente Beekdal;</p>"
        f"<p>besluit vast te stellen de volgende verordening:</p>{''.join(body)}</body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf(), paragraphs


@pytest.fixture(scope="module")
def typeset() -> tuple[bytes, list[str]]:
    return _typeset_ordinance()


def test_chapter_headings_at_the_top_of_every_page_are_not_running_headers(typeset: tuple[bytes, list[str]]) -> None:
    data, _ = typeset
    doc = parse_source(data, "beekdal.pdf")
    chapters = [(p.number, p.heading) for p in doc.parts if p.kind is PartKind.CHAPTER]
    assert chapters == [(str(n), title) for n, title in enumerate(_CHAPTER_TITLES, 1)]
    assert [a.number for a in doc.articles] == [str(n) for n in range(1, 13)]
    assert all([c.number for c in a.children if c.kind is PartKind.LID] == ["1", "2"] for a in doc.articles)
    assert "Pagina" not in doc.text  # "Pagina 2 van 5": page numbers are dropped
    assert doc.text.count("Verordening sociaal domein Beekdal 2026") == 1  # the title, not the running header
    assert doc.locate(doc.articles[3].start).page == 3


def test_typesetter_hyphens_are_rejoined(typeset: tuple[bytes, list[str]]) -> None:
    import pdfplumber

    data, paragraphs = typeset
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        raw = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "\u2010\n" in raw  # the typesetter really hyphenated words at line ends
    doc = parse_source(data, "beekdal.pdf")
    text = " ".join(doc.text.split())
    for paragraph in paragraphs:
        assert paragraph in text
    assert "\u2010" not in doc.text


_COLUMN_LEDEN = (
    "Het college voert binnen zes weken na de melding een zorgvuldig onderzoek uit naar de behoeften, "
    "persoonskenmerken, voorkeuren en mogelijkheden van de cliënt en van diens mantelzorgers.",
    "Bij het onderzoek betrekt het college de mogelijkheden van eigen kracht, gebruikelijke hulp en het sociaal "
    "netwerk, tenzij dit redelijkerwijs niet van de cliënt of zijn omgeving kan worden gevergd.",
    "De cliënt kan zich bij het onderzoek kosteloos laten bijstaan door een onafhankelijke cliëntondersteuner "
    "die niet in dienst is van de gemeente of van een gecontracteerde jeugdhulpaanbieder.",
    "Het college verstrekt een maatwerkvoorziening wanneer de zelfredzaamheid en participatie van de cliënt "
    "onvoldoende zijn, ook als het persoonlijk netwerk daartoe tijdelijk niet in staat is.",
    "Een persoonsgebonden budget wordt verstrekt wanneer de cliënt gemotiveerd aangeeft waarom hij de "
    "ondersteuning als persoonsgebonden budget wenst en de kwaliteit daarvan voldoende is gewaarborgd.",
    "Het college kan in bijzondere gevallen afwijken van de bepalingen van deze verordening, voor zover "
    "toepassing daarvan tot onbillijkheden van overwegende aard leidt ten opzichte van de belanghebbende.",
)


def test_two_typeset_columns_with_hyphenation_and_running_lines() -> None:
    weasyprint = pytest.importorskip("weasyprint")
    body = ["<p>De raad van de gemeente Beekdal;</p>"]
    for article in range(1, 9):
        body.append(f"<p><b>Artikel {article}</b></p>")
        for lid in (1, 2):
            body.append(f"<p>{lid}. {_COLUMN_LEDEN[(2 * article + lid) % len(_COLUMN_LEDEN)]}</p>")
    css = """@page { size: A4; margin: 2cm;
      @top-center { content: "Verordening sociaal domein Beekdal 2026"; font-size: 8pt }
      @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt } }
    body { font-family: 'DejaVu Serif', serif; font-size: 10pt; hyphens: auto; text-align: justify }
    .cols { column-count: 2; column-gap: 1cm }"""
    html = (f'<html lang="nl"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<h1>Verordening sociaal domein Beekdal 2026</h1><div class="cols">{"".join(body)}</div></body></html>')
    doc = parse_source(weasyprint.HTML(string=html).write_pdf(), "kolommen-gezet.pdf")
    assert [a.number for a in doc.articles] == [str(n) for n in range(1, 9)]
    assert all([c.number for c in a.children if c.kind is PartKind.LID] == ["1", "2"] for a in doc.articles)
    text = " ".join(doc.text.split())
    for article in range(1, 9):
        for lid in (1, 2):
            assert f"{lid}. {_COLUMN_LEDEN[(2 * article + lid) % len(_COLUMN_LEDEN)]}" in text
    assert "Pagina" not in text and text.count("Verordening sociaal domein Beekdal 2026") == 1


def test_a_bare_number_below_the_page_edge_is_text_not_a_page_number() -> None:
    """A title wrapped so its year stands alone near the top of page 1 keeps its year; page numbers go."""

    def line(page: int, top: float, text: str) -> pdf_reader._Line:
        return pdf_reader._Line(page=page, number=int(top), top=top, text=text, in_margin=top < 101 or top > 741,
                                bottom=top + 10)

    pages = [
        [line(1, 25, "Concept 12 maart 2026"), line(1, 74, "Verordening sociaal domein Beekdal"),
         line(1, 97, "2026"), line(1, 142, "De raad van de gemeente Beekdal;"), line(1, 810, "1")],
        [line(2, 25, "Concept 12 maart 2026"), line(2, 142, "Artikel 1 Doel"), line(2, 810, "2")],
    ]
    kept = [ln.text for ln in pdf_reader._drop_running_lines(pages)]
    assert kept == ["Verordening sociaal domein Beekdal", "2026", "De raad van de gemeente Beekdal;", "Artikel 1 Doel"]
