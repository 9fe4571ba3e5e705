"""Contract registers in a run: which inputs are registers, reading them, checking them.

* Given explicitly as file arguments: ``.csv``, ``.tsv``, ``.xlsx``, ``.xlsm``, ``.jsonl``,
  ``.ndjson`` and ``.json`` files (and gzip-compressed ``.jsonl.gz``, ``.ndjson.gz``,
  ``.json.gz``) are registers, and so are ``.yaml``/``.yml`` files (a list of mappings or a
  ``contracten:`` list; one that is broken or holds something else is an input error naming the
  file, never read as the text of a document).
* Found in a directory: ``.csv``, ``.tsv``, ``.xlsx``, ``.xlsm``, ``.jsonl``, ``.ndjson`` (also
  gzip-compressed), and ``.json`` or ``.json.gz`` files that look like OCDS (``ocds`` in the name,
  or ``ocid``/``releases``/``records`` near the start). YAML files in directories are never taken
  (they are usually configuration).

When registers are checked and no loaded pack has register rules, the built-in ``contracten``
pack is loaded for them (the default pack ``integraliteit`` has only text rules), unless it is
loaded already (with its register rules disabled by the configuration).
"""

from __future__ import annotations

import os
from typing import Any, Iterator

from ..errors import InputError
from ..results import InputErrorInfo, PackInfo, RegisterResult
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the readers and models load only when a register is actually read
    from .columns import ColumnMap
    from .model import Contract, Register
    from .readers import RowProblem

REGISTER_PACK = "contracten"
GZIP = (".jsonl.gz", ".ndjson.gz", ".json.gz")  # compressed OCDS, as bulk downloads come
REGISTER_EXTENSIONS: tuple[str, ...] = (".csv", ".tsv", ".xlsx", ".xlsm", ".jsonl", ".ndjson", ".json", ".yaml", ".yml", *GZIP)
DIRECTORY_EXTENSIONS: tuple[str, ...] = (".csv", ".tsv", ".xlsx", ".xlsm", ".jsonl", ".ndjson", ".json", *GZIP)
ALWAYS = (".csv", ".tsv", ".xlsx", ".xlsm", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def _ext(path: str) -> str:
    lower = path.lower()
    return next((ext for ext in GZIP if lower.endswith(ext)), None) or os.path.splitext(lower)[1]


def _head(path: str, size: int = 1 << 16) -> bytes:
    from .readers.ocds import head_of

    return head_of(path, size)


def is_register_path(path: str, explicit: bool = True) -> bool:
    """Is ``path`` a contract register? ``explicit``: named on the command line (not found in a directory)."""
    ext = _ext(path)
    if ext in ALWAYS:
        return True
    if ext in (".json", ".json.gz"):
        if explicit:
            return True
        name = os.path.basename(path).lower()
        if "ocds" in name:
            return True
        from .readers import ocds

        return ocds.looks_like_ocds(_head(path))
    if ext in (".yaml", ".yml"):
        # named on the command line, a YAML file can only be a contract list: the list reader then
        # says why a broken or unsuitable one cannot be read, instead of it being read as prose
        return explicit
    return False


def split_registers(args: list[str], files: list[str]) -> tuple[list[str], list[str]]:
    """(documents, registers): registers among the collected ``files`` plus those in the directories of ``args``."""
    registers = {f for f in files if is_register_path(f, explicit=True)}
    registers.update(register_inputs(args))
    documents = [f for f in files if f not in registers]
    return documents, sorted(registers)


def register_inputs(args: list[str]) -> list[str]:
    """Registers inside the directories among ``args`` (for callers that expand directories themselves)."""
    from ..files import collect_inputs

    dirs = [a for a in args if os.path.isdir(a)]
    if not dirs:
        return []
    found, _ = collect_inputs(dirs, DIRECTORY_EXTENSIONS)
    return [f for f in found if is_register_path(f, explicit=False)]


def reader_for(path: str) -> Any:
    from .readers import csv_register, listfile, ocds, xlsx_register

    ext = _ext(path)
    if ext in csv_register.EXTENSIONS:
        return csv_register
    if ext in xlsx_register.EXTENSIONS:
        return xlsx_register
    if ext in ocds.LINE_EXTENSIONS or ext == ".json.gz":
        return ocds
    if ext == ".json":
        return ocds if ocds.looks_like_ocds(_head(path)) else listfile
    if ext in (".yaml", ".yml"):
        return listfile
    raise InputError(path, "unknown_format", ext=ext or "-", known=", ".join(REGISTER_EXTENSIONS))


def _columns(path: str, options: Any) -> ColumnMap:
    """The column map of the register at ``path`` (:func:`~.columns.column_map_for`, with the
    configuration's ``contracten: {kolommen:}`` as ``options.columns``)."""
    from .columns import column_map_for

    try:
        return column_map_for(path, getattr(options, "columns", None))
    except ValueError as exc:
        raise InputError(path, "parse_failed", format="kolommen", reason=str(exc)) from None


def read_register(path: str, columns: ColumnMap | None = None) -> tuple[str, Iterator[Contract | RowProblem]]:
    """(format name, contracts and row problems one at a time). Raises InputError for an unreadable file."""
    if not os.path.exists(path):
        raise InputError(path, "file_not_found")
    if not os.path.isfile(path):
        raise InputError(path, "not_a_file")
    if os.path.getsize(path) == 0:
        raise InputError(path, "empty_file")
    from .columns import column_map_for

    reader = reader_for(path)
    return reader.NAME, reader.iter_contracts(path, columns or column_map_for(path))


def load_register(path: str, columns: ColumnMap | None = None) -> tuple[Register, list[RowProblem]]:
    """The whole register in memory (for tests and small files) and its unreadable rows."""
    from .model import Register
    from .readers import RowProblem

    fmt, items = read_register(path, columns)
    contracts: list[Contract] = []
    problems: list[RowProblem] = []
    for item in items:
        (problems if isinstance(item, RowProblem) else contracts).append(item)  # type: ignore[arg-type]
    return Register(path=path, format=fmt, contracts=contracts), problems


def problem_message(path: str, problem: RowProblem, lang: str) -> str:
    from . import display

    return InputError(path, "parse_failed", format=display.place(problem.source, lang),
                      reason=display.reason(problem.message, lang)).message(lang)


def check_register(engine, path: str, options: Any) -> RegisterResult:
    """Read ``path`` as a contract register and check it with ``engine``'s register rules, streaming."""
    from .model import Register
    from .readers import RowProblem

    lang = getattr(options, "lang", "nl")
    fmt, items = read_register(path, _columns(path, options))
    problems: list[str] = []

    def contracts() -> Iterator[Contract]:
        for item in items:
            if isinstance(item, RowProblem):
                problems.append(problem_message(path, item, lang))
            else:
                yield item

    return engine.check_register(Register(path=path, format=fmt), contracts(), problems)


def check_registers(engine, registers: list[str], options: Any, run) -> None:
    """Check each register into ``run.contracts``; an unreadable file becomes one line in ``run.errors``.
    Loads the ``contracten`` pack when no loaded pack has register rules."""
    if not registers:
        return
    if not engine.register_rules and not any(p.id == REGISTER_PACK for p in engine.packs):  # rules disabled on purpose stay off
        from ..engine import Engine, rule_info
        from ..rules.loader import load_pack

        pack = load_pack(REGISTER_PACK)
        engine = Engine([pack], lang=engine.lang)
        run.packs.append(PackInfo(id=pack.id, version=pack.spec.version, title=pack.spec.title.get(engine.lang), path=None))
        known = {r.id for r in run.rules}
        run.rules.extend(rule_info(r) for r in pack.rules if r.id not in known)
    for path in registers:
        try:
            result = check_register(engine, path, options)
        except InputError as err:
            run.errors.append(InputErrorInfo(path=err.path, message=err.message(options.lang)))
            continue
        except Exception as exc:  # a reader bug must not stop the run
            err = InputError(path, "unreadable", reason=f"{type(exc).__name__}: {exc}")
            run.errors.append(InputErrorInfo(path=path, message=err.message(options.lang)))
            continue
        run.contracts.append(result)
        for message in result.problems:
            run.errors.append(InputErrorInfo(path=path, message=message))
        if result.unreadable > len(result.problems):
            more = result.unreadable - len(result.problems)
            text = f"{path}: nog {more} onleesbare rijen" if options.lang == "nl" else f"{path}: {more} more unreadable rows"
            run.errors.append(InputErrorInfo(path=path, message=text))
