"""Damaged files (flipped bytes, truncation, inserted garbage) give a Document or a one-line InputError.

Seeded, so every run tries the same damage; the sources are small real renderings of an ordinance.
"""

from __future__ import annotations

import importlib.util
import logging
import random
import shutil
import sys
from pathlib import Path

import pytest

from sociaal_audit.documents import Document, parse_source
from sociaal_audit.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SOURCE = """# Verordening Wmo Lindeveen 2026

De raad van de gemeente Lindeveen;

## Hoofdstuk 1. Algemeen

### Artikel 1. Begrippen

1. In deze verordening wordt verstaan onder:
a. cliënt: de ingezetene die een melding doet;
b. college: het college van burgemeester en wethouders.
2. Het college kan afwijken.

| Product | Tarief |
|---|---|
| Begeleiding | € 62,40 |

Aldus vastgesteld in de openbare vergadering van 1 maart 2026.

## Toelichting

Een korte toelichting.
"""
MUTATIONS = 40


def _build_formats():
    spec = importlib.util.spec_from_file_location("build_formats", EXAMPLES / "build_formats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_formats"] = module
    spec.loader.exec_module(module)
    return module


def _sources(tmp: Path) -> dict[str, bytes]:
    bf = _build_formats()
    blocks = bf.blocks_from_markdown(SOURCE)
    out = {
        "lindeveen.html": bf.to_html(blocks, site_chrome=True).encode("utf-8"),
        "lindeveen.xml": bf.to_cvdr(blocks, {"identifier": "CVDR1_1", "municipality": "Lindeveen"}),
        "lindeveen.docx": bf.to_docx(blocks),
        "lindeveen.txt": bf.to_text(blocks).encode("cp1252"),
    }
    if shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome"):
        pdf = tmp / "lindeveen.pdf"
        bf.html_to_pdf(bf.to_html(blocks), pdf)
        out["lindeveen.pdf"] = pdf.read_bytes()
    return out


def _damage(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    op = rnd.choice(("flip", "truncate", "insert"))
    if op == "flip":
        for _ in range(rnd.randint(1, 20)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    elif op == "truncate":
        b = b[: rnd.randrange(len(b))]
    else:
        at = rnd.randrange(len(b))
        b[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 50)))
    return bytes(b)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _sources(tmp_path_factory.mktemp("damaged"))


@pytest.mark.parametrize("name", ["lindeveen.html", "lindeveen.xml", "lindeveen.docx", "lindeveen.txt", "lindeveen.pdf"])
def test_damaged_file_is_read_or_refused_in_one_line(name: str, sources: dict[str, bytes],
                                                     caplog: pytest.LogCaptureFixture) -> None:
    if name not in sources:
        pytest.skip("chromium not installed")
    assert parse_source(sources[name], name).articles  # the undamaged file reads
    rnd = random.Random(name)
    refused = 0
    with caplog.at_level(logging.WARNING):
        for _ in range(MUTATIONS):
            try:
                doc = parse_source(_damage(sources[name], rnd), name)
            except InputError as err:
                refused += 1
                message = err.message("nl")
                assert message.startswith(name + ": ") and "\n" not in message
                continue
            assert isinstance(doc, Document)
    assert 0 < refused <= MUTATIONS
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")]  # no library noise on stderr
