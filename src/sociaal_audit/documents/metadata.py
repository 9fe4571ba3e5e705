"""Detect title-level metadata: municipality, document kind and the laws a document regulates.

Sources, in order of trust: metadata the format carries (CVDR, Gemeenteblad, DOCX properties),
the title (intitulé), the preamble ("De raad van de gemeente X", "gelet op ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import DocumentKind, Law, Metadata, Part, PartKind

# A place name: capitalised words, joined by "aan", "op", "van", "den" ... ("Alphen aan den Rijn",
# "Bergen op Zoom", "Land van Cuijk", "Gilze en Rijen", "Súdwest-Fryslân", "'s-Hertogenbosch").
# A joining word counts only before another capitalised word: "De raad van de gemeente Ede op
# voorstel van ..." is Ede, not "Ede op". Case-sensitive even inside re.I patterns.
_MUNICIPALITY_WORD = (
    r"(?-i:(?:['’]s-)?[A-Z][\w'’.-]*"
    r"(?:(?:[- ](?:aan|op|en|van|den|der|de|in|bij)(?![\w'’]))*[- ](?:['’]s-)?[A-Z][\w'’.-]*)*)"
)
# "De raad van de gemeente X", "De raad der gemeente X", "Burgemeester en wethouders van (de gemeente) X"
# Two municipalities share a name and differ by province: "Bergen (NH.)" and "Bergen (L.)"; the
# suffix stays part of the name, so their documents are never grouped together.
_PROVINCE = r"(?:\s*\((?-i:[A-Z][A-Za-z. -]{0,20})\))?"
_RAAD = re.compile(
    r"(?:\b(?:gemeente)?raad\s+(?:van\s+de|der)\s+gemeente|\bgemeenteraad\s+van"
    r"|\bburgemeester\s+en\s+wethouders\s+van(?:\s+de\s+gemeente)?)\s+("
    + _MUNICIPALITY_WORD + _PROVINCE + r")",
    re.I,
)
_GEMEENTE = re.compile(r"\bgemeente\s+(" + _MUNICIPALITY_WORD + _PROVINCE + r")")
# The way the suffix is written varies; the CBS list writes "(L.)" and "(NH.)".
_PROVINCE_NAMES = {"l": "L.", "limburg": "L.", "nh": "NH.", "noordholland": "NH."}
# "<kind> <social-domain words> <Place> [year]", also with compounds ("Wijzigingsverordening Wmo
# Beekveld", "Jeugdverordening Beekveld 2025"); the place is the capitalised words at the end.
_TITLE_PLACE = re.compile(
    r"(?:(?:verordening|beleidsregels|nadere\s+regels|beleidsplan)\b.*?\b(?:sociaal\s+domein|wmo|jeugdhulp|jeugd|"
    r"participatiewet|maatschappelijke\s+ondersteuning)\b|\b(?:jeugd|participatie|re-?integratie|wmo-?)\w*"
    r"(?:verordening|beleidsregels|beleidsplan)\b)[\w\s-]*?\s(" + _MUNICIPALITY_WORD
    + r")(?:\s+\d{4}(?:\s*[-–]\s*\d{4})?)?\s*$",
    re.I,
)
# Capitalised words that start no place name; they are dropped from the front of a candidate.
_NOT_PLACES = {
    "Wet", "Jeugdwet", "Participatiewet", "Wmo", "Verordening", "Artikel", "Hoofdstuk", "Een",
    # Title words written with capitals ("Verordening Wmo en Jeugdhulp Land van Cuijk 2024").
    "Jeugdhulp", "Jeugd", "Jeugdzorg", "Maatschappelijke", "Ondersteuning", "Sociaal", "Domein", "Participatie",
    "Re-integratie", "Beleidsregels", "Nadere", "Regels", "Beleidsplan", "Gemeente",
}
# "De Bilt", "De Ronde Venen", "Het Hogeland": an article starts a place name only before another capital.
_ARTICLE_WORDS = {"De", "Het"}

# Dutch compounds count too: "Wijzigingsverordening", "Jeugdverordening", "Re-integratieverordening",
# "Wmo-beleidsregels", "Samenwerkingsovereenkomst", "Jeugdbeleidsplan".
_KINDS: tuple[tuple[DocumentKind, re.Pattern[str]], ...] = (
    (DocumentKind.NADERE_REGELS, re.compile(r"\bnadere\s+regel", re.I)),
    (DocumentKind.BELEIDSREGELS, re.compile(r"beleidsregel", re.I)),
    (DocumentKind.OVEREENKOMST, re.compile(r"overeenkomst(?:en)?\b|\bcontract\b|convenant\b", re.I)),
    (DocumentKind.VERORDENING, re.compile(r"verordening", re.I)),
    (DocumentKind.BELEIDSPLAN, re.compile(r"beleids(?:plan|kader|nota)", re.I)),
)
_PREAMBLE_KIND = (
    (DocumentKind.VERORDENING, re.compile(r"\bbesluit\b.{0,40}\bvast\s+te\s+stellen\b.{0,40}\bverordening", re.I | re.S)),
    (DocumentKind.BELEIDSREGELS, re.compile(r"\bbesluit\b.{0,60}\bbeleidsregels", re.I | re.S)),
    (DocumentKind.NADERE_REGELS, re.compile(r"\bbesluit\b.{0,60}\bnadere\s+regels", re.I | re.S)),
)

_LAWS: tuple[tuple[Law, re.Pattern[str]], ...] = (
    # "Verordening maatschappelijke ondersteuning X" is the Wmo ordinance, with or without "Wet".
    (Law.WMO2015, re.compile(r"\bmaatschappelijke\s+ondersteuning(?:\s+2015)?\b|\bwmo(?:\s*2015)?\b", re.I)),
    (Law.JEUGDWET, re.compile(r"\bjeugdwet\b|\bjeugdhulp\b", re.I)),
    (Law.PARTICIPATIEWET, re.compile(r"\bparticipatiewet\b|\bwet\s+werk\s+en\s+bijstand\b", re.I)),
)
_GELET_OP = re.compile(r"\bgelet\s+op\b(.{0,600}?)(?:;|\n\s*\n|besluit)", re.I | re.S)
# "gelet op:" followed by a list of provisions, one per line, each ending in ";": the list runs to
# the next part of the preamble.
_GELET_OP_LIST = re.compile(
    r"\bgelet\s+op\s*:(.{0,800}?)(?:\b(?:besluit|b\s+e\s+s\s+l\s+u\s+i\s+t|overwegende|gezien|gelezen|gehoord)\b|$)",
    re.I | re.S,
)


@dataclass(frozen=True, slots=True)
class DetectedMetadata:
    municipality: str | None
    kind: DocumentKind
    laws: tuple[Law, ...]


def _province(suffix: str) -> str:
    key = re.sub(r"[^a-z]", "", suffix.lower())
    return f"({_PROVINCE_NAMES.get(key, suffix.strip('() '))})"


def _clean_place(name: str) -> str | None:
    province = ""
    m = re.search(r"\s*(\([^()]*\))$", name)
    if m:
        province = " " + _province(m.group(1))
        name = name[:m.start()]
    name = name.strip().rstrip(".,;:")
    words = name.split()
    # stop at a following year or lowercase word
    kept: list[str] = []
    for w in words:
        if w.isdigit():
            break
        kept.append(w)
    while kept and kept[0] in _NOT_PLACES:
        kept.pop(0)
    if not kept or (kept[0] in _ARTICLE_WORDS and len(kept) == 1):
        return None
    return " ".join(kept) + province


def detect_municipality(title: str, preamble: str, meta: Metadata) -> str | None:
    if meta.municipality:  # as the format says, with the province written one way ("Bergen (NH.)")
        m = re.search(r"\s*(\([^()]*\))$", meta.municipality)
        return meta.municipality[:m.start()] + " " + _province(m.group(1)) if m else meta.municipality
    for rx, text in ((_RAAD, preamble), (_GEMEENTE, title), (_TITLE_PLACE, title), (_GEMEENTE, preamble)):
        m = rx.search(text)
        if m:
            place = _clean_place(m.group(1))
            if place:
                return place
    return None


_NATIONAL = re.compile(r"^(?:rijks)?wet\s+van\s+\d|^besluit\s+van\s+\d", re.I)


def detect_kind(title: str, preamble: str) -> DocumentKind:
    if _NATIONAL.match(title.strip()):
        return DocumentKind.OTHER  # a national act or decree, not a municipal document
    for kind, rx in _KINDS:
        if rx.search(title):
            return kind
    for kind, rx in _PREAMBLE_KIND:
        if rx.search(preamble):
            return kind
    return DocumentKind.OTHER


def detect_laws(title: str, preamble: str, meta: Metadata) -> tuple[Law, ...]:
    gelet = " ".join(m.group(1) for rx in (_GELET_OP, _GELET_OP_LIST) for m in rx.finditer(preamble))
    haystack = " ".join((title, gelet, " ".join(meta.legal_basis)))
    return tuple(law for law, rx in _LAWS if rx.search(haystack))


def detect_metadata(
    text: str, title: str, parts: list[Part], meta: Metadata, kind_override: str | None = None
) -> DetectedMetadata:
    preamble = " ".join(text[p.start:p.end] for p in parts if p.kind is PartKind.PREAMBLE)
    if not preamble:
        preamble = text[:3000]
    if kind_override:
        kind = DocumentKind(kind_override)
    elif meta.kind is not None:
        kind = meta.kind
    else:
        kind = detect_kind(title, preamble)
    return DetectedMetadata(
        municipality=detect_municipality(title, preamble, meta),
        kind=kind,
        laws=detect_laws(title, preamble, meta),
    )
