"""The committed reports/ are consistent: the certificate bundle re-verifies with the
independent checker, no assertion is undecided, and every refutation is listed as an erratum."""
import json
from pathlib import Path

from certify.check import check_file

REPORTS = Path(__file__).resolve().parent.parent / "reports"


def test_committed_certificate_rechecks():
    cells, skipped = check_file(str(REPORTS / "certificate.json"))
    assert cells > 500
    assert set(skipped) <= {"matrix"}


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
