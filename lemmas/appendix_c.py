"""Appendix C of the paper (beta < 0): Lemma C.1 (with Remark C.2), Corollary C.3, Lemma C.4
(cited, not checked), Lemma C.5 (Lemma C.6 is lemmas/appendix_c6.py).

Conventions as in lemmas/appendix_b.py: x = pi t on [0, pi]; p(1 - 1/beta), p(1 - 2/beta) are
decided as printed (the engine tames their pole at the open end beta = 0); cos tau =
2beta/(sqrt(1+4beta^2)+1), D = (1 + sqrt(1+4beta^2))/2.
"""
import sympy

from certify.claims import Cited, Human, Identity, Inequality, Lemma, RootCount
from certify.derived import Derived, RootOf, combine, derivative, monotone, root_bounds, written
from lemmas.f2_at_root import TAU, f2_lower_argument, f2_nonpositive, goal_text
from lemmas.functions import E_beta, R, b, cos, exp, f1, f2, f3, p, pi, sin, sqrt, tau, x

t, c = (sympy.Symbol(n, real=True) for n in ("t", "c"))

S = sqrt(1 + 4 * b ** 2)
COS_TAU = 2 * b / (S + 1)
D_FACTOR = (1 + S) / 2
T = tau(b)
XB = "x in [-4, 4], b in {beta}"


def Q(cc=c, bb=b):
    """f''(x) = sin x e^{beta(cos x - 1)} Q(cos x)."""
    return -1 - 3 * bb * cc + bb ** 2 * (1 - cc ** 2)


def at_pi_t(expr):
    return expr.subs(x, pi * t)


# -- Lemma C.1 (and Remark C.2) ------------------------------------------------------------------

C1_ROOTS = RootCount("C.1.roots", "p has exactly four real roots, all simple, one in each of (-1, 0), "
              "(1, 1-1/beta), (1-1/beta, 1-2/beta), (1-2/beta, oo), including the order of the points",
              "Lemma C.1, proof", expr=p(c, b), var="c", points=("-1", "0", "1", "1-1/b", "1-2/b", "oo"),
              signs="+--+-+", degree=4, over="b in {beta}")
C1_ROOT_BOUNDS = root_bounds(C1_ROOTS)

lemma_C1 = Lemma(
    id="C.1",
    title="the nonnegative region of f''' over [0, 2pi) is [a, 2pi - a], a in (pi/2, pi)",
    statement="Suppose beta in (-1/3, 0). Then there exists a in (pi/2, pi) such that the nonnegative "
              "region of f'''(x) over [0, 2pi) is [a, 2pi - a].",
    beta="(-1/3, 0)",
    claims=(
        Identity("C.1.f3_is_p", "f'''(x) = p(cos x) e^{beta(cos x - 1)} (the method of Lemma A.1)",
                 "Lemma C.1, proof", lhs=f3, rhs=p(cos(x), b) * E_beta, over=XB),
        Identity("C.1.p_at_1", "p(1) = -1 - 3 beta (printed closed form)", "Lemma C.1, proof",
                 lhs=p(1, b), rhs=-1 - 3 * b, over="b in {beta}"),
        Inequality("C.1.p_at_1_neg", "p(1) = -1 - 3 beta < 0", "Lemma C.1, proof",
                   lhs=p(1, b), op="<", rhs=0, over="b in {beta}"),
        Identity("C.1.p_at_0", "p(0) = -beta (beta^2 - 4) (printed closed form)", "Lemma C.1, proof",
                 lhs=p(0, b), rhs=-b * (b ** 2 - 4), over="b in {beta}"),
        Inequality("C.1.p_at_0_neg", "p(0) = -beta (beta^2 - 4) < 0", "Lemma C.1, proof",
                   lhs=p(0, b), op="<", rhs=0, over="b in {beta}"),
        Identity("C.1.p_at_m1", "p(-1) = 1 - 3 beta (printed closed form)", "Lemma C.1, proof",
                 lhs=p(-1, b), rhs=1 - 3 * b, over="b in {beta}"),
        Inequality("C.1.p_at_m1_pos", "p(-1) = 1 - 3 beta > 0", "Lemma C.1, proof",
                   lhs=p(-1, b), op=">", rhs=0, over="b in {beta}"),
        Identity("C.1.p_at_1_m1b", "p(1 - 1/beta) = 5 beta - 1/beta - 1 (printed closed form)",
                 "Lemma C.1, proof", lhs=p(1 - 1 / b, b), rhs=5 * b - 1 / b - 1, over="b in {beta}"),
        Inequality("C.1.p_at_1_m1b_pos", "p(1 - 1/beta) > 0", "Lemma C.1, proof",
                   lhs=p(1 - 1 / b, b), op=">", rhs=0, over="b in {beta}"),
        Identity("C.1.p_at_1_m2b", "p(1 - 2/beta) = 5 beta + 6/beta - 13 (printed closed form)",
                 "Lemma C.1, proof", lhs=p(1 - 2 / b, b), rhs=5 * b + 6 / b - 13, over="b in {beta}"),
        Inequality("C.1.p_at_1_m2b_neg", "p(1 - 2/beta) < 0", "Lemma C.1, proof",
                   lhs=p(1 - 2 / b, b), op="<", rhs=0, over="b in {beta}"),
        Inequality("C.1.lim_plus_oo", "lim_{z -> oo} p(z) = oo: leading coefficient -beta^3 > 0",
                   "Lemma C.1, proof", lhs=-b ** 3, op=">", rhs=0, over="b in {beta}"),
        C1_ROOTS,
        *C1_ROOT_BOUNDS,
        Human("C.1.region", "nonnegative region of f''' over [0, 2pi) is [a, 2pi - a], a = arccos r in (pi/2, pi)",
              why="logic: a set statement read off C.1.roots and e^{...} > 0",
              reasoning="r = the root in (-1, 0) is the only root in [-1, 1]; p(-1) > 0 > p(0), p(1) < 0, so "
                        "p >= 0 on [-1, r], p < 0 on (r, 1]; a = arccos r in (pi/2, pi) and f''' >= 0 iff "
                        "cos x <= r iff x in [a, 2pi - a] (C.1.f3_is_p)."),
        Identity("C.2.p_at_1_minus_one_third", "Remark C.2: at beta = -1/3, p(1) = 0 (so x = 0 joins the "
                 "nonnegative region)", "Remark C.2", lhs=p(1, R(-1, 3)), rhs=0, over="b in {beta}"),
    ),
    reasoning="Signs of p at -1, 0, 1, 1-1/beta, 1-2/beta, oo locate all four roots of the quartic; the only "
              "one in [-1, 1] is r in (-1, 0), so f''' >= 0 exactly on [a, 2pi - a], a = arccos r.",
)

# -- Corollary C.3 -------------------------------------------------------------------------------

corollary_C3 = Lemma(
    id="C.3",
    title="f'' <= 0 on [0, pi] and f'' >= 0 on [pi, 2pi]",
    statement="Suppose beta in (-1/3, 0). Then f'' <= 0 over [0, pi] and f'' >= 0 over [pi, 2pi].",
    beta="(-1/3, 0)",
    claims=(
        Inequality("C.3.cites_B1", "as printed, the proof starts 'Using Lemma B.1': Lemma B.1's hypothesis "
                   "beta in (0, 1/3] on this range", "Corollary C.3, proof",
                   lhs=b, op=">", rhs=0, over="b in {beta}"),
        Human("C.3.cites_C1", "corrected: the nonnegative region [a, 2pi - a], a in (pi/2, pi), is Lemma C.1",
              why="text: the corrected citation",
              reasoning="Lemma C.1 (not B.1) gives exactly the region used, for beta in (-1/3, 0)."),
        Identity("C.3.f2_at_0", "f''(0) = 0", "Corollary C.3, proof", lhs=f2.subs(x, 0), rhs=0, over="b in {beta}"),
        Identity("C.3.f2_at_pi", "f''(pi) = 0", "Corollary C.3, proof", lhs=f2.subs(x, pi), rhs=0, over="b in {beta}"),
        Human("C.3.paper_argument", "f'' first decreases from 0 to its minimum at a, then increases to 0",
              why="logic: the paper's route; f'' <= 0 itself is derived (C.3.direct)",
              reasoning="By Lemma C.1, f''' < 0 on [0, a), >= 0 on [a, pi]; with f''(0) = f''(pi) = 0 this "
                        "gives f'' <= 0 on [0, pi]."),
        Identity("C.3.f2_cos_form", "(silent, cos-substitution) f''(x) = sin x e^{beta(cos x - 1)} Q(cos x), "
                 "Q(c) = -1 - 3 beta c + beta^2 (1 - c^2)", "Corollary C.3",
                 lhs=f2, rhs=sin(x) * E_beta * Q(cos(x), b), over=XB),
        Identity("C.3.Q_split", "-Q(c) = (1 + 3 beta) + (-beta)(1 - c)(3 + beta (1 + c)): visibly "
                 "nonnegative terms (avoids the corner c = 1, beta = -1/3 where -Q -> 0)", "Corollary C.3",
                 lhs=-Q(c, b), rhs=(1 + 3 * b) + (-b) * (1 - c) * (3 + b * (1 + c)), over="c in [-1, 1], b in {beta}"),
        Inequality("C.3.Q_split_const", "1 + 3 beta > 0", "Corollary C.3",
                   lhs=1 + 3 * b, op=">", rhs=0, over="b in {beta}"),
        Inequality("C.3.Q_split_factor", "3 + beta (1 + c) > 0 for c in [-1, 1]", "Corollary C.3",
                   lhs=3 + b * (1 + c), op=">", rhs=0, over="c in [-1, 1], b in {beta}"),
        *f2_nonpositive("C.3", -1, Q, c),
        Identity("C.3.f2_odd", "f''(2pi - x) = -f''(x), so f'' >= 0 on [pi, 2pi]", "Corollary C.3, proof",
                 lhs=f2.subs(x, 2 * pi - x), rhs=-f2, over=XB),
    ),
    reasoning="As Corollary B.3 with Lemma C.1 in place of Lemma B.1 (the printed proof cites B.1).",
    errata=(("C.3.cites_B1", "The proof of Corollary C.3 says 'Using Lemma B.1'; Lemma B.1 needs beta > 0 and "
             "gives a in (0, pi/2). It should cite Lemma C.1 (beta in (-1/3, 0), a in (pi/2, pi)); with C.1 the "
             "argument is correct, and f'' <= 0 on [0, pi] is also proved directly (C.3.Q_split...). Also a typo "
             "'decreases from to 0'."),),
)

# -- Lemma C.4 (cited) ---------------------------------------------------------------------------

lemma_C4 = Lemma(
    id="C.4",
    title="tau_max(x) < pi at stable, stationary, non-synchronized points (beta < 0)",
    statement="Suppose beta < 0. If x is a stable, stationary, and non-synchronized point of (S1), then "
              "tau_max(x) < pi.",
    beta="(-oo, 0)",
    claims=(
        Cited("C.4.cited", "tau_max(x) < pi for stable stationary non-synchronized points", "Lemma C.4",
              source="[11, Lemma 10] with phi(t) = -e^{beta t}; not checked here"),
    ),
    reasoning="Cited from another paper; recorded, not checked.",
)

# -- Lemma C.5 -----------------------------------------------------------------------------------

h_C = (1 - 3 * b) * exp(b ** 2 - b)            # (1 - 3 beta) e^{beta^2 - beta}
H_C, TWO_PI = written(h_C, "b"), written(2 / pi, "b")
G_C = written(2 * (1 + T / pi), "b")          # 2 (1 + tau/pi)


TH = written(T * (h_C - 2 / pi), "b")         # tau ((1-3beta) e^{beta^2-beta} - 2/pi)
AT_016 = {"b": "-4/25"}
T0, H0 = written(T, "b", at=AT_016), written(h_C - 2 / pi, "b", at=AT_016)


def _c5_monotone():
    """Both factors of tau ((1-3beta) e^{beta^2-beta} - 2/pi) are positive and decrease in beta
    (their derivatives, as the checker differentiates them, are < 0), so the product is at most
    its value at beta = -0.16."""
    return (
        Derived("C.5.tau_at_most", "tau <= tau(-0.16) on the range (tau decreases)", "Lemma C.5, proof",
                lhs=T, op="<=", rhs=T0, over="b in {beta}", rule=monotone("C.5.tau_increases", "b", "lo")),
        Derived("C.5.h_at_most", "(1-3beta)e^{beta^2-beta} - 2/pi <= its value at -0.16", "Lemma C.5, proof",
                lhs=h_C - 2 / pi, op="<=", rhs=H0, over="b in {beta}", rule=monotone("C.5.h_increases", "b", "lo")),
        Inequality("C.5.tau_016_positive", "(silent) tau(-0.16) > 0", "Lemma C.5, proof", lhs=T0, op=">", rhs=0,
                   over="b in {beta}"),
        Derived("C.5.monotone", "so tau((1-3beta)e^{beta^2-beta} - 2/pi) <= its value at beta = -0.16",
                "Lemma C.5, proof", lhs=TH, op="<=", rhs=f"({T0})*({H0})", over="b in {beta}",
                rule=combine(("C.5.h_at_most", 1, "C.5.tau_016_positive"), ("C.5.tau_at_most", 1, "C.5.h_positive"))),
        Inequality("C.5.at_016_value", "the value at beta = -0.16 is <= 2 (C.5.at_minus_016 as a constant)",
                   "Lemma C.5, proof", lhs=f"({T0})*({H0})", op="<=", rhs=2, over="b in {beta}"),
        Derived("C.5.chain_derived", "tau((1-3beta)e^{beta^2-beta} - 2/pi) <= 2 for all beta in [-0.16, 0)",
                "Lemma C.5, proof", lhs=TH, op="<=", rhs=2, over="b in {beta}",
                rule=combine(("C.5.monotone", 1), ("C.5.at_016_value", 1))),
    )


def _c5_derivation():
    """The sin step and the rearrangement as derivations, then the argument shared with Lemma
    B.4 (lemmas.f2_at_root) at a = arccos r, r the root of p in (-1, 0) (C.1.roots)."""
    return (
        Inequality("C.5.hC_positive", "(silent) (1-3beta) e^{beta^2-beta} > 0", "Lemma C.5, proof",
                   lhs=h_C, op=">", rhs=0, over="b in {beta}"),
        Inequality("C.5.sin_tau_le_1", "(silent) sin tau <= 1", "Lemma C.5, proof",
                   lhs=f"sin({TAU})", op="<=", rhs=1, over="b in {beta}"),
        Derived("C.5.sin_step", "tau((1-3beta)e^{beta^2-beta} sin(tau) - 2/pi) <= tau((1-3beta)e^{beta^2-beta} - 2/pi) "
                "(sin(tau) <= 1, tau > 0, (1-3beta)e^{beta^2-beta} > 0)", "Lemma C.5, proof",
                lhs=f"({TAU})*(({H_C})*sin({TAU}) - {TWO_PI})", op="<=", rhs=written(T * (h_C - 2 / pi), "b"),
                over="b in {beta}",
                rule=combine(("C.5.sin_tau_le_1", 1, "C.5.tau_positive", "C.5.hC_positive"))),
        Derived("C.5.final_derived", "tau((1-3beta)e^{beta^2-beta} sin(tau) - 2/pi) <= 2 (the monotonicity "
                "argument and the sin step)", "Lemma C.5, proof", lhs=f"({TAU})*(({H_C})*sin({TAU}) - {TWO_PI})",
                op="<=", rhs=2, over="b in {beta}", rule=combine(("C.5.chain_derived", 1), ("C.5.sin_step", 1))),
        Derived("C.5.goal", "'Equivalently': (1-3beta)e^{beta^2-beta} sin(tau) tau <= 2(1 + tau/pi)",
                "Lemma C.5, proof", lhs=goal_text(-1), op="<=", rhs=G_C, over="b in {beta}",
                rule=combine(("C.5.final_derived", 1))),
        *f2_lower_argument("C.5", -1, RootOf("C.1.roots", 0), ("-1", "0"),
                           -b * sin(pi * t) ** 2 + 3 * (1 + cos(pi * t)), "C.5.goal", "<=", G_C, -2 * (1 + T / pi)),
    )


lemma_C5 = Lemma(
    id="C.5",
    title="tau f''(a) >= -2(1 + tau/pi)",
    statement="Suppose beta in [-0.16, 0). Then tau f''(a) >= -2(1 + tau/pi).",
    beta="[-0.16, 0)",
    claims=(
        Identity("C.5.f2_lower_identity", "f''(x) + (1 - 3beta) sin x e^{beta cos x} e^{-beta} = "
                 "sin x e^{beta(cos x - 1)} (beta^2 sin^2 x - 3 beta (1 + cos x))", "Lemma C.5, proof",
                 lhs=f2 + (1 - 3 * b) * sin(x) * exp(b * cos(x)) * exp(-b),
                 rhs=sin(x) * E_beta * (b ** 2 * sin(x) ** 2 - 3 * b * (1 + cos(x))), over=XB),
        Inequality("C.5.f2_lower_bracket", "-beta sin^2 x + 3(1 + cos x) >= 0 on [0, pi] (the bracket of "
                   "C.5.f2_lower_identity divided by -beta > 0)", "Lemma C.5, proof",
                   lhs=-b * sin(pi * t) ** 2 + 3 * (1 + cos(pi * t)), op=">=", rhs=0, over="t in [0, 1], b in {beta}"),
        Identity("C.5.f1_factor", "(silent) f'(x) = (cos x - cos tau)(beta cos x + D) e^{beta(cos x - 1)}",
                 "Lemma C.5, proof", lhs=f1, rhs=(cos(x) - COS_TAU) * (b * cos(x) + D_FACTOR) * E_beta, over=XB),
        Inequality("C.5.f1_factor_pos", "(silent) beta c + D > 0 for c in [-1, 1]", "Lemma C.5, proof",
                   lhs=b * c + D_FACTOR, op=">", rhs=0, over="c in [-1, 1], b in {beta}"),
        Inequality("C.5.reduced_1", "(1-3beta) sin(tau) e^{beta cos tau} e^{-beta} tau <= 2(1 + tau/pi) on the "
                   "lemma's range (checked directly)", "Lemma C.5, proof",
                   lhs=(1 - 3 * b) * sin(T) * exp(b * cos(T)) * exp(-b) * T, op="<=", rhs=2 * (1 + T / pi),
                   over="b in {beta}"),
        Identity("C.5.cos_tau_eq", "cos(tau) = beta sin(tau)^2", "Lemma C.5, proof",
                 lhs=cos(T), rhs=b * sin(T) ** 2, over="b in {beta}"),
        Inequality("C.5.cos_tau_neg", "0 > cos(tau)", "Lemma C.5, proof", lhs=cos(T), op="<", rhs=0, over="b in {beta}"),
        Inequality("C.5.cos_tau_gt_beta", "cos(tau) = beta sin(tau)^2 > beta", "Lemma C.5, proof",
                   lhs=cos(T), op=">", rhs=b, over="b in {beta}"),
        Inequality("C.5.reduced_2", "(1-3beta) e^{beta^2 - beta} sin(tau) tau <= 2(1 + tau/pi) (checked directly)",
                   "Lemma C.5, proof", lhs=h_C * sin(T) * T, op="<=", rhs=2 * (1 + T / pi), over="b in {beta}"),
        Identity("C.5.equivalently", "'Equivalently': (1-3beta)e^{beta^2-beta} sin(tau) tau - 2(1 + tau/pi) = "
                 "tau((1-3beta)e^{beta^2-beta} sin(tau) - 2/pi) - 2", "Lemma C.5, proof",
                 lhs=h_C * sin(T) * T - 2 * (1 + T / pi), rhs=T * (h_C * sin(T) - 2 / pi) - 2, over="b in {beta}"),
        Inequality("C.5.tau_increases", "tau increases as beta decreases from 0 (d tau / d beta < 0)",
                   "Lemma C.5, proof", lhs=derivative(T, "b"), op="<", rhs=0, over="b in {beta}"),
        Inequality("C.5.h_increases", "(1-3beta)e^{beta^2-beta} - 2/pi increases as beta decreases "
                   "(its beta-derivative is < 0)", "Lemma C.5, proof",
                   lhs=derivative(h_C - 2 / pi, "b"), op="<", rhs=0, over="b in {beta}"),
        Inequality("C.5.h_positive", "(silent) (1-3beta)e^{beta^2-beta} - 2/pi > 0, so the product of the two "
                   "increasing positive factors increases", "Lemma C.5, proof",
                   lhs=h_C - 2 / pi, op=">", rhs=0, over="b in {beta}"),
        Inequality("C.5.at_minus_016", "at beta = -0.16: tau((1-3beta)e^{beta^2-beta} - 2/pi) <= 2",
                   "Lemma C.5, proof", lhs=T * (h_C - 2 / pi), op="<=", rhs=2, over="b in [-0.16, -0.16]"),
        *_c5_monotone(),
        Inequality("C.5.chain_bound", "the conclusion of the monotonicity argument, checked directly on the whole "
                   "range: tau((1-3beta)e^{beta^2-beta} - 2/pi) <= 2", "Lemma C.5, proof",
                   lhs=T * (h_C - 2 / pi), op="<=", rhs=2, over="b in {beta}"),
        Inequality("C.5.final", "the final inequality on the whole range: "
                   "tau((1-3beta)e^{beta^2-beta} sin(tau) - 2/pi) <= 2", "Lemma C.5, proof",
                   lhs=T * (h_C * sin(T) - 2 / pi), op="<=", rhs=2, over="b in {beta}"),
        Inequality("C.5.direct", "the conclusion checked directly: tau f''(x) >= -2(1 + tau/pi) for all x in "
                   "[0, pi] (so at x = a, where f'' attains its minimum over [0, pi] by Lemma C.1 / Cor. C.3)",
                   "Lemma C.5", lhs=T * f2, op=">=", rhs=-2 * (1 + T / pi), over="x in [0, pi], b in {beta}"),
        *_c5_derivation(),
    ),
    reasoning="f''(a) >= -(1-3beta) sin(tau) e^{beta cos tau - beta} as in Lemma B.4; beta cos tau < beta^2; the "
              "resulting function of beta is bounded via monotonicity in beta and its value at beta = -0.16.",
)

LEMMAS = [lemma_C1, corollary_C3, lemma_C4, lemma_C5]
