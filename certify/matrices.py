"""Certified negative semidefiniteness of a symmetric matrix with a prescribed kernel (arb).

Problem.  Given a symmetric n x n matrix ``M`` with exact sympy entries and an exact rational
vector ``v``, prove that ``M`` is negative semidefinite and that its kernel is exactly span(v).
The module knows nothing about the paper: any matrix and kernel vector will do.

*Twin-class form* (what the claim record stores; ``certify.checker.matrix`` replays it): the
indices partitioned into classes S_1..S_k (sizes m_p), and per class the diagonal entry
alpha_p, the entry beta_p between two members (m_p >= 2) and gamma_pq towards S_q.  Every
matrix has one (singletons); clustered configurations give few classes.  Classes are found
greedily (rows equal up to the swap of their two positions, same v value), and the form is
rebuilt and compared with the matrix entry by entry (else singletons are used).

Theorem (twin classes).  A symmetric A in twin-class form is positive definite iff
alpha_p - beta_p > 0 for each class with m_p >= 2 and the k x k matrix P^T A P is (P: the
class indicator matrix): x on S_p with sum 0 has A x = (alpha_p - beta_p) x; these vectors span
range(P)^perp, range(P) is A-invariant and (Px)^T A (Px) = x^T P^T A P x.

Method (cost O(k^3), not O(n^3)):

1. *Exact part* (sympy): gamma_pq = gamma_qp and M v = 0, one row per class (v = P u).
2. *Shift.*  K = -M + c v v^T, c = 2 trace(-M) / |v|^2 rounded up to two digits.  K positive
   definite (for any c) makes -M positive definite on v^perp, which M v = 0 and symmetry make
   M-invariant: M is NSD with kernel exactly span(v).  K has the same twin classes.
3. *Sign test* (arb, precision 53 -> 106 -> 212): the entries from their trees as written
   (decoration com), the classes' alpha'_p - beta'_p, and P^T K P by Schur complements.
4. *Margin*: [lo, hi] around the largest nonzero eigenvalue of M on a grid of 10 significant
   digits (the grid interval holding it, or a doubled one around a grid point): K + hi I
   positive definite and K + lo I with a negative direction, c |v|^2 + lo >= 0.  numpy's
   eigenvalues of the reduced problem only seed the search: the bracket that passes both tests
   does not depend on them, so certificates are byte-identical on every machine.

Refutation.  ``REFUTED`` only when arb proves it: a block pair certainly asymmetric, a row of
``M v`` certainly nonzero, or a certain negative direction y of K (c > 0): then
y^T M y > c (v.y)^2 >= 0, so M is not NSD.
"""
from __future__ import annotations

import contextlib
import functools
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction

import flint
import numpy as np
import sympy
from flint import arb, arb_mat

from .balls import endpoints, outward_decimal
from .claims import Claim, once
from .errors import CertifyInputError
from .exact import rational_str, to_rational
from .expr import interval as I
from .expr.bridge import from_sympy
from .expr.tape import Tape
from .prover import Result, attach_claim
from .twin_classes import TwinForm, asymmetric_pair, is_zero, kernel_rows, rows_of

PRECISIONS = (53, 106, 212)
DIGITS = 10
METHOD = ("twin classes; exact symmetry and M v = 0 (sympy); K = -M + c v v^T positive definite "
          "by Schur complements of P^T K P (arb); margin by two shifted sign tests")


# -- numeric part -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _tape_of(expr) -> Tape:
    return Tape([[from_sympy(expr, ())]], ())


def _constant(expr) -> arb:
    """The constant ``expr`` as an arb ball at the working precision, from its tree as written
    (ball fast path, else decorated intervals with decoration com); NaN when it is not proved
    defined (e.g. acos(3/2), which sympy keeps as written), which decides nothing."""
    tape = _tape_of(expr)
    out = tape.outputs[0][0]
    v = tape.balls([])[out]
    if v is not None:
        return v
    vals, decs = tape.intervals([])
    if decs[out] < I.COM:
        return arb.nan()
    v = vals[out].to_arb()
    return v if v.is_finite() else arb.nan()


def _q(x) -> arb:
    x = Fraction(x)
    return arb(flint.fmpq(x.numerator, x.denominator))


def _sign(A: arb_mat) -> int:
    """1: the (exact, symmetric) matrix enclosed by A is positive definite; -1: it has a
    negative direction; 0: undecided.  A = [[A11, A12], [A21, A22]] is positive definite iff
    A11 and S = A22 - A21 A11^-1 A12 are; (x, 0) and (-A11^-1 A12 y, y) carry a negative
    direction x of A11 or y of S over to A."""
    k = A.nrows()
    if k == 1:
        a = A[0, 0]
        return 1 if a > 0 else -1 if a < 0 else 0
    h = k // 2
    sub = [[A[i, j] for j in range(k)] for i in range(k)]
    A11 = arb_mat([r[:h] for r in sub[:h]])
    s = _sign(A11)
    if s != 1:
        return s
    try:
        X = A11.solve(arb_mat([r[h:] for r in sub[:h]]))
    except ZeroDivisionError:
        return 0
    return _sign(arb_mat([r[h:] for r in sub[h:]]) - arb_mat([r[:h] for r in sub[h:]]) * X)


class _Numbers:
    """The entries at the working precision and the reduced matrices of K + t I."""

    def __init__(self, f: TwinForm, c: Fraction):
        self.f, self.c = f, c
        self.vals = [_constant(e) for e in f.values]

    def finite(self) -> bool:
        return all(x.is_finite() for x in self.vals)

    def within(self, t=0):
        """alpha'_p - beta'_p + t = beta_p - alpha_p + t for each class with two members."""
        f, x = self.f, self.vals
        return [x[f.blocks[p][p]] - x[f.diag[p]] + _q(t) for p in range(len(f.size)) if f.size[p] > 1]

    def reduced(self, t=0) -> arb_mat:
        """P^T (K + t I) P."""
        f, x, c = self.f, self.vals, _q(self.c)
        k, m, u = len(f.size), f.size, [_q(q) for q in f.u]
        R = [[m[p] * m[q] * (c * u[p] * u[q] - x[f.blocks[p][q]]) if q != p else None for q in range(k)]
             for p in range(k)]
        for p in range(k):
            beta = x[f.blocks[p][p]] if m[p] > 1 else arb(0)
            R[p][p] = m[p] * (_q(t) - x[f.diag[p]] - (m[p] - 1) * beta) + m[p] * m[p] * c * u[p] * u[p]
        return arb_mat(R)

    def sign(self, t=0) -> int:
        w = self.within(t)
        if any(d < 0 for d in w):
            return -1
        s = _sign(self.reduced(t))
        return s if s == -1 or all(d > 0 for d in w) else 0


def _shift(f: TwinForm, vnorm2: Fraction) -> Fraction:
    """c = 2 trace(-M) / |v|^2 rounded up to two significant digits (1 if that is not > 0)."""
    with _precision(53):
        x = [_constant(e) for e in f.values]
        trace = -sum((m * x[d] for m, d in zip(f.size, f.diag)), arb(0))
    hi = endpoints(trace)[1] if trace.is_finite() else Fraction(0)
    return Fraction(outward_decimal(2 * hi / vnorm2, 2, up=True)) if hi > 0 else Fraction(1)


@contextlib.contextmanager
def _precision(prec):
    old, flint.ctx.prec = flint.ctx.prec, prec
    try:
        yield
    finally:
        flint.ctx.prec = old


def _least_eigenvalue(num: _Numbers) -> float:
    """numpy's least eigenvalue of K: of D^-1/2 P^T K P D^-1/2 (D = P^T P) or of a class."""
    Ra, scale = num.reduced(), 1 / np.sqrt(np.array(num.f.size, dtype=float))
    R = np.array([[float(Ra[p, q].mid()) for q in range(len(scale))] for p in range(len(scale))])
    return min([float(np.linalg.eigvalsh(R * np.outer(scale, scale))[0])]
               + [float(d.mid()) for d in num.within()])


def _margin(num: _Numbers, vnorm2: Fraction, mu: float):
    """[lo, hi] (decimal texts) with lo < largest nonzero eigenvalue of M < hi, or None."""
    lam = -mu
    if not lam < 0:
        return None
    exp10 = int(f"{-lam:.7e}".split("e")[1])     # the decade of lam rounded to 8 digits
    unit = Fraction(10) ** (exp10 - DIGITS + 1)
    base = math.floor(Fraction(lam) / unit)
    near = round(Fraction(lam) / unit)
    for lo, hi in [(base + j, base + j + 1) for j in (0, -1, 1)] + [(near - 1, near + 1)]:
        lo, hi = lo * unit, hi * unit
        if num.c * vnorm2 + lo >= 0 and num.sign(hi) == 1 and num.sign(lo) == -1:
            return [outward_decimal(lo, 15, up=False), outward_decimal(hi, 15, up=True)]
    return None


def certify_nsd_kernel(matrix, kernel, name="M") -> Result:
    """Decide: the symmetric matrix ``matrix`` (exact sympy entries) is negative semidefinite
    with kernel exactly span(``kernel``).  See the module docstring for the method."""
    start = time.monotonic()
    rows = rows_of(matrix)
    n = len(rows)
    v = _kernel_vector(kernel, n)
    f = TwinForm(rows, v)

    def done(status, **kw):
        return Result(status, seconds=time.monotonic() - start, cells=n, **kw)

    pair = asymmetric_pair(f)
    if pair is not None:
        p, q = pair
        i, j = f.members[p][0], f.members[q][0]
        d = _constant(f.values[f.blocks[p][q]] - f.values[f.blocks[q][p]])
        if d.is_finite() and not d.contains(0):
            return done("REFUTED", witness={"i": str(i), "j": str(j)}, reason="arb proves M[i,j] != M[j,i]")
        return done("UNDECIDED", reason=f"could not prove M[{i},{j}] == M[{j},{i}] exactly")
    for p, s in enumerate(kernel_rows(f)):
        if not is_zero(s):
            i, val = f.members[p][0], _constant(s)
            if val.is_finite() and not val.contains(0):
                return done("REFUTED", witness={"row": str(i)},
                            witness_value=[outward_decimal(a, 12, up=u) for a, u in zip(endpoints(val), (False, True))],
                            reason="arb proves (M v)_i != 0: v is not in the kernel")
            return done("UNDECIDED", reason=f"could not prove (M v)_{i} = 0 exactly")
    vnorm2 = sum(q * q for q in v)
    c = _shift(f, vnorm2)
    proved, margin, least = None, None, None
    for prec in PRECISIONS:
        with _precision(prec):
            num = _Numbers(f, c)
            if not num.finite():
                return done("UNDECIDED", reason="an entry does not evaluate to a finite ball")
            sign = num.sign()
            if sign == -1:
                return done("REFUTED", witness={"vector": f"a negative direction y of K = -M + c v v^T, c = {c}"},
                            reason="arb proves y^T K y < 0, so y^T M y > c (v.y)^2 >= 0: M is not NSD")
            if sign == 1:
                proved, least = proved or prec, least or _least_eigenvalue(num)
                margin = _margin(num, vnorm2, least)
                if margin is not None:
                    break
    if not proved:
        return done("UNDECIDED", reason="K = -M + c v v^T is not certainly positive definite")
    cert = {"kind": "matrix", "c": rational_str(to_rational(c)), "method": METHOD}
    if margin is not None:
        cert["margin"] = margin
    attach_claim(cert, f.record(name, v))
    return done("PROVED", margin=margin, margin_kind="largest nonzero eigenvalue of M",
                methods={f"twin-classes k={len(f.size)}@{proved}": 1}, certificate=cert,
                reason=f"M NSD, kernel span(v); {len(f.size)} twin classes")


def _kernel_vector(kernel, n):
    v = [to_rational(q) for q in kernel]
    if len(v) != n or all(q == 0 for q in v):
        raise CertifyInputError("the kernel vector must be nonzero and of length n")
    return [Fraction(int(q.p), int(q.q)) for q in v]


def matrix_record(matrix, kernel, name) -> dict:
    """The claim record of "``matrix`` is NSD with kernel exactly span(``kernel``)"."""
    rows = rows_of(matrix)
    v = _kernel_vector(kernel, len(rows))
    return TwinForm(rows, v).record(name, v)


@dataclass(frozen=True)
class MatrixClaim(Claim):
    """``matrix`` (n x n, exact sympy entries; or a zero-argument callable building it) is
    negative semidefinite with kernel exactly span(``kernel``).  ``kernel`` may be omitted
    for the all-ones vector.  ``size`` is informational (shown before the matrix is built)."""
    matrix: object = field(default=None, compare=False, repr=False)
    kernel: tuple = ()
    size: int = 0

    kind = "matrix"

    def _kernel(self, n):
        return tuple(self.kernel) or (1,) * n

    @once
    def record(self) -> dict:
        rows = rows_of(self.matrix)
        return matrix_record(rows, self._kernel(len(rows)), self.id)

    def record_for(self, result) -> dict:
        """The record in a PROVED certificate (built from the same twin classes by the job
        that proved it; rebuilding them costs ~40 ms for n = 300), else ``record()``."""
        cert = result.certificate
        return cert["claim"] if cert and "claim" in cert else self.record()

    def describe(self) -> str:
        n = self.size or len(rows_of(self.matrix))
        ker = [rational_str(q) for q in self._kernel(n)]
        text = f"{ker[0]}, ..., {ker[0]}" if len(ker) > 3 and len(set(ker)) == 1 else ", ".join(ker)
        return f"the {n} x {n} matrix {self.id} is negative semidefinite with kernel exactly span({text})"

    def run(self, progress=None) -> Result:
        rows = rows_of(self.matrix)
        return certify_nsd_kernel(rows, self._kernel(len(rows)), self.id)


def laplacian(weights):
    """The Laplacian D - A of a symmetric weight matrix A (list of rows of sympy numbers):
    off-diagonal ``-A[i][j]``, diagonal ``sum_{j != i} A[i][j]``."""
    n = len(weights)
    rows, neg, diag = [], {}, {}
    for i in range(n):
        row = []
        counts: dict = {}
        for j in range(n):
            w = weights[i][j]
            e = neg.get(w)
            if e is None:
                e = neg[w] = -sympy.sympify(w)
            row.append(e)
            if j != i:
                counts[w] = counts.get(w, 0) + 1
        key = frozenset(counts.items())
        if key not in diag:
            diag[key] = sympy.Add(*[k * sympy.sympify(w) for w, k in counts.items()])
        row[i] = diag[key]
        rows.append(row)
    return rows
