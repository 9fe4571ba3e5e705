"""`forbids`: text matching the patterns must not occur (unless its context matches `unless`).
Fails with every offending provision quoted; passes when none is found."""

from __future__ import annotations

from . import Evidence, Outcome
from ._match import CompiledMatch, MatchParams

NAME = "forbids"
TARGET = "document"


class Params(MatchParams):
    pass


def compile(params: Params) -> CompiledMatch:
    return CompiledMatch(params)


def check(rule, ctx) -> Outcome:
    compiled: CompiledMatch = rule.compiled
    matches = compiled.find(ctx, rule.spec.scope)
    values = {"count": len(matches), "looked_for": compiled.params.looked_for()}
    if matches:
        return Outcome("fail", [Evidence(m.start, m.end) for m in matches[:5]], values)
    return Outcome("pass", [], values)
