"""The comparison table: documents (or municipalities) as rows, principles as columns.

Built from one or more :class:`RunResult` objects, so it works on a fresh run and on saved JSON
results alike, and from document results one at a time (:class:`TableBuilder`), so a run over
thousands of files does not keep every result in memory. A cell summarises every rule of that
principle for that row:

* ``pass``: at least one applicable rule ran and none failed;
* ``fail``: at least one rule failed;
* ``na``: no rule of the principle applied (or none ran);
* ``error``: a rule could not run and none failed.

Per municipality, the documents of one municipality form one row, grouped as the checks across
documents group them (:func:`sociaal_audit.corpus.group_documents`): a document whose municipality
was not detected joins the municipality the other documents of its directory name (when they all
name one), else the undetected documents of a directory form a row; with ``group_by="directory"``
(``corpus: {group_by: directory}`` in the configuration) every directory is a row. A
rule that asks for a provision (``requires``, ``budget_share``, ``results``) is met when any
document of the municipality meets it: one integral ordinance can carry what a sector ordinance
lacks. Any other rule that fails on a provision it quotes from the text (financing per hour,
three referrals, own strength as a precondition, a detailed ordinance) fails the municipality,
whatever its other documents say: another document does not undo that provision. Results across
documents (the ``samenhang`` pack) count in the row of the municipality they concern.

A failed result that is suppressed (an inline ``negeer`` comment or a config ``ignore``, each with
a reason) is accepted: it does not make its cell fail, as it does not block a check.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Literal

from pydantic import BaseModel, Field

from .corpus import group_key
from .results import CorpusResult, DocumentResult, Result, RuleInfo, RunResult

Cell = Literal["pass", "fail", "na", "error"]
_PRINCIPLE = re.compile(r"^P(\d{2})$")

# Kinds whose failure means "the provision asked for was not found": another document of the
# municipality that has it meets the rule.
ABSENCE_KINDS = frozenset({"requires", "budget_share", "results"})


class CompareRow(BaseModel):
    key: str
    label: str
    municipality: str | None = None
    documents: list[str] = Field(default_factory=list)
    cells: dict[str, Cell] = Field(default_factory=dict)
    passed: int = 0
    failed: int = 0


class CompareTable(BaseModel):
    by: Literal["document", "municipality"]
    principles: list[str]
    principle_titles: dict[str, str] = Field(default_factory=dict)
    rows: list[CompareRow]
    column_passed: dict[str, int] = Field(default_factory=dict)
    column_failed: dict[str, int] = Field(default_factory=dict)


def _cell(statuses: Iterable[str]) -> Cell:
    s = set(statuses)
    if "fail" in s:
        return "fail"
    if "pass" in s:
        return "pass"
    if "error" in s:
        return "error"
    return "na"


def _accepted(r: Result) -> bool:
    """A failed result accepted with a reason (suppressed): it does not count against its principle."""
    return r.status == "fail" and r.suppressed is not None


def _principle_key(p: str) -> tuple[int, str]:
    m = _PRINCIPLE.match(p)
    return (int(m.group(1)) if m else 999, p)


@dataclass
class _RuleTally:
    """What the documents of one row said about one rule."""

    principles: tuple[str, ...]
    passed: bool = False
    failed: bool = False
    failed_on_provision: bool = False  # a failure that quotes a provision another document cannot undo
    errored: bool = False

    def add(self, status: str, on_provision: bool) -> None:
        if status == "pass":
            self.passed = True
        elif status == "fail":
            self.failed = True
            self.failed_on_provision = self.failed_on_provision or on_provision
        elif status == "error":
            self.errored = True

    def merge(self, other: "_RuleTally") -> None:
        self.passed = self.passed or other.passed
        self.failed = self.failed or other.failed
        self.failed_on_provision = self.failed_on_provision or other.failed_on_provision
        self.errored = self.errored or other.errored

    def status(self) -> str:
        if self.failed_on_provision:
            return "fail"
        if self.passed:
            return "pass"
        if self.failed:
            return "fail"
        if self.errored:
            return "error"
        return "not_applicable"


@dataclass
class _Group:
    """One municipality row while documents arrive."""

    key: str
    label_path: str  # the path the label was taken from (the first in path order)
    label: str
    documents: list[str] = field(default_factory=list)
    rules: dict[str, _RuleTally] = field(default_factory=dict)


class TableBuilder:
    """Collects rules and document results (one at a time, in any order) into a :class:`CompareTable`.

    Keeps one small row per document or municipality, never the document results themselves."""

    def __init__(self, by: str = "document", lang: str = "nl", group_by: str = "municipality") -> None:
        if by not in ("document", "municipality"):
            raise ValueError(f"by must be 'document' or 'municipality', not {by!r}")
        if group_by not in ("municipality", "directory"):
            raise ValueError(f"group_by must be 'municipality' or 'directory', not {group_by!r}")
        self.by = by
        self.lang = lang
        self.group_by = group_by
        self.named_in_directory: dict[str, set[str]] = {}  # directory -> municipalities its documents name
        self.principles: set[str] = set()
        self.titles: dict[str, str] = {}
        self.kinds: dict[str, str] = {}  # rule id -> kind
        self.seen: set[str] = set()
        self.doc_rows: list[CompareRow] = []
        self.groups: dict[str, _Group] = {}
        self.group_of: dict[str, str] = {}  # document path -> group key

    # ----- input --------------------------------------------------------------------------------
    def add_rules(self, rules: Iterable[RuleInfo]) -> None:
        for rule in rules:
            self.kinds.setdefault(rule.id, rule.kind)
            for p in rule.principles:
                self.principles.add(p)
                self.titles.setdefault(p, rule.title.get(self.lang) or rule.title.get("nl", ""))

    def add_run(self, run: RunResult) -> None:
        """Rules, documents and results across documents of a whole (saved or fresh) run."""
        self.add_rules(run.rules)
        for doc in sorted(run.documents, key=lambda d: d.path):
            self.add_document(doc)
        self.add_corpus(run.corpus)

    def add_document(self, doc: DocumentResult) -> None:
        if doc.path in self.seen:  # the same file in two result sets: the first counts
            return
        self.seen.add(doc.path)
        if self.by == "document":
            per: dict[str, list[str]] = {}
            for r in doc.results:
                if _accepted(r):
                    continue
                for p in r.principles:
                    per.setdefault(p, []).append(r.status)
            cells = {p: _cell(statuses) for p, statuses in per.items()}
            self.doc_rows.append(CompareRow(key=doc.path, label=doc.title or doc.path, municipality=doc.municipality,
                                            documents=[doc.path], cells=cells))
            return
        directory = os.path.dirname(doc.path) or "."
        key = group_key(doc.municipality, directory, self.group_by)
        if key.startswith("gemeente:"):
            label = doc.municipality
            self.named_in_directory.setdefault(directory, set()).add(key)
        else:
            label = directory
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = _Group(key, doc.path, label)
        elif doc.path < group.label_path:  # the same label whatever order the documents come in
            group.label_path, group.label = doc.path, label
        group.documents.append(doc.path)
        self.group_of[doc.path] = key
        for r in doc.results:
            tally = group.rules.setdefault(r.rule, _RuleTally(tuple(r.principles)))
            if not _accepted(r):
                tally.add(r.status, self._on_provision(r))

    def add_corpus(self, results: Iterable[CorpusResult]) -> None:
        """Results across documents: in the row of every municipality whose documents they concern."""
        if self.by != "municipality":
            return
        for c in results:
            for key in sorted({self.group_of[p] for p in c.documents if p in self.group_of}):
                tally = self.groups[key].rules.setdefault(c.rule, _RuleTally(tuple(c.principles)))
                tally.add(c.status, True)  # about the municipality as a whole: no other document undoes it

    def _on_provision(self, r: Result) -> bool:
        """Does this failure quote a provision (outside the toelichting) that goes against the principle?"""
        if self.kinds.get(r.rule) in ABSENCE_KINDS:
            return False
        return any(loc.part != "toelichting" for loc in r.locations)

    # ----- output -------------------------------------------------------------------------------
    def _joined_groups(self) -> list[_Group]:
        """The rows per municipality: the undetected documents of a directory whose other documents
        all name one municipality join that municipality's row."""
        groups = dict(self.groups)
        for key in [k for k in groups if k.startswith("map:")]:
            target_key = group_key(None, key[4:], self.group_by, self.named_in_directory.get(key[4:], ()))
            if target_key == key:
                continue
            undetected, target = groups.pop(key), groups[target_key]
            joined = _Group(target.key, target.label_path, target.label, [*target.documents, *undetected.documents],
                            {rule: replace(t) for rule, t in target.rules.items()})
            for rule, t in undetected.rules.items():
                joined.rules.setdefault(rule, _RuleTally(t.principles)).merge(t)
            groups[target.key] = joined
        return list(groups.values())

    def table(self) -> CompareTable:
        columns = sorted(self.principles, key=_principle_key)
        if self.by == "municipality":
            rows = [self._group_row(g, columns) for g in self._joined_groups()]
        else:
            rows = [row.model_copy(update={"cells": {p: row.cells.get(p, "na") for p in columns}})
                    for row in self.doc_rows]
        rows.sort(key=lambda r: (r.label.casefold(), r.key))
        col_pass = {p: 0 for p in columns}
        col_fail = {p: 0 for p in columns}
        for row in rows:
            row.passed = sum(1 for v in row.cells.values() if v == "pass")
            row.failed = sum(1 for v in row.cells.values() if v == "fail")
            for p, v in row.cells.items():
                if v == "pass":
                    col_pass[p] += 1
                elif v == "fail":
                    col_fail[p] += 1
        return CompareTable(by=self.by, principles=columns, principle_titles=self.titles, rows=rows,
                            column_passed=col_pass, column_failed=col_fail)

    @staticmethod
    def _group_row(group: _Group, columns: list[str]) -> CompareRow:
        per: dict[str, list[str]] = {}
        for tally in group.rules.values():
            status = tally.status()
            for p in tally.principles:
                per.setdefault(p, []).append(status)
        municipality = group.label if group.key.startswith("gemeente:") else None
        return CompareRow(key=group.key, label=group.label, municipality=municipality,
                          documents=sorted(group.documents), cells={p: _cell(per.get(p, [])) for p in columns})


def build_table(runs: list[RunResult], by: str = "document", lang: str = "nl",
                group_by: str = "municipality") -> CompareTable:
    builder = TableBuilder(by, lang, group_by)
    for run in runs:
        builder.add_run(run)
    return builder.table()
