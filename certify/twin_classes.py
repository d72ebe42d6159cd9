"""The twin-class form of a symmetric matrix (``certify.matrices``' exact part).

Indices i, j are twins when swapping them maps the matrix to itself; the classes of twins, their
sizes and the distinct entries per pair of classes describe the matrix exactly, however large n
is.  ``TwinForm`` builds them from the sympy entries; ``asymmetric_pair`` and ``kernel_rows``
are the exact checks (symmetry of the class blocks, M v = 0 row by row) that sympy proves.
"""
from __future__ import annotations

import sympy

from .errors import CertifyInputError
from .exact import rational_str
from .expr.bridge import from_sympy
from .expr.text import to_text


# -- input normalization ------------------------------------------------------------------------

def rows_of(matrix):
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


class TwinForm:
    """The matrix in twin-class form: ``values`` (distinct sympy entries), ``cls[i]`` (class of
    index i), ``size[p]``, ``members[p]`` (first two), ``diag[p]``, ``blocks[p][q]`` (entry
    indices; ``blocks[p][p]`` is None for a singleton) and ``u[p]`` (v on class p)."""

    def __init__(self, rows, v):
        self.n, self.values, where = len(rows), [], {}
        index = [[self._entry(e, where) for e in r] for r in rows]
        self._classes(index, v)
        if not self._rebuilds(index):
            self._classes(index, v, twins=False)

    def _entry(self, e, where) -> int:
        e = e if isinstance(e, sympy.Basic) else sympy.sympify(e)
        k = where.get(e)
        if k is None:
            if e.atoms(sympy.Float):
                raise CertifyInputError(f"binary float in matrix entry {e}; use exact numbers")
            if e.free_symbols:
                raise CertifyInputError(f"matrix entry {e} has free symbols; entries must be numbers")
            k = where[e] = len(self.values)
            self.values.append(e)
        return k

    def _classes(self, index, v, twins=True):
        """Greedy: i joins the class of a representative r whose row equals row i up to the swap
        of positions i and r (same diagonal entry and v value); twins=False: singletons."""
        n = self.n
        self.cls, self.members, buckets = [0] * n, [], {}
        for i, row in enumerate(index):
            key = (row[i], v[i], tuple(sorted(row[:i] + row[i + 1:]))) if twins else i
            for p in buckets.get(key, ()):
                r = self.members[p][0]
                a, b = list(row), list(index[r])
                if a[r] == b[i]:
                    a[i] = a[r] = b[i] = b[r] = -1
                    if a == b:
                        break
            else:
                p = len(self.members)
                self.members.append([])
                buckets.setdefault(key, []).append(p)
            self.cls[i] = p
            self.members[p].append(i)
        self.size = [len(m) for m in self.members]
        self.members = [m[:2] for m in self.members]
        reps = [m[0] for m in self.members]
        self.diag = [index[r][r] for r in reps]
        self.blocks = [[index[r][s] for s in reps] for r in reps]
        for p, m in enumerate(self.members):
            self.blocks[p][p] = index[m[0]][m[1]] if len(m) == 2 else None
        self.u = [v[r] for r in reps]

    def _rebuilds(self, index) -> bool:
        for i, row in enumerate(index):
            p = self.cls[i]
            if [self.diag[p] if j == i else self.blocks[p][q] for j, q in enumerate(self.cls)] != row:
                return False
        return True

    def record(self, name, kernel) -> dict:
        return {"name": name, "n": self.n, "kernel": [rational_str(q) for q in kernel],
                "entries": [to_text(from_sympy(e, ())) for e in self.values],
                "classes": self.cls, "diagonal": self.diag, "blocks": self.blocks}


# -- exact part ---------------------------------------------------------------------------------

def is_zero(expr) -> bool:
    expr = sympy.sympify(expr)
    if expr == 0:
        return True
    try:
        return sympy.simplify(expr) == 0
    except Exception:       # pragma: no cover - sympy failures mean "not proved"
        return False


def asymmetric_pair(f: TwinForm):
    """None if gamma_pq == gamma_qp exactly for all p < q, else the first (p, q) not proved."""
    k = len(f.size)
    for p in range(k):
        for q in range(p + 1, k):
            a, b = f.blocks[p][q], f.blocks[q][p]
            if a != b and not is_zero(f.values[a] - f.values[b]):
                return p, q
    return None


def kernel_rows(f: TwinForm):
    """Row p of M v (one row per class) as an exact expression, grouped by entry."""
    out = []
    for p, row in enumerate(f.blocks):
        coef = {f.diag[p]: f.u[p]}
        for q, e in enumerate(row):
            w = (f.size[p] - 1) * f.u[p] if q == p else f.size[q] * f.u[q]
            if w:
                coef[e] = coef.get(e, 0) + w
        out.append(sympy.Add(*[sympy.Rational(q.numerator, q.denominator) * f.values[e]
                               for e, q in coef.items() if q]))
    return out


