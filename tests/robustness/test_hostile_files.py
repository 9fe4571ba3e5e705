"""Hostile and awkward inputs: empty, binary, oversized, odd paths; inputs never modified; atomic
output that never overwrites an input; the same bytes across runs, hash seeds and locales."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md"
CLI = [sys.executable, "-m", "sociaal_audit"]


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=full_env, cwd=cwd)


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_empty_file_is_a_one_line_error_beside_a_good_file(tmp_path):
    (tmp_path / "leeg.md").write_bytes(b"")
    (tmp_path / "goed.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    res = run_cli("check", str(tmp_path), "--format", "json")
    assert res.returncode == 2
    data = json.loads(res.stdout)
    assert [Path(d["path"]).name for d in data["documents"]] == ["goed.md"]
    assert len(data["errors"]) == 1 and "leeg.md" in data["errors"][0]["message"]
    assert "0 bytes" in data["errors"][0]["message"]
    assert "Traceback" not in res.stderr


def test_binary_file_named_md_is_an_error(tmp_path):
    (tmp_path / "plaatje.md").write_bytes(bytes(range(256)) * 4)
    res = run_cli("check", str(tmp_path / "plaatje.md"))
    assert res.returncode == 2
    assert "plaatje.md" in res.stdout + res.stderr
    assert "Traceback" not in res.stderr


def test_file_over_the_size_limit_is_refused(tmp_path):
    big = tmp_path / "groot.md"
    big.write_text("# Verordening groot\n\n" + "Artikel 1 Tekst\n\n" + "woord " * 400_000, encoding="utf-8")
    res = run_cli("check", str(big), "--max-size", "1", "--format", "json")
    assert res.returncode == 2
    message = json.loads(res.stdout)["errors"][0]["message"]
    assert "groot.md" in message and "--max-size" in message


def test_path_with_spaces_and_non_ascii_characters(tmp_path):
    folder = tmp_path / "Gemeente Súdwest-Fryslân" / "raadsvoorstel 2026"
    folder.mkdir(parents=True)
    doc = folder / "Verordening sociaal domein (concept) – cliënt.md"
    doc.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    res = run_cli("check", str(doc), "--format", "json", "--fail-on", "never")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["documents"][0]["path"] == str(doc)
    res = run_cli("check", str(tmp_path / "Gemeente Súdwest-Fryslân"), "--fail-on", "never")
    assert res.returncode == 0 and "cliënt.md" in res.stdout


def test_inputs_are_never_modified(tmp_path):
    doc = tmp_path / "verordening.md"
    doc.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = digest(doc)
    for fmt in ("text", "json", "markdown"):
        run_cli("check", str(doc), "--format", fmt, "-o", str(tmp_path / f"uit.{fmt}"))
    assert digest(doc) == before


def test_output_refuses_to_overwrite_an_input(tmp_path):
    doc = tmp_path / "verordening.md"
    doc.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = digest(doc)
    res = run_cli("check", str(doc), "--format", "markdown", "-o", str(doc))
    assert res.returncode == 2
    assert "verordening.md" in res.stderr
    assert digest(doc) == before


def test_output_is_written_atomically_without_leftovers(tmp_path):
    from sociaal_audit.files import write_atomic

    target = tmp_path / "rapport.json"
    target.write_text("oud", encoding="utf-8")
    write_atomic(str(target), "nieuw")
    assert target.read_text(encoding="utf-8") == "nieuw"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.json"]


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    from sociaal_audit import files
    from sociaal_audit.errors import AuditError

    target = tmp_path / "rapport.json"
    target.write_text("oud", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(AuditError):
        files.write_atomic(str(target), "nieuw")
    assert target.read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.json"]


@pytest.mark.parametrize("fmt", ["json", "markdown", "text"])
def test_same_bytes_across_runs_hash_seeds_locales_and_jobs(tmp_path, fmt):
    (tmp_path / "a.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.md").write_text(EXAMPLE.read_text(encoding="utf-8").replace("Lindewaarde", "Beekveld"),
                                   encoding="utf-8")
    outputs = set()
    for env, jobs in (({"PYTHONHASHSEED": "1", "LC_ALL": "C", "LANG": "C"}, "1"),
                      ({"PYTHONHASHSEED": "2", "LC_ALL": "C.UTF-8", "LANG": "nl_NL.UTF-8", "TZ": "Pacific/Auckland"}, "2")):
        res = run_cli("check", str(tmp_path), "--format", fmt, "--jobs", jobs, "--fail-on", "never", env=env, cwd=tmp_path)
        assert res.returncode == 0, res.stderr
        outputs.add(res.stdout)
    assert len(outputs) == 1


def test_output_file_gets_ordinary_permissions(tmp_path):
    import os
    import stat

    from sociaal_audit.files import write_atomic

    target = tmp_path / "rapport.md"
    write_atomic(str(target), "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_output_to_a_special_file_writes_through(tmp_path):
    import os
    import stat

    from sociaal_audit.files import write_atomic

    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    import threading

    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    write_atomic(str(fifo), "rapport")
    reader.join(5)
    assert received == [b"rapport"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not replaced by a regular file
    write_atomic("/dev/null", "weg")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs a file that reports size 0 (Linux /proc)")
def test_size_limit_holds_for_a_file_that_reports_no_size():
    """The limit is checked on the bytes read too, not only on the size the file system reports
    (a /proc file says 0 bytes; a file can grow between measuring and reading)."""
    from sociaal_audit.documents import read_bytes
    from sociaal_audit.errors import InputError

    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(InputError) as info:
        read_bytes("/proc/self/maps", max_bytes=100)
    assert "--max-size" in info.value.message("en")
    assert len(read_bytes("/proc/self/maps", max_bytes=10_000_000)) > 100


def _word_file_with_document_part(part: str) -> bytes:
    """A real Word file (python-docx) whose word/document.xml is replaced by ``part``."""
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, part.encode("utf-8") if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_entity_expansion_inside_a_word_file_is_refused():
    from sociaal_audit.documents import parse_source
    from sociaal_audit.errors import InputError

    levels = "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
    part = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{levels}]><w:document xmlns:w="{_W}">'
            "<w:body><w:p><w:r><w:t>Artikel 1 &lol9;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(InputError) as info:
        parse_source(_word_file_with_document_part(part), "lachen.docx")
    assert "lachen.docx" in info.value.message("nl")


def test_external_entity_inside_a_word_file_is_not_read():
    from sociaal_audit.documents import parse_source
    from sociaal_audit.errors import InputError

    part = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>'
            f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Het college kan afwijken. &geheim;</w:t></w:r></w:p>'
            "</w:body></w:document>")
    try:
        doc = parse_source(_word_file_with_document_part(part), "extern.docx")
    except InputError as err:
        assert "extern.docx" in err.message("nl")
        return
    assert "root:" not in doc.text and "Het college kan afwijken." in doc.text
