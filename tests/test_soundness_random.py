"""Randomized soundness of the evaluation core (certify.expr), against mpmath at 50 digits.

Random expression trees (depth <= 4, one or two variables) on random cells (some partly
outside the natural domains, some with open or infinite ends, some a single point; made by
tests/_random_cases.py), evaluated by ``Tape.intervals``.  The ground truth is an independent
evaluator (``mp_value``, tests/_mp_reference.py): exact
rational arithmetic while only + - * / and integer powers occur (so an exact 0 is seen as 0),
mpmath at 50 digits afterwards, with *real* semantics (an undefined operation raises
``Undefined``; a decision too close to call at 50 digits raises ``Skip``).  Checked, at a few
exact rational points of each cell:

(a) wherever the expression is defined, its value lies in the enclosure (and strictly inside at
    an open end of the enclosure, when the value is exact);
(b) when the decoration is >= DEF, the expression is defined at every sampled point; an empty
    enclosure has decoration TRV; COM means a bounded, non-empty enclosure;
(c) the ball at each sampled point (``Tape.point_balls``: rational parts exact), where it is
    not None, means the expression is defined there and contains its value;
(d) the derivative tree (``certify.expr.diff.diff``): where its decoration on the cell is
    >= DEF, mpmath's numerical derivative (``mpmath.diff``) at sampled interior points lies in
    its enclosure.

'Tangent zero' cases put an exact zero of a subexpression ((x - c)**k, x - y, ...) at an end
or the midpoint of the cell.  Deterministic (seeded); ``bench/property.py`` runs the same
generator with more cases.
"""
from __future__ import annotations

import random
import time
from fractions import Fraction

import mpmath
import pytest
from flint import fmpq

from _mp_reference import (DPS, TOL, Skip, Undefined, _exact, _mp, bounds, inside, mp_defined_value,
                           mp_value, near_enough)
from _random_cases import (dyadic, in_cell, interior_points, make_case, make_interval, rand_tree,
                           sample_points)
from certify.errors import CertifyInputError
from certify.expr import interval as I
from certify.expr import nodes as N
from certify.expr.diff import diff
from certify.expr.tape import Tape
from certify.expr.text import to_text
# -- one case ------------------------------------------------------------------------------------

STATS = {"cases": 0, "points": 0, "defined": 0, "undefined": 0, "skipped": 0, "def_cells": 0,
         "deriv_cells": 0, "deriv_points": 0}


def check_case(rng, F, names, cells, special, derivative=True):
    """Run the checks (a), (b), (d) on one case; returns a list of failure descriptions."""
    failures = []
    STATS["cases"] += 1
    box = [make_interval(*c) for c in cells]
    tape = Tape([[F]], names)
    vals, decs = tape.intervals(box)
    value, dec = vals[-1], decs[-1]
    STATS["def_cells"] += dec >= I.DEF

    def desc():                         # for a failure only: the text costs more than the check
        return f"F = {to_text(F)} on {dict(zip(names, box))}: enclosure {value} dec {I.Dec(dec).name}"
    if value is I.EMPTY and dec != I.TRV:
        failures.append(f"{desc()}: empty enclosure with decoration {I.Dec(dec).name}")
    if dec == I.COM and (value is I.EMPTY or not value.bounded):
        failures.append(f"{desc()}: COM with an unbounded or empty enclosure")
    value_bounds = bounds(value)
    per_var = [sample_points(rng, c, special) for c in cells]
    points = []
    for j in range(max(len(p) for p in per_var)):
        points.append(tuple(p[j % len(p)] for p in per_var))
    if len(names) == 2 and special:
        for s in special:       # the diagonal x = y = s when both cells contain s
            if all(in_cell(s, c) for c in cells):
                points.append((s, s))
    for pt in points:
        env = dict(zip(names, pt))
        STATS["points"] += 1
        try:
            v = mp_defined_value(F, env)
        except Skip:
            STATS["skipped"] += 1
            continue
        STATS["undefined" if v is None else "defined"] += 1
        ball = tape.point_balls([fmpq(q.numerator, q.denominator) for q in pt])[-1]
        if v is None:
            if dec >= I.DEF:
                failures.append(f"{desc()}: decoration {I.Dec(dec).name} but undefined at {env}")
            if ball is not None:
                failures.append(f"{desc()}: point ball {ball} but undefined at {env}")
            continue
        if not inside(v, value_bounds):
            failures.append(f"{desc()}: value {mpmath.nstr(_mp(v), 20)} at {env} outside the enclosure")
        if ball is not None and not inside(v, I.from_arb(ball)):
            failures.append(f"{desc()}: value {mpmath.nstr(_mp(v), 20)} at {env} outside the point ball {ball}")
    if derivative and not failures:
        failures += check_derivative(rng, F, names, cells, box)
    return failures


def check_derivative(rng, F, names, cells, box):
    failures = []
    k = rng.randrange(len(names))
    try:
        dF = diff(F, names[k])
    except CertifyInputError:      # diff of u/0 (reported by tests/test_expr.py)
        STATS["diff_raised"] = STATS.get("diff_raised", 0) + 1
        return failures
    vals, decs = Tape([[dF]], names).intervals(box)
    value, dec = vals[-1], decs[-1]
    if dec < I.DEF:
        return failures
    STATS["deriv_cells"] += 1
    per_var = [interior_points(rng, c) or [c[0]] for c in cells]
    for j in range(2):
        pt = [p[j % len(p)] for p in per_var]
        env0 = dict(zip(names, pt))
        try:
            fv = mp_defined_value(F, env0)
            if fv is None:
                continue

            def f(*xs):
                v = mp_value(F, dict(zip(names, xs)))
                return _mp(v)
            order = tuple(1 if i == k else 0 for i in range(len(names)))
            d = mpmath.diff(f, tuple(_mp(q) for q in pt), order) if len(names) > 1 else \
                mpmath.diff(f, _mp(pt[0]))
        except (Skip, Undefined, ZeroDivisionError, OverflowError, ValueError):
            continue
        STATS["deriv_points"] += 1
        if not near_enough(d, value, _mp(fv)):
            failures.append(f"d/d{names[k]} of {to_text(F)} on {dict(zip(names, box))}: "
                            f"mpmath {mpmath.nstr(d, 20)} at {env0} outside {value} (dec {I.Dec(dec).name}, "
                            f"tree {to_text(dF)})")
    return failures


def run_cases(seed: int, count: int, derivative=True):
    """(cases, failures): ``count`` seeded cases."""
    rng = random.Random(seed)
    failures = []
    old = mpmath.mp.dps
    mpmath.mp.dps = DPS
    try:
        for _ in range(count):
            F, names, cells, special = make_case(rng)
            failures += check_case(rng, F, names, cells, special, derivative)
    finally:
        mpmath.mp.dps = old
    return count, failures


# -- the tests ----------------------------------------------------------------------------------

CHUNKS = 20
PER_CHUNK = 500          # 10^4 cases in all


@pytest.mark.parametrize("seed", range(CHUNKS))
def test_random_enclosures_are_sound(seed):
    cases, failures = run_cases(1000 + seed, PER_CHUNK)
    assert not failures, f"{len(failures)} failures, first: " + "\n".join(failures[:5])


def checker_point_failures(seed: int, count: int):
    """The independent checker's evaluation at exact points (``checker.evaluate.values`` with
    ``point``: rational parts exact) on the same random trees and points: where it says
    defined, mpmath's value is defined and inside."""
    from certify.checker import arith as A
    from certify.checker.evaluate import value
    from certify.checker.reader import read_expr
    rng = random.Random(seed)
    failures, old = [], mpmath.mp.dps
    mpmath.mp.dps = DPS
    try:
        for _ in range(count):
            F, names, cells, special = make_case(rng)
            term = read_expr(to_text(F), names)
            per_var = [sample_points(rng, c, special) for c in cells]
            for j in range(max(len(p) for p in per_var)):
                pt = [p[j % len(p)] for p in per_var]
                point = {n: fmpq(q.numerator, q.denominator) for n, q in zip(names, pt)}
                v, dec = value(term, {n: A.point(q) for n, q in point.items()}, point=point)
                if dec < A.DEF:
                    continue
                try:
                    ref = mp_defined_value(F, dict(zip(names, pt)))
                except Skip:
                    continue
                got = I.EMPTY if v is A.EMPTY else I.Interval(v.lo, v.hi, v.lo_open, v.hi_open)
                if ref is None or not inside(ref, got):
                    failures.append(f"{to_text(F)} at {point}: checker {v} ({dec}), mpmath "
                                    f"{None if ref is None else mpmath.nstr(_mp(ref), 20)}")
    finally:
        mpmath.mp.dps = old
    return failures


@pytest.mark.parametrize("seed", range(4))
def test_checker_point_values_are_sound(seed):
    failures = checker_point_failures(3000 + seed, 250)
    assert not failures, f"{len(failures)} failures, first: " + "\n".join(failures[:5])


def inexact_ends(seed: int, count: int):
    """Nodes whose computed Interval has an end that is not an exact arb (the module's
    invariant: ends are exact, radius 0)."""
    rng = random.Random(seed)
    bad = {}
    for _ in range(count):
        F, names, cells, _special = make_case(rng)
        tape = Tape([[F]], names)
        vals, _ = tape.intervals([make_interval(*c) for c in cells])
        def inexact(v):
            return v is not I.EMPTY and ((v.lo is not None and not v.lo.is_exact()) or
                                         (v.hi is not None and not v.hi.is_exact()))
        for node, v in zip(tape.nodes, vals):
            # an operation that makes an inexact end out of exact inputs
            if inexact(v) and not any(inexact(vals[tape.position(a)]) for a in node.args):
                key = node.op
                if key not in bad:
                    bad[key] = f"{to_text(node)} on {[make_interval(*c) for c in cells]} -> ends {v.lo}, {v.hi}"
    return bad


def test_interval_ends_are_exact():
    bad = inexact_ends(77, 3000)
    assert not bad, "Interval ends that are not exact arbs, by operation: " + "; ".join(
        f"{op}: {example}" for op, example in sorted(bad.items()))


TANGENT = [
    ("(x - 3/8)**2", "x", (Fraction(3, 8), Fraction(1, 2)), Fraction(3, 8)),
    ("(x - 1/3)**2", "x", (Fraction(0), Fraction(2, 3)), Fraction(1, 3)),
    ("sqrt((x - 1/3)**2)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(1, 3)),
    ("log((x - 3/8)**2)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(3, 8)),
    ("1/(x - 1/2)**2", "x", (Fraction(1, 2), Fraction(1)), Fraction(1, 2)),
    ("x**2 - 2*x + 1", "x", (Fraction(0), Fraction(2)), Fraction(1)),
    ("sqrt(x**2 - 2*x + 1)", "x", (Fraction(1, 2), Fraction(3, 2)), Fraction(1)),
    ("(x - 1/3)**3 + sin(x - 1/3)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(1, 3)),
    ("acos(1 - (x - 1/4)**2)", "x", (Fraction(0), Fraction(1, 2)), Fraction(1, 4)),
    ("asin((x - 1/4)**2 - 1)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(1, 4)),
]


@pytest.mark.parametrize("text,name,cell,zero", TANGENT)
def test_tangent_zeros(text, name, cell, zero):
    from certify.expr.parse import parse_expr
    F = parse_expr(text, (name,))
    rng = random.Random(7)
    mpmath.mp.dps = DPS
    lo, hi = cell
    failures = check_case(rng, F, (name,), [(lo, hi, False, False)], [zero])
    assert not failures, failures[:3]
    # the exact zero is seen as exactly 0 (or the expression as undefined) at the point itself
    v = mp_defined_value(F, {name: zero})
    vals, decs = Tape([[F]], (name,)).intervals([make_interval(zero, zero, False, False)])
    if v is None:
        assert decs[-1] < I.DEF
    else:
        assert inside(v, vals[-1])


def random_claim(seed: int):
    """A random claim F > c on a random one-variable domain, c near the sampled minimum."""
    rng = random.Random(seed)
    while True:
        try:
            F = rand_tree(rng, ("x",), rng.randint(1, 3))
            break
        except CertifyInputError:
            continue
    lo = dyadic(rng, 3, 2)
    hi = lo + Fraction(rng.randint(1, 8), 2)
    lo_open, hi_open, unbounded = rng.random() < 0.3, rng.random() < 0.3, rng.random() < 0.2
    over = f"x in {'(' if lo_open else '['}{lo}, " + ("oo)" if unbounded else f"{hi}{')' if hi_open else ']'}")
    cell = (lo, None if unbounded else hi, lo_open, True if unbounded else hi_open)
    values, undefined = [], []
    for q in sample_points(rng, cell, k=150):
        try:
            v = mp_defined_value(F, {"x": q})
        except Skip:
            continue
        (undefined.append(q) if v is None else values.append((_mp(v), q)))
    m = min((v for v, _ in values), default=mpmath.mpf(0))
    c = Fraction(int(mpmath.floor(m * 100)) + rng.randint(-2, 2), 100) if abs(m) < 10 ** 6 else Fraction(0)
    return F, c, over, values, undefined


def check_claim(seed: int):
    """prove F > c; PROVED must agree with every sample (and its margin lower end must not
    exceed the sampled slack), a REFUTED witness must be in the domain and really refute."""
    from certify.domain import parse_domain
    from certify.prover import prove_inequality
    from certify.search import Budget
    old = mpmath.mp.dps
    mpmath.mp.dps = DPS
    try:
        return _check_claim(seed, parse_domain, prove_inequality, Budget)
    finally:
        mpmath.mp.dps = old


def _check_claim(seed, parse_domain, prove_inequality, Budget):
    F, c, over, values, undefined = random_claim(seed)
    r = prove_inequality(F, ">", N.num(fmpq(c.numerator, c.denominator)), parse_domain(over),
                         Budget(cells=3000, seconds=3))
    what = f"{to_text(F)} > {c} on {over}: {r.status}"
    cm = _mp(c)
    if r.status == "PROVED":
        if undefined:
            return f"{what} but undefined at {undefined[:3]}"
        bad = [q for v, q in values if v <= cm]
        if bad:
            return f"{what} but false at {bad[:3]}"
        lo, hi = r.margin
        if hi != "oo" and Fraction(lo) > Fraction(hi):
            return f"{what} with margin {r.margin}"
        if values and mpmath.mpf(lo) > min(v for v, _ in values) - cm + TOL:
            return f"{what}: margin {r.margin} above the sampled slack {min(v for v, _ in values) - cm}"
    if r.status == "REFUTED":
        w = Fraction(r.witness["x"])
        if not parse_domain(over).intervals[0].contains(str(w)):
            return f"{what}: witness {w} outside the domain"
        try:
            v = mp_defined_value(F, {"x": w})
        except Skip:
            return None
        if v is not None and _mp(v) > cm and not (not _exact(v) and abs(_mp(v) - cm) < TOL):
            return f"{what}: F({w}) = {mpmath.nstr(_mp(v), 20)} > {c}, the witness does not refute"
    return None


@pytest.mark.parametrize("chunk", range(6))
def test_random_claims_end_to_end(chunk):
    problems = [p for p in (check_claim(seed) for seed in range(chunk * 15, chunk * 15 + 15)) if p]
    assert not problems, problems


def test_generator_is_deterministic_and_cheap():
    start = time.perf_counter()
    a = run_cases(5, 200)
    b = run_cases(5, 200)
    assert a == b
    assert time.perf_counter() - start < 20
