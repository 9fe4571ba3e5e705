"""The comparison table: documents (or municipalities) as rows, principles as columns.

Built from one or more :class:`RunResult` objects, so it works on a fresh run and on saved JSON
results alike. A cell summarises every rule of that principle for that row:

* ``pass``: at least one applicable rule ran and none failed;
* ``fail``: at least one rule failed;
* ``na``: no rule of the principle applied (or none ran);
* ``error``: a rule could not run and none failed.

Per municipality, a principle counts as met when any of its documents meets it (one integral
ordinance can carry what another document lacks) and as failed only when none does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Literal

from pydantic import BaseModel, Field

from .results import RunResult

Cell = Literal["pass", "fail", "na", "error"]
_PRINCIPLE = re.compile(r"^P(\d{2})$")


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


def _merge(cells: Iterable[Cell]) -> Cell:
    s = set(cells)
    for value in ("pass", "fail", "error"):
        if value in s:
            return value  # type: ignore[return-value]
    return "na"


def _principle_key(p: str) -> tuple[int, str]:
    m = _PRINCIPLE.match(p)
    return (int(m.group(1)) if m else 999, p)


def build_table(runs: list[RunResult], by: str = "document", lang: str = "nl") -> CompareTable:
    principles: set[str] = set()
    titles: dict[str, str] = {}
    for run in runs:
        for rule in run.rules:
            for p in rule.principles:
                principles.add(p)
                titles.setdefault(p, rule.title.get(lang) or rule.title.get("nl", ""))
    columns = sorted(principles, key=_principle_key)

    doc_rows: list[CompareRow] = []
    seen: set[str] = set()
    for run in runs:
        for doc in run.documents:
            if doc.path in seen:
                continue
            seen.add(doc.path)
            per: dict[str, list[str]] = defaultdict(list)
            for r in doc.results:
                for p in r.principles:
                    per[p].append(r.status)
            cells = {p: _cell(per.get(p, [])) for p in columns}
            doc_rows.append(CompareRow(key=doc.path, label=doc.title or doc.path, municipality=doc.municipality,
                                       documents=[doc.path], cells=cells))
    if by == "municipality":
        groups: dict[str, list[CompareRow]] = defaultdict(list)
        for row in doc_rows:
            groups[row.municipality or "?"].append(row)
        rows = [
            CompareRow(
                key=name, label=name, municipality=None if name == "?" else name,
                documents=sorted(d for r in members for d in r.documents),
                cells={p: _merge(r.cells[p] for r in members) for p in columns},
            )
            for name, members in groups.items()
        ]
    else:
        rows = doc_rows
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
    return CompareTable(by=by, principles=columns, principle_titles=titles, rows=rows,
                        column_passed=col_pass, column_failed=col_fail)
