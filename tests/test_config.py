"""Configuration: discovery (sociaal-audit.yaml, pyproject.toml, parents, --config), flags over
the file, sources per value, rule selection, severity and threshold overrides, path globs, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sociaal_audit.cli import app
from sociaal_audit.config import (
    Config, ConfigError, adjust_packs, filter_paths, find_config, load_config, path_matches, rule_matches,
)
from sociaal_audit.rules.loader import load_packs

ORDINANCE = """\
# Verordening sociaal domein Beekdal 2026

De raad van de gemeente Beekdal;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

### Artikel 1. Toegang

1. Een inwoner wordt na maximaal drie verwijzingen door de juiste organisatie geholpen.
2. De overeenkomsten worden aangegaan voor de duur van vier jaar met de mogelijkheid tot tweemaal verlenging met telkens twee jaar.

### Artikel 2. Citeertitel

Deze verordening wordt aangehaald als: Verordening sociaal domein Beekdal 2026.
"""
P11 = "INT-P11-maximaal-twee-verwijzingen"
P09 = "INT-P09-contractduur-en-keuze"


@pytest.fixture(scope="module")
def packs():
    return load_packs(["integraliteit"])


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def results_json(stdout: str) -> dict[str, dict]:
    data = json.loads(stdout)
    (doc,) = data["documents"]
    return {r["rule"]: r for r in doc["results"]}


# ----- discovery ------------------------------------------------------------------------------


def test_finds_the_yaml_file_in_a_parent_directory(tmp_path: Path) -> None:
    (tmp_path / "sociaal-audit.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    deep = tmp_path / "verordeningen" / "2026"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "sociaal-audit.yaml"
    config = load_config(cwd=deep)
    assert config.fail_on == "warning" and config.sources["fail_on"] == str(tmp_path / "sociaal-audit.yaml")
    assert config.sources["lang"] == "default"


def test_pyproject_table_counts_only_when_present(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sociaal-audit]\nlang = "en"\nfail-on = "info"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")  # no table: keep looking
    config = load_config(cwd=sub)
    assert config.path == str(tmp_path / "pyproject.toml")
    assert (config.lang, config.fail_on) == ("en", "info")


def test_yaml_file_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sociaal-audit]\nlang = "en"\n', encoding="utf-8")
    (tmp_path / "sociaal-audit.yaml").write_text("lang: nl\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "sociaal-audit.yaml"


def test_explicit_config_overrides_discovery_and_relative_paths_follow_the_file(tmp_path: Path) -> None:
    (tmp_path / "sociaal-audit.yaml").write_text("lang: en\n", encoding="utf-8")
    other = tmp_path / "ci" / "strict.yaml"
    other.parent.mkdir()
    other.write_text("fail_on: info\nbaseline: baseline.json\npacks: [integraliteit, ../packs/eigen.yaml]\n", encoding="utf-8")
    config = load_config(str(other), cwd=tmp_path)
    assert config.lang == "nl" and config.fail_on == "info"
    assert Path(config.baseline).resolve() == (tmp_path / "ci" / "baseline.json").resolve()
    assert config.packs[0] == "integraliteit"
    assert Path(config.packs[1]).resolve() == (tmp_path / "packs" / "eigen.yaml").resolve()


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path)
    assert config.path is None and config.packs == ["integraliteit"] and config.fail_on == "error"


@pytest.mark.parametrize("content, detail", [
    ("fail_on: sometimes\n", "fail_on"),
    ("failon: error\n", "unknown key"),
    ("- a\n- b\n", "must be a mapping"),
    ("packs: [integraliteit\n", "not valid YAML"),
    ("severity:\n  INT-P05: fatal\n", "severity"),
])
def test_invalid_config_names_the_file(tmp_path: Path, content: str, detail: str) -> None:
    path = tmp_path / "sociaal-audit.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    message = info.value.message("en")
    assert message.startswith(str(path)) and detail in message


@pytest.mark.parametrize("content, where", [
    ("lang: nl\nfail-on: sometimes\n", ":2: 'fail_on'"),
    ("lang: nl\n\nfailon: error\n", ":3: 'failon'"),
    ('ignore:\n  - path: "oud/**"\n    rules: [INT-P05]\n    reason: "wordt ingetrokken"\n'
     '  - path: "archief/**"\n    rules: [INT-P05]\n', ":5: 'ignore.1.reason': invalid configuration: a reason is required"),
])
def test_invalid_config_names_the_line(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "sociaal-audit.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert info.value.message("en").startswith(str(path) + where)


def test_one_value_where_a_list_is_expected_is_a_list_of_one(tmp_path: Path) -> None:
    (tmp_path / "sociaal-audit.yaml").write_text(
        'packs: integraliteit\ninclude: "verordeningen/**"\ndisable: INT-P06\n'
        'ignore:\n  - path: "oud/**"\n    rules: INT-P05\n    reason: "wordt ingetrokken"\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.sociaal-audit]\nexclude = "verordeningen/archief/**"\n', encoding="utf-8")
    config = load_config(cwd=tmp_path)
    assert config.packs == ["integraliteit"] and config.include == ["verordeningen/**"] and config.disable == ["INT-P06"]
    assert config.ignore[0].rules == ["INT-P05"]
    assert load_config(str(tmp_path / "pyproject.toml")).exclude == ["verordeningen/archief/**"]


# ----- rules ------------------------------------------------------------------------------------


def test_rule_prefix_matching_stops_at_a_dash() -> None:
    assert rule_matches("INT-P05", "INT-P05-hardheidsclausule")
    assert rule_matches("int-p05-hardheidsclausule", "INT-P05-hardheidsclausule")
    assert not rule_matches("INT-P0", "INT-P05-hardheidsclausule")
    assert not rule_matches("INT-P05-hard", "INT-P05-hardheidsclausule")


def test_enable_disable_and_severity(packs) -> None:
    config = Config(enable=["INT-P05", "INT-P09", "INT-P11"], disable=["INT-P09"], severity={"INT-P05": "info"})
    (pack,) = adjust_packs(packs, config)
    assert [r.id for r in pack.rules] == ["INT-P05-hardheidsclausule", P11]
    assert pack.rules[0].spec.severity == "info"
    assert packs[0].by_id["INT-P05-hardheidsclausule"].spec.severity == "error"  # originals untouched


def test_threshold_override_changes_the_outcome(tmp_path: Path, packs) -> None:
    from sociaal_audit.documents import load_document
    from sociaal_audit.engine import Engine

    path = tmp_path / "wmo.md"
    path.write_text(ORDINANCE, encoding="utf-8")
    doc = load_document(str(path))

    def p11(pack_list) -> str:
        result = Engine(pack_list).check_document(doc)
        return next(r.status for r in result.results if r.rule == P11)

    assert p11(packs) == "fail"  # "maximaal drie verwijzingen" against max 2
    assert p11(adjust_packs(packs, Config(thresholds={"INT-P11": {"max": 3}}))) == "pass"


@pytest.mark.parametrize("config, detail", [
    (Config(disable=["INT-P99"]), "no loaded rule matches 'INT-P99'"),
    (Config(severity={"NOPE": "info"}), "no loaded rule matches 'NOPE'"),
    (Config(thresholds={"INT-P11": {"maximum": 3}}), "has no parameter 'maximum'"),
    (Config(thresholds={"INT-P06": {"max_per_1000": 0}}), "rule INT-P06-beleidsarme-verordening: Input should be greater than 0"),
])
def test_rule_references_and_parameters_must_be_valid(packs, config: Config, detail: str) -> None:
    with pytest.raises(ConfigError) as info:
        adjust_packs(packs, config)
    assert detail in info.value.message("en")


# ----- paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern, path, hit", [
    ("verordeningen/**", "verordeningen/2026/wmo.md", True),
    ("verordeningen/*.md", "verordeningen/2026/wmo.md", False),
    ("verordeningen/**/*.md", "verordeningen/wmo.md", True),
    ("archief", "verordeningen/archief/oud.md", True),
    ("archief/", "archief/oud.md", True),
    ("*.docx", "a/b/c.docx", True),
    ("README.md", "README.md", True),
    ("verordeningen/**", "beleid/plan.md", False),
])
def test_path_globs(tmp_path: Path, pattern: str, path: str, hit: bool) -> None:
    assert path_matches(pattern, str(tmp_path / path), str(tmp_path)) is hit


def test_include_and_exclude(tmp_path: Path) -> None:
    files = [str(tmp_path / p) for p in ("README.md", "verordeningen/wmo.md", "verordeningen/archief/oud.md")]
    config = Config(include=["verordeningen/**"], exclude=["**/archief/**"], base_dir=str(tmp_path))
    assert filter_paths(files, config) == [files[1]]
    assert filter_paths(files, Config(base_dir=str(tmp_path))) == files


# ----- on the command line ----------------------------------------------------------------------


def test_check_applies_the_config_and_flags_override_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "verordeningen").mkdir()
    (tmp_path / "verordeningen" / "wmo.md").write_text(ORDINANCE, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Over deze map\n\nHier staan de verordeningen.\n", encoding="utf-8")
    (tmp_path / "sociaal-audit.yaml").write_text(
        "include: [verordeningen/**]\nfail_on: warning\nlang: en\nenable: [INT-P09, INT-P11]\n"
        "thresholds:\n  INT-P11: {max: 3}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", ".", "-f", "json", "-j1")
    assert result.exit_code == 1, result.stderr  # P09 is a warning and fail_on is warning
    data = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in data["documents"]] == ["wmo.md"]  # README.md not included
    assert data["lang"] == "en"
    res = results_json(result.stdout)
    assert set(res) == {P09, P11} and res[P11]["status"] == "pass" and res[P09]["status"] == "fail"
    flags = invoke("check", ".", "-f", "json", "-j1", "--fail-on", "error", "--lang", "nl")
    assert flags.exit_code == 0, flags.stderr
    assert json.loads(flags.stdout)["lang"] == "nl"


def test_config_show_prints_values_and_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    (tmp_path / "sociaal-audit.yaml").write_text("fail_on: warning\ndisable: [INT-P06]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("config", "show", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = {line.split(":")[0]: line for line in result.stdout.splitlines() if not line.startswith(("#", " ", "-"))}
    assert lines["fail_on"] == f"fail_on: warning  # {tmp_path / 'sociaal-audit.yaml'}"
    assert lines["lang"] == "lang: en  # --lang"
    assert lines["packs"] == "packs: [integraliteit]  # default"
    shown = yaml.safe_load(result.stdout)  # the output is itself a valid config
    assert shown["disable"] == ["INT-P06"] and shown["fail_on"] == "warning"


def test_config_show_reports_a_rule_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sociaal-audit.yaml").write_text("disable: [INT-P77]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("config", "show")
    assert result.exit_code == 2
    assert "sociaal-audit.yaml" in result.stderr and "INT-P77" in result.stderr


# ----- contract registers and the checks across documents ----------------------------------------

REGISTER = (
    "Dossiernummer;Contractpartij;Wijze van bekostigen;Ingangsdatum;Einddatum\n"
    "WMO-2024-01;Thuiszorg De Linde;per uur;01-01-2024;31-12-2025\n"
    "JH-2024-02;Gezinshuis De Esdoorn;taakgericht;01-01-2024;31-12-2025\n"
)
COLUMNS = "id: Dossiernummer\nsupplier: Contractpartij\nfinancing: Wijze van bekostigen\n"


def test_a_column_map_in_the_config_serves_the_registers_of_every_folder(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for town in ("aldervoort", "beekveld"):
        (tmp_path / "gemeenten" / town).mkdir(parents=True)
        (tmp_path / "gemeenten" / town / "inkoop.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "instellingen").mkdir()
    (tmp_path / "instellingen" / "kolommen.yaml").write_text(COLUMNS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    without = invoke("check", "gemeenten", "-f", "json", "-j1")
    assert without.exit_code == 2 and "Dossiernummer" not in without.stdout  # no contract number column found
    (tmp_path / "sociaal-audit.yaml").write_text("contracten:\n  kolommen: instellingen/kolommen.yaml\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "gemeenten")  # the map is found relative to the config file
    result = invoke("check", ".", "-f", "json", "-j1", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    registers = json.loads(result.stdout)["contracts"]
    assert [(r["path"], r["contracts"]) for r in registers] == [("./aldervoort/inkoop.csv", 2), ("./beekveld/inkoop.csv", 2)]
    assert all({f["contract"] for f in r["findings"] if f["rule"] == "CON-P26-productfinanciering"} == {"WMO-2024-01"}
               for r in registers)
    # a map beside a register describes that register: it is used instead of the configured one
    (tmp_path / "gemeenten" / "beekveld" / "inkoop.kolommen.yaml").write_text(
        "id: Contractpartij\nfinancing: Wijze van bekostigen\n", encoding="utf-8")
    beside = json.loads(invoke("check", ".", "-f", "json", "-j1", "--fail-on", "never").stdout)["contracts"]
    assert [f["contract"] for f in beside[1]["findings"] if f["contract"]][:1] == ["Thuiszorg De Linde"]
    shown = invoke("config", "show")
    assert shown.exit_code == 0, shown.stderr
    assert f"contracten: {{kolommen: ../instellingen/kolommen.yaml}}  # {tmp_path / 'sociaal-audit.yaml'}" in shown.stdout
    assert "corpus: {}  # default" in shown.stdout


@pytest.mark.parametrize("content, where", [
    ("contracten:\n  kolommen: nergens.yaml\n", ":1: 'contracten.kolommen': invalid configuration: file not found"),
    ("contracten:\n  kolom: k.yaml\n", ":1: 'contracten.kolom': invalid configuration: unknown key (known: kolommen)"),
    ("lang: nl\ncorpus:\n  group_by: gemeente\n", ":2: 'corpus.group_by': invalid configuration: Input should be"),
])
def test_invalid_registers_and_corpus_settings_name_the_line(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "sociaal-audit.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert info.value.message("en").startswith(str(path) + where)


def test_a_column_map_with_an_unknown_field_is_one_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "inkoop.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "kolommen-project.yaml").write_text("contractnummer: Dossiernummer\n", encoding="utf-8")
    (tmp_path / "sociaal-audit.yaml").write_text("contracten: {columns: kolommen-project.yaml}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (("check", "inkoop.csv", "-j1"), ("config", "show")):
        result = invoke(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "'contracten.kolommen'" in result.stderr
        assert "unknown field 'contractnummer'" in result.stderr


def test_corpus_grouping_by_directory_from_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One folder per municipality, whatever the texts say, without a copied pack."""
    beekveld = Path(__file__).parent / "corpus" / "data" / "beekveld"
    for folder, name in (("a", "verordening-jeugdhulp-beekveld-2026.md"),
                         ("b", "verordening-maatschappelijke-ondersteuning-beekveld-2026.md")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text((beekveld / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def groups() -> list[str]:
        result = invoke("check", "a", "b", "--pack", "samenhang", "-f", "json", "-j1", "--fail-on", "never")
        assert result.exit_code == 0, result.stderr
        return sorted({c["group"] for c in json.loads(result.stdout)["corpus"]})

    assert groups() == ["gemeente:beekveld"]
    (tmp_path / "sociaal-audit.yaml").write_text("corpus:\n  group_by: directory\n", encoding="utf-8")
    assert groups() == ["map:a", "map:b"]
    config = load_config(cwd=tmp_path)
    (samenhang,) = adjust_packs(load_packs(["samenhang"]), config)
    assert {r.params.group_by for r in samenhang.rules} == {"directory"}
    assert config.sources["corpus"] == str(tmp_path / "sociaal-audit.yaml")
