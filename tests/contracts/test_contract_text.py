"""A contract's own text is a document of kind overeenkomst and gets the text rules, beside the
register rules of the same pack."""

from __future__ import annotations

from pathlib import Path

from sociaal_audit.runner import CheckOptions, check_paths

DATA = Path(__file__).resolve().parent / "data"
TEXT = str(DATA / "overeenkomst-jeugdhulp-lindewaarde.md")


def test_contract_text_is_an_overeenkomst_and_gets_text_rules():
    run = check_paths([TEXT, str(DATA / "register-lindewaarde.csv")], CheckOptions(packs=["integraliteit", "contracten"], jobs=1))
    (doc,) = run.documents
    assert doc.kind == "overeenkomst"
    results = {r.rule: r for r in doc.results}
    entry = results["CON-P31-toetreding-tekst"]
    assert entry.status == "pass" and entry.locations[0].article == "1.4"
    assert results["INT-P11-maximaal-twee-verwijzingen"].status == "pass"
    assert results["INT-P26-geen-productfinanciering"].status == "pass"
    assert not any(r.status == "fail" and r.rule.startswith("CON-") for r in doc.results)
    assert len(run.contracts) == 1 and run.contracts[0].contracts == 33


def test_contract_text_without_entry_fails(tmp_path):
    text = Path(TEXT).read_text(encoding="utf-8").replace(
        "Nieuwe aanbieders kunnen gedurende de looptijd toetreden als zij voldoen aan de eisen van de "
        "toelatingsprocedure (tussentijdse toetreding).",
        "Na de gunning kunnen geen andere partijen tot deze overeenkomst toetreden.")
    path = tmp_path / "overeenkomst.md"
    path.write_text(text, encoding="utf-8")
    run = check_paths([str(path)], CheckOptions(packs=["contracten"], jobs=1))
    (doc,) = run.documents
    assert {r.rule: r.status for r in doc.results} == {"CON-P31-toetreding-tekst": "fail"}
    assert run.contracts == []
