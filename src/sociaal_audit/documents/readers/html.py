"""HTML reader: pages saved from lokaleregelgeving.overheid.nl and zoek.officielebekendmakingen.nl, and generic HTML.

Site chrome (navigation, banners, footers, skip links, cookie bars, forms, scripts) is dropped; the
page's main content (``<main>``, ``role="main"``, a single ``<article>``, else ``<body>``) is turned
into Markdown-like lines using the page's own structure: ``h1``-``h6`` become headings, ``ol``/``ul``
items get their number, letter or bullet, tables become ``| a | b |`` rows. A number or letter in
its own element before a paragraph (``<span class="lidnr">1</span><p>...</p>``) prefixes that
paragraph. Metadata comes from Dublin Core / OWMS ``<meta>`` tags. Lines carry the source line of
their element (lxml ``sourceline``); HTML comments are kept for inline suppressions.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import InputError
from ..model import Metadata, SourceText, TextLine
from . import _xml
from ._text import decode

NAME = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")
TEXTUAL = True  # a .html file that holds plain text is still read; a .txt that holds HTML is read as text

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACE = re.compile(r"\s+")
_DROP_TAGS = {
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "input", "textarea",
    "iframe", "svg", "object", "embed", "link", "meta", "head", "dialog", "menu",
}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alert"}
_CHROME = re.compile(
    r"^(?:breadcrumbs?|skip-?links?|skip|cookie\w*|cookiebar|navbar|nav|navigation|menu|sidebar|share|social|"
    r"site-?header|site-?footer|toolbar|pagination|feedback|sr-only|visually-hidden|back-to-top|"
    r"toc|table-?of-?contents|inhoudsopgave|inhoud-?opgave)$",
    re.I,
)
_BLOCKS = {
    "p", "div", "section", "article", "main", "body", "blockquote", "dd", "dt", "dl", "address", "figure",
    "figcaption", "center", "fieldset", "details", "summary", "header", "footer", "hr", "caption",
}
# A lid or onderdeel number standing alone: "1", "2a", "1°", "a", "a.", "aa)", "iv." or a bullet.
_MARKER_ONLY = re.compile(r"^(?:\d{1,3}[a-z]?|[a-z]{1,2}|[ivx]{1,5}|\d{1,3}°)[.)]?$|^[-–•*·▪]$")
# The same, strict enough to stand for a number even outside a list: two letters or a roman numeral
# only with their point or bracket, so a lone word ("de", "in") is never taken for one.
_STRICT_MARKER = re.compile(r"^(?:\d{1,3}[a-z]?[.)]?|\d{1,3}°|[a-z][.)]?|[a-z]{2}[.)]|[ivx]{2,5}[.)])$|^[-–•*·▪]$")
# Class or id of an element that holds a number: "lidnr", "li-nr", "nummer", "marker" ...
_NUMBER_CLASS = re.compile(r"nr|num|marker|bullet", re.I)
_HAS_MARKER = re.compile(r"^(?:\d{1,3}[a-z]?[.)°]|[a-z]{1,2}[.)]|[ivx]{1,5}[.)]|[-–•*·▪])\s", re.I)


def sniff(head: bytes) -> bool:
    return _xml.root_name(head) == "html" or head.lstrip()[:15].lower().startswith(b"<!doctype html")


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    m = _CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        try:
            return data.decode("cp1252" if enc in ("iso-8859-1", "latin1", "latin-1", "us-ascii") else enc)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)


def read(data: bytes, path: str) -> SourceText:
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", _decode(data, path), count=1)
    if not text.strip():
        raise InputError(path, "no_text")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, remove_pis=True, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, "parse_failed", format="HTML", reason=_xml.clean(str(exc))[:200] or "empty") from None
    meta = metadata(root)
    comments = tuple(
        TextLine(text=_xml.clean(c.text), line=c.sourceline or 1)
        for c in root.iter(etree.Comment)
        if c.text and c.text.strip()
    )
    content = main_content(root)
    walker = _Walker()
    walker.add(content.text, content.sourceline or 1)  # text directly in <body> or <main>, before any element
    walker.walk(content)
    walker.flush(None)
    walker.finish()
    return SourceText(
        path=path, format=NAME, lines=tuple(_xml.paragraph_breaks(walker.lines)), metadata=meta, comments=comments
    )


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _is_chrome(el: Any) -> bool:
    tag = _tag(el)
    if tag in _DROP_TAGS:
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES or el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    if tag in ("header", "footer") and not any(_tag(a) in ("article", "main", "section") for a in el.iterancestors()):
        return True
    tokens = (el.get("class") or "").split() + [el.get("id") or ""]
    return any(_CHROME.match(t) for t in tokens if t) or _links_only(el)


_LINK_BLOCKS = {"div", "section", "ul", "ol", "p", "table", "dl"}


def _links_only(el: Any) -> bool:
    """A table of contents: a block whose whole text is two or more links to places on the page
    ("Artikel 1 Begrippen" linking to #artikel1). Read as text it would repeat every heading."""
    if _tag(el) not in _LINK_BLOCKS:
        return False
    links = [a for a in el.iter("a") if (a.get("href") or "").startswith("#")]
    if len(links) < 2:
        return False
    linked = sum(len("".join(a.itertext()).strip()) for a in links)
    total = len(re.sub(r"[\s|·•,;:.-]+", "", "".join(el.itertext())))
    return linked > 0 and total <= len(re.sub(r"[\s|·•,;:.-]+", "", "".join("".join(a.itertext()) for a in links)))


def main_content(root: Any) -> Any:
    for el in root.iter():
        if isinstance(el.tag, str) and (_tag(el) == "main" or (el.get("role") or "").lower() == "main"):
            return el
    articles = [el for el in root.iter("article")]
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


class _Walker:
    def __init__(self) -> None:
        self.lines: list[TextLine] = []
        self.buffer: list[str] = []
        self.buffer_line: int | None = None
        self.prefix = ""
        self.prefix_text = ""  # a number waiting for its line, as printed
        self.prefix_line: int | None = None
        self.last_line = 1

    def add(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if not self.buffer and not text.strip():
            return
        if self.buffer_line is None and text.strip():
            self.buffer_line = line or self.last_line
        self.buffer.append(text)

    def flush(self, next_block: Any) -> None:
        """End the current line; a lone number or letter waits to prefix the next line.

        ``<span class="lidnr">1</span><p>...</p>``, ``<div class="lidnr">1.</div><div>...</div>`` and
        ``<dt>1.</dt><dd>...</dd>`` all read "1. ...", as the page shows them.
        """
        text = _xml.clean("".join(self.buffer))
        line = self.buffer_line or self.last_line
        self.buffer, self.buffer_line = [], None
        if not text:
            return
        pattern = _MARKER_ONLY if next_block is not None else _STRICT_MARKER
        if pattern.match(text) and not self.prefix:
            self.prefix = _marker(text) + " "
            self.prefix_text, self.prefix_line = text, line
            return
        self.emit(text, line)

    def emit(self, text: str, line: int) -> None:
        if self.prefix and text.startswith(("#", "|")):
            self.finish()  # a number before a heading or table row numbers nothing: it stays as printed
        text = _xml.clean(self.prefix + text)
        self.prefix = ""
        if text:
            self.lines.append(TextLine(text=text, line=line))
            self.last_line = line

    def finish(self) -> None:
        """Write out a number still waiting for its line."""
        prefix, self.prefix = self.prefix.strip(), ""
        if prefix and self.prefix_text:
            self.lines.append(TextLine(text=self.prefix_text, line=self.prefix_line or self.last_line))
        self.prefix_text, self.prefix_line = "", None

    def walk(self, el: Any) -> None:
        for c in el:
            self.visit(c)

    def visit(self, el: Any) -> None:
        tag = _tag(el)
        line = el.sourceline or self.last_line
        if not tag or _is_chrome(el):
            self.add(el.tail, line)  # comments and dropped elements keep their tail text
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush(el)
            heading = _xml.clean(" ".join(el.itertext()))
            if heading:
                self.emit("#" * int(tag[1]) + " " + heading, line)
        elif tag == "br":
            self.flush(None)
        elif tag in ("ol", "ul"):
            self.flush(el)
            self.list(el, tag)
        elif tag == "li":  # a stray li outside a list
            self.flush(el)
            self.add(el.text, line)
            self.walk(el)
            self.flush(None)
        elif tag == "table":
            self.flush(el)
            self.table(el)
        elif tag == "pre":
            self.flush(el)
            for offset, row in enumerate("".join(el.itertext()).splitlines()):
                if row.strip():
                    self.emit(row.strip(), line + offset)
        elif tag in _BLOCKS:
            self.flush(el)
            self.add(el.text, line)
            self.walk(el)
            self.flush(None)
        elif self._inline_number(el):  # "<span class="lidnr">1</span>Het college ..." reads "1. Het college ..."
            self.add(_marker(_xml.clean("".join(el.itertext()))) + " ", line)
        else:  # inline
            self.add(el.text, line)
            self.walk(el)
        self.add(el.tail, line)

    def _inline_number(self, el: Any) -> bool:
        """An inline element at the start of a line holding only a number written as one ("1.", "a)")
        or marked as one by its class ("lidnr")."""
        if "".join(self.buffer).strip():
            return False
        text = _xml.clean("".join(el.itertext()))
        if not _STRICT_MARKER.match(text):
            return False
        tokens = (el.get("class") or "").split() + [el.get("id") or ""]
        return text[-1] in ".)°" or any(_NUMBER_CLASS.search(t) for t in tokens if t)

    def list(self, el: Any, tag: str) -> None:
        self.finish()
        kind = (el.get("type") or "1") if tag == "ol" else "bullet"
        try:
            number = int(el.get("start") or 1)
        except ValueError:
            number = 1
        for li in el:
            if _tag(li) != "li":
                self.visit(li)
                continue
            own = _xml.clean((li.text or "") + "".join(
                ("".join(c.itertext()) if _tag(c) else "") + (c.tail or "")
                for c in li
                if _tag(c) not in ("ol", "ul", "table", "p", "div")
            ))
            typed = _typed_number(li)
            if typed is not None:  # "<li><span class="nr">a.</span><p>...</p></li>": the page's own number
                self.prefix = _marker(_xml.clean("".join(typed.itertext()))) + " "
            elif not _HAS_MARKER.match(own + " "):  # numbers typed in the item text are kept as typed
                self.prefix = _list_marker(kind, number) + " "
            number += 1
            self.add(li.text, li.sourceline)
            for c in li:
                if c is typed:
                    self.add(c.tail, li.sourceline)
                else:
                    self.visit(c)
            self.flush(None)
            self.finish()
            self.add(li.tail, li.sourceline)

    def table(self, el: Any) -> None:
        for row in el.iter("tr"):
            cells = [_xml.clean(" ".join(c.itertext())).replace("|", "/") for c in row if _tag(c) in ("td", "th")]
            if not cells:
                continue
            line = row.sourceline or self.last_line
            self.emit("| " + " | ".join(cells) + " |", line)
            if all(_tag(c) == "th" for c in row if _tag(c) in ("td", "th")):
                self.emit("|" + "---|" * len(cells), line)


def _typed_number(li: Any) -> Any | None:
    """The element holding an item's own number when the item starts with one ("a.", "1", "•")."""
    if (li.text or "").strip():
        return None
    first = next((c for c in li if _tag(c)), None)
    if first is None or _tag(first) in ("ol", "ul", "table") or _is_chrome(first):
        return None
    return first if _MARKER_ONLY.match(_xml.clean("".join(first.itertext()))) else None


def _marker(text: str) -> str:
    if text[-1] in ".)°" or not text[-1].isalnum():
        return text
    return text + "."


def _list_marker(kind: str, number: int) -> str:
    if kind == "bullet":
        return "-"
    if kind in ("a", "A"):
        return _letters(number, kind == "A") + "."
    if kind in ("i", "I"):
        roman = _roman(number)
        return (roman if kind == "I" else roman.lower()) + "."
    return f"{number}."


def _letters(n: int, upper: bool) -> str:
    letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return letter.upper() if upper else letter


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


_META_KEYS = {
    "title": ("dc.title", "dcterms.title", "dcterms:title", "overheid.title"),
    "identifier": ("dc.identifier", "dcterms.identifier", "dcterms:identifier", "overheidop.identifier"),
    "municipality": ("dc.creator", "dcterms.creator", "dcterms:creator", "overheid.authority", "dcterms.spatial",
                     "overheidop.authority"),
    "signed": ("overheidop.datumondertekening",),
    "issued": ("dcterms.issued", "dcterms:issued"),
    "legal_basis": ("dcterms.source", "dcterms:source", "overheidrg.wettelijkegrondslag", "overheidop.wettelijkegrondslag"),
}
_GEMEENTE_PREFIX = re.compile(r"^gemeente\s+", re.I)
_PUBLICATION_ID = re.compile(r"^(?:gmb|prb|wsb|stcrt|bgr|stb|trb)-\d{4}-\d+", re.I)


def metadata(root: Any) -> Metadata:
    values: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or "").lower()
        content = _xml.clean(el.get("content"))
        if name and content:
            values.setdefault(name, []).append(content)

    def first(field: str) -> str | None:
        for key in _META_KEYS[field]:
            if values.get(key):
                return values[key][0]
        return None

    municipality = first("municipality")
    if municipality:
        municipality = _GEMEENTE_PREFIX.sub("", municipality)
    legal = [v for key in _META_KEYS["legal_basis"] for v in values.get(key, [])]
    identifier = first("identifier")
    # On lokaleregelgeving.overheid.nl (CVDR) "issued" is the date the regulation was adopted; on
    # zoek.officielebekendmakingen.nl (gmb-2026-12345) it is the day the Gemeenteblad came out,
    # and the date of adoption is OVERHEIDop.datumOndertekening.
    publication = bool(identifier and _PUBLICATION_ID.match(identifier))
    issued = first("issued")
    adopted = first("signed") or (None if publication else issued)
    extra = (("published", issued),) if publication and issued else ()
    return Metadata(
        title=first("title"),
        municipality=municipality,
        identifier=identifier,
        adopted=adopted,
        legal_basis=_xml.unique(legal),
        extra=extra,
    )
