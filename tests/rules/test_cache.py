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


def test_a_cached_pack_renders_its_messages_without_compiling_them(tmp_path, monkeypatch):
    """The compiled message templates travel in the entry: the same message, no jinja compile."""
    from sociaal_audit.rules import loader

    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy(tmp_path)
    fresh = load_pack(str(path))
    values = {"only_in_toelichting": True, "value": 3, "looked_for": "een hardheidsclausule", "status": "fail",
              "quote": "", "article": "Artikel 5 Hardheidsclausule", "lid": "", "document": "Verordening",
              "municipality": "Lindewaarde", "kind": "verordening", "lang": "nl"}
    expected = [(lang, r.render(r.spec.message, lang, values)) for r in fresh.rules for lang in ("nl", "en")]
    compiled: list[str] = []
    real_compile = loader._jinja().compile
    monkeypatch.setattr(loader._jinja(), "compile", lambda source, *a, **k: compiled.append(source) or real_compile(source, *a, **k))
    cached = load_pack(str(path))
    assert all(r.template_code for r in cached.rules)
    assert [(lang, r.render(r.spec.message, lang, values)) for r in cached.rules for lang in ("nl", "en")] == expected
    assert compiled == []
    assert any("alleen in de toelichting" in message for lang, message in expected if lang == "nl")


def test_templates_compiled_by_another_jinja_version_are_compiled_again(tmp_path, monkeypatch):
    import jinja2

    monkeypatch.setenv("SOCIAAL_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy(tmp_path)
    load_pack(str(path))
    cached = load_pack(str(path))
    rule = next(r for r in cached.rules if r.id == "INT-P05-hardheidsclausule")
    expected = rule.render(rule.spec.message, "nl", {"only_in_toelichting": True})
    other = load_pack(str(path))
    rule = next(r for r in other.rules if r.id == "INT-P05-hardheidsclausule")
    rule.template_jinja = "0.0-other"
    rule.template_code = {source: b"not code" for source in rule.template_code}  # would fail to load
    assert rule.render(rule.spec.message, "nl", {"only_in_toelichting": True}) == expected
    assert jinja2.__version__ != rule.template_jinja
