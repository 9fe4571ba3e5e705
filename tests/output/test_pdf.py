"""The PDF report: WeasyPrint lays out the HTML report on A4; the PDF has the same section headings.
Without WeasyPrint, choosing the format fails with one line that says what to install."""

from __future__ import annotations

import importlib.util
import io
import re
import subprocess
import sys

import pytest

from ._report_fixtures import load, render
from .test_html_report import parse

HAS_WEASYPRINT = importlib.util.find_spec("weasyprint") is not None


def _weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.mark.skipif(not HAS_WEASYPRINT, reason="WeasyPrint not installed (pip install 'sociaal-audit[pdf]')")
def test_pdf_has_the_sections_of_the_html() -> None:
    if not _weasyprint_works():
        pytest.skip("WeasyPrint is installed but cannot load its system libraries (pango)")
    import pdfplumber

    run = load("run-lindewaarde.json")
    doc = run.documents[0]  # a shorter report keeps the test quick; it still has every kind of section
    keep = [r for r in doc.results if r.status == "pass"][:4] + [r for r in doc.results if r.status == "fail"][:4]
    doc.results = keep
    run.rules = [r for r in run.rules if r.id in {k.rule for k in keep}]
    run.finalize()
    data = render(run, "pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
        width, height = pdf.pages[0].width, pdf.pages[0].height
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    headings = [h for _, h in parse(render(run, "html")).headings]
    assert len(headings) > 20
    for heading in headings:
        assert " ".join(heading.split()) in text, heading
    assert "25 november 2026" in text


@pytest.mark.parametrize("command", ["report", "check"])
def test_without_weasyprint_one_line_error_names_the_extra(command: str) -> None:
    """Run in a fresh interpreter where importing weasyprint is blocked; check fails before auditing."""
    code = (
        "import sys\n"
        "sys.modules['weasyprint'] = None  # import fails, find_spec gives None: as if not installed\n"
        "from sociaal_audit.cli import main\n"
        "sys.argv = ['sociaal-audit', sys.argv[2], sys.argv[1], '--format', 'pdf']\n"
        "main()\n"
    )
    from ._report_fixtures import DATA

    target = DATA / ("run-lindewaarde.json" if command == "report" else "verordening-wmo-wolderveen-2026.md")
    proc = subprocess.run([sys.executable, "-c", code, str(target), command],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "pip install 'sociaal-audit[pdf]'" in lines[0] and "WeasyPrint" in lines[0]
    assert re.match(r"sociaal-audit: PDF-uitvoer", lines[0])
