"""``sociaal-audit report RESULTS.json``: render saved results without auditing again; the same
bytes as ``check --format``; one-line errors with exit code 2 for unusable input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md"
SAVED = ROOT / "tests" / "output" / "data" / "run-lindewaarde.json"


def sa(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "sociaal_audit", *args], capture_output=True, text=True,
                          env=env, timeout=120, input=stdin, cwd=ROOT)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("results") / "resultaten.json"
    proc = sa("check", str(EXAMPLE), "--format", "json", "--date", "2026-11-25", "--jobs", "1", "-o", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    return path


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_equals_check_output(tmp_path: Path, results: Path, fmt: str) -> None:
    direct = tmp_path / f"direct.{fmt}"
    proc = sa("check", str(EXAMPLE), "--format", fmt, "--date", "2026-11-25", "--jobs", "1", "-o", str(direct))
    assert proc.returncode in (0, 1), proc.stderr
    proc = sa("report", str(results), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == direct.read_text(encoding="utf-8")


def test_default_format_is_markdown_and_lang_follows_results(results: Path) -> None:
    proc = sa("report", str(results))
    assert proc.returncode == 0
    assert proc.stdout.startswith("# Integraliteitstoets sociaal domein\n")
    assert "**Datum van de toets:** 25 november 2026" in proc.stdout  # the date saved with the results


def test_lang_and_date_options(results: Path) -> None:
    proc = sa("report", str(results), "--lang", "en", "--date", "2027-01-05")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Social-domain integrality audit\n")
    assert "**Audit date:** 5 January 2027" in proc.stdout


def test_reads_standard_input_and_writes_atomically(tmp_path: Path, results: Path) -> None:
    out = tmp_path / "rapport" / "raad.html"
    proc = sa("report", "-", "--format", "html", "-o", str(out), stdin=results.read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_refuses_to_overwrite_the_results(results: Path) -> None:
    before = results.read_bytes()
    proc = sa("report", str(results), "-o", str(results))
    assert proc.returncode == 2
    assert results.read_bytes() == before


def test_results_from_a_newer_version_with_extra_fields_still_render(tmp_path: Path) -> None:
    data = json.loads(SAVED.read_text(encoding="utf-8"))
    data["schema_version"] = "1.9"
    data["nieuw_veld"] = {"x": 1}
    data["documents"][0]["results"][0]["nieuw"] = True
    data["documents"][0]["results"][0]["locations"][0]["kolom"] = 3
    path = tmp_path / "nieuwer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    proc = sa("report", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "## Bevindingen" in proc.stdout


@pytest.mark.parametrize("content, fragment", [
    (None, "bestand niet gevonden"),
    ("{niet json", "geen geldige JSON"),
    ('{"a": 1}', "geen resultaten van sociaal-audit check --format json"),
    ('{"schema_version": "2.0", "tool": {"version": "9"}, "documents": []}', "schemaversie 2.0"),
    ('{"schema_version": "1.0", "tool": {"version": "9"}, "documents": [{"path": 3}]}', "documents.0"),
])
def test_unusable_input_gives_one_line_and_exit_2(tmp_path: Path, content: str | None, fragment: str) -> None:
    path = tmp_path / "resultaten.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    proc = sa("report", str(path))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"sociaal-audit: {path}") and fragment in lines[0], proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize("args, fragment", [
    (["--format", "json"], "--format moet markdown, html of pdf zijn"),
    (["--date", "25-11-2026"], "--date moet de vorm JJJJ-MM-DD hebben of 'vandaag' zijn, niet '25-11-2026'"),
])
def test_usage_errors(results: Path, args: list[str], fragment: str) -> None:
    proc = sa("report", str(results), *args)
    assert proc.returncode == 2
    assert fragment in proc.stderr and "Traceback" not in proc.stderr


def test_date_today_asks_for_the_date_of_the_run(results: Path) -> None:
    import datetime as dt

    today = dt.date.today()
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    proc = sa("report", str(results), "--lang", "en", "--date", "today")
    assert proc.returncode == 0, proc.stderr
    assert f"**Audit date:** {today.day} {months[today.month - 1]} {today.year}" in proc.stdout
