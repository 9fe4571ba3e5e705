"""The hostile inputs of the robustness issue, each through the command line beside a good file:
a one-line error for the bad file (exit 2), results for the good one, no traceback, no hang."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md"
CLI = [sys.executable, "-m", "sociaal_audit"]

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE cvdr [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<cvdr><body><regeling><regeling-tekst><artikel><kop><label>Artikel</label><nr>1</nr></kop>
<al>&lol9;</al></artikel></regeling-tekst></regeling></body></cvdr>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE cvdr [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<cvdr><body><regeling><regeling-tekst><artikel><kop><label>Artikel</label><nr>1</nr></kop>
<al>&geheim;</al></artikel></regeling-tekst></regeling></body></cvdr>
"""


def zip_bomb(path: Path, megabytes: int = 260) -> None:
    """A small .docx whose single entry inflates to ``megabytes`` of zeros."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(chunk)


def check(folder: Path) -> tuple[subprocess.CompletedProcess, dict]:
    res = subprocess.run([*CLI, "check", str(folder), "--format", "json", "--fail-on", "never"],
                         capture_output=True, text=True, timeout=120)
    return res, json.loads(res.stdout)


def test_each_hostile_input_is_one_line_error_beside_a_good_file(tmp_path):
    folder = tmp_path / "map met spaties en één accent"
    folder.mkdir()
    (folder / "goed – verordening.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "lachen.xml").write_text(BILLION_LAUGHS, encoding="utf-8")
    (folder / "extern.xml").write_text(EXTERNAL_ENTITY, encoding="utf-8")
    (folder / "leeg.md").write_bytes(b"")
    (folder / "binair.md").write_bytes(bytes(range(256)) * 16)
    zip_bomb(folder / "bom.docx")
    assert (folder / "bom.docx").stat().st_size < 2_000_000

    res, data = check(folder)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert [Path(d["path"]).name for d in data["documents"]] == ["goed – verordening.md"]
    errors = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert set(errors) == {"lachen.xml", "extern.xml", "leeg.md", "binair.md", "bom.docx"}
    for name, message in errors.items():
        assert name in message and "\n" not in message
    assert "root:" not in res.stdout  # /etc/passwd was not read into anything


def test_script_in_an_ordinance_is_text_in_every_html_output(tmp_path):
    doc = tmp_path / "verordening.md"
    doc.write_text(
        "# Verordening maatschappelijke ondersteuning <script>alert('x')</script> Testdorp\n\n## Artikel 1. Hardheidsclausule\n\n"
        "Het college kan afwijken <script>alert(1)</script> van deze verordening, indien toepassing daarvan "
        "tot onbillijkheden van overwegende aard leidt.\n",
        encoding="utf-8",
    )
    for fmt in ("html", "markdown"):
        out = tmp_path / f"rapport.{fmt}"
        res = subprocess.run([*CLI, "check", str(doc), "--format", fmt, "-o", str(out), "--fail-on", "never"],
                             capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        text = out.read_text(encoding="utf-8")
        if fmt == "html":
            assert "<script>alert" not in text and "&lt;script&gt;alert" in text
        else:  # Markdown escapes the angle brackets, so a Markdown viewer shows them as text
            assert text.count("<script>") == 0 and text.count("\\<script\\>") >= 2
