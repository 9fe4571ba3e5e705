"""`metric`: a measured property of a document, compared to thresholds set in the pack.

``measure: detailed_norms`` (P06, policy-light ordinances) counts the detailed norms in the binding
text: euro amounts, hours and minutes, frequencies ("eenmaal per jaar"), percentages, quantities
(kilometers, square metres), product codes and table rows (a table row counts once, whatever it
holds). It also counts the delegation clauses ("nadere regels", "bij nadere regeling",
"beleidsregels") that send such norms to rules the executive can change quickly. The document
fails when it has at least ``min_norms`` norms and more than ``max_per_1000`` per 1,000 words of
binding text; the message gets the figures (``norms``, ``words``, ``per_1000``, each category,
``delegations``). A fail quotes the articles with the most norms; a pass quotes the delegation
clauses. The counts are computed once per document and cached in the context.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..matching import NUMBER_WORD_PATTERN, Matcher, finditer_spans
from . import Evidence, Outcome

NAME = "metric"
TARGET = "document"

_NUM = rf"(?:\d[\d.]*(?:,\d+)?|{NUMBER_WORD_PATTERN})"
_AMOUNT = r"\d{1,3}(?:\.\d{3})*(?:,(?:\d{1,2}|-))?|\d+(?:,(?:\d{1,2}|-))?"
NORM_PATTERNS: dict[str, str] = {
    "euros": rf"(?:€|\beur\b\.?)\s*(?:{_AMOUNT})|(?<![\w.,])(?:{_AMOUNT})\s*(?:euro|eur)\b",
    "times": rf"(?<![\w.,]){_NUM}\s+(?:uur|uren|minuten|minuut)\b",
    "frequencies": r"\b(?:(?:een|twee|drie|vier|vijf|zes|tien)maal|(?:\d+|een|twee|drie|vier|vijf|zes|tien)\s*(?:maal|keer|x))"
                   r"\s+per\s+(?:dag|etmaal|week|maand|kwartaal|jaar|kalenderjaar|(?:\d+|twee|drie|vier|vijf|zes|zeven|tien)\s+jaar)\b",
    "percentages": rf"(?<![\w.,]){_NUM}\s*(?:%|procent\b)",
    "quantities": rf"(?<![\w.,]){_NUM}\s*(?:kilometer|km|meter|m2|m²|vierkante\s+meter|kilo|kg|liter)\b",
    "product_codes": r"\b\d{2}[a-z]\d{2}\b",
}
_TABLE_ROW = "table_rows"
CATEGORIES = (*NORM_PATTERNS, _TABLE_ROW)
DELEGATION_PHRASES = ["nadere regels", "bij nadere regeling", "beleidsregels"]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    measure: Literal["detailed_norms"] = "detailed_norms"
    max_per_1000: float = Field(gt=0, description="most detailed norms per 1,000 words of binding text")
    min_norms: int = Field(default=10, ge=1, description="fewer norms than this never fail (short texts)")
    delegation: list[str] = Field(default_factory=lambda: list(DELEGATION_PHRASES))


class CompiledMetric:
    def __init__(self, params: Params) -> None:
        import regex

        self.norms = {name: regex.compile(p, regex.IGNORECASE) for name, p in NORM_PATTERNS.items()}
        self.delegation = Matcher((), params.delegation, negation=True)


def compile(params: Params) -> CompiledMetric:
    return CompiledMetric(params)


def _table_rows(doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Data rows of Markdown/pipe tables inside the spans (header separators excluded)."""
    rows: list[tuple[int, int]] = []
    text = doc.text
    for s, e in spans:
        pos = s
        while pos < e:
            end = text.find("\n", pos, e)
            end = e if end == -1 else end
            line = text[pos:end].strip()
            if line.startswith("|") and line.count("|") >= 3 and not set(line) <= set("|-: "):
                rows.append((pos, end))
            pos = end + 1
    # the first row of each table is its header: drop it when followed by a separator line
    out = []
    for s, e in rows:
        nxt = text.find("\n", e) + 1 if e < len(text) else len(text)
        nl = text.find("\n", nxt)
        following = text[nxt:nl if nl != -1 else len(text)].strip()
        if following.startswith("|") and set(following) <= set("|-: "):
            continue
        out.append((s, e))
    return out


def measure(ctx, compiled: CompiledMetric) -> dict:
    """Counts of detailed norms and delegation clauses in the binding text, with their offsets."""
    spans = ctx.spans("binding")
    rows = _table_rows(ctx.doc, spans)
    row_starts = [s for s, _ in rows]
    row_ends = [e for _, e in rows]

    def in_row(pos: int) -> bool:
        from bisect import bisect_right

        i = bisect_right(row_starts, pos) - 1
        return i >= 0 and pos < row_ends[i]

    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for name, rx in compiled.norms.items():
        for m in finditer_spans(ctx.norm, spans, rx):
            s, e = ctx.norm.to_original(m.start()), ctx.norm.to_original(m.end())
            if in_row(s) or any(a < e and s < b for a, b in taken):
                continue
            found.append((s, e, name))
            taken.append((s, e))
    found.extend((s, e, _TABLE_ROW) for s, e in rows)
    found.sort()
    counts = Counter(name for _, _, name in found)
    delegations = compiled.delegation.find(ctx.norm, spans)
    words = ctx.doc.binding_word_count
    norms = len(found)
    return {
        "found": found,
        "counts": {c: counts.get(c, 0) for c in CATEGORIES},
        "norms": norms,
        "words": words,
        "per_1000": round(norms * 1000 / words, 1) if words else 0.0,
        "delegations": [(m.start, m.end) for m in delegations],
    }


def check(rule, ctx) -> Outcome:
    compiled: CompiledMetric = rule.compiled
    p: Params = rule.params
    key = f"metric:{p.measure}:{id(compiled)}"
    if key not in ctx.cache:
        ctx.cache[key] = measure(ctx, compiled)
    m = ctx.cache[key]
    values = {
        **m["counts"],
        "norms": m["norms"],
        "words": m["words"],
        "per_1000": _fmt(m["per_1000"]),
        "max_per_1000": _fmt(p.max_per_1000),
        "delegations": len(m["delegations"]),
        "looked_for": f"detailed norms per 1,000 words (at most {_fmt(p.max_per_1000)}) and delegation clauses",
    }
    heavy = m["norms"] >= p.min_norms and m["per_1000"] > p.max_per_1000
    if heavy:
        return Outcome("fail", _densest_articles(ctx, m["found"]), values)
    return Outcome("pass", [Evidence(s, e) for s, e in m["delegations"][:3]], values)


def _densest_articles(ctx, found: list[tuple[int, int, str]], limit: int = 3) -> list[Evidence]:
    """One piece of evidence in each of the articles with the most norms, densest first."""
    per_article: dict[int, list[tuple[int, int, str]]] = {}
    for s, e, name in found:
        article, _ = ctx.doc.context(s)
        per_article.setdefault(article.start if article else -1, []).append((s, e, name))
    top = sorted(per_article.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    out = []
    for _, items in top:  # densest article first: the message names it
        s, e, _ = items[0]
        out.append(Evidence(s, e, f"{len(items)}"))
    return out


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}".replace(".", ",")
