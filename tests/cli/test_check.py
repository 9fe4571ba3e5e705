"""``sociaal-audit check``: exit codes, bad input beside good input, --kind, --lang, --output, --version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACK = """\
id: cli-test
title: {nl: CLI-test, en: CLI test}
version: "1.0.0"
rules:
  - id: CLI-P05-hardheidsclausule
    title: {nl: Hardheidsclausule, en: Hardship clause}
    principles: [P05]
    theme: organisatie
    severity: error
    applies_to: [verordening]
    kind: requires
    phrases: [hardheidsclausule]
    message: {nl: Er is geen hardheidsclausule., en: There is no hardship clause.}
    ok_message: {nl: "Hardheidsclausule in {{ article }}.", en: "Hardship clause in {{ article }}."}
    rationale: {nl: Ruimte voor schrijnende gevallen., en: Room for distressing cases.}
    source: {seed: 003_a9b6cd22cd6fadb6.txt, section: Thema 1}
  - id: CLI-P26-per-uur
    title: {nl: Niet per uur bekostigen, en: No financing per hour}
    principles: [P26]
    theme: resultaten
    severity: warning
    kind: forbids
    patterns: ['\\bper\\s+uur\\b']
    message: {nl: "Bekostiging per uur in {{ article }}.", en: "Financing per hour in {{ article }}."}
    rationale: {nl: Beloont productie., en: Rewards production.}
    source: {seed: 001_465b13b4f8351137.txt, section: RMO-advies}
"""

HEAD = "# Verordening maatschappelijke ondersteuning Beekveld 2025\n\nArtikel 1 Toegang\n\nHet college richt een toegang in.\n\n"
CLEAN = HEAD + "Artikel 2 Hardheidsclausule\n\nHet college past de hardheidsclausule toe in schrijnende gevallen.\n"
WARNING = CLEAN + "\nArtikel 3 Bekostiging\n\nHet college bekostigt aanbieders per uur.\n"
ERROR = HEAD + "Artikel 3 Bekostiging\n\nHet college bekostigt aanbieders taakgericht.\n"


def sa(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "sociaal_audit", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    for name, text in (("schoon.md", CLEAN), ("waarschuwing.md", WARNING), ("fout.md", ERROR)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def check(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return sa("check", "--pack", str(work / "pack.yaml"), "--jobs", "1", *args)


# ----- exit codes --------------------------------------------------------------------------------


def test_exit_0_without_findings(work: Path) -> None:
    proc = check(work, str(work / "schoon.md"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)["summary"]
    assert (summary["failed"], summary["passed"]) == (0, 2)


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_with_a_warning(work: Path, fail_on: str, code: int) -> None:
    assert check(work, str(work / "waarschuwing.md"), "--fail-on", fail_on).returncode == code


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on_with_an_error(work: Path, fail_on: str, code: int) -> None:
    assert check(work, str(work / "fout.md"), "--fail-on", fail_on).returncode == code


def test_exit_2_on_usage_errors(work: Path) -> None:
    for args in (["--kind", "wet"], ["--format", "wordperfect"], ["--fail-on", "soms"], ["--date", "gisteren"]):
        proc = check(work, str(work / "schoon.md"), *args)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr
    proc = sa("check", "--pack", "bestaatniet", str(work / "schoon.md"))
    assert proc.returncode == 2 and "bestaatniet" in proc.stderr and "Traceback" not in proc.stderr


def test_exit_2_on_invalid_pack(work: Path) -> None:
    bad = work / "kapot.yaml"
    bad.write_text(PACK.replace("kind: forbids", "kind: verbiedt"), encoding="utf-8")
    proc = sa("check", "--pack", str(bad), str(work / "schoon.md"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"sociaal-audit: ongeldig regelpakket {bad}: rule CLI-P26-per-uur: field 'kind': unknown kind 'verbiedt'"
    )


# ----- bad input beside good input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, cause, extra",
    [
        ("binair.md", b"\x00\x01\x02PK\x00\x00binary", "binair bestand", []),
        ("leeg.md", b"", "leeg bestand", []),
        ("weg.md", None, "bestand niet gevonden", []),
        ("groot.md", b"Verordening\n" + b"tekst " * 200_000, "groter dan de limiet", ["--max-size", "1"]),
    ],
    ids=["binary", "empty", "missing", "too-large"],
)
def test_bad_file_beside_a_good_one(work: Path, name: str, content: bytes | None, cause: str, extra: list[str]) -> None:
    bad = work / name
    if content is not None:
        bad.write_bytes(content)
    good = work / "fout.md"
    proc = check(work, str(bad), str(good), "--format", "json", *extra)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [d["path"] for d in data["documents"]] == [str(good)]
    assert [r["status"] for r in data["documents"][0]["results"]] == ["fail", "pass"]
    (error,) = data["errors"]
    assert error["path"] == str(bad) and cause in error["message"] and str(bad) in error["message"]
    lines = [line for line in proc.stderr.splitlines() if str(bad) in line]
    assert len(lines) == 1 and cause in lines[0]


def test_bad_file_beside_a_good_one_in_the_text_report(work: Path) -> None:
    (work / "binair.md").write_bytes(b"\x00\x01binary")
    proc = check(work, str(work / "binair.md"), str(work / "fout.md"))
    assert proc.returncode == 2
    assert "CLI-P05-hardheidsclausule" in proc.stdout
    assert "binair.md" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_unreadable_file_beside_a_good_one(work: Path) -> None:
    locked = work / "geheim.md"
    locked.write_text(CLEAN, encoding="utf-8")
    locked.chmod(0)
    try:
        proc = check(work, str(locked), str(work / "schoon.md"), "--format", "json")
    finally:
        locked.chmod(0o644)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [e["path"] for e in data["errors"]] == [str(locked)]
    assert len(data["documents"]) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_file_that_is_no_regular_file_beside_a_good_one(work: Path) -> None:
    pipe = work / "pijp.md"
    os.mkfifo(pipe)
    proc = check(work, str(pipe), str(work / "fout.md"), "--format", "json", "--lang", "en")
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert data["errors"] == [{"path": str(pipe), "message": f"{pipe}: not a file"}]
    assert [Path(d["path"]).name for d in data["documents"]] == ["fout.md"]


def test_a_directory_is_searched_and_bad_files_reported(work: Path) -> None:
    (work / "leeg.md").write_bytes(b"")
    proc = check(work, str(work), "--format", "json", "--fail-on", "never")
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [Path(d["path"]).name for d in data["documents"]] == ["fout.md", "schoon.md", "waarschuwing.md"]
    assert [Path(e["path"]).name for e in data["errors"]] == ["leeg.md"]


# ----- options -----------------------------------------------------------------------------------


def test_kind_override(work: Path) -> None:
    detected = json.loads(check(work, str(work / "fout.md"), "--format", "json").stdout)
    assert detected["documents"][0]["kind"] == "verordening"
    proc = check(work, str(work / "fout.md"), "--format", "json", "--kind", "beleidsplan")
    assert proc.returncode == 0  # the error rule applies to verordeningen only
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["kind"] == "beleidsplan"
    statuses = {r["rule"]: r["status"] for r in doc["results"]}
    assert statuses == {"CLI-P05-hardheidsclausule": "not_applicable", "CLI-P26-per-uur": "pass"}


def test_lang_en_changes_messages(work: Path) -> None:
    nl = json.loads(check(work, str(work / "fout.md"), "--format", "json").stdout)
    en = json.loads(check(work, str(work / "fout.md"), "--format", "json", "--lang", "en").stdout)
    message = lambda run: {r["rule"]: r["message"] for r in run["documents"][0]["results"]}  # noqa: E731
    assert message(nl)["CLI-P05-hardheidsclausule"] == "Er is geen hardheidsclausule."
    assert message(en)["CLI-P05-hardheidsclausule"] == "There is no hardship clause."
    assert en["lang"] == "en" and nl["lang"] == "nl"
    text_en = check(work, str(work / "fout.md"), "--lang", "en").stdout
    assert "There is no hardship clause." in text_en and "bevinding" not in text_en


def test_output_writes_the_file(work: Path) -> None:
    out = work / "rapport" / "resultaten.json"
    proc = check(work, str(work / "waarschuwing.md"), "--format", "json", "--output", str(out))
    assert proc.returncode == 0
    assert proc.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["failed_by_severity"]["warning"] == 1
    assert [p.name for p in out.parent.iterdir()] == ["resultaten.json"]  # no temporary file left behind
    assert proc.stderr.strip()  # the summary line goes to stderr


def test_output_refuses_to_overwrite_an_input(work: Path) -> None:
    target = work / "schoon.md"
    before = target.read_bytes()
    proc = check(work, str(target), "--format", "json", "--output", str(target))
    assert proc.returncode == 2
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    "target, extra",
    [
        ("./schoon.md", ["schoon.md"]),  # another spelling of an input
        ("verwijzing.md", ["schoon.md"]),  # a symbolic link to an input
        ("koppeling.md", ["schoon.md"]),  # a hard link to an input
        ("leeg.md", ["schoon.md", "leeg.md"]),  # an input that could not be read
        ("pack.yaml", ["schoon.md"]),  # the rule pack
        ("register.csv", ["schoon.md", "register.csv"]),  # a contract register
    ],
)
@pytest.mark.parametrize("fmt", ["json", "markdown"])  # streamed and rendered output
def test_output_never_replaces_any_input(work: Path, target: str, extra: list[str], fmt: str) -> None:
    (work / "leeg.md").write_bytes(b"")
    (work / "register.csv").write_text(
        "contractnummer;leverancier;omschrijving;startdatum;einddatum\n"
        "J-2025-01;Stichting Kompas;Ambulante jeugdhulp;2025-01-01;2026-12-31\n", encoding="utf-8")
    os.symlink("schoon.md", work / "verwijzing.md")
    os.link(work / "schoon.md", work / "koppeling.md")
    before = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
    proc = sa("check", *extra, "--pack", "pack.yaml", "--format", fmt, "--output", target, cwd=work)
    assert proc.returncode == 2
    assert "one of the input files" in proc.stderr or "een van de invoerbestanden" in proc.stderr
    assert {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()} == before


def test_an_output_format_target_never_replaces_an_input(work: Path) -> None:
    before = (work / "fout.md").read_bytes()
    proc = sa("check", "fout.md", "--pack", "pack.yaml", "--output-format", f"markdown:{work / 'fout.md'}", cwd=work)
    assert proc.returncode == 2 and "fout.md" in proc.stderr
    assert (work / "fout.md").read_bytes() == before


@pytest.mark.parametrize("value", ["0", "-5"])
def test_max_size_below_one_megabyte_is_a_usage_error(work: Path, value: str) -> None:
    proc = check(work, str(work / "schoon.md"), "--max-size", value)
    assert proc.returncode == 2 and "--max-size" in proc.stderr
    assert "groter dan de limiet" not in proc.stdout + proc.stderr


def test_version() -> None:
    from sociaal_audit import __version__

    proc = sa("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"sociaal-audit {__version__}"


def test_example_ordinance_runs_with_the_builtin_pack(example_path: Path) -> None:
    proc = sa("check", str(example_path), "--jobs", "1", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert data["errors"] == [] and len(data["documents"]) == 1
    assert data["documents"][0]["articles"] > 30


def test_a_named_file_left_out_by_the_config_gets_a_note(work: Path) -> None:
    (work / "concepten").mkdir()
    (work / "concepten" / "wmo.md").write_text(WARNING, encoding="utf-8")
    (work / "sociaal-audit.yaml").write_text('packs: [pack.yaml]\nexclude: ["concepten/**"]\n', encoding="utf-8")
    res = sa("check", "concepten/wmo.md", "schoon.md", cwd=work)
    assert res.returncode == 0
    assert "1 document(en)" in res.stdout
    notes = [line for line in res.stderr.splitlines() if "niet gecontroleerd" in line]
    assert notes == [f"sociaal-audit: concepten/wmo.md: niet gecontroleerd: uitgesloten door 'exclude' (concepten/**) in "
                     f"{work / 'sociaal-audit.yaml'}"]
    # a directory is not named file by file: what the config leaves out of it goes without a note
    assert "niet gecontroleerd" not in sa("check", ".", cwd=work).stderr
    (work / "sociaal-audit.yaml").write_text('packs: [pack.yaml]\ninclude: ["beleid/**", "concepten/**"]\n', encoding="utf-8")
    res = sa("check", "schoon.md", "--lang", "en", "-f", "json", "-o", "uit.json", cwd=work)
    assert res.returncode == 0
    assert "0 document(s)" in res.stderr
    assert "schoon.md: not checked: outside 'include' (beleid/**, concepten/**) in" in res.stderr
