"""GitLab code quality report (``--format gitlab``): a JSON list of issues for the merge request
widget (``artifacts: reports: codequality``).

Each failed rule result is an issue with description, check_name, a stable fingerprint (path as in
``location.path``, however it was written on the command line; rule, article heading and evidence; no
line numbers, so GitLab recognises a finding that moved), severity and location. Suppressed findings are kept as ``info`` issues whose description gives the reason;
GitLab compares with the target branch itself, so baselined findings keep their severity.

A failed contract finding is an issue on the register file, at the contract's row when the register
gives a line ("regel 12"), else line 1; its fingerprint comes from rule, contract and supplier.
Results across documents are one issue per pair of (nearly) equal articles (at the first article,
the second named in the description) or one per result at its first location.
"""

from __future__ import annotations

from typing import IO, Any

from ..fingerprints import fingerprint
from .sarif import artifact_uri, contract_line, contract_message, corpus_items, result_fingerprint
from .streams import JsonArray, render_run

NAME = "gitlab"
BINARY = False
SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}
_TEXT = {
    "suppressed": {"nl": "onderdrukt, reden: {reason}", "en": "suppressed, reason: {reason}"},
    "also": {"nl": "ook", "en": "also"},
}


def _issue(rule: str, principles: list[str], theme: str, severity: str, message: str, path: str,
           line: int, key: str, suppressed_reason: str | None, lang: str) -> dict[str, Any]:
    description = f"{rule} ({', '.join(principles)}): {message}"
    if suppressed_reason is not None:
        description += " [" + (_TEXT["suppressed"].get(lang) or _TEXT["suppressed"]["nl"]).format(reason=suppressed_reason) + "]"
    return {
        "description": description,
        "check_name": rule,
        "fingerprint": result_fingerprint(path, key),
        "severity": "info" if suppressed_reason is not None else SEVERITIES[severity],
        "categories": ["Style"],
        "location": {"path": artifact_uri(path), "lines": {"begin": max(1, line)}},
        "content": {"body": theme},
    }


def _document_issues(d: Any, lang: str) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    for r in d.results:
        if r.status != "fail":
            continue
        line = r.locations[0].line if r.locations else 1
        reason = r.suppressed.reason if r.suppressed is not None else None
        issues.append(_issue(r.rule, r.principles, r.theme, r.severity, r.message, d.path, line,
                             fingerprint(r), reason, lang))
    return issues


def _run_issues(run: Any, lang: str) -> list[dict[str, Any]]:
    """Issues of the results across documents and of the contract registers."""
    issues: list[dict[str, Any]] = []
    also = _TEXT["also"].get(lang) or _TEXT["also"]["nl"]
    for c in run.corpus:
        if c.status != "fail":
            continue
        for item in corpus_items(c, lang):
            message = item.message + "".join(f" ({also}: {o.path}:{o.line})" for o in item.related)
            issues.append(_issue(c.rule, c.principles, c.theme, c.severity, message, item.path,
                                 item.primary.line if item.primary else 1, c.group + "\x00" + item.key, None, lang))
    for reg in run.contracts:
        for f in reg.findings:
            if f.status != "fail":
                continue
            message = contract_message(f)
            key = "\x00".join((f.rule, f.contract or "", f.supplier or "", f.fingerprint or ""))
            issues.append(_issue(f.rule, f.principles, f.theme, f.severity, message, reg.path,
                                 contract_line(f.source) or 1, key, None, lang))
    return issues


class Stream:
    """Writes the code quality report of a run to ``fh`` document by document, byte-identical to
    :func:`render`: a JSON list whose items are written as each document is checked."""

    def __init__(self, fh: IO[str], options: Any, in_memory: bool = False) -> None:
        self.fh = fh
        self.lang = options.lang
        self.array = JsonArray(fh)

    def start(self, run: Any) -> None:
        pass

    def document(self, d: Any) -> None:
        for issue in _document_issues(d, self.lang):
            self.array.add(issue)

    def finish(self, run: Any) -> None:
        for issue in _run_issues(run, self.lang):
            self.array.add(issue)
        self.array.close()
        self.fh.write("\n")


def render(run: Any, options: Any) -> str:
    return render_run(Stream, run, options)
