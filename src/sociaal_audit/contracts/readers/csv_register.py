"""CSV contract registers: semicolon, comma or tab separated, UTF-8 (with or without BOM),
UTF-16 with a BOM, or Windows-1252 as Excel writes it, Dutch or English headers mapped through the
column map.

The header row is the first of the first ten rows in which the column map finds a contract-number
column and at least one other field (title rows above the table are skipped); the separator is the
one under which that row has the most known columns. Rows are read one at a time; each yields a
contract or a row problem naming the line. Empty rows, a totals row and notes under the table are
skipped.
"""

from __future__ import annotations

import csv
import io
import itertools
from typing import Iterator

from ...errors import InputError
from ..columns import ColumnMap
from ..model import Contract
from . import RowProblem, row_to_contract, term_units

NAME = "csv"
EXTENSIONS = (".csv", ".tsv")
HEADER_SEARCH_ROWS = 10


def _encoding(path: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's 'Unicode text' and some exports
        return "utf-16"
    if b"\x00" in head:
        raise InputError(path, "binary_file")
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a multi-byte character cut off at the end of the sample
            return "utf-8-sig"
        return "cp1252"


DELIMITERS = (";", ",", "\t")


def _header(rows: list[list[str]], columns: ColumnMap) -> tuple[int, dict[int, str]] | None:
    """(row index, column -> field) of the first row with a contract-number column and another field."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        assigned = columns.assign(row)
        if "id" in assigned.values() and len(assigned) >= 2:
            return index, assigned
    return None


def _dialect(sample: str, columns: ColumnMap) -> tuple[str, int, dict[int, str]] | None:
    """The delimiter under which the header row is found (the one giving the most known columns),
    with that row's index and its columns. Title rows above the table may use other punctuation."""
    best: tuple[str, int, dict[int, str]] | None = None
    for delimiter in DELIMITERS:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), HEADER_SEARCH_ROWS))
        except csv.Error:
            continue
        found = _header(rows, columns)
        if found and (best is None or len(found[1]) > len(best[2])):
            best = (delimiter, *found)
    return best


def iter_contracts(path: str, columns: ColumnMap) -> Iterator[Contract | RowProblem]:
    encoding = _encoding(path)
    try:
        with open(path, encoding=encoding, newline="") as fh:
            sample = fh.read(1 << 16)
            fh.seek(0)
            dialect = _dialect(sample, columns)
            if dialect is None:
                raise InputError(path, "parse_failed", format="CSV",
                                 reason="no header row with a contract number column (e.g. 'Contractnummer' or 'Contract ID')")
            delimiter, header_index, assigned = dialect
            reader = csv.reader(fh, delimiter=delimiter)
            row: list[str] = []
            for _ in range(header_index + 1):
                row = next(reader)
            headers = {f: row[i].strip() for i, f in assigned.items()}
            units = term_units(headers)
            for row in reader:
                values = {f: row[i] for i, f in assigned.items() if i < len(row)}
                item = row_to_contract(values, f"regel {reader.line_num}", headers, units)
                if item is not None:
                    yield item
    except csv.Error as exc:
        raise InputError(path, "parse_failed", format="CSV", reason=str(exc)) from None
    except UnicodeError as exc:
        raise InputError(path, "parse_failed", format="CSV", reason=f"invalid {encoding} text ({exc})") from None
    except OSError as exc:
        raise InputError(path, "unreadable", reason=exc.strerror or str(exc)) from None
