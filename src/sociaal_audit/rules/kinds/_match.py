"""Matching parameters shared by the text kinds (requires, forbids, threshold).

``patterns`` are regexes over the folded text (lower case, no diacritics); ``phrases`` are plain
text, tolerant of case, diacritics, line breaks, hyphens, light inflection and "2"/"twee";
``fuzzy`` (0-100) lets rapidfuzz accept near spellings of phrases. ``heading`` limits matches to
articles whose heading matches. Three switches drop matches that name a subject without providing
it: ``in_headings: false`` (a heading line: "Artikel 39 Hardheidsclausule" above "Dit artikel is
vervallen"), ``in_definitions: false`` (the term of a definition: "a. eigen regie: ...") and
``in_toelichting: false`` (the toelichting; with ``scope: document`` that leaves the binding text
and the preamble, where "gelet op ..." names the acts an ordinance carries out). ``near`` demands a
second match in the same sentence, lid or article; ``unless`` discards a match when its context
matches. :func:`distinct_sentences` keeps one piece of evidence per sentence.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ...documents.model import PartKind
from ..context import DocContext
from .. import matching
from ..matching import Match, Matcher, compile_pattern, fold, is_definition, sentence_bounds

Within = Literal["sentence", "lid", "article"]


def _check_regexes(values: list[str]) -> list[str]:
    """Validate pack regexes by compiling them as they will be used (the compile is cached, so
    validation costs nothing extra)."""
    import regex

    for v in values:
        try:
            compile_pattern(v)
        except regex.error as exc:
            raise ValueError(f"invalid regex {v!r}: {exc}") from None
    return values


class ContextSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    patterns: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    within: Within = "sentence"
    negation: bool = False

    _check = field_validator("patterns")(_check_regexes)

    @model_validator(mode="after")
    def _nonempty(self) -> "ContextSpec":
        if not self.patterns and not self.phrases:
            raise ValueError("needs patterns or phrases")
        return self

    def matcher(self) -> Matcher:
        return Matcher(self.patterns, self.phrases, negation=self.negation)


class MatchParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    patterns: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    fuzzy: int = Field(default=100, ge=50, le=100)
    negation: bool = True
    heading: str | None = None
    in_headings: bool = True
    in_definitions: bool = True
    in_toelichting: bool = True
    near: ContextSpec | None = None
    unless: ContextSpec | None = None

    _check = field_validator("patterns")(_check_regexes)

    @field_validator("heading")
    @classmethod
    def _heading(cls, v: str | None) -> str | None:
        if v is not None:
            _check_regexes([v])
        return v

    @model_validator(mode="after")
    def _nonempty(self) -> "MatchParams":
        if not self.patterns and not self.phrases:
            raise ValueError("needs 'patterns' or 'phrases'")
        return self

    def looked_for(self) -> str:
        items = [f'"{p}"' for p in self.phrases] + [f"/{p}/" for p in self.patterns]
        return ", ".join(items[:6]) + (" …" if len(items) > 6 else "")


class CompiledMatch:
    """MatchParams compiled once per run."""

    def __init__(self, params: MatchParams) -> None:
        self.params = params
        self.matcher = Matcher(params.patterns, params.phrases, params.fuzzy, params.negation)
        self.heading = compile_pattern(params.heading) if params.heading else None
        self.near = params.near.matcher() if params.near else None
        self.unless = params.unless.matcher() if params.unless else None

    def _context(self, ctx: DocContext, m: Match, within: str) -> tuple[int, int]:
        if within == "sentence":
            return sentence_bounds(ctx.doc.text, m.start, m.end)
        return ctx.enclosing(m.start, within) or sentence_bounds(ctx.doc.text, m.start, m.end)

    def find(self, ctx: DocContext, scope: str) -> list[Match]:
        matches = self.matcher.find(ctx.norm, ctx.spans(scope))
        out = []
        for m in matches:
            if not self.params.in_headings and in_heading_line(ctx, m.start):
                continue
            if not self.params.in_toelichting and ctx.doc.in_toelichting(m.start):
                continue
            if not self.params.in_definitions and is_definition(ctx.doc.text, m.start, m.end):
                continue
            if self.heading is not None:
                article, _ = ctx.doc.context(m.start)
                heading = fold(article.title) if article else ""
                if not self.heading.search(heading, timeout=matching.MATCH_TIMEOUT):
                    continue
            if self.near is not None:
                span = self._context(ctx, m, self.params.near.within)
                if not self.near.find(ctx.norm, [span]):
                    continue
            if self.unless is not None:
                span = self._context(ctx, m, self.params.unless.within)
                if self.unless.find(ctx.norm, [span]):
                    continue
            out.append(m)
        return out


_HEADED_KINDS = (PartKind.CHAPTER, PartKind.SECTION, PartKind.ARTICLE)


def heading_line_starts(ctx: DocContext) -> frozenset[int]:
    """Offsets of the lines that are headings: the first line of every chapter, section and
    article (and the next line when the heading text stands there, "Artikel 6" / "Regie"), and
    every Markdown heading line. Computed once per document."""
    key = "heading_line_starts"
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached
    doc = ctx.doc
    starts: set[int] = set()
    for part in doc.all_parts:
        if part.kind not in _HEADED_KINDS:
            continue
        i = doc.line_index(part.start)
        starts.add(doc.line_starts[i])
        if part.heading and fold(part.heading).strip() not in fold(_line(doc, i)):
            for j in range(i + 1, min(i + 4, len(doc.line_starts))):  # the heading on a line of its own
                if fold(_line(doc, j)).strip(" *#").strip() == fold(part.heading).strip():
                    starts.add(doc.line_starts[j])
                    break
    for i, s in enumerate(doc.line_starts):
        if _line(doc, i).lstrip().startswith("#"):
            starts.add(s)
    frozen = frozenset(starts)
    ctx.cache[key] = frozen
    return frozen


def _line(doc, i: int) -> str:
    end = doc.line_starts[i + 1] if i + 1 < len(doc.line_starts) else len(doc.text)
    return doc.text[doc.line_starts[i]:end]


def in_heading_line(ctx: DocContext, offset: int) -> bool:
    """Does ``offset`` lie on a heading line (see :func:`heading_line_starts`)?"""
    doc = ctx.doc
    return doc.line_starts[doc.line_index(offset)] in heading_line_starts(ctx)


def distinct_sentences(ctx: DocContext, matches: list[Match], limit: int | None = 3) -> list[Match]:
    """The first match of each sentence, at most ``limit`` (None: all): evidence names different
    provisions instead of quoting one long sentence three times around its three keywords."""
    out: list[Match] = []
    seen: set[int] = set()
    for m in matches:
        # keyed on where the sentence ends: a match that starts in a heading ("####Evaluatie")
        # and runs into the sentence below is still that sentence
        _, end = sentence_bounds(ctx.doc.text, m.start, m.end)
        if end in seen:
            continue
        seen.add(end)
        out.append(m)
        if limit is not None and len(out) >= limit:
            break
    return out
