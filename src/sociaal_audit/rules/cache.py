"""A cache of loaded rule packs, so that a one-file check does not validate and compile every
pattern again.

An entry is the pickled :class:`LoadedPack`, keyed by a hash of the pack file's exact bytes, the
path it was loaded from, the source of the modules that build and hold a loaded pack (everything
under ``sociaal_audit/rules/``: a reinstall or an edit at the same version number compiles
differently), and the versions of this tool, Python, pydantic and regex: any change gives a new
key, so an entry is never stale. Entries are written atomically and read
best-effort: a missing, unreadable or broken entry means the pack is simply loaded again.

Location: ``$SOCIAAL_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/sociaal-audit``, else
``~/.cache/sociaal-audit``. ``SOCIAAL_AUDIT_NO_CACHE=1`` turns the cache off. A pickle is code, so
the directory is created with mode 0700, entries with mode 0600, and an entry is only read when it
and its directory belong to the user running the tool and nobody else can write to them; otherwise
the pack is loaded from its YAML as if there were no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable


def cache_dir() -> Path | None:
    if os.environ.get("SOCIAAL_AUDIT_NO_CACHE"):
        return None
    explicit = os.environ.get("SOCIAAL_AUDIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sociaal-audit"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the source of ``sociaal_audit.rules`` (schema, loader, kinds, matching, prefilter):
    what a pickled pack was built by. About a millisecond."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def _key(raw: bytes, shown: str) -> str:
    import pydantic
    import regex

    from .. import __version__

    h = hashlib.sha256()
    parts = [__version__, code_fingerprint(), sys.version, shown, str(pydantic.VERSION), str(regex.__version__)]
    for part in parts:
        h.update(part.encode() + b"\0")
    h.update(raw)
    return h.hexdigest()[:32]


def _private(path: Path, fh: Any = None) -> bool:
    """Does ``path`` (or the open file ``fh``) belong to this user, writable by no one else?"""
    if not hasattr(os, "getuid"):  # Windows: the user's profile directory is private already
        return True
    st = os.fstat(fh.fileno()) if fh is not None else os.stat(path)
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def cached(raw: bytes, shown: str, build: Callable[[], Any]) -> Any:
    """The loaded pack for these bytes: from the cache, or built and then stored."""
    directory = cache_dir()
    if directory is None:
        return build()
    entry = directory / f"pack-{_key(raw, shown)}.pickle"
    try:
        with open(entry, "rb") as fh:
            if _private(directory) and _private(entry, fh):
                return pickle.load(fh)
            return build()  # someone else could have written it: never unpickle, never overwrite
    except FileNotFoundError:
        pass
    except Exception:  # a broken entry (interrupted write, other version): rebuild below
        pass
    pack = build()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(directory):
            return pack
        fd, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(pack, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except Exception:  # a read-only home or a full disk must not stop an audit
        pass
    return pack
