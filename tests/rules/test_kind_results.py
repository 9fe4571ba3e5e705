"""`results` (P25): a sentence with indicator, target and date is a formulated result; vague
intentions fail, quoted; money sentences never count."""

from __future__ import annotations

import pytest

from _kind_helpers import make_rule, run

MESSAGE = "{% if vague %}vaag: {{ quote }}{% else %}geen resultaten{% endif %}"
OK = "{{ results }} resultaten, {{ per_area }} per wijk"


def rule(**params):
    return make_rule("results", message=MESSAGE, ok_message=OK, **params)


@pytest.mark.parametrize("sentence", [
    "Het aantal jongeren zonder startkwalificatie is uiterlijk in 2028 in elke wijk met 20% gedaald.",
    "In elke kern neemt het percentage eenzame inwoners vóór 2027 af tot ten hoogste 30 procent.",
    "Het aandeel huishoudens met problematische schulden halveert binnen vier jaar.",
])
def test_formulated_results_pass_quoted(sentence):
    r = run(rule(), "Artikel 3 Resultaten\n\n" + sentence + "\n")
    assert r.status == "pass" and r.locations[0].article == "3"


def test_per_area_is_counted_and_can_be_required():
    no_area = "Artikel 3\n\nHet aantal huisuitzettingen is in 2028 met 50% gedaald.\n"
    assert run(rule(), no_area).message == "1 resultaten, 0 per wijk"
    assert run(rule(require_area=True), no_area).status == "fail"
    with_area = "Artikel 3\n\nHet aantal huisuitzettingen is in 2028 per wijk met 50% gedaald.\n"
    assert run(rule(require_area=True), with_area).message == "1 resultaten, 1 per wijk"


def test_vague_intentions_fail_quoted():
    r = run(rule(), "Artikel 3 Doel\n\nHet college streeft ernaar dat inwoners zo lang mogelijk zelfstandig wonen.\n")
    assert r.status == "fail" and r.message.startswith("vaag: Het college streeft ernaar")


@pytest.mark.parametrize("sentence", [
    "De tarieven worden per 1 januari 2027 met ten hoogste 5% verhoogd.",  # money
    "Deze verordening treedt in werking op 1 januari 2027.",  # a date, no target
    "Het aantal meldingen daalt met 10%.",  # no date
])
def test_not_a_result(sentence):
    r = run(rule(), "Artikel 3\n\n" + sentence + "\n")
    assert r.status == "fail" and r.message == "geen resultaten" and r.looked_for


@pytest.mark.parametrize("sentence", [
    "Het aantal aanvragen mag in 2027 met ten hoogste 5% stijgen ten opzichte van de begroting.",  # budget control
])
def test_budget_control_is_no_societal_result(sentence):
    assert run(rule(), "Artikel 3\n\n" + sentence + "\n").status == "fail"


@pytest.mark.parametrize("sentence", [
    "De belanghebbende is verplicht naar vermogen te trachten arbeid te verkrijgen.",  # a duty of the client
    "Het college kan afwijken indien het belang dat het voorschrift beoogt te beschermen zich niet verzet.",
    "De artikelen 4 tot en met 8 zijn zoveel mogelijk van overeenkomstige toepassing.",
    "De aanvragen worden zo veel mogelijk gelijktijdig ingediend.",
])
def test_legal_wording_is_not_quoted_as_an_intention(sentence):
    r = run(rule(), "Artikel 3\n\n" + sentence + "\n")
    assert r.status == "fail" and r.message == "geen resultaten", r.message


@pytest.mark.parametrize("sentence, quoted", [
    ("Deze verordening beoogt dat jeugdigen veilig opgroeien.", "Deze verordening beoogt"),
    ("Er wordt gestreefd naar minder thuiszitters.", "Er wordt gestreefd"),
    ("Het aantal meldingen wordt zoveel mogelijk beperkt.", "Het aantal meldingen wordt zoveel mogelijk beperkt."),
])
def test_policy_intentions_are_quoted(sentence, quoted):
    r = run(rule(), "Artikel 3\n\n" + sentence + "\n")
    assert r.status == "fail" and r.message.startswith("vaag: " + quoted[:20])


def test_a_result_for_the_whole_municipality_fails_quoted_when_an_area_is_required():
    body = "Artikel 3\n\n1. Het college streeft naar minder schooluitval.\n2. Het aantal thuiszitters is uiterlijk in 2028 met 50% gedaald.\n"
    r = run(rule(require_area=True), body)
    assert r.status == "fail" and r.values["without_area"] == 1
    assert r.locations[0].lid == "2"  # the measurable result, not the intention, is quoted
    assert run(rule(), body).status == "pass"
    in_all = body.replace("is uiterlijk", "is in alle wijken uiterlijk")
    assert run(rule(require_area=True), in_all).status == "pass"
