"""``sociaal-audit rules list|show|validate|test``: inspect, validate and test rule packs."""

from __future__ import annotations

import json
from typing import List, Optional

import typer

from ..errors import AuditError
from . import app
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Lang, fail

rules_app = typer.Typer(help="List, show, validate and test rule packs.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


def _load(packs: Optional[List[str]]):
    from ..rules.loader import builtin_packs, load_packs

    refs = list(packs) if packs else list(builtin_packs())
    return load_packs(refs)


@rules_app.command("list")
def list_rules(
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="Pack id or YAML path (default: all built-in packs)."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    lang: Lang = typer.Option(Lang.nl, "--lang"),
) -> None:
    """Every rule with its id, pack, kind, severity and principles."""
    try:
        packs = _load(pack)
    except AuditError as err:
        raise fail(err, lang.value)
    rows = [
        {
            "id": r.id, "pack": r.pack, "kind": r.spec.kind, "severity": r.spec.severity,
            "principles": list(r.spec.principles), "theme": r.spec.theme, "title": r.spec.title.get(lang.value),
            "applies_to": [k.value for k in r.spec.applies_to], "scope": r.spec.scope,
        }
        for p in packs for r in p.rules
    ]
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if format != "text":
        raise fail(f"--format must be text or json, not {format}", lang.value)
    for row in rows:
        typer.echo(f"{row['id']:<44} {row['pack']:<14} {row['kind']:<10} {row['severity']:<8} "
                   f"{','.join(row['principles']):<10} {row['title']}")
    typer.echo(f"{len(rows)} rules in {len(packs)} pack(s)")


@rules_app.command("show")
def show_rule(
    rule_id: str = typer.Argument(..., help="Rule id, e.g. INT-P05-hardheidsclausule."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p"),
    lang: Lang = typer.Option(Lang.nl, "--lang"),
) -> None:
    """Rationale, source, parameters and examples of one rule."""
    import yaml

    try:
        packs = _load(pack)
    except AuditError as err:
        raise fail(err, lang.value)
    for p in packs:
        rule = p.by_id.get(rule_id)
        if rule is None:
            continue
        s, lg = rule.spec, lang.value
        typer.echo(f"{s.id}  ({p.id} {p.spec.version})")
        typer.echo(f"  {s.title.get(lg)}")
        typer.echo(f"  principles: {', '.join(s.principles)}   theme: {s.theme}   severity: {s.severity}")
        typer.echo(f"  kind: {s.kind}   scope: {s.scope}   applies to: {', '.join(k.value for k in s.applies_to) or 'all'}")
        typer.echo(f"  rationale: {s.rationale.get(lg)}")
        typer.echo(f"  source: {s.source.seed}, {s.source.section}")
        if s.suggestion:
            typer.echo(f"  suggestion: {s.suggestion.get(lg)}")
        typer.echo("  parameters:")
        for line in yaml.safe_dump(rule.params.model_dump(exclude_defaults=True), allow_unicode=True, sort_keys=False).splitlines():
            typer.echo(f"    {line}")
        for label, items in (("pass", s.examples.pass_), ("fail", s.examples.fail)):
            for ex in items:
                typer.echo(f"  {label}: " + " ".join((ex if isinstance(ex, str) else " | ".join(ex)).split()))
        return
    raise fail(AuditError("rule_unknown", rule=rule_id), lang.value)


@rules_app.command("validate")
def validate(packs: List[str] = typer.Argument(..., help="Pack YAML files or built-in ids.")) -> None:
    """Validate packs: schema, regexes, kinds. Errors name the file, rule id and field."""
    from ..rules.loader import check_templates, load_pack

    bad = 0
    for ref in packs:
        try:
            p = load_pack(ref)
            check_templates(p)
            typer.echo(f"{p.path}: ok ({len(p.rules)} rules)")
        except AuditError as err:
            typer.echo(f"sociaal-audit: {err.message('en')}", err=True)
            bad += 1
    raise typer.Exit(EXIT_ERROR if bad else EXIT_OK)


@rules_app.command("test")
def test(
    packs: Optional[List[str]] = typer.Argument(None, help="Pack YAML files or built-in ids (default: all built-in)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every example, not only failures."),
) -> None:
    """Run every rule's examples: each `fail:` must fail and each `pass:` must pass."""
    from ..rules.testing import test_packs

    from ..rules.loader import check_templates

    try:
        loaded = _load(packs)
        for p in loaded:
            check_templates(p)
    except AuditError as err:
        raise fail(err, "en")
    results = test_packs(loaded)
    wrong = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            mark = "ok  " if r.ok else "FAIL"
            typer.echo(f"{mark} {r.rule} {r.expected} example {r.index}: expected {r.expected}, got {r.actual}")
            if not r.ok:
                typer.echo("     " + " ".join(r.snippet.split())[:200])
    rules_without = [rule.id for p in loaded for rule in p.rules if not rule.spec.examples.pass_ or not rule.spec.examples.fail]
    for rid in rules_without:
        typer.echo(f"FAIL {rid}: needs at least one pass and one fail example")
    typer.echo(f"{len(results) - len(wrong)} passed, {len(wrong) + len(rules_without)} failed")
    raise typer.Exit(EXIT_FINDINGS if wrong or rules_without else EXIT_OK)
