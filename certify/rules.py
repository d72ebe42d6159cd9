"""Rewrites of a normalized claim ``F > 0`` (or ``>= 0``), each with the conditions that make it
sound and the check that the certificate checker re-runs.

Every rule produces a ``Form``: the expression G that the search bounds, and side conditions
that must hold on *every* leaf cell (the search checks them by decorated evaluation):
``(F as written, 'defined')`` always, each dropped factor P as ``'positive'`` (or
``'nonnegative'`` for a non-strict claim), each factor W multiplied in as ``'multiplier'``
(required positive): G = F * prod(W) / prod(P).  The identity
between G and F is exact symbolic algebra (sympy, no ``force=True``), valid wherever both sides
are defined, which the conditions guarantee cell by cell.  So a rewrite can never remove an
undefined point: x/x -> 1 still needs x/x defined on every cell.

- ``compactify``  v in [a, oo)  ->  v = a - 1 + 1/u^m, u in (0, 1]  (and (-oo, b] alike);
- ``scale_end``   multiply by w^k, w = v - end > 0 (or end - v) near an open end or u = 0, and
                  let sympy cancel the pole (``together``/``cancel``/``expand``);
- ``drop_factors``  F = P G with P > 0 (or >= 0) on every cell: exponentials, constants, powers
                  of variables, square roots.
- ``degenerate_ends``  ends where G vanishes identically (F and its first k-1 derivatives), for
                  the end rule of ``certify.search``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import sympy
from flint import fmpq

from .checker.forall import sympy_zero     # the checker's exact recipes for "identically 0", one copy
from .domain import Domain, Interval
from .expr import nodes as N
from .expr.bridge import from_sympy, to_sympy
from .expr.diff import diff
from .expr.tape import UNDEFINED, tape_of
from .expr.text import to_text
from .remembered import remembered, tree_key
from .symcache import cached
from .box_ends import EndRule

MAX_ORDER = 6


@dataclass
class Form:
    """The searched expression and the conditions every leaf must satisfy."""
    G: N.Node
    conditions: list = field(default_factory=list)      # (tree, kind)

    def certificate(self) -> dict:
        """The searched form and its conditions: all the checker needs (it re-proves the algebra
        G = F * prod(multipliers) / prod(factors) itself, so no provenance is recorded)."""
        return {"expr": to_text(self.G),
                "conditions": [{"expr": to_text(t), "kind": k} for t, k in self.conditions]}


def symbolic(F: N.Node, domain: Domain):
    """sympy form of F with each variable declared positive (nonnegative) when its interval in
    the domain is, so that sympy's own (unforced) rules may use the sign: sqrt(u^2) = u."""
    S = to_sympy(F)
    return S.xreplace(assumed_symbols(S, domain))


def assumed_symbols(expr, domain: Domain) -> dict:
    out = {}
    for s in expr.free_symbols:
        if s.name not in domain.names:
            continue
        iv = domain.interval(s.name)
        if iv.lo is not None and (iv.lo > 0 or (iv.lo == 0 and iv.lo_open)):
            out[s] = sympy.Symbol(s.name, positive=True)
        elif iv.lo is not None and iv.lo >= 0:
            out[s] = sympy.Symbol(s.name, nonnegative=True)
    return out


def _q(x) -> fmpq:
    return x if isinstance(x, fmpq) else fmpq(int(x.p), int(x.q))


# -- compactification ---------------------------------------------------------------------------

def compactify(F: N.Node, domain: Domain, powers=None):
    """Substitute each half-infinite variable by a map of u in (0, 1]: v = a - 1 + 1/u^m (or
    b + 1 - 1/u^m), m = ``powers[v]`` (default 1; ``certify.growth`` chooses); returns
    (F composed with the maps, the bounded domain, [{'var', 'image', 'power'}])."""
    from .errors import CertifyInputError
    images, records, ivs = {}, [], []
    one = sympy.Integer(1)
    for name, iv in zip(domain.names, domain.intervals):
        if iv.bounded:
            ivs.append(iv)
            continue
        if iv.lo is None and iv.hi is None:
            raise CertifyInputError(f"{name} in (-oo, oo): split the range at a finite point")
        m = (powers or {}).get(name, 1)
        inv = N.div(N.ONE, N.var(name) if m == 1 else N.pown(N.var(name), m))
        if iv.hi is None:
            image = N.add(N.num(_q(iv.lo) - 1), inv)
            end_open = iv.lo_open
        else:
            image = N.sub(N.num(_q(iv.hi) + 1), inv)
            end_open = iv.hi_open
        images[name] = image
        records.append({"var": name, "image": to_text(image), "power": m})
        ivs.append(Interval(sympy.Integer(0), one, lo_open=True, hi_open=end_open))
    return N.substitute(F, images), Domain(domain.names, tuple(ivs)), records


# -- sympy rewrites ------------------------------------------------------------------------------

REWRITES = (lambda e: e, lambda e: sympy.bottom_up(e, sympy.together), sympy.expand, sympy.cancel)
# the order of the (rewrite, power) pairs that scale_end tries: the two cheap rewrites at every
# power, then the costly ones (every success in the registry and the corpus is a cheap one, at
# k = 0, 1 or 2; a k = 2 success took 10 failed tries before it, 0.15 s, with the power outer).
# bottom_up(e, cancel) is not among them: it closed no end in the registry or the corpus and
# cost 1.18 s of the corpus's 2.17 s of failed scale_end calls (0.22 s of the registry's 0.46 s)
REWRITE_GROUPS = ((0, 1), (2, 3))


@lru_cache(maxsize=2048)
def _scaled_form(S, name, endq, side, k, which):
    """Rewrite number ``which`` of w^k S near the end, back in the variable (cached: the same
    end of the same expression recurs across claims and beta ranges)."""
    v = next((s for s in S.free_symbols if s.name == name), sympy.Symbol(name, real=True))
    if side == "lo" and endq == 0 and v.is_positive:
        return REWRITES[which](S * v ** k)       # w = v already, with its sign known
    w = sympy.Dummy("w", positive=True)
    inside = endq + w if side == "lo" else endq - w
    back = v - endq if side == "lo" else endq - v
    return REWRITES[which](S.xreplace({v: inside}) * w ** k).xreplace({w: back})


class _Lazy:
    """F's sympy form (``symbolic``), built only when a rewrite is not remembered: the cache
    key is F's text and the domain (which fix the form and its assumptions;
    ``remembered.tree_key``), so a warm run builds no sympy expression at all."""
    def __init__(self, F, domain):
        self.F, self.domain, self._S = F, domain, None
        self.key = (tree_key(F, domain.names, self), str(domain))

    def __call__(self):
        if self._S is None:
            self._S = symbolic(self.F, self.domain)
        return self._S


def scale_end(F: N.Node, name: str, end, side: str, ok, domain: Domain, powers=range(0, 5)):
    """w^k F rewritten by sympy so that ``ok(G)`` (the search's end-cell test) holds, k >= 0,
    w = name - end (side 'lo') or end - name (side 'hi'); None if no k and rewrite does."""
    S = _Lazy(F, domain)
    endq = sympy.Rational(int(end.p), int(end.q)) if isinstance(end, fmpq) else sympy.Rational(end)
    W = N.sub(N.var(name), N.num(_q(end))) if side == "lo" else N.sub(N.num(_q(end)), N.var(name))
    for k, which in ((k, which) for group in REWRITE_GROUPS for k in powers for which in group):
        def rewrite():
            try:
                return (from_sympy(_scaled_form(S(), name, endq, side, k, which)),)
            except Exception:      # sympy produced something outside the grammar
                return None
        G = remembered("scale_end", (*S.key, name, endq, side, k, which), domain.names, rewrite)
        if G is not None and ok(G[0]):
            factors = [(W if k == 1 else N.pown(W, k), "multiplier")] if k else []
            return Form(G[0], [(F, "defined")] + factors)
    return None


def _positive_factor(f, domain: Domain) -> bool:
    if f.is_number:
        return bool(f.is_positive)
    if isinstance(f, sympy.exp):
        return True
    if f.is_Pow and f.base.is_Symbol:
        iv = domain.interval(f.base.name)
        return iv.lo is not None and (iv.lo > 0 or (iv.lo == 0 and iv.lo_open))
    if f.is_Pow and f.exp.is_Integer:
        return _positive_on_domain(f.base, domain)
    return _positive_on_domain(f, domain)


def _positive_on_domain(f, domain: Domain) -> bool:
    """Is f defined, continuous and > 0 on the whole (bounded) domain by one decorated
    evaluation (sin x on (0, 3]: (0, 1])?  Only a choice of form: the search proves the dropped
    factor positive on every cell again."""
    from flint import arb
    from .expr import interval as I
    if f.is_Symbol or not all(iv.bounded for iv in domain.intervals):
        return False
    try:
        T = from_sympy(f)
    except Exception:
        return False
    box = [I.Interval(arb(_q(iv.lo)), arb(_q(iv.hi)), iv.lo_open, iv.hi_open) for iv in domain.intervals]
    vals, decs = tape_of([[T]], domain.names).intervals(box)
    return decs[-1] >= I.DAC and vals[-1].certainly_positive()


def _nonnegative_factor(f, domain: Domain) -> bool:
    if f.is_Pow and f.exp.is_Rational and f.exp > 0 and not f.exp.is_Integer:
        return True          # a root: >= 0 wherever defined (checked per cell)
    if f.is_Pow and f.exp.is_Integer and f.exp % 2 == 0:
        return True
    return _positive_factor(f, domain)


def drop_factors(F: N.Node, domain: Domain, nonnegative=False, factor=None, name="drop_factors"):
    """F = P * G (sympy.factor, or ``factor(S, domain)``: a product equal to F's sympy form S on
    the domain, or None) with the factors P > 0 (>= 0 when ``nonnegative``) by form; the search
    then proves each P > 0 (>= 0) on every cell.  None when nothing can be dropped.  Remembered
    across runs under ``name`` (``certify.remembered``)."""
    S = _Lazy(F, domain)

    def compute():
        T = sympy.factor(S()) if factor is None else factor(S(), domain)
        return None if T is None else _dropped(T, domain, nonnegative)
    trees = remembered(name, (*S.key, nonnegative), domain.names, compute)
    if trees is None:
        return None
    kind = "nonnegative" if nonnegative else "positive"
    return Form(trees[0], [(F, "defined")] + [(p, kind) for p in trees[1:]])


def _dropped(S, domain: Domain, nonnegative):
    """(G, P1, P2, ...) of ``drop_factors`` for the product S, or None."""
    parts = S.args if S.is_Mul else (S,)
    keep, dropped = [], []
    test = _nonnegative_factor if nonnegative else _positive_factor
    for f in parts:
        if f.is_number and f.is_negative:
            keep.append(sympy.Integer(-1))
            dropped.append(-f)
        elif test(f, domain):
            dropped.append(f)
        else:
            keep.append(f)
    if not dropped:
        return None
    try:
        return (from_sympy(sympy.Mul(*keep)), *(from_sympy(d) for d in dropped))
    except Exception:
        return None


# -- degenerate ends -----------------------------------------------------------------------------

def at_end(T: N.Node, name: str, value, names, mids):
    """(T with name = value, its decorated value there with the other variables at ``mids``)."""
    from flint import arb
    from .expr import interval as I
    at = N.substitute(T, {name: N.num(_q(value))})
    vals, decs = tape_of([[at]], names).intervals([I.point(arb(m)) for m in mids])
    return at, vals[-1], decs[-1]


def vanishes(T: N.Node, name: str, value, names, mids) -> bool:
    """Does T vanish identically at name = value (for every value of the other variables)?
    False also where T is undefined at that point (no end rule can use it there)."""
    from flint import arb
    from .expr import interval as I
    # first a ball of T itself at (value, mids): certainly nonzero there settles it
    pt = [_q(value) if n == name else m for n, m in zip(names, mids)]
    tape = tape_of([[T]], names)
    b = tape.balls([arb(q) for q in pt])[tape.outputs[0][0]]
    if b is not None and (b > 0 or b < 0):
        return False
    at, v, _ = at_end(T, name, value, names, mids)
    if not N.variables(at):
        exact = tape_of([[at]], ()).exact(())
        if exact is not None:
            return exact is not UNDEFINED and exact == 0
    # the enclosure covers T's values where it is defined: 0 outside it means T is nonzero at
    # the point or undefined there (an end rule needs T continuous up to the end, so neither
    # gives one)
    if v is I.EMPTY or v.certainly_positive() or v.certainly_negative():
        return False
    try:
        key = tree_key(at, names, lambda: to_sympy(at))
        return cached("vanishes", (key,), lambda: sympy_zero(to_sympy(at)))
    except Exception:
        return False


def degenerate_ends(G: N.Node, names, domain: Domain):
    """EndRules for the ends where G and its first order-1 derivatives vanish identically."""
    rules = []
    mids = [fmpq(1, 2) * (_q(iv.lo) + _q(iv.hi)) for iv in domain.intervals]
    for i, (name, iv) in enumerate(zip(names, domain.intervals)):
        for side, value in (("lo", iv.lo), ("hi", iv.hi)):
            if not vanishes(G, name, value, names, mids):
                continue
            order, d = 1, diff(G, name)
            while order < MAX_ORDER and vanishes(d, name, value, names, mids):
                order, d = order + 1, diff(d, name)
            rules.append(EndRule(i, side, _q(value), order))
    return rules
