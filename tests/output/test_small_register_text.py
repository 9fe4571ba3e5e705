"""The terminal view of a register too small for portfolio rules: no markup error, one language."""

from __future__ import annotations

import subprocess
import sys

REGISTER = """contracten:
  - contractnummer: JH-2024-009
    leverancier: Gezinshuis De Esdoorn
    ingangsdatum: 01-01-2024
    einddatum: 31-12-2027
    verlengingsopties: 2x2 jaar
    bekostiging: per etmaal
"""


def test_small_register_renders_in_the_terminal_in_one_language(tmp_path):
    path = tmp_path / "lijst.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "sociaal_audit", "check", str(path)], capture_output=True, text=True)
    assert res.returncode in (0, 1), res.stderr
    assert "Traceback" not in res.stderr
    assert "JH-2024-009" in res.stdout
    assert "fewer than" not in res.stdout and "minder dan 3 contracten" in res.stdout
    assert "1 contracten" not in res.stdout and "list, 1 contract," in res.stdout
    assert ": 1 contract\n" in res.stdout
