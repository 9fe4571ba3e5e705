"""SARIF 2.1.0 output (``--format sarif``) for GitHub code scanning and other SARIF viewers.

One run with the tool's rules (title, rationale, suggestion and source as help text; principles,
theme and pack as tags) and one result per failed rule per document, located at line and column
(columns in Unicode code points). Findings without a place in the text (a missing provision) point
at the document's first line. Suppressed findings carry a SARIF ``suppressions`` entry with the
reason; with a baseline every result has a ``baselineState``. Input errors and rule errors are tool
execution notifications. Stable bytes: no timestamps, no absolute paths for files under the
working directory.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from ..baseline import fingerprint
from .labels import label

NAME = "sarif"
BINARY = False
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "sociaalAudit/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
_TEXT = {
    "suggestion": {"nl": "Voorstel", "en": "Suggestion"},
    "source": {"nl": "Bron", "en": "Source"},
    "principles": {"nl": "Principes", "en": "Principles"},
    "looked_for": {"nl": "gezocht naar", "en": "looked for"},
    "whole_document": {"nl": "geldt voor het hele document", "en": "applies to the whole document"},
    "unused": {"nl": "ongebruikte onderdrukking van {rule}", "en": "unused suppression of {rule}"},
}


def _t(key: str, lang: str, **params: object) -> str:
    entry = _TEXT[key]
    return (entry.get(lang) or entry["nl"]).format(**params)


def artifact_uri(path: str) -> str:
    """A relative URI for files under the working directory (what code scanning expects), a file
    URI otherwise; forward slashes, percent-encoded."""
    norm = os.path.normpath(path)
    if os.path.isabs(norm):
        rel = os.path.relpath(norm)
        if rel.startswith(".."):
            return "file://" + quote(norm.replace(os.sep, "/"), safe="/")
        norm = rel
    return quote(norm.replace(os.sep, "/"), safe="/")


def _rule_descriptor(rule: Any, lang: str) -> dict[str, Any]:
    title = rule.title.get(lang) or rule.title["nl"]
    rationale = rule.rationale.get(lang) or rule.rationale["nl"]
    suggestion = (rule.suggestion.get(lang) or rule.suggestion["nl"]) if rule.suggestion else None
    source = f"{rule.source.get('seed', '')}, {rule.source.get('section', '')}".strip(", ")
    principles = ", ".join(rule.principles)
    text = [rationale]
    markdown = [f"**{title}** ({principles})", "", rationale]
    if suggestion:
        text.append(f"{_t('suggestion', lang)}: {suggestion}")
        markdown += ["", f"**{_t('suggestion', lang)}:** {suggestion}"]
    text.append(f"{_t('principles', lang)}: {principles}. {_t('source', lang)}: {source}.")
    markdown += ["", f"{_t('principles', lang)}: {principles}. {_t('source', lang)}: `{source}`."]
    return {
        "id": rule.id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": rationale},
        "help": {"text": "\n\n".join(text), "markdown": "\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": [*rule.principles, rule.theme, rule.pack],
            "precision": "high",
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
            "principles": list(rule.principles),
            "theme": rule.theme,
            "pack": rule.pack,
            "kind": rule.kind,
        },
    }


def _region(line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> dict[str, int]:
    region = {"startLine": max(1, line), "startColumn": max(1, column)}
    if end_line is not None and end_column is not None and (end_line, end_column) > (region["startLine"], region["startColumn"]):
        region["endLine"] = end_line
        region["endColumn"] = end_column
    return region


def _location(path: str, loc: Any, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(path)},
            "region": _region(loc.line, loc.column, getattr(loc, "end_line", None), getattr(loc, "end_column", None)),
        },
        "message": {"text": loc.quote},
    }
    if loc.article_title:
        name = loc.article_title + (f", {label('lid', lang)} {loc.lid}" if getattr(loc, "lid", None) else "")
        out["logicalLocations"] = [{"name": loc.article_title, "fullyQualifiedName": name, "kind": "article"}]
    if getattr(loc, "page", None):
        out["properties"] = {"page": loc.page}
    return out


def _document_location(path: str, lang: str) -> dict[str, Any]:
    return {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": {"startLine": 1, "startColumn": 1}},
        "message": {"text": _t("whole_document", lang)},
    }


def _result(r: Any, path: str, rule_index: dict[str, int], lang: str) -> dict[str, Any]:
    locations = [_location(path, loc, lang) for loc in r.locations] or [_document_location(path, lang)]
    text = r.message
    if r.looked_for and not r.locations:
        text += f" ({_t('looked_for', lang)}: {r.looked_for})"
    out: dict[str, Any] = {
        "ruleId": r.rule,
        "level": LEVELS[r.severity],
        "message": {"text": text},
        "locations": locations[:1],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(r)},
        "properties": {"principles": list(r.principles), "theme": r.theme, "pack": r.pack},
    }
    if r.rule in rule_index:
        out["ruleIndex"] = rule_index[r.rule]
    if len(locations) > 1:
        out["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(locations[1:], 1)]
    sup = getattr(r, "suppressed", None)
    if sup is not None:
        entry: dict[str, Any] = {
            "kind": "inSource" if sup.source == "inline" else "external",
            "status": "accepted",
            "justification": sup.reason,
        }
        if sup.line:
            entry["location"] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(sup.path)},
                                                      "region": {"startLine": sup.line}}}
        out["suppressions"] = [entry]
    if getattr(r, "baseline", None):
        out["baselineState"] = r.baseline
    return out


def _corpus_result(c: Any, rule_index: dict[str, int], lang: str) -> dict[str, Any]:
    locations = [_location(loc.path, loc, lang) for loc in c.locations]
    if not locations and c.documents:
        locations = [_document_location(c.documents[0], lang)]
    out: dict[str, Any] = {
        "ruleId": c.rule,
        "level": LEVELS[c.severity],
        "message": {"text": c.message},
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(c)},
        "properties": {"principles": list(c.principles), "theme": c.theme, "pack": c.pack, "group": c.group},
    }
    if locations:
        out["locations"] = locations[:1]
    if len(locations) > 1:
        out["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(locations[1:], 1)]
    if c.rule in rule_index:
        out["ruleIndex"] = rule_index[c.rule]
    if getattr(c, "baseline", None):
        out["baselineState"] = c.baseline
    return out


def _notifications(run: Any, lang: str) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    for e in run.errors:
        notes.append({
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}],
        })
    for d in run.documents:
        for r in d.results:
            if r.status == "error":
                notes.append({
                    "level": "error",
                    "message": {"text": f"{r.rule}: {r.message}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(d.path)}}}],
                    "associatedRule": {"id": r.rule},
                })
    unused = [s for d in run.documents for s in d.unused_suppressions] + list(run.unused_suppressions)
    for s in unused:
        where: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(s.path)}}
        if s.line:
            where["region"] = {"startLine": s.line}
        notes.append({
            "level": "warning",
            "message": {"text": _t("unused", lang, rule=s.rule) + f" ({s.reason})"},
            "locations": [{"physicalLocation": where}],
        })
    return notes


def build(run: Any, lang: str) -> dict[str, Any]:
    rules = [_rule_descriptor(r, lang) for r in run.rules]
    rule_index = {r.id: i for i, r in enumerate(run.rules)}
    results: list[dict[str, Any]] = []
    for d in run.documents:
        for r in d.results:
            if r.status == "fail":
                results.append(_result(r, d.path, rule_index, lang))
    for c in run.corpus:
        if c.status == "fail":
            results.append(_corpus_result(c, rule_index, lang))
    rule_errors = any(r.status == "error" for d in run.documents for r in d.results)
    sarif_run: dict[str, Any] = {
        "tool": {"driver": {
            "name": run.tool.name,
            "version": run.tool.version,
            "semanticVersion": run.tool.version,
            "language": "en-US" if lang == "en" else "nl-NL",
            "rules": rules,
        }},
        "invocations": [{"executionSuccessful": not run.errors and not rule_errors,
                         "toolExecutionNotifications": _notifications(run, lang)}],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": run.summary.model_dump(mode="json")},
    }
    if run.date:
        sarif_run["properties"]["date"] = run.date
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [sarif_run]}


def render(run: Any, options: Any) -> str:
    return json.dumps(build(run, options.lang), ensure_ascii=False, indent=2) + "\n"
