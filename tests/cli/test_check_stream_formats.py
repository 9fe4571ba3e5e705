"""Every CI format is streamed document by document, with inline suppressions, config ignores and a
baseline applied on the way; the bytes equal those of the rendered run, for any ``--jobs``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sociaal_audit.cli.check import can_stream, load_effective_config, run_check_streamed
from sociaal_audit.output import RenderOptions

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
EXAMPLE = (ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md").read_text(encoding="utf-8")
CI_FORMATS = ("json", "sarif", "csv", "text", "github", "gitlab", "junit")
CONFIG = """\
packs: [integraliteit, samenhang, contracten]
ignore:
  - path: gemeenten/lindewaarde/**
    rules: [INT-P02]
    reason: "budgetruimte volgt uit de regionale afspraken"
  - path: gemeenten/verdwenen/**
    rules: INT-P09
    reason: "map bestaat niet meer"
"""


def sa(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CI", None)
    return subprocess.run([sys.executable, "-m", "sociaal_audit", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two municipalities, a contract register, a suppressed and an unused inline suppression, one
    without a reason, an empty file, config ignores (one stale) and a baseline of part of the findings."""
    work = tmp_path_factory.mktemp("stream")
    shutil.copytree(TESTS / "corpus" / "data" / "beekveld", work / "gemeenten" / "beekveld")
    lindewaarde = work / "gemeenten" / "lindewaarde"
    lindewaarde.mkdir()
    (lindewaarde / "verordening.md").write_text(EXAMPLE, encoding="utf-8")
    (lindewaarde / "register.csv").write_bytes((TESTS / "contracts" / "data" / "register-lindewaarde.csv").read_bytes())
    (lindewaarde / "concept.md").write_text(
        EXAMPLE.replace("### Artikel 31.", '<!-- sociaal-audit: negeer INT-P26 reden="regionale inkoop tot 2027" -->\n'
                        '<!-- sociaal-audit: negeer INT-P20 reden="komt in de nadere regels" -->\n\n### Artikel 31.'),
        encoding="utf-8")
    (lindewaarde / "zonder-reden.md").write_text("<!-- sociaal-audit: negeer INT-P05 -->\n" + EXAMPLE, encoding="utf-8")
    (lindewaarde / "leeg.md").write_bytes(b"")
    (work / "sociaal-audit.yaml").write_text(CONFIG, encoding="utf-8")
    made = sa("baseline", "create", "gemeenten/beekveld", "gemeenten/lindewaarde/verordening.md", "-o", "baseline.json",
              cwd=work)
    assert made.returncode == 0, made.stderr
    return work


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_formats_equal_the_rendered_run(workdir: Path, jobs: str) -> None:
    streamed = workdir / f"streamed-{jobs}"
    rendered = workdir / f"rendered-{jobs}"
    streamed.mkdir()
    rendered.mkdir()
    extra = [f"--output-format={fmt}:{streamed / fmt}" for fmt in CI_FORMATS[1:]]
    a = sa("check", "gemeenten", "--baseline", "baseline.json", "--jobs", jobs, "-f", "json", "-o",
           str(streamed / "json"), *extra, cwd=workdir)
    # a council report among the outputs makes the run keep every document and render each format
    b = sa("check", "gemeenten", "--baseline", "baseline.json", "--jobs", jobs, "-f", "markdown", "-o",
           str(rendered / "report.md"), *(f"--output-format={fmt}:{rendered / fmt}" for fmt in CI_FORMATS),
           cwd=workdir)
    assert a.returncode == b.returncode == 2  # the empty file and the suppression without a reason
    assert a.stderr == b.stderr
    for fmt in CI_FORMATS:
        assert (streamed / fmt).read_bytes() == (rendered / fmt).read_bytes(), fmt
    sarif = (streamed / "sarif").read_text(encoding="utf-8")
    assert '"baselineState": "unchanged"' in sarif and '"baselineState": "new"' in sarif
    assert "regionale inkoop tot 2027" in sarif  # inline suppression
    assert "budgetruimte volgt uit de regionale afspraken" in sarif  # config ignore
    assert "map bestaat niet meer" in sarif  # the stale ignore entry, as an unused suppression
    assert "komt in de nadere regels" in sarif  # the unused inline suppression
    assert "SAM-P13-dubbele-artikelen" in sarif and "register.csv" in sarif
    assert "baseline baseline.json:" in a.stderr and "onderdrukt (met reden)" in a.stderr


@pytest.mark.parametrize("fmt", ["text", "sarif", "github"])
def test_a_format_streamed_to_standard_output_equals_the_file(workdir: Path, fmt: str) -> None:
    out = sa("check", "gemeenten", "--baseline", "baseline.json", "--jobs", "2", "-f", fmt, cwd=workdir)
    rendered = sa("check", "gemeenten", "--baseline", "baseline.json", "--jobs", "1", "-f", "markdown", "-o",
                  str(workdir / f"r-{fmt}.md"), f"--output-format={fmt}:{workdir / f'r.{fmt}'}", cwd=workdir)
    assert out.returncode == rendered.returncode == 2
    assert out.stdout == (workdir / f"r.{fmt}").read_text(encoding="utf-8")


def test_a_streamed_run_keeps_no_documents(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    cfg = load_effective_config(None, None, "warning", None, "baseline.json")
    outputs = [(fmt, str(workdir / f"kept.{fmt}"), RenderOptions()) for fmt in CI_FORMATS]
    run, blocking, unused = run_check_streamed(["gemeenten"], cfg, None, None, 10_000_000, 1, outputs)
    assert run.documents == [] and run.summary.documents == 6  # leeg.md is an input error
    assert run.baseline is not None and run.baseline.unchanged > 0 and run.baseline.new > 0
    assert run.summary.baselined == run.baseline.unchanged
    assert run.summary.suppressed == 4  # INT-P26 inline in concept.md, INT-P02 by the config in three documents
    assert blocking > 0 and any("INT-P20" in line for line in unused)
    assert [s.pattern for s in run.unused_suppressions] == ["gemeenten/verdwenen/**"]


def test_only_ci_formats_to_at_most_one_standard_output_are_streamed() -> None:
    assert can_stream(["text"], [None])
    assert can_stream(["sarif", "json", "junit"], ["-", "a.json", "b.xml"])
    assert not can_stream(["text", "markdown"], [None, "r.md"])  # a council report needs the whole run
    assert not can_stream(["html"], ["r.html"])
    assert not can_stream(["json", "sarif"], [None, "-"])  # two formats on one standard output


def test_baseline_create_streams_the_same_file_as_a_kept_run(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sociaal_audit.baseline import create
    from sociaal_audit.cli.check import run_check

    made = sa("baseline", "create", "gemeenten", "-o", "opnieuw/baseline.json", "--jobs", "2", cwd=workdir)
    assert made.returncode == 2  # the empty file and the suppression without a reason are still reported
    assert "leeg.md" in made.stderr and "INT-P20" in made.stderr  # errors and unused suppressions
    monkeypatch.chdir(workdir)
    cfg = load_effective_config(None, None, None, None, None)
    kept = run_check(["gemeenten"], cfg, None, None, 10_000_000, 1, use_baseline=False)
    assert (workdir / "opnieuw" / "baseline.json").read_text(encoding="utf-8") == create(kept, "opnieuw/baseline.json")
    assert '"path": "gemeente:beekveld"' in create(kept, "opnieuw/baseline.json")  # corpus findings too
