"""DOCX reader: council proposals and draft ordinances from Word (python-docx).

Reads the body in order: paragraphs and tables (content controls included). Heading styles
("Heading 2", "Kop 2", "Title") become Markdown headings; Word's own list numbering (``w:numPr`` on
the paragraph or its style) is computed from ``numbering.xml`` (``numFmt``, ``lvlText``, ``start``,
``startOverride``, ``lvlRestart``, ``isLgl``, levels linked to heading styles) with a counter per
list, so automatically numbered articles, leden and items read as "Artikel 3", "1. ..." and
"a. ..." exactly as Word shows them; typed numbers are kept as typed. Table rows become
``| a | b |`` lines.
A line's number is the paragraph's position in the document (1-based, all paragraphs counted,
table cells included). The archive is checked for its uncompressed size before anything is
parsed (zip bombs).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from ...errors import InputError
from ..model import Metadata, SourceText, TextLine
from ._xml import paragraph_breaks

NAME = "docx"
EXTENSIONS = (".docx",)
MAX_UNCOMPRESSED = 200 * 1024 * 1024

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.I)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.I)
# Table of contents entries and heading: "toc 1", "TOC Heading", Dutch "Inhopg 1", "Kop van inhoudsopgave".
_TOC_STYLE = re.compile(r"^(?:toc\s*(?:\d|heading)|inhopg\s*\d|kop\s*van\s*inhoudsopgave)", re.I)
_SPACE = re.compile(r"[ \t\r\n\u000b]+")


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


def _check_archive(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(path, "parse_failed", format="DOCX", reason=str(exc) or "not a zip archive") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(path, "zip_too_large", size=total, limit=MAX_UNCOMPRESSED)
    if not any(i.filename == "word/document.xml" for i in infos):
        raise InputError(path, "parse_failed", format="DOCX", reason="no word/document.xml; not a Word document")


def read(data: bytes, path: str) -> SourceText:
    _check_archive(data, path)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx, zipfile and lxml each raise their own errors on a damaged part
        reason = _SPACE.sub(" ", str(exc))[:200] or type(exc).__name__
        raise InputError(path, "parse_failed", format="DOCX", reason=reason) from None
    reader = _BodyReader(document)
    reader.read_body()
    lines = tuple(paragraph_breaks(reader.lines))
    return SourceText(path=path, format=NAME, lines=lines, metadata=_metadata(document))


def _metadata(document: Any) -> Metadata:
    props = document.core_properties
    extra = [(k, v.strip()) for k, v in (("docx_title", props.title), ("docx_subject", props.subject)) if v and v.strip()]
    return Metadata(extra=tuple(extra))


@dataclass(frozen=True, slots=True)
class _Level:
    """One level of a Word list: start value, number format, number text, restart rule, legal numbering."""

    start: int
    fmt: str
    text: str
    restart_after: int  # lvlRestart: restart when a level with a smaller (0-based) index is used; 0 = never
    legal: bool = False


class _Numbering:
    """Word list numbering: levels per abstract list, counters per list instance."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[str, dict[int, _Level]] = {}
        # Paragraph style -> (abstract list, level): the level a style linked to a list level has
        # (``w:pStyle`` inside ``w:lvl``); it overrides any ``w:ilvl`` in the style itself.
        self.style_levels: dict[str, tuple[str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.start_override: dict[tuple[str, int], int] = {}
        # Counters belong to the abstract list: list instances without a start override continue
        # each other, as in Word; an instance with one restarts the count when first used.
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        style_links: dict[str, str] = {}  # list style name -> abstract list defining its levels
        num_style_links: dict[str, str] = {}  # abstract list -> list style whose levels it uses
        for abstract in root.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId")) or ""
            self.levels[aid] = {_level_index(lvl, qn): self._level(lvl) for lvl in abstract.findall(qn("w:lvl"))}
            for lvl in abstract.findall(qn("w:lvl")):
                linked = lvl.find(qn("w:pStyle"))
                if linked is not None and linked.get(qn("w:val")):
                    self.style_levels.setdefault(linked.get(qn("w:val")) or "", (aid, _level_index(lvl, qn)))
            link = abstract.find(qn("w:styleLink"))
            if link is not None:
                style_links[link.get(qn("w:val")) or ""] = aid
            link = abstract.find(qn("w:numStyleLink"))
            if link is not None:
                num_style_links[aid] = link.get(qn("w:val")) or ""
        for aid, style in num_style_links.items():
            if not self.levels.get(aid) and style in style_links:
                self.levels[aid] = self.levels.get(style_links[style], {})
        for num in root.findall(qn("w:num")):
            nid = num.get(qn("w:numId")) or ""
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.abstract_of[nid] = ref.get(qn("w:val")) or ""
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    self.start_override[(nid, int(override.get(qn("w:ilvl")) or 0))] = _int(start.get(qn("w:val")), 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    self.levels.setdefault(f"override:{nid}", {})[int(override.get(qn("w:ilvl")) or 0)] = self._level(lvl)

    def _level(self, lvl: Any) -> _Level:
        qn = self.qn

        def val(tag: str) -> str | None:
            el = lvl.find(qn(tag))
            return el.get(qn("w:val")) if el is not None else None

        ilvl = _level_index(lvl, qn)
        restart = _int(val("w:lvlRestart"), ilvl)
        if restart > ilvl:  # naming a level below itself: ignored, as Word does
            restart = ilvl
        legal = lvl.find(qn("w:isLgl")) is not None and val("w:isLgl") not in ("0", "false", "off")
        return _Level(
            start=_int(val("w:start"), 1),
            fmt=val("w:numFmt") or "decimal",
            text=val("w:lvlText") or "",
            restart_after=restart,
            legal=legal,
        )

    def level_of_style(self, num_id: str, style_id: str) -> int | None:
        """The level a list-linked paragraph style has in this list, if its abstract list names the style."""
        linked = self.style_levels.get(style_id)
        if linked is None:
            return None
        abstract, ilvl = linked
        return ilvl if self.abstract_of.get(num_id, "") == abstract else None

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        override = self.levels.get(f"override:{num_id}", {}).get(ilvl)
        if override is not None:
            return override
        return self.levels.get(self.abstract_of.get(num_id, ""), {}).get(ilvl)

    def _counter_key(self, num_id: str) -> str:
        if f"override:{num_id}" in self.levels:
            return f"num:{num_id}"  # the instance redefines its levels: a list of its own
        return "abstract:" + self.abstract_of.get(num_id, num_id)

    def start(self, num_id: str, ilvl: int) -> int:
        if (num_id, ilvl) in self.start_override:
            return self.start_override[(num_id, ilvl)]
        lvl = self.level(num_id, ilvl)
        return lvl.start if lvl else 1

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter at ``ilvl`` and return the number text, e.g. "2." or "b."."""
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return None
        fmt, text = lvl.fmt, lvl.text
        counters = self.counters.setdefault(self._counter_key(num_id), {})
        if num_id not in self.started:
            self.started.add(num_id)
            for nid, level in self.start_override:
                if nid == num_id:
                    for k in [k for k in counters if k >= level]:
                        del counters[k]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self.start(num_id, ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            deeper_level = self.level(num_id, deeper)
            # A deeper level restarts when a level above the one its lvlRestart names is used
            # (by default the level just above it); lvlRestart 0 never restarts ("Artikel 1".."Artikel 44"
            # numbered through every "Hoofdstuk").
            if deeper_level is None or ilvl < deeper_level.restart_after:
                del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return None

        def placeholder(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counters.get(k, self.start(num_id, k))
            level = self.level(num_id, k)
            # Legal numbering (isLgl) shows every level's number in decimal: "Artikel 2.3", not "II.3".
            return _format(value, "decimal" if lvl.legal else (level.fmt if level else "decimal"))

        label = re.sub(r"%([1-9])", placeholder, text).strip()
        return label or None


def _level_index(lvl: Any, qn: Any) -> int:
    return _int(lvl.get(qn("w:ilvl")), 0)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else "a"
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(max(value, 1))
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        return f"{value}e"
    return str(value)


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


class _BodyReader:
    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.document = document
        self.numbering = _Numbering(document)
        self.lines: list[TextLine] = []
        body = document.element.body
        # Holding the element proxies keeps their ids stable while the ordinals are looked up.
        self._paragraphs = list(body.iter(qn("w:p")))
        self.ordinal = {id(p): i + 1 for i, p in enumerate(self._paragraphs)}
        self.styles = {s.style_id: s for s in document.styles if getattr(s, "style_id", None)}
        self.open_fields: list[str] = []  # field types open at this point in the body, innermost last

    def read_body(self) -> None:
        self.blocks(self.document.element.body)

    def blocks(self, parent: Any) -> None:
        qn = self.qn
        for el in parent.iterchildren():
            if el.tag == qn("w:p"):
                self.paragraph(el)
            elif el.tag == qn("w:tbl"):
                self.table(el)
            elif el.tag == qn("w:sdt"):
                content = el.find(qn("w:sdtContent"))
                if content is not None and not self._is_toc_control(el):
                    self.blocks(content)

    def _is_toc_control(self, sdt: Any) -> bool:
        """A content control holding Word's table of contents (document part "Table of Contents")."""
        gallery = sdt.find(f"{self.qn('w:sdtPr')}/{self.qn('w:docPartObj')}/{self.qn('w:docPartGallery')}")
        return gallery is not None and "contents" in (gallery.get(self.qn("w:val")) or "").lower()

    def _in_toc_field(self, p: Any) -> bool:
        """Whether a TOC field is open at the start of ``p`` or opens inside it; tracks fields across
        paragraphs (a table of contents spans many)."""
        qn = self.qn
        inside = "TOC" in self.open_fields
        for el in p.iter(qn("w:fldChar"), qn("w:instrText")):
            if el.tag == qn("w:instrText"):
                if self.open_fields and self.open_fields[-1] == "":
                    self.open_fields[-1] = (el.text or "").strip().split(" ", 1)[0].upper()
                    inside = inside or self.open_fields[-1] == "TOC"
                continue
            kind = el.get(qn("w:fldCharType"))
            if kind == "begin":
                self.open_fields.append("")
            elif kind == "end" and self.open_fields:
                self.open_fields.pop()
        return inside

    def text(self, p: Any) -> str:
        """The paragraph's visible text: runs, hyperlinks, fields, content controls and tracked
        insertions; not tracked deletions, field codes or text boxes (paragraphs of their own)."""
        qn = self.qn
        skip = {qn("w:p"), qn("w:del"), qn("w:moveFrom")}
        wanted = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " ", qn("w:noBreakHyphen"): "-"}
        parts: list[str] = []
        for el in p.iter(*wanted):
            anc = el.getparent()
            while anc is not None and anc is not p and anc.tag not in skip:
                anc = anc.getparent()
            if anc is not p:
                continue
            fixed = wanted[el.tag]
            parts.append(fixed if fixed is not None else (el.text or ""))
        return _SPACE.sub(" ", "".join(parts)).strip()

    def paragraph(self, p: Any) -> None:
        text = self.text(p)
        style_id, num = self._style_and_numbering(p)
        if self._in_toc_field(p) or self._is_toc_style(style_id):
            return  # Word's table of contents repeats every heading, with page numbers
        marker = ""
        if num is not None:
            # An empty numbered paragraph still takes its number, as Word shows it.
            label = self.numbering.next_label(*num)
            if label:
                marker = label + " "
        if not text:
            return
        level = self._heading_level(style_id, p)
        prefix = "#" * level + " " if level else ""
        self.lines.append(TextLine(text=prefix + marker + text, line=self.ordinal.get(id(p), 1)))

    def _is_toc_style(self, style_id: str | None) -> bool:
        style = self.styles.get(style_id or "")
        names = (style_id or "", getattr(style, "name", None) or "")
        return any(_TOC_STYLE.match(n.strip()) for n in names if n)

    def _style_and_numbering(self, p: Any) -> tuple[str | None, tuple[str, int] | None]:
        qn = self.qn
        ppr = p.find(qn("w:pPr"))
        style_id = None
        num: tuple[str, int] | None = None
        if ppr is not None:
            ps = ppr.find(qn("w:pStyle"))
            style_id = ps.get(qn("w:val")) if ps is not None else None
            num = self._num_pr(ppr.find(qn("w:numPr")))
        if num is None and style_id is not None:
            num = self._style_num(style_id)
        if num is not None and num[0] in ("", "0"):
            num = None
        return style_id, num

    def _num_pr(self, numpr: Any) -> tuple[str, int] | None:
        if numpr is None:
            return None
        qn = self.qn
        nid = numpr.find(qn("w:numId"))
        lvl = numpr.find(qn("w:ilvl"))
        if nid is None:
            return None
        return nid.get(qn("w:val")) or "", _int(lvl.get(qn("w:val")) if lvl is not None else None, 0)

    def _style_num(self, style_id: str) -> tuple[str, int] | None:
        seen: set[str] = set()
        style = self.styles.get(style_id)
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            ppr = style.element.find(self.qn("w:pPr"))
            num = self._num_pr(ppr.find(self.qn("w:numPr"))) if ppr is not None else None
            if num is not None:
                # A style linked to a list level ("Kop 3" -> "Artikel %2") takes the level that names it.
                for linked in (style_id, style.style_id):
                    level = self.numbering.level_of_style(num[0], linked)
                    if level is not None:
                        return num[0], level
                return num
            style = getattr(style, "base_style", None)
        return None

    def _heading_level(self, style_id: str | None, p: Any | None = None) -> int:
        """Heading level from the style (or a style it is based on) or an outline level; 0 for body text."""
        outline = self._outline_level(p.find(self.qn("w:pPr")) if p is not None else None)
        if outline is not None:
            return outline
        if style_id is None:
            return 0
        style = self.styles.get(style_id)
        names = [style_id]
        seen: set[str] = set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            names += [style.style_id, style.name or ""]
            outline = self._outline_level(style.element.find(self.qn("w:pPr")))
            if outline is not None:
                return outline
            style = getattr(style, "base_style", None)
        for name in names:
            m = _HEADING_STYLE.match(name.strip())
            if m:
                return max(1, min(int(m.group(1)), 6))
            if _TITLE_STYLE.match(name.strip()):
                return 1
        return 0

    def _outline_level(self, ppr: Any | None) -> int | None:
        if ppr is None:
            return None
        lvl = ppr.find(self.qn("w:outlineLvl"))
        if lvl is None:
            return None
        value = _int(lvl.get(self.qn("w:val")), 9)
        return min(value + 1, 6) if value < 9 else None  # 9 is "body text"

    def table(self, tbl: Any) -> None:
        qn = self.qn
        for tr in tbl.iter(qn("w:tr")):
            cells = []
            first_line = None
            for tc in tr.findall(qn("w:tc")):
                texts = []
                for p in tc.iter(qn("w:p")):
                    if first_line is None:
                        first_line = self.ordinal.get(id(p))
                    texts.append(self.text(p))
                cells.append(_SPACE.sub(" ", " ".join(texts)).strip().replace("|", "/"))
            if any(cells):
                self.lines.append(TextLine(text="| " + " | ".join(cells) + " |", line=first_line or 1))
                if self._is_header(tr) and not self._is_header(tr.getnext()):
                    self.lines.append(TextLine(text="|" + "---|" * len(cells), line=first_line or 1))

    def _is_header(self, tr: Any) -> bool:
        """A row marked as header row ("repeat as header row at the top of each page")."""
        if tr is None or tr.tag != self.qn("w:tr"):
            return False
        trpr = tr.find(self.qn("w:trPr"))
        return trpr is not None and trpr.find(self.qn("w:tblHeader")) is not None
