"""Contract registers in the terminal view of ``check``: per register a table of the failing
contracts (contract, supplier, rule, principles, severity, finding) and the portfolio figures
(value per financing form, supplier types, open entry, register rules). The JSON output carries
them as ``contracts``."""

from __future__ import annotations

from .labels import label

_L = {
    "heading": {"nl": "Contractregisters", "en": "Contract registers"},
    "contracts": {"nl": "contracten", "en": "contracts"},
    "one_contract": {"nl": "contract", "en": "contract"},
    "contract": {"nl": "Contract", "en": "Contract"},
    "supplier": {"nl": "Leverancier", "en": "Supplier"},
    "rule": {"nl": "Regel", "en": "Rule"},
    "value": {"nl": "totale waarde", "en": "total value"},
    "amount": {"nl": "Waarde", "en": "Value"},
    "no_findings": {"nl": "Geen bevindingen per contract.", "en": "No findings per contract."},
    "portfolio": {"nl": "Portefeuille", "en": "Portfolio"},
    "financing": {"nl": "bekostiging", "en": "financing"},
    "suppliers": {"nl": "soort aanbieder", "en": "supplier type"},
    "entry": {"nl": "tussentijdse toetreding", "en": "entry during the term"},
    "longest": {"nl": "langste mogelijke looptijd", "en": "longest possible term"},
    "years": {"nl": "jaar", "en": "years"},
    "unreadable": {"nl": "onleesbare rijen", "en": "unreadable rows"},
    "omitted": {"nl": "en nog {n} bevinding(en) niet getoond (meer dan 1.000 per regel; geteld in de samenvatting)",
                "en": "and {n} more finding(s) not listed (more than 1,000 per rule; counted in the summary)"},
}
_KEYS_EN = {"onbekend": "unknown", "gesloten": "closed", "open": "open", "organisatie": "organisation",
            "burgerinitiatief": "citizens' initiative", "zzp": "zzp (self-employed)"}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "pass": "green"}


def _t(key: str, lang: str) -> str:
    return _L[key].get(lang) or _L[key]["nl"]


def _count(n: int, lang: str) -> str:
    """'1 contract', '3 contracten'."""
    return f"{n} {_t('one_contract' if n == 1 else 'contracts', lang)}"


def _money(value: float, lang: str) -> str:
    whole = f"{round(value):,}"
    return "€ " + whole.replace(",", ".") if lang == "nl" else "€" + whole


def _number(value: float, lang: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def _split(counts: dict[str, int], values: dict[str, float] | None, lang: str) -> str:
    parts = []
    for key, n in counts.items():
        bit = f"{_KEYS_EN.get(key, key) if lang == 'en' else key} {n}"
        if values and key in values:
            bit += f" ({_money(values[key], lang)})"
        parts.append(bit)
    return ", ".join(parts) or "-"


def print_contracts(console, run, lang: str, verbose: bool = False) -> None:
    """Print every register of ``run`` on a rich console (nothing when there are none)."""
    from rich.markup import escape

    if not getattr(run, "contracts", None):
        return
    titles = {r.id: r.title.get(lang, r.title["nl"]) for r in run.rules}
    console.print(f"[bold]{_t('heading', lang)}[/bold]")
    for reg in run.contracts:
        f = reg.figures
        console.print(
            f"[bold]{escape(reg.path)}[/bold] — {reg.format}, {_count(reg.contracts, lang)}, "
            f"{_t('value', lang)} {_money(f.value_total, lang)}"
            + (f", {reg.unreadable} {_t('unreadable', lang)}" if reg.unreadable else "")
        )
        rows = [x for x in reg.findings if x.contract is not None and x.status in ("fail", "error")]
        if rows:
            _print_matrix(console, rows, lang)
            _print_messages(console, rows, titles, lang)
            if reg.omitted:
                console.print("  " + _t("omitted", lang).format(n=reg.omitted))
        else:
            console.print(f"  {_t('no_findings', lang)}")
        console.print(f"  [bold]{_t('portfolio', lang)}[/bold]")
        console.print(f"    {_t('financing', lang)}: {escape(_split(f.count_by_financing, f.value_by_financing, lang))}")
        console.print(f"    {_t('suppliers', lang)}: {escape(_split(f.count_by_supplier_type, None, lang))}")
        console.print(f"    {_t('entry', lang)}: {escape(_split(f.count_by_entry, None, lang))}")
        if f.longest_years is not None:
            console.print(f"    {_t('longest', lang)}: {_number(f.longest_years, lang)} {_t('years', lang)}")
        for x in reg.findings:  # register rules: shown whatever their status, they are portfolio figures
            if x.contract is None:
                sev = x.severity if x.status == "fail" else x.status
                tag = label("error_sev" if sev == "error" else sev, lang)
                console.print(f"    [{_STYLE.get(sev, 'none')}]{tag:<12}[/] {escape(x.rule)} ({', '.join(x.principles)})")
                console.print(f"      {escape(x.message)}")
        console.print()


def _columns(rows: list) -> list[tuple[str, str]]:
    """(rule id, column header) for every rule that failed somewhere, headed by its principles."""
    rules = sorted({x.rule: ", ".join(x.principles) for x in rows}.items(), key=lambda kv: (kv[1], kv[0]))
    counts: dict[str, int] = {}
    for _, head in rules:
        counts[head] = counts.get(head, 0) + 1
    return [(rule, head if counts[head] == 1 else f"{head} {rule.split('-')[-1]}") for rule, head in rules]


def _print_matrix(console, rows: list, lang: str) -> None:
    """One line per failing contract, one column per failing rule: the register at a glance."""
    from rich.markup import escape
    from rich.table import Table

    columns = _columns(rows)
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    table.add_column(_t("contract", lang), no_wrap=True)
    table.add_column(_t("supplier", lang), overflow="fold", max_width=34)
    table.add_column(_t("amount", lang), justify="right", no_wrap=True)
    for _, head in columns:
        table.add_column(head, justify="center", no_wrap=True)
    by_contract: dict[str, dict[str, object]] = {}
    for x in rows:
        by_contract.setdefault(x.contract, {})[x.rule] = x
    for contract, found in by_contract.items():
        first = next(iter(found.values()))
        cells = []
        for rule, _ in columns:
            x = found.get(rule)
            if x is None:
                cells.append("")
            elif x.status == "error":
                cells.append("[bold red]![/]")
            else:
                cells.append(f"[{_STYLE.get(x.severity, 'none')}]✗[/]")
        amount = str(first.values.get("value", "")) if first.values.get("value") not in (None, "?") else ""
        table.add_row(escape(contract), escape(first.supplier or ""), escape(amount), *cells)
    console.print(table)


def _print_messages(console, rows: list, titles: dict[str, str], lang: str) -> None:
    """Every finding in full, grouped by rule, one line per contract."""
    from rich.markup import escape

    for rule, _ in _columns(rows):
        found = [x for x in rows if x.rule == rule]
        x0 = found[0]
        sev = x0.severity
        tag = label("error_sev" if sev == "error" else sev, lang)
        console.print(f"  [{_STYLE.get(sev, 'none')}]{tag:<12}[/] {escape(rule)} ({', '.join(x0.principles)}) "
                      f"{escape(titles.get(rule, ''))}: {_count(len(found), lang)}")
        for x in found:
            place = f" ({escape(x.source)})" if x.source else ""
            console.print(f"    {escape(x.message)}{place}")
