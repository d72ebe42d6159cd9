"""The monotone-tail rule for one unbounded variable (when no u^k scaling tames infinity).

For F on [a, oo): if F' < 0 on [Z, oo) (a claim of its own, on the derivative tree of F as
written) and F is defined there, F decreases to L = lim F (sympy's exact limit), so
inf over [Z, oo) is L and F > L >= 0 there; if F' > 0 there, inf over [Z, oo) is F(Z), which
the bisected part [a, Z] covers.  (-oo, b] is reflected to [-b, oo).  The certified margin is
the smaller of the bisected part's and, for a decreasing tail, the limit's.
"""
from __future__ import annotations

import sympy
from flint import fmpq

from .balls import arb_decimal
from .domain import Domain, Interval
from .expr import interval as I
from .expr import nodes as N
from .expr.bridge import from_sympy, to_sympy
from .expr.diff import diff
from .expr.parse import parse_expr
from .expr.tape import Tape
from .expr.text import to_text
from .exact import to_fmpq
from .remembered import tree_key
from .symcache import cached

TAIL_STARTS = (8, 32, 128)
# one derivative-sign attempt (of up to six) may use this share of the time left and these cells:
# a sign that 1000 cells do not decide on [Z, oo) is a cancellation no depth removes
SIGN_SHARE, SIGN_CELLS = 0.15, 1000


def _limit_value(F, name):
    """lim_{v -> oo} F as an Interval (None when sympy finds no real limit); sympy's limit is
    remembered across runs as the text of its value (``certify.symcache``, keyed by F's text),
    read back by the safe parser."""
    key = tree_key(F, (name,), lambda: to_sympy(F))
    found = cached("tail_limit", (key, sympy.Symbol(name, real=True)), lambda: _limit_text(F, name))
    if found is None:
        return None
    if found == "oo":
        return I.Interval(None, None)
    vals, decs = Tape([[parse_expr(found, ())]], ()).intervals([])
    return vals[-1] if decs[-1] >= I.DEF else None


def _limit_text(F, name):
    """sympy's limit at +oo as text ('oo' for +oo), or None when it is not a finite real."""
    try:
        L = sympy.limit(to_sympy(F), sympy.Symbol(name, real=True), sympy.oo)
    except Exception:
        return None
    if L is sympy.oo:
        return "oo"
    if not (L.is_real and L.is_finite):
        return None
    try:
        return to_text(from_sympy(L))
    except Exception:
        return None


def prove_tail(F, strict, domain: Domain, budget, progress):
    from .prover import Result, prove_defined, prove_inequality, _prove
    (name,), (iv,) = domain.names, domain.intervals
    reflected = iv.lo is None
    if reflected:
        F = N.substitute(F, {name: N.neg(N.var(name))})
        iv = Interval(-iv.hi, None, iv.hi_open, True)
    limit = _limit_value(F, name)
    dF = diff(F, name)
    base = max(iv.lo, sympy.Integer(1))
    stuck = set()          # a sign undecided (not refuted) on [Z, oo) stays so on a later tail
    for step in TAIL_STARTS:
        Z = base + step
        tail = Domain((name,), (Interval(Z, None, False, True),))
        for direction, op in (("decreasing", "<"), ("increasing", ">")):
            if direction in stuck or direction == "decreasing" and (limit is None or not limit.certainly_nonnegative()):
                continue
            sign = prove_inequality(dF, op, N.ZERO, tail, budget.share(SIGN_SHARE, SIGN_CELLS), allow_tail=False)
            if sign.status == "UNDECIDED":
                stuck.add(direction)
            if sign.status != "PROVED":
                continue
            defined = prove_defined(F, tail, budget)
            if defined.status != "PROVED":
                continue
            body_domain = Domain((name,), (Interval(iv.lo, Z, iv.lo_open, False),))
            body = _prove(F, strict, body_domain, budget, False, progress)
            if body.status != "PROVED":
                return _mirror(body, name) if reflected else body
            margin = body.margin
            if direction == "decreasing" and margin and limit.lo is not None:
                lo = arb_decimal(limit.lo, 10, up=False) if limit.lo > 0 else "0"
                hi = "oo" if limit.hi is None else arb_decimal(limit.hi, 10, up=True)
                margin = [min(margin[0], lo, key=_num), min(margin[1], hi, key=_num)]
            cert = {"kind": "tail", "Z": str(fmpq(int(Z.p), int(Z.q))), "direction": direction,
                    "derivative": sign.certificate, "defined": defined.certificate,
                    "body": body.certificate, "margin": margin}
            return Result("PROVED", margin=margin, cells=body.cells + sign.cells + defined.cells,
                          methods=body.methods, certificate=cert)
    return None


def _num(text):
    from fractions import Fraction
    if text == "oo":
        return float("inf")
    try:
        return Fraction(text)
    except ValueError:
        return float(text)


def _mirror(result, name):
    if result.witness:
        result.witness = {name: str(-to_fmpq(result.witness[name]))}
    return result
