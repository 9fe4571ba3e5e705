"""OCDS contract data: release packages, record packages and JSON Lines, streamed.

* release package (``{"releases": [...]}``): each release of ``releases.item`` in turn (ijson);
* record package (``{"records": [...]}``): the ``compiledRelease`` of each record (a record
  without one is a row problem);
* JSON Lines (``.jsonl``, ``.ndjson``, or a ``.json`` whose first line is a whole release): one
  compiled release, record or release package per line.

Each may be gzip-compressed (``.jsonl.gz``, ``.ndjson.gz``, ``.json.gz``), as bulk downloads are;
it is decompressed as it streams.

Only one release is in memory at a time, so a file of hundreds of MB reads in bounded memory.

One contract per ``contracts[]`` entry (joined to its award through ``awardID``), else one per
award; a release with only a tender has no contract yet and yields nothing; cancelled contracts and
cancelled or unsuccessful awards are skipped. A contract id of only digits is prefixed with the
ocid (``ocds-abc-123/1``). Values in another currency than EUR are
left out of the euro figures. Fields:

=====================  =================================================================================
contract field         OCDS
=====================  =================================================================================
id, title              ``contracts[].id``/``title``, else ``awards[].id``/``title``; title falls back to
                       ``tender.title``
supplier               ``awards[].suppliers[0].name``
supplier type          ``parties[].details.scale`` ``selfEmployed`` -> zzp; otherwise the local field
start, end, max end    ``contracts[].period``, else ``awards[].contractPeriod``, else
                       ``tender.contractPeriod``: ``startDate``, ``endDate`` (or start +
                       ``durationInDays``); ``maxExtentDate`` from the first of these that has it
extension options      ``tender.hasRenewal`` and ``tender.renewal.maximumRenewals`` x
                       ``renewal.period.durationInDays``
value                  ``contracts[].value.amount``, else ``awards[].value.amount``, else ``tender.value``
financing              ``items[].unit``: iWmo/iJw unit codes (WJ756: 01, 04, 14, 16, 84 inspanning;
                       82, 83 output), UN/CEFACT units of time (MIN, HUR, DAY, WEE) or unit names
                       ("uur", "etmaal", "lumpsum")
open entry, procedure  ``tender.techniques.hasDynamicPurchasingSystem``; ``tender.procurementMethodDetails``
entry thresholds       ``tender.selectionCriteria.criteria[]`` (selection criteria extension):
                       ``minimum`` of an economic criterion about turnover (omzet) or a technical one
                       about staff (medewerkers, fte)
=====================  =================================================================================

Facts OCDS has no field for (referral clause, open entry when not a DPS, domain, zzp subcontracting,
an explicit financing form or supplier type) are read from a local ``sociaalDomein`` object on the
tender, award or contract (the contract's wins): ``referralClause``, ``openEntry``, ``domain``,
``supplierType``, ``financing``, ``procedure``, ``zzpSubcontracting``, ``minimumTurnover``,
``minimumStaff`` and ``extensions`` (as in a register: "stilzwijgend", "2x1 jaar").
"""

from __future__ import annotations

import gzip
import json
from typing import Any, BinaryIO, Iterator

from ...errors import InputError
from ..columns import ColumnMap
from ..financing import UNCEFACT_CODES, FinancingForm, form_from_unit
from ..model import Contract
from ..parsing import ContractTerm
from ..reasons import Reason
from . import RowProblem, row_to_contract

NAME = "ocds"
EXTENSIONS = (".jsonl", ".ndjson", ".json")
LINE_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines", ".jsonl.gz", ".ndjson.gz")
LOCAL_FIELDS = {
    "referralClause": "referral_clause", "openEntry": "open_entry", "domain": "domain", "supplierType": "supplier_type",
    "financing": "financing", "procedure": "procedure", "zzpSubcontracting": "zzp_subcontracting",
    "minimumTurnover": "min_turnover", "minimumStaff": "min_staff", "extensions": "extensions",
}
_DOMAIN_SCHEMES = {"wmo020": "wmo", "jz020": "jeugd"}
DEAD = ("cancelled", "unsuccessful")  # contract and award statuses that are no contract


def open_binary(path: str) -> BinaryIO:
    """The file's bytes, decompressed on the fly for ``.gz`` (still streamed)."""
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def head_of(path: str, size: int = 1 << 16) -> bytes:
    """The first ``size`` bytes (decompressed); empty when the file cannot be read."""
    try:
        with open_binary(path) as fh:
            return fh.read(size)
    except (OSError, EOFError):
        return b""


def looks_like_ocds(head: bytes) -> bool:
    """Does the start of a JSON file look like OCDS (a package, a release or a record)?"""
    text = head[:1 << 16].decode("utf-8", "ignore")
    return any(key in text for key in ('"ocid"', '"releases"', '"records"', '"compiledRelease"'))


def _is_lines(path: str) -> bool:
    if path.lower().endswith(LINE_EXTENSIONS):
        return True
    with open_binary(path) as fh:
        first = fh.readline(1 << 24).strip()
    if not first.startswith(b"{"):
        return False
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and ("ocid" in obj or "compiledRelease" in obj or "releases" in obj)


def _package_kind(path: str) -> str:
    import ijson

    with open_binary(path) as fh:
        for prefix, event, value in ijson.parse(fh):
            if prefix == "" and event == "map_key" and value in ("releases", "records"):
                return str(value)
            if prefix == "" and event == "start_array":
                return "list"  # a bare list of releases
            if prefix == "" and event == "end_map":
                break
    return ""


def iter_releases(path: str) -> Iterator[tuple[str, Any]]:
    """(source, release) pairs; a release that cannot be parsed comes as (source, RowProblem)."""
    try:
        if _is_lines(path):
            yield from _lines(path)
            return
        kind = _package_kind(path)
    except gzip.BadGzipFile as exc:
        raise InputError(path, "parse_failed", format="OCDS JSON (gzip)", reason=_reason(exc)) from None
    except OSError as exc:
        raise InputError(path, "unreadable", reason=exc.strerror or str(exc)) from None
    except Exception as exc:  # ijson.JSONError and friends: the file as a whole is broken
        raise InputError(path, "parse_failed", format="OCDS JSON", reason=_reason(exc)) from None
    if not kind:
        raise InputError(path, "parse_failed", format="OCDS JSON",
                         reason="no 'releases' or 'records' list (not a release or record package)")
    import ijson

    prefix = {"releases": "releases.item", "records": "records.item", "list": "item"}[kind]
    label = "record" if kind == "records" else "release"
    n = 0
    try:
        with open_binary(path) as fh:
            for item in ijson.items(fh, prefix, use_float=True):
                n += 1
                yield f"{label} {n}", _compiled(item)
    except (gzip.BadGzipFile, EOFError) as exc:
        raise InputError(path, "parse_failed", format="OCDS JSON (gzip)", reason=f"after {label} {n}: {_reason(exc)}") from None
    except OSError as exc:
        raise InputError(path, "unreadable", reason=exc.strerror or str(exc)) from None
    except Exception as exc:
        raise InputError(path, "parse_failed", format="OCDS JSON", reason=f"after {label} {n}: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def _compiled(item: Any) -> Any:
    """A record's compiled release; a record without one cannot be read (its releases are only
    linked or not merged), which is a row problem rather than a silent skip."""
    if isinstance(item, dict) and "compiledRelease" in item:
        return item["compiledRelease"]
    if isinstance(item, dict) and isinstance(item.get("releases"), list) and "tender" not in item and "awards" not in item:
        return _NO_COMPILED
    return item


_NO_COMPILED = object()


def _lines(path: str) -> Iterator[tuple[str, Any]]:
    try:
        yield from _numbered_lines(path)
    except (gzip.BadGzipFile, EOFError) as exc:
        raise InputError(path, "parse_failed", format="OCDS JSON Lines (gzip)", reason=_reason(exc)) from None


def _numbered_lines(path: str) -> Iterator[tuple[str, Any]]:
    with open_binary(path) as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            source = f"regel {number}"
            try:
                obj = json.loads(raw.rstrip())  # without the line break, a line cut short fails just after its end
            except (ValueError, RecursionError) as exc:
                yield source, RowProblem(source, Reason.of("invalid_json", detail=json_error(exc)))
                continue
            if isinstance(obj, dict) and isinstance(obj.get("releases"), list):
                for i, rel in enumerate(obj["releases"], 1):
                    yield f"{source}, release {i}", rel
            elif isinstance(obj, dict) and isinstance(obj.get("records"), list):
                for i, rec in enumerate(obj["records"], 1):
                    yield f"{source}, record {i}", _compiled(rec)
            else:
                yield source, _compiled(obj)


# what the JSON parser says (its first words) -> our reason, which names the column in the line
_JSON_MESSAGES = (
    ("Expecting value", "json_value"), ("Expecting property name", "json_name"), ("Expecting ':'", "json_colon"),
    ("Expecting ','", "json_comma"), ("Unterminated string", "json_string"), ("Invalid control character", "json_control"),
    ("Invalid \\", "json_escape"), ("Extra data", "json_extra"), ("Illegal trailing comma", "json_trailing_comma"),
)


def json_error(exc: BaseException) -> Reason:
    """Why one line is not JSON, in our words (the parser's own text is English only): what was
    expected and at which column of the line."""
    if isinstance(exc, RecursionError):
        return Reason.of("json_depth")
    if isinstance(exc, UnicodeDecodeError):
        return Reason.of("json_encoding", byte=exc.start + 1)
    if isinstance(exc, json.JSONDecodeError):
        code = next((code for start, code in _JSON_MESSAGES if exc.msg.startswith(start)), "json_syntax")
        return Reason.of(code, column=exc.colno)
    return Reason.of("json_syntax", column="?")


def iter_contracts(path: str, columns: ColumnMap) -> Iterator[Contract | RowProblem]:
    for source, release in iter_releases(path):
        if isinstance(release, RowProblem):
            yield release
            continue
        if release is _NO_COMPILED:
            yield RowProblem(source, Reason.of("no_compiled_release"))
            continue
        if not isinstance(release, dict):
            yield RowProblem(source, Reason.of("not_release"))
            continue
        yield from release_contracts(release, source)


# ----- one release -> contracts ------------------------------------------------------------------


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def release_contracts(release: dict, source: str) -> Iterator[Contract | RowProblem]:
    tender = _dict(release.get("tender"))
    awards = [a for a in _list(release.get("awards")) if isinstance(a, dict)]
    by_award = {str(a.get("id")): a for a in awards}
    parties = {str(p.get("id")): p for p in _list(release.get("parties")) if isinstance(p, dict)}
    contracts = [c for c in _list(release.get("contracts")) if isinstance(c, dict) and c.get("status") not in DEAD]
    if contracts:
        pairs = [(c, by_award.get(str(c.get("awardID")), {})) for c in contracts]
    else:
        pairs = [({}, a) for a in awards if a.get("status") not in DEAD]
    for n, (contract, award) in enumerate(pairs, 1):
        where = source if len(pairs) == 1 else f"{source}, contract {n}"
        try:
            fields = _fields(release, tender, award, contract, parties)
        except _FieldError as exc:
            yield RowProblem(where, Reason.labelled(exc.path, exc.reason))
            continue
        except (TypeError, ValueError, AttributeError) as exc:  # a shape no field check foresaw
            yield RowProblem(where, Reason.of("ocds_structure", detail=type(exc).__name__))
            continue
        item = row_to_contract(fields, where)
        if item is not None:
            yield item


def _fields(release: dict, tender: dict, award: dict, contract: dict, parties: dict) -> dict[str, Any]:
    local = {**_dict(tender.get("sociaalDomein")), **_dict(award.get("sociaalDomein")), **_dict(contract.get("sociaalDomein"))}
    own_id = str(contract.get("id") or award.get("id") or "")
    ocid = release.get("ocid")
    fields: dict[str, Any] = {
        # a bare "1" names nothing outside its release: prefix the ocid
        "id": own_id if own_id and not own_id.isdigit() else "/".join(str(x) for x in (ocid, own_id) if x),
        "title": contract.get("title") or award.get("title") or tender.get("title") or "",
    }
    suppliers = [s for s in _list(award.get("suppliers")) if isinstance(s, dict)]
    if suppliers:
        fields["supplier"] = suppliers[0].get("name")
        party = _dict(parties.get(str(suppliers[0].get("id"))))
        if _dict(party.get("details")).get("scale") == "selfEmployed":
            fields["supplier_type"] = "zzp"
    periods = [(name, p) for name, p in (("contracts.period", _dict(contract.get("period"))),
                                          ("awards.contractPeriod", _dict(award.get("contractPeriod"))),
                                          ("tender.contractPeriod", _dict(tender.get("contractPeriod")))) if p]
    name, period = periods[0] if periods else ("", {})
    # dates go to the model as written, so a bad one is named like a register column
    fields.update(start=period.get("startDate"), end=period.get("endDate"))
    if period.get("endDate") in (None, "") and period.get("durationInDays") not in (None, ""):
        days = _whole(period["durationInDays"], f"{name}.durationInDays", "not_whole_days")
        if days < 0:
            raise _FieldError(f"{name}.durationInDays", Reason.of("term_not_positive", value=days))
        if days:
            fields["term"] = ContractTerm(days=days)  # start + durationInDays - 1 is the end
    # the ceiling for extensions is often only on the tender's period, the dates on the contract's
    fields["max_end"] = next((p["maxExtentDate"] for _, p in periods if p.get("maxExtentDate")), None)
    if tender.get("hasRenewal") is False:
        fields["extensions"] = "geen"
    renewal = _dict(tender.get("renewal"))
    if tender.get("hasRenewal") is not False and renewal.get("maximumRenewals") is not None:
        count = _whole(renewal["maximumRenewals"], "tender.renewal.maximumRenewals")
        days = _dict(renewal.get("period")).get("durationInDays")
        if days not in (None, "", 0):
            each = _whole(days, "tender.renewal.period.durationInDays", "not_whole_days")
            fields["extensions"] = f"{count}x{round(each / 30.4375)} maanden"
        elif count == 0:
            fields["extensions"] = "geen"
    for source in (contract, award, tender):
        value = _dict(source.get("value"))
        if value.get("amount") is not None:
            if value.get("currency") in (None, "EUR"):  # other currencies are not added to euro figures
                fields["value"] = value["amount"]
            break
    items = _list(contract.get("items")) or _list(award.get("items")) or _list(tender.get("items"))
    form, words = _items_financing(items)
    if form is not None:
        fields["financing"] = form
        fields["financing_text"] = words
    for item in items:
        for cls in [_dict(item).get("classification")] + _list(_dict(item).get("additionalClassifications")):
            scheme = str(_dict(cls).get("scheme", "")).lower()
            if scheme in _DOMAIN_SCHEMES:
                fields.setdefault("domain", _DOMAIN_SCHEMES[scheme])
    if _dict(tender.get("techniques")).get("hasDynamicPurchasingSystem") is True:
        fields["open_entry"] = True
    if tender.get("procurementMethodDetails"):
        fields["procedure"] = tender["procurementMethodDetails"]
    for crit in _list(_dict(tender.get("selectionCriteria")).get("criteria")):
        crit = _dict(crit)
        text = f"{crit.get('description', '')}".lower()
        if crit.get("minimum") is None:
            continue
        if any(w in text for w in ("omzet", "turnover")):
            fields["min_turnover"] = crit["minimum"]
        elif any(w in text for w in ("medewerker", "fte", "personeel", "staff", "employees")):
            fields["min_staff"] = crit["minimum"]
    for key, name in LOCAL_FIELDS.items():
        if local.get(key) is not None:
            fields[name] = local[key]
    return fields


class _FieldError(Exception):
    """An OCDS field that cannot be read: its path ('tender.renewal.maximumRenewals') and why."""

    def __init__(self, path: str, reason: Reason) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _whole(value: Any, path: str, code: str = "not_whole_number") -> int:
    """A whole number as OCDS writes it (1461, 1461.0, "1461"); anything else names the field."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise _FieldError(path, Reason.of(code, value=value))


def _items_financing(items: list) -> tuple[FinancingForm | None, str | None]:
    forms: list[FinancingForm] = []
    words: list[str] = []
    for item in items:
        unit = _dict(_dict(item).get("unit"))
        if not unit:
            continue
        scheme = str(unit.get("scheme", "")).upper()
        code = unit.get("id") if scheme in ("", "WJ756") else None
        if scheme == "UNCEFACT" and str(unit.get("id", "")).upper() in UNCEFACT_CODES:
            form = UNCEFACT_CODES[str(unit["id"]).upper()]
        else:
            form = form_from_unit(code, name if isinstance(name := unit.get("name"), str) else None)
        if form is not None:
            forms.append(form)
            if isinstance(unit.get("name"), str) and unit["name"].strip():
                words.append(unit["name"])
    for candidate in (FinancingForm.INSPANNINGSGERICHT, FinancingForm.OUTPUTGERICHT, FinancingForm.TAAKGERICHT):
        if candidate in forms:
            return candidate, ", ".join(dict.fromkeys(words)) or None
    return None, None
