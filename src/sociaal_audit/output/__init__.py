"""Renderers: one module per output format, each a function of the results.

A renderer module defines::

    NAME: str
    BINARY: bool                  # True when render returns bytes (pdf)
    def render(run: RunResult, options: RenderOptions) -> str | bytes

Add a format by writing a module and adding one line to ``FORMATS``. Renderers know nothing of
readers or rule kinds: everything they show is in the :class:`RunResult` (rule metadata included,
so saved JSON renders the same).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from ..errors import AuditError

# format name -> module name in this package
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_output",
    "markdown": "markdown",
    "html": "html",
    "pdf": "pdf",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "csv": "csv_output",
}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "nl"
    color: bool = False
    width: int = 100
    verbose: bool = False  # show passed checks in the terminal view
    date: str | None = None  # audit date shown in reports (--date); reports fall back to today


def renderer(name: str) -> ModuleType:
    module = FORMATS.get(name)
    if module is None:
        raise AuditError("unknown_output", format=name, known=", ".join(FORMATS))
    return importlib.import_module(f"{__name__}.{module}")


def render(run, name: str, options: RenderOptions) -> str | bytes:
    return renderer(name).render(run, options)
