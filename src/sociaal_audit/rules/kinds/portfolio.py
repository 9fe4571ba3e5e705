"""`portfolio`: a share of a whole contract register (P09, P26).

``TARGET = "register"``, ``SUBJECT = "register"``: the engine calls :func:`check` once per
register with ``subject`` a :class:`sociaal_audit.contracts.model.Register` and ``ctx`` a
:class:`sociaal_audit.rules.kinds.contract.RegisterContext`. For registers streamed from large
files the engine feeds the contracts one at a time to :func:`tally` instead, which keeps only
running sums. Measures (``measure:``):

* ``long_term``: the share of the total value and of the number of contracts in contracts whose
  possible term (with extensions) is longer than ``years``; over contracts with a known term (and,
  for the value share, a known value).
* ``per_product``: the share of the total value and of the number of contracts financed in one of
  ``forms`` (default inspanningsgericht); over contracts with a known financing form.

Fails when the value share is above ``max_value_share`` or the count share above
``max_count_share`` (percent; leave one out to test only the other). Not applicable when fewer
than ``min_contracts`` contracts have the facts. Contracts outside the social domain (domain
``overig``) are left out of both shares.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...contracts import display
from ...contracts.financing import FinancingForm
from ...contracts.model import Contract, Domain
from . import Outcome

NAME = "portfolio"
TARGET = "register"
SUBJECT = "register"
TOP = 5  # contracts named in the message


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    measure: Literal["long_term", "per_product"]
    years: float = Field(default=4, gt=0, description="long_term: a contract is long when its possible term exceeds this")
    forms: list[FinancingForm] = Field(default_factory=lambda: [FinancingForm.INSPANNINGSGERICHT])
    max_value_share: float | None = Field(default=None, ge=0, le=100, description="percent of the value")
    max_count_share: float | None = Field(default=None, ge=0, le=100, description="percent of the contracts")
    min_contracts: int = Field(default=3, ge=1)

    @model_validator(mode="after")
    def _one_limit(self) -> "Params":
        if self.max_value_share is None and self.max_count_share is None:
            raise ValueError("set max_value_share, max_count_share or both")
        return self


class Tally:
    """Running sums for one portfolio rule: add contracts one by one, then ask for the outcome."""

    def __init__(self, params: Params) -> None:
        self.p = params
        self.count = 0
        self.hits = 0
        self.value = 0.0
        self.hit_value = 0.0
        self.top: list[tuple[float, str]] = []  # (value, id) of the largest hits

    def _hit(self, c: Contract) -> bool | None:
        if c.domain is Domain.OVERIG:  # outside the social domain: not part of the portfolio judged
            return None
        if self.p.measure == "long_term":
            years = c.possible_years
            return None if years is None else years > self.p.years + 1e-9
        return None if c.financing is None else c.financing in self.p.forms

    def add(self, c: Contract) -> None:
        hit = self._hit(c)
        if hit is None:
            return
        self.count += 1
        self.hits += hit
        if c.value is not None:
            self.value += c.value
            if hit:
                self.hit_value += c.value
        if hit:
            self.top.append((c.value or 0.0, c.id))
            self.top.sort(key=lambda x: (-x[0], x[1]))
            del self.top[TOP:]

    def outcome(self, lang: str) -> Outcome:
        p = self.p
        count_share = 100 * self.hits / self.count if self.count else None
        value_share = 100 * self.hit_value / self.value if self.value else None
        values = {
            "count": self.count, "hits": self.hits, "years": display.years(p.years, lang),
            "count_share": display.percent(count_share, lang), "value_share": display.percent(value_share, lang),
            "value": display.money(self.value, lang), "hit_value": display.money(self.hit_value, lang),
            "max_value_share": display.percent(p.max_value_share, lang), "max_count_share": display.percent(p.max_count_share, lang),
            "forms": ", ".join(f.value for f in p.forms),
            "largest": ", ".join(i for _, i in self.top),
            "count_share_raw": round(count_share, 2) if count_share is not None else None,
            "value_share_raw": round(value_share, 2) if value_share is not None else None,
        }
        if self.count < p.min_contracts:
            reason = (f"minder dan {p.min_contracts} contracten met de gegevens" if lang == "nl"
                      else f"fewer than {p.min_contracts} contracts with the facts")
            return Outcome("not_applicable", values={**values, "reason": reason})
        over_value = p.max_value_share is not None and value_share is not None and value_share > p.max_value_share + 1e-9
        over_count = p.max_count_share is not None and count_share is not None and count_share > p.max_count_share + 1e-9
        values.update(over_value=over_value, over_count=over_count)
        return Outcome("fail" if over_value or over_count else "pass", values=values)


def tally(rule) -> Tally:
    return Tally(rule.params)


def check(rule, subject, ctx) -> Outcome:
    t = tally(rule)
    for c in subject.contracts:
        t.add(c)
    return t.outcome(ctx.lang)
