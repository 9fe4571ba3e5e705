"""The results of corpus rules (across the documents of one municipality) in the terminal view of
``check``: one block per municipality, with every pair of articles or every ordinance named by
path, line and article. The council reports (Markdown, HTML, PDF) show them through
``report_model``; the JSON output carries them as ``corpus``."""

from __future__ import annotations

from collections import defaultdict

from .labels import label

_L = {
    "heading": {"nl": "Samenhang tussen documenten", "en": "Coherence across documents"},
    "group": {"nl": "gemeente of map", "en": "municipality or directory"},
    "similarity": {"nl": "gelijkenis", "en": "similarity"},
    "documents": {"nl": "document(en)", "en": "document(s)"},
    "more_pairs": {"nl": "… en nog {n} paar/paren (alle paren: --format json, markdown of html)",
                   "en": "… and {n} more pair(s) (all pairs: --format json, markdown or html)"},
    "more_locations": {"nl": "… en nog {n} document(en) (alle: --format json, markdown of html)",
                       "en": "… and {n} more document(s) (all: --format json, markdown or html)"},
}
MAX_PAIRS = 10  # pairs of articles shown per result in the terminal
MAX_LOCATIONS = 5  # documents shown per result without pairs (P12)
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "pass": "green"}


def _t(key: str, lang: str) -> str:
    return _L[key].get(lang) or _L[key]["nl"]


def _more(n: int, key: str, lang: str) -> str:
    return _t(key, lang).format(n=n)


def _pct(value: float, lang: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "nl" else text) + "%"


def _place(loc) -> str:
    where = loc.article_title or loc.document_title
    return f"{loc.path}:{loc.line}:{loc.column}  {where}"


def _visible(run, verbose: bool) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for c in run.corpus:
        if c.status in ("fail", "error") or (verbose and c.status == "pass"):
            groups[c.group].append(c)
    return groups


def _group_title(results: list, lang: str) -> str:
    first = results[0]
    return first.municipality or first.group.split(":", 1)[-1]


def print_corpus(console, run, lang: str, verbose: bool = False) -> None:
    """Print the corpus results of ``run`` on a rich console (nothing when there are none to show)."""
    from rich.markup import escape

    groups = _visible(run, verbose)
    if not groups:
        return
    titles = {r.id: r.title.get(lang, r.title["nl"]) for r in run.rules}
    console.print(f"[bold]{_t('heading', lang)}[/bold]")
    for key in sorted(groups):
        results = groups[key]
        count = len(results[0].documents)
        console.print(f"  [bold]{escape(_group_title(results, lang))}[/bold] ({count} {_t('documents', lang)})")
        for c in results:
            sev = c.severity if c.status != "pass" else "pass"
            tag = label("error_sev" if sev == "error" else sev, lang)
            console.print(f"    [{_STYLE.get(sev, 'none')}]{tag:<12}[/] {escape(c.rule)} ({', '.join(c.principles)}) "
                          f"{escape(titles.get(c.rule, ''))}")
            console.print(f"      {escape(c.message)}")
            for pair in c.pairs[:MAX_PAIRS]:
                console.print(f"      {escape(_place(pair.first))}")
                console.print(f"      {escape(_place(pair.second))}  ({_t('similarity', lang)} {_pct(pair.similarity, lang)})")
            if len(c.pairs) > MAX_PAIRS:
                console.print("      " + _more(len(c.pairs) - MAX_PAIRS, "more_pairs", lang))
            if not c.pairs:
                for loc in c.locations[:MAX_LOCATIONS]:
                    console.print(f"      {escape(_place(loc))}")
                if len(c.locations) > MAX_LOCATIONS:
                    console.print("      " + _more(len(c.locations) - MAX_LOCATIONS, "more_locations", lang))
    console.print()

