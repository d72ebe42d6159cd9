"""Appendix C of the paper (beta < 0): Lemma C.1 (with Remark C.2), Corollary C.3, Lemma C.4
(cited, not checked), Lemma C.5, Lemma C.6.

Conventions as in lemmas/appendix_b.py: x = pi t on [0, pi]; p(1 - 1/beta), p(1 - 2/beta) are
decided as printed (the engine tames their pole at the open end beta = 0); cos tau =
2beta/(sqrt(1+4beta^2)+1), D = (1 + sqrt(1+4beta^2))/2.

Lemma C.6 is about the 3-cluster configuration x = (0, 2pi/3, 4pi/3 repeated) for beta < -2/3:
its Hessian is certified negative semidefinite with kernel exactly span(1, ..., 1) by arb
matrix claims (certify.matrices) for n = 3, 6, 30, 300 and beta = -0.7, -1, -2, -10; the sign
facts behind it hold on the whole range beta in (-oo, -2/3).
"""
from functools import partial

import sympy

from certify.claims import Cited, Human, Identity, Inequality, Lemma, RootCount
from certify.derived import Derived, RootOf, combine, derivative, monotone, root_bounds, written
from certify.matrices import MatrixClaim
from lemmas.f2_at_root import TAU, f2_lower_argument, f2_nonpositive, goal_text
from lemmas.functions import (E_beta, R, b, cos, exp, f1, f2, f3, f_beta, p, pi, sin, sqrt, tau, x)

t, c, s, k = (sympy.Symbol(n, real=True) for n in ("t", "c", "s", "k"))
x1, x2 = (sympy.Symbol(n, real=True) for n in ("x1", "x2"))

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
                           -b * sin(pi * t) ** 2 + 3 * (1 + cos(pi * t)), "C.5.goal", "<=", G_C, -2 * (1 + T / pi),
                           argmax_reasoning="f' has the sign of cos x - cos tau on [0, pi] (C.5.f1_factor, "
                           "C.5.f1_factor_pos), so tau maximizes e^{beta} f(x) = sin x e^{beta cos x} over [0, pi]."),
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

# -- Lemma C.6 -----------------------------------------------------------------------------------


def f_at(xx, bb=b):
    return f_beta.subs(x, xx).subs(b, bb)


def hessian_3cluster(n, beta):
    """The Laplacian L of [-f'(x_i - x_j)] (the Hessian of E up to the factor 2, see C.6.hessian_*) at the
    3-cluster configuration x_i = 2pi (i mod 3)/3, beta exact: L_ij = f'(x_i - x_j) for i != j and
    L_ii = -sum_{j != i} f'(x_i - x_j)."""
    xs = [2 * pi * q / 3 for q in range(3)]          # particle i sits at xs[i % 3]
    weight = [[f1.subs({x: xs[q] - xs[r], b: beta}) for r in range(3)] for q in range(3)]
    rows = []
    diag = {}
    for i in range(n):
        q = i % 3
        row = [weight[q][j % 3] for j in range(n)]
        if q not in diag:
            counts = {}
            for j in range(n):
                if j != i:
                    counts[row[j]] = counts.get(row[j], 0) + 1
            diag[q] = -sympy.Add(*[m * e for e, m in counts.items()])
        row[i] = diag[q]
        rows.append(row)
    return rows


def _matrix_claims():
    out = []
    for n in (3, 6, 30, 300):
        for beta in ("-0.7", "-1", "-2", "-10"):
            out.append(MatrixClaim(
                f"C.6.hessian_nsd.n{n}.b{beta}",
                f"n = {n}, beta = {beta}: the Hessian at the 3-cluster configuration is negative semidefinite "
                f"with kernel exactly span(1, ..., 1)", "Lemma C.6, condition 2",
                matrix=partial(hessian_3cluster, n, R(beta)), size=n))
    return tuple(out)


E2 = 2 * (exp(b * (cos(x1 - x2) - 1)) - exp(-b)) / b      # E = sum_{i,j} phi(cos(x_i - x_j)), n = 2,
#                                                           phi(t) = (e^{beta(t-1)} - e^{-beta})/beta,
#                                                           the two off-diagonal pairs (i = j terms constant)

lemma_C6 = Lemma(
    id="C.6",
    title="a stable non-synchronized 3-cluster configuration for beta < -2/3",
    statement="Suppose beta < -2/3. Then, if n is a multiple of 3 or sufficiently large, there exists x in T^n "
              "such that: 1. floor(n/3), floor(n/3) and n - 2 floor(n/3) points of x are placed at p1, p2, p3; "
              "2. x is a critical point of E and the Hessian of E at x is negative semidefinite, with only one "
              "zero eigenvalue whose eigenvectors are the multiples of [1, ..., 1].",
    beta="(-oo, -2/3)",
    claims=(
        Identity("C.6.stationary_3k", "n = 3k, alpha = 2pi/3: each particle sees k particles at each of the "
                 "differences 0, 2pi/3, 4pi/3 and f(0) + f(2pi/3) + f(4pi/3) = 0, so x is a critical point",
                 "Lemma C.6, proof", lhs=f_at(0) + f_at(2 * pi / 3) + f_at(4 * pi / 3), rhs=0, over="b in {beta}"),
        Identity("C.6.alpha_equation_3k", "the printed equation for alpha holds at alpha = 2pi/3 when n = 3k: "
                 "k sin(4pi/3) e^{beta cos(4pi/3)} + (3k - 2k) sin(2pi/3) e^{beta cos(2pi/3)} = 0",
                 "Lemma C.6, proof",
                 lhs=k * sin(4 * pi / 3) * exp(b * cos(4 * pi / 3)) + (3 * k - 2 * k) * sin(2 * pi / 3) * exp(b * cos(2 * pi / 3)),
                 rhs=0, over="b in {beta}, k in [1, oo)"),
        Identity("C.6.printed_labels_n4", "as printed (item 1 with p1 = 0, p2 = alpha, p3 = 2pi - alpha), n = 4: "
                 "1, 1, 2 points at 0, alpha, -alpha; the force on the particle at 0, f(0) + f(-alpha) + 2 f(alpha), "
                 "vanishes (alpha = pi s)", "Lemma C.6, statement and proof",
                 lhs=f_at(0) + f_at(-pi * s) + 2 * f_at(pi * s), rhs=0, over="s in (0, 1), b in {beta}"),
        Identity("C.6.corrected_labels_n4_at_0", "corrected: n - 2 floor(n/3) points at p1 = 0 and floor(n/3) at "
                 "each of +-alpha; n = 4: the force on a particle at 0 is 2 f(0) + f(-alpha) + f(alpha) = 0",
                 "Lemma C.6, proof", lhs=2 * f_at(0) + f_at(-pi * s) + f_at(pi * s), rhs=0, over="s in (0, 1), b in {beta}"),
        Identity("C.6.corrected_labels_n4_at_alpha", "corrected labels, n = 4: e^{beta} times the force on a particle "
                 "at alpha, 2 f(alpha) + f(0) + f(2 alpha), is the printed equation "
                 "floor(n/3) sin(2alpha) e^{beta cos 2alpha} + (n - 2floor(n/3)) sin(alpha) e^{beta cos alpha}",
                 "Lemma C.6, proof",
                 lhs=exp(b) * (2 * f_at(pi * s) + f_at(0) + f_at(2 * pi * s)),
                 rhs=sin(2 * pi * s) * exp(b * cos(2 * pi * s)) + 2 * sin(pi * s) * exp(b * cos(pi * s)),
                 over="s in (0, 1), b in {beta}"),
        Identity("C.6.ift_derivative", "(silent, n large) the alpha-derivative of sin(2alpha)e^{beta cos 2alpha} + "
                 "sin(alpha)e^{beta cos alpha} at alpha = 2pi/3 is -(3/2)(1 + 3beta/2)e^{-beta/2}",
                 "Lemma C.6, proof", lhs=sympy.diff(sin(2 * x) * exp(b * cos(2 * x)) + sin(x) * exp(b * cos(x)), x).subs(x, 2 * pi / 3),
                 rhs=-R(3, 2) * (1 + 3 * b / 2) * exp(-b / 2), over="b in {beta}"),
        Inequality("C.6.ift_nonzero", "(silent, n large) that derivative is nonzero (> 0) for every beta < -2/3, so by the "
                   "implicit function theorem alpha = 2pi/3 + o_n(1) solves the printed equation for large n",
                   "Lemma C.6, proof", lhs=-R(3, 2) * (1 + 3 * b / 2) * exp(-b / 2), op=">", rhs=0, over="b in {beta}"),
        Human("C.6.large_n", "n not a multiple of 3, n large: alpha = 2pi/3 + o_n(1) solves the equation",
              why="numeric, open: C_beta is not computed",
              reasoning="The equation divided by floor(n/3) is F(alpha, eps) = sin 2alpha e^{beta cos 2alpha} + (1 + eps) "
                        "sin alpha e^{beta cos alpha} with eps = (n - 3floor(n/3))/floor(n/3) -> 0; F(2pi/3, 0) = 0 "
                        "(C.6.alpha_equation_3k) and dF/dalpha != 0 there (C.6.ift_*). Then f'(alpha), f'(2alpha) > 0 "
                        "by continuity (C.6.fprime_*). Not quantified: C_beta is not computed (it grows as beta -> -2/3). "
                        "The Hessian claims below are for n divisible by 3."),
        Identity("C.6.hessian_offdiag_n2", "'The Hessian of E is the Laplacian L of [-f'(x_i - x_j)]', as printed: "
                 "n = 2, E = sum_{i,j} phi(cos(x_i - x_j)) (eq. (2)), d^2E/dx1dx2 = L_12 = f'(x1 - x2)",
                 "Lemma C.6, proof", lhs=sympy.diff(E2, x1, x2), rhs=f1.subs(x, x1 - x2),
                 over="x1 in [-4, 4], x2 in [-4, 4], b in {beta}"),
        Identity("C.6.hessian_offdiag_n2_corrected", "corrected: d^2E/dx1dx2 = 2 f'(x1 - x2) = 2 L_12 (the Hessian "
                 "is 2L: the sum over ordered pairs counts each pair twice)", "Lemma C.6, proof",
                 lhs=sympy.diff(E2, x1, x2), rhs=2 * f1.subs(x, x1 - x2), over="x1 in [-4, 4], x2 in [-4, 4], b in {beta}"),
        Identity("C.6.hessian_diag_n2_corrected", "corrected: d^2E/dx1^2 = -2 f'(x1 - x2) = 2 L_11", "Lemma C.6, proof",
                 lhs=sympy.diff(E2, x1, 2), rhs=-2 * f1.subs(x, x1 - x2), over="x1 in [-4, 4], x2 in [-4, 4], b in {beta}"),
        Human("C.6.quadratic_form", "v^T L v = -1/2 sum_{i,j} f'(x_i - x_j)(v_i - v_j)^2",
              why="algebra: the Laplacian identity for general n",
              reasoning="The Laplacian D - A of a symmetric A satisfies v^T (D - A) v = 1/2 sum A_ij (v_i - v_j)^2; "
                        "here A_ij = -f'(x_i - x_j)."),
        Identity("C.6.printed_difference_set", "as printed for general alpha: '|x_i - x_j| in {0, alpha, 2pi - alpha}', "
                 "i.e. the weight f'(2alpha) between the clusters at +-alpha equals f'(2pi - alpha) (alpha = pi s)",
                 "Lemma C.6, proof", lhs=f1.subs(x, 2 * pi * s), rhs=f1.subs(x, 2 * pi - pi * s),
                 over="s in (0, 1), b in {beta}"),
        Identity("C.6.difference_set_alpha_2pi3", "corrected: the differences are 0, +-alpha, +-2alpha; at alpha = 2pi/3, "
                 "f'(2alpha) = f'(4pi/3) = f'(2pi - alpha) = f'(2pi/3), so the printed set is right for n = 3k",
                 "Lemma C.6, proof", lhs=f1.subs(x, 4 * pi / 3), rhs=f1.subs(x, 2 * pi / 3), over="b in {beta}"),
        Identity("C.6.f1_even", "(silent) f' is even, so f'(-d) = f'(d) for the negative differences",
                 "Lemma C.6, proof", lhs=f1.subs(x, -x), rhs=f1, over=XB),
        Identity("C.6.fprime_0", "f'(0) = 1 > 0", "Lemma C.6, proof", lhs=f1.subs(x, 0), rhs=1, over="b in {beta}"),
        Identity("C.6.fprime_2pi3_form", "f'(2pi/3) = (-1/2 - 3beta/4) e^{-3beta/2}", "Lemma C.6, proof",
                 lhs=f1.subs(x, 2 * pi / 3), rhs=(-R(1, 2) - 3 * b / 4) * exp(-3 * b / 2), over="b in {beta}"),
        Inequality("C.6.fprime_2pi3_pos", "f'(2pi/3) > 0 for all beta < -2/3", "Lemma C.6, proof",
                   lhs=f1.subs(x, 2 * pi / 3), op=">", rhs=0, over="b in {beta}"),
        Inequality("C.6.fprime_4pi3_pos", "f'(4pi/3) > 0 for all beta < -2/3", "Lemma C.6, proof",
                   lhs=f1.subs(x, 4 * pi / 3), op=">", rhs=0, over="b in {beta}"),
        Identity("C.6.threshold_sharp", "(remark) f'(2pi/3) = 0 at beta = -2/3: the range beta < -2/3 is exactly "
                 "where the inter-cluster weight is positive", "Lemma C.6",
                 lhs=f1.subs({x: 2 * pi / 3, b: R(-2, 3)}), rhs=0, over="b in {beta}"),
        Human("C.6.nsd_argument", "the Hessian is NSD with kernel span(1, ..., 1) for every n = 3k and beta < -2/3",
              why="logic: positive weights on a complete graph give a negative semidefinite Laplacian",
              reasoning="All weights f'(x_i - x_j) are > 0 (C.6.fprime_*), so v^T L v = -1/2 sum f'(...)(v_i - v_j)^2 "
                        "<= 0 with equality iff all v_i are equal (the weight graph is complete)."),
        *_matrix_claims(),
    ),
    reasoning="For n = 3k the configuration with k particles at each of 0, 2pi/3, 4pi/3 is critical, all "
              "pairwise weights f'(x_i - x_j) are positive when beta < -2/3, so the Hessian (2L) is NSD with "
              "kernel the translations; certified independently with arb for concrete n and beta.",
    errata=(
        ("C.6.printed_labels_n4", "Item 1 / proof of Lemma C.6: with p1 = 0, p2 = alpha, p3 = 2pi - alpha the counts "
         "must be n - 2floor(n/3) at p1 = 0 and floor(n/3) at each of p2, p3 (as the printed equation for alpha "
         "assumes); as printed (floor(n/3), floor(n/3), n - 2floor(n/3)) the particle at 0 feels the nonzero force "
         "(n - 3floor(n/3)) f(alpha) when 3 does not divide n. For n divisible by 3 both labelings coincide."),
        ("C.6.hessian_offdiag_n2", "'The Hessian of E is the Laplacian L': with E of eq. (2) (sum over ordered pairs) "
         "the Hessian is 2L. The positive factor does not change the sign conclusions."),
        ("C.6.printed_difference_set", "'|x_i - x_j| in {0, alpha, 2pi - alpha}': the differences are 0, +-alpha and "
         "+-2alpha (mod 2pi); 2alpha is congruent to +-(2pi - alpha) only for alpha = 2pi/3. So for n not divisible "
         "by 3 one needs f'(2alpha) > 0 as well (true for alpha near 2pi/3 by continuity); for n = 3k the printed "
         "set is right."),
        ("", "Item 2 wording 'with only one eigenvalue whose eigenvectors are the scalar multiples of [1, ..., 1]' is "
         "garbled: meant is that the eigenvalue 0 is simple with eigenspace span(1, ..., 1) and all other eigenvalues "
         "are negative (what the C.6.hessian_nsd.* claims certify)."),
    ),
)

LEMMAS = [lemma_C1, corollary_C3, lemma_C4, lemma_C5, lemma_C6]
