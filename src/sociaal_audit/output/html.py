"""HTML output: the council report as one self-contained file (inline CSS; no scripts, external
fonts or images) that reads well on a screen and prints cleanly to A4. Rendered from
``templates/report.html.j2`` with jinja2 autoescape, so text from a document is never markup.
The PDF report (:mod:`pdf`) is this same HTML."""

from __future__ import annotations

from .report_env import html_env
from .report_model import build_report

NAME = "html"
BINARY = False


def render(run, options) -> str:
    report = build_report(run, lang=options.lang, date=getattr(options, "date", None))
    html = html_env().get_template("report.html.j2").render(report=report, S=report.S)
    return "\n".join(line.rstrip() for line in html.strip("\n").split("\n")) + "\n"
