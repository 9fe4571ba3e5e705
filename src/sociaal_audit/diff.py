"""Comparing two versions of a document: which articles were added, removed, changed or
renumbered, and which rule results changed (pass to fail, fail to pass).

Articles are matched by content first (rapidfuzz similarity of the folded article text, best
pairs first, one-to-one), then by identical heading, then by number; so an article that moved
from number 10 to 11 because a new article was inserted is *renumbered*, not removed and added.
A repealed article that keeps its number as a placeholder ("Artikel 4 [Vervallen]") is not an
article: the article it replaces is *removed*, and the placeholder itself is never added.
Everything here is pure (documents and results in, a :class:`DiffResult` out) except
:func:`diff_paths`, which reads the two files and checks them with the packs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .corpus import normalise
from .documents.model import Document, Part
from .results import SEVERITY_RANK, DocumentResult, Location, RuleInfo, Severity, Status, ToolInfo

if TYPE_CHECKING:
    from .rules.loader import LoadedPack

DIFF_SCHEMA_VERSION = "1.0"
MATCH_SIMILARITY = 70.0  # content match: at least this similar (0-100); unrelated Dutch prose scores 40-55
SAME_NUMBER_SIMILARITY = 55.0  # same number, new heading: at least this similar to count as changed
MAX_WORD_CHANGES = 20
# "[Vervallen]", "(vervallen)", "Vervallen per 01-01-2020", "vervallen met ingang van 1 januari 2020"
_BRACKETS = str.maketrans("[]()", "    ")
_PLACEHOLDER = re.compile(r"vervallen(?: (?:per|met ingang van|sinds|m\.?i\.?v\.?) [\w .-]{1,30})?")

ArticleStatus = Literal["added", "removed", "changed", "renumbered", "unchanged"]
Direction = Literal["worse", "better", "changed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleSide(_Model):
    number: str | None
    title: str = Field(description="heading line, e.g. 'Artikel 10 Hardheidsclausule'")
    line: int
    column: int = 1


class WordChange(_Model):
    op: Literal["insert", "delete", "replace"]
    old: str = ""
    new: str = ""


class ArticleChange(_Model):
    status: ArticleStatus
    old: ArticleSide | None = None
    new: ArticleSide | None = Field(
        default=None, description="for a removed article: the placeholder ('[Vervallen]') that keeps its number, if any",
    )
    similarity: float | None = Field(default=None, description="similarity of old and new text, 0-100")
    text_changed: bool = False
    changes: list[WordChange] = Field(default_factory=list, description="word-level edits, at most 20")


class RuleChange(_Model):
    rule: str
    pack: str
    principles: list[str]
    title: str
    severity: Severity
    old_status: Status | None
    new_status: Status | None
    direction: Direction
    old_message: str | None = None
    new_message: str | None = None
    old_locations: list[Location] = Field(default_factory=list)
    new_locations: list[Location] = Field(default_factory=list)


class DiffDocument(_Model):
    path: str
    title: str
    municipality: str | None
    kind: str
    laws: list[str]
    articles: int


class DiffSummary(_Model):
    added: int = 0
    removed: int = 0
    changed: int = 0
    renumbered: int = 0
    unchanged: int = 0
    worse: int = 0
    better: int = 0
    other: int = 0


class DiffResult(_Model):
    schema_version: str = DIFF_SCHEMA_VERSION
    tool: ToolInfo
    lang: Literal["nl", "en"] = "nl"
    date: str | None = None
    old: DiffDocument
    new: DiffDocument
    articles: list[ArticleChange] = Field(default_factory=list, description="every article that is not unchanged")
    rules: list[RuleChange] = Field(default_factory=list, description="every rule whose status changed")
    summary: DiffSummary = Field(default_factory=DiffSummary)

    def blocking(self, fail_on: str) -> int:
        """Rules that went from not failing to failing, at or above ``fail_on`` (or never)."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_RANK[fail_on]
        return sum(1 for r in self.rules if r.direction == "worse" and SEVERITY_RANK[r.severity] >= floor)


# ----- articles -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Article:
    number: str | None
    title: str
    heading: str  # folded, "" when none
    text: str  # folded body, whitespace collapsed
    words: tuple[str, ...]  # body as written, split on whitespace
    line: int
    column: int
    placeholder: bool = False  # "Artikel 4 [Vervallen]": the number of a repealed article, no text

    def side(self) -> ArticleSide:
        return ArticleSide(number=self.number, title=self.title, line=self.line, column=self.column)


def _articles(doc: Document) -> list[_Article]:
    out = []
    for part in doc.articles:
        out.append(_article(doc, part))
    return out


def _article(doc: Document, part: Part) -> _Article:
    newline = doc.text.find("\n", part.start, part.end)
    body = doc.text[newline + 1:part.end] if newline != -1 else ""
    loc = doc.locate(part.start)
    heading, text = normalise(part.heading or ""), normalise(body)
    return _Article(
        number=part.number,
        title=part.title,
        heading=heading,
        text=text,
        words=tuple(body.split()),
        line=loc.line,
        column=loc.column,
        placeholder=_is_placeholder(heading, text),
    )


def _is_placeholder(heading: str, text: str) -> bool:
    """Heading and body (each folded) say only that the article was repealed."""
    said = [" ".join(part.translate(_BRACKETS).split()).rstrip(".") for part in (heading, text)]
    said = [part for part in said if part]
    return bool(said) and all(_PLACEHOLDER.fullmatch(part) for part in said)


def _same_number(a: _Article, b: _Article) -> bool:
    return a.number is not None and b.number is not None and normalise(a.number) == normalise(b.number)


def _similarity(old: list[_Article], new: list[_Article], rows: list[int], cols: list[int]) -> dict[tuple[int, int], float]:
    """Similarity (0-100) of every old article in ``rows`` with every new article in ``cols``."""
    from rapidfuzz import fuzz, process

    if not rows or not cols:
        return {}
    matrix = process.cdist([old[i].text for i in rows], [new[j].text for j in cols], scorer=fuzz.ratio, workers=1)
    out: dict[tuple[int, int], float] = {}
    for r, i in enumerate(rows):
        for c, j in enumerate(cols):
            a, b = old[i], new[j]
            if not a.text and not b.text:  # heading-only articles: compare headings
                out[(i, j)] = 100.0 if a.heading == b.heading else 0.0
            else:
                out[(i, j)] = float(matrix[r][c])
    return out


def match_articles(old: list[_Article], new: list[_Article]) -> dict[int, tuple[int, float]]:
    """Old index -> (new index, similarity), one-to-one."""
    pairs: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    # 0. untouched articles (same number, heading and text) pair at once: most of an amendment
    untouched: dict[tuple[str, str, str], list[int]] = {}
    for j, b in enumerate(new):
        untouched.setdefault((normalise(b.number or ""), b.heading, b.text), []).append(j)
    for i, a in enumerate(old):
        same = untouched.get((normalise(a.number or ""), a.heading, a.text))
        if a.number and same:
            j = same.pop(0)
            pairs[i] = (j, 100.0)
            used.add(j)
    # placeholders ("[Vervallen]") pair only with themselves above: equal texts, no content to match
    rows = [i for i in range(len(old)) if i not in pairs and not old[i].placeholder]
    cols = [j for j in range(len(new)) if j not in used and not new[j].placeholder]
    sim = _similarity(old, new, rows, cols)

    def take(candidates: list[tuple[float, float, int, int]]) -> None:
        for _, score, i, j in sorted(candidates, key=lambda c: (-c[0], c[2], c[3])):
            if i not in pairs and j not in used:
                pairs[i] = (j, score)
                used.add(j)

    # 1. by content; equal scores prefer the same number, then the same heading
    take([
        (score + 2 * _same_number(old[i], new[j]) + (old[i].heading == new[j].heading and bool(old[i].heading)), score, i, j)
        for (i, j), score in sim.items() if score >= MATCH_SIMILARITY
    ])
    # 2. rewritten article under the same heading
    take([
        (score + 2 * _same_number(old[i], new[j]), score, i, j)
        for (i, j), score in sim.items()
        if i not in pairs and j not in used and old[i].heading and old[i].heading == new[j].heading
    ])
    # 3. same number, new heading, still related
    take([
        (score, score, i, j)
        for (i, j), score in sim.items()
        if i not in pairs and j not in used and _same_number(old[i], new[j]) and score >= SAME_NUMBER_SIMILARITY
    ])
    return pairs


def word_changes(old: tuple[str, ...], new: tuple[str, ...]) -> list[WordChange]:
    """Word-level edits from ``old`` to ``new`` (at most MAX_WORD_CHANGES, each side cut at 200 chars)."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    out: list[WordChange] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        out.append(WordChange(op=op, old=_cut(" ".join(old[a0:a1])), new=_cut(" ".join(new[b0:b1]))))
        if len(out) >= MAX_WORD_CHANGES:
            break
    return out


def _cut(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def compare_articles(old_doc: Document, new_doc: Document) -> list[ArticleChange]:
    """Every article of both versions, classified, in the order of the new version (removed
    articles where they used to be)."""
    old, new = _articles(old_doc), _articles(new_doc)
    pairs = match_articles(old, new)
    by_new = {j: (i, score) for i, (j, score) in pairs.items()}
    # an unmatched article whose number now holds a placeholder was repealed there
    unmatched_old = {normalise(a.number): i for i, a in enumerate(old)
                     if i not in pairs and a.number and not a.placeholder}
    repealed: dict[int, int] = {}  # old index -> new index of its placeholder
    keyed: list[tuple[tuple[float, int, int], ArticleChange]] = []
    for j, b in enumerate(new):
        if j not in by_new and b.placeholder:
            i = unmatched_old.pop(normalise(b.number or ""), None)
            if i is not None:
                repealed[i] = j
                keyed.append(((j, 0, 0), ArticleChange(status="removed", old=old[i].side(), new=b.side())))
            continue
        if j not in by_new:
            keyed.append(((j, 0, 0), ArticleChange(status="added", new=b.side())))
            continue
        i, score = by_new[j]
        a = old[i]
        text_changed = a.text != b.text or a.heading != b.heading
        if _same_number(a, b):
            status: ArticleStatus = "changed" if text_changed else "unchanged"
        else:
            status = "renumbered"
        change = ArticleChange(
            status=status, old=a.side(), new=b.side(), similarity=round(score, 1), text_changed=text_changed,
            changes=word_changes(a.words, b.words) if a.words != b.words else [],
        )
        keyed.append(((j, 0, 0), change))
    last_new = -1
    for i, a in enumerate(old):
        if i in pairs or i in repealed:
            last_new = pairs[i][0] if i in pairs else repealed[i]
            continue
        if a.placeholder:  # an old placeholder whose number now holds an article (or nothing)
            continue
        keyed.append(((last_new, 1, i), ArticleChange(status="removed", old=a.side())))
    keyed.sort(key=lambda kv: kv[0])
    return [change for _, change in keyed]


# ----- rules --------------------------------------------------------------------------------------


def _direction(old: str | None, new: str | None) -> Direction:
    if new == "fail" and old != "fail":
        return "worse"
    if old == "fail" and new == "pass":
        return "better"
    return "changed"


def compare_results(old: DocumentResult, new: DocumentResult, rules: list[RuleInfo], lang: str = "nl") -> list[RuleChange]:
    """Every rule whose status differs between the two versions, sorted by pack and rule id."""
    info = {(r.pack, r.id): r for r in rules}
    old_by = {(r.pack, r.rule): r for r in old.results}
    new_by = {(r.pack, r.rule): r for r in new.results}
    out: list[RuleChange] = []
    for key in sorted(set(old_by) | set(new_by)):
        a, b = old_by.get(key), new_by.get(key)
        a_status, b_status = (a.status if a else None), (b.status if b else None)
        if a_status == b_status:
            continue
        any_result = b or a
        assert any_result is not None
        rule = info.get(key)
        out.append(RuleChange(
            rule=key[1], pack=key[0], principles=list(any_result.principles),
            title=(rule.title.get(lang) or rule.title["nl"]) if rule else key[1],
            severity=any_result.severity, old_status=a_status, new_status=b_status,
            direction=_direction(a_status, b_status),
            old_message=a.message if a else None, new_message=b.message if b else None,
            old_locations=list(a.locations[:3]) if a else [], new_locations=list(b.locations[:3]) if b else [],
        ))
    return out


def _doc_info(doc: Document) -> DiffDocument:
    return DiffDocument(path=doc.path, title=doc.title, municipality=doc.municipality, kind=doc.kind.value,
                        laws=[law.value for law in doc.laws], articles=len(doc.articles))


def compare_documents(
    old: Document, new: Document, old_result: DocumentResult, new_result: DocumentResult,
    rules: list[RuleInfo], lang: str = "nl", date: str | None = None,
) -> DiffResult:
    """The full comparison of two versions of one document."""
    all_articles = compare_articles(old, new)
    rule_changes = compare_results(old_result, new_result, rules, lang)
    summary = DiffSummary()
    for a in all_articles:
        setattr(summary, a.status, getattr(summary, a.status) + 1)
    for r in rule_changes:
        if r.direction == "worse":
            summary.worse += 1
        elif r.direction == "better":
            summary.better += 1
        else:
            summary.other += 1
    return DiffResult(
        tool=ToolInfo(version=__version__), lang=lang, date=date, old=_doc_info(old), new=_doc_info(new),
        articles=[a for a in all_articles if a.status != "unchanged"], rules=rule_changes, summary=summary,
    )


def diff_paths(old_path: str, new_path: str, packs: list[LoadedPack], lang: str = "nl", date: str | None = None,
               kind: str | None = None, max_bytes: int | None = None) -> DiffResult:
    """Read both files, check both with the loaded ``packs`` (document rules) and compare. Raises
    :class:`~sociaal_audit.errors.InputError` for an unreadable file."""
    from .documents import DEFAULT_MAX_BYTES, load_document
    from .engine import Engine

    limit = max_bytes or DEFAULT_MAX_BYTES
    old = load_document(old_path, kind=kind, max_bytes=limit)
    new = load_document(new_path, kind=kind, max_bytes=limit)
    engine = Engine(packs, lang=lang)
    run = engine.new_run(date=date)
    return compare_documents(old, new, engine.check_document(old), engine.check_document(new), run.rules, lang, date)


def diff_json_schema() -> dict:
    schema = DiffResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://sociaal-audit.invalid/schemas/diff-" + DIFF_SCHEMA_VERSION + ".json"
    return schema


if __name__ == "__main__":  # python -m sociaal_audit.diff > src/sociaal_audit/schemas/diff.schema.json
    import json

    print(json.dumps(diff_json_schema(), ensure_ascii=False, indent=2))
