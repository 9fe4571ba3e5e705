"""CVDR XML reader: municipal regulations as exported by lokaleregelgeving.overheid.nl (root ``cvdr``).

Metadata comes from ``meta`` (``owmskern``: identifier, title, creator; ``owmsmantel``: issued, source
as legal basis, isRatifiedBy; ``cvdripm``: date in force); the text from ``body``: the ``intitule``
as title, then ``regeling`` with ``aanhef``, ``regeling-tekst`` and ``regeling-sluiting``, walked by
:class:`._xml.BodyWalker`.
"""

from __future__ import annotations

from typing import Any

from ...errors import InputError
from ..model import Metadata, SourceText, TextLine
from . import _xml

NAME = "cvdr"
EXTENSIONS = (".xml",)
ROOT = "cvdr"
SUPPORTED_ROOTS = "cvdr, officiele-publicatie"


def sniff(head: bytes) -> bool:
    return _xml.root_name(head) == ROOT


def read(data: bytes, path: str) -> SourceText:
    root = _xml.parse(data, path, "CVDR XML")
    name = _xml.local(root)
    if name != ROOT:
        if name == "officiele-publicatie":
            from . import gemeenteblad

            return gemeenteblad.read(data, path)
        raise InputError(path, "xml_unknown_root", root=name or "?", known=SUPPORTED_ROOTS)
    meta = metadata(root)
    walker = _xml.BodyWalker()
    body = _xml.child(root, "body")
    if body is not None:
        intitule = _xml.child(body, "intitule")
        title_el = intitule if intitule is not None and _xml.text_of(intitule) else None
        if title_el is not None:
            walker.emit("# " + _xml.text_of(title_el), title_el)
        elif meta.title:
            walker.lines.append(TextLine(text="# " + meta.title, line=1))
        for c in body:
            if _xml.local(c) != "intitule":
                walker.walk(c)
    return SourceText(path=path, format=NAME, lines=tuple(_xml.paragraph_breaks(walker.lines)), metadata=meta)


def _first(el: Any, name: str) -> Any | None:
    found = _xml.descendants(el, name)
    return found[0] if found else None


def metadata(root: Any) -> Metadata:
    meta = _xml.child(root, "meta")
    if meta is None:
        return Metadata()

    def value(name: str) -> str | None:
        el = _first(meta, name)
        text = _xml.text_of(el) if el is not None else ""
        return text or None

    municipality = None
    for name in ("creator", "spatial"):
        for el in _xml.descendants(meta, name):
            scheme = (el.get("scheme") or "").lower()
            if (not scheme or "gemeente" in scheme) and _xml.text_of(el):
                municipality = _xml.text_of(el)
                break
        if municipality:
            break
    extra = [
        (key, v)
        for key, v in (
            ("in_force", value("inwerkingtredingDatum")),
            ("out_of_force", value("uitwerkingtredingDatum")),
            ("adopted_by", value("isRatifiedBy")),
            ("published_in", value("isFormatOf")),
            ("modified", value("modified")),
            ("concerns", value("betreft")),
        )
        if v
    ]
    return Metadata(
        title=value("title"),
        municipality=municipality,
        identifier=value("identifier"),
        adopted=value("issued"),
        legal_basis=_xml.unique([_xml.text_of(el) for el in _xml.descendants(meta, "source")]),
        extra=tuple(extra),
    )
