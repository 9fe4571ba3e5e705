"""Checking a register: every per-contract rule on each contract as it streams past, running sums
for the register rules and the portfolio figures, then one :class:`RegisterResult`.

Only failed and erroneous per-contract results are kept, at most ``MAX_FINDINGS_PER_RULE`` per
rule (a tally per rule counts how all contracts came out), so memory stays bounded however large
the file.
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterable

from .. import i18n
from ..engine import plain_values
from ..results import ContractFinding, RegisterFigures, RegisterResult, RuleTally
from ..rules.kinds import Outcome
from ..rules.kinds.contract import RegisterContext
from . import display
from .model import Contract, Register

MAX_PROBLEMS = 100  # unreadable rows listed per register; the rest are counted
MAX_FINDINGS_PER_RULE = 1000  # failing contracts listed per rule; the tallies count them all

_NOT_APPLICABLE = {
    "nl": "Niet van toepassing: {reason}.",
    "en": "Not applicable: {reason}.",
}
_REASONS_NL = {
    "domain": "ander domein", "value": "waarde onder de drempel of onbekend", "no start or end date": "begin- of einddatum onbekend",
    "financing unknown": "bekostigingsvorm onbekend", "referral clause unknown": "onbekend of er een verwijsclausule is",
    "no entry requirements known": "geen toetredingseisen bekend", "entry unknown": "onbekend of tussentijdse toetreding kan",
}


def _is_per_contract(rule) -> bool:
    return getattr(rule.kind, "SUBJECT", "register") == "contract"


def _safe(call, *args: Any) -> Outcome:
    try:
        return call(*args)
    except Exception as exc:  # one broken rule never stops the others
        return Outcome("error", [], {"reason": f"{type(exc).__name__}: {exc}"})


def _count(tally: RuleTally, status: str) -> None:
    if status == "pass":
        tally.passed += 1
    elif status == "fail":
        tally.failed += 1
    elif status == "not_applicable":
        tally.not_applicable += 1
    else:
        tally.errors += 1


def _message(rule, outcome: Outcome, lang: str, values: dict[str, Any]) -> str:
    spec = rule.spec
    if outcome.status == "fail":
        return rule.render(spec.message, lang, values)
    if outcome.status == "pass":
        if spec.ok_message is not None:
            return rule.render(spec.ok_message, lang, values)
        return i18n.text("rule_passed", lang, title=spec.title.get(lang))
    if outcome.status == "not_applicable":
        reason = str(values.get("reason", "-"))
        if lang == "nl":
            reason = _REASONS_NL.get(reason, reason)
        return _NOT_APPLICABLE.get(lang, _NOT_APPLICABLE["nl"]).format(reason=reason)
    return i18n.text("rule_error", lang, reason=values.get("reason", "?"))


def _finding(rule, contract: Contract | None, outcome: Outcome, ctx: RegisterContext) -> ContractFinding:
    spec = rule.spec
    values = {**outcome.values, "status": outcome.status, "lang": ctx.lang}
    finding = ContractFinding(
        contract=contract.id if contract else None,
        title=contract.title if contract else None,
        supplier=contract.supplier if contract else None,
        source=display.place(contract.source, ctx.lang) if contract else None,
        rule=spec.id,
        pack=rule.pack,
        principles=list(spec.principles),
        theme=spec.theme,
        status=outcome.status,
        severity=spec.severity,
        message=_message(rule, outcome, ctx.lang, values),
        values=plain_values(outcome.values),
    )
    h = hashlib.sha256(spec.id.encode())
    h.update(b"\x00" + (contract.id if contract else outcome.status).encode())
    h.update(b"\x00" + ((contract.supplier or "") if contract else "").encode())
    finding.fingerprint = h.hexdigest()[:16]
    return finding


class _Figures:
    def __init__(self) -> None:
        self.f = RegisterFigures()

    def add(self, c: Contract) -> None:
        f = self.f
        f.contracts += 1
        form = c.financing.value if c.financing else "onbekend"
        f.count_by_financing[form] = f.count_by_financing.get(form, 0) + 1
        if c.value is not None:
            f.with_value += 1
            f.value_total += c.value
            f.value_by_financing[form] = f.value_by_financing.get(form, 0.0) + c.value
        kind = c.supplier_type.value if c.supplier_type else "onbekend"
        f.count_by_supplier_type[kind] = f.count_by_supplier_type.get(kind, 0) + 1
        entry = {True: "open", False: "gesloten", None: "onbekend"}[c.entry_open]
        f.count_by_entry[entry] = f.count_by_entry.get(entry, 0) + 1
        years = c.possible_years
        if years is not None and years != float("inf"):
            f.longest_years = max(f.longest_years or 0.0, round(years, 2))

    def result(self) -> RegisterFigures:
        f = self.f
        f.value_total = round(f.value_total, 2)
        f.count_by_financing = dict(sorted(f.count_by_financing.items()))
        f.value_by_financing = {k: round(v, 2) for k, v in sorted(f.value_by_financing.items())}
        f.count_by_supplier_type = dict(sorted(f.count_by_supplier_type.items()))
        f.count_by_entry = dict(sorted(f.count_by_entry.items()))
        return f


def check_register_contracts(engine, register: Register, contracts: Iterable[Contract] | None = None,
                             problems: Iterable[str] = ()) -> RegisterResult:
    """Run ``engine.register_rules`` over ``contracts`` (default ``register.contracts``)."""
    ctx = RegisterContext(register.path, engine.lang)
    rules = sorted(engine.register_rules, key=lambda r: (r.pack, r.id))
    per_contract = [r for r in rules if _is_per_contract(r)]
    whole = [r for r in rules if not _is_per_contract(r)]
    tallies = {r.id: RuleTally(rule=r.id, severity=r.spec.severity) for r in rules}
    listed = dict.fromkeys(tallies, 0)
    omitted = 0
    running = {r.id: r.kind.tally(r) for r in whole if hasattr(r.kind, "tally")}
    kept: list[Contract] = []  # only for register rules without running sums
    keep_all = any(r.id not in running for r in whole)
    figures = _Figures()
    findings: list[ContractFinding] = []
    for contract in (register.contracts if contracts is None else contracts):
        figures.add(contract)
        for rule in per_contract:
            outcome = _safe(rule.kind.check, rule, contract, ctx)
            _count(tallies[rule.id], outcome.status)
            if outcome.status in ("fail", "error"):
                if listed[rule.id] < MAX_FINDINGS_PER_RULE:
                    listed[rule.id] += 1
                    findings.append(_finding(rule, contract, outcome, ctx))
                else:
                    omitted += 1
        for acc in running.values():
            acc.add(contract)
        if keep_all:
            kept.append(contract)
    for rule in whole:
        if rule.id in running:
            outcome = _safe(running[rule.id].outcome, engine.lang)
        else:
            full = Register(path=register.path, format=register.format, contracts=kept)
            outcome = _safe(rule.kind.check, rule, full, ctx)
        _count(tallies[rule.id], outcome.status)
        findings.append(_finding(rule, None, outcome, ctx))
    problem_list = list(problems)
    return RegisterResult(
        path=register.path,
        format=register.format,
        contracts=figures.f.contracts,
        unreadable=len(problem_list),
        figures=figures.result(),
        findings=findings,
        omitted=omitted,
        tallies=list(tallies.values()),
        problems=problem_list[:MAX_PROBLEMS],
    )
