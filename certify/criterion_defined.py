"""Definedness for the criterion (``certify.criterion``): f, f', f'', f''' proved defined and
continuous on [-pi, pi] x a parameter cell, before any derivative-based step uses them."""
from __future__ import annotations

from fractions import Fraction
from typing import Optional

from flint import arb

from .criterion_decimal import decimal_bound
from .expr import interval as I
from .roots import interval_of, qarb, tball

DEFINED_MIN_WIDTH = Fraction(1, 1 << 20)     # t-width below which an undefined piece stays so
DEFINED_BUDGET = 4000                         # x-pieces per definedness check
_LABELS = ("f", "f'", "f''", "f'''")


def undefined_on(crit, lo, hi) -> Optional[str]:
    """None when the four trees of ``crit`` (a ``Criterion``) are proved defined and continuous
    on [-pi, pi] x the cell [lo, hi] (both None without a parameter), else the reason.  x is
    bisected until on every closed piece the arb-ball fast path succeeds or the decorated
    interval evaluation gives decoration >= dac for all four trees (continuity on finitely many
    closed pieces is continuity on their union)."""
    P = crit._P(lo, hi)
    P_iv = [interval_of(p) for p in P]
    outs = crit._defn.outputs[0]
    pi = arb.pi()
    stack = [(Fraction(-1), Fraction(1))]
    pieces = 0
    while stack:
        a, b = stack.pop()
        X = pi * tball(a, b)
        balls = crit._defn.balls([X, *P])
        bad = [k for k, o in enumerate(outs) if balls[o] is None]
        if bad:
            _, decs = crit._defn.intervals([I.from_arb(X), *P_iv])
            bad = [k for k in bad if decs[outs[k]] < I.DAC]
        if not bad:
            continue
        pieces += 1
        if b - a <= DEFINED_MIN_WIDTH or pieces > DEFINED_BUDGET:
            near = decimal_bound(pi * qarb((a + b) / 2), "lo", 6)
            return f"{_LABELS[bad[0]]} is not proved defined and continuous near x = {near}"
        m = (a + b) / 2
        stack.append((m, b))
        stack.append((a, m))
    return None

