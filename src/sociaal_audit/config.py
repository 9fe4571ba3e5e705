"""Project configuration: ``sociaal-audit.yaml`` or ``[tool.sociaal-audit]`` in ``pyproject.toml``.

The file is looked for in the working directory and its parents (``--config`` names one instead).
It sets packs, enabled and disabled rules, severity and threshold overrides, path includes and
excludes, ``fail_on``, ``lang``, a baseline, path-level ignores (each with a reason), the column
map of contract registers (``contracten: {kolommen: FILE}``) and how the checks across documents
group them (``corpus: {group_by: directory}``). Command line flags override the file. :class:`Config` remembers where every value came from (``default``,
the file, or the flag), which ``sociaal-audit config show`` prints.

Rule references (``INT-P05``) match a rule id exactly or as a prefix up to a dash
(``INT-P05-hardheidsclausule``); a reference that matches no loaded rule is an error.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import AuditError
from .rules.loader import LoadedPack, LoadedRule

CONFIG_FILE = "sociaal-audit.yaml"
PYPROJECT = "pyproject.toml"
PYPROJECT_TABLE = "sociaal-audit"
DEFAULT_PACKS = ["integraliteit"]
DEFAULT_SOURCE = "default"

Severity = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]
GroupBy = Literal["municipality", "directory"]

_MESSAGES = {
    "nl": "{where}: ongeldige configuratie: {detail}",
    "en": "{where}: invalid configuration: {detail}",
}


class ConfigError(AuditError):
    """An invalid configuration file or value: names the file (and line or key) and the cause."""

    def __init__(self, path: str, detail: str, line: int | None = None, key: str | None = None) -> None:
        self.path = path
        self.detail = detail
        self.line = line
        self.key = key
        super().__init__("config_invalid", path=path, detail=detail)

    def message(self, lang: str = "nl") -> str:
        where = self.path + (f":{self.line}" if self.line else "") + (f": '{self.key}'" if self.key else "")
        return _MESSAGES.get(lang, _MESSAGES["nl"]).format(where=where, detail=self.detail)


class IgnoreEntry(BaseModel):
    """``ignore:`` item: accept findings of some rules in some paths, for a stated reason."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    path: str = Field(default="**", description="glob relative to the config file's directory")
    rules: list[str] = Field(min_length=1)
    reason: str

    @model_validator(mode="before")
    @classmethod
    def _single_rule(cls, value: Any) -> Any:
        if isinstance(value, dict) and "rule" in value and "rules" not in value:
            value = {**value, "rules": [value["rule"]]}
            del value["rule"]
        if isinstance(value, dict) and "reden" in value and "reason" not in value:
            value = {**value, "reason": value["reden"]}
            del value["reden"]
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _one_rule(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a reason is required")
        return value.strip()


class ContractsSection(BaseModel):
    """``contracten:``: settings for contract registers."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    kolommen: str | None = Field(default=None, description="column map (YAML) for registers without one beside them")

    @model_validator(mode="before")
    @classmethod
    def _english(cls, value: Any) -> Any:
        if isinstance(value, dict) and "columns" in value and "kolommen" not in value:
            value = {**value, "kolommen": value["columns"]}
            del value["columns"]
        return value


class CorpusSection(BaseModel):
    """``corpus:``: how the checks across documents group the documents."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    group_by: GroupBy | None = None


class ConfigFile(BaseModel):
    """The keys a configuration file may set; all optional. Dashes in keys count as underscores."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    packs: list[str] | None = None
    lang: Literal["nl", "en"] | None = None
    fail_on: FailOn | None = None
    include: list[str] | None = None
    exclude: list[str] | None = None
    enable: list[str] | None = None
    disable: list[str] | None = None
    severity: dict[str, Severity] | None = None
    thresholds: dict[str, dict[str, int | float]] | None = None
    ignore: list[IgnoreEntry] | None = None
    baseline: str | None = None
    contracten: ContractsSection | None = None
    corpus: CorpusSection | None = None

    @field_validator("packs", "include", "exclude", "enable", "disable", mode="before")
    @classmethod
    def _one_item(cls, value: Any) -> Any:
        """``include: "verordeningen/**"`` means a list of one."""
        return [value] if isinstance(value, str) else value


KEYS: tuple[str, ...] = tuple(ConfigFile.model_fields)
_SECTIONS: dict[str, type[BaseModel]] = {"contracten": ContractsSection, "corpus": CorpusSection}


@dataclass
class Config:
    """The effective configuration: defaults, then the file, then flags."""

    packs: list[str] = field(default_factory=lambda: list(DEFAULT_PACKS))
    lang: str = "nl"
    fail_on: str = "error"
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    ignore: list[IgnoreEntry] = field(default_factory=list)
    baseline: str | None = None
    contracten: dict[str, str] = field(default_factory=dict)  # kolommen: the column map, relative to here
    corpus: dict[str, str] = field(default_factory=dict)  # group_by: municipality or directory
    path: str | None = None  # the configuration file, if any
    base_dir: str = "."  # globs and relative paths in the file are relative to this directory
    sources: dict[str, str] = field(default_factory=lambda: {k: DEFAULT_SOURCE for k in KEYS})
    ignore_lines: list[int | None] = field(default_factory=list)  # line of each ignore entry (YAML)

    def override(self, key: str, value: Any, flag: str) -> None:
        """Set ``key`` from a command line flag (``None`` = flag not given: keep)."""
        if value is None:
            return
        setattr(self, key, value)
        self.sources[key] = flag

    @property
    def columns(self) -> str | None:
        """The configured column map for contract registers (``contracten: {kolommen: ...}``)."""
        return self.contracten.get("kolommen")

    @property
    def group_by(self) -> str | None:
        """How corpus rules group documents when the config says so (``corpus: {group_by: ...}``)."""
        return self.corpus.get("group_by")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in KEYS:
            value = getattr(self, key)
            if key == "ignore":
                value = [e.model_dump() for e in value]
            out[key] = value
        return out


# ----- finding and reading ----------------------------------------------------------------------


def find_config(start: str | os.PathLike[str] = ".") -> Path | None:
    """The nearest ``sociaal-audit.yaml``, or ``pyproject.toml`` with a ``[tool.sociaal-audit]``
    table, in ``start`` or a parent directory."""
    here = Path(start).resolve()
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
    return None


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table = data.get("tool", {}).get(PYPROJECT_TABLE)
    return table if isinstance(table, dict) else None


def _read(path: Path) -> tuple[dict[str, Any], list[int | None], dict[str, int]]:
    """The raw mapping of a config file, the line of each ``ignore`` entry and the line of each
    top-level key (lines for YAML only)."""
    shown = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(shown, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, f"cannot read ({exc})") from None
    if path.name == PYPROJECT or path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(shown, f"not valid TOML ({exc})") from None
        table = data.get("tool", {}).get(PYPROJECT_TABLE)
        if table is None:
            raise ConfigError(shown, f"no [tool.{PYPROJECT_TABLE}] table")
        if not isinstance(table, dict):
            raise ConfigError(shown, f"[tool.{PYPROJECT_TABLE}] must be a table")
        return table, [], {}
    import yaml  # only when a configuration file is read

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(raw, Loader=loader)
        node = yaml.compose(raw, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            shown, f"not valid YAML: {getattr(exc, 'problem', exc)}", line=mark.line + 1 if mark else None
        ) from None
    if data is None:
        return {}, [], {}
    if not isinstance(data, dict):
        raise ConfigError(shown, "the file must be a mapping of keys (packs, fail_on, ...)")
    return data, _ignore_lines(node), _key_lines(node)


def _key_lines(node: Any) -> dict[str, int]:
    """Top-level key (dashes as underscores) -> its 1-based line."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value).replace("-", "_"): key.start_mark.line + 1 for key, _ in node.value}


def _ignore_lines(node: Any) -> list[int | None]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if str(key.value).replace("-", "_") == "ignore" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _validate(data: dict[str, Any], shown: str, key_lines: dict[str, int] | None = None,
              ignore_lines: list[int | None] | None = None) -> ConfigFile:
    normalised = {str(k).replace("-", "_"): v for k, v in data.items()}
    try:
        return ConfigFile.model_validate(normalised)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err.get("loc", ())
        key = ".".join(str(x) for x in loc)
        msg = "unknown key" if err.get("type") == "extra_forbidden" else err.get("msg", "invalid")
        if err.get("type") == "extra_forbidden":
            section = _SECTIONS.get(str(loc[0])) if len(loc) == 2 else None
            msg += f" (known: {', '.join(section.model_fields if section else KEYS)})"
        if err.get("type") == "missing" and loc and loc[-1] == "reason":
            msg = 'a reason is required (reason: "...")'
        line = (key_lines or {}).get(str(loc[0])) if loc else None
        if len(loc) > 1 and loc[0] == "ignore" and isinstance(loc[1], int) and loc[1] < len(ignore_lines or []):
            line = (ignore_lines or [])[loc[1]] or line
        raise ConfigError(shown, msg, line=line, key=key or None) from None


def _relative_to(base: Path, ref: str) -> str:
    """A path written in the config, made usable from the working directory."""
    p = Path(ref)
    if p.is_absolute():
        return ref
    return os.path.relpath(base / p)


def _must_exist(path: str | None, shown: str, key: str, line: int | None) -> None:
    if path is not None and not os.path.isfile(path):
        raise ConfigError(shown, f"file not found: {path}", line=line, key=key)


def _looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref


def load_config(path: str | None = None, cwd: str | os.PathLike[str] = ".") -> Config:
    """The effective config before flags: ``path`` if given, else the discovered file, else defaults."""
    config = Config()
    found = Path(path) if path else find_config(cwd)
    if found is None:
        return config
    data, lines, key_lines = _read(found)
    spec = _validate(data, str(found), key_lines, lines)
    base = found.resolve().parent
    shown = str(found)
    config.path = shown
    config.base_dir = os.path.relpath(base)
    for key in KEYS:
        value = getattr(spec, key)
        if value is None:
            continue
        if key == "packs":
            value = [_relative_to(base, p) if _looks_like_path(p) else p for p in value]
        elif key == "baseline":
            value = _relative_to(base, value)
        elif key == "contracten":
            value = {k: _relative_to(base, v) for k, v in value.model_dump(exclude_none=True).items()}
            _must_exist(value.get("kolommen"), shown, "contracten.kolommen", key_lines.get(key))
        elif key == "corpus":
            value = value.model_dump(exclude_none=True)
        elif key == "ignore":
            config.ignore_lines = lines if len(lines) == len(value) else [None] * len(value)
        setattr(config, key, list(value) if isinstance(value, list) else (dict(value) if isinstance(value, dict) else value))
        config.sources[key] = shown
    return config


# ----- rules ------------------------------------------------------------------------------------


def rule_matches(ref: str, rule_id: str) -> bool:
    """``INT-P05`` matches ``INT-P05`` and ``INT-P05-hardheidsclausule`` (prefix up to a dash)."""
    ref_u, rid = ref.strip().upper(), rule_id.upper()
    return rid == ref_u or rid.startswith(ref_u + "-")


def _resolve(ref: str, rule_ids: list[str], config: Config, key: str) -> list[str]:
    hits = [rid for rid in rule_ids if rule_matches(ref, rid)]
    if not hits:
        raise ConfigError(_source(config, key), f"no loaded rule matches '{ref}'", key=key)
    return hits


def adjust_packs(packs: list[LoadedPack], config: Config) -> list[LoadedPack]:
    """Packs with the config applied: only ``enable`` rules (when given), minus ``disable``, with
    ``severity`` and ``thresholds`` overrides. Every rule reference must match a loaded rule."""
    all_ids = [r.id for p in packs for r in p.rules]
    enabled = set(all_ids)
    if config.enable:
        enabled = {rid for ref in config.enable for rid in _resolve(ref, all_ids, config, "enable")}
    for ref in config.disable:
        enabled -= set(_resolve(ref, all_ids, config, "disable"))
    severity: dict[str, str] = {}
    for ref, sev in config.severity.items():
        for rid in _resolve(ref, all_ids, config, "severity"):
            severity[rid] = sev
    thresholds: dict[str, dict[str, float]] = {}
    for ref, params in config.thresholds.items():
        for rid in _resolve(ref, all_ids, config, "thresholds"):
            thresholds.setdefault(rid, {}).update(params)
    out: list[LoadedPack] = []
    for pack in packs:
        rules = [
            _group_by(_adjust_rule(r, severity.get(r.id), thresholds.get(r.id), config), config.group_by)
            for r in pack.rules if r.id in enabled
        ]
        out.append(LoadedPack(pack.spec, pack.path, rules))
    return out


def _group_by(rule: LoadedRule, group_by: str | None) -> LoadedRule:
    """A corpus rule grouping as ``corpus: {group_by: ...}`` says, whatever its pack says."""
    if group_by is None or "group_by" not in type(rule.params).model_fields or rule.params.group_by == group_by:
        return rule
    params = rule.params.model_copy(update={"group_by": group_by})
    return dataclasses.replace(rule, params=params, _templates={})


def _adjust_rule(rule: LoadedRule, severity: str | None, params: dict[str, float] | None, config: Config) -> LoadedRule:
    if severity is None and not params:
        return rule
    spec = rule.spec.model_copy(update={"severity": severity}) if severity else rule.spec
    new_params = rule.params
    compiled = rule.compiled
    if params:
        fields = type(rule.params).model_fields
        for name in params:
            if name not in fields:
                numeric = sorted(n for n, f in fields.items() if f.annotation in (float, int, float | None, int | None))
                raise ConfigError(_source(config, "thresholds"), f"rule {rule.id} has no parameter '{name}' "
                                  f"(numeric parameters: {', '.join(numeric) or '-'})", key="thresholds")
        current = rule.params.model_dump(by_alias=True, exclude_unset=True)
        try:
            new_params = type(rule.params).model_validate({**current, **params})
        except ValidationError as exc:
            err = exc.errors()[0]
            raise ConfigError(_source(config, "thresholds"), f"rule {rule.id}: {err.get('msg', 'invalid')}",
                              key="thresholds") from None
        compiled = rule.kind.compile(new_params) if hasattr(rule.kind, "compile") else None
    return dataclasses.replace(rule, spec=spec, params=new_params, compiled=compiled, _templates={})


def _source(config: Config, key: str) -> str:
    src = config.sources.get(key, DEFAULT_SOURCE)
    return src if src != DEFAULT_SOURCE else (config.path or key)


def check_rule_refs(config: Config, rule_ids: list[str]) -> None:
    """Every rule named in ``ignore`` entries must match a loaded rule."""
    for i, entry in enumerate(config.ignore):
        for ref in entry.rules:
            if not any(rule_matches(ref, rid) for rid in rule_ids):
                line = config.ignore_lines[i] if i < len(config.ignore_lines) else None
                raise ConfigError(_source(config, "ignore"), f"no loaded rule matches '{ref}'", line=line, key="ignore")


# ----- paths ------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob as a regex: ``**`` spans directories, ``*`` and ``?`` stay within one."""
    pat = pattern.strip().replace("\\", "/")
    if pat.startswith("./"):
        pat = pat[2:]
    if "/" not in pat.rstrip("/"):
        pat = "**/" + pat  # a bare name matches at any depth
    if pat.endswith("/"):
        pat += "**"
    out, i = [], 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    body = "".join(out)
    return re.compile(rf"{body}(?:/.*)?")  # a directory pattern covers what is inside


def path_matches(pattern: str, path: str, base_dir: str = ".") -> bool:
    """Does ``path`` (as given on the command line) match ``pattern`` (relative to ``base_dir``)?"""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir)).replace(os.sep, "/")
    return bool(_glob_regex(pattern).fullmatch(rel))


def filtered_by(path: str, config: Config) -> tuple[str, str] | None:
    """Why ``include``/``exclude`` leave ``path`` out: ``("include", patterns)`` when no include
    pattern matches it, ``("exclude", pattern)`` for the exclude pattern that does; None when kept."""
    if config.include and not any(path_matches(p, path, config.base_dir) for p in config.include):
        return "include", ", ".join(config.include)
    hit = next((p for p in config.exclude if path_matches(p, path, config.base_dir)), None)
    return ("exclude", hit) if hit is not None else None


def filter_paths(files: list[str], config: Config) -> list[str]:
    """Keep the files matched by ``include`` (all when empty) and not by ``exclude``."""
    return [f for f in files if filtered_by(f, config) is None]


# ----- showing ----------------------------------------------------------------------------------


def show(config: Config) -> str:
    """The effective config as YAML, each key followed by a comment saying where it came from."""
    import yaml

    lines = [f"# {'config file: ' + config.path if config.path else 'no config file found; defaults and flags'}"]
    for key, value in config.values().items():
        src = config.sources.get(key, DEFAULT_SOURCE)
        flow = None if isinstance(value, (list, dict)) else False
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=100)
        first, *rest = dumped.rstrip("\n").split("\n")
        lines.append(f"{first}  # {src}")
        lines.extend(rest)
    return "\n".join(lines) + "\n"
