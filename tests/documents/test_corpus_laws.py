"""The structure parser on real Dutch acts (../shared/corpus/laws, when that folder exists).

For every act, the article numbers parsed must equal the numbers in its ``Artikel N`` heading
lines, in order. The expected numbers come from the heading lines themselves (a Markdown heading
holding only ``Artikel`` and a number), independently of the parser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SHARED
from sociaal_audit.documents import load_document
from sociaal_audit.documents.model import PartKind

LAWS = SHARED / "corpus" / "laws"
FILES = sorted(LAWS.glob("*.md")) if LAWS.is_dir() else []
HEADING = re.compile(r"^\s*#{1,6}\s*artikel\s+(\S+)\s*$", re.I)
CHAPTER = re.compile(r"^\s*#{1,6}\s*hoofdstuk\s+(\S+)\s*$", re.I)
SECTION = re.compile(r"^\s*#{1,6}\s*(?:§|paragraaf|afdeling|titel)\s*(\S+)\s*$", re.I)

pytestmark = pytest.mark.skipif(not FILES, reason=f"{LAWS} not present")


def _heading_numbers(path: Path, heading: re.Pattern[str] = HEADING) -> list[str]:
    return [m.group(1) for line in path.read_text(encoding="utf-8").splitlines() if (m := heading.match(line))]


@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_article_numbers_as_in_the_text(path: Path) -> None:
    expected = _heading_numbers(path)
    doc = load_document(str(path))
    assert [a.number for a in doc.articles] == expected
    source = path.read_text(encoding="utf-8").splitlines()
    for article in doc.articles:  # each article starts at its own heading line
        line = source[doc.locate(article.start).line - 1]
        assert HEADING.match(line) and HEADING.match(line).group(1) == article.number


def test_the_social_domain_acts_are_parsed() -> None:
    counts = {}
    for name in ("BWBR0035362", "BWBR0034925", "BWBR0015703"):
        (path,) = [p for p in FILES if p.name.startswith(name)]
        doc = load_document(str(path))
        assert len(doc.articles) > 0
        counts[name] = doc
    wmo = counts["BWBR0035362"]
    assert wmo.articles[0].number == "1.1.1"
    assert wmo.articles[0].title.startswith("Artikel 1.1.1")
    chapters = [p for p in wmo.all_parts if p.kind is PartKind.CHAPTER]
    assert chapters[0].heading == "Begripsbepalingen en algemene bepalingen"
    assert any(p.kind is PartKind.SECTION for p in wmo.all_parts)
    leden = [c for c in wmo.articles[0].children if c.kind is PartKind.LID]
    assert [lid.number for lid in leden][:2] == ["1", "2"]
    assert wmo.kind.value == "other"  # a national act, not a municipal document
    assert wmo.municipality is None


def test_leden_numbers_are_consecutive_in_every_act() -> None:
    for path in FILES:
        doc = load_document(str(path))
        for article in doc.articles:
            numbers = [c.number for c in article.children if c.kind is PartKind.LID]
            plain = [int(n) for n in numbers if n.isdigit()]  # "2a" is a lid inserted after "2"
            assert plain == list(range(1, len(plain) + 1)), (path.name, article.number)


@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_chapter_and_section_numbers_as_in_the_text(path: Path) -> None:
    """"Hoofdstuk IIA", "§ 4.2.a" and a section whose title runs past a hundred characters keep
    their numbers (a lost number also drops the section as an empty repeat)."""
    doc = load_document(str(path))
    numbered = [p for p in doc.all_parts if p.number is not None]
    assert [p.number for p in numbered if p.kind is PartKind.CHAPTER] == _heading_numbers(path, CHAPTER)
    assert [p.number for p in numbered if p.kind is PartKind.SECTION] == _heading_numbers(path, SECTION)
