"""Dutch text matching shared by all rule kinds.

* :class:`NormalizedText`: a document's text folded once (lower case, no diacritics, no Markdown
  emphasis, line breaks as spaces, words hyphenated over a line break joined) with a map back to
  the original offsets. Built once per document, used by every rule.
* :func:`compile_phrase`: a plain phrase into a regex that tolerates case, diacritics, hyphens and
  line breaks inside the phrase, light inflection and "2"/"twee".
* :func:`parse_number`: digits or Dutch number words ("twee", "drie", "tien", "twintig").
* :func:`find_shares` / :func:`number_before`: percentages and fractions ("5%", "vijf procent",
  "een tiende", "5 tot 10 procent"), found from the unit backwards.
* :func:`is_negated`: "geen", "niet", "kent geen" near a match, or "is uitgesloten", "is per 2026
  beëindigd" after it, means absence, not presence.
* :func:`is_definition`: the term of a definition ("a. eigen regie: ...") names a concept; it
  provides nothing.
* :class:`Matcher`: patterns + phrases (+ optional fuzzy threshold with rapidfuzz) over spans.
"""

from __future__ import annotations

import re
import unicodedata

import regex  # pack patterns: like re, plus a timeout against catastrophic backtracking
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .prefilter import LiteralIndex, requirement

# ---------------------------------------------------------------------------------------------
# Folding: one length-preserving translate, then a few deletions tracked in an offset map.


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFKD", ch)
        stripped = "".join(c for c in base if not unicodedata.combining(c)).lower()
        if len(stripped) == 1 and stripped != ch:
            table[cp] = stripped
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    for ch in "*_#>|\n\t\r\u00a0\u2007\u202f":
        table[ord(ch)] = " "
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2212":  # dashes to hyphen
        table[ord(ch)] = "-"
    table[ord("\u2018")] = "'"
    table[ord("\u2019")] = "'"
    table[ord("\u201c")] = '"'
    table[ord("\u201d")] = '"'
    table[ord("\u00ad")] = " "  # soft hyphen: removed below
    return table


FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Length-preserving fold: lower case, no diacritics, markup and line breaks as spaces."""
    return text.translate(FOLD_TABLE)


# "hardheids-\nclausule" -> "hardheidsclausule"; soft hyphens vanish. Only these change length.
_JOIN = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])|\u00ad")


class NormalizedText:
    """A document's text folded for matching, with offsets mapped back to the original."""

    __slots__ = ("original", "text", "_cuts", "_shift", "literals")

    def __init__(self, original: str) -> None:
        self.original = original
        cuts: list[int] = []  # positions in the folded text after which characters were removed
        shift: list[int] = []  # cumulative removed characters at those positions
        pieces: list[str] = []
        last = 0
        removed = 0
        for m in _JOIN.finditer(original):
            pieces.append(original[last:m.start()])
            removed += m.end() - m.start()
            cuts.append(m.start() - (removed - (m.end() - m.start())))
            shift.append(removed)
            last = m.end()
        pieces.append(original[last:])
        self.text = fold("".join(pieces))
        self._cuts = cuts
        self._shift = shift
        self.literals = LiteralIndex(self.text)  # prefilter lookups, once per document

    def to_original(self, pos: int) -> int:
        i = bisect_right(self._cuts, pos) - 1
        return pos + (self._shift[i] if i >= 0 else 0)

    def to_folded(self, pos: int) -> int:
        # inverse of to_original, for span boundaries
        lo = pos
        for cut, total in zip(self._cuts, self._shift):
            if cut + total <= pos:
                lo = pos - total
            else:
                break
        return lo


# ---------------------------------------------------------------------------------------------
# Numbers

NUMBER_WORDS: dict[str, int] = {
    "nul": 0, "een": 1, "eén": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90, "honderd": 100, "eenmaal": 1, "tweemaal": 2, "driemaal": 3,
    "viermaal": 4, "vijfmaal": 5, "tienmaal": 10, "enkele": 1,
}
NUMBER_WORD_PATTERN = "|".join(sorted((fold(w) for w in NUMBER_WORDS if w != "enkele"), key=len, reverse=True))
# A number as written in Dutch text: digits (with decimal comma) or a number word.
NUMBER = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORD_PATTERN})"
_DIGIT_TO_WORDS: dict[str, list[str]] = {}
for _w, _n in NUMBER_WORDS.items():
    if not _w.endswith("maal") and _w != "enkele":
        _DIGIT_TO_WORDS.setdefault(str(_n), []).append(fold(_w))


_FOLDED_NUMBER_WORDS = {fold(k): v for k, v in NUMBER_WORDS.items()}  # built once, not per call


def parse_number(text: str) -> float | None:
    """'2' -> 2, 'twee' -> 2, '2,5' -> 2.5, 'vijfentwintig' -> 25; None if not a number."""
    t = fold(text.strip())
    if not t:
        return None
    if re.fullmatch(r"\d+(?:\.\d{3})*(?:,\d+)?", t):
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    folded_words = _FOLDED_NUMBER_WORDS
    if t in folded_words:
        return float(folded_words[t])
    m = re.fullmatch(r"(een|twee|drie|vier|vijf|zes|zeven|acht|negen)en(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)", t)
    if m:
        return float(folded_words[m.group(1)] + folded_words[m.group(2)])
    return None


# ---------------------------------------------------------------------------------------------
# Shares: percentages and fractions ("5%", "vijf procent", "een tiende", "5 tot 10 procent").
# Searching is anchored on the rare part (the "%" or "procent", the fraction word) and the number
# is then read backwards from it, so a 10,000-word document is not tried number by number.

FRACTION_WORDS: dict[str, float] = {
    "helft": 50.0, "derde": 100 / 3, "kwart": 25.0, "vierde": 25.0, "vijfde": 20.0, "zesde": 100 / 6,
    "achtste": 12.5, "tiende": 10.0, "twintigste": 5.0, "vijfentwintigste": 4.0, "vijftigste": 2.0,
    "honderdste": 1.0,
}
_COMPOUND_NUMBER = (
    r"(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)en(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
)
# digits as written in Dutch ("1.250,00", "2,5") or a number word, ending right at the window's end
NUMBER_AT_END = regex.compile(
    rf"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)*|{_COMPOUND_NUMBER}|{NUMBER_WORD_PATTERN})\s*$"
)
PERCENT_UNIT = regex.compile(r"%|\bprocent\b|\bpct\b\.?")
_RANGE_LOW_AT_END = regex.compile(
    rf"(?<![\w.,])(?P<n>\d+(?:,\d+)?|{_COMPOUND_NUMBER}|{NUMBER_WORD_PATTERN})\s*(?:%|procent)?"
    r"(?:\s+(?:tot(?:\s+en\s+met)?|a|of|en)\s+|\s*-\s*)$"
)
_FRACTION = regex.compile(
    rf"\b(?:een|1|de)\s+(?P<frac>{'|'.join(sorted(FRACTION_WORDS, key=len, reverse=True))})\b(?:\s+deel\b)?"
)


def number_before(text: str, pos: int, window: int = 32) -> tuple[int, float] | None:
    """The number that ends right before ``pos`` (spaces between allowed): (its start, its value)."""
    m = NUMBER_AT_END.search(text, max(0, pos - window), pos)
    if m is None:
        return None
    raw = m.group("n")
    value = parse_number(raw)
    if value is None and re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw) is None:
        return None
    if value is None:
        value = float(raw.replace(".", "").replace(",", "."))
    return m.start(), value


def find_shares(text: str, start: int, end: int) -> list[tuple[int, int, float]]:
    """Percentages and fractions in ``text[start:end]`` (folded text): (start, end, percent).
    For a range ("5 tot 10 procent") the share is its lower bound."""
    out: list[tuple[int, int, float]] = []
    for unit in PERCENT_UNIT.finditer(text, start, end, timeout=MATCH_TIMEOUT):
        found = number_before(text, unit.start())
        if found is None or found[0] < start:
            continue
        s, value = found
        low = _RANGE_LOW_AT_END.search(text, max(start, s - 40), s)
        if low is not None:
            low_value = parse_number(low.group("n"))
            if low_value is not None:
                s, value = low.start(), min(value, low_value)
        out.append((s, unit.end(), value))
    for m in _FRACTION.finditer(text, start, end, timeout=MATCH_TIMEOUT):
        out.append((m.start(), m.end(), FRACTION_WORDS[m.group("frac")]))
    out.sort()
    return out


def share_text(value: float) -> str:
    """A share for messages: 5 -> "5%", 33.33 -> "33,3%"."""
    if float(value).is_integer():
        return f"{int(value)}%"
    return f"{value:.1f}".replace(".", ",") + "%"


# ---------------------------------------------------------------------------------------------
# Phrases

_SUFFIX = r"(?:e|en|s|n|'s)?"


def _token_regex(token: str) -> str:
    if token.isdigit() and token in _DIGIT_TO_WORDS:
        return "(?:" + "|".join([token, *_DIGIT_TO_WORDS[token]]) + ")"
    for digit, words in _DIGIT_TO_WORDS.items():
        if token in words:
            return "(?:" + "|".join([digit, *words]) + ")"
    esc = re.escape(token)
    return esc + _SUFFIX if token[-1:].isalpha() else esc


@lru_cache(maxsize=4096)
def compile_phrase(phrase: str) -> "regex.Pattern[str]":
    """Compile a plain phrase for the folded text (see module doc)."""
    tokens = [t for t in re.split(r"[\s\-]+", fold(phrase).strip()) if t]
    if not tokens:
        raise ValueError("empty phrase")
    body = r"[\s\-]+".join(_token_regex(t) for t in tokens)
    return regex.compile(r"(?<![\w])" + body + r"(?![\w])")


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> "regex.Pattern[str]":
    """Compile a pack regex for the folded text. Authors write lower case without diacritics;
    ``\\s`` already matches line breaks. Matching is case-insensitive to forgive authors."""
    return regex.compile(pattern, regex.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Negation

_NOT_NEGATING = r"(?![\s,]+(?:of|alleen|enkel|uitsluitend|slechts|later|eerder|meer|minder|langer)\b)"
_NEG_BEFORE = re.compile(
    r"\b(?:geen|niet|nooit|noch|kent\s+geen|ontbreekt|ontbreken|uitgesloten)\b" + _NOT_NEGATING
)
# "zonder" negates what it governs ("zonder hardheidsclausule", "zonder een evaluatie"), not what
# follows a noun phrase it sits in ("jongeren zonder startkwalificatie is in 2028 met 20% gedaald")
_ZONDER_BEFORE = re.compile(r"\bzonder\s+(?:[\w'\-]+\s+){0,3}$")
_NEG_INSIDE = re.compile(r"\b(?:geen|niet|nooit)\b" + _NOT_NEGATING)
_NEG_AFTER = re.compile(
    r"^[^.;:]{0,40}?\b(?:is|zijn|wordt|worden|geldt|gelden|bestaat|bestaan|kent|kennen)?\s*"
    r"\b(?:niet|geen)\b" + _NOT_NEGATING
    + r"|^\s*(?:ontbreekt|ontbreken)\b"  # "een hardheidsclausule ontbreekt"
    + r"|^[^.;:,]{0,40}?\b(?:is|zijn|wordt|worden|blijft|blijven)\s+uitgesloten\b"  # "tussentijdse toetreding is uitgesloten"
    # "de collectieve zorgverzekering is per 1 januari 2026 beëindigd": abolished, so absent
    + r"|^[^.;:,]{0,40}?\b(?:is|zijn)\s+(?:[^.;:,]{0,30}?\s)?(?:afgeschaft|vervallen|beeindigd|ingetrokken|opgeheven)\b"
)
_CLAUSE_START = re.compile(r"[.;:!?,]\s|\n\s*\n|\s-\s")


def is_negated(folded: str, start: int, end: int, window: int = 60) -> bool:
    """True when a negation word governs the match: in the same clause just before it, or a
    'niet'/'geen' right after it ("... is niet van toepassing"). "niet of onvoldoende" and
    "niet alleen" are not negations."""
    lo = max(0, start - window)
    before = folded[lo:start]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        cut = m.end()
    before = before[cut:]
    if _NEG_BEFORE.search(before) or _ZONDER_BEFORE.search(before) or _NEG_INSIDE.search(folded, start, end):
        return True
    after = folded[end:end + 60]
    stop = re.search(r"[.;:,]", after)
    if stop:
        after = after[:stop.start()]
    return bool(_NEG_AFTER.search(after))


# ---------------------------------------------------------------------------------------------
# Definitions

# "a. eigen regie: ...", "- gemeentepolis: ...": a line (or list item) that starts with a term
# holding the match, then a colon; "Onder eigen regie wordt verstaan: ..."
_MARKER = r"(?:[a-z]{1,2}[.)]|\d{1,2}[.)°]|[-•*])"
_DEFINITION_TERM_BEFORE = re.compile(
    rf"(?:^\s*(?:{_MARKER}\s+(?:[\w'\-]+\s+){{0,3}})?|[:;]\s+{_MARKER}\s+(?:[\w'\-]+\s+){{0,3}})$"
)
_DEFINITION_COLON_AFTER = re.compile(r"^[\w\s'\-]{0,40}:")
_DEFINITION_VERSTAAN = re.compile(r"\bonder\b[^.;:]{0,80}$")
_WORDT_VERSTAAN = re.compile(r"^[^.;:]{0,80}?\b(?:wordt|worden)\s+verstaan\b|^\s*(?:[\w'\-]+\s+){0,2}?verstaan\b")


def is_definition(text: str, start: int, end: int) -> bool:
    """True when the match ``text[start:end]`` (original text) is the term of a definition
    ("a. eigen regie: ...", "onder eigen regie wordt verstaan: ..."), which names a concept and
    provides nothing."""
    line_start = text.rfind("\n", 0, start) + 1
    before = fold(text[line_start:start])
    after = fold(text[end:end + 60])
    if _DEFINITION_TERM_BEFORE.search(before) and _DEFINITION_COLON_AFTER.match(after):
        return True
    return bool(_DEFINITION_VERSTAAN.search(before) and _WORDT_VERSTAAN.match(after))


# ---------------------------------------------------------------------------------------------
# Sentences and quotes

# the punctuation first, then the lookbehinds (one character longer): same matches, tried only at
# punctuation instead of six lookbehinds at every character
_SENTENCE_END = re.compile(r"[.;!?](?<!\bart.)(?<!\bnr.)(?<!\blid.)(?<!\bo\.a.)(?<!\bbijv.)(?<!\bjo.)(?=\s)|\n[ \t]*\n")


def sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The sentence (or list line) around [start, end) in ``text`` (original or folded)."""
    lo = max(0, start - limit)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    nl = text.rfind("\n", s, start)
    if nl != -1 and _starts_list_line(text, nl + 1):
        s = nl + 1
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    e = m.end() if m else min(len(text), end + limit)
    nl = text.find("\n", end, e)
    if nl != -1 and _starts_list_line(text, nl + 1):
        e = nl
    while s < e and text[s].isspace():
        s += 1
    return s, e


_LIST_LINE = re.compile(r"[ \t]*(?:[-–•*]|\d+[.)°]|[a-z][.)]|#+)\s")


def _starts_list_line(text: str, pos: int) -> bool:
    return bool(_LIST_LINE.match(text, pos))


def quote(text: str, start: int, end: int, limit: int = 300) -> str:
    """Evidence: the sentence around a match, whitespace folded, at most ``limit`` characters."""
    s, e = sentence_bounds(text, start, end)
    q = " ".join(text[s:e].split())
    if len(q) <= limit:
        return q
    # keep the match visible: centre the window on it
    rel = len(" ".join(text[s:start].split()))
    half = (limit - 2) // 2
    a = max(0, min(rel - half, len(q) - (limit - 2)))
    return ("…" if a > 0 else "") + q[a:a + limit - 2].strip() + ("…" if a + limit - 2 < len(q) else "")


# ---------------------------------------------------------------------------------------------
# Matcher


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # offsets in the original text
    end: int
    folded_start: int
    folded_end: int
    text: str
    score: float = 100.0  # fuzzy score; 100 for exact
    groups: tuple[tuple[str, str], ...] = ()

    def group(self, name: str) -> str | None:
        for k, v in self.groups:
            if k == name:
                return v
        return None


# Seconds one pattern may search one span. Packs are untrusted: a pattern that backtracks
# catastrophically raises TimeoutError, which the engine reports as an error for that rule only.
MATCH_TIMEOUT = 2.0


class Matcher:
    """Regex patterns and plain phrases, compiled once, searched over spans of a document."""

    def __init__(
        self,
        patterns: Sequence[str] = (),
        phrases: Sequence[str] = (),
        fuzzy: int = 100,
        negation: bool = True,
    ) -> None:
        self.regexes = [compile_pattern(p) for p in patterns] + [compile_phrase(p) for p in phrases]
        self.requirements = {rx: requirement(rx.pattern, rx.flags) for rx in self.regexes}  # literal prefilter
        self.phrases = [fold(p).strip() for p in phrases]
        self.fuzzy = fuzzy
        self.negation = negation

    def __bool__(self) -> bool:
        return bool(self.regexes)

    def find(self, norm: NormalizedText, spans: Iterable[tuple[int, int]]) -> list[Match]:
        """All non-negated matches inside ``spans`` (original offsets), in text order."""
        out: list[Match] = []
        ftext = norm.text
        for s, e in spans:
            fs, fe = norm.to_folded(s), norm.to_folded(e)
            found_here = False
            for rx in self.regexes:
                need = self.requirements.get(rx)
                if need is not None and not need.possible(norm.literals, fs, fe):
                    continue  # the span lacks a literal every match contains
                for m in rx.finditer(ftext, fs, fe, timeout=MATCH_TIMEOUT):
                    if m.end() == m.start():
                        continue
                    if self.negation and is_negated(ftext, m.start(), m.end()):
                        continue
                    groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
                    out.append(self._match(norm, m.start(), m.end(), 100.0, groups))
                    found_here = True
            if not found_here and self.fuzzy < 100 and self.phrases:
                out.extend(self._fuzzy(norm, fs, fe))
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def _match(self, norm: NormalizedText, fs: int, fe: int, score: float, groups=()) -> Match:
        s, e = norm.to_original(fs), norm.to_original(fe)
        return Match(s, e, fs, fe, norm.original[s:e], score, groups)

    def _fuzzy(self, norm: NormalizedText, fs: int, fe: int) -> list[Match]:
        from rapidfuzz import fuzz

        ftext = norm.text
        out: list[Match] = []
        segment = ftext[fs:fe]
        for phrase in self.phrases:
            if len(phrase) < 6 or len(segment) < len(phrase):
                continue
            res = fuzz.partial_ratio_alignment(phrase, segment, score_cutoff=self.fuzzy)
            if res is None:
                continue
            a, b = fs + res.dest_start, fs + res.dest_end
            # extend to word boundaries
            while a > fs and ftext[a - 1].isalnum():
                a -= 1
            while b < fe and ftext[b].isalnum():
                b += 1
            if self.negation and is_negated(ftext, a, b):
                continue
            out.append(self._match(norm, a, b, round(res.score, 1)))
        return out


def finditer_spans(
    norm: NormalizedText, spans: Iterable[tuple[int, int]], rx: "regex.Pattern[str]"
) -> Iterable["regex.Match[str]"]:
    """Matches of a compiled regex over the folded text, limited to ``spans`` (original offsets).
    Match offsets are folded; map them back with :meth:`NormalizedText.to_original`."""
    need = requirement(rx.pattern, rx.flags)  # literal prefilter: skip spans that cannot match
    for s, e in spans:
        fs, fe = norm.to_folded(s), norm.to_folded(e)
        if need is None or need.possible(norm.literals, fs, fe):
            yield from rx.finditer(norm.text, fs, fe, timeout=MATCH_TIMEOUT)
