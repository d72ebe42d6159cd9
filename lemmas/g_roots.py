"""z_b < z_a, the ends of the positive region of g'_beta in (0, 2 beta) (Lemmas A.4 - A.7), as
roots of one quartic, located by a root count at the lemma's evaluation points; and (9), the
lower bound of g_beta at z_b, by substituting z_b into the lemma's pointwise bound.

With c = cos x = 1 - z/beta, g'_beta(z) sqrt(z) sqrt(2 - z/beta) e^z 2 beta^2 = -2 q(z) and
p(c) beta^3 = -beta^2 q(z) (sympy), where q is the quartic below; so on (0, 2 beta) g'_beta has
the sign of -q, and the roots of q there are z = beta(1 - cos x) at the roots cos x of p in
(-1, 1) (Lemma A.1).  The root count proves q's sign pattern + + - + - + at 0, z_l, z_h,
2 beta, 2 beta + 2 and oo, hence exactly one simple root in each sign change: z_b in
(z_l, z_h), z_a in (z_h, 2 beta) and two beyond 2 beta.
"""
from __future__ import annotations

from certify.claims import Identity, RootCount
from certify.derived import Derived, RootOf, root, substitute, written
from lemmas.functions import b, g_beta, p, z

Q = (4 * b ** 2 * z ** 2 - 12 * b ** 2 * z + 3 * b ** 2 - 4 * b * z ** 3 + 18 * b * z ** 2 - 14 * b * z + b
     + z ** 4 - 6 * z ** 3 + 7 * z ** 2 - z)


def q_roots(L: str, zl: str, zh: str, bound) -> tuple:
    """The root count of q for lemma ``L`` (evaluation points zl < zh), the chain
    zl < z_b < zh < z_a < 2 beta, and g_beta(z_b) > ``bound``, the right side of {L}.bound_zb."""
    rc = f"{L}.q_roots"
    zb, za = (("zb", RootOf(rc, 1)),), (("za", RootOf(rc, 2)),)
    ref = f"Lemma {L}, proof"
    return (
        Identity(f"{L}.q_is_p", "beta p(1 - z/beta) = -q(z): the roots of q are z = beta(1 - c) at the roots c of p",
                 ref, lhs=b * p(1 - z / b, b), rhs=-Q, over="z in [0, 4], b in {beta}"),
        RootCount(rc, f"q (g'_beta = -q x positive on (0, 2 beta)) has signs + + - + - + at 0, {zl}, {zh}, 2 beta, "
                  "2 beta + 2, oo: one simple root in each of its four sign changes", ref, expr=Q, var="z",
                  points=("0", zl, zh, "2*b", "2*b + 2", "oo"), signs="++-+-+", degree=4, over="b in {beta}"),
        Derived(f"{L}.zb_above", f"{zl} < z_b", ref, lhs=zl, op="<", rhs="zb", over="b in {beta}", quantities=zb,
                rule=root("zb", rc)),
        Derived(f"{L}.zb_below", f"z_b < {zh}", ref, lhs="zb", op="<", rhs=zh, over="b in {beta}", quantities=zb,
                rule=root("zb", rc)),
        Derived(f"{L}.za_above", f"{zh} < z_a", ref, lhs=zh, op="<", rhs="za", over="b in {beta}", quantities=za,
                rule=root("za", rc)),
        Derived(f"{L}.za_below", "z_a < 2 beta", ref, lhs="za", op="<", rhs="2*b", over="b in {beta}", quantities=za,
                rule=root("za", rc)),
        Derived(f"{L}.g_at_zb", f"(9) at z_b: g_beta(z_b) > the bound of {L}.bound_zb", ref,
                lhs=written(g_beta(z, b), "z", "b", "zb", at={"z": "zb"}), op=">",
                rhs=written(bound, "b"), over="b in {beta}", quantities=zb,
                rule=substitute(f"{L}.bound_zb", "z", "zb", f"{L}.zb_above", f"{L}.zb_below")),
    )

