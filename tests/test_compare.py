"""The comparison table: cells per principle, municipality merging, CSV and HTML output."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser

from sociaal_audit.compare import build_table
from sociaal_audit.output.compare_render import render_csv, render_html
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


def test_csv_output_parses_with_totals(tmp_path):
    table = build_table([_run(tmp_path)], by="document")
    rows = list(csv.reader(io.StringIO(render_csv(table))))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[0] == "Document" and header[2:-2] == table.principles
    assert len(body) == 3
    p05 = header.index("P05")
    assert [r[p05] for r in body] == ["fail", "pass", "fail"]
    assert totals[0] == "Totaal" and totals[p05] == "1/2"


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
