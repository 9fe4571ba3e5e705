"""DOCX reader: headings, Word's own list numbering, typed numbers, tables, locations, zip bombs."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.model import PartKind
from sociaal_audit.documents.readers import docx as docx_reader
from sociaal_audit.errors import InputError


def _numbering(document, abstract_id: str, levels: list[tuple[str, str, int]]) -> None:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first = numbering.find(qn("w:num"))
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)


def _num(document, num_id: int, abstract_id: str, restart: bool = False) -> None:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
    ))


def _numbered(document, text: str, num_id: int, level: int = 0):
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def _save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _ordinance() -> bytes:
    d = docx.Document()
    _numbering(d, "71", [("decimal", "%1.", 1), ("lowerLetter", "%2.", 1)])
    _numbering(d, "72", [("decimal", "Artikel %1", 1)])
    _num(d, 801, "71")
    _num(d, 802, "71", restart=True)
    _num(d, 803, "72")
    d.add_heading("Verordening jeugdhulp Ravenstein 2026", level=0)  # paragraph 1
    d.add_paragraph("De raad van de gemeente Ravenstein;")  # 2
    d.add_paragraph("besluit vast te stellen de volgende verordening:")  # 3
    d.add_heading("Hoofdstuk 1 Algemeen", level=2)  # 4
    article = d.add_heading("Begrippen", level=3)  # 5: "Artikel 1" comes from Word numbering
    num_pr = article._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 803
    _numbered(d, "In deze verordening wordt verstaan onder:", 801)  # 6
    _numbered(d, "jeugdige: een persoon jonger dan achttien jaar;", 801, 1)  # 7
    _numbered(d, "ouder: de gezaghebbende ouder.", 801, 1)  # 8
    _numbered(d, "Overige begrippen als in de Jeugdwet.", 801)  # 9
    d.add_heading("Artikel 2 Tarieven", level=3)  # 10: typed number
    _numbered(d, "Het college stelt de tarieven vast:", 802)  # 11: restarts at 1
    table = d.add_table(rows=2, cols=2)  # paragraphs 12-15
    for r, row in enumerate((("Product", "Tarief"), ("Begeleiding", "€ 62,40"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    _numbered(d, "Het college indexeert de tarieven jaarlijks.", 802)  # 16
    d.add_paragraph("3. Typed numbers stay as typed.")  # 17
    return _save(d)


def test_word_numbering_leden_items_and_articles() -> None:
    doc = parse_source(_ordinance(), "ravenstein.docx")
    assert doc.format == "docx"
    assert doc.title == "Verordening jeugdhulp Ravenstein 2026"
    assert [(a.number, a.heading) for a in doc.articles] == [("1", "Begrippen"), ("2", "Tarieven")]
    leden1 = [c for c in doc.articles[0].children if c.kind is PartKind.LID]
    assert [lid.number for lid in leden1] == ["1", "2"]
    assert [i.number for i in leden1[0].children if i.kind is PartKind.ITEM] == ["a", "b"]
    leden2 = [c for c in doc.articles[1].children if c.kind is PartKind.LID]
    assert [lid.number for lid in leden2] == ["1", "2", "3"]  # restarted list, then a typed "3."


def test_lines_headings_tables_and_paragraph_numbers() -> None:
    doc = parse_source(_ordinance(), "ravenstein.docx")
    by_text = {ln.text: ln.line for ln in doc.lines}
    assert by_text["# Verordening jeugdhulp Ravenstein 2026"] == 1
    assert by_text["### Artikel 1 Begrippen"] == 5
    assert by_text["a. jeugdige: een persoon jonger dan achttien jaar;"] == 7
    assert by_text["1. Het college stelt de tarieven vast:"] == 11
    assert by_text["| Product | Tarief |"] == 12
    assert by_text["| Begeleiding | € 62,40 |"] == 14
    assert by_text["2. Het college indexeert de tarieven jaarlijks."] == 16
    assert by_text["3. Typed numbers stay as typed."] == 17


def test_numbering_from_the_paragraph_style() -> None:
    d = docx.Document()
    d.add_heading("Beleidsregels Wmo Ravenstein", level=0)
    d.add_paragraph("Artikel 1 Doel")
    for text in ("Het college verstrekt hulp.", "Het college evalueert jaarlijks."):
        d.add_paragraph(text, style="List Number")  # numbering comes from the style, not the paragraph
    doc = parse_source(_save(d), "stijl.docx")
    assert [c.number for c in doc.articles[0].children if c.kind is PartKind.LID] == ["1", "2"]


def test_number_formats() -> None:
    assert [docx_reader._format(n, "lowerLetter") for n in (1, 2, 26, 27)] == ["a", "b", "z", "aa"]
    assert docx_reader._format(4, "upperRoman") == "IV" and docx_reader._format(9, "lowerRoman") == "ix"
    assert docx_reader._format(3, "decimalZero") == "03"


def test_zip_bomb_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1_000_000)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * 2_000_000)  # 2 MB of zeros packs into a few KB
    assert len(buf.getvalue()) < 20_000
    with pytest.raises(InputError) as err:
        parse_source(buf.getvalue(), "bom.docx")
    message = err.value.message("nl")
    assert err.value.code == "zip_too_large" and message.startswith("bom.docx:") and "zipbom" in message


def test_zip_without_word_document_is_a_clear_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as err:
        parse_source(buf.getvalue(), "rekenblad.docx")
    assert err.value.code == "parse_failed" and "rekenblad.docx" in err.value.message("en")


def test_truncated_docx_is_a_clear_error() -> None:
    with pytest.raises(InputError) as err:
        parse_source(_ordinance()[:3000], "afgebroken.docx")
    assert err.value.code == "parse_failed" and "\n" not in err.value.message("nl")


def test_tracked_changes_fields_and_hyperlinks() -> None:
    d = docx.Document()
    d.add_paragraph("Verordening Wmo Ravenstein")
    d.add_paragraph("Artikel 1 Hardheidsclausule")
    p = d.add_paragraph("Het college kan ")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="griffie"><w:r><w:t>in bijzondere gevallen</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="griffie"><w:r><w:delText>nooit</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w")}><w:r><w:t xml:space="preserve"> afwijken van</w:t></w:r></w:hyperlink>'
    ))
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'
    ))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> REF artikel </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> deze verordening.</w:t></w:r>'))
    doc = parse_source(_save(d), "wijzigingen.docx")
    assert "Het college kan in bijzondere gevallen afwijken van deze verordening." in doc.text
    assert "nooit" not in doc.text and "REF" not in doc.text


def test_custom_heading_styles_based_on_headings_and_outline_levels() -> None:
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    article_style = d.styles.add_style("Artikelkop", WD_STYLE_TYPE.PARAGRAPH)
    article_style.base_style = d.styles["Heading 3"]
    d.add_paragraph("Nadere regels jeugdhulp Ravenstein", style="Title")
    d.add_paragraph("Artikel 1 Doel", style="Artikelkop")
    d.add_paragraph("Het college stelt nadere regels.")
    chapter = d.add_paragraph("Hoofdstuk 2 Slot")
    chapter._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    doc = parse_source(_save(d), "stijlen.docx")
    texts = [ln.text for ln in doc.lines if ln.text]
    assert texts[:4] == ["# Nadere regels jeugdhulp Ravenstein", "### Artikel 1 Doel", "Het college stelt nadere regels.",
                         "## Hoofdstuk 2 Slot"]


def test_external_entity_in_document_xml_is_not_resolved() -> None:
    d = docx.Document()
    d.add_paragraph("Verordening Wmo")
    source = zipfile.ZipFile(io.BytesIO(_save(d)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
                data = data.replace(b"Verordening Wmo", b"Verordening Wmo &x;")
            target.writestr(info, data)
    doc = parse_source(out.getvalue(), "xxe.docx")
    assert "root:" not in doc.text and doc.title.startswith("Verordening Wmo")


def test_list_instances_continue_unless_restarted() -> None:
    d = docx.Document()
    _numbering(d, "73", [("decimal", "%1.", 1)])
    _num(d, 811, "73")
    _num(d, 812, "73")  # "continue numbering": same abstract list, no override
    _num(d, 813, "73", restart=True)  # "restart at 1"
    d.add_paragraph("Beleidsregels Wmo Ravenstein")
    d.add_paragraph("Artikel 1 Doel")
    _numbered(d, "Eerste lid.", 811)
    _numbered(d, "Tweede lid.", 812)
    d.add_paragraph("Artikel 2 Slot")
    _numbered(d, "Eerste lid van artikel 2.", 813)
    doc = parse_source(_save(d), "lijsten.docx")
    numbered = [ln.text for ln in doc.lines if ln.text[:1].isdigit()]
    assert numbered == ["1. Eerste lid.", "2. Tweede lid.", "1. Eerste lid van artikel 2."]


def test_list_defined_through_a_list_style() -> None:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    first = numbering.find(qn("w:num"))
    for xml in (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="74"><w:styleLink w:val="Artikellijst"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>',
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="75"><w:numStyleLink w:val="Artikellijst"/></w:abstractNum>',
    ):
        first.addprevious(parse_xml(xml)) if first is not None else numbering.append(parse_xml(xml))
    _num(d, 821, "75")
    d.add_paragraph("Nadere regels Ravenstein")
    d.add_paragraph("Artikel 1 Begrippen")
    _numbered(d, "eerste begrip;", 821)
    _numbered(d, "tweede begrip.", 821)
    doc = parse_source(_save(d), "lijststijl.docx")
    assert [ln.text for ln in doc.lines if ln.text.endswith("begrip;") or ln.text.endswith("begrip.")] == [
        "a) eerste begrip;", "b) tweede begrip."
    ]


def _chaptered_ordinance(level_in_style: bool, restart: str | None, legal: bool = False) -> bytes:
    """A Word multilevel list linked to the heading styles: "Hoofdstuk %1" on Kop 2, "Artikel %2" on Kop 3.

    ``restart`` is the article level's ``w:lvlRestart`` ("0": articles numbered on through the
    chapters, as Dutch ordinances do). Without ``level_in_style`` the styles name only the list and
    the level comes from the ``w:pStyle`` inside the list level, as the specification has it.
    """
    d = docx.Document()
    restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    article_text = "Artikel %1.%2" if legal else "Artikel %2"
    chapter_fmt = "upperRoman" if legal else "decimal"
    legal_xml = "<w:isLgl/>" if legal else ""
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="60"><w:multiLevelType w:val="multilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{chapter_fmt}"/><w:pStyle w:val="Heading2"/>'
        '<w:lvlText w:val="Hoofdstuk %1"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{restart_xml}{legal_xml}'
        f'<w:pStyle w:val="Heading3"/><w:lvlText w:val="{article_text}"/></w:lvl></w:abstractNum>'
    ))
    _num(d, 860, "60")
    for name, level in (("Heading 2", 0), ("Heading 3", 1)):
        ilvl = f'<w:ilvl w:val="{level}"/>' if level_in_style else ""
        d.styles[name].element.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl}<w:numId w:val="860"/></w:numPr>')
        )
    d.add_heading("Verordening sociaal domein Beekdal 2026", level=0)
    d.add_paragraph("De raad van de gemeente Beekdal;")
    d.add_heading("Algemene bepalingen", level=2)
    d.add_heading("Begripsbepalingen", level=3)
    d.add_paragraph("In deze verordening wordt verstaan onder cliënt: de ingezetene.")
    d.add_heading("Samenhang", level=3)
    d.add_paragraph("Het college voert de Wmo 2015 en de Jeugdwet in samenhang uit.")
    d.add_heading("Toegang", level=2)
    d.add_heading("Melding", level=3)
    d.add_paragraph("Een melding kan bij het sociaal wijkteam worden gedaan.")
    return _save(d)


@pytest.mark.parametrize("level_in_style", [True, False])
def test_articles_numbered_on_through_chapters(level_in_style: bool) -> None:
    doc = parse_source(_chaptered_ordinance(level_in_style, restart="0"), "beekdal.docx")
    headings = [ln.text for ln in doc.lines if ln.text.startswith("##")]
    assert headings == [
        "## Hoofdstuk 1 Algemene bepalingen", "### Artikel 1 Begripsbepalingen", "### Artikel 2 Samenhang",
        "## Hoofdstuk 2 Toegang", "### Artikel 3 Melding",
    ]
    assert [a.number for a in doc.articles] == ["1", "2", "3"]


def test_article_level_restarts_after_a_chapter_by_default() -> None:
    doc = parse_source(_chaptered_ordinance(True, restart=None), "beekdal.docx")
    assert [a.number for a in doc.articles] == ["1", "2", "1"]  # what Word shows without lvlRestart


def test_legal_numbering_shows_higher_levels_in_decimal() -> None:
    doc = parse_source(_chaptered_ordinance(True, restart=None, legal=True), "beekdal.docx")
    headings = [ln.text for ln in doc.lines if ln.text.startswith("##")]
    assert headings[:3] == ["## Hoofdstuk I Algemene bepalingen", "### Artikel 1.1 Begripsbepalingen",
                            "### Artikel 1.2 Samenhang"]
    assert headings[4] == "### Artikel 2.1 Melding"


def test_empty_numbered_paragraph_takes_its_number_as_in_word() -> None:
    d = docx.Document()
    _numbering(d, "76", [("decimal", "%1.", 1)])
    _num(d, 831, "76")
    d.add_paragraph("Beleidsregels Wmo Ravenstein")
    d.add_paragraph("Artikel 1 Doel")
    _numbered(d, "Eerste lid.", 831)
    _numbered(d, "", 831)  # Word shows "2." on the empty line
    _numbered(d, "Derde lid.", 831)
    doc = parse_source(_save(d), "leeg-lid.docx")
    assert [ln.text for ln in doc.lines if ln.text[:1].isdigit()] == ["1. Eerste lid.", "3. Derde lid."]


def _toc_entry(document, text: str, page: int, first: bool = False, last: bool = False):
    """A paragraph of Word's table of contents: a hyperlinked heading, a tab and a page number, inside
    one TOC field that runs from the first entry to the last."""
    p = document.add_paragraph()  # Word gives entries a "toc N" style; plain paragraphs must be caught too
    if first:
        for xml in ('<w:fldChar w:fldCharType="begin"/>',
                    '<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>',
                    '<w:fldChar w:fldCharType="separate"/>'):
            p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{xml}</w:r>'))
    p._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w")} w:anchor="_Toc{page}"><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r>'
        f"<w:r><w:t>{page}</w:t></w:r></w:hyperlink>"
    ))
    if last:
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    return p


def _with_toc(in_content_control: bool) -> bytes:
    d = docx.Document()
    d.add_heading("Verordening sociaal domein Beekdal 2026", level=0)
    start = len(d.element.body) - 1
    d.add_paragraph("Inhoudsopgave", style="TOC Heading")
    _toc_entry(d, "Hoofdstuk 1 Algemeen", 2, first=True)
    _toc_entry(d, "Artikel 1 Begrippen", 2)
    _toc_entry(d, "Artikel 2 Hardheidsclausule", 3, last=True)
    if in_content_control:  # Word 2007+ wraps its table of contents in a content control
        body = d.element.body
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
        )
        entries = list(body)[start + 1:start + 5]
        entries[0].addprevious(sdt)
        content = sdt.find(qn("w:sdtContent"))
        for entry in entries:
            content.append(entry)
    d.add_paragraph("De raad van de gemeente Beekdal;")
    d.add_heading("Hoofdstuk 1 Algemeen", level=2)
    d.add_heading("Artikel 1 Begrippen", level=3)
    d.add_paragraph("In deze verordening wordt verstaan onder cliënt: de ingezetene.")
    d.add_heading("Artikel 2 Hardheidsclausule", level=3)
    d.add_paragraph("Het college kan in bijzondere gevallen afwijken van deze verordening.")
    return _save(d)


@pytest.mark.parametrize("in_content_control", [False, True])
def test_word_table_of_contents_is_not_read_as_articles(in_content_control: bool) -> None:
    doc = parse_source(_with_toc(in_content_control), "inhoudsopgave.docx")
    assert [(a.number, a.heading) for a in doc.articles] == [("1", "Begrippen"), ("2", "Hardheidsclausule")]
    assert doc.parts[0].kind is PartKind.PREAMBLE
    assert "Inhoudsopgave" not in doc.text and "Hardheidsclausule 3" not in doc.text
