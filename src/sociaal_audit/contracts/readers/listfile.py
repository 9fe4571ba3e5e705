"""Contract lists in YAML or JSON: a list of mappings, or a mapping with a ``contracten`` or
``contracts`` list. Keys are the model's field names or any header of the column map::

    contracten:
      - contractnummer: JH-2024-001
        omschrijving: Jeugdhulp ambulant
        einddatum: 31-12-2027
        verlengingsopties: 2x1 jaar

YAML is loaded with the safe loader. These files are small by nature and read whole.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

import yaml

from ...errors import InputError
from ..columns import ColumnMap
from ..model import Contract
from ..reasons import Reason
from . import RowProblem, row_to_contract, term_units

NAME = "list"
EXTENSIONS = (".yaml", ".yml", ".json")


def contracts_in(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("contracten", "contracts", "contractregister", "register"):
            if isinstance(data.get(key), list):
                return data[key]
    return None


def iter_contracts(path: str, columns: ColumnMap) -> Iterator[Contract | RowProblem]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise InputError(path, "unreadable", reason=exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise InputError(path, "undecodable") from None
    is_json = path.lower().endswith(".json")
    try:
        data = json.loads(text) if is_json else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(path, "parse_failed", format="JSON" if is_json else "YAML", reason=str(exc).splitlines()[0]) from None
    items = contracts_in(data)
    if items is None:
        raise InputError(path, "not_contract_list_json" if is_json else "not_contract_list")
    yield from contracts_from_mappings(items, columns)


def contracts_from_mappings(items: list[Any], columns: ColumnMap, label: str = "contract") -> Iterator[Contract | RowProblem]:
    """Mappings keyed by field names or register headers -> contracts (used for pack examples too)."""
    fields = set(columns.aliases)
    seen: dict[tuple[str, ...], dict[int, str]] = {}  # items of one list mostly share their keys
    units_of: dict[tuple[str, ...], dict[str, str]] = {}
    for n, item in enumerate(items, 1):
        source = f"{label} {n}"
        if not isinstance(item, dict):
            yield RowProblem(source, Reason.of("not_mapping"))
            continue
        keys = list(item)
        signature = tuple(str(key) for key in keys)
        assigned = seen[signature] if signature in seen else seen.setdefault(signature, columns.assign(keys))
        values: dict[str, Any] = {}
        headers: dict[str, str] = {}
        for i, key in enumerate(keys):
            name = key if key in fields else assigned.get(i)
            if name is None:
                yield RowProblem(source, Reason.labelled(str(key), Reason.of("unknown_field")))
                break
            values[name] = item[key]
            headers[name] = str(key)
        else:
            if signature not in units_of:
                units_of[signature] = term_units(headers)
            result = row_to_contract(values, source, headers, units_of[signature])
            if result is not None:
                yield result
