"""Markdown output: a readable list of findings per document (the full council report format is
rendered from templates; see the report renderers)."""

from __future__ import annotations

from .labels import label, summary_line, where

NAME = "markdown"
BINARY = False


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def render(run, options) -> str:
    lang = options.lang
    titles = {r.id: r.title.get(lang, r.title["nl"]) for r in run.rules}
    out: list[str] = ["# sociaal-audit", "", summary_line(run, lang), ""]
    for doc in run.documents:
        out += [f"## {_esc(doc.title)}", "", f"`{doc.path}` · {label('kind', lang)}: {doc.kind} · "
                f"{label('municipality', lang)}: {_esc(doc.municipality or label('unknown', lang))}", ""]
        for status, heading in (("fail", "findings"), ("pass", "in_order")):
            rows = [r for r in doc.results if r.status == status]
            if not rows:
                continue
            out += [f"### {label(heading, lang)}", ""]
            for r in rows:
                out.append(f"- **{r.rule}** ({', '.join(r.principles)}) {_esc(titles.get(r.rule, ''))}: {_esc(r.message)}")
                for loc in r.locations[:3]:
                    out.append(f"  - {_esc(where(loc, lang))}: “{_esc(loc.quote)}”")
                if r.looked_for and not r.locations:
                    out.append(f"  - {label('not_found', lang)}: {_esc(r.looked_for)}")
            out.append("")
    from .corpus_render import corpus_markdown  # results across documents (corpus rules)

    out += corpus_markdown(run, lang)
    if run.errors:
        out += [f"## {label('input_errors', lang)}", ""] + [f"- {_esc(e.message)}" for e in run.errors] + [""]
    return "\n".join(out)
