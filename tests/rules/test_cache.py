"""The pack cache: same result as loading, a new entry for changed bytes, broken entries ignored,
switchable off, and never a reason for a run to fail."""

from __future__ import annotations

import shutil
from pathlib import Path

from sociaal_audit.rules import cache
from sociaal_audit.rules.loader import builtin_packs, load_pack

PACK = builtin_packs()["integraliteit"]


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "pakket.yaml"
    shutil.copy(PACK, target)
    return target


def _summary(pack) -> list[tuple]:
    return [(r.id, r.spec.severity, r.kind.NAME, r.params.model_dump_json()) for r in pack.rules]


def test_cached_pack_equals_a_freshly_loaded_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy(tmp_path)
    first = load_pack(str(path))
    entries = list((tmp_path / "cache").glob("pack-*.pickle"))
    assert len(entries) == 1
    second = load_pack(str(path))
    assert _summary(first) == _summary(second)
    monkeypatch.setenv("SOCIAAL_AUDIT_NO_CACHE", "1")
    assert _summary(load_pack(str(path))) == _summary(first)


def test_changed_pack_gets_a_new_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy(tmp_path)
    load_pack(str(path))
    path.write_text(path.read_text(encoding="utf-8").replace("severity: error", "severity: info", 1), encoding="utf-8")
    changed = load_pack(str(path))
    assert len(list((tmp_path / "cache").glob("pack-*.pickle"))) == 2
    assert "info" in {r.spec.severity for r in changed.rules}


def test_broken_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy(tmp_path)
    expected = _summary(load_pack(str(path)))
    (entry,) = (tmp_path / "cache").glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert _summary(load_pack(str(path))) == expected


def test_unwritable_cache_does_not_stop_loading(tmp_path, monkeypatch):
    blocker = tmp_path / "geen-map"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(blocker / "cache"))
    assert load_pack(str(_copy(tmp_path))).rules


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SOCIAAL_AUDIT_CACHE_DIR", raising=False)
    monkeypatch.delenv("SOCIAAL_AUDIT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "sociaal-audit"
    monkeypatch.setenv("SOCIAAL_AUDIT_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_changed_rule_code_gets_a_new_entry(tmp_path, monkeypatch):
    """A reinstall or an edit of the matching code at the same version number must not reuse
    patterns compiled by the old code."""
    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy(tmp_path)
    load_pack(str(path))
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    load_pack(str(path))
    assert len(list((tmp_path / "cache").glob("pack-*.pickle"))) == 2


def test_code_fingerprint_follows_the_rules_sources(tmp_path, monkeypatch):
    package = tmp_path / "rules"
    (package / "kinds").mkdir(parents=True)
    (package / "cache.py").write_text("# cache\n", encoding="utf-8")
    (package / "kinds" / "requires.py").write_text("PATTERN = 'a'\n", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))
    cache.code_fingerprint.cache_clear()
    try:
        before = cache.code_fingerprint()
        (package / "kinds" / "requires.py").write_text("PATTERN = 'b'\n", encoding="utf-8")
        cache.code_fingerprint.cache_clear()
        assert cache.code_fingerprint() != before
    finally:
        cache.code_fingerprint.cache_clear()


def test_an_entry_others_can_write_is_never_unpickled(tmp_path, monkeypatch):
    """A pickle is code: an entry or cache directory writable by others is ignored, not loaded."""
    import os
    import pickle

    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy(tmp_path)
    expected = _summary(load_pack(str(path)))
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0  # created private
    (entry,) = (tmp_path / "cache").glob("pack-*.pickle")
    marker = tmp_path / "uitgevoerd"

    class Planted:
        def __reduce__(self):
            return (marker.write_text, ("ja",))

    entry.write_bytes(pickle.dumps(Planted()))
    for target, mode in ((entry, 0o666), (tmp_path / "cache", 0o777)):
        original = target.stat().st_mode & 0o777
        os.chmod(target, mode)
        try:
            assert _summary(load_pack(str(path))) == expected
        finally:
            os.chmod(target, original)
        assert not marker.exists()
