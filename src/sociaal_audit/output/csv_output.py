"""CSV (``--format csv``): one row per rule result per document, for spreadsheets and for audit
offices that tabulate many municipalities.

Columns: path, document, municipality, kind, rule, principles, theme, severity, status, line,
column, page, article, lid, message, quote, fingerprint, suppressed, suppression_reason, baseline,
contract, source, group.

Results across documents (corpus) follow: a failed result is one row per pair of (nearly) equal
articles (path and line of the first article; the message names the second), or one row at its
first location; other results one row on the group's first document; ``group`` holds
``gemeente:<name>`` or ``map:<directory>``. Contract registers follow with kind ``contract`` (one row
per listed finding: contract id, its place in the file as ``source``, and the line when that place is
a line) or ``contractregister`` (results about the whole register); per rule, the contracts not
listed are summed in one row per status ("18 contract(en) in orde"), and rows of the register that
could not be read follow with status ``input_error``. Input errors come last, status ``input_error``.

UTF-8 with a byte order mark so Excel shows é and ë; cells that start with = + - @ get a leading
apostrophe so a spreadsheet never runs document text as a formula.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from ..fingerprints import fingerprint
from .sarif import contract_line, corpus_items
from .streams import render_run

NAME = "csv"
BINARY = False
COLUMNS = [
    "path", "document", "municipality", "kind", "rule", "principles", "theme", "severity", "status",
    "line", "column", "page", "article", "lid", "message", "quote", "fingerprint", "suppressed",
    "suppression_reason", "baseline", "contract", "source", "group",
    # what the document's format says of it (CVDR, Gemeenteblad): identifier, date of adoption, legal basis
    "identifier", "adopted", "legal_basis",
]
_TEXT = {
    "pass": {"nl": "{n} contract(en) in orde", "en": "{n} contract(s) passed"},
    "not_applicable": {"nl": "{n} contract(en) niet van toepassing", "en": "{n} contract(s) not applicable"},
    "fail": {"nl": "nog {n} bevinding(en) niet opgesomd", "en": "{n} more finding(s) not listed"},
    "error": {"nl": "{n} contract(en) konden niet worden gecontroleerd", "en": "{n} contract(s) could not be checked"},
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _row(**cells: Any) -> list[Any]:
    return [cells.get(name) for name in COLUMNS]


def _document_rows(d: Any) -> list[list[Any]]:
    """One row per rule result of document ``d``."""
    rows: list[list[Any]] = []
    for r in d.results:
        loc = r.locations[0] if r.locations else None
        sup = r.suppressed
        rows.append(_row(
            path=d.path, document=d.title, municipality=d.municipality, kind=d.kind, rule=r.rule,
            principles=" ".join(r.principles), theme=r.theme, severity=r.severity, status=r.status,
            line=loc.line if loc else None, column=loc.column if loc else None, page=loc.page if loc else None,
            article=loc.article_title if loc else None, lid=loc.lid if loc else None, message=r.message,
            quote=loc.quote if loc else r.looked_for, fingerprint=fingerprint(r) if r.status == "fail" else None,
            suppressed="yes" if sup is not None else ("no" if r.status == "fail" else None),
            suppression_reason=sup.reason if sup is not None else None, baseline=r.baseline,
            identifier=d.identifier, adopted=d.adopted, legal_basis="; ".join(d.legal_basis or []) or None,
        ))
    return rows


def _corpus_rows(run: Any, lang: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for c in run.corpus:
        common = dict(municipality=c.municipality, rule=c.rule, principles=" ".join(c.principles), theme=c.theme,
                      severity=c.severity, status=c.status, baseline=c.baseline, group=c.group)
        if c.status != "fail":
            rows.append(_row(path=c.documents[0] if c.documents else c.group, message=c.message, **common))
            continue
        for item in corpus_items(c, lang):
            loc = item.primary
            rows.append(_row(
                path=item.path, document=loc.document_title if loc else None, line=loc.line if loc else None,
                column=loc.column if loc else None, article=loc.article_title if loc else None,
                message=item.message, quote=loc.quote if loc else None, fingerprint=item.key, suppressed="no",
                **common,
            ))
    return rows


def _register_rows(run: Any, lang: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for reg in run.contracts:
        listed: dict[tuple[str, str], int] = {}
        for f in reg.findings:
            listed[(f.rule, f.status)] = listed.get((f.rule, f.status), 0) + 1
            rows.append(_row(
                path=reg.path, document=f.title, kind="contract" if f.contract else "contractregister", rule=f.rule,
                principles=" ".join(f.principles), theme=f.theme, severity=f.severity, status=f.status,
                line=contract_line(f.source), message=f.message,
                fingerprint=f.fingerprint if f.status == "fail" else None,
                suppressed="no" if f.status == "fail" else None, contract=f.contract, source=f.source,
            ))
        principles = {f.rule: " ".join(f.principles) for f in reg.findings}
        themes = {f.rule: f.theme for f in reg.findings}
        rules = {r.id: r for r in run.rules}
        for tally in reg.tallies:
            info = rules.get(tally.rule)
            for status, number in (("pass", tally.passed), ("not_applicable", tally.not_applicable),
                                   ("fail", tally.failed), ("error", tally.errors)):
                rest = number - listed.get((tally.rule, status), 0)
                if rest <= 0:
                    continue
                entry = _TEXT[status]
                rows.append(_row(
                    path=reg.path, kind="contract", rule=tally.rule,
                    principles=" ".join(info.principles) if info else principles.get(tally.rule),
                    theme=info.theme if info else themes.get(tally.rule), severity=tally.severity, status=status,
                    message=(entry.get(lang) or entry["nl"]).format(n=rest),
                ))
        for problem in reg.problems:
            rows.append(_row(path=reg.path, kind="contractregister", severity="error", status="input_error", message=problem))
    return rows


class Stream:
    """Writes the CSV of a run to ``fh`` document by document, byte-identical to :func:`render`:
    the header, each document's rows as it is checked, then corpus, register and error rows."""

    def __init__(self, fh: IO[str], options: Any, in_memory: bool = False) -> None:
        self.fh = fh
        self.lang = options.lang
        self.writer = csv.writer(fh, lineterminator="\r\n")

    def _write(self, rows: list[list[Any]]) -> None:
        for row in rows:
            self.writer.writerow([safe_cell(v) for v in row])

    def start(self, run: Any) -> None:
        self.fh.write("\ufeff")
        self.writer.writerow(COLUMNS)

    def document(self, d: Any) -> None:
        self._write(_document_rows(d))

    def finish(self, run: Any) -> None:
        self._write(_corpus_rows(run, self.lang) + _register_rows(run, self.lang))
        self._write([_row(path=e.path, severity="error", status="input_error", message=e.message) for e in run.errors])


def render(run: Any, options: Any) -> str:
    return render_run(Stream, run, options)
