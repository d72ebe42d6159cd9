"""Re-check of certificates (GUIDE §4): replays every recorded decision, never searches.

From the claim text alone it re-derives the slack F (as written), the compactifying
substitutions, the box and its open ends; it re-proves each rewrite of the searched form G
(sympy: G equals F times the recorded positive factors) and requires F's definedness and each
factor's sign among the leaf conditions; it re-derives each end rule (G and its lower
derivatives vanish there); and it replays every leaf with the recorded method and precision.

This checker still shares the evaluation core (``certify.expr``, ``certify.enclose``) with the
prover; an independent kernel is the subject of its own issue.
"""
from __future__ import annotations

import hashlib
import json

import sympy

from . import rules
from .domain import parse_domain
from .enclose import Ladder
from .exact import to_fmpq
from .expr import nodes as N
from .expr.bridge import to_sympy
from .expr.diff import diff
from .expr.parse import parse_expr
from .expr.text import to_text
from .prover import _box, _opens, normalize
from .search import EndRule, end_rule_method, with_prec


class CheckError(Exception):
    pass


def _zero(e) -> bool:
    return sympy.simplify(e) == 0


def _claim_slack(cert):
    c = cert.get("claim")
    if not c:
        raise CheckError("a certificate without its claim")
    if cert.get("hash") != hashlib.sha256(json.dumps(c, sort_keys=True).encode()).hexdigest():
        raise CheckError("the claim does not match its hash")
    domain = parse_domain(c["domain"])
    lhs, rhs = parse_expr(c["lhs"], domain.names), parse_expr(c["rhs"], domain.names)
    F, strict = normalize(lhs, c["op"], rhs)
    return F, strict, domain


def check_forall(cert: dict) -> int:
    """Re-verify a 'forall' or 'tail' certificate; returns the number of leaves replayed."""
    if cert.get("kind") == "tail":
        return _check_tail(cert)
    F, strict, domain = _claim_slack(cert)
    return _check_problem(cert, F, strict, domain)


def _check_problem(cert, F, strict, domain) -> int:
    prob = cert["problem"]
    names = domain.names
    if prob["source"] != to_text(F) or prob["strict"] != strict or tuple(prob["vars"]) != names:
        raise CheckError("the searched slack does not match the claim")
    subs = []
    if not all(iv.bounded for iv in domain.intervals):
        F, domain, subs = rules.compactify(F, domain)
    if prob["substitutions"] != subs:
        raise CheckError("the substitutions are not the claim's compactification")
    box, opens = _box(domain), _opens(domain)
    if [[str(a), str(b)] for a, b in box] != prob["box"]:
        raise CheckError("the searched box is not the claim's domain")
    form = prob["form"]
    G = parse_expr(form["expr"], names)
    conditions = [(parse_expr(c["expr"], names), c["kind"]) for c in form["conditions"]]
    _check_form(F, G, conditions, form, strict, domain)
    facts, replayed = _facts(prob.get("obligations", []), domain)
    rules_ = [EndRule(r["var"], r["side"], to_fmpq(r["value"]), r["order"]) for r in prob["end_rules"]]
    mids = [(a + b) / 2 for a, b in box]
    for r in rules_:
        end = box[r.index][0 if r.side == "lo" else 1]
        if r.value != end:
            raise CheckError("an end rule away from an end of the box")
        d = G
        for _ in range(r.order):
            if not rules.vanishes(d, names[r.index], r.value, names, mids):
                raise CheckError("end rule: a lower derivative does not vanish at the end")
            d = diff(d, names[r.index])
    ladder = Ladder(G, names, opens, conditions if G is not F else (), facts)
    lows: list = []
    leaves = replayed + _replay(ladder, cert["tree"], tuple(box), strict, rules_, lows)
    if "margin" in cert:
        _check_margin(cert, F, names, box, opens, facts, lows)
    return leaves


def _check_margin(cert, F, names, box, opens, facts, lows):
    """The certified margin [lo, hi] encloses inf of the slack: lo is at most every replayed
    leaf's lower bound of the slack as written (or 0 when one is unknown: the claim is proved),
    and the slack at the recorded point of the domain is at most hi."""
    from flint import arb
    lo_text, hi_text = cert["margin"]
    known = [v for v in lows if v is not None]
    floor = min(known) if known and len(known) == len(lows) else None
    lo = to_fmpq(lo_text)
    if lo > 0 and (floor is None or not arb(lo) <= floor):
        raise CheckError("the certified margin's lower end is above what the leaves prove")
    if hi_text == "oo":
        return
    pt = cert.get("margin_point")
    if pt is None:
        raise CheckError("a finite margin upper end without its point")
    q = [to_fmpq(t) for t in pt]
    for (a, b), (o_lo, o_hi), x in zip(box, opens, q):
        if not a <= x <= b or (o_lo is not None and x == o_lo) or (o_hi is not None and x == o_hi):
            raise CheckError("the margin point is outside the domain")
    value, defined = Ladder(F, names, opens, facts=facts).at_point(q)
    if not defined or value.hi is None or not value.hi <= arb(to_fmpq(hi_text)):
        raise CheckError("the slack at the margin point is above the certified upper end")


def _facts(records, domain):
    """The domain facts of a problem: each obligation's certificate must prove exactly
    'expr op bound' on the searched domain, and is replayed."""
    from flint import arb
    from .obligations import FACT, _merge
    facts, leaves = {}, 0
    for rec in records:
        cert = rec["certificate"]
        want = {"lhs": rec["expr"], "op": rec["op"], "rhs": rec["rhs"], "domain": str(domain)}
        if cert is None or cert.get("claim") != want:
            raise CheckError("an obligation certificate is not about its obligation")
        if rec["op"] not in FACT:
            raise CheckError(f"unknown obligation relation {rec['op']}")
        leaves += check_certificate(cert)
        node = parse_expr(rec["expr"], domain.names)
        bound = to_fmpq(rec["rhs"])
        facts[node] = _merge(facts.get(node), FACT[rec["op"]](arb(bound)))
    return facts, leaves


def _check_form(F, G, conditions, form, strict, domain):
    """G = F * prod(multipliers) / prod(dropped factors), exactly (sympy), with F's
    definedness first among the leaf conditions."""
    if G is F:
        return
    if not conditions or conditions[0] != (F, "defined"):
        raise CheckError("a rewritten form without the definedness of the slack as written")
    ratio = sympy.Integer(1)
    for tree, kind in conditions[1:]:
        if kind == "nonnegative" and strict:
            raise CheckError("a nonnegative factor dropped from a strict inequality")
        if kind == "multiplier":
            ratio *= rules.symbolic(tree, domain)
        elif kind in ("positive", "nonnegative"):
            ratio /= rules.symbolic(tree, domain)
        else:
            raise CheckError(f"unknown condition {kind}")
    trial, target = rules.symbolic(F, domain) * ratio, rules.symbolic(G, domain)
    for rewrite in (lambda e: e, lambda e: sympy.bottom_up(e, sympy.together), sympy.factor, sympy.simplify):
        try:
            if _zero(rewrite(trial) - rewrite(target)):
                return
        except Exception:
            continue
    raise CheckError("the searched form does not equal the slack times its recorded factors")


def _replay(ladder, node, cell, strict, rules_, lows=None) -> int:
    if "split" in node:
        i, at = node["split"], to_fmpq(node["at"])
        lo, hi = cell[i]
        if not lo < at < hi:
            raise CheckError("split point outside its cell")
        left, right = list(cell), list(cell)
        left[i], right[i] = (lo, at), (at, hi)
        a, b = node["children"]
        return _replay(ladder, a, tuple(left), strict, rules_, lows) + _replay(ladder, b, tuple(right), strict, rules_, lows)
    method, prec = node["leaf"], node["prec"]

    def run():
        ok, slack = ladder.side_check(cell)
        if not ok:
            return False
        if method.startswith("end-order-"):
            order, how = method[len("end-order-"):].split(":")
            record(slack)
            return any(r.order == int(order) and end_rule_method(ladder, r, cell, strict) == how for r in rules_)
        from .enclose import lower_positive
        value = ladder.enclose(method, cell)
        record(value if ladder.side is None else slack)
        return lower_positive(value, strict)

    def record(v):
        if lows is not None:
            lows.append(None if v is None or v.lo is None else v.lo)
    if not with_prec(prec, run):
        raise CheckError(f"leaf {cell} not decided by {method} at {prec} bits")
    return 1


def _check_tail(cert) -> int:
    F, strict, domain = _claim_slack(cert)
    name = domain.names[0]
    if cert.get("reflected"):
        F = N.substitute(F, {name: N.neg(N.var(name))})
    if cert["source"] != to_text(F) or cert["strict"] != strict:
        raise CheckError("tail: the slack does not match the claim")
    deriv = cert["derivative"]
    dF = parse_expr(deriv["claim"]["lhs"], (name,))
    if dF is not diff(F, name) or deriv["claim"]["rhs"] != "0":
        raise CheckError("tail: the monotonicity claim is not about F'")
    if (deriv["claim"]["op"] == "<") != (cert["direction"] == "decreasing"):
        raise CheckError("tail: direction does not match the derivative claim")
    Z = cert["Z"]
    if deriv["claim"]["domain"] != f"{name} in [{Z}, oo)":
        raise CheckError("tail: derivative claim is not on [Z, oo)")
    leaves = check_forall(deriv)
    leaves += _check_defined(cert["defined"], F, name, Z)
    body = cert["body"]
    iv = domain.intervals[0]
    lo = -iv.hi if cert.get("reflected") else iv.lo
    lo_open = iv.hi_open if cert.get("reflected") else iv.lo_open
    expect = f"{name} in {'(' if lo_open else '['}{lo}, {Z}]"
    body_domain = parse_domain(expect)
    leaves += _check_problem(body, F, strict, body_domain)
    if cert["direction"] == "decreasing":
        limit = sympy.limit(to_sympy(F), sympy.Symbol(name, real=True), sympy.oo)
        if not _zero(limit - sympy.sympify(cert["limit"])) or not bool(limit >= 0):
            raise CheckError("tail: the limit at infinity is not the recorded nonnegative value")
    return leaves


def _check_defined(cert, F, name, Z) -> int:
    return check_defined(cert, F, parse_domain(f"{name} in [{Z}, oo)"))


def check_defined(cert, F, domain) -> int:
    """Replay a 'defined' certificate: F (as written) is defined and continuous on the domain."""
    if cert is None or cert.get("kind") != "defined":
        raise CheckError("a definedness proof is missing")
    Fc, dom_c, subs = rules.compactify(F, domain)
    prob = cert["problem"]
    if prob["source"] != to_text(Fc) or prob["substitutions"] != subs or tuple(prob["vars"]) != domain.names:
        raise CheckError("a definedness proof is about another expression")
    if prob["box"] != [[str(a), str(b)] for a, b in _box(dom_c)]:
        raise CheckError("a definedness proof is about another domain")
    facts, leaves = _facts(prob.get("obligations", []), dom_c)
    ladder = Ladder(N.ONE, domain.names, _opens(dom_c), [(Fc, "defined")], facts)
    return leaves + _replay(ladder, cert["tree"], tuple(_box(dom_c)), True, [])


def check_identity(cert) -> int:
    """Both sides defined on the whole domain (replayed definedness certificates) and equal
    by exact sympy algebra."""
    from .claims import identity_method
    d = parse_domain(cert["domain"])
    lhs, rhs = parse_expr(cert["lhs"], d.names), parse_expr(cert["rhs"], d.names)
    sides = [side for side in (lhs, rhs) if N.variables(side)]
    if len(cert.get("defined", [])) != len(sides):
        raise CheckError("identity: a side has no definedness proof")
    leaves = sum(check_defined(c, side, d) for c, side in zip(cert["defined"], sides))
    if identity_method(lhs, rhs, d) is None:
        raise CheckError("identity: sympy does not reduce the difference to 0")
    return leaves


def check_certificate(cert: dict, skipped: dict | None = None) -> int:
    """Re-verify ``cert``; returns the number of cells replayed.  Kinds whose certificate does
    not carry enough data to replay (matrix, extremum) are counted in ``skipped``."""
    kind = cert.get("kind")
    if kind in ("forall", "tail"):
        return check_forall(cert)
    if kind == "identity":
        return check_identity(cert)
    if kind == "limit":
        v = sympy.Symbol(cert["var"], real=True)
        found = sympy.limit(to_sympy(parse_expr(cert["expr"], (cert["var"],))), v, sympy.oo)
        if sympy.simplify(found - to_sympy(parse_expr(cert["value"], ()))) != 0:
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


