"""Safe XML parsing and the walker shared by the CVDR and Gemeenteblad (officiele-publicatie) readers.

Parsing never expands entities, never loads a DTD and never touches the network; a document that
declares entities is refused outright (billion laughs, XXE). The walker turns the element vocabulary
both formats share (``hoofdstuk``/``afdeling``/``paragraaf``/``artikel`` with ``kop``(``label``,
``nr``, ``titel``), ``lid``(``lidnr``, ``al``), ``lijst``/``li``, CALS ``table``, ``aanhef``,
``regeling-sluiting``, ``toelichting``) into the Markdown-like lines the structure parser reads,
each with the element's source line.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import InputError
from ..model import TextLine

_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|<\?[^>]*\?>)\s*)*<([A-Za-z_][\w.:-]*)", re.S)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_SPACE = re.compile(r"\s+")


def root_name(head: bytes) -> str | None:
    """Local name of the first element, if ``head`` starts like an XML/HTML document."""
    m = _PROLOG.match(head)
    if m is None:
        return None
    name = m.group(1).decode("ascii", "replace")
    return name.rsplit(":", 1)[-1]


def parse(data: bytes, path: str, fmt: str) -> Any:
    """Parse XML with entity expansion, DTD loading and network access all switched off."""
    from lxml import etree

    if _ENTITY_DECL.search(data):
        raise InputError(path, "xml_entities")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(path, "parse_failed", format=fmt, reason=_one_line(str(exc))) from None
    if root is None:
        raise InputError(path, "parse_failed", format=fmt, reason="no root element")
    return root


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:200] or "syntax error"


def local(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


_BLOCK_TEXT = {"al", "p", "li", "entry", "functie", "ondertekening", "lijst", "br"}


def text_of(el: Any) -> str:
    """All text inside ``el`` (inline markup such as ``vet``, ``extref`` included), one line.

    Block children (``al``, ``li``...) are separated by a space, inline ones are not.
    """
    pieces: list[str] = []

    def collect(node: Any) -> None:
        block = local(node) in _BLOCK_TEXT
        if block:
            pieces.append(" ")
        if isinstance(node.text, str) and isinstance(node.tag, str):
            pieces.append(node.text)
        for c in node:
            collect(c)
            if isinstance(c.tail, str):
                pieces.append(c.tail)
        if block:
            pieces.append(" ")

    collect(el)
    return clean("".join(pieces))


def children(el: Any, name: str) -> list[Any]:
    return [c for c in el if local(c) == name]


def child(el: Any, name: str) -> Any | None:
    for c in el:
        if local(c) == name:
            return c
    return None


def descendants(el: Any, name: str) -> list[Any]:
    return [d for d in el.iter() if local(d) == name]


# ------------------------------------------------------------------------------------------------
# The body walker

_DIVISIONS = {
    "hoofdstuk": ("Hoofdstuk", "##"),
    "titeldeel": ("Titel", "##"),
    "deel": ("Deel", "##"),
    "afdeling": ("Afdeling", "###"),
    "paragraaf": ("Paragraaf", "###"),
    "subparagraaf": ("Paragraaf", "####"),
    "sub-paragraaf": ("Paragraaf", "####"),
    "artikel": ("Artikel", "###"),
}
_NUMBER_FIRST = re.compile(r"^(\d+[a-z]{0,3}(?:[.:]\d+[a-z]{0,3})*)\.?\s*(.*)$")
_SKIP = {"meta", "metadata", "kop", "lidnr", "li.nr", "colspec", "redactionele-correcties"}
_INLINE_BLOCKS = {"lijst", "table", "tabel"}
_ITEM_NR = re.compile(r"^(?:[a-zA-Z]{1,2}|\d{1,3}|[ivx]{1,5})$")


class BodyWalker:
    """Collects lines from an officiele-regelgeving body in document order."""

    def __init__(self) -> None:
        self.lines: list[TextLine] = []
        self._last_line = 1

    # -- emitting ---------------------------------------------------------------------------------
    def emit(self, text: str, el: Any) -> None:
        text = clean(text)
        if not text:
            return
        line = getattr(el, "sourceline", None) or self._last_line
        self._last_line = line
        self.lines.append(TextLine(text=text, line=line))

    # -- walking ----------------------------------------------------------------------------------
    def walk(self, el: Any) -> None:
        name = local(el)
        if not name or name in _SKIP:
            return
        if name in _DIVISIONS:
            self.division(el, name)
        elif name == "lid":
            self.lid(el)
        elif name == "lijst":
            self.lijst(el)
        elif name in ("table", "tabel"):
            self.table(el)
        elif name == "al":
            self.emit(text_of(el), el)
        elif name == "toelichting":
            self.toelichting(el)
        elif name == "bijlage":
            kop = child(el, "kop")
            heading = text_of(kop) if kop is not None else ""
            self.emit("## " + (heading or "Bijlage"), el)
            self.walk_children(el)
        elif len(el):
            self.walk_children(el)
        else:
            self.emit(text_of(el), el)

    def walk_children(self, el: Any) -> None:
        for c in el:
            self.walk(c)

    def division(self, el: Any, name: str) -> None:
        word, marker = _DIVISIONS[name]
        kop = child(el, "kop")
        if kop is not None:
            heading = self.heading(kop, word)
            if heading:
                self.emit(f"{marker} {heading}", kop)
        self.walk_children(el)

    @staticmethod
    def heading(kop: Any, default_word: str) -> str:
        """'Artikel 4a Melding' from kop(label, nr, titel); '' when the kop is empty."""
        label_el, nr_el, titel_el = child(kop, "label"), child(kop, "nr"), child(kop, "titel")
        if label_el is None and nr_el is None and titel_el is None:
            return text_of(kop)
        label = text_of(label_el) if label_el is not None else ""
        nr = (text_of(nr_el) if nr_el is not None else "").rstrip(".")
        titel = text_of(titel_el) if titel_el is not None else ""
        word = default_word
        if label:
            m = _NUMBER_FIRST.match(label)
            if m and not nr:  # "1.Parkeren": the label carries number and title
                nr, rest = m.group(1), m.group(2)
                titel = titel or rest
            elif not m:
                word = label
        if not nr:
            return titel
        return " ".join(p for p in (word, nr, titel) if p)

    def lid(self, el: Any) -> None:
        nr_el = child(el, "lidnr")
        nr = text_of(nr_el).rstrip(".") if nr_el is not None else ""
        prefix = f"{nr}. " if nr else ""
        first: list[str] = []
        rest_start = len(el)
        for i, c in enumerate(el):
            name = local(c)
            if name in ("lidnr", ""):
                continue
            if name == "al":
                first.append(text_of(c))
                continue
            rest_start = i
            break
        self.emit(prefix + " ".join(t for t in first if t), el)
        for c in list(el)[rest_start:]:
            if local(c) != "lidnr":
                self.walk(c)

    def lijst(self, el: Any) -> None:
        for li in el:
            if local(li) != "li":
                self.walk(li)
                continue
            nr = li.get("nr") or ""
            nr_el = child(li, "li.nr")
            if nr_el is not None:
                nr = text_of(nr_el)
            nr = clean(nr)
            if _ITEM_NR.match(nr):
                nr += "."
            own: list[str] = []
            nested: list[Any] = []
            for c in li:
                name = local(c)
                if name in ("li.nr", ""):
                    continue
                if name in _INLINE_BLOCKS or nested:
                    nested.append(c)
                else:
                    own.append(text_of(c))
            if not len(li) and li.text:
                own.append(clean(li.text))
            text = " ".join(t for t in own if t)
            self.emit(f"{nr} {text}" if nr else text, li)
            for c in nested:
                self.walk(c)

    def table(self, el: Any) -> None:
        for part in el.iter():
            if local(part) != "row":
                continue
            cells = [text_of(e).replace("|", "/") for e in part if local(e) == "entry"]
            if cells:
                self.emit("| " + " | ".join(cells) + " |", part)
                parent = part.getparent()
                if parent is not None and local(parent) == "thead" and part is parent[-1]:
                    self.emit("|" + "---|" * len(cells), part)

    def toelichting(self, el: Any) -> None:
        kop = child(el, "kop")
        heading = text_of(kop) if kop is not None else ""
        if not re.search(r"toelichting", heading, re.I):
            heading = "Toelichting"
        self.emit(f"## {heading}", el)
        self.walk_children(el)


def unique(values: list[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for v in values:
        v = clean(v)
        if v and v not in seen:
            seen.append(v)
    return tuple(seen)


_LIST_OR_ROW = re.compile(r"^(?:\||(?:\d{1,3}[a-z]?|[a-z]{1,2}|[ivx]{1,5})[.)°]\s|\d{1,3}°\s|[-–•*·▪]\s)")


def paragraph_breaks(lines: list[TextLine]) -> list[TextLine]:
    """Blank lines between blocks, as in Markdown, so sentences never run across a heading or paragraph.

    A blank follows every heading and paragraph, and closes a run of list lines (leden,
    onderdelen) or table rows; list lines and rows of one run stay together.
    """
    out: list[TextLine] = []
    for i, ln in enumerate(lines):
        out.append(ln)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None:
            break
        listed = bool(_LIST_OR_ROW.match(ln.text))
        next_listed = bool(_LIST_OR_ROW.match(nxt.text))
        same_run = listed and next_listed and (ln.text.startswith("|") == nxt.text.startswith("|"))
        if ln.text.startswith("#") or not same_run:
            out.append(TextLine(text="", line=ln.line, column=ln.column, page=ln.page))
    return out

