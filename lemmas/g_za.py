"""The upper bound of g_beta at z_a and the bound phi (Lemmas A.4 - A.6), one recipe with each
lemma's constants.

The paper bounds g_beta(z_a) from above through g1 and g2 at z_a in (z_h, 2 beta).  Here the
bound is checked directly for every z in [z_h, 2 beta] (a range that depends on beta) and
substituted at z_a (A.x.za_above, A.x.za_below); beyond beta = 2 (Lemma A.4 only) the range
[z_h, 2 beta] is unbounded, so z_a < 3 is located first (q(3) > 0 and 3 < 2 beta put 3 to the
right of z_a in the root count) and the bound is checked on z in [z_h, 3].  Then
g_beta(z_a) - g_beta(z_b) < phi(beta) is the sum with (9) at z_b (A.x.g_at_zb).  Lemma A.7, where
that check is not decided, has its own factored bound (``za_bound_A7``).
"""
from __future__ import annotations

from certify.claims import Inequality
from certify.derived import Derived, RootOf, apply, combine, cover, root, substitute, written
from lemmas.functions import R, b, exp, g_beta, phi_term, sqrt, z
from lemmas.g_roots import Q
from lemmas.g_signs import BRACKET, RADICAND, at


def g_at_point(quantity: str) -> str:
    return written(g_beta(z, b), "z", "b", quantity, at={"z": quantity})


def za_bound(L: str, zh: str, terms, phi, split_at_2: bool = False) -> tuple:
    """``terms``: the (c, s, over_beta) of the bound at z_a; ``phi``: the lemma's phi(beta) (the
    bound at z_a minus (9) at z_b); ``split_at_2``: beta in [1, 2] and [2, oo) (Lemma A.4)."""
    ref = f"Lemma {L}, proof"
    za = (("za", RootOf(f"{L}.q_roots", 2)),)
    bound = sum(phi_term(c, s_, b, ob) for c, s_, ob in terms)
    text = " + ".join(f"{c} sqrt(2 - {s}/beta)/(sqrt 2{' beta' if ob else ''})" for c, s, ob in terms)
    gza = g_at_point("za")

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
    return pieces + (phi_claim(L, phi),)


def phi_claim(L: str, phi) -> Derived:
    """g_beta(z_a) - g_beta(z_b) < phi(beta), the sum of {L}.g_at_za and (9) at z_b."""
    both = (("za", RootOf(f"{L}.q_roots", 2)), ("zb", RootOf(f"{L}.q_roots", 1)))
    return Derived(f"{L}.phi", "g_beta(z_a) - g_beta(z_b) < phi(beta): the bound at z_a minus (9) at z_b",
                   f"Lemma {L}, proof", lhs=f"{g_at_point('za')} - ({g_at_point('zb')})", op="<",
                   rhs=written(phi, "b"), over="b in {beta}", quantities=both,
                   rule=combine((f"{L}.g_at_za", 1), (f"{L}.g_at_zb", 1)))


def za_bound_A7(c: str, s: str, phi) -> tuple:
    """Lemma A.7: g_beta(z_a) < c sqrt(2 - s/beta)/(sqrt 2 beta) = A K (A = sqrt(2 - s/beta),
    K = c/(sqrt 2 beta)), where z_a -> s = 2/3 and the bound -> 0 like sqrt(beta - 1/3) as
    beta -> 1/3: no range check decides it.  With W = sqrt(2 - z_a/beta) and g_beta(z_a) = W H(z_a),
    H(z) = sqrt(z) B(z) e^{-z}:  A K - W H = (A - W) K + W (K - H), where W < A (z_a > s, sqrt
    increasing), K > 0, W > 0 (lemmas.g_signs) and H < K on [s, 1] (checked; z_a < 2 beta < 1)."""
    L, ref, za = "A.7", "Lemma A.7, proof", (("za", RootOf("A.7.q_roots", 2)),)
    H, K = sqrt(z) * BRACKET * exp(-z), R(c) / (sqrt(2) * b)
    return (
        Derived(f"{L}.radicand_order", f"2 - z_a/beta < 2 - {s}/beta ({s} < z_a)", ref, lhs=at(RADICAND, "za"),
                op="<", rhs=written(2 - R(s) / b, "b"), over="b in {beta}", quantities=za,
                rule=combine((f"{L}.za_above", 1, f"{L}.binv_pos"))),
        Derived(f"{L}.sqrt_order", f"W = sqrt(2 - z_a/beta) < A = sqrt(2 - {s}/beta)", ref, lhs=at(sqrt(RADICAND), "za"),
                op="<", rhs=written(sqrt(2 - R(s) / b), "b"), over="b in {beta}", quantities=za,
                rule=apply(f"{L}.radicand_order", "sqrt", f"{L}.radicand_at_za")),
        Inequality(f"{L}.K_pos", f"(silent) K = {c}/(sqrt 2 beta) > 0", ref, lhs=K, op=">", rhs=0, over="b in {beta}"),
        Inequality(f"{L}.H_bound", f"H(z) = sqrt(z) B(z) e^{{-z}} < K for z in [{s}, 1]", ref, lhs=H, op="<", rhs=K,
                   over=f"z in [{s}, 1], b in {{beta}}"),
        Derived(f"{L}.H_at_za", "H(z_a) < K", ref, lhs=at(H, "za"), op="<", rhs=written(K, "b"), over="b in {beta}",
                quantities=za, rule=substitute(f"{L}.H_bound", "z", "za", f"{L}.za_above", f"{L}.za_below_1")),
        Derived(f"{L}.g_at_za", f"g_beta(z_a) < {c} sqrt(2 - {s}/beta)/(sqrt 2 beta): (A - W) K + W (K - H) > 0", ref,
                lhs=g_at_point("za"), op="<", rhs=written(phi_term(c, s, b, True), "b"), over="b in {beta}",
                quantities=za, rule=combine((f"{L}.sqrt_order", 1, f"{L}.K_pos"),
                                            (f"{L}.H_at_za", 1, f"{L}.sqrt_radicand_at_za"))),
        phi_claim(L, phi),
    )
