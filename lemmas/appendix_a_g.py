"""Lemmas A.4 - A.7 of the paper (beta > 1/3): the g_beta method, one recipe with each lemma's
constants (z_l, z_h, the g2 and g1 bounds, phi); conventions as in lemmas/appendix_a.py."""
import sympy

from certify.claims import Identity, Inequality, Lemma
from lemmas.g_roots import q_roots
from lemmas.g_za import za_bound, za_bound_A7
from lemmas.g_signs import B_checked, B_rising, za_above, za_below, za_sign, zb_sign
from lemmas.a_statement import conclusion, conclusion_A4, positive_region
from lemmas.functions import (E_beta, R, b, cos, exp, f2, f3, g1, g2,
                              g_beta, g_beta_prime, phi_A4, phi_A5, phi_A6, phi_A7, pi, sin, sqrt, tau, x, z)

q, t, w = (sympy.Symbol(n, real=True) for n in ("q", "t", "w"))
XB = "x in [-4, 4], b in {beta}"


# -- Lemmas A.4 - A.7: shared pieces --------------------------------------------------------------

y = sympy.Symbol("y", real=True)
SIN_Y, COS_Y = 2 * y / (1 + y ** 2), (1 - y ** 2) / (1 + y ** 2)     # sin, cos of x = 2 atan y
AT_Y = {sin(x): SIN_Y, cos(x): COS_Y}
Z_Y = b - b * COS_Y                                                   # beta - beta cos x
YB = "y in (0, oo), b in {beta}"
CONST = "t in [0, 0]"           # domain of a claim about a constant (the variable does not occur)
D_A7 = R(4, 15) + R(6, 5) * b     # between z_0 (where B = 0) and z_a, -> 2/3 as beta -> 1/3 (Lemma A.7)
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
    """A constant tau bound: the expression does not depend on b (stated for every beta of the
    lemma, so that the lemma's statement can rest on it)."""
    return Inequality(f"{L}.{name}", statement, lem(L), lhs=expr, op="<", rhs=R(const), over="b in {beta}")


def radicand(L, c, op=">=", what="phi is real"):
    return Inequality(f"{L}.radicand_{tag(c)}", f"(silent) 2 - {c}/beta {op} 0 on the lemma's range ({what})",
                      lem(L), lhs=2 - R(c) / b, op=op, rhs=0, over="b in {beta}")


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
        positive_region(L, "z = beta(1 - cos x) is a strictly increasing bijection [0, pi] -> [0, 2 beta] "
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


def zb_side(L, zmax, zl, zh, zpos, c2, g1=None):
    """The z_b half of the g_beta method, the same for Lemmas A.4 - A.6 with each lemma's points
    zl < zh (signs of g'_beta), zpos (g_beta > 0 there) and the g2 bound c2: the identities, the
    root count, the signs, and (9); ``g1`` replaces the g1 > -1.381 claim on [zl, zh]."""
    return (
        *identity_claims(L, zmax),
        gprime_sign(L, zl, "<"),
        gprime_sign(L, zh, ">"),
        point_in_domain(L, zpos),
        *q_roots(L, zl, zh, zb_bound(zl, c2)),
        g_sign(L, "0.1", "<"),
        g_sign(L, zpos, ">"),
        *zb_sign(L, zl),
        *g2_lower(L, zl, zh, c2),
        g1 or g1_lower(L, zl, zh),
        bound_zb(L, zl, zh, c2),
    )


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
        *zb_side("A.4", "2", "0.18", "1.4", "1.9", "-0.247",
                 g1=Inequality("A.4.g1_lower", "g1 > -1.381 on [0, oo) (global minimum g1((3 - sqrt 6)/2) = "
                               "-1.38012)", lem("A.4"), lhs=g1(z), op=">", rhs=R("-1.381"), over="z in [0, oo)")),
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
        *za_bound("A.4", "1.4", (("0.512", "1.4", True), ("0.375", "1.5", False)), phi_A4(b), split_at_2=True),
        Inequality("A.4.19_below_2b", "(silent) 1.9 < 2 beta for beta >= 2", lem("A.4"), lhs=R("1.9"), op="<",
                   rhs=2 * b, over="b in [2, oo)"),
        *za_above("A.4", "19", R("1.9"), "b in [2, oo)", "A.4.19_below_2b"),
        *za_sign("A.4", "1.4", B_checked("A.4", (
            ("_to_2", "[1, 2]", "b in [1, 2], z in [1.4, 2*b]", "A.4.za_above", "A.4.za_below"),
            ("_from_2", "[2, oo)", "z in [1.9, 3], b in [2, oo)", "A.4.za_above_19", "A.4.za_below_3")))),
        Inequality("A.4.phi_lt_2", "if beta >= 2 then phi(beta) < 2", lem("A.4"),
                   lhs=phi_A4(b), op="<", rhs=2, over="b in [2, oo)"),
        tau_point("A.4", "tau_at_2", sqrt(2) * tau(2), "0.96", "sqrt(2) tau(2) < 0.96"),
        Inequality("A.4.tau_below_2", "from Lemma A.2: sqrt(beta) tau < sqrt(2) tau(2) for beta in [1, 2)", lem("A.4"),
                   lhs=sqrt(b) * tau(b), op="<", rhs=sqrt(2) * tau(2), over="b in [1, 2)"),
        Inequality("A.4.phi_096", "0.96 phi(beta) < 2 for beta in [1, 2)", lem("A.4"),
                   lhs=R("0.96") * phi_A4(b), op="<", rhs=2, over="b in [1, 2)"),
        *conclusion_A4(),
    ),
    reasoning="Write f'' = sqrt(beta) g_beta(beta - beta cos x); locate the ends z_b, z_a of the positive region of "
              "g'_beta by signs of g'_beta at 0.18 and 1.4; bound g_beta(z_a) from above and g_beta(z_b) from below "
              "through g1, g2; the sum phi(beta) is < 2 for beta >= 2 (then sqrt(beta) tau < 1) and 0.96 phi < 2 on [1, 2).",
    errata=(("", "typesetting: the display of g_beta in terms of g1, g2 is corrupted in the source ('rac', 'eta' for "
                 "\\frac, \\beta); intended g_beta(z) = sqrt(2 - z/beta)/sqrt(2) (g1(z) + g2(z)/beta), proved as "
                 "A.4.g_combo."),),
)



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
        *zb_side("A.5", "3/2", "0.165", "1.24", "1.4", "-0.26"),
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
        *za_bound("A.5", "1.24", (("0.54", "1.24", True), ("0.375", "1.5", False)), phi_A5(b)),
        Inequality("A.5.2b_lt_2", "(silent) 2 beta < 2 on the lemma's range", lem("A.5"), lhs=2 * b, op="<", rhs=2,
                   over="b in {beta}"),
        za_below("A.5", "2", "A.5.2b_lt_2"),
        *za_sign("A.5", "1.24", B_checked("A.5", (("", "{beta}", "z in [1.24, 2], b in {beta}", "A.5.za_above",
                                                   "A.5.za_below_2"),))),
        tau_point("A.5", "tau_at_1", tau(1), "0.91", "tau(1) < 0.91"),
        Inequality("A.5.tau_bound", "from Lemma A.2: sqrt(beta) tau < tau(1) on the lemma's range", lem("A.5"),
                   lhs=sqrt(b) * tau(b), op="<", rhs=tau(1), over="b in {beta}"),
        Inequality("A.5.phi_091", "0.91 phi(beta) < 2 over the lemma's range", lem("A.5"),
                   lhs=R("0.91") * phi_A5(b), op="<", rhs=2, over="b in {beta}"),
        *conclusion("A.5", "0.91", ("A.5.tau_bound", "A.5.tau_at_1"), "A.5.phi_091"),
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
        *zb_side("A.6", "1", "0.14", "0.9", "0.99", "-0.28"),
        Inequality("A.6.g2_max", "(silent extremum fact) g2 < 0.542 on [0.9, 1.5], where z_a lies (maximum "
                   "g2(1.17234) = 0.541764)", lem("A.6"), lhs=g2(z), op="<", rhs=R("0.542"), over="z in [0.9, 1.5]"),
        Inequality("A.6.2b_le_15", "(silent) z <= 2 beta < 1.5 on the lemma's range", lem("A.6"),
                   lhs=2 * b, op="<", rhs=R("1.5"), over="b in {beta}"),
        Inequality("A.6.g1_nonpos", "g1 is non-positive when beta <= 0.75 and z <= 2 beta: g1 <= 0 on [0, 1.5]",
                   lem("A.6"), lhs=g1(z), op="<=", rhs=0, over="z in [0, 1.5]"),
        radicand("A.6", "1.5", op="<", what="the 'removed' term 0.375 sqrt(2 - 1.5/beta)/sqrt 2 is not real here"),
        radicand("A.6", "0.9", what="phi is real"),
        *za_bound("A.6", "0.9", (("0.542", "0.9", True),), phi_A6(b)),
        Inequality("A.6.091_below_2b", "(silent) 0.91 < 2 beta on the lemma's range", lem("A.6"), lhs=R("0.91"),
                   op="<", rhs=2 * b, over="b in {beta}"),
        *za_above("A.6", "091", R("0.91"), "b in {beta}", "A.6.091_below_2b"),
        za_below("A.6", "1.5", "A.6.2b_le_15"),
        *za_sign("A.6", "0.9", B_checked("A.6", (("", "{beta}", "z in [0.91, 1.5], b in {beta}", "A.6.za_above_091",
                                                 "A.6.za_below_15"),))),
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
        *conclusion("A.6", "0.88", ("A.6.tau_bound", "A.6.tau_const"), "A.6.phi_088"),
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
        *zb_sign("A.7", "0.121"),
        Inequality("A.7.d_above_zh", "(silent) 2/3 < d = 4/15 + 6 beta/5 (d -> 2/3 as beta -> 1/3)", lem("A.7"),
                   lhs=R(2, 3), op="<", rhs=D_A7, over="b in {beta}"),
        Inequality("A.7.d_below_2b", "(silent) d < 2 beta", lem("A.7"), lhs=D_A7, op="<", rhs=2 * b, over="b in {beta}"),
        *za_above("A.7", "d", D_A7, "b in {beta}", "A.7.d_above_zh", "A.7.d_below_2b"),
        *za_sign("A.7", "2/3", B_rising("A.7", D_A7, "A.7.za_above_d")),
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
        za_below("A.7", "1", "A.7.2b_lt_1"),
        *za_bound_A7("0.521", "2/3", phi_A7(b)),
        tau_point("A.7", "tau_const", sqrt(R("0.5")) * tau(R("0.5")), "0.809", "sqrt(0.5) tau(0.5) < 0.809"),
        Inequality("A.7.tau_bound", "from Lemma A.2: sqrt(beta) tau < sqrt(0.5) tau(0.5) on the lemma's range", lem("A.7"),
                   lhs=sqrt(b) * tau(b), op="<", rhs=sqrt(R("0.5")) * tau(R("0.5")), over="b in {beta}"),
        Inequality("A.7.phi_0809", "0.809 phi(beta) < 2 over the lemma's range", lem("A.7"),
                   lhs=R("0.809") * phi_A7(b), op="<", rhs=2, over="b in {beta}"),
        *conclusion("A.7", "0.809", ("A.7.tau_bound", "A.7.tau_const"), "A.7.phi_0809"),
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
