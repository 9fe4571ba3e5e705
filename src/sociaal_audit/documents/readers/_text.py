"""Shared helpers for text-like readers: decoding bytes and splitting lines with their origins."""

from __future__ import annotations

import re

from ...errors import InputError
from ..model import TextLine

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_C1 = re.compile("[\x80-\x9f]")


def decode(data: bytes, path: str) -> str:
    """Decode text: UTF-8 (with or without BOM), else a detected legacy encoding.

    Legacy Dutch files are mostly Windows-1252 or Latin-1; charset-normalizer detects which.
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary_file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return mixed
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "undecodable") from None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15"]).best()
    text = str(best) if best is not None else None
    # C1 control characters mean a Windows-1252 file read as Latin-1 (€ is 0x80 there); too little
    # text for the detector (a few words) falls back to Windows-1252, then Latin-1, which never fails.
    if text is None or _C1.search(text):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return text if text is not None else data.decode("latin-1")
    return text


# ASCII runs, valid UTF-8 sequences, or one byte that is neither.
_UTF8_TOKEN = re.compile(
    rb"([\x00-\x7f]+)|([\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})|(.)",
    re.S,
)


def _mixed_utf8(data: bytes) -> str | None:
    """A UTF-8 file with a few Windows-1252 bytes pasted in ("€ 50" from an old document).

    Decoding it all as Windows-1252 would garble every "ë" of the UTF-8 part into "Ã«", so when
    valid UTF-8 sequences outnumber the invalid bytes, the UTF-8 stays UTF-8 and only the invalid
    bytes are read as Windows-1252. Otherwise (a legacy file) the detector decides.
    """
    pieces: list[str] = []
    valid = invalid = 0
    for m in _UTF8_TOKEN.finditer(data):
        if m.group(1) is not None:
            pieces.append(m.group(1).decode("ascii"))
        elif m.group(2) is not None:
            valid += 1
            pieces.append(m.group(2).decode("utf-8"))
        else:
            invalid += 1
            pieces.append(m.group(3).decode("cp1252", errors="replace"))
    return "".join(pieces) if valid > invalid else None


def split_lines(text: str) -> tuple[TextLine, ...]:
    """Split on any line end (LF, CRLF, CR) keeping 1-based line numbers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return tuple(TextLine(text=t, line=i + 1) for i, t in enumerate(text.split("\n")))


def comments(lines: tuple[TextLine, ...]) -> tuple[TextLine, ...]:
    """HTML comments on one line (used for inline suppressions)."""
    out = []
    for ln in lines:
        if "<!--" in ln.text:
            for m in _COMMENT.finditer(ln.text):
                out.append(TextLine(text=m.group(1).strip(), line=ln.line, column=m.start() + 1))
    return tuple(out)


# Control characters that never occur in text (tab, line ends, form feed and Ctrl-Z excepted).
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")


def looks_textual(head: bytes) -> bool:
    """Plain text: no binary control bytes, UTF-8 or a legacy 8-bit encoding (Windows-1252,
    Latin-1), and not an XML or HTML document (those have readers)."""
    if not head or _BINARY_CONTROLS.search(head):
        return False
    from ._xml import root_name

    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:9].lower()
    if root_name(head) is not None or start.startswith((b"<?xml", b"<!doctype")):
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multi-byte sequence cut at the end of the head is fine
            return True
    # Windows-1252 or Latin-1: letters with accents are a minority of the bytes of Dutch text.
    high = sum(1 for b in head if b >= 0x80)
    return high <= len(head) // 4
