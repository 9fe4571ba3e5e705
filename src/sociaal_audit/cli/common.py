"""Helpers shared by the CLI commands: error printing, exit codes, output writing."""

from __future__ import annotations

import os
import sys
from enum import Enum

import typer

from ..errors import AuditError, UsageError

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


TODAY_WORDS = ("today", "vandaag")


def audit_date(value: str | None) -> str | None:
    """The ``--date`` option as YYYY-MM-DD: a date as given, or today's date for 'today'/'vandaag'.

    Without the option there is no date at all: the same inputs then give the same bytes on any day.
    """
    import datetime as dt

    if value is None:
        return None
    if value.strip().lower() in TODAY_WORDS:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError("bad_date", date=value) from None


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
