"""`corpus`: rules that look at all documents of one municipality together.

The ``check:`` field picks what is checked:

* ``laws_integrated`` (P12): are the Wmo 2015, the Jeugdwet and the Participatiewet regulated in
  one ordinance? Passes for one integral ordinance, fails for separate ordinances and says so
  when only two of the three laws are integrated ("partial").
* ``duplicate_articles`` (P13): articles in different documents whose normalised text is at least
  ``threshold`` similar (rapidfuzz ``scorer``), each article matched at most once per document
  pair; pairs are clustered into topics that could move into a shared chapter.

Amending ordinances ("Verordening tot wijziging van ...", "Wijzigingsverordening ...") are left out
of both: they repeat the text they insert by nature, and they do not regulate a law on their own.

``check(rule, group, ctx)`` receives a :class:`sociaal_audit.corpus.Group` (a municipality or
directory and the digests of its documents, already filtered by ``applies_to``) and a
:class:`sociaal_audit.corpus.CorpusContext`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...corpus import (
    LAW_LABELS, normalise, ArticleDigest, ArticlePair, ArticleRef, CorpusContext, CorpusOutcome, DocumentDigest, Group,
)

NAME = "corpus"
TARGET = "corpus"

ALL_LAWS = ("wmo2015", "jeugdwet", "participatiewet")
_AMENDMENT = re.compile(r"\b(?:wijziging(?:s(?:verordening|besluit|regeling))?|wijzigt)\b")


def is_amendment(doc: DocumentDigest) -> bool:
    """Does the title make ``doc`` an amending ordinance ("tot wijziging van", "Wijzigingsverordening")?"""
    return _AMENDMENT.search(normalise(doc.title)) is not None


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    check: Literal["laws_integrated", "duplicate_articles"]
    threshold: float = Field(default=85, ge=0, le=100, description="minimum similarity (0-100) of two articles")
    min_words: int = Field(default=20, ge=1, description="articles with fewer words are not compared")
    scorer: Literal["ratio", "token_sort_ratio", "token_set_ratio"] = "ratio"
    skip: list[Literal["definitions", "closing"]] = Field(
        default_factory=lambda: ["definitions", "closing"],
        description="article roles not compared: definitions (begripsbepalingen), closing (citeertitel...)",
    )
    group_by: Literal["municipality", "directory"] = "municipality"
    max_documents: int = Field(
        default=50, ge=2, description="duplicate_articles skips larger groups (comparing is quadratic in documents)",
    )


def check(rule, group: Group, ctx: CorpusContext) -> CorpusOutcome:
    if rule.params.check == "laws_integrated":
        return laws_integrated(group, ctx.lang)
    return duplicate_articles(group, rule.params, ctx.lang)


# ----- P12 --------------------------------------------------------------------------------------


def _laws_text(laws: tuple[str, ...] | list[str], lang: str) -> str:
    names = [LAW_LABELS[law] for law in ALL_LAWS if law in laws]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + (" en " if lang == "nl" else " and ") + names[-1]


def _doc_text(doc: DocumentDigest, lang: str) -> str:
    return f"{doc.name} ({_laws_text(doc.laws, lang)})"


def laws_integrated(group: Group, lang: str) -> CorpusOutcome:
    regulating = [d for d in group.documents if any(law in ALL_LAWS for law in d.laws)]
    ordinances = [d for d in regulating if not is_amendment(d)]
    if not ordinances:
        if regulating:
            reason = ("alleen wijzigingsverordeningen; die regelen een wet niet zelfstandig" if lang == "nl"
                      else "only amending ordinances, which do not regulate an act on their own")
        else:
            reason = ("geen van de documenten regelt de Wmo 2015, de Jeugdwet of de Participatiewet" if lang == "nl"
                      else "none of the documents regulates the Wmo 2015, the Jeugdwet or the Participatiewet")
        return CorpusOutcome("not_applicable", {"reason": reason})
    seen = {law for d in ordinances for law in d.laws if law in ALL_LAWS}
    missing = _laws_text([law for law in ALL_LAWS if law not in seen], lang)
    coverage = {d.path: sum(1 for law in ALL_LAWS if law in d.laws) for d in ordinances}
    best = max(coverage.values())
    integral = [d for d in ordinances if coverage[d.path] == len(ALL_LAWS)]
    values: dict[str, object] = {"ordinances": len(ordinances), "missing": missing, "laws_found": len(seen),
                                 "found": _laws_text(list(seen), lang)}
    if integral:
        others = [d for d in ordinances if d not in integral]
        values.update(integration="integral", together=_doc_text(integral[0], lang),
                      apart="; ".join(_doc_text(d, lang) for d in others))
        return CorpusOutcome("pass", values, [ArticleRef(d) for d in integral + others])
    together = [d for d in ordinances if coverage[d.path] == best and best > 1]
    apart = [d for d in ordinances if d not in together]
    values.update(
        integration="partial" if best > 1 else "separate",
        together="; ".join(_doc_text(d, lang) for d in together),
        apart="; ".join(_doc_text(d, lang) for d in apart),
    )
    return CorpusOutcome("fail", values, [ArticleRef(d) for d in together + apart])


# ----- P13 --------------------------------------------------------------------------------------


def _comparable(doc: DocumentDigest, params: Params) -> list[ArticleDigest]:
    return [a for a in doc.articles if a.role not in params.skip and a.words >= params.min_words]


def _similar_pairs(a: list[ArticleDigest], b: list[ArticleDigest], params: Params) -> list[tuple[float, int, int]]:
    """(score, i, j) for every article pair at or above the threshold, matched one-to-one, best first."""
    from rapidfuzz import fuzz, process

    if not a or not b:
        return []
    scorer = getattr(fuzz, params.scorer)
    matrix = process.cdist([x.text for x in a], [y.text for y in b], scorer=scorer,
                           score_cutoff=params.threshold, workers=1)
    found = [(float(matrix[i][j]), i, j) for i in range(len(a)) for j in range(len(b))
             if matrix[i][j] >= params.threshold and matrix[i][j] > 0]
    found.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept = []
    for score, i, j in found:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        kept.append((score, i, j))
    return kept


def _clusters(pairs: list[ArticlePair]) -> list[list[ArticleRef]]:
    """Articles linked by pairs, as clusters (union-find), in first-seen order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    refs: dict[tuple[str, int], ArticleRef] = {}

    def key(ref: ArticleRef) -> tuple[str, int]:
        assert ref.article is not None
        return (ref.document.path, ref.article.line)

    def find(k: tuple[str, int]) -> tuple[str, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for p in pairs:
        for ref in (p.first, p.second):
            k = key(ref)
            parent.setdefault(k, k)
            refs.setdefault(k, ref)
        ra, rb = find(key(p.first)), find(key(p.second))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[tuple[str, int], list[ArticleRef]] = {}
    for k in refs:
        clusters.setdefault(find(k), []).append(refs[k])
    return [sorted(c, key=lambda r: (r.document.path, r.article.line if r.article else 0)) for c in clusters.values()]


def _topic(cluster: list[ArticleRef]) -> str:
    headings = [r.article.heading for r in cluster if r.article and r.article.heading]
    if headings:
        return min(headings, key=lambda h: (len(h), h))
    return cluster[0].article.title if cluster[0].article else "?"


def _title_key(doc: DocumentDigest) -> str:
    """The title without years and numbers: two versions of one ordinance share it."""
    return " ".join(w for w in normalise(doc.title).split() if not any(ch.isdigit() for ch in w))


_NOT_A_TITLE = ("artikel", "hoofdstuk", "paragraaf", "afdeling", "titel")


def _versions_of_one_document(a: DocumentDigest, b: DocumentDigest) -> bool:
    """Two versions of one ordinance: equal titles apart from years and numbers, for the same laws.

    A title that names no ordinance (missing, one word such as "Verordening", or the first article
    heading of a document without a title) says nothing, and neither does an equal title over
    different laws (a "Gemeenteblad" header on a Wmo and a Jeugdwet ordinance): those are compared."""
    key = _title_key(a)
    words = key.split()
    if len(words) < 2 or words[0] in _NOT_A_TITLE:
        return False
    return key == _title_key(b) and set(a.laws) == set(b.laws)


def duplicate_articles(group: Group, params: Params, lang: str = "nl") -> CorpusOutcome:
    docs = [d for d in group.documents if not is_amendment(d)]
    amendments = len(group.documents) - len(docs)
    if len(docs) < 2:
        reason = "minder dan twee documenten in deze groep" if lang == "nl" else "fewer than two documents in this group"
        if amendments:
            reason += (f" ({amendments} wijzigingsverordening(en) niet meegeteld)" if lang == "nl"
                       else f" ({amendments} amending ordinance(s) not counted)")
        return CorpusOutcome("not_applicable", {"reason": reason, "amendments_skipped": amendments})
    if len(docs) > params.max_documents:
        reason = (f"{len(docs)} documenten in één groep, meer dan max_documents ({params.max_documents}); "
                  "is de gemeente niet herkend? Zet de documenten van elke gemeente in een eigen map"
                  if lang == "nl" else
                  f"{len(docs)} documents in one group, more than max_documents ({params.max_documents}); "
                  "was the municipality not detected? Put each municipality's documents in a folder of its own")
        return CorpusOutcome("not_applicable", {"reason": reason})
    comparable = {d.path: _comparable(d, params) for d in docs}
    pairs: list[ArticlePair] = []
    versions = 0
    for x in range(len(docs)):
        for y in range(x + 1, len(docs)):
            if _versions_of_one_document(docs[x], docs[y]):  # two versions of one ordinance, not overlap
                versions += 1
                continue
            a, b = comparable[docs[x].path], comparable[docs[y].path]
            for score, i, j in _similar_pairs(a, b, params):
                pairs.append(ArticlePair(ArticleRef(docs[x], a[i]), ArticleRef(docs[y], b[j]), score))
    pairs.sort(key=lambda p: (p.first.document.path, p.first.article.line if p.first.article else 0,
                              p.second.document.path, p.second.article.line if p.second.article else 0))
    values: dict[str, object] = {
        "count": len(pairs),
        "threshold": params.threshold,
        "compared": sum(len(v) for v in comparable.values()),
        "version_pairs_skipped": versions,
        "amendments_skipped": amendments,
    }
    if not pairs:
        return CorpusOutcome("pass", values)
    clusters = _clusters(pairs)
    topics = sorted({_topic(c) for c in clusters})
    values["shared"] = "; ".join(topics)
    values["pairs_text"] = "; ".join(
        f"{p.first.article.title} ({p.first.document.name}) ~ {p.second.article.title} "
        f"({p.second.document.name}): {p.similarity:.0f}%"
        for p in pairs[:5] if p.first.article and p.second.article
    ) + ("; …" if len(pairs) > 5 else "")
    return CorpusOutcome("fail", values, pairs=pairs)
