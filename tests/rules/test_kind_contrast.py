"""`contrast`: good wording passes quoted, bad wording fails quoted, `prefer` settles both,
and nothing fails with what was looked for (noting a toelichting-only mention)."""

from __future__ import annotations

from _kind_helpers import make_rule, run

MESSAGE = "{% if bad %}slecht{% elif only_in_toelichting %}alleen toelichting{% else %}niets{% endif %}"
GOOD = "Het college bekostigt het wijkteam taakgericht."
BAD = "Het college bekostigt aanbieders per uur."


def rule(**params):
    return make_rule(
        "contrast", message=MESSAGE, ok_message="goed: {{ quote }}",
        passes={"patterns": [r"\btaakgericht\b"]},
        fails={"patterns": [r"\bbekostig\w*\b[^.;]{0,60}\bper\s+uur\b"]},
        **params,
    )


def test_good_passes_and_bad_fails_both_quoted():
    good = run(rule(), f"Artikel 1\n\n{GOOD}\n")
    assert good.status == "pass" and good.message == f"goed: {GOOD}"
    bad = run(rule(), f"Artikel 1\n\n{BAD}\n")
    assert bad.status == "fail" and bad.message == "slecht" and bad.locations[0].quote == BAD


def test_prefer_decides_when_both_occur():
    body = f"Artikel 1\n\n{GOOD}\n\nArtikel 2\n\n{BAD}\n"
    assert run(rule(), body).status == "fail"
    assert run(rule(prefer="pass"), body).status == "pass"


def test_negated_bad_wording_is_not_bad():
    r = run(rule(), "Artikel 1\n\nHet college bekostigt aanbieders niet per uur.\n")
    assert r.status == "fail" and r.message == "niets" and r.looked_for


def test_only_in_toelichting():
    r = run(rule(), f"Artikel 1\n\nHet college voert uit.\n\n## Toelichting\n\n{GOOD}\n")
    assert r.status == "fail" and r.message == "alleen toelichting" and r.locations[0].part == "toelichting"


def test_missing_can_pass():
    assert run(rule(missing="pass"), "Artikel 1\n\nHet college voert uit.\n").status == "pass"
