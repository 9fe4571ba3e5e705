"""The test register of Jeugdhulpregio Lindewaarde (fictional providers, realistic terms and values),
written from one source table as CSV (semicolon, Dutch headers, dd-mm-jjjj, "1.250.000,00"), XLSX,
an OCDS release package and OCDS JSON Lines.

Like many registers, it gives some contracts a term ("Looptijd": "4 jaar", "48 maanden", "2+1+1")
instead of an end date (``TERMS``); OCDS gives those a ``durationInDays`` instead of an ``endDate``.

    python tests/contracts/data/make_register.py        # rewrites the four files beside this script
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADERS = [
    "Contractnummer", "Omschrijving", "Leverancier", "Soort aanbieder", "Domein", "Ingangsdatum", "Einddatum", "Looptijd",
    "Verlengingsopties", "Uiterste einddatum", "Contractwaarde", "Bekostiging", "Verwijsclausule",
    "Inkoopprocedure", "Tussentijdse toetreding", "Minimale omzet", "Minimaal aantal medewerkers", "Onderaanneming zzp",
]
# id, title, supplier, type, domain, start, end, extensions, max end, value, financing, referral, procedure,
# open entry, min turnover, min staff, zzp subcontracting ("" = not in the register)
ROWS: list[tuple[str, ...]] = [
    ("JH-2021-001", "Jeugdhulp ambulant regio Lindewaarde", "Stichting Jeugdformaat Lindewaarde", "organisatie", "jeugd", "01-01-2021", "31-12-2024", "2x1 jaar", "", "12.400.000,00", "per uur (productcode 45A54)", "nee", "Europese aanbesteding", "nee", "500.000,00", "10", "nee"),
    ("JH-2021-002", "Jeugdhulp met verblijf (residentieel)", "Kompas Jeugdzorg B.V.", "organisatie", "jeugd", "01-01-2021", "31-12-2025", "1x2 jaar", "", "18.750.000,00", "per etmaal", "nee", "Europese aanbesteding", "nee", "1.000.000,00", "25", "ja"),
    ("JH-2022-003", "Pleegzorg", "Stichting Pleegzorg Rivierenland", "organisatie", "jeugd", "01-01-2022", "31-12-2025", "geen", "", "3.200.000,00", "per etmaal", "ja", "Open house", "ja", "", "", "ja"),
    ("JH-2022-004", "Jeugd-GGZ basis", "Praktijk voor Kind en Gezin", "zzp", "jeugd", "01-01-2022", "31-12-2023", "2x1 jaar", "", "145.000,00", "per sessie", "ja", "Open house", "ja", "geen", "1", "ja"),
    ("JH-2022-005", "Jeugd-GGZ specialistisch", "GGZ Lindeborgh B.V.", "organisatie", "jeugd", "01-01-2022", "31-12-2024", "2x1 jaar", "", "6.800.000,00", "outputgericht (trajectprijs)", "ja", "Open house", "ja", "250.000,00", "5", "ja"),
    ("JH-2023-006", "Veilig Thuis en crisisdienst jeugd", "Veilig Thuis Lindewaarde", "organisatie", "jeugd", "01-01-2023", "31-12-2026", "geen", "", "2.100.000,00", "lumpsum per jaar", "ja", "Enkelvoudig onderhandse gunning", "nee", "", "", ""),
    ("JH-2023-007", "Ambulante begeleiding jeugd", "J. Bakker Jeugdcoaching", "zzp", "jeugd", "01-03-2023", "28-02-2025", "1x1 jaar", "", "86.500,00", "per uur", "ja", "Open house", "ja", "geen", "1", ""),
    ("JH-2023-008", "Dyslexiezorg (EED)", "Leescentrum Noord B.V.", "organisatie", "jeugd", "01-01-2023", "31-12-2025", "1x1 jaar", "", "420.000,00", "outputgericht (arrangement per cliënt)", "nee", "Meervoudig onderhands", "nee", "", "3", ""),
    ("JH-2024-009", "Gezinshuizen", "Gezinshuis De Esdoorn", "organisatie", "jeugd", "01-01-2024", "31-12-2027", "2x2 jaar", "31-12-2031", "1.950.000,00", "per etmaal", "ja", "Open house", "ja", "", "", ""),
    ("JH-2024-010", "Jeugdbescherming en jeugdreclassering", "Gecertificeerde Instelling Jeugdbescherming Zuid", "organisatie", "jeugd", "01-01-2024", "31-12-2026", "1x1 jaar", "", "5.400.000,00", "outputgericht (tarief per maatregel)", "", "Enkelvoudig onderhandse gunning", "nee", "", "", ""),
    ("JH-2024-011", "Praktijkondersteuner jeugd bij huisartsen", "Huisartsencoöperatie Lindewaarde U.A.", "organisatie", "jeugd", "01-01-2024", "31-12-2025", "stilzwijgend met telkens een jaar", "", "640.000,00", "lumpsum", "ja", "Subsidie", "", "", "", ""),
    ("JH-2024-012", "Jongerenwerk en preventie", "Buurtcoöperatie De Kern", "burgerinitiatief", "jeugd", "01-07-2024", "30-06-2025", "1x1 jaar", "", "95.000,00", "taakgericht budget", "ja", "Subsidie", "", "", "", ""),
    ("WMO-2020-013", "Hulp bij het huishouden", "Thuiszorg Lindewaarde B.V.", "organisatie", "wmo", "01-01-2020", "31-12-2023", "3x1 jaar", "", "9.600.000,00", "per uur (WMO020 01)", "nee", "Europese aanbesteding", "nee", "2.000.000,00", "50", "nee"),
    ("WMO-2020-014", "Hulp bij het huishouden (resultaatgericht)", "Schoon & Thuis Zorg B.V.", "organisatie", "wmo", "01-01-2020", "31-12-2023", "3x1 jaar", "", "4.300.000,00", "outputgericht (resultaat schoon en leefbaar huis)", "ja", "Europese aanbesteding", "nee", "2.000.000,00", "50", "nee"),
    ("WMO-2022-015", "Begeleiding individueel", "Stichting Begeleiding Plus", "organisatie", "wmo", "01-01-2022", "31-12-2024", "2x1 jaar", "", "3.750.000,00", "per uur", "ja", "Open house", "ja", "", "", "ja"),
    ("WMO-2022-016", "Dagbesteding", "Zorgboerderij De Hooiberg", "organisatie", "wmo", "01-01-2022", "31-12-2024", "2x1 jaar", "", "1.200.000,00", "per dagdeel", "ja", "Open house", "ja", "", "", ""),
    ("WMO-2022-017", "Begeleiding individueel", "Coaching M. Yılmaz", "zzp", "wmo", "01-01-2022", "31-12-2023", "1x1 jaar", "", "62.000,00", "per uur", "ja", "Open house", "ja", "geen", "1", "ja"),
    ("WMO-2022-018", "Begeleiding groep", "Praktijk De Wending (S. Visser)", "zzp", "wmo", "01-01-2022", "31-12-2024", "geen", "", "78.000,00", "per uur", "", "Open house", "ja", "", "", ""),
    ("WMO-2023-019", "Beschermd wonen", "Stichting Kwadrant Wonen", "organisatie", "wmo", "01-01-2023", "31-12-2027", "2x1 jaar", "", "22.300.000,00", "per etmaal", "nee", "Europese aanbesteding", "nee", "5.000.000,00", "100", "nee"),
    ("WMO-2023-020", "Maatschappelijke opvang", "Stichting Onderdak Lindewaarde", "organisatie", "wmo", "01-01-2023", "31-12-2026", "geen", "", "3.900.000,00", "lumpsum per jaar", "ja", "Enkelvoudig onderhandse gunning", "nee", "", "", ""),
    ("WMO-2023-021", "Mantelzorgondersteuning", "Steunpunt Mantelzorg Lindewaarde", "organisatie", "wmo", "01-01-2023", "31-12-2025", "geen", "", "480.000,00", "taakgericht", "ja", "Subsidie", "", "", "", ""),
    ("WMO-2023-022", "Hulpmiddelen en woonvoorzieningen", "MobiZorg Hulpmiddelen B.V.", "organisatie", "wmo", "01-04-2023", "31-03-2027", "2x1 jaar", "31-03-2029", "5.600.000,00", "outputgericht (prijs per voorziening)", "", "Europese aanbesteding", "nee", "1.500.000,00", "20", ""),
    ("WMO-2023-023", "Wmo-vervoer (regiotaxi)", "Taxibedrijf Van Dam B.V.", "organisatie", "wmo", "01-01-2023", "31-12-2026", "2x2 jaar", "", "7.200.000,00", "outputgericht (prijs per rit)", "", "Europese aanbesteding", "nee", "2.000.000,00", "", ""),
    ("WMO-2024-024", "Sociaal wijkteam (toegang)", "Coöperatie Sociaal Wijkteam Lindewaarde U.A.", "organisatie", "wmo", "01-01-2024", "31-12-2027", "1x2 jaar", "", "8.900.000,00", "populatiebekostiging (lumpsum)", "ja", "Enkelvoudig onderhandse gunning", "nee", "", "", ""),
    ("WMO-2024-025", "Respijtzorg logeerhuis", "Logeerhuis De Linde", "burgerinitiatief", "wmo", "01-01-2024", "31-12-2025", "1x1 jaar", "", "185.000,00", "per etmaal", "ja", "Open house", "ja", "geen", "1", ""),
    ("WMO-2024-026", "Dagbesteding ouderen", "Zorgcoöperatie Samen Oud", "burgerinitiatief", "wmo", "01-01-2024", "31-12-2027", "geen", "", "640.000,00", "per dagdeel", "ja", "Dynamisch aankoopsysteem", "", "", "", ""),
    ("WMO-2024-027", "Huishoudelijke hulp zzp-pool", "Zorgcollectief Handen Thuis", "zzp", "wmo", "01-07-2024", "30-06-2026", "1x1 jaar", "", "310.000,00", "per uur", "ja", "Open house", "ja", "geen", "1", "ja"),
    ("PW-2021-028", "Re-integratietrajecten", "Werkpunt Re-integratie B.V.", "organisatie", "participatie", "01-01-2021", "31-12-2023", "2x1 jaar", "", "2.600.000,00", "outputgericht (plaatsing op werk)", "", "Europese aanbesteding", "nee", "500.000,00", "10", ""),
    ("PW-2022-029", "Beschut werk", "Lindewaarde Werkt", "organisatie", "participatie", "01-01-2022", "31-12-2031", "geen", "", "14.500.000,00", "taakgericht (lumpsum)", "nee", "Inbesteding", "", "", "", ""),
    ("PW-2023-030", "Schuldhulpverlening vrijwilligers", "Stichting Schuldhulpmaatje Lindewaarde", "burgerinitiatief", "participatie", "01-01-2023", "31-12-2024", "2x1 jaar", "", "120.000,00", "subsidie per jaar (taakgericht)", "", "Subsidie", "", "", "", ""),
    ("PW-2023-031", "Jobcoaching", "Jobcoach A. Hendriks", "zzp", "participatie", "01-01-2023", "31-12-2024", "1x1 jaar", "", "54.000,00", "per uur", "", "Open house", "ja", "geen", "1", "ja"),
    ("PW-2024-032", "Taalcoaching statushouders", "Taalhuis Lindewaarde", "burgerinitiatief", "participatie", "01-09-2024", "31-08-2026", "geen", "", "75.000,00", "trajectprijs", "", "Meervoudig onderhands", "nee", "", "", ""),
    ("JH-2025-033", "Jeugdhulp ambulant 2025 (open house)", "Stichting Jeugdformaat Lindewaarde", "organisatie", "jeugd", "01-01-2025", "31-12-2026", "2x6 maanden", "", "6.100.000,00", "taakgericht (budget per wijk)", "ja", "Open house", "ja", "100.000,00", "1", "ja"),
]

# Contracts the register gives a term instead of an end date: id -> (term, whether the term names the
# extension options, which then leave the extension column empty). Each says what the table's end
# date and options say.
TERMS: dict[str, tuple[str, bool]] = {
    "JH-2024-009": ("4 jaar", False),
    "WMO-2022-016": ("3 jaar met 2x1 jaar verlenging", True),
    "WMO-2023-022": ("48 maanden", False),
    "PW-2023-030": ("2+1+1", True),
    "JH-2025-033": ("2 jaar, verlengbaar met 2 x 6 maanden", True),
}

# Financing words -> OCDS item unit (iWmo/iJw codelist WJ756 where there is a code).
UNITS = {
    "per uur": {"scheme": "WJ756", "id": "04", "name": "uur"},
    "per etmaal": {"scheme": "WJ756", "id": "14", "name": "etmaal"},
    "per dagdeel": {"scheme": "WJ756", "id": "16", "name": "dagdeel"},
    "per sessie": {"scheme": "WJ756", "id": "84", "name": "sessie"},
    "outputgericht": {"scheme": "WJ756", "id": "82", "name": "stuks (output)"},
    "trajectprijs": {"scheme": "WJ756", "id": "82", "name": "traject"},
}


def _dmy(text: str) -> date | None:
    if not text:
        return None
    d, m, y = (int(x) for x in text.split("-"))
    return date(y, m, d)


def _amount(text: str) -> float | None:
    if not text or text == "geen":
        return None if not text else 0.0
    return float(text.replace(".", "").replace(",", "."))


def _bool(text: str) -> bool | None:
    return {"ja": True, "nee": False}.get(text)


def register_row(row: tuple[str, ...]) -> list[str]:
    """A row of the table as the register writes it: the end date, or the term instead (``TERMS``)."""
    term, with_options = TERMS.get(row[0], ("", False))
    cells = list(row[:7]) + [term] + list(row[7:])
    if term:
        cells[6] = ""  # no end date
        if with_options:
            cells[8] = ""  # the term names the extension options
    return cells


def csv_text() -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(register_row(row) for row in ROWS)
    return buf.getvalue()


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Contractregister"
    ws.append(["Contractregister Jeugdhulpregio Lindewaarde, peildatum 1 januari 2025"])
    ws.append([])
    ws.append(HEADERS)
    for row in ROWS:
        cells: list[object] = register_row(row)
        for i in (5, 6, 9):  # dates as Excel dates
            cells[i] = datetime.combine(_dmy(cells[i]), datetime.min.time()) if cells[i] else None
        cells[10] = _amount(row[9])  # value as a number
        cells[15] = _amount(row[14]) if row[14] not in ("", "geen") else (row[14] or None)
        cells[16] = int(row[15]) if row[15] else None
        ws.append([None if c == "" else c for c in cells])
    wb.properties.created = datetime(2025, 1, 1)
    wb.properties.modified = datetime(2025, 1, 1)
    wb.save(path)


def _unit(financing: str) -> dict:
    for key, unit in UNITS.items():
        if financing.startswith(key) or key in financing:
            return unit
    return {"name": financing}  # lumpsum, taakgericht budget...: no per-client unit


def release(row: tuple[str, ...], n: int) -> dict:
    (cid, title, supplier, kind, domain, start, end, ext, max_end, value, financing, referral, procedure,
     entry, turnover, staff, zzp) = row
    start_d, end_d = _dmy(start), _dmy(end)
    period: dict = {"startDate": f"{start_d.isoformat()}T00:00:00+01:00", "endDate": f"{end_d.isoformat()}T23:59:59+01:00"}
    if cid in TERMS:  # a term instead of an end date
        del period["endDate"]
        period["durationInDays"] = (end_d - start_d).days + 1
    if max_end:
        period["maxExtentDate"] = f"{_dmy(max_end).isoformat()}T23:59:59+01:00"
    tender: dict = {
        "id": f"{cid}-T", "title": title, "status": "complete", "procurementMethodDetails": procedure,
        "items": [{"id": "1", "description": title, "unit": _unit(financing),
                   "classification": {"scheme": "JZ020" if domain == "jeugd" else "WMO020" if domain == "wmo" else "CPV",
                                      "id": "45" if domain == "jeugd" else "02" if domain == "wmo" else "85312000"}}],
        "contractPeriod": period,
    }
    if ext == "geen":
        tender["hasRenewal"] = False
    elif ext.startswith("stilzwijgend"):
        tender["hasRenewal"] = True
    else:
        count, rest = ext.split("x")
        n_units, unit = rest.split()
        months = int(n_units) * (12 if unit == "jaar" else 1)
        tender["hasRenewal"] = True
        tender["renewal"] = {"description": ext, "maximumRenewals": int(count),
                             "period": {"durationInDays": round(months * 30.4375)}}
    criteria = []
    if turnover:
        criteria.append({"type": "economic", "description": "Minimale jaaromzet", "minimum": turnover})
    if staff:
        criteria.append({"type": "technical", "description": "Minimaal aantal medewerkers (fte)", "minimum": staff})
    if criteria:
        tender["selectionCriteria"] = {"criteria": criteria}
    if procedure == "Dynamisch aankoopsysteem":
        tender["techniques"] = {"hasDynamicPurchasingSystem": True}
    local: dict = {"domain": domain, "supplierType": kind}
    if referral:
        local["referralClause"] = _bool(referral)
    if entry:
        local["openEntry"] = _bool(entry)
    if zzp:
        local["zzpSubcontracting"] = _bool(zzp)
    if ext.startswith("stilzwijgend"):
        local["extensions"] = ext
    supplier_id = f"NL-KVK-{70000000 + n}"
    scale = {"zzp": "micro", "burgerinitiatief": "micro"}.get(kind, "large" if _amount(value) > 1_000_000 else "sme")
    return {
        "ocid": f"ocds-lw25ab-{cid}",
        "id": f"{cid}-contract",
        "date": f"{start_d.isoformat()}T00:00:00+01:00",
        "tag": ["contract"],
        "initiationType": "tender",
        "language": "nl",
        "buyer": {"id": "NL-OIN-00000001001234567000", "name": "Gemeente Lindewaarde"},
        "parties": [
            {"id": "NL-OIN-00000001001234567000", "name": "Gemeente Lindewaarde", "roles": ["buyer", "procuringEntity"]},
            {"id": supplier_id, "name": supplier, "roles": ["supplier"], "details": {"scale": scale}},
        ],
        "tender": tender,
        "awards": [{"id": f"{cid}-A", "title": title, "status": "active", "suppliers": [{"id": supplier_id, "name": supplier}],
                    "contractPeriod": period}],
        "contracts": [{"id": cid, "awardID": f"{cid}-A", "title": title, "status": "active", "period": period,
                       "value": {"amount": _amount(value), "currency": "EUR"}, "sociaalDomein": local}],
    }


def releases() -> list[dict]:
    return [release(row, n) for n, row in enumerate(ROWS, 1)]


def package_text() -> str:
    package = {
        "uri": "https://lindewaarde.example/ocds/contractregister-2025.json",
        "version": "1.1",
        "publishedDate": "2025-01-01T00:00:00+01:00",
        "publisher": {"name": "Gemeente Lindewaarde"},
        "extensions": ["https://raw.githubusercontent.com/open-contracting-extensions/ocds_selectionCriteria_extension/master/extension.json"],
        "releases": releases(),
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def lines_text() -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in releases())


def write_all(directory: Path) -> dict[str, Path]:
    paths = {
        "csv": directory / "register-lindewaarde.csv",
        "xlsx": directory / "register-lindewaarde.xlsx",
        "ocds": directory / "register-lindewaarde-ocds.json",
        "jsonl": directory / "register-lindewaarde-ocds.jsonl",
    }
    paths["csv"].write_bytes(csv_text().encode("utf-8"))
    write_xlsx(paths["xlsx"])
    paths["ocds"].write_text(package_text(), encoding="utf-8")
    paths["jsonl"].write_text(lines_text(), encoding="utf-8")
    return paths


if __name__ == "__main__":
    for name, path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE).items():
        print(f"{name}: {path}")
