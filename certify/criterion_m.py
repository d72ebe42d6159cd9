"""The constant M of the criterion R_M = 4 (1 + tau/M) f'(0) / (tau I) (Corollary 3.3; M = 2 pi
is Theorem 2.1): any positive real constant written as an expression (``3*pi/2``, ``4``,
``2*pi``, ``0.75*pi``) or ``none`` (no factor (1 + tau/M), i.e. 1/M = 0), kept exact.

A key is the text that names M in results and JSON: ``"2pi"``, ``"pi"`` and ``"none"`` for
those three values (whatever spelling was typed, when an exact identity shows M is pi or 2 pi),
else the canonical text of the expression as read (``certify.expr.text``).  1/M is enclosed
by arb from the tree at the working precision (never a rounded pi), and M's position relative
to pi and 2 pi -- which decides what Corollary 3.3 needs (``certify.criterion_hyp``) -- is
decided by an arb ball that excludes 0, or by sympy proving M - c = 0 exactly.

Nothing typed is evaluated as Python: the text goes through ``certify.expr.parse``.
"""
from __future__ import annotations

from functools import lru_cache

import sympy
from flint import arb

from .errors import CertifyInputError

FIXED = ("2pi", "pi", "none")           # the keys every cell computes (Theorem 2.1, Cor. 3.3)
_ALIASES = {"pi": "pi", "2pi": "2pi", "2*pi": "2pi", "none": "none"}


@lru_cache(maxsize=64)
def _tree(key: str):
    from .expr.parse import parse_expr
    from .expr import nodes as N
    try:
        tree = parse_expr(key, [])
    except CertifyInputError as exc:
        raise CertifyInputError(f"--M: {exc}") from None
    if N.variables(tree):
        raise CertifyInputError(f"--M must be a constant (a number or e.g. 3*pi/2), not {key!r}")
    return tree


def _ball(key: str) -> arb:
    """An arb ball containing M (at the working precision); None-free: raises when the
    expression is not certainly defined."""
    from .expr.tape import Tape
    tape = Tape([[_tree(key)]], ())
    v = tape.balls(())[tape.outputs[0][0]]
    if v is None or not v.is_finite():
        raise CertifyInputError(f"--M {key!r} is not a defined real constant")
    return v


def m_key(text) -> str:
    """The key of the M a user typed (see module docstring); bad input raises
    ``CertifyInputError`` with a one-line message.  M must be proved > 0."""
    raw = str(text).strip()
    if raw.lower() in _ALIASES:
        return _ALIASES[raw.lower()]
    from .expr.text import to_text
    tree = _tree(raw)
    v = _ball(raw)
    if not v > 0:
        raise CertifyInputError(f"--M must be a positive constant (M > 0 is not proved for {raw!r})")
    for key, c in (("pi", 1), ("2pi", 2)):
        if _equals(tree, sympy.Integer(c) * sympy.pi, v - c * arb.pi()):
            return key
    return to_text(tree)


def _equals(tree, value, diff: arb) -> bool:
    """M equals ``value``: only when the ball of the difference contains 0 and sympy reduces
    M - value to 0 exactly."""
    if not diff.contains(0):
        return False
    from .expr.bridge import to_sympy
    return sympy.simplify(to_sympy(tree) - value) == 0


def inverse_m(key: str) -> arb:
    """An enclosure of 1/M for the key ("none": 0) at the working precision."""
    if key == "2pi":
        return 1 / (2 * arb.pi())
    if key == "pi":
        return 1 / arb.pi()
    if key == "none":
        return arb(0)
    v = _ball(key)
    if not v > 0:
        raise CertifyInputError(f"unknown M '{key}': use a positive constant, e.g. pi, 2pi, 3*pi/2, or none")
    return 1 / v


def position(key: str) -> str:
    """Where M lies, decided exactly: ``"ge_2pi"`` (M >= 2 pi, ``none`` included: M = oo),
    ``"ge_pi"`` (pi <= M < 2 pi), ``"lt_pi"`` (M < pi) or ``"unknown"`` (arb could not
    separate M from pi or 2 pi and sympy did not prove equality)."""
    if key in ("none", "2pi"):
        return "ge_2pi"
    if key == "pi":
        return "ge_pi"
    from flint import ctx
    old = ctx.prec
    ctx.prec = max(old, 128)
    try:
        v = _ball(key)
        d2, d1 = v - 2 * arb.pi(), v - arb.pi()
    finally:
        ctx.prec = old
    if d2 >= 0:
        return "ge_2pi"
    if d1 >= 0 and d2 < 0:
        return "ge_pi"
    if d1 < 0:
        return "lt_pi"
    return "unknown"


def label(key: str) -> str:
    """How the key is printed beside a verdict."""
    if key == "2pi":
        return "M = 2 pi (Theorem 2.1)"
    if key == "none":
        return "no (1 + tau/M) factor"
    return f"M = {'pi' if key == 'pi' else key} (Corollary 3.3)"


def keys_for(key: str) -> tuple:
    """The keys a cell computes when the user asks for ``key``: the fixed three, and the
    user's when it is another M."""
    return FIXED if key in FIXED else FIXED + (key,)
