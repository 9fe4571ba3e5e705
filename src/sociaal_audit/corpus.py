"""Checks across documents: digests of documents, grouping by municipality, and corpus rules.

The runner calls :func:`digest` once per document (inside the worker, so only the small digest
travels back) and, after all files, :func:`check_corpus`, which groups the digests and runs every
rule whose kind has ``TARGET = "corpus"`` (see :mod:`sociaal_audit.rules.kinds.corpus`) once per
group, appending :class:`~sociaal_audit.results.CorpusResult` objects to the run.

Grouping: documents belong together when they name the same municipality (detected from the
format's metadata, "De raad van de gemeente X" or the title). A document without a detected
municipality joins the municipality of the other documents in its directory when they name one;
otherwise it is grouped with the other such documents of its directory. A rule with
``group_by: directory`` groups every document by its directory instead (one folder per
municipality), whatever the text says.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Collection, Iterable, Literal

from .documents.model import Document, Part
from .engine import plain_values, rule_fields
from .rules.matching import fold, quote

GroupBy = Literal["municipality", "directory"]
ArticleRole = Literal["regular", "definitions", "closing"]

# Roles of articles that every ordinance has in some form and that say nothing about overlap in
# policy: definitions (often copied from the law) and the closing provisions (transitional law,
# repeal of the old ordinance, entry into force, short title). Recognised by heading, and for an
# article without a recognisable heading by how its body starts.
_DEFINITIONS = re.compile(r"\b(?:begrips?(?:bepalingen?|omschrijvingen?)|begrippen|definities?)\b")
_CLOSING_HEADING = re.compile(
    r"\b(?:citeertitel|inwerkingtreding|slotbepalingen?|intrekking|overgangs(?:recht|bepalingen?|regeling))\b"
)
_DEFINITIONS_BODY = re.compile(r"^(?:\S+ ){0,3}(?:in|voor de toepassing van) deze "
                               r"(?:verordening|regeling|beleidsregels?|nadere regels)\b"
                               r"[^.;:]{0,80}\bwordt verstaan onder\b")
_CLOSING_BODY = re.compile(
    r"^(?:\S+ ){0,3}(?:deze (?:verordening|regeling|beleidsregels?|nadere regels) "
    r"(?:treedt|treden|wordt|worden) (?:in werking|aangehaald)\b"
    r"|de [^.;:]{0,20}(?:verordening|regeling|beleidsregels?|nadere regels)\b[^.;:]{0,120} (?:wordt|worden) ingetrokken\b)"
)
_LEAD = re.compile(r"\s*(?:(?:lid\s+)?\d+[.):]?\s+|[a-z][.)]\s+)?", re.I)  # "1. ", "lid 2 ", "a. "
LAW_LABELS = {"wmo2015": "Wmo 2015", "jeugdwet": "Jeugdwet", "participatiewet": "Participatiewet"}


# ----- digests ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    """One binding article, reduced to what corpus rules compare."""

    number: str | None
    title: str  # heading line as written, e.g. "Artikel 12 Klachten"
    heading: str | None  # "Klachten"
    text: str  # body folded (lower case, no diacritics or markup) with whitespace collapsed
    words: int
    line: int
    column: int
    role: ArticleRole
    quote: str  # first sentence of the body as written, at most 200 characters


@dataclass(frozen=True, slots=True)
class DocumentDigest:
    """A picklable summary of one document: metadata and its binding articles."""

    path: str
    title: str
    municipality: str | None
    kind: str
    laws: tuple[str, ...]
    title_line: int
    articles: tuple[ArticleDigest, ...]

    @property
    def directory(self) -> str:
        return os.path.dirname(self.path) or "."

    @property
    def name(self) -> str:
        """The title, or the file name when the document has none: how messages name it."""
        return self.title.strip() or os.path.basename(self.path)


def normalise(text: str) -> str:
    """Fold and collapse whitespace: the form in which articles are compared."""
    return " ".join(fold(text).split())


def _role(part: Part, body: str) -> ArticleRole:
    """``definitions``, ``closing`` or ``regular``; ``body`` is the normalised article body."""
    heading = fold(part.heading or "")
    if _DEFINITIONS.search(heading) or _DEFINITIONS_BODY.search(body):
        return "definitions"
    if _CLOSING_HEADING.search(heading) or (part.closing and not heading) or _CLOSING_BODY.search(body):
        return "closing"
    return "regular"


def _article_digest(doc: Document, part: Part) -> ArticleDigest | None:
    newline = doc.text.find("\n", part.start, part.end)
    if newline == -1:
        return None
    body = doc.text[newline + 1:part.end]
    stripped = body.lstrip()
    if not stripped:
        return None
    body_start = newline + 1 + _LEAD.match(body).end()
    text = normalise(body)
    loc = doc.locate(part.start)
    return ArticleDigest(
        number=part.number,
        title=part.title,
        heading=part.heading,
        text=text,
        words=len(text.split()),
        line=loc.line,
        column=loc.column,
        role=_role(part, text),
        quote=quote(doc.text, body_start, body_start + 1, limit=200),
    )


def _title_line(doc: Document) -> int:
    wanted = normalise(doc.title)
    for line in doc.lines:
        if wanted and wanted in normalise(line.text):
            return line.line
    for line in doc.lines:
        if line.text.strip():
            return line.line
    return 1


def digest(doc: Document) -> DocumentDigest:
    """The digest of ``doc`` that corpus rules need (small and picklable)."""
    articles = tuple(a for a in (_article_digest(doc, p) for p in doc.articles) if a is not None)
    return DocumentDigest(
        path=doc.path,
        title=doc.title,
        municipality=doc.municipality,
        kind=doc.kind.value,
        laws=tuple(law.value for law in doc.laws),
        title_line=_title_line(doc),
        articles=articles,
    )


# ----- groups -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """Documents that belong together: one municipality (or one directory) and its digests."""

    key: str  # "gemeente:beekveld" or "map:data/beekveld"
    municipality: str | None
    directory: str | None
    documents: tuple[DocumentDigest, ...]

    @property
    def name(self) -> str:
        return self.municipality or self.directory or self.key


def group_key(municipality: str | None, directory: str, by: GroupBy = "municipality",
              named: Collection[str] = ()) -> str:
    """The key of the group of a document in ``directory``: ``gemeente:`` and its normalised
    municipality, or ``map:`` and its directory.

    By municipality, a document whose municipality was not detected joins the municipality the
    other documents of its directory name when ``named`` (their keys) holds exactly one."""
    if by == "municipality" and municipality:
        return "gemeente:" + normalise(municipality)
    if by == "municipality" and len(named) == 1:
        return next(iter(named))
    return "map:" + directory


def group_documents(digests: Iterable[DocumentDigest], by: GroupBy = "municipality") -> list[Group]:
    """Group digests by municipality or by directory (:func:`group_key`); sorted."""
    ordered = sorted(digests, key=lambda d: d.path)
    named_in_directory: dict[str, set[str]] = {}
    for d in ordered:
        if d.municipality:
            named_in_directory.setdefault(d.directory, set()).add(group_key(d.municipality, d.directory))
    buckets: dict[str, list[DocumentDigest]] = {}
    for d in ordered:
        key = group_key(d.municipality, d.directory, by, named_in_directory.get(d.directory, ()))
        buckets.setdefault(key, []).append(d)
    groups = []
    for key, docs in sorted(buckets.items()):
        if key.startswith("gemeente:"):
            municipality = next(d.municipality for d in docs if d.municipality)
            groups.append(Group(key, municipality, None, tuple(docs)))
        else:
            names = {normalise(d.municipality) for d in docs if d.municipality}
            municipality = docs[0].municipality if len(names) == 1 else None
            groups.append(Group(key, municipality, key[4:], tuple(docs)))
    return groups


# ----- outcomes of corpus rules -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A place in one document of a group: an article, or the document title when article is None."""

    document: DocumentDigest
    article: ArticleDigest | None = None


@dataclass(frozen=True, slots=True)
class ArticlePair:
    first: ArticleRef
    second: ArticleRef
    similarity: float


@dataclass
class CorpusOutcome:
    status: Literal["pass", "fail", "not_applicable", "error"]
    values: dict[str, Any] = field(default_factory=dict)
    refs: list[ArticleRef] = field(default_factory=list)
    pairs: list[ArticlePair] = field(default_factory=list)


@dataclass
class CorpusContext:
    """What a corpus rule may use besides its group: the language and a cache shared by rules."""

    lang: str = "nl"
    cache: dict[str, Any] = field(default_factory=dict)


_NOT_APPLICABLE = {
    "nl": "Niet van toepassing: {reason}",
    "en": "Not applicable: {reason}",
}
_ERROR = {"nl": "Regel kon niet worden uitgevoerd: {reason}", "en": "Rule could not be run: {reason}"}
_PASSED = {"nl": "In orde: {title}.", "en": "In order: {title}."}


# ----- running corpus rules ----------------------------------------------------------------------


def check_group(rule: Any, group: Group, ctx: CorpusContext) -> CorpusOutcome | None:
    """Run one corpus rule on one group; None when no document of the group is in its scope."""
    kinds = {k.value for k in rule.spec.applies_to}
    docs = tuple(d for d in group.documents if not kinds or d.kind in kinds)
    if not docs:
        return None
    scoped = Group(group.key, group.municipality, group.directory, docs)
    try:
        return rule.kind.check(rule, scoped, ctx)
    except Exception as exc:  # one broken rule never stops the others
        return CorpusOutcome("error", {"reason": f"{type(exc).__name__}: {exc}"})


def check_corpus(engine: Any, digests: list[DocumentDigest], run: Any) -> None:
    """Group ``digests`` and append the result of every corpus rule for every group to ``run``."""
    groupings: dict[str, list[Group]] = {}
    ctx = CorpusContext(lang=engine.lang)
    for rule in engine.corpus_rules:
        by = getattr(rule.params, "group_by", "municipality")
        if by not in groupings:
            groupings[by] = group_documents(digests, by)
        for group in groupings[by]:
            outcome = check_group(rule, group, ctx)
            if outcome is not None:
                run.corpus.append(to_result(rule, group, outcome, engine.lang))


def _location(ref: ArticleRef):
    from .results import CorpusLocation

    doc, art = ref.document, ref.article
    if art is None:
        return CorpusLocation(path=doc.path, line=doc.title_line, column=1, document_title=doc.title, quote=doc.title)
    return CorpusLocation(
        path=doc.path, line=art.line, column=art.column, document_title=doc.title,
        article=art.number, article_title=art.title, quote=art.quote,
    )


def to_result(rule: Any, group: Group, outcome: CorpusOutcome, lang: str):
    """Turn a corpus rule's outcome into a :class:`~sociaal_audit.results.CorpusResult`."""
    from .results import CorpusPair, CorpusResult

    spec = rule.spec
    values = dict(outcome.values)
    template_vars = {**values, "status": outcome.status, "municipality": group.name, "lang": lang,
                     "documents": len(group.documents)}
    if outcome.status == "fail":
        message = rule.render(spec.message, lang, template_vars)
    elif outcome.status == "pass":
        if spec.ok_message is not None:
            message = rule.render(spec.ok_message, lang, template_vars)
        else:
            message = _PASSED.get(lang, _PASSED["nl"]).format(title=spec.title.get(lang))
    elif outcome.status == "not_applicable":
        message = _NOT_APPLICABLE.get(lang, _NOT_APPLICABLE["nl"]).format(reason=values.get("reason", "-"))
    else:
        message = _ERROR.get(lang, _ERROR["nl"]).format(reason=values.get("reason", "?"))
    pairs = [
        CorpusPair(first=_location(p.first), second=_location(p.second), similarity=round(p.similarity, 1))
        for p in outcome.pairs
    ]
    result = CorpusResult(
        **rule_fields(rule, outcome.status, message),
        municipality=group.municipality,
        group=group.key,
        documents=[d.path for d in group.documents],
        locations=[_location(r) for r in outcome.refs],
        pairs=pairs,
        values=plain_values(values),
    )
    result.fingerprint = corpus_fingerprint(result)
    return result


def corpus_fingerprint(result: Any) -> str:
    """Stable identity of a corpus finding: rule, group, documents and the articles involved."""
    h = hashlib.sha256(result.rule.encode())
    h.update(b"\x00" + result.group.encode())
    for path in result.documents:
        h.update(b"\x00" + path.encode())
    for pair in result.pairs:
        for loc in (pair.first, pair.second):
            h.update(b"\x00" + loc.path.encode() + b"\x01" + fold(loc.article_title or "").encode())
    h.update(b"\x00" + result.status.encode())
    return h.hexdigest()[:16]


__all__ = [
    "ArticleDigest", "ArticlePair", "ArticleRef", "CorpusContext", "CorpusOutcome", "DocumentDigest", "Group",
    "check_corpus", "check_group", "digest", "group_documents", "group_key", "normalise", "to_result",
]
