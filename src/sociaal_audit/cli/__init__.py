"""The command line: ``sociaal-audit`` (typer). Thin: parse options, call the layers below,
choose the exit code. One module per command group; each registers itself on ``app``.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input errors.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from .. import __version__

app = typer.Typer(
    name="sociaal-audit",
    help="Audit Dutch social-domain ordinances, policy plans and contracts against integrality principles.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sociaal-audit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """sociaal-audit: integrality checks for Dutch municipal social-domain policy."""


from . import check as _check  # noqa: E402,F401  (registers commands)
from . import rules as _rules  # noqa: E402,F401
from . import compare_cmd as _compare  # noqa: E402,F401
from . import diff_cmd as _diff  # noqa: E402,F401
from . import report as _report  # noqa: E402,F401
from . import config_cmd as _config_cmd  # noqa: E402,F401
from . import baseline_cmd as _baseline_cmd  # noqa: E402,F401
from . import init_cmd as _init_cmd  # noqa: E402,F401


def main() -> None:
    try:
        app(prog_name="sociaal-audit")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
