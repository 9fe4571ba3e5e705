"""The council report's view model: one builder shared by the Markdown, HTML and PDF reports, so
all three show the same sections with the same content.

:func:`build_report` turns a :class:`~sociaal_audit.results.RunResult` into plain dataclasses with
every text already in the report's language. Rule titles, rationales and suggestions come from the
run's rule metadata (both languages); a result's own message is used only when the run was made in
the report's language, otherwise a fixed sentence from :mod:`report_strings` takes its place, so a
report is never in two languages. Unknown extra fields on results are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from ..results import NOT_SOCIAL_DOMAIN
from .report_strings import THEMES, kind_name, law_name, long_date, portfolio_name, text, theme_name

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
MAX_PLACES = 3
MAX_PASSED_PLACES = 2
MAX_WORDS = 6


@dataclass
class Place:
    """Where evidence was found: 'Artikel 39 Hardheidsclausule, lid 1, regel 373' and the quote."""

    where: str
    quote: str
    toelichting: bool = False
    path: str | None = None


@dataclass
class Finding:
    rule: str
    principles: str
    title: str
    theme: str
    theme_name: str
    status: str
    status_label: str
    severity: str
    severity_label: str
    message: str
    own_message: bool  # False when the message is a fixed sentence standing in for one in another language
    places: list[Place]
    more_places: str | None
    not_found: bool
    looked_for: str | None
    why: str
    suggestion: str | None
    source: str
    document: str
    anchor: str
    suppressed: str | None = None  # the reason, when the finding is accepted on purpose
    not_social: bool = False  # not applicable because the document is outside the social domain


@dataclass
class ThemeScore:
    slug: str
    name: str
    passed: int
    failed: int
    not_applicable: int
    errors: int

    @property
    def applicable(self) -> int:
        return self.passed + self.failed + self.errors

    @property
    def total(self) -> int:
        return self.applicable + self.not_applicable

    def pct(self, count: int) -> int:
        """Share of ``count`` in all results of the theme, in whole percent."""
        return round(100 * count / self.total) if self.total else 0


@dataclass
class ThemeGroup:
    slug: str
    name: str
    findings: list[Finding]


@dataclass
class Counts:
    total: int = 0
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    errors: int = 0
    error: int = 0
    warning: int = 0
    info: int = 0
    not_social: int = 0  # of not_applicable: the document is outside the social domain


@dataclass
class DocumentReport:
    number: int
    title: str
    path: str
    municipality: str
    kind: str
    laws: str
    size: str
    counts: Counts
    format_meta: list[tuple[str, str]]  # what the file's format says: CVDR id, adoption date, legal basis
    summary_lines: list[str]
    passed: list[Finding]
    failed: list[Finding]
    failed_groups: list[tuple[str, list[Finding]]]  # (severity heading, findings), most severe first
    top: list[Finding]
    not_applicable: list[Finding]
    scorecard: list[ThemeScore]
    findings_by_theme: list[ThemeGroup]
    passed_by_theme: list[ThemeGroup]
    anchor: str
    checked: bool = True  # False when no rule applied to the document (all not applicable, or only corpus rules)


@dataclass
class CorpusItem:
    title: str
    principles: str
    status: str
    status_label: str
    severity: str
    severity_label: str
    group: str
    message: str
    places: list[Place]
    documents: list[str]
    why: str
    suggestion: str | None


@dataclass
class RuleRow:
    rule: str
    principles: str
    title: str
    theme_name: str
    severity_label: str
    source: str


@dataclass
class RegisterRow:
    """One contract with failed checks, for the register table."""

    contract: str
    title: str
    supplier: str
    failed: str  # principles with severity
    where: str  # place in the file, e.g. 'regel 12'


@dataclass
class RegisterReport:
    """A contract register in the report: counts, failing contracts, register-wide results, figures."""

    path: str
    heading: str
    counts: str
    rows: list[RegisterRow]
    more: str | None
    register_findings: list[tuple[str, str, str]]  # (principles, status label, message)
    figures: list[tuple[str, str]]
    problems: list[str]


@dataclass
class Report:
    lang: str
    S: dict[str, str]
    title: str
    subtitle: str
    meta: list[tuple[str, str]]
    date: str
    tool_version: str
    multi: bool
    summary_lines: list[str]
    top: list[Finding]
    documents: list[DocumentReport]
    corpus: list[CorpusItem]
    registers: list[RegisterReport]
    input_errors: list[str]
    packs: list[str]
    rules: list[RuleRow]
    footer: str


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


_TABLE_RULE = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")  # |---|:--:| under a Markdown table header
_ROW_BREAK = re.compile(r"\|\s+\|")  # where one table row ends and the next begins, once lines are joined


def readable_quote(quote: str) -> str:
    """The quote on one line; rows of a Markdown table read as 'a | b / c | d' instead of raw markup."""
    out = " ".join(quote.split())
    if not out.startswith("|"):
        return out
    out = _TABLE_RULE.sub("|", out)
    rows = [row.strip(" |") for row in _ROW_BREAK.split(out)]
    return " / ".join(row for row in rows if row)


def _place(loc: Any, lang: str) -> Place:
    bits: list[str] = []
    if getattr(loc, "article_title", None):
        bits.append(loc.article_title)
    elif getattr(loc, "article", None):
        bits.append(("Artikel " if lang == "nl" else "Article ") + loc.article)
    if getattr(loc, "lid", None):
        bits.append(f"{text('lid', lang)} {loc.lid}")
    if getattr(loc, "page", None):
        bits.append(f"{text('page', lang)} {loc.page}")
    bits.append(f"{text('line', lang)} {loc.line}")
    toelichting = getattr(loc, "part", "binding") == "toelichting"
    where = ", ".join(bits)
    if toelichting:
        where += f" — {text('only_toelichting', lang)}"
    return Place(where=where, quote=readable_quote(loc.quote), toelichting=toelichting)


def _looked_for(result: Any, lang: str, same_lang: bool = True) -> str | None:
    """What was searched for, readable. A rule's own sentence (``looked_for`` in the pack) is shown as
    written when it is in the report's language; a generated list of phrases and patterns shows the
    literal phrases and the words the patterns start with."""
    raw = result.looked_for or (result.values or {}).get("looked_for")
    if not raw or not isinstance(raw, str):
        return None
    raw = " ".join(raw.split())
    if not raw.startswith(('"', "/")):  # the pack's own words, in the language of the run
        return f"{text('looked_for', lang)} {raw}" if same_lang else f"{text('looked_for', lang)} {text('looked_for_patterns', lang)}"
    head = re.split(r"(?:^|, )/", raw, maxsplit=1)
    phrases = re.findall(r'"([^"]+)"', head[0])
    has_patterns = len(head) > 1
    if not phrases and has_patterns:
        phrases = _pattern_words("/" + head[1])
    if phrases:
        listed = ", ".join(f"“{p}”" for p in phrases[:MAX_WORDS])
        return f"{text('looked_for', lang)} {listed}" + (f" {text('looked_for_more', lang)}" if has_patterns else "")
    return f"{text('looked_for', lang)} {text('looked_for_patterns', lang)}"


def _pattern_words(patterns: str) -> list[str]:
    """Plain words from the alternation a regular expression starts with, e.g. 'ombudsman' from
    ``/\\b(?:ombudsman|ombudsvrouw)\\b.../``: a readable hint of what a pattern looks for. Patterns
    that start otherwise give nothing (a guess from the middle of a pattern would mislead)."""
    words: list[str] = []
    for pattern in re.split(r"/, /", patterns):
        pattern = re.sub(r"\\s[+*]?", " ", pattern.strip("/"))
        start = re.match(r"(?:\\b)?\(\?:([^()\\\[\]{}?*+.]+)\)(?:\\b|\\w\*|$| )", pattern)
        if not start:
            continue
        alternatives = [w.strip() for w in start.group(1).split("|")]
        if all(re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", w) for w in alternatives):
            words += [w for w in alternatives if w not in words]
    return words


def _source(info: Any) -> str:
    if info is None:
        return ""
    src = info.source or {}
    section, seed = src.get("section"), src.get("seed")
    # the section ('Thema 1, conclusie 1a (ruimte in budgetten)') is what a reader can look up; the seed is a
    # file name inside the project, kept in the JSON results and in 'rules show'
    return section or seed or ", ".join(f"{k}: {v}" for k, v in sorted(src.items()))


def _pick(mapping: dict[str, str] | None, lang: str) -> str | None:
    if not mapping:
        return None
    return mapping.get(lang) or mapping.get("nl") or next(iter(mapping.values()), None)


def _format_meta(doc: Any, lang: str) -> list[tuple[str, str]]:
    """Metadata the document's format carries (CVDR id, adoption date, legal basis), when present."""
    rows = []
    if getattr(doc, "identifier", None):
        rows.append((text("identifier", lang), doc.identifier))
    if getattr(doc, "adopted", None):
        rows.append((text("adopted", lang), long_date(doc.adopted, lang)))
    basis = getattr(doc, "legal_basis", None) or []
    if basis:
        rows.append((text("legal_basis", lang), "; ".join(basis)))
    return rows


class _Context:
    """Rule metadata lookups for one run in one language."""

    def __init__(self, run: Any, lang: str) -> None:
        self.run = run
        self.lang = lang
        self.same_lang = getattr(run, "lang", "nl") == lang
        self.rules = {r.id: r for r in run.rules}
        self.rule_index = {r.id: i for i, r in enumerate(run.rules)}
        known = list(THEMES)
        seen = [r.theme for r in run.rules if r.theme not in THEMES]
        self.theme_order = {slug: i for i, slug in enumerate(known + list(dict.fromkeys(seen)))}

    def title(self, rule_id: str) -> str:
        return _pick(self.rules[rule_id].title, self.lang) if rule_id in self.rules else rule_id

    def theme_key(self, slug: str) -> tuple[int, str]:
        return (self.theme_order.get(slug, len(self.theme_order)), slug)

    def rank(self, finding: Finding) -> tuple[int, int, str]:
        return (-SEVERITY_RANK.get(finding.severity, 0), self.rule_index.get(finding.rule, 10**6), finding.rule)

    def message(self, result: Any, title: str) -> str:
        if self.same_lang and result.message:
            return " ".join(result.message.split())
        key = {"pass": "finding_passed", "fail": "finding_failed", "not_applicable": "finding_na"}.get(
            result.status, "finding_error")
        return text(key, self.lang, title=title)


def _finding(result: Any, doc_title: str, doc_number: int, ctx: _Context) -> Finding:
    lang = ctx.lang
    info = ctx.rules.get(result.rule)
    title = ctx.title(result.rule)
    places = [_place(loc, lang) for loc in result.locations]
    binding = [p for p in places if not p.toelichting]
    if result.status == "pass":  # one place per article is proof enough
        seen: set[str] = set()
        candidates = []
        for loc, place in zip(result.locations, places):
            key = getattr(loc, "article", None) or f"line {loc.line}"
            if not place.toelichting and key not in seen:
                seen.add(key)
                candidates.append(place)
        shown = (candidates or places)[:MAX_PASSED_PLACES]
    else:
        shown = places[:MAX_PLACES]
    hidden = len(places) - len(shown)
    info = ctx.rules.get(result.rule)
    own = _pick(getattr(info, "looked_for", None), lang) if info is not None else None
    if own and result.status == "fail":  # the pack's sentence exists in every language
        looked_for = f"{text('looked_for', lang)} {' '.join(own.split())}"
    else:
        looked_for = _looked_for(result, lang, ctx.same_lang)
    # 'not found' only where the rule searched for text (a measured rule has nothing to find)
    not_found = result.status == "fail" and not binding and looked_for is not None
    return Finding(
        rule=result.rule,
        principles=", ".join(result.principles),
        title=title,
        theme=result.theme,
        theme_name=theme_name(result.theme, lang),
        status=result.status,
        status_label=text(f"status_{result.status}", lang),
        severity=result.severity,
        severity_label=text(f"sev_{result.severity}", lang),
        message=ctx.message(result, title),
        own_message=ctx.same_lang and bool(result.message),
        places=shown,
        more_places=text("more_places_one" if hidden == 1 else "more_places", lang, n=hidden) if hidden > 0 else None,
        not_found=not_found,
        looked_for=looked_for if not_found else None,
        why=_pick(info.rationale, lang) or "" if info else "",
        suggestion=_pick(info.suggestion, lang) if info else None,
        source=_source(info),
        document=doc_title,
        anchor=f"d{doc_number}-{_slug(result.rule)}",
        suppressed=_suppression_reason(getattr(result, "suppressed", None)),
        not_social=result.status == "not_applicable"
        and (getattr(result, "values", None) or {}).get("reason") == NOT_SOCIAL_DOMAIN,
    )


def _by_severity(failed: list[Finding], lang: str) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for f in failed:  # already sorted, most severe first
        key = f.severity_label if f.status == "fail" else f.status_label
        groups.setdefault(key, []).append(f)
    return [(text("group_count", lang, label=k[:1].upper() + k[1:], n=len(v)), v) for k, v in groups.items()]


def _suppression_reason(suppression: Any) -> str | None:
    if not suppression:
        return None
    return " ".join(str(getattr(suppression, "reason", "") or "").split()) or "-"


def _group(findings: list[Finding], ctx: _Context) -> list[ThemeGroup]:
    groups: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=lambda f: (ctx.theme_key(f.theme), ctx.rank(f))):
        groups.setdefault(f.theme, []).append(f)
    return [ThemeGroup(slug=slug, name=theme_name(slug, ctx.lang), findings=items) for slug, items in groups.items()]


def _scorecard(findings: list[Finding], ctx: _Context) -> list[ThemeScore]:
    rows: dict[str, ThemeScore] = {}
    for f in sorted(findings, key=lambda f: ctx.theme_key(f.theme)):
        row = rows.setdefault(f.theme, ThemeScore(f.theme, theme_name(f.theme, ctx.lang), 0, 0, 0, 0))
        if f.status == "pass":
            row.passed += 1
        elif f.status == "fail":
            row.failed += 1
        elif f.status == "not_applicable":
            row.not_applicable += 1
        else:
            row.errors += 1
    return list(rows.values())


def _counts(findings: list[Finding]) -> Counts:
    c = Counts(total=len(findings))
    for f in findings:
        if f.status == "pass":
            c.passed += 1
        elif f.status == "fail":
            c.failed += 1
            setattr(c, f.severity, getattr(c, f.severity) + 1)
        elif f.status == "not_applicable":
            c.not_applicable += 1
            c.not_social += f.not_social
        else:
            c.errors += 1
    return c


def _summary_lines(c: Counts, lang: str) -> list[str]:
    """Counts of the points checked and of those that did not apply; no '0 points checked' line."""
    checked = c.passed + c.failed + c.errors
    lines = [text("summary_counts", lang, total=checked, passed=c.passed, failed=c.failed,
                  error=c.error, warning=c.warning, info=c.info)] if checked else []
    if c.not_social:
        lines.append(text("summary_na_domain", lang, n=c.not_social))
    if c.not_applicable - c.not_social:
        lines.append(text("summary_na", lang, n=c.not_applicable - c.not_social))
    if c.errors:
        lines.append(text("summary_rule_errors", lang, n=c.errors))
    return lines


def _register_summary(run: Any, lang: str) -> list[str]:
    registers = getattr(run, "contracts", []) or []
    if not registers:
        return []
    contracts = sum(r.contracts for r in registers)
    failed = sum(t.failed for r in registers for t in r.tallies)
    passed = sum(t.passed for r in registers for t in r.tallies)
    key = "reg_summary_one" if len(registers) == 1 else "reg_summary"
    return [text(key, lang, registers=len(registers), contracts=contracts, passed=passed, failed=failed)]


def _corpus_summary(run: Any, lang: str) -> list[str]:
    corpus = getattr(run, "corpus", None) or []
    if not corpus:
        return []
    passed = sum(1 for c in corpus if c.status == "pass")
    failed = sum(1 for c in corpus if c.status == "fail")
    return [text("corpus_summary", lang, total=len(corpus), passed=passed, failed=failed)]


def _run_summary(run: Any, counts: Counts, has_documents: bool, lang: str) -> list[str]:
    """The summary lines of the whole run: the points checked in documents, across documents, the
    registers, input errors. A run does not count points it never checked."""
    if any(d.results for d in run.documents):
        lines = _summary_lines(counts, lang)
    elif not has_documents and not getattr(run, "contracts", None):
        lines = [text("no_documents_checked", lang)]
    else:
        lines = []
    lines += _corpus_summary(run, lang)
    lines += _register_summary(run, lang)
    if run.errors:
        lines.append(text("summary_input_errors", lang, n=len(run.errors)))
    return lines


def _subtitle(docs: list[DocumentReport], run: Any, lang: str) -> str:
    registers = getattr(run, "contracts", None) or []
    if len(docs) == 1:
        return docs[0].title
    if docs:
        return text("documents_n", lang, n=len(docs))
    if len(registers) == 1:
        return text("register_one", lang, name=PurePath(registers[0].path).name)
    if registers:
        return text("registers_n", lang, n=len(registers))
    return text("no_documents", lang)


def _document(doc: Any, number: int, ctx: _Context) -> DocumentReport:
    lang = ctx.lang
    findings = [_finding(r, doc.title, number, ctx) for r in doc.results]
    failed = sorted([f for f in findings if f.status in ("fail", "error")], key=ctx.rank)
    passed = sorted([f for f in findings if f.status == "pass"], key=lambda f: (ctx.theme_key(f.theme), ctx.rank(f)))
    counts = _counts(findings)
    return DocumentReport(
        number=number,
        title=doc.title,
        path=doc.path,
        municipality=doc.municipality or text("unknown", lang),
        kind=kind_name(doc.kind, lang),
        laws=", ".join(law_name(x) for x in doc.laws),
        size=text("size_value", lang, articles=doc.articles, words=doc.words),
        counts=counts,
        format_meta=_format_meta(doc, lang),
        summary_lines=_summary_lines(counts, lang),
        passed=passed,
        failed=failed,
        failed_groups=_by_severity(failed, lang),
        top=[f for f in failed if f.status == "fail" and not f.suppressed][:3],
        not_applicable=[f for f in findings if f.status == "not_applicable"],
        scorecard=_scorecard(findings, ctx),
        findings_by_theme=_group(failed, ctx),
        passed_by_theme=_group(passed, ctx),
        anchor=f"doc-{number}",
        checked=counts.passed + counts.failed + counts.errors > 0,
    )


def _corpus(run: Any, ctx: _Context) -> list[CorpusItem]:
    lang = ctx.lang
    items = []
    for c in getattr(run, "corpus", []) or []:
        places: list[Place] = []
        for pair in c.pairs:
            pct = f"{pair.similarity:.0f}%"
            for loc in (pair.first, pair.second):
                where = f"{loc.path}, {loc.article_title or loc.document_title}, {text('line', lang)} {loc.line}"
                places.append(Place(where=where, quote=readable_quote(loc.quote), path=loc.path))
            places[-1].where += f" ({text('similarity', lang, pct=pct)})"
        if not c.pairs:
            for loc in c.locations:
                where = f"{loc.path}, {loc.article_title or loc.document_title}, {text('line', lang)} {loc.line}"
                places.append(Place(where=where, quote=readable_quote(loc.quote), path=loc.path))
        title = ctx.title(c.rule)
        info = ctx.rules.get(c.rule)
        items.append(CorpusItem(
            title=title, principles=", ".join(c.principles), status=c.status,
            status_label=text(f"status_{c.status}", lang), severity=c.severity,
            severity_label=text(f"sev_{c.severity}", lang),
            group=c.municipality or c.group.split(":", 1)[-1], message=ctx.message(c, title),
            places=places, documents=list(c.documents),
            why=(_pick(info.rationale, lang) or "") if info else "",
            suggestion=_pick(info.suggestion, lang) if info and c.status != "pass" else None,
        ))
    return items


def build_report(run: Any, lang: str = "nl", date: str | None = None) -> Report:
    """The view model of ``run`` in ``lang``. ``date`` (YYYY-MM-DD) wins over the run's date; without
    either the report shows no date, so the same results give the same bytes on any day."""
    lang = lang if lang in ("nl", "en") else "nl"
    ctx = _Context(run, lang)
    docs = [_document(d, i, ctx) for i, d in enumerate(run.documents, start=1)]
    all_findings = [f for d in docs for f in d.passed + d.failed + d.not_applicable]
    counts = _counts(all_findings)
    top = sorted([f for d in docs for f in d.failed if f.status == "fail" and not f.suppressed], key=ctx.rank)[:3]
    municipalities = sorted({d.municipality for d in run.documents if d.municipality})
    subtitle = _subtitle(docs, run, lang)
    given = date or getattr(run, "date", None)
    shown_date = long_date(given, lang) if given else ""
    # a pack's title is saved in the language of the run only: in another language, its id and version
    packs = [text("pack_line", lang, title=p.title, id=p.id, version=p.version) if ctx.same_lang
             else text("pack_line_id", lang, id=p.id, version=p.version) for p in run.packs]
    meta = []
    if docs:  # a contract register names no municipality
        meta.append((text("municipality", lang), ", ".join(municipalities) or text("unknown", lang)))
    if shown_date:
        meta.append((text("audit_date", lang), shown_date))
    if len(docs) == 1:
        d = docs[0]
        meta += [(text("kind", lang), d.kind)]
        if d.laws:
            meta.append((text("laws", lang), d.laws))
        meta += [(text("file", lang), d.path), (text("size", lang), d.size)] + d.format_meta
    meta += [(text("packs", lang), "; ".join(packs)),
             (text("tool", lang), text("tool_line", lang, version=run.tool.version))]
    rules = [
        RuleRow(rule=r.id, principles=", ".join(r.principles), title=_pick(r.title, lang) or r.id,
                theme_name=theme_name(r.theme, lang), severity_label=text(f"sev_{r.severity}", lang), source=_source(r))
        for r in sorted(run.rules, key=lambda r: (ctx.theme_key(r.theme), ctx.rule_index[r.id]))
    ]
    return Report(
        lang=lang,
        S=_Strings(lang),
        title=text("report_title", lang),
        subtitle=subtitle,
        meta=meta,
        date=shown_date,
        tool_version=run.tool.version,
        multi=len(docs) > 1,
        summary_lines=_run_summary(run, counts, bool(docs), lang),
        top=top,
        documents=docs,
        corpus=_corpus(run, ctx),
        registers=_registers(run, ctx),
        # an error message is saved in the language of the run: in another language, only the file
        input_errors=[e.message if ctx.same_lang else e.path for e in run.errors],
        packs=packs,
        rules=rules,
        footer=text("footer", lang, version=run.tool.version),
    )


MAX_REGISTER_ROWS = 50


def _registers(run: Any, ctx: _Context) -> list[RegisterReport]:
    """Contract registers (``run.contracts``): failing contracts, register-wide results, portfolio figures."""
    from ..contracts import display

    lang = ctx.lang
    out = []
    for reg in getattr(run, "contracts", []) or []:
        per_contract: dict[str, list[Any]] = {}
        register_wide = []
        for f in reg.findings:
            if f.contract is None:
                register_wide.append(f)
            elif f.status in ("fail", "error"):
                per_contract.setdefault(f.contract, []).append(f)
        rows = []
        for cid in sorted(per_contract):
            fs = per_contract[cid]
            failed = "; ".join(f"{', '.join(f.principles)} ({text('sev_' + f.severity, lang)})" for f in fs)
            first = fs[0]
            rows.append(RegisterRow(cid, first.title or "", first.supplier or "", failed, _file_place(first.source, lang)))
        shown = rows[:MAX_REGISTER_ROWS]
        hidden = len(rows) - len(shown) + reg.omitted
        fig = reg.figures
        figures = [
            (text("reg_financing", lang), _shares(fig.count_by_financing, lang)),
            (text("reg_suppliers", lang), _shares(fig.count_by_supplier_type, lang)),
            (text("reg_entry", lang), _shares(fig.count_by_entry, lang)),
        ]
        if fig.longest_years is not None:
            figures.append((text("reg_longest", lang), text("reg_years", lang, n=display.years(fig.longest_years, lang))))
        out.append(RegisterReport(
            path=reg.path,
            heading=reg.path,
            counts=text("reg_counts", lang, n=reg.contracts, failing=len(rows),
                        value=display.money(fig.value_total, lang) if fig.with_value else "-"),
            rows=shown,
            more=text("reg_more", lang, n=hidden) if hidden > 0 else None,
            # a message is saved in the language of the run: in another language, the rule's title
            register_findings=[(", ".join(f.principles), text(f"status_{f.status}", lang),
                                " ".join(f.message.split()) if ctx.same_lang else ctx.title(f.rule))
                               for f in register_wide],
            figures=[(k, v) for k, v in figures if v],
            # problems are saved in the language of the run: in another language, how many there are
            problems=(list(reg.problems) if ctx.same_lang or not reg.problems
                      else [text("reg_problems_one" if len(reg.problems) == 1 else "reg_problems_n", lang,
                                 n=len(reg.problems))]),
        ))
    return out


def _shares(counts: dict[str, int], lang: str) -> str:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{portfolio_name(key, lang)}: {n}" for key, n in ordered if n)


_FILE_PLACE_WORDS = {"nl": {"line": "regel", "row": "rij"}, "en": {"regel": "line", "rij": "row"}}


def _file_place(source: str | None, lang: str) -> str:
    """Where a contract sits in its file in the report's language: 'regel 12' / 'line 12', 'Blad1 rij 5' /
    'Blad1 row 5', whatever the language of the run."""
    words = _FILE_PLACE_WORDS.get(lang, {})
    if not source or not words:
        return source or ""
    return re.sub(r"\b(" + "|".join(words) + r")(?= \d)", lambda m: words[m.group(1)], source)


class _Strings(dict):
    """``S['key']`` in templates: the fixed text in the report's language; ``S.f('key', n=1)`` formats."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, key: str) -> str:
        return text(key, self.lang)

    def f(self, key: str, **params: object) -> str:
        return text(key, self.lang, **params)
