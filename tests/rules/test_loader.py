"""Loading rule packs: every problem is one error naming the file, the rule id and the field;
YAML is loaded safely."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from sociaal_audit.errors import PackError
from sociaal_audit.rules.loader import builtin_packs, load_pack, load_packs, resolve_pack

RULE: dict[str, Any] = {
    "id": "MIJN-P05-hardheid", "title": {"nl": "Hardheidsclausule", "en": "Hardship clause"}, "principles": ["P05"],
    "theme": "organisatie", "kind": "requires", "phrases": ["hardheidsclausule"], "message": "Geen hardheidsclausule.",
    "rationale": "Ruimte voor schrijnende gevallen.", "source": {"seed": "003_a9b6cd22cd6fadb6.txt", "section": "Thema 1"},
}
PACK: dict[str, Any] = {"id": "mijn", "title": "Mijn regels", "version": "1.0.0", "rules": [RULE]}


def write_pack(tmp_path: Path, mutate: Callable[[dict[str, Any]], None] = lambda d: None, name: str = "mijn.yaml") -> Path:
    data = copy.deepcopy(PACK)
    mutate(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load_error(path: Path) -> PackError:
    with pytest.raises(PackError) as info:
        load_pack(str(path))
    return info.value


def test_valid_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(str(write_pack(tmp_path)))
    assert pack.id == "mijn" and [r.id for r in pack.rules] == ["MIJN-P05-hardheid"]
    rule = pack.rules[0]
    assert (rule.pack, rule.pack_version, rule.spec.severity, rule.spec.scope) == ("mijn", "1.0.0", "warning", "binding")
    assert rule.spec.title.get("en") == "Hardship clause" and rule.spec.message.get("en") == "Geen hardheidsclausule."


@pytest.mark.parametrize(
    "mutate, field, detail",
    [
        (lambda d: d["rules"][0].update(patterns=["(niet gesloten"]), "patterns", "invalid regex"),
        (lambda d: d["rules"][0].update(heading="[a-"), "heading", "invalid regex"),
        (lambda d: d["rules"][0].update(kind="bestaatniet"), "kind", "unknown kind 'bestaatniet'"),
        (lambda d: d["rules"][0].update(severity="fatal"), "severity", "'error', 'warning' or 'info'"),
        (lambda d: d["rules"][0].update(principles=["5"]), "principles", "not a principle id"),
        (lambda d: d["rules"][0].update(principles=["P05", "P32"]), "principles", "unknown principle 'P32'"),
        (lambda d: d["rules"][0].update(principles=["P00"]), "principles", "unknown principle 'P00'"),
        (lambda d: d["rules"][0].update(message={"en": "No hardship clause."}), "message.nl", "Field required"),
        (lambda d: d["rules"][0].update(phrase=["typo"]), "phrase", "unknown field"),
        (lambda d: d["rules"][0].pop("message"), "message", "Field required"),
        (lambda d: d["rules"][0].update(near={"within": "alinea", "phrases": ["x"]}), "near.within", "'sentence', 'lid' or 'article'"),
        (lambda d: d["rules"][0].update(applies_to=["wet"]), "applies_to.0", "verordening"),
        (lambda d: d["rules"][0].update(fuzzy=30), "fuzzy", "greater than or equal to 50"),
        (lambda d: d["rules"][0].update(min_count=0), "min_count", "greater than or equal to 1"),
    ],
)
def test_invalid_rule_names_file_rule_and_field(tmp_path: Path, mutate, field: str, detail: str) -> None:
    path = write_pack(tmp_path, mutate)
    err = load_error(path)
    assert (err.path, err.rule, err.field) == (str(path), "MIJN-P05-hardheid", field)
    message = err.message("en")
    assert message.startswith(f"invalid rule pack {path}: rule MIJN-P05-hardheid: field '{field}': ")
    assert detail in message
    assert "\n" not in message


def test_duplicate_rule_id(tmp_path: Path) -> None:
    err = load_error(write_pack(tmp_path, lambda d: d["rules"].append(copy.deepcopy(d["rules"][0]))))
    assert (err.rule, err.field, err.detail) == ("MIJN-P05-hardheid", "id", "duplicate rule id")


def test_duplicate_rule_id_across_packs(tmp_path: Path) -> None:
    first = write_pack(tmp_path, name="een.yaml")
    second = write_pack(tmp_path, lambda d: d.update(id="twee"), name="twee.yaml")
    with pytest.raises(PackError) as info:
        load_packs([str(first), str(second)])
    assert info.value.rule == "MIJN-P05-hardheid" and str(first) in info.value.detail


def test_rule_without_id_is_named_by_position(tmp_path: Path) -> None:
    err = load_error(write_pack(tmp_path, lambda d: d["rules"][0].pop("id")))
    assert (err.rule, err.field) == ("#1", "id")


def test_threshold_needs_a_named_number_group(tmp_path: Path) -> None:
    path = write_pack(tmp_path, lambda d: d["rules"][0].update(kind="threshold", phrases=[], patterns=[r"maximaal (\d+)"], max=2))
    err = load_error(path)
    assert err.rule == "MIJN-P05-hardheid" and "(?P<n>...)" in err.detail


def test_threshold_needs_a_bound(tmp_path: Path) -> None:
    path = write_pack(tmp_path, lambda d: d["rules"][0].update(kind="threshold", phrases=[], patterns=[r"maximaal (?P<n>\d+)"]))
    assert "needs 'max' or 'min'" in load_error(path).detail


def test_pack_level_errors(tmp_path: Path) -> None:
    err = load_error(write_pack(tmp_path, lambda d: d.update(id="Mijn Pack")))
    assert (err.rule, err.field) == (None, "id")
    err = load_error(write_pack(tmp_path, lambda d: d.update(rules=[])))
    assert err.field == "rules"
    path = tmp_path / "lijst.yaml"
    path.write_text("- een\n- twee\n", encoding="utf-8")
    assert "must be a mapping" in load_error(path).detail


@pytest.mark.parametrize("version", [2, 1.1])
def test_an_unquoted_version_asks_for_quotes(tmp_path: Path, version: float) -> None:
    err = load_error(write_pack(tmp_path, lambda d: d.update(version=version)))
    assert (err.rule, err.field) == (None, "version")
    assert f'between quotes, e.g. version: "{version}"' in err.detail


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("id: mijn\ntitle: [Mijn\nversion: '1'\n", encoding="utf-8")
    err = load_error(path)
    assert err.message("en").startswith(f"invalid rule pack {path}: not valid YAML (line ")


def test_missing_pack_file(tmp_path: Path) -> None:
    err = load_error(tmp_path / "weg.yaml")
    assert err.detail == "file not found"


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    marker = tmp_path / "uitgevoerd"
    path = tmp_path / "kwaadaardig.yaml"
    path.write_text(
        f"id: mijn\ntitle: !!python/object/apply:os.mkdir ['{marker}']\nversion: '1'\nrules: []\n", encoding="utf-8"
    )
    err = load_error(path)
    assert "python/object" in err.detail
    assert not marker.exists()
    path.write_text("id: mijn\ntitle: !!python/object:sociaal_audit.rules.schema.Text {nl: x}\nversion: '1'\nrules: []\n",
                    encoding="utf-8")
    assert "python/object" in load_error(path).detail


def test_builtin_pack_resolves_by_id() -> None:
    packs = builtin_packs()
    assert "integraliteit" in packs
    assert resolve_pack("integraliteit") == packs["integraliteit"]
    assert load_pack("integraliteit").id == "integraliteit"


def test_unknown_builtin_pack_id() -> None:
    from sociaal_audit.errors import AuditError

    with pytest.raises(AuditError) as info:
        resolve_pack("bestaatniet")
    assert "integraliteit" in info.value.message("en")


def test_known_principles_are_the_catalogue() -> None:
    from sociaal_audit.rules.doc import PRINCIPLES
    from sociaal_audit.rules.schema import KNOWN_PRINCIPLES

    assert list(KNOWN_PRINCIPLES) == list(PRINCIPLES)
