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
import re
from types import ModuleType

from ...errors import InputError

# Order matters for sniffing: specific binary and markup formats before plain text.
READER_MODULES: tuple[str, ...] = ("pdf", "docx", "cvdr", "gemeenteblad", "html", "markdown", "text")

_loaded: dict[str, ModuleType] = {}

# Formats that are recognised only to be refused by name: a renamed Word 97-2003 file, an RTF or
# ODT draft, a scan saved as an image. Without this an RTF file (which is plain ASCII) would be
# read as text and checked as if its control words were the ordinance.
_UNSUPPORTED: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc (Word 97-2003)"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF8", "gif"),
)
_ODF = re.compile(rb"application/vnd\.oasis\.opendocument\.([a-z]+)")


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


def unsupported_format(head: bytes) -> str | None:
    """The name of a recognised but unsupported format (RTF, DOC, ODT, images), or None."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, name in _UNSUPPORTED:
        if start.startswith(signature):
            return name
    odf = _ODF.search(head[:200]) if head.startswith(b"PK\x03\x04") else None
    if odf is not None:
        return {b"text": "odt", b"spreadsheet": "ods", b"presentation": "odp"}.get(odf.group(1), "odf")
    return None


def detect(path: str, data: bytes) -> ModuleType:
    """Pick the reader for ``data``; raise InputError for unknown or mismatched formats."""
    lower = path.lower()
    ext_matches = [r for r in readers() if any(lower.endswith(e) for e in r.EXTENSIONS)]
    head = data[:8192]
    unsupported = unsupported_format(head)
    if unsupported is not None:
        if ext_matches:
            raise InputError(path, "format_mismatch", ext=_ext(path), actual=unsupported)
        raise InputError(path, "unknown_format", ext=_ext(path) or unsupported, known=", ".join(known_extensions()))
    by_content = next((r for r in readers() if r.sniff(head)), None)
    # Several readers share an extension (.xml: CVDR and Gemeenteblad): the content decides.
    by_ext = by_content if by_content in ext_matches else next(iter(ext_matches), None)
    if by_ext is not None and by_content is not None and by_ext is not by_content:
        # Plain text, Markdown and HTML are compatible with each other; a whole HTML page (a
        # doctype or an <html> root) saved as .txt or .md is read as the page it is.
        if not (getattr(by_ext, "TEXTUAL", False) and getattr(by_content, "TEXTUAL", False)):
            raise InputError(path, "format_mismatch", ext=_ext(path), actual=by_content.NAME)
        if by_content.NAME == "html":
            by_ext = by_content
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
