"""Fingerprints of findings: what identifies a finding across edits of its document.

A fingerprint is made of the rule, the heading of the article the evidence is in (without its
number) and the normalised quote, in which references such as "artikel 26" lose their number; never
line numbers. Moving or renumbering an article, or editing elsewhere, keeps it. The JSON output's
``fingerprint`` field, the baseline, SARIF's ``partialFingerprints`` and GitLab's ``fingerprint``
all start from it.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from .rules.matching import fold

_STRUCTURE_REF = re.compile(
    r"\b(artikel(?:en)?|art\.|hoofdstuk(?:ken)?|paragraaf|paragrafen|afdeling(?:en)?)\s+\d+[\w.:]*"
    r"(?:\s*(?:,|en|of|tot en met|t/m)\s*\d+[\w.:]*)*"
)


def heading_without_number(title: str | None, number: str | None) -> str:
    """'Artikel 5. Hardheidsclausule' -> 'hardheidsclausule' (folded), so renumbering keeps it."""
    if not title:
        return ""
    text = title
    if number:
        text = re.sub(rf"^\s*(?:artikel|art\.)?\s*{re.escape(number)}(?![\w])\s*[.:\-–—]?\s*", "", text, count=1, flags=re.I)
    return " ".join(fold(text).split())


def normalised_quote(quote: str) -> str:
    """Folded, whitespace collapsed, and the numbers of references to articles, chapters and
    sections left out ("bedoeld in artikel 26" = "bedoeld in artikel 27"), so renumbering keeps it."""
    text = " ".join(fold(quote).split())
    return _STRUCTURE_REF.sub(lambda m: m.group(1) + " #", text)


def _digest(rule: str, heading: str, quote: str | None, status: str) -> str:
    h = hashlib.sha256(rule.encode())
    h.update(b"\x00" + heading.encode())
    if quote is None:
        h.update(b"\x00no-location\x00" + status.encode())
    else:
        h.update(b"\x00" + normalised_quote(quote).encode())
    return h.hexdigest()[:16]


def _place_digest(rule: str, loc: Any, status: str) -> str:
    return _digest(rule, heading_without_number(loc.article_title, loc.article), loc.quote, status)


def fingerprint(result: Any) -> str:
    """Rule + article heading (without number) + normalised quote of the first location."""
    if not result.locations:
        return _digest(result.rule, "", None, result.status)
    return _place_digest(result.rule, result.locations[0], result.status)


def evidence(result: Any) -> tuple[str, ...]:
    """The fingerprint of every quoted place of ``result`` (sorted, without repeats); for a result
    without places, its fingerprint."""
    if not result.locations:
        return (fingerprint(result),)
    return tuple(sorted({_place_digest(result.rule, loc, result.status) for loc in result.locations}))
