"""Identities as written: which exact sympy simplifier reduces lhs - rhs to 0 (no
``force=True``; symbols positive or nonnegative only where the domain says so), and arb
refutation at sample points (``certify.claims.Identity``)."""
from __future__ import annotations

import random
import sympy
from flint import fmpq

from .balls import iv_text
from .checker.kinds import pythagoras   # the checker's exact recipe (sin^2 = 1 - cos^2), one copy
from .domain import Domain
from .expr import nodes as N
from .expr.bridge import to_sympy
from .expr.tape import Tape
from .rules import assumed_symbols
from .remembered import tree_key
from .symcache import cached


def _radicands(e):
    """Each fractional power's base put in lowest terms and factored (exact rational-function
    algebra); sympy then splits a root of a product only where its assumptions allow."""
    def fix(n):
        if n.is_Pow and n.exp.is_Rational and not n.exp.is_Integer:
            return sympy.Pow(sympy.factor(sympy.cancel(n.base)), n.exp)
        return n
    return sympy.simplify(sympy.bottom_up(e, fix))


SIMPLIFIERS = {
    "expand": sympy.expand,
    "cancel": lambda e: sympy.cancel(sympy.together(e)),
    "pythagoras": pythagoras,
    "radicands": _radicands,
    "simplify": sympy.simplify,
    "expand_trig": lambda e: sympy.simplify(sympy.expand_trig(e)),
    "radsimp": lambda e: sympy.simplify(sympy.radsimp(e)),
}


def identity_method(lhs, rhs, domain: Domain):
    """The name of the first exact simplifier that reduces lhs - rhs to 0 (sympy, with the
    domain's sign facts as symbol assumptions), or None.  Remembered by the sides' text and
    the domain (``remembered.tree_key``: a warm run builds no sympy expression)."""
    def first():
        diff = to_sympy(lhs) - to_sympy(rhs)
        diff = diff.xreplace(assumed_symbols(diff, domain))
        for name, simplifier in SIMPLIFIERS.items():
            try:
                if simplifier(diff) == 0:
                    return name
            except Exception:
                continue
        return None
    key = tuple(tree_key(t, domain.names, lambda t=t: to_sympy(t)) for t in (lhs, rhs))
    return cached("identity_method", (*key, str(domain)), first)


def _sample_points(domain: Domain, count: int, seed: int = 0):
    rng = random.Random(seed)
    for _ in range(count):
        pt = []
        for iv in domain.intervals:
            lo = iv.lo if iv.lo is not None else (iv.hi - 50 if iv.hi is not None else -50)
            hi = iv.hi if iv.hi is not None else lo + 50
            q = lo + (hi - lo) * sympy.Rational(rng.randint(1, 999), 1000)
            pt.append(fmpq(int(q.p), int(q.q)))
        yield pt


def refute_identity(lhs, rhs, domain: Domain):
    from .expr import interval as I
    from flint import arb
    tape = Tape([[lhs, rhs, N.sub(lhs, rhs)]], domain.names)
    a, b, c = tape.outputs[0]
    for pt in _sample_points(domain, 8):
        vals, decs = tape.intervals([I.point(arb(q)) for q in pt])
        where = {n: str(q) for n, q in zip(domain.names, pt)}
        if vals[a].empty != vals[b].empty:
            side = "lhs" if vals[a].empty else "rhs"
            return where, None, f"the {side} is undefined at the witness, the other side is defined"
        if decs[c] >= I.DEF and (vals[c].certainly_positive() or vals[c].certainly_negative()):
            return where, iv_text(vals[c]), "arb proves lhs - rhs != 0 at the witness"
    return None
