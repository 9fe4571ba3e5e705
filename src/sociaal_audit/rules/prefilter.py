"""Literal prefilter: skip a regex search when the text cannot contain a match.

From a pack regex (as compiled for the folded text) :func:`required_literals` derives the
literals every match must contain, as a conjunction of disjunctions::

    \\bcollege\\b[^.;]{0,80}\\bafwijken      -> [{"college"}, {"afwijken"}]
    (?:ombudsman|ombudsvrouw)               -> [{"ombudsman", "ombudsvrouw"}]

Phrases reach this module through their compiled pattern (:func:`matching.compile_phrase`), so
each token of a phrase becomes a literal ("2"/"twee" a disjunction; suffixes are optional parts
and do not shorten the token).

Per document, :class:`LiteralIndex` looks each literal up at most once, in the text's vocabulary
of distinct words (or the whole text, for a literal with spaces or punctuation), and inside a
span only when the whole text has it; :class:`Requirement`
answers "is a match possible in this span?". Only a "no" skips a search, and it is only given
when a match is impossible: optional parts, character classes, back-references and lookarounds
contribute nothing; a pattern Python's own parser cannot read the way the ``regex`` module does
(fuzzy ``{e<=1}``, POSIX or nested sets, ``\\p{..}``) gets no prefilter (None: always search).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import regex

try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

Clause = frozenset[str]  # at least one of these strings occurs in every match

# Derivation limits: bounded sets keep derivation linear; short literals say too little.
MAX_EXACT = 64  # strings tracked for an exactly known piece, e.g. (?:a|b)(?:c|d)
MAX_ALTERNATIVES = 16  # strings in one clause
MAX_CLAUSES = 4  # clauses kept per pattern (the most selective)
MIN_LITERAL = 3  # shortest literal worth a lookup
MAX_CLASS = 8  # a character class this small becomes a set of one-character strings

# Characters the folded text may contain that a case-insensitive ASCII literal also matches
# (dotless i, Kelvin sign). A document containing one gets no prefilter. tests/rules/
# test_prefilter.py recomputes this over all of Unicode.
CASE_ODDITIES = "\u0131\u212a"


@dataclass(frozen=True, slots=True)
class _Info:
    """What is known about the strings a piece of a pattern matches.

    ``exact``: the complete set of strings it can match, when small and known; ``clauses``:
    literals every match of it contains (only used when ``exact`` is None)."""

    exact: frozenset[str] | None
    clauses: tuple[Clause, ...] = ()


_UNKNOWN = _Info(None)
_EMPTY = _Info(frozenset({""}))


class _Unsafe(Exception):
    """The parse tree may not mean what the ``regex`` module makes of the pattern."""


def _clause(strings: frozenset[str] | None) -> tuple[Clause, ...]:
    if not strings or "" in strings:
        return ()
    return (strings,)


def _sequence(items: Iterable[tuple[Any, Any]], prefix: frozenset[str] = frozenset({""})) -> _Info:
    """A concatenation; ``prefix``: the strings known to come right before it."""
    current = prefix
    exact = True
    clauses: list[Clause] = []
    for op, av in items:
        if op is _sre.BRANCH and current != {""}:
            # `re` factors a common prefix out of alternatives ("zzp|zelfstandige" becomes "z" and
            # "zp|elfstandige"): give each branch the text before it, so its literals stay whole
            info = _branch([_sequence(branch, current) for branch in av[1]])
            if info.exact is not None:
                current = info.exact
                continue
            clauses.extend(_clause(current))
            clauses.extend(info.clauses)
            exact = False
            current = frozenset({""})
            continue
        info = _node(op, av)
        if info.exact is not None:
            if len(current) * len(info.exact) <= MAX_EXACT:
                current = frozenset(a + b for a in current for b in info.exact)
            else:
                clauses.extend(_clause(current))
                exact = False
                current = info.exact
        else:
            clauses.extend(_clause(current))
            clauses.extend(info.clauses)
            exact = False
            current = frozenset({""})
    if exact:
        return _Info(current)
    clauses.extend(_clause(current))
    return _Info(None, tuple(clauses))


def _best(clauses: Iterable[Clause]) -> Clause | None:
    usable = [c for c in clauses if c and "" not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(s) for s in c), -len(c), sorted(c)))


def _class(items: Any) -> _Info:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, large ranges
            return _UNKNOWN
    if len(chars) > MAX_CLASS or any(not c.isascii() for c in chars):
        return _UNKNOWN
    return _Info(frozenset(c.lower() for c in chars))


def _node(op: Any, av: Any) -> _Info:
    if op is _sre.LITERAL:
        ch = chr(av)
        if ch == "{":  # `x{e<=1}`: a fuzzy constraint for `regex`, literal text for `re`
            raise _Unsafe
        return _Info(frozenset({ch.lower()})) if ch.isascii() else _UNKNOWN
    if op is _sre.IN:
        return _class(av)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):  # zero-width: consume nothing
        _walk_for_unsafe(av)
        return _EMPTY
    if op is _sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _sre.BRANCH:
        return _branch([_sequence(branch) for branch in av[1]])
    if op in _REPEATS:
        low, high, sub = av
        return _repeat(low, high, _sequence(sub))
    _walk_for_unsafe(av)
    return _UNKNOWN  # any character, categories, back-references, conditionals


_REPEATS = tuple(
    op for op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) if op is not None
)


def _walk_for_unsafe(av: Any) -> None:
    """Nested parse trees inside nodes we do not interpret still must not hide a fuzzy `{`."""
    if isinstance(av, _sre_parse.SubPattern):
        _sequence(av)
    elif isinstance(av, (tuple, list)):
        for x in av:
            _walk_for_unsafe(x)


def _branch(branches: list[_Info]) -> _Info:
    if all(b.exact is not None for b in branches):
        union = frozenset().union(*(b.exact for b in branches))  # type: ignore[arg-type]
        if len(union) <= MAX_EXACT:
            return _Info(union)
    best: set[str] = set()
    for b in branches:
        clause = _best([*b.clauses, *_clause(b.exact)])
        if clause is None:
            return _UNKNOWN
        best |= clause
    return _Info(None, (frozenset(best),))


def _repeat(low: int, high: int, sub: _Info) -> _Info:
    if low == 0:
        if high == 1 and sub.exact is not None:
            return _Info(sub.exact | {""})
        return _UNKNOWN
    if sub.exact is not None and low == high and len(sub.exact) ** low <= MAX_EXACT:
        strings = frozenset({""})
        for _ in range(low):
            strings = frozenset(a + b for a in strings for b in sub.exact)
        return _Info(strings)
    return _Info(None, (*sub.clauses, *_clause(sub.exact)))


def _reduce(clause: Clause) -> Clause:
    """{"verordening", "verordeningen"} -> {"verordening"}: the longer one implies the shorter."""
    return frozenset(s for s in clause if not any(t != s and t in s for t in clause))


# Compile flags of the `regex` module a derivation understands: case-insensitivity only widens
# what literals match (handled by lower-casing and CASE_ODDITIES), VERBOSE is parsed as `re`
# parses it. Any other flag (FULLCASE, V1, WORD, REVERSE, fuzzy matching...) means no prefilter.
_KNOWN_FLAGS = (regex.IGNORECASE | regex.UNICODE | regex.ASCII | regex.VERSION0 | regex.DOTALL
                | regex.MULTILINE | regex.VERBOSE)


@lru_cache(maxsize=4096)
def _derive(pattern: str, flags: int = 0) -> tuple[Clause, ...] | None:
    if flags & ~_KNOWN_FLAGS:
        return None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tree = _sre_parse.parse(pattern, re.VERBOSE if flags & regex.VERBOSE else 0)
        if caught:  # e.g. "Possible nested set": `regex` reads it differently
            return None
        info = _sequence(tree)
    except (_Unsafe, re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    clauses = [*info.clauses, *_clause(info.exact)]
    kept: list[Clause] = []
    for clause in clauses:
        clause = _reduce(clause)
        if not clause or len(clause) > MAX_ALTERNATIVES or min(len(s) for s in clause) < MIN_LITERAL:
            continue
        if clause not in kept:
            kept.append(clause)
    if not kept:
        return None
    ranked = sorted(kept, key=lambda c: (-min(len(s) for s in c), len(c), sorted(c)))[:MAX_CLAUSES]
    return tuple(c for c in kept if c in ranked)  # in pattern order


def required_literals(pattern: str, flags: int = 0) -> list[Clause] | None:
    """Literals every match of ``pattern`` (compiled by ``regex`` with ``flags``) contains: each
    clause is a set of alternatives, at least one of which occurs in the match; None when nothing
    safe can be derived."""
    clauses = _derive(pattern, flags)
    return None if clauses is None else list(clauses)


# ---------------------------------------------------------------------------------------------
# Per document


_WORD = re.compile(r"\w+")


class LiteralIndex:
    """Which literals occur in one document's folded text; each is looked up in the whole text
    once, and inside a span only when the whole text has it.

    Almost every literal is made of word characters only. Such a literal occurs in the text
    exactly when it occurs inside one of the text's distinct words, so it is looked up in the
    vocabulary (the distinct words, one per line: built in one scan of the text, typically a
    fifth of its length) instead of in the whole text."""

    __slots__ = ("text", "usable", "_present", "_vocabulary")

    def __init__(self, text: str) -> None:
        self.text = text
        # False when the text holds a character a case-insensitive literal could also match
        self.usable = not any(ch in text for ch in CASE_ODDITIES)
        self._present: dict[str, bool] = {}
        self._vocabulary: str | None = None

    def present(self, literal: str) -> bool:
        """Does ``literal`` occur anywhere in the text? (cached)"""
        found = self._present.get(literal)
        if found is None:
            if _WORD.fullmatch(literal):
                if self._vocabulary is None:
                    self._vocabulary = "\n".join(set(_WORD.findall(self.text)))
                found = literal in self._vocabulary
            else:  # spaces, hyphens, punctuation: only the text itself can tell
                found = literal in self.text
            self._present[literal] = found
        return found

    def occurs(self, literal: str, start: int, end: int) -> bool:
        """Does ``literal`` occur entirely inside ``text[start:end]``?"""
        return self.present(literal) and self.text.find(literal, start, end) != -1


@dataclass(frozen=True, slots=True)
class Requirement:
    """The literal requirement of one compiled pattern: every clause needs one of its literals."""

    clauses: tuple[tuple[str, ...], ...]

    def possible(self, index: LiteralIndex, start: int = 0, end: int | None = None) -> bool:
        """False only when no match can lie inside ``index.text[start:end]``."""
        if not index.usable:
            return True
        text = index.text
        stop = len(text) if end is None else end
        known = index._present
        for clause in self.clauses:  # called per pattern and span: plain loops, no calls
            for literal in clause:
                found = known.get(literal)
                if found is None:
                    found = index.present(literal)
                if found and text.find(literal, start, stop) != -1:
                    break
            else:
                return False
        return True


@lru_cache(maxsize=4096)
def requirement(pattern: str, flags: int = 0) -> Requirement | None:
    """The :class:`Requirement` of a pattern compiled with ``flags`` (a compiled pattern's
    ``.pattern`` and ``.flags``), or None: always search."""
    clauses = _derive(pattern, flags)
    if clauses is None:
        return None
    return Requirement(tuple(tuple(sorted(c, key=lambda s: (-len(s), s))) for c in clauses))
