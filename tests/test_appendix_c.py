"""Appendix C (Lemma C.1, Remark C.2, Corollary C.3, Lemma C.4 cited, Lemma C.5, Lemma C.6):
expected statuses (printed errors REFUTED), mutated twins, the arb Hessian claims."""
from functools import partial

import pytest

from _lemma_checks import Checks, standard_tests
from certify.matrices import MatrixClaim
from lemmas import appendix_c
from lemmas.functions import R

REFUTED = {"C.3.cites_B1", "C.6.printed_labels_n4", "C.6.hessian_offdiag_n2", "C.6.printed_difference_set"}
# the paper's route for Lemma C.5 rests on the HUMAN fact C.5.tau_argmax (tau maximizes f)
CHECKS = Checks(appendix_c, refuted=REFUTED, human_derived={"C.5.statement"})
FIXED_RANGES = {"C.5.at_minus_016"}
globals().update(standard_tests(CHECKS, FIXED_RANGES))


def test_lemmas_in_paper_order():
    assert [lemma.id for lemma in appendix_c.LEMMAS] == ["C.1", "C.3", "C.4", "C.5", "C.6"]


def test_lemma_C4_is_cited_not_proved():
    assert [c.kind for c in appendix_c.lemma_C4.claims] == ["cited"]


def test_C6_sign_facts_cover_the_unbounded_range():
    for cid in ("C.6.fprime_2pi3_pos", "C.6.fprime_4pi3_pos"):
        assert CHECKS.claims[cid].over == "b in (-oo, -2/3)"


def test_C6_hessians_for_each_n_and_beta():
    ids = set(CHECKS.ids())
    for n in (3, 6, 30, 300):
        for beta in ("-0.7", "-1", "-2", "-10"):
            assert f"C.6.hessian_nsd.n{n}.b{beta}" in ids


def test_C6_margin_is_the_known_eigenvalue():
    # -L is a weighted graph Laplacian: its smallest nonzero eigenvalue is n f'(2pi/3) (< k + 2k f'(2pi/3)
    # when f'(2pi/3) < 1), e.g. 3 * 0.0714413 at n = 3, beta = -0.7
    import math
    r = CHECKS.result("C.6.hessian_nsd.n3.b-0.7")
    lo, hi = (float(v) for v in r.margin)
    known = -3 * (-0.5 + 0.75 * 0.7) * math.exp(1.5 * 0.7)      # -n f'(2pi/3)
    assert lo - 1e-12 <= known <= hi + 1e-12 and hi - lo < 1e-8


@pytest.mark.parametrize("beta", ["-0.6", "-1/2"])
def test_C6_hessian_outside_the_range_is_refuted(beta):
    # for beta > -2/3 the inter-cluster weight f'(2pi/3) is negative: the configuration is a saddle
    claim = MatrixClaim("C.6.outside", "", "", matrix=partial(appendix_c.hessian_3cluster, 6, R(beta)), size=6)
    assert claim.run().status == "REFUTED"


def test_new_beta_range_reruns_the_parametrized_claims():
    lemma = appendix_c.lemma_C5.with_beta("[-0.1, 0)")
    claim = next(c for c in lemma.resolved_claims() if c.id == "C.5.final")
    assert claim.over == "b in [-0.1, 0)"
    assert claim.run().status == "PROVED"


def test_lemma_C5_statement_is_derived():
    # the direct route is PROVED (a's location from C.1.roots); the paper's rests on tau's argmax
    assert CHECKS.result("C.5.statement_direct").status == "PROVED", CHECKS.result("C.5.statement_direct").reason
    for cid in ("C.5.sin_step", "C.5.final_derived", "C.5.goal", "C.5.exp_step", "C.5.f2_lower_at_a"):
        assert CHECKS.result(cid).status == "PROVED", (cid, CHECKS.result(cid).reason)
    r = CHECKS.result("C.5.statement")
    assert r.status == "HUMAN" and "C.5.tau_argmax" in r.reason
