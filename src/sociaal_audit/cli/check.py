"""``sociaal-audit check PATH...``: audit documents and report findings.

The configuration (``sociaal-audit.yaml`` or ``[tool.sociaal-audit]`` in pyproject.toml, found in
the working directory or a parent; ``--config`` names one) sets packs, rules, paths, fail-on, lang,
ignores and a baseline; flags override it. Inline and config suppressions and the baseline are
applied to each document as soon as it is checked: suppressed and known findings stay in every
report but do not block.

Every CI format (text, JSON, SARIF, CSV, GitHub, GitLab, JUnit) is streamed: each document's
results are written (or spooled to a temporary file) as the document is done and then dropped, so
memory stays flat however many documents a run has. The bytes equal those of the rendered run.
Council reports (Markdown, HTML, PDF) are one document and are rendered from the whole run.
"""

from __future__ import annotations

from typing import List, NamedTuple, Optional

import typer

from ..errors import AuditError, InputError
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
    "filtered_include": {
        "nl": "{path}: niet gecontroleerd: valt buiten 'include' ({patterns}) in {config}",
        "en": "{path}: not checked: outside 'include' ({patterns}) in {config}",
    },
    "filtered_exclude": {
        "nl": "{path}: niet gecontroleerd: uitgesloten door 'exclude' ({patterns}) in {config}",
        "en": "{path}: not checked: excluded by 'exclude' ({patterns}) in {config}",
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


def parse_targets(values: list[str]) -> list[tuple[str, str]]:
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
    """RenderOptions for this run."""
    from ..output import RenderOptions

    return RenderOptions(lang=lang, color=color, verbose=verbose, date=date)


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


class Inputs(NamedTuple):
    """What the paths of a run name, collected once: the documents and contract registers (sorted,
    before include/exclude) and the errors of collecting them."""

    found: list[str]
    errors: list[InputError]


def find_inputs(paths: list[str]) -> Inputs:
    """The documents and the contract registers (CSV, XLSX, OCDS) in and among ``paths``."""
    from ..contracts.runner import register_inputs
    from ..documents.readers import known_extensions
    from ..files import collect_inputs

    files, errors = collect_inputs(paths, known_extensions())
    return Inputs(sorted(set(files) | set(register_inputs(paths))), errors)


def protected_paths(paths: list[str], cfg, found: list[str] | None = None) -> list[str]:
    """Every file a check with ``cfg`` reads, which no output may replace: the documents and
    registers found (also those that turn out unreadable, and those the configuration excludes),
    the files named on the command line, the pack files, the configuration file and the baseline.
    ``found``: the inputs of ``paths`` when the caller collected them already (:func:`find_inputs`)."""
    from ..rules.loader import resolve_pack

    protected = set(find_inputs(paths).found if found is None else found)  # named files included
    for ref in cfg.packs:
        try:
            protected.add(str(resolve_pack(ref)))
        except AuditError:
            pass  # an unknown pack id is reported when the packs are loaded
    protected.update(p for p in (cfg.path, cfg.baseline) if p)
    return sorted(protected)


def refuse_inputs_as_outputs(outputs: list[str | None], protected: list[str]) -> None:
    """Stop before the run when an output file (``-o`` or ``--output-format``) is one of the inputs."""
    from ..files import refuse_input

    for path in outputs:
        if path and path != "-":
            refuse_input(path, protected)


def check_columns(cfg) -> None:
    """The configured column map of contract registers must be valid: one error before the run,
    not one per register."""
    if not cfg.columns:
        return
    from ..config import ConfigError
    from ..contracts.columns import load_column_map

    try:
        load_column_map(cfg.columns)
    except ValueError as exc:
        raise ConfigError(cfg.sources.get("contracten") or "-", str(exc), key="contracten.kolommen") from None


def check_options(cfg, **values):
    """The runner's CheckOptions for a run with ``cfg``, with the configured column map of contract
    registers (checked first, so a missing map is one configuration error before the run)."""
    from ..runner import CheckOptions

    check_columns(cfg)
    return CheckOptions(**values, columns=cfg.columns or None)


def skipped_notes(paths: list[str], cfg, lang: str) -> list[str]:
    """One note per file named on the command line that the configuration's ``include`` or
    ``exclude`` leaves out: without it the run would silently report no document."""
    import os

    from ..config import filtered_by

    notes = []
    for path in dict.fromkeys(paths):
        if not os.path.isfile(path):
            continue
        why = filtered_by(path, cfg)
        if why is not None:
            notes.append(note(f"filtered_{why[0]}", lang, path=path, patterns=why[1], config=cfg.path or "-"))
    return notes


def configured_packs(cfg):
    """The packs of ``cfg`` with its rule settings applied; every rule reference must match a rule."""
    from ..config import adjust_packs, check_rule_refs
    from ..rules.loader import load_packs

    packs = adjust_packs(load_packs(cfg.packs), cfg)
    check_rule_refs(cfg, [r.id for p in packs for r in p.rules])
    return packs


def run_check(paths: list[str], cfg, kind: str | None, date: str | None, max_bytes: int, jobs: int,
              use_baseline: bool = True, inputs: Inputs | None = None):
    """Collect and filter the files (``inputs``: those of ``paths`` when the caller collected them
    already), check them with the configured packs, apply suppressions and (when configured) the
    baseline. Returns the finalised RunResult with every document."""
    from .. import baseline as baseline_mod
    from ..config import filter_paths
    from ..results import InputErrorInfo
    from ..runner import check_paths
    from ..suppressions import apply_all
    from .progress import progress_bar

    packs = configured_packs(cfg)
    baseline = cfg.baseline if use_baseline else None
    entries = baseline_mod.load(baseline) if baseline else None  # an unreadable one stops the run before it starts
    inputs = find_inputs(paths) if inputs is None else inputs
    options = check_options(cfg, packs=list(cfg.packs), kind=kind, lang=cfg.lang, date=date, max_bytes=max_bytes,
                            jobs=jobs)
    with progress_bar() as progress:
        run = check_paths(filter_paths(inputs.found, cfg), options, packs=packs, progress=progress)
    for err in inputs.errors:
        run.errors.append(InputErrorInfo(path=err.path, message=err.message(cfg.lang)))
    apply_all(run, cfg, kind=kind, max_bytes=max_bytes)
    if baseline:
        baseline_mod.apply(run, baseline, entries)
    return run.finalize()


def can_stream(formats: list[str], destinations: list[str | None]) -> bool:
    """Every format has a stream (not the council reports) and at most one goes to standard output."""
    from ..output.streams import STREAMED_FORMATS

    to_stdout = [d for d in destinations if not d or d == "-"]
    return all(f in STREAMED_FORMATS for f in formats) and len(to_stdout) <= 1


def run_check_streamed(paths: list[str], cfg, kind: str | None, date: str | None, max_bytes: int, jobs: int,
                       outputs: list[tuple[str, str | None, object]], protected: list[str] | None = None,
                       use_baseline: bool = True, on_document=None, inputs: Inputs | None = None,
                       on_start=None):
    """Like :func:`run_check`, but each document's results go to the streams of ``outputs``
    (format, path or None for standard output, RenderOptions) and to ``on_document`` as soon as
    they are final: inline suppressions, config ignores and (with ``use_baseline``) the baseline
    applied. ``on_start`` receives the run once its rules are known, before the first document.
    Each file output is written atomically. Same bytes as the rendered run. Returns (run without
    documents, number of blocking findings, notes on the documents' unused suppressions)."""
    import contextlib
    import sys

    from ..baseline import Matcher, load as load_baseline
    from ..config import filter_paths
    from ..files import atomic_text_writer
    from ..output.streams import open_stream
    from ..results import InputErrorInfo, error_order
    from ..runner import check_paths
    from ..suppressions import ConfigIgnores, apply_inline_to, unused_message
    from .progress import progress_bar

    packs = configured_packs(cfg)
    baseline = cfg.baseline if use_baseline else None
    # an unreadable baseline stops the run before anything is written
    entries = load_baseline(baseline) if baseline else None
    inputs = find_inputs(paths) if inputs is None else inputs
    files = filter_paths(inputs.found, cfg)
    options = check_options(cfg, packs=list(cfg.packs), kind=kind, lang=cfg.lang, date=date, max_bytes=max_bytes,
                            jobs=jobs)
    ignores = ConfigIgnores(cfg) if cfg.ignore else None
    matcher: Matcher | None = None
    problems: list[InputErrorInfo] = []
    unused: list[str] = []  # notes on unused suppressions: the documents themselves are not kept
    blocking = 0
    with contextlib.ExitStack() as stack:
        streams = []
        for fmt, path, render_opts in outputs:
            fh = sys.stdout if not path or path == "-" else stack.enter_context(
                atomic_text_writer(path, files if protected is None else protected))
            streams.append(open_stream(fmt, fh, render_opts))

        def start(run) -> None:
            nonlocal matcher
            if baseline:
                matcher = Matcher(baseline, entries, run.rules)
            for stream in streams:
                stream.start(run)
            if on_start is not None:
                on_start(run)

        def sink(doc_result) -> None:
            nonlocal blocking
            problems.extend(apply_inline_to(doc_result, kind, max_bytes, cfg.lang))
            unused.extend(unused_message(u, cfg.lang) for u in doc_result.unused_suppressions)
            if ignores is not None:
                ignores.document(doc_result)
            if matcher is not None:
                matcher.document(doc_result)
            blocking += doc_result.blocking(cfg.fail_on)
            for stream in streams:
                stream.document(doc_result)
            if on_document is not None:
                on_document(doc_result)

        # the terminal view shows each document as it is done: a progress bar would be drawn through it
        terminal_text = any(fmt == "text" and (not path or path == "-") for fmt, path, _ in outputs) \
            and sys.stdout.isatty()
        with contextlib.nullcontext(None) if terminal_text else progress_bar() as progress:
            run = check_paths(files, options, packs=packs, progress=progress, on_document=sink, on_start=start)
        run.errors.extend(InputErrorInfo(path=e.path, message=e.message(cfg.lang)) for e in inputs.errors)
        run.errors.extend(problems)
        run.errors.sort(key=error_order)
        run.summary.errors = len(run.errors)
        if ignores is not None:
            run.unused_suppressions.extend(ignores.unused())
        if matcher is not None:
            run.summary.baselined += matcher.corpus(run.corpus)  # the documents were counted as they went
            run.baseline = matcher.info
        blocking += run.blocking(cfg.fail_on)  # corpus and register results (documents went out)
        for stream in streams:
            stream.finish(run)
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
        targets = parse_targets(list(output_format or []))
        n_jobs = jobs if jobs > 0 else default_jobs()
        inputs = find_inputs(paths)
        protected = protected_paths(paths, cfg, inputs.found)
        refuse_inputs_as_outputs([output, *(path for _, path in targets)], protected)
        blocking = None
        notes = skipped_notes(list(paths), cfg, lang_s)
        if can_stream([format, *(fmt for fmt, _ in targets)], [output, *(path for _, path in targets)]):
            outputs = [(format, output, render_options(lang_s, use_color() and not output, verbose, date)),
                       *((fmt, path, render_options(lang_s, False, verbose, date)) for fmt, path in targets)]
            run, blocking, unused = run_check_streamed(paths, cfg, kind, date, max_size * 1024 * 1024, n_jobs,
                                                       outputs, protected, inputs=inputs)
            notes += unused
        else:
            run = run_check(paths, cfg, kind, date, max_size * 1024 * 1024, n_jobs, inputs=inputs)
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
