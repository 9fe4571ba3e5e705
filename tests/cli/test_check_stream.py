"""`check --format json` streams documents as they are checked; the bytes equal the rendered run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md").read_text(encoding="utf-8")
CLI = [sys.executable, "-m", "sociaal_audit"]

SUPPRESSED = EXAMPLE.replace(
    "### Artikel 31.",
    '<!-- sociaal-audit: negeer INT-P26 reden="regionale inkoop loopt tot 2027" -->\n\n### Artikel 31.',
)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(EXAMPLE, encoding="utf-8")
    (folder / "b.md").write_text(SUPPRESSED.replace("Lindewaarde", "Beekveld"), encoding="utf-8")
    (folder / "c.md").write_text('<!-- sociaal-audit: negeer INT-P05 -->\n' + EXAMPLE, encoding="utf-8")
    (folder / "leeg.md").write_bytes(b"")
    return folder


def test_streamed_json_equals_rendered_json_and_exit_codes_agree(tmp_path):
    folder = _corpus(tmp_path)
    streamed = tmp_path / "streamed.json"
    rendered = tmp_path / "rendered.json"
    for jobs in ("1", "2"):
        a = subprocess.run([*CLI, "check", str(folder), "-f", "json", "-o", str(streamed), "--jobs", jobs],
                           capture_output=True, text=True)
        # a council report among the outputs makes the run keep its documents and render the JSON
        b = subprocess.run([*CLI, "check", str(folder), "-f", "markdown", "-o", str(tmp_path / "rapport.md"),
                            "--output-format", f"json:{rendered}", "--jobs", jobs], capture_output=True, text=True)
        assert a.returncode == b.returncode == 2  # the empty file and the reasonless suppression
        assert streamed.read_bytes() == rendered.read_bytes()
    text = streamed.read_text(encoding="utf-8")
    assert "regionale inkoop loopt tot 2027" in text
    assert "leeg.md" in text and "c.md" in text


def test_streamed_exit_code_follows_fail_on(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(EXAMPLE, encoding="utf-8")
    warn = subprocess.run([*CLI, "check", str(doc), "-f", "json", "--fail-on", "warning"], capture_output=True)
    never = subprocess.run([*CLI, "check", str(doc), "-f", "json", "--fail-on", "never"], capture_output=True)
    assert warn.returncode == 1 and never.returncode == 0
    assert warn.stdout == never.stdout


def test_streamed_json_reports_unused_suppressions_on_stderr(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(EXAMPLE.replace("### Artikel 31.", '<!-- sociaal-audit: negeer INT-P20 reden="later" -->\n\n### Artikel 31.'),
                   encoding="utf-8")
    streamed = subprocess.run([*CLI, "check", str(doc), "-f", "json", "--fail-on", "never"], capture_output=True, text=True)
    rendered = subprocess.run([*CLI, "check", str(doc), "-f", "markdown", "-o", str(tmp_path / "rapport.md"),
                               "--fail-on", "never"], capture_output=True, text=True)
    note = [line for line in rendered.stderr.splitlines() if "INT-P20" in line]
    assert note and note == [line for line in streamed.stderr.splitlines() if "INT-P20" in line]


def test_output_over_an_input_is_refused_in_the_run_language(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(EXAMPLE, encoding="utf-8")
    before = doc.read_bytes()
    res = subprocess.run([*CLI, "check", str(doc), "-f", "json", "-o", str(doc)], capture_output=True, text=True)
    assert res.returncode == 2 and "invoerbestanden" in res.stderr
    assert doc.read_bytes() == before
