"""Markdown reader: ordinances as Markdown (wetten.overheid.nl conversions, hand-written drafts).

Markdown is kept line for line so every location maps to the source's own line and column; the
structure parser understands heading markers, including ``##Title`` without a space.
"""

from __future__ import annotations

from ..model import SourceText
from ._text import comments, decode, split_lines

NAME = "markdown"
EXTENSIONS = (".md", ".markdown", ".mdown")
TEXTUAL = True


def sniff(head: bytes) -> bool:
    # Markdown has no signature; it is chosen by extension. Plain text covers the rest.
    return False


def read(data: bytes, path: str) -> SourceText:
    lines = split_lines(decode(data, path))
    return SourceText(path=path, format=NAME, lines=lines, comments=comments(lines))
