"""Register readers: one module per format, each yielding contracts one at a time.

A reader module defines::

    NAME: str                        # "csv", "xlsx", "list", "ocds"
    EXTENSIONS: tuple[str, ...]
    def iter_contracts(path: str, columns: ColumnMap) -> Iterator[Contract | RowProblem]

A file that cannot be read at all raises :class:`sociaal_audit.errors.InputError` (one line naming
the file); a single row that cannot be read is yielded as a :class:`RowProblem` naming the row and
the column, and the other rows go on. Its message is a
:class:`~sociaal_audit.contracts.reasons.Reason`: English, with the Dutch wording beside it, so a
report shows it in one language. Readers never hold the whole file in memory when the format
allows streaming (CSV, XLSX in read-only mode, OCDS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from pydantic import ValidationError

from ..columns import TERM_FIELDS, header_unit
from ..model import Contract
from ..reasons import FIELD_LABELS, Reason, pydantic_reason


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be read: where ('regel 12') and why (a :class:`Reason`, or plain text)."""

    source: str
    message: str


_TOTAL = re.compile(r"^(?:sub|eind|grand\s*)?(?:totaal|totalen|total|totals|som|sum)\b", re.I)
_AMOUNT_FIELDS = {"value", "min_turnover"}


def is_summary_row(data: Mapping[str, Any]) -> bool:
    """A totals row under the table ('Totaal', 'Subtotaal Wmo', or only amounts and no contract
    number) or a note under it (only a sentence in the first column): not a contract."""
    if "id" not in data:  # only amounts, perhaps under a label such as 'Totaal': nothing else a contract has
        labels = [str(data[name]).strip() for name in ("title", "supplier") if name in data]
        return set(data) <= _AMOUNT_FIELDS | {"title", "supplier"} and (
            set(data) <= _AMOUNT_FIELDS or any(_TOTAL.match(text) for text in labels))
    if _TOTAL.match(str(data["id"]).strip()):
        return True
    if set(data) == {"id"}:
        text = str(data["id"]).strip()
        return len(text.split()) >= 3 or text.endswith((".", ":"))  # 'Bron: inkoopadministratie, peildatum 1-1-2025'
    return False


def term_units(headers: Mapping[str, str] | None) -> dict[str, str]:
    """The unit each term column counts a bare number in, from its header: ``{"term": "month"}``
    for 'Looptijd (maanden)'. A reader works this out once per register, not per row."""
    if not headers:
        return {}
    return {name: unit for name in TERM_FIELDS if name in headers and (unit := header_unit(headers[name]))}


def contract_from_fields(values: Mapping[str, Any], source: str, headers: Mapping[str, str] | None = None,
                         units: Mapping[str, str] | None = None) -> Contract | RowProblem:
    """Validate one row (field -> raw value) into a Contract, or a RowProblem naming the column.
    ``units`` are the :func:`term_units` of ``headers`` (worked out from them when not given).
    An empty row, a totals row and a note under the table raise :class:`_EmptyRow`."""
    data = {k: v for k, v in values.items() if v is not None and not (isinstance(v, str) and not v.strip())}
    if not data or is_summary_row(data):
        raise _EmptyRow
    if "id" not in data:
        return RowProblem(source, Reason.of("no_contract_number"))
    data["source"] = source
    try:
        return Contract.model_validate(data, context={"term_units": term_units(headers) if units is None else units})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(x) for x in err.get("loc", ()) if isinstance(x, str)]
        name = loc[0] if loc else ""
        column: str | tuple[str, str] = (headers or {}).get(name) or FIELD_LABELS.get(name, (name, name))
        return RowProblem(source, Reason.labelled(column, pydantic_reason(err)))


class _EmptyRow(Exception):
    """Raised for a row that holds no contract (empty, totals, a note); readers skip it."""


def row_to_contract(values: Mapping[str, Any], source: str, headers: Mapping[str, str] | None = None,
                    units: Mapping[str, str] | None = None) -> Contract | RowProblem | None:
    """Like :func:`contract_from_fields` but None for a row that holds no contract."""
    try:
        return contract_from_fields(values, source, headers, units)
    except _EmptyRow:
        return None
