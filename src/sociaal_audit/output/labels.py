"""Fixed labels used by the human-readable renderers, in Dutch and English."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "pass": {"nl": "in orde", "en": "pass"},
    "fail": {"nl": "ontbreekt of schiet tekort", "en": "fail"},
    "not_applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "error": {"nl": "fout", "en": "error"},
    "error_sev": {"nl": "ernstig", "en": "error"},
    "rule_error": {"nl": "niet getoetst", "en": "not run"},
    "none_applies": {"nl": "Geen toetsregel is op dit document van toepassing.", "en": "No rule applies to this document."},
    "none_applies_domain": {
        "nl": "Geen toetsregel is van toepassing: het document gaat niet over het sociaal domein.",
        "en": "No rule applies: the document is not about the social domain.",
    },
    "rule_errors": {"nl": "{n} toetsregel(s) konden niet worden uitgevoerd", "en": "{n} rule(s) could not be run"},
    "warning": {"nl": "waarschuwing", "en": "warning"},
    "info": {"nl": "info", "en": "info"},
    "not_found": {"nl": "niet gevonden; gezocht naar", "en": "not found; looked for"},
    "only_toelichting": {"nl": "alleen in de toelichting (bindt niet)", "en": "only in the explanatory notes (not binding)"},
    "part_preamble": {"nl": "aanhef", "en": "preamble"},
    "part_closing": {"nl": "slotdeel", "en": "closing part"},
    "summary": {
        "nl": "{docs} document(en): {failed} bevinding(en) ({error} ernstig, {warning} waarschuwing, {info} info), "
        "{passed} in orde, {na} niet van toepassing, {errors} invoerfout(en)",
        "en": "{docs} document(s): {failed} finding(s) ({error} error, {warning} warning, {info} info), "
        "{passed} passed, {na} not applicable, {errors} input error(s)",
    },
    "registers": {"nl": "{n} contractregister(s)", "en": "{n} contract register(s)"},
    "municipality": {"nl": "gemeente", "en": "municipality"},
    "kind": {"nl": "soort", "en": "kind"},
    "laws": {"nl": "wetten", "en": "laws"},
    "adopted": {"nl": "vastgesteld", "en": "adopted"},
    "legal_basis": {"nl": "grondslag", "en": "legal basis"},
    "article": {"nl": "artikel", "en": "article"},
    "lid": {"nl": "lid", "en": "paragraph"},
    "line": {"nl": "regel", "en": "line"},
    "page": {"nl": "pagina", "en": "page"},
    "input_errors": {"nl": "Invoerfouten", "en": "Input errors"},
    "theme": {"nl": "thema", "en": "theme"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "why": {"nl": "Waarom", "en": "Why"},
    "suggestion": {"nl": "Voorstel", "en": "Suggestion"},
    "in_order": {"nl": "In orde", "en": "In order"},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
}


def label(key: str, lang: str, **params: object) -> str:
    entry = LABELS.get(key, {})
    text = entry.get(lang) or entry.get("nl") or key
    return text.format(**params) if params else text


def summary_line(run, lang: str) -> str:
    s = run.summary
    line = label(
        "summary", lang, docs=s.documents, failed=s.failed, error=s.failed_by_severity.get("error", 0),
        warning=s.failed_by_severity.get("warning", 0), info=s.failed_by_severity.get("info", 0),
        passed=s.passed, na=s.not_applicable, errors=s.errors,
    )
    if s.rule_errors:
        line += ", " + label("rule_errors", lang, n=s.rule_errors)
    registers = len(getattr(run, "contracts", []) or [])
    if registers:
        line = label("registers", lang, n=registers) + ", " + line
    return line


def where(loc, lang: str) -> str:
    """'Artikel 5 Titel, lid 2, regel 120' style place of a location; a place in the toelichting says
    that it does not bind, one in the aanhef or slotdeel outside an article names that part."""
    bits = []
    if loc.article_title:
        bits.append(loc.article_title)
    elif loc.part in ("preamble", "closing"):
        bits.append(label(f"part_{loc.part}", lang))
    if loc.lid:
        bits.append(f"{label('lid', lang)} {loc.lid}")
    if loc.page:
        bits.append(f"{label('page', lang)} {loc.page}")
    bits.append(f"{label('line', lang)} {loc.line}")
    place = ", ".join(bits)
    return f"{place} — {label('only_toelichting', lang)}" if loc.part == "toelichting" else place
