"""Section 5 (proofs of Corollaries 2.4-2.6): expected statuses (printed slips REFUTED with their
corrected claims PROVED), mutated twins, theorem-level glue recorded as cited / human."""

from _lemma_checks import Checks, standard_tests
from lemmas import section5

REFUTED = {"S5.tau_printed_defined", "2.4.A.printed_order", "2.4.B.printed_positive_region", "2.4.C.printed_region",
           "2.4.C.printed_equivalence"}
CHECKS = Checks(section5, refuted=REFUTED, human_derived={"2.4.A.lemmas"})
# the printed tau is undefined at beta = 0: its claims are stated on each side of 0
FIXED_RANGES = {"S5.tau_formula", "S5.tau_formula.positive", "S5.tau_zero_printed", "S5.tau_zero_printed.positive",
                "S5.D_minus_beta", "S5.D_minus_beta_form", "S5.D_plus_beta", "S5.beta_nonneg", "S5.minus_beta_nonneg",
                "S5.linear_pos.positive", "S5.linear_pos.negative", "S5.linear_pos"}
globals().update(standard_tests(CHECKS, FIXED_RANGES))


def test_the_lemma_steps_are_decided_with_their_appendix():
    # their premises are the appendices' statements: tests/test_appendix_a.py, _b.py and _c.py
    # decide them from the outcomes they compute anyway
    assert CHECKS.foreign_ids() == ["2.4.A.lemmas", "2.4.B.lemma", "2.4.C.lemma"]


def test_lemmas_in_paper_order():
    assert [lemma.id for lemma in section5.LEMMAS] == ["S5", "2.4.A", "2.4.B", "2.4.0", "2.4.C", "2.5", "2.6"]


def test_theorem_level_glue_is_never_proved():
    for lemma in section5.LEMMAS:
        for c in lemma.claims:
            if any(word in c.statement for word in ("Theorem 2.3", "Corollary 3.3", "Lemma C.4")):
                assert c.kind in ("cited", "human"), c.id


def test_printed_derivatives_and_tau():
    for cid in ("S5.f1_printed", "S5.f2_printed", "S5.f3_printed", "S5.f1_at_0", "S5.tau_zero_printed", "S5.tau_zero_printed.positive"):
        assert CHECKS.result(cid).status == "PROVED"
