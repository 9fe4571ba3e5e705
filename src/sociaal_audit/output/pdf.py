"""PDF output: the HTML council report (:mod:`html`) laid out on A4 by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'sociaal-audit[pdf]'``). Without it, choosing the
format fails at once, before any document is audited, with one line saying what to install.
"""

from __future__ import annotations

import importlib.util

from ..errors import AuditError
from . import html

NAME = "pdf"
BINARY = True

_MISSING = {
    "nl": "PDF-uitvoer vraagt een extra pakket: pip install 'sociaal-audit[pdf]' (WeasyPrint)",
    "en": "PDF output needs an extra package: pip install 'sociaal-audit[pdf]' (WeasyPrint)",
}
_BROKEN = {
    "nl": "PDF-uitvoer: WeasyPrint kan niet starten ({reason}); zie https://doc.courtbouillon.org/weasyprint/stable/first_steps.html",
    "en": "PDF output: WeasyPrint cannot start ({reason}); see https://doc.courtbouillon.org/weasyprint/stable/first_steps.html",
}


class PdfUnavailable(AuditError):
    """WeasyPrint is not installed, or cannot load its system libraries."""

    def __init__(self, reason: str | None = None) -> None:
        self.reason = reason
        super().__init__("pdf_unavailable")

    def message(self, lang: str = "nl") -> str:
        table = _BROKEN if self.reason else _MISSING
        return (table.get(lang) or table["nl"]).format(reason=self.reason)


def available() -> bool:
    return importlib.util.find_spec("weasyprint") is not None


def require() -> None:
    if not available():
        raise PdfUnavailable()


require()  # the renderer registry imports this module when the format is chosen: fail early


def render(run, options) -> bytes:
    try:
        from weasyprint import HTML
    except ImportError:
        raise PdfUnavailable() from None
    except OSError as exc:  # missing pango/cairo system libraries
        raise PdfUnavailable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    document = html.render(run, options)
    return HTML(string=document, base_url=None).write_pdf()
