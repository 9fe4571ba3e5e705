"""HTML reader: site chrome dropped, the page's own structure kept, metadata from meta tags."""

from __future__ import annotations

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.model import PartKind
from sociaal_audit.documents.readers import html

PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Verordening Wmo Zuidbroek 2026 | Lokale wet- en regelgeving</title>
<meta name="DCTERMS.identifier" content="CVDR720001_1">
<meta name="DC.creator" content="Gemeente Zuidbroek">
<meta name="DCTERMS.issued" content="2026-03-05">
<meta name="DCTERMS.source" content="Wet maatschappelijke ondersteuning 2015, art. 2.1.3">
<script>window.tracker = "Artikel 99 Geen artikel";</script>
</head>
<body>
<a class="skiplink" href="#content">Direct naar de inhoud</a>
<header class="site-header"><nav><ul><li>Home</li><li>Regelgeving</li><li>Artikel 77 Menu</li></ul></nav></header>
<div class="breadcrumb">Home &gt; Zuidbroek &gt; Verordening</div>
<div id="cookiebar" role="dialog">Wij gebruiken cookies.</div>
<main id="content">
<h1>Verordening maatschappelijke ondersteuning Zuidbroek 2026</h1>
<p>De raad van de gemeente Zuidbroek;</p>
<p>besluit vast te stellen de volgende verordening:</p>
<h2>Hoofdstuk 1 <span>Algemeen</span></h2>
<div class="artikel">
<h3><span class="label">Artikel</span> <span class="nr">1</span> <span class="titel">Begrippen</span></h3>
<div class="lid"><span class="lidnr">1</span><p>In deze verordening wordt verstaan onder:</p>
<ol type="a"><li>cliënt: een ingezetene die een melding doet;</li><li>college: het college van burgemeester en wethouders.</li></ol></div>
<div class="lid"><span class="lidnr">2</span><p>Overige begrippen hebben de betekenis uit de Wet.</p></div>
</div>
<h3>Artikel 2 Melding</h3>
<ol><li>Een melding kan bij het wijkteam worden gedaan.</li><li>Het college bevestigt de melding.</li></ol>
<h3>Artikel 3 Tarieven</h3>
<table><thead><tr><th>Product</th><th>Tarief</th></tr></thead><tbody><tr><td>Begeleiding</td><td>€ 62,40</td></tr></tbody></table>
<!-- sociaal-audit: negeer INT-P05 -->
<p>Aldus vastgesteld in de openbare vergadering van 5 maart 2026.</p>
<h2>Toelichting</h2>
<p>De verordening regelt de maatschappelijke ondersteuning.</p>
</main>
<aside class="sidebar">Gerelateerde regelingen: Artikel 55 Zijbalk</aside>
<footer class="site-footer">Privacy | Cookies | Artikel 88 Voettekst</footer>
</body>
</html>
"""


def _doc(text: str = PAGE, name: str = "zuidbroek.html"):
    return parse_source(text.encode("utf-8"), name)


def test_site_chrome_is_dropped() -> None:
    doc = _doc()
    assert doc.format == "html"
    for chrome in ("Direct naar de inhoud", "Regelgeving", "Home >", "cookies", "Zijbalk", "Voettekst", "tracker", "Menu"):
        assert chrome not in doc.text
    assert [a.number for a in doc.articles] == ["1", "2", "3"]
    assert doc.title == "Verordening maatschappelijke ondersteuning Zuidbroek 2026"


def test_page_structure_headings_leden_items_table() -> None:
    doc = _doc()
    art1, art2, _ = doc.articles
    assert art1.heading == "Begrippen"
    leden1 = [c for c in art1.children if c.kind is PartKind.LID]
    assert [lid.number for lid in leden1] == ["1", "2"]  # the number in its own <span class="lidnr">
    assert [i.number for i in leden1[0].children if i.kind is PartKind.ITEM] == ["a", "b"]
    assert [c.number for c in art2.children if c.kind is PartKind.LID] == ["1", "2"]  # <ol> numbering
    lines = [ln.text for ln in doc.lines]
    assert "| Product | Tarief |" in lines and "| Begeleiding | € 62,40 |" in lines
    assert "## Hoofdstuk 1 Algemeen" in lines
    assert len(doc.toelichting) == 1
    assert any(p.kind is PartKind.CLOSING for p in doc.parts)


def test_lines_carry_source_lines_and_comments_are_kept() -> None:
    doc = _doc()
    page_lines = PAGE.splitlines()
    for ln in doc.lines:
        if ln.text.startswith("### Artikel 2"):
            assert "Artikel 2 Melding" in page_lines[ln.line - 1]
    assert [(c.text, PAGE.splitlines()[c.line - 1].strip()) for c in doc.comments] == [
        ("sociaal-audit: negeer INT-P05", "<!-- sociaal-audit: negeer INT-P05 -->")
    ]


def test_metadata_from_meta_tags() -> None:
    meta = _doc().metadata
    assert meta.identifier == "CVDR720001_1"
    assert meta.municipality == "Zuidbroek"
    assert meta.adopted == "2026-03-05"
    assert meta.legal_basis == ("Wet maatschappelijke ondersteuning 2015, art. 2.1.3",)


def test_windows_1252_page_declared_in_meta() -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    doc = parse_source(page.encode("cp1252"), "oud.htm")
    assert "cliënt" in doc.text and "€ 62,40" in doc.text


def test_xhtml_with_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.replace("<!DOCTYPE html>\n", "").replace(
        '<html lang="nl">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="nl">'
    )
    doc = parse_source(page.encode("utf-8"), "pagina.xhtml")
    assert doc.format == "html" and [a.number for a in doc.articles] == ["1", "2", "3"]


def test_generic_html_without_main_uses_body() -> None:
    page = "<html><body><h1>Beleidsregels Wmo Zuidbroek</h1><p>Artikel 1 Doel</p><p>Het college helpt.</p></body></html>"
    doc = _doc(page, "generiek.html")
    assert doc.title == "Beleidsregels Wmo Zuidbroek" and [a.number for a in doc.articles] == ["1"]


def test_sniff_recognises_html_documents_only() -> None:
    assert html.sniff(b"<!DOCTYPE html><html>")
    assert html.sniff(b"\xef\xbb\xbf<!-- saved from url=(0042)https://x -->\n<html lang='nl'>")
    assert not html.sniff(b"# Verordening\n<!-- sociaal-audit: negeer INT-P05 -->\n")
    assert not html.sniff(b"<?xml version='1.0'?><cvdr/>")


def test_entities_in_an_html_doctype_are_not_expanded() -> None:
    page = (
        b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>'
        b"<html><body><h1>Verordening Wmo</h1><p>Artikel 1 Doel &x; &a;</p></body></html>"
    )
    doc = parse_source(page, "xxe.html")
    assert "root:" not in doc.text and "aaaaaaaaaa" not in doc.text


# Numbers in their own elements, the way publication sites and Word's "save as web page" mark up
# leden and onderdelen; the page shows "1. In deze ..." and "a. cliënt: ...".
NUMBERED_IN_ELEMENTS = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"></head><body><main>
<h1>Verordening jeugdhulp Zuidbroek 2026</h1>
<p>De raad van de gemeente Zuidbroek;</p>
<h3>Artikel 1 Begrippen</h3>
<p class="lid"><span class="lidnr">1</span>In deze verordening wordt verstaan onder:</p>
<ul class="expliciet"><li><span class="li-nr">a.</span><span>jeugdige: een persoon jonger dan achttien jaar;</span></li>
<li><span class="li-nr">b.</span><span>ouder: de gezaghebbende ouder.</span></li></ul>
<p class="lid"><span class="lidnr">2</span>Overige begrippen hebben de betekenis uit de Jeugdwet.</p>
<h3>Artikel 2 Melding</h3>
<div class="lid"><div class="lidnr">1.</div><div class="al">Een melding kan bij het wijkteam worden gedaan.</div></div>
<div class="lid"><div class="lidnr">2.</div><div class="al">Het college bevestigt de melding:</div>
<ul><li><span class="nr">a</span><p>schriftelijk; of</p></li><li><span class="nr">b</span><p>digitaal.</p></li></ul></div>
<h3>Artikel 3 Termijnen</h3>
<dl><dt>1.</dt><dd>Het college beslist binnen acht weken.</dd><dt>2.</dt><dd>De termijn kan eenmaal worden verlengd.</dd></dl>
<h3>Artikel 4 Evaluatie</h3>
<p><strong>12</strong> maanden na inwerkingtreding evalueert het college deze verordening.</p>
<p><em>de</em> raad ontvangt de evaluatie.</p>
<p>3</p>
</main></body></html>"""


def test_numbers_in_their_own_elements_number_their_lid_or_onderdeel() -> None:
    doc = _doc(NUMBERED_IN_ELEMENTS, "zuidbroek-jeugd.html")
    structure = [
        (a.number, [(c.number, [i.number for i in c.children if i.kind is PartKind.ITEM])
                    for c in a.children if c.kind is PartKind.LID])
        for a in doc.articles
    ]
    assert structure == [
        ("1", [("1", ["a", "b"]), ("2", [])]),
        ("2", [("1", []), ("2", ["a", "b"])]),
        ("3", [("1", []), ("2", [])]),
        ("4", []),
    ]
    lines = [ln.text for ln in doc.lines if ln.text]
    assert "1. In deze verordening wordt verstaan onder:" in lines
    assert "a. jeugdige: een persoon jonger dan achttien jaar;" in lines
    assert "b. digitaal." in lines and "2. De termijn kan eenmaal worden verlengd." in lines


def test_a_word_or_number_in_running_text_is_not_taken_for_a_lid_number() -> None:
    lines = [ln.text for ln in _doc(NUMBERED_IN_ELEMENTS, "zuidbroek-jeugd.html").lines if ln.text]
    assert "12 maanden na inwerkingtreding evalueert het college deze verordening." in lines
    assert "de raad ontvangt de evaluatie." in lines
    assert lines[-1] == "3"  # a number with nothing after it stays as printed


def _gemeenteblad_page(signed: str | None) -> str:
    signed_meta = f'<meta name="OVERHEIDop.datumOndertekening" content="{signed}">' if signed else ""
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="DC.title" content="Verordening maatschappelijke ondersteuning Zuidbroek 2026">'
        '<meta name="DC.creator" content="Zuidbroek"><meta name="DCTERMS.identifier" content="gmb-2026-41234">'
        f'<meta name="DCTERMS.issued" content="2026-03-19">{signed_meta}</head><body><main>'
        "<h1>Verordening maatschappelijke ondersteuning Zuidbroek 2026</h1><h3>Artikel 1 Doel</h3>"
        "<p>Het college ondersteunt inwoners.</p></main></body></html>"
    )


def test_gemeenteblad_page_issued_is_the_publication_not_the_adoption() -> None:
    meta = _doc(_gemeenteblad_page("2026-03-05"), "gmb-2026-41234.html").metadata
    assert (meta.identifier, meta.municipality, meta.adopted) == ("gmb-2026-41234", "Zuidbroek", "2026-03-05")
    assert dict(meta.extra)["published"] == "2026-03-19"
    unsigned = _doc(_gemeenteblad_page(None), "gmb-2026-41234.html").metadata
    assert unsigned.adopted is None and dict(unsigned.extra)["published"] == "2026-03-19"


def test_a_table_of_contents_of_page_links_is_not_read_as_articles() -> None:
    page = PAGE.replace(
        '<main id="content">',
        '<main id="content"><div class="overzicht"><p><a href="#art1">Artikel 1 Begrippen</a></p>'
        '<p><a href="#art2">Artikel 2 Melding</a></p><p><a href="#art3">Artikel 3 Tarieven</a></p></div>'
        '<ul class="inhoudsopgave"><li><a href="/regeling/hoofdstuk1">Hoofdstuk 1 Algemeen</a></li></ul>',
    ).replace(
        "<p>Overige begrippen hebben de betekenis uit de Wet.</p>",
        '<p>Overige begrippen hebben de betekenis uit <a href="#art2">artikel 2</a> en <a href="#art3">artikel 3</a>.</p>',
    )
    doc = _doc(page)
    assert [a.number for a in doc.articles] == ["1", "2", "3"]
    assert doc.parts[0].kind is PartKind.PREAMBLE
    assert "Overige begrippen hebben de betekenis uit artikel 2 en artikel 3." in doc.text  # links in text stay
    assert "Hoofdstuk 1 Algemeen" not in doc.text.replace("## Hoofdstuk 1 Algemeen", "")
