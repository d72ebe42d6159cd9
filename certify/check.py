"""Independent re-check of certificates (GUIDE §4): small and boring, never calls the search.

For a for-all certificate it re-derives, from the recorded text alone:
- the normalized slack F from the claim (sympy: difference simplifies to 0);
- the transformation to the searched expression G (dropped factors are positive by form;
  the substitution and the u^k factor reproduce G exactly, by sympy);
- each end rule (F and its lower derivatives vanish there, by sympy);
- that the tree's children partition their parent exactly (rational arithmetic);
- every leaf: the recorded method at the recorded precision decides the cell with arb;
- obligations (recursively), tails (derivative sign, limit, body).
"""
from __future__ import annotations

import hashlib
import json

import flint
import sympy

from .balls import certainly_positive
from .domain import Interval, compactify, parse_domain
from .enclose import Ladder
from .exact import to_rational
from .parse import parse_expr
from .prover import _positive_var, normalize
from .search import EndRule


class CheckError(Exception):
    pass


def _expr(text, names):
    return parse_expr(text, names)


def _zero(e) -> bool:
    return sympy.simplify(e) == 0


def check_forall(cert: dict, names=None) -> int:
    """Re-verify a 'forall' or 'tail' certificate; returns the number of leaves checked."""
    if cert.get("kind") == "tail":
        return _check_tail(cert)
    prob = cert["problem"]
    names = tuple(prob["vars"])
    syms = [sympy.Symbol(n, real=True) for n in names]
    F = _expr(prob["source"], names)
    G = _expr(prob["expr"], names)
    if "claim" not in cert:
        raise CheckError("a for-all certificate without its claim")
    c = cert["claim"]
    if cert.get("hash") != hashlib.sha256(json.dumps(c, sort_keys=True).encode()).hexdigest():
        raise CheckError("the claim does not match its hash")
    F0, strict = normalize(_expr(c["lhs"], names), c["op"], _expr(c["rhs"], names))
    if strict != prob["strict"] or not _zero(F0 - F):
        raise CheckError("the searched slack does not match the claim")
    domain = parse_domain(c["domain"])
    searched = compactify(domain)[0] if prob["transform"]["substitutions"] else domain
    if [[str(iv.lo), str(iv.hi)] for iv in searched.intervals] != \
            [[str(to_rational(a)), str(to_rational(b))] for a, b in prob["box"]]:
        raise CheckError("the searched box is not the claim's domain")
    _check_transform(F, G, prob["transform"], names, domain, searched)
    leaves = 0
    for ob in cert.get("obligations", []):
        leaves += check_forall(ob)
    rules = [EndRule(r["var"], r["side"], to_rational(r["value"]), r["order"]) for r in prob["end_rules"]]
    for r in rules:
        v = syms[r.index]
        d = G
        for _ in range(r.order):
            if not _zero(d.subs(v, r.value)):
                raise CheckError(f"end rule at {v} = {r.value}: a lower derivative does not vanish")
            d = sympy.diff(d, v)
    clip = [_expr(c, names) for c in prob["clip"]]
    ladder = Ladder(G, syms, clip)
    box = [tuple(to_rational(t) for t in pair) for pair in prob["box"]]
    leaves += _replay(ladder, cert["tree"], tuple(box), prob["strict"], rules)
    return leaves


def _check_transform(F, G, transform, names, domain, searched):
    S = F
    for text in transform["strip"]:
        d = _expr(text, names)
        positive = (d.is_number and d.is_positive) or isinstance(d, sympy.exp) or (
            d.is_Pow and d.base.is_Symbol and _positive_var(d.base, domain))
        if not positive:
            raise CheckError(f"dropped factor {text} is not positive by form")
        S = S / d
    for sub in transform["substitutions"]:
        v = sympy.Symbol(sub["var"], real=True)
        S = S.subs(v, _expr(sub["image"], names)) * v ** transform["power"].get(sub["var"], 0)
    moved = {sub["var"] for sub in transform["substitutions"]}
    for rec in transform.get("ends", []):
        v, end = sympy.Symbol(rec["var"], real=True), to_rational(rec["end"])
        iv = searched.interval(rec["var"])
        if not (iv.lo_open if rec["side"] == "lo" else iv.hi_open):
            raise CheckError("an end factor was used at a closed end")
        S = S * ((v - end) if rec["side"] == "lo" else (end - v)) ** rec["power"]
        moved.add(rec["var"])
    # the rewrites are equalities on the open box: write each moved variable as
    # (lo + hi r)/(1 + r) with r > 0, so that v - lo > 0 and hi - v > 0 are visible to sympy
    for name in sorted(moved):
        iv = searched.interval(name)
        v, r = sympy.Symbol(name, real=True), sympy.Dummy("r", positive=True)
        inside = (iv.lo + iv.hi * r) / (1 + r)
        S, G = S.subs(v, inside), G.subs(v, inside)
    if not any(_zero(rewrite(S) - rewrite(G)) for rewrite in (
            lambda e: e, lambda e: sympy.bottom_up(e, sympy.together), sympy.factor)):
        raise CheckError("the transformed expression does not equal the searched expression")


def _replay(ladder, node, cell, strict, rules) -> int:
    if "split" in node:
        i, at = node["split"], to_rational(node["at"])
        lo, hi = cell[i]
        if not lo < at < hi:
            raise CheckError("split point outside its cell")
        left, right = list(cell), list(cell)
        left[i], right[i] = (lo, at), (at, hi)
        a, b = node["children"]
        return _replay(ladder, a, tuple(left), strict, rules) + _replay(ladder, b, tuple(right), strict, rules)
    method, prec = node["leaf"], node["prec"]
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        if method.startswith("end-order-"):
            order, how = method[len("end-order-"):].split(":")
            ok = False
            for r in rules:
                lo, hi = cell[r.index]
                if r.order == int(order) and (lo if r.side == "lo" else hi) == r.value:
                    sign = -1 if (r.side == "hi" and r.order % 2) else 1
                    d = ladder.derivative(r.index, r.order, sign)
                    ok = ok or certainly_positive(d.enclose(how, cell), strict=False)
        else:
            ok = certainly_positive(ladder.enclose(method, cell), strict)
    finally:
        flint.ctx.prec = old
    if not ok:
        raise CheckError(f"leaf {cell} not decided by {method} at {prec} bits")
    return 1


def _check_tail(cert) -> int:
    name = cert["var"]
    F = _expr(cert["source"], (name,))
    v = sympy.Symbol(name, real=True)
    if "claim" in cert:      # the top of a tail proof: tie it to the claim (a reflected claim mirrors v)
        c = cert["claim"]
        F0, strict = normalize(_expr(c["lhs"], (name,)), c["op"], _expr(c["rhs"], (name,)))
        (iv,) = parse_domain(c["domain"]).intervals
        if cert.get("reflected"):
            F0, iv = F0.subs(v, -v), Interval(-iv.hi, None, iv.hi_open, True)
        if strict != cert["strict"] or not _zero(F0 - F):
            raise CheckError("tail: the slack does not match the claim")
        (body,) = parse_domain(cert["body"]["claim"]["domain"]).intervals
        if (body.lo, body.lo_open, body.hi, body.hi_open) != (iv.lo, iv.lo_open, to_rational(cert["Z"]), False) \
                or iv.hi is not None:
            raise CheckError("tail: the bisected part is not [a, Z] of the claim's domain")
    deriv = cert["derivative"]
    dF = _expr(deriv["claim"]["lhs"], (name,))
    if not _zero(dF - sympy.diff(F, v)):
        raise CheckError("tail: the monotonicity claim is not about F'")
    op = deriv["claim"]["op"]
    if (op == "<") != (cert["direction"] == "decreasing"):
        raise CheckError("tail: direction does not match the derivative claim")
    Z = to_rational(cert["Z"])
    if parse_domain(deriv["claim"]["domain"]).intervals[0].lo != Z:
        raise CheckError("tail: derivative claim does not start at Z")
    leaves = check_forall(deriv) + check_forall(cert["body"])
    if cert["direction"] == "decreasing":
        limit = sympy.limit(F, v, sympy.oo)
        if not _zero(limit - _expr(cert["limit"], (name,))):
            raise CheckError("tail: recorded limit differs from sympy's")
        from .translate import ArbFunction
        if not (ArbFunction(limit, ())() >= 0):
            raise CheckError("tail: limit at infinity is not >= 0")
    return leaves


def check_certificate(cert: dict, skipped: dict | None = None) -> int:
    """Re-verify ``cert``; returns the number of cells replayed.  Kinds whose certificate does
    not carry enough data to replay (matrix, extremum) are counted in ``skipped``."""
    kind = cert.get("kind")
    if kind in ("forall", "tail"):
        return check_forall(cert)
    if kind == "identity":
        d = parse_domain(cert["domain"])
        diff = _expr(cert["difference"], d.names)
        if cert.get("radicals_merged"):
            from .claims import _is_positive_interval, _merged_radicals_vanish, _radicands_nonnegative
            if not _radicands_nonnegative(diff, d):
                raise CheckError("identity: a radicand is not proved nonnegative")
            positive = {s: sympy.Symbol(s.name, positive=True) for s in diff.free_symbols
                        if _is_positive_interval(d.interval(s.name))}
            if not _merged_radicals_vanish(diff, positive):
                raise CheckError("identity: merged radicals do not cancel")
        elif not any(s(diff) == 0 for s in (sympy.expand, sympy.simplify)):
            positive = {s: sympy.Symbol(s.name, positive=True) for s in diff.free_symbols}
            if sympy.simplify(sympy.expand_trig(diff)) != 0 and sympy.simplify(diff.xreplace(positive)) != 0:
                raise CheckError("identity: sympy does not reduce the difference to 0")
        return 0
    if kind == "factored":
        from .prover import nonnegative_factor
        names, domain = tuple(cert["vars"]), parse_domain(cert["domain"])
        dropped = [_expr(t, names) for t in cert["dropped"]]
        if not all(nonnegative_factor(d, domain) for d in dropped):
            raise CheckError("factored: a dropped factor is not nonnegative by form")
        inner = cert["inner"]
        G = _expr(inner["claim"]["lhs"], names)
        if inner["claim"]["op"] != ">=" or not _zero(_expr(cert["source"], names) - G * sympy.Mul(*dropped)):
            raise CheckError("factored: the factorization does not reproduce the slack")
        if parse_domain(inner["claim"]["domain"]) != domain:
            raise CheckError("factored: inner claim on another domain")
        return check_certificate(inner, skipped)
    if kind == "limit":
        v = sympy.Symbol(cert["var"], real=True)
        found = sympy.limit(_expr(cert["expr"], (cert["var"],)), v, sympy.oo)
        if sympy.simplify(found - _expr(cert["value"], ())) != 0:
            raise CheckError("limit: sympy finds a different value")
        return 0
    if kind == "rootcount":
        return sum(check_certificate(p["certificate"], skipped) for p in cert["parts"])
    if kind == "bundle":
        return sum(check_certificate(e["certificate"], skipped) for e in cert["claims"] if e.get("certificate"))
    if skipped is not None:
        skipped[kind] = skipped.get(kind, 0) + 1
    return 0


def check_file(path: str) -> tuple[int, dict]:
    with open(path) as fh:
        cert = json.load(fh)
    skipped: dict = {}
    return check_certificate(cert, skipped), skipped
