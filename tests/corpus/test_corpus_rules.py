"""Corpus rules: one ordinance for three laws (P12) and duplicated articles (P13) across the
ordinances of the fictional municipality Beekveld."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest
import yaml

from sociaal_audit.corpus import digest, group_documents
from sociaal_audit.documents import load_document, parse_source
from sociaal_audit.rules.loader import builtin_packs, load_packs, pack_from_data
from sociaal_audit.rules.testing import test_packs as run_pack_examples
from sociaal_audit.runner import CheckOptions, check_paths

DATA = Path(__file__).parent / "data"
BEEKVELD = DATA / "beekveld"
WMO = BEEKVELD / "verordening-maatschappelijke-ondersteuning-beekveld-2026.md"
JEUGD = BEEKVELD / "verordening-jeugdhulp-beekveld-2026.md"
PARTICIPATIE = BEEKVELD / "re-integratieverordening-participatiewet-beekveld-2026.md"
WMO_JEUGD = DATA / "varianten" / "verordening-maatschappelijke-ondersteuning-en-jeugdhulp-beekveld-2026.md"
INTEGRAAL = DATA / "varianten" / "verordening-sociaal-domein-beekveld-2026.md"


def run(paths, packs=None, lang="nl", jobs=1, kind=None):
    options = CheckOptions(packs=["samenhang"], lang=lang, jobs=jobs, kind=kind)
    return check_paths([str(p) for p in paths], options, packs=packs)


def corpus_result(run_result, rule):
    found = [c for c in run_result.corpus if c.rule == rule]
    assert len(found) == 1, [c.rule for c in run_result.corpus]
    return found[0]


# ----- P13 ----------------------------------------------------------------------------------------


def test_p13_finds_exactly_the_three_shared_articles():
    result = corpus_result(run([BEEKVELD]), "SAM-P13-dubbele-artikelen")
    assert result.status == "fail"
    assert result.municipality == "Beekveld"
    pairs = {(p.first.path, p.first.article, p.second.path, p.second.article) for p in result.pairs}
    assert pairs == {
        (str(JEUGD), "9", str(WMO), "8"),  # Klachtafhandeling ~ Klachten
        (str(JEUGD), "10", str(WMO), "9"),  # Betrekken van jeugdigen en ouders ~ van ingezetenen
        (str(JEUGD), "11", str(WMO), "10"),  # Hardheidsclausule ~ Hardheidsclausule
    }
    assert all(80 <= p.similarity < 100 for p in result.pairs)  # near-identical, not identical
    assert result.values["count"] == 3
    assert "Hardheidsclausule" in result.values["shared"] and "Klachten" in result.values["shared"]
    assert "gemeenschappelijk hoofdstuk" in result.message


def test_p13_locations_point_at_the_article_headings():
    result = corpus_result(run([BEEKVELD]), "SAM-P13-dubbele-artikelen")
    for pair in result.pairs:
        for loc in (pair.first, pair.second):
            line = Path(loc.path).read_text(encoding="utf-8").splitlines()[loc.line - 1]
            assert f"Artikel {loc.article}." in line
            assert loc.article_title and loc.article_title.startswith(f"Artikel {loc.article} ")
            assert loc.quote.startswith("Het college") or loc.quote.startswith("Een klacht")


def test_p13_threshold_comes_from_the_pack():
    data = yaml.safe_load(builtin_packs()["samenhang"].read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if rule["id"] == "SAM-P13-dubbele-artikelen":
            rule["threshold"] = 96
    pack = pack_from_data(data, "samenhang-streng.yaml")
    result = corpus_result(run([BEEKVELD], packs=[pack]), "SAM-P13-dubbele-artikelen")
    assert [(p.first.article, p.second.article) for p in result.pairs] == [("11", "10")]


def test_p13_passes_when_ordinances_do_not_overlap():
    result = corpus_result(run([WMO, PARTICIPATIE]), "SAM-P13-dubbele-artikelen")
    assert result.status == "pass"
    assert result.pairs == []


def test_p13_needs_two_documents():
    result = corpus_result(run([WMO]), "SAM-P13-dubbele-artikelen")
    assert result.status == "not_applicable"


# ----- P12 ----------------------------------------------------------------------------------------


def test_p12_fails_for_separate_ordinances():
    result = corpus_result(run([BEEKVELD]), "SAM-P12-een-verordening")
    assert result.status == "fail"
    assert result.values["integration"] == "separate"
    assert "aparte verordeningen" in result.message
    assert sorted(loc.path for loc in result.locations) == sorted(str(p) for p in (WMO, JEUGD, PARTICIPATIE))
    assert all(loc.line == 1 for loc in result.locations)


def test_p12_reports_partial_integration():
    result = corpus_result(run([WMO_JEUGD, PARTICIPATIE]), "SAM-P12-een-verordening")
    assert result.status == "fail"
    assert result.values["integration"] == "partial"
    assert "Wmo 2015 en Jeugdwet" in result.values["together"]
    assert "Participatiewet" in result.values["apart"]
    assert result.message.startswith("Gedeeltelijk geïntegreerd in Beekveld")


def test_p12_passes_for_one_integral_ordinance():
    result = corpus_result(run([INTEGRAAL]), "SAM-P12-een-verordening")
    assert result.status == "pass"
    assert result.values["integration"] == "integral"
    assert "Verordening sociaal domein Beekveld 2026" in result.message


def test_p12_in_english():
    result = corpus_result(run([WMO_JEUGD, PARTICIPATIE], lang="en"), "SAM-P12-een-verordening")
    assert result.message.startswith("Partly integrated in Beekveld")


# ----- grouping, summary, exit ------------------------------------------------------------------


def test_groups_by_municipality_then_directory(tmp_path):
    other = tmp_path / "elders"
    other.mkdir()
    text = WMO.read_text(encoding="utf-8").replace("Beekveld", "Haverdal")
    (other / "wmo-haverdal.md").write_text(text, encoding="utf-8")
    anonymous = tmp_path / "zonder-gemeente"
    anonymous.mkdir()
    (anonymous / "regels.md").write_text(
        "# Verordening maatschappelijke ondersteuning\n\nArtikel 1 Melding\n\nEen melding kan bij het loket.\n",
        encoding="utf-8",
    )
    digests = [digest(load_document(str(p))) for p in (WMO, JEUGD, other / "wmo-haverdal.md", anonymous / "regels.md")]
    groups = group_documents(digests)
    assert [(g.key, len(g.documents)) for g in groups] == [
        ("gemeente:beekveld", 2),
        ("gemeente:haverdal", 1),
        (f"map:{anonymous}", 1),
    ]
    by_dir = group_documents(digests, by="directory")
    assert {g.directory: len(g.documents) for g in by_dir} == {str(BEEKVELD): 2, str(other): 1, str(anonymous): 1}


def test_group_by_directory_in_the_pack(tmp_path):
    for i, src in enumerate((WMO, JEUGD)):
        d = tmp_path / f"map{i}"
        d.mkdir()
        shutil.copy(src, d / src.name)
    data = yaml.safe_load(builtin_packs()["samenhang"].read_text(encoding="utf-8"))
    for rule in data["rules"]:
        rule["group_by"] = "directory"
    pack = pack_from_data(data, "samenhang-per-map.yaml")
    result = run([tmp_path], packs=[pack])
    assert sorted(c.status for c in result.corpus if c.rule == "SAM-P13-dubbele-artikelen") == ["not_applicable"] * 2


def test_digest_is_small_and_picklable():
    d = digest(load_document(str(WMO)))
    assert pickle.loads(pickle.dumps(d)) == d
    assert d.municipality == "Beekveld" and d.laws == ("wmo2015",)
    assert [a.role for a in d.articles][:2] == ["definitions", "regular"]
    assert d.articles[-1].role == "closing"


def test_corpus_fails_count_in_summary_and_exit():
    result = run([BEEKVELD])
    assert result.summary.failed == 2
    assert result.summary.failed_by_severity == {"error": 0, "warning": 1, "info": 1}
    assert result.blocking("warning") == 1
    assert result.blocking("info") == 2
    assert result.blocking("error") == 0


def test_workers_give_the_same_bytes():
    one = run([BEEKVELD], jobs=1).model_dump_json()
    two = run([BEEKVELD], jobs=2).model_dump_json()
    assert one == two


def test_rules_test_runs_corpus_examples():
    results = run_pack_examples(load_packs(["samenhang"]))
    assert len(results) == 5
    assert all(r.ok for r in results), [(r.rule, r.expected, r.actual, r.message) for r in results if not r.ok]


def test_check_cli_runs_corpus_rules_with_the_pack(capsys):
    from typer.testing import CliRunner

    from sociaal_audit.cli import app

    out = CliRunner().invoke(app, ["check", "--pack", "samenhang", str(BEEKVELD), "-f", "json", "--fail-on", "warning"])
    assert out.exit_code == 1
    data = json.loads(out.stdout)
    assert {c["rule"]: c["status"] for c in data["corpus"]} == {
        "SAM-P12-een-verordening": "fail", "SAM-P13-dubbele-artikelen": "fail",
    }


def test_text_and_markdown_views_show_corpus_results():
    from sociaal_audit.output import RenderOptions, render

    result = run([BEEKVELD])
    text = render(result, "text", RenderOptions(lang="nl"))
    assert "Samenhang tussen documenten" in text
    assert f"{JEUGD}:73:1  Artikel 11 Hardheidsclausule" in text
    assert f"{WMO}:72:1  Artikel 10 Hardheidsclausule  (gelijkenis 96,9%)" in text
    markdown = render(result, "markdown", RenderOptions(lang="en"))
    assert "## Coherence across documents" in markdown
    assert "### P13 · No duplicated articles across the ordinances of one municipality (Beekveld)" in markdown


def test_p13_skips_groups_larger_than_max_documents():
    data = yaml.safe_load(builtin_packs()["samenhang"].read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if rule["id"] == "SAM-P13-dubbele-artikelen":
            rule["max_documents"] = 2
    pack = pack_from_data(data, "samenhang-klein.yaml")
    result = corpus_result(run([BEEKVELD], packs=[pack]), "SAM-P13-dubbele-artikelen")
    assert result.status == "not_applicable"
    assert "max_documents (2)" in result.message


def test_p13_does_not_compare_two_versions_of_one_ordinance():
    renumbered = DATA / "diff" / "wmo-beekveld-2026-hernummerd.md"
    result = corpus_result(run([WMO, renumbered]), "SAM-P13-dubbele-artikelen")
    assert result.status == "pass"
    assert result.values["version_pairs_skipped"] == 1
    with_jeugd = corpus_result(run([WMO, renumbered, JEUGD]), "SAM-P13-dubbele-artikelen")
    assert with_jeugd.values["count"] == 6  # the three shared articles, once per version


def test_corpus_json_validates_against_the_shipped_schema():
    from importlib.resources import files

    import jsonschema

    schema = json.loads((files("sociaal_audit") / "schemas" / "results.schema.json").read_text(encoding="utf-8"))
    data = json.loads(run([BEEKVELD, WMO_JEUGD]).model_dump_json())
    assert data["corpus"]
    jsonschema.Draft202012Validator(schema).validate(data)


def test_p12_integral_ordinance_beside_a_separate_one_passes_and_names_it():
    result = corpus_result(run([INTEGRAAL, PARTICIPATIE]), "SAM-P12-een-verordening")
    assert result.status == "pass"
    assert "Re-integratieverordening Participatiewet Beekveld 2026" in result.values["apart"]
    assert "Daarnaast nog apart" in result.message


def test_p12_names_laws_not_found():
    result = corpus_result(run([WMO, JEUGD]), "SAM-P12-een-verordening")
    assert result.values["integration"] == "separate"
    assert result.values["missing"] == "Participatiewet"
    assert "Niet aangetroffen in de gecontroleerde verordeningen: Participatiewet." in result.message


# ----- boilerplate, titles and grouping ------------------------------------------------------------

HAVERDAL = DATA / "haverdal"
HAVERDAL_WMO = HAVERDAL / "verordening-maatschappelijke-ondersteuning-haverdal-2026.md"
HAVERDAL_JEUGD = HAVERDAL / "verordening-jeugdhulp-haverdal-2026.md"


def test_p13_leaves_out_definitions_repeal_transitional_law_and_closing_articles():
    # Both ordinances also share near-identical Begripsomschrijvingen, Intrekking oude verordening
    # and Overgangsrecht articles: standard provisions, not overlap a council can remove.
    result = corpus_result(run([HAVERDAL]), "SAM-P13-dubbele-artikelen")
    assert result.status == "fail"
    pairs = [(p.first.article_title, p.second.article_title) for p in result.pairs]
    assert pairs == [
        ("Artikel 4 Klachten", "Artikel 4 Klachtregeling"),
        ("Artikel 5 Hardheidsclausule", "Artikel 5 Hardheidsclausule"),
    ]
    assert result.values["shared"] == "Hardheidsclausule; Klachten"


def test_article_roles_come_from_the_body_when_headings_are_missing():
    text = HAVERDAL_JEUGD.read_text(encoding="utf-8")
    bare = "\n".join(line.split(".")[0] if line.startswith("### Artikel") else line for line in text.splitlines())
    assert "### Artikel 6\n" in bare and "Intrekking" not in bare
    articles = digest(parse_source(bare.encode("utf-8"), "haverdal/jeugd.md")).articles
    roles = {a.number: a.role for a in articles}
    assert all(a.heading is None for a in articles)
    assert roles == {"1": "definitions", "2": "regular", "3": "regular", "4": "regular", "5": "regular",
                     "6": "closing", "7": "regular", "8": "closing", "9": "closing"}
    other_wording = bare.replace("1. In deze verordening wordt verstaan onder:",
                                 "1. Voor de toepassing van deze verordening en de daarop berustende bepalingen "
                                 "wordt verstaan onder:")
    assert "Voor de toepassing" in other_wording
    assert digest(parse_source(other_wording.encode("utf-8"), "haverdal/jeugd.md")).articles[0].role == "definitions"


def test_p12_one_sector_ordinance_says_which_law_it_covers():
    result = corpus_result(run([JEUGD]), "SAM-P12-een-verordening")
    assert result.status == "fail"
    assert result.message.startswith(
        "In Beekveld regelt de gecontroleerde verordening alleen de Jeugdwet: Verordening jeugdhulp Beekveld 2026")
    assert "aparte verordeningen" not in result.message
    assert "Niet aangetroffen in de gecontroleerde verordeningen: Wmo 2015 en Participatiewet." in result.message
    english = corpus_result(run([JEUGD], lang="en"), "SAM-P12-een-verordening")
    assert english.message.startswith("In Beekveld the checked ordinance covers only the Jeugdwet: ")


def test_p12_partial_integration_without_a_separate_ordinance_lists_nothing_apart():
    result = corpus_result(run([WMO_JEUGD]), "SAM-P12-een-verordening")
    assert result.values["integration"] == "partial"
    assert "maar niet alle drie. Niet aangetroffen in de gecontroleerde verordeningen: Participatiewet." in result.message
    assert "apart geregeld" not in result.message and ": ." not in result.message


def test_p13_compares_documents_without_a_title(tmp_path):
    # Two documents without a title are not two versions of one ordinance.
    hardship = ("Artikel 7 Hardheidsclausule\n\nHet college kan in bijzondere gevallen ten gunste van de {who} "
                "afwijken van de bepalingen van deze verordening, indien toepassing daarvan tot onbillijkheden van "
                "overwegende aard leidt.\n")
    (tmp_path / "wmo.txt").write_text(hardship.format(who="cliënt"), encoding="utf-8")
    (tmp_path / "jeugd.txt").write_text(hardship.format(who="jeugdige"), encoding="utf-8")
    checked = run([tmp_path], kind="verordening")
    assert [d.title for d in checked.documents] == ["Artikel 7 Hardheidsclausule"] * 2  # the first line stands in
    result = corpus_result(checked, "SAM-P13-dubbele-artikelen")
    assert result.values["version_pairs_skipped"] == 0
    assert result.status == "fail" and len(result.pairs) == 1
    assert result.message.count("(Artikel 7 Hardheidsclausule)") == 2


def test_p13_compares_ordinances_of_other_laws_under_one_generic_title(tmp_path):
    for source in (WMO, JEUGD):
        text = source.read_text(encoding="utf-8").split("\n", 1)[1]
        (tmp_path / source.name).write_text("# Gemeenteblad van de gemeente Beekveld\n" + text, encoding="utf-8")
    result = corpus_result(run([tmp_path]), "SAM-P13-dubbele-artikelen")
    assert result.values["version_pairs_skipped"] == 0
    assert result.values["count"] == 3


def test_document_without_municipality_joins_the_municipality_of_its_directory(tmp_path):
    folder = tmp_path / "beekveld"
    folder.mkdir()
    shutil.copy(WMO, folder / WMO.name)
    anonymous = JEUGD.read_text(encoding="utf-8").replace("De raad van de gemeente Beekveld;", "De raad;")
    (folder / "jeugd.md").write_text(anonymous.replace("Beekveld", ""), encoding="utf-8")
    result = run([folder])
    assert [d.municipality for d in result.documents] == [None, "Beekveld"]
    assert {(c.group, c.municipality, len(c.documents)) for c in result.corpus} == {("gemeente:beekveld", "Beekveld", 2)}
    assert corpus_result(result, "SAM-P13-dubbele-artikelen").values["count"] == 3


def test_document_without_municipality_among_several_stays_with_its_directory(tmp_path):
    for name, municipality in (("wmo-beekveld.md", "Beekveld"), ("wmo-haverdal.md", "Haverdal")):
        (tmp_path / name).write_text(WMO.read_text(encoding="utf-8").replace("Beekveld", municipality), encoding="utf-8")
    (tmp_path / "regels.md").write_text(
        "# Verordening maatschappelijke ondersteuning\n\nArtikel 1 Melding\n\nEen melding kan bij het loket.\n",
        encoding="utf-8",
    )
    digests = [digest(load_document(str(p))) for p in sorted(tmp_path.iterdir())]
    assert [(g.key, len(g.documents)) for g in group_documents(digests)] == [
        ("gemeente:beekveld", 1), ("gemeente:haverdal", 1), (f"map:{tmp_path}", 1),
    ]


def test_terminal_view_says_how_many_pairs_it_leaves_out(tmp_path):
    from sociaal_audit.output import RenderOptions, render

    topics = ["melding", "onderzoek", "aanvraag", "beschikking", "budget", "bijdrage", "klachten", "bezwaar",
              "evaluatie", "inspraak", "terugvordering", "toezicht"]
    body = ("Het college legt de afspraken over de {topic} schriftelijk vast en stelt de {who} binnen tien "
            "werkdagen in de gelegenheid om op de vastlegging van de {topic} te reageren, mondeling of schriftelijk.")
    for title, who in (("Verordening maatschappelijke ondersteuning Beekveld 2026", "cliënt"),
                       ("Verordening jeugdhulp Beekveld 2026", "jeugdige")):
        articles = "\n\n".join(f"Artikel {n} {topic.capitalize()}\n\n" + body.format(topic=topic, who=who)
                               for n, topic in enumerate(topics, start=1))
        (tmp_path / f"{who}.md").write_text(f"# {title}\n\nDe raad van de gemeente Beekveld;\n\n{articles}\n",
                                            encoding="utf-8")
    result = run([tmp_path])
    assert corpus_result(result, "SAM-P13-dubbele-artikelen").values["count"] == 12
    text = render(result, "text", RenderOptions(lang="nl"))
    assert text.count("(gelijkenis ") == 10
    assert "… en nog 2 paar/paren (alle paren: --format json, markdown of html)" in text


AMENDMENT = """# Verordening tot wijziging van de Verordening maatschappelijke ondersteuning Beekveld 2026

De raad van de gemeente Beekveld;

gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;

besluit vast te stellen de volgende verordening:

### Artikel I

De Verordening maatschappelijke ondersteuning Beekveld 2026 wordt als volgt gewijzigd:

A. Artikel 8, tweede lid, komt te luiden:

2. Een klacht kan schriftelijk, mondeling of elektronisch worden ingediend; het college bevestigt de ontvangst binnen vijf werkdagen en handelt de klacht binnen vier weken af, en informeert de indiener over de mogelijkheid van bemiddeling.

B. Artikel 10 komt te luiden:

Artikel 10. Hardheidsclausule

1. Het college kan in bijzondere gevallen ten gunste van de cliënt afwijken van de bepalingen van deze verordening, indien toepassing daarvan tot onbillijkheden van overwegende aard leidt.
2. Het college kan voor de toepassing van het eerste lid een budget reserveren en legt jaarlijks aan de raad verantwoording af over de gevallen waarin het van deze bevoegdheid gebruik heeft gemaakt.

### Artikel II

Deze verordening treedt in werking op de dag na bekendmaking.
"""


def test_an_amending_ordinance_is_neither_overlap_nor_a_separate_ordinance(tmp_path):
    amendment = tmp_path / "wijziging-wmo-beekveld.md"
    amendment.write_text(AMENDMENT, encoding="utf-8")
    result = run([WMO, JEUGD, amendment])
    p13 = corpus_result(result, "SAM-P13-dubbele-artikelen")
    assert p13.values["amendments_skipped"] == 1
    assert {str(amendment)} & {loc.path for p in p13.pairs for loc in (p.first, p.second)} == set()
    assert p13.values["count"] == 3
    p12 = corpus_result(result, "SAM-P12-een-verordening")
    assert sorted(loc.path for loc in p12.locations) == sorted([str(WMO), str(JEUGD)])
    assert "wijziging" not in p12.message
    alone = run([amendment])
    assert corpus_result(alone, "SAM-P12-een-verordening").status == "not_applicable"
    assert "alleen wijzigingsverordeningen" in corpus_result(alone, "SAM-P12-een-verordening").message
