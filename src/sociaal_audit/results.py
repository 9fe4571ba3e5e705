"""Results: what an audit produces, as pydantic models. This is the JSON output's schema.

Integrations depend on these names (documented in docs/json-output.md; the JSON Schema is
``sociaal_audit/schemas/results.schema.json``, generated from these models and kept current by a
test). Bump ``SCHEMA_VERSION`` on any incompatible change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Status = Literal["pass", "fail", "not_applicable", "error"]
Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
# values.reason of a not_applicable result whose pack has 'domain: social' on a document outside it
NOT_SOCIAL_DOMAIN = "not_social_domain"


def error_order(error: "InputErrorInfo") -> tuple:
    """Input errors by file, then as a reader expects them: 'regel 2' before 'regel 10'."""
    import re

    return (error.path, [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", error.message)])


class _Model(BaseModel):
    # Every field is always written (nulls and empty lists included), so the schema of the output
    # marks every field required: integrations can rely on each name being present.
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Suppression(_Model):
    """An accepted finding: an inline comment in the document or an ``ignore`` entry in the config."""

    rule: str = Field(description="rule id or id prefix as written, e.g. 'INT-P05'")
    reason: str = Field(description="why the finding is accepted (required)")
    source: Literal["inline", "config"] = "inline"
    path: str = Field(description="the document (inline) or the config file (config)")
    line: int | None = Field(default=None, description="line of the comment or config entry, when known")
    scope: Literal["file", "article", "paths"] = "file"
    article: str | None = Field(default=None, description="heading of the article an inline suppression covers")
    pattern: str | None = Field(default=None, description="path glob of a config ignore")


class BaselineInfo(_Model):
    """How the failed results compare with a baseline file (check --baseline)."""

    path: str
    new: int = 0
    unchanged: int = 0
    fixed: int = Field(default=0, description="baseline entries no longer found")


class Location(_Model):
    line: int = Field(description="1-based line in the source file (on the page, for PDF)")
    column: int = Field(description="1-based column")
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = Field(default=None, description="page number, for paged formats")
    article: str | None = Field(default=None, description="article number as written, e.g. '2.1.3' or '4a'")
    article_title: str | None = Field(default=None, description="article heading line, e.g. 'Artikel 5 Hardheidsclausule'")
    lid: str | None = None
    part: Literal["binding", "toelichting", "preamble", "closing"] = "binding"
    quote: str = Field(description="evidence: the sentence around the match, at most 300 characters")
    note: str | None = None


class RuleOutcome(_Model):
    """What every result of a rule says, whatever it looked at: a document, a group, a register."""

    rule: str
    pack: str
    principles: list[str]
    theme: str
    status: Status
    severity: Severity
    message: str


class Result(RuleOutcome):
    looked_for: str | None = Field(default=None, description="what was searched for, when nothing was found")
    locations: list[Location] = Field(default_factory=list)
    values: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    fingerprint: str | None = None
    suppressed: Suppression | None = Field(default=None, description="set when the finding is accepted; it does not block")
    baseline: Literal["new", "unchanged"] | None = Field(default=None, description="with --baseline: new, or already in the baseline (does not block)")


class DocumentResult(_Model):
    path: str
    format: str
    title: str
    municipality: str | None
    kind: str
    laws: list[str]
    identifier: str | None = None
    adopted: str | None = None
    legal_basis: list[str] = Field(default_factory=list)
    articles: int = 0
    words: int = 0
    results: list[Result] = Field(default_factory=list)
    unused_suppressions: list[Suppression] = Field(default_factory=list, description="inline suppressions that matched no finding")

    def blocking(self, fail_on: str) -> int:
        """Number of failed results at or above ``fail_on`` (error|warning|info|never) that are
        neither suppressed nor already in the baseline."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_RANK[fail_on]
        return sum(1 for r in self.results if r.status == "fail" and SEVERITY_RANK[r.severity] >= floor
                   and r.suppressed is None and r.baseline != "unchanged")


class InputErrorInfo(_Model):
    path: str
    message: str


class PackInfo(_Model):
    id: str
    version: str
    title: str
    path: str | None = None


class RuleInfo(_Model):
    """Rule metadata, in both languages, so saved results render without the packs."""

    id: str
    pack: str
    kind: str
    title: dict[str, str]
    principles: list[str]
    theme: str
    severity: Severity
    rationale: dict[str, str]
    suggestion: dict[str, str] | None = None
    looked_for: dict[str, str] | None = Field(
        default=None, description="what the rule looks for, in words, per language (when the pack says)"
    )
    source: dict[str, str]


class ToolInfo(_Model):
    name: str = "sociaal-audit"
    version: str


class Summary(_Model):
    documents: int = 0
    errors: int = 0
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    rule_errors: int = 0
    failed_by_severity: dict[str, int] = Field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    suppressed: int = Field(default=0, description="failed results that are suppressed (counted in failed too)")
    baselined: int = Field(default=0, description="failed results already in the baseline (counted in failed too)")


class RunResult(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    lang: Literal["nl", "en"] = "nl"
    date: str | None = Field(default=None, description="audit date, only when given with --date")
    packs: list[PackInfo] = Field(default_factory=list)
    rules: list[RuleInfo] = Field(default_factory=list)
    documents: list[DocumentResult] = Field(default_factory=list)
    errors: list[InputErrorInfo] = Field(default_factory=list)
    contracts: list[RegisterResult] = Field(default_factory=list, description="contract registers and their results")
    corpus: list[CorpusResult] = Field(default_factory=list, description="results of rules across documents (P12, P13)")
    summary: Summary = Field(default_factory=Summary)
    unused_suppressions: list[Suppression] = Field(default_factory=list, description="config ignores that matched no finding")
    baseline: BaselineInfo | None = None

    def finalize(self) -> "RunResult":
        """Sort everything deterministically and recompute the summary."""
        self.documents.sort(key=lambda d: d.path)
        self.errors.sort(key=error_order)
        s = Summary(documents=len(self.documents), errors=len(self.errors))
        for d in self.documents:
            for r in d.results:
                if r.status == "pass":
                    s.passed += 1
                elif r.status == "fail":
                    s.failed += 1
                    s.failed_by_severity[r.severity] += 1
                    if r.suppressed is not None:
                        s.suppressed += 1
                    elif r.baseline == "unchanged":
                        s.baselined += 1
                elif r.status == "not_applicable":
                    s.not_applicable += 1
                else:
                    s.rule_errors += 1
        self.corpus.sort(key=lambda c: (c.group, c.pack, c.rule))
        for c in self.corpus:  # results across documents count like document results
            if c.status == "pass":
                s.passed += 1
            elif c.status == "fail":
                s.failed += 1
                s.failed_by_severity[c.severity] += 1
                if c.baseline == "unchanged":
                    s.baselined += 1
            elif c.status == "not_applicable":
                s.not_applicable += 1
            else:
                s.rule_errors += 1
        self.contracts.sort(key=lambda r: r.path)
        for reg in self.contracts:  # contract registers: tallies per rule, severities of the fails
            for t in reg.tallies:
                s.passed += t.passed
                s.failed += t.failed
                s.failed_by_severity[t.severity] += t.failed
                s.not_applicable += t.not_applicable
                s.rule_errors += t.errors
        self.summary = s
        return self

    def blocking(self, fail_on: str) -> int:
        """Number of failed results at or above ``fail_on`` (error|warning|info|never).

        Suppressed findings and findings already in the baseline do not block."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_RANK[fail_on]
        return sum(d.blocking(fail_on) for d in self.documents) + sum(
            1 for c in self.corpus
            if c.status == "fail" and SEVERITY_RANK[c.severity] >= floor and c.baseline != "unchanged"
        ) + sum(
            t.failed for reg in self.contracts for t in reg.tallies if SEVERITY_RANK[t.severity] >= floor
        )


def results_json_schema() -> dict:
    schema = RunResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://sociaal-audit.invalid/schemas/results-" + SCHEMA_VERSION + ".json"
    return schema


# ----- results across documents (corpus rules) -----------------------------------------------------


class CorpusLocation(_Model):
    """A place in one document of a group: an article, or the document's title line."""

    path: str
    line: int = Field(description="1-based line of the article heading (or of the title)")
    column: int = 1
    document_title: str
    article: str | None = Field(default=None, description="article number as written")
    article_title: str | None = Field(default=None, description="article heading line, e.g. 'Artikel 12 Klachten'")
    quote: str = Field(description="evidence: the first sentence of the article, or the document title")


class CorpusPair(_Model):
    """Two articles in different documents that (nearly) say the same."""

    first: CorpusLocation
    second: CorpusLocation
    similarity: float = Field(description="rapidfuzz similarity of the normalised article texts, 0-100")


class CorpusResult(RuleOutcome):
    """The result of one rule for one group of documents (one municipality or one directory)."""

    municipality: str | None
    group: str = Field(description="'gemeente:<name>' or 'map:<directory>'")
    documents: list[str] = Field(description="paths of the documents the rule looked at")
    locations: list[CorpusLocation] = Field(default_factory=list)
    pairs: list[CorpusPair] = Field(default_factory=list)
    values: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    fingerprint: str | None = None
    baseline: Literal["new", "unchanged"] | None = Field(default=None, description="with --baseline: new, or already in the baseline (does not block)")


# ----- contract registers (sociaal_audit.contracts) ------------------------------------------------


class ContractFinding(_Model):
    """The result of one rule for one contract of a register, or for the register as a whole
    (then ``contract`` is None)."""

    contract: str | None = Field(default=None, description="contract id; None for a result about the whole register")
    title: str | None = None
    supplier: str | None = None
    source: str | None = Field(default=None, description="where in the file: 'regel 12', 'Blad1 rij 5', 'release 3'")
    rule: str
    pack: str
    principles: list[str]
    theme: str
    status: Status
    severity: Severity
    message: str
    values: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    fingerprint: str | None = None


class RuleTally(_Model):
    """How one rule came out over the contracts of a register (or once, for a register rule)."""

    rule: str
    severity: Severity
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    errors: int = 0


class RegisterFigures(_Model):
    """Portfolio figures of a register; values in euros, counts of contracts."""

    contracts: int = 0
    with_value: int = Field(default=0, description="contracts with a known value")
    value_total: float = 0.0
    count_by_financing: dict[str, int] = Field(default_factory=dict, description="inspanningsgericht, outputgericht, taakgericht, onbekend")
    value_by_financing: dict[str, float] = Field(default_factory=dict)
    count_by_supplier_type: dict[str, int] = Field(default_factory=dict, description="organisatie, zzp, burgerinitiatief, onbekend")
    count_by_entry: dict[str, int] = Field(default_factory=dict, description="open, gesloten, onbekend: new providers may join during the term")
    longest_years: float | None = Field(default=None, description="longest possible term including extensions, in years")


class RegisterResult(_Model):
    """A contract register (CSV, XLSX, YAML/JSON list or OCDS) and its results."""

    path: str
    format: str = Field(description="csv, xlsx, list or ocds")
    contracts: int = Field(description="contracts read")
    unreadable: int = Field(default=0, description="rows or releases that could not be read (see problems)")
    figures: RegisterFigures = Field(default_factory=RegisterFigures)
    findings: list[ContractFinding] = Field(
        default_factory=list,
        description="failed and erroneous results per contract (at most 1,000 per rule), then every result about "
        "the register as a whole",
    )
    omitted: int = Field(default=0, description="failed results per contract beyond 1,000 per rule: counted in tallies, not listed")
    tallies: list[RuleTally] = Field(default_factory=list, description="per rule: how many contracts passed, failed...")
    problems: list[str] = Field(default_factory=list, description="rows that could not be read, one line each")


RunResult.model_rebuild()


if __name__ == "__main__":  # python -m sociaal_audit.results > src/sociaal_audit/schemas/results.schema.json
    import json

    print(json.dumps(results_json_schema(), ensure_ascii=False, indent=2))
