"""`requires`: a provision matching the patterns must exist (optionally in an article whose
heading matches). Passes with the quoted provision; fails with what was looked for, and says so
when the provision is found only in the toelichting (explanations do not bind)."""

from __future__ import annotations

from pydantic import Field

from . import Evidence, Outcome
from ._match import CompiledMatch, MatchParams, distinct_sentences

NAME = "requires"
TARGET = "document"


class Params(MatchParams):
    min_count: int = Field(default=1, ge=1)


def compile(params: Params) -> CompiledMatch:
    return CompiledMatch(params)


def check(rule, ctx) -> Outcome:
    compiled: CompiledMatch = rule.compiled
    matches = compiled.find(ctx, rule.spec.scope)
    looked_for = compiled.params.looked_for()
    if len(matches) >= rule.params.min_count:
        return Outcome(
            "pass",
            [Evidence(m.start, m.end) for m in distinct_sentences(ctx, matches)],
            {"count": len(matches), "looked_for": looked_for},
        )
    values = {"count": len(matches), "looked_for": looked_for, "only_in_toelichting": False}
    evidence: list[Evidence] = [Evidence(m.start, m.end) for m in distinct_sentences(ctx, matches)]
    if rule.spec.scope == "binding" and not matches:
        elsewhere = compiled.find(ctx, "toelichting")
        if elsewhere:
            values["only_in_toelichting"] = True
            evidence = [Evidence(m.start, m.end, "toelichting") for m in distinct_sentences(ctx, elsewhere, 2)]
    return Outcome("fail", evidence, values)
