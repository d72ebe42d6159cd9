"""g_beta(z_a) > 0 > g_beta(z_b) (Lemmas A.4 - A.7), derived from the root count of q, one
recipe with each lemma's constants.

g_beta(z) = sqrt(z) sqrt(2 - z/beta) B(z) e^{-z} with B the bracket of lemmas.functions.g_beta.

- z_b: q(1/2) < 0, so z_b < 1/2 (``root``), and g_beta < 0 on [z_l, 1/2] (checked), at z_b
  (``substitute``).
- z_a: B > 0 on a range [d, c] where z_a lies (d < z_a from q(d) < 0 or d = z_h; z_a < c from
  z_a < 2 beta), so B(z_a) > 0; sqrt(z) e^{-z} > 0 at z_a; and sqrt(2 - z_a/beta) > 0 from
  z_a < 2 beta alone (``combine`` with beta beta^{-1} = 1, then ``apply`` sqrt), which no range
  check could give where z_a -> 2 beta (Lemma A.7, beta -> 1/3).  The product is g_beta(z_a).
"""
from __future__ import annotations

from certify.claims import Inequality
from certify.derived import Derived, RootOf, apply, combine, cover, derivative, monotone, root, substitute, written
from lemmas.functions import R, b, exp, g_beta, sqrt, z
from lemmas.g_roots import Q

BRACKET = -3 + 2 * z + (-1 + 3 * z - z ** 2) / b
RADICAND = 2 - z / b


def at(e, q):
    """The text of e (in z, b) at z = q, as g_beta's text writes the subterm."""
    return written(e, "z", "b", q, at={"z": q})


def quantity(L, q):
    return ((q, RootOf(f"{L}.q_roots", {"zb": 1, "za": 2}[q])),)


def zb_sign(L: str, zl: str) -> tuple:
    """g_beta(z_b) < 0 through z_b < 1/2."""
    ref, zb = f"Lemma {L}, proof", quantity(L, "zb")
    return (
        Inequality(f"{L}.q_at_1_2", "q(1/2) < 0: 1/2 lies right of z_b", ref, lhs=at(Q, "1/2"), op="<", rhs=0,
                   over="b in {beta}"),
        Derived(f"{L}.zb_below_1_2", "z_b < 1/2", ref, lhs="zb", op="<", rhs=R(1, 2), over="b in {beta}",
                quantities=zb, rule=root("zb", f"{L}.q_roots", f"{L}.q_at_1_2")),
        Inequality(f"{L}.g_neg_to_1_2", f"g_beta(z) < 0 for z in [{zl}, 1/2], where z_b lies", ref,
                   lhs=g_beta(z, b), op="<", rhs=0, over=f"z in [{zl}, 1/2], b in {{beta}}"),
        Derived(f"{L}.g_signs_zb", "g_beta(z_b) < 0 (g_beta(0) = 0 and g_beta decreases on (0, z_b))", ref,
                lhs=at(g_beta(z, b), "zb"), op="<", rhs=0, over="b in {beta}", quantities=zb,
                rule=substitute(f"{L}.g_neg_to_1_2", "z", "zb", f"{L}.zb_above", f"{L}.zb_below_1_2")),
    )


def radicand_at_za(L: str) -> tuple:
    """2 - z_a/beta > 0 and sqrt(2 - z_a/beta) > 0 from z_a < 2 beta (also Lemma A.7's phi)."""
    ref, za = f"Lemma {L}, proof", quantity(L, "za")
    return (
        Inequality(f"{L}.binv_pos", "(silent) 1/beta > 0", ref, lhs=1 / b, op=">", rhs=0, over="b in {beta}"),
        Derived(f"{L}.radicand_at_za", "2 - z_a/beta = (2 beta - z_a)/beta > 0", ref, lhs=at(RADICAND, "za"), op=">",
                rhs=0, over="b in {beta}", quantities=za,
                rule=combine((f"{L}.za_below", 1, f"{L}.binv_pos"))),     # beta (1/beta) = 1 as quotients
        Derived(f"{L}.sqrt_radicand_at_za", "sqrt(2 - z_a/beta) > 0", ref, lhs=at(sqrt(RADICAND), "za"), op=">",
                rhs=0, over="b in {beta}", quantities=za, rule=apply(f"{L}.radicand_at_za", "sqrt")),
    )


def za_above(L: str, name: str, d, over: str, *inside: str) -> tuple:
    """q(d) < 0 on ``over``: d < z_a (``inside``: premises z_h < d, d < 2 beta where not numeric)."""
    ref, za, t = f"Lemma {L}, proof", quantity(L, "za"), written(d, "b")
    return (
        Inequality(f"{L}.q_at_{name}", f"q({t}) < 0: {t} lies left of z_a", ref, lhs=at(Q, t), op="<", rhs=0,
                   over=over),
        Derived(f"{L}.za_above_{name}", f"{t} < z_a", ref, lhs=t, op="<", rhs="za", over=over, quantities=za,
                rule=root("za", f"{L}.q_roots", f"{L}.q_at_{name}", *inside)),
    )


def za_below(L: str, c: str, bound: str, over: str = "b in {beta}") -> Derived:
    """z_a < c from z_a < 2 beta and the premise ``bound``: 2 beta < c (or <=)."""
    return Derived(f"{L}.za_below_{c.replace('.', '')}", f"z_a < 2 beta < {c}", f"Lemma {L}, proof", lhs="za",
                   op="<", rhs=R(c), over=over, quantities=quantity(L, "za"),
                   rule=combine((f"{L}.za_below", 1), (bound, 1)))


def B_checked(L: str, pieces) -> tuple:
    """B(z_a) > 0 from B > 0 checked on a range where z_a lies; ``pieces``: (suffix, beta range,
    the domain of the check, the premises d < z_a and z_a < c), one per beta sub-range
    (covered when more than one)."""
    ref, za, B_za = f"Lemma {L}, proof", quantity(L, "za"), at(BRACKET, "za")
    out = []
    for suffix, over, dom, lo, hi in pieces:
        out += [Inequality(f"{L}.B_pos{suffix}", "B(z) > 0 on a range where z_a lies", ref,
                           lhs=BRACKET, op=">", rhs=0, over=dom),
                Derived(f"{L}.B_at_za{suffix}", "B(z_a) > 0", ref, lhs=B_za, op=">", rhs=0, over=f"b in {over}",
                        quantities=za, rule=substitute(f"{L}.B_pos{suffix}", "z", "za", lo, hi))]
    if len(pieces) > 1:
        out.append(Derived(f"{L}.B_at_za", "B(z_a) > 0", ref, lhs=B_za, op=">", rhs=0, over="b in {beta}",
                           quantities=za, rule=cover("b", *(f"{L}.B_at_za{p[0]}" for p in pieces))))
    return tuple(out)


def B_rising(L: str, d, lo: str) -> tuple:
    """B(z_a) > 0 where B -> 0 at z_a (Lemma A.7, beta -> 1/3): B(d) > 0, and B increases on
    [d, 2 beta] (``monotone`` from the expression end d), so B(z_a) >= B(d) (d < z_a: ``lo``)."""
    ref, za, t = f"Lemma {L}, proof", quantity(L, "za"), written(d, "b")
    dom, B_d = f"b in {{beta}}, z in [{t}, 2*b]", written(BRACKET, "z", "b", at={"z": t})
    return (
        Inequality(f"{L}.B_at_d", f"B({t}) > 0", ref, lhs=B_d, op=">", rhs=0, over="b in {beta}"),
        Inequality(f"{L}.B_slope", f"B'(z) > 0 on [{t}, 2 beta]", ref, lhs=derivative(BRACKET, "z", "z", "b"), op=">",
                   rhs=0, over=dom),
        Derived(f"{L}.B_from_d", f"B(z) >= B({t}) on [{t}, 2 beta]", ref, lhs=BRACKET, op=">=", rhs=B_d, over=dom,
                rule=monotone(f"{L}.B_slope", "z", "lo")),
        Derived(f"{L}.B_ge_at_za", f"B(z_a) >= B({t})", ref, lhs=at(BRACKET, "za"), op=">=", rhs=B_d,
                over="b in {beta}", quantities=za, rule=substitute(f"{L}.B_from_d", "z", "za", lo, f"{L}.za_below")),
        Derived(f"{L}.B_at_za", "B(z_a) > 0", ref, lhs=at(BRACKET, "za"), op=">", rhs=0, over="b in {beta}",
                quantities=za, rule=combine((f"{L}.B_ge_at_za", 1), (f"{L}.B_at_d", 1))),
    )


def za_sign(L: str, zh: str, B_claims) -> tuple:
    """g_beta(z_a) > 0; ``B_claims`` end in {L}.B_at_za (``B_checked`` or ``B_rising``)."""
    ref, za = f"Lemma {L}, proof", quantity(L, "za")
    return (
        *radicand_at_za(L),
        *B_claims,
        Inequality(f"{L}.sqrt_exp_pos", "(silent) sqrt(z) e^{-z} > 0", ref, lhs=sqrt(z) * exp(-z), op=">", rhs=0,
                   over=f"z in [{zh}, oo)"),
        Derived(f"{L}.sqrt_exp_at_za", "sqrt(z_a) e^{-z_a} > 0", ref, lhs=at(sqrt(z) * exp(-z), "za"), op=">", rhs=0,
                over="b in {beta}", quantities=za,
                rule=substitute(f"{L}.sqrt_exp_pos", "z", "za", f"{L}.za_above")),
        Derived(f"{L}.g_signs_za", "g_beta(z_a) > 0: the product of B(z_a) > 0, sqrt(z_a) e^{-z_a} > 0 and "
                "sqrt(2 - z_a/beta) > 0", ref, lhs=at(g_beta(z, b), "za"), op=">", rhs=0, over="b in {beta}",
                quantities=za,
                rule=combine((f"{L}.B_at_za", 1, f"{L}.sqrt_exp_at_za", f"{L}.sqrt_radicand_at_za"))),
    )
