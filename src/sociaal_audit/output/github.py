"""GitHub Actions workflow commands (``--format github``): each new finding becomes an annotation
(``::error file=...,line=...,col=...::message``) shown on the right line of the pull request.

An annotation is on the first place a finding quotes and names the others (up to five), so a
second violation of a rule that already failed is visible too. Suppressed findings and findings
already in the baseline do not annotate; they are listed as plain log lines with their reason, so
nothing is dropped silently. Unused suppressions are warnings;
input and rule errors are errors. Info findings are notices.

Contract findings annotate the register file, on the contract's row when the register gives a line
("regel 12"), else the file as a whole; the message names the contract. Results across documents
annotate each pair of (nearly) equal articles at the first article and name the second one; results
without a place annotate the group's first document.
"""

from __future__ import annotations

import os
from typing import IO, Any

from .labels import summary_line, where
from .sarif import contract_line, contract_message, corpus_items, error_line
from .streams import copy_spool, render_run, spool

NAME = "github"
BINARY = False
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
MAX_LOOKED_FOR = 300  # annotations are read in a pull request: the full pattern list is in the other formats
MAX_PLACES = 5  # places quoted in one annotation
_TEXT = {
    "suppressed": {"nl": "onderdrukt", "en": "suppressed"},
    "reason": {"nl": "reden", "en": "reason"},
    "known": {"nl": "bekend uit de baseline", "en": "known from the baseline"},
    "unused": {"nl": "ongebruikte onderdrukking van {rule}: geen bevinding gevonden ({reason})",
               "en": "unused suppression of {rule}: no finding matched ({reason})"},
    "looked_for": {"nl": "gezocht naar", "en": "looked for"},
    "also": {"nl": "ook", "en": "also"},
    "omitted": {"nl": "nog {n} bevinding(en) per contract niet opgesomd (wel meegeteld)",
                "en": "{n} more finding(s) per contract not listed (but counted)"},
}


def _t(key: str, lang: str, **params: object) -> str:
    entry = _TEXT[key]
    return (entry.get(lang) or entry["nl"]).format(**params)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str) -> str:
    """The ``file`` of an annotation: relative to the working directory (the repository root in CI)
    when the file is under it, however it was written ("./verordeningen/", an absolute path)."""
    norm = os.path.normpath(path)
    if os.path.isabs(norm):
        rel = os.path.relpath(norm)
        if not rel.startswith(".."):
            norm = rel
    return norm.replace(os.sep, "/")


def command(name: str, message: str, **props: Any) -> str:
    """One workflow command line; properties with value None are left out; ``file`` is made
    relative to the working directory."""
    if props.get("file") is not None:
        props["file"] = annotation_path(str(props["file"]))
    given = [(k, v) for k, v in props.items() if v is not None]
    head = f"::{name}"
    if given:
        head += " " + ",".join(f"{k}={escape_property(str(v))}" for k, v in given)
    return f"{head}::{escape_data(message)}"


def _annotation(r: Any, path: str, lang: str) -> str:
    title = f"{r.rule} ({', '.join(r.principles)})"
    body = r.message
    loc = r.locations[0] if r.locations else None
    if loc is not None:
        body += f"\n{where(loc, lang)}: “{loc.quote}”"
        for other in r.locations[1:MAX_PLACES]:  # a new place may be any of them (baseline)
            body += f"\n{_t('also', lang)}: {where(other, lang)}: “{other.quote}”"
        return command(COMMANDS[r.severity], body, file=path, line=loc.line, col=loc.column,
                       endLine=loc.end_line, endColumn=loc.end_column, title=title)
    if r.looked_for:
        looked_for = r.looked_for if len(r.looked_for) <= MAX_LOOKED_FOR else r.looked_for[:MAX_LOOKED_FOR] + "…"
        body += f"\n{_t('looked_for', lang)}: {looked_for}"
    return command(COMMANDS[r.severity], body, file=path, line=1, title=title)


def _plain(r: Any, path: str, lang: str) -> str:
    loc = r.locations[0] if r.locations else None
    place = f"{path}:{loc.line}:{loc.column}" if loc else path
    if r.suppressed is not None:
        state = f"{_t('suppressed', lang)} ({_t('reason', lang)}: {r.suppressed.reason})"
    else:
        state = _t("known", lang)
    return f"{place}: {r.rule} [{state}] {r.message}"


class Stream:
    """Writes the workflow commands of a run to ``fh`` document by document, byte-identical to
    :func:`render`: each document's annotations as it is checked; the plain lines of suppressed
    and known findings wait in a spool and follow the annotations, before the summary line."""

    def __init__(self, fh: IO[str], options: Any, in_memory: bool = False) -> None:
        self.fh = fh
        self.lang = options.lang
        self.quiet = spool(in_memory)

    def _write(self, lines: list[str]) -> None:
        self.fh.write("".join(line + "\n" for line in lines))

    def start(self, run: Any) -> None:
        pass

    def document(self, d: Any) -> None:
        lang = self.lang
        lines: list[str] = []
        for r in d.results:
            if r.status == "fail":
                if r.suppressed is not None or r.baseline == "unchanged":
                    self.quiet.write(_plain(r, d.path, lang) + "\n")
                else:
                    lines.append(_annotation(r, d.path, lang))
            elif r.status == "error":
                lines.append(command("error", f"{r.rule}: {r.message}", file=d.path, title=r.rule))
        for s in d.unused_suppressions:
            lines.append(command("warning", _t("unused", lang, rule=s.rule, reason=s.reason), file=s.path, line=s.line))
        self._write(lines)

    def finish(self, run: Any) -> None:
        lang = self.lang
        lines: list[str] = []
        for c in run.corpus:
            if c.status == "error":
                lines.append(command("error", f"{c.rule}: {c.message}", file=c.documents[0] if c.documents else None,
                                     title=c.rule))
            if c.status != "fail":
                continue
            for item in corpus_items(c, lang):
                loc = item.primary
                if c.baseline == "unchanged":
                    place = f"{item.path}:{loc.line}" if loc else item.path
                    self.quiet.write(f"{place}: {c.rule} [{_t('known', lang)}] {item.message}\n")
                    continue
                text = item.message + (f"\n“{loc.quote}”" if loc else "")
                for other in item.related:
                    text += f"\n{_t('also', lang)}: {other.path}:{other.line} {other.article_title or other.document_title}"
                lines.append(command(COMMANDS[c.severity], text, file=item.path, line=loc.line if loc else None,
                                     col=loc.column if loc else None, title=f"{c.rule} ({', '.join(c.principles)})"))
        for reg in run.contracts:
            for f in reg.findings:
                if f.status == "error":
                    lines.append(command("error", f"{f.rule}: {f.message}", file=reg.path, title=f.rule))
                elif f.status == "fail":
                    text = contract_message(f)
                    if f.contract and f.source:
                        text += f"\n{f.contract}" + (f" ({f.title})" if f.title else "") + f", {f.source}"
                    lines.append(command(COMMANDS[f.severity], text, file=reg.path, line=contract_line(f.source),
                                         title=f"{f.rule} ({', '.join(f.principles)})"))
            for problem in reg.problems:
                lines.append(command("warning", problem, file=reg.path))
            if reg.omitted:
                lines.append(command("notice", _t("omitted", lang, n=reg.omitted), file=reg.path))
        for s in run.unused_suppressions:
            lines.append(command("warning", _t("unused", lang, rule=s.rule, reason=s.reason), file=s.path, line=s.line))
        for e in run.errors:  # a malformed suppression annotates its line
            lines.append(command("error", e.message, file=e.path, line=error_line(e)))
        self._write(lines)
        copy_spool(self.quiet, self.fh)
        self._write([summary_line(run, lang)])


def render(run: Any, options: Any) -> str:
    return render_run(Stream, run, options)
