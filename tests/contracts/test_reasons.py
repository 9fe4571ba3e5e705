"""Unreadable register rows are reported in one language: Dutch by default, English with --lang en,
whatever found the problem (our parsers, pydantic's type checks, the JSON parser)."""

from __future__ import annotations

import json
import pickle
import re
import string
from pathlib import Path

import pytest

from sociaal_audit.contracts.reasons import REASONS, Reason
from sociaal_audit.contracts.runner import load_register, problem_message

# words that give away the other language in a reason
ENGLISH = re.compile(r"\b(?:is not|not a|not valid|expected|expecting|input should|invalid|unknown|line|column|delimiter|"
                     r"before|start date|end date|value|title|supplier|whole number|string|unexpected|structure)\b", re.I)
DUTCH = re.compile(r"\b(?:geen|niet|verwacht|kolom|regel|ligt|voor de|onbekend|omschrijving|leverancier|einddatum|"
                   r"ingangsdatum|waarde|geheel|getal|tekst|bedrag|onverwachte)\b", re.I)

RELEASE = {"ocid": "ocds-lw25ab-WMO-2024-040", "id": "WMO-2024-040-contract", "date": "2024-01-01T00:00:00+01:00",
           "tag": ["contract"], "tender": {"id": "WMO-2024-040-T", "title": "Begeleiding groep Lindewaarde"},
           "awards": [{"id": "WMO-2024-040-A", "status": "active",
                       "suppliers": [{"id": "NL-KVK-70000040", "name": "Stichting Dagbesteding De Linde"}]}],
           "contracts": [{"id": "WMO-2024-040", "awardID": "WMO-2024-040-A", "status": "active",
                          "period": {"startDate": "2024-01-01T00:00:00+01:00", "endDate": "2027-12-31T23:59:59+01:00"},
                          "value": {"amount": 640000, "currency": "EUR"}}]}


def _release(**changes) -> str:
    """The release above with ``changes`` to its contract ('title', 'value'...), tender or award."""
    release = json.loads(json.dumps(RELEASE))
    for key, value in changes.items():
        part, _, name = key.partition("__")
        target = {"contract": release["contracts"][0], "tender": release["tender"], "award": release["awards"][0]}[part]
        target[name] = value
    return json.dumps(release, ensure_ascii=False)


LINES = [
    _release(contract__title={"nl": "Begeleiding groep"}),  # a multilingual title where text belongs
    '{"ocid": "ocds-lw25ab-WMO-2024-041", "contracts": [{"id": "WMO-2024-041",, "status": "active"}]}',
    _release(tender__hasRenewal=True, tender__renewal={"maximumRenewals": "twee", "period": {"durationInDays": 365}}),
    _release(award__suppliers=[{"id": "NL-KVK-1", "name": ["Stichting Dagbesteding De Linde"]}]),
    _release(contract__period={"startDate": "2024-01-01", "endDate": "2023-12-31"}),
    _release(contract__value={"amount": "ruim zes ton", "currency": "EUR"}),
    _release(contract__period={"startDate": "2024-01-01", "durationInDays": "vier jaar"}),
    _release(contract__period={"startDate": "2024-13-01", "endDate": "2027-12-31"}),
    "[1, 2]",
    '{"ocid": "ocds-lw25ab-WMO-2024-049", "contracts": [{"id": "WMO-2024-049", "title": "Respijtzorg"}]',
]


@pytest.fixture
def register(tmp_path: Path) -> str:
    path = tmp_path / "contractregister-lindewaarde.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return str(path)


def test_every_reason_has_both_wordings_with_the_same_values():
    fields = lambda text: sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)  # noqa: E731
    for code, (english, dutch) in REASONS.items():
        assert english != dutch, code
        assert fields(english) == fields(dutch), code


def test_ocds_row_errors_are_dutch_in_a_dutch_run(register):
    _, problems = load_register(register)
    assert len(problems) == len(LINES)
    dutch = [problem_message(register, p, "nl") for p in problems]
    assert dutch == [f"{register}: kan {where} niet lezen ({why})" for where, why in [
        ("regel 1", 'omschrijving: {"nl": "Begeleiding groep"} is geen tekst'),
        ("regel 2", "geen geldige JSON (eigenschapsnaam tussen dubbele aanhalingstekens verwacht op kolom 74)"),
        ("regel 3", "tender.renewal.maximumRenewals: 'twee' is geen geheel getal"),
        ("regel 4", 'leverancier: ["Stichting Dagbesteding De Linde"] is geen tekst'),
        ("regel 5", "einddatum 31-12-2023 ligt voor de ingangsdatum 01-01-2024"),
        ("regel 6", "waarde: 'ruim zes ton' is geen bedrag"),
        ("regel 7", "contracts.period.durationInDays: 'vier jaar' is geen geheel aantal dagen"),
        ("regel 8", "ingangsdatum: '2024-13-01' is geen geldige datum"),
        ("regel 9", "geen OCDS-release (verwacht een object)"),
        ("regel 10", "geen geldige JSON (',' verwacht op kolom 99)"),  # cut short after 98 characters
    ]]
    for message in dutch:
        assert not ENGLISH.search(message.split(": kan ", 1)[1]), message


def test_ocds_row_errors_are_english_with_lang_en(register):
    _, problems = load_register(register)
    english = [problem_message(register, p, "en") for p in problems]
    assert english[0] == f'{register}: cannot parse line 1 (title: {{"nl": "Begeleiding groep"}} is not text)'
    assert english[4] == f"{register}: cannot parse line 5 (end date 2023-12-31 is before start date 2024-01-01)"
    assert english[7] == f"{register}: cannot parse line 8 (start date: '2024-13-01' is not a valid date)"
    for message in english:
        assert not DUTCH.search(message.split(": cannot parse ", 1)[1]), message


def test_the_json_parser_is_put_in_our_words(tmp_path):
    path = tmp_path / "ocds.jsonl"
    path.write_bytes(b'{"ocid": "ocds-1", "tender": {"title": "Jeugdhulp\xe9"}}\n'
                     b'{"ocid": "ocds-2", "tender": {"title": "Jeugdhulp"}} extra\n'
                     b'{"ocid": "ocds-3", "tender": {"title": "Jeugd\nhulp"}}\n'
                     + b"[" * 100_000 + b"\n")
    _, problems = load_register(str(path))
    assert [p.message.text("nl") for p in problems] == [
        "geen geldige JSON (geen UTF-8-tekst bij byte 50)",  # the é in Windows-1252
        "geen geldige JSON (meer na het object, vanaf kolom 54)",
        "geen geldige JSON (tekst niet afgesloten, vanaf kolom 40)",  # a line break inside the title
        "geen geldige JSON (waarde verwacht op kolom 1)",  # the title's second half, on a line of its own
        "geen geldige JSON (te diep genest)",
    ]
    assert str(problems[1].message) == "not valid JSON (more after the object, from column 54)"


def test_csv_rows_name_the_header_as_written_and_the_reason_in_the_run_language(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Contractnummer;Leverancier;Soort aanbieder;Ingangsdatum;Einddatum;Bekostiging\n"
                    "WMO-2024-050;Zorgboerderij De Hooiberg;stichting;01-01-2024;31-12-2027;per dagdeel\n"
                    "WMO-2024-051;Coaching M. Yılmaz;nog uitzoeken;01-01-2024;31-12-2025;per uur\n"
                    "WMO-2024-052;Logeerhuis De Linde;burgerinitiatief;01-01-2024;31-12-2025;naar draagkracht\n",
                    encoding="utf-8")
    _, problems = load_register(str(path))
    assert [problem_message(str(path), p, "nl") for p in problems] == [
        f"{path}: kan regel 3 niet lezen (Soort aanbieder: 'nog uitzoeken' is geen soort aanbieder (organisatie, zzp, burgerinitiatief))",
        f"{path}: kan regel 4 niet lezen (Bekostiging: 'naar draagkracht' noemt geen bekostigingsvorm "
        "(inspanningsgericht, outputgericht, taakgericht))",
    ]
    assert problem_message(str(path), problems[0], "en") == (
        f"{path}: cannot parse line 3 (Soort aanbieder: 'nog uitzoeken' is not a supplier type (organisatie, zzp, burgerinitiatief))")


def test_yaml_list_rows(tmp_path):
    path = tmp_path / "contracten.yaml"
    path.write_text("contracten:\n  - contractnummer: JH-2024-060\n    kleur: rood\n  - Gezinshuis De Esdoorn\n"
                    "  - contractnummer: JH-2024-062\n    omschrijving: [Gezinshuizen, pleegzorg]\n", encoding="utf-8")
    _, problems = load_register(str(path))
    assert [(p.source, p.message.text("nl")) for p in problems] == [
        ("contract 1", "kleur: onbekend veld"), ("contract 2", "geen rij met velden"),
        ("contract 3", 'omschrijving: ["Gezinshuizen", "pleegzorg"] is geen tekst')]
    assert [str(p.message) for p in problems] == [
        "kleur: unknown field", "not a mapping of fields", 'omschrijving: ["Gezinshuizen", "pleegzorg"] is not text']


def test_a_reason_survives_pickling_and_a_long_cell_is_cut():
    reason = Reason.of("not_amount", value="ongeveer " + "een ton " * 40)
    assert len(reason) < 120 and reason.endswith("…' is not an amount")
    copy = pickle.loads(pickle.dumps(reason))
    assert (str(copy), copy.nl) == (str(reason), reason.nl)
