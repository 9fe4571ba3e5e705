"""Loading rule packs: built-in packs (shipped from ``rules/``) and user packs (YAML paths).

YAML is read with ``yaml.safe_load``; every problem becomes a :class:`PackError` naming the file,
the rule id and the field. Patterns and message templates are compiled once, here; the compiled
templates (jinja's code, marshalled) travel with the pack, so a pack from the cache
(:mod:`sociaal_audit.rules.cache`) renders its messages without compiling them again.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Iterator

from ..errors import AuditError, PackError
from .kinds import KIND_MODULES, kind_module
from .schema import PackSpec, RuleSpec, Text

if TYPE_CHECKING:  # yaml and pydantic's errors are needed only when a pack is read from YAML
    from pydantic import BaseModel, ValidationError


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
    # the rule's message templates compiled by jinja (marshalled code objects), by template text,
    # and the jinja version that compiled them: a pack from the cache renders without compiling
    template_code: dict[str, bytes] = field(default_factory=dict)
    template_jinja: str = ""
    _templates: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    # Picklable for worker processes and the cache: the kind module is re-imported by name; the
    # templates are made again from their compiled code.
    def __getstate__(self) -> dict[str, Any]:
        names = ("spec", "pack", "pack_version", "source_path", "params", "compiled", "template_code", "template_jinja")
        return {k: getattr(self, k) for k in names}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.template_code = {}
        self.template_jinja = ""
        for k, v in state.items():
            setattr(self, k, v)
        self.kind = kind_module(self.spec.kind)
        self._templates = {}

    @property
    def target(self) -> str:
        return getattr(self.kind, "TARGET", "document")

    def render(self, text: Text, lang: str, values: dict[str, Any]) -> str:
        source = text.get(lang)
        tpl = self._templates.get(source)
        try:
            if tpl is None:
                tpl = self._templates[source] = _template(source, self.template_code.get(source), self.template_jinja)
            return " ".join(tpl.render(**values).split())
        except Exception as exc:  # a template error must not stop the run
            return f"{source} [template error: {exc}]"


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


def _template(source: str, code: bytes | None, jinja_version: str) -> Any:
    """The jinja template of ``source``: from its compiled code when that was compiled by this
    jinja version (exactly what ``from_string`` builds, without lexing, parsing and compiling),
    else compiled now."""
    env = _jinja()
    if code is not None:
        import marshal

        import jinja2

        if jinja_version == jinja2.__version__:
            return env.template_class.from_code(env, marshal.loads(code), env.make_globals(None), None)
    return env.from_string(source)


def _template_texts(rule: LoadedRule) -> Iterator[tuple[str, str, str]]:
    """(field, language, text) of every message template of ``rule``."""
    for name in ("message", "ok_message"):  # the texts rendered as templates
        text = getattr(rule.spec, name)
        if text is None:
            continue
        for lang in ("nl", "en"):
            value = getattr(text, lang)
            if value:
                yield name, lang, value


def compile_templates(rule: LoadedRule, shown: str) -> None:
    """Compile every message template of ``rule`` and keep the code with it. A broken template
    (``{% if %}`` without ``{% endif %}``) is a PackError naming the rule and the field."""
    import marshal

    import jinja2

    env = _jinja()
    for name, lang, value in _template_texts(rule):
        if value in rule.template_code:
            continue
        try:
            code = env.compile(value)
        except jinja2.TemplateSyntaxError as exc:
            raise PackError(shown, f"template error: {exc.message} (template line {exc.lineno})",
                            rule=rule.id, field=f"{name}.{lang}") from None
        rule.template_code[value] = marshal.dumps(code)
    rule.template_jinja = jinja2.__version__


def _field(loc: tuple[Any, ...]) -> str | None:
    return ".".join(str(x) for x in loc if x not in ("function-after", "function-before")) or None


def _first_error(exc: "ValidationError") -> tuple[str | None, str]:
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
    import yaml

    try:
        # libyaml's C loader when available (several times faster); both are safe loaders
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise PackError(shown, f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    return pack_from_data(data, shown)


def pack_from_data(data: Any, shown: str) -> LoadedPack:
    from pydantic import ValidationError

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
        rule = LoadedRule(rspec, spec.id, spec.version, shown, kmod, params, compiled)
        compile_templates(rule, shown)
        rules.append(rule)
    return LoadedPack(spec, shown, rules)


def check_templates(pack: LoadedPack) -> None:
    """Compile every message template of ``pack`` (``rules validate`` and ``rules test``; a pack
    read by :func:`load_pack` has been checked already): a broken ``{% if %}`` is a PackError
    naming the rule and the field."""
    for rule in pack.rules:
        compile_templates(rule, pack.path)


def load_packs(refs: list[str]) -> list[LoadedPack]:
    packs = [load_pack(r) for r in refs]
    ids: dict[str, str] = {}
    for p in packs:
        for r in p.rules:
            if r.id in ids and ids[r.id] != p.path:
                raise PackError(p.path, f"rule id also defined in {ids[r.id]}", rule=r.id, field="id")
            ids[r.id] = p.path
    return packs
