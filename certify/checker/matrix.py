"""Replay of ``matrix`` certificates: "M is negative semidefinite with kernel exactly span(v)".

The claim record holds the matrix in *twin-class form*: ``n``; ``kernel`` (v, n exact
rationals); ``entries`` (expression texts, read by ``reader`` without variables); ``classes``
(the class p of each index; S_p its members, m_p = |S_p| >= 1); ``diagonal[p]`` (entry index of
alpha_p = M_ii, i in S_p); ``blocks[p][q]`` (entry index of gamma_pq = M_ij, i in S_p, j in S_q,
p != q; ``blocks[p][p]`` is beta_p = M_ij for i != j in S_p, null when m_p = 1).  This *is* the
matrix: any matrix can be written so (singleton classes), the checker never sees another.  The
certificate adds ``c`` (a rational) and optionally ``margin`` [lo, hi] (rationals); ``versions``
and ``method`` are informational, any other field is an error.

What it re-derives, trusting only python-flint (arb), sympy's exact algebra and this package's
reader and interval arithmetic:

1. *Exact part* (sympy): gamma_pq = gamma_qp (M is symmetric; within a class by construction),
   v is constant on each class (v = P u, P the n x k class indicator matrix) and M v = 0, row
   by row per class: alpha_p u_p + (m_p - 1) beta_p u_p + sum_{q != p} m_q gamma_pq u_q = 0.
2. *Shift lemma.*  If M is symmetric, M v = 0 and K = -M + c v v^T is positive definite for
   *some* real c, then M is NSD with kernel exactly span(v): for x orthogonal to v, x != 0,
   x^T (-M) x = x^T K x > 0, and v^perp is M-invariant.  So c is never trusted: any c that makes
   K positive definite proves the claim (c <= 0 never does: v^T K v = c |v|^4).
3. *Twin-class theorem.*  A symmetric A in twin-class form (alpha, beta, gamma) is positive
   definite iff alpha_p - beta_p > 0 for every class with m_p >= 2 and the k x k matrix
   P^T A P is positive definite: a vector x on S_p with sum 0 has A x = (alpha_p - beta_p) x;
   these span the orthogonal complement of range(P), which is A-invariant (A P = P C with
   C_pq = m_q gamma_pq, C_pp = alpha_p + (m_p - 1) beta_p), and (Px)^T A (Px) = x^T P^T A P x.
   A negative direction of either part is one of A (e_i - e_j for i, j in S_p; P x).
   K + t I is in twin-class form with the same classes: alpha'_p = c u_p^2 - alpha_p + t,
   beta'_p = c u_p^2 - beta_p, gamma'_pq = c u_p u_q - gamma_pq.
4. *Sign test* (arb): each entry evaluated by ``evaluate.value`` (decoration >= def, bounded);
   P^T (K + t I) P by recursive Schur complements: [[A, B], [B^T, C]] is positive definite iff
   A and C - B^T A^-1 B are, and (x, 0) or (-A^-1 B y, y) carries a negative direction of A or
   of the Schur complement over.  Ball arithmetic encloses every intermediate of the exact
   computation, so a certain sign is the sign for the exact matrix.  Precision 53 -> 106 -> 212.
5. *Margin* (the largest nonzero eigenvalue lambda of M, i.e. minus the least eigenvalue of K on
   v^perp): K + hi I positive definite gives lambda < hi; c |v|^2 + lo >= 0 and a negative
   direction y of K + lo I give lambda > lo (write y = a v + y', v an eigenvector of K: the
   v-part contributes a^2 |v|^2 (c |v|^2 + lo) >= 0, so y' is a negative direction on v^perp).

The cost is O(n + k^3) arb operations and k sympy zero tests: n never enters the algebra.
"""
from __future__ import annotations

import flint
import sympy
from flint import arb, arb_mat, fmpq

from . import arith as A
from .evaluate import value
from .forall import claim_hash, sympy_zero
from .reader import read_expr, read_rational
from .terms import CheckError, to_sympy

PRECISIONS = (53, 106, 212)
_CERT_KEYS = {"kind", "claim", "hash", "versions", "method", "c", "margin"}
_CLAIM_KEYS = {"name", "n", "kernel", "entries", "classes", "diagonal", "blocks"}


def _index(x, bound, what):
    if not isinstance(x, int) or isinstance(x, bool) or not 0 <= x < bound:
        raise CheckError(f"matrix: {what} is not an index below {bound}")
    return x


class _Matrix:
    """The claim's matrix, validated: ``terms``, ``exact`` (sympy) and the class structure."""

    def __init__(self, claim):
        if not isinstance(claim, dict) or set(claim) != _CLAIM_KEYS:
            raise CheckError("matrix: the claim record is malformed (fields "
                             f"{sorted(claim) if isinstance(claim, dict) else claim!r})")
        n, entries, classes = claim["n"], claim["entries"], claim["classes"]
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise CheckError("matrix: n is not a positive integer")
        if not isinstance(entries, list) or not entries:
            raise CheckError("matrix: no entries")
        self.terms = [read_expr(t, ()) for t in entries]
        self.exact = [to_sympy(t, {}) for t in self.terms]
        if not isinstance(classes, list) or len(classes) != n:
            raise CheckError("matrix: the classes are not one per index")
        diagonal, blocks = claim["diagonal"], claim["blocks"]
        if not isinstance(diagonal, list) or not diagonal:
            raise CheckError("matrix: no classes")
        k = len(diagonal)
        self.size = [0] * k
        for p in classes:
            self.size[_index(p, k, "a class")] += 1
        if 0 in self.size:
            raise CheckError("matrix: an empty class")
        self.diag = [_index(d, len(entries), "a diagonal entry") for d in diagonal]
        if not isinstance(blocks, list) or len(blocks) != k or \
                any(not isinstance(r, list) or len(r) != k for r in blocks):
            raise CheckError("matrix: the blocks are not k x k")
        for p in range(k):
            if self.size[p] == 1 and blocks[p][p] is not None:
                raise CheckError("matrix: a singleton class with an inner entry")
            for q in range(k):
                if q != p or self.size[p] > 1:
                    _index(blocks[p][q], len(entries), "a block entry")
        self.blocks, self.n, self.k = blocks, n, k
        kernel = claim["kernel"]
        if not isinstance(kernel, list) or len(kernel) != n:
            raise CheckError("matrix: the kernel vector is not of length n")
        v = [read_rational(q) for q in kernel]
        if all(q == 0 for q in v):
            raise CheckError("matrix: the kernel vector is 0")
        self.u = [None] * k
        for p, q in zip(classes, v):
            if self.u[p] is None:
                self.u[p] = q
            elif self.u[p] != q:
                raise CheckError("matrix: the kernel vector is not constant on a class")
        self.vnorm2 = sum((m * q * q for m, q in zip(self.size, self.u)), fmpq(0))

    def check_exact(self):
        """Symmetry of the blocks and M v = 0, in sympy."""
        x = self.exact
        for p in range(self.k):
            for q in range(p + 1, self.k):
                a, b = self.blocks[p][q], self.blocks[q][p]
                if a != b and not sympy_zero(x[a] - x[b]):
                    raise CheckError(f"matrix: sympy does not prove block ({p}, {q}) = block ({q}, {p})")
        for p in range(self.k):
            coef = {self.diag[p]: self.u[p]}
            for q in range(self.k):
                w = (self.size[p] - 1) * self.u[p] if q == p else self.size[q] * self.u[q]
                if w != 0:
                    coef[self.blocks[p][q]] = coef.get(self.blocks[p][q], 0) + w
            row = sympy.Add(*[sympy.Rational(int(w.p), int(w.q)) * x[e] for e, w in coef.items()])
            if not sympy_zero(row):
                raise CheckError(f"matrix: sympy does not prove (M v) = 0 on class {p}")

    def balls(self):
        """Each entry as an arb ball at the working precision."""
        out = []
        for i, t in enumerate(self.terms):
            v, dec = value(t, {})
            if dec < A.DEF or not A.bounded(v):
                raise CheckError(f"matrix: entry {i} is not a defined finite number")
            out.append(v.lo.union(v.hi))
        return out


def _sign(M: arb_mat) -> int:
    """1 / -1 / 0: the exact symmetric matrix enclosed by M is positive definite / has a
    negative direction / undecided (recursive Schur complements, docstring step 4)."""
    k = M.nrows()
    if k == 1:
        a = M[0, 0]
        return 1 if a > 0 else -1 if a < 0 else 0
    h = k // 2
    e = [[M[i, j] for j in range(k)] for i in range(k)]
    top = arb_mat([r[:h] for r in e[:h]])
    s = _sign(top)
    if s != 1:
        return s
    try:
        X = top.solve(arb_mat([r[h:] for r in e[:h]]))
    except ZeroDivisionError:
        return 0
    return _sign(arb_mat([r[h:] for r in e[h:]]) - arb_mat([r[:h] for r in e[h:]]) * X)


def _shifted_sign(m: _Matrix, x, c: arb, t: fmpq) -> int:
    """The sign of K + t I (docstring step 3)."""
    t = arb(t)
    inner = [x[m.blocks[p][p]] - x[m.diag[p]] + t for p in range(m.k) if m.size[p] > 1]
    if any(d < 0 for d in inner):
        return -1
    s, u = m.size, [arb(q) for q in m.u]
    R = [[None] * m.k for _ in range(m.k)]
    for p in range(m.k):
        for q in range(m.k):
            if q != p:
                R[p][q] = s[p] * s[q] * (c * u[p] * u[q] - x[m.blocks[p][q]])
        beta = x[m.blocks[p][p]] if s[p] > 1 else arb(0)
        R[p][p] = s[p] * (t - x[m.diag[p]] - (s[p] - 1) * beta) + s[p] * s[p] * c * u[p] * u[p]
    sign = _sign(arb_mat(R))
    return sign if sign == -1 or all(d > 0 for d in inner) else 0


def _attempt(m: _Matrix, c: fmpq, margin):
    """None when every sign test passes at the working precision, else (reason, certain)."""
    x, ca = m.balls(), arb(c)
    s = _shifted_sign(m, x, ca, fmpq(0))
    if s != 1:
        return "K = -M + c v v^T is not certainly positive definite", s == -1
    if margin is None:
        return None
    lo, hi = margin
    if c * m.vnorm2 + lo < 0:
        return "c |v|^2 + lo < 0: the margin's lower end proves nothing", True
    s = _shifted_sign(m, x, ca, hi)
    if s != 1:
        return "the margin's upper end: K + hi I is not certainly positive definite", s == -1
    s = _shifted_sign(m, x, ca, lo)
    if s != -1:
        return "the margin's lower end: K + lo I has no certain negative direction", s == 1
    return None


def check_matrix(cert) -> int:
    """Replay a ``matrix`` certificate; returns n."""
    if not isinstance(cert, dict) or cert.get("kind") != "matrix":
        raise CheckError("not a matrix certificate")
    extra = set(cert) - _CERT_KEYS
    if extra:
        raise CheckError(f"matrix: unknown fields {sorted(extra)}")
    for key in ("claim", "hash", "c"):
        if key not in cert:
            raise CheckError(f"matrix: the field {key!r} is missing")
    if cert["hash"] != claim_hash(cert["claim"]):
        raise CheckError("the claim does not match its hash")
    m = _Matrix(cert["claim"])
    c = read_rational(cert["c"])
    margin = cert.get("margin")
    if margin is not None:
        if not isinstance(margin, list) or len(margin) != 2:
            raise CheckError("matrix: the margin is not [lo, hi]")
        margin = [read_rational(q) for q in margin]
    m.check_exact()
    old = flint.ctx.prec
    try:
        for prec in PRECISIONS:
            flint.ctx.prec = prec
            failure = _attempt(m, c, margin)
            if failure is None:
                return m.n
            if failure[1]:
                break
    finally:
        flint.ctx.prec = old
    raise CheckError(f"matrix: {failure[0]}")
