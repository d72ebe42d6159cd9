"""Appendix A of the paper (beta > 1/3): Lemma A.1, Lemma A.2, Corollary A.3, Lemmas A.4-A.7.

Every assertion of the proofs is a claim, including the silent ones ("straightforward to
verify", monotonicity facts used without a word).  Conventions:

- f(x) = sin x e^{beta(cos x - 1)}; p, tau, g_beta, g1, g2, phi_A4..phi_A7 from lemmas.functions.
- Lemma A.2 and Corollary A.3 are statements about a function of x in (0, oo); we call the
  variable b (= beta) so that they share the tau of lemmas.functions.
- Near beta -> oo, tau(beta) = arccos(c), c -> 1, is not analytic in 1/beta (it behaves like
  beta^{-1/2}), and the claims of A.2 / A.3 whose slack goes to 0 there are UNDECIDED (or, for
  the numerator of A.2's derivative on (0, oo), hang in sympy) in the variable beta.  They are
  decided in the exact parametrization beta = B(q) = (1 - q^4)/(4q^2), q in (0, 1) (a decreasing
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
from lemmas.g_roots import q_roots
from lemmas.functions import (E_beta, R, acos, b, cos, exp, f2, f3, f3_printed, g1, g2,
                              g_beta, g_beta_prime, p, phi_A4, phi_A5, phi_A6, phi_A7, pi, sin, sqrt,
                              tau, tau_printed, x, z)

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
        Inequality("A.2.cos_lower", "cos(z) >= 1 - z^2/2 over (0, pi) (z = pi t)", "Lemma A.2, proof",
                   lhs=cos(pi * t), op=">=", rhs=1 - (pi * t) ** 2 / 2, over="t in (0, 1)"),
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
        Human("A.3.glue", "the corollary follows from Lemma A.2 and the limit",
              why="theorem: increasing with limit 1 (A.3.bound checks the conclusion directly)",
              reasoning="sqrt(x) arccos(c(x)) is strictly increasing (Lemma A.2) with limit 1 at oo (A.3.limit; certified "
                        "by arb: A.3.limit_lower and A.3.bound squeeze it between 1 - q^2 and 1, q -> 0), so it is < 1 on (0, oo); "
                        "A.3.bound checks this directly."),
    ),
    reasoning="Monotone with supremum equal to the limit 1, which is not attained.",
)

# -- Lemmas A.4 - A.7: shared pieces --------------------------------------------------------------

y = sympy.Symbol("y", real=True)
SIN_Y, COS_Y = 2 * y / (1 + y ** 2), (1 - y ** 2) / (1 + y ** 2)     # sin, cos of x = 2 atan y
AT_Y = {sin(x): SIN_Y, cos(x): COS_Y}
Z_Y = b - b * COS_Y                                                   # beta - beta cos x
YB = "y in (0, oo), b in {beta}"
CONST = "t in [0, 0]"           # domain of a claim about a constant (the variable does not occur)
BRACKET = lambda zz: -3 + 2 * zz + (-1 + 3 * zz - zz ** 2) / b        # g_beta = sqrt(z) sqrt(2 - z/b) B(z) e^{-z}


def tag(v):
    return v.replace("/", "_").replace(".", "")


def lem(L):
    return f"Lemma {L}, proof"


def gprime_sign(L, zc, op):
    word = "< 0" if op == "<" else "> 0"
    return Inequality(f"{L}.gprime_at_{tag(zc)}", f"g'_beta({zc}) {word} for every beta in the lemma's range",
                      lem(L), lhs=g_beta_prime(R(zc), b), op=op, rhs=0, over="b in {beta}")


def g_sign(L, zc, op):
    word = "< 0" if op == "<" else "> 0"
    return Inequality(f"{L}.g_at_{tag(zc)}", f"g_beta({zc}) {word} for every beta in the lemma's range", lem(L),
                      lhs=g_beta(R(zc), b), op=op, rhs=0, over="b in {beta}")


def point_in_domain(L, zc, op="<="):
    return Inequality(f"{L}.points_in_domain", f"(silent) the evaluation points 0.1, ..., {zc} lie in the domain "
                      f"[0, 2 beta] of g_beta: {zc} {op} 2 beta", lem(L), lhs=R(zc), op=op, rhs=2 * b,
                      over="b in {beta}")


def g2_lower(L, zl, zh, const):
    return (
        Inequality(f"{L}.g2_min_{tag(zl)}_{tag(zh)}", f"(silent extremum fact) g2(z) >= g2({zl}) for z in [{zl}, {zh}] "
                   f"(g2 increases on [0.1009, 1.1723] and stays above g2({zl}) up to {zh}); z_b lies there",
                   lem(L), lhs=g2(z), op=">=", rhs=g2(R(zl)), over=f"z in [{zl}, {zh}]"),
        Inequality(f"{L}.g2_at_{tag(zl)}_neg", f"(silent) g2({zl}) < 0, so sqrt(2 - z/beta) g2(z) >= "
                   f"sqrt(2 - {zl}/beta) g2({zl}) for z in [{zl}, {zh}]", lem(L),
                   lhs=g2(z), op="<", rhs=0, over=f"z in [{zl}, {zl}]"),
        Inequality(f"{L}.g2_at_{tag(zl)}_bound", f"g2({zl}) > {const}", lem(L),
                   lhs=g2(z), op=">", rhs=R(const), over=f"z in [{zl}, {zl}]"),
    )


def tau_point(L, name, expr, const, statement):
    """A constant tau bound: the expression does not depend on b; the domain is a point."""
    return Inequality(f"{L}.{name}", statement, lem(L), lhs=expr, op="<", rhs=R(const), over=CONST)


def radicand(L, c, op=">=", what="phi is real"):
    return Inequality(f"{L}.radicand_{tag(c)}", f"(silent) 2 - {c}/beta {op} 0 on the lemma's range ({what})",
                      lem(L), lhs=2 - R(c) / b, op=op, rhs=0, over="b in {beta}")


def g_signs_human(L, gpos):
    return Human(f"{L}.g_signs", "g_beta(beta(1 - cos a)) > 0 > g_beta(beta(1 - cos b))",
                 why="numeric, open: needs bounds over ranges that depend on beta ([z_b, 2 beta])",
                 reasoning=f"g_beta(0) = 0 and g'_beta < 0 on (0, z_b), so g_beta(z_b) < 0 (g_beta(0.1) < 0 agrees). "
                           f"g_beta is increasing on [z_b, z_a] and decreasing on [z_a, 2 beta]; {gpos} lies in "
                           f"(z_b, 2 beta] ({L}.zb_below, {L}.points_in_domain), so g_beta(z_a) >= g_beta({gpos}) > 0 "
                           f"in both cases {gpos} <= z_a and {gpos} > z_a.")


def identity_claims(L, zmax):
    """The identities every one of A.4 - A.7 uses, on the lemma's beta range."""
    return (
        Identity(f"{L}.f2_identity", "f''(x) = sqrt(beta) g_beta(beta - beta cos x) on (0, pi) (x = 2 atan y, "
                 "A.4.half_angle_sin / _cos)", lem(L),
                 lhs=f2.xreplace(AT_Y), rhs=sqrt(b) * g_beta(Z_Y, b), over=YB),
        Identity(f"{L}.f2_identity_at_0", "f''(0) = sqrt(beta) g_beta(0) (= 0)", lem(L), lhs=f2.subs(x, 0),
                 rhs=sqrt(b) * g_beta(0, b), over="b in {beta}"),
        Identity(f"{L}.f2_identity_at_pi", "f''(pi) = sqrt(beta) g_beta(2 beta) (= 0)", lem(L), lhs=f2.subs(x, pi),
                 rhs=sqrt(b) * g_beta(2 * b, b), over="b in {beta}"),
        Identity(f"{L}.f3_identity", "f'''(x) = beta sqrt(beta) sin x g'_beta(beta - beta cos x) on (0, pi) "
                 "(x = 2 atan y)", lem(L),
                 lhs=f3.xreplace(AT_Y), rhs=b * sqrt(b) * SIN_Y * g_beta_prime(Z_Y, b), over=YB),
        Human(f"{L}.positive_region", "the positive region of g'_beta in (0, 2 beta) is "
              "(z_b, z_a) = (beta(1 - cos b), beta(1 - cos a)), and (f''(a) - f''(b))/sqrt(beta) = g_beta(z_a) - g_beta(z_b)",
              why="logic: links A.1's roots a, b to z_a, z_b (the region of f''' to that of g'_beta)",
              reasoning="z = beta(1 - cos x) is a strictly increasing bijection [0, pi] -> [0, 2 beta] "
                        "(dz/dx = beta sin x > 0 on (0, pi)); beta sqrt(beta) sin x > 0 on (0, pi), so by "
                        f"{L}.f3_identity f''' and g'_beta(z) have the same sign; Lemma A.1 gives the positive region "
                        f"(b, a) of f''' in (0, pi). The second statement is {L}.f2_identity at x = a, b."),
        Identity(f"{L}.g_combo", "g_beta(z) = sqrt(2 - z/beta)/sqrt(2) (g1(z) + g2(z)/beta)", lem(L),
                 lhs=g_beta(z, b), rhs=sqrt(2 - z / b) / sqrt(2) * (g1(z) + g2(z) / b),
                 over=f"z in [0, {zmax}], b in {{beta}}"),
        Identity(f"{L}.g_at_0", "g_beta(0) = 0", lem(L), lhs=g_beta(0, b), rhs=0, over="b in {beta}"),
        Identity(f"{L}.g_at_2b", "(silent) g_beta(2 beta) = 0 (the right end of the domain)", lem(L),
                 lhs=g_beta(2 * b, b), rhs=0, over="b in {beta}"),
    )


def g1_lower(L, zl, zh):
    return Inequality(f"{L}.g1_lower", f"g1 > -1.381 (used at z_b in ({zl}, {zh}); the global minimum "
                      f"g1((3 - sqrt 6)/2) = -1.38012 lies in this interval, see A.4.g1_lower)", lem(L),
                      lhs=g1(z), op=">", rhs=R("-1.381"), over=f"z in [{zl}, {zh}]")


def zb_bound(zl, c2):
    """The right side of (9): c2 sqrt(2 - zl/beta)/(sqrt 2 beta) - 1.381 sqrt(2 - zl/beta)/sqrt 2."""
    return R(c2) * sqrt(2 - R(zl) / b) / (sqrt(2) * b) - R("1.381") * sqrt(2 - R(zl) / b) / sqrt(2)


def bound_zb(L, zl, zh, c2):
    """The lower bound of g_beta at z_b (the paper's (9) in A.4), checked on the whole interval where z_b lies."""
    bound = zb_bound(zl, c2)
    return Inequality(f"{L}.bound_zb", f"g_beta(z_b) > {c2} sqrt(2 - {zl}/beta)/(sqrt 2 beta) - 1.381 sqrt(2 - {zl}/beta)/sqrt 2 "
                      f"(A.4: display (9)), checked for every z in [{zl}, {zh}] (where z_b lies) and every beta", lem(L),
                      lhs=g_beta(z, b), op=">", rhs=bound, over=f"z in [{zl}, {zh}], b in {{beta}}")


# -- Lemma A.4 -------------------------------------------------------------------------------------

lemma_A4 = Lemma(
    id="A.4",
    title="tau (f''(a) - f''(b)) < 2 for beta >= 1",
    statement="If beta >= 1 then tau (f''(a) - f''(b)) < 2.",
    beta="[1, oo)",
    claims=(
        Identity("A.4.f2_printed_form", "f''(x) = sin x (-1 - 3beta cos x + beta^2 sin^2 x) e^{beta(cos x - 1)}, "
                 "i.e. with w = 1 - cos x and sin x = sqrt(2w - w^2) on [0, pi]: "
                 "sqrt(2w - w^2)(-1 - 3beta(1 - w) + beta^2(2w - w^2)) e^{-beta w}", lem("A.4"),
                 lhs=f2, rhs=sin(x) * (-1 - 3 * b * cos(x) + b ** 2 * sin(x) ** 2) * E_beta, over=XB),
        Identity("A.4.w_form", "sqrt(2w - w^2)(-1 - 3beta(1 - w) + beta^2(2w - w^2)) e^{-beta w} = "
                 "sqrt(2w - w^2)(beta(-3 + 2beta w) + (-1 + 3beta w - beta^2 w^2)) e^{-beta w} (printed step)", lem("A.4"),
                 lhs=sqrt(2 * w - w ** 2) * (-1 - 3 * b * (1 - w) + b ** 2 * (2 * w - w ** 2)) * exp(-b * w),
                 rhs=sqrt(2 * w - w ** 2) * (b * (-3 + 2 * b * w) + (-1 + 3 * b * w - b ** 2 * w ** 2)) * exp(-b * w),
                 over="w in [0, 2], b in {beta}"),
        Identity("A.4.w_form_g", "sqrt(2w - w^2)(beta(-3 + 2beta w) + (-1 + 3beta w - beta^2 w^2)) e^{-beta w} "
                 "= sqrt(beta) g_beta(beta w), w in [0, 2] (printed step, z = beta w)", lem("A.4"),
                 lhs=sqrt(2 * w - w ** 2) * (b * (-3 + 2 * b * w) + (-1 + 3 * b * w - b ** 2 * w ** 2)) * exp(-b * w),
                 rhs=sqrt(b) * g_beta(b * w, b), over="w in [0, 2], b in {beta}"),
        Identity("A.4.w_sub", "(silent) sin^2 x = 2w - w^2 for w = 1 - cos x (and sin x >= 0 on [0, pi], so "
                 "sin x = sqrt(2w - w^2) there)", lem("A.4"), lhs=sin(x) ** 2, rhs=2 * (1 - cos(x)) - (1 - cos(x)) ** 2,
                 over="x in [-4, 4]"),
        Identity("A.4.half_angle_sin", "(rewrite) x = 2 atan y, y in (0, oo), covers x in (0, pi): "
                 "sin x = 2y/(1 + y^2)", lem("A.4"), lhs=sin(2 * sympy.atan(y)), rhs=SIN_Y, over="y in (0, oo)"),
        Identity("A.4.half_angle_cos", "(rewrite) cos(2 atan y) = (1 - y^2)/(1 + y^2)", lem("A.4"),
                 lhs=cos(2 * sympy.atan(y)), rhs=COS_Y, over="y in (0, oo)"),
        *identity_claims("A.4", "2"),
        gprime_sign("A.4", "0.18", "<"),
        gprime_sign("A.4", "1.4", ">"),
        point_in_domain("A.4", "1.9"),
        *q_roots("A.4", "0.18", "1.4", zb_bound("0.18", "-0.247")),
        g_sign("A.4", "0.1", "<"),
        g_sign("A.4", "1.9", ">"),
        g_signs_human("A.4", "1.9"),
        *g2_lower("A.4", "0.18", "1.4", "-0.247"),
        Inequality("A.4.g1_lower", "g1 > -1.381 on [0, oo) (global minimum g1((3 - sqrt 6)/2) = -1.38012)", lem("A.4"),
                   lhs=g1(z), op=">", rhs=R("-1.381"), over="z in [0, oo)"),
        bound_zb("A.4", "0.18", "1.4", "-0.247"),
        Inequality("A.4.g2_max_after_14", "(silent monotonicity) g2(z) <= g2(1.4) for z >= 1.4 (g2 decreases on "
                   "[1.1723, 4.2268] and is negative beyond 2.618); z_a lies there", lem("A.4"),
                   lhs=g2(z), op="<=", rhs=g2(R("1.4")), over="z in [1.4, oo)"),
        Inequality("A.4.g2_at_14_pos", "(silent) g2(1.4) > 0, so sqrt(2 - z/beta) g2(z) <= sqrt(2 - 1.4/beta) g2(1.4) "
                   "for z >= 1.4", lem("A.4"), lhs=g2(z), op=">", rhs=0, over="z in [1.4, 1.4]"),
        Inequality("A.4.g2_at_14_bound", "g2(1.4) < 0.512", lem("A.4"), lhs=g2(z), op="<", rhs=R("0.512"),
                   over="z in [1.4, 1.4]"),
        Inequality("A.4.g1_nonpos", "g1 <= 0 for z <= 1.5", lem("A.4"), lhs=g1(z), op="<=", rhs=0, over="z in [0, 1.5]"),
        Inequality("A.4.g1_upper", "g1 < 0.375 on [0, oo) (global maximum g1((3 + sqrt 6)/2) = 0.374897)", lem("A.4"),
                   lhs=g1(z), op="<", rhs=R("0.375"), over="z in [0, oo)"),
        radicand("A.4", "1.5", what="the bound 0.375 sqrt(2 - 1.5/beta) and phi are real"),
        Human("A.4.bound_za", "g_beta(z_a) < 0.512 sqrt(2 - 1.4/beta)/(sqrt 2 beta) + 0.375 sqrt(2 - 1.5/beta)/sqrt 2",
              why="numeric, open: a bound over z in [z_h, 2 beta], a range that depends on beta",
              reasoning="A.4.g_combo at z = z_a > 1.4: g2(z_a) <= g2(1.4) (A.4.g2_max_after_14) and g2(1.4) > 0 give "
                        "sqrt(2 - z/beta) g2(z_a) <= sqrt(2 - 1.4/beta) g2(1.4) < 0.512 sqrt(2 - 1.4/beta). If z_a <= 1.5 "
                        "then g1(z_a) <= 0 <= 0.375 sqrt(2 - 1.5/beta); otherwise sqrt(2 - z_a/beta) < sqrt(2 - 1.5/beta) "
                        "and g1 < 0.375."),
        Human("A.4.phi", "g_beta(z_a) - g_beta(z_b) < phi(beta)",
              why="numeric, open: rests on the z_a bound (a range that depends on beta)",
              reasoning="A.4.bound_za minus (9) (A.4.bound_zb)."),
        Inequality("A.4.phi_lt_2", "if beta >= 2 then phi(beta) < 2", lem("A.4"),
                   lhs=phi_A4(b), op="<", rhs=2, over="b in [2, oo)"),
        Human("A.4.large_beta", "beta >= 2: tau(f''(a) - f''(b)) = sqrt(beta) tau (g_beta(z_a) - g_beta(z_b)) < "
              "sqrt(beta) tau phi(beta) < 2 sqrt(beta) tau < 2",
              why="numeric, open: rests on A.4.phi",
              reasoning="A.4.positive_region, A.4.phi, A.4.phi_lt_2 (tau > 0), and sqrt(beta) tau < 1 by Corollary A.3 "
                        "(A.3.bound)."),
        tau_point("A.4", "tau_at_2", sqrt(2) * tau(2), "0.96", "sqrt(2) tau(2) < 0.96"),
        Inequality("A.4.tau_below_2", "from Lemma A.2: sqrt(beta) tau < sqrt(2) tau(2) for beta in [1, 2)", lem("A.4"),
                   lhs=sqrt(b) * tau(b), op="<", rhs=sqrt(2) * tau(2), over="b in [1, 2)"),
        Inequality("A.4.phi_096", "0.96 phi(beta) < 2 for beta in [1, 2)", lem("A.4"),
                   lhs=R("0.96") * phi_A4(b), op="<", rhs=2, over="b in [1, 2)"),
        Human("A.4.conclusion", "tau(f''(a) - f''(b)) < 2 for beta >= 1",
              why="numeric, open: rests on the lemma's phi step",
              reasoning="beta >= 2: A.4.large_beta. beta in [1, 2): tau(f''(a) - f''(b)) < sqrt(beta) tau phi(beta) "
                        "< 0.96 phi(beta) < 2 (A.4.tau_below_2, A.4.tau_at_2, A.4.phi_096)."),
    ),
    reasoning="Write f'' = sqrt(beta) g_beta(beta - beta cos x); locate the ends z_b, z_a of the positive region of "
              "g'_beta by signs of g'_beta at 0.18 and 1.4; bound g_beta(z_a) from above and g_beta(z_b) from below "
              "through g1, g2; the sum phi(beta) is < 2 for beta >= 2 (then sqrt(beta) tau < 1) and 0.96 phi < 2 on [1, 2).",
    errata=(("", "typesetting: the display of g_beta in terms of g1, g2 is corrupted in the source ('rac', 'eta' for "
                 "\\frac, \\beta); intended g_beta(z) = sqrt(2 - z/beta)/sqrt(2) (g1(z) + g2(z)/beta), proved as "
                 "A.4.g_combo."),),
)

LEMMAS = [lemma_A1, lemma_A2, corollary_A3, lemma_A4]


def gprime_scaled(zz):
    """sqrt(2 - z/beta) g'_beta(z) without the square root that vanishes at z = 2 beta:
    g_beta = sqrt(h) B e^{-z}, h = z(2 - z/beta), so sqrt(2 - z/beta) g'_beta = e^{-z} (h' B + 2h(B' - B)) / (2 sqrt z)."""
    h = zz * (2 - zz / b)
    hp = 2 - 2 * zz / b
    B, Bp = BRACKET(zz), 2 + (3 - 2 * zz) / b
    return exp(-zz) * (hp * B + 2 * h * (Bp - B)) / (2 * sqrt(zz))


# -- Lemma A.5 -------------------------------------------------------------------------------------

lemma_A5 = Lemma(
    id="A.5",
    title="tau (f''(a) - f''(b)) < 2 for beta in [0.75, 1)",
    statement="Suppose beta in [0.75, 1). Then tau (f''(a) - f''(b)) < 2.",
    beta="[0.75, 1)",
    claims=(
        *identity_claims("A.5", "3/2"),
        gprime_sign("A.5", "0.165", "<"),
        gprime_sign("A.5", "1.24", ">"),
        point_in_domain("A.5", "1.4"),
        *q_roots("A.5", "0.165", "1.24", zb_bound("0.165", "-0.26")),
        g_sign("A.5", "0.1", "<"),
        g_sign("A.5", "1.4", ">"),
        g_signs_human("A.5", "1.4"),
        *g2_lower("A.5", "0.165", "1.24", "-0.26"),
        g1_lower("A.5", "0.165", "1.24"),
        bound_zb("A.5", "0.165", "1.24", "-0.26"),
        Inequality("A.5.g1_nonpos", "g1 <= 0 for z <= 1.5", lem("A.5"), lhs=g1(z), op="<=", rhs=0, over="z in [0, 1.5]"),
        Inequality("A.5.g1_upper", "g1 < 0.375 (used at z_a in (1.5, 2 beta), 2 beta < 2)", lem("A.5"),
                   lhs=g1(z), op="<", rhs=R("0.375"), over="z in [1.5, 2]"),
        Inequality("A.5.g2_max_after_124", "(silent monotonicity) g2(z) <= g2(1.24) for z in [1.24, 2] (z_a < 2 beta < 2)",
                   lem("A.5"), lhs=g2(z), op="<=", rhs=g2(R("1.24")), over="z in [1.24, 2]"),
        Inequality("A.5.g2_at_124_pos", "(silent) g2(1.24) > 0", lem("A.5"), lhs=g2(z), op=">", rhs=0,
                   over="z in [1.24, 1.24]"),
        Inequality("A.5.g2_at_124_bound", "(silent) g2(1.24) < 0.54", lem("A.5"), lhs=g2(z), op="<", rhs=R("0.54"),
                   over="z in [1.24, 1.24]"),
        radicand("A.5", "1.5", what="the bound 0.375 sqrt(2 - 1.5/beta) and phi are real; = 0 at beta = 0.75"),
        Human("A.5.phi", "g_beta(z_a) - g_beta(z_b) < phi(beta) over [0.75, 1)",
              why="numeric, open: rests on the z_a bound (a range that depends on beta)",
              reasoning="As A.4.bound_zb / A.4.bound_za with 0.165, 1.24, -0.26, 0.54: g2(z_b) >= g2(0.165) > -0.26 "
                        "(A.5.g2_min_0165_124, g2(0.165) < 0), g1 > -1.381; g2(z_a) <= g2(1.24) < 0.54, g1(z_a) <= 0 if "
                        "z_a <= 1.5 and < 0.375 otherwise (with sqrt(2 - z_a/beta) < sqrt(2 - 1.5/beta))."),
        tau_point("A.5", "tau_at_1", tau(1), "0.91", "tau(1) < 0.91"),
        Inequality("A.5.tau_bound", "from Lemma A.2: sqrt(beta) tau < tau(1) on the lemma's range", lem("A.5"),
                   lhs=sqrt(b) * tau(b), op="<", rhs=tau(1), over="b in {beta}"),
        Inequality("A.5.phi_091", "0.91 phi(beta) < 2 over the lemma's range", lem("A.5"),
                   lhs=R("0.91") * phi_A5(b), op="<", rhs=2, over="b in {beta}"),
        Human("A.5.conclusion", "tau(f''(a) - f''(b)) < 2",
              why="numeric, open: rests on the lemma's phi step",
              reasoning="tau(f''(a) - f''(b)) = sqrt(beta) tau (g_beta(z_a) - g_beta(z_b)) < sqrt(beta) tau phi(beta) "
                        "< 0.91 phi(beta) < 2."),
    ),
    reasoning="The method of Lemma A.4 with the points 0.165 and 1.24.",
)

# -- Lemma A.6 -------------------------------------------------------------------------------------

lemma_A6 = Lemma(
    id="A.6",
    title="tau (f''(a) - f''(b)) < 2 for beta in [0.5, 0.75)",
    statement="Suppose beta in [0.5, 0.75). Then tau (f''(a) - f''(b)) < 2.",
    beta="[0.5, 0.75)",
    claims=(
        *identity_claims("A.6", "1"),
        gprime_sign("A.6", "0.14", "<"),
        gprime_sign("A.6", "0.9", ">"),
        point_in_domain("A.6", "0.99"),
        *q_roots("A.6", "0.14", "0.9", zb_bound("0.14", "-0.28")),
        g_sign("A.6", "0.1", "<"),
        g_sign("A.6", "0.99", ">"),
        g_signs_human("A.6", "0.99"),
        *g2_lower("A.6", "0.14", "0.9", "-0.28"),
        g1_lower("A.6", "0.14", "0.9"),
        bound_zb("A.6", "0.14", "0.9", "-0.28"),
        Inequality("A.6.g2_max", "(silent extremum fact) g2 < 0.542 on [0.9, 1.5], where z_a lies (maximum "
                   "g2(1.17234) = 0.541764)", lem("A.6"), lhs=g2(z), op="<", rhs=R("0.542"), over="z in [0.9, 1.5]"),
        Inequality("A.6.2b_le_15", "(silent) z <= 2 beta < 1.5 on the lemma's range", lem("A.6"),
                   lhs=2 * b, op="<", rhs=R("1.5"), over="b in {beta}"),
        Inequality("A.6.g1_nonpos", "g1 is non-positive when beta <= 0.75 and z <= 2 beta: g1 <= 0 on [0, 1.5]",
                   lem("A.6"), lhs=g1(z), op="<=", rhs=0, over="z in [0, 1.5]"),
        radicand("A.6", "1.5", op="<", what="the 'removed' term 0.375 sqrt(2 - 1.5/beta)/sqrt 2 is not real here"),
        radicand("A.6", "0.9", what="phi is real"),
        Human("A.6.phi", "g_beta(z_a) - g_beta(z_b) < phi(beta) over [0.5, 0.75)",
              why="numeric, open: rests on the z_a bound (a range that depends on beta)",
              reasoning="As in A.4 with 0.14, 0.9: g2(z_b) >= g2(0.14) > -0.28, g1 > -1.381; at z_a in (0.9, 2 beta): "
                        "g2(z_a) < 0.542 (A.6.g2_max) and sqrt(2 - z_a/beta) < sqrt(2 - 0.9/beta), g1(z_a) <= 0."),
        tau_point("A.6", "tau_const_printed", sqrt(R("0.75")) * tau(sqrt(R("0.75"))), "0.88",
                  "as printed: sqrt(0.75) tau(sqrt(0.75)) < 0.88 (true, but not the quantity Lemma A.2 provides)"),
        Inequality("A.6.tau_bound_printed", "as printed: sqrt(beta) tau < sqrt(0.75) tau(sqrt(0.75)) on the lemma's range",
                   lem("A.6"), lhs=sqrt(b) * tau(b), op="<", rhs=sqrt(R("0.75")) * tau(sqrt(R("0.75"))),
                   over="b in {beta}"),
        Inequality("A.6.tau_bound", "corrected: from Lemma A.2, sqrt(beta) tau < sqrt(0.75) tau(0.75) on the lemma's range",
                   lem("A.6"), lhs=sqrt(b) * tau(b), op="<", rhs=sqrt(R("0.75")) * tau(R("0.75")), over="b in {beta}"),
        tau_point("A.6", "tau_const", sqrt(R("0.75")) * tau(R("0.75")), "0.88", "corrected: sqrt(0.75) tau(0.75) < 0.88"),
        Inequality("A.6.phi_088", "0.88 phi(beta) < 2 over the lemma's range", lem("A.6"),
                   lhs=R("0.88") * phi_A6(b), op="<", rhs=2, over="b in {beta}"),
        Human("A.6.conclusion", "tau(f''(a) - f''(b)) < 2",
              why="numeric, open: rests on the lemma's phi step",
              reasoning="tau(f''(a) - f''(b)) < sqrt(beta) tau phi(beta) < 0.88 phi(beta) < 2 (A.6.tau_bound, "
                        "A.6.tau_const, A.6.phi_088)."),
    ),
    reasoning="The method of Lemma A.4 with the points 0.14 and 0.9; the g1 contribution at z_a is <= 0.",
    errata=(
        ("A.6.tau_bound_printed", "'sqrt(beta) tau < sqrt(0.75) tau(sqrt(0.75))' is false on the upper part of "
         "[0.5, 0.75) (sqrt(0.75) tau(sqrt(0.75)) = 0.8273 while sqrt(beta) tau(beta) -> 0.8713 as beta -> 0.75): a typo "
         "for sqrt(0.75) tau(0.75). Still true: sqrt(beta) tau < sqrt(0.75) tau(0.75) = 0.8713 < 0.88 "
         "(A.6.tau_bound, A.6.tau_const), so the lemma stands."),
        ("", "wording: 'we have removed the term 0.375 sqrt(2 - 1.5/beta)/sqrt 2 for g1' - that term is not real for "
             "beta < 0.75 (A.6.radicand_15); what holds is that the g1 contribution at z_a is <= 0 (A.6.g1_nonpos, "
             "A.6.2b_le_15)."),
    ),
)

# -- Lemma A.7 -------------------------------------------------------------------------------------

lemma_A7 = Lemma(
    id="A.7",
    title="tau (f''(a) - f''(b)) < 2 for beta in (1/3, 0.5)",
    statement="Suppose beta in (1/3, 0.5). Then tau (f''(a) - f''(b)) < 2.",
    beta="(1/3, 1/2)",
    claims=(
        *identity_claims("A.7", "2/3"),
        gprime_sign("A.7", "0.121", "<"),
        Identity("A.7.gprime_at_2_3_rewrite", "(rewrite) sqrt(2 - (2/3)/beta) g'_beta(2/3) = e^{-z}(h'B + 2h(B' - B))/(2 sqrt z) "
                 "at z = 2/3 (h = z(2 - z/beta), B the bracket of g_beta): the printed g'_beta(2/3) -> 0 like "
                 "sqrt(beta - 1/3), which no derivative test at the open end can decide", lem("A.7"),
                 lhs=sqrt(2 - R(2, 3) / b) * g_beta_prime(R(2, 3), b), rhs=gprime_scaled(R(2, 3)), over="b in {beta}"),
        radicand("A.7", "2/3", op=">", what="the multiplier of A.7.gprime_at_2_3_rewrite is positive, and phi is real"),
        Inequality("A.7.gprime_at_2_3", "g'_beta(2/3) > 0 for every beta in the lemma's range, decided as "
                   "sqrt(2 - (2/3)/beta) g'_beta(2/3) > 0 (A.7.gprime_at_2_3_rewrite, A.7.radicand_2_3)", lem("A.7"),
                   lhs=gprime_scaled(R(2, 3)), op=">", rhs=0, over="b in {beta}"),
        point_in_domain("A.7", "2/3", op="<"),
        *q_roots("A.7", "0.121", "2/3", zb_bound("0.121", "-0.285")),
        g_sign("A.7", "0.1", "<"),
        g_sign("A.7", "2/3", ">"),
        Human("A.7.g_signs", "g_beta(beta(1 - cos a)) > 0 > g_beta(beta(1 - cos b))",
              why="numeric, open: needs bounds over ranges that depend on beta ([z_b, 2 beta])",
              reasoning="g_beta(0) = 0 and g'_beta < 0 on (0, z_b), so g_beta(z_b) < 0. The printed reason "
                        "g_beta(2/3) > 0 is false (A.7.g_at_2_3); instead: z_a < 2 beta because a < pi (p(-1) < 0, "
                        "A.1.p_at_m1_neg), g'_beta < 0 on (z_a, 2 beta), and g_beta(2 beta) = 0 (A.7.g_at_2b), so "
                        "g_beta(z_a) > 0. (The sign is not used in the bound phi.)"),
        *g2_lower("A.7", "0.121", "2/3", "-0.285"),
        g1_lower("A.7", "0.121", "2/3"),
        bound_zb("A.7", "0.121", "2/3", "-0.285"),
        Inequality("A.7.2b_lt_1", "z <= 2 beta < 1 on the lemma's range", lem("A.7"), lhs=2 * b, op="<", rhs=1,
                   over="b in {beta}"),
        Inequality("A.7.g2_max", "(silent monotonicity) 'the maximal positive value of g_2 is less than g_2(1)': "
                   "g2(z) <= g2(1) on [0, 1] (g2 < 0 on [0, 0.38], increasing on [0.1009, 1.1723])", lem("A.7"),
                   lhs=g2(z), op="<=", rhs=g2(1), over="z in [0, 1]"),
        Inequality("A.7.g2_at_1_bound", "g_2(1) < 0.521 (g_2 is g^2)", lem("A.7"), lhs=g2(z), op="<", rhs=R("0.521"),
                   over="z in [1, 1]"),
        Inequality("A.7.g1_nonpos", "'we have removed the positive term for g1': g1 <= 0 on [0, 1] (z <= 2 beta < 1)",
                   lem("A.7"), lhs=g1(z), op="<=", rhs=0, over="z in [0, 1]"),
        Human("A.7.phi", "g_beta(z_a) - g_beta(z_b) < phi(beta) over (1/3, 0.5)",
              why="numeric, open: rests on the z_a bound (a range that depends on beta)",
              reasoning="As in A.4 with 0.121 and 2/3: g2(z_b) >= g2(0.121) > -0.285, g1 > -1.381; at z_a in (2/3, 2 beta): "
                        "g2(z_a) <= g2(1) < 0.521 and sqrt(2 - z_a/beta) < sqrt(2 - (2/3)/beta), g1(z_a) <= 0."),
        tau_point("A.7", "tau_const", sqrt(R("0.5")) * tau(R("0.5")), "0.809", "sqrt(0.5) tau(0.5) < 0.809"),
        Inequality("A.7.tau_bound", "from Lemma A.2: sqrt(beta) tau < sqrt(0.5) tau(0.5) on the lemma's range", lem("A.7"),
                   lhs=sqrt(b) * tau(b), op="<", rhs=sqrt(R("0.5")) * tau(R("0.5")), over="b in {beta}"),
        Inequality("A.7.phi_0809", "0.809 phi(beta) < 2 over the lemma's range", lem("A.7"),
                   lhs=R("0.809") * phi_A7(b), op="<", rhs=2, over="b in {beta}"),
        Human("A.7.conclusion", "tau(f''(a) - f''(b)) < 2",
              why="numeric, open: rests on the lemma's phi step",
              reasoning="tau(f''(a) - f''(b)) < sqrt(beta) tau phi(beta) < 0.809 phi(beta) < 2."),
    ),
    reasoning="The method of Lemma A.4 with the points 0.121 and 2/3; the g1 contribution at z_a is <= 0.",
    errata=(
        ("A.7.g_at_2_3", "'g_beta(2/3) > 0' is false for every beta in (1/3, 0.5): g_beta(2/3) = sqrt(2/3) "
         "sqrt(2 - 2/(3beta)) (5/9)(1/beta - 3) e^{-2/3} < 0 (e.g. beta = 5/12). What holds: g_beta(z_a) > "
         "g_beta(2 beta) = 0 (A.7.g_at_2b), since g'_beta < 0 on (z_a, 2 beta); the sign is not used in phi."),
        ("", "typo: '0.12 < beta(1 - cos(b))' should read 0.121 (what g'_beta(0.121) < 0 gives and phi uses); "
             "as printed it is weaker and true."),
        ("", "notation: 'g_2' in the proof is g^2."),
    ),
)

LEMMAS = [lemma_A1, lemma_A2, corollary_A3, lemma_A4, lemma_A5, lemma_A6, lemma_A7]
