"""Terminal output: findings grouped by document and theme, with a summary line.

Uses rich for colour on a TTY; plain text otherwise (CI logs, pipes). Passed checks are listed
with ``--verbose``; failed checks always, with their evidence or what was looked for.
"""

from __future__ import annotations

import io
from collections import defaultdict

from ..results import NOT_SOCIAL_DOMAIN
from .labels import label, summary_line, where

NAME = "text"
BINARY = False
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "pass": "green", "rule_error": "bold magenta"}


def render(run, options) -> str:
    from rich.console import Console
    from rich.markup import escape

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=options.color, no_color=not options.color, width=options.width,
                      highlight=False, soft_wrap=not options.color)
    lang = options.lang
    titles = {r.id: r.title.get(lang, r.title["nl"]) for r in run.rules}
    for doc in run.documents:
        console.print(f"[bold]{escape(doc.path)}[/bold] — {escape(doc.title)}")
        meta = [f"{label('kind', lang)}: {doc.kind}"]
        meta.append(f"{label('municipality', lang)}: {doc.municipality or label('unknown', lang)}")
        if doc.laws:
            meta.append(f"{label('laws', lang)}: {', '.join(doc.laws)}")
        meta += [v for v in (doc.identifier, doc.adopted and f"{label('adopted', lang)}: {doc.adopted}") if v]
        console.print("  " + escape(" · ".join(meta)))
        if doc.legal_basis:
            console.print("  " + escape(f"{label('legal_basis', lang)}: {'; '.join(doc.legal_basis)}"))
        if doc.results and all(r.status == "not_applicable" for r in doc.results):
            reasons = {(r.values or {}).get("reason") for r in doc.results}
            key = "none_applies_domain" if reasons == {NOT_SOCIAL_DOMAIN} else "none_applies"
            console.print(f"  [dim]{escape(label(key, lang))}[/dim]")
        by_theme: dict[str, list] = defaultdict(list)
        for r in doc.results:
            if r.status in ("fail", "error") or (options.verbose and r.status == "pass"):
                by_theme[r.theme].append(r)
        for theme in sorted(by_theme):
            console.print(f"  [bold]{escape(theme)}[/bold]")
            for r in by_theme[theme]:
                sev = {"pass": "pass", "error": "rule_error"}.get(r.status, r.severity)
                tag = label("error_sev" if sev == "error" else sev, lang)
                console.print(
                    f"    [{_STYLE.get(sev, 'none')}]{tag:<12}[/] {escape(r.rule)} ({', '.join(r.principles)}) "
                    f"{escape(titles.get(r.rule, ''))}"
                )
                console.print(f"      {escape(r.message)}")
                if r.suppressed is not None:  # accepted with a reason: listed, never blocking
                    console.print(f"      [dim]{('onderdrukt', 'suppressed')[lang == 'en']}: {escape(r.suppressed.reason)}[/dim]")
                elif r.baseline == "unchanged":
                    console.print(f"      [dim]{('bekend uit de baseline', 'known from the baseline')[lang == 'en']}[/dim]")
                for loc in r.locations[:3]:
                    console.print(f"      {escape(doc.path)}:{loc.line}:{loc.column}  {escape(where(loc, lang))}")
                    console.print(f"        “{escape(loc.quote)}”")
                if r.looked_for and not r.locations:
                    console.print(f"      {label('not_found', lang)}: {escape(r.looked_for)}")
        console.print()
    from .corpus_render import print_corpus  # results across documents (corpus rules)

    print_corpus(console, run, lang, options.verbose)
    from .contracts_render import print_contracts  # contract registers: failing contracts, portfolio figures

    print_contracts(console, run, lang, options.verbose)
    if run.errors:
        console.print(f"[bold red]{label('input_errors', lang)}[/bold red]")
        for e in run.errors:
            console.print(f"  {escape(e.message)}")
        console.print()
    console.print(summary_line(run, lang))
    return buf.getvalue()
