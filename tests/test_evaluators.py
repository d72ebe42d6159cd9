"""The two evaluators of the search (certify.evaluators): the ball path encloses what it claims
to, keeps the sign of even powers and of h d^2, and a cell the balls cannot decide is still
decided by the decorated intervals."""
import random

import mpmath
import pytest
from flint import arb, fmpq

from certify.api import prove
from certify.evaluators import BALLS, ball_box, cell_ball
from certify.expr.ball_ops import ball_pown

mpmath.mp.dps = 50


def _contains(ball, value) -> bool:
    return bool(ball.lower() <= arb(value)) and bool(arb(value) <= ball.upper())


@pytest.mark.parametrize("n", [1, 2, 3, 4, 6, -2, -3])
def test_ball_powers_enclose_and_keep_the_sign_of_even_powers(n):
    rng = random.Random(n)
    for _ in range(200):
        lo = fmpq(rng.randint(-300, 300), rng.randint(1, 97))
        hi = lo + fmpq(rng.randint(0, 300), rng.randint(1, 97))
        x = cell_ball(lo, hi)
        v = ball_pown(x, n)
        if n < 0 and not (x > 0 or x < 0):
            assert v is None
            continue
        for t in (0, 0.25, 0.5, 1):
            a, b = mpmath.mpf(int(lo.p)) / int(lo.q), mpmath.mpf(int(hi.p)) / int(hi.q)
            q = a + t * (b - a)
            assert _contains(v, mpmath.nstr(q ** n, 40))
        if n % 2 == 0 and n > 0:
            # around 0 the lower end is 0 up to the ball's 30-bit radius, not -max|x|^n
            assert v.lower() >= -abs(v.upper()) * arb(2) ** -25


def test_times_square_keeps_the_sign_of_d_squared():
    rng = random.Random(7)
    for _ in range(300):
        h = cell_ball(fmpq(rng.randint(0, 50), 7), fmpq(rng.randint(51, 99), 7))      # h >= 0
        d = cell_ball(fmpq(-rng.randint(1, 9), 11), fmpq(rng.randint(1, 9), 11))       # d around 0
        ball = BALLS.times_square(h, d)
        assert ball.lower() >= -abs(ball.upper()) * arb(2) ** -25
        hi = (h.upper() * max(abs(d.lower()), abs(d.upper())) ** 2)
        assert bool(ball.upper() >= hi * (1 - arb(2) ** -20))


def test_a_cell_the_balls_lose_is_decided_by_the_decorated_path():
    """x*y on [0, 1]^2 as balls is [-0.5, 1] (clearly below 0), decorated [0, 1]: one cell."""
    r = prove("x*y >= 0", over="x in [0, 1], y in [0, 1]")
    assert r.status == "PROVED" and r.cells == 1
    r = prove("x*y >= 0", over="x in [-1/1000, 1], y in [0, 1]")        # its false twin
    assert r.status == "REFUTED"


def test_a_square_around_zero_is_decided_without_splitting_forever():
    r = prove("(x - 1/3)**2 + (y + 1/7)**4 >= 0", over="x in [-1, 1], y in [-1, 1]")
    assert r.status == "PROVED" and r.cells <= 3
    r = prove("(x - 1/3)**2 + (y + 1/7)**4 > 0", over="x in [-1, 1], y in [-1, 1]")     # 0 at a point
    assert r.status == "REFUTED"


def test_the_ball_box_follows_the_precision():
    import flint
    cell = ((fmpq(1, 3), fmpq(1, 3)),)
    low = ball_box(cell)[0]
    old = flint.ctx.prec
    flint.ctx.prec = 212
    try:
        high = ball_box(cell)[0]
    finally:
        flint.ctx.prec = old
    assert high.rad() < low.rad()



def test_a_point_where_a_root_argument_is_exactly_zero_is_defined():
    """sqrt(2 - (3/2) b^-1) at b = 3/4 is sqrt(0): balls alone give sqrt of a ball around 0 (4/3
    is not a dyadic; not certainly defined); ``Tape.point_balls`` takes the rational part exactly.  Just below 3/4 it
    is undefined, and the point ball says so (None)."""
    from certify.enclose import Ladder
    from certify.expr.parse import parse_expr
    from certify.expr.tape import Tape
    F = parse_expr("sqrt(2 - (3/2)*b**(-1)) + sqrt(b) - 1", ("b",))
    tape = Tape([[F]], ("b",))
    assert tape.balls([arb(fmpq(3, 4))])[-1] is None
    ball = tape.point_balls([fmpq(3, 4)])[-1]
    assert ball is not None and ball.overlaps(arb(3).sqrt() / 2 - 1) and ball.rad() < 1e-12
    assert tape.point_balls([fmpq(3, 4) - fmpq(1, 10 ** 9)])[-1] is None
    value, defined = Ladder(F, ("b",), [(None, None)]).at_point([fmpq(3, 4)])
    assert defined and value.certainly_negative()


def test_a_false_claim_whose_witness_is_such_a_point_is_refuted_by_sampling():
    """The mutated twin of Lemma A.5's bound is false next to b = 3/4, where
    sqrt(2 - (3/2) b^-1) = 0 (it was UNDECIDED after 1.9 s of search)."""
    r = prove("sqrt(2 - (3/2)*b**(-1)) + sqrt(b) < 1 + 1/10**9", over="b in [3/4, 1)")
    assert r.status == "REFUTED" and r.cells == 0
