"""`contract`: a test on each contract of a register (P09, P11, P26, P30, P31).

``TARGET = "register"``, ``SUBJECT = "contract"``: the engine calls :func:`check` once per
contract of a register with ``subject`` a :class:`sociaal_audit.contracts.model.Contract` and
``ctx`` a :class:`RegisterContext`. A field the register does not fill is unknown, and a test on
an unknown field is ``not_applicable``, never a fail. Tests (``test:``):

* ``duration``: fails when the possible term, start to the maximum end date (or, without one, the
  end plus all extension options; a register that gives a term instead of an end date, "4 jaar" or
  "2+1+1", ends it at start plus the term), is longer than ``max_years``; an open-ended (tacitly
  renewed) contract fails.
* ``financing``: fails when the financing form is one of ``forms`` (default inspanningsgericht:
  per hour, etmaal, product code).
* ``referral_clause``: fails when the register says the contract has no "at most two referrals"
  clause.
* ``entry_threshold``: fails when the contract asks a minimum turnover above ``max_turnover``, a
  minimum staff above ``max_staff`` (a zzp'er is one person), or forbids subcontracting to a
  zzp'er without permission.
* ``open_entry``: fails when new providers cannot join during the term (stated, or a closed
  procedure such as a European tender) and the possible term is longer than ``min_years``.

Filters: ``domains`` (only contracts of these domains) and ``min_value`` (only contracts of at
least this value); other contracts are ``not_applicable``. A contract whose register puts it
outside the social domain (domain ``overig``: ICT, openbare ruimte, a taakveld outside chapter 6)
is ``not_applicable`` unless ``domains`` names ``overig``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...contracts import display
from ...contracts.financing import FinancingForm
from ...contracts.model import Contract, Domain
from . import Outcome

NAME = "contract"
TARGET = "register"
SUBJECT = "contract"


@dataclass(frozen=True)
class RegisterContext:
    """What a register rule knows besides its subject: the register's path and the report language."""

    path: str
    lang: str = "nl"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    test: Literal["duration", "financing", "referral_clause", "entry_threshold", "open_entry"]
    max_years: float = Field(default=4, gt=0, description="duration: longest acceptable possible term in years")
    forms: list[FinancingForm] = Field(default_factory=lambda: [FinancingForm.INSPANNINGSGERICHT],
                                       description="financing: forms that fail")
    max_turnover: float = Field(default=100_000, ge=0, description="entry_threshold: highest acceptable minimum turnover (euros)")
    max_staff: float = Field(default=1, ge=1, description="entry_threshold: highest acceptable minimum staff (persons or fte)")
    min_years: float = Field(default=2, ge=0, description="open_entry: closed contracts up to this term pass")
    domains: list[Domain] = Field(default_factory=list, description="only contracts of these domains (empty: all)")
    min_value: float = Field(default=0, ge=0, description="only contracts of at least this value (euros)")


def in_scope(c: Contract, domains: list[Domain]) -> bool:
    """Is the contract one the rule judges? Those of ``domains`` (empty: every social-domain contract
    and those of unknown domain; a contract outside the social domain only when ``overig`` is named)."""
    if domains:
        return c.domain in domains
    return c.domain is not Domain.OVERIG


def base_values(c: Contract, lang: str) -> dict:
    return {
        "id": c.id, "title": c.title, "supplier": c.supplier or "",
        "start": display.day(c.start, lang), "end": display.day(c.end, lang),
        "possible_end": display.day(c.possible_end, lang), "extensions": display.extensions(c.extension_options, lang),
        "years": display.years(c.possible_years, lang), "term_years": display.years(c.term_years, lang),
        "value": display.money(c.value, lang), "financing": c.financing.value if c.financing else "",
        "financing_text": c.financing_text or "", "procedure": c.procedure or "", "open_ended": c.open_ended,
    }


def check(rule, subject: Contract, ctx: RegisterContext) -> Outcome:
    p: Params = rule.params
    c = subject
    lang = ctx.lang
    if not in_scope(c, p.domains):
        return Outcome("not_applicable", values={"reason": "domain"})
    if p.min_value and (c.value is None or c.value < p.min_value):
        return Outcome("not_applicable", values={"reason": "value"})
    outcome = _TESTS[p.test](p, c, {}, lang)
    if outcome.status == "fail":  # message values only where a message is shown
        outcome.values = {**base_values(c, lang), **outcome.values}
    return outcome


def _duration(p: Params, c: Contract, values: dict, lang: str) -> Outcome:
    values["max_years"] = display.years(p.max_years, lang)
    years = c.possible_years
    if years is None:
        return Outcome("not_applicable", values={"reason": "no start or end date"})
    values["open_ended"] = c.open_ended
    return Outcome("fail" if years > p.max_years + 1e-9 else "pass", values=values)


def _financing(p: Params, c: Contract, values: dict, lang: str) -> Outcome:
    if c.financing is None:
        return Outcome("not_applicable", values={"reason": "financing unknown"})
    return Outcome("fail" if c.financing in p.forms else "pass", values=values)


def _referral(p: Params, c: Contract, values: dict, lang: str) -> Outcome:
    if c.referral_clause is None:
        return Outcome("not_applicable", values={"reason": "referral clause unknown"})
    return Outcome("pass" if c.referral_clause else "fail", values=values)


def _entry_threshold(p: Params, c: Contract, values: dict, lang: str) -> Outcome:
    known = [x for x in (c.min_turnover, c.min_staff, c.zzp_subcontracting) if x is not None]
    values.update(max_turnover=display.money(p.max_turnover, lang), max_staff=display.number(p.max_staff, lang),
                  min_turnover=display.money(c.min_turnover, lang) if c.min_turnover is not None else "",
                  min_staff=display.number(c.min_staff, lang) if c.min_staff is not None else "")
    if not known:
        return Outcome("not_applicable", values={"reason": "no entry requirements known"})
    reasons = []
    if c.min_turnover is not None and c.min_turnover > p.max_turnover:
        reasons.append("turnover")
    if c.min_staff is not None and c.min_staff > p.max_staff:
        reasons.append("staff")
    if c.zzp_subcontracting is False:
        reasons.append("subcontracting")
    values.update(turnover="turnover" in reasons, staff="staff" in reasons, subcontracting="subcontracting" in reasons)
    return Outcome("fail" if reasons else "pass", values=values)


def _open_entry(p: Params, c: Contract, values: dict, lang: str) -> Outcome:
    values["min_years"] = display.years(p.min_years, lang)
    entry = c.entry_open
    if entry is None:
        return Outcome("not_applicable", values={"reason": "entry unknown"})
    if entry:
        return Outcome("pass", values=values)
    years = c.possible_years
    if years is None:
        return Outcome("not_applicable", values={"reason": "no start or end date"})
    return Outcome("fail" if years > p.min_years + 1e-9 else "pass", values=values)


_TESTS = {
    "duration": _duration, "financing": _financing, "referral_clause": _referral,
    "entry_threshold": _entry_threshold, "open_entry": _open_entry,
}
