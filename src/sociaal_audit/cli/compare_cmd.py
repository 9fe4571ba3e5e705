"""``sociaal-audit compare PATH...``: one table of documents or municipalities against principles.

PATHs are documents, directories or globs (they are checked first, document by document, so memory
stays flat however many there are) or saved results from ``check --format json`` (read as they
are, without re-running the audit), also when they lie in a directory or match a glob.

The documents are checked as ``check`` checks them, with the same configuration (``sociaal-audit.yaml``
or ``[tool.sociaal-audit]``, or ``--config``): packs, enabled and disabled rules, severity and
thresholds, include and exclude, config ignores and inline suppressions (an accepted finding does
not fail its cell), the column map of contract registers and the grouping of municipalities.
"""

from __future__ import annotations

import glob
import os
from typing import List, Optional

import typer

from ..errors import AuditError
from . import app
from .common import EXIT_ERROR, EXIT_OK, Lang, emit, fail


def _looks_like_saved_results(path: str) -> bool:
    """Is ``path`` a JSON file written by ``check --format json``? Its first kilobytes name the
    schema version and the tool (both writers put them first). A JSON list or an OCDS file is a
    contract register, checked like any other input."""
    if not path.lower().endswith(".json") or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return head.lstrip().startswith("{") and '"schema_version"' in head and '"tool"' in head


def split_inputs(paths: list[str]) -> tuple[list[str], list[str]]:
    """(saved result files, paths to check). Saved results are found as arguments, inside
    directories and among the matches of a glob; the documents there are checked."""
    from ..files import collect_inputs

    saved: list[str] = []
    to_check: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found, _ = collect_inputs([p], [".json"])
            saved += [f for f in found if _looks_like_saved_results(f)]
            to_check.append(p)  # its documents; JSON files in a directory are read only when they are OCDS
        elif not os.path.exists(p) and any(ch in p for ch in "*?["):
            matches = sorted(m for m in glob.glob(p, recursive=True) if os.path.isfile(m))
            saved += [m for m in matches if _looks_like_saved_results(m)]
            to_check += [m for m in matches if not _looks_like_saved_results(m)]
            if not matches:
                to_check.append(p)  # reported as matching nothing, like check does
        elif _looks_like_saved_results(p):
            saved.append(p)
        else:
            to_check.append(p)
    return list(dict.fromkeys(saved)), to_check


@app.command()
def compare(
    paths: List[str] = typer.Argument(..., help="Documents, directories, globs or saved JSON results."),
    format: str = typer.Option("html", "--format", "-f", help="html, csv, markdown or json."),
    by: str = typer.Option("document", "--by", help="Rows per 'document' or per 'municipality'."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (atomically)."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="Pack id or YAML path (repeatable). Default: integraliteit, or 'packs' from the config."),
    config: Optional[str] = typer.Option(None, "--config", "-c", help="Configuration file (default: sociaal-audit.yaml or pyproject.toml here or in a parent directory)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the table. Default: nl, or 'lang' from the config."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: number of cores)."),
) -> None:
    """Compare documents or municipalities: principles as columns, pass/fail cells and totals."""
    from ..compare import TableBuilder
    from ..documents import DEFAULT_MAX_BYTES
    from ..output.compare_render import RENDERERS
    from ..results import InputErrorInfo
    from ..runner import default_jobs
    from .check import (find_inputs, load_effective_config, protected_paths, refuse_inputs_as_outputs,
                        run_check_streamed, skipped_notes)
    from .report import load_results

    lang_s = lang.value if lang else "nl"
    if format not in RENDERERS:
        raise fail(f"--format must be one of {', '.join(RENDERERS)}", lang_s)
    if by not in ("document", "municipality"):
        raise fail("--by must be 'document' or 'municipality'", lang_s)
    saved, to_check = split_inputs(list(paths))
    errors: list[InputErrorInfo] = []
    notes: list[str] = []
    try:
        cfg = load_effective_config(config, lang.value if lang else None, None, pack, None)
        lang_s = cfg.lang
        builder = TableBuilder(by, lang_s, cfg.group_by or "municipality")
        inputs = find_inputs(to_check) if to_check else None
        protected = [*saved, *protected_paths(to_check, cfg, inputs.found)] if inputs is not None else list(saved)
        refuse_inputs_as_outputs([output], protected)
        for p in saved:  # one saved run in memory at a time
            builder.add_run(load_results(p))
        if inputs is not None:  # checked as check checks them: suppressions and config ignores, no baseline
            notes = skipped_notes(to_check, cfg, lang_s)
            run, _, _ = run_check_streamed(to_check, cfg, None, None, DEFAULT_MAX_BYTES, jobs or default_jobs(), [],
                                           use_baseline=False, on_document=builder.add_document, inputs=inputs,
                                           on_start=lambda started: builder.add_rules(started.rules))
            builder.add_corpus(run.corpus)
            errors = run.errors
        emit(RENDERERS[format](builder.table(), lang_s), output, protected)
    except AuditError as err:
        raise fail(err, lang_s)
    for line in notes:
        typer.echo(f"sociaal-audit: {line}", err=True)
    for e in errors:
        typer.echo(f"sociaal-audit: {e.message}", err=True)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_OK)
