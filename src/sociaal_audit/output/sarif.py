"""SARIF 2.1.0 output (``--format sarif``) for GitHub code scanning and other SARIF viewers.

One run with the tool's rules (title, rationale, suggestion and source as help text; principles,
theme and pack as tags) and one result per failed rule per document, located at line and column
(columns in Unicode code points). Findings without a place in the text (a missing provision) point
at the document's first line. Suppressed findings carry a SARIF ``suppressions`` entry with the
reason; with a baseline every result has a ``baselineState``.

Contract registers: one result per failed contract finding, located in the register file at the
contract's row when its ``source`` is a line ("regel 12" / "line 12"; file level otherwise), with the
contract id as logical location; failed results about the whole register are file level. Results
across documents (corpus): one result per pair of (nearly) equal articles, or one per result with
its locations; the first place is the location, the others are ``relatedLocations``.

Files under the working directory have relative URIs with the base id ``%SRCROOT%``; each result's
``partialFingerprints`` holds its file, rule, article heading without number and evidence (no line
numbers), so code scanning follows a finding that moves and keeps the same missing provision in two
documents apart. Input errors, rule errors, unreadable register rows and findings left out of a
register are tool execution notifications. Stable bytes: no timestamps, no absolute paths for files
under the working directory.

The helpers :func:`contract_line` and :func:`corpus_items` are shared by the other CI formats, so
every format places contract and corpus results the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import quote

from ..fingerprints import fingerprint, heading_without_number
from .labels import label
from .streams import copy_spool, dumps as _dumps, indented_json, render_run, spool

NAME = "sarif"
BINARY = False
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "sociaalAudit/v2"  # v2: the file is part of the fingerprint
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
_TEXT = {
    "suggestion": {"nl": "Voorstel", "en": "Suggestion"},
    "source": {"nl": "Bron", "en": "Source"},
    "principles": {"nl": "Principes", "en": "Principles"},
    "looked_for": {"nl": "gezocht naar", "en": "looked for"},
    "srcroot": {"nl": "de map waarin sociaal-audit draaide (in CI: de hoofdmap van de repository)",
                "en": "the directory sociaal-audit ran in (in CI: the root of the repository)"},
    "whole_document": {"nl": "geldt voor het hele document", "en": "applies to the whole document"},
    "unused": {"nl": "ongebruikte onderdrukking van {rule}", "en": "unused suppression of {rule}"},
    "whole_register": {"nl": "geldt voor het hele contractregister", "en": "applies to the whole contract register"},
    "whole_group": {"nl": "geldt voor de documenten samen", "en": "applies to the documents together"},
    "pair": {
        "nl": "{first} ({first_doc}) en {second} ({second_doc}) zijn (bijna) gelijkluidend ({similarity}%).",
        "en": "{first} ({first_doc}) and {second} ({second_doc}) (nearly) say the same ({similarity}%).",
    },
    "omitted": {"nl": "{path}: nog {n} bevinding(en) per contract niet opgesomd (wel meegeteld)",
                "en": "{path}: {n} more finding(s) per contract not listed (but counted)"},
}
_CONTRACT_LINE = re.compile(r"^\s*(?:regel|line)\s+(\d+)\s*$", re.IGNORECASE)


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


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: a relative URI carries the base id ``%SRCROOT%`` (the directory the
    check ran in, the repository root in CI); a file outside it is an absolute file URI."""
    uri = artifact_uri(path)
    return {"uri": uri} if uri.startswith("file://") else {"uri": uri, "uriBaseId": SRCROOT}


def result_fingerprint(path: str, key: str) -> str:
    """The partial fingerprint of a result: its file and its path-free key (rule, heading, evidence),
    so the same missing provision in two documents is two results, and no line number counts."""
    return hashlib.sha256(f"{artifact_uri(path)}\x00{key}".encode()).hexdigest()[:32]


def error_line(error: Any) -> int | None:
    """The line an input error names when its message starts with ``path:line:`` (a malformed
    suppression); None for errors about the file as a whole."""
    head = f"{error.path}:"
    if not error.message.startswith(head):
        return None
    digits = re.match(r"(\d+):", error.message[len(head):])
    return int(digits.group(1)) if digits else None


def contract_line(source: str | None) -> int | None:
    """The register line of a contract when its ``source`` is a line ("regel 12" / "line 12");
    None for spreadsheet rows ("Blad1 rij 5"), releases and results about the whole register."""
    match = _CONTRACT_LINE.match(source or "")
    return int(match.group(1)) if match else None


def contract_message(finding: Any) -> str:
    """The finding's message, starting with the contract id (messages of whole-register results as is)."""
    if finding.contract is None or finding.message.startswith(finding.contract):
        return finding.message
    return f"{finding.contract}: {finding.message}"


@dataclass(frozen=True)
class CorpusItem:
    """One place-bound part of a corpus result: a pair of (nearly) equal articles, or the result's
    locations. ``primary`` is None for a result about the group without any location; ``path`` is
    then its first document (or the group when it has none)."""

    path: str
    primary: Any | None
    related: list[Any] = field(default_factory=list)
    message: str = ""
    key: str = ""


def _pair_key(rule: str, pair: Any) -> str:
    """Rule + both documents + both headings without number: a pair keeps its key when lines move,
    articles are renumbered or other pairs come and go."""
    h = hashlib.sha256(rule.encode())
    for loc in (pair.first, pair.second):
        h.update(b"\x00" + loc.path.encode() + b"\x00" + heading_without_number(loc.article_title, loc.article).encode())
    return h.hexdigest()[:16]


def corpus_items(c: Any, lang: str) -> list[CorpusItem]:
    """How a corpus result is shown in the CI formats: one item per pair, else one item with the
    first location as primary and the others related, else one file-level item."""
    base = c.fingerprint or fingerprint(c)
    if c.pairs:
        items = []
        for pair in c.pairs:
            sentence = _t("pair", lang, first=pair.first.article_title or pair.first.document_title,
                          first_doc=pair.first.document_title,
                          second=pair.second.article_title or pair.second.document_title,
                          second_doc=pair.second.document_title, similarity=f"{round(pair.similarity)}")
            items.append(CorpusItem(pair.first.path, pair.first, [pair.second], f"{sentence} {c.message}",
                                    _pair_key(c.rule, pair)))
        return items
    if c.locations:
        return [CorpusItem(c.locations[0].path, c.locations[0], list(c.locations[1:]), c.message, base)]
    return [CorpusItem(c.documents[0] if c.documents else c.group, None, [], c.message, base)]


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
            "artifactLocation": artifact_location(path),
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


def document_properties(d: Any) -> dict[str, Any]:
    """What the document's format says of it (CVDR id, date of adoption, legal basis), for the
    properties of its results; empty for a document whose format carries none."""
    props = {"title": d.title, "municipality": d.municipality, "identifier": getattr(d, "identifier", None),
             "adopted": getattr(d, "adopted", None), "legalBasis": list(getattr(d, "legal_basis", None) or [])}
    if not (props["identifier"] or props["adopted"] or props["legalBasis"]):
        return {}
    return {k: v for k, v in props.items() if v}


def _document_location(path: str, lang: str) -> dict[str, Any]:
    return {
        "physicalLocation": {"artifactLocation": artifact_location(path), "region": {"startLine": 1, "startColumn": 1}},
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
        "partialFingerprints": {FINGERPRINT_KEY: result_fingerprint(path, fingerprint(r))},
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
            entry["location"] = {"physicalLocation": {"artifactLocation": artifact_location(sup.path),
                                                      "region": {"startLine": sup.line}}}
        out["suppressions"] = [entry]
    if getattr(r, "baseline", None):
        out["baselineState"] = r.baseline
    return out


def _file_location(path: str, text: str) -> dict[str, Any]:
    """A place without a line: the artifact alone (valid SARIF; viewers show it on the file)."""
    return {"physicalLocation": {"artifactLocation": artifact_location(path)}, "message": {"text": text}}


def _corpus_results(c: Any, rule_index: dict[str, int], lang: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in corpus_items(c, lang):
        if item.primary is not None:
            location = _location(item.primary.path, item.primary, lang)
        else:
            location = _file_location(item.path, _t("whole_group", lang))
        result: dict[str, Any] = {
            "ruleId": c.rule,
            "level": LEVELS[c.severity],
            "message": {"text": item.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: result_fingerprint(item.path, item.key)},
            "properties": {"principles": list(c.principles), "theme": c.theme, "pack": c.pack, "group": c.group},
        }
        if item.related:
            result["relatedLocations"] = [{"id": i, **_location(loc.path, loc, lang)}
                                          for i, loc in enumerate(item.related, 1)]
        if c.rule in rule_index:
            result["ruleIndex"] = rule_index[c.rule]
        if getattr(c, "baseline", None):
            result["baselineState"] = c.baseline
        out.append(result)
    return out


def _contract_result(reg: Any, f: Any, rule_index: dict[str, int], lang: str) -> dict[str, Any]:
    line = contract_line(f.source)
    if f.contract is None:
        location = _file_location(reg.path, _t("whole_register", lang))
    else:
        label_text = " ".join(bit for bit in (f.contract, f.title and f"({f.title})") if bit)
        location = _file_location(reg.path, label_text)
        if line is not None:
            location["physicalLocation"]["region"] = {"startLine": line}
        location["logicalLocations"] = [{"name": f.contract, "fullyQualifiedName": f"{reg.path}#{f.contract}",
                                         "kind": "contract"}]
    text = contract_message(f)
    key = f.fingerprint or hashlib.sha256(f"{f.rule}\x00{f.contract}\x00{f.supplier}".encode()).hexdigest()[:16]
    properties: dict[str, Any] = {"principles": list(f.principles), "theme": f.theme, "pack": f.pack}
    properties.update({k: v for k, v in (("contract", f.contract), ("supplier", f.supplier), ("source", f.source)) if v})
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: result_fingerprint(reg.path, key)},
        "properties": properties,
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    return result


def _error_notes(run: Any) -> list[dict[str, Any]]:
    """Input errors of the run, each at its file (and line, for a malformed suppression)."""
    notes: list[dict[str, Any]] = []
    for e in run.errors:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(e.path)}
        line = error_line(e)
        if line is not None:
            physical["region"] = {"startLine": line}
        notes.append({"level": "error", "message": {"text": e.message}, "locations": [{"physicalLocation": physical}]})
    return notes


def _document_notes(d: Any) -> list[dict[str, Any]]:
    """Rules that could not run on document ``d``."""
    return [{
        "level": "error",
        "message": {"text": f"{r.rule}: {r.message}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(d.path)}}],
        "associatedRule": {"id": r.rule},
    } for r in d.results if r.status == "error"]


def _corpus_and_register_notes(run: Any, lang: str) -> list[dict[str, Any]]:
    """Corpus rules that could not run; register rules that could not run, unreadable rows and
    findings left out of a register."""
    notes: list[dict[str, Any]] = []
    for c in run.corpus:
        if c.status == "error":
            notes.append({
                "level": "error",
                "message": {"text": f"{c.rule}: {c.message}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(p)}}
                              for p in c.documents[:1]],
                "associatedRule": {"id": c.rule},
            })
    for reg in run.contracts:
        register = {"physicalLocation": {"artifactLocation": artifact_location(reg.path)}}
        for f in reg.findings:
            if f.status == "error":
                notes.append({"level": "error", "message": {"text": f"{f.rule}: {f.message}"},
                              "locations": [register], "associatedRule": {"id": f.rule}})
        for problem in reg.problems:
            notes.append({"level": "warning", "message": {"text": problem}, "locations": [register]})
        if reg.omitted:
            notes.append({"level": "note", "message": {"text": _t("omitted", lang, path=reg.path, n=reg.omitted)},
                          "locations": [register]})
    return notes


def _unused_note(s: Any, lang: str) -> dict[str, Any]:
    where: dict[str, Any] = {"artifactLocation": artifact_location(s.path)}
    if s.line:
        where["region"] = {"startLine": s.line}
    return {
        "level": "warning",
        "message": {"text": _t("unused", lang, rule=s.rule) + f" ({s.reason})"},
        "locations": [{"physicalLocation": where}],
    }


def _head_and_tail(run: Any, lang: str, rules: list[dict[str, Any]], notifications: list[dict[str, Any]],
                   successful: bool, results: list[Any]) -> str | tuple[str, str]:
    """The SARIF log around its results: the whole text when ``results`` is empty, else the text
    before and after the results array's items (which are written 8 spaces deep)."""
    sarif_run: dict[str, Any] = {
        "tool": {"driver": {
            "name": run.tool.name,
            "version": run.tool.version,
            "semanticVersion": run.tool.version,
            "language": "en-US" if lang == "en" else "nl-NL",
            "rules": rules,
        }},
        "invocations": [{"executionSuccessful": successful, "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": _t("srcroot", lang)}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": run.summary.model_dump(mode="json")},
    }
    if run.date:
        sarif_run["properties"]["date"] = run.date
    text = _dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [sarif_run]}) + "\n"
    if not results:
        return text
    marker = " " * RESULT_INDENT + json.dumps(_SENTINEL)
    i = text.index(marker)
    return text[:i], text[i + len(marker):]


# ----- writing, all at once or streamed -----------------------------------------------------------

RESULT_INDENT = 8  # $schema/runs[0]/results[i]: the depth of a result in the indented log
_SENTINEL = "__sociaal_audit_results__"


class Stream:
    """Writes the SARIF log of a run to ``fh`` document by document, byte-identical to
    :func:`render`. The invocation (with its notifications) comes before the results in the log
    but depends on every document, so the results wait in a spool and the log is written at the end."""

    def __init__(self, fh: IO[str], options: Any, in_memory: bool = False) -> None:
        self.fh = fh
        self.lang = options.lang
        self.results = spool(in_memory)
        self.count = 0
        self.rule_index: dict[str, int] = {}
        self.rules: list[dict[str, Any]] = []
        self.document_notes: list[dict[str, Any]] = []
        self.unused: list[Any] = []

    def start(self, run: Any) -> None:
        self.rules = [_rule_descriptor(r, self.lang) for r in run.rules]
        self.rule_index = {r.id: i for i, r in enumerate(run.rules)}

    def _add(self, result: dict[str, Any]) -> None:
        self.results.write(("" if self.count == 0 else ",\n") + indented_json(result, RESULT_INDENT))
        self.count += 1

    def document(self, d: Any) -> None:
        meta = document_properties(d)
        for r in d.results:
            if r.status == "fail":
                result = _result(r, d.path, self.rule_index, self.lang)
                if meta:
                    result["properties"]["document"] = meta
                self._add(result)
        self.document_notes.extend(_document_notes(d))
        self.unused.extend(d.unused_suppressions)

    def finish(self, run: Any) -> None:
        lang = self.lang
        for c in run.corpus:
            if c.status == "fail":
                for result in _corpus_results(c, self.rule_index, lang):
                    self._add(result)
        for reg in run.contracts:
            for f in reg.findings:
                if f.status == "fail":
                    self._add(_contract_result(reg, f, self.rule_index, lang))
        notifications = [*_error_notes(run), *self.document_notes, *_corpus_and_register_notes(run, lang),
                         *(_unused_note(s, lang) for s in [*self.unused, *run.unused_suppressions])]
        rule_errors = (bool(self.document_notes) or any(c.status == "error" for c in run.corpus)
                       or any(f.status == "error" for reg in run.contracts for f in reg.findings))
        framed = _head_and_tail(run, lang, self.rules, notifications, not run.errors and not rule_errors,
                                [_SENTINEL] if self.count else [])
        if isinstance(framed, str):
            self.fh.write(framed)
            self.results.close()
            return
        head, tail = framed
        self.fh.write(head)
        copy_spool(self.results, self.fh)
        self.fh.write(tail)


def render(run: Any, options: Any) -> str:
    return render_run(Stream, run, options)
