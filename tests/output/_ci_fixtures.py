"""A run over the project's real fixtures for the CI-format tests: the Lindewaarde contract register
(CSV) checked with the pack ``contracten`` and the three Beekveld ordinances checked with the pack
``samenhang``, copied into a working directory so that every path is relative."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sociaal_audit.cli.check import load_effective_config, run_check
from sociaal_audit.results import RunResult

TESTS = Path(__file__).resolve().parents[1]
REGISTER_SOURCE = TESTS / "contracts" / "data" / "register-lindewaarde.csv"
BEEKVELD_SOURCE = TESTS / "corpus" / "data" / "beekveld"
REGISTER = "registers/register lindewaarde.csv"  # a space: URIs must encode it
BEEKVELD = "beekveld"
JEUGD = "beekveld/verordening-jeugdhulp-beekveld-2026.md"
WMO = "beekveld/verordening-maatschappelijke-ondersteuning-beekveld-2026.md"
PW = "beekveld/re-integratieverordening-participatiewet-beekveld-2026.md"
P12 = "SAM-P12-een-verordening"
P13 = "SAM-P13-dubbele-artikelen"


def copy_fixtures(workdir: Path) -> None:
    (workdir / "registers").mkdir()
    shutil.copyfile(REGISTER_SOURCE, workdir / REGISTER)
    shutil.copytree(BEEKVELD_SOURCE, workdir / BEEKVELD)


def check(workdir: Path, lang: str = "nl", baseline: str | None = None) -> RunResult:
    """One CI run over the register and the ordinances with the packs ``contracten`` and
    ``samenhang``, from ``workdir``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)
        cfg = load_effective_config(None, lang, None, ["contracten", "samenhang"], baseline)
        return run_check([REGISTER, BEEKVELD], cfg, kind=None, date=None, max_bytes=10_000_000, jobs=1)


def heading_line(workdir: Path, path: str, heading: str) -> int:
    """1-based line of the first line of ``path`` that starts with ``heading``."""
    lines = (workdir / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(heading))


def register_rows(workdir: Path) -> dict[str, int]:
    """Contract id -> line of its row in the register (a semicolon CSV without quoted newlines)."""
    lines = (workdir / REGISTER).read_text(encoding="utf-8-sig").splitlines()
    return {line.split(";", 1)[0]: i for i, line in enumerate(lines, 1) if i > 1 and line.strip()}
