"""Format detection: content and extension together; unknown or mismatched formats are one-line errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.readers import READER_MODULES, detect
from sociaal_audit.errors import InputError

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "verordening-sociaal-domein-lindewaarde"
CVDR = b'<?xml version="1.0"?><cvdr xmlns="http://standaarden.overheid.nl/cvdr/terms/"><body><intitule>Verordening Wmo</intitule></body></cvdr>'
OP = b'<?xml version="1.0"?><officiele-publicatie><gemeenteblad><kop><titel>Verordening Wmo</titel></kop></gemeenteblad></officiele-publicatie>'
HTML = b"<!DOCTYPE html><html><body><h1>Verordening Wmo</h1><p>Artikel 1 Doel</p></body></html>"
MD = "# Verordening Wmo Lindewaarde\n\n## Artikel 1 Doel\n\nHet college helpt.\n".encode()


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("Verordening Wmo")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _error(data: bytes, name: str) -> InputError:
    with pytest.raises(InputError) as err:
        parse_source(data, name)
    for lang in ("nl", "en"):
        message = err.value.message(lang)
        assert message.startswith(name + ":") and "\n" not in message
    return err.value


def test_sniffing_order_binary_and_markup_before_text() -> None:
    assert READER_MODULES.index("pdf") < READER_MODULES.index("html") < READER_MODULES.index("text")
    assert READER_MODULES.index("docx") < READER_MODULES.index("text")
    assert READER_MODULES.index("cvdr") < READER_MODULES.index("html")


@pytest.mark.parametrize(
    ("name", "data", "reader"),
    [
        ("regeling.xml", CVDR, "cvdr"),
        ("regeling.xml", OP, "gemeenteblad"),
        ("pagina.html", HTML, "html"),
        ("pagina.htm", HTML, "html"),
        ("voorstel.docx", None, "docx"),
        ("notitie.md", MD, "markdown"),
        ("notitie.txt", MD, "text"),
        ("zonder-extensie", CVDR, "cvdr"),
        ("zonder-extensie", HTML, "html"),
        ("zonder-extensie", None, "docx"),
        ("zonder-extensie", MD, "text"),
    ],
)
def test_content_and_extension_pick_the_reader(name: str, data: bytes | None, reader: str) -> None:
    assert detect(name, data if data is not None else _docx()).NAME == reader


def test_pdf_without_extension_and_with_its_own() -> None:
    pdf = EXAMPLE.with_suffix(".pdf").read_bytes()
    assert detect("bijlage", pdf).NAME == "pdf"
    assert detect("bijlage.PDF", pdf).NAME == "pdf"


def test_markdown_that_is_really_a_pdf() -> None:
    err = _error(EXAMPLE.with_suffix(".pdf").read_bytes(), "verordening.md")
    assert err.code == "format_mismatch"
    assert err.message("nl") == "verordening.md: de extensie zegt .md, maar de inhoud is pdf"


def test_docx_that_is_really_text_and_pdf_that_is_really_docx() -> None:
    assert _error(MD, "voorstel.docx").code == "format_mismatch"
    assert _error(_docx(), "verordening.pdf").code == "format_mismatch"


def test_xml_with_an_unknown_root() -> None:
    err = _error(b"<record><recordData/></record>", "zoekresultaat.xml")
    assert err.code == "xml_unknown_root"
    assert "<record>" in err.message("nl") and "cvdr, officiele-publicatie" in err.message("nl")


def test_unknown_extension_and_binary_content() -> None:
    assert _error(b"\x00\x01\x02binary", "data.bin").code == "binary_file"
    err = _error(b"\x89PNG\r\n\x1a\n\x00\x00", "scan.png")
    assert err.code == "unknown_format" and "'.png'" in err.message("nl")


RTF = rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times New Roman;}} Verordening Wmo Lindewaarde\par Artikel 1 Doel\par }"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _odt() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("concept.rtf", RTF, "concept.rtf: onbekend formaat '.rtf' (ondersteund: "),
        ("concept.txt", RTF, "concept.txt: de extensie zegt .txt, maar de inhoud is rtf"),
        ("concept", RTF, "concept: onbekend formaat 'rtf' (ondersteund: "),
        ("oud.doc", OLE2, "oud.doc: onbekend formaat '.doc' (ondersteund: "),
        ("hernoemd.docx", OLE2, "hernoemd.docx: de extensie zegt .docx, maar de inhoud is doc (Word 97-2003)"),
        ("voorstel.docx", None, "voorstel.docx: de extensie zegt .docx, maar de inhoud is odt"),
        ("scan.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "scan.pdf: de extensie zegt .pdf, maar de inhoud is jpeg"),
    ],
)
def test_recognised_unsupported_formats_are_refused_by_name(name: str, data: bytes | None, message: str) -> None:
    """An RTF draft is plain ASCII: without this it would be 'read' as text, control words and all."""
    err = _error(data if data is not None else _odt(), name)
    assert err.message("nl").startswith(message)


def test_html_page_saved_as_markdown_or_text_is_read_as_html() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Wmo</title></head><body><nav>Home | Zoeken</nav><main>"
        b"<h1>Verordening Wmo Lindewaarde</h1><h2>Artikel 1 Doel</h2><p>Het college helpt.</p></main></body></html>"
    )
    for name in ("pagina.md", "pagina.txt"):
        assert detect(name, page).NAME == "html"
        doc = parse_source(page, name)
        assert doc.title == "Verordening Wmo Lindewaarde" and "<" not in doc.text and "Zoeken" not in doc.text


def test_legacy_encoded_text_without_extension_is_read_by_its_content() -> None:
    data = "Verordening cliëntondersteuning Baarlebroek\r\n\r\nArtikel 1 Cliënt\r\nDe cliënt krijgt € 5.\r\n".encode("cp1252")
    assert detect("verordening", data).NAME == "text"
    assert parse_source(data, "verordening").title == "Verordening cliëntondersteuning Baarlebroek"


def test_markdown_starting_with_a_suppression_comment_stays_markdown() -> None:
    data = b"<!-- sociaal-audit: negeer INT-P05 -->\n" + MD
    assert detect("verordening.md", data).NAME == "markdown"
    assert detect("verordening.txt", data).NAME == "text"


def test_cli_reports_a_bad_file_and_still_checks_the_good_one(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sociaal_audit.cli import app

    bad = tmp_path / "kapot.md"
    bad.write_bytes(EXAMPLE.with_suffix(".pdf").read_bytes())
    good = tmp_path / "goed.docx"
    good.write_bytes(EXAMPLE.with_suffix(".docx").read_bytes())
    result = CliRunner().invoke(app, ["check", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 2
    assert "de extensie zegt .md, maar de inhoud is pdf" in result.output
    assert '"format": "docx"' in result.output


def test_xml_without_extension_and_an_unknown_root() -> None:
    assert _error(b'<?xml version="1.0"?><record><recordData/></record>', "zoekresultaat").code == "xml_unknown_root"
