"""JSON output: the :class:`RunResult` as versioned JSON (docs/json-output.md), stable bytes.

``render`` dumps a complete run. :class:`JsonStream` writes the same bytes incrementally (the head,
then each document as it is checked, then errors and summary), so a run over thousands of files
never holds all results in memory.
"""

from __future__ import annotations

import json
from typing import IO, Any

NAME = "json"
BINARY = False
_SENTINEL = "__sociaal_audit_documents__"


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(run, options) -> str:
    return _dumps(run.model_dump(mode="json")) + "\n"


def _split(run) -> tuple[str, str]:
    """The text before and after the documents list, for a run whose documents are not kept."""
    data = run.model_dump(mode="json")
    data["documents"] = [_SENTINEL]
    text = _dumps(data)
    marker = f'    "{_SENTINEL}"'
    i = text.index(marker)
    return text[:i], text[i + len(marker):]


class JsonStream:
    """Write a run's JSON to ``fh`` document by document; byte-identical to :func:`render`."""

    def __init__(self, fh: IO[str], options: Any = None, in_memory: bool = False) -> None:
        self.fh = fh
        self.count = 0
        self.head_run = None

    def start(self, run) -> None:
        self.head_run = run

    def document(self, doc) -> None:
        if self.count == 0:
            head, _ = _split(self.head_run)
            self.fh.write(head)
        else:
            self.fh.write(",\n")
        body = _dumps(doc.model_dump(mode="json"))
        self.fh.write("\n".join("    " + line for line in body.split("\n")))
        self.count += 1

    def finish(self, run) -> None:
        if self.count == 0:
            self.fh.write(render(run, None))
            return
        _, tail = _split(run)
        self.fh.write(tail + "\n")


Stream = JsonStream  # the name under which streams.open_stream finds a format's stream
