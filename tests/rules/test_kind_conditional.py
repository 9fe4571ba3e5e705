"""`conditional` (P01): own strength with a safeguard passes, as an unconditional precondition it
fails quoted; definitions and line breaks inside the safeguard are handled."""

from __future__ import annotations

from _kind_helpers import make_rule, run

MESSAGE = "{% if unconditional %}voorwaarde zonder vangnet in {{ article }}{% else %}niets{% endif %}"


def rule(**params):
    return make_rule(
        "conditional", message=MESSAGE, ok_message="vangnet in {{ article }}",
        phrases=["eigen kracht", "sociaal netwerk"],
        safeguard={"patterns": [r"\bniet\s+of\s+onvoldoende\b", r"\btenzij\b"]},
        precondition={"patterns": [r"\b(?:eerst|pas|uitsluitend)\b"]},
        unless={"patterns": [r"\b(?:eigen\s+kracht|sociaal\s+netwerk)\s*:"]},
        **params,
    )


def test_safeguard_across_a_line_break_passes():
    body = ("Artikel 11 Eigen kracht\n\nIndien de eigen kracht of het sociaal netwerk niet of\n"
            "onvoldoende toereikend is, verstrekt het college een maatwerkvoorziening.\n")
    r = run(rule(), body)
    assert r.status == "pass" and r.message == "vangnet in Artikel 11 Eigen kracht"


def test_unconditional_precondition_fails_quoted():
    r = run(rule(), "Artikel 4 Voorliggend\n\nDe cliënt doet eerst een beroep op zijn sociaal netwerk.\n")
    assert r.status == "fail" and r.message.startswith("voorwaarde zonder vangnet in Artikel 4")
    assert "eerst een beroep" in r.locations[0].quote


def test_safeguard_in_another_sentence_does_not_count():
    body = ("Artikel 4\n\nDe cliënt doet eerst een beroep op zijn sociaal netwerk. "
            "Een aanvraag wordt niet behandeld, tenzij het onderzoek is afgerond.\n")
    assert run(rule(), body).status == "fail"


def test_definition_is_no_provision():
    body = "Artikel 1 Begrippen\n\na. eigen kracht: de mogelijkheden van de cliënt, tenzij anders bepaald;\n"
    r = run(rule(), body)
    assert r.status == "fail" and r.message == "niets" and r.looked_for


def test_mention_without_precondition_or_safeguard_fails_without_quote():
    r = run(rule(), "Artikel 4\n\nHet college weegt de eigen kracht van de cliënt mee.\n")
    assert r.status == "fail" and not r.locations and "tenzij" in r.looked_for
