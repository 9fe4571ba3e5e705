"""Contract registers in the council reports: a table of failing contracts, register-wide results,
portfolio figures, counted in the summary; escaped; one language."""

from __future__ import annotations

from pathlib import Path

import pytest

from sociaal_audit.output import RenderOptions, render
from sociaal_audit.runner import CheckOptions, check_paths

DATA = Path(__file__).resolve().parents[1] / "contracts" / "data"


@pytest.fixture(scope="module")
def run():
    return check_paths([str(DATA / "register-lindewaarde.csv")], CheckOptions(packs=["contracten"]))


def _failing_ids(run) -> set[str]:
    return {f.contract for reg in run.contracts for f in reg.findings if f.contract and f.status == "fail"}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_register_section_lists_the_failing_contracts(run, fmt):
    text = render(run, fmt, RenderOptions(lang="nl", date="2026-11-25"))
    assert "Contractregisters" in text and "register-lindewaarde.csv" in text
    ids = _failing_ids(run)
    assert ids
    for cid in ids:
        assert cid in text
    assert "Portefeuille" in text and "Over het register als geheel" in text
    assert "Van de 0 getoetste punten" not in text
    assert "33 contracten" in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_english_register_section_has_no_dutch_fixed_text(run, fmt):
    text = render(run, fmt, RenderOptions(lang="en", date="2026-11-25"))
    section = text[text.index("Contract registers"):]
    for dutch in ("Contractregisters", "Portefeuille", "Aanbieder", "Over het register", "contracten gelezen"):
        assert dutch not in section
    assert "Portfolio" in section and "Supplier" in section


def test_supplier_names_are_escaped_in_html(tmp_path):
    register = tmp_path / "register.csv"
    lines = (DATA / "register-lindewaarde.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    cells = first.split(";")
    supplier_col = [i for i, h in enumerate(header.split(";")) if h.strip().lower() in ("leverancier", "aanbieder", "opdrachtnemer")][0]
    cells[supplier_col] = "<script>alert(1)</script> Zorg B.V."
    register.write_text("\n".join([header, ";".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    result = check_paths([str(register)], CheckOptions(packs=["contracten"]))
    html = render(result, "html", RenderOptions(lang="nl", date="2026-11-25"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Zorg B.V." in html
