"""CSV (``--format csv``): one row per rule result per document, for spreadsheets and for audit
offices that tabulate many municipalities.

Columns: path, document, municipality, kind, rule, principles, theme, severity, status, line,
column, page, article, lid, message, quote, fingerprint, suppressed, suppression_reason, baseline.
Corpus results follow (path = group) and input errors come last with status ``input_error``.
UTF-8 with a byte order mark so Excel shows é and ë; cells that start with = + - @ get a leading
apostrophe so a spreadsheet never runs document text as a formula.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..baseline import fingerprint

NAME = "csv"
BINARY = False
COLUMNS = [
    "path", "document", "municipality", "kind", "rule", "principles", "theme", "severity", "status",
    "line", "column", "page", "article", "lid", "message", "quote", "fingerprint", "suppressed",
    "suppression_reason", "baseline",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _rows(run: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for d in run.documents:
        for r in d.results:
            loc = r.locations[0] if r.locations else None
            sup = r.suppressed
            rows.append([
                d.path, d.title, d.municipality, d.kind, r.rule, " ".join(r.principles), r.theme, r.severity,
                r.status, loc.line if loc else None, loc.column if loc else None, loc.page if loc else None,
                loc.article_title if loc else None, loc.lid if loc else None, r.message,
                loc.quote if loc else r.looked_for, fingerprint(r) if r.status == "fail" else None,
                "yes" if sup is not None else ("no" if r.status == "fail" else None),
                sup.reason if sup is not None else None, r.baseline,
            ])
    for c in run.corpus:
        loc = c.locations[0] if c.locations else None
        rows.append([
            c.group, loc.document_title if loc else None, c.municipality, None, c.rule, " ".join(c.principles),
            c.theme, c.severity, c.status, loc.line if loc else None, loc.column if loc else None, None,
            loc.article_title if loc else None, None, c.message, loc.quote if loc else None,
            fingerprint(c) if c.status == "fail" else None, None, None, c.baseline,
        ])
    for e in run.errors:
        rows.append([e.path, None, None, None, None, None, None, "error", "input_error", None, None, None,
                     None, None, e.message, None, None, None, None, None])
    return rows


def render(run: Any, options: Any) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in _rows(run):
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()
