"""Appendix B of the paper (0 < beta <= 1/3): Lemma B.1 (with Remark B.2), Corollary B.3,
Lemma B.4.

Every assertion of the proofs is a claim, including the silent ones.  Conventions:

- f(x) = sin x e^{beta(cos x - 1)}; f''' = p(cos x) e^{beta(cos x - 1)} (p of Lemma A.1).
- Claims on x in [0, pi] use the exact end pi (`B.4.direct`); the derivation of Lemma B.4 writes
  x = pi t, t in [0, 1], because its quantity is the root a as a/pi (`lemmas/f2_at_root.py`).
- Points with a pole at the open end beta = 0 (p(-1 - 2/beta), ...) are decided as printed:
  the engine multiplies by a power of beta > 0 near the open end (an exact, recorded rewrite).
- cos tau = 2 beta / (sqrt(1 + 4 beta^2) + 1) (the singularity-free form of Section 5's
  formula, see lemmas.functions.tau), and D = (1 + sqrt(1 + 4 beta^2)) / 2; then
  f'(x) = (cos x - cos tau)(beta cos x + D) e^{beta(cos x - 1)} (Identity B.4.f1_factor).
- The sub-ranges of Lemma B.4 ((0, 0.148], (0.148, 0.228], ...) are constants of the proof and
  are written literally; every claim about "the lemma's beta" uses {beta}.
"""
import sympy

from certify.claims import Human, Identity, Inequality, Lemma, RootCount
from certify.derived import Derived, RootOf, combine, cover, root, root_bounds, substitute, written
from lemmas.f2_at_root import TAU, f2_lower_argument, f2_nonpositive, goal_text
from lemmas.functions import (E_beta, R, b, cos, exp, f1, f2, f3, p, pi, sin, sqrt, tau, x)

t, c = (sympy.Symbol(n, real=True) for n in ("t", "c"))
BETA = "(0, 1/3]"

S = sqrt(1 + 4 * b ** 2)
COS_TAU = 2 * b / (S + 1)                      # cos(tau(beta))
D_FACTOR = (1 + S) / 2                         # f' = (cos x - cos tau)(beta cos x + D) E


def Q(cc=c, bb=b):
    """f''(x) = sin x e^{beta(cos x - 1)} Q(cos x): Q(c) = -1 - 3 beta c + beta^2 (1 - c^2)."""
    return -1 - 3 * bb * cc + bb ** 2 * (1 - cc ** 2)


def at_pi_t(expr):
    return expr.subs(x, pi * t)


T = tau(b)
XB = "x in [-4, 4], b in {beta}"

# -- Lemma B.1 (and Remark B.2) ------------------------------------------------------------------

B1_ROOTS = RootCount("B.1.roots", "p has exactly four real roots, all simple, one in each of (-oo, -1-2/beta), "
              "(-1-2/beta, -1-1/beta), (-1-1/beta, 0), (0, 1), including the order of the points",
              "Lemma B.1, proof", expr=p(c, b), var="c", points=("-oo", "-1-2/b", "-1-1/b", "0", "1"),
              signs="-+-+-", degree=4, over="b in {beta}")
# the root between -1-1/beta and 0 is <= -1: p(-1) >= 0 (= 0 at beta = 1/3), and p is + right of that root
B1_ROOT_BOUNDS = root_bounds(B1_ROOTS) + (
    Inequality("B.1.m1_inside", "(silent) -1 - 1/beta < -1", "Lemma B.1, proof", lhs="-1-1/b", op="<", rhs=-1,
               over="b in {beta}"),
    Inequality("B.1.p_at_m1_as_written", "p(-1) >= 0, p as in B.1.roots", "Lemma B.1, proof",
               lhs=written(p(c, b), "c", "b", at={"c": "-1"}), op=">=", rhs=0, over="b in {beta}"),
    Derived("B.1.root2_le_m1", "root2 <= -1 (printed: the root lies in (-1-1/beta, -1])", "Lemma B.1, proof",
            lhs="root2", op="<=", rhs=-1, over="b in {beta}", quantities=(("root2", RootOf("B.1.roots", 2)),),
            rule=root("root2", "B.1.roots", "B.1.p_at_m1_as_written", "B.1.m1_inside")),
)

lemma_B1 = Lemma(
    id="B.1",
    title="the nonnegative region of f''' over [0, 2pi) is [a, 2pi - a], a in (0, pi/2)",
    statement="Suppose beta in (0, 1/3]. Then there exists a in (0, pi/2) such that the nonnegative "
              "region of f'''(x) over [0, 2pi) is [a, 2pi - a].",
    beta=BETA,
    claims=(
        Identity("B.1.f3_is_p", "f'''(x) = p(cos x) e^{beta(cos x - 1)} (the method of Lemma A.1)",
                 "Lemma B.1, proof", lhs=f3, rhs=p(cos(x), b) * E_beta, over=XB),
        Identity("B.1.p_at_1", "p(1) = -1 - 3 beta (printed closed form)", "Lemma B.1, proof",
                 lhs=p(1, b), rhs=-1 - 3 * b, over="b in {beta}"),
        Inequality("B.1.p_at_1_neg", "p(1) = -1 - 3 beta < 0", "Lemma B.1, proof",
                   lhs=p(1, b), op="<", rhs=0, over="b in {beta}"),
        Identity("B.1.p_at_0", "p(0) = -beta (beta^2 - 4) (printed closed form)", "Lemma B.1, proof",
                 lhs=p(0, b), rhs=-b * (b ** 2 - 4), over="b in {beta}"),
        Inequality("B.1.p_at_0_pos", "p(0) = -beta (beta^2 - 4) > 0", "Lemma B.1, proof",
                   lhs=p(0, b), op=">", rhs=0, over="b in {beta}"),
        Identity("B.1.p_at_m1", "p(-1) = 1 - 3 beta (printed closed form)", "Lemma B.1, proof",
                 lhs=p(-1, b), rhs=1 - 3 * b, over="b in {beta}"),
        Inequality("B.1.p_at_m1_nonneg", "p(-1) = 1 - 3 beta >= 0 (= 0 at beta = 1/3)", "Lemma B.1, proof",
                   lhs=p(-1, b), op=">=", rhs=0, over="b in {beta}"),
        Identity("B.1.p_at_m1_m1b", "p(-1 - 1/beta) = 5 beta - 1/beta + 1 (printed closed form)",
                 "Lemma B.1, proof", lhs=p(-1 - 1 / b, b), rhs=5 * b - 1 / b + 1, over="b in {beta}"),
        Inequality("B.1.p_at_m1_m1b_neg", "p(-1 - 1/beta) < 0", "Lemma B.1, proof",
                   lhs=p(-1 - 1 / b, b), op="<", rhs=0, over="b in {beta}"),
        Identity("B.1.p_at_m1_m2b", "p(-1 - 2/beta) = 5 beta + 6/beta + 13 (printed closed form)",
                 "Lemma B.1, proof", lhs=p(-1 - 2 / b, b), rhs=5 * b + 6 / b + 13, over="b in {beta}"),
        Inequality("B.1.p_at_m1_m2b_pos", "p(-1 - 2/beta) > 0", "Lemma B.1, proof",
                   lhs=p(-1 - 2 / b, b), op=">", rhs=0, over="b in {beta}"),
        Inequality("B.1.lim_minus_oo", "lim_{z -> -oo} p(z) = -oo: p has degree 4 with leading coefficient "
                   "-beta^3 < 0", "Lemma B.1, proof", lhs=-b ** 3, op="<", rhs=0, over="b in {beta}"),
        B1_ROOTS,
        *B1_ROOT_BOUNDS,
        Human("B.1.region", "nonnegative region of f''' over [0, 2pi) is [a, 2pi - a], a = arccos r in (0, pi/2)",
              why="logic: a set statement read off B.1.roots and e^{...} > 0",
              reasoning="Let r be the root in (0, 1); a = arccos r lies in (0, pi/2). On [-1, 1] the only "
                        "roots of p are r and possibly -1 (at beta = 1/3), and p(0) > 0 > p(1), so p >= 0 on "
                        "[-1, r] and p < 0 on (r, 1]. Since e^{beta(cos x - 1)} > 0 (B.1.f3_is_p), f'''(x) >= 0 "
                        "iff cos x <= r iff x in [a, 2pi - a] for x in [0, 2pi)."),
        Identity("B.2.p_at_m1_one_third", "Remark B.2: at beta = 1/3, p(-1) = 0 (so the positive region "
                 "would be (a, pi) U (pi, 2pi - a))", "Remark B.2",
                 lhs=p(-1, R(1, 3)), rhs=0, over="b in {beta}"),
    ),
    reasoning="Signs of p at -oo, -1-2/beta, -1-1/beta, 0, 1 alternate, so the quartic p has its four "
              "roots located; with p(-1) >= 0 the root left of 0 is <= -1, and the only root in (-1, 1) is "
              "r in (0, 1). f''' = p(cos x) e^{...} then has nonnegative region [a, 2pi - a], a = arccos r.",
)

# -- Corollary B.3 -------------------------------------------------------------------------------

corollary_B3 = Lemma(
    id="B.3",
    title="f'' <= 0 on [0, pi] and f'' >= 0 on [pi, 2pi]",
    statement="Suppose beta in (0, 1/3]. Then f'' <= 0 over [0, pi] and f'' >= 0 over [pi, 2pi].",
    beta=BETA,
    claims=(
        Identity("B.3.f2_at_0", "f''(0) = 0", "Corollary B.3, proof", lhs=f2.subs(x, 0), rhs=0, over="b in {beta}"),
        Identity("B.3.f2_at_pi", "f''(pi) = 0", "Corollary B.3, proof", lhs=f2.subs(x, pi), rhs=0, over="b in {beta}"),
        Human("B.3.paper_argument", "f'' first decreases from 0 to its minimum at a, then increases to 0",
              why="logic: the paper's route; f'' <= 0 itself is derived (B.3.direct)",
              reasoning="By Lemma B.1, f''' < 0 on [0, a) and f''' >= 0 on [a, pi]; so f'' is decreasing on "
                        "[0, a] and nondecreasing on [a, pi], hence f'' <= max(f''(0), f''(pi)) = 0 on [0, pi]."),
        Identity("B.3.f2_cos_form", "(silent, cos-substitution) f''(x) = sin x e^{beta(cos x - 1)} Q(cos x), "
                 "Q(c) = -1 - 3 beta c + beta^2 (1 - c^2) (Section 5's printed f'')", "Corollary B.3",
                 lhs=f2, rhs=sin(x) * E_beta * Q(cos(x), b), over=XB),
        Identity("B.3.Q_split", "-Q(c) = (1 - 3 beta) + beta (1 + c)(3 - beta (1 - c)): a form whose terms are "
                 "visibly nonnegative (avoids the corner c = -1, beta = 1/3 where -Q = 0)", "Corollary B.3",
                 lhs=-Q(c, b), rhs=(1 - 3 * b) + b * (1 + c) * (3 - b * (1 - c)), over="c in [-1, 1], b in {beta}"),
        Inequality("B.3.Q_split_const", "1 - 3 beta >= 0", "Corollary B.3",
                   lhs=1 - 3 * b, op=">=", rhs=0, over="b in {beta}"),
        Inequality("B.3.Q_split_factor", "3 - beta (1 - c) > 0 for c in [-1, 1]", "Corollary B.3",
                   lhs=3 - b * (1 - c), op=">", rhs=0, over="c in [-1, 1], b in {beta}"),
        *f2_nonpositive("B.3", 1, Q, c),
        Identity("B.3.f2_odd", "f''(2pi - x) = -f''(x) (f'' is odd and 2pi-periodic), so f'' >= 0 on [pi, 2pi]",
                 "Corollary B.3, proof", lhs=f2.subs(x, 2 * pi - x), rhs=-f2, over=XB),
    ),
    reasoning="f''(0) = f''(pi) = 0 and the sign pattern of f''' from Lemma B.1 give f'' <= 0 on [0, pi]; "
              "the cos-substitution gives a second, direct proof; oddness gives [pi, 2pi].",
)

# -- Lemma B.4 -----------------------------------------------------------------------------------

h_B = (1 + 3 * b) * exp(b ** 2 - b)            # (1 + 3 beta) e^{beta^2 - beta}
RANGES = (("0.148", "0.228", "1.43"), ("0.228", "0.278", "1.36"),
          ("0.278", "0.321", "1.31"), ("0.321", "1/3", "1.28"))


def _range_claims():
    out = []
    for k, (lo, hi, cst) in enumerate(RANGES, start=2):
        C = R(cst)
        out += [
            Inequality(f"B.4.r{k}.tau_at_lo", f"tau({lo}) < {cst}", "Lemma B.4, proof",
                       lhs=T, op="<", rhs=C, over=f"b in [{lo}, {lo}]"),
            Inequality(f"B.4.r{k}.bound", f"(1 + 3beta) e^{{beta^2 - beta}} * {cst} sin({cst}) < 2 on ({lo}, {hi}]",
                       "Lemma B.4, proof", lhs=h_B * C * sin(C), op="<", rhs=2, over=f"b in ({lo}, {hi}]"),
            *_range_derivation(k, lo, hi, cst),
        ]
    return tuple(out)


# The sub-range argument as derivations (replayed by the checker); texts as in lemmas.f2_at_root.
H_B = written(h_B, "b")
GOAL_2 = goal_text(1)                                # (1 + 3beta) e^{beta^2 - beta} sin(tau) tau


def _range_derivation(k, lo, hi, cst):
    """On (lo, hi]: tau <= c (checked), x sin x <= c sin c on [0, c] (checked), so
    tau sin tau <= c sin c (substitution, 0 < tau), and with B.4.rk.bound the goal < 2."""
    r = f"B.4.r{k}"
    return (
        Inequality(f"{r}.tau_le_c", f"tau <= {cst} on ({lo}, {hi}] (tau decreases from tau({lo}) < {cst})",
                   "Lemma B.4, proof", lhs=TAU, op="<=", rhs=cst, over=f"b in ({lo}, {hi}]"),
        Inequality(f"{r}.x_sin_x", f"x sin x <= {cst} sin {cst} on [0, {cst}] (x sin x increases on [0, pi/2])",
                   "Lemma B.4, proof", lhs="x*sin(x)", op="<=", rhs=f"{cst}*sin({cst})", over=f"x in [0, {cst}]"),
        Derived(f"{r}.tau_sin_tau", f"tau sin tau <= {cst} sin {cst} on ({lo}, {hi}]", "Lemma B.4, proof",
                lhs=f"({TAU})*sin({TAU})", op="<=", rhs=f"{cst}*sin({cst})", over=f"b in ({lo}, {hi}]",
                rule=substitute(f"{r}.x_sin_x", "x", TAU, "B.4.tau_positive", f"{r}.tau_le_c")),
        Derived(f"{r}.goal", f"(1 + 3beta) e^{{beta^2 - beta}} sin(tau) tau < 2 on ({lo}, {hi}]", "Lemma B.4, proof",
                lhs=GOAL_2, op="<", rhs=2, over=f"b in ({lo}, {hi}]",
                rule=combine((f"{r}.bound", 1), (f"{r}.tau_sin_tau", 1, "B.4.h_positive"))),
    )


def _derivation_claims():
    """The cover of (0, 1/3] by the sub-ranges, then the argument shared with Lemma C.5
    (lemmas.f2_at_root) at a = arccos r, r the root of p in (0, 1) (B.1.roots)."""
    return (
        Inequality("B.4.h_positive", "(silent) (1 + 3beta) e^{beta^2 - beta} > 0", "Lemma B.4, proof",
                   lhs=h_B, op=">", rhs=0, over="b in {beta}"),
        Inequality("B.4.sin_tau_le_1", "(silent) sin tau <= 1", "Lemma B.4, proof",
                   lhs=f"sin({TAU})", op="<=", rhs=1, over="b in {beta}"),
        Derived("B.4.r1.goal", "(1 + 3beta) e^{beta^2 - beta} sin(tau) tau < 2 on (0, 0.148]", "Lemma B.4, proof",
                lhs=GOAL_2, op="<", rhs=2, over="b in (0, 0.148]",
                rule=combine(("B.4.r1.bound", 1), ("B.4.r1.tau_le_half_pi", 1, "B.4.h_positive"),
                             ("B.4.sin_tau_le_1", 1, "B.4.h_positive", "B.4.tau_positive"))),
        Derived("B.4.cover", "the five sub-ranges cover (0, 1/3]: (1 + 3beta) e^{beta^2 - beta} sin(tau) tau < 2",
                "Lemma B.4, proof", lhs=GOAL_2, op="<", rhs=2, over="b in {beta}",
                rule=cover("b", "B.4.r1.goal", *(f"B.4.r{k}.goal" for k in range(2, 6)))),
        *f2_lower_argument("B.4", 1, RootOf("B.1.roots", 3), ("0", "1"),
                           b * sin(pi * t) ** 2 + 3 * (1 - cos(pi * t)), "B.4.cover", "<", "2", -2),
    )


lemma_B4 = Lemma(
    id="B.4",
    title="tau f''(a) > -2",
    statement="Suppose beta in (0, 1/3]. Then tau f''(a) > -2.",
    beta=BETA,
    claims=(
        Identity("B.4.f2_lower_identity", "f''(x) + (1 + 3beta) sin x e^{beta cos x} e^{-beta} = "
                 "sin x e^{beta(cos x - 1)} (beta^2 sin^2 x + 3 beta (1 - cos x))", "Lemma B.4, proof",
                 lhs=f2 + (1 + 3 * b) * sin(x) * exp(b * cos(x)) * exp(-b),
                 rhs=sin(x) * E_beta * (b ** 2 * sin(x) ** 2 + 3 * b * (1 - cos(x))), over=XB),
        Inequality("B.4.f2_lower_bracket", "beta sin^2 x + 3(1 - cos x) >= 0 on [0, pi] (the bracket of "
                   "B.4.f2_lower_identity divided by beta > 0)", "Lemma B.4, proof",
                   lhs=b * sin(pi * t) ** 2 + 3 * (1 - cos(pi * t)), op=">=", rhs=0, over="t in [0, 1], b in {beta}"),
        Identity("B.4.f1_factor", "(silent) f'(x) = (cos x - cos tau)(beta cos x + D) e^{beta(cos x - 1)}, "
                 "cos tau = 2beta/(sqrt(1+4beta^2)+1), D = (1 + sqrt(1+4beta^2))/2", "Lemma B.4, proof",
                 lhs=f1, rhs=(cos(x) - COS_TAU) * (b * cos(x) + D_FACTOR) * E_beta, over=XB),
        Identity("B.4.cos_tau", "(silent) cos tau = 2beta/(sqrt(1+4beta^2)+1)", "Section 5",
                 lhs=cos(T), rhs=COS_TAU, over="b in {beta}"),
        Inequality("B.4.f1_factor_pos", "(silent) beta c + D > 0 for c in [-1, 1]", "Lemma B.4, proof",
                   lhs=b * c + D_FACTOR, op=">", rhs=0, over="c in [-1, 1], b in {beta}"),
        Inequality("B.4.reduced_1", "(1+3beta) sin(tau) e^{beta cos tau} e^{-beta} tau < 2 on the lemma's range "
                   "(the first reduced goal, checked directly)", "Lemma B.4, proof",
                   lhs=(1 + 3 * b) * sin(T) * exp(b * cos(T)) * exp(-b) * T, op="<", rhs=2, over="b in {beta}"),
        Identity("B.4.cos_tau_eq", "cos(tau) = beta sin(tau)^2", "Lemma B.4, proof",
                 lhs=cos(T), rhs=b * sin(T) ** 2, over="b in {beta}"),
        Inequality("B.4.cos_tau_nonneg", "0 <= cos(tau)", "Lemma B.4, proof",
                   lhs=cos(T), op=">=", rhs=0, over="b in {beta}"),
        Inequality("B.4.cos_tau_le_beta", "cos(tau) = beta sin(tau)^2 <= beta", "Lemma B.4, proof",
                   lhs=cos(T), op="<=", rhs=b, over="b in {beta}"),
        Inequality("B.4.reduced_2", "(1+3beta) e^{beta^2 - beta} sin(tau) tau < 2 on the lemma's range "
                   "(the second reduced goal, checked directly)", "Lemma B.4, proof",
                   lhs=h_B * sin(T) * T, op="<", rhs=2, over="b in {beta}"),
        Inequality("B.4.tau_decreasing", "(silent) tau is decreasing in beta (used for tau < tau(0.148) etc.)",
                   "Lemma B.4, proof", lhs=sympy.diff(T, b), op="<", rhs=0, over="b in {beta}"),
        Inequality("B.4.r1.tau_le_half_pi", "0 < beta <= 0.148: tau <= pi/2 (and sin tau <= 1)", "Lemma B.4, proof",
                   lhs=T, op="<=", rhs=pi / 2, over="b in (0, 0.148]"),
        Inequality("B.4.r1.bound", "(1 + 3beta) e^{beta^2 - beta} pi/2 < 2 on (0, 0.148]", "Lemma B.4, proof",
                   lhs=h_B * pi / 2, op="<", rhs=2, over="b in (0, 0.148]"),
        Inequality("B.4.r1.maximal", "'0.148 is approximately the maximal value of beta for which this method is "
                   "correct': (1 + 3beta) e^{beta^2 - beta} pi/2 > 2 from beta = 0.1482 on", "Lemma B.4, proof",
                   lhs=h_B * pi / 2, op=">", rhs=2, over="b in [0.1482, 1/3]"),
        Inequality("B.4.sin_increasing", "(silent) the constants 1.28, 1.31, 1.36, 1.43 are < pi/2, so tau < c "
                   "gives sin(tau) < sin(c)", "Lemma B.4, proof",
                   lhs=R("1.43"), op="<", rhs=pi / 2, over="b in {beta}"),
        *_range_claims(),
        *_derivation_claims(),
        Inequality("B.4.direct", "the conclusion checked directly: tau f''(x) > -2 for all x in [0, pi] (so at "
                   "x = a, where f'' attains its minimum over [0, pi] by Lemma B.1 / Corollary B.3)",
                   "Lemma B.4", lhs=T * f2, op=">", rhs=-2, over="x in [0, pi], b in {beta}"),
    ),
    reasoning="f''(a) >= -(1+3beta) sin(a) e^{beta cos a - beta} >= -(1+3beta) sin(tau) e^{beta cos tau - beta} "
              "since tau maximizes sin x e^{beta cos x}; cos tau <= beta; then five beta sub-ranges with "
              "tau < tau(lo) < c bound tau sin tau by c sin c.",
)

LEMMAS = [lemma_B1, corollary_B3, lemma_B4]
