"""Property-based tests: arbitrary bytes and text never crash a reader or the structure parser.

Every reader in the registry is fed arbitrary bytes under each of its file extensions; the result
is a Document or a clear InputError naming the file, never another exception. The number of
examples per reader is set by SA_FUZZ_EXAMPLES (default 200; the closing figures were measured
with higher values).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sociaal_audit.documents import Document, parse_source
from sociaal_audit.documents.model import SourceText, TextLine
from sociaal_audit.documents.readers import READER_MODULES, reader_module
from sociaal_audit.documents.structure import build_document
from sociaal_audit.errors import InputError

EXAMPLES = int(os.environ.get("SA_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments of Dutch legal structure, so generated text reaches the parser's interesting paths.
FRAGMENTS = [
    "# Verordening sociaal domein Testdorp 2026\n", "## Hoofdstuk 1. Algemeen\n", "### Artikel 1.1\n",
    "Artikel 4a Melding\n", "Artikel 12bis\n", "ARTIKEL IV\n", "§ 2\n", "Paragraaf 2.1 Toegang\n",
    "1. Het college kan afwijken.\n", "lid 2\n", "2 De cliënt\n", "a. een melding;\n", "1°. iets\n",
    "– *aanbieder:* iemand\n", "## Toelichting\n", "Aldus vastgesteld in de openbare vergadering\n",
    "De raad van de gemeente Testdorp;\n", "gelet op de Jeugdwet;\n", "hardheids-\nclausule\n",
    "<!-- sociaal-audit: negeer INT-P05 -->\n", "| a | b |\n", "\r\n", "\t", "€ 27,50 per uur\n",
]


def _assert_document_or_input_error(data: bytes, name: str) -> None:
    try:
        doc = parse_source(data, name)
    except InputError as err:
        message = err.message("nl")
        assert name in message and "\n" not in message
        event("input error")
        return
    assert isinstance(doc, Document)
    event("document")
    for part in doc.all_parts:
        assert 0 <= part.start <= part.end <= len(doc.text)
        loc = doc.locate(part.start)
        assert loc.line >= 1 and loc.column >= 1


READER_CASES = [(name, ext) for name in READER_MODULES for ext in reader_module(name).EXTENSIONS]


@pytest.mark.parametrize(("reader", "ext"), READER_CASES)
@FUZZ
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_never_crash_a_reader(reader: str, ext: str, data: bytes) -> None:
    _assert_document_or_input_error(data, f"fuzz{ext}")


@pytest.mark.parametrize("ext", sorted({ext for _, ext in READER_CASES}))
@FUZZ
@given(prefix=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<?xml version='1.0'?><cvdr>", b"<html><body>",
                               b"\xef\xbb\xbf", b"<?xml version='1.0'?><officiele-publicatie>", b""]),
       data=st.binary(max_size=2048))
def test_truncated_and_mislabelled_files_never_crash(ext: str, prefix: bytes, data: bytes) -> None:
    _assert_document_or_input_error(prefix + data, f"fuzz{ext}")


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=80)), max_size=60))
def test_structure_parser_never_crashes_on_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    lines = tuple(TextLine(t, i + 1) for i, t in enumerate(text.split("\n")))
    doc = build_document(SourceText(path="fuzz.md", format="markdown", lines=lines))
    assert doc.text == "\n".join(line.text for line in lines)
    numbers = [a.number for a in doc.articles]
    assert all(n for n in numbers)
    for part in doc.all_parts:
        assert 0 <= part.start <= part.end <= len(doc.text)
        for child in part.children:
            assert part.start <= child.start <= child.end <= part.end


@FUZZ
@given(st.text(max_size=3000))
def test_markdown_text_always_reads(text: str) -> None:
    _assert_document_or_input_error(text.encode("utf-8"), "fuzz.md")
