"""The YAML contract of a rule pack, as pydantic models.

A pack file::

    id: integraliteit
    title: {nl: ..., en: ...}
    version: "1.0.0"
    language: nl
    description: ...
    domain: social             # social | any: 'social' rules skip documents outside the social domain
    rules:
      - id: INT-P05-hardheidsclausule
        title: {nl: ..., en: ...}
        principles: [P05]
        theme: organisatie
        severity: error            # error | warning | info
        applies_to: [verordening]  # document kinds; empty = all
        scope: binding             # binding | toelichting | preamble | document
        kind: requires             # the rule kind; its parameters sit beside these fields
        phrases: [hardheidsclausule]
        message: {nl: ..., en: ...}
        rationale: {nl: ..., en: ...}
        source: {seed: 003_a9b6cd22cd6fadb6.txt, section: "Thema 1, 1c"}
        suggestion: {nl: ..., en: ...}
        examples: {pass: [...], fail: [...]}

Common fields are validated here; each kind validates its own parameters with its ``Params``
model (see :mod:`sociaal_audit.rules.kinds`).

The models are built on first use (``defer_build``): a check whose packs come from the pack cache
unpickles validated specs and never validates one, so it does not pay for building validators.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..documents.model import DocumentKind

Severity = Literal["error", "warning", "info"]
Scope = Literal["binding", "toelichting", "preamble", "document"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+$")
PRINCIPLE_ID = re.compile(r"^P\d{2}$")
# The 31 integrality principles of the catalogue (docs/principles.md); a rule names one or more.
KNOWN_PRINCIPLES: tuple[str, ...] = tuple(f"P{n:02d}" for n in range(1, 32))


class Text(BaseModel):
    """A text in Dutch and (optionally) English. A plain YAML string is taken as Dutch."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    nl: str
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
        if isinstance(value, str):
            return {"nl": value}
        return value

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.nl


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    seed: str = Field(description="seed file the principle comes from, e.g. 003_a9b6cd22cd6fadb6.txt")
    section: str = Field(description="theme or section in that file, e.g. 'Thema 1, 1c'")


class Examples(BaseModel):
    """Rule tests: snippets of ordinance text that must pass or must fail."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
    # A corpus rule's example is a list of documents checked together as one municipality.
    pass_: list[str | list[str]] = Field(default_factory=list, alias="pass")
    fail: list[str | list[str]] = Field(default_factory=list)


class RuleSpec(BaseModel):
    """Fields every rule has, whatever its kind. Kind parameters are kept in ``params``."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    id: str
    title: Text
    principles: list[str] = Field(min_length=1)
    theme: str
    severity: Severity = "warning"
    applies_to: list[DocumentKind] = Field(default_factory=list)
    scope: Scope = "binding"
    kind: str
    message: Text
    ok_message: Text | None = None
    rationale: Text
    source: Source
    suggestion: Text | None = None
    looked_for: Text | None = Field(
        default=None, description="what the rule looks for, in words a reader understands; shown when nothing is found"
    )
    examples: Examples = Field(default_factory=Examples)
    tags: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError("must look like INT-P05-hardheidsclausule (upper-case prefix, dashes)")
        return value

    @field_validator("principles")
    @classmethod
    def _principles(cls, value: list[str]) -> list[str]:
        for p in value:
            if not PRINCIPLE_ID.match(p):
                raise ValueError(f"'{p}' is not a principle id like P05")
            if p not in KNOWN_PRINCIPLES:
                raise ValueError(f"unknown principle '{p}' (the principles are P01 .. P31)")
        return value

    @property
    def params(self) -> dict[str, object]:
        return dict(self.model_extra or {})


class PackSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: Text
    version: str
    language: str = "nl"
    description: Text | None = None
    domain: Literal["social", "any"] = Field(
        default="any",
        description="'social': the rules are not applicable to a document outside the social domain (a parking "
        "or Bibob policy rule); 'any': every document of the kinds a rule applies to",
    )
    rules: list[dict] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_written(cls, value: object) -> object:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # YAML reads version: 1.10 as the number 1.1; only a quoted version keeps what was written
            raise ValueError(f'write the version between quotes, e.g. version: "{value}"')
        return value


def pack_json_schema() -> dict:
    """JSON Schema of the pack file (common fields), for editors and docs."""
    return PackSpec.model_json_schema()
