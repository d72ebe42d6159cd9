"""The checker's interval arithmetic (``certify.checker.arith``): soundness against an
independent oracle, the subtle cases one by one, and mutants that the tests must catch.

The oracle (``check_case``): at sample points of the args (the closed ends, interior points,
points next to each end, far points of an unbounded side), all exact rationals,

(a) where the point is in the op's real domain, f there lies in the result: exactly (rational
    arithmetic with fmpq, open ends respected) when f's value is rational, which is decided exactly
    (``exact_value``: the algebraic ops, perfect powers, and f(0) = 0 / 1 style special points;
    every other value of these functions at a rational point is irrational, by
    Lindemann-Weierstrass), else with mpmath at 50 digits (tolerance 1e-40 relative);
(b) when the decoration is >= DEF, every sampled point is in the domain (and for tan, no pole
    lies between the ends); COM means bounded args and a bounded result; an empty result is TRV.
"""
from __future__ import annotations

import math
import random

import flint
import mpmath
import pytest
from flint import arb, fmpq
from mpmath import mp, mpf

from certify.checker import arith as A
from certify.checker import arith_elem as AE
from certify.checker.arith import COM, DAC, DEF, EMPTY, TRV, Iv, apply, cell, point

mp.dps = 50
TOL = mpf(10) ** -40


@pytest.fixture(autouse=True)
def _prec():
    # mpmath's precision is global: another module of the same worker may have changed it
    old = flint.ctx.prec
    flint.ctx.prec = 53
    with mpmath.workdps(50):
        yield
    flint.ctx.prec = old


# -- exact and mpmath views of ends ---------------------------------------------------------------

def _bitmag(a: arb) -> int:
    m, e = a.man_exp()
    return int(e) + int(abs(m)).bit_length() if m != 0 else 0


def frac(a: arb) -> fmpq:
    """The exact rational value of an exact arb."""
    m, e = a.man_exp()
    m, e = int(m), int(e)
    return fmpq(m * 2 ** e) if e >= 0 else fmpq(m, 2 ** -e)


def to_mpf(v) -> mpf:
    if isinstance(v, arb):
        m, e = v.man_exp()
        return mpmath.ldexp(int(m), int(e))
    return mpf(int(v.p)) / int(v.q)


def _cmp(v: fmpq, a: arb) -> int:
    """sign(v - a), exact (an end of astronomic size is compared through mpmath: exact there)."""
    if abs(_bitmag(a)) > 3000:
        d = to_mpf(v) - to_mpf(a)
        return (d > 0) - (d < 0)
    d = v - frac(a)
    return (d > 0) - (d < 0)


def member_exact(v: fmpq, r: Iv) -> bool:
    if r is EMPTY:
        return False
    if r.lo is not None:
        c = _cmp(v, r.lo)
        if c < 0 or (c == 0 and r.lo_open):
            return False
    if r.hi is not None:
        c = _cmp(v, r.hi)
        if c > 0 or (c == 0 and r.hi_open):
            return False
    return True


def member_approx(v: mpf, r: Iv) -> bool:
    if r is EMPTY:
        return False
    tol = TOL * max(1, abs(v))
    return (r.lo is None or v >= to_mpf(r.lo) - tol) and (r.hi is None or v <= to_mpf(r.hi) + tol)


# -- the oracle -----------------------------------------------------------------------------------

def _iroot(n: int, k: int):
    """The exact integer k-th root of n >= 0, or None."""
    if n < 0:
        return None
    if n < 2 or k >= n.bit_length():            # c**k == n needs c >= 2, so n >= 2**k
        return n if n < 2 else None
    r = int(round(n ** (1.0 / k))) if n < 2 ** 1000 else int(mpmath.nint(mpmath.root(n, k)))
    for c in (r - 1, r, r + 1):
        if c >= 0 and c ** k == n:
            return c
    return None


def _qroot(x: fmpq, k: int):
    a, b = _iroot(int(x.p), k), _iroot(int(x.q), k)
    return None if a is None or b is None else fmpq(a, b)


SPECIAL = {  # the only rational values of the transcendental ops at rational points
    "exp": {0: 1}, "log": {1: 0}, "sin": {0: 0}, "cos": {0: 1}, "tan": {0: 0}, "asin": {0: 0},
    "acos": {1: 0}, "atan": {0: 0}, "sinh": {0: 0}, "cosh": {0: 1}, "tanh": {0: 0},
    "asinh": {0: 0}, "acosh": {1: 0}, "atanh": {0: 0}, "sinc": {0: 1},
}


def in_domain(op, xs, data) -> bool:
    x = xs[0]
    return {
        "sqrt": lambda: x >= 0, "log": lambda: x > 0, "asin": lambda: -1 <= x <= 1,
        "acos": lambda: -1 <= x <= 1, "acosh": lambda: x >= 1, "atanh": lambda: -1 < x < 1,
        "div": lambda: xs[1] != 0, "pow": lambda: x > 0,
        "pown": lambda: data >= 0 or x != 0,
        "rpow": lambda: x >= 0 if data[0] > 0 else x > 0,
    }.get(op, lambda: True)()


def exact_value(op, xs, data):
    """f(xs) as an fmpq when it is rational, else None (it is irrational, or a rational
    power too large to compute; then mpmath checks it)."""
    x = xs[0]
    y = xs[1] if len(xs) > 1 else None
    if op in SPECIAL:
        return next((fmpq(v) for k, v in SPECIAL[op].items() if x == k), None)
    if op == "neg":
        return -x
    if op in ("add", "sub", "mul", "div", "min", "max"):
        return {"add": x + y, "sub": x - y, "mul": x * y, "div": x / y if y else None,
                "min": min(x, y), "max": max(x, y)}[op]
    if op == "abs":
        return abs(x)
    if op == "pown":
        return x ** data
    if op == "sqrt":
        return _qroot(x, 2)
    if op == "rpow":
        r = _qroot(x, data[1])
        return None if r is None else r ** data[0]
    if op == "pow":           # x**(a/b), a/b in lowest terms: rational iff x**(1/b) is
        r = _qroot(x, int(y.q))
        if r is None or (abs(y.p) > 4096 and r != 1):
            return None         # irrational, or too large to be worth exact arithmetic
        return r ** int(y.p)
    raise AssertionError(op)


def mp_value(op, xs, data) -> mpf:
    m = [to_mpf(v) for v in xs]
    x = m[0]
    if op == "pown":
        return x ** data
    if op == "rpow":
        return mpmath.root(x, data[1]) ** data[0]
    if op == "pow":
        return mpmath.exp(m[1] * mpmath.log(x))
    return {"sqrt": mpmath.sqrt, "exp": mpmath.exp, "log": mpmath.log, "sin": mpmath.sin,
            "cos": mpmath.cos, "tan": mpmath.tan, "asin": mpmath.asin, "acos": mpmath.acos,
            "atan": mpmath.atan, "sinh": mpmath.sinh, "cosh": mpmath.cosh, "tanh": mpmath.tanh,
            "asinh": mpmath.asinh, "acosh": mpmath.acosh, "atanh": mpmath.atanh,
            "sinc": mpmath.sinc}[op](x)


def _tan_pole_inside(v: Iv) -> bool:
    if v.lo is None or v.hi is None:
        return True
    digits = 50 + max(abs(_bitmag(v.lo)), abs(_bitmag(v.hi))) // 3
    with mpmath.workdps(digits):
        k = [mpmath.floor(to_mpf(e) / mpmath.pi - mpf(1) / 2) for e in (v.lo, v.hi)]
    return k[0] != k[1]


def _round100(q: fmpq, toward: fmpq) -> fmpq:
    """q moved toward ``toward`` to a dyadic of about 100 significant bits (exact in mpmath)."""
    if q == 0:
        return q
    s = fmpq(2) ** (int(q.p).bit_length() - int(q.q).bit_length() - 100)
    t = q / s
    return fmpq(t.floor() if q > toward else -((-t).floor())) * s


def samples(v: Iv, rng: random.Random, k: int = 4) -> list:
    """Exact rational points of v: the closed ends, interior and near-end points."""
    if v is EMPTY:
        return []
    lo = None if v.lo is None else frac(v.lo)
    hi = None if v.hi is None else frac(v.hi)
    pts = [e for e, o in ((lo, v.lo_open), (hi, v.hi_open)) if e is not None and not o]
    if lo is not None and lo == hi:
        return pts
    a = lo if lo is not None else (hi if hi is not None else 0) - 2 ** rng.randint(0, 40)
    b = hi if hi is not None else (lo if lo is not None else 0) + 2 ** rng.randint(0, 40)
    a, b = fmpq(a), fmpq(b)
    mid = (a + b) / 2
    cands = [a + (b - a) * fmpq(rng.randint(1, 2 ** 30 - 1), 2 ** 30) for _ in range(k)]
    cands += [a + (b - a) / 2 ** rng.randint(20, 60), b - (b - a) / 2 ** rng.randint(20, 60)]
    for c in cands:
        c = _round100(c, mid)
        if (lo is None or c > lo) and (hi is None or c < hi):
            pts.append(c)
    return pts


def check_case(op, args, data, result, dec, rng) -> list[str]:
    """Failures of (result, dec) = apply(op, args, data) against the oracle."""
    fail = []
    r = result
    if dec not in (TRV, DEF, DAC, COM):
        fail.append(f"decoration {dec!r}")
    if r is EMPTY and dec != TRV:
        fail.append("empty result not TRV")
    if dec == COM and not (all(A.bounded(a) for a in args) and A.bounded(r)):
        fail.append("COM with an unbounded arg or result")
    if op == "tan" and dec >= DEF and _tan_pole_inside(args[0]):
        fail.append("tan defined across a pole")
    pts = [samples(a, rng) for a in args]
    if len(args) == 1:
        combos = [(p,) for p in pts[0]]
    else:
        combos = [(p, q) for p in pts[0] for q in pts[1]]
        rng.shuffle(combos)
        combos = combos[:12]
    for xs in combos:
        if not in_domain(op, xs, data):
            if dec >= DEF:
                fail.append(f"decoration {dec} but {xs} is outside the domain")
            continue
        v = exact_value(op, xs, data)
        if v is not None:
            if not member_exact(v, r):
                fail.append(f"f{tuple(map(str, xs))} = {v} (exact) not in {r}")
        else:
            w = mp_value(op, xs, data)
            if not member_approx(w, r):
                fail.append(f"f{tuple(map(str, xs))} = {mpmath.nstr(w, 20)} not in {r}")
    return fail


# -- random cases ---------------------------------------------------------------------------------

UNARY = ["neg", "sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
         "cosh", "tanh", "asinh", "acosh", "atanh", "abs", "sinc"]
BINARY = ["add", "sub", "mul", "div", "pow", "min", "max"]


def rand_rational(rng):
    r = rng.random()
    if r < 0.25:
        return fmpq(rng.randint(-4, 4))
    if r < 0.4:
        return fmpq(rng.choice([0, 1, -1, 1, -1, 0]))
    if r < 0.6:
        return fmpq(rng.randint(-64, 64), 2 ** rng.randint(0, 6))
    if r < 0.75:
        return fmpq(rng.randint(-100, 100), rng.choice([3, 7, 10, 1000]))
    if r < 0.85:       # near multiples of pi/2
        k = rng.randint(-6, 6)
        return fmpq(int(mpmath.nint(k * mpmath.pi / 2 * 10 ** 12)) + rng.randint(-3, 3), 10 ** 12)
    if r < 0.92:
        return fmpq(rng.choice([-1, 1]) * 10 ** rng.randint(2, 25))
    return fmpq(rng.choice([-1, 1]), 2 ** rng.randint(10, 70))


def rand_iv(rng):
    r = rng.random()
    if r < 0.03:
        return EMPTY
    a, b = sorted([rand_rational(rng), rand_rational(rng)])
    if r < 0.15:
        b = a
    lo_open, hi_open = a != b and rng.random() < 0.3, a != b and rng.random() < 0.3
    c = cell(a, b, lo_open, hi_open)
    if r > 0.97:
        return Iv(None, None)
    if r > 0.90:
        return Iv(None, c.hi, False, c.hi_open)
    if r > 0.83:
        return Iv(c.lo, None, c.lo_open, False)
    return c


def rand_case(rng):
    """(op, args, data) at a random precision."""
    flint.ctx.prec = rng.choice([53, 53, 64, 128])
    u = rng.random()
    if u < 0.1:
        n = rng.randint(-6, 7)
        return "pown", (rand_iv(rng),), n
    if u < 0.18:
        q = rng.choice([2, 3, 4, 5])
        p = rng.choice([p for p in range(-7, 8) if p and math.gcd(p, q) == 1])
        return "rpow", (rand_iv(rng),), (p, q)
    if u < 0.6:
        return rng.choice(UNARY), (rand_iv(rng),), None
    return rng.choice(BINARY), (rand_iv(rng), rand_iv(rng)), None


def property_failures(n: int, seed: int, apply_fn=None, first=False) -> list[str]:
    """Failures over n random cases (``first``: stop at the first failing case)."""
    apply_fn = apply_fn or apply
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        op, args, data = rand_case(rng)
        try:
            r, dec = apply_fn(op, args, data)
        except (ValueError, ArithmeticError) as e:          # a crash is a failure too
            out.append(f"{op}{args} data={data} prec={flint.ctx.prec} raised {e!r}")
            r = None
        if r is not None:
            for f in check_case(op, args, data, r, dec, rng):
                out.append(f"{op}{args} data={data} prec={flint.ctx.prec} -> {r}, {dec}: {f}")
        if first and out:
            break
    return out


def test_random_against_mpmath():
    failures = property_failures(4000, seed=1788)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:20])


# -- the API --------------------------------------------------------------------------------------

def test_iv_is_a_checked_immutable_value():
    v = cell(0, 1, True)
    with pytest.raises(AttributeError):
        v.lo = arb(5)
    with pytest.raises(ValueError):
        Iv(arb(1) / 3, None)                 # not exact
    with pytest.raises(ValueError):
        Iv(arb(2), arb(1))                   # inverted
    with pytest.raises(ValueError):
        Iv(arb(1), arb(1), True)             # empty
    with pytest.raises(ValueError):
        Iv(arb("inf"), None)
    assert Iv(None, arb(1), True).lo_open is False      # no openness at an infinite end
    assert cell(0, 1, True) == Iv(arb(0), arb(1), True) and cell(0, 1) != cell(0, 1, True)
    assert EMPTY.is_empty() and not v.is_empty() and EMPTY == EMPTY and EMPTY != v
    assert hash(cell(0, 1)) == hash(cell(0, 1))
    assert not (EMPTY.lo <= 0 <= EMPTY.hi)


def test_cell_rounds_outward_and_keeps_only_exact_openness():
    c = cell(fmpq(1, 3), fmpq(2, 3), True, True)
    assert not c.lo_open and not c.hi_open
    assert frac(c.lo) < fmpq(1, 3) and frac(c.hi) > fmpq(2, 3)
    c = cell(fmpq(1, 2), 1, True, True)
    assert c.lo_open and c.hi_open and c.lo == arb(0.5)
    assert point(fmpq(1, 3)).lo < point(fmpq(1, 3)).hi
    assert point(5) == Iv(arb(5), arb(5))
    assert cell(1, 1, True) is EMPTY
    with pytest.raises(ValueError):
        cell(2, 1)
    flint.ctx.prec = 200
    c = cell(fmpq(1, 3), fmpq(1, 3))
    assert frac(c.hi) - frac(c.lo) < fmpq(1, 2 ** 190)


def test_constants_and_balls():
    for name, true in (("pi", mpmath.pi), ("e", mpmath.e)):
        v = A.constant(name)
        assert to_mpf(v.lo) < true < to_mpf(v.hi) and to_mpf(v.hi) - to_mpf(v.lo) < 1e-15
    with pytest.raises(ValueError):
        A.constant("tau")
    assert A.from_ball(arb(1) / 0) == Iv(None, None)
    assert A.from_ball(arb(2)) == point(2)
    b = A.from_ball(arb(1) / 3)
    assert frac(b.lo) < fmpq(1, 3) < frac(b.hi) and not b.lo_open


def test_predicates():
    assert A.positive(cell(0, 1, True)) and not A.positive(cell(0, 1))
    assert A.nonnegative(cell(0, 1)) and not A.nonnegative(cell(-1, 1))
    assert A.negative(cell(-1, 0, False, True)) and not A.negative(cell(-1, 0))
    assert A.nonpositive(cell(-1, 0)) and not A.nonpositive(Iv(arb(-1), None))
    for p in (A.positive, A.nonnegative, A.negative, A.nonpositive, A.bounded):
        assert not p(EMPTY)
    assert A.bounded(cell(0, 1)) and not A.bounded(Iv(None, arb(0)))


def test_meet():
    assert A.meet(cell(0, 2), cell(1, 3, True)) == cell(1, 2, True)
    assert A.meet(cell(0, 1), cell(1, 2)) == point(1)
    assert A.meet(cell(0, 1, False, True), cell(1, 2)) is EMPTY
    assert A.meet(cell(0, 1), cell(2, 3)) is EMPTY
    assert A.meet(Iv(None, None), cell(0, 1, True)) == cell(0, 1, True)
    assert A.meet(Iv(None, arb(1), False, True), Iv(arb(0), None, True)) == cell(0, 1, True, True)
    assert A.meet(EMPTY, cell(0, 1)) is EMPTY


def test_apply_rejects_malformed_calls():
    x = cell(1, 2)
    for op, args, data in (("frob", (x,), None), ("add", (x,), None), ("sin", (x, x), None),
                           ("sin", (x,), 3), ("pown", (x,), 1.5), ("pown", (x,), True),
                           ("rpow", (x,), (2, 4)), ("rpow", (x,), (1, 1)), ("rpow", (x,), (0, 3)),
                           ("sin", (1,), None)):
        with pytest.raises(ValueError):
            apply(op, args, data)


# -- targeted cases -------------------------------------------------------------------------------

INF = None


def iv(lo, hi, lo_open=False, hi_open=False):
    """An Iv from rationals / None (infinite)."""
    if lo is None and hi is None:
        return Iv(None, None)
    if lo is None or hi is None:
        c = cell(lo if lo is not None else hi, hi if hi is not None else lo)
        return Iv(None if lo is None else c.lo, None if hi is None else c.hi, lo_open, hi_open)
    return cell(fmpq(lo), fmpq(hi), lo_open, hi_open)


def same(got, lo, hi, lo_open=False, hi_open=False, dec=None):
    r, d = got
    assert r == iv(lo, hi, lo_open, hi_open), r
    if dec is not None:
        assert d == dec, (r, d)


def test_division():
    one = point(1)
    same(apply("div", (one, iv(0, 1, True))), 1, INF, dec=DAC)
    same(apply("div", (one, iv(0, 1))), 1, INF, dec=TRV)
    same(apply("div", (one, iv(-1, 0))), INF, -1, dec=TRV)
    same(apply("div", (one, iv(1, INF))), 0, 1, lo_open=True, dec=DAC)
    same(apply("div", (one, iv(INF, -2))), fmpq(-1, 2), 0, hi_open=True, dec=DAC)
    same(apply("div", (one, iv(-1, 1))), INF, INF, dec=TRV)
    same(apply("div", (point(0), iv(-1, 1))), 0, 0, dec=TRV)
    same(apply("div", (point(0), iv(0, 1, True))), 0, 0, dec=COM)
    assert apply("div", (one, point(0))) == (EMPTY, TRV)
    same(apply("div", (iv(1, 2), iv(2, 4))), fmpq(1, 4), 1, dec=COM)
    same(apply("div", (iv(-1, 2, True), iv(2, 4, False, True))), fmpq(-1, 2), 1, True, False, COM)


def test_log_and_exp_at_their_edges():
    same(apply("log", (iv(0, 1, True),)), INF, 0, dec=DAC)
    same(apply("log", (iv(0, 1),)), INF, 0, dec=TRV)
    assert apply("log", (iv(-1, 0),)) == (EMPTY, TRV)
    assert apply("log", (iv(-1, 0, False, True),)) == (EMPTY, TRV)
    assert apply("log", (iv(1, 2),))[1] == COM
    same(apply("exp", (iv(INF, 0),)), 0, 1, lo_open=True, dec=DAC)
    same(apply("exp", (iv(INF, INF),)), 0, INF, lo_open=True, dec=DAC)
    r, d = apply("exp", (iv(INF, -2 ** 20),))
    assert r.lo == 0 and r.lo_open and r.hi > 0 and d == DAC
    r, d = apply("exp", (iv(2 ** 100, 2 ** 100 + 1),))        # too large for arb: unbounded
    assert r.lo is not None and d in (COM, DAC) and (d == COM) == A.bounded(r)


def test_x_minus_log_x_near_zero_is_finite_and_tight():
    x = iv(0, fmpq(1, 8), True)
    lx, d1 = apply("log", (x,))
    r, d2 = apply("sub", (x, lx))
    assert d1 == DAC and d2 == DAC and r.lo is not None and r.hi is None
    assert 0 <= mpmath.log(8) - to_mpf(r.lo) < 4e-15        # a few ulps of 53 bits


@mpmath.workdps(100)
def test_tan_poles():
    for prec in (53, 200):
        flint.ctx.prec = prec
        assert apply("tan", (iv(fmpq(3, 2), fmpq(8, 5)),)) == (Iv(None, None), TRV)
        assert apply("tan", (iv(fmpq(-8, 5), fmpq(-3, 2)),))[1] == TRV
        assert apply("tan", (iv(0, INF),))[1] == TRV
        r, d = apply("tan", (iv(fmpq(3, 2), fmpq(157, 100)),))
        assert d == COM and to_mpf(r.lo) <= mpmath.tan(1.5)
        assert to_mpf(r.hi) >= mpmath.tan(mpf(157) / 100)
        r, d = apply("tan", (iv(fmpq(158, 100), 3),))
        assert d == COM and to_mpf(r.hi) < 0
        below, above = (fmpq(*float(f).as_integer_ratio()) for f in (1.5707963267948966,
                                                                        1.5707963267948968))
        assert to_mpf(below) < mpmath.pi / 2 < to_mpf(above)
        assert apply("tan", (iv(below, above),))[1] == TRV
        r, d = apply("tan", (point(below),))
        assert d == COM and 1.6e16 < to_mpf(r.lo) <= to_mpf(r.hi) < 1.7e16
        k = 10 ** 15                            # far out: still decided and tight
        r, d = apply("tan", (point(k),))
        assert d == COM and to_mpf(r.lo) <= mpmath.tan(k) <= to_mpf(r.hi)
        assert to_mpf(r.hi) - to_mpf(r.lo) < 1e-10


def test_acos_asin_atan():
    pi = mpmath.pi
    r, d = apply("acos", (iv(-1, 1),))
    assert d == COM and r.lo == 0 and not r.lo_open and pi <= to_mpf(r.hi) < pi + 1e-14
    r, d = apply("acos", (iv(-2, 1),))
    assert d == TRV and r.lo == 0 and to_mpf(r.hi) >= pi
    assert apply("acos", (iv(2, 3),)) == (EMPTY, TRV)
    r, d = apply("asin", (iv(-1, 1),))
    assert d == COM and to_mpf(r.lo) <= -pi / 2 and to_mpf(r.hi) >= pi / 2
    r, d = apply("atan", (iv(0, INF),))
    assert d == DAC and r.lo == 0 and pi / 2 <= to_mpf(r.hi) < pi / 2 + 1e-15


def test_sin_cos_tight_and_with_extrema():
    r, d = apply("sin", (iv(1, 1 + fmpq(1, 2 ** 20)),))
    width = to_mpf(r.hi) - to_mpf(r.lo)
    true = mpmath.sin(1 + mpf(2) ** -20) - mpmath.sin(1)
    assert d == COM and true <= width < true * (1 + 1e-6)
    same(apply("sin", (iv(0, INF),)), -1, 1, dec=DAC)
    r, _ = apply("sin", (iv(fmpq(3, 2), fmpq(8, 5)),))          # max pi/2 inside
    assert r.hi == 1 and not r.hi_open
    r, _ = apply("sin", (iv(0, 1, True),))                      # openness kept: log(sin x) defined
    assert r.lo == 0 and r.lo_open and apply("log", (r,))[1] == DAC
    r, _ = apply("cos", (iv(3, 4),))                            # min pi inside
    assert r.lo == -1 and to_mpf(r.hi) >= mpmath.cos(4)
    same(apply("cos", (iv(0, 7),)), -1, 1, dec=COM)
    r, _ = apply("cos", (iv(-1, 1),))
    assert r.hi == 1 and to_mpf(r.lo) <= mpmath.cos(1)
    flint.ctx.prec = 100
    big = 10 ** 22                                              # huge arguments stay tight
    r, _ = apply("sin", (iv(big, big + fmpq(1, 1000)),))
    assert to_mpf(r.hi) - to_mpf(r.lo) < 2e-3


def test_sinc():
    same(apply("sinc", (iv(INF, INF),)), fmpq(-445, 2048), 1, dec=DAC)
    r, d = apply("sinc", (iv(10, INF),))
    assert d == DAC and to_mpf(r.lo) >= -0.1 - 1e-15 and to_mpf(r.hi) <= 0.1 + 1e-15
    same(apply("sinc", (point(0),)), 1, 1, dec=COM)
    r, d = apply("sinc", (iv(-1, 1),))
    assert d == COM and r.hi == 1 and not r.hi_open and to_mpf(r.lo) <= mpmath.sin(1)
    r, _ = apply("sinc", (iv(1, 1 + fmpq(1, 2 ** 30)),))
    assert to_mpf(r.hi) - to_mpf(r.lo) < 1e-8
    # the range fact: -0.21728515625 is below the minimum of sin(x)/x (at tan x = x)
    xm = mpmath.findroot(lambda t: mpmath.tan(t) - t, 4.49)
    assert mpmath.sinc(xm) > mpf(-445) / 2048 and abs(mpmath.sinc(xm) + 0.2172336) < 1e-6
    for t in mpmath.linspace(-30, 30, 3001):
        assert mpf(-445) / 2048 < mpmath.sinc(t) <= 1


def test_mul_with_zero_and_infinity():
    same(apply("mul", (point(0), iv(1, INF))), 0, 0, dec=DAC)
    same(apply("mul", (iv(0, 1), iv(1, INF))), 0, INF, dec=DAC)
    same(apply("mul", (iv(0, 1, True), iv(1, INF))), 0, INF, lo_open=True)
    same(apply("mul", (point(0), iv(INF, INF))), 0, 0)
    same(apply("mul", (iv(-1, 0), iv(1, INF))), INF, 0)
    same(apply("mul", (iv(INF, INF), iv(INF, INF))), INF, INF, dec=DAC)
    same(apply("mul", (iv(0, 1, True), iv(-1, 1))), -1, 1, dec=COM)
    same(apply("mul", (iv(0, 1, True), iv(0, 1, False, True))), 0, 1, False, True)   # 0 = x * 0
    same(apply("mul", (iv(0, 1, True), iv(0, 1, True, True))), 0, 1, True, True)
    same(apply("mul", (iv(-2, 3), iv(-5, 7))), -15, 21, dec=COM)
    same(apply("mul", (point(2), iv(0, fmpq(1, 8), True))), 0, fmpq(1, 4), lo_open=True)


def test_pown():
    same(apply("pown", (iv(-1, 2),), 2), 0, 4, dec=COM)
    same(apply("pown", (iv(-1, 0, True),), 2), 0, 1, False, True)
    same(apply("pown", (iv(0, 1, True),), 2), 0, 1, True, False)
    same(apply("pown", (iv(-1, 1, True, True),), 2), 0, 1, False, True)
    same(apply("pown", (iv(-1, 2),), -2), fmpq(1, 4), INF, dec=TRV)
    same(apply("pown", (iv(0, 2, True),), -2), fmpq(1, 4), INF, dec=DAC)
    same(apply("pown", (iv(-2, -1),), -1), -1, fmpq(-1, 2), dec=COM)
    same(apply("pown", (iv(-2, 1),), 3), -8, 1, dec=COM)
    same(apply("pown", (iv(-2, 1),), -3), INF, INF, dec=TRV)
    same(apply("pown", (iv(0, 1),), 0), 1, 1, dec=COM)
    same(apply("pown", (iv(INF, INF),), 0), 1, 1, dec=DAC)
    assert apply("pown", (point(0),), -1) == (EMPTY, TRV)
    same(apply("pown", (iv(INF, -1),), -2), 0, 1, lo_open=True, dec=DAC)


def test_rpow_and_pow_domains():
    same(apply("rpow", (iv(-1, 4),), (1, 2)), 0, 2, dec=TRV)
    same(apply("rpow", (iv(0, 4),), (1, 2)), 0, 2, dec=COM)
    r, d = apply("rpow", (iv(0, 8),), (1, 3))
    assert d == COM and r.lo == 0 and 2 <= to_mpf(r.hi) < 2 + 1e-15
    assert apply("rpow", (iv(-8, -1),), (1, 3)) == (EMPTY, TRV)      # real root of x >= 0 only
    same(apply("rpow", (iv(0, 4, True),), (-1, 2)), fmpq(1, 2), INF, dec=DAC)
    same(apply("rpow", (iv(0, 4),), (-1, 2)), fmpq(1, 2), INF, dec=TRV)
    same(apply("rpow", (iv(4, INF),), (-1, 2)), 0, fmpq(1, 2), lo_open=True, dec=DAC)
    same(apply("rpow", (iv(0, 4),), (3, 2)), 0, 8, dec=COM)
    assert apply("rpow", (point(0),), (-1, 3)) == (EMPTY, TRV)
    r, d = apply("pow", (iv(0, 1), iv(1, 2)))
    assert d == TRV and r.lo == 0 and r.lo_open and r.hi == 1
    same(apply("pow", (iv(0, 1, True), iv(1, 2))), 0, 1, lo_open=True, dec=COM)
    assert apply("pow", (iv(-1, fmpq(-1, 2)), iv(1, 2))) == (EMPTY, TRV)
    assert apply("pow", (point(0), iv(1, 2))) == (EMPTY, TRV)
    r, d = apply("pow", (point(2), point(3)))
    assert d == COM and to_mpf(r.lo) <= 8 <= to_mpf(r.hi) and to_mpf(r.hi) - to_mpf(r.lo) < 1e-13
    same(apply("pow", (iv(0, 1, True), point(-1))), 1, INF, dec=DAC)


def test_atanh_acosh_sqrt_at_their_edges():
    same(apply("atanh", (iv(-1, 1, True, True),)), INF, INF, dec=DAC)
    same(apply("atanh", (iv(-1, 1),)), INF, INF, dec=TRV)
    r, d = apply("atanh", (iv(fmpq(1, 2), 1, False, True),))
    assert d == DAC and r.hi is None and to_mpf(r.lo) <= mpmath.atanh(0.5)
    same(apply("atanh", (iv(0, 1, False, True),)), 0, INF, dec=DAC)
    assert apply("atanh", (iv(1, 2),)) == (EMPTY, TRV)
    same(apply("acosh", (iv(1, INF),)), 0, INF, dec=DAC)
    assert apply("acosh", (iv(0, 1),))[1] == TRV and apply("acosh", (iv(0, 1),))[0] == point(0)
    same(apply("sqrt", (iv(0, 4, True),)), 0, 2, lo_open=True, dec=COM)
    same(apply("sqrt", (iv(-1, 4),)), 0, 2, dec=TRV)


def test_hyperbolic_abs_min_max():
    r, d = apply("tanh", (iv(INF, INF),))
    assert r == iv(-1, 1, True, True) and d == DAC
    r, _ = apply("tanh", (iv(3, 1000),))
    assert r.hi == 1 and r.hi_open
    r, d = apply("cosh", (iv(-1, 2),))
    assert r.lo == 1 and not r.lo_open and d == COM and to_mpf(r.hi) >= mpmath.cosh(2)
    r, _ = apply("cosh", (iv(0, 1, True),))
    assert r.lo == 1 and r.lo_open
    same(apply("abs", (iv(-3, 2, True),)), 0, 3, hi_open=True, dec=COM)
    same(apply("abs", (iv(-3, 3, True),)), 0, 3)
    same(apply("abs", (iv(INF, -1),)), 1, INF, dec=DAC)
    same(apply("min", (iv(0, 1, False, True), iv(0, 1))), 0, 1, hi_open=True)
    same(apply("min", (iv(0, 1, True), iv(0, 1))), 0, 1)
    same(apply("max", (iv(0, 1, True), iv(0, 1, True))), 0, 1, lo_open=True)
    same(apply("max", (iv(INF, 1), iv(0, 2))), 0, 2, dec=DAC)
    same(apply("min", (iv(INF, 1), iv(0, INF))), INF, 1, dec=DAC)


ALL_OPS = [(op, 1, None) for op in UNARY] + [(op, 2, None) for op in BINARY] + [
    ("pown", 1, 3), ("pown", 1, 0), ("pown", 1, -2), ("rpow", 1, (1, 2))]


@pytest.mark.parametrize("op,arity,data", ALL_OPS, ids=[o[0] + str(o[2]) for o in ALL_OPS])
def test_empty_propagates(op, arity, data):
    x = cell(1, 2)
    for args in ([(EMPTY,)] if arity == 1 else [(EMPTY, x), (x, EMPTY), (EMPTY, EMPTY)]):
        assert apply(op, args, data) == (EMPTY, TRV)


def test_ends_with_more_bits_than_the_precision():
    """An Iv built at 300 bits, used at 53: negation and abs stay exact, all ends are exact."""
    flint.ctx.prec = 300
    x = cell(fmpq(1, 3), fmpq(2, 3))
    flint.ctx.prec = 53
    for op in ("neg", "abs", "sin", "exp", "sqrt"):
        r, d = apply(op, (x,))
        assert d == COM and r.lo.is_exact() and r.hi.is_exact()
    r, _ = apply("neg", (x,))
    assert frac(r.lo) == -frac(x.hi) and frac(r.hi) == -frac(x.lo)
    r, _ = apply("sub", (x, x))
    assert frac(r.lo) <= frac(x.lo) - frac(x.hi) and frac(r.hi) >= frac(x.hi) - frac(x.lo)


@pytest.mark.parametrize("prec", [53, 113, 1000])
def test_every_end_is_exact_and_finite_at_any_precision(prec):
    rng = random.Random(prec)
    for _ in range(300):
        op, args, data = rand_case(rng)
        flint.ctx.prec = prec
        r, d = apply(op, args, data)
        if r is not EMPTY:
            for e in (r.lo, r.hi):
                assert e is None or (e.is_exact() and e.is_finite())


# -- mutants: the tests above must catch each of them ---------------------------------------------

def _wrap(op, change):
    def mutant(o, args, data=None):
        r, d = apply(o, args, data)
        return change(r, d, args) if o == op and r is not EMPTY else (r, d)
    return mutant


def _narrowed(r, d, args):
    if not A.bounded(r) or r.lo == r.hi:
        return r, d
    return Iv(r.lo, (r.hi - (r.hi - r.lo) / 1024).lower(), r.lo_open, False), d


def _opened(r, d, args):
    return Iv(r.lo, r.hi, r.lo is not None, r.hi is not None), d


def _floor_one(r, d, args):
    m = A.meet(r, Iv(arb(1), None))
    return (r if m is EMPTY else m), d


MUTANTS = {
    "sin narrowed": _wrap("sin", _narrowed),
    "pown narrowed": _wrap("pown", _narrowed),
    "log decorated COM": _wrap("log", lambda r, d, a: (r, COM)),
    "div decorated DAC": _wrap("div", lambda r, d, a: (r, max(d, DAC))),
    "sqrt ends opened": _wrap("sqrt", _opened),
    "mul ends opened": _wrap("mul", _opened),
    "tan decorated DAC": _wrap("tan", lambda r, d, a: (r, max(d, DAC))),
    "exp lower end raised to 1": _wrap("exp", _floor_one),
}


@pytest.mark.parametrize("name", list(MUTANTS))
def test_property_test_catches_mutant(name):
    assert property_failures(4000, seed=7, apply_fn=MUTANTS[name], first=True)


def _always_open_least(cands):
    if not cands or any(v is None for v, _ in cands):
        return None, False
    return min(v for v, _ in cands), True


INTERNAL_MUTANTS = {
    # name: (module, attribute, replacement, a targeted test that must fail, unsound?)
    "no extrema detected": (AE, "_misses", lambda *a: True,
                            test_sin_cos_tight_and_with_extrema, True),
    "tan poles ignored": (AE, "_misses", lambda *a: True, test_tan_poles, True),
    "zero never in a set": (A, "_has", lambda v, c: False, test_division, True),
    "zero never in a set (mul)": (A, "_has", lambda v, c: False,
                                  test_mul_with_zero_and_infinity, True),
    "no range facts": (AE, "range_fact", lambda op, data=None: None, test_sinc, False),
    "exp fact too strong": (AE, "range_fact",
                            lambda op, data=None: Iv(arb(0), arb(1)) if op == "exp" else None,
                            test_log_and_exp_at_their_edges, True),
    "ties always open": (A, "_least", _always_open_least, test_mul_with_zero_and_infinity, True),
}


@pytest.mark.parametrize("name", list(INTERNAL_MUTANTS))
def test_targeted_and_property_tests_catch_internal_mutant(name, monkeypatch):
    """Each mutant fails a targeted test; an unsound one (not merely looser) also fails the
    random property test."""
    module, attr, repl, targeted, unsound = INTERNAL_MUTANTS[name]
    monkeypatch.setattr(module, attr, repl)
    with pytest.raises((AssertionError, ValueError)):    # ValueError: an invalid Iv built
        targeted()
    if unsound:
        assert property_failures(4000, seed=11, first=True)
