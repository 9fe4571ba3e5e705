"""Markdown output: the full council report (summary, scorecard per theme, findings by theme, what
is in order, appendix) from ``templates/report.md.j2``. The same view model as the HTML and PDF
reports (:mod:`report_model`), so all three have the same sections."""

from __future__ import annotations

import re

from .report_env import markdown_env
from .report_model import build_report

NAME = "markdown"
BINARY = False


def render(run, options) -> str:
    report = build_report(run, lang=options.lang, date=getattr(options, "date", None))
    text = markdown_env().get_template("report.md.j2").render(report=report, S=report.S)
    text = re.sub(r"\n{3,}", "\n\n", text)  # template blocks leave runs of blank lines
    return text.strip("\n") + "\n"
