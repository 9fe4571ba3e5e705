"""Renderers for the comparison table (``sociaal-audit compare``): CSV, Markdown, HTML and JSON.

The HTML page is one self-contained file: inline CSS and a small inline script for sorting (click a
column header) and filtering (type in the search box). Every text from the documents is escaped
by jinja2's autoescape. Without JavaScript the table is still complete and readable.
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..compare import CompareTable
from .csv_output import safe_cell

SYMBOL = {"pass": "✓", "fail": "✗", "na": "–", "error": "!"}
WORDS = {
    "nl": {"pass": "in orde", "fail": "ontbreekt", "na": "n.v.t.", "error": "fout", "document": "Document",
           "municipality": "Gemeente", "passed": "in orde", "failed": "ontbreekt", "total": "Totaal",
           "title": "Vergelijking integraliteitsprincipes", "filter": "Filter rijen", "path": "Bestand",
           "paths": "Bestanden",
           "intro": "Per rij: welke principes in orde zijn (✓), ontbreken (✗) of niet van toepassing zijn (–).",
           "sorthint": "Klik op een kolomkop om te sorteren.",
           "rows": "rijen", "legend": "Principes", "documents": "document(en)"},
    "en": {"pass": "pass", "fail": "fail", "na": "n/a", "error": "error", "document": "Document",
           "municipality": "Municipality", "passed": "passed", "failed": "failed", "total": "Total",
           "title": "Comparison of integrality principles", "filter": "Filter rows", "path": "File",
           "paths": "Files",
           "intro": "Per row: which principles pass (✓), fail (✗) or do not apply (–).",
           "sorthint": "Click a column header to sort.",
           "rows": "rows", "legend": "Principles", "documents": "document(s)"},
}


def render_csv(table: CompareTable, lang: str = "nl") -> str:
    """One row per document or municipality, then one row of column totals per outcome. UTF-8
    with a byte order mark (Excel shows é and ë); cells that start like a formula are defused."""
    w = WORDS[lang]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if table.by == "municipality":
        writer.writerow([w["municipality"], w["paths"], *table.principles, w["passed"], w["failed"]])
    else:
        writer.writerow([w["document"], w["municipality"], w["path"], *table.principles, w["passed"], w["failed"]])
    blanks = ["", ""] if table.by == "document" else [""]
    for row in table.rows:
        if table.by == "municipality":
            first = [safe_cell(row.label), safe_cell(";".join(row.documents))]
        else:
            first = [safe_cell(row.label), safe_cell(row.municipality), safe_cell(row.key)]
        writer.writerow([*first, *(row.cells[p] for p in table.principles), row.passed, row.failed])
    # two rows of plain numbers: "1/2" in one cell would turn into a date in a spreadsheet
    writer.writerow([f"{w['total']} {w['passed']}", *blanks, *(table.column_passed[p] for p in table.principles), "", ""])
    writer.writerow([f"{w['total']} {w['failed']}", *blanks, *(table.column_failed[p] for p in table.principles), "", ""])
    return "\ufeff" + buf.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _md(text: str) -> str:
    """Text for one Markdown table cell: no markup, no HTML, no line breaks."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def render_markdown(table: CompareTable, lang: str = "nl") -> str:
    w = WORDS[lang]
    head = w["municipality"] if table.by == "municipality" else w["document"]
    lines = [f"# {w['title']}", "", w["intro"], ""]
    by_document = table.by == "document"
    first = [head, w["path"]] if by_document else [head]  # titles repeat across versions: the file tells them apart
    lines.append("| " + " | ".join([*first, *table.principles, w["passed"], w["failed"]]) + " |")
    lines.append("|" + "---|" * (len(first) + len(table.principles) + 2))
    for row in table.rows:
        cells = [SYMBOL[row.cells[p]] for p in table.principles]
        label = [_md(row.label), _md(row.key)] if by_document else [_md(row.label)]
        lines.append("| " + " | ".join([*label, *cells, str(row.passed), str(row.failed)]) + " |")
    totals = [f"{table.column_passed[p]}✓ {table.column_failed[p]}✗" for p in table.principles]
    lines.append("| " + " | ".join([f"**{w['total']}**", *([""] if by_document else []), *totals, "", ""]) + " |")
    lines.append("")
    lines.append("✓ " + w["pass"] + " · ✗ " + w["fail"] + " · – " + w["na"] + " · ! " + w["error"])
    lines += ["", f"## {w['legend']}", ""]
    lines += [f"- **{p}** {_md(table.principle_titles.get(p, ''))}" for p in table.principles]
    return "\n".join(lines) + "\n"


def render_json(table: CompareTable, lang: str = "nl") -> str:
    return json.dumps(table.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


_HTML = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ w.title }}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;margin:1.5rem;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 .5rem}
p.intro{max-width:60rem}
label{font-weight:600;margin-right:.5rem}
input[type=search]{font-size:1rem;padding:.3rem .5rem;border:1px solid #555;border-radius:4px;width:20rem}
table{border-collapse:collapse;margin-top:1rem;font-size:.9rem}
th,td{border:1px solid #8a8a8a;padding:.25rem .4rem;text-align:center}
th{background:#e8eef5;position:sticky;top:0}
th button{all:unset;cursor:pointer;font-weight:700}
th button:focus{outline:2px solid #0b4f9c}
td.label{text-align:left;max-width:28rem}
td.pass{background:#dff0d8;color:#1e4620}
td.fail{background:#f8d7da;color:#6b1a1f;font-weight:700}
td.na{color:#555}
td.error{background:#fff3cd;color:#5c4400}
tfoot td{font-weight:700;background:#f2f2f2}
.small{font-size:.8rem;color:#444}
h2{font-size:1.15rem;margin-top:1.5rem}
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;max-width:60rem}
dl.legend dt{font-weight:700}dl.legend dd{margin:0}
@media print{input,label,.noprint{display:none}th{position:static}thead{display:table-header-group}tr{break-inside:avoid}}
</style>
</head>
<body>
<main>
<h1>{{ w.title }}</h1>
<p class="intro">{{ w.intro }} <span class="noprint">{{ w.sorthint }}</span></p>
<p class="noprint"><label for="filter">{{ w.filter }}</label><input id="filter" type="search" autocomplete="off"> <span id="count" class="small"></span></p>
<table id="compare">
<caption class="small">{{ table.rows|length }} {{ w.rows }}</caption>
<thead><tr>
<th scope="col"><button type="button" data-col="0">{{ head }}</button></th>
{% for p in table.principles %}<th scope="col" title="{{ table.principle_titles.get(p, '') }}"><button type="button" data-col="{{ loop.index }}">{{ p }}</button></th>
{% endfor %}<th scope="col"><button type="button" data-col="{{ table.principles|length + 1 }}" data-num="1">{{ w.passed }}</button></th>
<th scope="col"><button type="button" data-col="{{ table.principles|length + 2 }}" data-num="1">{{ w.failed }}</button></th>
</tr></thead>
<tbody>
{% for row in table.rows %}<tr>
<td class="label"><strong>{{ row.label }}</strong>{% if table.by == "document" %}<br><span class="small">{{ row.municipality or "" }} · {{ row.key }}</span>{% else %}<br><span class="small">{{ row.documents|length }} {{ w.documents }}</span>{% endif %}</td>
{% for p in table.principles %}{% set c = row.cells[p] %}<td class="{{ c }}" data-sort="{{ order[c] }}" title="{{ p }}: {{ w[c] }}"><span aria-hidden="true">{{ symbol[c] }}</span><span class="sr">{{ w[c] }}</span></td>
{% endfor %}<td data-sort="{{ row.passed }}">{{ row.passed }}</td><td data-sort="{{ row.failed }}">{{ row.failed }}</td>
</tr>
{% endfor %}</tbody>
<tfoot><tr><td class="label">{{ w.total }}</td>
{% for p in table.principles %}<td>{{ table.column_passed[p] }}✓ {{ table.column_failed[p] }}✗</td>
{% endfor %}<td></td><td></td></tr></tfoot>
</table>
<p class="small">✓ {{ w.pass }} · ✗ {{ w.fail }} · – {{ w.na }} · ! {{ w.error }}</p>
<h2>{{ w.legend }}</h2>
<dl class="legend">
{% for p in table.principles %}<dt>{{ p }}</dt><dd>{{ table.principle_titles.get(p, '') }}</dd>
{% endfor %}</dl>
</main>
<style>.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>
<script>
(function(){
var table=document.getElementById('compare'),body=table.tBodies[0],filter=document.getElementById('filter'),count=document.getElementById('count');
function update(){var q=filter.value.toLowerCase(),n=0;for(var i=0;i<body.rows.length;i++){var r=body.rows[i],show=r.cells[0].textContent.toLowerCase().indexOf(q)>=0;r.hidden=!show;if(show)n++;}count.textContent=n+' / '+body.rows.length;}
filter.addEventListener('input',update);
var dir={};
table.tHead.addEventListener('click',function(e){var b=e.target.closest('button');if(!b)return;var col=+b.dataset.col;dir[col]=-(dir[col]||-1);
var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,c){var x=a.cells[col],y=c.cells[col];
var kx=x.dataset.sort!==undefined?+x.dataset.sort:x.textContent.toLowerCase(),ky=y.dataset.sort!==undefined?+y.dataset.sort:y.textContent.toLowerCase();
return (kx<ky?-1:kx>ky?1:0)*dir[col];});rows.forEach(function(r){body.appendChild(r);});
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){if(i===col)th.setAttribute('aria-sort',dir[col]>0?'ascending':'descending');else th.removeAttribute('aria-sort');});});
update();
})();
</script>
</body>
</html>
"""


def render_html(table: CompareTable, lang: str = "nl") -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
    w = WORDS[lang]
    head = w["municipality"] if table.by == "municipality" else w["document"]
    order = {"fail": 0, "error": 1, "na": 2, "pass": 3}
    return env.from_string(_HTML).render(table=table, lang=lang, w=w, head=head, symbol=SYMBOL, order=order)


RENDERERS = {"csv": render_csv, "markdown": render_markdown, "html": render_html, "json": render_json}
