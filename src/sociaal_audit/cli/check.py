"""``sociaal-audit check PATH...``: audit documents and report findings.

The configuration (``sociaal-audit.yaml`` or ``[tool.sociaal-audit]`` in pyproject.toml, found in
the working directory or a parent; ``--config`` names one) sets packs, rules, paths, fail-on, lang,
ignores and a baseline; flags override it. Inline and config suppressions and the baseline are
applied after the run: suppressed and known findings stay in every report but do not block.
"""

from __future__ import annotations

import dataclasses
from typing import List, Optional

import typer

from ..errors import AuditError
from ..output import FORMATS
from . import app
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FailOn, Lang, audit_date, emit, fail, use_color

KINDS = ["verordening", "nadere_regels", "beleidsregels", "beleidsplan", "overeenkomst", "other"]

_NOTES = {
    "suppressed": {"nl": "{n} onderdrukt (met reden)", "en": "{n} suppressed (with a reason)"},
    "baseline": {
        "nl": "baseline {path}: {new} nieuw, {unchanged} bekend, {fixed} opgelost",
        "en": "baseline {path}: {new} new, {unchanged} known, {fixed} fixed",
    },
    "bad_target": {
        "nl": "--output-format verwacht FORMAAT:PAD, bijvoorbeeld sarif:resultaten.sarif (kreeg '{value}')",
        "en": "--output-format expects FORMAT:PATH, for example sarif:results.sarif (got '{value}')",
    },
}


def note(key: str, lang: str, **params: object) -> str:
    entry = _NOTES[key]
    return (entry.get(lang) or entry["nl"]).format(**params)


class TargetError(AuditError):
    """A malformed ``--output-format`` value."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__("bad_target", value=value)

    def message(self, lang: str = "nl") -> str:
        return note("bad_target", lang, value=self.value)


def parse_targets(values: list[str], lang: str) -> list[tuple[str, str]]:
    """``FORMAT:PATH`` pairs of ``--output-format``; each format must exist."""
    from ..output import renderer

    targets = []
    for value in values:
        fmt, sep, path = value.partition(":")
        if not sep or not fmt.strip() or not path.strip():
            raise TargetError(value)
        renderer(fmt.strip())
        targets.append((fmt.strip(), path.strip()))
    return targets


def render_options(lang: str, color: bool, verbose: bool, date: str | None):
    """RenderOptions for this run; the date is passed on when the options know it."""
    from ..output import RenderOptions

    known = {f.name for f in dataclasses.fields(RenderOptions)}
    extra = {"date": date} if "date" in known else {}
    return RenderOptions(lang=lang, color=color, verbose=verbose, **extra)


def load_effective_config(config_path: str | None, lang: str | None, fail_on: str | None,
                          packs: list[str] | None, baseline: str | None):
    """The config file (given or discovered) with the flags that were given laid over it."""
    from ..config import load_config

    cfg = load_config(config_path)
    cfg.override("packs", list(packs) if packs else None, "--pack")
    cfg.override("lang", lang, "--lang")
    cfg.override("fail_on", fail_on, "--fail-on")
    cfg.override("baseline", baseline, "--baseline")
    return cfg


def protected_paths(paths: list[str], cfg) -> list[str]:
    """Every file a check with ``cfg`` reads, which no output may replace: the documents and
    registers found (also those that turn out unreadable, and those the configuration excludes),
    the files named on the command line, the pack files, the configuration file and the baseline."""
    import os

    from ..contracts.runner import register_inputs
    from ..documents.readers import known_extensions
    from ..errors import AuditError
    from ..files import collect_inputs
    from ..rules.loader import resolve_pack

    files, _ = collect_inputs(paths, known_extensions())
    found = set(files) | set(register_inputs(paths)) | {p for p in paths if os.path.isfile(p)}
    for ref in cfg.packs:
        try:
            found.add(str(resolve_pack(ref)))
        except AuditError:
            pass  # an unknown pack id is reported when the packs are loaded
    found.update(p for p in (cfg.path, cfg.baseline) if p)
    return sorted(found)


def refuse_inputs_as_outputs(outputs: list[str | None], protected: list[str]) -> None:
    """Stop before the run when an output file (``-o`` or ``--output-format``) is one of the inputs."""
    from ..files import refuse_input

    for path in outputs:
        if path and path != "-":
            refuse_input(path, protected)


def run_check(paths: list[str], cfg, kind: str | None, date: str | None, max_bytes: int, jobs: int,
              use_baseline: bool = True):
    """Collect and filter the files, check them with the configured packs, apply suppressions
    and (when configured) the baseline. Returns the finalised RunResult."""
    from .. import baseline as baseline_mod
    from ..config import adjust_packs, check_rule_refs, filter_paths
    from ..documents.readers import known_extensions
    from ..files import collect_inputs
    from ..results import InputErrorInfo
    from ..rules.loader import load_packs
    from ..runner import CheckOptions, check_paths
    from ..suppressions import apply_all
    from .progress import progress_bar

    packs = adjust_packs(load_packs(cfg.packs), cfg)
    check_rule_refs(cfg, [r.id for p in packs for r in p.rules])
    files, collect_errors = collect_inputs(paths, known_extensions())
    from ..contracts.runner import register_inputs  # contract registers (CSV, XLSX, OCDS) in directories

    files = filter_paths(sorted(set(files) | set(register_inputs(paths))), cfg)
    options = CheckOptions(packs=list(cfg.packs), kind=kind, lang=cfg.lang, date=date, max_bytes=max_bytes, jobs=jobs)
    with progress_bar() as progress:
        run = check_paths(files, options, packs=packs, progress=progress)
    for err in collect_errors:
        run.errors.append(InputErrorInfo(path=err.path, message=err.message(cfg.lang)))
    apply_all(run, cfg, kind=kind, max_bytes=max_bytes)
    if use_baseline and cfg.baseline:
        baseline_mod.apply(run, cfg.baseline)
    return run.finalize()


def can_stream(format: str, output_targets: list, cfg) -> bool:
    """JSON to one destination, without a baseline or config ignores (they need the whole run):
    then results are written document by document and memory stays flat."""
    return format == "json" and not output_targets and not cfg.baseline and not cfg.ignore


def run_check_streamed(paths: list[str], cfg, kind: str | None, date: str | None, max_bytes: int, jobs: int,
                       output: str | None, protected: list[str] | None = None):
    """Like :func:`run_check` for JSON, but each document's results are written as soon as they
    are final (inline suppressions applied). Same bytes as the rendered run. Returns
    (run without documents, number of blocking findings)."""
    import sys

    from ..config import adjust_packs, check_rule_refs, filter_paths
    from ..contracts.runner import register_inputs
    from ..documents import load_document
    from ..documents.readers import known_extensions
    from .. import __version__
    from ..errors import InputError
    from ..files import atomic_text_writer, collect_inputs
    from ..output.json_output import JsonStream
    from ..results import InputErrorInfo, RunResult, ToolInfo
    from ..rules.loader import load_packs
    from ..runner import CheckOptions, check_paths
    from ..suppressions import apply_inline, inline_suppressions, may_have_suppressions, unused_message
    from .progress import progress_bar

    packs = adjust_packs(load_packs(cfg.packs), cfg)
    check_rule_refs(cfg, [r.id for p in packs for r in p.rules])
    files, collect_errors = collect_inputs(paths, known_extensions())
    files = filter_paths(sorted(set(files) | set(register_inputs(paths))), cfg)
    options = CheckOptions(packs=list(cfg.packs), kind=kind, lang=cfg.lang, date=date, max_bytes=max_bytes, jobs=jobs)
    tool = ToolInfo(version=__version__)
    problems: list[InputErrorInfo] = []
    unused: list[str] = []  # notes on unused suppressions: the documents themselves are not kept
    blocking = 0

    def write(fh):
        nonlocal blocking
        stream = JsonStream(fh)

        def sink(doc_result) -> None:
            nonlocal blocking
            if may_have_suppressions(doc_result.path):
                try:
                    doc = load_document(doc_result.path, kind=kind, max_bytes=max_bytes)
                except InputError:
                    doc = None
                if doc is not None:
                    found, bad = inline_suppressions(doc)
                    problems.extend(InputErrorInfo(path=doc_result.path, message=b.message(cfg.lang)) for b in bad)
                    apply_inline(doc_result, found)
                    unused.extend(unused_message(u, cfg.lang) for u in doc_result.unused_suppressions)
            blocking += RunResult(tool=tool, documents=[doc_result]).blocking(cfg.fail_on)
            stream.document(doc_result)

        with progress_bar() as progress:
            run = check_paths(files, options, packs=packs, progress=progress, on_document=sink,
                              on_start=stream.start)
        run.errors.extend(InputErrorInfo(path=e.path, message=e.message(cfg.lang)) for e in collect_errors)
        run.errors.extend(problems)
        run.errors.sort(key=lambda e: (e.path, e.message))
        run.summary.errors = len(run.errors)
        blocking += run.blocking(cfg.fail_on)  # corpus and register results (documents went out)
        stream.finish(run)
        return run

    if output and output != "-":
        with atomic_text_writer(output, files if protected is None else protected) as fh:
            run = write(fh)
    else:
        run = write(sys.stdout)
        sys.stdout.flush()
    return run, blocking, unused


def report_notes(run, lang: str) -> list[str]:
    """One-line notes for stderr: unused suppressions, suppressed count, baseline comparison."""
    from ..suppressions import unused_message

    lines = [unused_message(s, lang) for d in run.documents for s in d.unused_suppressions]
    lines += [unused_message(s, lang) for s in run.unused_suppressions]
    if run.summary.suppressed:
        lines.append(note("suppressed", lang, n=run.summary.suppressed))
    if run.baseline is not None:
        b = run.baseline
        lines.append(note("baseline", lang, path=b.path, new=b.new, unchanged=b.unchanged, fixed=b.fixed))
    return lines


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files, directories or globs to audit."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="Built-in pack id or YAML path (repeatable). Default: integraliteit, or 'packs' from the config."),
    format: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the output to this file (atomically) instead of stdout."),
    output_format: Optional[List[str]] = typer.Option(None, "--output-format", help="Also write FORMAT to PATH, e.g. sarif:results.sarif (repeatable)."),
    config: Optional[str] = typer.Option(None, "--config", "-c", help="Configuration file (default: sociaal-audit.yaml or pyproject.toml here or in a parent directory)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Baseline file: findings in it do not block (see: sociaal-audit baseline create)."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 when a finding has this severity or higher. Default: error, or 'fail_on' from the config."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of messages and reports. Default: nl, or 'lang' from the config."),
    kind: Optional[str] = typer.Option(None, "--kind", help=f"Override the detected document kind: {', '.join(KINDS)}."),
    date: Optional[str] = typer.Option(None, "--date", help="Audit date shown in reports: YYYY-MM-DD, or 'today'. No date unless given."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list passed checks in the terminal view."),
    max_size: int = typer.Option(50, "--max-size", min=1, help="Largest input file to read, in MB (at least 1)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: the number of cores; 1 = no workers)."),
) -> None:
    """Audit ordinances, policy plans and contracts against the rule packs."""
    from ..output import render, renderer
    from ..runner import default_jobs

    lang_s = lang.value if lang else "nl"
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind must be one of {', '.join(KINDS)}", lang_s)
    try:
        cfg = load_effective_config(config, lang.value if lang else None, fail_on.value if fail_on else None,
                                    pack, baseline)
        lang_s = cfg.lang
        date = audit_date(date)
        renderer(format)
        targets = parse_targets(list(output_format or []), lang_s)
        n_jobs = jobs if jobs > 0 else default_jobs()
        protected = protected_paths(paths, cfg)
        refuse_inputs_as_outputs([output, *(path for _, path in targets)], protected)
        blocking = None
        notes: list[str] = []
        if can_stream(format, targets, cfg):
            run, blocking, notes = run_check_streamed(paths, cfg, kind, date, max_size * 1024 * 1024, n_jobs, output,
                                                      protected)
        else:
            run = run_check(paths, cfg, kind, date, max_size * 1024 * 1024, n_jobs)
            data = render(run, format, render_options(lang_s, use_color() and not output, verbose, date))
            emit(data, output, protected)
            for fmt, path in targets:
                emit(render(run, fmt, render_options(lang_s, False, verbose, date)), path, protected)
    except AuditError as err:
        raise fail(err, lang_s)
    if output and format != "text":
        from ..output.labels import summary_line

        typer.echo(summary_line(run, lang_s), err=True)
    for line in notes + report_notes(run, lang_s):
        typer.echo(f"sociaal-audit: {line}", err=True)
    for e in run.errors:
        if format != "text" or output:
            typer.echo(f"sociaal-audit: {e.message}", err=True)
    if run.errors or run.summary.rule_errors:
        raise typer.Exit(EXIT_ERROR)
    if blocking is None:
        blocking = run.blocking(cfg.fail_on)
    raise typer.Exit(EXIT_FINDINGS if blocking else EXIT_OK)
