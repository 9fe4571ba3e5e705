"""Per-document state shared by all rules: the folded text and caches, built once per document.

Rule kinds receive an :class:`DocContext`; anything a kind computes that other rules could reuse
(the folded text, counts of norms, sentence bounds) belongs here, not in the kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..documents.model import Document, Part, PartKind
from .matching import NormalizedText


# Words that put a document in the social domain: the three acts and the services and groups they
# cover. Whole words, folded text ("clientondersteuning" without the diaeresis too).
_SOCIAL_WORDS = re.compile(
    r"\b(?:sociaal\s+domein|sociale\s+domein|wmo|maatschappelijke\s+ondersteuning|jeugdwet|jeugdhulp|jeugdzorg"
    r"|participatiewet|wet\s+werk\s+en\s+bijstand|bijstand\w*|re-?integratie\w*|schuldhulp\w*|schuldhulpverlening"
    r"|minimabeleid|armoedebeleid|mantelzorg\w*|maatwerkvoorziening\w*|persoonsgebonden\s+budget|wijkteam\w*"
    r"|sociale?\s+teams?|client\w*ondersteuning|beschermd\s+wonen|maatschappelijke\s+opvang|inburgering\w*)\b",
    re.I,
)
# How many social-domain words the binding text of a document without a social title or legal basis
# needs: an ordinance on parking names none, a general subsidy ordinance one or two in passing.
SOCIAL_TEXT_MINIMUM = 3


@dataclass(eq=False)
class DocContext:
    doc: Document
    cache: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def norm(self) -> NormalizedText:
        return NormalizedText(self.doc.text)

    @cached_property
    def social_domain(self) -> bool:
        """Is the document about the social domain? Yes when it rests on the Wmo 2015, the Jeugdwet or
        the Participatiewet, when its title or preamble names the social domain, or when its binding
        text uses the domain's words at least :data:`SOCIAL_TEXT_MINIMUM` times."""
        doc = self.doc
        if doc.laws:
            return True
        preamble = " ".join(doc.text[p.start:p.end] for p in doc.preamble)
        if _SOCIAL_WORDS.search(doc.title or "") or _SOCIAL_WORDS.search(preamble):
            return True
        count = 0
        for start, end in self.spans("binding"):
            for _ in _SOCIAL_WORDS.finditer(self.norm.text, self.norm.to_folded(start), self.norm.to_folded(end)):
                count += 1
                if count >= SOCIAL_TEXT_MINIMUM:
                    return True
        return False

    def spans(self, scope: str) -> list[tuple[int, int]]:
        return self.doc.scope_spans(scope)

    def enclosing(self, offset: int, within: str) -> tuple[int, int] | None:
        """Span of the lid or article around ``offset`` (original offsets)."""
        kind = {"lid": PartKind.LID, "article": PartKind.ARTICLE}[within]
        part: Part | None = self.doc.innermost(offset, kind)
        if part is None and within == "lid":
            part = self.doc.innermost(offset, PartKind.ARTICLE)
        return (part.start, part.end) if part else None
