"""Domain ends that are expressions (pi, sqrt(2), a range that depends on another variable):
one exact affine substitution per such variable turns the domain into a box.

For every variable v whose range has an expression end (``certify.domain``):

- ``v in [lo, hi]`` (either end open) becomes ``v = lo + (hi - lo)*v`` with v in [0, 1], each end
  open exactly when it was;
- ``v in [lo, oo)`` becomes ``v = lo + v`` with v in [0, oo); ``v in (-oo, hi]`` becomes
  ``v = hi + v`` with v in (-oo, 0];

the trees built exactly so (``lo + (hi - lo)*v``, no simplification), substituted one variable at
a time, a variable before the variables its ends mention (so a dependent range is rewritten in
the original variables first, and those are rewritten after), in the order of the domain where
nothing forces one.  The checker (``certify.checker.straighten``) derives the same substitution
from the claim text.

Why it is sound: for every point of the domain there is a point of the box with that image
(v = lo + (hi - lo) t with t = (v - lo)/(hi - lo), or any t when lo = hi); so a claim proved on
the box holds on the domain.  Where lo > hi the range of v is empty and the box's points map
outside the domain: proving them is harmless, and a counterexample there is no counterexample
(``original_point`` maps a witness back and the caller re-checks it on the domain as written).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy
from flint import arb, fmpq

from .balls import arb_fraction
from .domain import Domain, Interval, end_tree, is_expression
from .exact import to_fmpq
from .expr import interval as I
from .expr import nodes as N
from .expr.tape import UNDEFINED, Tape


@dataclass(frozen=True)
class Straightened:
    """The claim's sides on the box, the box, and the substitutions in the order applied."""
    lhs: N.Node
    rhs: N.Node
    domain: Domain
    images: tuple      # ((name, image tree in the box's coordinates of name and the original others), ...)


def order(domain: Domain) -> list:
    """The variables with an expression end, each before the variables its ends mention."""
    todo = [n for n in domain.names if not domain.interval(n).exact_ends]
    out = []
    while todo:
        ready = next(n for n in todo if not any(n in domain.dependencies(m) for m in todo if m != n))
        out.append(ready)
        todo.remove(ready)
    return out


def image(name: str, iv: Interval):
    """(the image tree of ``name``, its new interval)."""
    v = N.var(name)
    lo, hi = (None if e is None else end_tree(e) for e in (iv.lo, iv.hi))
    zero, one = sympy.Integer(0), sympy.Integer(1)
    if lo is not None and hi is not None:
        return N.add(lo, N.mul(N.sub(hi, lo), v)), Interval(zero, one, iv.lo_open, iv.hi_open)
    if hi is None:
        return N.add(lo, v), Interval(zero, None, iv.lo_open, True)
    return N.add(hi, v), Interval(None, zero, True, iv.hi_open)


def straighten(lhs: N.Node, rhs: N.Node, domain: Domain) -> Straightened:
    images, ivs = [], dict(zip(domain.names, domain.intervals))
    for name in order(domain):
        img, ivs[name] = image(name, domain.interval(name))
        lhs, rhs = (N.substitute(t, {name: img}) for t in (lhs, rhs))
        images.append((name, img))
    box = Domain(domain.names, tuple(ivs[n] for n in domain.names))
    return Straightened(lhs, rhs, box, tuple(images))


def original_point(images, point: dict) -> dict | None:
    """The box point's image in the original variables (name -> fmpq), exact where the images
    are rational there, else a rational inside the arb enclosure of the image (the caller
    re-checks any use of it on the domain as written); None when an image is undefined."""
    out = dict(point)
    for name, img in reversed(images):
        at = {**out, name: point[name]}
        names = tuple(sorted(N.variables(img)))
        args = tuple(at[n] for n in names)
        q = Tape([[img]], names).exact(args)
        if q is UNDEFINED:
            return None
        if q is None:
            vals, decs = Tape([[img]], names).intervals([I.point(arb(a)) for a in args])
            if decs[-1] < I.DEF:
                return None
            q = _rational_in(vals[-1])
        out[name] = q
    return out


def _rational_in(v) -> fmpq:
    """A short decimal inside the interval v (exact arb ends): the midpoint rounded to the
    fewest digits that stay inside."""
    lo, hi = arb_fraction(v.lo), arb_fraction(v.hi)
    mid = (lo + hi) / 2
    for digits in range(4, 80, 4):
        scale = 10 ** digits
        q = Fraction(round(mid * scale), scale)
        if lo <= q <= hi:
            return fmpq(q.numerator, q.denominator)
    return fmpq(mid.numerator, mid.denominator)


# -- proving a claim on a domain with expression ends ---------------------------------------------

def constant_ends(domain: Domain) -> bool:
    """Every expression end is a constant: then the box maps onto the domain (its ends were
    shown ordered when the domain was read), so the box's infimum is the domain's."""
    return all(not N.variables(e) for iv in domain.intervals for e in (iv.lo, iv.hi) if is_expression(e))


def prove_straightened(lhs, op, rhs, domain: Domain, prove, **options):
    """``prove`` (``prover.prove_inequality``) on the box; a proof becomes a ``straighten``
    certificate around the box's, a counterexample is mapped back and re-checked on the domain
    as written.  The margin's upper end is kept only when the box maps onto the domain."""
    from .prover import Result
    s = straighten(lhs, rhs, domain)
    inner = prove(s.lhs, op, s.rhs, s.domain, **options)
    if inner.status == "REFUTED":
        return _mapped_back(inner, lhs, op, rhs, domain, s)
    if inner.status != "PROVED":
        return inner
    margin = inner.margin if constant_ends(domain) else [inner.margin[0], "oo"]
    cert = {"kind": "straighten", "inner": inner.certificate, "margin": margin}
    return Result("PROVED", margin=margin, cells=inner.cells, methods=inner.methods, certificate=cert,
                  reason=inner.reason)


def _mapped_back(inner, lhs, op, rhs, domain: Domain, s: Straightened):
    from .balls import iv_text
    from .prover import Result, normalize
    F, strict = normalize(lhs, op, rhs)
    box_point = {n: to_fmpq(inner.witness[n]) for n in domain.names}
    for pull in (None, 40, 30, 20, 10, 3, 1, 0):    # at an end the rounded image may fall outside: pull it in
        point = original_point(s.images, _pulled(box_point, s.domain, pull))
        hit = None if point is None else refutation_at(F, strict, domain, point)
        if hit is not None:
            break
    if hit is None:
        return Result("UNDECIDED", reason="a counterexample on the straightened box does not map to a checked "
                                          "point of the domain as written", cells=inner.cells, methods=inner.methods)
    point, (value, reason) = _shortest(lambda p: refutation_at(F, strict, domain, p), point, hit)
    return Result("REFUTED", witness={n: str(point[n]) for n in domain.names},
                  witness_value=iv_text(value) if value is not None and not value.empty else None,
                  reason=reason, cells=inner.cells, methods=inner.methods)


def _shortest(refute, point: dict, hit):
    """A witness with fewer digits when one still refutes on the domain as written (the mapped
    image of pi t has as many digits as arb's enclosure of it): (point, what ``refute`` says)."""
    for digits in (2, 4, 8, 12):
        scale = 10 ** digits
        short = {n: fmpq(int((q * scale).floor()), scale) if q.q > scale else q for n, q in point.items()}
        again = refute(short)
        if again is not None:
            return short, again
    return point, hit


def _pulled(point: dict, box: Domain, k):
    """The point moved by 2^-k of the way to the middle of each bounded range (k None: as is)."""
    if k is None:
        return point
    out = dict(point)
    for name, iv in zip(box.names, box.intervals):
        if iv.lo is not None and iv.hi is not None:
            mid = fmpq(int((iv.lo + iv.hi).p), 2 * int((iv.lo + iv.hi).q))
            out[name] = point[name] + (mid - point[name]) / 2 ** k
    return out


def refutation_at(F, strict: bool, domain: Domain, point: dict):
    """(slack value, reason) when arb shows the point inside the domain as written and the claim
    false there (F < 0, or F <= 0 for a strict claim, or F certainly undefined); else None."""
    if not inside(domain, point):
        return None
    names = domain.names
    args = tuple(point[n] for n in names)
    tape = Tape([[F]], names)
    q = tape.exact(args)
    if q is UNDEFINED:
        return I.EMPTY, "the expression is undefined at the witness point"
    if q is not None:
        value = I.point(arb(q)) if arb(q).is_exact() else I.from_arb(arb(q))
        defined = True
    else:
        vals, decs = tape.intervals([I.point(arb(a)) for a in args])
        value, defined = vals[-1], decs[-1] >= I.DEF
    if defined and (value.certainly_nonpositive() if strict else value.certainly_negative()):
        return value, "arb proves the inequality false at the witness point"
    return None


def inside(domain: Domain, point: dict) -> bool:
    """arb shows the rational point inside every range (expression ends evaluated there)."""
    for name, iv in zip(domain.names, domain.intervals):
        x = point[name]
        for end, side, open_ in ((iv.lo, "lo", iv.lo_open), (iv.hi, "hi", iv.hi_open)):
            if end is None:
                continue
            gap = N.sub(N.num(x), end_tree(end)) if side == "lo" else N.sub(end_tree(end), N.num(x))
            names = tuple(sorted(N.variables(gap)))
            tape = Tape([[gap]], names)
            args = tuple(point[n] for n in names)
            q = tape.exact(args)
            if q is not None and q is not UNDEFINED:
                ok = q > 0 or (q == 0 and not open_)
            else:
                vals, decs = tape.intervals([I.point(arb(a)) for a in args])
                v = vals[-1]
                ok = decs[-1] >= I.DEF and (v.certainly_positive() if open_ else v.certainly_nonnegative())
            if not ok:
                return False
    return True


# -- identities on a domain with expression ends --------------------------------------------------

def prove_identity_straightened(claim, domain: Domain):
    """An ``Identity`` on a domain with expression ends: the same identity of the straightened
    sides on the box (a ``straighten`` certificate around its ``identity`` one); a point where
    the box's sides differ is mapped back and re-checked on the domain as written."""
    from dataclasses import replace
    from .prover import Result, attach_claim
    lhs, rhs = claim.sides()
    s = straighten(lhs, rhs, domain)
    inner = replace(claim, lhs=s.lhs, rhs=s.rhs, over=str(s.domain)).run()
    if inner.status == "PROVED":
        cert = attach_claim({"kind": "straighten", "inner": inner.certificate}, claim.record())
        return Result("PROVED", certificate=cert, seconds=inner.seconds, reason=inner.reason)
    if inner.status != "REFUTED":
        return inner
    point = original_point(s.images, {n: to_fmpq(inner.witness[n]) for n in domain.names})
    hit = None if point is None else identity_refutation_at(lhs, rhs, domain, point)
    if hit is None:
        return Result("UNDECIDED", reason="a point where the straightened sides differ does not map to a checked "
                                          "point of the domain as written", seconds=inner.seconds)
    from .balls import iv_text
    point, (value, reason) = _shortest(lambda p: identity_refutation_at(lhs, rhs, domain, p), point, hit)
    return Result("REFUTED", witness={n: str(point[n]) for n in domain.names}, reason=reason, seconds=inner.seconds,
                  witness_value=None if value is None else iv_text(value))


def identity_refutation_at(lhs, rhs, domain: Domain, point: dict):
    """(value, reason) when arb refutes lhs == rhs at the point of the domain as written, or None."""
    if not inside(domain, point):
        return None
    return sides_differ(lhs, rhs, domain.names, point)


def sides_differ(lhs, rhs, names, point: dict):
    """(lhs - rhs there or None, the reason) when arb shows the two sides different at the point
    (exactly one of them undefined, or both defined with a difference of certain sign), or None."""
    box = [I.point(arb(point[n])) for n in names]
    (a, da), (b, db) = ((v[-1], d[-1] >= I.DEF) for v, d in
                        (Tape([[side]], names).intervals(box) for side in (lhs, rhs)))
    if (a.empty and db) or (b.empty and da):
        return None, "exactly one side is defined at the witness point"
    if da and db:
        gap, d = Tape([[N.sub(lhs, rhs)]], names).intervals(box)
        if d[-1] >= I.DEF and (gap[-1].certainly_positive() or gap[-1].certainly_negative()):
            return gap[-1], "arb proves lhs - rhs != 0 at the witness"
    return None
