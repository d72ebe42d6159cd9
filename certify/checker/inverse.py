"""Replay of kind ``inverse``: g(A) op B through the inverse h of a strictly monotone g.

The checker keeps its own table of g: its domain, its range and h with g(h(B)) = B on the
range.  From the claim text it finds g(A) on one side (the left side first), then rebuilds the
sub-claims on the claim's own domain: B in range g, A in dom g (closed or open ends as the table
says), and A op h(B) (op reversed for a decreasing g).  A real power u**v, which is
exp(v log u) for u > 0, has the sub-claims B > 0, u > 0 and v log(u) op log(B).  Each part must be a certificate of
exactly that sub-claim (the same terms, relation and domain), replayed in turn.  Then at every
point c = h(B) lies in dom g with g(c) = B, and g(A) op g(c) holds exactly when A op c (or
c op A): the claim.  The margin's lower end is at most 0 (the claim is inf >= 0) and its upper
end at least the slack at the recorded point of the domain.
"""
from __future__ import annotations

from flint import arb

from . import arith as A
from . import terms as T
from .evaluate import value
from .forall import claim_hash, read_claim
from .reader import read_domain, read_expr, read_rational
from .terms import CheckError

FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
# g: (increasing, (dom lo, lo open, dom hi, hi open), (range ...), h)
TABLE = {
    "acos": (False, ("-1", False, "1", False), ("0", False, "pi", False), lambda b: T.call("cos", (b,))),
    "asin": (True, ("-1", False, "1", False), ("-pi/2", False, "pi/2", False), lambda b: T.call("sin", (b,))),
    "atan": (True, (None, True, None, True), ("-pi/2", True, "pi/2", True), lambda b: T.call("tan", (b,))),
    "exp": (True, (None, True, None, True), ("0", True, None, True), lambda b: T.call("log", (b,))),
    "log": (True, ("0", True, None, True), (None, True, None, True), lambda b: T.call("exp", (b,))),
    "sqrt": (True, ("0", False, None, True), ("0", False, None, True), lambda b: T.pown(b, 2)),
}


def _inside(t, ends) -> list:
    lo, lo_open, hi, hi_open = ends
    out = [] if lo is None else [(t, ">" if lo_open else ">=", read_expr(lo, ()))]
    return out + ([] if hi is None else [(t, "<" if hi_open else "<=", read_expr(hi, ()))])


def expected(claim, names):
    """(g, [(lhs term, op, rhs term)] of the sub-claims) rebuilt from the claim record."""
    lhs, rhs = read_expr(claim["lhs"], names), read_expr(claim["rhs"], names)
    op = claim["op"]
    for side, b, rel in ((lhs, rhs, op), (rhs, lhs, FLIP[op])):
        if side.op == "pow":           # u**v = exp(v log u) for u > 0, and exp increases
            u, v = side.args
            zero, log = read_expr("0", ()), lambda t: T.call("log", (t,))
            return "pow", [(b, ">", zero), (u, ">", zero), (T.binary("mul", v, log(u)), rel, log(b))]
        if side.op in TABLE:
            g, a, op = side.op, side.args[0], rel
            break
    else:
        raise CheckError("inverse: neither side is a function of the table or a real power")
    increasing, dom, rng, h = TABLE[g]
    main = (a, op if increasing else FLIP[op], h(b))
    return g, _inside(b, rng) + _inside(a, dom) + [main]


def check_inverse(cert, replay) -> int:
    """Replay an ``inverse`` certificate; ``replay`` checks one part (an inequality certificate)
    and returns its leaves."""
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim):
        raise CheckError("the claim does not match its hash")
    F, _, domain = read_claim(claim)
    g, subs = expected(claim, domain.names)
    parts = cert.get("parts")
    if cert.get("function") != g or not isinstance(parts, list) or len(parts) != len(subs):
        raise CheckError("inverse: the parts are not the rule's sub-claims")
    leaves = 0
    for part, (lhs, op, rhs) in zip(parts, subs):
        pc = part.get("claim") if isinstance(part, dict) else None
        if not isinstance(pc, dict) or pc.get("op") != op or not isinstance(pc.get("domain"), str) \
                or read_domain(pc["domain"]) != domain \
                or read_expr(pc.get("lhs"), domain.names) is not lhs or read_expr(pc.get("rhs"), domain.names) is not rhs:
            raise CheckError("inverse: a part proves another claim than the rule needs")
        leaves += replay(part)
    _check_margin(cert, F, domain)
    return leaves


def _check_margin(cert, F, domain):
    margin = cert.get("margin")
    if not isinstance(margin, list) or len(margin) != 2 or read_rational(margin[0]) > 0:
        raise CheckError("inverse: a margin whose lower end is not at most 0")
    if margin[1] == "oo":
        return
    pt = cert.get("margin_point")
    if not isinstance(pt, list) or len(pt) != len(domain.names):
        raise CheckError("inverse: a finite margin upper end without its point")
    q = [read_rational(t) for t in pt]
    if not domain.contains(q):
        raise CheckError("inverse: the margin point is outside the domain")
    point = dict(zip(domain.names, q))
    v, dec = value(F, {n: A.point(x) for n, x in point.items()}, point=point)
    if dec < A.DEF or v.hi is None or not v.hi <= arb(read_rational(margin[1])):
        raise CheckError("inverse: the slack at the margin point is above the certified upper end")
