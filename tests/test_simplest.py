"""search.simplest_between (the exact point tried on an undefined cell) against its definition:
the least denominator q <= 256 with a numerator p in [lo q, hi q], the least such p (0 when
0 is in the cell), else the midpoint."""
import random

from flint import fmpq

from certify.search import simplest_between


def by_definition(lo, hi):
    if lo <= 0 <= hi:
        return fmpq(0)
    for q in range(1, 257):
        p = (lo * q).ceil()
        if p <= hi * q:
            return fmpq(int(p), q)
    return (lo + hi) / 2


def test_simplest_between_matches_its_definition():
    rng = random.Random(7)
    misses = 0
    for _ in range(4000):
        d = rng.choice([1, 3, 100, 2 ** 20, 10 ** 9, 2 ** 60])
        lo = fmpq(rng.randint(-5 * d, 5 * d), d)
        hi = lo + fmpq(rng.randint(0, 1000), rng.choice([1, 100, 10 ** 5, 2 ** 30, 2 ** 60]))
        got = simplest_between(lo, hi)
        assert got == by_definition(lo, hi), (lo, hi)
        misses += got.q > 256
    assert misses > 20          # the midpoint case occurs


def test_simplest_between_known_points():
    assert simplest_between(fmpq(-7, 2), fmpq(-3, 2)) == -3          # the least integer
    assert simplest_between(fmpq(66, 100), fmpq(67, 100)) == fmpq(2, 3)
    assert simplest_between(fmpq(1, 1000), fmpq(1, 250)) == fmpq(1, 250)
    assert simplest_between(fmpq(1, 1000), fmpq(1, 999)) == (fmpq(1, 1000) + fmpq(1, 999)) / 2
    assert simplest_between(fmpq(-1, 5), fmpq(1, 5)) == 0
