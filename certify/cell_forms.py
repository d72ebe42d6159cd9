"""The derivative forms of a ``Ladder`` (``certify.enclose``): lower bounds of F on a cell from
its gradient and Hessian trees (GUIDE §3), written once over an evaluator's algebra
(``certify.evaluators``: decorated intervals or arb balls).

- ``monotone``   a variable whose partial derivative has a certain sign on the open cell is
                 fixed at the end where F is smallest (Flyspeck's "monotone on a face");
- ``mean_value`` F(m) + sum_i dF/dv_i(cell) (v_i - m_i);
- ``taylor2``    F(m) + grad F(m).(v - m) + 1/2 (v - m)^T H(cell) (v - m).

Each returns an ``Interval`` whose lower end bounds F from below on the cell, or None.  The
caller (``Ladder.enclose``) has checked that F is defined and continuous on the cell; the
derivatives are evaluated on the open cell (the mean value theorem needs them only there) and
must be defined there; F(m) and grad F(m) must be defined at the midpoint.
"""
from __future__ import annotations


def midpoint(cell):
    return [(lo + hi) / 2 for lo, hi in cell]


def mean_value(ladder, cell, grads, ev, free=None):
    """F(m) + sum over the ``free`` variables (all when None) of grad_i (v_i - m_i)."""
    if any(g is None for i, g in enumerate(grads) if free is None or i in free):
        return None
    if ev.fast:                       # on balls F(m) comes with the gradient at m (shared)
        mids, at_mid = ladder.at_mid(cell, ev)
        value = ev.get(at_mid, ladder.tape.outputs[0][0])
    else:                             # decorated takes it exactly where it can
        mids = midpoint(cell)
        value = ladder.value_at(mids, ev)
    if value is None:
        return None
    for i, g in enumerate(grads):
        if free is None or i in free:
            lo, hi = cell[i]
            value = ev.add(value, ev.mul(g, ev.delta(lo, hi, mids[i])))
    return ev.lift(value)


def monotone(ladder, cell, ev):
    """F on the face where every variable of certain partial-derivative sign sits at its low
    end (derivative >= 0) or high end (<= 0); plain and mean value on that face."""
    from .enclose import best_lower
    grads = ladder.gradient_on(cell, ev)
    face = list(cell)
    fixed = outside = False
    closed_ok = None
    for i, g in enumerate(grads):
        if g is None:
            continue
        lo, hi = cell[i]
        o_lo, o_hi = ladder.cells.opens[i]
        up, down = ev.nonnegative(g), ev.nonpositive(g)
        # fixing a variable at an open end of the domain needs F continuous up to that end
        if (o_lo is not None and lo == o_lo and up) or (o_hi is not None and hi == o_hi and down):
            if closed_ok is None:
                closed_ok = ladder.closed_defined(cell)
            if not closed_ok:
                continue
            outside = True
        if up:
            face[i], fixed = (lo, lo), True
        elif down:
            face[i], fixed = (hi, hi), True
    if not fixed:
        return None
    on = ladder.bare if outside else ladder      # a face on an open end is outside the domain
    face = tuple(face)
    free = [i for i, (lo, hi) in enumerate(face) if lo != hi]
    if not free:
        value = on.value_at([lo for lo, _ in face], ev)
        return None if value is None else ev.lift(value)
    plain = on.plain(face, ev)
    if plain is None:
        return None
    return best_lower(plain, mean_value(on, face, on.gradient_on(face, ev), ev, free))


def taylor2(ladder, cell, ev):
    """Second-order Taylor form about the midpoint with the Hessian on the open cell."""
    tape = ladder.tape
    mids, at_mid = ladder.at_mid(cell, ev)
    # on balls F(m) comes with the gradient; decorated takes it exactly where it can
    value = ev.get(at_mid, tape.outputs[0][0]) if ev.fast else ladder.value_at(mids, ev)
    if value is None:
        return None
    inside = ladder.interior(cell, 2, ev)
    deltas = [ev.delta(lo, hi, m) for (lo, hi), m in zip(cell, mids)]
    for i, k in enumerate(tape.outputs[1]):
        g = ev.get(at_mid, k)
        if g is None:
            return None
        value = ev.add(value, ev.mul(g, deltas[i]))
    n, pos = len(cell), 0
    for i in range(n):
        for j in range(i, n):
            h = ev.get(inside, tape.outputs[2][pos])
            pos += 1
            if h is None:
                return None
            if i == j:
                term = ev.mul(ev.half, ev.times_square(h, deltas[i]))
            else:
                term = ev.mul(h, ev.mul(deltas[i], deltas[j]))
            value = ev.add(value, term)
    return ev.lift(value)
