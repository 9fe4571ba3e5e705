"""Helpers for the kind tests: a one-rule pack from parameters, and one rule run on a text."""

from __future__ import annotations

from typing import Any

from conftest import parse
from sociaal_audit.engine import Engine
from sociaal_audit.results import Result
from sociaal_audit.rules.context import DocContext
from sociaal_audit.rules.loader import LoadedRule, pack_from_data

HEAD = "# Verordening sociaal domein Beekveld 2026\n\n"


def make_rule(kind: str, message: str = "Niet in orde.", **params: Any) -> LoadedRule:
    rule = {
        "id": "TST-P01-regel", "title": "Testregel", "principles": ["P01"], "theme": "test",
        "kind": kind, "message": message, "rationale": "Omdat het moet.",
        "source": {"seed": "003_a9b6cd22cd6fadb6.txt", "section": "Thema 1"}, **params,
    }
    return pack_from_data({"id": "test", "title": "Test", "version": "1", "rules": [rule]}, "test.yaml").rules[0]


def run(rule: LoadedRule, body: str, lang: str = "nl") -> Result:
    return Engine([], lang=lang).check_rule(rule, DocContext(parse(HEAD + body)))


def run_ctx(rule: LoadedRule, ctx: DocContext) -> Result:
    return Engine([]).check_rule(rule, ctx)
