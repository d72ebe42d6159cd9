"""Appendix A (Lemmas A.1, A.2, Corollary A.3, Lemmas A.4-A.7): expected statuses (the printed
errors REFUTED), mutated twins, float64 cross-checks, beta parametrization."""
from _lemma_checks import Checks, standard_tests
from lemmas import appendix_a

REFUTED = {"A.6.tau_printed", "A.7.g_pos"}
CHECKS = Checks(appendix_a, refuted=REFUTED)
FIXED_RANGES = {"A.3.on_0_64", "A.4.phi_large", "A.4.phi", "A.4.tau_direct", "A.4.f2_gbeta", "A.4.gbeta_split",
                *(f"A.{k}.tau_constant" for k in range(4, 8))}
globals().update(standard_tests(CHECKS, FIXED_RANGES))


def test_lemmas_in_paper_order():
    assert [lemma.id for lemma in appendix_a.LEMMAS] == ["A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7"]


def test_every_phi_and_tau_bound_is_claimed():
    ids = set(CHECKS.ids())
    assert {"A.4.phi_large", "A.4.phi", "A.5.phi", "A.6.phi", "A.7.phi"} <= ids
    assert {f"A.{k}.tau_constant" for k in range(4, 8)} <= ids


def test_corollary_A3_rests_on_lemma_A2_and_an_exact_limit():
    assert CHECKS.result("A.3.limit").status == "PROVED"
    assert CHECKS.claims["A.3.conclusion"].kind == "human"


def test_new_beta_range_reruns_the_parametrized_claims():
    lemma = appendix_a.A5.with_beta("[0.7, 1)")
    claims = {c.id: c for c in lemma.resolved_claims()}
    assert claims["A.5.gprime_lo"].over == "b in [0.7, 1)"
    assert claims["A.5.g_at_01"].run().status == "PROVED"         # still holds on the wider range
    assert claims["A.5.gprime_lo"].run().status == "REFUTED"      # the proof's constant 0.165 does not
    assert claims["A.5.g1_term_real"].run().status == "REFUTED"   # sqrt(2 - 1.5/beta) not real below 0.75
