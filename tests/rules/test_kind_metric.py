"""`metric` (detailed_norms): counts per category, table rows once, figures in the message,
thresholds from the pack, evidence on both verdicts, one measurement per document."""

from __future__ import annotations

from _kind_helpers import make_rule, run, run_ctx
from conftest import parse
from sociaal_audit.rules.context import DocContext
from sociaal_audit.rules.kinds import metric

MESSAGE = ("{{ norms }} normen in {{ words }} woorden, {{ per_1000 }} per 1.000 (grens {{ max_per_1000 }}); "
           "{{ euros }} bedragen, {{ times }} tijden, {{ frequencies }} frequenties, {{ percentages }} percentages, "
           "{{ table_rows }} tabelregels, {{ delegations }} delegaties; meeste in {{ article }}")

HEAVY = """Artikel 1 Hulp bij het huishouden

1. Het college kent ten hoogste 2 uur en 30 minuten per week toe.
2. Voor de wasverzorging wordt 45 minuten per week toegekend.
3. Voor de zware schoonmaak wordt eenmaal per jaar 4 uur toegekend.

Artikel 2 Tarieven

1. Voor voorzieningen in natura gelden de volgende tarieven:

| Product | Code | Tarief |
|---|---|---|
| Hulp bij het huishouden | 02A01 | € 27,50 |
| Begeleiding | 02A05 | € 62,40 |
| Dagbesteding | 02A08 | € 41,80 |
| Kortdurend verblijf | 02A11 | € 128,00 |

2. Het vervoer wordt vergoed tegen € 9,60 per rit en de tarieven stijgen met ten hoogste 5%.
"""

LIGHT = """Artikel 1 Normen

1. Het college stelt bij nadere regels de normen voor hulp bij het huishouden vast.
2. Het college kan beleidsregels vaststellen over de tarieven.
3. De mantelzorgwaardering bedraagt € 150,00 per jaar.
"""


def rule(**params):
    return make_rule("metric", message=MESSAGE, ok_message=MESSAGE, **{"max_per_1000": 4, "min_norms": 5, **params})


def test_counts_each_category_and_table_rows_once():
    ctx = DocContext(parse("# Verordening\n\n" + HEAVY))
    m = metric.measure(ctx, metric.compile(metric.Params(max_per_1000=4)))
    c = m["counts"]
    assert c["table_rows"] == 4  # header and separator rows are not norms; the € in a row is not counted again
    assert c["euros"] == 1  # € 9,60 outside the table
    assert c["times"] == 4  # 2 uur, 30 minuten, 45 minuten, 4 uur
    assert c["frequencies"] == 1 and c["percentages"] == 1
    assert m["norms"] == sum(c.values())
    assert m["words"] == ctx.doc.binding_word_count


def test_policy_heavy_text_fails_with_the_figures_and_the_densest_article():
    r = run(rule(), HEAVY)
    assert r.status == "fail"
    assert r.locations and r.locations[0].article == "2"
    assert r.message.startswith(f"{r.values['norms']} normen in {r.values['words']} woorden")
    assert "4 tabelregels" in r.message and "grens 4" in r.message and "meeste in Artikel 2" in r.message


def test_policy_light_text_passes_quoting_the_delegation_clauses():
    r = run(rule(), LIGHT)
    assert r.status == "pass"
    assert r.values["delegations"] == 2 and r.values["norms"] == 1  # € 150,00
    assert "nadere regels" in r.locations[0].quote


def test_thresholds_come_from_the_pack():
    assert run(rule(max_per_1000=1000), HEAVY).status == "pass"  # a generous limit
    assert run(rule(min_norms=100), HEAVY).status == "pass"  # short texts never fail below min_norms
    assert run(rule(max_per_1000=1, min_norms=1), LIGHT).status == "fail"


def test_negated_delegation_is_not_counted():
    r = run(rule(), "Artikel 1 Normen\n\nHet college stelt geen nadere regels vast.\n")
    assert r.values["delegations"] == 0


def test_norms_in_the_toelichting_do_not_count():
    text = "Artikel 1 Normen\n\nHet college stelt bij nadere regels de normen vast.\n\n## Toelichting\n\n" + HEAVY.replace("Artikel", "Toelichting bij artikel")
    assert run(rule(), text).values["norms"] == 0


def test_measured_once_per_document():
    r = rule()
    ctx = DocContext(parse("# Verordening\n\n" + HEAVY))
    calls = []
    original = metric.measure
    try:
        metric.measure = lambda c, comp: calls.append(1) or original(c, comp)
        run_ctx(r, ctx)
        run_ctx(r, ctx)
    finally:
        metric.measure = original
    assert calls == [1]


def test_product_lists_count_their_items_but_delegation_lists_do_not():
    body = """Artikel 1 Voorzieningen

1. In de gemeente zijn in elk geval de volgende algemene voorzieningen beschikbaar:
a. algemeen maatschappelijk werk;
b. inloopvoorzieningen;
c. mantelzorgondersteuning.
2. Het college kan de volgende re-integratievoorzieningen verstrekken:
a. werkstage;
b. jobcoaching.
3. Het college stelt bij nadere regels vast:
a. de normen voor hulp bij het huishouden;
b. de tarieven.
"""
    ctx = DocContext(parse("# Verordening\n\n" + body))
    m = metric.measure(ctx, metric.compile(metric.Params(max_per_1000=4)))
    assert m["counts"]["product_lists"] == 5
    assert len(m["delegations"]) == 1


def test_a_mention_of_beleidsregels_is_no_delegation_and_each_clause_counts_once():
    body = """Artikel 1 Adviesraad

1. Het college stelt de adviesraad in de gelegenheid advies uit te brengen over voorstellen voor verordeningen, beleidsregels en het beleidsplan, voordat deze worden vastgesteld.
2. Hiervoor hanteert het college de volgende criteria / beleidsregels: snelheid en zorgvuldigheid.
3. Het college kan nadere regels stellen over de wijze waarop een melding wordt gedaan.
4. Het college stelt bij nadere regels de normen voor hulp bij het huishouden vast.
5. Nadere regels worden gesteld bij besluit van het college.
"""
    ctx = DocContext(parse("# Verordening\n\n" + body))
    m = metric.measure(ctx, metric.compile(metric.Params(max_per_1000=4)))
    lids = sorted(ctx.doc.context(s)[1].number for s, _ in m["delegations"])
    assert lids == ["3", "4", "5"]
