"""The Markdown council report: golden files for saved results (one document, two documents with an
input error, Dutch and English), section order, ranking of the top findings, escaping, dates.

Regenerate the golden files after an intended change with::

    SOCIAAL_AUDIT_UPDATE_GOLDEN=1 python -m pytest tests/output/test_markdown_report.py
"""

from __future__ import annotations

import os
import re

import pytest

from ._report_fixtures import GOLDEN, load, render, synthetic_run

CASES = [
    ("run-lindewaarde.json", "nl", "report-lindewaarde.nl.md"),
    ("run-lindewaarde.json", "en", "report-lindewaarde.en.md"),
    ("run-two-documents.json", "nl", "report-two-documents.nl.md"),
]


@pytest.mark.parametrize("results, lang, golden", CASES)
def test_markdown_report_matches_golden_file(results: str, lang: str, golden: str) -> None:
    text = render(load(results), "markdown", lang=lang)
    path = GOLDEN / golden
    if os.environ.get("SOCIAAL_AUDIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"golden file {path} missing; run with SOCIAAL_AUDIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def test_single_document_sections_in_order() -> None:
    heads = _headings(render(load("run-lindewaarde.json"), "markdown"))
    order = ["# Integraliteitstoets sociaal domein", "## Samenvatting", "### De drie belangrijkste bevindingen",
             "### Wat is in orde", "### Wat ontbreekt of schiet tekort", "## Scorekaart per thema", "## Bevindingen",
             "## Wat is op orde", "## Bijlage: werkwijze, regelpakketten en toetsregels", "### Werkwijze",
             "### Regelpakketten", "### Toetsregels"]
    positions = [heads.index(h) for h in order]
    assert positions == sorted(positions)


def test_finding_has_principle_place_quote_why_and_suggestion() -> None:
    text = render(load("run-lindewaarde.json"), "markdown")
    block = text.split("#### P26 · ")[1].split("\n#### ")[0]
    assert "Artikel 31 Bekostiging, lid 1, regel 314" in block
    assert "> “Het college bekostigt aanbieders per uur geleverde ondersteuning" in block
    assert "**Waarom dit ertoe doet:** Financier op basis van populatie" in block
    assert "**Voorstel voor amendement of modelbepaling:** Vervang de bekostiging per uur" in block


def test_missing_provision_says_not_found_and_what_was_looked_for() -> None:
    text = render(load("run-lindewaarde.json"), "markdown")
    block = text.split("#### P20 · ")[1].split("\n#### ")[0]
    assert ("**Niet gevonden in de bindende tekst**; gezocht naar een right to challenge of uitdaagrecht: "
            "inwoners kunnen taken van de gemeente overnemen") in block


def test_provision_only_in_toelichting_is_not_found_with_the_notes_quoted() -> None:
    text = render(load("run-lindewaarde.json"), "markdown")
    block = text.split("#### P03 · ")[1].split("\n#### ")[0]
    assert "**Niet gevonden in de bindende tekst**; gezocht naar een onafhankelijke ombudsman" in block
    assert "Artikel 32, regel 493 — alleen in de toelichting (bindt niet)" in block


def test_top_three_ranked_by_severity_then_pack_order() -> None:
    text = render(synthetic_run(), "markdown")
    top = text.split("### De drie belangrijkste bevindingen")[1].split("\n### ")[0]
    items = re.findall(r"^\d\. \*\*(P\d\d)", top, flags=re.M)
    # T-C is the only failed error; then warnings in pack order (T-B before T-D); T-A (info) is fourth
    assert items == ["P05", "P03", "P07"]


def test_scorecard_counts_and_bar_per_theme() -> None:
    text = render(synthetic_run(), "markdown")
    card = text.split("## Scorekaart per thema")[1].split("\n## ")[0]
    assert "| Organisatie en integraliteit | 1 | 2 | 0 | ███░░░░░░░ 1/3 |" in card
    assert "| Ruimte voor burgerinitiatief | 0 | 0 | 1 | — |" in card
    assert "| eigen-thema | 0 | 1 | 0 | ░░░░░░░░░░ 0/1 |" in card  # unknown theme: its slug


def test_english_report_has_no_dutch_fixed_text() -> None:
    text = render(load("run-lindewaarde.json"), "markdown", lang="en")
    for dutch in ("Samenvatting", "Bevindingen", "Vindplaats", "Waarom", "Gemeente", "Bijlage", "regel", "ernstig",
                  "waarschuwing", "in orde", "Niet gevonden", "gezocht", "tekort"):
        assert not re.search(rf"\b{dutch}\b", text), dutch
    assert "## Summary" in text and "## Findings" in text and "Why this matters" in text


def test_messages_in_another_language_are_replaced_not_mixed() -> None:
    run = synthetic_run(lang="nl")  # messages written in Dutch
    text = render(run, "markdown", lang="en")
    assert "Melding" not in text
    assert "Falls short: Title T-C." in text


def test_date_from_option_else_run_else_none() -> None:
    run = load("run-lindewaarde.json")
    assert "**Datum van de toets:** 1 maart 2027" in render(run, "markdown", date="2027-03-01")
    assert "**Datum van de toets:** 25 november 2026" in render(run, "markdown", date=None)  # the run's --date
    undated = run.model_copy(update={"date": None})
    text = render(undated, "markdown", date=None)
    assert "Datum van de toets" not in text  # no date unless asked: the same bytes on any day


def test_document_text_cannot_break_markdown() -> None:
    run = synthetic_run()
    doc = run.documents[0]
    doc.title = "Verordening | *vet* <b>html</b> [link](http://x) `code`"
    doc.results[2].locations[0].quote = "regel\nmet | pijp en # kop en <script>x</script>"
    text = render(run, "markdown")
    assert "**Verordening \\| \\*vet\\* \\<b\\>html\\</b\\> \\[link\\](http://x) \\`code\\`**" in text
    assert "> “regel met \\| pijp en \\# kop en \\<script\\>x\\</script\\>”" in text
    assert "<script>" not in text and "<b>" not in text


def test_two_documents_overview_first_then_a_section_per_document() -> None:
    text = render(load("run-two-documents.json"), "markdown")
    heads = _headings(text)
    assert heads.index("### Overzicht van de documenten") < heads.index("## 1. Verordening sociaal domein Lindewaarde 2026")
    assert heads.index("## 1. Verordening sociaal domein Lindewaarde 2026") < heads.index(
        "## 2. Verordening maatschappelijke ondersteuning Wolderveen 2026") < heads.index("## Invoerfouten")
    assert "| Verordening maatschappelijke ondersteuning Wolderveen 2026 (`tests/output/data/verordening-wmo-wolderveen-2026.md`) | Wolderveen | verordening | 3 | 28 | 0 | 0 |" in text
    assert "- tests/output/data/does-not-exist.md: bestand niet gevonden" in text


def test_same_input_same_bytes() -> None:
    run = load("run-two-documents.json")
    assert render(run, "markdown") == render(load("run-two-documents.json"), "markdown")


def test_failed_measurement_without_search_is_not_called_not_found() -> None:
    run = synthetic_run()
    run.documents[0].results[3].looked_for = None  # T-D: failed, no places, nothing searched for
    block = render(run, "markdown").split("#### P07 · ")[1].split("\n#### ")[0]
    assert "Niet gevonden" not in block
    assert "**Waarschuwing**: Melding T-D." in block


def test_every_fixed_text_in_both_languages() -> None:
    from sociaal_audit.output.report_strings import KINDS, PORTFOLIO, STRINGS, THEMES

    for table in (STRINGS, THEMES, KINDS, PORTFOLIO):
        for key, entry in table.items():
            assert set(entry) == {"nl", "en"} and all(v.strip() for v in entry.values()), key


@pytest.mark.parametrize("looked_for, expected", [
    ('"uitdaagrecht", /\\b(?:bewoners|inwoners)\\b[^.;]{0,80}\\bkunnen\\b/', "gezocht naar “uitdaagrecht” en vergelijkbare formuleringen"),
    ("/\\b(?:ombudsman|ombudsvrouw)\\b/, /\\bonafhankelijke?\\s+(?:klachtencommissie)\\b/",
     "gezocht naar “ombudsman”, “ombudsvrouw” en vergelijkbare formuleringen"),
    ("/\\b(?:afzien|af\\s+te\\s+zien)\\b[^.;]{0,100}\\b(?:boete\\w*|verhaal)\\b/",
     "gezocht naar “afzien”, “af te zien” en vergelijkbare formuleringen"),
    ("/\\bper\\s+(?:wijk|kern)\\b[^.;]{0,80}\\b(?:afwijken)\\b/", "gezocht naar formuleringen met deze strekking"),
    ("een right to challenge of uitdaagrecht", "gezocht naar een right to challenge of uitdaagrecht"),  # the pack's words
])
def test_what_was_looked_for_in_plain_words(looked_for: str, expected: str) -> None:
    from sociaal_audit.output.report_model import _looked_for

    class FakeResult:
        values: dict = {}

    result = FakeResult()
    result.looked_for = looked_for
    assert _looked_for(result, "nl") == expected


def test_the_packs_own_words_in_another_language_are_not_shown() -> None:
    from sociaal_audit.output.report_model import _looked_for

    class FakeResult:
        values = {"looked_for": "een meldpunt voor belemmerende regels"}
        looked_for = None

    assert _looked_for(FakeResult(), "en", same_lang=False) == "looked for wordings to this effect"
    assert _looked_for(FakeResult(), "nl", same_lang=True) == "gezocht naar een meldpunt voor belemmerende regels"


def test_a_quoted_markdown_table_reads_as_rows() -> None:
    from sociaal_audit.output.report_model import readable_quote

    quote = ("| Product | Productcode | Eenheid | Tarief |\n|---|:---:|---|---:|\n"
             "| Hulp bij het huishouden | 02A01 | per uur | € 27,50 |\n| Jobcoaching | 60B01 | per uur | €…")
    assert readable_quote(quote) == ("Product | Productcode | Eenheid | Tarief / Hulp bij het huishouden | 02A01 | "
                                     "per uur | € 27,50 / Jobcoaching | 60B01 | per uur | €…")
    assert readable_quote("Het tarief is\n€ 27,50 | per uur.") == "Het tarief is € 27,50 | per uur."  # not a table


def test_results_in_another_language_leave_no_saved_dutch_text() -> None:
    text = render(load("run-two-documents.json"), "markdown", lang="en")  # results saved in Dutch
    assert "Integraliteit sociaal domein" not in text  # the pack's title is saved in Dutch only
    assert "- **Rule packs:** integraliteit, version 0.1.0" in text
    assert "bestand niet gevonden" not in text  # the saved error message is Dutch: the file alone
    assert "\n- tests/output/data/does-not-exist.md\n" in text


@pytest.fixture(scope="module")
def register_run():
    from pathlib import Path

    from sociaal_audit.runner import CheckOptions, check_paths

    register = Path(__file__).parents[1] / "contracts" / "data" / "register-lindewaarde.csv"
    return check_paths([str(register)], CheckOptions(packs=["contracten"], jobs=1, lang="nl"))


def test_register_from_dutch_results_in_an_english_report(register_run) -> None:
    text = render(register_run, "markdown", lang="en")
    section = text.split("## Contract registers")[1].split("\n## ")[0]
    assert "| line 2 |" in section and "| regel 2 |" not in section
    assert "- Entry of new providers: closed: 14, open: 14, unknown: 5" in section
    assert "- Kind of supplier: organisation: 22, self-employed (zzp): 6, citizens' initiative: 5" in section
    assert "effort-based: 16" in section and "inspanningsgericht" not in section
    wide = section.split("**About the register as a whole**")[1].split("**Portfolio**")[0]
    assert "- **P09** (falls short): Large share of the contract volume in contracts longer than four years" in wide
    assert "contractwaarde" not in wide and "grens" not in wide  # the saved Dutch messages


def test_register_in_dutch_keeps_its_messages_and_places(register_run) -> None:
    text = render(register_run, "markdown", lang="nl")
    section = text.split("## Contractregisters")[1].split("\n## ")[0]
    assert "| regel 2 |" in section and "gesloten: 14" in section
    assert "van de contractwaarde" in section


def test_register_only_run_names_the_register_and_counts_no_document_points(register_run) -> None:
    text = render(register_run, "markdown")
    head = text.split("## Samenvatting")[0]
    assert "**Contractregister register-lindewaarde.csv**" in head
    assert "Gemeente" not in head and "geen documenten" not in head
    summary = text.split("## Samenvatting")[1].split("\n## ")[0]
    assert "getoetste punten" not in summary
    assert "Contractregister met 33 contracten:" in summary


def test_run_where_no_file_could_be_read_says_so() -> None:
    run = load("run-two-documents.json")
    run.documents = []
    run.finalize()
    summary = render(run, "markdown").split("## Samenvatting")[1].split("\n## ")[0]
    assert "Er is geen document getoetst." in summary and "Van de 0" not in summary
    assert "Bestanden die niet konden worden gelezen: 1; zie Invoerfouten." in summary


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_run_with_only_rules_across_documents_counts_those(fmt: str) -> None:
    """With only the samenhang pack, no document section claims 'nothing is missing' and the summary
    counts the checks across documents instead of '0 points checked'."""
    from pathlib import Path

    from sociaal_audit.runner import CheckOptions, check_paths

    folder = Path(__file__).parents[1] / "corpus" / "data" / "beekveld"
    run = check_paths([str(folder)], CheckOptions(packs=["samenhang"]))
    assert run.corpus and all(not d.results for d in run.documents)
    out = render(run, fmt)
    assert "Van de 0 getoetste punten" not in out
    assert "Er ontbreekt niets" not in out and "Geen bevindingen" not in out
    failed = sum(1 for c in run.corpus if c.status == "fail")
    assert f"Over de documenten heen zijn {len(run.corpus)} punten getoetst: " in out
    assert f"{failed} schieten tekort" in out
    assert out.count("Deze toets bevat geen regels voor afzonderlijke documenten") == len(run.documents)
