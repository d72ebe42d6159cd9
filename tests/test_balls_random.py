"""Randomized soundness of the ball path of the evaluation core (``Tape.balls``), the fast path
of every search: on the random trees and bounded cells of tests/_random_cases.py,

(a) the interpreted program (``Tape._balls_loop``, used while a tape is young) and the compiled
    straight-line code (``Tape._compile_balls``) give the same ball, or both None, at every node;
(b) where F's ball on the cell is present, F is defined at every sampled point of the cell (a
    ball means defined, continuous and bounded on the closed cell) and its value, by the
    independent reference ``mp_defined_value`` (mpmath at 50 digits), lies in the ball.
"""
from __future__ import annotations

import random

import mpmath
import pytest
from flint import arb, fmpq

from _mp_reference import DPS, Skip, _mp, inside, mp_defined_value
from _random_cases import make_case, sample_points
from certify.evaluators import cell_ball
from certify.expr import interval as I
from certify.expr.tape import Tape
from certify.expr.text import to_text


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.mid() == b.mid() and a.rad() == b.rad()


def ball_failures(seed: int, count: int):
    rng = random.Random(seed)
    failures, closed = [], 0
    old = mpmath.mp.dps
    mpmath.mp.dps = DPS
    try:
        for _ in range(count):
            F, names, cells, special = make_case(rng)
            if any(lo is None or hi is None for lo, hi, *_ in cells):
                continue
            tape = Tape([[F]], names)
            box = [cell_ball(fmpq(lo.numerator, lo.denominator), fmpq(hi.numerator, hi.denominator))
                   for lo, hi, *_ in cells]
            loop = tape._balls_loop(box, 0)
            code = tape._compile_balls(tape.level_end[0])(box, tape._ball_consts(), tape._programs()[1])
            bad = [i for i, (a, b) in enumerate(zip(loop, code)) if not _same(a, b)]
            if bad:
                failures.append(f"{to_text(F)} on {box}: loop and compiled differ at node {bad[0]}")
                continue
            ball = loop[-1]
            if ball is None:
                continue
            closed += 1
            per_var = [sample_points(rng, (lo, hi, False, False), special) for lo, hi, *_ in cells]
            for j in range(max(len(p) for p in per_var)):
                env = {n: p[j % len(p)] for n, p in zip(names, per_var)}
                try:
                    v = mp_defined_value(F, env)
                except Skip:
                    continue
                if v is None:
                    failures.append(f"{to_text(F)} on {box}: ball {ball} but undefined at {env}")
                elif not inside(v, I.from_arb(ball)):
                    failures.append(f"{to_text(F)} on {box}: value {mpmath.nstr(_mp(v), 20)} at {env} "
                                    f"outside the ball {ball}")
    finally:
        mpmath.mp.dps = old
    return failures, closed


@pytest.mark.parametrize("seed", range(3))
def test_cell_balls_are_sound_and_compiled_code_agrees(seed):
    failures, closed = ball_failures(5000 + seed, 1000)
    assert closed > 300              # the check ran on cells where the ball path answers
    assert not failures, f"{len(failures)} failures, first: " + "\n".join(failures[:5])


def test_a_too_narrow_ball_is_caught(monkeypatch):
    """The check can fail: with exp's ball replaced by its midpoint (radius 0), values fall
    outside it."""
    from certify.expr import ball_ops
    monkeypatch.setitem(ball_ops.UNARY, "exp", lambda x: arb(x.exp().mid()))
    failures, _ = ball_failures(5000, 500)
    assert any("outside the ball" in f for f in failures)
