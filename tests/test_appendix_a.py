"""Appendix A (Lemma A.1, Lemma A.2, Corollary A.3, Lemmas A.4-A.7): every claim's expected status
(the printed errors REFUTED with a witness, their corrections PROVED), mutated twins of every proved
inequality not proved, float64 cross-checks, beta parametrization, re-runs on new beta ranges."""
from fractions import Fraction

import pytest

from _lemma_checks import Checks, standard_tests
from lemmas import appendix_a
from lemmas.functions import R, g_beta, sqrt, tau

REFUTED = {"A.6.tau_bound_printed", "A.7.g_at_2_3"}
# the printed statements, derived from the proved steps and the formal positive-region step (HUMAN)
HUMAN_DERIVED = {"A.4.statement_to_2", "A.4.large_beta", "A.4.conclusion", "A.5.conclusion", "A.6.conclusion",
                 "A.7.conclusion"}
CHECKS = Checks(appendix_a, refuted=REFUTED, human_derived=HUMAN_DERIVED)
# sub-ranges that are constants of the printed proof of A.4 (beta >= 2 and beta in [1, 2))
FIXED_RANGES = {"A.4.phi_lt_2", "A.4.tau_below_2", "A.4.phi_096", "A.4.bound_za_to_2", "A.4.g_at_za_to_2",
                "A.4.q_at_3", "A.4.three_below_2b", "A.4.za_below_3", "A.4.bound_za_from_2", "A.4.g_at_za_from_2",
                "A.4.s_bound_to_2", "A.4.statement_to_2", "A.4.large_beta",
                "A.4.19_below_2b", "A.4.q_at_19", "A.4.za_above_19", "A.4.B_pos_to_2", "A.4.B_at_za_to_2",
                "A.4.B_pos_from_2", "A.4.B_at_za_from_2"}
# status of every claim, certify.mutation.mutated_twin of every PROVED inequality not PROVED,
# the float64 sampled slack against the certified margin, errata, {beta} parametrization:
globals().update(standard_tests(CHECKS, FIXED_RANGES))


def test_section5_cover_of_A4_to_A7():
    """Section 5, case beta > 1/3 (2.4.A.lemmas): the cover of (1/3, oo) by the ranges of Lemmas
    A.4-A.7, decided from this file's outcomes of their conclusions: HUMAN, as they are."""
    from lemmas import section5
    CHECKS.decide_foreign(section5, "2.4.A.lemmas", "HUMAN")


def test_lemmas_in_paper_order():
    assert [lemma.id for lemma in appendix_a.LEMMAS] == ["A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7"]


def test_nothing_undecided():
    for cid in CHECKS.ids():
        assert CHECKS.result(cid).status != "UNDECIDED", cid


def test_printed_closed_forms_of_A1_are_identities():
    for cid in ("A.1.p_at_1", "A.1.p_at_1_m03b", "A.1.p_at_m1", "A.1.p_at_m1_m2b", "A.1.f3_is_p"):
        assert CHECKS.claims[cid].kind == "identity"
        assert CHECKS.result(cid).status == "PROVED"


def test_A1_sign_facts_cover_the_open_end_and_infinity():
    for cid in ("A.1.p_at_1_neg", "A.1.p_at_1_m03b_pos", "A.1.p_at_m1_neg", "A.1.p_at_m1_m2b_pos", "A.1.roots"):
        assert CHECKS.claims[cid].over == "b in (1/3, oo)"
        assert CHECKS.result(cid).status == "PROVED"


def test_A2_chain_is_complete():
    ids = set(CHECKS.ids())
    assert {"A.2.derivative", "A.2.numerator_pos", "A.2.S_lt_pi", "A.2.cos_lower", "A.2.S_squared", "A.2.step0",
            "A.2.step1", "A.2.step2", "A.2.step3", "A.2.step4", "A.2.final"} <= ids
    assert CHECKS.claims["A.2.final"].over == "b in (0, oo)"


def test_corollary_A3_and_its_limit():
    assert CHECKS.result("A.3.limit").status == "PROVED"
    assert CHECKS.result("A.3.bound").status == "PROVED"
    assert CHECKS.result("A.3.tau_bound").status == "PROVED"       # the corollary as printed
    assert CHECKS.claims["A.3.statement"].kind == "derived"
    assert CHECKS.result("A.3.statement").status == "PROVED"


@pytest.mark.parametrize("lemma", ["A.4", "A.5", "A.6", "A.7"])
def test_identities_of_each_of_A4_to_A7(lemma):
    for what in ("f2_identity", "f2_identity_at_0", "f2_identity_at_pi", "f3_identity", "g_combo", "g_at_0"):
        claim = CHECKS.claims[f"{lemma}.{what}"]
        assert claim.kind == "identity" and CHECKS.result(claim.id).status == "PROVED"


def test_every_phi_and_tau_bound_is_claimed():
    for cid in ("A.4.phi_lt_2", "A.4.phi_096", "A.5.phi_091", "A.6.phi_088", "A.7.phi_0809",
                "A.4.tau_at_2", "A.4.tau_below_2", "A.5.tau_at_1", "A.5.tau_bound", "A.6.tau_const_printed",
                "A.6.tau_bound_printed", "A.6.tau_bound", "A.6.tau_const", "A.7.tau_const", "A.7.tau_bound"):
        assert CHECKS.claims[cid].kind == "inequality", cid


def test_A6_printed_tau_bound_is_refuted_near_075_and_the_intended_one_holds():
    r = CHECKS.result("A.6.tau_bound_printed")
    beta = R(r.witness["b"])
    assert R(1, 2) <= beta < R(3, 4)
    lhs = (sqrt(beta) * tau(beta)).evalf(30)
    rhs = (sqrt(R(3, 4)) * tau(sqrt(R(3, 4)))).evalf(30)
    assert lhs > rhs
    assert CHECKS.result("A.6.tau_bound").status == "PROVED"
    assert CHECKS.result("A.6.tau_const").status == "PROVED"


def test_A7_g_at_two_thirds_is_negative_at_the_witness_and_the_correction_holds():
    r = CHECKS.result("A.7.g_at_2_3")
    beta = R(r.witness["b"])
    assert R(1, 3) < beta < R(1, 2)
    assert g_beta(R(2, 3), beta).evalf(30) < 0
    assert CHECKS.result("A.7.g_at_2b").status == "PROVED"
    # the tight end: g'_beta(2/3) -> 0 like sqrt(beta - 1/3), decided through the recorded rewrite
    assert CHECKS.result("A.7.gprime_at_2_3_rewrite").status == "PROVED"
    assert CHECKS.result("A.7.gprime_at_2_3").status == "PROVED"


def test_errata_name_the_refuted_claims():
    errata = {cid for lemma in appendix_a.LEMMAS for cid, _ in lemma.errata if cid}
    assert errata == REFUTED


def test_new_beta_range_reruns_the_parametrized_claims():
    # users re-run a lemma on a new range: the {beta} claims follow it, the proof's constants may not
    lemma = appendix_a.lemma_A5.with_beta("[0.7, 1)")
    claims = {c.id: c for c in lemma.resolved_claims()}
    assert claims["A.5.gprime_at_0165"].over == "b in [0.7, 1)"
    assert claims["A.5.g_at_01"].run().status == "PROVED"
    assert claims["A.5.gprime_at_0165"].run().status == "REFUTED"
    assert claims["A.5.radicand_15"].run().status == "REFUTED"    # sqrt(2 - 1.5/beta) not real below 0.75


def test_margins_of_the_tight_constants():
    # 0.809 phi_A7 < 2 has the smallest slack of the phi bounds: 0.00234789719... near beta = 0.425
    # (mpmath, 30 digits, on a grid: 0.0023478977 at beta = 0.42525); the margin must enclose it
    lo, hi = (Fraction(v) for v in CHECKS.result("A.7.phi_0809").margin)
    assert 0 < lo <= Fraction(23478977, 10 ** 10) and Fraction(2347897, 10 ** 9) <= hi
