"""``sociaal-audit diff OLD NEW``: what changed between two versions of a document, and which
rule results changed (pass to fail, fail to pass).

The configuration that ``check`` reads (``sociaal-audit.yaml`` or ``[tool.sociaal-audit]`` in
pyproject.toml, or ``--config``) applies here too: packs, enabled and disabled rules, severity and
threshold overrides, ``lang`` and ``fail_on``; flags override it. So a rule the project disabled
does not block a diff in CI either.

Exit codes: 0 when no rule went from not failing to failing at or above --fail-on (default
error); 1 when one did (the amendment makes the ordinance worse on a blocking principle);
2 for usage or input errors (unreadable file, bad pack or configuration, unknown format).
"""

from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import AuditError
from . import app
from .common import EXIT_FINDINGS, EXIT_OK, FailOn, Lang, audit_date, emit, fail, use_color

DIFF_FORMATS = ("text", "markdown", "html", "json")
KINDS = ["verordening", "nadere_regels", "beleidsregels", "beleidsplan", "overeenkomst", "other"]


@app.command("diff")
def diff(
    old: str = typer.Argument(..., help="The old version (file)."),
    new: str = typer.Argument(..., help="The new version (file)."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="Built-in pack id or YAML path (repeatable). Default: integraliteit, or 'packs' from the config."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text, markdown, html, json."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the output to this file (atomically) instead of stdout."),
    config: Optional[str] = typer.Option(None, "--config", "-c", help="Configuration file (default: sociaal-audit.yaml or pyproject.toml here or in a parent directory)."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 when a rule of this severity or higher went from pass to fail. Default: error, or 'fail_on' from the config."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of messages and reports. Default: nl, or 'lang' from the config."),
    kind: Optional[str] = typer.Option(None, "--kind", help=f"Override the detected document kind: {', '.join(KINDS)}."),
    date: Optional[str] = typer.Option(None, "--date", help="Date shown in the report: YYYY-MM-DD, or 'today'. No date unless given."),
    max_size: int = typer.Option(50, "--max-size", help="Largest input file to read, in MB."),
) -> None:
    """Compare two versions of an ordinance: articles and rule results."""
    from ..diff import diff_paths
    from ..output.diff_render import render
    from .check import configured_packs, load_effective_config

    lang_s = lang.value if lang else "nl"
    if format not in DIFF_FORMATS:
        raise fail(AuditError("unknown_output", format=format, known=", ".join(DIFF_FORMATS)), lang_s)
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind must be one of {', '.join(KINDS)}", lang_s)
    try:
        cfg = load_effective_config(config, lang.value if lang else None, fail_on.value if fail_on else None,
                                    list(pack) if pack else None, None)
        lang_s = cfg.lang
        result = diff_paths(old, new, configured_packs(cfg), lang=lang_s, date=audit_date(date), kind=kind,
                            max_bytes=max_size * 1024 * 1024)
        data = render(result, format, lang_s, color=use_color() and not output)
        emit(data, output, [old, new] + ([cfg.path] if cfg.path else []))
    except AuditError as err:
        raise fail(err, lang_s)
    raise typer.Exit(EXIT_FINDINGS if result.blocking(cfg.fail_on) else EXIT_OK)
