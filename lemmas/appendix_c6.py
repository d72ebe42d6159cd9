"""Lemma C.6 of the paper (beta < -2/3): a stable non-synchronized 3-cluster configuration, and
its constant C_beta certified for beta in {-0.7, -0.8, -1, -2, -10} (lemmas/c6_cbeta.py).

For n = 3k the configuration x = (0, 2pi/3, 4pi/3 repeated) has its Hessian certified negative
semidefinite with kernel exactly span(1, ..., 1) by arb matrix claims (certify.matrices) for
n = 3, 6, 30, 300 and beta = -0.7, -1, -2, -10; the sign facts behind it hold on the whole range
beta in (-oo, -2/3).  For n not divisible by 3 (corrected labelling: n - 2k points at 0, k at
each of +-alpha), every n >= n0 of a residue class is covered by finitely many inequalities in
t = alpha/pi at the exact beta (uniformly in rho = n0/k over an interval, the limit rho = 1
included), and every n < n0 of the class is proved to fail: C.6.cbeta.* and the C_beta table.
"""
from functools import partial

import sympy

from certify.claims import Human, Identity, Inequality, Lemma, Table
from certify.matrices import MatrixClaim
from lemmas.c6_cbeta import Plan, rho_expr
from lemmas.functions import R, b, cos, exp, f1, f_beta, pi, sin, x

s, k = (sympy.Symbol(n, real=True) for n in ("s", "k"))
x1, x2 = (sympy.Symbol(n, real=True) for n in ("x1", "x2"))
XB = "x in [-4, 4], b in {beta}"

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

TABLE_BETAS = ("-0.7", "-0.8", "-1", "-2", "-10")
GENERAL_IDS = ("C.6.rho_equation", "C.6.rho_at_2pi3", "C.6.B_is_rho_prime", "C.6.f_positive", "C.6.fprime_2pi3_pos",
               "C.6.fprime_4pi3_pos")


def _cbeta_general():
    """The facts behind every C_beta claim, for all beta < -2/3 (lemmas/c6_cbeta.py's docstring)."""
    RHO = rho_expr(x, b)
    return (
        Identity("C.6.rho_equation", "(the equation as a ratio) f(2alpha) + RHO(alpha) f(alpha) = 0 with RHO(alpha) = "
                 "-2cos(alpha) e^{beta(cos 2alpha - cos alpha)}: the printed equation (times e^{-beta}/floor(n/3)) "
                 "holds iff RHO(alpha) = (n - 2floor(n/3))/floor(n/3) (f > 0 on (0, pi))", "Lemma C.6, proof",
                 lhs=f_beta.subs(x, 2 * x) + RHO * f_beta, rhs=0, over=XB),
        Identity("C.6.rho_at_2pi3", "RHO(2pi/3) = 1: alpha = 2pi/3 is the configuration of n = 3k and the limit "
                 "n -> oo of every class", "Lemma C.6, proof", lhs=RHO.subs(x, 2 * pi / 3), rhs=1, over="b in {beta}"),
        Identity("C.6.B_is_rho_prime", "(silent) RHO(alpha) f'(alpha) + 2 f'(2alpha) = -RHO'(alpha) f(alpha): the "
                 "antisymmetric Hessian eigenvalue vanishes exactly where RHO turns, so the stability threshold is "
                 "max RHO", "Lemma C.6, proof", lhs=RHO * f1 + 2 * f1.subs(x, 2 * x),
                 rhs=-sympy.diff(RHO, x) * f_beta, over=XB),
        Inequality("C.6.f_positive", "(silent) f(alpha) > 0 on (0, pi): the equation may be divided by k f(alpha), and "
                   "B > 0 gives RHO' < 0", "Lemma C.6, proof", lhs=f_beta.subs(x, pi * sympy.Symbol("t", real=True)),
                   op=">", rhs=0, over="t in (0, 1), b in {beta}"),
        Human("C.6.spectrum", "the Hessian (2L) at n0 points at 0 and k at each of +-alpha has the eigenvalues 0 "
              "(span(1, ..., 1)), -n f'(alpha), -(n0 f'(alpha) + 2k f'(2alpha)), -(n0 + 2k f'(alpha)) (n0 - 1 times) "
              "and -(k + n0 f'(alpha) + k f'(2alpha)) (2(k - 1) times); so NSD with kernel exactly span(1, ..., 1) "
              "iff f'(alpha) > 0 and RHO(alpha) f'(alpha) + 2 f'(2alpha) > 0",
              why="theorem: the spectrum of a 3-cluster Laplacian (the twin-class theorem of certify/matrices.py); "
                  "tests/test_appendix_c6.py compares it with numpy's eigenvalues",
              reasoning="Vectors supported on one cluster with sum 0 are eigenvectors (the within-cluster values); on "
                        "vectors constant on clusters L reduces to a 3 x 3 matrix with eigenvectors (1, 1, 1), "
                        "(0, 1, -1) and (-2k, n0, n0). With rho = n0/k, a = f'(alpha) and B = rho a + 2 f'(2alpha) the four "
                        "families are -n a, -k B, -k(rho + 2a) and -k(1 + rho a/2 + B/2): all < 0 iff a > 0 and B > 0."),
        Human("C.6.large_n", "for beta < -2/3 and each class n = 3k + 1, 3k + 2 (and 3m + 2 balanced): the "
              "configuration exists with (a) the sign condition, (b) the Hessian NSD with kernel span(1, ..., 1), "
              "for every n >= n0 and for no n < n0 of the class (n0 in the C_beta table)",
              why="logic: the intermediate value theorem and a finite cover over integers k turn the proved "
                  "inequalities C.6.cbeta.* into 'for every n >= n0'; no derivation rule quantifies over integers "
                  "or asserts that a root exists",
              reasoning="n >= n0: rho = n0/k lies between 1 = RHO(2/3) (C.6.rho_at_2pi3) and RHO(t_h) "
                        "(*.holds.rho), so RHO(pi t) = rho at some t strictly between t_h and 2/3 (IVT), unique there "
                        "(B = RHO f'(alpha) + 2f'(2alpha) > 0, by *.holds.B or from f'(alpha), f'(2alpha) > 0 and RHO > 0, "
                        "gives RHO' < 0, C.6.B_is_rho_prime, C.6.f_positive), and the conditions are > 0 on the whole interval "
                        "(*.holds.A/F2/B, C.6.spectrum). n < n0: [0, 1] is covered by pieces where RHO stays beyond "
                        "rho at the largest failing k (so RHO != rho for every smaller k) or a condition is < 0 "
                        "(*.fails.*). n = 3k: C.6.fprime_* and C.6.stationary_3k."),
        Inequality("C.6.no_alpha_n4_b-1", "corrected (erratum 'Suppose n >= 3'): at beta = -1, n = 4, RHO < 2 = "
                   "(n - 2floor(n/3))/floor(n/3) on [0, pi], so the printed equation has no root alpha in (0, pi)",
                   "Lemma C.6, proof", lhs=rho_expr(pi * sympy.Symbol("t", real=True), -1), op="<", rhs=2,
                   over="t in [0, 1]"),
    )


def _cbeta(beta_texts):
    """The C_beta claims and table rows for the given betas (lemmas/c6_cbeta.py)."""
    claims, rows, backing = [], [], []
    for text in beta_texts:
        plan = Plan(text)
        claims += plan.claims
        rows.append(plan.table_row())
        backing.append(GENERAL_IDS + tuple(c.id for c in plan.claims))
    return tuple(claims), rows, backing


def _tables(rows, backing):
    return (Table("C_beta (Lemma C.6, Corollary 2.6), certified", Plan.HEADER, tuple(rows), tuple(backing),
                  note=Plan.NOTE),)


CBETA_CLAIMS, _ROWS, _BACKING = _cbeta(TABLE_BETAS)
CBETA_TABLES = _tables(_ROWS, _BACKING)


def cbeta_lemma(beta_text: str) -> Lemma:
    """``certify cbeta --beta B``: the C_beta claims of one beta < -2/3 with the general facts
    they rest on (on the range beta in (-oo, -2/3)) and the one-row table."""
    general = tuple(c for c in lemma_C6.claims if c.id in GENERAL_IDS + ("C.6.spectrum", "C.6.large_n"))
    claims, rows, backing = _cbeta((beta_text,))
    return Lemma(id="C.6.cbeta", title=f"C_beta of Lemma C.6 at beta = {beta_text}",
                 statement=lemma_C6.statement, claims=general + claims, beta=lemma_C6.beta,
                 reasoning=lemma_C6.reasoning, tables=_tables(rows, backing))

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
        *_cbeta_general(),
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
        *CBETA_CLAIMS,
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
        ("", "Proof, first sentence: 'Suppose n >= 3. Let p1 = 0, p2 = alpha, p3 = 2pi - alpha, where alpha is an "
         "element of (0, pi) such that [the equation]' presupposes such an alpha for every n >= 3. It need not exist: "
         "the equation is RHO(alpha) = (n - 2floor(n/3))/floor(n/3) with RHO(alpha) = -2cos(alpha) e^{beta(cos 2alpha "
         "- cos alpha)}, and at beta = -1, n = 4 (ratio 2) RHO < 2 on all of [0, pi] (C.6.no_alpha_n4_b-1, PROVED), "
         "so no 3-cluster configuration of that shape exists; C.6.cbeta.b*.up.b.fails.rho prove the same for every "
         "n = 3k + r below the stability threshold (e.g. beta = -1: n = 4, ..., 49 and 5, ..., 101). An existence "
         "statement cannot be refuted at a witness point; its negation is the proved claim. Only 'n a multiple of 3 or "
         "sufficiently large' (the lemma's hypothesis) is safe; the C_beta table says how large."),
    ),
    tables=CBETA_TABLES,
)

LEMMAS = [lemma_C6]
