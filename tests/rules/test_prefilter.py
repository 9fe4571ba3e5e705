"""Literal prefilter: derived literals, soundness (never skips a possible match) and identical
results with the prefilter on and off for every built-in rule and example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaal_audit.documents import parse_source
from sociaal_audit.engine import Engine
from sociaal_audit.rules.context import DocContext
from sociaal_audit.rules.loader import builtin_packs, load_packs
from sociaal_audit.rules.matching import (
    _SENTENCE_END, Matcher, NormalizedText, compile_pattern, compile_phrase, finditer_spans, fold,
)
from sociaal_audit.rules.prefilter import CASE_ODDITIES, LiteralIndex, Requirement, required_literals, requirement
from sociaal_audit.rules.testing import example_document_text

ROOT = Path(__file__).resolve().parents[2]
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
EXAMPLE = ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md"


# ----- derivation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"\bcollege\b[^.;]{0,80}\bafwijken", [{"college"}, {"afwijken"}]),
        (r"(?:ombudsman|ombudsvrouw)", [{"ombudsman", "ombudsvrouw"}]),
        (r"\bHardheidsclausule\b", [{"hardheidsclausule"}]),  # pattern case does not matter
        (r"\bverordening(?:en)?\b", [{"verordening"}]),  # optional suffix: the stem is required
        (r"organi[sz]atie", [{"organisatie", "organizatie"}]),  # small class: both spellings
        (r"\bonafhankelijke?\s+(?:klachtencommissie|vertrouwenspersoon)\b",
         [{"onafhankelijk"}, {"klachtencommissie", "vertrouwenspersoon"}]),
        (r"(?:college|burgemeester en wethouders)[^.]*(?:kan|mag)\s+afwijken",
         [{"college", "burgemeester en wethouders"}, {"kan", "mag"}, {"afwijken"}]),
        (r"\b(?:zzp\w*|zelfstandigen?\s+zonder\s+personeel)\b", [{"zzp", "zelfstandige"}]),  # `re`
        # parses this as "z" then (zp|elfstandige): the literals are joined again
        (r"(?:\d+|twee)\s+verwijzingen", [{"verwijzingen"}]),  # a branch without literal: dropped
        (r"(?<!niet\s)afwijken(?=\s+van)", [{"afwijken"}]),  # lookarounds are outside the match
        (r"(college)\W+\1", [{"college"}]),  # back-reference: nothing assumed
        (r"(?:eigen\s+)?regie", [{"regie"}]),  # the optional part is ignored
        (r"\bwmo\b|[a-z]+voorziening", [{"wmo", "voorziening"}]),  # each branch's best literal
        (r"\bwmo\b|[a-z]+", None),  # one branch has no literal
        (r"(?:eigen\s+)?wmo\s+\d+", [{"wmo"}]),
        (r"\b(?:de|het)\s+\d+", None),  # literals shorter than three characters say too little
        (r"[^.;]{0,80}", None),
        (r"(?:jeugdwet)?", None),
    ],
)
def test_required_literals(pattern: str, expected: list[set[str]] | None) -> None:
    assert required_literals(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:hardheidsclausule){e<=1}",  # fuzzy matching: `re` would read {e<=1} as literal text
        r"[[:alpha:]]+clausule",  # POSIX class: `re` reads a different set
        r"\p{L}+clausule",  # regex-only escape
        r"(?V1)[[a-z]--[aeiou]]clausule",  # set operations
        r"(?<naam>clausule)",  # regex-only group syntax
        r"\bcollege(?i)",  # global flag not at the start
    ],
)
def test_regex_only_syntax_gets_no_prefilter(pattern: str) -> None:
    regex.compile(pattern)  # valid for the regex module ...
    assert required_literals(pattern) is None  # ... but never prefiltered


def test_phrase_literals_come_from_its_tokens() -> None:
    assert required_literals(compile_phrase("Onbillijkheden van overwegende aard").pattern) == [
        {"onbillijkheden"}, {"van"}, {"overwegende"}, {"aard"}]
    # "2" has the alternative "twee"; the one-character digit makes that clause too weak to keep
    assert required_literals(compile_phrase("maximaal 2 verwijzingen").pattern) == [{"maximaal"}, {"verwijzingen"}]
    assert required_literals(compile_phrase("cliëntondersteuning").pattern) == [{"clientondersteuning"}]


def test_at_most_four_most_selective_clauses_in_pattern_order() -> None:
    literals = required_literals(r"aaa\s+bbbb\s+ccccc\s+dddddd\s+eeeeeee")
    assert literals == [{"bbbb"}, {"ccccc"}, {"dddddd"}, {"eeeeeee"}]


# ----- per-document index ------------------------------------------------------------------------


def test_literal_index_sees_overlapping_occurrences_inside_a_span() -> None:
    index = LiteralIndex("xaaax")
    assert index.present("aa") and not index.present("zz")
    assert index.occurs("aa", 2, 4)  # only the overlapping occurrence fits
    assert not index.occurs("aa", 3, 5)
    assert not index.occurs("aa", 0, 2)  # starts inside, ends outside
    assert not index.occurs("zz", 0, 5)


_INDEX_ALPHABET = st.sampled_from(list("abcdeijklnrstz") + ["aa", "ver", "ording", "en", " ", "  ", "-", ".", ",",
                                                              "\n", "_", "2", "é", "ë", "ß", "'", "(", ")"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_INDEX_ALPHABET, max_size=40), st.lists(_INDEX_ALPHABET, min_size=1, max_size=6),
       st.integers(0, 40), st.integers(1, 12))
def test_literal_index_presence_equals_a_search_of_the_whole_text(parts: list[str], extra: list[str], at: int,
                                                                   length: int) -> None:
    """Literals of word characters are looked up in the vocabulary: the answer must be the one
    ``literal in text`` gives, for literals taken from the text and for others."""
    text = "".join(parts)
    index = LiteralIndex(text)
    for literal in (text[at:at + length], "".join(extra), text[at:at + length] + "".join(extra)):
        if literal:
            assert index.present(literal) == (literal in text), (literal, text)
            assert index.present(literal) == (literal in text)  # cached answer too


def test_literal_index_presence_on_a_real_ordinance() -> None:
    text = fold((Path(__file__).parents[2] / "examples" / "verordening-sociaal-domein-lindewaarde.md")
                .read_text(encoding="utf-8"))
    index = LiteralIndex(text)
    for literal in ("hardheidsclausule", "college", "afwijken", "per uur", "wijkteam", "ombudsvrouw", "2.1.3",
                    "sociaal domein", "zzz", "eigen kracht", "verordening", "ordening"):
        assert index.present(literal) == (literal in text), literal


def test_requirement_checks_every_clause_inside_the_span() -> None:
    need = requirement(r"\bcollege\b[^.;]{0,80}\bafwijken")
    assert need is not None
    text = "het college stelt vast. artikel 2. het college kan afwijken."
    index = LiteralIndex(text)
    assert need.possible(index)
    assert not need.possible(index, 0, text.index("artikel"))  # no "afwijken" in the first sentence
    assert need.possible(index, text.index("artikel"), len(text))
    assert not need.possible(LiteralIndex("het college stelt vast"))


def test_case_oddities_switch_the_prefilter_off_for_that_document() -> None:
    need = requirement(r"\bkan\b")
    assert need is not None
    kelvin = NormalizedText("Het college \u212aAN afwijken")  # Kelvin sign survives folding
    assert compile_pattern(r"\bkan\b").search(kelvin.text)
    assert need.possible(kelvin.literals)


def test_case_oddities_are_complete() -> None:
    """Every character that survives folding and that a case-insensitive ASCII literal matches."""
    ascii_ci = regex.compile(r"[\x20-\x7e]", regex.IGNORECASE)
    found = {chr(c) for c in range(0x80, 0x110000)
             if ascii_ci.fullmatch(chr(c)) and fold(chr(c)) == chr(c)}
    assert found == set(CASE_ODDITIES)


# ----- soundness: a prefilter never skips a possible match ---------------------------------------

WORDS = ["college", "kan", "kunnen", "afwijken", "verordening", "wmo", "jeugdwet", "twee", "2", "ab", "a",
         "organisatie", "van", "niet"]
# (pattern piece, strategy for a text it matches)
LEAVES: list[tuple[str, st.SearchStrategy[str]]] = [
    # case variants, also with the Kelvin sign and dotless i that case-insensitive "k"/"i" match
    *((regex.escape(w), st.sampled_from([w, w.upper(), w.capitalize(), w.replace("k", "\u212a"),
                                         w.replace("i", "\u0131")])) for w in WORDS),
    (r"[sz]", st.sampled_from(["s", "z", "S"])),
    (r"[^.;]{0,12}", st.text(alphabet=" abkz-", max_size=12)),
    (r"\s+", st.sampled_from([" ", "\n", "  "])),
    (r"\s*", st.sampled_from(["", " "])),
    (r"\b", st.just("")),
    (r".", st.sampled_from(["x", " ", "k"])),
    (r"\d+", st.sampled_from(["2", "17"])),
    (r"[a-z]+", st.sampled_from(["ab", "kan", "van"])),
    (r"\w", st.sampled_from(["a", "2"])),
    (r"-", st.just("-")),
    (r"(?<![\w])", st.just("")),
]
Node = tuple[str, str]  # a pattern and a text it (most likely) matches


def _join(nodes: list[Node]) -> Node:
    return "".join(p for p, _ in nodes), "".join(t for _, t in nodes)


def _patterns() -> st.SearchStrategy[Node]:
    words = [leaf for leaf in LEAVES if leaf[0].isalpha()]
    leaf = st.sampled_from(LEAVES + 3 * words).flatmap(lambda pair: pair[1].map(lambda text: (pair[0], text)))

    def extend(inner: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        sequence = st.lists(inner, min_size=2, max_size=4).map(_join)
        return st.one_of(
            sequence,
            sequence,
            st.lists(inner, min_size=2, max_size=3).flatmap(lambda xs: st.sampled_from(xs).map(
                lambda chosen: ("(?:" + "|".join(p for p, _ in xs) + ")", chosen[1]))),
            st.tuples(inner, st.booleans()).map(lambda t: (f"(?:{t[0][0]})?", t[0][1] if t[1] else "")),
            st.tuples(inner, st.integers(1, 2)).map(lambda t: (f"(?:{t[0][0]})+", t[0][1] * t[1])),
            st.tuples(inner, st.integers(0, 2), st.integers(0, 2)).map(lambda t: (
                f"(?:{t[0][0]}){{{min(t[1], t[2])},{max(t[1], t[2])}}}", t[0][1] * min(t[1], t[2]))),
            st.tuples(inner, inner, st.sampled_from(["=", "!"])).map(  # a lookahead, then more
                lambda t: (f"(?{t[2]}{t[0][0]}){t[1][0]}", t[1][1])),
            inner.map(lambda x: (f"({x[0]})", x[1])),
        )

    return st.recursive(leaf, extend, max_leaves=8)


FRAGMENTS = WORDS + ["College", "AFWIJKEN", " ", " ", ".", ";", "s", "z", "-", "\n", "\u212a", "\u0131", "é", "kaN"]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join)


def assert_sound(rx: Any, need: Requirement | None, norm: NormalizedText, spans: list[tuple[int, int]]) -> None:
    if need is None:
        return
    for m in rx.finditer(norm.text):  # empty matches too: a pattern with literals has none
        assert need.possible(norm.literals, m.start(), m.end()), (rx.pattern, norm.text, m)
    for s, e in spans:
        if rx.search(norm.text, s, e) is not None:
            assert need.possible(norm.literals, s, e), (rx.pattern, norm.text, s, e)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(node=_patterns(), before=texts, after=texts, cuts=st.lists(st.integers(0, 300), max_size=3))
def test_generated_patterns_never_skip_a_match(node: Node, before: str, after: str, cuts: list[int]) -> None:
    pattern, sample = node
    rx = compile_pattern(pattern)
    norm = NormalizedText(before + sample + after)
    ends = {len(before), len(before) + len(sample), len(norm.text)}
    bounds = sorted({min(c, len(norm.text)) for c in cuts} | {0} | ends)
    spans = list(zip(bounds, bounds[1:])) + [(len(before), len(before) + len(sample))]
    assert_sound(rx, requirement(pattern, rx.flags), norm, spans)


def _pack_regexes() -> list[Any]:
    """Every compiled regex of the built-in packs (Matchers and the kinds' own patterns)."""
    out: dict[tuple[str, int], Any] = {}
    for pack in load_packs(sorted(builtin_packs())):
        for rule in pack.rules:
            for rx in _regexes(rule.compiled):
                out.setdefault((rx.pattern, rx.flags), rx)
    return [out[k] for k in sorted(out)]


def _regexes(obj: Any, seen: set[int] | None = None) -> Iterator[Any]:
    """Every compiled regex inside a rule's compiled parameters (match, near, unless, norms...)."""
    seen = set() if seen is None else seen
    if obj is None or id(obj) in seen or isinstance(obj, (str, int, float, bool, bytes)):
        return
    seen.add(id(obj))
    if isinstance(obj, regex.Pattern):
        yield obj
        return
    if isinstance(obj, dict):
        values: list[Any] = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set, frozenset)):
        values = list(obj)
    elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("sociaal_audit"):
        values = list(vars(obj).values())
    else:
        return
    for v in values:
        yield from _regexes(v, seen)


def test_every_builtin_pack_pattern_has_a_prefilter_or_none() -> None:
    regexes = _pack_regexes()
    assert regexes, "the built-in packs have patterns"
    derived = [requirement(rx.pattern, rx.flags) for rx in regexes]
    # most pack patterns carry a literal anchor; the prefilter must find it for nearly all
    assert sum(d is not None for d in derived) >= 0.8 * len(derived)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=20), index=st.integers(0, 10_000))
def test_pack_patterns_never_skip_a_match_on_generated_text(parts: list[str], index: int) -> None:
    regexes = _PACK_REGEXES
    rx = regexes[index % len(regexes)]
    need = requirement(rx.pattern, rx.flags)
    # text from fragments of the pattern's own literals, so matches actually happen
    own = [lit for clause in (need.clauses if need else ()) for lit in clause]
    text = " ".join(parts[: len(parts) // 2] + own + parts[len(parts) // 2:])
    norm = NormalizedText(text)
    assert_sound(rx, need, norm, [(0, len(norm.text)), (0, len(norm.text) // 2), (len(norm.text) // 2, len(norm.text))])


_PACK_REGEXES = _pack_regexes()


@pytest.mark.skipif(not LAWS.is_dir(), reason="shared corpus of laws not available")
def test_pack_patterns_never_skip_a_match_in_real_laws() -> None:
    for path in sorted(LAWS.glob("*.md")):
        norm = NormalizedText(path.read_text(encoding="utf-8", errors="replace"))
        for rx in _PACK_REGEXES:
            assert_sound(rx, requirement(rx.pattern, rx.flags), norm, [])


# ----- identical results with the prefilter on and off -------------------------------------------


def _document_rules() -> list[Any]:
    return [r for p in load_packs(sorted(builtin_packs())) for r in p.rules if r.target == "document"]


def _results(rules: list[Any], doc: Any) -> list[dict[str, Any]]:
    engine = Engine([])
    ctx = DocContext(doc)
    return [engine.check_rule(rule, ctx).model_dump() for rule in rules]


@pytest.fixture
def prefilter_off(monkeypatch: pytest.MonkeyPatch) -> Any:
    def switch() -> None:
        monkeypatch.setattr(Requirement, "possible", lambda self, index, start=0, end=None: True)
    return switch


def test_every_rule_and_example_gives_the_same_result_without_prefilter(prefilter_off: Any) -> None:
    rules = _document_rules()
    docs = []
    for rule in rules:
        kind = rule.spec.applies_to[0].value if rule.spec.applies_to else None
        for snippet in [*rule.spec.examples.pass_, *rule.spec.examples.fail]:
            if isinstance(snippet, str):
                docs.append(parse_source(example_document_text(snippet).encode("utf-8"), "example.md", kind=kind))
    docs.append(parse_source(EXAMPLE.read_bytes(), EXAMPLE.name))
    assert len(docs) > len(rules)
    with_prefilter = [_results(rules, d) for d in docs]
    prefilter_off()
    assert [_results(rules, d) for d in docs] == with_prefilter


def test_every_rule_of_every_target_tests_the_same_without_prefilter(prefilter_off: Any) -> None:
    """Corpus and register rules too, through `sociaal-audit rules test`'s own runner."""
    from sociaal_audit.rules.testing import test_rule as run_rule_examples

    rules = [r for p in load_packs(sorted(builtin_packs())) for r in p.rules]
    assert {r.target for r in rules} >= {"document", "corpus"}

    def outcomes() -> list[tuple[str, int, str, str, str]]:
        return [(x.rule, x.index, x.expected, x.actual, x.message) for r in rules for x in run_rule_examples(r)]

    with_prefilter = outcomes()
    prefilter_off()
    assert outcomes() == with_prefilter


def test_matcher_skips_a_span_without_the_literals_and_still_finds_the_rest() -> None:
    matcher = Matcher([r"\bcollege\b[^.;]{0,80}\bafwijken\b"], ["hardheidsclausule"])
    text = "Artikel 1. Het college stelt regels.\n\nArtikel 2. Het college kan afwijken van de regels."
    norm = NormalizedText(text)
    first = (0, text.index("Artikel 2"))
    assert matcher.find(norm, [first]) == []
    (match,) = matcher.find(norm, [first, (first[1], len(text))])
    assert match.text == "college kan afwijken"
    assert norm.literals._present == {"college": True, "afwijken": True, "hardheidsclausule": False}


def test_finditer_spans_skips_spans_without_the_literals() -> None:
    rx = compile_pattern(r"\bten\s+minste\s+(?P<n>\d+)\s+procent")
    text = "Artikel 1. Ten minste tien. Artikel 2. Het college besteedt ten minste 5 procent."
    norm = NormalizedText(text)
    second = text.index("Artikel 2")
    assert [m.group("n") for m in finditer_spans(norm, [(0, second), (second, len(text))], rx)] == ["5"]
    assert norm.literals._present == {"ten": True, "minste": True, "procent": True}


def test_flags_the_derivation_does_not_understand_mean_no_prefilter() -> None:
    assert requirement("college  kan", regex.VERBOSE) == requirement("collegekan")
    assert requirement("straße", regex.IGNORECASE | regex.FULLCASE) is None
    assert requirement("college", regex.BESTMATCH) is None


# ----- per-match work made cheap (matching.py) ---------------------------------------------------

_SENTENCE_END_AS_WRITTEN = re.compile(
    r"(?<!\bart)(?<!\bnr)(?<!\blid)(?<!\bo\.a)(?<!\bbijv)(?<!\bjo)[.;!?](?=\s)|\n[ \t]*\n")
SENTENCE_FRAGMENTS = ["art", "nr", "lid", "o.a", "bijv", "jo", ".", ";", "!", "?", " ", "\n", "\t", "x", "part", "o"]


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from(SENTENCE_FRAGMENTS), max_size=14), a=st.integers(0, 60), b=st.integers(0, 60))
def test_sentence_end_tries_punctuation_first_with_the_same_matches(parts: list[str], a: int, b: int) -> None:
    text = "".join(parts)
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    assert [m.span() for m in _SENTENCE_END.finditer(text, lo, hi)] == [
        m.span() for m in _SENTENCE_END_AS_WRITTEN.finditer(text, lo, hi)]
