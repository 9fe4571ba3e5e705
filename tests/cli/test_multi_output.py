"""Several formats in one run: ``--output-format FORMAT:PATH`` (repeatable) beside --format/-o;
each file equals what that format alone produces; bad targets are usage errors; exit codes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sociaal_audit.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "wmo.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, ["check", "wmo.md", "-j1", "--fail-on", "never", *args])


def test_several_formats_in_one_run(workdir: Path) -> None:
    result = invoke("-f", "json", "-o", "out/results.json",
                    "--output-format", "sarif:out/results.sarif",
                    "--output-format", "junit:out/junit.xml",
                    "--output-format", "gitlab:out/gl-code-quality.json",
                    "--output-format", "csv:out/results.csv",
                    "--output-format", "github:out/annotations.txt",
                    "--output-format", "markdown:out/rapport.md")
    assert result.exit_code == 0, result.stderr
    out = workdir / "out"
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    failed = data["summary"]["failed"]
    assert failed > 0
    sarif = json.loads((out / "results.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == failed
    junit = ET.parse(out / "junit.xml").getroot()
    assert int(junit.get("failures")) == failed
    assert len(json.loads((out / "gl-code-quality.json").read_text(encoding="utf-8"))) == failed
    rows = list(csv.DictReader(io.StringIO((out / "results.csv").read_text(encoding="utf-8-sig"))))
    assert sum(r["status"] == "fail" for r in rows) == failed
    assert "::" in (out / "annotations.txt").read_text(encoding="utf-8")
    assert (out / "rapport.md").read_text(encoding="utf-8").startswith("#")
    assert not list(out.glob(".*.tmp"))  # written atomically, nothing left over


def test_each_file_equals_the_format_on_its_own(workdir: Path) -> None:
    both = invoke("-f", "json", "--output-format", "sarif:a.sarif", "--output-format", "csv:a.csv")
    assert both.exit_code == 0, both.stderr
    alone_json = invoke("-f", "json")
    alone_sarif = invoke("-f", "sarif")
    alone_csv = invoke("-f", "csv")
    assert both.stdout == alone_json.stdout
    assert (workdir / "a.sarif").read_text(encoding="utf-8") == alone_sarif.stdout
    assert (workdir / "a.csv").read_text(encoding="utf-8") == alone_csv.stdout


def test_text_stays_on_the_terminal_when_only_extra_files_are_asked(workdir: Path) -> None:
    result = invoke("--output-format", "sarif:scan.sarif")
    assert result.exit_code == 0
    assert "document(en):" in result.stdout.splitlines()[-1]
    assert (workdir / "scan.sarif").is_file()


@pytest.mark.parametrize("target, detail", [
    ("sarif", "FORMAAT:PAD"),
    ("sarif:", "FORMAAT:PAD"),
    (":out.sarif", "FORMAAT:PAD"),
    ("word:out.docx", "onbekend uitvoerformaat 'word'"),
])
def test_bad_targets_are_usage_errors_before_any_work(workdir: Path, target: str, detail: str) -> None:
    result = invoke("--output-format", target)
    assert result.exit_code == 2
    assert detail in result.stderr
    assert result.stdout == ""


def test_exit_codes_follow_fail_on_and_ignore_suppressed_findings(workdir: Path) -> None:
    assert CliRunner().invoke(app, ["check", "wmo.md", "-j1", "--fail-on", "warning", "-f", "sarif"]).exit_code == 1
    (workdir / "sociaal-audit.yaml").write_text(
        "ignore:\n  - path: wmo.md\n    rules: [INT]\n    reason: Wordt dit jaar herzien; alle bevindingen zijn bekend\n",
        encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "wmo.md", "-j1", "--fail-on", "info", "-f", "sarif",
                                      "--output-format", "github:gh.txt"])
    assert result.exit_code == 0, result.stderr
    sarif = json.loads(result.stdout)
    results = sarif["runs"][0]["results"]
    assert results and all(r["suppressions"][0]["justification"].startswith("Wordt dit jaar") for r in results)
    gh = (workdir / "gh.txt").read_text(encoding="utf-8")
    assert "title=" not in gh and gh.count("onderdrukt (reden: Wordt dit jaar herzien") == len(results)
    assert "onderdrukt (met reden)" in result.stderr
