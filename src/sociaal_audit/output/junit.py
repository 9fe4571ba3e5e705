"""JUnit XML (``--format junit``) for CI test reports (GitLab, Jenkins, Azure DevOps).

One test suite per document and one test case per rule: a failed rule is a ``<failure>`` with the
message, place and evidence; a rule that could not run is an ``<error>``; not applicable,
suppressed and baselined findings are ``<skipped>`` with the reason. Input errors are a suite of
their own. No timestamps or host names, so the bytes are stable.

Results across documents (corpus) form the suite ``corpus``: a failed result is one test case per
pair of (nearly) equal articles (or one at its first location), with file and line. Each contract
register is a suite: one test case per listed finding (failed or erroneous contract results, at the
contract's row when the register gives a line, and every result about the whole register), then per
rule the contracts not listed, from the tallies: one passing case ("18 contracten in orde"), one
skipped case for the contracts it does not apply to, one failure for findings left out of the list.
Unreadable rows are errors.
"""

from __future__ import annotations

from typing import IO, Any
from xml.etree import ElementTree as ET

from .labels import where
from .sarif import contract_line, corpus_items
from .streams import copy_spool, render_run, spool

NAME = "junit"
BINARY = False
_TEXT = {
    "suppressed": {"nl": "onderdrukt: {reason}", "en": "suppressed: {reason}"},
    "known": {"nl": "bekend uit de baseline", "en": "known from the baseline"},
    "input_errors": {"nl": "invoerfouten", "en": "input errors"},
    "read": {"nl": "lezen", "en": "read"},
    "looked_for": {"nl": "gezocht naar", "en": "looked for"},
    "register": {"nl": "{path} — {n} contract(en)", "en": "{path} — {n} contract(s)"},
    "passed": {"nl": "{n} contract(en) in orde", "en": "{n} contract(s) passed"},
    "not_applicable": {"nl": "{n} contract(en) niet van toepassing", "en": "{n} contract(s) not applicable"},
    "omitted": {"nl": "nog {n} bevinding(en) niet opgesomd", "en": "{n} more finding(s) not listed"},
    "errors": {"nl": "{n} contract(en) konden niet worden gecontroleerd", "en": "{n} contract(s) could not be checked"},
    "row": {"nl": "onleesbare rij", "en": "unreadable row"},
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


def _add(total: dict[str, int], counts: dict[str, int]) -> None:
    for k, v in counts.items():
        total[k] = total.get(k, 0) + v


def _outcome(case: ET.Element, status: str, message: str, details: str, severity: str, known: bool, lang: str) -> str:
    if status == "fail" and known:
        ET.SubElement(case, "skipped", {"message": _t("known", lang)})
        return "skipped"
    if status == "fail":
        failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": severity})
        failure.text = _clean(details)
        return "failure"
    if status == "error":
        error = ET.SubElement(case, "error", {"message": _clean(message), "type": "rule_error"})
        error.text = _clean(message)
        return "error"
    if status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": _clean(message)})
        return "skipped"
    return "pass"


def _corpus_suite(suite: ET.Element, results: list[Any], titles: dict[str, str], lang: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in results:
        name = _clean(f"{c.rule}: {titles.get(c.rule, c.rule)}")
        if c.status != "fail":
            case = ET.SubElement(suite, "testcase", {"classname": c.group, "name": name})
            outcome = _outcome(case, c.status, c.message, c.message, c.severity, False, lang)
            counts[outcome] = counts.get(outcome, 0) + 1
            continue
        for item in corpus_items(c, lang):
            case = ET.SubElement(suite, "testcase", {"classname": c.group, "name": name, "file": item.path})
            places = [item.primary, *item.related] if item.primary is not None else []
            if item.primary is not None:
                case.set("line", str(item.primary.line))
            details = "\n".join([item.message, *(f"{p.path}:{p.line} {p.article_title or p.document_title}\n  “{p.quote}”"
                                                  for p in places)])
            outcome = _outcome(case, c.status, item.message, details, c.severity, c.baseline == "unchanged", lang)
            counts[outcome] = counts.get(outcome, 0) + 1
    _count(suite, counts)
    return counts


def _register_suite(suite: ET.Element, reg: Any, titles: dict[str, str], lang: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    listed: dict[tuple[str, str], int] = {}
    for f in reg.findings:
        listed[(f.rule, f.status)] = listed.get((f.rule, f.status), 0) + 1
        subject = " ".join(bit for bit in (f.contract, f.title and f"({f.title})") if bit) or titles.get(f.rule, f.rule)
        case = ET.SubElement(suite, "testcase", {"classname": reg.path, "name": _clean(f"{f.rule}: {subject}"),
                                                 "file": reg.path})
        line = contract_line(f.source)
        if line is not None:
            case.set("line", str(line))
        place = f"{reg.path}:{line}" if line is not None else reg.path
        details = f"{f.message}\n{place}" + (f" {f.contract}, {f.source}" if f.contract and f.source else "")
        outcome = _outcome(case, f.status, f.message, details, f.severity, False, lang)
        counts[outcome] = counts.get(outcome, 0) + 1
    for tally in reg.tallies:
        title = titles.get(tally.rule, tally.rule)
        for status, number, key in (("pass", tally.passed, "passed"), ("not_applicable", tally.not_applicable, "not_applicable"),
                                    ("fail", tally.failed, "omitted"), ("error", tally.errors, "errors")):
            rest = number - listed.get((tally.rule, status), 0)
            if rest <= 0:
                continue
            text = _t(key, lang, n=rest)
            case = ET.SubElement(suite, "testcase", {"classname": reg.path, "name": _clean(f"{tally.rule}: {title} — {text}"),
                                                     "file": reg.path})
            outcome = _outcome(case, status, text, text, tally.severity, False, lang)
            counts[outcome] = counts.get(outcome, 0) + 1
    for problem in reg.problems:
        case = ET.SubElement(suite, "testcase", {"classname": reg.path, "name": _t("row", lang), "file": reg.path})
        error = ET.SubElement(case, "error", {"message": _clean(problem), "type": "input_error"})
        error.text = _clean(problem)
        counts["error"] = counts.get("error", 0) + 1
    _count(suite, counts)
    return counts


def _suite_text(suite: ET.Element) -> str:
    """A suite as it appears inside the indented ``<testsuites>`` element (without the indentation
    before its opening tag)."""
    ET.indent(suite, level=1)
    return ET.tostring(suite, encoding="unicode")


class Stream:
    """Writes the JUnit XML of a run to ``fh`` document by document, byte-identical to
    :func:`render`. The root element carries the totals, so the suites wait in a spool and the
    file is written at the end."""

    def __init__(self, fh: IO[str], options: Any, in_memory: bool = False) -> None:
        self.fh = fh
        self.lang = options.lang
        self.suites = spool(in_memory)
        self.count = 0
        self.total: dict[str, int] = {}
        self.titles: dict[str, str] = {}

    def _add(self, suite: ET.Element, counts: dict[str, int]) -> None:
        self.suites.write("\n  " + _suite_text(suite))
        self.count += 1
        _add(self.total, counts)

    def start(self, run: Any) -> None:
        self.titles = {r.id: r.title.get(self.lang) or r.title["nl"] for r in run.rules}

    def document(self, d: Any) -> None:
        suite = ET.Element("testsuite", {"name": _clean(f"{d.path} — {d.title}"), "file": d.path})
        known = [("identifier", d.identifier), ("adopted", d.adopted), ("legal_basis", "; ".join(d.legal_basis or []))]
        if any(value for _, value in known):  # what a CVDR or Gemeenteblad file says of itself
            props = ET.SubElement(suite, "properties")
            for name, value in known:
                if value:
                    ET.SubElement(props, "property", {"name": name, "value": _clean(value)})
        counts: dict[str, int] = {}
        for r in d.results:
            outcome = _case(suite, r, d.path, self.titles, self.lang)
            counts[outcome] = counts.get(outcome, 0) + 1
        _count(suite, counts)
        self._add(suite, counts)

    def finish(self, run: Any) -> None:
        lang, titles = self.lang, self.titles
        if run.corpus:
            suite = ET.Element("testsuite", {"name": "corpus"})
            self._add(suite, _corpus_suite(suite, run.corpus, titles, lang))
        for reg in run.contracts:
            suite = ET.Element("testsuite", {"name": _clean(_t("register", lang, path=reg.path, n=reg.contracts)),
                                             "file": reg.path})
            self._add(suite, _register_suite(suite, reg, titles, lang))
        if run.errors:
            suite = ET.Element("testsuite", {"name": _t("input_errors", lang)})
            for e in run.errors:
                case = ET.SubElement(suite, "testcase", {"classname": e.path, "name": _t("read", lang), "file": e.path})
                error = ET.SubElement(case, "error", {"message": _clean(e.message), "type": "input_error"})
                error.text = _clean(e.message)
            _count(suite, {"error": len(run.errors)})
            self._add(suite, {"error": len(run.errors)})
        root = ET.Element("testsuites", {"name": "sociaal-audit"})
        _count(root, self.total)
        self.fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not self.count:
            self.fh.write(ET.tostring(root, encoding="unicode") + "\n")
            self.suites.close()
            return
        root.text = "-"  # the opening tag alone: attribute values escape '>', so the first one ends it
        opening = ET.tostring(root, encoding="unicode")
        self.fh.write(opening[: opening.index(">") + 1])
        copy_spool(self.suites, self.fh)
        self.fh.write("\n</testsuites>\n")


def render(run: Any, options: Any) -> str:
    return render_run(Stream, run, options)
