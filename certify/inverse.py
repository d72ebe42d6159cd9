"""A claim g(A) op B decided through the inverse h of a strictly monotone g (kind ``inverse``).

For every point of the domain: A in the domain of g and B in the range of g, so c = h(B) lies
in g's domain and g(c) = B; g strictly monotone there gives g(A) op g(c) exactly when A op c
(increasing g) or c op A (decreasing g).  So g(A) op B follows from the sub-claims, each an
ordinary claim on the same domain (``certify check`` rebuilds them from the claim and replays
each): A inside dom g, B inside range g, and A op' h(B).  ``acos(u) < 1/sqrt(x)`` near u = 1
is the use: acos has an infinite derivative there, while u > cos(1/sqrt(x)) is analytic in
1/sqrt(x) and closes at infinity by an end rule.  A real power u**v = exp(v log u) (u > 0)
goes through exp: (1 + 1/x)**x < E is x log(1 + 1/x) < 1.

``inverse_route`` tries the rule on the whole domain, then, for one half-infinite variable, on
a tail [Z, oo) (or (-oo, -Z]) with the rest searched as usual (a ``split`` certificate).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy
from flint import arb

from .balls import arb_decimal
from .domain import Domain
from .exact import to_fmpq
from .expr import interval as I
from .expr import nodes as N
from .expr.parse import parse_expr
from .expr.tape import Tape

FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
ONE = sympy.Integer(1)


@dataclass(frozen=True)
class Monotone:
    """g strictly monotone on dom = (lo, lo_open, hi, hi_open) onto rng (ends as texts, None:
    infinite), with inverse h (a tree of B)."""
    increasing: bool
    dom: tuple
    rng: tuple
    inverse: object


INVERSES = {
    "acos": Monotone(False, ("-1", False, "1", False), ("0", False, "pi", False), lambda b: N.call("cos", b)),
    "asin": Monotone(True, ("-1", False, "1", False), ("-pi/2", False, "pi/2", False), lambda b: N.call("sin", b)),
    "atan": Monotone(True, (None, True, None, True), ("-pi/2", True, "pi/2", True), lambda b: N.call("tan", b)),
    "exp": Monotone(True, (None, True, None, True), ("0", True, None, True), lambda b: N.call("log", b)),
    "log": Monotone(True, ("0", True, None, True), (None, True, None, True), lambda b: N.call("exp", b)),
    "sqrt": Monotone(True, ("0", False, None, True), ("0", False, None, True), lambda b: N.pown(b, 2)),
}


# where g's derivative is infinite (the direct search cannot close a cell whose A goes there)
SINGULAR = {"acos": (-1, 1), "asin": (-1, 1), "sqrt": (0,)}
NEAR = 2 ** -8


def singular_at_an_end(lhs, op, rhs, domain: Domain) -> bool:
    """Does A approach a point where g' is infinite at an infinite end of the domain (sampled at
    2^20 beyond the finite end)?  No end rule closes that end (at a finite end one does: the
    Lagrange point lies inside the cell), so the rule is tried before the direct search."""
    found = shape(lhs, op, rhs)
    if found is None or found[0] not in SINGULAR or len(domain.names) != 1 or domain.intervals[0].bounded:
        return False
    (iv,) = domain.intervals
    pt = to_fmpq(iv.lo) + 2 ** 20 if iv.hi is None else to_fmpq(iv.hi) - 2 ** 20
    vals, decs = Tape([[found[1]]], domain.names).intervals([I.point(arb(pt))])
    v = vals[-1]
    return decs[-1] >= I.DEF and v.lo is not None and any(abs(arb(s) - v.lo) < NEAR for s in SINGULAR[found[0]])


def shape(lhs: N.Node, op: str, rhs: N.Node):
    """(g, A, op, B) with the claim equivalent to g(A) op B, or None; for a real power
    (g = 'pow'), A is the power u**v itself, which is exp(v log u) for u > 0."""
    for side, other, rel in ((lhs, rhs, op), (rhs, lhs, FLIP[op])):
        if side.op in INVERSES:
            return side.op, side.args[0], rel, other
        if side.op == "pow":
            return "pow", side, rel, other
    return None


def _inside(t: N.Node, ends) -> list:
    lo, lo_open, hi, hi_open = ends
    out = [] if lo is None else [(t, ">" if lo_open else ">=", parse_expr(lo, ()))]
    return out + ([] if hi is None else [(t, "<" if hi_open else "<=", parse_expr(hi, ()))])


def subclaims(g: str, A: N.Node, op: str, B: N.Node) -> list:
    """[(lhs, op, rhs)]: B in range g, A in dom g, then A op' h(B) (the module doc); for
    u**v op B (exp increasing): B > 0, u > 0, v log(u) op log(B)."""
    if g == "pow":
        u, v = A.args
        return [(B, ">", N.ZERO), (u, ">", N.ZERO), (N.mul(v, N.call("log", u)), op, N.call("log", B))]
    m = INVERSES[g]
    main = (A, op if m.increasing else FLIP[op], m.inverse(B))
    return _inside(B, m.rng) + _inside(A, m.dom) + [main]


def _point(domain: Domain) -> list:
    """A rational point of the domain: midpoints, a + 1 on [a, oo), b - 1 on (-oo, b]."""
    out = []
    for iv in domain.intervals:
        lo = None if iv.lo is None else to_fmpq(iv.lo)
        hi = None if iv.hi is None else to_fmpq(iv.hi)
        out.append((lo + hi) / 2 if lo is not None and hi is not None else lo + 1 if lo is not None else hi - 1)
    return out


def _margin(F, domain: Domain):
    """(['0', an upper bound of F at the point, or 'oo'], the point): inf F >= 0 is the claim."""
    pt = _point(domain)
    vals, decs = Tape([[F]], domain.names).intervals([I.point(arb(q)) for q in pt])
    v = vals[-1]
    if decs[-1] < I.DEF or v.hi is None:
        return ["0", "oo"], None
    return ["0", arb_decimal(v.hi, 10, up=True)], [str(q) for q in pt]


def prove_inverse(lhs, op, rhs, domain: Domain, budget, progress):
    """The claim by the rule (an ``inverse`` certificate) when every sub-claim is PROVED, else
    None (a sub-claim that fails says nothing about the claim)."""
    from .prover import Result, normalize, prove_inequality
    found = shape(lhs, op, rhs)
    if found is None:
        return None
    parts, cells = [], 0
    for sl, sop, sr in subclaims(*found):
        if budget.expired():
            return None
        r = prove_inequality(sl, sop, sr, domain, budget, True, progress, allow_split=False)
        if r.status != "PROVED":
            return None
        parts.append(r.certificate)
        cells += r.cells
    margin, point = _margin(normalize(lhs, op, rhs)[0], domain)
    cert = {"kind": "inverse", "function": found[0], "parts": parts, "margin": margin, "margin_point": point}
    return Result("PROVED", margin=margin, cells=cells, methods={f"inverse-{found[0]}": 1}, certificate=cert,
                  reason=_through(found[0]))


def _through(g: str) -> str:
    return "through u**v = exp(v log u)" if g == "pow" else f"through the inverse of {g}"


def inverse_route(lhs, op, rhs, domain: Domain, budget, progress):
    """``prove_inverse`` on the whole domain, else on a tail of a half-infinite variable with
    the rest searched (a ``split`` at Z), else None."""
    from .prover import attach_claim, claim_record, prove_inequality
    from .splits import joined
    from .tails import TAIL_STARTS
    from .tangent import halves
    found = shape(lhs, op, rhs)
    if found is None:
        return None
    whole = prove_inverse(lhs, op, rhs, domain, budget, progress)
    if whole is not None or len(domain.names) != 1 or domain.intervals[0].bounded:
        return whole
    (name,), (iv,) = domain.names, domain.intervals
    for step in TAIL_STARTS:
        Z = max(iv.lo, ONE) + step if iv.hi is None else min(iv.hi, -ONE) - step
        body, tail = halves(domain, 0, Z) if iv.hi is None else halves(domain, 0, Z)[::-1]
        far = prove_inverse(lhs, op, rhs, tail, budget, progress)
        if far is None:
            continue
        attach_claim(far.certificate, claim_record(lhs, op, rhs, tail))
        near = prove_inequality(lhs, op, rhs, body, budget, False, progress, allow_split=False)
        if near.status != "PROVED":
            return None
        return joined(domain, 0, to_fmpq(Z), [near, far] if iv.hi is None else [far, near],
                      f"{_through(found[0])} on the tail from {name} = {Z}")
    return None
