"""Baselines: accept today's findings so that a check fails only on new ones.

``sociaal-audit baseline create PATH... -o FILE`` writes the failed results of a run as JSON;
``check --baseline FILE`` marks each failed result ``unchanged`` (in the baseline: does not block)
or ``new``. A finding is identified by its document path (relative to the baseline file), its rule
and fingerprints of its evidence: per quoted place, the article heading without its number and the
normalised quote, in which references such as "artikel 26" lose their number. No line numbers: moving
or renumbering an article or editing elsewhere creates no new finding. A result that quotes more
places than the baseline recorded, one of them unknown (a second violating provision), is new even
when the rule already failed in the baseline; so is one that quotes none of the known places. A
known finding whose places are all gone counts as fixed. Results of ``metric``
rules judge the document as a whole and match on document and rule alone. It needs no git and works
for every input format (DOCX and PDF included).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from .errors import AuditError
from .fingerprints import evidence, fingerprint, heading_without_number, normalised_quote  # noqa: F401
from .results import BaselineInfo, CorpusResult, Result, RunResult

BASELINE_FORMAT = 2
READABLE_FORMATS = (1, 2)  # format 1 had one fingerprint per finding (its first place) and no evidence
_FORMAT_KEY = "sociaal_audit_baseline"
WHOLE_DOCUMENT_KINDS = frozenset({"metric"})  # the places quoted only illustrate a verdict on the document

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
    """One finding of a baseline: where, which rule, and the fingerprints of its evidence."""

    path: str
    rule: str
    fingerprint: str
    article: str | None = None
    quote: str | None = None
    evidence: tuple[str, ...] | None = None  # None: a format 1 entry, known by its fingerprint alone

    def places(self) -> frozenset[str]:
        return frozenset(self.evidence) if self.evidence is not None else frozenset({self.fingerprint})


def relative_path(path: str, base_dir: str) -> str:
    """``path`` relative to ``base_dir`` with forward slashes (the same on every system)."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir or "."))
    return rel.replace(os.sep, "/")


def _document_entries(doc: Any, base_dir: str) -> list[tuple[Entry, Result]]:
    out: list[tuple[Entry, Result]] = []
    rel = relative_path(doc.path, base_dir)
    for r in doc.results:
        if r.status == "fail" and r.suppressed is None:
            loc = r.locations[0] if r.locations else None
            out.append((Entry(rel, r.rule, fingerprint(r), loc.article_title if loc else None,
                              loc.quote if loc else None, evidence(r)), r))
    return out


def _corpus_entries(corpus: list[CorpusResult]) -> list[tuple[Entry, CorpusResult]]:
    out: list[tuple[Entry, CorpusResult]] = []
    for c in corpus:
        if c.status == "fail":
            loc = c.locations[0] if c.locations else None
            out.append((Entry(c.group, c.rule, fingerprint(c), loc.article_title if loc else None,
                              loc.quote if loc else None, (fingerprint(c),)), c))
    return out


def _record(e: Entry) -> dict[str, Any]:
    record: dict[str, Any] = {k: v for k, v in (("path", e.path), ("rule", e.rule), ("fingerprint", e.fingerprint),
                                                 ("article", e.article), ("quote", e.quote)) if v is not None}
    if e.evidence is not None and e.places() != {e.fingerprint}:
        record["evidence"] = list(e.evidence)
    return record


class Recorder:
    """Collects the findings of a new baseline one document at a time (a streamed run keeps no
    documents, only these small entries), then those across documents."""

    def __init__(self, baseline_path: str) -> None:
        self.base_dir = os.path.dirname(baseline_path) or "."
        self.entries: list[Entry] = []

    def document(self, doc: Any) -> None:
        self.entries.extend(e for e, _ in _document_entries(doc, self.base_dir))

    def finish(self, corpus: list[CorpusResult]) -> str:
        """The baseline file as JSON text (sorted, stable bytes)."""
        entries = sorted([*self.entries, *(e for e, _ in _corpus_entries(corpus))],
                         key=lambda e: (e.path, e.rule, e.fingerprint))
        data = {_FORMAT_KEY: BASELINE_FORMAT, "findings": [_record(e) for e in entries]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def create(run: RunResult, baseline_path: str) -> str:
    """The baseline file for ``run`` as JSON text (sorted, stable bytes)."""
    recorder = Recorder(baseline_path)
    for doc in run.documents:
        recorder.document(doc)
    return recorder.finish(run.corpus)


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
    if not isinstance(data, dict) or data.get(_FORMAT_KEY) not in READABLE_FORMATS:
        raise BaselineError(path, f"not a sociaal-audit baseline (expected \"{_FORMAT_KEY}\": {BASELINE_FORMAT})")
    legacy = data[_FORMAT_KEY] == 1
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(path, "'findings' must be a list")
    entries = []
    for i, item in enumerate(findings, 1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("path", "rule", "fingerprint")):
            raise BaselineError(path, f"finding {i} needs the strings path, rule and fingerprint")
        places = item.get("evidence")
        if places is not None and not (isinstance(places, list) and places and all(isinstance(p, str) for p in places)):
            raise BaselineError(path, f"finding {i}: 'evidence' must be a non-empty list of strings")
        if legacy:
            known = None
        else:
            known = tuple(places) if places is not None else (item["fingerprint"],)
        entries.append(Entry(item["path"], item["rule"], item["fingerprint"], item.get("article"), item.get("quote"), known))
    return entries


def _known(current: Entry, candidate: Entry, whole_document: bool) -> bool:
    """Is ``current`` the finding ``candidate`` records? Same rule and document (the caller groups by
    them). Known when every place it quotes is known. With a place the baseline does not know, it is
    new when it quotes more places than before (a violation was added) or none of the known ones
    (the evidence changed); with as many places as before and some known, one place took another's
    seat in a list the rule cuts short (a fix elsewhere lets the next one in), which is not new."""
    if whole_document:
        return True
    if candidate.evidence is None:  # format 1: the first place only
        return candidate.fingerprint == current.fingerprint
    now, then = current.places(), candidate.places()
    return now <= then or (bool(now & then) and len(now) <= len(then))


class Matcher:
    """Compares findings with a baseline one document at a time (a streamed run keeps no
    documents), then the results across documents; holds only the baseline's entries."""

    def __init__(self, baseline_path: str, entries: list[Entry], rules: list[Any]) -> None:
        """``entries``: the baseline's, as :func:`load` read them from ``baseline_path``."""
        self.unused: dict[str, dict[str, list[Entry]]] = {}  # path -> rule -> entries not yet matched
        for e in entries:
            self.unused.setdefault(e.path, {}).setdefault(e.rule, []).append(e)
        self.whole_document = {r.id for r in rules if r.kind in WHOLE_DOCUMENT_KINDS}
        self.info = BaselineInfo(path=baseline_path)
        self.base_dir = os.path.dirname(baseline_path) or "."

    def _match(self, found: list[tuple[Entry, Any]], checked: str) -> None:
        """Mark each finding ``new`` or ``unchanged``; count the baseline entries of ``checked``
        (a document or a group) that are fixed: none of their places is quoted any more (a new
        place joining a finding does not fix it)."""
        present: dict[str, set[str]] = {}  # every place still quoted, per rule
        for entry, result in found:
            present.setdefault(entry.rule, set()).update(entry.places())
            candidates = self.unused.get(entry.path, {}).get(entry.rule, [])
            match = next((c for c in candidates if _known(entry, c, entry.rule in self.whole_document)), None)
            if match is not None:
                candidates.remove(match)
                result.baseline = "unchanged"
                self.info.unchanged += 1
            else:
                result.baseline = "new"
                self.info.new += 1
        for rule, left in self.unused.pop(checked, {}).items():
            self.info.fixed += sum(1 for e in left if not (e.places() & present.get(rule, set())))

    def document(self, doc: Any) -> None:
        self._match(_document_entries(doc, self.base_dir), relative_path(doc.path, self.base_dir))

    def corpus(self, corpus: list[CorpusResult]) -> int:
        """Mark the results across documents; the number that are known (they count as baselined)."""
        found = _corpus_entries(corpus)
        for group in dict.fromkeys(c.group for c in corpus):  # only groups of this run can have fixed findings
            self._match([(e, r) for e, r in found if e.path == group], group)
        return sum(1 for _, r in found if r.baseline == "unchanged")


def apply(run: RunResult, baseline_path: str, entries: list[Entry] | None = None) -> BaselineInfo:
    """Mark every failed, unsuppressed result ``new`` or ``unchanged``; count the fixed ones.
    ``entries``: the baseline's, when the caller has loaded them already."""
    matcher = Matcher(baseline_path, load(baseline_path) if entries is None else entries, run.rules)
    for doc in run.documents:
        matcher.document(doc)
    matcher.corpus(run.corpus)
    run.baseline = matcher.info
    run.finalize()
    return matcher.info
