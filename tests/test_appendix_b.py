"""Appendix B (Lemma B.1, Remark B.2, Corollary B.3, Lemma B.4): expected statuses, mutated twins."""
from _lemma_checks import Checks, standard_tests
from lemmas import appendix_b

CHECKS = Checks(appendix_b, refuted=())
FIXED_RANGES = {"B.4.r1.tau_le_half_pi", "B.4.r1.bound", "B.4.r1.maximal", "B.4.r1.goal",
                *(f"B.4.r{k}.{what}" for k in range(2, 6)
                  for what in ("tau_at_lo", "bound", "tau_le_c", "tau_sin_tau", "goal"))}
globals().update(standard_tests(CHECKS, FIXED_RANGES))


def test_section5_2_4_B_lemma_follows_from_lemma_B4():
    """Section 5 (2.4.B.lemma, case 0 < beta <= 1/3): Lemma B.4's statement, decided from this file's
    outcome of it (tests/test_section5.py leaves it here)."""
    from lemmas import section5
    CHECKS.decide_foreign(section5, "2.4.B.lemma", "PROVED")


def test_lemmas_in_paper_order():
    assert [lemma.id for lemma in appendix_b.LEMMAS] == ["B.1", "B.3", "B.4"]


def test_every_subrange_of_B4_is_checked():
    ids = set(CHECKS.ids())
    for k in range(2, 6):
        assert {f"B.4.r{k}.tau_at_lo", f"B.4.r{k}.bound"} <= ids
    assert {"B.4.r1.bound", "B.4.r1.tau_le_half_pi", "B.4.tau_decreasing", "B.4.cos_tau_eq",
            "B.4.cos_tau_nonneg", "B.4.cos_tau_le_beta", "B.4.direct"} <= ids


def test_lemma_B4_statement_is_derived():
    # the paper's argument replays, tau's argmax derived from the sign of F' on [0, tau/pi] and [tau/pi, 1]
    for cid in ("B.4.cover", "B.4.exp_step", "B.4.f2_lower", "B.4.argmax_t", "B.4.tau_argmax", "B.4.statement"):
        assert CHECKS.result(cid).status == "PROVED", CHECKS.result(cid).reason
    assert "B.4.tau_argmax" in CHECKS.result("B.4.statement").reason
    # the direct route needs only a's location, derived from the root count of Lemma B.1
    assert CHECKS.result("B.4.statement_direct").status == "PROVED"


def test_B4_cover_follows_a_user_range():
    # on a range the five sub-ranges do not cover, the cover does not replay
    lemma = appendix_b.lemma_B4.with_beta("(0, 1/2]")
    claim = next(c for c in lemma.resolved_claims() if c.id == "B.4.cover")
    r = claim.decide({p: (q, q.run()) for q in lemma.resolved_claims() if q.id in claim.premise_ids()
                      for p in [q.id]})
    assert r.status == "UNDECIDED" and "cover" in r.reason


def test_new_beta_range_reruns_the_parametrized_claims():
    # users re-run a lemma on a sub-range: the {beta} claims follow it
    lemma = appendix_b.lemma_B4.with_beta("(0, 1/5]")
    claim = next(c for c in lemma.resolved_claims() if c.id == "B.4.reduced_2")
    assert claim.over == "b in (0, 1/5]"
    assert claim.run().status == "PROVED"
