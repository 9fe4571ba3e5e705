"""Dutch legal structure from lines of text, shared by every text-like reader.

Recognises, as written in practice (real acts, CVDR exports, council drafts):

* chapters: ``Hoofdstuk 2``, ``HOOFDSTUK II``, ``Hoofdstuk IIA``
* sections: ``Paragraaf 2.1``, ``§ 3``, ``§ 4.2.a``, ``Afdeling 1.2``, ``Titel 1.1``
* articles: ``Artikel 1``, ``Artikel 1.1``, ``2.1.3``, ``2:3``, ``4a``, ``12bis``, ``12 bis``, ``ARTIKEL IV``,
  ``Art. 5``
* leden: ``1.``, ``1)``, ``lid 1``, ``1 `` (only in sequence: 1, 2, 3 ...; ``2a.`` inserted after 2;
  a bare ``2 `` only at the start of a sentence, so "... ten hoogste\n2 weken" stays text)
* list items: ``a.``, ``b)``, ``aa.``, ``1°``, ``1e.``, ``–`` and ``-`` bullets
* the preamble (only in a document with chapters or articles; a policy plan without them is body
  text in unnumbered sections), the closing block (``Aldus vastgesteld ...``) and the toelichting
  (explanatory notes, also notes under each article), kept apart from the binding text
* a table of contents (labelled, with page numbers, or headings repeated later) opens no parts.

A heading needs a capital ("artikel 2.3 Jeugdwet" at the start of a wrapped line is a reference)
and a title that does not read like a sentence ("Artikel 4:8 is niet van toepassing op").
Markdown heading markers (``#``, ``##Title`` without a space), bold markers and an HTML ``<meta>``
line are tolerated. The parser never fails: text it does not recognise stays in the enclosing part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .metadata import detect_metadata
from .model import Document, Part, PartKind, SourceText

# Roman numerals are upper case ("Artikel IV", "Artikel XIa", "Hoofdstuk IIA"), even in the
# case-insensitive regexes. A number may end in a letter segment ("§ 4.2.a") or a detached Latin
# ordinal written in lower case ("Artikel 12 bis"; "Artikel 7 Ter inzage" has a title, not a number).
_NUM = (
    r"(?:\d+[a-z]{0,6}(?:[.:]\d+[a-z]{0,6})*(?:\.[a-z](?!\w|\.\w))?(?:\s(?-i:bis|ter|quater|quinquies)(?=\s*$|\s*[.:\-–—]|\s+(?-i:[A-Z(])))?"
    r"|(?-i:[IVXLC]+(?:[a-z]{0,3}|[A-Z](?![\w]))))"
)
_MARKER = re.compile(r"^\s*(#{1,6})\s*")
_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*$|^__(.+?)__\s*$")
_CHAPTER = re.compile(rf"^(hoofdstuk)\s+({_NUM})\b\.?\s*[.:\-–—]?\s*(.*)$", re.I)
_SECTION = re.compile(rf"^(paragraaf|afdeling|titel|§)\s*({_NUM})\b\.?\s*[.:\-–—]?\s*(.*)$", re.I)
_ARTICLE = re.compile(rf"^(artikel|art\.)\s+({_NUM})(?![\w])\.?\s*[.:\-–—]?\s*(.*)$", re.I)
_TOELICHTING = re.compile(
    r"^(?:(?:algemene|artikelsgewijze|artikelgewijze|nota\s+van|memorie\s+van)\s+)?toelichting\b[^.;]{0,60}$", re.I
)
# Without a heading marker, only a line that plainly names the explanatory notes opens them:
# "Toelichting", "Artikelsgewijze toelichting", "Toelichting op de verordening ...", not
# "Toelichting bij de aanvraag" inside an article.
_PLAIN_TOELICHTING = re.compile(
    r"^(?:(?:algemene|artikelsgewijze|artikelgewijze|nota\s+van|memorie\s+van)\s+)?toelichting\s*:?\s*$|"
    r"^(?:algemene\s+|artikelsgewijze\s+|artikelgewijze\s+)?toelichting\s+(?:op|bij|behorende\s+bij)\s+(?:de|het|deze)\s+"
    r"(?:\w+\s+){0,3}?(?:verordening|regeling|beleidsregels|nadere\s+regels|besluit|beleidsplan|overeenkomst)\b",
    re.I,
)
_CLOSING = re.compile(
    r"^(?:(?:aldus|zo|als\s+zodanig)\s+(?:vastgesteld|besloten)|vastgesteld\s+in\s+de\s+(?:openbare\s+)?(?:raads)?vergadering|"
    r"lasten\s+en\s+bevelen|gegeven\s+te\s)",
    re.I,
)
# A lid inserted by an amendment is numbered "2a." after "2.".
_LID = re.compile(r"^(?:lid\s+(\d+[a-z]?)[.:]?|(\d+[a-z]?)[.)]|(\d+)(?=\s))\s*(.*)$", re.I)
# List items: "a.", "b)", "aa.", "iv.", "1°", "1e." and bullets; not "nr. 5" or "lo. " at the start of a wrapped line.
_ITEM = re.compile(r"^(?:([a-z]|([a-z])\2|[ivx]{1,4})[.)]\s+\S|(\d+°)\.?\s*\S|(\d+e)\.?\s+\S|([-–•*])\s+\S)", re.I)
# A table-of-contents line ends in a page number after a dot leader or a tab.
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…+|\t)\s*\d+\s*$")
_TOC_LABEL = re.compile(r"^(?:inhoudsopgave|inhoud|inhoudstafel)\s*:?$", re.I)
_CLOSING_ARTICLE = re.compile(r"citeertitel|inwerkingtreding|slotbepaling|intrekking", re.I)

_LEVEL = {
    PartKind.CHAPTER: 1,
    PartKind.SECTION: 2,
    PartKind.ARTICLE: 3,
    PartKind.LID: 4,
    PartKind.ITEM: 5,
}


@dataclass(slots=True)
class _Line:
    index: int
    offset: int
    raw: str
    text: str  # without markers, stripped
    marked: bool  # had a Markdown heading marker or was wholly bold


def _clean(raw: str) -> tuple[str, bool]:
    text = raw.strip()
    marked = False
    m = _MARKER.match(text)
    if m:
        text = text[m.end():]
        marked = True
    b = _BOLD.match(text)
    if b:
        text = b.group(1) or b.group(2) or ""
        marked = True
    text = text.strip().strip("*_").strip()
    return text, marked


# Words that continue a sentence about an article ("Artikel 5 van de wet", "Artikel 4:8 is niet van
# toepassing", "Artikel 22, eerste lid"): after them the line is a reference, not a heading.
_CONTINUATION = frozenset(
    "van is zijn wordt worden blijft blijven geldt gelden vindt vinden en of tot lid bedoeld eerste tweede derde "
    "vierde vijfde zesde onder onderdeel de het een in op met voor juncto jo als aanhef sub bepaalt regelt "
    "luidt komt kan treedt vervalt".split()
)


def _title_like(rest: str, after_break: bool = False) -> bool:
    """Is ``rest`` (what follows 'Artikel 5') a heading rather than the start of a sentence?

    A lower-case title ("Artikel 5 hardheidsclausule") counts only on a line of its own after a
    finished sentence, when it is short and does not go on like a reference does."""
    if not rest:
        return True
    if len(rest) > 120 or rest[-1] in ".;:,":
        return False
    if rest[0].isupper() or rest[0] in "([\"'":
        return True
    words = rest.split()
    return after_break and rest[0].isalpha() and len(words) <= 6 and words[0].lower() not in _CONTINUATION


def _heading(line: _Line, after_break: bool = False) -> tuple[PartKind, str, str, str] | None:
    """Classify a line as a structural heading: (kind, number, heading text, keyword as written)."""
    text = line.text
    if not text or len(text) > 200:
        return None
    if text[0].islower() and not line.marked:
        return None  # "artikel 2.3 Jeugdwet" at the start of a wrapped line is a reference
    for kind, rx in ((PartKind.ARTICLE, _ARTICLE), (PartKind.CHAPTER, _CHAPTER), (PartKind.SECTION, _SECTION)):
        m = rx.match(text)
        if m:
            rest = m.group(3).strip().strip("*_").strip()
            if _TOC_ENTRY.search(rest):
                return None  # "Artikel 5 Hardheidsclausule ........ 7": a line of the table of contents
            if line.marked or _title_like(rest, after_break):
                return kind, m.group(2), rest, m.group(1)
    return None


class _Builder:
    def __init__(self, text_len: int) -> None:
        self.top: list[Part] = []
        self.stack: list[Part] = []  # open binding parts, outermost first
        self.container: Part | None = None  # preamble / closing / toelichting currently open
        self.text_len = text_len
        self.last_opened: Part | None = None

    def _close_stack(self, at: int, level: int) -> None:
        while self.stack and _LEVEL[self.stack[-1].kind] >= level:
            self.stack.pop().end = at

    def open_container(self, kind: PartKind, at: int, label: str | None) -> Part:
        self._close_stack(at, 0)
        if self.container is not None:
            self.container.end = at
        part = Part(kind=kind, start=at, end=self.text_len, label=label)
        self.top.append(part)
        self.container = part
        self.last_opened = part
        return part

    def close_container(self, at: int) -> None:
        """End the open preamble, closing or toelichting at ``at``; binding text follows."""
        self._close_stack(at, 0)
        if self.container is not None:
            self.container.end = at
            self.container = None

    def open(self, kind: PartKind, at: int, number: str | None, heading: str | None, label: str | None) -> Part:
        if self.container is not None and self.container.kind is not PartKind.TOELICHTING:
            # structure after preamble or closing block: the container ends here
            self.container.end = at
            self.container = None
        self._close_stack(at, _LEVEL[kind])
        part = Part(kind=kind, start=at, end=self.text_len, number=number, heading=heading or None, label=label)
        if kind is PartKind.ARTICLE and heading and _CLOSING_ARTICLE.search(heading):
            part.closing = True
        if self.stack:
            self.stack[-1].children.append(part)
        elif self.container is not None:  # inside the toelichting
            self.container.children.append(part)
        else:
            self.top.append(part)
        self.stack.append(part)
        self.last_opened = part
        return part

    def current(self, kind: PartKind) -> Part | None:
        for p in reversed(self.stack):
            if p.kind is kind:
                return p
        return None

    def finish(self) -> list[Part]:
        self._close_stack(self.text_len, 0)
        return self.top


def _label(kind: PartKind, number: str, heading: str, keyword: str = "") -> str:
    """'Artikel 5 Hardheidsclausule', 'Hoofdstuk II Toegang', 'Afdeling 3 Slot', '§ 2 Spoed'."""
    word = {PartKind.ARTICLE: "Artikel", PartKind.CHAPTER: "Hoofdstuk"}.get(kind)
    if word is None:  # a section keeps its own word: Paragraaf, Afdeling, Titel or §
        word = keyword.capitalize() if keyword and keyword != "§" else (keyword or "Paragraaf")
    base = f"{word} {number}"
    return f"{base} {heading}".strip() if heading else base


def build_document(source: SourceText, kind_override: str | None = None) -> Document:
    """Parse a reader's :class:`SourceText` into a :class:`Document`."""
    texts = [ln.text for ln in source.lines]
    line_starts: list[int] = []
    pos = 0
    for t in texts:
        line_starts.append(pos)
        pos += len(t) + 1
    text = "\n".join(texts)
    builder = _Builder(len(text))

    title_line: _Line | None = None
    seen_structure = False
    in_toelichting = False
    expected_lid = 1
    pending_heading_for: Part | None = None
    nonempty_since_open = 0
    prev_closed = True
    has_numbered: bool | None = None  # any chapter or article heading after the title? (found lazily)
    binding_numbers: set[str] = set()  # numbers of the binding articles so far
    toc_seen: set[tuple[str, str]] | None = None  # entries of the table of contents being read, if any
    toelichting_articles = 0  # article headings seen in the open toelichting

    for i, raw in enumerate(texts):
        if not raw.strip():
            prev_closed = True  # a blank line ends a paragraph
            continue
        if raw.lstrip().startswith("<meta") or raw.lstrip().startswith("<!--"):
            continue
        cleaned, marked = _clean(raw)
        if not cleaned:
            continue
        ln = _Line(i, line_starts[i], raw, cleaned, marked)
        # Did the previous line end a sentence (or was it a heading or blank)? A bare "2 " starts a
        # lid only then: "... met ten hoogste\n2 weken" is a wrapped sentence, not lid 2.
        after_break = prev_closed
        prev_closed = cleaned[-1] in ".;:!?"

        if title_line is None:
            title_line = ln
            prev_closed = True
            first = _heading(ln)
            if first is None or first[0] not in (PartKind.ARTICLE, PartKind.CHAPTER):
                continue
            # an excerpt that starts with its first article or chapter: the heading is also the title

        if toc_seen is not None:
            # Inside a table of contents: its entries open no parts. It ends at the first line that
            # is not an entry, or at a heading it already listed (the document itself begins).
            key = _toc_key(ln)
            if key is not None and key not in toc_seen:
                toc_seen.add(key)
                continue
            toc_seen = None
        if _TOC_LABEL.match(cleaned) and not in_toelichting:
            toc_seen = set()

        if (
            not in_toelichting
            and _is_toelichting_heading(cleaned, marked)
            # "Artikel 11" with "Toelichting op het besluit" on the next line is the article's title
            and not (pending_heading_for is not None and nonempty_since_open == 0 and not marked)
        ):
            builder.open_container(PartKind.TOELICHTING, ln.offset, cleaned)
            in_toelichting = True
            toelichting_articles = 0
            pending_heading_for = None
            continue

        head = _heading(ln, after_break)
        if head is not None:
            kind, number, heading, keyword = head
            if in_toelichting and kind is PartKind.ARTICLE:
                if toelichting_articles == 0 and number not in binding_numbers:
                    # Notes between two articles ("### Toelichting" under each article): a new
                    # article number, not the notes' repeat of one, continues the binding text.
                    builder.close_container(ln.offset)
                    in_toelichting = False
                else:
                    toelichting_articles += 1
            if kind is PartKind.ARTICLE and not in_toelichting:
                binding_numbers.add(number)
            part = builder.open(kind, ln.offset, number, heading, _label(kind, number, heading, keyword))
            seen_structure = True
            pending_heading_for = part if not heading else None
            nonempty_since_open = 0
            prev_closed = True
            if kind is PartKind.ARTICLE:
                expected_lid = 1
            continue

        if not in_toelichting and _CLOSING.match(cleaned):
            builder.open_container(PartKind.CLOSING, ln.offset, cleaned[:80])
            pending_heading_for = None
            continue

        nonempty_since_open += 1
        # A heading on its own line after "Hoofdstuk 1" / "Artikel 3" ("####Begripsbepalingen").
        if pending_heading_for is not None and nonempty_since_open == 1:
            # a marked title may be long ("Inrichting en samenstelling van het bestuur van het openbaar lichaam ...")
            if (marked and len(cleaned) <= 250 or _title_like(cleaned, after_break) and len(cleaned) <= 100) and not (
                _LID.match(cleaned)
            ):
                pending_heading_for.heading = cleaned
                keyword = (pending_heading_for.label or "").split(" ", 1)[0]
                pending_heading_for.label = _label(
                    pending_heading_for.kind, pending_heading_for.number or "", cleaned, keyword
                )
                pending_heading_for = None
                prev_closed = True
                continue
        pending_heading_for = None

        if not seen_structure and not in_toelichting:
            if builder.container is None:
                if has_numbered is None:
                    has_numbered = _has_numbered_structure(texts, i)
                if (marked and builder.top) or not has_numbered:
                    # A document without chapters or articles (a policy plan, a contract) has no
                    # preamble: its body is unnumbered sections, opened by headings.
                    heading_text = cleaned if marked else None
                    builder.open(PartKind.SECTION, ln.offset, None, heading_text, heading_text)
                    seen_structure = True
                    continue
                builder.open_container(PartKind.PREAMBLE, ln.offset, None)
            continue

        if marked and not in_toelichting and builder.container is None and builder.current(PartKind.ARTICLE) is None:
            # unnumbered heading between chapters (e.g. a policy plan): a section
            builder.open(PartKind.SECTION, ln.offset, None, cleaned, cleaned)
            continue

        article = builder.current(PartKind.ARTICLE)
        if article is None or builder.container is not None and builder.container.kind is not PartKind.TOELICHTING:
            continue
        lid = _LID.match(cleaned)
        if lid and not marked:
            number = (lid.group(1) or lid.group(2) or lid.group(3)).lower()
            n = int(number.rstrip("abcdefghijklmnopqrstuvwxyz"))
            bare = lid.group(3) is not None
            inserted = number[-1] in "abcd" and n == expected_lid - 1  # "2e." is an ordinal item
            if (n == expected_lid and number.isdigit() or inserted) and (
                not bare or (after_break and lid.group(4)[:1].isupper())
            ):
                builder.open(PartKind.LID, ln.offset, number, None, f"lid {number}")
                if not inserted:
                    expected_lid = n + 1
                continue
        if _ITEM.match(cleaned):
            builder.open(PartKind.ITEM, ln.offset, _item_number(cleaned), None, None)

    parts = _drop_table_of_contents(builder.finish(), text)
    if title_line is None:
        title = source.metadata.title or ""
    else:
        title = source.metadata.title or title_line.text
    meta = detect_metadata(text, title, parts, source.metadata, kind_override)
    return Document(
        path=source.path,
        format=source.format,
        text=text,
        line_starts=line_starts,
        lines=source.lines,
        parts=parts,
        title=title,
        municipality=meta.municipality,
        kind=meta.kind,
        laws=meta.laws,
        metadata=source.metadata,
        comments=source.comments,
    )


def _toc_key(line: _Line) -> tuple[str, str] | None:
    """What a line of a table of contents lists: ("article", "5"), ("toelichting", "") ...; None
    when the line is no entry. Page numbers after a dot leader or a tab are ignored."""
    text = _TOC_ENTRY.sub("", line.text).rstrip(" .…\t") if _TOC_ENTRY.search(line.text) else line.text
    if not text:
        return None
    stripped = _Line(line.index, line.offset, line.raw, text, line.marked)
    head = _heading(stripped)
    if head is not None:
        return head[0].value, head[1]
    if _is_toelichting_heading(text, line.marked):
        return "toelichting", ""
    if text != line.text:
        return "entry", text.casefold()  # another entry with a page number ("Bijlage 1 ..... 12")
    return None


def _own_text(part: Part, text: str) -> str:
    """The text of ``part`` after its heading line, without the text of its children."""
    newline = text.find("\n", part.start, part.end)
    pos = part.end if newline == -1 else newline + 1
    pieces = []
    for child in part.children:
        pieces.append(text[pos:child.start])
        pos = max(pos, child.end)
    pieces.append(text[pos:part.end])
    return "".join(pieces)


def _drop_table_of_contents(parts: list[Part], text: str) -> list[Part]:
    """Remove the headings of a table of contents: binding chapters, sections and articles with no
    text of their own whose number comes back later in the document. Their lines then belong to no
    part, so they are not binding text."""
    headings = (PartKind.CHAPTER, PartKind.SECTION, PartKind.ARTICLE)
    binding = [p for top in parts if top.kind in headings for p in top.walk() if p.kind in headings]
    later: dict[tuple[PartKind, str], int] = {}
    for i, p in enumerate(binding):
        if p.number is not None:
            later[(p.kind, p.number)] = i  # last occurrence
    empty: set[int] = set()
    for i in reversed(range(len(binding))):  # children before their parents
        p = binding[i]
        if p.number is None or later[(p.kind, p.number)] == i:
            continue
        if not _own_text(p, text).strip() and all(id(c) in empty for c in p.children):
            empty.add(id(p))
    if not empty:
        return parts

    def keep(items: list[Part]) -> list[Part]:
        out = []
        for p in items:
            if id(p) in empty:
                continue
            p.children = keep(p.children)
            out.append(p)
        return out

    return keep(parts)


def _is_toelichting_heading(cleaned: str, marked: bool) -> bool:
    if marked:
        return bool(_TOELICHTING.match(cleaned))
    return len(cleaned) < 120 and bool(_PLAIN_TOELICHTING.match(cleaned))


def _has_numbered_structure(texts: list[str], start: int) -> bool:
    """Is there a chapter or article heading at or after line ``start``?"""
    for j in range(start, len(texts)):
        raw = texts[j]
        if not raw.strip():
            continue
        cleaned, marked = _clean(raw)
        if cleaned and _is_toelichting_heading(cleaned, marked):
            return False  # articles in the toelichting do not make the body numbered
        head = _heading(_Line(j, 0, raw, cleaned, marked)) if cleaned else None
        if head is not None and head[0] in (PartKind.ARTICLE, PartKind.CHAPTER):
            return True
    return False


def _item_number(text: str) -> str | None:
    m = _ITEM.match(text)
    if not m:
        return None
    return m.group(1) or m.group(3) or m.group(4) or None
