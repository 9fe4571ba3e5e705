"""`results`: formulated societal results versus vague intentions (P25).

A result counts as formulated when one sentence names what is measured (an ``indicator``: het
aantal, het percentage, het aandeel, een indicator), a ``target`` (a number or percentage with a
direction: "met 20% gedaald", "ten minste 80%", "halveert") and a ``date`` ("uiterlijk in 2028",
"eind 2027", "binnen twee jaar"), and is not about money (``exclude``: tarieven, bijdragen,
indexering). ``area`` (per wijk, per kern, in alle wijken) is reported and, with ``require_area``,
required: a measurable result for the whole municipality then fails, quoted, with ``without_area``
set. A formulated result passes, quoted. Otherwise the rule fails, quoting the vague intentions
("het college streeft ernaar", "zo lang mogelijk", "zoveel mogelijk"; strongest first), or with
what was looked for.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import matching
from ..matching import NUMBER, compile_pattern, finditer_spans, is_negated, sentence_bounds
from . import Evidence, Outcome
from ._match import _check_regexes

NAME = "results"
TARGET = "document"

INDICATOR = [
    r"\b(?:het|de)\s+(?:aantal|percentage|aandeel|deel|gemiddelde|score|wachttijd|doorlooptijd)\b",
    r"\b(?:indicator\w*|streefwaarde\w*|streefcijfer\w*|kengetal\w*|nulmeting|prestatie-?indicator\w*)\b",
]
TARGET_PATTERNS = [
    rf"\b(?:ten\s+minste|minimaal|ten\s+hoogste|maximaal|hoogstens|met|tot|naar|onder|boven|op)\s+(?:{NUMBER})\s*(?:%|procent\b|procentpunt\w*)",
    rf"(?:{NUMBER})\s*(?:%|procent\b)[^.;]{{0,60}}\b(?:gedaald|gestegen|afgenomen|toegenomen|verminderd|verhoogd|lager|hoger|minder|meer)\b",
    rf"\b(?:daalt|dalen|stijgt|stijgen|neemt|nemen|vermindert|verminderen|groeit|groeien)\b[^.;]{{0,60}}\b(?:met|tot|naar)\s+(?:{NUMBER})\b",
    r"\b(?:halveert|halveren|gehalveerd|verdubbelt|verdubbeld)\b",
]
# Dates are rare, so the search starts from them and looks at their sentence only.
DATE = [
    r"\b20\d\d\b",
    rf"\bbinnen\s+(?:{NUMBER})\s+(?:jaar|jaren|maanden)\b",
]
AREA = [
    r"\b(?:per|in\s+(?:elke|iedere|elk|ieder)|voor\s+(?:elke|iedere|elk|ieder))\s+(?:wijk|kern|buurt|dorp|gebied|stadsdeel)\w*\b",
    r"\b(?:in|voor)\s+alle\s+(?:wijken|kernen|buurten|dorpen|gebieden|stadsdelen)\b",
    r"\bwijkgericht\w*\b",
]
EXCLUDE = [
    r"\b(?:tarie\w+|bijdrage\w*|indexe\w+|geindexeerd|vergoeding\w*|bedrag\w*|budget\w*|begroting\w*|rente|boete\w*|loonwaarde|loonkosten\w*)\b"
]
# Intentions without a yardstick, strongest first. Procedural phrases ("zo spoedig mogelijk",
# "waar mogelijk", "zoveel mogelijk van overeenkomstige toepassing") are left out: they are about
# handling, not about results. Striving counts when the municipality or its policy strives: a
# client who must "trachten arbeid te verkrijgen" or "het belang dat het voorschrift beoogt te
# beschermen" is no policy intention.
VAGUE = [
    r"\b(?:college|gemeente|wij|we|raad|verordening|beleid\w*|plan|wethouders?)\b[^.;:]{0,60}?"
    r"\b(?:streeft|streven|streefden|tracht|trachten|beoogt|beogen|probeert|proberen)\b(?!\s+te\s+beschermen)",
    r"\b(?:wordt|worden)\s+(?:er\s*)?(?:naar\s+)?gestreefd\b|\bhet\s+streven\s+(?:is|naar)\b|\bstreven\s+naar\b",
    r"\bzo\s+lang\s+mogelijk\b",
    r"\bzo\s*veel\s+(?:als\s+)?mogelijk\b(?!\s+(?:van\s+)?(?:overeenkomstig\w*|gelijktijdig|kracht))",
]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    indicator: list[str] = Field(default_factory=lambda: list(INDICATOR))
    target: list[str] = Field(default_factory=lambda: list(TARGET_PATTERNS))
    date: list[str] = Field(default_factory=lambda: list(DATE))
    area: list[str] = Field(default_factory=lambda: list(AREA))
    exclude: list[str] = Field(default_factory=lambda: list(EXCLUDE))
    vague: list[str] = Field(default_factory=lambda: list(VAGUE))
    require_area: bool = False

    _check = field_validator("indicator", "target", "date", "area", "exclude", "vague")(_check_regexes)


class CompiledResults:
    def __init__(self, params: Params) -> None:
        def c(items: list[str]):
            return [compile_pattern(p) for p in items]

        self.indicator, self.target, self.date = c(params.indicator), c(params.target), c(params.date)
        self.area, self.exclude, self.vague = c(params.area), c(params.exclude), c(params.vague)


def compile(params: Params) -> CompiledResults:
    return CompiledResults(params)


def _search(rxs, text: str, start: int, end: int):
    for rx in rxs:
        m = rx.search(text, start, end, timeout=matching.MATCH_TIMEOUT)
        if m:
            return m
    return None


def _target(compiled: CompiledResults, text: str, start: int, end: int):
    for rx in compiled.target:
        for m in rx.finditer(text, start, end, timeout=matching.MATCH_TIMEOUT):
            if not is_negated(text, m.start(), m.end()):
                return m
    return None


def looked_for(params: Params) -> str:
    parts = "indicator (het aantal, het percentage), target (met 20% gedaald, ten minste 80%), date (uiterlijk 2028)"
    if params.require_area:
        parts += ", area (per wijk, per kern)"
    return "one sentence with " + parts


def check(rule, ctx) -> Outcome:
    compiled: CompiledResults = rule.compiled
    p: Params = rule.params
    ftext = ctx.norm.text
    spans = ctx.spans(rule.spec.scope)
    formulated: list[tuple[int, int]] = []
    without_area: list[tuple[int, int]] = []
    seen: set[int] = set()
    with_area = 0
    for date_rx in compiled.date:
        for d in finditer_spans(ctx.norm, spans, date_rx):
            s, e = sentence_bounds(ftext, d.start(), d.end())
            if s in seen:
                continue
            seen.add(s)
            target = _target(compiled, ftext, s, e)
            if target is None or _search(compiled.exclude, ftext, s, e) or not _search(compiled.indicator, ftext, s, e):
                continue
            area = _search(compiled.area, ftext, s, e) is not None
            where = (ctx.norm.to_original(target.start()), ctx.norm.to_original(target.end()))
            if p.require_area and not area:
                without_area.append(where)
                continue
            with_area += area
            formulated.append(where)
    values: dict = {"looked_for": looked_for(p), "results": len(formulated), "per_area": with_area, "vague": 0,
                    "without_area": len(without_area)}
    if formulated:
        formulated.sort()
        return Outcome("pass", [Evidence(s, e) for s, e in formulated[:3]], values)
    if without_area:  # measurable, but for the whole municipality: quoted, so the fix is plain
        without_area.sort()
        return Outcome("fail", [Evidence(s, e) for s, e in without_area[:3]], values)
    vague = []
    for rank, rx in enumerate(compiled.vague):
        for m in finditer_spans(ctx.norm, spans, rx):
            if not is_negated(ftext, m.start(), m.end()):
                vague.append((rank, ctx.norm.to_original(m.start()), ctx.norm.to_original(m.end())))
    vague.sort()  # the strongest kind of intention first, then in document order
    values["vague"] = len(vague)
    return Outcome("fail", [Evidence(s, e) for _, s, e in vague[:3]], values)
