"""`conditional`: a subject may only appear together with a safeguard.

Made for own strength (P01): "eigen kracht" and "sociaal netwerk" may be weighed, but support must
follow when they fall short ("indien ... niet of onvoldoende", "tenzij"). The subject is matched
with the usual ``patterns``/``phrases``; ``safeguard`` is looked for in the same sentence (or lid,
or article: ``within``). A guarded mention passes, quoted. Without any guarded mention the rule
fails, quoting the mentions that make the subject a precondition (``precondition``: "eerst",
"pas", "uitsluitend"), or with what was looked for when there are none.
"""

from __future__ import annotations

from pydantic import Field

from . import Evidence, Outcome
from ._match import CompiledMatch, ContextSpec, MatchParams, distinct_sentences

NAME = "conditional"
TARGET = "document"


class Params(MatchParams):
    negation: bool = False  # "niet op eigen kracht" is the subject too
    safeguard: ContextSpec
    precondition: ContextSpec | None = None
    min_count: int = Field(default=1, ge=1)


class CompiledConditional:
    def __init__(self, params: Params) -> None:
        self.subject = CompiledMatch(params)
        self.safeguard = params.safeguard.matcher()
        self.precondition = params.precondition.matcher() if params.precondition else None


def compile(params: Params) -> CompiledConditional:
    return CompiledConditional(params)


def check(rule, ctx) -> Outcome:
    compiled: CompiledConditional = rule.compiled
    p: Params = rule.params
    subject = compiled.subject
    looked_for = p.looked_for() + " + " + _context_looked_for(p.safeguard)
    guarded, unconditional = [], []
    for m in subject.find(ctx, rule.spec.scope):
        around: dict[str, tuple[int, int]] = {}  # the sentence (lid, article) is computed once per match

        def context(within: str) -> tuple[int, int]:
            if within not in around:
                around[within] = subject._context(ctx, m, within)
            return around[within]

        if compiled.safeguard.find(ctx.norm, [context(p.safeguard.within)]):
            guarded.append(m)
        elif compiled.precondition is None or compiled.precondition.find(ctx.norm, [context(p.precondition.within)]):
            unconditional.append(m)
    values = {"looked_for": looked_for, "guarded": len(guarded), "unconditional": len(unconditional)}
    if len(guarded) >= p.min_count:
        return Outcome("pass", [Evidence(m.start, m.end) for m in distinct_sentences(ctx, guarded)], values)
    return Outcome("fail", [Evidence(m.start, m.end) for m in distinct_sentences(ctx, unconditional)], values)


def _context_looked_for(spec: ContextSpec) -> str:
    items = [f'"{x}"' for x in spec.phrases] + [f"/{x}/" for x in spec.patterns]
    return ", ".join(items[:4]) + (" …" if len(items) > 4 else "")
