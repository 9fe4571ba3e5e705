"""Every fixed sentence and label of the council report (Markdown, HTML, PDF), in Dutch and English.

A report is rendered in one language only: templates look text up here through ``S[key]`` of the
view model, never write fixed text themselves. Theme and law names from the packs are slugs; they
get readable names here, falling back to the slug for themes this table does not know.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "report_title": {"nl": "Integraliteitstoets sociaal domein", "en": "Social-domain integrality audit"},
    "documents_n": {"nl": "{n} documenten", "en": "{n} documents"},
    "no_documents": {"nl": "geen documenten", "en": "no documents"},
    "no_documents_checked": {"nl": "Er is geen document getoetst.", "en": "No document was checked."},
    "register_one": {"nl": "Contractregister {name}", "en": "Contract register {name}"},
    "registers_n": {"nl": "{n} contractregisters", "en": "{n} contract registers"},
    "municipality": {"nl": "Gemeente", "en": "Municipality"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "audit_date": {"nl": "Datum van de toets", "en": "Audit date"},
    "document": {"nl": "Document", "en": "Document"},
    "file": {"nl": "Bestand", "en": "File"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "laws": {"nl": "Wetten", "en": "Laws"},
    "registers": {"nl": "Contractregisters", "en": "Contract registers"},
    "registers_intro": {
        "nl": "Per register de contracten waarbij een toets tekortschiet, de uitkomsten over het register als geheel en de portefeuille.",
        "en": "Per register, the contracts for which a check fails, the results about the register as a whole, and the portfolio.",
    },
    "reg_counts": {
        "nl": "{n} contracten gelezen, {failing} met een of meer bevindingen; totale waarde {value}.",
        "en": "{n} contracts read, {failing} with one or more findings; total value {value}.",
    },
    "reg_more": {
        "nl": "En nog {n} contracten met bevindingen; de JSON-uitvoer bevat ze allemaal.",
        "en": "And {n} more contracts with findings; the JSON output has them all.",
    },
    "reg_contract": {"nl": "Contract", "en": "Contract"},
    "reg_supplier": {"nl": "Aanbieder", "en": "Supplier"},
    "reg_failed": {"nl": "Tekortkomingen", "en": "Shortcomings"},
    "reg_where": {"nl": "Plaats in het bestand", "en": "Place in the file"},
    "reg_wide": {"nl": "Over het register als geheel", "en": "About the register as a whole"},
    "reg_portfolio": {"nl": "Portefeuille", "en": "Portfolio"},
    "reg_financing": {"nl": "Bekostiging (aantal contracten)", "en": "Financing (number of contracts)"},
    "reg_suppliers": {"nl": "Soort aanbieder", "en": "Kind of supplier"},
    "reg_entry": {"nl": "Toetreding nieuwe aanbieders", "en": "Entry of new providers"},
    "reg_longest": {"nl": "Langste mogelijke looptijd", "en": "Longest possible term"},
    "reg_years": {"nl": "{n} jaar", "en": "{n} years"},
    "reg_problems": {"nl": "Onleesbare rijen", "en": "Unreadable rows"},
    "reg_problems_one": {"nl": "1 rij kon niet worden gelezen; de resultaten in JSON noemen haar.",
                         "en": "1 row could not be read; the JSON results name it."},
    "reg_problems_n": {"nl": "{n} rijen konden niet worden gelezen; de resultaten in JSON noemen ze.",
                       "en": "{n} rows could not be read; the JSON results name them."},
    "reg_summary_one": {
        "nl": "Contractregister met {contracts} contracten: {passed} toetsen in orde, {failed} tekort.",
        "en": "Contract register with {contracts} contracts: {passed} checks passed, {failed} failed.",
    },
    "reg_summary": {
        "nl": "{registers} contractregisters met samen {contracts} contracten: {passed} toetsen in orde, {failed} tekort.",
        "en": "{registers} contract registers with {contracts} contracts in all: {passed} checks passed, {failed} failed.",
    },
    "identifier": {"nl": "Kenmerk (CVDR)", "en": "Identifier (CVDR)"},
    "adopted": {"nl": "Vastgesteld", "en": "Adopted"},
    "legal_basis": {"nl": "Grondslag", "en": "Legal basis"},
    "size": {"nl": "Omvang", "en": "Size"},
    "size_value": {"nl": "{articles} artikelen, {words} woorden", "en": "{articles} articles, {words} words"},
    "packs": {"nl": "Regelpakketten", "en": "Rule packs"},
    "pack_line": {"nl": "{title} ({id}, versie {version})", "en": "{title} ({id}, version {version})"},
    "pack_line_id": {"nl": "{id}, versie {version}", "en": "{id}, version {version}"},
    "tool": {"nl": "Gemaakt met", "en": "Made with"},
    "tool_line": {"nl": "sociaal-audit versie {version}", "en": "sociaal-audit version {version}"},
    # summary
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "summary_counts": {
        "nl": "Van de {total} getoetste punten zijn er {passed} in orde en schieten er {failed} tekort "
              "(ernstig: {error}, waarschuwing: {warning}, ter informatie: {info}).",
        "en": "Of the {total} points checked, {passed} are in order and {failed} fall short "
              "(serious: {error}, warning: {warning}, for information: {info}).",
    },
    "corpus_summary": {
        "nl": "Over de documenten heen zijn {total} punten getoetst: {passed} in orde, {failed} schieten tekort; zie Samenhang tussen documenten.",
        "en": "Across documents {total} points were checked: {passed} in order, {failed} fall short; see Coherence across documents.",
    },
    "no_document_rules": {
        "nl": "Deze toets bevat geen regels voor afzonderlijke documenten; de uitkomsten over de documenten heen staan onder Samenhang tussen documenten.",
        "en": "This audit has no rules for single documents; the results across documents are under Coherence across documents.",
    },
    "summary_na_domain": {
        "nl": "Niet van toepassing, want het document gaat niet over het sociaal domein: {n}.",
        "en": "Not applicable, as the document is not about the social domain: {n}.",
    },
    "not_applicable_intro_domain": {
        "nl": "Deze toetsregels gelden niet: het document heeft geen grondslag in de Wmo 2015, de Jeugdwet of de "
              "Participatiewet en gebruikt geen begrippen uit het sociaal domein.",
        "en": "These rules do not apply: the document has no basis in the Wmo 2015, the Jeugdwet or the "
              "Participatiewet and uses no social-domain terms.",
    },
    "summary_na": {"nl": "Niet van toepassing op dit soort document: {n}.",
                   "en": "Not applicable to this kind of document: {n}."},
    "summary_rule_errors": {"nl": "Toetsregels die niet konden worden uitgevoerd: {n}; zie de bevindingen.",
                            "en": "Rules that could not be run: {n}; see the findings."},
    "summary_input_errors": {"nl": "Bestanden die niet konden worden gelezen: {n}; zie Invoerfouten.",
                             "en": "Files that could not be read: {n}; see Input errors."},
    "in_order_short": {"nl": "Wat is in orde", "en": "What is in order"},
    "missing_short": {"nl": "Wat ontbreekt of schiet tekort", "en": "What is missing or falls short"},
    "top_findings": {"nl": "De drie belangrijkste bevindingen", "en": "The three most important findings"},
    "top_findings_all": {"nl": "De drie belangrijkste bevindingen in alle documenten",
                         "en": "The three most important findings across all documents"},
    "nothing_in_order": {"nl": "Geen van de getoetste punten is in orde.", "en": "None of the points checked is in order."},
    "nothing_missing": {"nl": "Er ontbreekt niets: alle getoetste punten zijn in orde.",
                        "en": "Nothing is missing: every point checked is in order."},
    "overview": {"nl": "Overzicht van de documenten", "en": "Overview of the documents"},
    "col_in_order": {"nl": "In orde", "en": "In order"},
    "col_failed": {"nl": "Tekort", "en": "Falls short"},
    "col_serious": {"nl": "Waarvan ernstig", "en": "Of which serious"},
    "col_na": {"nl": "N.v.t.", "en": "N/a"},
    "col_theme": {"nl": "Thema", "en": "Theme"},
    "col_score": {"nl": "Score", "en": "Score"},
    "col_rule": {"nl": "Toetsregel", "en": "Rule"},
    "col_principles": {"nl": "Principe", "en": "Principle"},
    "col_severity": {"nl": "Zwaarte", "en": "Severity"},
    "col_source": {"nl": "Bron", "en": "Source"},
    "col_title": {"nl": "Omschrijving", "en": "Description"},
    "score_value": {"nl": "{passed} van {applicable} in orde", "en": "{passed} of {applicable} in order"},
    "score_none": {"nl": "niet getoetst", "en": "not checked"},
    # sections
    "scorecard": {"nl": "Scorekaart per thema", "en": "Scorecard per theme"},
    "scorecard_intro": {
        "nl": "Per thema: hoeveel toetspunten in orde zijn, hoeveel tekortschieten en hoeveel niet van toepassing zijn.",
        "en": "Per theme: how many points are in order, how many fall short and how many do not apply.",
    },
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "findings_intro": {
        "nl": "Elke bevinding noemt het principe, de vindplaats (artikel, lid en regel) met de tekst zelf, "
              "of wat niet gevonden is, waarom het ertoe doet en een voorstel voor een amendement of modelbepaling.",
        "en": "Each finding names the principle, the place (article, paragraph and line) with the text itself, "
              "or what was not found, why it matters and a proposed amendment or model clause.",
    },
    "no_findings": {"nl": "Geen bevindingen: alle getoetste punten zijn in orde.",
                    "en": "No findings: every point checked is in order."},
    "in_order": {"nl": "Wat is op orde", "en": "What is in order"},
    "in_order_intro": {"nl": "Deze punten zijn geregeld; de vindplaats laat zien waar.",
                       "en": "These points are covered; the place shows where."},
    "not_applicable": {"nl": "Niet van toepassing", "en": "Not applicable"},
    "not_applicable_intro": {"nl": "Deze toetsregels gelden niet voor een document van deze soort.",
                             "en": "These rules do not apply to a document of this kind."},
    "corpus": {"nl": "Samenhang tussen documenten", "en": "Coherence across documents"},
    "corpus_intro": {
        "nl": "Deze punten gaan over de regelingen van een gemeente samen, niet over één document.",
        "en": "These points concern a municipality's regulations together, not a single document.",
    },
    "corpus_documents": {"nl": "Betrokken documenten", "en": "Documents involved"},
    "similarity": {"nl": "gelijkenis {pct}", "en": "similarity {pct}"},
    "input_errors": {"nl": "Invoerfouten", "en": "Input errors"},
    "input_errors_intro": {"nl": "Deze bestanden konden niet worden gelezen en zijn niet getoetst.",
                           "en": "These files could not be read and were not checked."},
    "appendix": {"nl": "Bijlage: werkwijze, regelpakketten en toetsregels",
                 "en": "Appendix: method, rule packs and rules"},
    "method": {"nl": "Werkwijze", "en": "Method"},
    "method_text": {
        "nl": "sociaal-audit leest het document en zoekt per toetsregel naar de bepaling die het principe vraagt. "
              "Alleen de bindende tekst (de artikelen) telt: een bepaling die alleen in de toelichting staat, "
              "is niet geregeld, want de toelichting bindt niet. Elke bevinding noemt het artikel, het lid en het "
              "regelnummer in het bestand en citeert de tekst; als niets gevonden is, staat erbij waarnaar is gezocht. "
              "De toets is een hulpmiddel bij de behandeling in de raad en vervangt geen juridisch advies.",
        "en": "sociaal-audit reads the document and, for each rule, looks for the provision the principle asks for. "
              "Only the binding text (the articles) counts: a provision found only in the explanatory notes is not "
              "in place, because the notes do not bind. Each finding names the article, the paragraph and the line "
              "number in the file and quotes the text; when nothing was found, it says what was looked for. "
              "The audit supports the council's deliberation and is not legal advice.",
    },
    "severity_text": {
        "nl": "Zwaarte: ernstig = een kernbepaling ontbreekt; waarschuwing = een belangrijk principe is niet "
              "uitgewerkt; ter informatie = een aandachtspunt voor de raad.",
        "en": "Severity: serious = a core provision is missing; warning = an important principle is not worked "
              "out; for information = a point for the council's attention.",
    },
    "rules": {"nl": "Toetsregels", "en": "Rules"},
    # finding parts
    "where": {"nl": "Vindplaats", "en": "Place"},
    "evidence": {"nl": "Tekst", "en": "Text"},
    "not_found": {"nl": "Niet gevonden", "en": "Not found"},
    "not_found_binding": {"nl": "Niet gevonden in de bindende tekst", "en": "Not found in the binding text"},
    "looked_for": {"nl": "gezocht naar", "en": "looked for"},
    "looked_for_more": {"nl": "en vergelijkbare formuleringen", "en": "and similar wordings"},
    "looked_for_patterns": {"nl": "formuleringen met deze strekking", "en": "wordings to this effect"},
    "only_toelichting": {"nl": "alleen in de toelichting (bindt niet)", "en": "only in the explanatory notes (not binding)"},
    "why": {"nl": "Waarom dit ertoe doet", "en": "Why this matters"},
    "suggestion": {"nl": "Voorstel voor amendement of modelbepaling", "en": "Proposed amendment or model clause"},
    "more_places_one": {"nl": "nog 1 vindplaats in het document", "en": "1 more place in the document"},
    "more_places": {"nl": "nog {n} vindplaatsen in het document", "en": "{n} more places in the document"},
    "line": {"nl": "regel", "en": "line"},
    "lid": {"nl": "lid", "en": "paragraph"},
    "page": {"nl": "pagina", "en": "page"},
    "document_text": {"nl": "documenttekst", "en": "document text"},
    "finding_failed": {"nl": "Schiet tekort: {title}.", "en": "Falls short: {title}."},
    "finding_passed": {"nl": "In orde: {title}.", "en": "In order: {title}."},
    "finding_na": {"nl": "Niet van toepassing: {title}.", "en": "Not applicable: {title}."},
    "finding_error": {"nl": "Deze toetsregel kon niet worden uitgevoerd: {title}.",
                      "en": "This rule could not be run: {title}."},
    "in_document": {"nl": "in {title}", "en": "in {title}"},
    "suppressed": {"nl": "Bewust geaccepteerd", "en": "Accepted on purpose"},
    "suppressed_reason": {"nl": "Bewust geaccepteerd, met als reden", "en": "Accepted on purpose, because"},
    # status and severity
    "status_pass": {"nl": "in orde", "en": "in order"},
    "status_fail": {"nl": "schiet tekort", "en": "falls short"},
    "status_not_applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "status_error": {"nl": "niet uitgevoerd", "en": "not run"},
    "group_count": {"nl": "{label} ({n})", "en": "{label} ({n})"},
    "sev_error": {"nl": "ernstig", "en": "serious"},
    "sev_warning": {"nl": "waarschuwing", "en": "warning"},
    "sev_info": {"nl": "ter informatie", "en": "for information"},
    "bar_label": {"nl": "{passed} in orde, {failed} tekort, {na} niet van toepassing",
                  "en": "{passed} in order, {failed} falling short, {na} not applicable"},
    "footer": {"nl": "Gemaakt met sociaal-audit {version}", "en": "Made with sociaal-audit {version}"},
    "page_of": {"nl": "pagina", "en": "page"},
}

MONTHS: dict[str, list[str]] = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}

# theme slug -> readable name; order here is the report's theme order (the principles' themes)
THEMES: dict[str, dict[str, str]] = {
    "burgerkracht": {"nl": "Burgerkracht en vangnet", "en": "Citizens' own strength and safety net"},
    "vooraf": {"nl": "Vooraf: eigen kracht en vangnet", "en": "First of all: own strength and safety net"},
    "eigen-kracht": {"nl": "Eigen kracht en vangnet", "en": "Own strength and safety net"},
    "organisatie": {"nl": "Organisatie en integraliteit", "en": "Organisation and integrality"},
    "samenhang": {"nl": "Samenhang tussen regelingen", "en": "Coherence between regulations"},
    "burgerinitiatief": {"nl": "Ruimte voor burgerinitiatief", "en": "Room for citizens' initiatives"},
    "regie-burger": {"nl": "De burger aan het roer", "en": "The citizen in control"},
    "resultaten": {"nl": "Van producten naar resultaten", "en": "From products to results"},
    "verantwoording": {"nl": "Verantwoording en vertrouwen", "en": "Accountability and trust"},
    "inkoop": {"nl": "Inkoop en contracten", "en": "Procurement and contracts"},
    "contracten": {"nl": "Inkoop en contracten", "en": "Procurement and contracts"},
}

KINDS: dict[str, dict[str, str]] = {
    "verordening": {"nl": "verordening", "en": "ordinance"},
    "nadere_regels": {"nl": "nadere regels", "en": "further rules"},
    "beleidsregels": {"nl": "beleidsregels", "en": "policy rules"},
    "beleidsplan": {"nl": "beleidsplan", "en": "policy plan"},
    "overeenkomst": {"nl": "overeenkomst", "en": "contract"},
    "other": {"nl": "overig document", "en": "other document"},
}

# values of the register's portfolio figures (financing form, kind of supplier, entry) -> readable name
PORTFOLIO: dict[str, dict[str, str]] = {
    "inspanningsgericht": {"nl": "inspanningsgericht", "en": "effort-based"},
    "outputgericht": {"nl": "outputgericht", "en": "output-based"},
    "taakgericht": {"nl": "taakgericht", "en": "task-based"},
    "organisatie": {"nl": "organisatie", "en": "organisation"},
    "zzp": {"nl": "zzp", "en": "self-employed (zzp)"},
    "burgerinitiatief": {"nl": "burgerinitiatief", "en": "citizens' initiative"},
    "open": {"nl": "open", "en": "open"},
    "gesloten": {"nl": "gesloten", "en": "closed"},
    "onbekend": {"nl": "onbekend", "en": "unknown"},
}

LAWS: dict[str, str] = {
    "wmo2015": "Wmo 2015",
    "wmo": "Wmo 2015",
    "jeugdwet": "Jeugdwet",
    "participatiewet": "Participatiewet",
}


def text(key: str, lang: str, **params: object) -> str:
    """The fixed text ``key`` in ``lang`` (Dutch when the language is unknown), with ``params`` filled in."""
    entry = STRINGS[key]
    value = entry.get(lang) or entry["nl"]
    return value.format(**params) if params else value


def theme_name(slug: str, lang: str) -> str:
    entry = THEMES.get(slug)
    return (entry.get(lang) or entry["nl"]) if entry else slug


def kind_name(kind: str, lang: str) -> str:
    entry = KINDS.get(kind)
    return (entry.get(lang) or entry["nl"]) if entry else kind


def portfolio_name(value: str, lang: str) -> str:
    """A value of the portfolio figures ('gesloten') in ``lang`` ('closed'); unknown values unchanged."""
    entry = PORTFOLIO.get(value)
    return (entry.get(lang) or entry["nl"]) if entry else value


def law_name(law: str) -> str:
    return LAWS.get(law, law)


def long_date(iso: str, lang: str) -> str:
    """'2026-11-25' as '25 november 2026' (nl) or '25 November 2026' (en); other text unchanged."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        year, month, day = (int(p) for p in parts)
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{day} {MONTHS.get(lang, MONTHS['nl'])[month - 1]} {year}"
    return iso
