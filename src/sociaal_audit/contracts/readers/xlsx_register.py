"""XLSX contract registers (openpyxl, read-only and values only, so big workbooks stream).

The first worksheet that has a header row (within its first ten rows) with a contract-number
column and at least one other field is read; dates and numbers come as Excel stored them, text
cells go through the same parsers as CSV. Each row yields a contract or a row problem naming the
sheet and the row.
"""

from __future__ import annotations

import zipfile
from typing import Iterator

from ...errors import InputError
from ..columns import ColumnMap
from ..model import Contract
from . import RowProblem, row_to_contract, term_units

NAME = "xlsx"
EXTENSIONS = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10
MAX_UNPACKED = 2 * 1024**3  # uncompressed bytes; more is refused as a possible zip bomb


def iter_contracts(path: str, columns: ColumnMap) -> Iterator[Contract | RowProblem]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a runtime dependency
        raise InputError(path, "missing_extra", what="XLSX", extra="xlsx") from None
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(path, "parse_failed", format="XLSX", reason=f"not an Excel workbook ({type(exc).__name__})") from None
    if unpacked > MAX_UNPACKED:
        raise InputError(path, "zip_too_large", size=unpacked, limit=MAX_UNPACKED)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(path, "parse_failed", format="XLSX", reason=f"not an Excel workbook ({type(exc).__name__})") from None
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            assigned: dict[int, str] = {}
            headers: dict[str, str] = {}
            number = 0
            for row in rows:
                number += 1
                assigned = columns.assign(["" if v is None else v for v in row])
                if "id" in assigned.values() and len(assigned) >= 2:
                    headers = {f: str(row[i]).strip() for i, f in assigned.items()}
                    break
                if number >= HEADER_SEARCH_ROWS:
                    break
            if not headers:
                continue
            units = term_units(headers)
            for row in rows:
                number += 1
                values = {f: row[i] for i, f in assigned.items() if i < len(row)}
                item = row_to_contract(values, f"{sheet.title} rij {number}", headers, units)
                if item is not None:
                    yield item
            return
        raise InputError(path, "parse_failed", format="XLSX",
                         reason="no sheet with a header row with a contract number column (e.g. 'Contractnummer')")
    finally:
        workbook.close()
