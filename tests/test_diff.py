"""Comparing two versions of an ordinance: article matching and rule result changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sociaal_audit.diff import compare_articles, diff_paths, word_changes
from sociaal_audit.documents import parse_source
from sociaal_audit.rules.loader import load_packs

DATA = Path(__file__).parent / "corpus" / "data"
ORIGINAL = DATA / "beekveld" / "verordening-maatschappelijke-ondersteuning-beekveld-2026.md"
RENUMBERED = DATA / "diff" / "wmo-beekveld-2026-hernummerd.md"
NO_HARDSHIP = DATA / "diff" / "wmo-beekveld-2026-zonder-hardheidsclausule.md"
PACKS = load_packs(["integraliteit"])


def doc(text: str, path: str = "v.md"):
    return parse_source(text.encode("utf-8"), path)


def statuses(changes):
    return [c.status for c in changes]


def test_renumbered_version_reports_renumbering_not_delete_and_add():
    result = diff_paths(str(ORIGINAL), str(RENUMBERED), PACKS)
    s = result.summary
    assert (s.added, s.removed, s.renumbered, s.changed, s.unchanged) == (1, 0, 9, 0, 2)
    added = [a for a in result.articles if a.status == "added"]
    assert [a.new.title for a in added] == ["Artikel 3 Cliëntondersteuning"]
    moved = {a.old.number: a.new.number for a in result.articles if a.status == "renumbered"}
    assert moved == {str(n): str(n + 1) for n in range(3, 12)}
    klachten = next(a for a in result.articles if a.old and a.old.number == "8")
    assert klachten.text_changed and klachten.similarity < 100
    assert [(c.op, c.old, c.new) for c in klachten.changes] == [("replace", "zes", "vier")]
    assert all(not a.text_changed for a in result.articles if a.status == "renumbered" and a.old.number != "8")
    assert result.rules == [] and result.blocking("info") == 0


def test_amendment_removing_the_hardship_clause_reports_p05_pass_to_fail():
    result = diff_paths(str(ORIGINAL), str(NO_HARDSHIP), PACKS)
    removed = [a for a in result.articles if a.status == "removed"]
    assert [a.old.title for a in removed] == ["Artikel 10 Hardheidsclausule"]
    p05 = [r for r in result.rules if r.rule == "INT-P05-hardheidsclausule"]
    assert len(p05) == 1
    assert (p05[0].old_status, p05[0].new_status, p05[0].direction) == ("pass", "fail", "worse")
    assert p05[0].old_locations[0].article == "10"  # where the clause used to be
    assert all(r.rule == "INT-P05-hardheidsclausule" for r in result.rules if r.direction == "worse")
    assert result.summary.worse == 1 and result.summary.better == 0
    assert result.blocking("error") == 1
    assert result.blocking("never") == 0


def test_the_reverse_amendment_is_better():
    result = diff_paths(str(NO_HARDSHIP), str(ORIGINAL), PACKS, lang="en")
    p05 = next(r for r in result.rules if r.rule == "INT-P05-hardheidsclausule")
    assert (p05.old_status, p05.new_status, p05.direction) == ("fail", "pass", "better")
    assert p05.new_message.startswith("Hardship clause present in Artikel 10")
    assert [a.status for a in result.articles if a.new and a.new.number == "10"] == ["added"]
    assert result.blocking("info") == 0


OLD = """# Verordening voorbeeld Haverdal 2026

Artikel 1 Melding

Een melding van de behoefte aan ondersteuning kan schriftelijk of mondeling bij het loket van de gemeente worden gedaan.

Artikel 2 Bijdrage

De cliënt betaalt een bijdrage in de kosten van een maatwerkvoorziening zolang hij daarvan gebruikmaakt.

Artikel 3 Mantelzorg

Het college geeft jaarlijks een mantelzorgcompliment aan mantelzorgers van cliënten in de gemeente.
"""


def test_rewritten_article_under_the_same_heading_is_changed():
    new = OLD.replace(
        "De cliënt betaalt een bijdrage in de kosten van een maatwerkvoorziening zolang hij daarvan gebruikmaakt.",
        "Voor woningaanpassingen en rolstoelen is geen bijdrage verschuldigd.",
    )
    changes = compare_articles(doc(OLD), doc(new))
    assert statuses(changes) == ["unchanged", "changed", "unchanged"]


def test_unrelated_article_under_an_old_number_is_removed_and_added():
    new = OLD.replace(
        "Artikel 2 Bijdrage\n\nDe cliënt betaalt een bijdrage in de kosten van een maatwerkvoorziening zolang hij daarvan gebruikmaakt.",
        "Artikel 2 Vervoer\n\nHet college biedt collectief vraagafhankelijk vervoer aan binnen een straal van vijfentwintig kilometer.",
    )
    changes = compare_articles(doc(OLD), doc(new))
    assert sorted(statuses(changes)) == ["added", "removed", "unchanged", "unchanged"]
    assert [c.status for c in changes] == ["unchanged", "removed", "added", "unchanged"]


def test_swapped_articles_are_both_renumbered():
    a = OLD.index("Artikel 2 Bijdrage")
    b = OLD.index("Artikel 3 Mantelzorg")
    art2, art3 = OLD[a:b], OLD[b:]
    swapped = OLD[:a] + art3.replace("Artikel 3", "Artikel 2").rstrip("\n") + "\n\n" + art2.replace("Artikel 2", "Artikel 3")
    changes = compare_articles(doc(OLD), doc(swapped))
    assert statuses(changes) == ["unchanged", "renumbered", "renumbered"]
    assert [(c.old.number, c.new.number) for c in changes[1:]] == [("3", "2"), ("2", "3")]


def test_identical_versions_have_no_changes():
    result = diff_paths(str(ORIGINAL), str(ORIGINAL), PACKS)
    assert result.articles == [] and result.rules == []
    assert result.summary.unchanged == 11


def test_word_changes():
    old = tuple("het college beslist binnen acht weken".split())
    new = tuple("het college beslist binnen zes weken na de aanvraag".split())
    assert [(c.op, c.old, c.new) for c in word_changes(old, new)] == [
        ("replace", "acht", "zes"), ("insert", "", "na de aanvraag"),
    ]


def test_json_is_deterministic():
    a = diff_paths(str(ORIGINAL), str(RENUMBERED), PACKS).model_dump_json()
    b = diff_paths(str(ORIGINAL), str(RENUMBERED), PACKS).model_dump_json()
    assert a == b


WMO_ACT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "laws" / "BWBR0035362_wet-maatschappelijke-ondersteuning-2015.md"


@pytest.mark.skipif(not WMO_ACT.exists(), reason="shared corpus not available")
def test_real_act_with_one_article_removed():
    from sociaal_audit.documents import load_document

    old = load_document(str(WMO_ACT))
    gone = old.articles[10]
    new = doc(old.text[:gone.start] + old.text[gone.end:], "nieuw.md")
    changes = compare_articles(old, new)
    assert [c.old.title for c in changes if c.status != "unchanged"] == [gone.title]
    assert [c.status for c in changes if c.status != "unchanged"] == ["removed"]
    assert sum(c.status == "unchanged" for c in changes) == len(old.articles) - 1


# ----- repealed articles kept as "[Vervallen]" --------------------------------------------------------

def _repeal_article_2(placeholder: str) -> str:
    start, end = OLD.index("Artikel 2 Bijdrage"), OLD.index("Artikel 3 Mantelzorg")
    return OLD[:start] + placeholder + OLD[end:]


@pytest.mark.parametrize("placeholder", [
    "Artikel 2 [Vervallen]\n\n",
    "Artikel 2 (vervallen)\n\n",
    "Artikel 2\n\n*[Vervallen per 01-01-2026]*\n\n",
    "Artikel 2\n\nVervallen.\n\n",
])
def test_article_repealed_under_a_placeholder_is_removed_not_added(placeholder):
    changes = compare_articles(doc(OLD), doc(_repeal_article_2(placeholder)))
    assert statuses(changes) == ["unchanged", "removed", "unchanged"]
    assert changes[1].old.title == "Artikel 2 Bijdrage"
    assert changes[1].new.number == "2" and changes[1].new.line == changes[1].old.line


def test_an_article_about_something_vervallen_is_not_a_placeholder():
    changes = compare_articles(doc(OLD), doc(_repeal_article_2(
        "Artikel 2 Vervallen budget\n\nEen persoonsgebonden budget dat binnen een jaar niet is besteed, vervalt.\n\n")))
    assert statuses(changes) == ["unchanged", "removed", "added", "unchanged"]


def test_placeholder_taken_by_a_new_article_is_added_and_placeholders_kept_are_unchanged():
    repealed = _repeal_article_2("Artikel 2 [Vervallen]\n\n")
    both = repealed.replace("Artikel 3 Mantelzorg\n\nHet college geeft jaarlijks een mantelzorgcompliment aan "
                            "mantelzorgers van cliënten in de gemeente.\n", "Artikel 3 [Vervallen]\n")
    changes = compare_articles(doc(repealed), doc(both))
    assert [(c.status, c.old.title, c.new.title) for c in changes] == [
        ("unchanged", "Artikel 1 Melding", "Artikel 1 Melding"),
        ("unchanged", "Artikel 2 [Vervallen]", "Artikel 2 [Vervallen]"),
        ("removed", "Artikel 3 Mantelzorg", "Artikel 3 [Vervallen]"),
    ]
    assert statuses(compare_articles(doc(repealed), doc(OLD))) == ["unchanged", "added", "unchanged"]


INVOERINGSWET = WMO_ACT.parent / "BWBR0035333_invoeringswet-participatiewet.md"


@pytest.mark.skipif(not INVOERINGSWET.exists(), reason="shared corpus not available")
def test_real_act_with_an_article_repealed_under_a_placeholder():
    from sociaal_audit.documents import load_document

    old = load_document(str(INVOERINGSWET))
    assert sum(a.heading == "[Vervallen]" for a in old.articles) >= 2  # placeholders already in the act
    start = old.text.index("### Artikel  XXII  ")
    end = old.text.index("### Artikel", start + 10)
    new = doc(old.text[:start] + "### Artikel  XXII  \n\n*[Vervallen]*\n\n" + old.text[end:], "nieuw.md")
    changes = [c for c in compare_articles(old, new) if c.status != "unchanged"]
    assert [(c.status, c.old.number, c.new.title) for c in changes] == [("removed", "XXII", "Artikel XXII [Vervallen]")]


# ----- renumbering in real acts and across chapters ------------------------------------------------

@pytest.mark.skipif(not WMO_ACT.exists(), reason="shared corpus not available")
def test_real_act_with_an_article_deleted_and_the_rest_of_its_paragraph_renumbered():
    import re

    from sociaal_audit.documents import load_document

    old = load_document(str(WMO_ACT))
    start, end = old.text.index("### Artikel  2.3.3  "), old.text.index("### Artikel  2.3.4  ")
    shifted = re.sub(r"### Artikel  2\.3\.(\d+)  ", lambda m: f"### Artikel  2.3.{int(m.group(1)) - 1}  ",
                     old.text[end:])
    changes = [c for c in compare_articles(old, doc(old.text[:start] + shifted, "nieuw.md")) if c.status != "unchanged"]
    assert [(c.status, c.old.number, c.new.number if c.new else None) for c in changes] == [
        ("removed", "2.3.3", None),
        *[("renumbered", f"2.3.{n}", f"2.3.{n - 1}") for n in range(4, 11)],
    ]
    assert not any(c.text_changed for c in changes if c.status == "renumbered")


@pytest.mark.skipif(not WMO_ACT.exists(), reason="shared corpus not available")
def test_real_act_with_a_chapter_inserted_renumbers_every_later_article():
    import re

    from sociaal_audit.documents import load_document

    def next_chapter(m: re.Match) -> str:
        chapter, rest = m.group(1), m.group(2)
        return f"### Artikel  {int(chapter) + 1 if int(chapter) >= 2 else chapter}{rest}  "

    old = load_document(str(WMO_ACT))
    new = doc(re.sub(r"### Artikel  (\d+)((?:\.\d+)*[a-z]?)  ", next_chapter, old.text), "nieuw.md")
    changes = compare_articles(old, new)
    moved = [(c.old.number, c.new.number) for c in changes if c.status == "renumbered"]
    assert len(moved) > 100
    assert all(n.split(".", 1)[1] == o.split(".", 1)[1] and int(n.split(".")[0]) == int(o.split(".")[0]) + 1
               for o, n in moved)
    assert {c.status for c in changes} == {"unchanged", "renumbered"}


def test_new_chapter_before_an_old_one_adds_its_articles_and_renumbers_the_old():
    old = ("# Verordening voorbeeld Haverdal 2026\n\nHoofdstuk 1 Algemeen\n\nArtikel 1.1 Doel\n\nDeze verordening regelt "
           "de ondersteuning van inwoners bij zelfredzaamheid en participatie in de gemeente Haverdal.\n\n"
           "Hoofdstuk 2 Klachten\n\nArtikel 2.1 Klachtregeling\n\nHet college stelt een regeling vast voor de "
           "afhandeling van klachten van cliënten over gedragingen van het college en van aanbieders.\n\n"
           "Artikel 2.2 Termijn\n\nEen klacht wordt binnen zes weken na ontvangst afgehandeld en schriftelijk beantwoord.\n")
    chapter = ("Hoofdstuk 2 Mantelzorg\n\nArtikel 2.1 Mantelzorgwaardering\n\nHet college geeft jaarlijks invulling aan "
               "de waardering van mantelzorgers van cliënten in de gemeente.\n\n")
    new = old.replace("Hoofdstuk 2 Klachten", chapter + "Hoofdstuk 3 Klachten").replace(
        "Artikel 2.1 Klachtregeling", "Artikel 3.1 Klachtregeling").replace("Artikel 2.2 Termijn", "Artikel 3.2 Termijn")
    changes = compare_articles(doc(old), doc(new))
    assert [(c.status, c.old.number if c.old else None, c.new.number) for c in changes] == [
        ("unchanged", "1.1", "1.1"), ("added", None, "2.1"), ("renumbered", "2.1", "3.1"), ("renumbered", "2.2", "3.2"),
    ]
