"""Property-based tests past the front door: well-formed but arbitrary files of each format.

Arbitrary bytes (test_fuzz_readers.py) are mostly refused at the first step (not a zip, not
well-formed XML, no PDF header), so they never reach the code that walks a CVDR tree, numbers
Word lists or groups PDF words into lines. Here every example is a valid container: CVDR and
Gemeenteblad XML trees built from the formats' own element names, HTML from heading, list and
table tags, DOCX files written with python-docx (heading and list styles, tables), and PDF files
with text at arbitrary places on several pages. Each must read into a Document or give a one-line
InputError naming the file. The number of examples is SA_FUZZ_EXAMPLES (default 100; a quarter
of it for the slower Word files); ``--hypothesis-show-statistics`` shows how many examples gave
a document, a document with articles, or an input error.
"""

from __future__ import annotations

import io
import os
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from sociaal_audit.documents import Document, parse_source
from sociaal_audit.errors import InputError

EXAMPLES = int(os.environ.get("SA_FUZZ_EXAMPLES", "100"))  # each example builds and reads a whole file
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Writing a Word file with python-docx takes a while: a quarter of the examples, the same share
# of the budget as the other formats.
FUZZ_DOCX = settings(FUZZ, max_examples=max(EXAMPLES // 4, 10))

# Text as council documents hold it, plus the characters that break careless code: XML-legal
# characters only (no C0 controls other than tab and newline, no surrogates).
_XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    chr(c) for c in range(32) if c not in (9, 10)) + "\ufffe\uffff")
_WORDS = st.sampled_from([
    "Artikel 1", "Artikel 2.1.3", "Artikel 4a", "Hoofdstuk 2", "§ 3", "1.", "2", "lid 3", "a.", "1°",
    "Toelichting", "Aldus vastgesteld", "De raad van de gemeente Testdorp;", "gelet op de Jeugdwet;",
    "hardheidsclausule", "Het college kan afwijken.", "€ 27,50 per uur", "", " ", "\n",
])
TEXT = st.lists(st.one_of(_WORDS, st.text(_XML_CHARS, max_size=40)), max_size=6).map(" ".join)


def _record(outcome: str) -> None:
    """Count outcomes in the statistics (``--hypothesis-show-statistics``), inside a property test."""
    if currently_in_test_context():
        event(outcome)


def _assert_document_or_input_error(data: bytes, name: str) -> Document | None:
    try:
        doc = parse_source(data, name)
    except InputError as err:
        message = err.message("nl")
        assert name in message and "\n" not in message
        _record("input error")
        return None
    assert isinstance(doc, Document)
    _record("document with articles" if doc.articles else "document")
    for part in doc.all_parts:
        assert 0 <= part.start <= part.end <= len(doc.text)
        loc = doc.locate(part.start)
        assert loc.line >= 1 and loc.column >= 1
    return doc


# ----- CVDR and Gemeenteblad XML --------------------------------------------------------------

_XML_ELEMENTS = [
    "regeling", "regeling-tekst", "aanhef", "considerans", "afkondiging", "hoofdstuk", "afdeling", "paragraaf",
    "sub-paragraaf", "titeldeel", "artikel", "kop", "label", "nr", "titel", "al", "lid", "lidnr", "lijst", "li",
    "toelichting", "bijlage", "slotformulering", "ondertekening", "functie", "naam", "tabel", "table", "tgroup",
    "colspec", "thead", "tbody", "row", "entry", "p", "nadruk", "redactionele-correcties", "deel",
]


def _xml_tree(depth: int = 4) -> st.SearchStrategy[str]:
    leaf = TEXT.map(escape)

    def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(st.sampled_from(_XML_ELEMENTS), st.lists(children, max_size=5)).map(
            lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"
        )

    return st.recursive(leaf, element, max_leaves=40)


def _cvdr(metadata: str, body: str) -> str:
    return (f"<?xml version='1.0' encoding='UTF-8'?><cvdr><meta><owmskern>{metadata}</owmskern></meta>"
            f"<body><intitule>Verordening</intitule>{body}</body></cvdr>")


_METADATA = st.lists(st.tuples(st.sampled_from(["title", "identifier", "creator", "spatial", "issued", "source",
                                                "modified", "betreft", "inwerkingtredingDatum"]), TEXT),
                     max_size=6).map(lambda items: "".join(f"<{k}>{escape(v)}</{k}>" for k, v in items))


@FUZZ
@given(metadata=_METADATA, body=st.lists(_xml_tree(), max_size=6).map("".join))
def test_arbitrary_cvdr_trees_read(metadata: str, body: str) -> None:
    _assert_document_or_input_error(_cvdr(metadata, body).encode("utf-8"), "fuzz.xml")


@FUZZ
@given(body=st.lists(_xml_tree(), max_size=6).map("".join), title=TEXT)
def test_arbitrary_gemeenteblad_trees_read(body: str, title: str) -> None:
    xml = (f"<?xml version='1.0' encoding='UTF-8'?><officiele-publicatie><metadata><meta name='DC.creator' "
           f"content='{escape(title, {chr(39): '&apos;'})}'/></metadata><gemeenteblad><regeling><intitule>"
           f"{escape(title)}</intitule>{body}</regeling></gemeenteblad></officiele-publicatie>")
    _assert_document_or_input_error(xml.encode("utf-8"), "fuzz.xml")


# ----- HTML -------------------------------------------------------------------------------------

# Tags that hide what follows (script, style, a comment) are rarer, so most pages keep some text.
_HTML_TOKENS = st.one_of(
    st.sampled_from(["<h1>", "</h1>", "<h2>", "</h2>", "<h3>", "</h3>", "<h4>", "<p>", "</p>", "<br>", "<ol>", "</ol>",
                     "<ul>", "</ul>", "<li>", "</li>", "<table>", "<tr>", "<td>", "</td>", "<th>", "</tr>", "</table>",
                     "<div>", "</div>", "<b>", "</b>", "<pre>", "</pre>", "&amp;", "&nbsp;", "&#0;", "&#xD800;",
                     "<td colspan='99999'>"]),
    TEXT.map(escape),
    TEXT.map(escape),
    st.sampled_from(["<script>", "</script>", "<style>", "</style>", "<!--", "-->"]),
)


@FUZZ
@given(title=TEXT, tokens=st.lists(_HTML_TOKENS, max_size=80))
def test_arbitrary_html_reads(title: str, tokens: list[str]) -> None:
    page = (f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body><div>{''.join(tokens)}</div>"
            "</body></html>")
    _assert_document_or_input_error(page.encode("utf-8"), "fuzz.html")


def test_text_directly_in_the_body_is_read() -> None:
    page = ("<!DOCTYPE html><html><head><title>Verordening Testdorp</title></head><body>"
            "Het college <b>kan</b> afwijken van deze verordening.</body></html>")
    doc = _assert_document_or_input_error(page.encode("utf-8"), "test.html")
    assert doc is not None and "Het college kan afwijken van deze verordening." in doc.text


# ----- DOCX -------------------------------------------------------------------------------------

_STYLES = ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Number", "List Number 2", "List Bullet",
           "List Paragraph", "Quote"]
_BLOCK = st.one_of(
    st.tuples(st.just("p"), st.sampled_from(_STYLES), TEXT),
    st.tuples(st.just("table"), st.integers(1, 3), st.lists(TEXT, min_size=1, max_size=6)),
)


def _docx(blocks: list[tuple]) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks:
        if block[0] == "p":
            document.add_paragraph(block[2], style=block[1])
        else:
            _, columns, cells = block
            rows = -(-len(cells) // columns)
            table = document.add_table(rows=rows, cols=columns)
            for i, text in enumerate(cells):
                table.cell(i // columns, i % columns).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@FUZZ_DOCX
@given(blocks=st.lists(_BLOCK, max_size=25))
def test_arbitrary_word_documents_read(blocks: list[tuple]) -> None:
    _assert_document_or_input_error(_docx(blocks), "fuzz.docx")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_ELEMENTS = ["p", "r", "t", "tbl", "tr", "tc", "pPr", "rPr", "sdt", "sdtContent", "numPr", "br", "tab", "hyperlink",
               "ins", "del", "smartTag", "fldSimple"]
_W_VALUED = st.tuples(st.sampled_from(["pStyle", "ilvl", "numId", "outlineLvl"]),
                      st.one_of(st.sampled_from(["0", "1", "8", "9", "-1", "99999", "Heading1", "Kop2", "Title",
                                                 "ListNumber", ""]), st.text(_XML_CHARS, max_size=8)))


def _word_body() -> st.SearchStrategy[str]:
    """Random WordprocessingML: paragraphs, runs, tables, content controls, list numbering with odd values."""
    paragraph = st.tuples(st.lists(_W_VALUED, max_size=3), TEXT).map(
        lambda t: "<w:p><w:pPr>" + "".join(f"<w:{k} w:val={quoteattr(v)}/>" for k, v in t[0])
        + f"</w:pPr><w:r><w:t xml:space='preserve'>{escape(t[1])}</w:t></w:r></w:p>")
    leaf = st.one_of(paragraph, paragraph, TEXT.map(lambda t: f"<w:t xml:space='preserve'>{escape(t)}</w:t>"),
                     _W_VALUED.map(lambda kv: f"<w:{kv[0]} w:val={quoteattr(kv[1])}/>"))

    def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(st.sampled_from(_W_ELEMENTS), st.lists(children, max_size=5)).map(
            lambda t: f"<w:{t[0]}>{''.join(t[1])}</w:{t[0]}>"
        )

    return st.lists(st.recursive(leaf, element, max_leaves=40), max_size=8).map(
        lambda parts: f"<w:document xmlns:w='{_W}'><w:body>{''.join(parts)}</w:body></w:document>")


@FUZZ_DOCX
@given(part=st.one_of(st.binary(max_size=2048), _word_body().map(str.encode)))
def test_a_word_archive_with_a_damaged_document_part(part: bytes) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx([("p", "Normal", "Artikel 1")]))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, part if info.filename == "word/document.xml" else source.read(info))
    _assert_document_or_input_error(buffer.getvalue(), "fuzz.docx")


# ----- PDF --------------------------------------------------------------------------------------


def _pdf_string(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return "(" + safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("\r", " ").replace(
        "\n", " ") + ")"


def _pdf(pages: list[list[tuple[int, int, int, str]]]) -> bytes:
    """A PDF with a Helvetica text layer: per page, lines (x, y, font size, text)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        stream = "".join(f"BT /F1 {size} Tf {x} {y} Td {_pdf_string(text)} Tj ET\n" for x, y, size, text in lines)
        objects.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}endstream")
        content = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


_PDF_LINE = st.tuples(st.integers(-50, 650), st.integers(-50, 900), st.integers(1, 40), TEXT)


@FUZZ
@given(pages=st.lists(st.lists(_PDF_LINE, max_size=12), min_size=1, max_size=4))
def test_arbitrary_pdf_text_layers_read(pages: list[list[tuple[int, int, int, str]]]) -> None:
    _assert_document_or_input_error(_pdf(pages), "fuzz.pdf")


def test_the_pdf_builder_makes_readable_files() -> None:
    """The generator itself works: a plain page reads as the text on it (so the fuzz test reaches the reader)."""
    doc = _assert_document_or_input_error(
        _pdf([[(72, 760, 14, "Verordening sociaal domein Testdorp"), (72, 720, 11, "Artikel 1 Hardheidsclausule"),
               (72, 700, 11, "Het college kan afwijken.")]]), "test.pdf")
    assert doc is not None and [a.number for a in doc.articles] == ["1"]
    assert "Het college kan afwijken." in doc.text


def test_the_generators_reach_the_readers() -> None:
    """A generated CVDR tree and Word file read as documents with articles, not as input errors."""
    cvdr = _cvdr("<title>Verordening Testdorp</title>", "<regeling><regeling-tekst><artikel><kop><label>Artikel</label>"
                 "<nr>1</nr><titel>Hardheidsclausule</titel></kop><al>Het college kan afwijken.</al></artikel>"
                 "</regeling-tekst></regeling>")
    doc = _assert_document_or_input_error(cvdr.encode("utf-8"), "test.xml")
    assert doc is not None and [a.number for a in doc.articles] == ["1"]
    word = _docx([("p", "Title", "Verordening Testdorp"), ("p", "Heading 2", "Artikel 1 Hardheidsclausule"),
                  ("p", "Normal", "Het college kan afwijken.")])
    doc = _assert_document_or_input_error(word, "test.docx")
    assert doc is not None and [a.number for a in doc.articles] == ["1"]
