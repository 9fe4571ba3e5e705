"""Helpers shared by the CLI commands: error printing, exit codes, output writing."""

from __future__ import annotations

import os
import sys
from enum import Enum

import typer

from ..errors import AuditError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class Lang(str, Enum):
    nl = "nl"
    en = "en"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def fail(err: AuditError | str, lang: str = "nl") -> "typer.Exit":
    msg = err.message(lang) if isinstance(err, AuditError) else err
    typer.echo(f"sociaal-audit: {msg}", err=True)
    return typer.Exit(EXIT_ERROR)


def use_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def emit(data: str | bytes, output: str | None, inputs: list[str] = ()) -> None:
    from ..files import write_atomic

    if output and output != "-":
        write_atomic(output, data, inputs)
        return
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    sys.stdout.flush()
