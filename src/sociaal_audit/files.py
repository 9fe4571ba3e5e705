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
from typing import IO, Any, Iterable, Iterator

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
def _atomic_open(path: str, inputs: Iterable[str], binary: bool) -> Iterator[IO[Any]]:
    """A file handle whose content replaces ``path`` only when the block ends without error.

    The data goes to a temporary file beside the target (ordinary permissions, not mkstemp's
    0600), is synced and renamed into place. A special file (``/dev/null``, a named pipe) is written
    through, never renamed over. An input file is never a target."""
    target = Path(path)
    _refuse_input(target, path, inputs)
    text_args: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    mode = "wb" if binary else "w"
    try:
        if target.exists() and not target.is_file():
            with open(target, mode, **text_args) as fh:
                yield fh
            return
        directory = target.parent if str(target.parent) else Path(".")
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise AuditError("output_failed", path=path, reason=exc.strerror or str(exc)) from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, mode, **text_args) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise AuditError("output_failed", path=path, reason=exc.strerror or str(exc)) from None
        raise


def atomic_text_writer(path: str, inputs: Iterable[str] = ()):
    """A text handle for output written piece by piece (streamed JSON); see :func:`_atomic_open`."""
    return _atomic_open(path, inputs, binary=False)


def refuse_input(path: str, inputs: Iterable[str]) -> None:
    """Raise ``output_is_input`` when ``path`` names one of ``inputs``, however it is spelled:
    ``./x``, an absolute path, a symbolic link, a hard link or another case on a file system that
    ignores case all count as the same file."""
    _refuse_input(Path(path), path, inputs)


def _refuse_input(target: Path, path: str, inputs: Iterable[str]) -> None:
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the write itself will fail and say so
        return
    target_exists = target.exists()
    for inp in inputs:
        try:
            if Path(inp).resolve() == resolved or target_exists and os.path.samefile(inp, target):
                raise AuditError("output_is_input", path=path)
        except (OSError, RuntimeError):
            continue  # an input that is gone or unreadable cannot be overwritten through this name


def write_atomic(path: str, data: str | bytes, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` atomically; never over an input file (see :func:`_atomic_open`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with _atomic_open(path, inputs, binary=True) as fh:
        fh.write(payload)
