"""Certified enclosures of the min or max of an expression over a domain (``certify bound``,
``certify.api.bound``, ``Extremum`` claims).

The search (``certify.search.bound_min``) runs on the compactified domain; on a half-line where
it finds no finite enclosure (a product 0 * oo at infinity, x e^{-x}), the minimum of a body
[a, a + 8, 32 or 128] is enclosed and F >= (a rational below it) is proved on the tail by the
inequality prover (with its tail rules): the minimum over the half-line is then the body's.
"""
from __future__ import annotations

from flint import fmpq

from . import rules
from .domain import Domain, Interval
from .enclose import Ladder
from .errors import CertifyInputError
from .expr import nodes as N
from .forms import box_of, opens_of
from .prover import as_tree, prove_inequality
from .search import Budget

HALF_LINE_CELLS = 4000     # the compactified search on a half-line before the body-and-tail split


def bound_extremum(expr, domain: Domain, kind: str = "min", tol="1e-9", budget: Budget | None = None):
    """Certified enclosure [lo, hi] (arb values, or None when unknown) of the min (or max) of
    expr over the domain, and the number of cells."""
    from .search import bound_min
    from .exact import to_rational
    budget = (budget or Budget()).started()
    tolq = to_rational(tol)
    if not tolq > 0:
        raise CertifyInputError("--tol must be positive")
    names = domain.names
    e = as_tree(expr, names)
    if not domain.is_box:                  # constant expression ends: the box maps onto the domain
        from .straighten import constant_ends, straighten
        if not constant_ends(domain):
            raise CertifyInputError(f"bound: a range that depends on another variable ({domain}); "
                                    "prove an inequality over it instead")
        s = straighten(e, N.ZERO, domain)
        e, domain = s.lhs, s.domain
    F = G = e if kind == "min" else N.neg(e)
    original = domain
    if not all(iv.bounded for iv in domain.intervals):
        F, domain, _ = rules.compactify(F, domain)
    ladder = Ladder(F, names, opens_of(domain))
    half_line = len(names) == 1 and not original.intervals[0].bounded
    # on a half-line the compactified search gets a short budget: where it finds no finite
    # enclosure (a product 0 * oo at infinity), the body-and-tail split below usually does
    first = Budget(min(budget.cells, HALF_LINE_CELLS), budget.depth, budget.seconds, budget.until) if half_line else budget
    lo, hi, cells = bound_min(ladder, box_of(domain), fmpq(int(tolq.p), int(tolq.q)), first)
    if (lo is None or hi is None) and half_line:
        lo, hi, cells = _bound_with_tail(G, original, tolq, budget, (lo, hi, cells))
    if kind == "max":
        lo, hi = (None if hi is None else -hi), (None if lo is None else -lo)
    return lo, hi, cells


def _bound_with_tail(F, domain: Domain, tolq, budget, found):
    """min of F over a half-line [a, oo) (or (-oo, b]) when the compactified search finds no
    finite enclosure (x e^{-x} at infinity): the min m of a body [a, Z] is enclosed, and F >= (a
    rational below m) is proved on the tail [Z, oo) (``prove_inequality``, with its tail rules);
    then the min over the half-line is the body's.  ``found`` is returned when no Z works."""
    from .search import bound_min
    from .roots_exact import lower_fraction
    (name,), (iv,) = domain.names, domain.intervals
    if iv.lo is None and iv.hi is None:
        return found
    end = iv.lo if iv.lo is not None else iv.hi
    cells = found[2]
    for step in (8, 32, 128):
        Z = end + step if iv.lo is not None else end - step
        body = Domain((name,), (Interval(iv.lo, Z, iv.lo_open, False) if iv.lo is not None
                                else Interval(Z, iv.hi, False, iv.hi_open),))
        lo, hi, n = bound_min(Ladder(F, (name,), opens_of(body)), box_of(body), fmpq(int(tolq.p), int(tolq.q)), budget)
        cells += n
        if lo is None or hi is None or budget.expired():
            continue
        q = lower_fraction(lo)
        tail = Domain((name,), (Interval(Z, None, False, True) if iv.lo is not None
                                else Interval(None, Z, True, False),))
        r = prove_inequality(F, ">=", N.num(fmpq(q.numerator, q.denominator)), tail, budget, allow_split=False)
        cells += r.cells
        if r.status == "PROVED":
            return lo, hi, cells
    return found[0], found[1], cells
