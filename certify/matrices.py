"""Certified negative semidefiniteness of a symmetric matrix with a prescribed kernel (arb).

Problem.  Given a symmetric n x n matrix ``M`` with exact sympy entries and an exact rational
vector ``v``, prove that ``M`` is negative semidefinite and that its kernel is exactly span(v).
The module knows nothing about the paper: any matrix and kernel vector will do.

Method (one O(n^3) pass, the cubic parts in flint's C-level ``arb_mat``):

1. *Exact part* (sympy).  ``M`` is symmetric and ``M v = 0``.  Entries are deduplicated first
   (matrices from configurations take few distinct values), so row ``i`` of ``M v`` is a sum
   ``sum_e e * (sum of v_j over the columns j holding entry e)`` with exact rational
   coefficients; it must reduce to 0 (automatic collection, else ``sympy.simplify``).
2. *Shift.*  ``K = -M + c v v^T`` with an exact rational ``c >= trace(-M) / |v|^2``.  Because
   ``M v = 0`` and ``M`` is symmetric, v and v^perp are invariant: the eigenvalues of ``K`` are
   ``c |v|^2`` and the eigenvalues of ``-M`` on v^perp.  Hence
   ``K`` positive definite  <=>  ``M`` NSD with kernel exactly span(v).
   The entries themselves are evaluated in arb from their trees as written
   (``certify.expr.bridge.from_sympy``, a ``Tape`` without variables), each required to have
   decoration com (defined, continuous, bounded): an entry that is not is never a number.
3. *Congruence + Weyl* (arb).  ``V`` = float eigenvectors of (the midpoints of) ``K``
   (numpy ``eigh``; untrusted, any matrix works), converted exactly to dyadic arbs.
   ``B = V^T K V`` is computed with ball arithmetic (flint's C-level ``arb_mat`` products).
   Weyl's inequality with ``||offdiag(B)||_2 <= ||offdiag(B)||_F = sqrt(trace(O O))`` gives
   ``lambda_min(B) >= min_i B_ii - ||offdiag(B)||_F``; if that is certainly > 0, ``B`` is
   positive definite; then ``V`` is nonsingular (``Vy = 0`` would give ``y^T B y = 0``), and by
   Sylvester's law of inertia ``K`` is positive definite.
4. *Margin.*  With ``G = V^T V`` (arb) and ``delta >= ||G - I||_inf``, Ostrowski's theorem
   (``lambda_k(V^T K V) = theta_k lambda_k(K)``, ``theta_k`` in the spectrum of ``G``) and
   ``min_i B_ii - ||offdiag(B)||_F <= lambda_min(B) <= min_i B_ii`` give an enclosure of
   ``lambda_min(K)``.  Since ``c |v|^2 >= trace(-M) >= lambda_max(-M)`` once ``-M`` is PSD,
   ``lambda_min(K)`` is the smallest nonzero eigenvalue of ``-M``: the reported margin is the
   enclosure of the *largest nonzero eigenvalue of M* (a negative number).

Refutation.  ``REFUTED`` only when arb proves it: a row of ``M v`` certainly nonzero, an
entry pair certainly asymmetric, or a rational vector w (the float eigenvector of the most
negative eigenvalue of K, projected exactly onto v^perp) with ``w^T M w`` certainly > 0.
Anything else that fails is ``UNDECIDED`` (precision 53 -> 106 -> 212 bits first).
"""
from __future__ import annotations

import functools
import hashlib
import time
from dataclasses import dataclass, field
from fractions import Fraction

import flint
import numpy as np
import sympy
from flint import arb, arb_mat

from .balls import endpoints, outward_decimal
from .claims import Claim
from .errors import CertifyInputError
from .exact import rational_str, to_rational
from .expr import interval as I
from .expr.bridge import from_sympy
from .expr.tape import Tape
from .prover import Result

PRECISIONS = (53, 106, 212)


# -- the float eigenvectors: single-threaded LAPACK --------------------------------------------------
# numpy's OpenBLAS spins up one thread per core; for n ~ 300 on a loaded 2-core machine the
# threads wait on each other (0.5-1 s for an eigh that takes 10 ms on one thread).  The float
# eigenvectors are untrusted input to the certificate, so this only affects speed.

_BLAS_SYMBOLS = (("openblas_get_num_threads", "openblas_set_num_threads"),
                 ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
                 ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
                 ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"))
_blas_handles = None


def _blas_thread_controls():
    global _blas_handles
    if _blas_handles is None:
        _blas_handles = []
        try:
            import ctypes
            with open("/proc/self/maps") as fh:
                paths = sorted({line.split()[-1] for line in fh if "openblas" in line.lower() and "/" in line})
            for path in paths:
                lib = ctypes.CDLL(path)
                for get, set_ in _BLAS_SYMBOLS:
                    if hasattr(lib, get) and hasattr(lib, set_):
                        _blas_handles.append((getattr(lib, get), getattr(lib, set_)))
                        break
        except Exception:       # pragma: no cover - not Linux / no OpenBLAS: run as is
            _blas_handles = []
    return _blas_handles


def _eigh_single_thread(a):
    controls = _blas_thread_controls()
    saved = []
    try:
        for get, set_ in controls:
            saved.append((set_, get()))
            set_(1)
        return np.linalg.eigh(a)
    finally:
        for set_, n in saved:
            set_(n)


# -- input normalization ------------------------------------------------------------------------

def _rows(matrix):
    """The matrix as a list of rows of sympy expressions (accepts a sympy Matrix, a list of
    rows, or a zero-argument callable returning either)."""
    if callable(matrix) and not isinstance(matrix, (sympy.MatrixBase, list, tuple)):
        matrix = matrix()
    if isinstance(matrix, sympy.MatrixBase):
        rows = [[matrix[i, j] for j in range(matrix.cols)] for i in range(matrix.rows)]
    else:
        rows = [list(r) for r in matrix]
    n = len(rows)
    if n == 0 or any(len(r) != n for r in rows):
        raise CertifyInputError("the matrix must be square and non-empty")
    return rows


class _Pattern:
    """Deduplicated entries: ``values`` (distinct sympy expressions) and ``index[i][j]``."""

    def __init__(self, rows):
        self.n = len(rows)
        self.values: list = []
        where: dict = {}
        self.index = []
        for r in rows:
            idx_row = []
            for e in r:
                if not isinstance(e, sympy.Basic):
                    e = sympy.sympify(e)
                k = where.get(e)
                if k is None:
                    if e.atoms(sympy.Float):
                        raise CertifyInputError(f"binary float in matrix entry {e}; use exact numbers")
                    if e.free_symbols:
                        raise CertifyInputError(f"matrix entry {e} has free symbols; entries must be numbers")
                    k = where[e] = len(self.values)
                    self.values.append(e)
                idx_row.append(k)
            self.index.append(idx_row)

    def sha256(self) -> str:
        h = hashlib.sha256()
        for e in self.values:
            h.update(sympy.srepr(e).encode())
            h.update(b"\0")
        for r in self.index:
            h.update(bytes(str(r), "ascii"))
        return h.hexdigest()


# -- exact part ---------------------------------------------------------------------------------

def _is_zero(expr) -> bool:
    expr = sympy.sympify(expr)
    if expr == 0:
        return True
    try:
        return sympy.simplify(expr) == 0
    except Exception:       # pragma: no cover - sympy failures mean "not proved"
        return False


def _exact_symmetry(pat: _Pattern):
    """(True, None) if symmetric exactly; (False, (i, j)) for an undecided / asymmetric pair."""
    checked = set()
    for i in range(pat.n):
        for j in range(i + 1, pat.n):
            a, b_ = pat.index[i][j], pat.index[j][i]
            if a == b_ or (a, b_) in checked:
                continue
            if not _is_zero(pat.values[a] - pat.values[b_]):
                return False, (i, j)
            checked.add((a, b_))
    return True, None


def _row_sums(pat: _Pattern, v):
    """Row i of M v as an exact expression, grouped by distinct entry (cached per pattern).
    v is scaled to integers (common denominator) so that the grouping is integer arithmetic."""
    den = 1
    for q in v:
        den = sympy.ilcm(den, int(q.q))
    vi = [int(q.p) * (den // int(q.q)) for q in v]
    cache: dict = {}
    out = []
    for i in range(pat.n):
        coef: dict = {}
        for k, vj in zip(pat.index[i], vi):
            if vj:
                coef[k] = coef.get(k, 0) + vj
        key = frozenset(coef.items())
        s = cache.get(key)
        if s is None:
            s = cache[key] = sympy.Add(*[sympy.Rational(q, den) * pat.values[k] for k, q in coef.items()])
        out.append((key, s))
    return out


# -- numeric part -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _tape_of(expr) -> Tape:
    return Tape([[from_sympy(expr, ())]], ())


def _constant(expr) -> arb:
    """The exact constant ``expr`` (a sympy expression without symbols) as an arb ball at the
    working precision: its tree (``from_sympy``, as written) on a tape with no variables, by
    the arb-ball fast path (a ball means every operation was certainly inside its domain) or
    else the decorated interval evaluation with decoration com; NaN when the constant is not
    proved defined (e.g. acos(3/2), which sympy keeps as written), which decides nothing."""
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


def _arb_values(pat: _Pattern):
    return [_constant(e) for e in pat.values]


def _upper(x: arb) -> Fraction:
    return endpoints(x)[1]


def _lower(x: arb) -> Fraction:
    return endpoints(x)[0]


def _certify_pd(pat: _Pattern, v, prec: int):
    """Steps 2-4 at one precision.  Returns a dict with 'status' and the numbers."""
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        n = pat.n
        vals = _arb_values(pat)
        if not all(x.is_finite() for x in vals):
            return {"status": "UNDECIDED", "reason": "an entry does not evaluate to a finite ball"}
        vq = [Fraction(int(q.p), int(q.q)) for q in v]
        vnorm2 = sum(q * q for q in vq)
        trace_neg = arb(0)
        for i in range(n):
            trace_neg -= vals[pat.index[i][i]]
        c = max(_upper(trace_neg), Fraction(0)) / vnorm2
        if c <= 0:
            c = Fraction(1)
        c_arb = arb(flint.fmpq(c.numerator, c.denominator))
        va = [arb(flint.fmpq(q.numerator, q.denominator)) for q in vq]
        neg = [-x for x in vals]
        Mneg = arb_mat([[neg[k] for k in row] for row in pat.index])
        vcol = arb_mat([[q] for q in va])
        K = Mneg + (vcol * vcol.transpose()) * c_arb
        idx = np.array(pat.index)
        mids = np.array([float(x.mid()) for x in neg])
        vf = np.array([float(q) for q in vq])
        Kmid = mids[idx] + float(c) * np.outer(vf, vf)
        w, V = _eigh_single_thread((Kmid + Kmid.T) / 2)
        Va = arb_mat(V.tolist())
        Vt = Va.transpose()
        B = Vt * K * Va
        diag = [B[i, i] for i in range(n)]
        for i in range(n):
            B[i, i] = 0
        off = ((B * B).trace()).nonnegative_part().sqrt()      # ||offdiag(B)||_F >= ||.||_2
        top = diag[0]
        for d in diag[1:]:
            top = top.min(d)
        low = top - off                                         # <= lambda_min(B) (Weyl)
        if low.is_finite() and low > 0:
            G = Vt * Va
            for i in range(n):
                G[i, i] = G[i, i] - 1
            delta = ((G * G).trace()).nonnegative_part().sqrt()  # ||V^T V - I||_2 <= delta
            d_hi = _upper(delta)
            lam_lo = _lower(low) / (1 + d_hi)
            lam_hi = _upper(top) / (1 - d_hi) if d_hi < 1 else None
            return {"status": "PROVED", "c": c, "weyl_lower": _lower(low), "delta": d_hi,
                    "mu_min": (lam_lo, lam_hi), "float_eigs": (float(w[0]), float(w[-1]))}
        # refutation attempt: the most negative float eigenvector, projected onto v^perp
        y = [Fraction(float(t)) for t in V[:, 0]]
        proj = sum(a * b_ for a, b_ in zip(y, vq)) / vnorm2
        wv = [a - proj * b_ for a, b_ in zip(y, vq)]
        wa = arb_mat([[arb(flint.fmpq(q.numerator, q.denominator))] for q in wv])
        q = (wa.transpose() * Mneg * wa)[0, 0]          # w^T (-M) w
        if q.is_finite() and q < 0 and any(x != 0 for x in wv):
            return {"status": "REFUTED", "rayleigh": q,
                    "reason": "arb proves w^T M w > 0 for a rational w orthogonal to v: M is not NSD"}
        return {"status": "UNDECIDED", "reason": "the congruence bound min diag(V^T K V) - ||offdiag||_F is not certainly positive",
                "weyl_lower": _lower(low) if low.is_finite() else None}
    finally:
        flint.ctx.prec = old


def certify_nsd_kernel(matrix, kernel) -> Result:
    """Decide: the symmetric matrix ``matrix`` (exact sympy entries) is negative semidefinite
    with kernel exactly span(``kernel``).  See the module docstring for the method."""
    start = time.monotonic()
    rows = _rows(matrix)
    pat = _Pattern(rows)
    n = pat.n
    v = [to_rational(q) for q in kernel]
    if len(v) != n or all(q == 0 for q in v):
        raise CertifyInputError("the kernel vector must be nonzero and of length n")

    def done(status, **kw):
        kw.setdefault("seconds", time.monotonic() - start)
        return Result(status, **kw)

    ok, pair = _exact_symmetry(pat)
    if not ok:
        i, j = pair
        d = _constant(pat.values[pat.index[i][j]] - pat.values[pat.index[j][i]])
        if d.is_finite() and not d.contains(0):
            return done("REFUTED", witness={"i": str(i), "j": str(j)}, reason="arb proves M[i,j] != M[j,i]")
        return done("UNDECIDED", reason=f"could not prove M[{i},{j}] == M[{j},{i}] exactly")
    sums = _row_sums(pat, v)
    proved_zero: dict = {}
    for i, (key, s) in enumerate(sums):
        if key not in proved_zero:
            proved_zero[key] = _is_zero(s)
        if not proved_zero[key]:
            val = _constant(s)
            if val.is_finite() and not val.contains(0):
                return done("REFUTED", witness={"row": str(i)}, witness_value=[outward_decimal(a, 12, up=u) for a, u in zip(endpoints(val), (False, True))],
                            reason="arb proves (M v)_i != 0: v is not in the kernel")
            return done("UNDECIDED", reason=f"could not prove (M v)_{i} = 0 exactly")
    last = None
    for prec in PRECISIONS:
        out = _certify_pd(pat, v, prec)
        last = out
        if out["status"] in ("PROVED", "REFUTED"):
            break
    cert_common = {"kind": "matrix", "n": n, "kernel": [rational_str(q) for q in v],
                   "entries": [sympy.sstr(e) for e in pat.values], "pattern_sha256": pat.sha256(),
                   "method": "exact symmetry and M v = 0 (sympy); K = -M + c v v^T; "
                             "Weyl bound on V^T K V (arb), Sylvester inertia; Ostrowski margin"}
    if last["status"] == "PROVED":
        lo, hi = last["mu_min"]
        # margin: the largest nonzero eigenvalue of M, i.e. -mu_min(-M)
        margin = [outward_decimal(-hi, 10, up=False) if hi is not None else "-oo",
                  outward_decimal(-lo, 10, up=True)]
        cert = dict(cert_common, precision=prec, c=str(last["c"]),
                    weyl_lower=outward_decimal(last["weyl_lower"], 12, up=False),
                    ostrowski_delta=outward_decimal(last["delta"], 6, up=True), margin=margin)
        return done("PROVED", margin=margin, margin_kind="largest nonzero eigenvalue of M", cells=n,
                    methods={f"congruence-weyl@{prec}": 1}, certificate=cert,
                    reason=f"M NSD, kernel span(v); float eigenvalues of K in [{last['float_eigs'][0]:.6g}, {last['float_eigs'][1]:.6g}]")
    if last["status"] == "REFUTED":
        return done("REFUTED", witness={"vector": "float eigenvector of the most negative eigenvalue, projected on v^perp"},
                    witness_value=[outward_decimal(a, 12, up=u) for a, u in zip(endpoints(-last["rayleigh"]), (False, True))],
                    reason=last["reason"], cells=n)
    return done("UNDECIDED", reason=last["reason"], cells=n)


@dataclass(frozen=True)
class MatrixClaim(Claim):
    """``matrix`` (n x n, exact sympy entries; or a zero-argument callable building it) is
    negative semidefinite with kernel exactly span(``kernel``).  ``kernel`` may be omitted
    for the all-ones vector.  ``size`` is informational (shown before the matrix is built)."""
    matrix: object = field(default=None, compare=False, repr=False)
    kernel: tuple = ()
    size: int = 0

    kind = "matrix"

    def describe(self) -> str:
        n = f"{self.size} x {self.size} " if self.size else ""
        ker = "span(1, ..., 1)" if not self.kernel else f"span({', '.join(map(str, self.kernel))})"
        return f"arb: the {n}matrix is negative semidefinite with kernel exactly {ker}"

    def run(self, progress=None) -> Result:
        rows = _rows(self.matrix)
        kernel = self.kernel or tuple([1] * len(rows))
        return certify_nsd_kernel(rows, kernel)


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
