"""Terminal output: findings grouped by document and theme, with a summary line.

Uses rich for colour on a TTY; plain text otherwise (CI logs, pipes). Passed checks are listed
with ``--verbose``; failed checks always, with their evidence or what was looked for.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import IO, Any

from ..results import NOT_SOCIAL_DOMAIN
from .labels import label, summary_line, where
from .streams import render_run

NAME = "text"
BINARY = False
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "pass": "green", "rule_error": "bold magenta"}


class Stream:
    """Writes the terminal view of a run to ``fh`` document by document, byte-identical to
    :func:`render`: each document as it is checked, then results across documents, contract
    registers, input errors and the summary line."""

    def __init__(self, fh: IO[str], options: Any, in_memory: bool = False) -> None:
        from rich.console import Console

        self.fh = fh
        self.options = options
        self.lang = options.lang
        self.buf = io.StringIO()  # rich renders into it; each document is then written out
        self.console = Console(file=self.buf, force_terminal=options.color, no_color=not options.color,
                               width=options.width, highlight=False, soft_wrap=not options.color)
        self.titles: dict[str, str] = {}

    def _flush(self) -> None:
        self.fh.write(self.buf.getvalue())
        self.buf.seek(0)
        self.buf.truncate()

    def start(self, run: Any) -> None:
        self.titles = {r.id: r.title.get(self.lang, r.title["nl"]) for r in run.rules}

    def document(self, doc: Any) -> None:
        _print_document(self.console, doc, self.titles, self.lang, self.options.verbose)
        self._flush()

    def finish(self, run: Any) -> None:
        from rich.markup import escape

        from .contracts_render import print_contracts  # contract registers: failing contracts, portfolio figures
        from .corpus_render import print_corpus  # results across documents (corpus rules)

        console, lang = self.console, self.lang
        print_corpus(console, run, lang, self.options.verbose)
        print_contracts(console, run, lang, self.options.verbose)
        if run.errors:
            console.print(f"[bold red]{label('input_errors', lang)}[/bold red]")
            for e in run.errors:
                console.print(f"  {escape(e.message)}")
            console.print()
        console.print(summary_line(run, lang))
        self._flush()


def _print_document(console: Any, doc: Any, titles: dict[str, str], lang: str, verbose: bool) -> None:
    """One document: title, metadata, then its failed (and with ``verbose`` passed) checks per theme."""
    from rich.markup import escape

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
        if r.status in ("fail", "error") or (verbose and r.status == "pass"):
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


def render(run, options) -> str:
    return render_run(Stream, run, options)
