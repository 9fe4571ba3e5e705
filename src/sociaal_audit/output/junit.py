"""JUnit XML (``--format junit``) for CI test reports (GitLab, Jenkins, Azure DevOps).

One test suite per document and one test case per rule: a failed rule is a ``<failure>`` with the
message, place and evidence; a rule that could not run is an ``<error>``; not applicable,
suppressed and baselined findings are ``<skipped>`` with the reason. Input errors are a suite of
their own. No timestamps or host names, so the bytes are stable.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from .labels import where

NAME = "junit"
BINARY = False
_TEXT = {
    "suppressed": {"nl": "onderdrukt: {reason}", "en": "suppressed: {reason}"},
    "known": {"nl": "bekend uit de baseline", "en": "known from the baseline"},
    "input_errors": {"nl": "invoerfouten", "en": "input errors"},
    "read": {"nl": "lezen", "en": "read"},
    "looked_for": {"nl": "gezocht naar", "en": "looked for"},
}


def _t(key: str, lang: str, **params: object) -> str:
    entry = _TEXT[key]
    return (entry.get(lang) or entry["nl"]).format(**params)


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters: drop them."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _details(r: Any, path: str, lang: str) -> str:
    parts = [r.message]
    for loc in r.locations:
        parts.append(f"{path}:{loc.line}:{loc.column} {where(loc, lang)}\n  “{loc.quote}”")
    if r.looked_for and not r.locations:
        parts.append(f"{_t('looked_for', lang)}: {r.looked_for}")
    return _clean("\n".join(parts))


def _case(suite: ET.Element, r: Any, path: str, titles: dict[str, str], lang: str) -> str:
    case = ET.SubElement(suite, "testcase", {
        "classname": path, "name": _clean(f"{r.rule}: {titles.get(r.rule, r.rule)}"), "file": path,
    })
    if r.locations:
        case.set("line", str(r.locations[0].line))
    if r.status == "fail" and r.suppressed is not None:
        ET.SubElement(case, "skipped", {"message": _clean(_t("suppressed", lang, reason=r.suppressed.reason))})
        return "skipped"
    if r.status == "fail" and r.baseline == "unchanged":
        ET.SubElement(case, "skipped", {"message": _t("known", lang)})
        return "skipped"
    if r.status == "fail":
        failure = ET.SubElement(case, "failure", {"message": _clean(r.message), "type": r.severity})
        failure.text = _details(r, path, lang)
        return "failure"
    if r.status == "error":
        error = ET.SubElement(case, "error", {"message": _clean(r.message), "type": "rule_error"})
        error.text = _clean(r.message)
        return "error"
    if r.status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": _clean(r.message)})
        return "skipped"
    return "pass"


def _count(suite: ET.Element, counts: dict[str, int]) -> None:
    suite.set("tests", str(sum(counts.values())))
    suite.set("failures", str(counts.get("failure", 0)))
    suite.set("errors", str(counts.get("error", 0)))
    suite.set("skipped", str(counts.get("skipped", 0)))


def render(run: Any, options: Any) -> str:
    lang = options.lang
    titles = {r.id: r.title.get(lang) or r.title["nl"] for r in run.rules}
    root = ET.Element("testsuites", {"name": "sociaal-audit"})
    total: dict[str, int] = {}
    for d in run.documents:
        suite = ET.SubElement(root, "testsuite", {"name": _clean(f"{d.path} — {d.title}"), "file": d.path})
        counts: dict[str, int] = {}
        for r in d.results:
            outcome = _case(suite, r, d.path, titles, lang)
            counts[outcome] = counts.get(outcome, 0) + 1
        _count(suite, counts)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    if run.corpus:
        suite = ET.SubElement(root, "testsuite", {"name": "corpus"})
        counts = {}
        for c in run.corpus:
            case = ET.SubElement(suite, "testcase", {"classname": c.group, "name": _clean(f"{c.rule}: {titles.get(c.rule, c.rule)}")})
            if c.status == "fail" and c.baseline != "unchanged":
                failure = ET.SubElement(case, "failure", {"message": _clean(c.message), "type": c.severity})
                failure.text = _clean("\n".join([c.message, *(f"{l.path}:{l.line} “{l.quote}”" for l in c.locations)]))
                outcome = "failure"
            elif c.status == "fail":
                ET.SubElement(case, "skipped", {"message": _t("known", lang)})
                outcome = "skipped"
            elif c.status == "error":
                ET.SubElement(case, "error", {"message": _clean(c.message), "type": "rule_error"})
                outcome = "error"
            elif c.status == "not_applicable":
                ET.SubElement(case, "skipped", {"message": _clean(c.message)})
                outcome = "skipped"
            else:
                outcome = "pass"
            counts[outcome] = counts.get(outcome, 0) + 1
        _count(suite, counts)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    if run.errors:
        suite = ET.SubElement(root, "testsuite", {"name": _t("input_errors", lang)})
        for e in run.errors:
            case = ET.SubElement(suite, "testcase", {"classname": e.path, "name": _t("read", lang), "file": e.path})
            error = ET.SubElement(case, "error", {"message": _clean(e.message), "type": "input_error"})
            error.text = _clean(e.message)
        _count(suite, {"error": len(run.errors)})
        total["error"] = total.get("error", 0) + len(run.errors)
    _count(root, total)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
