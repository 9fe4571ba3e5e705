"""``sociaal-audit report RESULTS.json``: render saved JSON results as a council report (Markdown,
HTML or PDF) without running the audit again.

The results file is the output of ``check --format json``. Fields this version does not know (from a
newer sociaal-audit of the same schema major version) are ignored, so the report still renders.
"""

from __future__ import annotations

import json
import sys
import typing
from typing import TYPE_CHECKING, Any, Optional

import typer

from ..errors import AuditError
from . import app
from .common import EXIT_OK, Lang, audit_date, emit, fail

if TYPE_CHECKING:  # pydantic is imported when results are read, not when the command line starts
    from pydantic import BaseModel

REPORT_FORMATS = ("markdown", "html", "pdf")

_MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {"nl": "{path}: bestand niet gevonden", "en": "{path}: file not found"},
    "unreadable": {"nl": "{path}: kan bestand niet lezen ({reason})", "en": "{path}: cannot read file ({reason})"},
    "not_json": {"nl": "{path}: geen geldige JSON ({reason})", "en": "{path}: not valid JSON ({reason})"},
    "not_results": {
        "nl": "{path}: geen resultaten van sociaal-audit check --format json ({reason})",
        "en": "{path}: not results of sociaal-audit check --format json ({reason})",
    },
    "schema": {
        "nl": "{path}: resultaten in schemaversie {found}; deze versie leest {supported}.x",
        "en": "{path}: results in schema version {found}; this version reads {supported}.x",
    },
    "format": {
        "nl": "--format moet markdown, html of pdf zijn, niet '{format}'",
        "en": "--format must be markdown, html or pdf, not '{format}'",
    },
}


class ReportInputError(AuditError):
    """A results file that cannot be rendered, or a wrong option of ``report``."""

    def __init__(self, kind: str, **params: Any) -> None:
        self.kind = kind
        super().__init__("report_" + kind, **params)

    def message(self, lang: str = "nl") -> str:
        entry = _MESSAGES[self.kind]
        return (entry.get(lang) or entry["nl"]).format(**self.params)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _known_fields(data: Any, model: type[BaseModel]) -> Any:
    """``data`` without keys ``model`` does not define, recursively (results from a newer version)."""
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        inner = _models_in(info.annotation)
        if inner and isinstance(value, list):
            value = [_known_fields(v, inner[0]) for v in value]
        elif inner and isinstance(value, dict):
            value = _known_fields(value, inner[0])
        out[name] = value
    return out


def load_results(path: str):
    """Read a saved :class:`RunResult` from ``path`` ('-' for standard input)."""
    from pydantic import ValidationError

    from ..results import SCHEMA_VERSION, RunResult

    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                raw = fh.read()
    except FileNotFoundError:
        raise ReportInputError("not_found", path=path) from None
    except OSError as exc:
        raise ReportInputError("unreadable", path=path, reason=exc.strerror or str(exc)) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportInputError("not_json", path=path, reason=str(exc).splitlines()[0]) from None
    if not isinstance(data, dict) or "tool" not in data or "documents" not in data:
        raise ReportInputError("not_results", path=path, reason="'tool' or 'documents' missing")
    found = str(data.get("schema_version", ""))
    if found.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ReportInputError("schema", path=path, found=found or "?", supported=SCHEMA_VERSION.split(".")[0])
    try:
        return RunResult.model_validate(_known_fields(data, RunResult)).finalize()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ReportInputError("not_results", path=path, reason=f"{where}: {first.get('msg', '')}") from None


@app.command()
def report(
    results: str = typer.Argument(..., help="Saved results of 'check --format json' ('-' reads standard input)."),
    format: str = typer.Option("markdown", "--format", "-f", help="Report format: markdown, html, pdf."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically) instead of stdout."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the report (default: the language of the results)."),
    date: Optional[str] = typer.Option(None, "--date", help="Audit date shown in the report: YYYY-MM-DD, or 'today'. Default: the date in the results, else none."),
) -> None:
    """Render saved JSON results as a council report, without auditing again."""
    from ..output import RenderOptions, render, renderer

    lang_s = lang.value if lang else "nl"
    try:
        if format not in REPORT_FORMATS:
            raise ReportInputError("format", format=format)
        date = audit_date(date)
        renderer(format)  # fails now, with one line, when the PDF extra is missing
        run = load_results(results)
        lang_s = lang.value if lang else run.lang
        data = render(run, format, RenderOptions(lang=lang_s, date=date or run.date))
        emit(data, output, [results] if results != "-" else [])
    except AuditError as err:
        raise fail(err, lang_s)
    raise typer.Exit(EXIT_OK)
