"""The upper bound of g_beta at z_a and the bound phi (Lemmas A.4 - A.6), one recipe with each
lemma's constants.

The paper bounds g_beta(z_a) from above through g1 and g2 at z_a in (z_h, 2 beta).  Here the
bound is checked directly for every z in [z_h, 2 beta] (a range that depends on beta) and
substituted at z_a (A.x.za_above, A.x.za_below); beyond beta = 2 (Lemma A.4 only) the range
[z_h, 2 beta] is unbounded, so z_a < 3 is located first (q(3) > 0 and 3 < 2 beta put 3 to the
right of z_a in the root count) and the bound is checked on z in [z_h, 3].  Then
g_beta(z_a) - g_beta(z_b) < phi(beta) is the sum with (9) at z_b (A.x.g_at_zb).
"""
from __future__ import annotations

from certify.claims import Inequality
from certify.derived import Derived, RootOf, combine, cover, root, substitute, written
from lemmas.functions import b, g_beta, phi_term, z
from lemmas.g_roots import Q


def g_at_point(quantity: str) -> str:
    return written(g_beta(z, b), "z", "b", quantity, at={"z": quantity})


def za_bound(L: str, zh: str, terms, phi, split_at_2: bool = False) -> tuple:
    """``terms``: the (c, s, over_beta) of the bound at z_a; ``phi``: the lemma's phi(beta) (the
    bound at z_a minus (9) at z_b); ``split_at_2``: beta in [1, 2] and [2, oo) (Lemma A.4)."""
    ref = f"Lemma {L}, proof"
    za = (("za", RootOf(f"{L}.q_roots", 2)),)
    bound = sum(phi_term(c, s_, b, ob) for c, s_, ob in terms)
    text = " + ".join(f"{c} sqrt(2 - {s}/beta)/(sqrt 2{' beta' if ob else ''})" for c, s, ob in terms)
    gza, gzb = g_at_point("za"), g_at_point("zb")

    def checked(suffix, over, statement):
        return Inequality(f"{L}.bound_za{suffix}", f"g_beta(z) < {text} for every z in {statement}", ref,
                          lhs=g_beta(z, b), op="<", rhs=bound, over=over)

    def at_za(suffix, over, below):
        return Derived(f"{L}.g_at_za{suffix}", f"g_beta(z_a) < {text}", ref, lhs=gza, op="<",
                       rhs=written(bound, "b"), over=over, quantities=za,
                       rule=substitute(f"{L}.bound_za{suffix}", "z", "za", f"{L}.za_above", below))

    if split_at_2:
        pieces = (
            checked("_to_2", f"b in [1, 2], z in [{zh}, 2*b]", f"[{zh}, 2 beta], beta in [1, 2]"),
            at_za("_to_2", "b in [1, 2]", f"{L}.za_below"),
            Inequality(f"{L}.q_at_3", "q(3) = 3 beta^2 + 13 beta - 21 > 0 for beta >= 2", ref,
                       lhs=written(Q, "b", "z", at={"z": "3"}), op=">", rhs=0, over="b in [2, oo)"),
            Inequality(f"{L}.three_below_2b", "3 < 2 beta for beta >= 2", ref, lhs=3, op="<", rhs=2 * b,
                       over="b in [2, oo)"),
            Derived(f"{L}.za_below_3", "z_a < 3 for beta >= 2 (q(3) > 0 and z_h < 3 < 2 beta)", ref,
                    lhs="za", op="<", rhs=3, over="b in [2, oo)", quantities=za,
                    rule=root("za", f"{L}.q_roots", f"{L}.q_at_3", f"{L}.three_below_2b")),
            checked("_from_2", f"b in [2, oo), z in [{zh}, 3]", f"[{zh}, 3], beta >= 2"),
            at_za("_from_2", "b in [2, oo)", f"{L}.za_below_3"),
            Derived(f"{L}.g_at_za", f"g_beta(z_a) < {text}", ref, lhs=gza, op="<", rhs=written(bound, "b"),
                    over="b in {beta}", quantities=za, rule=cover("b", f"{L}.g_at_za_to_2", f"{L}.g_at_za_from_2")),
        )
    else:
        pieces = (checked("", f"b in {{beta}}, z in [{zh}, 2*b]", f"[{zh}, 2 beta]"),
                  at_za("", "b in {beta}", f"{L}.za_below"))
    both = (("za", RootOf(f"{L}.q_roots", 2)), ("zb", RootOf(f"{L}.q_roots", 1)))
    return pieces + (
        Derived(f"{L}.phi", "g_beta(z_a) - g_beta(z_b) < phi(beta): the bound at z_a minus (9) at z_b", ref,
                lhs=f"{gza} - ({gzb})", op="<", rhs=written(phi, "b"), over="b in {beta}", quantities=both,
                rule=combine((f"{L}.g_at_za", 1), (f"{L}.g_at_zb", 1))),
    )
