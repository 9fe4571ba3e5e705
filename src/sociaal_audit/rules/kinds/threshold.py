"""`threshold`: a number captured by the patterns (group ``n``: digits or Dutch number words such
as "twee", "drie", "tien") is compared to a bound. "maximaal drie verwijzingen" fails ``max: 2``;
"ten hoogste twee doorverwijzingen" passes it. ``missing`` says what happens when no number is
found (default: fail, "not found")."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from ..matching import compile_pattern, parse_number
from . import Evidence, Outcome
from ._match import CompiledMatch, MatchParams

NAME = "threshold"
TARGET = "document"


class Params(MatchParams):
    negation: bool = False  # "niet meer dan twee" is a bound, not a negation
    max: float | None = None
    min: float | None = None
    missing: Literal["fail", "pass", "not_applicable"] = "fail"

    @model_validator(mode="after")
    def _bounds(self) -> "Params":
        if self.max is None and self.min is None:
            raise ValueError("needs 'max' or 'min'")
        if self.phrases:
            raise ValueError("threshold rules use 'patterns' with a named group (?P<n>...), not 'phrases'")
        for p in self.patterns:
            if "n" not in compile_pattern(p).groupindex:
                raise ValueError(f"pattern {p!r} has no named group (?P<n>...) for the number")
        return self


def compile(params: Params) -> CompiledMatch:
    return CompiledMatch(params)


def check(rule, ctx) -> Outcome:
    compiled: CompiledMatch = rule.compiled
    p: Params = rule.params
    bound = p.max if p.max is not None else p.min
    values: dict = {"looked_for": p.looked_for(), "max": p.max, "min": p.min, "bound": _fmt(bound)}
    found: list[tuple[float, Evidence]] = []
    bad: list[tuple[float, Evidence]] = []
    for m in compiled.find(ctx, rule.spec.scope):
        raw = m.group("n")
        value = parse_number(raw) if raw else None
        if value is None:
            continue
        ok = (p.max is None or value <= p.max) and (p.min is None or value >= p.min)
        ev = Evidence(m.start, m.end, f"{_fmt(value)}")
        found.append((value, ev))
        if not ok:
            bad.append((value, ev))
    if bad:
        values["value"] = _fmt(bad[0][0])
        return Outcome("fail", [e for _, e in bad[:5]], values)
    if found:
        values["value"] = _fmt(found[0][0])
        return Outcome("pass", [e for _, e in found[:3]], values)
    return Outcome(p.missing, [], values)


def _fmt(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else str(v).replace(".", ",")
