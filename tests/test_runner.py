"""The runner: parallel runs give byte-identical output; one bad file never stops the others."""

from __future__ import annotations

from pathlib import Path

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
