"""Errors the user sees as one line: an input problem with a file, a rule-pack problem, a usage problem.

Each carries a message code; :mod:`sociaal_audit.i18n` holds the Dutch and English text, so the same
error reads right in a Dutch or an English report.
"""

from __future__ import annotations

from typing import Any

from . import i18n


class AuditError(Exception):
    """Base class: a problem reported to the user as one line, never as a traceback."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        return i18n.text(self.code, lang, **self.params)


class InputError(AuditError):
    """A file that cannot be read as a policy document (exit code 2; other files go on)."""

    def __init__(self, path: str, code: str, **params: Any) -> None:
        self.path = path
        super().__init__(code, path=path, **params)


class PackError(AuditError):
    """An invalid rule pack: names the file, the rule id and the field."""

    def __init__(self, path: str, detail: str, rule: str | None = None, field: str | None = None) -> None:
        self.path = path
        self.rule = rule
        self.field = field
        self.detail = detail
        where = path + (f": rule {rule}" if rule else "") + (f": field '{field}'" if field else "")
        super().__init__("pack_invalid", where=where, detail=detail)


class UsageError(AuditError):
    """Wrong options or arguments (exit code 2)."""
