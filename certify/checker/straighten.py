"""Replay of ``straighten`` certificates: a claim whose domain has expression ends (``x in [0,
pi]``, ``z in [7/5, 2*b]``), proved on a box.

From the claim text the checker derives, for every variable v with an expression end (a
variable before the variables its ends mention; in domain order where nothing forces one):
``v in [lo, hi]`` -> ``v = lo + (hi - lo)*v``, v in [0, 1] (each end open exactly when it was);
``v in [lo, oo)`` -> ``v = lo + v``, v in [0, oo); ``v in (-oo, hi]`` -> ``v = hi + v``, v in
(-oo, 0]; substituted one at a time into both sides as written.  The inner certificate must be
of exactly that claim (the same terms, relation and box), and it is replayed as any other.

Every point of the domain is the image of a point of the box (t = (v - lo)/(hi - lo), any t when
lo = hi), so the box's claim implies the domain's.  The box's points map into the domain when
every expression end is a constant and each range's ends are ordered (checked here in arb); only
then may the certified margin keep the box's upper end; otherwise its upper end must be 'oo'.
"""
from __future__ import annotations

from flint import fmpq

from . import arith as A
from . import terms as T
from .evaluate import UNDEFINED, exact, value
from .forall import claim_hash
from .reader import Domain, Range, read_domain, read_expr
from .terms import CheckError


def _term(end):
    return end if isinstance(end, T.Term) else T.num(end)


def _depends(r: Range) -> set:
    return {v for e in (r.lo, r.hi) if isinstance(e, T.Term) for v in T.variables(e)}


def order(domain: Domain) -> list:
    todo = [n for n, r in zip(domain.names, domain.ranges) if not r.exact_ends]
    deps = {n: _depends(r) for n, r in zip(domain.names, domain.ranges)}
    for n in domain.names:
        if not deps[n] <= set(domain.names):
            raise CheckError(f"the range of {n} mentions an unknown name")
    out = []
    while todo:
        ready = [n for n in todo if not any(n in deps[m] for m in todo if m != n)]
        if not ready:
            raise CheckError("ranges that depend on each other in a cycle")
        out.append(ready[0])
        todo.remove(ready[0])
    return out


def straightened(lhs, rhs, domain: Domain):
    """(lhs, rhs, box) of the claim on the box (see the module docstring)."""
    ranges = dict(zip(domain.names, domain.ranges))
    for name in order(domain):
        r = domain.ranges[domain.names.index(name)]
        v = T.var(name)
        if r.lo is not None and r.hi is not None:
            lo, hi = _term(r.lo), _term(r.hi)
            img = T.binary("add", lo, T.binary("mul", T.binary("sub", hi, lo), v))
            ranges[name] = Range(fmpq(0), fmpq(1), r.lo_open, r.hi_open)
        elif r.hi is None:
            img = T.binary("add", _term(r.lo), v)
            ranges[name] = Range(fmpq(0), None, r.lo_open, True)
        else:
            img = T.binary("add", _term(r.hi), v)
            ranges[name] = Range(None, fmpq(0), True, r.hi_open)
        lhs, rhs = T.substitute(lhs, {name: img}), T.substitute(rhs, {name: img})
    return lhs, rhs, Domain(domain.names, tuple(ranges[n] for n in domain.names))


def _ordered_constants(domain: Domain) -> bool:
    """Every expression end is a constant and arb shows each range's ends ordered (lo < hi)."""
    for r in domain.ranges:
        if r.exact_ends:
            continue
        ends = [e for e in (r.lo, r.hi) if isinstance(e, T.Term)]
        if any(T.variables(e) for e in ends):
            return False
        if r.lo is not None and r.hi is not None:
            gap, dec = value(T.binary("sub", _term(r.hi), _term(r.lo)), {})
            if dec < A.DEF or not A.positive(gap):
                return False
    return True


SHAPES = {   # the claim record's keys -> the certificate kinds that may prove it on the box
    frozenset({"lhs", "op", "rhs", "domain"}): ("forall", "tail", "split"),
    frozenset({"lhs", "rhs", "domain"}): ("identity",),
}


def check_straighten(cert, replay) -> int:
    """Replay a ``straighten`` certificate (``replay``: the bundle's dispatcher for the inner
    one): an inequality (inner ``forall``, ``tail`` or ``split``, with a margin) or an identity
    (inner ``identity``, no margin)."""
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim):
        raise CheckError("the claim does not match its hash")
    kinds = SHAPES.get(frozenset(claim)) if isinstance(claim, dict) else None
    if kinds is None:
        raise CheckError("a malformed claim record")
    domain = read_domain(claim["domain"], expressions=True)
    if domain.is_box:
        raise CheckError("straighten: the domain has no expression end")
    lhs, rhs = (read_expr(claim[k], domain.names) for k in ("lhs", "rhs"))
    want_lhs, want_rhs, box = straightened(lhs, rhs, domain)
    inner = cert.get("inner")
    if not isinstance(inner, dict) or inner.get("kind") not in kinds:
        raise CheckError(f"straighten: the box's claim has no {', '.join(kinds[:-1]) + ' or ' if kinds[1:] else ''}"
                         f"{kinds[-1]} certificate")
    ic = inner.get("claim")
    if not isinstance(ic, dict) or set(ic) != set(claim) or ic.get("op") != claim.get("op"):
        raise CheckError("straighten: the box's claim has another relation")
    ibox = read_domain(ic.get("domain"))          # a box, well formed
    got_lhs, got_rhs = (read_expr(ic[k], ibox.names) for k in ("lhs", "rhs"))
    if ibox != box or got_lhs is not want_lhs or got_rhs is not want_rhs:
        raise CheckError("straighten: the box's claim is not the claim with its ends straightened")
    leaves = replay(inner)
    if "op" not in claim:
        if "margin" in cert:
            raise CheckError("straighten: an identity has no margin")
        return leaves
    margin, inner_margin = cert.get("margin"), inner.get("margin")
    if not isinstance(inner_margin, list) or len(inner_margin) != 2:
        raise CheckError("straighten: the box's certificate has no margin")
    want = inner_margin if _ordered_constants(domain) else [inner_margin[0], "oo"]
    if margin != want:
        raise CheckError("straighten: the margin is not the box's (upper end 'oo' unless the box maps into "
                         "the domain)")
    return leaves


def inside(domain: Domain, point: dict) -> bool:
    """arb shows the rational point (name -> fmpq) in every range, expression ends evaluated there."""
    box = {n: A.point(q) for n, q in point.items()}
    for name, r in zip(domain.names, domain.ranges):
        x = T.num(point[name])
        for end, is_lo, open_ in ((r.lo, True, r.lo_open), (r.hi, False, r.hi_open)):
            if end is None:
                continue
            gap = T.binary("sub", x, _term(end)) if is_lo else T.binary("sub", _term(end), x)
            q = exact(gap, point)
            if q is UNDEFINED:
                return False
            if q is not None:
                ok = q > 0 or (q == 0 and not open_)
            else:
                v, dec = value(gap, box)
                ok = dec >= A.DEF and (A.positive(v) if open_ else A.nonnegative(v))
            if not ok:
                return False
    return True
