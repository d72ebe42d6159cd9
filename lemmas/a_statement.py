"""The printed statements of Lemmas A.4 - A.7, tau (f''(a) - f''(b)) < 2, as derived claims.

With D = f''(a) - f''(b), X = g_beta(z_a) - g_beta(z_b), s = sqrt(beta) tau and the lemma's
constant c (s < c, c phi < 2):

    2 - tau D = (2 - c phi) + phi (c - s) + s (phi - X) + tau (sqrt(beta) X - D),

each term a proved slack times proved nonnegative factors, except the last, whose slack
sqrt(beta) X - D >= 0 is the positive-region step (``{L}.positive_region``, stated formally:
f''(a) - f''(b) = sqrt(beta)(g_beta(z_a) - g_beta(z_b)) where z_a, z_b are the ends of the
positive region of g'_beta).  The sign of X is not needed.
"""
from __future__ import annotations

from certify.claims import Inequality
from certify.derived import Assumed, Derived, RootOf, combine, cover, written
from lemmas.functions import R, b, sqrt, tau
from lemmas.g_za import g_at_point

D_MEANING = "f''(a) - f''(b), where b < a are the roots of f''' in (0, pi) of Lemma A.1"
S, TAU, SQRT_B = (written(e, "b") for e in (sqrt(b) * tau(b), tau(b), sqrt(b)))


def roots(L):
    return (("D", D_MEANING), ("za", RootOf(f"{L}.q_roots", 2)), ("zb", RootOf(f"{L}.q_roots", 1)))


def positive_region(L, reasoning):
    """The step that links A.1's roots a, b to z_a, z_b, stated formally (HUMAN)."""
    X = f"{g_at_point('za')} - ({g_at_point('zb')})"
    return Assumed(f"{L}.positive_region", "the positive region of g'_beta in (0, 2 beta) is (z_b, z_a) = "
                   "(beta(1 - cos b), beta(1 - cos a)), so f''(a) - f''(b) = sqrt(beta)(g_beta(z_a) - g_beta(z_b))",
                   f"Lemma {L}, proof", lhs="D", op="<=", rhs=f"{SQRT_B}*({X})", over="b in {beta}",
                   quantities=roots(L), reasoning=reasoning,
                   why="logic: links the roots a, b of A.1 to z_a, z_b (the region of f''' to that of g'_beta)")


def positivity(L):
    """phi >= 0, s >= 0 and tau >= 0: the factors of the combination (non-strict: tau -> 0 as
    beta -> oo, and the strict slack 2 - c phi makes the conclusion strict)."""
    from lemmas.functions import phi_A4, phi_A5, phi_A6, phi_A7
    phi = {"A.4": phi_A4, "A.5": phi_A5, "A.6": phi_A6, "A.7": phi_A7}[L](b)
    ref = f"Lemma {L}, proof"
    return (Inequality(f"{L}.phi_nonneg", "(silent) phi(beta) >= 0", ref, lhs=phi, op=">=", rhs=0, over="b in {beta}"),
            Inequality(f"{L}.s_nonneg", "(silent) sqrt(beta) tau >= 0", ref, lhs=sqrt(b) * tau(b), op=">=", rhs=0,
                       over="b in {beta}"),
            Inequality(f"{L}.tau_nonneg", "(silent) tau >= 0", ref, lhs=tau(b), op=">=", rhs=0, over="b in {beta}"))


def s_bound(L, cid, c, premises, over="b in {beta}"):
    """sqrt(beta) tau < c from Lemma A.2's bound and the constant's (each slack with coefficient 1)."""
    return Derived(cid, f"sqrt(beta) tau < {c}", f"Lemma {L}, proof", lhs=S, op="<", rhs=R(c), over=over,
                   rule=combine(*((p, 1) for p in premises)))


def statement(L, cid, text, s_id, phi_bound, over="b in {beta}"):
    """tau D < 2 on ``over`` from s < c (``s_id``) and c phi < 2 (``phi_bound``)."""
    return Derived(cid, text, f"Lemma {L}", lhs=f"{TAU}*D", op="<", rhs=2, over=over, quantities=roots(L),
                   rule=combine((phi_bound, 1), (s_id, 1, f"{L}.phi_nonneg"), (f"{L}.phi", 1, f"{L}.s_nonneg"),
                                (f"{L}.positive_region", 1, f"{L}.tau_nonneg")))


def conclusion(L, c, tau_premises, phi_bound):
    """The lemma's statement on its whole range (Lemmas A.5 - A.7)."""
    return (*positivity(L), s_bound(L, f"{L}.s_bound", c, tau_premises),
            statement(L, f"{L}.conclusion", "tau(f''(a) - f''(b)) < 2", f"{L}.s_bound", phi_bound))


def conclusion_A4():
    """Lemma A.4: beta in [1, 2) with the constant 0.96, beta >= 2 with sqrt(beta) tau < 1
    (Corollary A.3), and the cover of [1, oo)."""
    L = "A.4"
    return (*positivity(L),
            s_bound(L, "A.4.s_bound_to_2", "0.96", ("A.4.tau_below_2", "A.4.tau_at_2"), over="b in [1, 2)"),
            statement(L, "A.4.statement_to_2", "beta in [1, 2): tau(f''(a) - f''(b)) < 0.96 phi(beta) < 2",
                      "A.4.s_bound_to_2", "A.4.phi_096", over="b in [1, 2)"),
            statement(L, "A.4.large_beta", "beta >= 2: tau(f''(a) - f''(b)) < sqrt(beta) tau phi(beta) < 2 "
                      "(sqrt(beta) tau < 1 by Corollary A.3)", "A.3.statement", "A.4.phi_lt_2", over="b in [2, oo)"),
            Derived("A.4.conclusion", "tau(f''(a) - f''(b)) < 2 for beta >= 1", "Lemma A.4", lhs=f"{TAU}*D", op="<",
                    rhs=2, over="b in {beta}", quantities=roots(L),
                    rule=cover("b", "A.4.statement_to_2", "A.4.large_beta")))


def A3_statement():
    """Corollary A.3 as the formal fact sqrt(beta) tau(beta) < 1 on (0, oo): tau < 1/sqrt(beta)
    (the corollary, with tau's pole-free argument 2x/(sqrt(1+4x^2)+1) of A.2.tau_printed) times
    sqrt(beta) > 0."""
    ref = "Corollary A.3"
    return (Inequality("A.3.tau_bound", "arccos(c(x)) < 1/sqrt(x) on (0, oo), the corollary as printed "
                       "(c(x) in its pole-free form)", ref, lhs=TAU, op="<", rhs="1/sqrt(b)", over="b in {beta}"),
            Inequality("A.3.sqrt_b_pos", "(silent) sqrt(beta) > 0", ref, lhs=sqrt(b), op=">", rhs=0, over="b in {beta}"),
            Derived("A.3.statement", "sqrt(beta) tau(beta) < 1 for beta in (0, oo)", ref, lhs=S, op="<", rhs=1,
                    over="b in {beta}", rule=combine(("A.3.tau_bound", 1, "A.3.sqrt_b_pos"))))
