"""Plain-text reader: .txt files in UTF-8 (with or without BOM), Windows-1252 or Latin-1, any line ends."""

from __future__ import annotations

from ..model import SourceText
from ._text import comments, decode, looks_textual, split_lines

NAME = "text"
EXTENSIONS = (".txt", ".text")
TEXTUAL = True


def sniff(head: bytes) -> bool:
    return looks_textual(head)


def read(data: bytes, path: str) -> SourceText:
    lines = split_lines(decode(data, path))
    return SourceText(path=path, format=NAME, lines=lines, comments=comments(lines))
