"""Enclosures of an expression on a cell, cheapest first (GUIDE §3).

Each method returns an arb ball containing F(cell) from below-and-above in its own sense:
only its *lower end* is used by the prover (the claim is always normalized to F > 0 or
F >= 0), so a method may return a ball that is a valid lower bound but a loose upper bound.

- ``plain``      interval evaluation of F on the cell;
- ``monotone``   derivative signs on the cell fix monotone variables at the end where F is
                 smallest (Flyspeck's "monotone on a face"), then plain/mean-value on the face;
- ``mean-value`` F(m) + sum_i dF/dv_i(cell) (v_i - m_i);
- ``taylor2``    F(m) + grad F(m).(v - m) + 1/2 (v - m)^T H(cell) (v - m).

Cells are tuples of (lo, hi) exact rationals.  The evaluation runs at ``flint.ctx.prec``.
"""
from __future__ import annotations

from functools import cached_property

import sympy
from flint import arb

from .balls import ball, point
from .translate import ArbFunction

METHODS = ("plain", "monotone", "mean-value", "taylor2")


class Ladder:
    """Compiled F, gradient and Hessian of one normalized problem."""

    def __init__(self, expr: sympy.Expr, variables, clip=()):
        self.expr = expr
        self.variables = tuple(variables)
        self.clip = frozenset(clip)
        self.F = ArbFunction(expr, self.variables, self.clip)

    def _compile(self, e):
        return ArbFunction(e, self.variables, self.clip)

    @cached_property
    def gradient(self):
        return [self._compile(sympy.diff(self.expr, v)) for v in self.variables]

    @cached_property
    def hessian(self):
        return [[self._compile(sympy.diff(self.expr, v, w)) for w in self.variables]
                for v in self.variables]

    def derivative(self, index: int, order: int, sign: int = 1) -> "Ladder":
        """The ladder of ``sign * d^order F / dv_index^order`` (same variables and clipping)."""
        key = (index, order, sign)
        cache = self.__dict__.setdefault("_derivs", {})
        if key not in cache:
            cache[key] = Ladder(sign * sympy.diff(self.expr, self.variables[index], order),
                                self.variables, self.clip)
        return cache[key]

    def at_point(self, pt) -> arb:
        """F at an exact rational point: exactly when sympy evaluates F there to a rational
        (so that a slack of exactly 0 is seen as 0), else by arb."""
        value = self.expr.xreplace(dict(zip(self.variables, pt)))
        if value.is_Rational:
            return point(value)
        return self.F(*[point(q) for q in pt])

    # -- the ladder ----------------------------------------------------------------------------
    def enclose(self, method: str, cell) -> arb:
        balls = [ball(lo, hi) for lo, hi in cell]
        if method == "plain":
            return self.F(*balls)
        if method == "monotone":
            return self._monotone(cell, balls)
        if method == "mean-value":
            return self._mean_value(cell, balls, [g(*balls) for g in self.gradient])
        if method == "taylor2":
            return self._taylor2(cell, balls)
        raise ValueError(f"unknown method {method}")

    def _midpoint(self, cell):
        return [(lo + hi) / 2 for lo, hi in cell]

    def _mean_value(self, cell, balls, grads, free=None) -> arb:
        mids = self._midpoint(cell)
        value = self.F(*[point(m) for m in mids])
        for i, g in enumerate(grads):
            if free is not None and i not in free:
                continue
            value = value + g * (balls[i] - point(mids[i]))
        return value

    def _monotone(self, cell, balls) -> arb:
        grads = [g(*balls) for g in self.gradient]
        face = list(cell)
        fixed = False
        for i, g in enumerate(grads):
            if g.is_finite() and g >= 0:
                face[i] = (cell[i][0], cell[i][0])
                fixed = True
            elif g.is_finite() and g <= 0:
                face[i] = (cell[i][1], cell[i][1])
                fixed = True
        if not fixed:
            return arb.nan()
        free = [i for i, (lo, hi) in enumerate(face) if lo != hi]
        if not free:
            return self.at_point([lo for lo, _ in face])
        face_balls = [ball(lo, hi) for lo, hi in face]
        plain = self.F(*face_balls)
        mvf = self._mean_value(face, face_balls, grads, free)
        return _best_lower(plain, mvf)

    def _taylor2(self, cell, balls) -> arb:
        mids = self._midpoint(cell)
        mball = [point(m) for m in mids]
        value = self.F(*mball)
        deltas = [balls[i] - mball[i] for i in range(len(cell))]
        for i, g in enumerate(self.gradient):
            value = value + g(*mball) * deltas[i]
        half = arb(1) / 2
        for i, row in enumerate(self.hessian):
            for j, h in enumerate(row):
                if j < i:
                    continue
                term = h(*balls) * (deltas[i] * deltas[i] if i == j else 2 * deltas[i] * deltas[j])
                value = value + half * term
        return value


def _best_lower(a: arb, b: arb) -> arb:
    """Of two valid lower-bound enclosures, the one with the larger lower end."""
    if not b.is_finite():
        return a
    if not a.is_finite():
        return b
    return a if a.lower() >= b.lower() else b
