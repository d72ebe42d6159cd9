"""arb-ball versions of the tape's operations (``Tape.balls``): each returns None unless its
input is certainly inside the operation's domain on the ball, so a ball result means defined,
continuous and bounded on the cell (decoration com).  ``TOTAL`` lists the operations defined on
every finite ball (the compiled ball code calls no guard for them; ``TOTAL_TEMPLATES`` are
written inline)."""
from __future__ import annotations

import operator

from flint import arb

from . import interval as I

UNARY = {
    "exp": lambda x: x.exp(), "sin": lambda x: x.sin(), "cos": lambda x: x.cos(),
    "atan": lambda x: x.atan(), "sinh": lambda x: x.sinh(), "cosh": lambda x: x.cosh(),
    "tanh": lambda x: x.tanh(), "asinh": lambda x: x.asinh(), "abs": lambda x: abs(x),
    "sinc": lambda x: x.sinc(), "neg": operator.neg,
    "sqrt": lambda x: x.sqrt() if x >= 0 else None,
    "log": lambda x: x.log() if x > 0 else None,
    # a ball result beyond the function's range (a radius across acos(1) = 0) is left to the
    # interval path, which clips to the range: acos(u) >= 0 at u = 1 then decides
    "asin": lambda x: _in_range(x.asin(), -arb.pi() / 2, arb.pi() / 2) if (x >= -1 and x <= 1) else None,
    "acos": lambda x: _in_range(x.acos(), 0, arb.pi()) if (x >= -1 and x <= 1) else None,
    "acosh": lambda x: x.acosh() if x >= 1 else None,
    "atanh": lambda x: x.atanh() if (x > -1 and x < 1) else None,
}


def _in_range(v, lo, hi):
    """v when the ball lies inside the function's range [lo, hi], else None (the interval path)."""
    return v if (v >= lo and v <= hi) else None


def ball_tan(x):
    c = x.cos()
    return x.tan() if (c > 0 or c < 0) else None


def _div(a, b):
    return a / b if (b > 0 or b < 0) else None


def ball_pown(x, n):
    """x**n on a ball from the powers of its two ends (x*x as balls would give [-r^2, r^2]
    around 0 and lose the sign of a wide positive ball), and 0 for an even power of a ball
    around 0; None for a negative power of a ball around 0."""
    if n < 0:
        if not (x > 0 or x < 0):
            return None
        return 1 / ball_pown(x, -n)
    if n < 2:
        return I._ipow(x, n)
    r = (x.lower() ** n).union(x.upper() ** n)      # arb's power of each exact end (one call)
    if n % 2 == 0 and not (x > 0 or x < 0):
        r = ZERO_BALL.union(r)
    return r


ZERO_BALL = arb(0)


def ball_rpow(x, p, q):
    if not x > 0:
        return None
    return (x.log() * p / q).exp()


BINARY = {
    "add": operator.add, "sub": operator.sub, "mul": operator.mul,
    "div": _div, "min": lambda a, b: a.min(b), "max": lambda a, b: a.max(b),
    "pow": lambda a, b: (b * a.log()).exp() if a > 0 else None,
}


# operations that are defined everywhere on a finite ball (no None, finite result)
TOTAL = {"add": "{0} + {1}", "sub": "{0} - {1}", "mul": "{0} * {1}", "neg": "-{0}",
         "exp": None, "sin": None, "cos": None, "atan": None, "sinh": None, "cosh": None,
         "tanh": None, "asinh": None, "abs": None, "sinc": None, "min": None, "max": None,
         "pown": None}
TOTAL_TEMPLATES = {"add", "sub", "mul", "neg"}
# total, yet python-flint can return a non-finite ball for a finite one, so the result is
# checked: exp, sinh and cosh overflow; tanh of a wide ball (arb(0, 1e30)) and asinh of a ball
# around 0 (arb(0, 2)) are NaN (found by tests/test_balls_random.py)
CHECKED = {"exp", "sinh", "cosh", "tanh", "asinh"}
