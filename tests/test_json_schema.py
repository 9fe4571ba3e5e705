"""The JSON output: valid against the shipped, versioned JSON Schema, which is kept current, and
byte-identical across runs."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from sociaal_audit.results import SCHEMA_VERSION, results_json_schema

SCHEMA_FILE = files("sociaal_audit") / "schemas" / "results.schema.json"


def _shipped() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _check_json(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sociaal_audit", "check", "--format", "json", *args],
        capture_output=True, cwd=cwd, timeout=120,
    )


def test_shipped_schema_is_current() -> None:
    """Regenerate with: python -m sociaal_audit.results > src/sociaal_audit/schemas/results.schema.json"""
    assert _shipped() == results_json_schema()


def test_shipped_schema_is_a_valid_versioned_schema() -> None:
    schema = _shipped()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f"results-{SCHEMA_VERSION}.json")
    assert schema["properties"]["schema_version"]["default"] == SCHEMA_VERSION


@pytest.fixture(scope="module")
def example_json(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    example = Path(__file__).resolve().parents[1] / "examples" / "verordening-sociaal-domein-lindewaarde.md"
    first = _check_json(str(example), "--fail-on", "never")
    second = _check_json(str(example), "--fail-on", "never", "--jobs", "2")
    assert first.returncode == 0, first.stderr
    return first.stdout, second.stdout


def test_example_output_validates_against_the_schema(example_json: tuple[bytes, bytes]) -> None:
    data = json.loads(example_json[0])
    jsonschema.validate(data, _shipped(), cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == SCHEMA_VERSION
    (doc,) = data["documents"]
    assert doc["municipality"] == "Lindewaarde" and doc["kind"] == "verordening"
    failed = [r for r in doc["results"] if r["status"] == "fail"]
    assert failed and all(r["locations"] or r["looked_for"] for r in failed)
    assert "date" in data and data["date"] is None  # no timestamps unless --date


def test_json_is_byte_identical_across_runs(example_json: tuple[bytes, bytes]) -> None:
    first, second = example_json
    assert first == second


def test_output_with_input_errors_validates(tmp_path: Path) -> None:
    good = tmp_path / "verordening.md"
    good.write_text("# Verordening Wmo Beekveld 2025\n\nArtikel 1 Hardheidsclausule\n"
                    "Het college kan afwijken van de bepalingen van deze verordening.\n", encoding="utf-8")
    (tmp_path / "leeg.md").write_bytes(b"")
    proc = _check_json(str(tmp_path), "--date", "2026-01-31", "--lang", "en")
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    jsonschema.validate(data, _shipped(), cls=jsonschema.Draft202012Validator)
    assert data["date"] == "2026-01-31" and data["lang"] == "en"
    assert [e["path"] for e in data["errors"]] == [str(tmp_path / "leeg.md")]
    assert [d["path"] for d in data["documents"]] == [str(good)]


def test_schema_rejects_output_that_breaks_the_contract(example_json: tuple[bytes, bytes]) -> None:
    data = json.loads(example_json[0])
    data["documents"][0]["results"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _shipped(), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    "path",
    [("documents",), ("summary",), ("documents", 0, "results"), ("documents", 0, "results", 0, "locations"),
     ("documents", 0, "municipality"), ("packs", 0, "version")],
)
def test_schema_rejects_output_with_a_missing_field(example_json: tuple[bytes, bytes], path: tuple) -> None:
    """Every field is always written, so the schema requires it: an integration can rely on the names."""
    data = json.loads(example_json[0])
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    del holder[path[-1]]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _shipped(), cls=jsonschema.Draft202012Validator)


def test_every_property_of_the_schema_is_required() -> None:
    schema = _shipped()
    for name, obj in [("RunResult", schema), *schema["$defs"].items()]:
        assert sorted(obj.get("required", [])) == sorted(obj.get("properties", {})), name


def test_every_field_is_documented() -> None:
    """docs/json-output.md explains the schema field by field: every property is named there."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "json-output.md").read_text(encoding="utf-8")
    schema = _shipped()
    objects = [("RunResult", schema), *schema["$defs"].items()]
    missing = [f"{name}.{prop}" for name, obj in objects for prop in obj.get("properties", {}) if f"`{prop}`" not in doc]
    assert missing == [], "document these fields in docs/json-output.md"
