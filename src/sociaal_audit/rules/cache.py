"""A cache of loaded rule packs, so that a one-file check does not validate and compile every
pattern again.

An entry is the pickled :class:`LoadedPack`, keyed by a hash of the pack file's exact bytes, the
path it was loaded from, the source of the modules that build and hold a loaded pack (everything
under ``sociaal_audit/rules/``: a reinstall or an edit at the same version number compiles
differently), and the versions of this tool, Python, pydantic and regex: any change gives a new
key, so an entry is never stale. Entries are written atomically and read
best-effort: a missing, unreadable or broken entry means the pack is simply loaded again.

Location: ``$SOCIAAL_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/sociaal-audit``, else
``~/.cache/sociaal-audit``. ``SOCIAAL_AUDIT_NO_CACHE=1`` turns the cache off. Only the user who
runs the tool can write there (entries are created with mode 0600), as for any cache of code.
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


def cached(raw: bytes, shown: str, build: Callable[[], Any]) -> Any:
    """The loaded pack for these bytes: from the cache, or built and then stored."""
    directory = cache_dir()
    if directory is None:
        return build()
    entry = directory / f"pack-{_key(raw, shown)}.pickle"
    try:
        with open(entry, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # a broken entry (interrupted write, other version): rebuild below
        pass
    pack = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(pack, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except Exception:  # a read-only home or a full disk must not stop an audit
        pass
    return pack
