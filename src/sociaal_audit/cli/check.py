"""``sociaal-audit check PATH...``: audit documents and report findings."""

from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import AuditError
from . import app
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FailOn, Lang, emit, fail, use_color

KINDS = ["verordening", "nadere_regels", "beleidsregels", "beleidsplan", "overeenkomst", "other"]


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files, directories or globs to audit."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="Built-in pack id or YAML path (repeatable). Default: integraliteit."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text, json, markdown, html, pdf."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the output to this file (atomically) instead of stdout."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding has this severity or higher."),
    lang: Lang = typer.Option(Lang.nl, "--lang", help="Language of messages and reports."),
    kind: Optional[str] = typer.Option(None, "--kind", help=f"Override the detected document kind: {', '.join(KINDS)}."),
    date: Optional[str] = typer.Option(None, "--date", help="Audit date shown in reports (YYYY-MM-DD). No date unless given."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list passed checks in the terminal view."),
    max_size: int = typer.Option(50, "--max-size", help="Largest input file to read, in MB."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: the number of cores; 1 = no workers)."),
) -> None:
    """Audit ordinances, policy plans and contracts against the rule packs."""
    from ..output import RenderOptions, render, renderer
    from ..runner import CheckOptions, check_paths, default_jobs
    from .progress import progress_bar

    lang_s = lang.value
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind must be one of {', '.join(KINDS)}", lang_s)
    try:
        renderer(format)
        options = CheckOptions(packs=list(pack or ["integraliteit"]), kind=kind, lang=lang_s, date=date,
                               max_bytes=max_size * 1024 * 1024, jobs=jobs if jobs > 0 else default_jobs())
        with progress_bar() as progress:
            run = check_paths(paths, options, progress=progress)
        data = render(run, format, RenderOptions(lang=lang_s, color=use_color() and not output, verbose=verbose, date=date))
        emit(data, output, [d.path for d in run.documents])
    except AuditError as err:
        raise fail(err, lang_s)
    if output and format != "text":
        from ..output.labels import summary_line

        typer.echo(summary_line(run, lang_s), err=True)
    for e in run.errors:
        if format != "text" or output:
            typer.echo(f"sociaal-audit: {e.message}", err=True)
    if run.errors or run.summary.rule_errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if run.blocking(fail_on.value) else EXIT_OK)
