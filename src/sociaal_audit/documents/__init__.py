"""Documents: reading files of any supported format into one :class:`Document` model.

``load_document(path)`` is the one entry point: read bytes, detect the format, run its reader,
parse the Dutch legal structure and detect metadata. Input problems raise :class:`InputError`.
"""

from __future__ import annotations

import os

from ..errors import InputError
from .model import Document, DocumentKind, Law, Part, PartKind, SourceText, TextLine

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

__all__ = [
    "Document", "DocumentKind", "Law", "Part", "PartKind", "SourceText", "TextLine",
    "load_document", "parse_source", "read_bytes",
]


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "file_not_found") from None
    except OSError as exc:
        raise InputError(path, "unreadable", reason=exc.strerror or str(exc)) from None
    if not os.path.isfile(path):
        raise InputError(path, "not_a_file")
    if st.st_size > max_bytes:
        raise InputError(path, "too_large", size=st.st_size, limit=max_bytes)
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, "unreadable", reason=exc.strerror or str(exc)) from None
    if len(data) > max_bytes:  # the file grew after it was measured, or reports no size (/proc)
        raise InputError(path, "too_large", size=len(data), limit=max_bytes)
    if not data:
        raise InputError(path, "empty_file")
    return data


def parse_source(data: bytes, path: str, kind: str | None = None) -> Document:
    """Parse bytes already in memory (used by tests and by readers of containers)."""
    from .readers import detect
    from .structure import build_document

    reader = detect(path, data)
    source = reader.read(data, path)
    if not any(line.text.strip() for line in source.lines):
        raise InputError(path, "no_text")
    return build_document(source, kind_override=kind)


def load_document(path: str, kind: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    return parse_source(read_bytes(path, max_bytes), path, kind)
