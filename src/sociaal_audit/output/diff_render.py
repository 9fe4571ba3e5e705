"""Rendering a :class:`~sociaal_audit.diff.DiffResult`: terminal text (rich), Markdown, HTML
(jinja2 with autoescape and inline CSS, one self-contained file) and JSON. Dutch by default.

Only the diff result is read; every format says which articles were added, removed, changed or
renumbered, which rules changed result, and whether the new version is better or worse.
"""

from __future__ import annotations

import io
import json

from .labels import label

FORMATS = ("text", "markdown", "html", "json")

_L: dict[str, dict[str, str]] = {
    "heading": {"nl": "Verschillen tussen twee versies", "en": "Differences between two versions"},
    "old": {"nl": "oud", "en": "old"},
    "new": {"nl": "nieuw", "en": "new"},
    "articles_n": {"nl": "{n} artikelen", "en": "{n} articles"},
    "articles": {"nl": "Artikelen", "en": "Articles"},
    "rules": {"nl": "Regels met een andere uitkomst", "en": "Rules with a different result"},
    "added": {"nl": "toegevoegd", "en": "added"},
    "removed": {"nl": "vervallen", "en": "removed"},
    "changed": {"nl": "gewijzigd", "en": "changed"},
    "renumbered": {"nl": "vernummerd", "en": "renumbered"},
    "unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "text_changed": {"nl": "tekst gewijzigd", "en": "text changed"},
    "worse": {"nl": "slechter", "en": "worse"},
    "better": {"nl": "beter", "en": "better"},
    "other": {"nl": "anders", "en": "other"},
    "no_article_changes": {"nl": "Geen artikelen gewijzigd.", "en": "No articles changed."},
    "no_articles": {
        "nl": "In {which} zijn geen artikelen herkend: de tekst is niet per artikel vergeleken, alleen de "
              "uitkomsten van de toetsregels.",
        "en": "No articles were recognised in {which}: the text was not compared article by article, only the "
              "results of the rules.",
    },
    "no_articles_old": {"nl": "de oude versie", "en": "the old version"},
    "no_articles_new": {"nl": "de nieuwe versie", "en": "the new version"},
    "no_articles_both": {"nl": "beide versies", "en": "either version"},
    "no_rule_changes": {"nl": "Geen regel kreeg een andere uitkomst.", "en": "No rule changed its result."},
    "article_counts": {
        "nl": "{added} toegevoegd, {removed} vervallen, {changed} gewijzigd, {renumbered} vernummerd, "
              "{unchanged} ongewijzigd",
        "en": "{added} added, {removed} removed, {changed} changed, {renumbered} renumbered, {unchanged} unchanged",
    },
    "rule_counts": {
        "nl": "{worse} slechter, {better} beter, {other} anders",
        "en": "{worse} worse, {better} better, {other} other",
    },
    "verdict": {"nl": "Oordeel", "en": "Verdict"},
    "verdict_worse": {
        "nl": "De nieuwe versie scoort slechter op de principes.",
        "en": "The new version scores worse against the principles.",
    },
    "verdict_better": {
        "nl": "De nieuwe versie scoort beter op de principes.",
        "en": "The new version scores better against the principles.",
    },
    "verdict_mixed": {
        "nl": "De nieuwe versie scoort op sommige principes beter en op andere slechter.",
        "en": "The new version scores better on some principles and worse on others.",
    },
    "verdict_same": {
        "nl": "De nieuwe versie scoort gelijk op de principes.",
        "en": "The new version scores the same against the principles.",
    },
    "none": {"nl": "geen", "en": "none"},
    "date": {"nl": "datum", "en": "date"},
    "similarity": {"nl": "gelijkenis", "en": "similarity"},
    "line": {"nl": "regel", "en": "line"},
    "status": {"nl": "status", "en": "status"},
    "rule": {"nl": "toetsregel", "en": "rule"},
    "result": {"nl": "uitkomst", "en": "result"},
    "was": {"nl": "was", "en": "was"},
}


def t(key: str, lang: str, **params: object) -> str:
    entry = _L[key]
    text = entry.get(lang) or entry["nl"]
    return text.format(**params) if params else text


def no_articles_note(diff, lang: str) -> str | None:
    """A note when a version has no recognised articles (a policy plan, an unstructured text):
    then 'no articles changed' would say more than was compared."""
    old, new = diff.old.articles == 0, diff.new.articles == 0
    if not (old or new):
        return None
    which = "no_articles_both" if old and new else ("no_articles_old" if old else "no_articles_new")
    return t("no_articles", lang, which=t(which, lang))


def status_label(status: str | None, lang: str) -> str:
    return label(status, lang) if status else t("none", lang)


def verdict(diff) -> str:
    s = diff.summary
    if s.worse and s.better:
        return "verdict_mixed"
    if s.worse:
        return "verdict_worse"
    if s.better:
        return "verdict_better"
    return "verdict_same"


def _pct(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "nl" else text) + "%"


def article_line(a, lang: str) -> str:
    """One line describing an article change, e.g. 'Artikel 8 Klachten → Artikel 9 Klachten (99,5%)'."""
    if a.status == "added":
        return f"{a.new.title} ({t('line', lang)} {a.new.line})"
    if a.status == "removed" and a.new is not None:  # repealed, its number kept as "[Vervallen]"
        return f"{a.old.title} → {a.new.title} ({t('line', lang)} {a.old.line} → {a.new.line})"
    if a.status == "removed":
        return f"{a.old.title} ({t('was', lang)} {t('line', lang)} {a.old.line})"
    text = f"{a.old.title} → {a.new.title}" if a.old.title != a.new.title else a.new.title
    bits = [f"{t('line', lang)} {a.old.line} → {a.new.line}"]
    if a.similarity is not None and a.similarity < 100:
        bits.append(f"{t('similarity', lang)} {_pct(a.similarity, lang)}")
    if a.status == "renumbered" and a.text_changed:
        bits.append(t("text_changed", lang))
    return f"{text} ({', '.join(bits)})"


def _where(loc, lang: str = "nl") -> str:
    bits = [loc.article_title or None, f"{label('lid', lang)} {loc.lid}" if loc.lid else None]
    return ", ".join(b for b in bits if b)


def render(diff, fmt: str, lang: str = "nl", color: bool = False, width: int = 100) -> str:
    if fmt == "json":
        return render_json(diff)
    if fmt == "markdown":
        return render_markdown(diff, lang)
    if fmt == "html":
        return render_html(diff, lang)
    if fmt == "text":
        return render_text(diff, lang, color, width)
    raise ValueError(f"unknown format {fmt!r}")


# ----- JSON ---------------------------------------------------------------------------------------


def render_json(diff) -> str:
    return json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


# ----- terminal -----------------------------------------------------------------------------------

_STYLE = {"added": "green", "removed": "red", "changed": "yellow", "renumbered": "cyan",
          "worse": "bold red", "better": "green", "other": "yellow"}
_MARK = {"added": "+", "removed": "-", "changed": "~", "renumbered": "#"}


def render_text(diff, lang: str = "nl", color: bool = False, width: int = 100) -> str:
    from rich.console import Console
    from rich.markup import escape

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                      soft_wrap=not color)
    s = diff.summary
    console.print(f"[bold]{t('heading', lang)}[/bold]" + (f" ({t('date', lang)} {escape(diff.date)})" if diff.date else ""))
    for key, doc in (("old", diff.old), ("new", diff.new)):
        console.print(f"  {t(key, lang):<6} {escape(doc.path)} — {escape(doc.title)} ({t('articles_n', lang, n=doc.articles)})")
    console.print()
    console.print(f"[bold]{t('articles', lang)}[/bold]: " + t("article_counts", lang, **s.model_dump()))
    for a in diff.articles:
        style = _STYLE[a.status]
        console.print(f"  [{style}]{_MARK[a.status]} {t(a.status, lang):<11}[/] {escape(article_line(a, lang))}")
        for c in a.changes[:5]:
            old = f"[red]- {escape(c.old)}[/red]" if c.old else ""
            new = f"[green]+ {escape(c.new)}[/green]" if c.new else ""
            console.print("      " + "  ".join(x for x in (old, new) if x))
    note = no_articles_note(diff, lang)
    if note:
        console.print("  " + note)
    elif not diff.articles:
        console.print("  " + t("no_article_changes", lang))
    console.print()
    console.print(f"[bold]{t('rules', lang)}[/bold]: " + t("rule_counts", lang, worse=s.worse, better=s.better, other=s.other))
    for r in diff.rules:
        style = _STYLE[r.direction]
        console.print(
            f"  [{style}]{t(r.direction, lang):<11}[/] {escape(r.rule)} ({', '.join(r.principles)}) {escape(r.title)}: "
            f"{escape(status_label(r.old_status, lang))} → {escape(status_label(r.new_status, lang))}"
        )
        message = r.new_message or r.old_message
        if message:
            console.print(f"      {escape(message)}")
        for loc in (r.old_locations if r.direction == "worse" else r.new_locations)[:2]:
            path = diff.old.path if r.direction == "worse" else diff.new.path
            console.print(f"      {escape(path)}:{loc.line}:{loc.column}  {escape(_where(loc, lang))}")
            console.print(f"        “{escape(loc.quote)}”")
    if not diff.rules:
        console.print("  " + t("no_rule_changes", lang))
    console.print()
    console.print(f"[bold]{t('verdict', lang)}[/bold]: {t(verdict(diff), lang)}")
    return buf.getvalue()


# ----- Markdown -----------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Document text inside Markdown: no table breaks, no accidental markup or HTML."""
    out = text.replace("\\", "\\\\")
    for ch in "|*_`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def render_markdown(diff, lang: str = "nl") -> str:
    s = diff.summary
    lines = [f"# {t('heading', lang)}", ""]
    if diff.date:
        lines += [f"{t('date', lang).capitalize()}: {_md(diff.date)}", ""]
    lines += [
        f"- **{t('old', lang)}**: `{diff.old.path}` — {_md(diff.old.title)} ({t('articles_n', lang, n=diff.old.articles)})",
        f"- **{t('new', lang)}**: `{diff.new.path}` — {_md(diff.new.title)} ({t('articles_n', lang, n=diff.new.articles)})",
        "",
        f"**{t('verdict', lang)}**: {t(verdict(diff), lang)}",
        "",
        f"## {t('articles', lang)}",
        "",
        t("article_counts", lang, **s.model_dump()),
        "",
    ]
    if diff.articles:
        lines += [f"| {t('status', lang)} | {t('articles', lang)} |", "|---|---|"]
        for a in diff.articles:
            lines.append(f"| {t(a.status, lang)} | {_md(article_line(a, lang))} |")
        lines.append("")
        for a in diff.articles:
            if a.changes:
                lines.append(f"- {_md(a.new.title if a.new else a.old.title)}: " + "; ".join(
                    (f"~~{_md(c.old)}~~" if c.old else "") + (" → " if c.old and c.new else "") + (f"**{_md(c.new)}**" if c.new else "")
                    for c in a.changes[:5]
                ))
        if any(a.changes for a in diff.articles):
            lines.append("")
    note = no_articles_note(diff, lang)
    if note:
        lines += [_md(note), ""]
    elif not diff.articles:
        lines += [t("no_article_changes", lang), ""]
    lines += [f"## {t('rules', lang)}", "", t("rule_counts", lang, worse=s.worse, better=s.better, other=s.other), ""]
    if diff.rules:
        lines += [f"| | {t('rule', lang)} | {t('result', lang)} |", "|---|---|---|"]
        for r in diff.rules:
            lines.append(
                f"| {t(r.direction, lang)} | `{r.rule}` ({', '.join(r.principles)}) {_md(r.title)} | "
                f"{_md(status_label(r.old_status, lang))} → {_md(status_label(r.new_status, lang))} |"
            )
        lines.append("")
        for r in diff.rules:
            message = r.new_message or r.old_message
            if message:
                lines.append(f"- `{r.rule}`: {_md(message)}")
            side = "old" if r.direction == "worse" else "new"
            for loc in (r.old_locations if side == "old" else r.new_locations)[:2]:
                where = ", ".join(x for x in (t(side, lang), f"{t('line', lang)} {loc.line}", _where(loc, lang)) if x)
                lines.append(f"  - {_md(where)}: “{_md(loc.quote)}”")
        lines.append("")
    else:
        lines += [t("no_rule_changes", lang), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# ----- HTML ---------------------------------------------------------------------------------------

_HTML = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{{ t('heading') }}: {{ diff.new.title }}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
.tag{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-size:.85rem;white-space:nowrap}
.added,.better{background:#e3f4e6;color:#1a5e2a}.removed,.worse{background:#fbe4e4;color:#8a1c1c}
.changed,.other{background:#fdf3d8;color:#6b5200}.renumbered{background:#e2eefb;color:#1d4a7a}
del{background:#fbe4e4}ins{background:#e3f4e6;text-decoration:none}
.verdict{font-weight:bold;padding:.6rem;border-left:4px solid #888;background:#f6f6f6}
q{font-style:italic}.muted{color:#666}
</style>
</head>
<body>
<h1>{{ t('heading') }}</h1>
{% if diff.date %}<p class="muted">{{ t('date') }}: {{ diff.date }}</p>{% endif %}
<ul>
<li><strong>{{ t('old') }}</strong>: <code>{{ diff.old.path }}</code> — {{ diff.old.title }} ({{ t('articles_n', n=diff.old.articles) }})</li>
<li><strong>{{ t('new') }}</strong>: <code>{{ diff.new.path }}</code> — {{ diff.new.title }} ({{ t('articles_n', n=diff.new.articles) }})</li>
</ul>
<p class="verdict">{{ t('verdict') }}: {{ t(verdict) }}</p>
<h2>{{ t('articles') }}</h2>
<p>{{ t('article_counts', **diff.summary.model_dump()) }}</p>
{% if diff.articles %}
<table>
<tr><th>{{ t('status') }}</th><th>{{ t('articles') }}</th></tr>
{% for a in diff.articles %}
<tr><td><span class="tag {{ a.status }}">{{ t(a.status) }}</span></td>
<td>{{ article_line(a) }}{% if a.changes %}<br>{% for c in a.changes[:5] %}{% if c.old %}<del>{{ c.old }}</del>{% endif %}{% if c.old and c.new %} → {% endif %}{% if c.new %}<ins>{{ c.new }}</ins>{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}{% endif %}</td></tr>
{% endfor %}
</table>
{% elif not no_articles %}<p>{{ t('no_article_changes') }}</p>{% endif %}
{% if no_articles %}<p class="muted">{{ no_articles }}</p>{% endif %}
<h2>{{ t('rules') }}</h2>
<p>{{ t('rule_counts', worse=diff.summary.worse, better=diff.summary.better, other=diff.summary.other) }}</p>
{% if diff.rules %}
<table>
<tr><th></th><th>{{ t('rule') }}</th><th>{{ t('result') }}</th></tr>
{% for r in diff.rules %}
<tr><td><span class="tag {{ r.direction }}">{{ t(r.direction) }}</span></td>
<td><code>{{ r.rule }}</code> ({{ r.principles|join(', ') }}) {{ r.title }}{% if r.new_message %}<br><span class="muted">{{ r.new_message }}</span>{% endif %}
{% for loc in (r.old_locations if r.direction == 'worse' else r.new_locations)[:2] %}<br><span class="muted">{{ t('old') if r.direction == 'worse' else t('new') }}, {{ t('line') }} {{ loc.line }}{% if loc.article_title %}, {{ loc.article_title }}{% endif %}:</span> <q>{{ loc.quote }}</q>{% endfor %}</td>
<td>{{ status_label(r.old_status) }} → {{ status_label(r.new_status) }}</td></tr>
{% endfor %}
</table>
{% else %}<p>{{ t('no_rule_changes') }}</p>{% endif %}
</body>
</html>
"""


def render_html(diff, lang: str = "nl") -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(_HTML)
    return template.render(
        diff=diff, lang=lang, verdict=verdict(diff), no_articles=no_articles_note(diff, lang),
        t=lambda key, **kw: t(key, lang, **kw),
        article_line=lambda a: article_line(a, lang),
        status_label=lambda s: status_label(s, lang),
    )
