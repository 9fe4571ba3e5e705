"""The documented commands work as written.

Extracts every ``sociaal-audit ...`` command from the Usage block of README.md and from the code
blocks of docs/getting-started.md, and runs the read-only ones (``check``, ``rules
list/show/validate/test``, ``compare``, ``diff``, ``report`` on a saved result, ``config show``)
from the repository root. Each must end with exit code 0 or 1 and print no traceback.

Commands that name a placeholder file the repository does not ship (``verordening.md``,
``ordinances/``) are skipped, as are ``init`` and ``baseline`` (they write into the working
directory). Output files (``-o``, ``--output``, ``--output-format FORMAT:PATH``) go to a
temporary directory, never into the repository. ``report`` on a results file the repository
does not ship reads the saved results of the example ordinance in ``tests/output/data/``.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAVED_RESULTS = ROOT / "tests" / "output" / "data" / "run-lindewaarde.json"
READ_ONLY = {"check", "compare", "diff", "report", "rules", "config"}
OUTPUT_OPTIONS = {"-o", "--output"}
FILE_SUFFIXES = (".md", ".txt", ".html", ".xml", ".docx", ".pdf", ".yaml", ".yml", ".json", ".jsonl",
                 ".csv", ".xlsx", ".toml")


@dataclass(frozen=True)
class DocCommand:
    source: str  # file and line, for the test id and failure messages
    text: str  # the command as written in the documentation
    args: tuple[str, ...]  # the arguments after "sociaal-audit"


def _code_blocks(text: str, after: int = 0) -> list[tuple[int, str]]:
    """Every fenced ``sh`` block starting after character ``after``: (its first line number, its text)."""
    blocks = []
    for match in re.finditer(r"^```(?:sh|bash|shell)\n(.*?)^```", text, re.M | re.S):
        if match.start() >= after:
            blocks.append((text.count("\n", 0, match.start(1)) + 1, match.group(1)))
    return blocks


def _commands(text: str, name: str) -> list[DocCommand]:
    """The ``sociaal-audit`` commands of a shell snippet, one per logical line."""
    found = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        number = i + 1
        line = lines[i]
        while line.endswith("\\") and i + 1 < len(lines):  # continuation lines
            i += 1
            line = line[:-1] + " " + lines[i].strip()
        i += 1
        line = re.sub(r"\s+#\s.*$", "", line).strip()  # trailing comment
        line = line.split(";", 1)[0].strip()  # `...; echo "exit code $?"`
        if line.startswith("sociaal-audit "):
            args = _drop_optional(shlex.split(line)[1:])
            found.append(DocCommand(f"{name}:{number}", line, tuple(args)))
    return found


def _drop_optional(args: list[str]) -> list[str]:
    """Leave out an optional part written in brackets (``rules list [--format json]``)."""
    kept, inside = [], False
    for arg in args:
        if arg.startswith("["):
            inside = True
        if not inside:
            kept.append(arg)
        if inside and arg.endswith("]"):
            inside = False
    return kept


def _documented() -> list[DocCommand]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = _code_blocks(readme, after=readme.index("\n## Usage\n"))
    assert usage, "README.md: no code block under ## Usage"
    line, block = usage[0]
    commands = _commands("\n" * (line - 1) + block, "README.md")
    getting_started = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    for line, block in _code_blocks(getting_started):
        commands += _commands("\n" * (line - 1) + block, "docs/getting-started.md")
    return commands


def _looks_like_file(arg: str) -> bool:
    return not arg.startswith("-") and ("/" in arg or arg.lower().endswith(FILE_SUFFIXES) or "*" in arg)


def _runnable(command: DocCommand, tmp_path: Path) -> list[str]:
    """The arguments to run, with outputs moved to ``tmp_path``; skips what cannot run here."""
    args = list(command.args)
    if not args or args[0] not in READ_ONLY | {"--version"}:
        pytest.skip(f"{args[:1]} writes into the working directory")
    if args[0] == "config" and args[1:2] != ["show"] or args[0] == "rules" and args[1:2] not in (
            ["list"], ["show"], ["validate"], ["test"]):
        pytest.skip("not a read-only subcommand")
    if any(arg.endswith("...") for arg in args):
        pytest.skip("placeholder argument")
    runnable: list[str] = []
    previous = ""
    for arg in args:
        if previous in OUTPUT_OPTIONS:
            arg = str(tmp_path / Path(arg).name)
        elif previous == "--output-format":
            fmt, _, path = arg.partition(":")
            arg = f"{fmt}:{tmp_path / Path(path).name}"
        elif args[0] == "report" and arg == args[1] and not (ROOT / arg).exists():
            arg = str(SAVED_RESULTS)  # "results.json": the saved results of the example
        elif _looks_like_file(arg) and not (list(ROOT.glob(arg)) if "*" in arg else (ROOT / arg).exists()):
            pytest.skip(f"{arg} is a placeholder, not a file in the repository")
        runnable.append(arg)
        previous = arg if arg.startswith("-") else ""
    if "pdf" in runnable and importlib.util.find_spec("weasyprint") is None:
        pytest.skip("PDF output needs the [pdf] extra")
    return runnable


COMMANDS = _documented()


def test_the_documented_commands_are_found() -> None:
    texts = [c.text for c in COMMANDS]
    assert "sociaal-audit check examples/verordening-sociaal-domein-lindewaarde.md" in texts
    assert "sociaal-audit rules show INT-P05-hardheidsclausule" in texts
    assert any(c.source.startswith("README.md") and c.args[:1] == ("report",) for c in COMMANDS)
    assert len({c.source for c in COMMANDS}) == len(COMMANDS)


def test_placeholders_and_outputs_are_handled(tmp_path: Path) -> None:
    report = DocCommand("x", "", ("report", "results.json", "--format", "html", "-o", "rapport.html"))
    assert _runnable(report, tmp_path) == ["report", str(SAVED_RESULTS), "--format", "html", "-o",
                                           str(tmp_path / "rapport.html")]
    with pytest.raises(pytest.skip.Exception):
        _runnable(DocCommand("x", "", ("check", "verordening.md", "-v")), tmp_path)
    with pytest.raises(pytest.skip.Exception):
        _runnable(DocCommand("x", "", ("init",)), tmp_path)
    assert _commands('sociaal-audit rules list [--format json]   # every rule', "x")[0].args == ("rules", "list")
    assert _commands('sociaal-audit check a.md; echo "exit code $?"', "x")[0].args == ("check", "a.md")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sociaal_audit", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_a_wrong_flag_in_the_docs_would_fail_the_test(tmp_path: Path) -> None:
    args = _runnable(DocCommand("x", "", ("check", "examples/verordening-sociaal-domein-lindewaarde.md",
                                          "--fail-on", "warnings")), tmp_path)
    assert _run(args).returncode == 2


@pytest.mark.parametrize("command", COMMANDS, ids=[f"{c.source} {' '.join(c.args[:2])}" for c in COMMANDS])
def test_documented_command_runs(command: DocCommand, tmp_path: Path) -> None:
    args = _runnable(command, tmp_path)
    proc = _run(args)
    shown = f"{command.source}: {command.text}\nexit code {proc.returncode}\n{proc.stderr[-2000:]}"
    assert "Traceback" not in proc.stderr + proc.stdout, shown
    assert proc.returncode in (0, 1), shown
    assert proc.stdout.strip() or any(tmp_path.iterdir()), f"{shown}\nno output at all"
