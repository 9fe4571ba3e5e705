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


# ----- dependency directions (docs/architecture.md) ------------------------------------------------

FORBIDDEN = {
    "sociaal_audit.documents": ("sociaal_audit.rules", "sociaal_audit.engine", "sociaal_audit.output", "sociaal_audit.cli",
                                "sociaal_audit.runner"),
    "sociaal_audit.rules": ("sociaal_audit.output", "sociaal_audit.cli"),
    "sociaal_audit.engine": ("sociaal_audit.output", "sociaal_audit.cli"),
    "sociaal_audit.results": ("sociaal_audit.documents", "sociaal_audit.rules", "sociaal_audit.output", "sociaal_audit.cli"),
    "sociaal_audit.output": ("sociaal_audit.documents", "sociaal_audit.rules", "sociaal_audit.engine", "sociaal_audit.cli"),
}


def _imports(path: Path, module: str) -> set[str]:
    import ast

    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def test_dependency_directions() -> None:
    wrong = []
    for path in sorted((SRC / "sociaal_audit").rglob("*.py")):
        module = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        for layer, forbidden in FORBIDDEN.items():
            if module == layer or module.startswith(layer + "."):
                for imported in _imports(path, module):
                    if any(imported == f or imported.startswith(f + ".") for f in forbidden):
                        wrong.append(f"{module} imports {imported}")
    assert wrong == []
