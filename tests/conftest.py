"""Shared fixtures: paths to the project's examples and the optional shared corpus."""

from __future__ import annotations

from pathlib import Path

import os
import tempfile

import pytest

# Tests use their own pack cache, never the developer's (and CI's home directory stays clean).
os.environ.setdefault("SOCIAAL_AUDIT_CACHE_DIR", tempfile.mkdtemp(prefix="sa-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def example_path() -> Path:
    return EXAMPLES / "verordening-sociaal-domein-lindewaarde.md"


def parse(text: str, path: str = "test.md", kind: str | None = None):
    from sociaal_audit.documents import parse_source

    return parse_source(text.encode("utf-8"), path, kind=kind)
