"""`metric`: a measured property of a document, compared to thresholds set in the pack.

``measure: detailed_norms`` (P06, policy-light ordinances) counts the detailed norms in the binding
text: euro amounts, hours and minutes, frequencies ("eenmaal per jaar"), percentages, quantities
(kilometers, square metres), product codes, table rows (a table row counts once, whatever it
holds) and the items of product lists ("de volgende algemene voorzieningen: a. ..."). It also
counts the delegation clauses ("stelt bij nadere regels vast", "kan beleidsregels vaststellen"; one
per sentence, a mere mention of beleidsregels is none) that send such norms to rules the executive
can change quickly. The document fails when it has at least ``min_norms`` norms and more than
``max_per_1000`` per 1,000 words of binding text; the message gets the figures (``norms``, ``words``, ``per_1000``, each category,
``delegations``). A fail quotes the articles with the most norms; a pass quotes the delegation
clauses. The counts are computed once per document and cached in the context.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..matching import Matcher, finditer_spans, number_before
from . import Evidence, Outcome
from ._match import _check_regexes, distinct_sentences

NAME = "metric"
TARGET = "document"

# Each category: the rare part to search for, and what must stand right before it ("number": a
# number read backwards with number_before; a regex: must match the text just before). Anchoring on
# the unit keeps a 10,000-word document from being tried number by number.
NORM_UNITS: dict[str, tuple[str, str]] = {
    "euros": (r"€", r"^"),  # the amount follows the sign: read forwards, see _EURO_AMOUNT
    "euro_words": (r"\b(?:euro|eur)\b", "number"),
    "times": (r"\b(?:uur|uren|minuten|minuut)\b", "number"),
    "frequencies": (
        r"\bper\s+(?:dag|etmaal|week|maand|kwartaal|jaar|kalenderjaar|(?:\d+|twee|drie|vier|vijf|zes|zeven|tien)\s+jaar)\b",
        r"(?<![\w.,])(?:(?:een|twee|drie|vier|vijf|zes|tien)maal|(?:\d+|een|twee|drie|vier|vijf|zes|tien)\s*(?:maal|keer|x))\s+$",
    ),
    "percentages": (r"%|\bprocent\b", "number"),
    "quantities": (r"\b(?:kilometer|km|meter|m2|m²|vierkante\s+meter|kilo|kg|liter)\b", "number"),
    "product_codes": (r"\b\d{2}[a-z]\d{2}\b", ""),
}
_EURO_AMOUNT = r"\s*\d{1,3}(?:\.\d{3})*(?:,(?:\d{1,2}|-))?|\s*\d+(?:,(?:\d{1,2}|-))?"
_TABLE_ROW = "table_rows"
_LIST_ITEM = "product_lists"
CATEGORIES = ("euros", "times", "frequencies", "percentages", "quantities", "product_codes", _TABLE_ROW, _LIST_ITEM)
# A list of products or services written out in the ordinance ("de volgende algemene voorzieningen:
# a. ...; b. ..."): each item counts, like a table row.
_LIST_INTRO = (
    r"\bde\s+volgende\s+(?:[a-z\-]+\s+){0,2}(?:[\w\-]*voorzieningen|producten|diensten|hulpmiddelen|"
    r"trajecten|vormen\s+van\s+\w+)\b[^.;:]{0,80}:"
)
_LIST_ITEM_LINE = r"[ \t]*(?:[-*•]|[a-z]{1,2}[.)]|\d{1,2}°)[ \t]+\S"
# A delegation clause sends norms to rules the executive sets: "stelt bij nadere regels vast", "kan
# nadere regels stellen", "kan beleidsregels vaststellen". A mere mention ("advies over voorstellen
# voor verordeningen, beleidsregels en het beleidsplan") is none. One per sentence.
DELEGATION_PATTERNS = [
    r"\b(?:bij|in|krachtens)\s+(?:nadere\s+regels?|nadere\s+regeling|beleidsregels?)\b",
    r"\b(?:nadere\s+regels?|beleidsregels?)\s+(?:\w+\s+){0,6}?(?:stellen|stelt|vaststellen|vast\s+te\s+stellen|gesteld|vastgesteld|vast)\b",
]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    measure: Literal["detailed_norms"] = "detailed_norms"
    max_per_1000: float = Field(gt=0, description="most detailed norms per 1,000 words of binding text")
    min_norms: int = Field(default=10, ge=1, description="fewer norms than this never fail (short texts)")
    delegation: list[str] = Field(default_factory=list, description="extra delegation phrases")
    delegation_patterns: list[str] = Field(default_factory=lambda: list(DELEGATION_PATTERNS))

    _check = field_validator("delegation_patterns")(_check_regexes)


class CompiledMetric:
    def __init__(self, params: Params) -> None:
        import regex

        self.units = {name: regex.compile(unit) for name, (unit, _) in NORM_UNITS.items()}
        self.before = {name: regex.compile(b) for name, (_, b) in NORM_UNITS.items() if b not in ("number", "", "^")}
        self.euro_amount = regex.compile(_EURO_AMOUNT)
        self.list_intro = regex.compile(_LIST_INTRO)
        self.list_item = regex.compile(_LIST_ITEM_LINE)
        self.delegation = Matcher(params.delegation_patterns, params.delegation, negation=True)


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


def _list_items(ctx, spans: list[tuple[int, int]], compiled: CompiledMetric) -> list[tuple[int, int]]:
    """Item lines of product lists ("de volgende voorzieningen: a. ...") in the binding text."""
    text = ctx.doc.text
    items: list[tuple[int, int]] = []
    for intro in finditer_spans(ctx.norm, spans, compiled.list_intro):
        pos = text.find("\n", ctx.norm.to_original(intro.end()))
        while pos != -1:
            start = pos + 1
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            if not compiled.list_item.match(text, start, end):
                break
            items.append((start, end))
            pos = end if end < len(text) else -1
    return items


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
    ftext = ctx.norm.text
    for name, rx in compiled.units.items():
        category = "euros" if name == "euro_words" else name
        for m in finditer_spans(ctx.norm, spans, rx):
            fs, fe = m.start(), m.end()
            if name == "euros":
                amount = compiled.euro_amount.match(ftext, fe)
                if amount is None:
                    continue
                fe = amount.end()
            elif name in compiled.before:
                before = compiled.before[name].search(ftext, max(0, fs - 24), fs)
                if before is None:
                    continue
                fs = before.start()
            elif NORM_UNITS[name][1] == "number":
                number = number_before(ftext, fs)
                if number is None:
                    continue
                fs = number[0]
            s, e = ctx.norm.to_original(fs), ctx.norm.to_original(fe)
            if in_row(s) or any(a < e and s < b for a, b in taken):
                continue
            found.append((s, e, category))
            taken.append((s, e))
    found.extend((s, e, _TABLE_ROW) for s, e in rows)
    found.extend((s, e, _LIST_ITEM) for s, e in _list_items(ctx, spans, compiled))
    found.sort()
    counts = Counter(name for _, _, name in found)
    # one delegation per sentence, whichever pattern found it
    delegations = distinct_sentences(ctx, compiled.delegation.find(ctx.norm, spans), limit=None)
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
        "min_norms": p.min_norms,
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
