"""Loading rule packs: built-in packs (shipped from ``rules/``) and user packs (YAML paths).

YAML is read with ``yaml.safe_load``; every problem becomes a :class:`PackError` naming the file,
the rule id and the field. Patterns are compiled and message templates parsed once, here.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import AuditError, PackError
from .kinds import KIND_MODULES, kind_module
from .schema import PackSpec, RuleSpec, Text


def builtin_pack_dir() -> Path:
    """Where the built-in packs are: the installed ``sociaal_audit.packs`` or the repo's ``rules/``."""
    spec = importlib.util.find_spec("sociaal_audit.packs")
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            if Path(loc, "integraliteit.yaml").exists():
                return Path(loc)
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_packs() -> dict[str, Path]:
    d = builtin_pack_dir()
    if not d.is_dir():
        return {}
    return {p.stem: p for p in sorted(d.glob("*.yaml"))}


@dataclass(eq=False)
class LoadedRule:
    spec: RuleSpec
    pack: str
    pack_version: str
    source_path: str
    kind: ModuleType
    params: BaseModel
    compiled: Any = None
    _templates: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    # Picklable for worker processes: the kind module is re-imported by name, templates re-parsed.
    def __getstate__(self) -> dict[str, Any]:
        state = {k: getattr(self, k) for k in ("spec", "pack", "pack_version", "source_path", "params", "compiled")}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            setattr(self, k, v)
        self.kind = kind_module(self.spec.kind)
        self._templates = {}

    @property
    def target(self) -> str:
        return getattr(self.kind, "TARGET", "document")

    def render(self, text: Text, lang: str, values: dict[str, Any]) -> str:
        key = f"{id(text)}:{lang}"
        tpl = self._templates.get(key)
        if tpl is None:
            tpl = _jinja().from_string(text.get(lang))
            self._templates[key] = tpl
        try:
            return " ".join(tpl.render(**values).split())
        except Exception as exc:  # a template error must not stop the run
            return f"{text.get(lang)} [template error: {exc}]"


@dataclass(eq=False)
class LoadedPack:
    spec: PackSpec
    path: str
    rules: list[LoadedRule]

    @property
    def id(self) -> str:
        return self.spec.id

    @cached_property
    def by_id(self) -> dict[str, LoadedRule]:
        return {r.id: r for r in self.rules}


_ENV = None


def _jinja():
    global _ENV
    if _ENV is None:
        from jinja2.sandbox import SandboxedEnvironment

        _ENV = SandboxedEnvironment(autoescape=False, keep_trailing_newline=False)
    return _ENV


def _field(loc: tuple[Any, ...]) -> str | None:
    return ".".join(str(x) for x in loc if x not in ("function-after", "function-before")) or None


def _first_error(exc: ValidationError) -> tuple[str | None, str]:
    err = exc.errors()[0]
    msg = err.get("msg", "invalid")
    if err.get("type") == "extra_forbidden":
        msg = "unknown field"
    return _field(tuple(err.get("loc", ()))), msg


def resolve_pack(ref: str) -> Path:
    """A built-in pack id or a path to a YAML file."""
    if os.path.exists(ref) or ref.endswith((".yaml", ".yml")) or os.sep in ref:
        return Path(ref)
    packs = builtin_packs()
    if ref in packs:
        return packs[ref]
    raise AuditError("pack_unknown", pack=ref, known=", ".join(packs) or "-")


def load_pack(ref: str) -> LoadedPack:
    path = resolve_pack(ref)
    shown = str(path)
    try:
        data_bytes = path.read_bytes()
        raw = data_bytes.decode("utf-8")
    except FileNotFoundError:
        raise PackError(shown, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(shown, f"cannot read: {exc}") from None
    from .cache import cached

    return cached(data_bytes, shown, lambda: _parse_pack(raw, shown))


def _parse_pack(raw: str, shown: str) -> LoadedPack:
    try:
        # libyaml's C loader when available (several times faster); both are safe loaders
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise PackError(shown, f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    return pack_from_data(data, shown)


def pack_from_data(data: Any, shown: str) -> LoadedPack:
    if not isinstance(data, dict):
        raise PackError(shown, "a pack must be a mapping with id, title, version and rules")
    try:
        spec = PackSpec.model_validate(data)
    except ValidationError as exc:
        fld, msg = _first_error(exc)
        raise PackError(shown, msg, field=fld) from None
    rules: list[LoadedRule] = []
    seen: set[str] = set()
    for i, item in enumerate(spec.rules):
        rid = item.get("id") if isinstance(item, dict) else None
        label = str(rid) if rid else f"#{i + 1}"
        if not isinstance(item, dict):
            raise PackError(shown, "a rule must be a mapping", rule=label)
        try:
            rspec = RuleSpec.model_validate(item)
        except ValidationError as exc:
            fld, msg = _first_error(exc)
            raise PackError(shown, msg, rule=label, field=fld) from None
        if rspec.id in seen:
            raise PackError(shown, "duplicate rule id", rule=rspec.id, field="id")
        seen.add(rspec.id)
        try:
            kmod = kind_module(rspec.kind)
        except KeyError:
            raise PackError(
                shown, f"unknown kind '{rspec.kind}' (known: {', '.join(KIND_MODULES)})", rule=rspec.id, field="kind"
            ) from None
        try:
            params = kmod.Params.model_validate(rspec.params)
        except ValidationError as exc:
            fld, msg = _first_error(exc)
            # a check across several fields has no location: name the kind's parameters
            raise PackError(shown, msg, rule=rspec.id, field=fld or f"{rspec.kind} parameters") from None
        compiled = kmod.compile(params) if hasattr(kmod, "compile") else None
        rules.append(LoadedRule(rspec, spec.id, spec.version, shown, kmod, params, compiled))
    return LoadedPack(spec, shown, rules)


def check_templates(pack: LoadedPack) -> None:
    """Parse every message template of ``pack`` (done by ``rules validate`` and ``rules test``, not
    on every check): a broken ``{% if %}`` is a PackError naming the rule and the field."""
    from jinja2 import TemplateSyntaxError

    for rule in pack.rules:
        for name in ("message", "ok_message"):  # the texts rendered as templates
            text = getattr(rule.spec, name)
            if text is None:
                continue
            for lang in ("nl", "en"):
                value = getattr(text, lang)
                if not value:
                    continue
                try:
                    _jinja().parse(value)
                except TemplateSyntaxError as exc:
                    raise PackError(pack.path, f"template error: {exc.message} (template line {exc.lineno})",
                                    rule=rule.id, field=f"{name}.{lang}") from None


def load_packs(refs: list[str]) -> list[LoadedPack]:
    packs = [load_pack(r) for r in refs]
    ids: dict[str, str] = {}
    for p in packs:
        for r in p.rules:
            if r.id in ids and ids[r.id] != p.path:
                raise PackError(p.path, f"rule id also defined in {ids[r.id]}", rule=r.id, field="id")
            ids[r.id] = p.path
    return packs
