"""The document model: what every reader produces and every rule reads.

A reader turns bytes into a :class:`SourceText` (lines that each know where they came from, plus the
metadata the format carries). :func:`sociaal_audit.documents.structure.build_document` turns that into
a :class:`Document`: one text, a tree of :class:`Part` objects (preamble, chapters, sections,
articles, leden, list items, closing, toelichting) and detected metadata. Every part is a character
span of ``Document.text``; :meth:`Document.locate` maps any offset back to line, column and page of
the source file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Iterator


_WORD = re.compile(r"\w[\w.,'’-]*")


class DocumentKind(str, Enum):
    """What sort of policy document this is; rules say which kinds they apply to."""

    VERORDENING = "verordening"
    NADERE_REGELS = "nadere_regels"
    BELEIDSREGELS = "beleidsregels"
    BELEIDSPLAN = "beleidsplan"
    OVEREENKOMST = "overeenkomst"
    OTHER = "other"


class Law(str, Enum):
    """The three social-domain acts a document can regulate."""

    WMO2015 = "wmo2015"
    JEUGDWET = "jeugdwet"
    PARTICIPATIEWET = "participatiewet"


class PartKind(str, Enum):
    PREAMBLE = "preamble"
    CHAPTER = "chapter"
    SECTION = "section"
    ARTICLE = "article"
    LID = "lid"
    ITEM = "item"
    CLOSING = "closing"
    TOELICHTING = "toelichting"


# Parts whose text is binding (regelgevend). The preamble and toelichting are not.
BINDING_KINDS = frozenset({PartKind.CHAPTER, PartKind.SECTION, PartKind.ARTICLE, PartKind.LID, PartKind.ITEM})


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text as a reader saw it, with its place in the source file.

    ``line`` is 1-based (on the page, when ``page`` is set); ``column`` is the 1-based column of
    the first character of ``text`` in that source line.
    """

    text: str
    line: int
    column: int = 1
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata a format carries (CVDR, Gemeenteblad, DOCX core properties...). All optional."""

    title: str | None = None
    municipality: str | None = None
    kind: DocumentKind | None = None
    identifier: str | None = None  # e.g. CVDR id
    adopted: str | None = None  # date of adoption, ISO 8601
    legal_basis: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceText:
    """What a reader returns: lines with origins, the format name and format metadata.

    ``structured`` lines may carry Markdown-like heading markers (``#``); the structure parser
    treats ``# Artikel 3`` and ``Artikel 3`` alike.
    """

    path: str
    format: str
    lines: tuple[TextLine, ...]
    metadata: Metadata = field(default_factory=Metadata)
    # Comments such as "<!-- sociaal-audit: ... -->", with their line, for suppressions.
    comments: tuple[TextLine, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    line: int
    column: int
    page: int | None = None


@dataclass(slots=True, eq=False)
class Part:
    """A node of the document tree: a span ``[start, end)`` of ``Document.text``.

    ``number`` is the number as written ("2.1.3", "4a", "12bis", "2:3"); ``heading`` is the title
    text after the number, if any.
    """

    kind: PartKind
    start: int
    end: int
    number: str | None = None
    heading: str | None = None
    label: str | None = None  # the heading line as written, e.g. "Artikel 5. Hardheidsclausule"
    children: list["Part"] = field(default_factory=list)
    closing: bool = False  # citeertitel / inwerkingtreding articles

    def walk(self) -> Iterator["Part"]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def title(self) -> str:
        """Human-readable name, e.g. 'Artikel 5 Hardheidsclausule'."""
        return self.label or (self.kind.value + (f" {self.number}" if self.number else ""))


@dataclass(eq=False)
class Document:
    """A parsed policy document. Built once per file; read by every rule."""

    path: str
    format: str
    text: str
    line_starts: list[int]  # offset in ``text`` of each line
    lines: tuple[TextLine, ...]
    parts: list[Part]  # top level: preamble, chapters/articles, closing, toelichting
    title: str
    municipality: str | None
    kind: DocumentKind
    laws: tuple[Law, ...]
    metadata: Metadata
    comments: tuple[TextLine, ...] = ()

    # ----- locating ---------------------------------------------------------------------------
    def line_index(self, offset: int) -> int:
        return max(0, bisect_right(self.line_starts, offset) - 1)

    def locate(self, offset: int) -> Location:
        i = self.line_index(offset)
        src = self.lines[i]
        return Location(line=src.line, column=src.column + (offset - self.line_starts[i]), page=src.page)

    # ----- structure --------------------------------------------------------------------------
    @cached_property
    def all_parts(self) -> list[Part]:
        return [p for top in self.parts for p in top.walk()]

    @cached_property
    def articles(self) -> list[Part]:
        """Binding articles in document order (toelichting excluded)."""
        return [p for p in self._binding_tree() if p.kind is PartKind.ARTICLE]

    @cached_property
    def toelichting(self) -> list[Part]:
        return [p for p in self.parts if p.kind is PartKind.TOELICHTING]

    @cached_property
    def preamble(self) -> list[Part]:
        return [p for p in self.parts if p.kind is PartKind.PREAMBLE]

    def _binding_tree(self) -> Iterator[Part]:
        for top in self.parts:
            if top.kind in (PartKind.TOELICHTING, PartKind.PREAMBLE, PartKind.CLOSING):
                continue
            yield from top.walk()

    @cached_property
    def binding_spans(self) -> list[tuple[int, int]]:
        """Spans of the binding text: chapters, sections and articles outside the toelichting."""
        return [(p.start, p.end) for p in self.parts if p.kind in BINDING_KINDS]

    def scope_spans(self, scope: str) -> list[tuple[int, int]]:
        """Spans for a rule scope: binding, toelichting, preamble, document."""
        if scope == "binding":
            return self.binding_spans
        if scope == "toelichting":
            return [(p.start, p.end) for p in self.toelichting]
        if scope == "preamble":
            return [(p.start, p.end) for p in self.preamble]
        if scope == "document":
            return [(0, len(self.text))]
        raise ValueError(f"unknown scope {scope!r}")

    def innermost(self, offset: int, kind: PartKind) -> Part | None:
        """The innermost part of ``kind`` containing ``offset``."""
        found: Part | None = None
        level = self.parts
        while level:
            nxt: list[Part] = []
            for p in level:
                if p.start <= offset < p.end:
                    if p.kind is kind:
                        found = p
                    nxt = p.children
                    break
            level = nxt
        return found

    def context(self, offset: int) -> tuple[Part | None, Part | None]:
        """(article, lid) containing ``offset``; article may be inside the toelichting."""
        return self.innermost(offset, PartKind.ARTICLE), self.innermost(offset, PartKind.LID)

    def in_toelichting(self, offset: int) -> bool:
        return any(p.start <= offset < p.end for p in self.toelichting)

    @cached_property
    def binding_word_count(self) -> int:
        """Words of binding text: Markdown markers, table rules and bare punctuation do not count,
        so the same ordinance has the same count in every format."""
        return sum(len(_WORD.findall(self.text, s, e)) for s, e in self.binding_spans)
