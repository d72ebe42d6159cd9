"""The committed reports/ are consistent: the certificate bundle re-verifies with the
independent checker, no assertion is undecided, and every refutation is listed as an erratum."""
import json
from pathlib import Path

from certify.checker.bundle import check_file

REPORTS = Path(__file__).resolve().parent.parent / "reports"


def test_committed_certificate_rechecks():
    cells, verdicts = check_file(str(REPORTS / "certificate.json"))
    assert cells > 500
    assert [v for v in verdicts if not v.ok] == []
    assert len(verdicts) == len(json.loads((REPORTS / "certificate.json").read_text())["claims"])


def test_committed_reports_decide_everything_and_list_errata():
    bundle = json.loads((REPORTS / "certificate.json").read_text())
    statuses = [c["status"] for c in bundle["claims"]]
    assert "UNDECIDED" not in statuses
    errata = (REPORTS / "ERRATA.md").read_text()
    for c in bundle["claims"]:
        if c["status"] == "REFUTED":
            assert c["witness"] and f"`{c['id']}`" in errata
        if c["status"] == "PROVED" and c["certificate"] is None:
            assert False, f"{c['id']}: proved without a certificate"


def test_committed_bundle_claims_are_the_lemmas_claims():
    """What the checker verifies is what lemmas/ declares: the same ids, and each claim record
    and statement as the lemma writes it (so a PROVED in the bundle is about the paper's claim)."""
    from lemmas import registry
    bundle = {c["id"]: c for c in json.loads((REPORTS / "certificate.json").read_text())["claims"]}
    declared = [c for lemma in registry() for c in lemma.resolved_claims()]
    assert sorted(c.id for c in declared) == sorted(bundle)
    for c in declared:
        assert bundle[c.id]["claim"] == c.record(), c.id
        assert bundle[c.id]["statement"] == c.describe(), c.id
