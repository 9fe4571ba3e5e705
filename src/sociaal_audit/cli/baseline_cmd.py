"""``sociaal-audit baseline create PATH... -o FILE``: record today's findings so that
``check --baseline FILE`` fails only on new ones."""

from __future__ import annotations

import json
from typing import List, Optional

import typer

from ..errors import AuditError
from . import app
from .check import (KINDS, find_inputs, load_effective_config, protected_paths, refuse_inputs_as_outputs, report_notes,
                    run_check_streamed, skipped_notes)
from .common import EXIT_ERROR, EXIT_OK, Lang, emit, fail

baseline_app = typer.Typer(help="Accept the current findings: later checks fail only on new ones.", no_args_is_help=True)
app.add_typer(baseline_app, name="baseline")

_DONE = {
    "nl": "{path}: baseline met {n} bevinding(en) uit {docs} document(en) geschreven",
    "en": "{path}: baseline with {n} finding(s) from {docs} document(s) written",
}


@baseline_app.command("create")
def create(
    paths: List[str] = typer.Argument(..., help="Files, directories or globs to audit (as for check)."),
    output: str = typer.Option(..., "--output", "-o", help="The baseline file to write (JSON), e.g. sociaal-audit-baseline.json."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="As for check."),
    config: Optional[str] = typer.Option(None, "--config", "-c", help="As for check."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of messages."),
    kind: Optional[str] = typer.Option(None, "--kind", help=f"Override the detected document kind: {', '.join(KINDS)}."),
    max_size: int = typer.Option(50, "--max-size", help="Largest input file to read, in MB."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: the number of cores)."),
) -> None:
    """Check PATH... and write every failed, unsuppressed result to the baseline file."""
    from ..baseline import Recorder
    from ..runner import default_jobs

    lang_s = lang.value if lang else "nl"
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind must be one of {', '.join(KINDS)}", lang_s)
    try:
        cfg = load_effective_config(config, lang.value if lang else None, None, pack, None)
        lang_s = cfg.lang
        inputs = find_inputs(paths)  # collected once: for the protected files and for the run
        protected = protected_paths(paths, cfg, inputs.found)
        refuse_inputs_as_outputs([output], protected)  # before the run: never over a document, register or pack
        recorder = Recorder(output)  # documents are not kept: only their entries, so memory stays flat
        run, _, unused = run_check_streamed(paths, cfg, kind, None, max_size * 1024 * 1024,
                                            jobs if jobs > 0 else default_jobs(), [], protected,
                                            use_baseline=False, on_document=recorder.document, inputs=inputs)
        data = recorder.finish(run.corpus)
        emit(data, output, protected)
    except AuditError as err:
        raise fail(err, lang_s)
    count = len(json.loads(data)["findings"])
    typer.echo((_DONE.get(lang_s) or _DONE["nl"]).format(path=output, n=count, docs=run.summary.documents), err=True)
    for line in skipped_notes(list(paths), cfg, lang_s) + unused + report_notes(run, lang_s):
        typer.echo(f"sociaal-audit: {line}", err=True)
    for e in run.errors:
        typer.echo(f"sociaal-audit: {e.message}", err=True)
    raise typer.Exit(EXIT_ERROR if run.errors or run.summary.rule_errors else EXIT_OK)
