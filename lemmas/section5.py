"""Section 5 of the paper: the case analysis behind Corollaries 2.4, 2.5 and 2.6.

One Lemma object per step of the section, in paper order:

- ``S5``     the printed f', f'', f''' (sympy's derivatives), f'(0) = 1, the parities, the printed
             tau and the facts Theorem 2.1 needs of it (f'(tau) = 0, f' < 0 outside [-tau, tau],
             tau in (0, pi]), for the whole range beta >= -0.16 of Corollary 2.4;
- ``2.4.A``  case beta > 1/3 (Appendix A);   ``2.4.B``  case 0 < beta <= 1/3 (Appendix B);
- ``2.4.0``  case beta = 0 (Kuramoto);        ``2.4.C``  case -0.16 <= beta < 0 (Appendix C);
- ``2.5``    Corollary 2.5;                   ``2.6``    Corollary 2.6 (Lemma C.6).

Theorem 2.1, Theorem 2.3, Corollary 3.3, Lemma 2.2 and Lemma C.4 are theorem-level glue: recorded as
cited / human steps, never as proved.  Printed slips are encoded as printed (REFUTED) with the
corrected claim next to them.

The sign of f' is read off the factorization (Identity S5.f1_factor)
    f'(x) = (cos x - cos tau)(beta cos x + D) e^{beta(cos x - 1)},
    cos tau = 2beta/(sqrt(1+4beta^2)+1),  D = (1 + sqrt(1+4beta^2))/2,
valid for every real beta (also beta = 0), with beta c + D > 0 for c in [-1, 1].
"""
import sympy

from certify.claims import Cited, Human, Identity, Inequality, Lemma
from certify.derived import Derived, RootOf, combine, cover, written
from lemmas.a_statement import D_MEANING, TAU
from lemmas.functions import (R, b, cos, f1, f1_printed, f2, f2_printed, f3, f3_printed, p, pi, sqrt,
                              tau, tau_printed, x)

t = sympy.Symbol("t", real=True)

S = sqrt(1 + 4 * b ** 2)
# the printed tau is undefined at beta = 0: its claims are stated on each side of 0
BETA_NONZERO = (("", "[-0.16, 0)"), (".positive", "(0, oo)"))
COS_TAU = 2 * b / (S + 1)
D_FACTOR = (1 + S) / 2
T = tau(b)
XB = "x in [-4, 4], b in {beta}"

# the factor beta c + D of f' is positive for c = cos x in [-1, 1]: linear in c, written as a
# positive term plus a nonnegative product on each side of beta = 0 (the cancellation in D - beta
# as beta -> oo is taken by the form of S5.D_minus_beta).  These are facts on the paper's whole
# range beta >= -0.16 (fixed: a cover of a user's beta range by the two sides would not be exact)
PAPER_BETA = "b in [-0.16, oo)"
c = sympy.Symbol("c", real=True)
LINEAR = b * c + D_FACTOR
LINEAR_FACTOR = (
    Inequality("S5.one_plus_c", "(silent) 1 + c >= 0 for c = cos x in [-1, 1]", "Section 5",
               lhs=1 + c, op=">=", rhs=0, over="c in [-1, 1]"),
    Inequality("S5.one_minus_c", "(silent) 1 - c >= 0 for c = cos x in [-1, 1]", "Section 5",
               lhs=1 - c, op=">=", rhs=0, over="c in [-1, 1]"),
    Inequality("S5.beta_nonneg", "(silent) beta >= 0 on the side beta >= 0", "Section 5",
               lhs=b, op=">=", rhs=0, over="b in [0, oo)"),
    Inequality("S5.minus_beta_nonneg", "(silent) -beta >= 0 on the side beta <= 0", "Section 5",
               lhs=-b, op=">=", rhs=0, over="b in [-0.16, 0]"),
    Derived("S5.linear_pos.positive", "beta c + D = (D - beta) + beta (1 + c) > 0 for beta >= 0", "Section 5",
            lhs=LINEAR, op=">", rhs=0, over="c in [-1, 1], b in [0, oo)",
            rule=combine(("S5.D_minus_beta", 1), ("S5.D_minus_beta_form", 1), ("S5.beta_nonneg", 1, "S5.one_plus_c"))),
    Derived("S5.linear_pos.negative", "beta c + D = (D + beta) + (-beta)(1 - c) > 0 for beta in [-0.16, 0]",
            "Section 5", lhs=LINEAR, op=">", rhs=0, over="c in [-1, 1], b in [-0.16, 0]",
            rule=combine(("S5.D_plus_beta", 1), ("S5.minus_beta_nonneg", 1, "S5.one_minus_c"))),
    Derived("S5.linear_pos", "beta c + D > 0 for every c = cos x in [-1, 1] (the second factor of S5.f1_factor)",
            "Section 5", lhs=LINEAR, op=">", rhs=0, over=f"c in [-1, 1], {PAPER_BETA}",
            rule=cover("b", "S5.linear_pos.negative", "S5.linear_pos.positive")),
)

# -- setup: f', f'', f''', tau ----------------------------------------------------------------------

setup = Lemma(
    id="S5",
    title="Section 5: the derivatives of f and the threshold tau",
    statement="f(x) = sin(x) e^{beta(cos(x) - 1)}; the printed f', f'', f''' are its derivatives; "
              "tau = arccos((sqrt(1+4beta^2) - 1)/(2beta)) satisfies the hypothesis of Theorem 2.1 "
              "(tau in (0, pi] and f'(x) < 0 for x not in [-tau, tau]).",
    beta="[-0.16, oo)",
    claims=(
        Identity("S5.f1_printed", "f'(x) = (cos x - beta sin(x)^2) e^{beta(cos x - 1)}", "Section 5",
                 lhs=f1, rhs=f1_printed, over=XB),
        Identity("S5.f2_printed", "f''(x) = (-sin x - 3beta sin x cos x + beta^2 sin(x)^3) e^{beta(cos x - 1)}",
                 "Section 5", lhs=f2, rhs=f2_printed, over=XB),
        Identity("S5.f3_printed", "f'''(x) = -(cos x + 3beta cos^2 x - 4beta sin^2 x - 6beta^2 cos x sin^2 x "
                 "+ beta^3 sin^4 x) e^{beta(cos x - 1)}", "Section 5", lhs=f3, rhs=f3_printed, over=XB),
        Identity("S5.f1_at_0", "(silent) f'(0) = 1, so 4 f'(0) = 4", "Section 5",
                 lhs=f1.subs(x, 0), rhs=1, over="b in {beta}"),
        Identity("S5.f1_even", "(silent) f' is even", "Section 5", lhs=f1.subs(x, -x), rhs=f1, over=XB),
        Identity("S5.f2_odd", "(silent) f'' is odd", "Section 5", lhs=f2.subs(x, -x), rhs=-f2, over=XB),
        Identity("S5.f3_even", "'Since f''' is even'", "Section 5", lhs=f3.subs(x, -x), rhs=f3, over=XB),
        *(Identity(f"S5.tau_formula{tag}", "(silent) for beta != 0 the printed argument (sqrt(1+4beta^2) - 1)/(2beta) "
                   "equals 2beta/(sqrt(1+4beta^2) + 1), which extends to beta = 0 (tau(0) = pi/2)", "Section 5",
                   lhs=(S - 1) / (2 * b), rhs=COS_TAU, over=f"b in {side}") for tag, side in BETA_NONZERO),
        *(Identity(f"S5.tau_zero_printed{tag}", "the printed tau is a zero of f': f'(tau) = 0 (beta != 0)", "Section 5",
                   lhs=f1_printed.subs(x, tau_printed(b)), rhs=0, over=f"b in {side}") for tag, side in BETA_NONZERO),
        Identity("S5.tau_zero", "f'(tau) = 0 with the singularity-free tau (all beta)", "Section 5",
                 lhs=f1_printed.subs(x, T), rhs=0, over="b in {beta}"),
        Identity("S5.f1_factor", "(silent) f'(x) = (cos x - cos tau)(beta cos x + D) e^{beta(cos x - 1)}",
                 "Section 5", lhs=f1, rhs=(sympy.cos(x) - COS_TAU) * (b * sympy.cos(x) + D_FACTOR)
                 * sympy.exp(b * (sympy.cos(x) - 1)), over=XB),
        Inequality("S5.D_minus_beta", "(silent) D - beta > 0, i.e. beta c + D > 0 at c = 1 (written "
                   "1/2 + 1/(2(sqrt(1+4beta^2) + 2beta)) to avoid cancellation as beta -> oo)", "Section 5",
                   lhs=R(1, 2) + 1 / (2 * (S + 2 * b)), op=">", rhs=0, over=PAPER_BETA),
        Identity("S5.D_minus_beta_form", "(silent) D - beta = 1/2 + 1/(2(sqrt(1+4beta^2) + 2beta))", "Section 5",
                 lhs=D_FACTOR - b, rhs=R(1, 2) + 1 / (2 * (S + 2 * b)), over=PAPER_BETA),
        Inequality("S5.D_plus_beta", "(silent) D + beta > 0, i.e. beta c + D > 0 at c = -1", "Section 5",
                   lhs=D_FACTOR + b, op=">", rhs=0, over=PAPER_BETA),
        *LINEAR_FACTOR,
        Human("S5.f1_sign", "'it is clear that we can set tau = ...': f' > 0 on [0, tau), f'(tau) = 0, f' < 0 on "
              "(tau, pi], hence f'(x) < 0 for all x not in [-tau, tau] (mod 2pi)",
              why="theorem: cos is strictly decreasing on [0, pi], so cos x - cos tau > 0 exactly for x < tau; "
                  "the numbers behind it are certified (S5.f1_factor, S5.linear_pos, S5.tau_positive, "
                  "S5.tau_below_pi). As one inequality in (beta, x) on ranges that end at tau it stays open: as "
                  "beta -> oo, tau -> 0 and every slack -> 0 (sin x > 0 on (0, tau] is UNDECIDED)",
              reasoning="f'(x) = (cos x - cos tau)(beta cos x + D) e^{beta(cos x - 1)} (S5.f1_factor) with "
                        "beta cos x + D > 0 (S5.linear_pos: linear in c = cos x, positive at c = +-1) and the "
                        "exponential > 0, so f' has the sign of cos x - cos tau on [0, pi], where cos is strictly "
                        "decreasing and 0 < tau < pi. f' is even and 2pi-periodic (S5.f1_even)."),
        Identity("S5.cos_tau", "(silent) cos tau = 2beta/(sqrt(1+4beta^2)+1)", "Section 5",
                 lhs=sympy.cos(T), rhs=COS_TAU, over="b in {beta}"),
        Inequality("S5.tau_positive", "(silent) tau > 0 (Theorem 2.1 needs tau in (0, pi]), decided as "
                   "cos tau < 1 (tau = arccos(cos tau) in [0, pi]; tau -> 0 as beta -> oo)", "Section 5",
                   lhs=COS_TAU, op="<", rhs=1, over="b in {beta}"),
        Inequality("S5.tau_below_pi", "(silent) tau < pi", "Section 5", lhs=T, op="<", rhs=pi, over="b in {beta}"),
        Inequality("S5.tau_printed_defined", "as printed, 'we can set tau = arccos((sqrt(1+4beta^2) - 1)/(2beta))' "
                   "for every beta >= -0.16: its argument is a number in [-1, 1] there", "Section 5",
                   lhs=(S - 1) / (2 * b), op=">=", rhs=-1, over="b in {beta}"),
    ),
    reasoning="sympy derives f', f'', f''' and proves the printed forms; the factorization of f' shows that "
              "tau is the unique zero of f' in [0, pi] and that f' < 0 beyond it, for every beta >= -0.16.",
    errata=(
        ("S5.tau_printed_defined", "Section 5: the printed tau = arccos((sqrt(1+4beta^2) - 1)/(2beta)) is undefined "
         "at beta = 0 (0/0), inside the range of Corollary 2.4; the case beta = 0 sets tau = pi/2 separately. One "
         "formula for all beta is tau = arccos(2beta/(sqrt(1+4beta^2) + 1)), equal to the printed one for beta != 0 "
         "(S5.tau_formula, S5.tau_formula.positive) and pi/2 at 0 (2.4.0.tau)."),
        ("", "notation: '<tau, 1{(-a, -b) U (b, a)} f'''>' (and the same in the other cases) puts the constant tau "
             "inside the pairing; meant is tau <1, 1{...} f'''>, tau times the integral of f''' over the region."),
    ),
)

# -- Corollary 2.4, case beta > 1/3 -----------------------------------------------------------------

def lemma_at_a(cid, statement, case, op, rhs):
    """The lemma's statement at a = arccos r (r the root of B.1 / C.1), as proved there by the
    direct route: Section 5 uses exactly that statement on its range."""
    lemma = {"B": "B.4", "C": "C.5"}[case]
    roots = RootOf("B.1.roots", 3) if case == "B" else RootOf("C.1.roots", 0)
    return Derived(cid, statement, f"Section 5, via Lemma {lemma}",
                   lhs=written(T * f2, "x", "b", "r", at={"x": "acos(r)"}), op=op,
                   rhs=written(rhs, "b"), over="b in {beta}", quantities=(("r", roots),),
                   rule=cover("b", f"{lemma}.statement_direct"))


def glue_23(case):
    return Cited(f"2.4.{case}.theorem_2_3", "'By Theorem 2.3, it suffices to show tau <1, |f'''|_+> < 4 f'(0)'",
                 "Section 5, proof of Corollary 2.4",
                 source="Theorem 2.3 of the paper (Section 4; uses Theorem 2.1 and Lemma 2.2 = [17, Lemma A.1]); "
                        "its hypothesis tau int|f'''|_+ <= 4(1 + tau/(2pi)) f'(0) is implied by '< 4 f'(0)'. "
                        "Not checked here.")

case_A = Lemma(
    id="2.4.A",
    title="Corollary 2.4, case beta > 1/3",
    statement="For beta > 1/3: tau <1, |f'''|_+> < 4 f'(0), via Lemmas A.1, A.4-A.7.",
    beta="(1/3, oo)",
    claims=(
        Human("2.4.A.T1_is_S1", "(T1) is (S1) with f(x) = sin(x) e^{beta(cos(x) - 1)} and g = 1",
              why="theorem: a time change", reasoning="The factor e^{-beta} is a constant time change."),
        glue_23("A"),
        Inequality("2.4.A.printed_order", "as printed, 'positive regions of f''' over (-pi, pi] are (-a, -b) U (b, a) "
                   "for some 0 < a < b < pi': with a < b the set (b, a) is empty, i.e. f''' <= 0 on [0, pi]",
                   "Section 5, case beta > 1/3", lhs=f3, op="<=", rhs=0,
                   over="x in [0, pi], b in {beta}"),
        Inequality("2.4.A.positive_somewhere", "corrected (0 < b < a < pi, Lemma A.1): f''' takes positive values in "
                   "(0, pi), e.g. p(1 - 0.3/beta) > 0 (as in Lemma A.1's proof), so (b, a) is not empty",
                   "Section 5, case beta > 1/3", lhs=p(1 - R(3, 10) / b, b), op=">", rhs=0, over="b in {beta}"),
        Human("2.4.A.region", "the positive region of f''' over (-pi, pi] is (-a, -b) U (b, a), 0 < b < a < pi",
              why="logic: Lemma A.1's region", reasoning="Lemma A.1."),
        Human("2.4.A.equivalence", "<tau, 1{(-a,-b) U (b,a)} f'''> < 4  <=>  tau (f''(a) - f''(b)) < 2",
              why="theorem: the criterion's integral over the region (fundamental theorem of calculus)",
              reasoning="f''' is even (S5.f3_even), so the integral over (-a,-b) U (b,a) is 2(f''(a) - f''(b)); "
                        "4 f'(0) = 4 (S5.f1_at_0); tau is a constant."),
        Derived("2.4.A.lemmas", "which follows from Lemmas A.4, A.5, A.6, A.7: tau (f''(a) - f''(b)) < 2 on "
                "(1/3, oo), their ranges (1/3, 0.5), [0.5, 0.75), [0.75, 1), [1, oo) covering it", "Section 5, case beta > 1/3",
                lhs=f"{TAU}*D", op="<", rhs=2, over="b in {beta}", quantities=(("D", D_MEANING),),
                rule=cover("b", "A.7.conclusion", "A.6.conclusion", "A.5.conclusion", "A.4.conclusion")),
    ),
    reasoning="Lemma A.1 gives the positive region, evenness turns the criterion into tau(f''(a) - f''(b)) < 2, "
              "and Lemmas A.4-A.7 prove it on four sub-ranges.",
    errata=(("2.4.A.printed_order", "Section 5, case beta > 1/3: '0 < a < b < pi' should read '0 < b < a < pi' "
             "(as in Lemma A.1); as printed the region (b, a) is empty."),),
)

# -- Corollary 2.4, case 0 < beta <= 1/3 --------------------------------------------------------------

case_B = Lemma(
    id="2.4.B",
    title="Corollary 2.4, case 0 < beta <= 1/3",
    statement="For 0 < beta <= 1/3: tau <1, |f'''|_+> < 4 f'(0), via Lemmas B.1 and B.4.",
    beta="(0, 1/3]",
    claims=(
        glue_23("B"),
        Inequality("2.4.B.printed_positive_region", "as printed, 'the positive region of f''' over [0, 2pi) is "
                   "(a, 2pi - a)': in particular f'''(pi) = p(-1) e^{-2beta} > 0, i.e. p(-1) > 0",
                   "Section 5, case 0 < beta <= 1/3", lhs=p(-1, b), op=">", rhs=0, over="b in {beta}"),
        Inequality("2.4.B.nonnegative_region", "corrected: f'''(pi) >= 0 (p(-1) = 1 - 3beta >= 0); the "
                   "*nonnegative* region is [a, 2pi - a] (Lemma B.1, Remark B.2)", "Section 5, case 0 < beta <= 1/3",
                   lhs=p(-1, b), op=">=", rhs=0, over="b in {beta}"),
        Identity("2.4.B.f2_reflect", "(silent) f''(2pi - a) = -f''(a), so int_a^{2pi-a} f''' = -2 f''(a)",
                 "Section 5, case 0 < beta <= 1/3", lhs=f2.subs(x, 2 * pi - x), rhs=-f2, over=XB),
        Human("2.4.B.equivalence", "<tau, 1{(a, 2pi - a)} f'''> < 4  <=>  tau f''(a) > -2",
              why="theorem: the criterion's integral over the region (fundamental theorem of calculus)",
              reasoning="The positive and nonnegative regions differ by at most the point pi, so the integral of "
                        "|f'''|_+ is int_a^{2pi-a} f''' = -2 f''(a) (2.4.B.f2_reflect); 4 f'(0) = 4."),
        lemma_at_a("2.4.B.lemma", "which is proved in Lemma B.4: tau f''(a) > -2", "B", ">", -2),
    ),
    reasoning="Lemma B.1 gives the region [a, 2pi - a]; the criterion becomes tau f''(a) > -2, Lemma B.4.",
    errata=(("2.4.B.printed_positive_region", "Section 5, case 0 < beta <= 1/3: 'the positive region of f''' over "
             "[0, 2pi) is (a, 2pi - a)' fails at beta = 1/3, where f'''(pi) = 0 (Remark B.2); Lemma B.1 proves the "
             "nonnegative region is [a, 2pi - a]. Harmless: the integral is unchanged."),),
)

# -- Corollary 2.4, case beta = 0 ---------------------------------------------------------------------

case_0 = Lemma(
    id="2.4.0",
    title="Corollary 2.4, case beta = 0 (Kuramoto)",
    statement="For beta = 0: f'(x) = cos x, tau = pi/2, a = pi/2 and tau f''(a) = -pi/2 > -2.",
    beta="[0, 0]",
    claims=(
        Identity("2.4.0.f1", "f'(x) = cos x at beta = 0", "Section 5, case beta = 0",
                 lhs=f1.subs(b, 0), rhs=cos(x), over="x in [-4, 4]"),
        Identity("2.4.0.f2", "f''(x) = -sin x at beta = 0", "Section 5, case beta = 0",
                 lhs=f2.subs(b, 0), rhs=-sympy.sin(x), over="x in [-4, 4]"),
        Identity("2.4.0.f3", "f'''(x) = -cos x at beta = 0", "Section 5, case beta = 0",
                 lhs=f3.subs(b, 0), rhs=-cos(x), over="x in [-4, 4]"),
        Identity("2.4.0.tau", "tau = pi/2 at beta = 0", "Section 5, case beta = 0",
                 lhs=tau(0), rhs=pi / 2, over="b in {beta}"),
        Inequality("2.4.0.f1_negative", "f'(x) = cos x < 0 for x in (pi/2, 3pi/2) ",
                   "Section 5, case beta = 0", lhs=cos(x), op="<", rhs=0, over="x in (pi/2, 3*pi/2)"),
        Inequality("2.4.0.f3_positive", "f'''(x) = -cos x > 0 on (pi/2, 3pi/2)", "Section 5, case beta = 0",
                   lhs=-cos(x), op=">", rhs=0, over="x in (pi/2, 3*pi/2)"),
        Inequality("2.4.0.f3_nonpositive", "f'''(x) = -cos x <= 0 on [-pi/2, pi/2], so the "
                   "positive region in [0, 2pi) is exactly (pi/2, 3pi/2) and a = pi/2", "Section 5, case beta = 0",
                   lhs=-cos(x), op="<=", rhs=0, over="x in [-pi/2, pi/2]"),
        Human("2.4.0.equivalence", "it suffices that tau f''(a) > -2",
              why="theorem: the criterion's integral over the region (fundamental theorem of calculus)",
              reasoning="As in case 0 < beta <= 1/3: int_a^{2pi-a} f''' = -2 f''(a), 4 f'(0) = 4."),
        Identity("2.4.0.value", "tau f''(a) = (pi/2)(-sin(pi/2)) = -pi/2", "Section 5, case beta = 0",
                 lhs=tau(0) * f2.subs({b: 0, x: pi / 2}), rhs=-pi / 2, over="b in {beta}"),
        Inequality("2.4.0.bound", "tau f''(a) = -pi/2 > -2", "Section 5, case beta = 0",
                   lhs=T * f2.subs(x, pi / 2), op=">", rhs=-2, over="b in {beta}"),
        glue_23("0"),
    ),
    reasoning="Direct computation at beta = 0.",
)

# -- Corollary 2.4, case -0.16 <= beta < 0 -------------------------------------------------------------

case_C = Lemma(
    id="2.4.C",
    title="Corollary 2.4 (and 2.5), case -0.16 <= beta < 0",
    statement="For -0.16 <= beta < 0: tau <1, |f'''|_+> <= 4(1 + tau/pi), via Lemma C.4, Corollary 3.3 with "
              "M = pi, Lemmas C.1 and C.5.",
    beta="[-0.16, 0)",
    claims=(
        Cited("2.4.C.lemma_C4", "from Lemma C.4 we may set M = pi in Corollary 3.3", "Section 5, case beta < 0",
              source="Lemma C.4 = [11, Lemma 10]; not checked"),
        Cited("2.4.C.corollary_3_3", "Corollary 3.3 with M = pi and g_i = 1 (T1), g_i = sum_j e^{beta cos(x_i - x_j)} (T2)",
              "Section 5, case beta < 0", source="Corollary 3.3 of the paper (Section 3) with Theorem 2.3's "
              "gradient-ascent setting; not checked"),
        Human("2.4.C.suffices", "it suffices that tau <1, |f'''|_+> <= 4(1 + tau/pi)",
              why="theorem: Corollary 3.3 with M = pi",
              reasoning="Corollary 3.3's condition with M = pi and f'(0) = 1 (S5.f1_at_0)."),
        Inequality("2.4.C.printed_region", "as printed, 'the positive region of f''' over (-pi, pi] is (a, 2pi - a) "
                   "for some a in (pi/2, pi)': within (-pi, pi] that is (a, pi], so f''' <= 0 on (-pi, -pi/2]",
                   "Section 5, case beta < 0",
                   lhs=f3, op="<=", rhs=0, over="x in (-pi, -pi/2], b in {beta}"),
        Identity("2.4.C.f3_periodic", "corrected: f''' is 2pi-periodic, so the region over [0, 2pi) (Lemma C.1) "
                 "is the one meant", "Section 5, case beta < 0", lhs=f3.subs(x, x + 2 * pi), rhs=f3, over=XB),
        Inequality("2.4.C.f3_at_pi", "corrected: f'''(+-pi) = p(-1) e^{-2beta} > 0: over (-pi, pi] the nonnegative "
                   "region is [-pi, -a] U [a, pi]", "Section 5, case beta < 0",
                   lhs=p(-1, b), op=">", rhs=0, over="b in {beta}"),
        Inequality("2.4.C.printed_equivalence", "as printed, '<tau, 1{(a, 2pi-a)} f'''> <= 4(1 + tau/pi) <=> "
                   "tau f''(a) >= 2(1 + tau/pi)'; since f''(a) = min over [0, pi] of f'' (Lemma C.1), the right "
                   "side says tau f''(x) >= 2(1 + tau/pi) for all x in [0, pi]", "Section 5, case beta < 0",
                   lhs=T * f2, op=">=", rhs=2 * (1 + T / pi), over="x in [0, pi], b in {beta}"),
        Identity("2.4.C.f2_reflect", "(silent) f''(2pi - a) = -f''(a), so int_a^{2pi-a} f''' = -2 f''(a)",
                 "Section 5, case beta < 0", lhs=f2.subs(x, 2 * pi - x), rhs=-f2, over=XB),
        Human("2.4.C.equivalence", "corrected: <tau, 1{(a, 2pi-a)} f'''> <= 4(1 + tau/pi) <=> tau f''(a) >= -2(1 + tau/pi)",
              why="theorem: the criterion's integral over the region (fundamental theorem of calculus)",
              reasoning="-2 tau f''(a) <= 4(1 + tau/pi) divided by -2."),
        Inequality("2.4.C.corrected_equivalence", "corrected right side, checked directly: "
                   "tau f''(x) >= -2(1 + tau/pi) for all x in [0, pi] (Lemma C.5's statement)",
                   "Section 5, case beta < 0", lhs=T * f2, op=">=", rhs=-2 * (1 + T / pi),
                   over="x in [0, pi], b in {beta}"),
        lemma_at_a("2.4.C.lemma", "which follows from Lemma C.5: tau f''(a) >= -2(1 + tau/pi)", "C", ">=",
                   -2 * (1 + T / pi)),
    ),
    reasoning="Lemma C.4 allows M = pi in Corollary 3.3; the criterion becomes tau f''(a) >= -2(1 + tau/pi), "
              "Lemma C.5.",
    errata=(
        ("2.4.C.printed_region", "Section 5, case -0.16 <= beta < 0: 'over (-pi, pi]' should be 'over [0, 2pi)' "
         "(as in Lemma C.1); (a, 2pi - a) with a in (pi/2, pi) is not a subset of (-pi, pi]. Over (-pi, pi] the "
         "nonnegative region is [-pi, -a] U [a, pi]."),
        ("2.4.C.printed_equivalence", "Section 5, case -0.16 <= beta < 0: '<=> tau f''(a) >= 2(1 + tau/pi)' misses a "
         "minus sign (impossible as printed since f''(a) < 0); it should read tau f''(a) >= -2(1 + tau/pi), "
         "which is Lemma C.5's statement (proved: 2.4.C.corrected_equivalence)."),
        ("", "Section 1 (Organization) says Section 5 verifies the criterion 'for all beta > -0.16', while Corollary 2.4 "
         "and Lemma C.5 cover beta >= -0.16 (cosmetic)."),
    ),
)

# -- Corollaries 2.5 and 2.6 ---------------------------------------------------------------------------

cor_25 = Lemma(
    id="2.5",
    title="Corollary 2.5: global synchronization in (T2) for beta >= -0.16",
    statement="Suppose beta >= -0.16. Then global synchronization occurs in (T2).",
    beta="[-0.16, oo)",
    claims=(
        Human("2.5.argument", "same argument as Corollary 2.4 with g_i = sum_j e^{beta cos(x_i - x_j)} in (S2)",
              why="theorem: the argument of Corollary 2.4 for (S2)",
              reasoning="g_i is smooth and positive; Theorem 2.3 (beta >= 0) and Corollary 3.3 with M = pi "
                        "(beta < 0) apply to (S2) with the same f, so the cases 2.4.A, 2.4.B, 2.4.0, 2.4.C carry over."),
        Cited("2.5.theorem_2_3", "Theorem 2.3 / Corollary 3.3 for the adjusted system (S2)", "Corollary 2.5",
              source="Theorem 2.3 and Corollary 3.3 of the paper; not checked"),
    ),
    reasoning="Theorem-level glue.",
)

cor_26 = Lemma(
    id="2.6",
    title="Corollary 2.6: no global synchronization for beta < -2/3",
    statement="Suppose beta < -2/3. There exists C_beta such that if n is divisible by 3 or n >= C_beta, then "
              "global synchronization does not occur in either (T1) or (T2).",
    beta="(-oo, -2/3)",
    claims=(
        Human("2.6.from_C6", "from Lemma C.6 there is a stable non-synchronized stationary point",
              why="theorem: Lemma C.6 applied",
              reasoning="Lemma C.6 (claims C.6.*: critical point, f' > 0 at all differences for every beta < -2/3, "
                        "arb-certified Hessians for n = 3, 6, 30, 300)."),
        Human("2.6.nonsync", "the Hessian has one zero eigenvalue (translations) and the others negative, so "
              "global synchronization does not occur",
              why="theorem: a strict local maximum is not synchronized",
              reasoning="Modulo rotations the configuration is a nondegenerate local maximum of E, which attracts an "
                        "open (positive-measure) set of initial conditions of the gradient ascent; for (T2) the "
                        "metric change of Section 4 preserves the signature of the Hessian (Lemma 4.2)."),
    ),
    reasoning="Theorem-level glue on top of Lemma C.6.",
)

LEMMAS = [setup, case_A, case_B, case_0, case_C, cor_25, cor_26]
