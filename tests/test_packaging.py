"""Packaging: every package under src/ is listed in pyproject.toml, and the built-in packs and the
results schema ship with the package."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def _pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)


def test_every_package_is_listed() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(SRC).parts)
        for init in SRC.rglob("__init__.py")
        if "egg-info" not in str(init) and "__pycache__" not in init.parts
    }
    assert "sociaal_audit" in found
    missing = sorted(found - listed)
    assert missing == [], f"add to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_listed_packages_exist() -> None:
    tool = _pyproject()["tool"]["setuptools"]
    dirs = tool.get("package-dir", {})
    for package in tool["packages"]:
        if package in dirs:
            assert (ROOT / dirs[package]).is_dir(), package
        else:
            assert (SRC / Path(*package.split("."))).is_dir(), package


def test_builtin_pack_is_found() -> None:
    from sociaal_audit.rules.loader import builtin_pack_dir, builtin_packs

    packs = builtin_packs()
    assert "integraliteit" in packs
    assert packs["integraliteit"].is_file()
    assert packs["integraliteit"].parent == builtin_pack_dir()
    assert _pyproject()["tool"]["setuptools"]["package-data"]["sociaal_audit.packs"] == ["*.yaml"]


def test_results_schema_ships_as_package_data() -> None:
    assert "schemas/*.json" in _pyproject()["tool"]["setuptools"]["package-data"]["sociaal_audit"]
    assert (files("sociaal_audit") / "schemas" / "results.schema.json").is_file()
    assert not (SRC / "sociaal_audit" / "schemas" / "__init__.py").exists()  # data, not a package
