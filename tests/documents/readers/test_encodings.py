"""Text and Markdown in UTF-8, UTF-8 with BOM, Windows-1252 and Latin-1, with LF, CRLF or CR line ends."""

from __future__ import annotations

import pytest

from sociaal_audit.documents import parse_source
from sociaal_audit.documents.readers._text import decode

ORDINANCE = (
    "Verordening cliëntondersteuning Baarlebroek 2026\n"
    "\n"
    "De raad van de gemeente Baarlebroek;\n"
    "\n"
    "Artikel 1 Cliëntondersteuning\n"
    "1. De cliënt heeft recht op gratis, onafhankelijke cliëntondersteuning.\n"
    "2. Het college draagt zorg voor één aanspreekpunt; de vergoeding bedraagt “ten hoogste” € 45,– per uur.\n"
    "\n"
    "Artikel 2 Financiële bijdrage\n"
    "1. De bijdrage is niet verschuldigd door een cliënt met een inkomen tot 120% van het sociaal minimum.\n"
)
# Latin-1 cannot hold €, curly quotes or en dashes; the rest is the same text.
LATIN1_ORDINANCE = ORDINANCE.replace("“ten hoogste” € 45,– per uur", "ten hoogste EUR 45 per uur")


def _check(doc, expected: str) -> None:
    assert doc.text == expected.rstrip("\n") + "\n" or doc.text == expected
    assert [a.number for a in doc.articles] == ["1", "2"]
    assert doc.title == "Verordening cliëntondersteuning Baarlebroek 2026"


@pytest.mark.parametrize("name", ["baarlebroek.txt", "baarlebroek.md"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_windows_1252(name: str, newline: str) -> None:
    data = ORDINANCE.replace("\n", newline).encode("cp1252")
    assert b"\x80" in data and b"\x93" in data and b"\x96" in data  # €, “ and – are cp1252-only bytes
    doc = parse_source(data, name)
    _check(doc, ORDINANCE)
    assert "€ 45,– per uur" in doc.text and "“ten hoogste”" in doc.text


@pytest.mark.parametrize("name", ["baarlebroek.txt", "baarlebroek.md"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_latin_1(name: str, newline: str) -> None:
    data = LATIN1_ORDINANCE.replace("\n", newline).encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _check(parse_source(data, name), LATIN1_ORDINANCE)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_and_without_bom(bom: bytes) -> None:
    doc = parse_source(bom + ORDINANCE.replace("\n", "\r\n").encode("utf-8"), "baarlebroek.txt")
    _check(doc, ORDINANCE)
    assert not doc.text.startswith("\ufeff")


def test_crlf_keeps_line_numbers() -> None:
    doc = parse_source(ORDINANCE.replace("\n", "\r\n").encode("cp1252"), "baarlebroek.txt")
    article2 = doc.articles[1]
    assert doc.locate(article2.start).line == 9
    assert "\r" not in doc.text


def test_short_windows_1252_words() -> None:
    for word in ("cliënt", "€ 5", "financiële", "reïntegratie", "één"):
        assert decode(word.encode("cp1252"), "kort.txt") == word


def test_utf8_file_with_pasted_windows_1252_bytes_keeps_its_utf8() -> None:
    """One "€" pasted from an old document must not turn every "ë" of the file into "Ã«"."""
    data = ORDINANCE.replace("€", "EUR").encode("utf-8").replace(b"EUR", "€".encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = parse_source(data, "baarlebroek.txt")
    _check(doc, ORDINANCE)
    assert "Ã" not in doc.text


def test_legacy_file_is_not_taken_for_mixed_utf8() -> None:
    data = ORDINANCE.encode("cp1252")
    assert decode(data, "baarlebroek.txt") == ORDINANCE
