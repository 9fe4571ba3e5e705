"""``sociaal-audit init``: what it writes is valid as written (config loads, workflow parses with
the expected steps, pre-commit config and the shipped hook manifest pass pre-commit's validator)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sociaal_audit.cli import app
from sociaal_audit.cli.init_cmd import hook_files, precommit_text, workflow_text
from sociaal_audit.config import load_config
from sociaal_audit.documents.readers import known_extensions

ROOT = Path(__file__).resolve().parents[2]


def init(tmp_path: Path, *args: str):
    result = CliRunner().invoke(app, ["init", "--dir", str(tmp_path), *args])
    assert result.exit_code == 0, result.stderr
    return result


def test_writes_the_three_files(tmp_path: Path) -> None:
    result = init(tmp_path)
    for rel in ("sociaal-audit.yaml", ".github/workflows/sociaal-audit.yml", ".pre-commit-config.yaml"):
        assert (tmp_path / rel).is_file()
        assert f"{tmp_path / rel}: geschreven" in result.stdout


def test_workflow_parses_and_has_the_expected_steps(tmp_path: Path) -> None:
    init(tmp_path, "--docs", "beleid/verordeningen")
    workflow = yaml.safe_load((tmp_path / ".github/workflows/sociaal-audit.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare 'on' as true
    assert "pull_request" in triggers and "push" in triggers
    assert workflow["permissions"]["security-events"] == "write"
    assert workflow["permissions"]["actions"] == "read"  # upload-sarif in a private repository
    steps = workflow["jobs"]["sociaal-audit"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert uses[0].startswith("actions/checkout@") and uses[1].startswith("actions/setup-python@")
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert "sociaal-audit==" in install["run"]
    check = next(s for s in steps if s.get("run", "").startswith("sociaal-audit check"))
    assert check["run"].split()[:3] == ["sociaal-audit", "check", "beleid/verordeningen"]
    assert "--format github" in check["run"] and "--output-format sarif:sociaal-audit.sarif" in check["run"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "sociaal-audit.sarif" and upload["if"].startswith("always()")


def test_the_workflow_check_command_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import shlex

    init(tmp_path)
    workflow = yaml.safe_load((tmp_path / ".github/workflows/sociaal-audit.yml").read_text(encoding="utf-8"))
    run = next(s["run"] for s in workflow["jobs"]["sociaal-audit"]["steps"] if s.get("run", "").startswith("sociaal-audit check"))
    (tmp_path / "verordeningen").mkdir()
    example = ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md"
    (tmp_path / "verordeningen" / "wmo.md").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(run)[1:] + ["-j1"])
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.splitlines()[-1].startswith("1 document(en)")
    assert json.loads((tmp_path / "sociaal-audit.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_precommit_config_validates_local_and_remote(tmp_path: Path) -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    init(tmp_path)
    config = clientlib.load_config(str(tmp_path / ".pre-commit-config.yaml"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local" and repo["hooks"][0]["entry"] == "sociaal-audit check"
    remote = tmp_path / "remote"
    init(remote, "--repo", "https://example.org/gemeente/sociaal-audit", "--rev", "v0.1.0")
    config = clientlib.load_config(str(remote / ".pre-commit-config.yaml"))
    (repo,) = config["repos"]
    assert repo["rev"] == "v0.1.0" and repo["hooks"][0]["id"] == "sociaal-audit"


def test_shipped_hook_manifest_validates_and_matches_the_remote_config() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    (hook,) = hooks
    assert hook["id"] == "sociaal-audit" and hook["entry"] == "sociaal-audit check" and hook["language"] == "python"


@pytest.mark.parametrize("remote", [False, True])
def test_precommit_files_pattern_takes_only_documents_in_the_docs_directory(tmp_path: Path, remote: bool) -> None:
    # pre-commit replaces the hook's own `files` with the config's: the config's must hold the extensions
    init(tmp_path, "--docs", "beleid/verordeningen", *(["--repo", "https://example.org/gemeente/sociaal-audit"] if remote else []))
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(config["repos"][0]["hooks"][0]["files"])
    for ext in known_extensions():
        assert pattern.search(f"beleid/verordeningen/wmo{ext}") and pattern.search(f"beleid/verordeningen/WMO{ext.upper()}")
    for other in ("beleid/verordeningen/logo.png", "beleid/verordeningen/register.csv", "beleid/notities/wmo.md",
                  "beleid/verordeningen.md"):
        assert not pattern.search(other), other


def test_shipped_hook_takes_every_document_format_and_nothing_else() -> None:
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert manifest[0]["files"] == hook_files()
    pattern = re.compile(manifest[0]["files"])
    assert all(pattern.search(f"a/b{ext}") and pattern.search(f"B{ext.upper()}") for ext in known_extensions())
    assert not any(pattern.search(name) for name in ("logo.png", "pyproject.toml", ".pre-commit-config.yaml", "md"))


def test_generated_config_loads_and_limits_the_paths(tmp_path: Path) -> None:
    init(tmp_path)
    config = load_config(str(tmp_path / "sociaal-audit.yaml"))
    assert config.include == ["verordeningen/**"] and config.exclude == ["verordeningen/archief/**"]
    assert config.fail_on == "error" and config.packs == ["integraliteit"]


def test_existing_files_are_left_alone_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "sociaal-audit.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    result = init(tmp_path)
    assert "bestaat al" in result.stderr
    assert (tmp_path / "sociaal-audit.yaml").read_text(encoding="utf-8") == "fail_on: warning\n"
    init(tmp_path, "--force")
    assert "fail_on: error" in (tmp_path / "sociaal-audit.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("docs", ["../buiten", "/etc", "a'b"])
def test_docs_must_be_a_directory_inside_the_repository(tmp_path: Path, docs: str) -> None:
    result = CliRunner().invoke(app, ["init", "--dir", str(tmp_path), "--docs", docs])
    assert result.exit_code == 2 and "--docs" in result.stderr
    assert not (tmp_path / "sociaal-audit.yaml").exists()


def test_docs_show_what_init_writes() -> None:
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "ci.md").read_text(encoding="utf-8"), re.S)]
    workflow = yaml.safe_load(workflow_text("verordeningen", "sociaal-audit==0.1.0"))
    assert workflow in blocks
    assert yaml.safe_load(precommit_text("verordeningen", None, None)) in blocks
    assert yaml.safe_load(precommit_text("verordeningen", "https://example.org/gemeente/sociaal-audit", "v0.1.0")) in blocks


@pytest.mark.parametrize("option, value", [("--install", 'sociaal-audit "x'), ("--install", "sociaal-audit #x"),
                                           ("--repo", "https://example.org/a b"), ("--rev", "")])
def test_values_that_would_break_the_written_yaml_are_refused(tmp_path: Path, option: str, value: str) -> None:
    result = CliRunner().invoke(app, ["init", "--dir", str(tmp_path), "--repo", "https://example.org/sa", option, value])
    assert result.exit_code == 2 and option in result.stderr
    assert not (tmp_path / ".pre-commit-config.yaml").exists()


def test_a_git_install_and_a_remote_hook_are_written_as_valid_yaml(tmp_path: Path) -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    spec = "git+https://example.org/gemeente/sociaal-audit.git@v0.1.0#egg=sociaal-audit"
    init(tmp_path, "--install", spec, "--repo", "https://example.org/gemeente/sociaal-audit.git", "--rev", "v0.1.0")
    workflow = yaml.safe_load((tmp_path / ".github/workflows/sociaal-audit.yml").read_text(encoding="utf-8"))
    install = next(s["run"] for s in workflow["jobs"]["sociaal-audit"]["steps"] if "pip install" in s.get("run", ""))
    assert install == f'python -m pip install "{spec}"'
    (repo,) = clientlib.load_config(str(tmp_path / ".pre-commit-config.yaml"))["repos"]
    assert repo["repo"] == "https://example.org/gemeente/sociaal-audit.git" and repo["rev"] == "v0.1.0"
