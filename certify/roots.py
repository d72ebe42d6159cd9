"""Certified root isolation of F(x; p) on an interval of x, uniformly over a box of parameters.

Contract.  ``isolate(fn, t_lo, t_hi, P, scale)`` covers ``x = scale * t``, ``t in [t_lo, t_hi]``
(exact rational t; ``scale`` is an arb constant such as pi, so the ends 0 and pi are exact in t)
by consecutive closed pieces with exact rational ends.  Each piece carries one of four kinds,
each a statement about *every* parameter value p in the box P:

- ``pos`` / ``neg``  F(x, p) > 0 (resp. < 0) for all x in the piece;
- ``root``           F(., p) has exactly one zero in the piece, and it is simple: dF/dx has a
                     constant sign on piece x P (``slope``) and F has opposite certified signs
                     at the two ends (so by the intermediate value theorem and strict
                     monotonicity there is one and only one root; by the implicit function
                     theorem it is a C^1 function of p);
- ``unresolved``     nothing is claimed (the piece may contain zero, one or several roots, or a
                     root that sits at the end of the domain, or a double root).

Because the pieces cover the whole interval, a complete isolation (no ``unresolved`` piece)
proves that *no other root exists*: the number of roots is the number of ``root`` pieces.

How the pieces are found (the search is free to be clever; each decision is an arb proof):

1. bisection of t; a cell is ``pos``/``neg`` when the enclosure of F on cell x P (plain
   evaluation intersected with the mean-value form, see ``Fn.enclose``) has a certain sign;
2. a cell that does not resolve is tested for monotonicity: dF/dx of constant sign on the
   cell and certified signs of F at its two ends give ``root`` (opposite signs) or a sign piece
   (equal signs; a monotone function between two values of one sign keeps that sign);
3. a cell whose two ends and midpoint all straddle zero lies inside the set swept by the root
   as p ranges over P; it is not split further (its children could never resolve);
4. adjacent unresolved cells are merged into one cluster and the monotonicity test is retried
   on the whole cluster (the root moves with p, so its enclosure is a ball over the cell);
5. a ``root`` piece is contracted by interval Newton steps N = m - F(m, P) / dF(X, P) (in x
   units), whose new ends are proved by re-evaluating the sign of F there: the two slices cut
   off are sign pieces by monotonicity.

Definedness (the expression as written, ``certify.expr``).  F is a tree; an enclosure is used
only where F is proved defined and continuous on the whole box (arb-ball fast path, else
decoration >= dac), so a ``pos``/``neg`` piece also proves F defined there.  Steps 2, 4 and 5
(monotonicity, the intermediate value theorem, Newton) are used on a piece only when F itself
is proved defined and continuous on the piece and the derivative tree (``certify.expr.diff``:
defined exactly where the chain rule applies, so (atan(tan x))' is undefined at the pole of
tan) is defined there, i.e. has a certain sign.  A piece where F is undefined, or jumps, can
only end ``unresolved``.

GUIDE section 2: no Python float enters a ball (t ends are ``Fraction``; balls are built from
``fmpq``); every arb comparison goes through ``sign`` (certainly positive / certainly negative
/ undecided, NaN and infinities undecided); powers are products.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

from flint import arb, fmpq

from .errors import CertifyInputError
from .expr import interval as I
from .expr import nodes as N
from .expr.bridge import from_sympy
from .expr.diff import diff
from .expr.tape import Tape
from .expr.text import to_text

__all__ = ["Fn", "Piece", "Isolation", "isolate", "sign", "qarb", "tball", "arb_to_fraction",
           "floor_dyadic", "ceil_dyadic", "normalize", "is_total", "CellBall", "interval_of"]


# -- small exact helpers -------------------------------------------------------------------------

def qarb(q: Fraction) -> arb:
    """The exact rational q as an arb (exact when q is dyadic, else a tight ball)."""
    if type(q) is not Fraction:
        if isinstance(q, float):                   # GUIDE §2: never a binary double
            raise TypeError("binary float refused")
        q = Fraction(q)
    if q.denominator == 1:
        return arb(q.numerator)
    return arb(fmpq(q.numerator, q.denominator))


class CellBall(arb):
    """An arb ball that also carries the exact closed interval it was built for (``interval``,
    an ``expr.interval.Interval`` with exact ends where they are dyadic).  The decorated
    interval fallback of ``Fn`` evaluates on those ends: a ball's radius is rounded up, so the
    ball of [0, 1/4] reaches below 0, where sqrt(p) is undefined.  Arithmetic on a CellBall
    gives a plain arb."""
    __slots__ = ("interval",)


def tball(lo: Fraction, hi: Fraction) -> arb:
    """A ball containing the closed interval [lo, hi] of exact rationals (a ``CellBall`` that
    remembers [lo, hi] when lo < hi)."""
    if lo == hi:
        return qarb(lo)
    a, b = qarb(lo), qarb(hi)
    ball = CellBall(a.union(b))
    ball.interval = I.Interval(a if a.is_exact() else a.lower(), b if b.is_exact() else b.upper())
    return ball


def interval_of(ball: arb) -> I.Interval:
    """The closed interval to evaluate a ball's variable on: the exact cell of a ``CellBall``,
    else [lower, upper] of the ball."""
    return ball.interval if isinstance(ball, CellBall) else I.from_arb(ball)


def sign(v: arb) -> int:
    """+1 if v is certainly > 0, -1 if certainly < 0, 0 if undecided (also NaN, infinite)."""
    if not v.is_finite():
        return 0
    if v > 0:
        return 1
    if v < 0:
        return -1
    return 0


def arb_to_fraction(v: arb) -> Fraction:
    """The exact value of an exact arb (e.g. ``x.lower()``); refuses an inexact ball, whose
    midpoint would not be a bound."""
    if not (v.is_exact() and v.is_finite()):
        raise ArithmeticError(f"not an exact finite number: {v}")
    m, e = v.man_exp()
    m, e = int(m), int(e)
    return Fraction(m, 1 << -e) if e < 0 else Fraction(m << e)


def floor_dyadic(q: Fraction, bits: int = 64) -> Fraction:
    return Fraction(math.floor(q * (1 << bits)), 1 << bits)


def ceil_dyadic(q: Fraction, bits: int = 64) -> Fraction:
    return Fraction(math.ceil(q * (1 << bits)), 1 << bits)


def lower_fraction(v: arb) -> Fraction:
    """An exact rational <= every point of the (finite) ball v."""
    return arb_to_fraction(v.lower())


def upper_fraction(v: arb) -> Fraction:
    return arb_to_fraction(v.upper())


# -- a compiled function with its partial derivatives ------------------------------------------

# operations defined and continuous on all of R (or R^2): a tree made of these alone is defined
# and continuous on every box, so its decoration needs no evaluation
TOTAL_OPS = frozenset({"num", "pi", "e", "var", "neg", "add", "sub", "mul", "exp", "sin", "cos",
                       "atan", "sinh", "cosh", "tanh", "asinh", "abs", "sinc", "min", "max"})
NAN = arb.nan()


def is_total(tree: N.Node) -> bool:
    """True when every operation of the tree is defined and continuous everywhere (integer
    powers with a nonnegative exponent included)."""
    return all(n.op in TOTAL_OPS or (n.op == "pown" and n.data >= 0) for n in N.postorder([tree]))


def _product(node: N.Node):
    """(exact rational coefficient, list of factor nodes) of the tree's mul / neg chain."""
    coef, facs, stack = fmpq(1), [], [node]
    while stack:
        n = stack.pop()
        if n.op == "mul":
            stack.append(n.args[1])
            stack.append(n.args[0])
        elif n.op == "neg":
            coef = -coef
            stack.append(n.args[0])
        elif n.op == "num":
            coef *= n.data
        else:
            facs.append(n)
    return coef, facs


class _Normalizer:
    """Polynomial normal form of the +, -, * skeleton of a tree over its *atoms* (every other
    node, kept as the very same node: sin(x), exp(...), x, a quotient, ...).  Like terms are
    merged (t + t -> 2 t, sin(x)*b*sin(x) -> b*sin(x)**2) and the monomial common to every term
    of a sum is pulled out (a c + b c -> c (a + b), what sympy's ``factor_terms`` did for the
    old derivatives); a product with a sum factor is not expanded (the nested form encloses
    better)."""

    def __init__(self):
        self._key: dict = {}
        self._terms: dict = {}

    def key(self, n: N.Node) -> str:
        k = self._key.get(id(n))
        if k is None:
            k = self._key[id(n)] = to_text(n)
        return k

    # a monomial: tuple of (key, node, exponent) sorted by key; terms: {mono id: (coef, mono)}
    @staticmethod
    def _mono_id(mono):
        return tuple((k, e) for k, _, e in mono)

    @staticmethod
    def _mono_mul(a, b):
        acc = {}
        for k, n, e in a + b:
            acc[k] = (n, acc.get(k, (n, 0))[1] + e)
        return tuple(sorted((k, n, e) for k, (n, e) in acc.items()))

    def terms(self, n: N.Node) -> dict:
        hit = self._terms.get(id(n))
        if hit is None:
            hit = self._terms[id(n)] = self._build_terms(n)
        return hit

    def _build_terms(self, n: N.Node) -> dict:
        op = n.op
        if op == "num":
            return {(): (n.data, ())}
        if op == "neg":
            return {k: (-c, m) for k, (c, m) in self.terms(n.args[0]).items()}
        if op in ("add", "sub"):
            out = dict(self.terms(n.args[0]))
            s = 1 if op == "add" else -1
            for k, (c, m) in self.terms(n.args[1]).items():
                c0 = out[k][0] if k in out else fmpq(0)
                out[k] = (c0 + s * c, m)
            return out
        if op == "mul":
            ta, tb = self.terms(n.args[0]), self.terms(n.args[1])
            for t, other in ((ta, tb), (tb, ta)):        # a number times a sum: distribute
                if len(t) == 1 and () in t and len(other) > 1:
                    q = t[()][0]
                    return {k: (q * c, m) for k, (c, m) in other.items()}
            ca, ma = self.monomial(ta)
            cb, mb = self.monomial(tb)
            m = self._mono_mul(ma, mb)
            return {self._mono_id(m): (ca * cb, m)}
        if op == "pown" and n.data >= 1:
            c, m = self.monomial(self.terms(n.args[0]))
            m = tuple((k, f, e * n.data) for k, f, e in m)
            return {self._mono_id(m): (c ** n.data, m)}
        m = ((self.key(n), n, 1),)
        return {self._mono_id(m): (fmpq(1), m)}

    def monomial(self, terms: dict):
        """(coef, monomial) of a sum: itself if it has one term, else its common monomial times
        the rest of the sum as one factor."""
        live = self._live(terms)
        if not live:
            return fmpq(0), ()
        if len(live) == 1:
            return live[0]
        common, rest = self._factorize(live)
        if len(rest) == 1:
            c, m = rest[0]
            return c, self._mono_mul(common, m)
        node = self._sum_node(rest)
        return fmpq(1), self._mono_mul(common, ((self.key(node), node, 1),))

    def _factorize(self, live):
        """(common monomial, rest): the terms are common * rest; a rest term that is a number
        times a sum is flattened into it (2 - (-1 - u) -> 3 + u) and the split is repeated."""
        common = ()
        while True:
            c, rest = self._split(live)
            common = self._mono_mul(common, c)
            acc: dict = {}
            changed = False
            for q, m in rest:
                if len(m) == 1 and m[0][2] == 1 and m[0][1].op in ("add", "sub", "neg"):
                    changed = True
                    parts = [(q * q2, m2) for q2, m2 in self.terms(m[0][1]).values()]
                else:
                    parts = [(q, m)]
                for q2, m2 in parts:
                    k = self._mono_id(m2)
                    acc[k] = ((acc[k][0] if k in acc else fmpq(0)) + q2, m2)
            live = self._live(acc)
            if not changed or len(live) <= 1:
                return common, live if live else [(fmpq(0), ())]

    def _live(self, terms: dict) -> list:
        """The terms, without those whose coefficient cancelled to 0 and whose factors are all
        defined everywhere (a cancelled term with a partial factor is kept, as 0 * term, so
        that the result keeps that factor's domain)."""
        return [(c, m) for c, m in terms.values() if c != 0 or not all(is_total(f) for _, f, _ in m)]

    def _split(self, live):
        """(the monomial common to all terms, the terms divided by it)."""
        if not live:
            return (), []
        common = {k: (f, e) for k, f, e in live[0][1]}
        for _, m in live[1:]:
            here = {k: e for k, _, e in m}
            common = {k: (f, min(e, here[k])) for k, (f, e) in common.items() if k in here}
        cmono = tuple(sorted((k, f, e) for k, (f, e) in common.items()))
        rest = []
        for c, m in live:
            left = tuple((k, f, e - common[k][1]) if k in common else (k, f, e) for k, f, e in m)
            rest.append((c, tuple(t for t in left if t[2] > 0)))
        return cmono, rest

    @staticmethod
    def _mono_node(mono) -> N.Node:
        out = None
        for _, f, e in mono:
            t = f if e == 1 else N.pown(f, e)
            out = t if out is None else N.mul(out, t)
        return N.num(1) if out is None else out

    def _sum_node(self, live) -> N.Node:
        """The sum of (coef, monomial) terms, in a canonical order (no common monomial)."""
        if not live:
            return N.num(0)
        live = sorted(live, key=lambda t: self._mono_id(t[1]))
        out = None
        for c, m in live:
            body = self._mono_node(m)
            mag = abs(c)
            if not m:
                term = N.num(mag)
            elif mag == 1:
                term = body
            else:
                term = N.mul(N.num(mag), body)
            if out is None:
                out = term if c >= 0 else N.neg(term)
            else:
                out = N.add(out, term) if c >= 0 else N.sub(out, term)
        return out

    def node(self, terms: dict) -> N.Node:
        live = self._live(terms)
        if not live:
            return N.num(0)
        if len(live) == 1:
            return self._sum_node(live)
        common, rest = self._factorize(live)
        body = self._sum_node(rest)
        return body if not common else N.mul(self._mono_node(common), body)


_SKELETON = ("num", "neg", "add", "sub", "mul", "pown")


def normalize(tree: N.Node) -> N.Node:
    """The tree with its +, -, * skeleton in normal form (``_Normalizer``): like terms merged,
    common monomials pulled out of sums, atoms (every other node) untouched.

    Sound for definedness: an atom (where every partial operation lives) is kept as the same
    node, and a term is only dropped when its coefficient cancelled to exactly 0 and all its
    factors are defined everywhere; the rest is ring identities (+, -, * are total).  So the
    result is defined exactly where the input is, and equal to it there.  For derivatives this
    gives products exp(...) * (...), whose sign is decided factor by factor (``Fn.sign``)."""
    if tree.op not in _SKELETON or (tree.op == "pown" and tree.data < 1):
        return tree
    nz = _Normalizer()
    return nz.node(nz.terms(tree))


def _name(v) -> str:
    return v if isinstance(v, str) else str(v.name)


class Fn:
    """A function F(x, *params) given as an expression tree (``certify.expr``; a sympy
    expression is converted with ``from_sympy``), compiled once to a ``Tape``, with lazily
    built partial derivatives (``certify.expr.diff``, the chain rule on the tree as written)
    and a mean-value enclosure.

    Definedness (docs: the decoration rule).  Every value returned is an enclosure of F on the
    *whole* box, or NaN: ``fn(X, P)`` is the arb-ball fast path of the tape (a ball means every
    domain was certain: defined, continuous, bounded on the box), else the decorated interval
    evaluation, used only with decoration >= dac.  So a sign read off a value also proves that F
    is defined on the box, and NaN (sign 0, ``is_finite`` false) decides nothing.

    ``fn.enclose(X, P)`` intersects the plain value with the mean-value form
    F(m) + dF/dx(X, P) (X - m_x) + sum_j dF/dp_j(X, P) (P_j - m_j), used only when F itself is
    defined and continuous on the box (the plain value is finite) and every partial derivative
    tree is defined on it: then F is C^1 there and the form is sound."""

    def __init__(self, expr, x, params: Sequence = ()):
        self.x = _name(x)
        self.params = tuple(_name(p) for p in params)
        self.names = (self.x,) + self.params
        self.variables = self.names
        if isinstance(expr, N.Node):
            extra = N.variables(expr) - set(self.names)
            if extra:
                raise CertifyInputError(f"unknown variable(s) {', '.join(sorted(extra))}")
            self.tree = expr
        else:
            self.tree = from_sympy(expr, self.names)
        self.expr = self.tree
        self.total = is_total(self.tree)
        self._tape = Tape([[self.tree]], self.names)
        self._out = self._tape.outputs[0][0]
        self._partials: dict = {}
        self._facs = None
        self._mv: dict = {}
        self.evaluations = 0

    def __repr__(self):
        return f"Fn({to_text(self.tree)!r})"

    def partial(self, var) -> "Fn":
        """d(tree)/d(var) by ``certify.expr.diff``, its +, -, * skeleton put in normal form
        (``normalize``: like terms merged, common factors such as exp(...) pulled out), compiled
        once."""
        name = _name(var)
        hit = self._partials.get(name)
        if hit is None:
            d = normalize(diff(self.tree, name))
            hit = self._partials[name] = Fn(d, self.x, self.params)
        return hit

    @property
    def dx(self) -> "Fn":
        return self.partial(self.x)

    def _value(self, balls, need=I.DAC) -> arb:
        """The tree on the box of ``balls``: an enclosure of every value, or NaN unless the tree
        is proved defined (and, for need >= dac, continuous) on the whole box."""
        self.evaluations += 1
        v = self._tape.balls(balls)[self._out]
        if v is not None:
            return v
        vals, decs = self._tape.intervals([interval_of(b) for b in balls])
        if decs[self._out] < need:
            return NAN
        v = vals[self._out].to_arb()
        return v if v.is_finite() else NAN

    def __call__(self, X: arb, P: Sequence[arb] = ()) -> arb:
        return self._value([X, *P])

    def continuous_on(self, X: arb, P: Sequence[arb] = ()) -> bool:
        """F is proved defined and continuous on X x P (decoration >= dac)."""
        return self.total or self(X, P).is_finite()

    def sign(self, X: arb, P: Sequence[arb] = (), *, x_point: bool = False) -> int:
        """Certified sign of F on X x P (+1, -1, or 0 = undecided).  A product is decided
        factor by factor (an exp factor is positive wherever it is defined, without
        evaluation when its argument is total): this avoids the midpoint-radius blow-up of a
        product whose factors have a wide dynamic range (e.g. exp(beta (cos x - 1)) for beta in
        [100, 200]).  A nonzero sign also proves F defined on the box: every factor is."""
        factors = self._factors()
        if not factors:
            return self._sign(X, P, x_point)
        s = 1
        positive = []
        for kind, fac in factors:
            if kind == "const":
                s *= sign(fac)
                if not s:
                    return 0
            elif kind == "positive":
                positive.append(fac)
            else:
                si = fac._sign(X, P, x_point)
                if not si:
                    return 0
                s *= si
        for fac in positive:                    # exp(u) > 0 where u is defined
            if not fac.continuous_on(X, P):
                return 0
        return s

    def _sign(self, X, P, x_point) -> int:
        """sign(enclose(...)), trying the plain value alone first (the intersection with the
        mean-value form can only narrow it, so a sign the plain value decides is that sign)."""
        s = sign(self(X, P))
        return s if s else sign(self.enclose(X, P, x_point=x_point))

    def enclose_product(self, X: arb, P: Sequence[arb] = (), *, x_point: bool = False) -> arb:
        """An enclosure of F for a product: the factors are enclosed separately and multiplied
        as intervals (from exact endpoints), intersected with ``enclose``.  Ball multiplication
        adds r1 r2 to the radius, so the product of two sign-definite balls such as [1, 3]^2 may
        contain 0; the interval product does not.  (Every factor enclosure is finite only where
        that factor is defined and continuous, so their product encloses F.)"""
        whole = self.enclose(X, P, x_point=x_point)
        factors = self._factors()
        if not factors:
            return whole
        acc = None
        for kind, fac in factors:
            v = fac if kind == "const" else fac.enclose(X, P, x_point=x_point)
            if not v.is_finite():
                return whole
            acc = v if acc is None else imul(acc, v)
        return _intersect(whole, acc)

    def _factors(self):
        """[(kind, item)]: the factors of a top-level product, kind 'const' (item: its arb value),
        'positive' (an exp, item: its Fn) or 'fn'; [] when the tree is not a product."""
        if self._facs is None:
            facs = []
            coef, nodes = _product(self.tree)
            if len(nodes) + (coef != 1) >= 2:
                if coef != 1:
                    facs.append(("const", arb(coef)))
                for n in nodes:
                    if n.op in ("pi", "e"):
                        facs.append(("const", arb.pi() if n.op == "pi" else arb.const_e()))
                    elif n.op == "exp":
                        facs.append(("positive", Fn(n, self.x, self.params)))
                    else:
                        facs.append(("fn", Fn(n, self.x, self.params)))
            self._facs = facs
        return self._facs

    def enclose(self, X: arb, P: Sequence[arb] = (), *, x_point: bool = False) -> arb:
        """Plain evaluation intersected with the mean-value form (NaN unless F is defined and
        continuous on the box).  Variables whose ball is exact (radius 0), and x when
        ``x_point``, are not expanded."""
        balls = [X, *P]
        wide = tuple(i for i, b in enumerate(balls)
                     if not (i == 0 and x_point) and not b.is_exact())
        if not wide:
            return self(X, P)
        # F and the partials it needs on the box in one pass (they share most of their nodes)
        plain, *grads = self._values(self._mv_tape(wide), balls)
        if not plain.is_finite():
            return plain
        centers = [arb(b.mid()) if i in wide else b for i, b in enumerate(balls)]
        mv = self._value(centers)
        if not mv.is_finite():
            return plain
        for i, g in zip(wide, grads):
            if not g.is_finite():
                return plain
            mv = mv + g * (balls[i] - centers[i])
        return _intersect(plain, mv)

    def _mv_tape(self, wide: tuple) -> Tape:
        """Tape [[F], [dF/dv for v in wide]] (compiled once per set of wide variables)."""
        tape = self._mv.get(wide)
        if tape is None:
            grads = [self.partial(self.names[i]).tree for i in wide]
            tape = self._mv[wide] = Tape([[self.tree], grads], self.names)
        return tape

    def _values(self, tape: Tape, balls) -> list:
        """[F, partials...] of an ``_mv_tape`` on the box: F an enclosure only when F is proved
        defined and continuous on the box (dec >= dac), a partial only when its tree is proved
        defined there (dec >= def); NaN otherwise."""
        self.evaluations += 1
        vals = tape.balls(balls, 1)
        outs = [tape.outputs[0][0], *tape.outputs[1]]
        out = [vals[o] for o in outs]
        if any(v is None for v in out):
            ivs, decs = tape.intervals([interval_of(b) for b in balls], 1)
            for k, o in enumerate(outs):
                if out[k] is None:
                    v = ivs[o].to_arb() if decs[o] >= (I.DAC if k == 0 else I.DEF) else NAN
                    out[k] = v if v.is_finite() else NAN
        return out


def imul(a: arb, b: arb) -> arb:
    """Interval (not ball) product of two finite balls, from their exact endpoints."""
    ends = [u * v for u in (a.lower(), a.upper()) for v in (b.lower(), b.upper())]
    lo, hi = ends[0].lower(), ends[0].upper()
    for e in ends[1:]:                 # exact finite arbs: the comparisons are exact
        lo = e.lower() if e.lower() < lo else lo
        hi = e.upper() if e.upper() > hi else hi
    return lo.union(hi)


def _intersect(a: arb, b: arb) -> arb:
    """Both balls enclose the same value: intersect them (NaN or infinite ones are dropped)."""
    if not a.is_finite():
        return b
    if not b.is_finite():
        return a
    if not a.overlaps(b):          # two valid enclosures of one number always overlap
        raise ArithmeticError(f"disjoint enclosures {a} and {b}: soundness bug")
    return a.intersection(b)


# -- isolation ------------------------------------------------------------------------------------

POS, NEG, ROOT, UNRESOLVED = "pos", "neg", "root", "unresolved"
STALL = 16                 # a contraction step that keeps more than 15/16 of a root piece ends it


@dataclass(frozen=True)
class Piece:
    lo: Fraction
    hi: Fraction
    kind: str                 # pos | neg | root | unresolved
    method: str = ""          # enclosure | monotone | newton | merged
    slope: int = 0            # for root pieces: sign of dF/dx on the piece

    def as_json(self) -> dict:
        d = {"lo": _qs(self.lo), "hi": _qs(self.hi), "kind": self.kind, "method": self.method}
        if self.kind == ROOT:
            d["slope"] = self.slope
        return d


def _qs(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


@dataclass
class Isolation:
    t_lo: Fraction
    t_hi: Fraction
    pieces: list
    cells: int = 0
    seconds: float = 0.0
    budget_hit: bool = False

    @property
    def complete(self) -> bool:
        """True when every piece is pos/neg/root: the root count is then proved."""
        return all(p.kind != UNRESOLVED for p in self.pieces)

    @property
    def roots(self) -> list:
        return [p for p in self.pieces if p.kind == ROOT]

    @property
    def n_roots(self):
        return len(self.roots) if self.complete else None

    def as_json(self) -> dict:
        return {"pieces": [p.as_json() for p in self.pieces], "complete": self.complete,
                "roots": self.n_roots, "cells": self.cells}


class _Ctx:
    def __init__(self, fn: Fn, P, scale, max_cells, deadline):
        self.fn, self.dfn = fn, fn.dx
        self.P = tuple(P)
        self.scale = scale
        self.max_cells = max_cells
        self.deadline = deadline
        self.cells = 0
        self.budget_hit = False
        self._pt: dict = {}
        self._cont: dict = {}

    def xball(self, lo: Fraction, hi: Fraction) -> arb:
        if self.scale is None:
            return tball(lo, hi)
        # a scaled ball is a plain arb (the decorated fallback reads its ends): no CellBall
        return self.scale * (qarb(lo) if lo == hi else qarb(lo).union(qarb(hi)))

    def point_sign(self, t: Fraction) -> int:
        s = self._pt.get(t)
        if s is None:
            s = self._pt[t] = self.fn.sign(self.xball(t, t), self.P, x_point=True)
        return s

    def cell_sign(self, lo, hi) -> int:
        self.cells += 1
        return self.fn.sign(self.xball(lo, hi), self.P)

    def continuous(self, lo, hi, depth: int = 0) -> bool:
        """F is proved defined and continuous on [lo, hi] x P (on each of up to 2^depth closed
        parts, hence on their union): needed before any monotonicity argument on the piece."""
        if self.fn.total:
            return True
        ok = self._cont.get((lo, hi))
        if ok is None:
            ok = self._cont[(lo, hi)] = self.fn.continuous_on(self.xball(lo, hi), self.P)
        if ok or depth <= 0:
            return ok
        mid = (lo + hi) / 2
        return self.continuous(lo, mid, depth - 1) and self.continuous(mid, hi, depth - 1)

    def slope(self, lo, hi, depth: int = 0) -> int:
        """Certified sign of dF/dx on [lo, hi] x P; when undecided, the piece is split (up to
        ``depth`` times) and the sign is certified if every part has the same sign."""
        s = self.dfn.sign(self.xball(lo, hi), self.P)
        if s or depth <= 0:
            return s
        mid = (lo + hi) / 2
        a = self.slope(lo, mid, depth - 1)
        return a if a and self.slope(mid, hi, depth - 1) == a else 0

    def exhausted(self) -> bool:
        if self.cells >= self.max_cells or (self.deadline is not None and time.monotonic() > self.deadline):
            self.budget_hit = True
            return True
        return False


def isolate(fn: Fn, t_lo, t_hi, P: Sequence[arb] = (), *, scale: arb | None = None,
            root_tol: Fraction = Fraction(1, 1 << 40), max_cells: int = 4000,
            deadline: float | None = None, newton_steps: int = 80,
            contract_tol: Fraction = Fraction(1, 1 << 58)) -> Isolation:
    """Isolate the zeros of ``fn`` in x = scale*t, t in [t_lo, t_hi], for all p in the box P.

    ``fn`` is an ``Fn`` in (x, *params); ``P`` the parameter balls (a point parameter is an
    exact ball).  ``root_tol`` is the t-width below which an undecided cell is no longer split
    (it then stays ``unresolved`` unless the cluster test of step 4 resolves it).  When the
    cell budget or the deadline runs out the remaining cells are ``unresolved``: a budget ends
    a search with an undecided answer, never with a guess."""
    start = time.monotonic()
    t_lo, t_hi = Fraction(t_lo), Fraction(t_hi)
    if not t_lo < t_hi:
        raise ValueError("empty interval")
    c = _Ctx(fn, P, scale, max_cells, deadline)
    coarse = (t_hi - t_lo) / 16
    leaves: list[Piece] = []
    stack = [(t_lo, t_hi)]
    while stack:
        lo, hi = stack.pop()
        if c.exhausted():
            leaves.append(Piece(lo, hi, UNRESOLVED, "budget"))
            continue
        s = c.cell_sign(lo, hi)
        if s:
            leaves.append(Piece(lo, hi, POS if s > 0 else NEG, "enclosure"))
            continue
        w = hi - lo
        if w <= coarse:
            sl, sh = c.point_sign(lo), c.point_sign(hi)
            d = c.slope(lo, hi) if c.continuous(lo, hi) else 0
            if d and sl and sh:
                if sl == sh:
                    leaves.append(Piece(lo, hi, POS if sl > 0 else NEG, "monotone"))
                    continue
                if (sh - sl) * d > 0:
                    leaves.append(Piece(lo, hi, ROOT, "monotone", d))
                    continue
            if d and (sl == 0) != (sh == 0):
                # a monotone cell with one end inside the set swept by the root as p ranges
                # over P: when a point a quarter of the cell inside is swept too, the cell is
                # no wider than a few times that set and splitting would only chase its edge;
                # the cluster test (step 4) takes over
                probe = lo + w / 4 if not sl else hi - w / 4
                if not c.point_sign(probe):
                    leaves.append(Piece(lo, hi, UNRESOLVED, "monotone-candidate"))
                    continue
            if not sl and not sh and not c.point_sign((lo + hi) / 2):
                leaves.append(Piece(lo, hi, UNRESOLVED, "parameter-limited"))
                continue
        if w <= root_tol:
            leaves.append(Piece(lo, hi, UNRESOLVED, "tolerance"))
            continue
        mid = (lo + hi) / 2
        stack.append((mid, hi))
        stack.append((lo, mid))
    pieces = _merge_clusters(c, leaves)
    pieces = _contract(c, pieces, newton_steps, contract_tol)
    pieces = _merge_signs(pieces)
    # the pieces must partition [t_lo, t_hi]: that is what makes "no other root" a proof
    if pieces[0].lo != t_lo or pieces[-1].hi != t_hi or any(
            a.hi != b.lo or not a.lo < a.hi for a, b in zip(pieces, pieces[1:])):
        raise AssertionError("isolation pieces do not partition the interval")
    return Isolation(t_lo, t_hi, pieces, c.cells, time.monotonic() - start, c.budget_hit)


def _merge_signs(pieces: list) -> list:
    out: list[Piece] = []
    for p in pieces:
        if out and p.kind in (POS, NEG) and out[-1].kind == p.kind:
            q = out[-1]
            method = q.method if q.method == p.method else "merged"
            out[-1] = Piece(q.lo, p.hi, p.kind, method)
        else:
            out.append(p)
    return out


def _end_sign(c: _Ctx, pieces: list, i: int, side: str) -> int:
    """Certified sign of F at the left (side='lo') or right end of pieces[i], using the
    neighbouring sign piece when there is one (it is closed, so it covers the shared end)."""
    j = i - 1 if side == "lo" else i + 1
    if 0 <= j < len(pieces) and pieces[j].kind in (POS, NEG):
        return 1 if pieces[j].kind == POS else -1
    t = pieces[i].lo if side == "lo" else pieces[i].hi
    return c.point_sign(t)


def _merge_clusters(c: _Ctx, leaves: list) -> list:
    """Merge runs of non-sign leaves into clusters and retry the monotonicity test on each."""
    out: list[Piece] = []
    i = 0
    while i < len(leaves):
        p = leaves[i]
        if p.kind in (POS, NEG):
            out.append(p)
            i += 1
            continue
        j = i
        while j + 1 < len(leaves) and leaves[j + 1].kind not in (POS, NEG):
            j += 1
        run = leaves[i:j + 1]
        if len(run) == 1 and p.kind == ROOT:
            out.append(p)
        else:
            out.append(Piece(run[0].lo, run[-1].hi, UNRESOLVED, "cluster"))
        i = j + 1
    # retry monotonicity on clusters, with the neighbours' proven signs at the ends
    final: list[Piece] = []
    for k, p in enumerate(out):
        if p.kind == UNRESOLVED and p.method != "budget":
            sl, sh = _end_sign(c, out, k, "lo"), _end_sign(c, out, k, "hi")
            d = c.slope(p.lo, p.hi, 4) if sl and sh and c.continuous(p.lo, p.hi, 4) else 0
            if d and sl == sh:
                p = Piece(p.lo, p.hi, POS if sl > 0 else NEG, "monotone")
            elif d and (sh - sl) * d > 0:
                p = Piece(p.lo, p.hi, ROOT, "monotone", d)
        final.append(p)
    return final


def _contract(c: _Ctx, pieces: list, steps: int, tol: Fraction) -> list:
    """Shrink each root piece (module docstring, step 5).  Each step tries an interval Newton
    step N = m - F(m, P)/dF(X, P) (in x units; its new ends are proved by the sign of F there)
    and, when that does not halve the piece (dF's enclosure too wide, or the root swept by the
    parameter), a bisection step decided by the certified sign of F at the midpoint.  The
    slices cut off are sign pieces: F is strictly monotone on the piece and has the sign of
    the nearer end there."""
    out: list[Piece] = []
    for k, p in enumerate(pieces):
        if p.kind != ROOT or steps <= 0:
            out.append(p)
            continue
        sl, sh = _end_sign(c, pieces, k, "lo"), _end_sign(c, pieces, k, "hi")
        lo, hi, d = p.lo, p.hi, p.slope
        left: list[Piece] = []
        right: list[Piece] = []
        stalled = False
        for _ in range(steps):
            if hi - lo <= tol or stalled:
                break
            nlo, nhi = _newton(c, lo, hi, d, sl, sh)
            if (nhi - nlo) * 2 > hi - lo:            # less than halved: try cut points
                nlo, nhi = _cut(c, lo, hi, nlo, nhi, sl, sh)
                # no cut point decided and Newton gained < 1/16: the piece is about the set
                # the root sweeps over the parameter box; further steps would gain little
                stalled = (nhi - nlo) * STALL > (hi - lo) * (STALL - 1)
                if nlo == lo and nhi == hi:
                    break
            if nlo > lo:
                left.append(Piece(lo, nlo, POS if sl > 0 else NEG, "newton"))
            if nhi < hi:
                right.insert(0, Piece(nhi, hi, POS if sh > 0 else NEG, "newton"))
            lo, hi = nlo, nhi
        out.extend(left)
        out.append(Piece(lo, hi, ROOT, p.method if not left and not right else "newton", d))
        out.extend(right)
    return out


def _cut(c: _Ctx, lo: Fraction, hi: Fraction, nlo: Fraction, nhi: Fraction, sl: int, sh: int):
    """Narrow [nlo, nhi] inside the root piece [lo, hi] by the certified sign of F at eighths
    of it: the midpoint, then on each side a bisection (two points) for the edge of the set
    the root sweeps over the parameter box, where the sign is undecided; it stops once the
    piece is halved.  Each cut is proved: F has the sign of the piece's end on its side."""
    w = hi - lo

    def at(k):
        nonlocal nlo, nhi
        cut = lo + w * k / 8
        if not nlo < cut < nhi:
            return None
        sm = c.point_sign(cut)
        if sm == sl:
            nlo = cut
        elif sm == sh:
            nhi = cut
        return sm

    at(4)
    # left half: 2/8, then 3/8 if 2/8 was cut off, else 1/8; right half: 6/8, then 5/8 or 7/8
    for first, after_cut, otherwise, end_sign in ((2, 3, 1, sl), (6, 5, 7, sh)):
        if (nhi - nlo) * 2 <= w:
            break
        s = at(first)
        if (nhi - nlo) * 2 > w:
            at(after_cut if s == end_sign else otherwise)
    return nlo, nhi


def _newton(c: _Ctx, lo: Fraction, hi: Fraction, d: int, sl: int, sh: int):
    """One interval Newton step on the root piece [lo, hi]; returns the proved new ends (the
    old ones when the step fails)."""
    X = c.xball(lo, hi)
    D = c.dfn.enclose_product(X, c.P)
    if sign(D) != d:
        return lo, hi
    mid = (lo + hi) / 2
    xm = c.xball(mid, mid)
    N = xm - c.fn.enclose(xm, c.P, x_point=True) / D
    if c.scale is not None:
        N = N / c.scale
    if not N.is_finite():
        return lo, hi
    nlo = max(lo, floor_dyadic(lower_fraction(N)))
    nhi = min(hi, ceil_dyadic(upper_fraction(N)))
    if not nlo < nhi:
        return lo, hi
    if nlo > lo and c.point_sign(nlo) != sl:
        nlo = lo
    if nhi < hi and c.point_sign(nhi) != sh:
        nhi = hi
    return nlo, nhi


@dataclass
class RootBall:
    """Convenience view of one root piece: its x-ball over the whole parameter box."""
    piece: Piece
    x: arb
    slope: int = field(default=0)


def root_balls(iso: Isolation, scale: arb | None = None) -> list:
    out = []
    for p in iso.roots:
        b = tball(p.lo, p.hi)
        out.append(RootBall(p, b if scale is None else scale * b, p.slope))
    return out
