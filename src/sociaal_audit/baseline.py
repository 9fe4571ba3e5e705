"""Baselines: accept today's findings so that a check fails only on new ones.

``sociaal-audit baseline create PATH... -o FILE`` writes the failed results of a run as JSON;
``check --baseline FILE`` marks each failed result ``unchanged`` (in the baseline: does not block)
or ``new``. A finding is identified by its document path (relative to the baseline file), its rule
and a fingerprint of the article heading without its number and the normalised evidence quote:
no line numbers, so moving or renumbering an article or editing elsewhere creates no new finding.
It needs no git and works for every input format (DOCX and PDF included).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .errors import AuditError
from .results import BaselineInfo, CorpusResult, Result, RunResult
from .rules.matching import fold

BASELINE_FORMAT = 1
_FORMAT_KEY = "sociaal_audit_baseline"

_MESSAGES = {
    "nl": "{path}: ongeldig baselinebestand: {detail}",
    "en": "{path}: invalid baseline file: {detail}",
}


class BaselineError(AuditError):
    """A baseline file that cannot be read: names the file and the cause."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__("baseline_invalid", path=path, detail=detail)

    def message(self, lang: str = "nl") -> str:
        return _MESSAGES.get(lang, _MESSAGES["nl"]).format(path=self.path, detail=self.detail)


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    fingerprint: str
    article: str | None = None
    quote: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.fingerprint)


def heading_without_number(title: str | None, number: str | None) -> str:
    """'Artikel 5. Hardheidsclausule' -> 'hardheidsclausule' (folded), so renumbering keeps it."""
    if not title:
        return ""
    text = title
    if number:
        text = re.sub(rf"^\s*(?:artikel|art\.)?\s*{re.escape(number)}(?![\w])\s*[.:\-–—]?\s*", "", text, count=1, flags=re.I)
    return " ".join(fold(text).split())


def _digest(rule: str, heading: str, quote: str | None, status: str) -> str:
    h = hashlib.sha256(rule.encode())
    h.update(b"\x00" + heading.encode())
    if quote is None:
        h.update(b"\x00no-location\x00" + status.encode())
    else:
        h.update(b"\x00" + " ".join(fold(quote).split()).encode())
    return h.hexdigest()[:16]


def fingerprint(result: Result | CorpusResult) -> str:
    """Rule + article heading (without number) + normalised quote of the first location."""
    if not result.locations:
        return _digest(result.rule, "", None, result.status)
    loc = result.locations[0]
    return _digest(result.rule, heading_without_number(loc.article_title, loc.article), loc.quote, result.status)


def relative_path(path: str, base_dir: str) -> str:
    """``path`` relative to ``base_dir`` with forward slashes (the same on every system)."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir or "."))
    return rel.replace(os.sep, "/")


def _entries(run: RunResult, base_dir: str) -> list[tuple[Entry, Result | CorpusResult]]:
    out: list[tuple[Entry, Result | CorpusResult]] = []
    for doc in run.documents:
        rel = relative_path(doc.path, base_dir)
        for r in doc.results:
            if r.status == "fail" and r.suppressed is None:
                loc = r.locations[0] if r.locations else None
                out.append((Entry(rel, r.rule, fingerprint(r), loc.article_title if loc else None,
                                  loc.quote if loc else None), r))
    for c in run.corpus:
        if c.status == "fail":
            loc = c.locations[0] if c.locations else None
            out.append((Entry(c.group, c.rule, fingerprint(c), loc.article_title if loc else None,
                              loc.quote if loc else None), c))
    return out


def create(run: RunResult, baseline_path: str) -> str:
    """The baseline file for ``run`` as JSON text (sorted, stable bytes)."""
    base_dir = os.path.dirname(baseline_path) or "."
    entries = sorted((e for e, _ in _entries(run, base_dir)), key=lambda e: (e.path, e.rule, e.fingerprint))
    data = {
        _FORMAT_KEY: BASELINE_FORMAT,
        "findings": [
            {k: v for k, v in (("path", e.path), ("rule", e.rule), ("fingerprint", e.fingerprint),
                               ("article", e.article), ("quote", e.quote)) if v is not None}
            for e in entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(path: str) -> list[Entry]:
    try:
        with open(path, encoding="utf-8") as fh:
            data: Any = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(path, "file not found (create one with: sociaal-audit baseline create PATH... -o FILE)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(path, f"cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(path, f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get(_FORMAT_KEY) != BASELINE_FORMAT:
        raise BaselineError(path, f"not a sociaal-audit baseline (expected \"{_FORMAT_KEY}\": {BASELINE_FORMAT})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(path, "'findings' must be a list")
    entries = []
    for i, item in enumerate(findings, 1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("path", "rule", "fingerprint")):
            raise BaselineError(path, f"finding {i} needs the strings path, rule and fingerprint")
        entries.append(Entry(item["path"], item["rule"], item["fingerprint"], item.get("article"), item.get("quote")))
    return entries


def apply(run: RunResult, baseline_path: str) -> BaselineInfo:
    """Mark every failed, unsuppressed result ``new`` or ``unchanged``; count the fixed ones."""
    remaining = Counter(e.key for e in load(baseline_path))
    info = BaselineInfo(path=baseline_path)
    base_dir = os.path.dirname(baseline_path) or "."
    for entry, result in _entries(run, base_dir):
        if remaining[entry.key] > 0:
            remaining[entry.key] -= 1
            result.baseline = "unchanged"
            info.unchanged += 1
        else:
            result.baseline = "new"
            info.new += 1
    # only documents checked in this run can have fixed findings (pre-commit passes a few files)
    checked = {relative_path(d.path, base_dir) for d in run.documents} | {c.group for c in run.corpus}
    info.fixed = sum(n for key, n in remaining.items() if n > 0 and key[0] in checked)
    run.baseline = info
    run.finalize()
    return info
