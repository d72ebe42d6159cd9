"""Appendix C (Lemma C.1, Remark C.2, Corollary C.3, Lemma C.4 cited, Lemma C.5): expected
statuses (printed errors REFUTED), mutated twins, derivations (Lemma C.6: test_appendix_c6.py)."""
from _lemma_checks import Checks, standard_tests
from lemmas import appendix_c

REFUTED = {"C.3.cites_B1"}
CHECKS = Checks(appendix_c, refuted=REFUTED)
FIXED_RANGES = {"C.5.at_minus_016"}
globals().update(standard_tests(CHECKS, FIXED_RANGES))


def test_section5_2_4_C_lemma_follows_from_lemma_C5():
    """Section 5 (2.4.C.lemma, case -0.16 <= beta < 0): Lemma C.5's statement, decided from this file's
    outcome of it (tests/test_section5.py leaves it here)."""
    from lemmas import section5
    CHECKS.decide_foreign(section5, "2.4.C.lemma", "PROVED")


def test_lemmas_in_paper_order():
    assert [lemma.id for lemma in appendix_c.LEMMAS] == ["C.1", "C.3", "C.4", "C.5"]


def test_lemma_C4_is_cited_not_proved():
    assert [c.kind for c in appendix_c.lemma_C4.claims] == ["cited"]


def test_new_beta_range_reruns_the_parametrized_claims():
    lemma = appendix_c.lemma_C5.with_beta("[-0.1, 0)")
    claim = next(c for c in lemma.resolved_claims() if c.id == "C.5.final")
    assert claim.over == "b in [-0.1, 0)"
    assert claim.run().status == "PROVED"


def test_lemma_C5_statement_is_derived():
    # the direct route (a's location from C.1.roots) and the paper's (tau's argmax derived) are PROVED
    assert CHECKS.result("C.5.statement_direct").status == "PROVED", CHECKS.result("C.5.statement_direct").reason
    for cid in ("C.5.sin_step", "C.5.final_derived", "C.5.goal", "C.5.exp_step", "C.5.f2_lower_at_a",
                "C.5.tau_argmax", "C.5.statement"):
        assert CHECKS.result(cid).status == "PROVED", (cid, CHECKS.result(cid).reason)
