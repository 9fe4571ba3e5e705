"""CSV contract registers: semicolon, comma or tab separated, UTF-8 (with or without BOM) or
Windows-1252 as Excel writes it, Dutch or English headers mapped through the column map.

The header row is the first of the first ten rows in which the column map finds a contract-number
column and at least one other field (title rows above the table are skipped). Rows are read one at
a time; each yields a contract or a row problem naming the line.
"""

from __future__ import annotations

import csv
from typing import Iterator

from ...errors import InputError
from ..columns import ColumnMap
from ..model import Contract
from . import RowProblem, row_to_contract

NAME = "csv"
EXTENSIONS = (".csv", ".tsv")
HEADER_SEARCH_ROWS = 10


def _encoding(path: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if b"\x00" in head:
        raise InputError(path, "binary_file")
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a multi-byte character cut off at the end of the sample
            return "utf-8-sig"
        return "cp1252"


def _delimiter(sample: str) -> str:
    first = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def iter_contracts(path: str, columns: ColumnMap) -> Iterator[Contract | RowProblem]:
    encoding = _encoding(path)
    try:
        with open(path, encoding=encoding, newline="") as fh:
            sample = fh.read(1 << 14)
            fh.seek(0)
            reader = csv.reader(fh, delimiter=_delimiter(sample))
            assigned: dict[int, str] = {}
            headers: dict[str, str] = {}
            for _ in range(HEADER_SEARCH_ROWS):
                row = next(reader, None)
                if row is None:
                    break
                assigned = columns.assign(row)
                if "id" in assigned.values() and len(assigned) >= 2:
                    headers = {f: row[i].strip() for i, f in assigned.items()}
                    break
            else:
                assigned = {}
            if not headers:
                raise InputError(path, "parse_failed", format="CSV",
                                 reason="no header row with a contract number column (e.g. 'Contractnummer' or 'Contract ID')")
            for row in reader:
                values = {f: row[i] for i, f in assigned.items() if i < len(row)}
                item = row_to_contract(values, f"regel {reader.line_num}", headers)
                if item is not None:
                    yield item
    except csv.Error as exc:
        raise InputError(path, "parse_failed", format="CSV", reason=str(exc)) from None
    except UnicodeDecodeError as exc:
        raise InputError(path, "parse_failed", format="CSV", reason=f"invalid {encoding} text at byte {exc.start}") from None
    except OSError as exc:
        raise InputError(path, "unreadable", reason=exc.strerror or str(exc)) from None
