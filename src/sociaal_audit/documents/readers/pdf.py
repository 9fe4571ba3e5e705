"""PDF reader: documents with a text layer (pdfplumber), located by page and line on the page.

Words are grouped into lines by their vertical position and read top to bottom, left to right.
Running headers and footers (a line in the top or bottom margin that recurs, digits aside, at the
same height on most pages) and bare page numbers ("3", "Pagina 3 van 12", "- 3 -", "3/12") are
dropped. A word hyphenated at a line end (with "-", a soft hyphen or a Unicode hyphen) is rejoined
onto the first line ("hardheids-" + "clausule"); the next line then starts further right, and its
column says so. Division headings at the top of pages ("Hoofdstuk 2" on each new page) are never
taken for running headers. A PDF without any
text (a scan) is refused: OCR is not supported.
"""

from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass
from typing import Any

from ...errors import InputError
from ..model import SourceText, TextLine

NAME = "pdf"
EXTENSIONS = (".pdf",)

MARGIN_SHARE = 0.12  # top and bottom share of the page where running headers and footers live
SAME_HEIGHT = 4.0  # points
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?\s*(?:(?:van|of|/)\s*\d{1,4})?$", re.I
)
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb06": "st"})
# A hyphen at a line end: ASCII, the soft hyphen (U+00AD) and the Unicode hyphens (U+2010, U+2011)
# that typesetters (WeasyPrint, LaTeX, InDesign) put in the text layer when they hyphenate.
_HYPHENS = "-\u00ad\u2010\u2011"
_HYPHENATED = re.compile(rf"[a-zà-ÿ][{_HYPHENS}]$")
# An invisible soft hyphen inside a line is not text.
_SOFT_HYPHEN_INSIDE = re.compile(r"\u00ad(?!$)")
# A division heading at the top of a page ("Hoofdstuk 3", "Artikel 12 Melding") recurs there with
# another number when every chapter starts a new page: body text, not a running header.
_DIVISION_HEADING = re.compile(r"^(?:hoofdstuk|artikel|afdeling|paragraaf|titel|deel|bijlage|§)\s*\d", re.I)
# Glyphs without a Unicode mapping come out as "(cid:71)": not text, so not read (a PDF of nothing
# else is treated as having no text layer).
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(slots=True)
class _Line:
    page: int
    number: int  # line on the page, 1-based, counted before headers and footers are removed
    top: float
    text: str
    in_margin: bool
    size: float = 0.0
    bottom: float = 0.0
    column: int = 1


def sniff(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def read(data: bytes, path: str) -> SourceText:
    import pdfplumber

    # pdfminer logs every oddity of a damaged file; the user gets one line from us instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_lines(page, i + 1) for i, page in enumerate(pdf.pages)]
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged or encrypted files
        reason = re.sub(r"\s+", " ", str(exc) or type(exc).__name__)[:200]
        raise InputError(path, "parse_failed", format="PDF", reason=reason) from None
    if not pages:
        raise InputError(path, "parse_failed", format="PDF", reason="no pages")
    if not any(pages):
        raise InputError(path, "no_text_layer")
    kept = _drop_running_lines(pages)
    if not kept:  # only page numbers or a scanner's stamp: a scan all the same
        raise InputError(path, "no_text_layer")
    lines = _rejoin_hyphenated(_join_wrapped_headings(kept))
    return SourceText(path=path, format=NAME, lines=tuple(_with_paragraph_breaks(lines)))


def _with_paragraph_breaks(lines: list[_Line]) -> list[TextLine]:
    """A blank line where the vertical gap says a new paragraph starts, as in Markdown."""
    out: list[TextLine] = []
    for i, ln in enumerate(lines):
        out.append(TextLine(text=ln.text, line=ln.number, column=ln.column, page=ln.page))
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and nxt.page == ln.page and nxt.top - ln.bottom > 0.6 * max(nxt.size, ln.size, 1.0):
            out.append(TextLine(text="", line=ln.number, column=ln.column, page=ln.page))
    return out


def _page_lines(page: Any, page_number: int) -> list[_Line]:
    words = page.extract_words(
        x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
    )
    table_rows, boxes = _table_rows(page, words)
    words = [w for w in words if not _inside(w, boxes)]
    rows = _rows(words)
    height = float(page.height or 842)
    width = float(getattr(page, "width", 0) or 595)
    gutter = _gutter([r for r in rows if _row_in_body(r, height)], width)
    # (top, bottom, text, size, column): column 0 spans the page, 1 is left of the gutter, 2 right of it
    found: list[tuple[float, float, str, float, int]] = []
    for top, bottom, text, size, x0, x1 in table_rows:
        column = 0 if gutter is None or x0 < gutter < x1 else (1 if x1 <= gutter else 2)
        found.append((top, bottom, text, size, column))
    for row in rows:
        parts = [(row, 0)]
        if gutter is not None and not any(w["x0"] < gutter < w["x1"] for w in row):
            parts = [([w for w in row if w["x1"] <= gutter], 1), ([w for w in row if w["x0"] >= gutter], 2)]
        for part, column in parts:
            text = " ".join(_CID.sub("", " ".join(w["text"] for w in part).translate(_LIGATURES)).split())
            text = _SOFT_HYPHEN_INSIDE.sub("", text)
            if text:
                sizes = sorted(round(float(w.get("size") or 0), 1) for w in part)
                found.append((min(w["top"] for w in part), max(w["bottom"] for w in part), text, sizes[len(sizes) // 2],
                              column))
    out: list[_Line] = []
    number = 0
    for top, bottom, text, size, _ in _reading_order(found):
        if not text.startswith("|---"):  # the header separator is not a line on the page
            number += 1
        in_margin = top < height * MARGIN_SHARE or bottom > height * (1 - MARGIN_SHARE)
        out.append(_Line(page=page_number, number=number, top=top, text=text, in_margin=in_margin, size=size, bottom=bottom))
    return out


def _rows(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words on one height form a row, left to right."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _row_in_body(row: list[dict[str, Any]], height: float) -> bool:
    return row[0]["top"] >= height * MARGIN_SHARE and row[0]["bottom"] <= height * (1 - MARGIN_SHARE)


def _gutter(rows: list[list[dict[str, Any]]], width: float) -> float | None:
    """The x of the white gutter of a two-column page, or None for one column.

    Two columns: almost no row crosses the gutter, at least a third of the rows have text on each
    side, and both sides hold lines of running text (four words or more, reaching the gutter):
    a two-column table of short cells is not a column layout.
    """
    if len(rows) < 8:
        return None
    best: tuple[int, float, float] | None = None
    for x in range(int(width * 0.3), int(width * 0.7), 2):
        crossing = sum(1 for r in rows if any(w["x0"] < x < w["x1"] for w in r))
        if crossing > 0.1 * len(rows):
            continue
        lefts = [[w for w in r if w["x1"] <= x] for r in rows]
        rights = [[w for w in r if w["x0"] >= x] for r in rows]
        lefts, rights = [p for p in lefts if p], [p for p in rights if p]
        if len(lefts) < len(rows) / 3 or len(rights) < len(rows) / 3:
            continue
        if _median([len(p) for p in lefts]) < 4 or _median([len(p) for p in rights]) < 4:
            continue
        left_edge = max(w["x1"] for p in lefts for w in p)
        if _median([left_edge - p[-1]["x1"] for p in lefts]) > 0.25 * left_edge:
            continue
        candidate = (crossing, abs(x - width / 2), float(x))
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else None


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _reading_order(items: list[tuple[float, float, str, float, int]]) -> list[tuple[float, float, str, float, int]]:
    """Top to bottom; between lines that span the page, the left column before the right one."""
    ordered: list[tuple[float, float, str, float, int]] = []
    left: list[tuple[float, float, str, float, int]] = []
    right: list[tuple[float, float, str, float, int]] = []
    for item in sorted(items, key=lambda f: (f[0], f[4])):
        if item[4] == 0:
            ordered += left + right + [item]
            left, right = [], []
        else:
            (left if item[4] == 1 else right).append(item)
    return ordered + left + right


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(
    page: Any, words: list[dict[str, Any]]
) -> tuple[list[tuple[float, float, str, float, float, float]], list[Any]]:
    """Ruled tables as "| a | b |" rows (with a "|---|" row after a bold header row), with their x-range."""
    rows: list[tuple[float, float, str, float, float, float]] = []
    boxes = []
    for table in page.find_tables():
        cells = table.extract()
        if not cells or len(cells[0]) < 2:
            continue  # a single box around text is a frame, not a table
        boxes.append(table.bbox)
        for i, (row, values) in enumerate(zip(table.rows, cells)):
            x0, top, x1, bottom = row.bbox
            texts = [" ".join((v or "").split()).replace("|", "/").translate(_LIGATURES) for v in values]
            if not any(texts):
                continue
            rows.append((top, bottom, "| " + " | ".join(texts) + " |", 0.0, x0, x1))
            if i == 0:
                in_row = [w for w in words if _inside(w, [row.bbox])]
                if in_row and all("bold" in str(w.get("fontname", "")).lower() for w in in_row):
                    rows.append((top + 0.01, bottom, "|" + "---|" * len(texts), 0.0, x0, x1))
    return rows, boxes


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.lower()))


def _drop_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """Remove running headers/footers and page numbers; keep everything else in reading order."""
    n_pages = len(pages)
    needed = max(2, math.ceil(0.6 * n_pages))
    occurrences: dict[str, list[_Line]] = {}
    for lines in pages:
        for ln in lines:
            if ln.in_margin:
                occurrences.setdefault(_running_key(ln.text), []).append(ln)
    running: set[int] = set()
    if n_pages >= 2:
        for found in occurrences.values():
            tops = sorted(ln.top for ln in found)
            median = tops[len(tops) // 2]
            same = [ln for ln in found if abs(ln.top - median) <= SAME_HEIGHT]
            if len({ln.page for ln in same}) < needed:
                continue
            if len({ln.text for ln in same}) > 1 and _DIVISION_HEADING.match(same[0].text):
                continue  # "Hoofdstuk 2", "Hoofdstuk 3" ... at the top of each page: the chapters themselves
            running.update(id(ln) for ln in same)
    kept: list[_Line] = []
    for lines in pages:
        outer = _outermost(lines, running)
        for ln in lines:
            if id(ln) in running or (id(ln) in outer and _PAGE_NUMBER.match(ln.text)):
                continue
            kept.append(ln)
    return kept


def _outermost(lines: list[_Line], running: set[int]) -> set[int]:
    """Lines between the page edge and the first line of body text, at the top and at the bottom.

    A page number stands there; a bare number further in ("2026" of a title wrapped over two
    lines near the top of the first page) is text.
    """
    ordered = sorted(lines, key=lambda ln: ln.top)
    outer: set[int] = set()
    for run in (ordered, ordered[::-1]):
        for ln in run:
            if not ln.in_margin or not (id(ln) in running or _PAGE_NUMBER.match(ln.text)):
                break
            outer.add(id(ln))
    return outer


def _join_wrapped_headings(lines: list[_Line]) -> list[_Line]:
    """A heading set larger than the body text and wrapped over lines is one line (the title above all)."""
    sizes: dict[float, int] = {}
    for ln in lines:
        sizes[ln.size] = sizes.get(ln.size, 0) + len(ln.text)
    if not sizes:
        return lines
    body = max(sizes, key=lambda k: sizes[k])
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.page == ln.page
            and ln.size > body * 1.15
            and abs(prev.size - ln.size) < 0.5
            and ln.top - prev.bottom < ln.size * 0.8
        ):
            prev.text = f"{prev.text} {ln.text}"
            prev.bottom = ln.bottom
            continue
        out.append(ln)
    return out


# "jeugd- en gezinsteam", "zorg- of hulpverlener": an elided compound, not a hyphenated word.
_ELISION_NEXT = {"en", "of", "tot", "noch", "dan", "als", "c.q.", "en/of", "resp."}


def _rejoin_hyphenated(lines: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for ln in lines:
        if out and _HYPHENATED.search(out[-1].text) and ln.text[:1].islower():
            head, _, rest = ln.text.partition(" ")
            if head.rstrip(",;:.") in _ELISION_NEXT:
                out.append(ln)
                continue
            prev = out[-1]
            fragment = prev.text.rsplit(" ", 1)[-1]
            # "Wmo-" + "consulent", "2015-" + "regeling": a real hyphen, kept; "hardheids-" + "clausule": dropped.
            # A soft hyphen only ever marks where the typesetter broke the word.
            keep = fragment[-1] != "\u00ad" and any(c.isupper() or c.isdigit() for c in fragment[:-1])
            prev.text = (prev.text[:-1] + "-" if keep else prev.text[:-1]) + head
            if not rest.strip():
                continue
            ln.column += len(head) + 1
            ln.text = rest
        out.append(ln)
    return out
