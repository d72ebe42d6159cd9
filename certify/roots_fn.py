"""A function F(x; p) compiled once with its partial derivatives and a mean-value enclosure
(``certify.roots``)."""
from __future__ import annotations

from typing import Sequence

from flint import arb

from .errors import CertifyInputError
from .expr import interval as I
from .expr import nodes as N
from .expr.bridge import from_sympy
from .expr.diff import diff
from .expr.tape import Tape
from .expr.text import to_text
from .roots_exact import _intersect, imul, interval_of, sign
from .roots_normal import NAN, _product, is_total, normalize


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

    def sign_factor(self) -> "Fn":
        """H when F = c E H with c > 0 a constant and E a product of exp(u) with u total
        (defined, continuous, finite and positive everywhere), else F itself.  Then F is
        defined and continuous exactly where H is, has the same sign everywhere, the same
        zeros, and F' = c E H' at a zero of H (so a simple zero of H is a simple zero of F):
        H's root isolation is F's, found on a smaller tape, without the dynamic range of E."""
        factors = self._factors()
        rest = [fac for kind, fac in factors if kind == "fn"]
        if len(rest) != 1 or not all(
                sign(fac) > 0 if kind == "const" else fac.total
                for kind, fac in factors if kind != "fn"):
            return self
        return rest[0]

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

