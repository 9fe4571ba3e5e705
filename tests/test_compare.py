"""The comparison table: cells per principle, municipality merging, CSV and HTML output."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from sociaal_audit.compare import build_table
from sociaal_audit.output.compare_render import render_csv, render_html, render_json
from sociaal_audit.runner import CheckOptions, check_paths

WMO = """# Verordening maatschappelijke ondersteuning Beekveld 2026

De raad van de gemeente Beekveld;
gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;
besluit vast te stellen de volgende verordening:

## Artikel 1. Hardheidsclausule

Het college kan in bijzondere gevallen afwijken van de bepalingen van deze verordening, indien toepassing daarvan tot onbillijkheden van overwegende aard leidt.

## Artikel 2. Bekostiging

Het college bekostigt aanbieders taakgericht met een budget per wijk.
"""

JEUGD = """# Verordening jeugdhulp Beekveld 2026

De raad van de gemeente Beekveld;
gelet op artikel 2.9 van de Jeugdwet;
besluit vast te stellen de volgende verordening:

## Artikel 1. Bekostiging

Het college bekostigt jeugdhulpaanbieders per uur geleverde jeugdhulp.

## Artikel 2. Evaluatie

Het college evalueert deze verordening binnen twee jaar na inwerkingtreding.
"""

OTHER = """# Verordening maatschappelijke ondersteuning Dalwijk 2026

De raad van de gemeente Dalwijk;
besluit vast te stellen de volgende verordening:

## Artikel 1. Melding

Een melding kan schriftelijk worden gedaan.
"""


def _run(tmp_path):
    for name, text in (("beekveld-wmo.md", WMO), ("beekveld-jeugd.md", JEUGD), ("dalwijk-wmo.md", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return check_paths([str(tmp_path)], CheckOptions())


def test_document_rows_have_a_cell_per_principle(tmp_path):
    table = build_table([_run(tmp_path)], by="document")
    assert [r.label for r in table.rows] == [
        "Verordening jeugdhulp Beekveld 2026",
        "Verordening maatschappelijke ondersteuning Beekveld 2026",
        "Verordening maatschappelijke ondersteuning Dalwijk 2026",
    ]
    jeugd, wmo, dalwijk = table.rows
    assert wmo.cells["P05"] == "pass" and jeugd.cells["P05"] == "fail"
    assert jeugd.cells["P26"] == "fail" and wmo.cells["P26"] == "pass"
    assert jeugd.cells["P07"] == "pass" and dalwijk.cells["P07"] == "fail"
    assert all(set(r.cells) == set(table.principles) for r in table.rows)
    assert table.column_passed["P05"] == 1 and table.column_failed["P05"] == 2


def test_municipality_rows_merge_documents(tmp_path):
    table = build_table([_run(tmp_path)], by="municipality")
    rows = {r.label: r for r in table.rows}
    assert set(rows) == {"Beekveld", "Dalwijk"}
    # one of Beekveld's ordinances has the hardship clause: the municipality meets P05
    assert rows["Beekveld"].cells["P05"] == "pass"
    assert rows["Beekveld"].cells["P07"] == "pass"
    assert rows["Dalwijk"].cells["P05"] == "fail"
    assert len(rows["Beekveld"].documents) == 2


def test_a_quoted_failing_provision_fails_the_municipality(tmp_path):
    """Beekveld's Wmo ordinance finances per wijk (P26 passes) but its youth ordinance finances
    per hour (P26 fails, quoted): the other ordinance does not undo that, so Beekveld fails P26."""
    run = _run(tmp_path)
    per_doc = {r.label: r.cells["P26"] for r in build_table([run]).rows}
    assert per_doc["Verordening jeugdhulp Beekveld 2026"] == "fail"
    assert per_doc["Verordening maatschappelijke ondersteuning Beekveld 2026"] == "pass"
    rows = {r.label: r for r in build_table([run], by="municipality").rows}
    assert rows["Beekveld"].cells["P26"] == "fail"
    # a provision that is missing from one ordinance and present in the other is met (requires)
    assert rows["Beekveld"].cells["P05"] == "pass"


def test_municipalities_are_grouped_like_the_checks_across_documents(tmp_path):
    """Names without case or diacritics; undetected municipalities by directory, never lumped together."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "wmo.md").write_text(WMO.replace("Beekveld", "Súdwest-Fryslân"), encoding="utf-8")
    (tmp_path / "a" / "jeugd.md").write_text(JEUGD.replace("Beekveld", "Sudwest-Fryslan"), encoding="utf-8")
    anonymous = OTHER.replace("De raad van de gemeente Dalwijk;\n", "").replace(" Dalwijk 2026", "")
    (tmp_path / "a" / "zonder-naam.md").write_text(anonymous, encoding="utf-8")
    (tmp_path / "b" / "zonder-naam.md").write_text(anonymous, encoding="utf-8")
    run = check_paths([str(tmp_path)], CheckOptions(packs=["integraliteit", "samenhang"]))
    assert sorted(d.municipality or "-" for d in run.documents) == ["-", "-", "Sudwest-Fryslan", "Súdwest-Fryslân"]
    rows = build_table([run], by="municipality").rows
    assert len(rows) == 2
    # the document without a name joins the one municipality the others in its directory name
    fryslan = next(r for r in rows if r.key.startswith("gemeente:"))
    assert fryslan.label == "Sudwest-Fryslan"  # label of the first path: a/jeugd.md
    assert fryslan.documents == sorted(str(tmp_path / "a" / n) for n in ("jeugd.md", "wmo.md", "zonder-naam.md"))
    assert [r.label for r in rows if r.key.startswith("map:")] == [str(tmp_path / "b")]
    # exactly the groups of the checks across documents
    corpus_groups = {tuple(sorted(c.documents)) for c in run.corpus if c.rule == "SAM-P13-dubbele-artikelen"}
    assert corpus_groups == {tuple(r.documents) for r in rows}


def test_municipality_names_are_normalised_as_the_checks_across_documents_do(tmp_path):
    """A typographic apostrophe (from the text) and a plain one (from metadata) name one municipality."""
    (tmp_path / "wmo.md").write_text(WMO.replace("Beekveld", "’s-Hertogenbosch"), encoding="utf-8")
    (tmp_path / "jeugd.md").write_text(JEUGD.replace("Beekveld", "'s-Hertogenbosch"), encoding="utf-8")
    run = check_paths([str(tmp_path)], CheckOptions(packs=["integraliteit", "samenhang"]))
    assert sorted(d.municipality for d in run.documents) == ["'s-Hertogenbosch", "’s-Hertogenbosch"]
    (row,) = build_table([run], by="municipality").rows
    assert (row.key, row.label) == ("gemeente:'s-hertogenbosch", "'s-Hertogenbosch")
    assert row.documents == [str(tmp_path / "jeugd.md"), str(tmp_path / "wmo.md")]
    assert {c.group for c in run.corpus} == {row.key}


def test_municipality_rows_by_directory_when_the_config_says_so(tmp_path):
    """corpus: {group_by: directory}: one row per folder, whatever the documents name."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "wmo.md").write_text(WMO, encoding="utf-8")
    (tmp_path / "b" / "jeugd.md").write_text(JEUGD, encoding="utf-8")
    run = check_paths([str(tmp_path)], CheckOptions())
    assert [r.documents for r in build_table([run], by="municipality").rows] == [
        [str(tmp_path / "a" / "wmo.md"), str(tmp_path / "b" / "jeugd.md")]]
    rows = build_table([run], by="municipality", group_by="directory").rows
    assert [(r.key, r.label, r.municipality) for r in rows] == [
        (f"map:{tmp_path / 'a'}", str(tmp_path / "a"), None), (f"map:{tmp_path / 'b'}", str(tmp_path / "b"), None)]


def test_results_across_documents_count_for_the_municipality():
    """With the samenhang pack alone, P12 and P13 come only from results across documents."""
    beekveld = Path(__file__).parent / "corpus" / "data" / "beekveld"
    run = check_paths([str(beekveld)], CheckOptions(packs=["samenhang"]))
    statuses = {c.rule: c.status for c in run.corpus}
    (row,) = build_table([run], by="municipality").rows
    assert row.label == "Beekveld"
    assert row.cells["P12"] == _expected(statuses["SAM-P12-een-verordening"])
    assert row.cells["P13"] == _expected(statuses["SAM-P13-dubbele-artikelen"])
    assert {row.cells["P12"], row.cells["P13"]} != {"na"}


def _expected(status: str) -> str:
    return {"not_applicable": "na"}.get(status, status)


def test_csv_output_parses_with_totals(tmp_path):
    table = build_table([_run(tmp_path)], by="document")
    text = render_csv(table)
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the byte order mark
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header, body, passed, failed = rows[0], rows[1:-2], rows[-2], rows[-1]
    assert header[:3] == ["Document", "Gemeente", "Bestand"] and header[3:-2] == table.principles
    assert len(body) == 3
    assert [r[2] for r in body] == [r.key for r in table.rows]  # the file tells equal titles apart
    p05 = header.index("P05")
    assert [r[p05] for r in body] == ["fail", "pass", "fail"]
    # totals as plain numbers, one row each: "1/2" would become a date in a spreadsheet
    assert passed[0] == "Totaal in orde" and passed[p05] == "1"
    assert failed[0] == "Totaal ontbreekt" and failed[p05] == "2"


def test_csv_defuses_formulas_in_titles(tmp_path):
    (tmp_path / "x.md").write_text(WMO.replace("# Verordening", "# =HYPERLINK(\"http://x\") Verordening"), encoding="utf-8")
    table = build_table([check_paths([str(tmp_path)], CheckOptions())], by="document")
    rows = list(csv.reader(io.StringIO(render_csv(table).removeprefix("\ufeff"))))
    assert rows[1][0].startswith("'=HYPERLINK")


def test_municipality_csv_lists_the_files_of_each_row(tmp_path):
    table = build_table([_run(tmp_path)], by="municipality")
    rows = list(csv.reader(io.StringIO(render_csv(table, "en").removeprefix("\ufeff"))))
    assert rows[0][:2] == ["Municipality", "Files"]
    beekveld = next(r for r in rows if r[0] == "Beekveld")
    assert sorted(Path(p).name for p in beekveld[1].split(";")) == ["beekveld-jeugd.md", "beekveld-wmo.md"]
    assert rows[-2][0] == "Total passed" and rows[-1][0] == "Total failed"


def test_markdown_rows_name_their_file(tmp_path):
    from sociaal_audit.output.compare_render import render_markdown

    for year in ("2015", "2019"):  # two versions with the same title
        (tmp_path / f"wmo_{year}.md").write_text(WMO.replace("Beekveld 2026", "Beekveld"), encoding="utf-8")
    md = render_markdown(build_table([check_paths([str(tmp_path)], CheckOptions())]), "nl")
    rows = [line for line in md.splitlines() if line.startswith("| Verordening")]
    assert len(rows) == 2 and "wmo\\_2015.md" in rows[0] and "wmo\\_2019.md" in rows[1]
    assert md.splitlines()[4].startswith("| Document | Bestand | P01 |")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_sortable_and_escaped(tmp_path):
    (tmp_path / "x.md").write_text(WMO.replace("Beekveld 2026", "<script>alert(1)</script>"), encoding="utf-8")
    run = check_paths([str(tmp_path)], CheckOptions())
    html = render_html(build_table([run]), "nl")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parser = _Collector()
    parser.feed(html)
    tags = parser.tags
    assert ("html", {"lang": "nl"}) in tags
    assert not any(t == "link" or (t in ("script", "img") and "src" in a) for t, a in tags)
    assert "http://" not in html and "https://" not in html
    headers = [a for t, a in tags if t == "th"]
    assert all(a.get("scope") == "col" for a in headers)
    assert sum(1 for t, a in tags if t == "button" and "data-col" in a) == len(build_table([run]).principles) + 3
    assert any(t == "input" and a.get("type") == "search" for t, a in tags)


def test_cli_compare_reads_saved_json(tmp_path):
    _run(tmp_path)
    saved = tmp_path / "results.json"
    cmd = [sys.executable, "-m", "sociaal_audit"]
    subprocess.run([*cmd, "check", str(tmp_path), "--format", "json", "-o", str(saved), "--fail-on", "never"], check=True)
    out = subprocess.run([*cmd, "compare", str(saved), "--format", "json", "--by", "municipality"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert [r["label"] for r in data["rows"]] == ["Beekveld", "Dalwijk"]


def test_outputs_explain_each_principle_column(tmp_path):
    from sociaal_audit.output.compare_render import render_markdown

    table = build_table([_run(tmp_path)], by="document")
    md = render_markdown(table, "nl")
    html = render_html(table, "en")
    for p in table.principles:
        title = table.principle_titles[p]
        assert title and f"- **{p}** " in md
        assert f"<dt>{p}</dt>" in html
    assert "## Principes" in md and "<h2>Principles</h2>" in html


def test_cli_compare_of_documents_equals_the_table_of_the_run(tmp_path):
    """The command streams document results into the table; the table is the one of the whole run,
    for any number of workers."""
    run = _run(tmp_path)
    expected = json.loads(render_json(build_table([run], by="municipality")))
    cmd = [sys.executable, "-m", "sociaal_audit"]
    for jobs in ("1", "2"):
        out = subprocess.run([*cmd, "compare", str(tmp_path), "--format", "json", "--by", "municipality", "--jobs", jobs],
                             capture_output=True, text=True, check=True)
        assert json.loads(out.stdout) == expected


def test_cli_compare_refuses_broken_saved_results_in_one_line(tmp_path):
    broken = tmp_path / "resultaten.json"
    broken.write_text('{"schema_version": "1.0", "tool": {"name": "sociaal-audit"}, "documents": [{"path": 3}]}',
                      encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sociaal_audit", "compare", str(broken), "--format", "csv"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "resultaten.json" in proc.stderr and proc.stdout == ""


def test_cli_compare_reads_saved_results_in_a_directory_and_a_glob(tmp_path):
    """A researcher keeps one results file per municipality in one folder."""
    docs = tmp_path / "docs"
    docs.mkdir()
    _run(docs)
    saved = tmp_path / "resultaten"
    saved.mkdir()
    cmd = [sys.executable, "-m", "sociaal_audit"]
    for name in ("beekveld", "dalwijk"):
        subprocess.run([*cmd, "check", *map(str, docs.glob(f"{name}-*.md")), "--format", "json",
                        "-o", str(saved / f"{name}.json"), "--fail-on", "never"], check=True)
    for target in (str(saved), str(saved / "*.json")):
        out = subprocess.run([*cmd, "compare", target, "--format", "json", "--by", "municipality"],
                             capture_output=True, text=True, check=True)
        assert [r["label"] for r in json.loads(out.stdout)["rows"]] == ["Beekveld", "Dalwijk"], target


def test_cli_compare_reads_the_configuration_as_check_does(tmp_path):
    """Disabled rules, include/exclude, config ignores and inline suppressions (accepted findings do
    not fail their cell) and the grouping of municipalities come from sociaal-audit.yaml."""
    (tmp_path / "beekveld").mkdir()
    (tmp_path / "beekveld" / "wmo.md").write_text(WMO, encoding="utf-8")
    (tmp_path / "beekveld" / "jeugd.md").write_text(
        JEUGD.replace("## Artikel 1. Bekostiging",
                      '<!-- sociaal-audit: negeer INT-P26 reden="contract loopt af in 2027" -->\n\n## Artikel 1. Bekostiging'),
        encoding="utf-8")
    (tmp_path / "beekveld" / "concept.md").write_text(OTHER, encoding="utf-8")
    cmd = [sys.executable, "-m", "sociaal_audit", "compare", "beekveld", "beekveld/concept.md", "--format", "json"]
    before = json.loads(subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, check=True).stdout)
    jeugd = next(r for r in before["rows"] if r["key"].endswith("jeugd.md"))
    assert "P16" in before["principles"] and len(before["rows"]) == 3
    assert jeugd["cells"]["P26"] == "na"  # the inline suppression is read without any config
    assert jeugd["cells"]["P05"] == "fail"
    (tmp_path / "sociaal-audit.yaml").write_text(
        "lang: en\n"
        "disable: [INT-P16]\n"
        "exclude: [beekveld/concept.md]\n"
        "ignore:\n"
        "  - path: beekveld/jeugd.md\n"
        "    rules: INT-P05\n"
        '    reason: "de hardheidsclausule staat in de Wmo-verordening"\n'
        "corpus: {group_by: directory}\n", encoding="utf-8")
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    after = json.loads(proc.stdout)
    assert "P16" not in after["principles"]
    assert [r["key"] for r in after["rows"]] == [str(Path("beekveld") / "jeugd.md"), str(Path("beekveld") / "wmo.md")]
    assert next(r for r in after["rows"] if r["key"].endswith("jeugd.md"))["cells"]["P05"] == "na"
    assert "beekveld/concept.md: not checked: excluded by 'exclude' (beekveld/concept.md)" in proc.stderr
    by_folder = subprocess.run([*cmd, "--by", "municipality"], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert [r["key"] for r in json.loads(by_folder.stdout)["rows"]] == ["map:beekveld"]
