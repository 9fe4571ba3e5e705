"""The runner: parallel runs give byte-identical output; one bad file, or a worker that dies, never stops the others."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from sociaal_audit import runner
from sociaal_audit.output import RenderOptions, render
from sociaal_audit.runner import CheckOptions, check_paths

ROOT = Path(__file__).resolve().parents[1]


def _corpus(tmp_path: Path) -> list[str]:
    example = (ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md").read_text(encoding="utf-8")
    for i in range(6):
        variant = example.replace("Lindewaarde", f"Gemeente{i:02d}")
        if i % 2:
            variant = variant.replace("Hardheidsclausule", "Afwijking")
        (tmp_path / f"doc{i}.md").write_text(variant, encoding="utf-8")
    (tmp_path / "kapot.md").write_bytes(b"\x00\x01binary\x00")
    return [str(tmp_path)]


def test_jobs_1_and_2_give_byte_identical_json(tmp_path):
    paths = _corpus(tmp_path)
    outputs = []
    for jobs in (1, 2):
        run = check_paths(paths, CheckOptions(jobs=jobs))
        outputs.append(render(run, "json", RenderOptions()))
    assert outputs[0] == outputs[1]


def test_bad_file_is_an_error_and_others_are_checked(tmp_path):
    run = check_paths(_corpus(tmp_path), CheckOptions(jobs=2))
    assert len(run.documents) == 6
    assert [Path(e.path).name for e in run.errors] == ["kapot.md"]
    assert "kapot.md" in run.errors[0].message


def test_streamed_json_is_byte_identical_to_rendered_json(tmp_path):
    import io

    from sociaal_audit.output.json_output import JsonStream

    paths = _corpus(tmp_path)
    full = render(check_paths(paths, CheckOptions(jobs=1)), "json", RenderOptions())
    for jobs in (1, 2):
        buf = io.StringIO()
        stream = JsonStream(buf)
        from sociaal_audit.engine import Engine
        from sociaal_audit.rules.loader import load_packs

        packs = load_packs(["integraliteit"])
        stream.start(Engine(packs).new_run())
        run = check_paths(paths, CheckOptions(jobs=jobs), packs=packs, on_document=stream.document)
        assert run.documents == []
        stream.finish(run)
        assert buf.getvalue() == full
        assert run.summary.documents == 6


def test_streamed_json_without_documents(tmp_path):
    import io

    from sociaal_audit.engine import Engine
    from sociaal_audit.output.json_output import JsonStream
    from sociaal_audit.rules.loader import load_packs

    (tmp_path / "leeg.md").write_bytes(b"")
    full = render(check_paths([str(tmp_path)], CheckOptions()), "json", RenderOptions())
    buf = io.StringIO()
    stream = JsonStream(buf)
    packs = load_packs(["integraliteit"])
    stream.start(Engine(packs).new_run())
    stream.finish(check_paths([str(tmp_path)], CheckOptions(), packs=packs, on_document=stream.document))
    assert buf.getvalue() == full


def test_streaming_keeps_no_per_document_state(tmp_path):
    """With on_document, nothing per document stays behind: the objects alive while the last
    document is handed over are as many as while the second one is."""
    import gc

    from sociaal_audit.results import DocumentResult, Summary

    def alive() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, (DocumentResult, Summary)))

    counts: list[int] = []
    for name in ("a", "b", "c", "d", "e", "f", "g", "h"):
        (tmp_path / f"{name}.md").write_text(
            (ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md").read_text(encoding="utf-8"), encoding="utf-8")
    run = check_paths([str(tmp_path)], CheckOptions(jobs=1), on_document=lambda doc: counts.append(alive()))
    assert run.summary.documents == 8 and run.documents == []
    assert counts[-1] <= counts[1], counts


def test_progress_bar_is_drawn_on_standard_error_only(tmp_path, monkeypatch, capsys):
    """The bar belongs on the terminal, never in the results on standard output (often a file)."""
    import io
    import sys

    from sociaal_audit.cli import progress as progress_mod

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for name in ("CI", "TERM", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    err, out = Terminal(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    with progress_mod.progress_bar() as update:
        assert update is not None
        for done in range(1, 31):
            update(done, 30)
    assert out.getvalue() == ""
    assert "sociaal-audit" in err.getvalue()
    monkeypatch.setenv("CI", "true")
    with progress_mod.progress_bar() as update:
        assert update is None


def test_no_more_workers_than_files(tmp_path, monkeypatch):
    import concurrent.futures

    started: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, max_workers=None, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    example = (ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md").read_text(encoding="utf-8")
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.md").write_text(example, encoding="utf-8")
    run = check_paths([str(tmp_path)], CheckOptions(jobs=16))
    assert started == [3] and len(run.documents) == 3


# ----- a worker that dies --------------------------------------------------------------------------
# A worker killed by the system (out of memory) or crashing in a C extension breaks the whole
# process pool. Workers are forked, so a check_file replaced here is the one the workers run: it
# ends its own process on one file, the way the system would.

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers inherit the test's check_file only when forked")


def _five_files(tmp_path: Path) -> list[str]:
    example = (ROOT / "examples" / "verordening-sociaal-domein-lindewaarde.md").read_text(encoding="utf-8")
    for i, name in enumerate(("a", "b", "c", "d", "e")):
        (tmp_path / f"{name}.md").write_text(example.replace("Lindewaarde", f"Gemeente{i:02d}"), encoding="utf-8")
    return [str(tmp_path)]


def _dies_on(name: str, monkeypatch: pytest.MonkeyPatch, end: Callable[[], None], once: Path | None = None) -> None:
    """Make the worker that checks ``name`` end its process with ``end`` (only the first time
    when ``once`` is given: a marker file records that it happened)."""
    real = runner.check_file

    def check_file(engine, path, options):  # type: ignore[no-untyped-def]
        if Path(path).name == name and (once is None or not once.exists()):
            if once is not None:
                once.write_text("gestopt", encoding="utf-8")
            end()
        return real(engine, path, options)

    monkeypatch.setattr(runner, "check_file", check_file)


def render_document(doc) -> str:  # type: ignore[no-untyped-def]
    return doc.model_dump_json()


def _json_of(run) -> list[str]:  # type: ignore[no-untyped-def]
    return [render_document(d) for d in run.documents]


@needs_fork
def test_a_worker_killed_by_the_system_loses_only_its_own_file(tmp_path, monkeypatch):
    paths = _five_files(tmp_path)
    expected = [d for d in check_paths(paths, CheckOptions(jobs=1)).documents if not d.path.endswith("c.md")]
    _dies_on("c.md", monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    run = check_paths(paths, CheckOptions(jobs=2))
    assert [Path(d.path).name for d in run.documents] == ["a.md", "b.md", "d.md", "e.md"]
    assert _json_of(run) == [render_document(d) for d in expected]  # the files in flight beside it too
    assert [Path(e.path).name for e in run.errors] == ["c.md"]
    message = run.errors[0].message
    assert message.startswith(str(tmp_path / "c.md") + ": niet gecontroleerd") and "SIGKILL" in message
    assert "geheugentekort" in message and "\n" not in message
    assert run.summary.documents == 4 and run.summary.errors == 1


@needs_fork
def test_a_crash_and_an_exit_say_how_the_worker_ended_in_the_chosen_language(tmp_path, monkeypatch):
    paths = _five_files(tmp_path)
    def segfault() -> None:
        faulthandler.disable()  # no Python traceback from the dying worker in the test output
        os.kill(os.getpid(), signal.SIGSEGV)

    _dies_on("a.md", monkeypatch, segfault)
    run = check_paths(paths, CheckOptions(jobs=2, lang="en"))
    assert len(run.documents) == 4
    assert [e.message for e in run.errors] == [
        f"{tmp_path / 'a.md'}: not checked: the worker process for this file stopped unexpectedly (stopped by signal SIGSEGV)"]
    monkeypatch.undo()
    _dies_on("e.md", monkeypatch, lambda: os._exit(3))
    run = check_paths(paths, CheckOptions(jobs=2, lang="en"))
    assert [e.message for e in run.errors] == [
        f"{tmp_path / 'e.md'}: not checked: the worker process for this file stopped unexpectedly (exit code 3)"]


@needs_fork
def test_a_worker_killed_once_loses_nothing(tmp_path, monkeypatch):
    """Out of memory while many large files were in flight: checked again alone, the file fits."""
    paths = _five_files(tmp_path)
    expected = _json_of(check_paths(paths, CheckOptions(jobs=1)))
    marker = tmp_path.parent / f"{tmp_path.name}-killed-once"
    _dies_on("b.md", monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL), once=marker)
    progress: list[tuple[int, int]] = []
    run = check_paths(paths, CheckOptions(jobs=2), progress=lambda done, total: progress.append((done, total)))
    assert marker.exists()  # the worker did die
    assert run.errors == [] and _json_of(run) == expected
    assert progress[-1] == (5, 5) and len(progress) == 5


@needs_fork
def test_streamed_run_with_a_lost_file_keeps_path_order(tmp_path, monkeypatch):
    paths = _five_files(tmp_path)
    _dies_on("b.md", monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    streamed: list[str] = []
    run = check_paths(paths, CheckOptions(jobs=2), on_document=lambda doc: streamed.append(Path(doc.path).name))
    assert streamed == ["a.md", "c.md", "d.md", "e.md"]
    assert [Path(e.path).name for e in run.errors] == ["b.md"] and run.summary.documents == 4


@needs_fork
def test_check_reports_a_lost_file_in_one_line_and_exits_2(tmp_path):
    """End to end: the command line, real forked workers, one of them killed."""
    folder = tmp_path / "verordeningen"
    folder.mkdir()
    _five_files(folder)
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from sociaal_audit import runner\n"
        "real = runner.check_file\n"
        "def check_file(engine, path, options):\n"
        "    if Path(path).name == 'd.md':\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(engine, path, options)\n"
        "runner.check_file = check_file\n"
        "from sociaal_audit.cli import main\n"
        "sys.argv = ['sociaal-audit', *sys.argv[1:]]\n"
        "main()\n"
    )
    out = tmp_path / "resultaten.json"
    proc = subprocess.run(
        [sys.executable, "-c", script, "check", str(folder), "--jobs", "2", "-f", "json", "-o", str(out)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lost = [line for line in proc.stderr.splitlines() if "d.md" in line]
    assert lost == [f"sociaal-audit: {folder / 'd.md'}: niet gecontroleerd: het werkproces voor dit bestand stopte "
                    "onverwacht (beëindigd door het systeem met SIGKILL, bijvoorbeeld bij geheugentekort)"]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [Path(d["path"]).name for d in data["documents"]] == ["a.md", "b.md", "c.md", "e.md"]
    assert [Path(e["path"]).name for e in data["errors"]] == ["d.md"]


def test_without_working_multiprocessing_files_are_checked_in_this_process(tmp_path, monkeypatch):
    """A container without /dev/shm cannot make the locks a process pool needs: no traceback, the
    run goes on as with --jobs 1."""
    import concurrent.futures

    def no_pool(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/dev/shm/sem.mp-test")

    paths = _five_files(tmp_path)
    expected = _json_of(check_paths(paths, CheckOptions(jobs=1)))
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    progress: list[tuple[int, int]] = []
    run = check_paths(paths, CheckOptions(jobs=2), progress=lambda done, total: progress.append((done, total)))
    assert run.errors == [] and _json_of(run) == expected
    assert progress == [(n, 5) for n in range(1, 6)]


def test_input_errors_are_ordered_by_file_then_by_row_number() -> None:
    """'regel 2' before 'regel 10': a register's unreadable rows read in file order."""
    from sociaal_audit.results import InputErrorInfo, RunResult, ToolInfo

    run = RunResult(tool=ToolInfo(version="0"), errors=[
        InputErrorInfo(path="r.csv", message="r.csv: kan regel 10 niet lezen (Einddatum: 'x' is geen datum)"),
        InputErrorInfo(path="r.csv", message="r.csv: kan regel 2 niet lezen (Einddatum: 'y' is geen datum)"),
        InputErrorInfo(path="a.md", message="a.md: leeg bestand (0 bytes)"),
    ])
    run.finalize()
    assert [e.message.split(" (")[0] for e in run.errors] == [
        "a.md: leeg bestand", "r.csv: kan regel 2 niet lezen", "r.csv: kan regel 10 niet lezen"]
