"""`budget_share`: the share of the budget kept free for new approaches (P02).

Finds percentages and fractions ("5%", "vijf procent", "een tiende", "5 tot 10 procent") and counts
only those whose sentence is about budget kept free: a ``budget`` word (budget, middelen,
begroting) and a ``free`` word (vrijhouden, reserveren, innovatie, experimenten, nieuwe
aanpakken), and none of the ``exclude`` words (indexering, verhoging, bijdrage, korting). A share
of at least ``min`` passes; a smaller share fails, quoted; a named innovation budget without a share
fails, quoted; nothing fails with what was looked for. The share reported is the largest found.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import matching
from ..matching import compile_pattern, find_shares, finditer_spans, is_negated, sentence_bounds, share_text
from . import Evidence, Outcome
from ._match import _check_regexes

NAME = "budget_share"
TARGET = "document"

BUDGET = [r"\b(?:budget\w*|middelen|begroting\w*|gelden|uitgaven|financiele ruimte|\w*budget)\b"]
FREE = [
    r"\b(?:vrij\w*|gereserveerd|reserveer\w*|reserve\w*|gelabeld|geoormerkt|bestemd|beschikbaar)\b"
    r"[^.;]{0,120}?\b(?:innovati\w*|vernieuwing\w*|experiment\w*|nieuwe\s+(?:aanpak\w*|initiatieven|aanbieders|partijen|werkwijzen|oplossingen)"
    r"|onvoorzien\w*|anders\s+werken|ontwikkel\w*|pilot\w*|doelgroepen)",
    r"\b(?:innovati\w*|vernieuwing\w*|experiment\w*|onvoorzien\w*)\b[^.;]{0,120}?\b(?:vrij\w*|gereserveerd|reserveer\w*|bestemd|beschikbaar)\b",
    r"\b(?:innovatiebudget|innovatiefonds|experimenteerruimte|experimenteerbudget|vernieuwingsbudget|vrije\s+ruimte)\b",
    r"\b(?:houdt|houden)\b[^.;]{0,80}\bvrij\b",
    r"\bvrijgehouden\b",
]
EXCLUDE = [
    r"\b(?:geindexeerd|indexering|indexeert|verhoogd|verhoging|verlaagd|verlaging|korting|kortingen|bezuinig\w*"
    r"|eigen\s+bijdrage|bijdrage\s+in\s+de\s+kosten|rente|boete\w*|btw|loonkosten\w*|opslag|marge)\b"
]
NAMED = [r"\b(?:innovatiebudget|innovatiefonds|experimenteerbudget|experimenteerruimte|vernieuwingsbudget)\b"]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    min: float = Field(default=5, gt=0, le=100, description="smallest share in percent that passes")
    budget: list[str] = Field(default_factory=lambda: list(BUDGET))
    free: list[str] = Field(default_factory=lambda: list(FREE))
    exclude: list[str] = Field(default_factory=lambda: list(EXCLUDE))
    named: list[str] = Field(default_factory=lambda: list(NAMED))

    _check = field_validator("budget", "free", "exclude", "named")(_check_regexes)


class CompiledShare:
    def __init__(self, params: Params) -> None:
        self.budget = [compile_pattern(p) for p in params.budget]
        self.free = [compile_pattern(p) for p in params.free]
        self.exclude = [compile_pattern(p) for p in params.exclude]
        self.named = [compile_pattern(p) for p in params.named]


def compile(params: Params) -> CompiledShare:
    return CompiledShare(params)


def looked_for(params: Params) -> str:
    return (f'percentages or fractions ("5%", "vijf procent", "een tiende") of at least {share_text(params.min)} '
            "in a sentence about budget kept free for innovation, new approaches or the unforeseen")


def _any(rxs, text: str, start: int, end: int) -> "object | None":
    for rx in rxs:
        m = rx.search(text, start, end, timeout=matching.MATCH_TIMEOUT)
        if m:
            return m
    return None


def budget_shares(ctx, scope: str, compiled: CompiledShare) -> list[tuple[float, int, int]]:
    """(share, start, end) of every share about budget kept free, original offsets."""
    ftext = ctx.norm.text
    out: list[tuple[float, int, int]] = []
    shares = [
        share for s, e in ctx.spans(scope)
        for share in find_shares(ftext, ctx.norm.to_folded(s), ctx.norm.to_folded(e))
    ]
    for start, end, value in shares:
        if is_negated(ftext, start, end):
            continue
        s, e = sentence_bounds(ftext, start, end)
        if not _any(compiled.budget, ftext, s, e) or _any(compiled.exclude, ftext, s, e):
            continue
        free = _any(compiled.free, ftext, s, e)
        if free is None or is_negated(ftext, free.start(), free.end()):
            continue
        out.append((value, ctx.norm.to_original(start), ctx.norm.to_original(end)))
    return out


def check(rule, ctx) -> Outcome:
    compiled: CompiledShare = rule.compiled
    p: Params = rule.params
    scope = rule.spec.scope
    key = f"budget_share:{scope}:{id(compiled)}"
    if key not in ctx.cache:
        ctx.cache[key] = budget_shares(ctx, scope, compiled)
    shares: list[tuple[float, int, int]] = ctx.cache[key]
    values: dict = {"looked_for": looked_for(p), "min": share_text(p.min), "share": "", "named": False}
    if shares:
        best = max(shares, key=lambda x: x[0])
        values["share"] = share_text(best[0])
        if best[0] >= p.min:
            return Outcome("pass", [Evidence(s, e, share_text(v)) for v, s, e in shares if v >= p.min][:3], values)
        return Outcome("fail", [Evidence(s, e, share_text(v)) for v, s, e in shares[:3]], values)
    named = [
        m for rx in compiled.named for m in finditer_spans(ctx.norm, ctx.spans(scope), rx)
        if not is_negated(ctx.norm.text, m.start(), m.end())
    ]
    if named:
        values["named"] = True
        m = min(named, key=lambda x: x.start())
        return Outcome("fail", [Evidence(ctx.norm.to_original(m.start()), ctx.norm.to_original(m.end()))], values)
    return Outcome("fail", [], values)
