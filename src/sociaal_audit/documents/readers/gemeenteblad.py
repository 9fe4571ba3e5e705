"""Gemeenteblad reader: publications from zoek.officielebekendmakingen.nl as XML (root ``officiele-publicatie``).

The publication's own title is ``gemeenteblad/kop/titel`` (the outer ``kop`` only says
"GEMEENTEBLAD" and "Officiële uitgave van de gemeente X", which gives the municipality). Metadata
comes from ``metadata/meta[@name][@content]`` where present (identifier, title, creator, date of
signing, legal basis); the body (a ``regeling`` with articles, or a ``zakelijke-mededeling``) is
walked by :class:`._xml.BodyWalker`, the same walker as CVDR.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import InputError
from ..model import Metadata, SourceText
from . import _xml

NAME = "gemeenteblad"
EXTENSIONS = (".xml",)
ROOT = "officiele-publicatie"

_GEMEENTE = re.compile(r"\bgemeente\s+(.+?)\s*$", re.I)
_PUBLICATION_ID = re.compile(r"\b((?:gmb|prb|wsb|stcrt|bgr)-\d{4}-\d+)\b")


def sniff(head: bytes) -> bool:
    return _xml.root_name(head) == ROOT


def read(data: bytes, path: str) -> SourceText:
    root = _xml.parse(data, path, "Gemeenteblad XML")
    name = _xml.local(root)
    if name != ROOT:
        if name == "cvdr":
            from . import cvdr

            return cvdr.read(data, path)
        raise InputError(path, "xml_unknown_root", root=name or "?", known="cvdr, officiele-publicatie")
    walker = _xml.BodyWalker()
    publication = _publication(root)
    title_el = _title_element(publication) if publication is not None else None
    if title_el is not None:
        walker.emit("# " + _xml.text_of(title_el), title_el)
    for part in (publication if publication is not None else root):
        if _xml.local(part) in ("kop", "metadata", "meta"):
            continue
        walker.walk(part)
    meta = metadata(root, _xml.text_of(title_el) if title_el is not None else None)
    return SourceText(path=path, format=NAME, lines=tuple(_xml.paragraph_breaks(walker.lines)), metadata=meta)


def _publication(root: Any) -> Any | None:
    """The element holding the publication itself (``gemeenteblad`` and its siblings in other bladen)."""
    for c in root:
        if _xml.local(c) not in ("metadata", "meta", "kop", ""):
            return c
    return None


def _title_element(publication: Any) -> Any | None:
    kop = _xml.child(publication, "kop")
    if kop is None:
        return None
    titel = _xml.child(kop, "titel")
    return titel if titel is not None and _xml.text_of(titel) else None


def metadata(root: Any, title: str | None) -> Metadata:
    values: dict[str, list[str]] = {}
    for el in _xml.descendants(root, "meta"):
        name, content = (el.get("name") or "").lower(), _xml.clean(el.get("content"))
        if name and content:
            values.setdefault(name, []).append(content)

    def pick(*suffixes: str) -> str | None:
        for key, found in values.items():
            if any(key == s or key.endswith("." + s) or key.endswith(":" + s) for s in suffixes):
                return found[0]
        return None

    identifier = pick("identifier")
    if identifier is None:
        for found in values.values():
            m = next((_PUBLICATION_ID.search(v) for v in found if _PUBLICATION_ID.search(v)), None)
            if m:
                identifier = m.group(1)
                break
    municipality = pick("creator", "authority", "spatial")
    if municipality is None:
        outer = _xml.child(root, "kop")
        sub = _xml.child(outer, "subtitel") if outer is not None else None
        m = _GEMEENTE.search(_xml.text_of(sub)) if sub is not None else None
        municipality = m.group(1) if m else None
    legal = [v for key, found in values.items() if "grondslag" in key for v in found]
    extra = [(k, v) for k, v in (("published", pick("issued", "available")),) if v]
    return Metadata(
        title=pick("title") or title,
        municipality=municipality,
        identifier=identifier,
        adopted=pick("datumondertekening", "datumondertekening"),
        legal_basis=_xml.unique(legal),
        extra=tuple(extra),
    )
