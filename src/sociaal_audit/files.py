"""File handling at the edges: finding input files and writing output atomically.

Inputs are only ever opened for reading. Outputs go to a temporary file in the target directory
and are renamed into place, so a reader never sees half a report; the tool refuses to write over
one of its own inputs.
"""

from __future__ import annotations

import glob
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from .errors import AuditError, InputError

SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"}


def collect_inputs(args: Iterable[str], extensions: Iterable[str]) -> tuple[list[str], list[InputError]]:
    """Expand files, directories (recursively, known extensions only) and globs into sorted paths."""
    exts = tuple(e.lower() for e in extensions)
    found: set[str] = set()
    errors: list[InputError] = []
    for arg in args:
        if os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in files:
                    if name.lower().endswith(exts) and not name.startswith("."):
                        found.add(os.path.join(root, name))
        elif os.path.exists(arg):
            found.add(arg)
        elif any(ch in arg for ch in "*?["):
            matches = [m for m in glob.glob(arg, recursive=True) if os.path.isfile(m)]
            if not matches:
                errors.append(InputError(arg, "no_inputs"))
            found.update(matches)
        else:
            errors.append(InputError(arg, "file_not_found"))
    return sorted(found), errors


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_text_writer(path: str, inputs: Iterable[str] = ()) -> Iterator[IO[str]]:
    """A text file handle whose content replaces ``path`` only when the block ends without error
    (for output written piece by piece). Same rules as :func:`write_atomic`."""
    target = Path(path)
    _refuse_input(target, path, inputs)
    if target.exists() and not target.is_file():
        with open(target, "w", encoding="utf-8") as fh:
            yield fh
        return
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as exc:
        raise AuditError("output_failed", path=path, reason=exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _refuse_input(target: Path, path: str, inputs: Iterable[str]) -> None:
    try:
        resolved = target.resolve()
        for inp in inputs:
            if Path(inp).resolve() == resolved:
                raise AuditError("output_failed", path=path, reason="this is one of the input files")
    except OSError:
        pass


def write_atomic(path: str, data: str | bytes, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` via a temporary file and rename; never over an input file."""
    target = Path(path)
    _refuse_input(target, path, inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() and not target.is_file():
        # /dev/null, /dev/stdout, a named pipe: write through; never rename over a special file
        try:
            with open(target, "wb") as fh:
                fh.write(payload)
        except OSError as exc:
            raise AuditError("output_failed", path=path, reason=exc.strerror or str(exc)) from None
        return
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:
        raise AuditError("output_failed", path=path, reason=exc.strerror or str(exc)) from None
