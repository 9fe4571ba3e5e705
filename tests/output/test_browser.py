"""The HTML report in a real browser: headless Chromium renders the example report to PNG and to PDF,
and both must show something (a blank page has no pixel variance; a PDF must have pages).
Skipped, with the reason, where chromium is not installed (.ci/run installs it on Debian)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ._report_fixtures import load, render

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium); browser test skipped")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def _chromium(tmp_path: Path, html_file: Path, *args: str) -> None:
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, html_file.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(load("run-lindewaarde.json"), "html"), encoding="utf-8")
    return path


def test_screenshot_is_not_blank(tmp_path: Path, report_file: Path) -> None:
    from PIL import Image, ImageStat

    png = tmp_path / "page.png"
    _chromium(tmp_path, report_file, f"--screenshot={png}", "--window-size=1200,1600", "--hide-scrollbars")
    with Image.open(png) as image:
        assert image.size == (1200, 1600)
        grey = image.convert("L")
        stddev = ImageStat.Stat(grey).stddev[0]
        dark = sum(grey.histogram()[:128]) / (1200 * 1600)
    assert stddev > 20, f"screenshot looks blank (stddev {stddev:.1f})"
    assert 0.01 < dark < 0.5, f"share of dark pixels {dark:.3f}: no text, or a dark page"


def test_print_to_pdf_has_pages(tmp_path: Path, report_file: Path) -> None:
    import pdfplumber

    pdf_path = tmp_path / "page.pdf"
    _chromium(tmp_path, report_file, f"--print-to-pdf={pdf_path}", "--no-pdf-header-footer")
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 3
        pages = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
        assert abs(pdf.pages[0].width - 595.3) < 2  # A4 from the print stylesheet
    first = pages[0]
    assert "Integraliteitstoets sociaal domein" in first
    assert "De drie belangrijkste bevindingen" in first
    # the rule list of the appendix runs over several pages: its header row repeats on each of them
    header = "Principe Toetsregel Thema Zwaarte Bron"
    with_header = [i for i, text in enumerate(pages) if header in text]
    assert len(with_header) >= 2 and with_header == list(range(with_header[0], len(pages))), with_header
    # every page shows its number in the footer
    assert all(f"{i} / {len(pages)}" in text for i, text in enumerate(pages, start=1))
