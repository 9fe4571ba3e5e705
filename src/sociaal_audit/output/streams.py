"""Writing a format document by document, so a run over thousands of files keeps flat memory.

A streamable format module defines, besides ``render``, a ``Stream`` class::

    Stream(fh, options, in_memory=False)
    stream.start(run)      # packs and rules are final (the runner's on_start), before any document
    stream.document(doc)   # each document result, in path order, suppressions and baseline applied
    stream.finish(run)     # the run without its documents: corpus, registers, errors, summary

``render`` feeds a whole run through the same ``Stream`` (:func:`render_run`), so the streamed
bytes and the rendered bytes come from one piece of code. What a format may only write at the
end (SARIF results after the invocation, JUnit suites after the totals, GitHub's quiet lines) waits
in a :func:`spool`: a temporary file in a streamed run, a string buffer in ``render``.
Council reports (Markdown, HTML, PDF) are one document and are not streamed.
"""

from __future__ import annotations

import io
import json
from typing import IO, Any

STREAMED_FORMATS = ("text", "json", "sarif", "csv", "github", "gitlab", "junit")


def write_run(stream: Any, run: Any) -> None:
    """Feed a whole run to a format's stream."""
    stream.start(run)
    for d in run.documents:
        stream.document(d)
    stream.finish(run)


def render_run(stream_class: Any, run: Any, options: Any) -> str:
    """The whole run written by ``stream_class`` to a string: what a streamed format's ``render`` returns."""
    buf = io.StringIO()
    write_run(stream_class(buf, options, in_memory=True), run)
    return buf.getvalue()


def spool(in_memory: bool) -> IO[str]:
    """A place for text that must wait until the end: a string buffer, or (for a streamed run) an
    unnamed temporary file, so memory stays flat however many documents there are."""
    if in_memory:
        return io.StringIO()
    import tempfile

    try:
        return tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    except OSError:  # no writable temporary directory: the same bytes, held in memory
        return io.StringIO()


def copy_spool(source: IO[str], fh: IO[str]) -> None:
    """Write what ``source`` holds to ``fh`` and close it."""
    import shutil

    source.seek(0)
    shutil.copyfileobj(source, fh)
    source.close()


def indented_json(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it as an item ``depth`` spaces deep."""
    return "\n".join(" " * depth + line for line in dumps(value).split("\n"))


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class JsonArray:
    """Writes the items of a JSON list one at a time, as ``json.dumps(items, indent=2)`` would
    write the list at the top level: ``[]`` when there are none."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.count = 0

    def add(self, item: Any) -> None:
        self.fh.write(("[\n" if self.count == 0 else ",\n") + indented_json(item, 2))
        self.count += 1

    def close(self) -> None:
        self.fh.write("\n]" if self.count else "[]")


def open_stream(name: str, fh: IO[str], options: Any) -> Any:
    """The stream of format ``name`` writing to ``fh``, spooling to temporary files."""
    from . import renderer

    return renderer(name).Stream(fh, options)
