"""Shared helpers for the report tests: saved results (frozen, so golden files do not move when the
packs grow), rendering, and a small synthetic run for ranking and language tests."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
DATE = "2026-11-25"


def load(name: str):
    from sociaal_audit.cli.report import load_results

    return load_results(str(DATA / name))


def render(run, fmt: str, lang: str = "nl", date: str | None = DATE):
    from sociaal_audit.output import RenderOptions, render as render_any

    return render_any(run, fmt, RenderOptions(lang=lang, date=date))


def synthetic_run(lang: str = "nl"):
    """One document with results of every severity and status, rule metadata in pack order."""
    from sociaal_audit.results import DocumentResult, Location, PackInfo, Result, RuleInfo, RunResult, ToolInfo

    def rule(rid: str, principle: str, theme: str, severity: str) -> RuleInfo:
        return RuleInfo(id=rid, pack="test", kind="requires", principles=[principle], theme=theme, severity=severity,
                        title={"nl": f"Titel {rid}", "en": f"Title {rid}"},
                        rationale={"nl": f"Reden {rid}.", "en": f"Reason {rid}."},
                        suggestion={"nl": f"Voorstel {rid}.", "en": f"Proposal {rid}."},
                        source={"seed": "003.txt", "section": "Thema 1"})

    rules = [
        rule("T-A", "P02", "organisatie", "info"),
        rule("T-B", "P03", "organisatie", "warning"),
        rule("T-C", "P05", "resultaten", "error"),
        rule("T-D", "P07", "eigen-thema", "warning"),
        rule("T-E", "P11", "organisatie", "error"),
        rule("T-F", "P20", "burgerinitiatief", "info"),
    ]
    where = Location(line=12, column=1, article="4", article_title="Artikel 4 Bekostiging", lid="2",
                     quote="Het college bekostigt aanbieders per uur.")
    note = Location(line=40, column=1, article="4", article_title="Artikel 4", part="toelichting",
                    quote="De gemeente overweegt een ombudsman.")

    def res(rid: str, status: str, **kw) -> Result:
        info = next(r for r in rules if r.id == rid)
        return Result(rule=rid, pack="test", principles=info.principles, theme=info.theme, status=status,
                      severity=info.severity, message=kw.pop("message", f"Melding {rid}."), **kw)

    doc = DocumentResult(
        path="verordening-proef.md", format="markdown", title="Verordening proef 2026", municipality="Proefdorp",
        kind="verordening", laws=["wmo2015"], articles=9, words=800,
        results=[
            res("T-A", "fail", looked_for='"innovatiebudget", /\\b(?:experimenteerruimte|vrije ruimte)\\b/'),
            res("T-B", "fail", locations=[note]),
            res("T-C", "fail", locations=[where]),
            res("T-D", "fail", looked_for='"evaluatie"'),
            res("T-E", "pass", locations=[where]),
            res("T-F", "not_applicable"),
        ],
    )
    return RunResult(tool=ToolInfo(version="9.9.9"), lang=lang, packs=[PackInfo(id="test", version="1.0", title="Proefpakket")],
                     rules=rules, documents=[doc]).finalize()
