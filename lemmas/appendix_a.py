"""Appendix A of the paper (beta > 1/3): Lemma A.1, Lemma A.2, Corollary A.3, Lemmas A.4-A.7.

Every assertion of the proofs is a claim, including the silent ones ("straightforward to
verify", monotonicity facts used without a word).  Conventions:

- f(x) = sin x e^{beta(cos x - 1)}; p, tau, g_beta, g1, g2, phi_A4..phi_A7 from lemmas.functions.
- Lemma A.2 and Corollary A.3 are statements about a function of x in (0, oo); we call the
  variable b (= beta) so that they share the tau of lemmas.functions.
- Near beta -> oo, tau(beta) = arccos(c), c -> 1, is not analytic in 1/beta (it behaves like
  beta^{-1/2}).  Corollary A.3 itself, tau < 1/sqrt(beta) (A.3.tau_bound), is decided as
  written: through the inverse of arccos on a tail, c > cos(1/sqrt(beta)), analytic in
  1/sqrt(beta) (``certify.inverse``).  The other claims of A.2 / A.3 whose slack goes to 0
  there are decided in the exact parametrization beta = B(q) = (1 - q^4)/(4q^2), q in (0, 1) (a decreasing
  bijection onto (0, oo)), where sqrt(1 + 4 beta^2) = (1 + q^4)/(2q^2), cos tau = (1 - q^2)/(1 + q^2),
  tau = 2 atan q and sqrt(beta) = sqrt(1 - q^4)/(2q): everything is rational or atan in q and
  analytic at q = 0 (beta = oo).  Identities A.2.q_* / A.3.q_* record the rewrite.
- Identities on x in (0, pi) are written with x = 2 atan(y), y > 0 (so sin x = 2y/(1+y^2) >= 0
  is known to sympy through the positive symbol y); the ends x = 0, pi separately.
- g'_beta(2/3) in A.7 vanishes like sqrt(beta - 1/3) at the open end 1/3 (no derivative test
  decides that); it is decided multiplied by sqrt(2 - (2/3)/beta) > 0 (A.7.gprime_at_2_3_rewrite).
- z_b = beta(1 - cos b_), z_a = beta(1 - cos a), where (b_, a) is the positive region of f'''
  in (0, pi) (Lemma A.1); the positive region of g'_beta on (0, 2 beta) is (z_b, z_a).
- Sub-ranges of the proofs (beta >= 2 and [1, 2) in A.4) and the fixed points where tau is
  evaluated are constants of the printed proof and written literally; every claim about "the
  lemma's beta" uses {beta}.
"""
from dataclasses import replace

import sympy

from certify.claims import Cited, Human, Identity, Inequality, Lemma, Limit, RootCount
from lemmas.a_statement import A3_statement
from lemmas.functions import (E_beta, R, acos, b, cos, f3, f3_printed, p, pi, sqrt, tau_printed, x, z)

q, t, w = (sympy.Symbol(n, real=True) for n in ("q", "t", "w"))

# -- Lemma A.1 -------------------------------------------------------------------------------------

XB = "x in [-4, 4], b in {beta}"

lemma_A1 = Lemma(
    id="A.1",
    title="the positive region of f''' is (-a, -b) U (b, a), 0 < b < a < pi",
    statement="Suppose beta > 1/3. There exists 0 < b < a < pi such that the positive region of f'''(x) "
              "is (-a, -b) U (b, a).",
    beta="(1/3, oo)",
    claims=(
        Identity("A.1.f3_is_p", "f'''(x) = p(cos x) e^{beta(cos x - 1)}", "Lemma A.1, proof",
                 lhs=f3, rhs=p(cos(x), b) * E_beta, over=XB),
        Identity("A.1.f3_printed_is_p", "(Section 5's printed f''') = p(cos x) e^{beta(cos x - 1)}",
                 "Lemma A.1, proof", lhs=f3_printed, rhs=p(cos(x), b) * E_beta, over=XB),
        Identity("A.1.p_at_1", "p(1) = -1 - 3 beta (printed closed form)", "Lemma A.1, proof",
                 lhs=p(1, b), rhs=-1 - 3 * b, over="b in {beta}"),
        Inequality("A.1.p_at_1_neg", "p(1) = -1 - 3 beta < 0", "Lemma A.1, proof",
                   lhs=-1 - 3 * b, op="<", rhs=0, over="b in {beta}"),
        Identity("A.1.p_at_1_m03b", "p(1 - 0.3/beta) = 1.688 - 0.1761 beta^{-1} + 0.24 beta (printed closed form)",
                 "Lemma A.1, proof", lhs=p(1 - R("0.3") / b, b),
                 rhs=R("1.688") - R("0.1761") / b + R("0.24") * b, over="b in {beta}"),
        Inequality("A.1.p_at_1_m03b_pos", "p(1 - 0.3/beta) = 1.688 - 0.1761/beta + 0.24 beta > 0",
                   "Lemma A.1, proof", lhs=R("1.688") - R("0.1761") / b + R("0.24") * b, op=">", rhs=0,
                   over="b in {beta}"),
        Identity("A.1.p_at_m1", "p(-1) = 1 - 3 beta (printed closed form)", "Lemma A.1, proof",
                 lhs=p(-1, b), rhs=1 - 3 * b, over="b in {beta}"),
        Inequality("A.1.p_at_m1_neg", "p(-1) = 1 - 3 beta < 0 (-> 0 at the open end beta = 1/3)",
                   "Lemma A.1, proof", lhs=1 - 3 * b, op="<", rhs=0, over="b in {beta}"),
        Identity("A.1.p_at_m1_m2b", "p(-1 - 2/beta) = 5 beta + 6/beta + 13 (printed closed form)",
                 "Lemma A.1, proof", lhs=p(-1 - 2 / b, b), rhs=5 * b + 6 / b + 13, over="b in {beta}"),
        Inequality("A.1.p_at_m1_m2b_pos", "p(-1 - 2/beta) = 5 beta + 6/beta + 13 > 0", "Lemma A.1, proof",
                   lhs=5 * b + 6 / b + 13, op=">", rhs=0, over="b in {beta}"),
        Inequality("A.1.point_m03b_gt_m1", "(silent) the evaluation point 1 - 0.3/beta lies in (-1, 1): > -1",
                   "Lemma A.1, proof", lhs=1 - R("0.3") / b, op=">", rhs=-1, over="b in {beta}"),
        Inequality("A.1.point_m03b_lt_1", "(silent) 1 - 0.3/beta < 1", "Lemma A.1, proof",
                   lhs=1 - R("0.3") / b, op="<", rhs=1, over="b in {beta}"),
        Inequality("A.1.point_m2b_lt_m1", "(silent) -1 - 2/beta < -1 (the point lies left of [-1, 1])",
                   "Lemma A.1, proof", lhs=-1 - 2 / b, op="<", rhs=-1, over="b in {beta}"),
        Identity("A.1.p_quartic", "(silent) p is a quartic in z with leading coefficient -beta^3",
                 "Lemma A.1, proof", lhs=sympy.expand(p(z, b)),
                 rhs=-b ** 3 * z ** 4 - 6 * b ** 2 * z ** 3 + (2 * b ** 3 - 7 * b) * z ** 2
                 + (6 * b ** 2 - 1) * z + 4 * b - b ** 3, over="z in [-4, 4], b in {beta}"),
        Inequality("A.1.lim_minus_oo", "(silent, needed for 'two roots less than -1') p -> -oo as z -> -oo: "
                   "leading coefficient -beta^3 < 0", "Lemma A.1, proof",
                   lhs=-b ** 3, op="<", rhs=0, over="b in {beta}"),
        RootCount("A.1.roots", "p has exactly four real roots, all simple, one in each of (-oo, -1-2/beta), "
                  "(-1-2/beta, -1), (-1, 1-0.3/beta), (1-0.3/beta, 1) (signs - + - + - at the ordered points, "
                  "order of the points included)", "Lemma A.1, proof",
                  expr=p(z, b), var="z", points=("-oo", "-1-2/b", "-1", "1-3/(10*b)", "1"), signs="-+-+-",
                  degree=4, over="b in {beta}"),
        Human("A.1.region", "the positive region of f''' is (-a, -b) U (b, a), 0 < b < a < pi",
              why="logic: a set statement read off A.1.roots and e^{...} > 0",
              reasoning="By A.1.roots, p has exactly two roots r1 < r2 in (-1, 1) (r1 in (-1, 1-0.3/beta), "
                        "r2 in (1-0.3/beta, 1)), both simple, p > 0 exactly on (r1, r2) within [-1, 1] and "
                        "p(+-1) < 0. By A.1.f3_is_p and e^{...} > 0, f'''(x) > 0 iff r1 < cos x < r2. On [0, pi] "
                        "cos is decreasing, so with b = arccos r2, a = arccos r1 (0 < b < a < pi) the positive "
                        "region in [0, pi] is (b, a); f''' is even (Section 5, S5.f3_even)."),
    ),
    reasoning="The signs of the quartic p at -oo, -1-2/beta, -1, 1-0.3/beta, 1 alternate, which locates all four "
              "roots: two below -1 and two in (-1, 1) with p > 0 between them; x -> cos x maps this to (b, a).",
)

# -- Lemma A.2 -------------------------------------------------------------------------------------

SQ = sqrt(1 + 4 * b ** 2)
C_ARG = (SQ - 1) / (2 * b)                         # the printed argument of arccos
S_PRINTED = sqrt(SQ - 1) / sqrt(2 * b ** 2 + R(1, 2))
DERIV_PRINTED = (acos(C_ARG) - S_PRINTED) / (2 * sqrt(b))

# the parametrization b = B_Q(q), q in (0, 1): tau(B_Q) = 2 atan q (see the module docstring)
B_Q = (1 - q ** 4) / (4 * q ** 2)
R_Q = (1 + q ** 4) / (2 * q ** 2)                  # sqrt(1 + 4 B_Q^2)
C_Q = (1 - q ** 2) / (1 + q ** 2)                  # cos tau(B_Q) = cos(2 atan q)
S_Q = 2 * q * (1 - q ** 2) / (1 + q ** 4)          # S(B_Q)
Q_DOM = "q in (0, 1)"

STEP0 = 1 - (SQ - 1) / (1 + 4 * b ** 2) - C_ARG                                  # > 0 to show
STEP1 = 1 + 1 / (1 + 4 * b ** 2) + 1 / (2 * b) - SQ * (1 / (2 * b) + 1 / (1 + 4 * b ** 2))
STEP2 = (1 + 4 * b ** 2) * 2 * b + 1 + 2 * b + 4 * b ** 2 - SQ * (1 + 2 * b + 4 * b ** 2)
STEP3 = (1 + 4 * b ** 2) * 2 * b - (SQ - 1) * (1 + 2 * b + 4 * b ** 2)
STEP4 = (1 + SQ) * (1 + 4 * b ** 2) - 2 * b * (1 + 2 * b + 4 * b ** 2)

PARAM_CLAIMS = (
    Inequality("A.2.q_map", "(rewrite) b = B(q) = (1 - q^4)/(4q^2) is strictly decreasing on q in (0, 1), "
               "from +oo (q -> 0) to 0 (q -> 1): a bijection onto (0, oo)", "Lemma A.2 (rewrite)",
               lhs=sympy.diff(B_Q, q), op="<", rhs=0, over=Q_DOM),
    Identity("A.2.q_radicand", "(rewrite) 1 + 4 B(q)^2 = R(q)^2, R(q) = (1 + q^4)/(2q^2) > 0, so "
             "sqrt(1 + 4b^2) = R(q)", "Lemma A.2 (rewrite)", lhs=1 + 4 * B_Q ** 2, rhs=R_Q ** 2, over=Q_DOM),
    Identity("A.2.q_cos", "(rewrite) (sqrt(1+4b^2) - 1)/(2b) = (R - 1)/(2B) = (1 - q^2)/(1 + q^2)",
             "Lemma A.2 (rewrite)", lhs=(R_Q - 1) / (2 * B_Q), rhs=C_Q, over=Q_DOM),
    Identity("A.2.q_tau", "(rewrite) cos(2 atan q) = (1 - q^2)/(1 + q^2); 2 atan q lies in (0, pi/2), "
             "so tau(B(q)) = arccos((1-q^2)/(1+q^2)) = 2 atan q", "Lemma A.2 (rewrite)",
             lhs=cos(2 * sympy.atan(q)), rhs=C_Q, over=Q_DOM),
    Identity("A.2.q_S", "(rewrite) S(b)^2 = (sqrt(1+4b^2) - 1)/(2b^2 + 1/2) = (R - 1)/(2B^2 + 1/2) "
             "= (2q(1 - q^2)/(1 + q^4))^2", "Lemma A.2 (rewrite)",
             lhs=(R_Q - 1) / (2 * B_Q ** 2 + R(1, 2)), rhs=S_Q ** 2, over=Q_DOM),
    Inequality("A.2.q_S_pos", "(rewrite) 2q(1 - q^2)/(1 + q^4) > 0, so S(B(q)) = 2q(1 - q^2)/(1 + q^4)",
               "Lemma A.2 (rewrite)", lhs=S_Q, op=">", rhs=0, over=Q_DOM),
)

lemma_A2 = Lemma(
    id="A.2",
    title="sqrt(x) arccos((sqrt(1+4x^2)-1)/(2x)) is strictly increasing over (0, oo)",
    statement="sqrt(x) arccos((sqrt(1+4x^2)-1)/(2x)) is strictly increasing over (0, oo). (Variable written b.)",
    beta="(0, oo)",
    claims=(
        Identity("A.2.derivative", "d/dx sqrt(x) arccos(c(x)) = (arccos(c) - sqrt(sqrt(1+4x^2)-1)/sqrt(2x^2+1/2)) "
                 "/ (2 sqrt x) (printed derivative)", "Lemma A.2, proof",
                 lhs=sympy.diff(sqrt(b) * tau_printed(b), b), rhs=DERIV_PRINTED, over="b in {beta}"),
        Identity("A.2.tau_printed", "(silent) the printed arccos argument (sqrt(1+4x^2)-1)/(2x) equals "
                 "2x/(sqrt(1+4x^2)+1) (the singularity-free tau of lemmas.functions)", "Lemma A.2",
                 lhs=C_ARG, rhs=2 * b / (SQ + 1), over="b in {beta}"),
        *PARAM_CLAIMS,
        Inequality("A.2.numerator_pos", "it suffices: arccos(c) > S := sqrt(sqrt(1+4x^2)-1)/sqrt(2x^2+1/2) on "
                   "(0, oo), i.e. the numerator of the derivative is positive; decided at b = B(q): "
                   "2 atan q > 2q(1 - q^2)/(1 + q^4) for q in (0, 1) (A.2.q_*; the b-form is not analytic "
                   "at b = oo)", "Lemma A.2, proof",
                   lhs=sympy.atan(q), op=">", rhs=S_Q / 2, over=Q_DOM),
        Inequality("A.2.S_lt_pi", "(silent) S < pi, so arccos(c) > S <=> c < cos S (arccos decreasing on "
                   "[-1, 1], cos injective on [0, pi]; S >= 0 as a square root)", "Lemma A.2, proof",
                   lhs=S_PRINTED, op="<", rhs=pi, over="b in {beta}"),
        Inequality("A.2.cos_lower", "cos(z) >= 1 - z^2/2 over (0, pi)", "Lemma A.2, proof",
                   lhs=cos(z), op=">=", rhs=1 - z ** 2 / 2, over="z in (0, pi)"),
        Identity("A.2.S_squared", "S^2/2 = (sqrt(1+4x^2)-1)/(1+4x^2), so cos S >= 1 - (sqrt(1+4x^2)-1)/(1+4x^2)",
                 "Lemma A.2, proof", lhs=S_PRINTED ** 2 / 2, rhs=(SQ - 1) / (1 + 4 * b ** 2), over="b in {beta}"),
        Inequality("A.2.step0", "it suffices: (sqrt(1+4x^2)-1)/(2x) < 1 - (sqrt(1+4x^2)-1)/(1+4x^2), checked "
                   "directly with the left side in its pole-free form 2x/(sqrt(1+4x^2)+1) (A.2.tau_printed)",
                   "Lemma A.2, proof", lhs=2 * b / (SQ + 1), op="<", rhs=1 - (SQ - 1) / (1 + 4 * b ** 2),
                   over="b in {beta}"),
        Identity("A.2.step1", "<=> sqrt(1+4x^2)(1/(2x) + 1/(1+4x^2)) < 1 + 1/(1+4x^2) + 1/(2x) "
                 "(rhs - lhs equals the slack of A.2.step0)", "Lemma A.2, proof",
                 lhs=STEP1, rhs=STEP0, over="b in {beta}"),
        Identity("A.2.step2", "<=> sqrt(1+4x^2)(1+2x+4x^2) < (1+4x^2)2x + 1 + 2x + 4x^2 "
                 "(slack multiplied by 2x(1+4x^2) > 0)", "Lemma A.2, proof",
                 lhs=STEP2, rhs=2 * b * (1 + 4 * b ** 2) * STEP1, over="b in {beta}"),
        Identity("A.2.step3", "<=> (sqrt(1+4x^2)-1)(1+2x+4x^2) < (1+4x^2)2x (same slack)", "Lemma A.2, proof",
                 lhs=STEP3, rhs=STEP2, over="b in {beta}"),
        Identity("A.2.step4", "<=> 2x(1+2x+4x^2) < (1+sqrt(1+4x^2))(1+4x^2) (slack multiplied by "
                 "(sqrt(1+4x^2)+1)/(2x) > 0)", "Lemma A.2, proof",
                 lhs=STEP4, rhs=STEP3 * (SQ + 1) / (2 * b), over="b in {beta}"),
        Inequality("A.2.multiplier_2", "(silent) the multiplier 2x(1+4x^2) of step 2 is > 0", "Lemma A.2, proof",
                   lhs=2 * b * (1 + 4 * b ** 2), op=">", rhs=0, over="b in {beta}"),
        Inequality("A.2.multiplier_4", "(silent) the multiplier (sqrt(1+4x^2)+1)/(2x) of step 4 is > 0: its "
                   "numerator sqrt(1+4x^2) + 1 is > 0 (and 2x > 0 on the range)", "Lemma A.2, proof",
                   lhs=SQ + 1, op=">", rhs=0, over="b in {beta}"),
        Inequality("A.2.final", "2x(1+2x+4x^2) < (1+sqrt(1+4x^2))(1+4x^2) on (0, oo) ('straightforward to verify')",
                   "Lemma A.2, proof", lhs=2 * b * (1 + 2 * b + 4 * b ** 2), op="<", rhs=(1 + SQ) * (1 + 4 * b ** 2),
                   over="b in {beta}"),
        Human("A.2.conclusion", "the derivative is positive on (0, oo), so the function is strictly increasing",
              why="theorem: a positive derivative on (0, oo) gives strict monotonicity (numeric part checked)",
              reasoning="A.2.final and the equivalences A.2.step4..step1 (positive multipliers A.2.multiplier_2/4) "
                        "give A.2.step0; with cos S >= 1 - S^2/2 (A.2.cos_lower, A.2.S_squared; 0 <= S < pi by "
                        "A.2.S_lt_pi) this gives c < cos S, i.e. arccos(c) > S: the numerator of A.2.derivative is "
                        "positive and 2 sqrt(x) > 0. A.2.numerator_pos checks the numerator directly on the whole "
                        "range through the exact parametrization b = B(q) (A.2.q_map ... A.2.q_S_pos)."),
    ),
    reasoning="Differentiate; the numerator is positive by a chain of equivalent inequalities ending in a "
              "polynomial-radical inequality, each step an exact identity of slacks with positive multipliers. "
              "The numerator is also checked directly in the parametrization b = (1 - q^4)/(4q^2), "
              "tau = 2 atan q, which is analytic at b = oo (q = 0).",
)

# -- Corollary A.3 ---------------------------------------------------------------------------------

SQRT_B_TAU_Q = sqrt(1 - q ** 4) * sympy.atan(q) / q      # sqrt(b) tau(b) at b = B(q)

corollary_A3 = Lemma(
    id="A.3",
    title="arccos((sqrt(1+4x^2)-1)/(2x)) < 1/sqrt(x) over (0, oo)",
    statement="arccos((sqrt(1+4x^2)-1)/(2x)) < 1/sqrt(x) over (0, oo), i.e. sqrt(beta) tau(beta) < 1.",
    beta="(0, oo)",
    claims=(
        *(replace(c, id=c.id.replace("A.2.", "A.3."), ref="Corollary A.3 (rewrite)") for c in PARAM_CLAIMS[:4]),
        Identity("A.3.q_sqrt_b", "(rewrite) sqrt(B(q)) = sqrt(1 - q^4)/(2q), so sqrt(b) tau(b) = "
                 "sqrt(1 - q^4) atan(q)/q at b = B(q)", "Corollary A.3 (rewrite)",
                 lhs=sqrt(B_Q), rhs=sqrt(1 - q ** 4) / (2 * q), over=Q_DOM),
        Inequality("A.3.bound", "sqrt(x) arccos(c(x)) < 1 on (0, oo); decided at x = B(q): sqrt(1 - q^4) atan(q) < q "
                   "for q in (0, 1)", "Corollary A.3",
                   lhs=sqrt(1 - q ** 4) * sympy.atan(q), op="<", rhs=q, over=Q_DOM),
        Limit("A.3.limit", "lim_{x -> oo} sqrt(x) arccos((sqrt(1+4x^2)-1)/(2x)) = 1 (printed form; sympy's exact limit)",
              "Corollary A.3, proof", expr=sqrt(b) * tau_printed(b), var="b", value=1),
        Inequality("A.3.limit_lower", "the limit certified by arb: with A.3.bound, "
                   "1 - q^2 < sqrt(b) tau(b) < 1 for q in (0, 1/2] (b >= 15/64), and q -> 0 as b -> oo",
                   "Corollary A.3, proof", lhs=sqrt(1 - q ** 4) * sympy.atan(q), op=">", rhs=q * (1 - q ** 2),
                   over="q in (0, 1/2]"),
        Cited("A.3.also_in", "the corollary also appears in [21, Lemma 4]", "Corollary A.3", source="[21, Lemma 4]"),
        *A3_statement(),
    ),
    reasoning="Monotone with supremum equal to the limit 1, which is not attained.",
)

from lemmas.appendix_a_g import lemma_A4, lemma_A5, lemma_A6, lemma_A7  # noqa: E402

LEMMAS = [lemma_A1, lemma_A2, corollary_A3, lemma_A4, lemma_A5, lemma_A6, lemma_A7]
