"""``sociaal-audit compare PATH...``: one table of documents or municipalities against principles.

PATHs are documents, directories or globs (they are checked first) or saved results from
``check --format json`` (read as they are, without re-running the audit).
"""

from __future__ import annotations

import json
from typing import List, Optional

import typer

from ..errors import AuditError
from . import app
from .common import EXIT_ERROR, EXIT_OK, Lang, emit, fail


def _saved_results(path: str):
    """A RunResult if ``path`` is a saved JSON result file, else None."""
    from ..results import RunResult

    if not path.lower().endswith(".json"):
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "schema_version" not in data or "documents" not in data:
        return None
    return RunResult.model_validate(data)


@app.command()
def compare(
    paths: List[str] = typer.Argument(..., help="Documents, directories, globs or saved JSON results."),
    format: str = typer.Option("html", "--format", "-f", help="html, csv, markdown or json."),
    by: str = typer.Option("document", "--by", help="Rows per 'document' or per 'municipality'."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (atomically)."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="Pack id or YAML path (repeatable)."),
    lang: Lang = typer.Option(Lang.nl, "--lang"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: number of cores)."),
) -> None:
    """Compare documents or municipalities: principles as columns, pass/fail cells and totals."""
    from ..compare import build_table
    from ..output.compare_render import RENDERERS
    from ..runner import CheckOptions, check_paths, default_jobs

    if format not in RENDERERS:
        raise fail(f"--format must be one of {', '.join(RENDERERS)}", lang.value)
    if by not in ("document", "municipality"):
        raise fail("--by must be 'document' or 'municipality'", lang.value)
    runs = []
    to_check = []
    try:
        for p in paths:
            saved = _saved_results(p)
            if saved is not None:
                runs.append(saved)
            else:
                to_check.append(p)
        errors = []
        if to_check:
            options = CheckOptions(packs=list(pack or ["integraliteit"]), lang=lang.value, jobs=jobs or default_jobs())
            run = check_paths(to_check, options)
            runs.append(run)
            errors = run.errors
        table = build_table(runs, by=by, lang=lang.value)
        emit(RENDERERS[format](table, lang.value), output, to_check)
    except AuditError as err:
        raise fail(err, lang.value)
    for e in errors:
        typer.echo(f"sociaal-audit: {e.message}", err=True)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_OK)
