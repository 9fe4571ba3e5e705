"""Running an audit: files in, one :class:`RunResult` out. Used by the CLI and by tests.

Each file is read and checked on its own; an input error for one file is recorded and the others
go on. Packs are loaded and compiled once per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .documents import DEFAULT_MAX_BYTES, load_document
from .documents.readers import known_extensions
from .engine import Engine
from .errors import InputError
from .files import collect_inputs
from .results import InputErrorInfo, RunResult
from .rules.loader import LoadedPack, load_packs

DEFAULT_PACKS = ["integraliteit"]


@dataclass
class CheckOptions:
    packs: list[str] = field(default_factory=lambda: list(DEFAULT_PACKS))
    kind: str | None = None
    lang: str = "nl"
    date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def check_paths(paths: list[str], options: CheckOptions, packs: list[LoadedPack] | None = None) -> RunResult:
    packs = packs if packs is not None else load_packs(options.packs)
    engine = Engine(packs, lang=options.lang)
    run = engine.new_run(date=options.date)
    files, errors = collect_inputs(paths, known_extensions())
    for err in errors:
        run.errors.append(InputErrorInfo(path=err.path, message=err.message(options.lang)))
    for path in files:
        try:
            doc = load_document(path, kind=options.kind, max_bytes=options.max_bytes)
        except InputError as err:
            run.errors.append(InputErrorInfo(path=err.path, message=err.message(options.lang)))
            continue
        run.documents.append(engine.check_document(doc))
    return run.finalize()
