"""Appendix A: results for beta > 1/3 (Lemmas A.1, A.2, Corollary A.3, Lemmas A.4-A.7).

Every assertion the proofs make, including the silent ones, as claims; printed errors are
encoded as printed (they come out REFUTED) with an erratum and the corrected claim.
Variables: b = beta, z = beta (1 - cos x) in [0, 2 beta], c = cos x in [-1, 1], t = x / pi.
"""
from dataclasses import dataclass

import sympy

from certify.claims import Cited, Human, Identity, Inequality, Lemma, Limit, RootCount
from lemmas.functions import (R, b, f2, f3, g1, g2, g_beta, g_beta_prime, p, phi_A4, phi_A5,
                              phi_A6, phi_A7, tau, tau_printed, x, z)

c = sympy.Symbol("c", real=True)
s = sympy.Symbol("s", real=True)
sqrt, acos = sympy.sqrt, sympy.acos


def in_cos(expr):
    """Write an expression of x on [0, pi] in c = cos x (sin x = sqrt(1 - c^2) >= 0 there)."""
    return expr.subs(sympy.sin(x), sqrt(1 - c ** 2)).subs(sympy.cos(x), c)


def sqrt_tau(bb=b):
    return sqrt(bb) * tau(bb)


# -- Lemma A.1 ---------------------------------------------------------------------------------
A1 = Lemma(
    id="A.1", title="positive region of f''' for beta > 1/3", beta="(1/3, oo)",
    statement="Suppose beta > 1/3. There exist 0 < b < a < pi such that the positive region of "
              "f'''(x) is (-a, -b) U (b, a).",
    claims=(
        Identity("A.1.f3_p", "f'''(x) = p(cos x) e^{beta(cos x - 1)}", "Lemma A.1",
                 lhs=f3, rhs=p(sympy.cos(x), b) * sympy.exp(b * (sympy.cos(x) - 1)),
                 over="x in [-4, 4], b in {beta}"),
        Identity("A.1.p1", "p(1) = -1 - 3 beta", "Lemma A.1", lhs=p(1, b), rhs=-1 - 3 * b, over="b in {beta}"),
        Identity("A.1.p_1_03", "p(1 - 0.3/beta) = 1.688 - 0.1761/beta + 0.24 beta", "Lemma A.1",
                 lhs=p(1 - R("0.3") / b, b), rhs=R("1.688") - R("0.1761") / b + R("0.24") * b,
                 over="b in {beta}"),
        Identity("A.1.pm1", "p(-1) = 1 - 3 beta", "Lemma A.1", lhs=p(-1, b), rhs=1 - 3 * b, over="b in {beta}"),
        Identity("A.1.pm1_2", "p(-1 - 2/beta) = 5 beta + 6/beta + 13", "Lemma A.1",
                 lhs=p(-1 - 2 / b, b), rhs=5 * b + 6 / b + 13, over="b in {beta}"),
        Inequality("A.1.p1_neg", "p(1) < 0", "Lemma A.1", lhs=p(1, b), op="<", rhs=0, over="b in {beta}"),
        Inequality("A.1.p_1_03_pos", "p(1 - 0.3/beta) > 0", "Lemma A.1",
                   lhs=p(1 - R("0.3") / b, b), op=">", rhs=0, over="b in {beta}"),
        Inequality("A.1.pm1_neg", "p(-1) < 0 (open end: p(-1) = 0 at beta = 1/3)", "Lemma A.1",
                   lhs=p(-1, b), op="<", rhs=0, over="b in {beta}"),
        Inequality("A.1.pm1_2_pos", "p(-1 - 2/beta) > 0", "Lemma A.1",
                   lhs=p(-1 - 2 / b, b), op=">", rhs=0, over="b in {beta}"),
        Inequality("A.1.point_in_range", "(silent) 1 - 0.3/beta > -1, so 1 - 0.3/beta lies in (-1, 1)",
                   "Lemma A.1", lhs=1 - R("0.3") / b, op=">", rhs=-1, over="b in {beta}"),
        Inequality("A.1.leading", "(silent) p is a quartic with leading coefficient -beta^3 < 0",
                   "Lemma A.1", lhs=-b ** 3, op="<", rhs=0, over="b in {beta}"),
        RootCount("A.1.roots", "p has one root in each of (-oo, -1-2/beta), (-1-2/beta, -1), "
                  "(-1, 1-0.3/beta), (1-0.3/beta, 1) and no other root: two roots r1 < r2 in (-1, 1), "
                  "p > 0 exactly between them on [-1, 1]", "Lemma A.1",
                  expr=p(z, b), var="z", points=("-oo", "-1-2/b", "-1", "1-0.3/b", "1"),
                  signs="-+-+-", degree=4, over="b in {beta}"),
        Human("A.1.conclusion", "the positive region of f''' is (-a, -b) U (b, a)",
              reasoning="f''' = p(cos x) e^{...} with e^{...} > 0, so f''' > 0 iff r1 < cos x < r2; "
                        "with b = arccos r2 < a = arccos r1 in (0, pi) and f''' even this is (-a,-b) U (b,a)."),
    ),
    reasoning="The sign facts and the degree give the exact root locations (A.1.roots); the "
              "evaluation point 1 - 0.3/beta lies in (-1, 1).",
)


# -- Lemma A.2 and Corollary A.3 ---------------------------------------------------------------
X = sympy.Symbol("b", real=True)          # the paper's x of Lemma A.2, written b here
cX = (sqrt(1 + 4 * X ** 2) - 1) / (2 * X)
S = sqrt(sqrt(1 + 4 * X ** 2) - 1) / sqrt(2 * X ** 2 + R(1, 2))
Q = sqrt(1 + 4 * X ** 2)

A2 = Lemma(
    id="A.2", title="sqrt(x) arccos((sqrt(1+4x^2)-1)/(2x)) is strictly increasing on (0, oo)",
    statement="sqrt(x) arccos((sqrt(1+4x^2)-1)/(2x)) is strictly increasing over (0, oo).",
    beta="(0, oo)",
    claims=(
        Identity("A.2.tau_rewrite", "(sqrt(1+4x^2)-1)/(2x) = 2x/(sqrt(1+4x^2)+1) (removes the 0/0 at x = 0)",
                 "Section 5", lhs=cX, rhs=2 * X / (Q + 1), over="b in {beta}"),
        Identity("A.2.derivative", "the printed derivative of sqrt(x) arccos(c(x))", "Lemma A.2",
                 lhs=sympy.diff(sqrt(X) * acos(cX), X), rhs=(acos(cX) - S) / (2 * sqrt(X)),
                 over="b in {beta}"),
        Inequality("A.2.S_range", "(silent) 0 < S(x) < pi, so arccos c > S <=> c < cos S", "Lemma A.2",
                   lhs=S, op="<", rhs=sympy.pi, over="b in {beta}"),
        Inequality("A.2.cos_bound", "cos z >= 1 - z^2/2 over (0, pi) (z = pi s)", "Lemma A.2",
                   lhs=sympy.cos(sympy.pi * s), op=">", rhs=1 - (sympy.pi * s) ** 2 / 2, over="s in (0, 1)"),
        Identity("A.2.S_squared", "S^2/2 = (sqrt(1+4x^2)-1)/(1+4x^2)", "Lemma A.2",
                 lhs=S ** 2 / 2, rhs=(Q - 1) / (1 + 4 * X ** 2), over="b in {beta}"),
        Inequality("A.2.suffices", "(sqrt(1+4x^2)-1)/(2x) < 1 - (sqrt(1+4x^2)-1)/(1+4x^2)", "Lemma A.2",
                   lhs=2 * X / (Q + 1), op="<", rhs=1 - (Q - 1) / (1 + 4 * X ** 2), over="b in {beta}"),
        Identity("A.2.step1", "step 1 rearranges the same quantity: RHS - LHS is unchanged", "Lemma A.2",
                 lhs=(1 - (Q - 1) / (1 + 4 * X ** 2)) - cX,
                 rhs=(1 + 1 / (1 + 4 * X ** 2) + 1 / (2 * X)) - Q * (1 / (2 * X) + 1 / (1 + 4 * X ** 2)),
                 over="b in {beta}"),
        Identity("A.2.step2", "step 2 multiplies step 1 by 2x(1+4x^2) > 0", "Lemma A.2",
                 lhs=2 * X * (1 + 4 * X ** 2) * ((1 + 1 / (1 + 4 * X ** 2) + 1 / (2 * X))
                                                 - Q * (1 / (2 * X) + 1 / (1 + 4 * X ** 2))),
                 rhs=(1 + 4 * X ** 2) * 2 * X + 1 + 2 * X + 4 * X ** 2 - Q * (1 + 2 * X + 4 * X ** 2),
                 over="b in {beta}"),
        Identity("A.2.step3", "step 3 moves (1 + 2x + 4x^2) across", "Lemma A.2",
                 lhs=(1 + 4 * X ** 2) * 2 * X + 1 + 2 * X + 4 * X ** 2 - Q * (1 + 2 * X + 4 * X ** 2),
                 rhs=(1 + 4 * X ** 2) * 2 * X - (Q - 1) * (1 + 2 * X + 4 * X ** 2), over="b in {beta}"),
        Identity("A.2.step4", "step 4 multiplies step 3 by (sqrt(1+4x^2)+1)/(2x) > 0", "Lemma A.2",
                 lhs=((1 + 4 * X ** 2) * 2 * X - (Q - 1) * (1 + 2 * X + 4 * X ** 2)) * (Q + 1) / (2 * X),
                 rhs=(1 + Q) * (1 + 4 * X ** 2) - 2 * X * (1 + 2 * X + 4 * X ** 2), over="b in {beta}"),
        Inequality("A.2.final", "2x(1+2x+4x^2) < (1+sqrt(1+4x^2))(1+4x^2) ('straightforward to verify')",
                   "Lemma A.2", lhs=2 * X * (1 + 2 * X + 4 * X ** 2), op="<", rhs=(1 + Q) * (1 + 4 * X ** 2),
                   over="b in {beta}"),
        Human("A.2.conclusion", "sqrt(x) arccos c(x) is strictly increasing on (0, oo)",
              reasoning="The final inequality and the chain of equivalences (steps multiply by positive "
                        "factors) give c < 1 - S^2/2 <= cos S; with 0 < S < pi, arccos c > S, so the "
                        "derivative (arccos c - S)/(2 sqrt x) is positive."),
    ),
    reasoning="Chain: final inequality <=> step 3 <=> step 2 <=> step 1 <=> 'suffices'; then the cosine "
              "bound and the range of S turn it into arccos c > S, i.e. a positive derivative.",
)

A3 = Lemma(
    id="A.3", title="sqrt(x) tau(x) < 1 on (0, oo)",
    statement="arccos((sqrt(1+4x^2)-1)/(2x)) < 1/sqrt(x) over (0, oo).",
    claims=(
        Limit("A.3.limit", "lim_{x -> oo} sqrt(x) arccos(c(x)) = 1", "Corollary A.3",
              expr=sqrt(X) * tau(X), var="b", value=1),
        Inequality("A.3.on_0_64", "(check, not needed) sqrt(x) tau(x) < 1 on (0, 64]", "Corollary A.3",
                   lhs=sqrt_tau(X), op="<", rhs=1, over="b in (0, 64]"),
        Cited("A.3.also_in", "the corollary also appears in [21, Lemma 4]", "Corollary A.3",
              source="[21, Lemma 4]"),
        Human("A.3.conclusion", "sqrt(x) tau(x) < 1 on (0, oo)",
              reasoning="Lemma A.2: sqrt(x) tau(x) is strictly increasing, and its limit at infinity is 1 "
                        "(A.3.limit); a strictly increasing function stays below its limit."),
    ),
    reasoning="Lemma A.2 (monotone) and the exact limit.",
)


# -- Lemmas A.4 - A.7: one table each ----------------------------------------------------------
@dataclass(frozen=True)
class GammaStep:
    """The constants of one of Lemmas A.4-A.7 (names follow the proofs)."""
    lemma: str
    beta: str
    z_lo: str            # g'_beta(z_lo) < 0
    z_hi: str            # g'_beta(z_hi) > 0
    z_pos: str           # g_beta(z_pos) > 0
    g2_lo: str           # g2(z_lo) > g2_lo
    g2_hi: str           # upper bound of g2 at z_a
    g2_hi_at: str        # the point whose g2 value the proof bounds ('max' for the global max)
    factor: str          # bound on sqrt(beta) tau on the range
    factor_at: str       # the beta at which the proof evaluates sqrt(beta) tau
    phi: object
    g1_term: bool        # whether phi keeps the 0.375 sqrt(2 - 1.5/beta) term
    tau_range: str = "{beta}"   # where sqrt(beta) tau < factor is used
    hi_at_edge: bool = False    # z_hi = 2 beta at the open end: g'_beta(z_hi) ~ sqrt(beta - 1/3) there


STEPS = {
    "A.4": GammaStep("A.4", "[1, oo)", "0.18", "1.4", "1.9", "-0.247", "0.512", "1.4", "0.96", "2", phi_A4, True, "[1, 2)"),
    "A.5": GammaStep("A.5", "[0.75, 1)", "0.165", "1.24", "1.4", "-0.26", "0.54", "1.24", "0.91", "1", phi_A5, True),
    "A.6": GammaStep("A.6", "[0.5, 0.75)", "0.14", "0.9", "0.99", "-0.28", "0.542", "max", "0.88", "0.75", phi_A6, False),
    "A.7": GammaStep("A.7", "(1/3, 0.5)", "0.121", "2/3", "2/3", "-0.285", "0.521", "1", "0.809", "0.5", phi_A7, False, hi_at_edge=True),
}


def gprime_hi_claims(st: GammaStep):
    """g'_beta(z_hi) > 0; when z_hi = 2 beta at the open end of the range, g'_beta(z_hi) vanishes
    there like sqrt(beta - 1/3) (infinite slope), so the claim is decided as the product with the
    positive factor sqrt(2 - z_hi/beta), whose radicand is shown positive separately."""
    L, zh = st.lemma, R(st.z_hi)
    if not st.hi_at_edge:
        return [Inequality(f"{L}.gprime_hi", f"g'_beta({st.z_hi}) > 0", L, lhs=g_beta_prime(zh, b), op=">",
                           rhs=0, over="b in {beta}")]
    return [
        Inequality(f"{L}.gprime_hi_scaled", f"g'_beta({st.z_hi}) sqrt(2 - {st.z_hi}/beta) > 0", L,
                   lhs=sympy.expand(g_beta_prime(zh, b) * sqrt(2 - zh / b)), op=">", rhs=0, over="b in {beta}"),
        Inequality(f"{L}.gprime_hi_factor", f"2 - {st.z_hi}/beta > 0, so sqrt(2 - {st.z_hi}/beta) > 0", L,
                   lhs=2 - zh / b, op=">", rhs=0, over="b in {beta}"),
        Human(f"{L}.gprime_hi", f"g'_beta({st.z_hi}) > 0",
              reasoning=f"g'_beta({st.z_hi}) is the positive product {L}.gprime_hi_scaled divided by the "
                        f"positive sqrt(2 - {st.z_hi}/beta)."),
    ]


def g_beta_claims(st: GammaStep):
    """The sign facts and bounds of g_beta, g1, g2 that the proof of st.lemma uses."""
    L, zl, zh, zp = st.lemma, R(st.z_lo), R(st.z_hi), R(st.z_pos)
    claims = [
        Inequality(f"{L}.gprime_lo", f"g'_beta({st.z_lo}) < 0", L, lhs=g_beta_prime(zl, b), op="<", rhs=0,
                   over="b in {beta}"),
        *gprime_hi_claims(st),
        Inequality(f"{L}.points_in_domain", f"(silent) the evaluation points lie in [0, 2 beta]: "
                   f"{max(zh, zp)} <= 2 beta", L, lhs=max(zh, zp), op="<=", rhs=2 * b, over="b in {beta}"),
        Inequality(f"{L}.g_at_01", "g_beta(0.1) < 0", L, lhs=g_beta(R("0.1"), b), op="<", rhs=0,
                   over="b in {beta}"),
        Inequality(f"{L}.g_pos", f"g_beta({st.z_pos}) > 0", L, lhs=g_beta(zp, b), op=">", rhs=0,
                   over="b in {beta}"),
        Inequality(f"{L}.g2_lo", f"g2({st.z_lo}) > {st.g2_lo}", L, lhs=g2(zl), op=">", rhs=R(st.g2_lo),
                   over="s in [0, 0]"),
        Inequality(f"{L}.g2_increasing", f"(silent) g2(z) >= g2({st.z_lo}) for z in [{st.z_lo}, {st.z_hi}]",
                   L, lhs=g2(z), op=">=", rhs=g2(zl), over=f"z in [{st.z_lo}, {st.z_hi}]"),
        Inequality(f"{L}.lower_step", f"(9): g_beta(z) > {st.g2_lo} sqrt(2 - {st.z_lo}/beta)/(sqrt2 beta) "
                   f"- 1.381 sqrt(2 - {st.z_lo}/beta)/sqrt2 for z in [{st.z_lo}, {st.z_hi}]", L,
                   lhs=g_beta(z, b), op=">",
                   rhs=R(st.g2_lo) * sqrt(2 - zl / b) / (sqrt(2) * b) - R("1.381") * sqrt(2 - zl / b) / sqrt(2),
                   over=f"z in [{st.z_lo}, {st.z_hi}], b in {{beta}}"),
    ]
    if st.g2_hi_at == "max":
        claims.append(Inequality(f"{L}.g2_hi", f"(silent) the global maximum of g2 is < {st.g2_hi}", L,
                                 lhs=g2(z), op="<", rhs=R(st.g2_hi), over="z in [0, oo)"))
    else:
        at = R(st.g2_hi_at)
        claims.append(Inequality(f"{L}.g2_hi", f"g2({st.g2_hi_at}) < {st.g2_hi}", L, lhs=g2(at), op="<",
                                 rhs=R(st.g2_hi), over="s in [0, 0]"))
        if at > zh:       # A.7: g2 increasing up to 1 >= 2 beta
            claims.append(Inequality(f"{L}.g2_monotone_hi", f"(silent) g2(z) <= g2({st.g2_hi_at}) on "
                                     f"[{st.z_hi}, {st.g2_hi_at}] (z <= 2 beta < 1)", L, lhs=g2(z), op="<=",
                                     rhs=g2(at), over=f"z in [{st.z_hi}, {st.g2_hi_at}]"))
        else:
            claims.append(Inequality(f"{L}.g2_monotone_hi", f"(silent) g2(z) <= g2({st.g2_hi_at}) for z >= "
                                     f"{st.g2_hi_at}", L, lhs=g2(z), op="<=", rhs=g2(at),
                                     over=f"z in [{st.g2_hi_at}, oo)"))
    if st.g1_term:
        claims.append(Inequality(f"{L}.g1_term_real", "(silent) 0.375 sqrt(2 - 1.5/beta) is real: 2 - 1.5/beta >= 0",
                                 L, lhs=2 - R("1.5") / b, op=">=", rhs=0, over="b in {beta}"))
    else:
        claims.append(Inequality(f"{L}.g1_nonpositive", "g1 <= 0 on [0, 2 beta] (the g1 term is removed)", L,
                                 lhs=g1(z) * 1, op="<=", rhs=0, over="z in [0, 1.5]"))
    return claims


def chain_claims(st: GammaStep):
    """The phi and tau bounds that finish the proof of st.lemma."""
    L = st.lemma
    return [
        Inequality(f"{L}.phi", f"{st.factor} phi(beta) < 2", L, lhs=R(st.factor) * st.phi(b), op="<", rhs=2,
                   over="b in {beta}"),
        Inequality(f"{L}.tau_constant", f"sqrt({st.factor_at}) tau({st.factor_at}) < {st.factor}", L,
                   lhs=sqrt_tau(b), op="<", rhs=R(st.factor), over=f"b in [{st.factor_at}, {st.factor_at}]"),
        Inequality(f"{L}.tau_direct", f"sqrt(beta) tau(beta) < {st.factor} on {st.tau_range} (direct)", L,
                   lhs=sqrt_tau(b), op="<", rhs=R(st.factor), over=f"b in {st.tau_range}"),
        Human(f"{L}.conclusion", "tau (f''(a) - f''(b)) < 2",
              reasoning=f"g_beta(z_a) - g_beta(z_b) < phi(beta) by the bounds above (g2 monotone pieces, "
                        f"g1 bounds, sqrt(2 - z/beta) decreasing in z); tau (f''(a) - f''(b)) = sqrt(beta) tau "
                        f"(g_beta(z_a) - g_beta(z_b)) < {st.factor} phi(beta) < 2."),
    ]


common_A4 = [
    Identity("A.4.f2_gbeta", "f''(x) = sqrt(beta) g_beta(beta - beta cos x) on [0, pi] (c = cos x)", "Lemma A.4",
             lhs=in_cos(f2), rhs=sqrt(b) * g_beta(b - b * c, b), over="c in [-1, 1], b in (0, oo)"),
    Identity("A.4.gbeta_split", "g_beta = sqrt(2 - z/beta)/sqrt2 (g1 + g2/beta)", "Lemma A.4",
             lhs=g_beta(z, b), rhs=sqrt(2 - z / b) / sqrt(2) * (g1(z) + g2(z) / b), over="z in (0, 2), b in (1, oo)"),
    Human("A.4.f3_chain", "f'''(x) = beta sqrt(beta) sin x g'_beta(beta - beta cos x)",
          reasoning="Differentiate f''(x) = sqrt(beta) g_beta(beta - beta cos x) (A.4.f2_gbeta) in x: the chain "
                    "rule gives the factor beta sin x; z = beta(1 - cos x) increases on [0, pi], so the positive "
                    "region of g'_beta is (z_b, z_a) with z_b = beta(1 - cos b), z_a = beta(1 - cos a)."),
    Inequality("A.4.g1_lower", "g1 > -1.381 on [0, oo)", "Lemma A.4", lhs=g1(z), op=">", rhs=R("-1.381"),
               over="z in [0, oo)"),
    Inequality("A.4.g1_upper", "g1 < 0.375 on [0, oo)", "Lemma A.4", lhs=g1(z), op="<", rhs=R("0.375"),
               over="z in [0, oo)"),
    Inequality("A.4.g1_nonpositive", "g1 <= 0 for z <= 1.5", "Lemma A.4", lhs=g1(z), op="<=", rhs=0,
               over="z in [0, 1.5]"),
]

A4 = Lemma(
    id="A.4", title="tau (f''(a) - f''(b)) < 2 for beta >= 1", beta="[1, oo)",
    statement="If beta >= 1 then tau (f''(a) - f''(b)) < 2.",
    claims=(*common_A4, *g_beta_claims(STEPS["A.4"]),
            Inequality("A.4.phi_large", "phi(beta) < 2 for beta >= 2", "Lemma A.4", lhs=phi_A4(b), op="<", rhs=2,
                       over="b in [2, oo)"),
            *[cl for cl in chain_claims(STEPS["A.4"]) if not cl.id.endswith(".phi")],
            Inequality("A.4.phi", "0.96 phi(beta) < 2 on [1, 2)", "Lemma A.4", lhs=R("0.96") * phi_A4(b), op="<",
                       rhs=2, over="b in [1, 2)"),
            Human("A.4.large_beta", "for beta >= 2: sqrt(beta) tau < 1 (Corollary A.3) and phi < 2",
                  reasoning="tau (f''(a) - f''(b)) < sqrt(beta) tau phi(beta) < 2 sqrt(beta) tau < 2."),),
    reasoning="Cases beta >= 2 (phi < 2 and Corollary A.3) and beta in [1, 2) (Lemma A.2: sqrt(beta) tau <= "
              "sqrt(2) tau(2) < 0.96, and 0.96 phi < 2). The g-bounds locate z_b in (0.18, 1.4) and z_a > 1.4.",
)

A5 = Lemma(
    id="A.5", title="tau (f''(a) - f''(b)) < 2 for beta in [0.75, 1)", beta="[0.75, 1)",
    statement="Suppose beta in [0.75, 1). Then tau (f''(a) - f''(b)) < 2.",
    claims=(*g_beta_claims(STEPS["A.5"]), *chain_claims(STEPS["A.5"])),
    reasoning="As Lemma A.4 with the constants 0.165, 1.24, 0.26, 0.54; Lemma A.2 gives sqrt(beta) tau < tau(1) < 0.91.",
)

A6 = Lemma(
    id="A.6", title="tau (f''(a) - f''(b)) < 2 for beta in [0.5, 0.75)", beta="[0.5, 0.75)",
    statement="Suppose beta in [0.5, 0.75). Then tau (f''(a) - f''(b)) < 2.",
    claims=(*g_beta_claims(STEPS["A.6"]),
            *[cl for cl in chain_claims(STEPS["A.6"]) if not cl.id.endswith(".tau_constant")],
            Inequality("A.6.tau_printed", "as printed: sqrt(beta) tau < sqrt(0.75) tau(sqrt(0.75)) on [0.5, 0.75)",
                       "Lemma A.6", lhs=sqrt_tau(b), op="<", rhs=sqrt(R("0.75")) * tau(sqrt(R("0.75"))),
                       over="b in {beta}"),
            Inequality("A.6.tau_constant", "corrected: sqrt(0.75) tau(0.75) < 0.88", "Lemma A.6",
                       lhs=sqrt_tau(b), op="<", rhs=R("0.88"), over="b in [0.75, 0.75]")),
    reasoning="As Lemma A.4 with 0.14, 0.9, 0.28 and the global max of g2 (< 0.542); g1 <= 0 on [0, 2 beta]; "
              "Lemma A.2 gives sqrt(beta) tau < sqrt(0.75) tau(0.75) < 0.88.",
    errata=(("A.6.tau_printed", "the proof writes sqrt(beta) tau < sqrt(0.75) tau(sqrt(0.75)); the right side is "
             "0.8273 while sqrt(beta) tau(beta) -> 0.8713 as beta -> 0.75, so the printed bound is false near 0.75. "
             "It should read sqrt(0.75) tau(0.75) (= 0.8713 < 0.88, proved: A.6.tau_constant, A.6.tau_direct)."),),
)

A7 = Lemma(
    id="A.7", title="tau (f''(a) - f''(b)) < 2 for beta in (1/3, 0.5)", beta="(1/3, 0.5)",
    statement="Suppose beta in (1/3, 0.5). Then tau (f''(a) - f''(b)) < 2.",
    claims=(*g_beta_claims(STEPS["A.7"]), *chain_claims(STEPS["A.7"]),
            Human("A.7.notation", "'g_2' in the proof means g^2", reasoning="notation")),
    reasoning="As Lemma A.4 with 0.121, 2/3, 0.285 and g2 increasing on [0.121, 1] (g2(1) < 0.521); g1 <= 0; "
              "Lemma A.2 gives sqrt(beta) tau < sqrt(0.5) tau(0.5) < 0.809. The sign of g_beta at z_a is not "
              "needed for the phi bound.",
    errata=(("A.7.g_pos", "'g_beta(2/3) > 0' is false on all of (1/3, 0.5): g_beta(2/3) = sqrt(2/3) sqrt(2 - 2/(3 beta)) "
             "(5/9)(1/beta - 3) e^{-2/3} < 0. The sign is not used by the phi bound, which still holds (A.7.phi)."),
            ("", "'0.12 < beta(1 - cos b)' should read 0.121 (what g'_beta(0.121) < 0 gives and what phi uses).")),
)

LEMMAS = [A1, A2, A3, A4, A5, A6, A7]
