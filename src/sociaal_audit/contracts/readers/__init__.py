"""Register readers: one module per format, each yielding contracts one at a time.

A reader module defines::

    NAME: str                        # "csv", "xlsx", "list", "ocds"
    EXTENSIONS: tuple[str, ...]
    def iter_contracts(path: str, columns: ColumnMap) -> Iterator[Contract | RowProblem]

A file that cannot be read at all raises :class:`sociaal_audit.errors.InputError` (one line naming
the file); a single row that cannot be read is yielded as a :class:`RowProblem` naming the row and
the column, and the other rows go on. Readers never hold the whole file in memory when the format
allows streaming (CSV, XLSX in read-only mode, OCDS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from pydantic import ValidationError

from ..model import Contract


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be read: where ('regel 12') and why."""

    source: str
    message: str


_FIELD_NAMES_NL = {
    "id": "contractnummer", "title": "omschrijving", "supplier": "leverancier", "supplier_type": "soort aanbieder",
    "domain": "domein", "start": "ingangsdatum", "end": "einddatum", "extensions": "verlengingsopties",
    "max_end": "uiterste einddatum", "value": "waarde", "financing": "bekostiging", "referral_clause": "verwijsclausule",
    "open_entry": "tussentijdse toetreding", "procedure": "procedure", "min_turnover": "minimale omzet",
    "min_staff": "minimaal aantal medewerkers", "zzp_subcontracting": "onderaanneming zzp",
}


def contract_from_fields(values: Mapping[str, Any], source: str, headers: Mapping[str, str] | None = None) -> Contract | RowProblem:
    """Validate one row (field -> raw value) into a Contract, or a RowProblem naming the column."""
    data = {k: v for k, v in values.items() if v is not None and not (isinstance(v, str) and not v.strip())}
    if not data:
        raise _EmptyRow
    if "id" not in data:
        return RowProblem(source, "no contract number")
    data["source"] = source
    try:
        return Contract.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(x) for x in err.get("loc", ()) if isinstance(x, str)]
        name = loc[0] if loc else ""
        column = (headers or {}).get(name) or _FIELD_NAMES_NL.get(name, name)
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            msg = "unknown field"
        return RowProblem(source, f"{column}: {msg}" if column else msg)


class _EmptyRow(Exception):
    """Raised for a row without any value; readers skip it."""


def row_to_contract(values: Mapping[str, Any], source: str, headers: Mapping[str, str] | None = None) -> Contract | RowProblem | None:
    """Like :func:`contract_from_fields` but None for an empty row."""
    try:
        return contract_from_fields(values, source, headers)
    except _EmptyRow:
        return None
