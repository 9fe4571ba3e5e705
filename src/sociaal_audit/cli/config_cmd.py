"""``sociaal-audit config show``: the effective configuration and where each value came from
(``default``, the configuration file, or a flag), including the column map of contract registers
(``contracten``) and the grouping of the checks across documents (``corpus``). Rule references and
the column map are validated as ``check`` validates them."""

from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import AuditError
from . import app
from .check import check_columns, configured_packs, load_effective_config
from .common import EXIT_OK, FailOn, Lang, fail

config_app = typer.Typer(help="Show the project configuration (sociaal-audit.yaml or pyproject.toml).",
                         no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def show(
    config: Optional[str] = typer.Option(None, "--config", "-c", help="Configuration file (default: discovered here or in a parent directory)."),
    pack: Optional[List[str]] = typer.Option(None, "--pack", "-p", help="As for check: overrides 'packs'."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="As for check: overrides 'fail_on'."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="As for check: overrides 'lang'."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="As for check: overrides 'baseline'."),
) -> None:
    """Print the effective configuration as YAML, each key with its source."""
    from ..config import show as show_config

    lang_s = lang.value if lang else "nl"
    try:
        cfg = load_effective_config(config, lang.value if lang else None, fail_on.value if fail_on else None,
                                    pack, baseline)
        lang_s = cfg.lang
        configured_packs(cfg)  # the rule references must match loaded rules
        check_columns(cfg)
    except AuditError as err:
        raise fail(err, lang_s)
    typer.echo(show_config(cfg), nl=False)
    raise typer.Exit(EXIT_OK)
