"""Rule tests: every ``fail:`` example must fail and every ``pass:`` example must pass.

An example is a snippet of ordinance text. Unless it starts with structure of its own (an article or
chapter heading, as the structure parser reads it, or a ``#`` title), it is wrapped in a minimal ordinance so the
snippet is binding text of one article; a reference such as "artikel 4:84 Awb" at the start of a
line is no structure.
The document kind is the rule's first ``applies_to`` kind, so kind filters never hide a result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import parse_source
from ..documents.model import PartKind
from .context import DocContext
from .loader import LoadedPack, LoadedRule

_TITLE = "# Verordening voorbeeld\n\n"


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expected: str
    actual: str
    index: int
    snippet: str
    message: str

    @property
    def ok(self) -> bool:
        return self.expected == self.actual


def _has_structure(snippet: str) -> bool:
    """Does the snippet start with a chapter or article heading of its own?"""
    doc = parse_source((_TITLE + snippet).encode("utf-8"), "example.md")
    return bool(doc.parts) and doc.parts[0].kind in (PartKind.ARTICLE, PartKind.CHAPTER)


def example_document_text(snippet: str) -> str:
    if snippet.lstrip().startswith("#"):
        return snippet
    if _has_structure(snippet):
        return _TITLE + snippet
    return _TITLE + "Artikel 1 Voorbeeld\n\n" + snippet.strip() + "\n"


def run_example(rule: LoadedRule, snippet: str, lang: str = "nl"):
    from ..engine import Engine

    kind = rule.spec.applies_to[0].value if rule.spec.applies_to else None
    doc = parse_source(example_document_text(snippet).encode("utf-8"), "example.md", kind=kind)
    engine = Engine([], lang=lang)
    return engine.check_rule(rule, DocContext(doc))


def test_rule(rule: LoadedRule) -> list[ExampleResult]:
    out = []
    for expected, snippets in (("pass", rule.spec.examples.pass_), ("fail", rule.spec.examples.fail)):
        for i, snippet in enumerate(snippets):
            if rule.target == "register":  # an example is one contract (YAML), or a list of them
                from ..contracts.examples import run_register_example

                result = run_register_example(rule, snippet)
                snippet = "\n".join([snippet] if isinstance(snippet, str) else snippet)
            elif rule.target == "corpus":  # an example is a list of documents, checked as one group
                result = run_corpus_example(rule, snippet)
                snippet = "\n---\n".join([snippet] if isinstance(snippet, str) else snippet)
            else:
                result = run_example(rule, snippet)
            out.append(ExampleResult(rule.id, expected, result.status, i + 1, snippet, result.message))
    return out


def test_packs(packs: list[LoadedPack]) -> list[ExampleResult]:
    return [r for p in packs for rule in p.rules for r in test_rule(rule)]


def run_corpus_example(rule: LoadedRule, documents: str | list[str], lang: str = "nl"):
    """Parse every document of a corpus example, digest them and check them as one group."""
    from ..corpus import CorpusContext, Group, check_group, digest, to_result

    texts = [documents] if isinstance(documents, str) else list(documents)
    kind = rule.spec.applies_to[0].value if rule.spec.applies_to else None
    digests = tuple(
        digest(parse_source(example_document_text(text).encode("utf-8"), f"voorbeeld/document-{n}.md", kind=kind))
        for n, text in enumerate(texts, 1)
    )
    group = Group("map:voorbeeld", digests[0].municipality if digests else None, "voorbeeld", digests)
    outcome = check_group(rule, group, CorpusContext(lang=lang))
    if outcome is None:
        from ..corpus import CorpusOutcome

        outcome = CorpusOutcome("not_applicable", {"reason": "no document in scope"})
    return to_result(rule, group, outcome, lang)
