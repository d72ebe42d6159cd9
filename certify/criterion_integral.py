"""I = int_{-pi}^{pi} |f'''|_+ for the criterion (``certify.criterion``), from a root isolation
of f''' on an interval of x, uniformly over a parameter box P (a ball per parameter).

Over a maximal ``pos`` run [a, b] the integral of f''' is f''(b) - f''(a) (the fundamental
theorem of calculus), enclosed with the mean-value form in the parameters so that the two ends
stay correlated; over each non-sign piece X (a root ball or an unresolved cluster) the integral
of |f'''|_+ is in [0, |X| sup_X f'''_+].  ``integral_slope`` is dI/dp_j (envelope theorem:
f''' vanishes at the moving ends, so only d_p f'' at the ends counts)."""
from __future__ import annotations

from fractions import Fraction

from flint import arb

from .roots import NEG, POS, ROOT, Isolation, qarb


def integral(crit, iso: Isolation, P, pm):
    """Enclosure of the integral over the isolation's interval of |f'''|_+ for every parameter
    point of the box P; ``pm``: the box's center (a tuple of exact balls) or None (no
    mean-value form)."""
    d2, d3 = crit.d[2], crit.d[3]
    plain = arb(0)
    center = arb(0)
    slopes = [arb(0) for _ in crit.params]
    extra = arb(0)
    for p in iso.pieces:
        if p.kind == POS:
            a, b = crit._x(p.lo), crit._x(p.hi)
            plain += d2.enclose(b, P, x_point=True) - d2.enclose(a, P, x_point=True)
            if pm is not None:
                center += d2(b, pm) - d2(a, pm)
                for j, name in enumerate(crit.params):
                    dp = d2.partial(name)
                    slopes[j] += dp.enclose(b, P, x_point=True) - dp.enclose(a, P, x_point=True)
        elif p.kind != NEG:
            X = crit._xb(p.lo, p.hi)
            v = d3.enclose_product(X, P)      # factor-wise: exp(...) times the rest
            if not v.is_finite():
                return arb("nan")
            up = v.upper()
            if up > 0 or not (up <= 0):
                width = (arb.pi() * qarb(p.hi - p.lo)).upper()
                extra += arb(0).union((width * up).upper())
    if pm is not None:
        mv = center
        for j in range(len(slopes)):
            mv = mv + slopes[j] * (P[j] - pm[j])
        if plain.is_finite() and mv.is_finite() and plain.overlaps(mv):
            plain = plain.intersection(mv)
        elif mv.is_finite():
            plain = mv
    return plain + extra


def integral_slope(crit, iso: Isolation, P, name: str):
    """d/d(name) of the integral over the box P, for a complete isolation on [0, pi]."""
    dp = crit.d[2].partial(name)
    ends = []                      # (x-ball, +1 for a segment end, -1 for a start)
    ps = iso.pieces
    if ps[0].kind == POS:
        ends.append((crit._x(Fraction(0)), -1))
    for p in ps:
        if p.kind == ROOT:
            ends.append((crit._xb(p.lo, p.hi), -1 if p.slope > 0 else 1))
    if ps[-1].kind == POS:
        ends.append((crit._x(Fraction(1)), 1))
    total = arb(0)
    for X, s in ends:
        v = dp.enclose_product(X, P)
        total = total + v if s > 0 else total - v
    return total
