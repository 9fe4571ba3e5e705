"""Render a Markdown ordinance as DOCX, HTML, PDF, plain text, CVDR XML and Gemeenteblad XML.

Builds the DOCX and PDF copies of the example ordinance shipped in ``examples/``::

    python examples/build_formats.py examples/verordening-sociaal-domein-lindewaarde.md

writes ``verordening-sociaal-domein-lindewaarde.docx`` (python-docx, with Word's own list
numbering for leden and onderdelen) and ``verordening-sociaal-domein-lindewaarde.pdf`` (the HTML
rendering printed by headless Chromium) next to it. The reader tests use the same renderers to show
that one ordinance gives the same result in every format.

Markdown understood: ``#`` headings, leden ``1. text``, onderdelen ``a. text``, a line that
continues the lid or onderdeel above it, tables ``| a | b |`` (a ``|---|`` row marks the header
row) and paragraphs separated by blank lines.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

_HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*$")
_LID = re.compile(r"^(\d{1,3})\.\s+(.*)$")
_ITEM = re.compile(r"^([a-z]{1,2})\.\s+(.*)$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")


@dataclass
class Item:
    letter: str
    text: str


@dataclass
class Lid:
    number: int
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # heading | leden | items | table | p
    text: str = ""
    level: int = 0
    leden: list[Lid] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0


def blocks_from_markdown(text: str) -> list[Block]:
    blocks: list[Block] = []
    last: Lid | Item | Block | None = None  # what a continuation line extends
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            last = None
            continue
        heading = _HEADING.match(line)
        lid = _LID.match(line)
        item = _ITEM.match(line)
        if heading:
            blocks.append(Block("heading", text=heading.group(2), level=len(heading.group(1))))
            last = None
        elif line.startswith("|"):
            if blocks and blocks[-1].kind == "table" and _SEPARATOR.match(line):
                blocks[-1].header_rows = len(blocks[-1].rows)
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not (blocks and blocks[-1].kind == "table" and last is blocks[-1]):
                blocks.append(Block("table"))
            blocks[-1].rows.append(cells)
            last = blocks[-1]
        elif lid:
            if not (blocks and blocks[-1].kind == "leden" and last is not None):
                blocks.append(Block("leden"))
            new = Lid(int(lid.group(1)), lid.group(2))
            blocks[-1].leden.append(new)
            last = new
        elif item and isinstance(last, (Lid, Item)) and blocks[-1].kind == "leden":
            new_item = Item(item.group(1), item.group(2))
            blocks[-1].leden[-1].items.append(new_item)
            last = new_item
        elif item and isinstance(last, Item) and blocks[-1].kind == "items":
            blocks[-1].items.append(Item(item.group(1), item.group(2)))
            last = blocks[-1].items[-1]
        elif item:
            blocks.append(Block("items", items=[Item(item.group(1), item.group(2))]))
            last = blocks[-1].items[-1]
        elif isinstance(last, (Lid, Item)):
            last.text += " " + line
        elif isinstance(last, Block) and last.kind == "p":
            last.text += " " + line
        else:
            blocks.append(Block("p", text=line))
            last = blocks[-1]
    return blocks


def title_of(blocks: list[Block]) -> str:
    return next((b.text for b in blocks if b.kind == "heading"), "")


# ------------------------------------------------------------------------------------------------
# HTML


_SITE_HEADER = """<a class="skiplink" href="#content">Direct naar de inhoud</a>
<header class="header"><a href="/" class="logo">Overheid.nl | Lokale wet- en regelgeving</a>
<nav aria-label="Hoofdmenu"><ul><li><a href="/">Home</a></li><li><a href="/zoeken">Uitgebreid zoeken</a></li></ul></nav>
<form role="search" action="/zoeken"><label>Zoek regelgeving<input name="q"></label><button>Zoeken</button></form></header>
<nav class="breadcrumb" aria-label="Kruimelpad"><ol><li><a href="/">Home</a></li><li>Zoekresultaten</li><li>Regeling</li></ol></nav>
<div class="cookiebar" role="dialog"><p>Deze website gebruikt cookies.</p><button>Akkoord</button></div>"""
_SITE_FOOTER = """<aside class="sidebar"><h2>Relaties</h2><p>Deze regeling is gebaseerd op de Wmo 2015.</p></aside>
<footer class="footer"><ul><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li>
<li><a href="/toegankelijkheid">Toegankelijkheid</a></li></ul><p>Artikel 99 Over deze site</p></footer>"""


def to_html(blocks: list[Block], site_chrome: bool = False, numbers_in_elements: bool = False) -> str:
    """The ordinance as a web page.

    ``site_chrome`` wraps it in what a page saved from an overheid.nl site carries around the
    regulation: skip link, header with menu and search form, breadcrumb, cookie bar, sidebar,
    footer. ``numbers_in_elements`` marks leden and onderdelen up as publication sites do, each
    number in its own element (``<span class="lidnr">1</span>``, ``<span class="li-nr">a.</span>``)
    instead of an ``<ol>`` that numbers itself.
    """
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="nl"><head><meta charset="utf-8"><title>{e(title_of(blocks))}</title>',
        "<style>body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;line-height:1.4;margin:0 1cm}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:left}"
        # Printers that ignore the presentational type attribute (WeasyPrint) still letter the items.
        "ol[type=a]{list-style-type:lower-alpha}</style>",
        "</head><body>",
        _SITE_HEADER if site_chrome else "",
        '<main id="content">',
    ]
    for b in blocks:
        if b.kind == "heading":
            level = min(b.level, 6)
            out.append(f"<h{level}>{e(b.text)}</h{level}>")
        elif b.kind == "p":
            out.append(f"<p>{e(b.text)}</p>")
        elif b.kind == "leden" and numbers_in_elements:
            for lid in b.leden:
                out.append(f'<div class="lid"><span class="lidnr">{lid.number}</span><p>{e(lid.text)}</p>')
                if lid.items:
                    out.append(_html_items(lid.items))
                out.append("</div>")
        elif b.kind == "leden":
            start = b.leden[0].number
            # counter-reset too: not every printer applies the start attribute.
            out.append(f'<ol start="{start}" style="counter-reset:list-item {start - 1}">' if start != 1 else "<ol>")
            for lid in b.leden:
                out.append(f"<li>{e(lid.text)}")
                if lid.items:
                    out.append('<ol type="a">' + "".join(f"<li>{e(i.text)}</li>" for i in lid.items) + "</ol>")
                out.append("</li>")
            out.append("</ol>")
        elif b.kind == "items" and numbers_in_elements:
            out.append(_html_items(b.items))
        elif b.kind == "items":
            out.append('<ol type="a">' + "".join(f"<li>{e(i.text)}</li>" for i in b.items) + "</ol>")
        elif b.kind == "table":
            out.append("<table>")
            for n, row in enumerate(b.rows):
                cell = "th" if n < b.header_rows else "td"
                out.append("<tr>" + "".join(f"<{cell}>{e(c)}</{cell}>" for c in row) + "</tr>")
            out.append("</table>")
    out += ["</main>", _SITE_FOOTER if site_chrome else "", "</body></html>", ""]
    return "\n".join(out)


def _html_items(items: list[Item]) -> str:
    return '<ul class="expliciet">' + "".join(
        f'<li><span class="li-nr">{i.letter}.</span><span>{html.escape(i.text)}</span></li>' for i in items
    ) + "</ul>"


# ------------------------------------------------------------------------------------------------
# Plain text


def to_text(blocks: list[Block]) -> str:
    """Plain text as a clerk would paste it: no Markdown markers, one line per heading, lid or row."""
    out: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            out += [b.text, ""]
        elif b.kind == "p":
            out += [b.text, ""]
        elif b.kind == "leden":
            for lid in b.leden:
                out.append(f"{lid.number}. {lid.text}")
                out += [f"{i.letter}. {i.text}" for i in lid.items]
            out.append("")
        elif b.kind == "items":
            out += [f"{i.letter}. {i.text}" for i in b.items] + [""]
        elif b.kind == "table":
            rows = ["| " + " | ".join(r) + " |" for r in b.rows]
            if b.header_rows:
                rows.insert(b.header_rows, "|" + "---|" * len(b.rows[0]))
            out += rows + [""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------
# CVDR XML

_DIVISION = re.compile(r"^(Hoofdstuk|Paragraaf|Afdeling|Artikel)\s+(\S+?)\.?\s+(.*)$")


def to_cvdr(blocks: list[Block], meta: dict[str, str]) -> bytes:
    """A CVDR export (root ``cvdr``) as lokaleregelgeving.overheid.nl publishes it."""
    x = xml_escape
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<cvdr xmlns="http://standaarden.overheid.nl/cvdr/terms/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:overheid="http://standaarden.overheid.nl/owms/terms/" xmlns:overheidrg="http://standaarden.overheid.nl/cvdr/meta/">',
        "<meta><owmskern>",
        f"<dcterms:identifier>{x(meta.get('identifier', ''))}</dcterms:identifier>",
        f"<dcterms:title>{x(title_of(blocks))}</dcterms:title>",
        f'<dcterms:creator scheme="overheid:Gemeente">{x(meta.get("municipality", ""))}</dcterms:creator>',
        "</owmskern><owmsmantel>",
        *[f"<dcterms:source>{x(s)}</dcterms:source>" for s in meta.get("legal_basis", "").split(";") if s],
        f"<dcterms:issued>{x(meta.get('adopted', ''))}</dcterms:issued>",
        "</owmsmantel><cvdripm/></meta>",
        "<body>",
        f"<intitule>{x(title_of(blocks))}</intitule>",
        *_regeling(blocks),
        "</body></cvdr>",
        "",
    ]
    return "\n".join(s for s in out if s).encode("utf-8")


def to_gemeenteblad(blocks: list[Block], meta: dict[str, str]) -> bytes:
    """A Gemeenteblad publication (root ``officiele-publicatie``) as zoek.officielebekendmakingen.nl
    serves it: metadata as ``meta`` name/content pairs, the blad's own ``kop`` naming the municipality,
    and the regulation's title in ``gemeenteblad/kop/titel``."""
    x = xml_escape
    metas = [
        ("DC.identifier", meta.get("publication", "")),
        ("DC.title", title_of(blocks)),
        ("DC.creator", meta.get("municipality", "")),
        ("DCTERMS.issued", meta.get("published", "")),
        ("OVERHEIDop.datumOndertekening", meta.get("adopted", "")),
        *[("OVERHEIDop.wettelijkeGrondslag", s) for s in meta.get("legal_basis", "").split(";") if s],
    ]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        "<metadata>",
        *[f'<meta name="{x(name)}" content="{x(value)}" scheme=""/>' for name, value in metas if value],
        "</metadata>",
        "<kop><titel>GEMEENTEBLAD</titel>",
        f"<subtitel>Officiële uitgave van de gemeente {x(meta.get('municipality', ''))}</subtitel></kop>",
        f"<gemeenteblad><kop><titel>{x(title_of(blocks))}</titel></kop>",
        *_regeling(blocks),
        "</gemeenteblad></officiele-publicatie>",
        "",
    ]
    return "\n".join(s for s in out if s).encode("utf-8")


def _regeling(blocks: list[Block]) -> list[str]:
    """The ``regeling`` element both CVDR and the Gemeenteblad use: aanhef, regeling-tekst with
    hoofdstuk/paragraaf/artikel, leden and lijsten, CALS tables, regeling-sluiting, toelichting.
    The first heading is the title; the caller places it."""
    x = xml_escape
    out: list[str] = ["<regeling><aanhef><preambule>"]
    title_done = False
    state = "aanhef"
    open_divisions: list[str] = []

    def close_to(names: set[str]) -> None:
        while open_divisions and open_divisions[-1] in names:
            out.append(f"</{open_divisions.pop()}>")

    for b in blocks:
        if b.kind == "heading" and not title_done:
            title_done = True
            continue
        if b.kind == "heading" and re.match(r"^toelichting$", b.text, re.I) and state != "toelichting":
            close_to({"artikel", "paragraaf", "hoofdstuk"})
            out.append("</regeling-tekst>" if state == "tekst" else "")
            out.append("</slotformulering></regeling-sluiting>" if state == "sluiting" else "")
            out.append("<toelichting><kop><titel>Toelichting</titel></kop>")
            state = "toelichting"
            continue
        if b.kind == "heading" and state == "toelichting":
            out.append(f"<al><vet>{x(b.text)}</vet></al>")
            continue
        m = _DIVISION.match(b.text) if b.kind == "heading" else None
        if m:
            if state == "aanhef":
                out.append("</preambule></aanhef><regeling-tekst>")
                state = "tekst"
            word, nr, titel = m.group(1), m.group(2).rstrip("."), m.group(3)
            element = word.lower()
            if element == "hoofdstuk":
                close_to({"artikel", "paragraaf", "afdeling", "hoofdstuk"})
            elif element in ("paragraaf", "afdeling"):
                close_to({"artikel", "paragraaf", "afdeling"})
            else:
                close_to({"artikel"})
            out.append(f"<{element}><kop><label>{word}</label><nr>{x(nr)}</nr><titel>{x(titel)}</titel></kop>")
            open_divisions.append(element)
            continue
        if b.kind == "p" and state == "tekst" and re.match(r"^aldus vastgesteld", b.text, re.I):
            close_to({"artikel", "paragraaf", "afdeling", "hoofdstuk"})
            out.append("</regeling-tekst><regeling-sluiting><slotformulering>")
            state = "sluiting"
        if b.kind in ("p", "heading"):
            out.append(f"<al>{x(b.text)}</al>")
        elif b.kind == "leden":
            for lid in b.leden:
                out.append(f"<lid><lidnr>{lid.number}</lidnr><al>{x(lid.text)}</al>")
                if lid.items:
                    out.append(_cvdr_list(lid.items))
                out.append("</lid>")
        elif b.kind == "items":
            out.append(_cvdr_list(b.items))
        elif b.kind == "table":
            cols = max(len(r) for r in b.rows)
            out.append(f'<table><tgroup cols="{cols}">')
            if b.header_rows:
                out.append("<thead>" + "".join(_cvdr_row(r) for r in b.rows[: b.header_rows]) + "</thead>")
            out.append("<tbody>" + "".join(_cvdr_row(r) for r in b.rows[b.header_rows:]) + "</tbody></tgroup></table>")
    if state == "toelichting":
        out.append("</toelichting>")
    elif state == "sluiting":
        out.append("</slotformulering></regeling-sluiting>")
    elif state == "tekst":
        close_to({"artikel", "paragraaf", "afdeling", "hoofdstuk"})
        out.append("</regeling-tekst>")
    out.append("</regeling>")
    return out


def _cvdr_list(items: list[Item]) -> str:
    return "<lijst>" + "".join(f'<li nr="{i.letter}."><al>{xml_escape(i.text)}</al></li>' for i in items) + "</lijst>"


def _cvdr_row(row: list[str]) -> str:
    return "<row>" + "".join(f"<entry><al>{xml_escape(c)}</al></entry>" for c in row) + "</row>"


# ------------------------------------------------------------------------------------------------
# DOCX

_ABSTRACT_ID = "90"


def to_docx(blocks: list[Block]) -> bytes:
    """A Word document: heading styles, tables, and leden/onderdelen numbered by Word itself."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    document.core_properties.title = title_of(blocks)
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_ABSTRACT_ID}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    next_id = [900]

    def new_list(start: int = 1) -> str:
        next_id[0] += 1
        num_id = str(next_id[0])
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{_ABSTRACT_ID}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        ))
        return num_id

    def numbered(text: str, num_id: str, level: int) -> None:
        paragraph = document.add_paragraph(text, style="List Paragraph")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = int(num_id)

    first = True
    for b in blocks:
        if b.kind == "heading":
            document.add_heading(b.text, level=0 if first else min(b.level, 9))
            first = False
        elif b.kind == "p":
            document.add_paragraph(b.text)
        elif b.kind == "leden":
            num_id = new_list(b.leden[0].number)
            for lid in b.leden:
                numbered(lid.text, num_id, 0)
                for item in lid.items:
                    numbered(item.text, num_id, 1)
        elif b.kind == "items":
            num_id = new_list()
            for item in b.items:
                numbered(item.text, num_id, 1)
        elif b.kind == "table":
            cols = max(len(r) for r in b.rows)
            table = document.add_table(rows=len(b.rows), cols=cols)
            table.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
                if r < b.header_rows:  # a header row, repeated on every page as Word does
                    table.rows[r]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------------------------
# PDF


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html_text: str, out: Path, header_footer: bool = False) -> None:
    """Print HTML to PDF with headless Chromium (its own running header and footer optional)."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium not found; install it (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "document.html"
        page.write_text(html_text, encoding="utf-8")
        args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={out}"]
        if not header_footer:
            args.append("--no-pdf-header-footer")
        subprocess.run(args + [page.as_uri()], check=True, capture_output=True, timeout=120)
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF to {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("markdown", type=Path)
    args = parser.parse_args(argv)
    blocks = blocks_from_markdown(args.markdown.read_text(encoding="utf-8"))
    docx_path = args.markdown.with_suffix(".docx")
    pdf_path = args.markdown.with_suffix(".pdf")
    tmp_docx = docx_path.with_suffix(".docx.tmp")
    tmp_docx.write_bytes(to_docx(blocks))
    os.replace(tmp_docx, docx_path)
    tmp_pdf = pdf_path.with_suffix(".tmp.pdf")
    html_to_pdf(to_html(blocks), tmp_pdf.resolve())
    os.replace(tmp_pdf, pdf_path)
    print(f"wrote {docx_path} and {pdf_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
