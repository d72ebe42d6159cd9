"""Certified root isolation of F(x; p) on an interval of x, uniformly over a box of parameters.

Contract.  ``isolate(fn, t_lo, t_hi, P, scale)`` covers ``x = scale * t``, ``t in [t_lo, t_hi]``
(exact rational t; ``scale`` is an arb constant such as pi, so the ends 0 and pi are exact in t)
by consecutive closed pieces with exact rational ends.  Each piece carries one of four kinds,
each a statement about *every* parameter value p in the box P:

- ``pos`` / ``neg``  F(x, p) > 0 (resp. < 0) for all x in the piece;
- ``root``           F(., p) has exactly one zero in the piece, and it is simple: dH/dx has a
                     constant sign on piece x P (``slope``) and F has opposite certified signs
                     at the two ends (so by the intermediate value theorem and strict
                     monotonicity of H there is one and only one root; by the implicit
                     function theorem it is a C^1 function of p); F goes from sign -slope to
                     sign slope across it.  H is F, or F without positive factors when
                     F = c exp(u_1) ... exp(u_k) H with c > 0 and every u_i total
                     (``Fn.sign_factor``: same signs, zeros, definedness, and F' = c E H' at
                     a zero, so the search runs on H);
- ``unresolved``     nothing is claimed (the piece may contain zero, one or several roots, or a
                     root that sits at the end of the domain, or a double root).

Because the pieces cover the whole interval, a complete isolation (no ``unresolved`` piece)
proves that *no other root exists*: the number of roots is the number of ``root`` pieces.

How the pieces are found (the search is free to be clever; each decision is an arb proof),
with F standing for H where it is F's sign factor:

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
   units): for each p the root r(p) = m - F(m, p) / dF(xi, p) lies in N (mean value theorem),
   so the new ends, rational points strictly outside N, are not roots; the two slices cut off
   contain no root and are sign pieces of the sign at their outer end (F is continuous).

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

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

from flint import arb

from .roots_exact import (CellBall, above_dyadic, arb_to_fraction, below_dyadic, imul,
                          interval_of, lower_fraction, qarb, sign, tball, upper_fraction)
from .roots_fn import Fn
from .roots_newton import contract as _contract
from .roots_normal import is_total, normalize
from .roots_piece import NEG, POS, ROOT, UNRESOLVED, Piece, end_sign

__all__ = ["Fn", "Piece", "Isolation", "isolate", "sign", "qarb", "tball", "arb_to_fraction",
           "below_dyadic", "above_dyadic", "normalize", "is_total", "CellBall", "interval_of",
           "imul", "lower_fraction", "upper_fraction"]


# -- isolation ------------------------------------------------------------------------------------

CHASE = 64                 # non-monotone cells this much below the coarse width stop chasing
@dataclass
class Isolation:
    t_lo: Fraction
    t_hi: Fraction
    pieces: list
    cells: int = 0
    seconds: float = 0.0
    budget_hit: bool = False
    fn: Fn | None = field(default=None, repr=False, compare=False)      # what was isolated,
    box: tuple = field(default=(), repr=False, compare=False)          # for every p in this box

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
            contract_tol: Fraction = Fraction(1, 1 << 58), within: Isolation | None = None) -> Isolation:
    """Isolate the zeros of ``fn`` in x = scale*t, t in [t_lo, t_hi], for all p in the box P.

    ``fn`` is an ``Fn`` in (x, *params); ``P`` the parameter balls (a point parameter is an
    exact ball).  ``root_tol`` is the t-width below which an undecided cell is no longer split
    (it then stays ``unresolved`` unless the cluster test of step 4 resolves it).  When the
    cell budget or the deadline runs out the remaining cells are ``unresolved``: a budget ends
    a search with an undecided answer, never with a guess.

    ``within``: an isolation of the same ``fn`` (the same object) on the same interval, else
    ValueError.  When its parameter box contains P (each ball of P inside its ball; else it is
    not used), its pos, neg and root pieces are statements for every p of that box, so they
    hold on P and are kept; only its unresolved pieces are searched again, and its root pieces
    are contracted further for the smaller box."""
    start = time.monotonic()
    t_lo, t_hi = Fraction(t_lo), Fraction(t_hi)
    if not t_lo < t_hi:
        raise ValueError("empty interval")
    c = _Ctx(fn.sign_factor(), P, scale, max_cells, deadline)
    coarse = (t_hi - t_lo) / 16
    if within is not None:
        if within.fn is not fn or (within.t_lo, within.t_hi) != (t_lo, t_hi):
            raise ValueError("within: an isolation of another function or interval")
        if len(within.box) != len(c.P) or not all(w.contains(p) for w, p in zip(within.box, c.P)):
            within = None
    if within is None:
        leaves: list[Piece] = []
        stack = [(t_lo, t_hi)]
    else:
        leaves = [p for p in within.pieces if p.kind != UNRESOLVED]
        stack = [(p.lo, p.hi) for p in reversed(within.pieces) if p.kind == UNRESOLVED]
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
            one = (sl == 0) != (sh == 0)
            # dF/dx's sign, where a test below reads it
            need = (sl and sh) or (one and w > coarse / CHASE)
            d = c.slope(lo, hi) if need and c.continuous(lo, hi) else 0
            if d and sl and sh:
                if sl == sh:
                    leaves.append(Piece(lo, hi, POS if sl > 0 else NEG, "monotone"))
                    continue
                if (sh - sl) * d > 0:
                    leaves.append(Piece(lo, hi, ROOT, "monotone", d))
                    continue
            if one and (d or w <= coarse / CHASE):
                # one end inside the set where F's sign is undecided (the set swept by a root
                # as p ranges over P, widened by the enclosure): when a point a quarter of the
                # cell inside is undecided too, the cell is no wider than a few times that
                # set and splitting would only chase its edge (down to root_tol: ~40 levels
                # of two cells); the cluster test (step 4) takes over.  Where dF/dx has no
                # certain sign a few more levels are tried first (children can be monotone)
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
    if within is not None:
        leaves.sort(key=lambda p: p.lo)
    pieces = _merge_clusters(c, leaves)
    pieces = _contract(c, pieces, newton_steps, contract_tol)
    pieces = _merge_signs(pieces)
    # the pieces must partition [t_lo, t_hi]: that is what makes "no other root" a proof
    if pieces[0].lo != t_lo or pieces[-1].hi != t_hi or any(
            a.hi != b.lo or not a.lo < a.hi for a, b in zip(pieces, pieces[1:])):
        raise AssertionError("isolation pieces do not partition the interval")
    return Isolation(t_lo, t_hi, pieces, c.cells, time.monotonic() - start, c.budget_hit, fn, c.P)


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
            sl, sh = end_sign(c, out, k, "lo"), end_sign(c, out, k, "hi")
            d = c.slope(p.lo, p.hi, 4) if sl and sh and c.continuous(p.lo, p.hi, 4) else 0
            if d and sl == sh:
                p = Piece(p.lo, p.hi, POS if sl > 0 else NEG, "monotone")
            elif d and (sh - sl) * d > 0:
                p = Piece(p.lo, p.hi, ROOT, "monotone", d)
        final.append(p)
    return final
