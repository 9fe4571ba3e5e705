"""Readers: one module per input format, each turning bytes into a :class:`SourceText`.

A reader module defines::

    NAME: str                      # format name, e.g. "markdown"
    EXTENSIONS: tuple[str, ...]    # lower-case file name endings, e.g. (".md", ".markdown")
    def sniff(head: bytes) -> bool # does the content look like this format? (first 8 KiB)
    def read(data: bytes, path: str) -> SourceText   # raises InputError on bad input

Add a format by writing a module and adding its name to ``READER_MODULES``. Detection looks at
the content first (binary signatures, XML roots) and the extension second, and refuses a file
whose content contradicts its extension. Readers import heavy libraries lazily, inside ``read``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ...errors import InputError

# Order matters for sniffing: specific binary and markup formats before plain text.
READER_MODULES: tuple[str, ...] = ("pdf", "docx", "cvdr", "gemeenteblad", "html", "markdown", "text")

_loaded: dict[str, ModuleType] = {}


def reader_module(name: str) -> ModuleType:
    mod = _loaded.get(name)
    if mod is None:
        mod = importlib.import_module(f"{__name__}.{name}")
        _loaded[name] = mod
    return mod


def readers() -> list[ModuleType]:
    return [reader_module(n) for n in READER_MODULES]


def known_extensions() -> list[str]:
    return sorted({ext for r in readers() for ext in r.EXTENSIONS})


def detect(path: str, data: bytes) -> ModuleType:
    """Pick the reader for ``data``; raise InputError for unknown or mismatched formats."""
    lower = path.lower()
    ext_matches = [r for r in readers() if any(lower.endswith(e) for e in r.EXTENSIONS)]
    head = data[:8192]
    by_content = next((r for r in readers() if r.sniff(head)), None)
    # Several readers share an extension (.xml: CVDR and Gemeenteblad): the content decides.
    by_ext = by_content if by_content in ext_matches else next(iter(ext_matches), None)
    if by_ext is not None and by_content is not None and by_ext is not by_content:
        # Plain text is compatible with Markdown and vice versa.
        if not (getattr(by_ext, "TEXTUAL", False) and getattr(by_content, "TEXTUAL", False)):
            raise InputError(path, "format_mismatch", ext=_ext(path), actual=by_content.NAME)
    chosen = by_ext or by_content
    if chosen is None:
        if b"\x00" in head:
            raise InputError(path, "binary_file")
        from ._xml import root_name

        root = root_name(head)
        if root is not None and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
            raise InputError(path, "xml_unknown_root", root=root, known="cvdr, officiele-publicatie")
        raise InputError(path, "unknown_format", ext=_ext(path) or "-", known=", ".join(known_extensions()))
    return chosen


def _ext(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
