"""Exact forms of a non-strict claim found by sympy, each an ordinary rewritten form
(``rules.Form``) that the checker replays like any other: the written square, and its
degenerate case, the slack that is identically 0 where it is defined.

The written-square rule: a non-strict claim F >= 0 whose slack is a square (times factors
nonnegative by form) once the square roots of its nonnegative variables are taken as variables.

x + y - 2*sqrt(x*y) on [0, 1]^2 vanishes on the whole diagonal, a curve of zeros that no
enclosure decides cell by cell.  With x = s^2, y = t^2 (s, t >= 0, so sqrt(s^2 t^2) = s t is
sympy's own unforced rule) the slack is the polynomial s^2 - 2 s t + t^2 = (s - t)^2
(sympy.factor), and back in the variables F = (sqrt(x) - sqrt(y))^2 * 1.

The rule produces an ordinary rewritten form (``rules.Form``) of the kind ``drop_factors``
makes, so its check is the one every form has, replayed by the independent checker
(``checker/forall.py``, ``_form``): sympy proves F / prod(P) = G exactly (variables declared
nonnegative only where the domain says so, no ``force=True``), and on every leaf cell the
decorated evaluation proves F as written defined and continuous, each dropped factor P >= 0
and G >= 0.  Nothing is simplified away: F's own definedness is a condition on every cell
(sqrt(x*y) on x in [-1, 1] is not rescued by the square), and P >= 0 is evaluated, not
assumed.  F = P G >= 0 wherever both sides are defined, which the conditions give on each cell
(where P = 0 on a curve, F and P G are continuous and agree off the curve).  Only non-strict
claims: a square may vanish.  The rule is tried before the search when the factored slack
shows an even power of a non-constant factor (the case where the search cannot succeed).

The identical-zero rule: x/x - 1, exp(log x) - x, (x^2 - 1)/(x - 1) - (x + 1) are 0 wherever
defined, and every cell's enclosure straddles 0.  When the float64 slack is 0 at every sampled
point and sympy (the checker's own recipes, ``checker.forall.sympy_zero``) reduces it to 0, the
form is G = 0 with the single condition "F as written defined" on every leaf: the claim's
content is then exactly that F is defined on the whole domain, which each leaf proves.
"""
from __future__ import annotations

import numpy as np
import sympy

from .checker.forall import sympy_zero
from .domain import Domain
from .expr.bridge import from_sympy
from .expr.numeric import evaluate
from .expr import nodes as N
from . import rules
from .rules import Form, symbolic


ALGEBRAIC = frozenset({"num", "var", "add", "sub", "mul", "div", "neg", "pown", "rpow", "sqrt"})


class WrittenSquare:
    """F >= 0 read as P * G with P an even power (or a root, an exponential...) >= 0 by form,
    after the substitution v = r_v^2 of each nonnegative variable (``apply``); the check is
    the form's (see the module docstring)."""

    name = "written-square"

    @staticmethod
    def factored(S, domain: Domain):
        """sympy.factor of the slack S with v = r_v^2 for each variable nonnegative on the
        domain, back in v (r_v = sqrt(v)); plain sympy.factor when S has no root of such a
        variable; None unless the result shows an even power of a non-constant factor."""
        roots = {s: sympy.Dummy(s.name, positive=True) if s.is_positive else sympy.Dummy(s.name, nonnegative=True)
                 for s in S.free_symbols if s.is_nonnegative}
        if roots and any(p.exp.is_Rational and not p.exp.is_Integer for p in S.atoms(sympy.Pow)):
            T = sympy.factor(S.xreplace({s: r ** 2 for s, r in roots.items()}))
            T = T.xreplace({r: sympy.sqrt(s) for s, r in roots.items()})
        else:
            T = sympy.factor(S)
        parts = T.args if T.is_Mul else (T,)
        if not any(f.is_Pow and f.exp.is_Integer and f.exp % 2 == 0 and f.free_symbols for f in parts):
            return None
        return T

    def apply(self, F: N.Node, domain: Domain, strict: bool) -> Form | None:
        """The form with the nonnegative factors dropped, when one of them is an even power of a
        non-constant expression; None otherwise (strict claims, and slacks that are not
        algebraic, where sympy's factoring rarely finds a square: None).  Remembered across
        runs like every ``drop_factors`` rewrite."""
        if strict or any(n.op not in ALGEBRAIC for n in N.postorder([F])):
            return None
        return rules.drop_factors(F, domain, nonnegative=True, factor=self.factored, name="written_square")


class IdenticalZero:
    """F >= 0 with F = 0 wherever it is defined: the form G = 0, conditioned on F defined."""

    name = "identical-zero"

    def apply(self, F: N.Node, domain: Domain, strict: bool) -> Form | None:
        if strict or not N.variables(F) or not sampled_zero(F, domain):
            return None
        if not sympy_zero(symbolic(F, domain)):
            return None
        return Form(N.ZERO, [(F, "defined")])


def sampled_zero(F, domain: Domain, per_axis: int = 7) -> bool:
    """Is the float64 slack (nearly) 0 at every finite point of a small grid of the box (at
    least three of them)?  A cheap filter before sympy; proves nothing."""
    axes = []
    for iv in domain.intervals:
        lo = float(iv.lo) if iv.lo is not None else -8.0
        hi = float(iv.hi) if iv.hi is not None else lo + 16.0
        if iv.lo is None:
            lo = hi - 16.0
        axes.append(np.linspace(lo, hi, per_axis + 2)[1:-1])
    mesh = np.meshgrid(*axes, indexing="ij")
    values = np.asarray(evaluate(F, dict(zip(domain.names, mesh))), dtype=float) * np.ones(mesh[0].shape)
    finite = values[np.isfinite(values)]
    return finite.size >= 3 and float(np.max(np.abs(finite))) <= 1e-9


class QuadraticSquares:
    """F >= 0 for a polynomial F of degree 2, read as squares plus a remainder:
    F = m^T Q m over the monomials m = (x_1, ..., x_n, 1) (Q is unique for degree 2), and
    exact rational LDL^T steps on positive pivots (largest first, the constant last) write
    F = sum_k d_k (l_k . m)^2 + R, d_k > 0, R the quadratic form left on the monomials not
    pivoted.  The form is that sum, G = F exactly (the checker's sympy identity); the search
    encloses G cell by cell, each square >= 0 by itself.
    x^2 + y^2 + z^2 - xy - yz - zx vanishes on the line x = y = z, which no enclosure of F
    decides; as (x - y/2 - z/2)^2 + 3/4 (y - z)^2 it is decided in one cell.  x^2 - a x + 1
    on a in [0, 2] is (x - a/2)^2 + (1 - a^2/4), whose zero at the corner a = 2 plain
    evaluation decides."""

    name = "sum-of-squares"
    POLYNOMIAL = frozenset({"num", "var", "add", "sub", "mul", "neg", "pown"})

    def apply(self, F: N.Node, domain: Domain, strict: bool) -> Form | None:
        nodes = N.postorder([F])
        if strict or any(n.op not in self.POLYNOMIAL or (n.op == "pown" and n.data < 0) for n in nodes):
            return None
        S = symbolic(F, domain)
        syms = sorted(S.free_symbols, key=lambda v: v.name)
        if not syms:
            return None
        try:
            poly = sympy.Poly(sympy.expand(S), *syms)
        except sympy.PolynomialError:
            return None
        if poly.total_degree() != 2:
            return None
        squares, rest = _ldl_squares(poly, syms)
        if not squares:
            return None
        terms = [d * sympy.Pow(lin, 2, evaluate=False) for d, lin in squares] + ([rest] if rest != 0 else [])
        try:
            return Form(from_sympy(sympy.Add(*terms, evaluate=False)), [(F, "defined")])
        except Exception:
            return None


def _gram(poly, m):
    """The symmetric Q with poly = m^T Q m (m: the variables, then 1)."""
    n = len(m)
    Q = sympy.zeros(n, n)
    for exps, c in poly.terms():
        i, j = [k for k, e in enumerate(exps) for _ in range(e)] + [n - 1] * (2 - sum(exps))
        Q[i, j] += sympy.Rational(c, 1 if i == j else 2)
        if i != j:
            Q[j, i] += sympy.Rational(c, 2)
    return Q


def _ldl_squares(poly, syms):
    """([(d_k, l_k . m)], R): LDL^T steps on the largest positive diagonal entry (variables
    before the constant) while there is one; R = the Schur complement's quadratic form."""
    m = list(syms) + [sympy.Integer(1)]
    n = len(m)
    Q = _gram(poly, m)
    left, out = list(range(n)), []
    while True:
        pivots = [k for k in left if Q[k, k] > 0]
        if not pivots:
            break
        k = max(pivots, key=lambda i: (i != n - 1, Q[i, i]))
        d = Q[k, k]
        row = [Q[k, j] / d for j in range(n)]
        out.append((d, sympy.Add(*(row[j] * m[j] for j in left))))
        for i in left:
            for j in left:
                Q[i, j] -= d * row[i] * row[j]
        left.remove(k)
    rest = sympy.Add(*(Q[i, j] * m[i] * m[j] for i in left for j in left))
    return out, sympy.expand(rest)


WRITTEN_SQUARE = WrittenSquare()
IDENTICAL_ZERO = IdenticalZero()
QUADRATIC_SQUARES = QuadraticSquares()
EXACT_FORMS = (IDENTICAL_ZERO, WRITTEN_SQUARE, QUADRATIC_SQUARES)
