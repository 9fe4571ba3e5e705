"""Per-document state shared by all rules: the folded text and caches, built once per document.

Rule kinds receive an :class:`DocContext`; anything a kind computes that other rules could reuse
(the folded text, counts of norms, sentence bounds) belongs here, not in the kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..documents.model import Document, Part, PartKind
from .matching import NormalizedText


@dataclass(eq=False)
class DocContext:
    doc: Document
    cache: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def norm(self) -> NormalizedText:
        return NormalizedText(self.doc.text)

    def spans(self, scope: str) -> list[tuple[int, int]]:
        return self.doc.scope_spans(scope)

    def enclosing(self, offset: int, within: str) -> tuple[int, int] | None:
        """Span of the lid or article around ``offset`` (original offsets)."""
        kind = {"lid": PartKind.LID, "article": PartKind.ARTICLE}[within]
        part: Part | None = self.doc.innermost(offset, kind)
        if part is None and within == "lid":
            part = self.doc.innermost(offset, PartKind.ARTICLE)
        return (part.start, part.end) if part else None
