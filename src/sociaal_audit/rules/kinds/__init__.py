"""Rule kinds: one module per kind, registered by its ``kind:`` name.

A kind module defines::

    NAME: str                         # the value of ``kind:`` in a pack
    TARGET: str                       # "document" (default), "corpus" or "register"
    class Params(pydantic.BaseModel)  # the kind's own rule fields (extra="forbid")
    def check(rule: LoadedRule, subject, ctx) -> Outcome

``check`` is pure: it reads the document (through ``ctx``) and returns an :class:`Outcome`; the
engine turns outcomes into results with locations and messages. Add a kind by writing a module and
adding its name to ``KIND_MODULES``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

Status = Literal["pass", "fail", "not_applicable", "error"]

KIND_MODULES: tuple[str, ...] = ("requires", "forbids", "threshold", "corpus", "contrast", "conditional", "budget_share", "metric", "results", "contract", "portfolio")

_loaded: dict[str, ModuleType] = {}


def kind_module(name: str) -> ModuleType:
    if name not in KIND_MODULES:
        raise KeyError(name)
    mod = _loaded.get(name)
    if mod is None:
        mod = importlib.import_module(f"{__name__}.{name}")
        _loaded[name] = mod
    return mod


@dataclass(frozen=True, slots=True)
class Evidence:
    """A place in the document that supports the outcome (original text offsets)."""

    start: int
    end: int
    note: str | None = None  # e.g. "3 > 2"


@dataclass(slots=True)
class Outcome:
    status: Status
    evidence: list[Evidence] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # template variables for the message
