"""A refutation found by the search, in the claim's own coordinates, confirmed on the slack as
written.

The search runs on the compactified domain and often on a rewritten form G = F W / P (``rules``):
its witness is mapped back through the substitutions, and F as written is evaluated there in
arb.  Only a point where arb proves the claim false (or F certainly undefined) counts, and the
value reported is F's, not G's.

A strict claim whose slack is exactly 0 at a rational point (x e^{-x} < e^{-1} at x = 1) is
false, but arb's ball of e^{-1} - 1 * e^{-1} contains 0 without being 0: ``exact_zero`` takes a
point where sympy proves the slack 0 for every value of the other variables (the tangent
points of ``certify.tangent``) and F is defined; the checker re-proves the zero with sympy.
"""
from __future__ import annotations

from fractions import Fraction

import sympy
from flint import fmpq

from .balls import iv_text


def refuted(subs, names, pt, value, reason, out=None):
    """The REFUTED Result at the search's point pt (mapped back through ``subs``)."""
    from .expr.parse import parse_expr
    from .expr.tape import Tape
    from .prover import Result
    images = {s["var"]: parse_expr(s["image"], names) for s in subs}
    witness = {}
    for name, q in zip(names, pt):
        q = fmpq(q) if not isinstance(q, fmpq) else q
        if name in images:
            q = Tape([[images[name]]], (name,)).exact((q,))
        witness[name] = str(q)
    return Result("REFUTED", witness=witness, witness_value=iv_text(value) if value is not None else ["0", "0"],
                  reason=reason, cells=out.cells if out else 0, methods=dict(out.methods) if out else {})


def confirmed(result, F, domain, strict: bool):
    """``result`` with F's own value at the witness when arb proves the claim false there (or F
    certainly undefined); an UNDECIDED Result otherwise."""
    from .enclose import Ladder
    from .prover import Result
    from .search import PRECISIONS, with_prec
    found = [_fraction(result.witness[n]) for n in domain.names]
    ladder = Ladder(F, domain.names, [(None, None)] * len(found))
    # the point itself, then dyadic points next to it (exact in arb: x/x is then exactly 1)
    for k in (None, 20, 40):
        pt = found if k is None else [Fraction(round(q * 2 ** k), 2 ** k) for q in found]
        if k is not None and not all(iv.contains(sympy.Rational(q.numerator, q.denominator))
                                     for iv, q in zip(domain.intervals, pt)):
            continue
        exact = [fmpq(q.numerator, q.denominator) for q in pt]
        for prec in PRECISIONS:
            value, defined = with_prec(prec, ladder.at_point, exact)
            if value.empty or (defined and (value.certainly_nonpositive() if strict else value.certainly_negative())):
                result.witness = {n: str(q) for n, q in zip(domain.names, exact)}
                result.witness_value = None if value.empty else iv_text(value)     # None: undefined there
                if value.empty:
                    result.reason = "the expression is undefined at the witness point"
                return result
    return Result("UNDECIDED", reason="a counterexample of the searched form is not confirmed on the slack as written",
                  cells=result.cells, methods=result.methods)


def _fraction(text):
    return Fraction(text)


def sampled(F, domain, strict: bool):
    """REFUTED at one of the float64 sampling's candidate points (``certify.sampling``) where
    arb proves the claim false or F certainly undefined, or None: run before any symbolic work
    (a tangent cut, an end rewrite), which a false claim would only pay for.  An unbounded
    variable is sampled on ``sampling.window``; the witness is a point of the domain, confirmed
    on the slack as written (``confirmed``)."""
    from .forms import opens_of
    from .sampling import candidates, window
    ivs = domain.intervals
    box = window(domain)
    bounded = all(iv.bounded for iv in ivs)
    opens = opens_of(domain) if bounded else [(None, None)] * len(ivs)
    points = [pt for pt in candidates(F, domain.names, box, opens, strict)
              if all(iv.contains(c) for iv, c in zip(ivs, pt))]
    return at_points(F, domain.names, opens, points, strict, [], F, domain)


def at_points(G, names, opens, points, strict: bool, subs, F, domain):
    """REFUTED at the first of ``points`` where arb proves ``G >= 0`` (> 0) false or G certainly
    undefined, the point mapped back through ``subs`` and confirmed on the slack F as written
    over ``domain`` (``confirmed``); None when no point does (or none is confirmed)."""
    from .enclose import Ladder
    from .search import PRECISIONS, Outcome, probe
    ladder = Ladder(G, names, opens)
    for pt in points:
        hit = probe(ladder, pt, strict, PRECISIONS[0], Outcome("REFUTED"))[2]
        if hit is not None:
            result = confirmed(refuted(subs, names, pt, hit[0], hit[1]), F, domain, strict)
            return result if result.status == "REFUTED" else None
    return None


def exact_zero(F, domain):
    """REFUTED at a rational point where F as written is defined and sympy proves it exactly 0
    (for a strict claim), or None."""
    from .enclose import Ladder
    from .prover import Result
    from .tangent import tangent_points
    for i, c in tangent_points(F, domain, False):
        pt = [fmpq(int(c.p), int(c.q)) if j == i else _inner(iv) for j, iv in enumerate(domain.intervals)]
        value, defined = Ladder(F, domain.names, [(None, None)] * len(pt)).at_point(pt)
        if defined and not value.empty and (value.lo is None or value.lo <= 0) and (value.hi is None or value.hi >= 0):
            return Result("REFUTED", witness={n: str(q) for n, q in zip(domain.names, pt)},
                          witness_value=iv_text(value), reason="the slack is exactly 0 at the witness (sympy)")
    return None


def _inner(iv):
    """A rational point of an interval (its midpoint; next to a finite end when unbounded)."""
    def q(v):
        return fmpq(int(v.p), int(v.q))
    if iv.lo is not None and iv.hi is not None:
        return (q(iv.lo) + q(iv.hi)) / 2
    if iv.lo is not None:
        return q(iv.lo) + 1
    return q(iv.hi) - 1 if iv.hi is not None else fmpq(0)
