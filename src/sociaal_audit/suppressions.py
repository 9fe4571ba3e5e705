"""Suppressions: accepting a finding on purpose, with a recorded reason.

Inline, in Markdown, HTML or text documents::

    <!-- sociaal-audit: negeer INT-P05 reden="Hardheidsclausule staat in de moederverordening" -->

(``ignore`` and ``reason=`` work too; several rules may be listed, separated by commas; the comment
may span several lines.) Before the
first chapter or article the comment covers the whole file; elsewhere it covers the next article.
In the config, ``ignore:`` entries cover rules in paths. A reason is always required; a comment
without one is an error naming file and line. Suppressed findings stay in the results, marked with
the suppression, and never block; a suppression that matched no finding is reported as unused. A
config entry counts as unused when it covered checked documents without matching a finding, or when
its paths match no file at all: a run over a few files, as pre-commit makes, leaves the entries for
the other files alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .config import Config, path_matches, rule_matches
from .documents.model import Document, PartKind, TextLine
from .results import DocumentResult, InputErrorInfo, Result, RunResult, Suppression

_DIRECTIVE = re.compile(r"^\s*sociaal[-_ ]audit\s*:\s*(?P<body>.*)$", re.I | re.S)
_COMMAND = re.compile(r"^(?P<kw>negeer|ignore)\b\s*(?P<rest>.*)$", re.I | re.S)
_REASON = re.compile(r"\b(?:reden|reason)\s*=\s*", re.I)
_RULE_REF = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)*$", re.I)
_MULTILINE_COMMENT = re.compile(r"<!--((?:(?!-->).)*?\n.*?)-->", re.S)
TEXT_FORMATS = ("markdown", "text")  # their readers keep one-line comments only; HTML keeps them all
_QUOTES = {'"': '"', "'": "'", "“": "”", "„": "”", "‘": "’"}

MESSAGES: dict[str, dict[str, str]] = {
    "no_reason": {
        "nl": '{path}:{line}: onderdrukking zonder reden; schrijf: <!-- sociaal-audit: negeer {rules} reden="..." -->',
        "en": '{path}:{line}: suppression without a reason; write: <!-- sociaal-audit: ignore {rules} reason="..." -->',
    },
    "no_rules": {
        "nl": "{path}:{line}: onderdrukking zonder regel; noem een regel, bijvoorbeeld INT-P05",
        "en": "{path}:{line}: suppression without a rule; name one, for example INT-P05",
    },
    "bad_rule": {
        "nl": "{path}:{line}: '{rule}' is geen regel-id (zoals INT-P05 of INT-P05-hardheidsclausule)",
        "en": "{path}:{line}: '{rule}' is not a rule id (like INT-P05 or INT-P05-hardheidsclausule)",
    },
    "unknown_command": {
        "nl": "{path}:{line}: onbekende opdracht in sociaal-audit-commentaar: '{text}' (bedoeld: negeer REGEL reden=\"...\"?)",
        "en": "{path}:{line}: unknown command in sociaal-audit comment: '{text}' (meant: ignore RULE reason=\"...\"?)",
    },
    "unquoted": {
        "nl": "{path}:{line}: de reden moet tussen aanhalingstekens staan: reden=\"...\"",
        "en": "{path}:{line}: the reason must be quoted: reason=\"...\"",
    },
    "unused": {
        "nl": "{path}{at}: ongebruikte onderdrukking van {rule} ({scope}): geen bevinding gevonden",
        "en": "{path}{at}: unused suppression of {rule} ({scope}): no finding matched",
    },
    "scope_file": {"nl": "hele bestand", "en": "whole file"},
    "scope_paths": {"nl": "paden {pattern}", "en": "paths {pattern}"},
    "scope_article": {"nl": "{article}", "en": "{article}"},
    "scope_nothing": {"nl": "geen artikel volgt", "en": "no article follows"},
}


def msg(code: str, lang: str = "nl", **params: object) -> str:
    entry = MESSAGES[code]
    return (entry.get(lang) or entry["nl"]).format(**params)


class SuppressionProblem(ValueError):
    """A malformed inline suppression; ``message(lang)`` names file and line."""

    def __init__(self, code: str, path: str, line: int, **params: object) -> None:
        self.code, self.path, self.line, self.params = code, path, line, params
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        return msg(self.code, lang, path=self.path, line=self.line, **self.params)


@dataclass
class InlineSuppression:
    """One parsed comment and the lines it covers (``first_line`` to ``last_line`` for an article)."""

    rules: list[str]
    reason: str
    line: int
    scope: str  # "file" or "article"
    article: str | None = None
    first_line: int = 0
    last_line: int = 0

    def covers(self, result: Result) -> bool:
        if self.scope == "file":
            return True
        if self.article is None or not result.locations:
            return False
        return all(self.first_line <= loc.line <= self.last_line and loc.page is None for loc in result.locations)

    def model(self, path: str, rule: str) -> Suppression:
        return Suppression(rule=rule, reason=self.reason, source="inline", path=path, line=self.line,
                           scope="file" if self.scope == "file" else "article", article=self.article)


def parse_comment(text: str, path: str, line: int) -> tuple[list[str], str] | None:
    """Rules and reason of a ``sociaal-audit:`` comment; None for other comments.

    Raises :class:`SuppressionProblem` for a directive without reason or rules, or an unknown one."""
    directive = _DIRECTIVE.match(text)
    if directive is None:
        return None
    body = " ".join(directive.group("body").split())
    command = _COMMAND.match(body)
    if command is None:
        raise SuppressionProblem("unknown_command", path, line, text=body[:60])
    rest = command.group("rest")
    reason_at = _REASON.search(rest)
    rules_text = rest[: reason_at.start()] if reason_at else rest
    rules = [r for r in re.split(r"[,\s]+", rules_text.strip()) if r]
    if not rules:
        raise SuppressionProblem("no_rules", path, line)
    for rule in rules:
        if not _RULE_REF.match(rule):
            raise SuppressionProblem("bad_rule", path, line, rule=rule[:40])
    if reason_at is None:
        raise SuppressionProblem("no_reason", path, line, rules=" ".join(rules))
    raw = rest[reason_at.end():].strip()
    if raw[:1] in _QUOTES:
        close = raw.find(_QUOTES[raw[0]], 1)
        if close < 0 or raw[close + 1:].strip():
            raise SuppressionProblem("unquoted", path, line)
        reason = raw[1:close].strip()
    elif raw:
        raise SuppressionProblem("unquoted", path, line)
    else:
        reason = ""
    if not reason:
        raise SuppressionProblem("no_reason", path, line, rules=" ".join(rules))
    return rules, reason


def multiline_comments(doc: Document) -> list[TextLine]:
    """Comments of a Markdown or text document that span several lines, at the line they open on
    (the readers keep the comments that open and close on one line)."""
    if doc.format not in TEXT_FORMATS or "<!--" not in doc.text:
        return []
    out = []
    for m in _MULTILINE_COMMENT.finditer(doc.text):
        at = doc.locate(m.start())
        out.append(TextLine(text=m.group(1).strip(), line=at.line, column=at.column))
    return out


def inline_suppressions(doc: Document) -> tuple[list[InlineSuppression], list[SuppressionProblem]]:
    """The suppressions written in ``doc``'s comments, and the malformed ones."""
    found: list[InlineSuppression] = []
    problems: list[SuppressionProblem] = []
    articles = sorted((p for p in doc.all_parts if p.kind is PartKind.ARTICLE), key=lambda p: p.start)
    body_parts = [p for p in doc.parts if p.kind is not PartKind.PREAMBLE]
    body_line = doc.locate(body_parts[0].start).line if body_parts and articles else None
    comments = sorted([*doc.comments, *multiline_comments(doc)], key=lambda c: (c.line, c.column))
    for comment in comments:
        try:
            parsed = parse_comment(comment.text, doc.path, comment.line)
        except SuppressionProblem as problem:
            problems.append(problem)
            continue
        if parsed is None:
            continue
        rules, reason = parsed
        if body_line is None or comment.line < body_line:
            found.append(InlineSuppression(rules, reason, comment.line, "file"))
            continue
        following = next((a for a in articles if doc.locate(a.start).line > comment.line), None)
        if following is None:
            found.append(InlineSuppression(rules, reason, comment.line, "article"))
            continue
        found.append(InlineSuppression(
            rules, reason, comment.line, "article", article=following.title,
            first_line=doc.locate(following.start).line, last_line=doc.locate(max(following.start, following.end - 1)).line,
        ))
    return found, problems


def apply_inline(result: DocumentResult, suppressions: list[InlineSuppression]) -> None:
    """Mark the failed results the inline suppressions cover; record the unused ones."""
    used: set[tuple[int, str]] = set()
    for r in result.results:
        if r.status != "fail" or r.suppressed is not None:
            continue
        for sup in suppressions:
            ref = next((ref for ref in sup.rules if rule_matches(ref, r.rule)), None)
            if ref is not None and sup.covers(r):
                r.suppressed = sup.model(result.path, ref)
                used.add((id(sup), ref))
                break
    for sup in suppressions:
        for ref in sup.rules:
            if (id(sup), ref) not in used:
                result.unused_suppressions.append(sup.model(result.path, ref))


class ConfigIgnores:
    """The config's ``ignore`` entries applied one document at a time (a streamed run keeps no
    documents); :meth:`unused` lists the entries that matched nothing once all are seen."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.used: set[tuple[int, str]] = set()
        self.applied: set[int] = set()  # entries whose paths cover a document of this run

    def document(self, doc: DocumentResult) -> None:
        """Mark the failed results of ``doc`` that an entry covers."""
        config = self.config
        entries = [(i, e) for i, e in enumerate(config.ignore) if path_matches(e.path, doc.path, config.base_dir)]
        if not entries:
            return
        self.applied.update(i for i, _ in entries)
        for r in doc.results:
            if r.status != "fail" or r.suppressed is not None:
                continue
            for i, entry in entries:
                ref = next((ref for ref in entry.rules if rule_matches(ref, r.rule)), None)
                if ref is not None:
                    r.suppressed = _config_model(config, i, ref)
                    self.used.add((i, ref))
                    break

    def unused(self) -> list[Suppression]:
        out: list[Suppression] = []
        config = self.config
        existing: list[str] | None = None  # the files under base_dir, listed once when an entry needs them
        for i, entry in enumerate(config.ignore):
            if i not in self.applied:
                existing = files_under(config.base_dir) if existing is None else existing
                if any(path_matches(entry.path, f, config.base_dir) for f in existing):
                    continue  # its documents exist but were not checked in this run (pre-commit passes a few files)
            for ref in entry.rules:
                if (i, ref) not in self.used:
                    out.append(_config_model(config, i, ref))
        return out


def apply_config(run: RunResult, config: Config) -> None:
    """Mark failed results covered by the config's ``ignore`` entries; record the unused entries."""
    if not config.ignore:
        return
    ignores = ConfigIgnores(config)
    for doc in run.documents:
        ignores.document(doc)
    run.unused_suppressions.extend(ignores.unused())


def files_under(base_dir: str) -> list[str]:
    """Every file under ``base_dir``, hidden directories such as .git left out. An ignore entry whose
    path matches none of them is stale wherever the check runs."""
    found: list[str] = []
    for root, dirs, files in os.walk(base_dir or "."):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, name) for name in files)
    return found


def _config_model(config: Config, index: int, ref: str) -> Suppression:
    entry = config.ignore[index]
    line = config.ignore_lines[index] if index < len(config.ignore_lines) else None
    return Suppression(rule=ref, reason=entry.reason, source="config", path=config.path or "-", line=line,
                       scope="paths", pattern=entry.path)


def unused_message(sup: Suppression, lang: str = "nl") -> str:
    if sup.scope == "file":
        scope = msg("scope_file", lang)
    elif sup.scope == "paths":
        scope = msg("scope_paths", lang, pattern=sup.pattern or "**")
    else:
        scope = sup.article or msg("scope_nothing", lang)
    return msg("unused", lang, path=sup.path, at=f":{sup.line}" if sup.line else "", rule=sup.rule, scope=scope)


def may_have_suppressions(path: str) -> bool:
    """Cheap test before parsing a document again: does the file mention the directive at all?"""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    low = data.lower()
    return b"sociaal-audit" in low or b"sociaal_audit" in low or b"sociaal audit" in low


def apply_inline_to(doc_result: DocumentResult, kind: str | None, max_bytes: int | None,
                    lang: str) -> list[InputErrorInfo]:
    """Apply the inline suppressions of the document behind ``doc_result`` (read again only when
    the file contains the directive); the malformed ones come back as input errors naming file and line."""
    from .documents import DEFAULT_MAX_BYTES, load_document
    from .errors import InputError

    if not may_have_suppressions(doc_result.path):
        return []
    try:
        doc = load_document(doc_result.path, kind=kind, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    except InputError:
        return []  # it was read a moment ago; a file changed under us is not a suppression problem
    found, problems = inline_suppressions(doc)
    apply_inline(doc_result, found)
    return [InputErrorInfo(path=doc_result.path, message=problem.message(lang)) for problem in problems]


def apply_all(run: RunResult, config: Config, kind: str | None = None, max_bytes: int | None = None) -> None:
    """Apply inline suppressions (re-reading only files that contain the directive) and config
    ignores to ``run``; malformed suppressions become input errors naming file and line."""
    for doc_result in run.documents:
        run.errors.extend(apply_inline_to(doc_result, kind, max_bytes, run.lang))
    apply_config(run, config)
    run.finalize()
