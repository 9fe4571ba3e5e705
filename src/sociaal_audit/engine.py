"""The engine: applies loaded packs to documents and returns results. Pure: no printing, no files.

For each document it builds one :class:`DocContext` (folded text and caches shared by all rules),
runs every rule whose kind targets documents, and turns each kind's :class:`Outcome` into a
:class:`Result` with locations (line, column, article, lid, quote) and a rendered message.
"""

from __future__ import annotations

from typing import Iterable

from . import __version__, i18n
from .documents.model import Document, PartKind
from .fingerprints import fingerprint
from .rules.context import DocContext
from .rules.kinds import Evidence, Outcome
from .rules.loader import LoadedPack, LoadedRule
from .rules.matching import quote
from .results import NOT_SOCIAL_DOMAIN, DocumentResult, Location, PackInfo, Result, RuleInfo, RunResult, ToolInfo


class Engine:
    def __init__(self, packs: list[LoadedPack], lang: str = "nl") -> None:
        self.packs = packs
        self.lang = lang
        self.rules: list[LoadedRule] = [r for p in packs for r in p.rules]
        self.document_rules = [r for r in self.rules if r.target == "document"]
        self.corpus_rules = [r for r in self.rules if r.target == "corpus"]
        self.register_rules = [r for r in self.rules if r.target == "register"]
        # packs whose rules apply only to documents about the social domain (domain: social)
        self.social_packs = {p.id for p in packs if p.spec.domain == "social"}

    # ----- run-level metadata ---------------------------------------------------------------
    def new_run(self, date: str | None = None) -> RunResult:
        return RunResult(
            tool=ToolInfo(version=__version__),
            lang=self.lang,
            date=date,
            packs=[PackInfo(id=p.id, version=p.spec.version, title=p.spec.title.get(self.lang), path=None) for p in self.packs],
            rules=[rule_info(r) for r in self.rules],
        )

    # ----- documents ----------------------------------------------------------------------------
    def check_document(self, doc: Document) -> DocumentResult:
        ctx = DocContext(doc)
        results = [self.check_rule(rule, ctx) for rule in self.document_rules]
        results.sort(key=lambda r: (r.pack, r.rule))
        return DocumentResult(
            path=doc.path,
            format=doc.format,
            title=doc.title,
            municipality=doc.municipality,
            kind=doc.kind.value,
            laws=[law.value for law in doc.laws],
            identifier=doc.metadata.identifier,
            adopted=doc.metadata.adopted,
            legal_basis=list(doc.metadata.legal_basis),
            articles=len(doc.articles),
            words=doc.binding_word_count,
            results=results,
        )

    def check_rule(self, rule: LoadedRule, ctx: DocContext) -> Result:
        spec = rule.spec
        if rule.pack in self.social_packs and not ctx.social_domain:  # the more basic reason first
            outcome = Outcome("not_applicable", [], {"kind": ctx.doc.kind.value, "reason": NOT_SOCIAL_DOMAIN})
        elif spec.applies_to and ctx.doc.kind not in spec.applies_to:
            outcome = Outcome("not_applicable", [], {"kind": ctx.doc.kind.value})
        else:
            try:
                outcome = rule.kind.check(rule, ctx)
            except TimeoutError:
                outcome = Outcome("error", [], {"reason": i18n.text("rule_timeout", self.lang)})
            except Exception as exc:  # one broken rule never stops the others
                outcome = Outcome("error", [], {"reason": f"{type(exc).__name__}: {exc}"})
        return self.to_result(rule, ctx, outcome)

    def to_result(self, rule: LoadedRule, ctx: DocContext, outcome: Outcome) -> Result:
        spec = rule.spec
        locations: list[Location] = []
        seen: set[str] = set()
        for ev in outcome.evidence:
            loc = locate(ctx.doc, ev)
            if loc.quote not in seen:  # two hits in one sentence (even one wrapped over lines): one location
                seen.add(loc.quote)
                locations.append(loc)
        # evidence inside an article first: "Artikel 5, lid 1" says more than a heading line
        locations.sort(key=lambda loc: (loc.part != "binding" or loc.article is None, loc.lid is None))
        values = dict(outcome.values)
        if spec.looked_for is not None:  # the pack's own words beat the kind's pattern list
            values["looked_for"] = spec.looked_for.get(self.lang)
        first = locations[0] if locations else None
        template_vars = {
            **values,
            "status": outcome.status,
            "quote": first.quote if first else "",
            "article": (first.article_title or "") if first else "",
            "lid": (first.lid or "") if first else "",
            "document": ctx.doc.title,
            "municipality": ctx.doc.municipality or "",
            "kind": ctx.doc.kind.value,
            "lang": self.lang,
        }
        if outcome.status == "fail":
            message = rule.render(spec.message, self.lang, template_vars)
        elif outcome.status == "pass":
            if spec.ok_message is not None:
                message = rule.render(spec.ok_message, self.lang, template_vars)
            else:
                message = i18n.text("rule_passed", self.lang, title=spec.title.get(self.lang))
        elif outcome.status == "not_applicable" and values.get("reason") == NOT_SOCIAL_DOMAIN:
            message = i18n.text("rule_not_social_domain", self.lang)
        elif outcome.status == "not_applicable":
            message = i18n.text("rule_not_applicable", self.lang, kind=ctx.doc.kind.value)
        else:
            message = i18n.text("rule_error", self.lang, reason=values.get("reason", "?"))
        looked_for = values.get("looked_for") if outcome.status == "fail" and not locations else None
        result = Result(
            **rule_fields(rule, outcome.status, message),
            looked_for=looked_for,
            locations=locations,
            values=plain_values(values),
        )
        result.fingerprint = fingerprint(result)
        return result

    # ----- contract registers ------------------------------------------------------------------
    def check_register(self, register, contracts=None, problems=()) -> "RegisterResult":  # noqa: F821
        """Check a contract register (:class:`sociaal_audit.contracts.model.Register`) with the
        register rules; ``contracts`` may be an iterator that streams them instead of
        ``register.contracts``; ``problems`` are unreadable rows, one line each."""
        from .contracts.checking import check_register_contracts

        return check_register_contracts(self, register, contracts, problems)


def rule_fields(rule: LoadedRule, status: str, message: str) -> dict:
    """The fields every result of ``rule`` carries (see results.RuleOutcome)."""
    spec = rule.spec
    return {"rule": spec.id, "pack": rule.pack, "principles": list(spec.principles), "theme": spec.theme,
            "status": status, "severity": spec.severity, "message": message}


def plain_values(values: dict) -> dict:
    """The template values a result keeps in JSON: scalars only."""
    return {k: v for k, v in values.items() if isinstance(v, (str, int, float, bool)) or v is None}


def locate(doc: Document, ev: Evidence) -> Location:
    start = doc.locate(ev.start)
    end = doc.locate(max(ev.start, ev.end - 1))
    article, lid = doc.context(ev.start)
    if doc.in_toelichting(ev.start):
        part = "toelichting"
    elif any(p.start <= ev.start < p.end for p in doc.preamble):
        part = "preamble"
    elif any(p.kind is PartKind.CLOSING and p.start <= ev.start < p.end for p in doc.parts):
        part = "closing"
    else:
        part = "binding"
    return Location(
        line=start.line,
        column=start.column,
        end_line=end.line,
        end_column=end.column + 1,
        page=start.page,
        article=article.number if article else None,
        article_title=article.title if article else None,
        lid=lid.number if lid else None,
        part=part,
        quote=quote(doc.text, ev.start, ev.end),
        note=ev.note,
    )


def rule_info(rule: LoadedRule) -> RuleInfo:
    spec = rule.spec

    def both(text) -> dict[str, str]:
        return {"nl": text.nl, "en": text.en or text.nl}

    return RuleInfo(
        id=spec.id,
        pack=rule.pack,
        kind=spec.kind,
        title=both(spec.title),
        principles=list(spec.principles),
        theme=spec.theme,
        severity=spec.severity,
        rationale=both(spec.rationale),
        suggestion=both(spec.suggestion) if spec.suggestion else None,
        looked_for=both(spec.looked_for) if spec.looked_for else None,
        source={"seed": spec.source.seed, "section": spec.source.section},
    )


def check_documents(engine: Engine, docs: Iterable[Document]) -> list[DocumentResult]:
    return [engine.check_document(d) for d in docs]
