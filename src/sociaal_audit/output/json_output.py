"""JSON output: the :class:`RunResult` as versioned JSON (docs/json-output.md), stable bytes."""

from __future__ import annotations

import json

NAME = "json"
BINARY = False


def render(run, options) -> str:
    data = run.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
