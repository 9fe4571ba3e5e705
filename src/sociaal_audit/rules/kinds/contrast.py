"""`contrast`: a principle with a good and a bad way of writing it down, both quoted.

``passes`` describes the provision the principle asks for (e.g. taakgerichte bekostiging), ``fails``
the provision that goes against it (bekostiging per uur). Each is a full set of matching
parameters (patterns, phrases, near, unless, negation). Bad text fails with the offending
provision quoted; good text passes with the provision quoted; when both occur ``prefer`` decides.
When neither occurs the rule fails with what was looked for (``missing: fail``), and says so when
the good provision is only in the toelichting.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from . import Evidence, Outcome
from ._match import CompiledMatch, MatchParams, distinct_sentences

NAME = "contrast"
TARGET = "document"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    passes: MatchParams
    fails: MatchParams
    prefer: Literal["fail", "pass"] = "fail"
    missing: Literal["fail", "pass"] = "fail"


class CompiledContrast:
    def __init__(self, params: Params) -> None:
        self.good = CompiledMatch(params.passes)
        self.bad = CompiledMatch(params.fails)


def compile(params: Params) -> CompiledContrast:
    return CompiledContrast(params)


def check(rule, ctx) -> Outcome:
    compiled: CompiledContrast = rule.compiled
    p: Params = rule.params
    scope = rule.spec.scope
    good = compiled.good.find(ctx, scope)
    bad = compiled.bad.find(ctx, scope)
    values: dict = {
        "looked_for": p.passes.looked_for(),
        "good": len(good),
        "bad": len(bad),
        "only_in_toelichting": False,
    }
    if bad and (not good or p.prefer == "fail"):
        return Outcome("fail", [Evidence(m.start, m.end) for m in distinct_sentences(ctx, bad)], values)
    if good:
        return Outcome("pass", [Evidence(m.start, m.end) for m in distinct_sentences(ctx, good)], values)
    evidence: list[Evidence] = []
    if scope == "binding":
        elsewhere = compiled.good.find(ctx, "toelichting")
        if elsewhere:
            values["only_in_toelichting"] = True
            evidence = [Evidence(m.start, m.end, "toelichting") for m in distinct_sentences(ctx, elsewhere, 2)]
    return Outcome(p.missing, evidence, values)
