"""`budget_share` (P02) and the Dutch share parser: percentages, number words, fractions and
ranges; only shares of budget kept free count; below the minimum fails, quoted."""

from __future__ import annotations

import pytest

from _kind_helpers import make_rule, run
from sociaal_audit.rules.matching import find_shares, fold, number_before, share_text

MESSAGE = "{% if share %}aandeel {{ share }} (minimaal {{ min }}){% elif named %}budget zonder aandeel{% else %}niets{% endif %}"


@pytest.mark.parametrize("text, value", [
    ("5%", 5), ("5 %", 5), ("vijf procent", 5), ("10 procent van het budget", 10), ("een tiende", 10),
    ("een twintigste deel", 5), ("2,5 procent", 2.5), ("5 tot 10 procent", 5), ("10 of 5 procent", 5),
    ("vijf à tien procent", 5), ("5-10%", 5), ("vijfentwintig procent", 25), ("de helft", 50),
])
def test_find_shares(text, value):
    folded = fold("Het college houdt " + text + " vrij.")
    shares = find_shares(folded, 0, len(folded))
    assert len(shares) == 1 and shares[0][2] == pytest.approx(value)
    assert folded[shares[0][0]:shares[0][1]].startswith(fold(text.split()[0]))


@pytest.mark.parametrize("text", ["artikel 2.6.6", "twee jaar", "een aantal", "€ 5,00", "het tiende lid", "procent"])
def test_no_share(text):
    folded = fold(text)
    assert find_shares(folded, 0, len(folded)) == []


def test_number_before():
    text = fold("ten hoogste € 1.250,00 per jaar en 2 uur")
    assert number_before(text, text.index(" per")) == (text.index("1.250"), 1250.0)
    assert number_before(text, text.index(" uur")) == (text.index("2 uur"), 2.0)
    assert number_before(text, text.index(" jaar")) is None


def test_share_text():
    assert share_text(5) == "5%" and share_text(100 / 3) == "33,3%"


def rule(**params):
    return make_rule("budget_share", message=MESSAGE, ok_message=MESSAGE, **params)


def test_share_of_budget_kept_free_passes_quoted():
    r = run(rule(), "Artikel 5 Vernieuwing\n\nHet college houdt jaarlijks vijf procent van het budget vrij voor nieuwe aanpakken.\n")
    assert r.status == "pass" and r.message == "aandeel 5% (minimaal 5%)"
    assert r.locations[0].article == "5" and "vijf procent" in r.locations[0].quote


def test_fraction_in_a_sentence_broken_over_lines():
    body = "Artikel 5 Vernieuwing\n\nEen tiende van de middelen wordt\ngereserveerd voor experimenten met nieuwe werkwijzen.\n"
    assert run(rule(), body).values["share"] == "10%"


def test_too_small_share_fails_with_the_share_quoted():
    r = run(rule(), "Artikel 5\n\nHet college reserveert 2% van het budget voor innovatie.\n")
    assert r.status == "fail" and r.message == "aandeel 2% (minimaal 5%)" and r.locations


@pytest.mark.parametrize("body", [
    "De tarieven worden jaarlijks geïndexeerd en met ten hoogste 5% verhoogd.",  # indexation
    "De eigen bijdrage bedraagt 5% van de kosten.",  # 5% of something else
    "Er wordt geen 5% van het budget vrijgehouden voor innovatie.",  # negation
    "Het budget voor jeugdhulp bedraagt 40% van het totale budget.",  # budget, but not kept free
])
def test_near_misses_are_not_counted(body):
    r = run(rule(), "Artikel 5\n\n" + body + "\n")
    assert r.status == "fail" and r.message == "niets" and not r.locations and r.looked_for


def test_named_innovation_budget_without_share_fails_quoted():
    r = run(rule(), "Artikel 5\n\nHet college stelt een innovatiebudget in.\n")
    assert r.status == "fail" and r.message == "budget zonder aandeel" and r.locations


def test_minimum_comes_from_the_pack():
    body = "Artikel 5\n\nHet college houdt 3 procent van het budget vrij voor experimenten.\n"
    assert run(rule(), body).status == "fail"
    assert run(rule(min=2), body).status == "pass"


def test_toelichting_does_not_count():
    body = "Artikel 5\n\nHet college voert het beleid uit.\n\n## Toelichting\n\nHet college houdt 10% van het budget vrij voor innovatie.\n"
    assert run(rule(), body).status == "fail"
