"""Step 5 of the root isolation (``certify.roots``): a ``root`` piece contracted by interval
Newton steps N = m - F(m, P) / dF(X, P) (in x units).  For each parameter p the root r(p) lies
in N (mean value theorem), so the new ends, rational points strictly outside N, are not roots;
the two slices cut off contain no root and are sign pieces of the sign at their outer end.
``c`` is the isolation's context (``roots._Ctx``: the function, its derivative, the parameter
box and the x scale)."""
from __future__ import annotations

from fractions import Fraction

from .roots_exact import above_dyadic, below_dyadic, lower_fraction, sign, upper_fraction
from .roots_piece import NEG, POS, ROOT, Piece, end_sign

STALL = 16                 # a contraction step that keeps more than 15/16 of a root piece ends it


def contract(c, pieces: list, steps: int, tol: Fraction) -> list:
    """Shrink each root piece (module docstring, step 5).  Each step tries an interval Newton
    step N = m - F(m, P)/dF(X, P) (in x units; the root is inside N for every p) and, when
    that does not halve the piece (dF's enclosure too wide, or the root swept by the
    parameter), cut points decided by the certified sign of F there (``_cut``).  The slices
    cut off contain no root: they are sign pieces of the sign of the nearer end."""
    out: list[Piece] = []
    for k, p in enumerate(pieces):
        if p.kind != ROOT or steps <= 0:
            out.append(p)
            continue
        sl, sh = end_sign(c, pieces, k, "lo"), end_sign(c, pieces, k, "hi")
        lo, hi, d = p.lo, p.hi, p.slope
        left: list[Piece] = []
        right: list[Piece] = []
        stalled = False
        for _ in range(steps):
            if hi - lo <= tol or stalled:
                break
            nlo, nhi = _newton(c, lo, hi, d)
            if (nhi - nlo) * 2 > hi - lo:            # less than halved: try cut points
                nlo, nhi = _cut(c, lo, hi, nlo, nhi, sl, sh)
                # no cut point decided and Newton gained < 1/16: the piece is about the set
                # the root sweeps over the parameter box; further steps would gain little
                stalled = (nhi - nlo) * STALL > (hi - lo) * (STALL - 1)
                if nlo == lo and nhi == hi:
                    break
            if nlo > lo:
                left.append(Piece(lo, nlo, POS if sl > 0 else NEG, "newton"))
            if nhi < hi:
                right.insert(0, Piece(nhi, hi, POS if sh > 0 else NEG, "newton"))
            lo, hi = nlo, nhi
        out.extend(left)
        out.append(Piece(lo, hi, ROOT, p.method if not left and not right else "newton", d))
        out.extend(right)
    return out


def _cut(c, lo: Fraction, hi: Fraction, nlo: Fraction, nhi: Fraction, sl: int, sh: int):
    """Narrow [nlo, nhi] inside the root piece [lo, hi] by the certified sign of F at eighths
    of it: the midpoint, then on each side a bisection (two points) for the edge of the set
    the root sweeps over the parameter box, where the sign is undecided; it stops once the
    piece is halved.  Each cut is proved: F has the sign of the piece's end on its side."""
    w = hi - lo

    def at(k):
        nonlocal nlo, nhi
        cut = lo + w * k / 8
        if not nlo < cut < nhi:
            return None
        sm = c.point_sign(cut)
        if sm == sl:
            nlo = cut
        elif sm == sh:
            nhi = cut
        return sm

    at(4)
    # left half: 2/8, then 3/8 if 2/8 was cut off, else 1/8; right half: 6/8, then 5/8 or 7/8
    for first, after_cut, otherwise, outer in ((2, 3, 1, sl), (6, 5, 7, sh)):
        if (nhi - nlo) * 2 <= w:
            break
        s = at(first)
        if (nhi - nlo) * 2 > w:
            at(after_cut if s == outer else otherwise)
    return nlo, nhi


def _newton(c, lo: Fraction, hi: Fraction, d: int):
    """One interval Newton step on the root piece [lo, hi] (F continuous, dF of sign d on it,
    exactly one root for each p): returns new ends with every root strictly between them (the
    old ones when the step fails).  The proof: for each p the root r = m - F(m, p)/dF(xi, p)
    for some xi in [lo, hi] (mean value theorem), so r is in N = m - F(m, P)/dF(X, P), and the
    ends are dyadic rationals strictly outside N."""
    X = c.xball(lo, hi)
    D = c.dfn(X, c.P)
    if sign(D) != d or 8 * D.rad() > abs(D.mid()):
        # not certain or wider than 1/8 of itself: the factor-wise and mean-value forms
        D = c.dfn.enclose_product(X, c.P)
    if sign(D) != d:
        return lo, hi
    mid = (lo + hi) / 2
    xm = c.xball(mid, mid)
    N = xm - c.fn.enclose(xm, c.P, x_point=True) / D
    if c.scale is not None:
        N = N / c.scale
    if not N.is_finite():
        return lo, hi
    nlo = max(lo, below_dyadic(lower_fraction(N)))
    nhi = min(hi, above_dyadic(upper_fraction(N)))
    if not nlo < nhi:
        return lo, hi
    return nlo, nhi
