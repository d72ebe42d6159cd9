"""certify.criterion and ``certify criterion``: known answers, soundness, CLI contract.

Ground truth: closed forms (Kuramoto; sin x (1 + k cos x); f_beta's tau by the arccos formula)
and an independent mpmath computation (roots of f''' by findroot, 30 digits) at points inside
random cells -- the certified enclosure must contain them.
"""
import functools
import json
import random
from fractions import Fraction as F

import mpmath as mp
import pytest
import sympy

from certify.criterion import FAILS, HOLDS, UNDECIDED, Criterion, decimal_bound
from certify.criterion_cli import main as cli_main
from certify.errors import CertifyInputError
from certify.roots import arb_to_fraction

x = sympy.Symbol("x", real=True)
beta = sympy.Symbol("beta", real=True)
k = sympy.Symbol("k", real=True)
F_BETA = sympy.sin(x) * sympy.exp(beta * (sympy.cos(x) - 1))


def _contains(lo, hi, value, tol=0):
    """lo, hi exact arbs; value an mpf (30 digits) -- allow mpmath's own error ``tol``."""
    a, b = arb_to_fraction(lo), arb_to_fraction(hi)
    v = F(str(mp.nstr(value, 28)))
    return a - tol <= v <= b + tol


@pytest.fixture(scope="module")
def fbeta():
    return Criterion(F_BETA, x, beta)


# -- reference values (mpmath, not interval) ------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _grid(n, dps):
    """t_i = pi i / n on [0, pi] and cos t_i at dps digits: the same for every beta."""
    with mp.workdps(dps):
        xs = [mp.pi * i / n for i in range(n + 1)]
        return xs, [mp.cos(t) for t in xs]


def _ref_fbeta(bv):
    mp.mp.dps = 30
    bv = mp.mpf(bv)
    e = lambda t: mp.exp(bv * (mp.cos(t) - 1))
    f2 = lambda t: (-mp.sin(t) - 3 * bv * mp.sin(t) * mp.cos(t) + bv ** 2 * mp.sin(t) ** 3) * e(t)
    p = lambda z: -(z + 3 * bv * z ** 2 - 4 * bv * (1 - z ** 2) - 6 * bv ** 2 * z * (1 - z ** 2)
                    + bv ** 3 * (1 - z ** 2) ** 2)
    f3 = lambda t: p(mp.cos(t)) * e(t)
    tau = mp.pi / 2 if bv == 0 else mp.acos(2 * bv / (mp.sqrt(1 + 4 * bv ** 2) + 1))
    xs, cs = _grid(2000, mp.mp.dps)
    # f3 = p(cos t) e(t) with e > 0: on the grid f3 has the signs of p(cos t)
    vs = [p(c) for c in cs]
    roots = [mp.findroot(f3, (xs[i], xs[i + 1]), solver="anderson")
             for i in range(len(xs) - 1) if vs[i] * vs[i + 1] < 0]
    pts = [mp.mpf(0)] + roots + [mp.pi]
    I = 2 * sum(f2(b_) - f2(a_) for a_, b_ in zip(pts, pts[1:]) if f3((a_ + b_) / 2) > 0)
    R = {"2pi": 4 * (1 + tau / (2 * mp.pi)) / (tau * I), "pi": 4 * (1 + tau / mp.pi) / (tau * I),
         "none": 4 / (tau * I)}
    return tau, I, R


# -- known answers -------------------------------------------------------------------------------

def test_kuramoto_tight():
    r = Criterion(sympy.sin(x), x).enclose()
    mp.mp.dps = 30
    assert _contains(r.tau_lo, r.tau_hi, mp.pi / 2)
    assert arb_to_fraction(r.tau_hi) - arb_to_fraction(r.tau_lo) < F(1, 10 ** 15)
    assert r.I.contains(2)
    assert arb_to_fraction(r.I.upper()) - arb_to_fraction(r.I.lower()) < F(1, 10 ** 15)
    assert r.tau_is_root and r.fp_roots == 1 and r.f3_roots == 1
    expected = {"2pi": 5 / mp.pi, "pi": 6 / mp.pi, "none": 4 / mp.pi}
    for key, v in expected.items():
        lo, hi = r.R[key]
        assert _contains(lo, hi, v)
        assert arb_to_fraction(hi) - arb_to_fraction(lo) < F(1, 10 ** 14)
        assert r.verdict[key] == HOLDS


def test_sin_one_plus_k_cos_closed_form():
    # f = sin x (1 + k cos x): f' = 2k c^2 + c - k, f''' = -(8k c^2 + c - 4k), c = cos x
    crit = Criterion(sympy.sin(x) * (1 + k * sympy.cos(x)), x, k)
    r = crit.enclose(F(1, 8), F(1, 8))
    mp.mp.dps = 30
    kk = mp.mpf(1) / 8
    tau = mp.acos((-1 + mp.sqrt(1 + 8 * kk ** 2)) / (4 * kk))
    c3 = (-1 + mp.sqrt(1 + 128 * kk ** 2)) / (16 * kk)
    a = mp.acos(c3)
    I = 2 * mp.sin(a) * (1 + 4 * kk * c3)
    assert _contains(r.tau_lo, r.tau_hi, tau)
    assert _contains(r.I.lower(), r.I.upper(), I)
    assert _contains(r.fp0.lower(), r.fp0.upper(), 1 + kk)          # f'(0) = 1 + k
    assert _contains(r.R["2pi"][0], r.R["2pi"][1], 4 * (1 + tau / (2 * mp.pi)) * (1 + kk) / (tau * I))
    # a cell: the enclosure contains both end values
    rc = crit.enclose(F(1, 10), F(1, 8))
    assert rc.tau_lo.lower() <= r.tau_lo and r.tau_hi <= rc.tau_hi.upper()


def test_fbeta_tau_at_2_matches_paper(fbeta):
    r = fbeta.enclose(F(2), F(2))
    mp.mp.dps = 30
    assert _contains(r.tau_lo, r.tau_hi, mp.acos(4 / (mp.sqrt(17) + 1)))
    assert decimal_bound(r.tau_lo, "lo", 4) == "0.6748" and r.f3_roots == 2


def test_non_odd_f_uses_both_sides():
    # f = sin(x - 1/10): tau = pi/2 + 1/10 (the left side gives pi/2 - 1/10), I = 2
    phi = sympy.Rational(1, 10)
    crit = Criterion(sympy.sin(x - phi), x)
    assert not crit.odd
    r = crit.enclose()
    mp.mp.dps = 30
    tau = mp.pi / 2 + mp.mpf(1) / 10
    assert _contains(r.tau_lo, r.tau_hi, tau)
    assert r.I.contains(2)
    R = 4 * (1 + tau / (2 * mp.pi)) * mp.cos(mp.mpf(1) / 10) / (tau * 2)
    assert _contains(r.R["2pi"][0], r.R["2pi"][1], R)


def test_root_of_fppp_at_x0_beta_minus_third(fbeta):
    # at beta = -1/3, p(1) = 0: f''' vanishes at x = 0 -- handled without a guess
    r = fbeta.enclose(F(-1, 3), F(-1, 3))
    tau, I, R = _ref_fbeta(mp.mpf(-1) / 3)
    assert r.f3_roots is None                      # the zero at the end is not counted
    assert _contains(r.I.lower(), r.I.upper(), I, tol=F(1, 10 ** 20))
    assert r.verdict["pi"] == FAILS


SPECIAL = [(F(33, 100), F(34, 100)), (F(-34, 100), F(-33, 100)), (F(-1, 100), F(1, 100)),
           (F(999), F(1000))]      # the third derivative vanishes at x = pi (beta = 1/3), x = 0 (-1/3)


@pytest.mark.parametrize("seed", list(range(4)) + SPECIAL)
def test_random_cells_contain_reference(fbeta, seed):
    rng = random.Random(str(seed))
    if isinstance(seed, tuple):
        lo, hi = seed
    else:
        lo = F(rng.randint(-700, 5000), 1000)
        hi = lo + F(rng.randint(1, 200), 10000)
    r = fbeta.enclose(lo, hi)
    ts = (lo, hi, lo + (hi - lo) * F(rng.randint(0, 100), 100))
    # a sub-cell whose isolations start from the cell's (``within``)
    m = lo + (hi - lo) * F(rng.randint(1, 99), 100)
    sub = fbeta.enclose(lo, m, within=r)
    for cell, t in [(r, t) for t in ts] + [(sub, t) for t in ts if t <= m]:
        bv = mp.mpf(t.numerator) / t.denominator
        tau, I, R = _ref_fbeta(bv)
        assert _contains(cell.tau_lo, cell.tau_hi, tau, tol=F(1, 10 ** 20))
        assert _contains(cell.I.lower(), cell.I.upper(), I, tol=F(1, 10 ** 20))
        for key in ("2pi", "pi", "none"):
            rl, rh = cell.R[key]
            assert rl is None or arb_to_fraction(rl) <= F(mp.nstr(R[key], 25)) + F(1, 10 ** 20)
            assert rh is None or F(mp.nstr(R[key], 25)) - F(1, 10 ** 20) <= arb_to_fraction(rh)
    with pytest.raises(CertifyInputError):
        fbeta.enclose(lo, hi + 1, within=r)            # within must contain the cell


# -- the false range is never certified ----------------------------------------------------------

def test_false_range_never_holds(fbeta):
    res = fbeta.certify_range(F(-30, 100), F(-28, 100), "pi")
    assert res.status == FAILS
    assert all(c.verdict["pi"] != HOLDS for c in res.leaves)
    rng = random.Random(7)
    for _ in range(5):
        a = F(-30, 100) + F(rng.randint(0, 1999), 100000)
        r = fbeta.enclose(a, a + F(rng.randint(1, 100), 100000))
        assert r.verdict["pi"] != HOLDS


def test_crossing_range_reports_all_three(fbeta):
    res = fbeta.certify_range(F(-27, 100), F(-25, 100), "pi", min_width=F(1, 10 ** 6))
    verdicts = [c.verdict["pi"] for c in res.leaves]
    assert FAILS in verdicts and HOLDS in verdicts
    # ordered: FAILS cells all to the left of HOLDS cells, crossing near -0.26156
    last_fail = max(c.hi for c in res.leaves if c.verdict["pi"] == FAILS)
    first_hold = min(c.lo for c in res.leaves if c.verdict["pi"] == HOLDS)
    assert last_fail <= first_hold
    assert F(-2616, 10000) < last_fail and first_hold < F(-2615, 10000)


# -- CLI -----------------------------------------------------------------------------------------

def _cli(capsys, *argv):
    try:
        code = cli_main(["criterion", *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_kuramoto_exit0(capsys):
    code, out, err = _cli(capsys, "sin(x)", "--M", "pi")
    assert code == 0 and "HOLDS" in out and err == ""


def test_cli_fails_exit1_and_json(capsys):
    code, out, _ = _cli(capsys, "sin(x)*exp(beta*(cos(x)-1))", "--param", "beta in [-0.30, -0.28]",
                        "--M", "pi", "--json")
    assert code == 1
    d = json.loads(out)
    assert d["status"] == FAILS and d["schema"] == "certify-json/1" and d["command"] == "criterion"
    assert all(r["verdict"] != HOLDS for r in d["ranges"])


def test_cli_undecided_exit3(capsys):
    # sin x (1 + k cos x): f'(pi) = k - 1 = 0 at k = 1, where tau jumps to pi
    code, out, _ = _cli(capsys, "sin(x)*(1 + k*cos(x))", "--param", "k in [0.9, 1]", "--max-cells", "200")
    assert code == 3 and UNDECIDED in out


@pytest.mark.parametrize("argv", [
    ("x",),                                                     # not periodic
    ("sin(x",),                                                 # malformed
    ("sin(x)*exp(gamma*cos(x))", "--param", "beta in [0, 1]"),  # unknown name
    ("sin(x)", "--M", "3pi"),                                   # bad M
    ("sin(x)*exp(b*cos(x))", "--param", "b in [0, oo)"),        # unbounded
    ("sin(x)*exp(b*cos(x))", "--param", "b in [1, 0]"),         # reversed
    ("sin(x)", "--bogus"),                                      # unknown option
    ("sin(x)*exp(0.1*cos(x))", "--param", "b in [0, 1], c in [0, 1], d in [0, 1]"),   # 3 parameters
    ("__import__('os')",),
])
def test_cli_bad_input_exit2_one_line(capsys, argv):
    code, out, err = _cli(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err and err.startswith("certify")


def test_committed_report_replays():
    """The committed reports/criterion.json: its cells tile the claimed ranges and a sample of
    them (the cells at beta*, the failing cells, the last cells) re-derive their verdicts."""
    import os
    from lemmas.criterion_fbeta import replay
    path = os.path.join(os.path.dirname(__file__), "..", "reports", "criterion.json")
    if not os.path.exists(path):
        pytest.skip("reports/criterion.json not generated")
    with open(path) as fh:
        data = json.load(fh)
    assert F(data["beta_star_pi"]) <= F(-2614, 10000)
    assert F(data["bracket_pi"][1]) - F(data["bracket_pi"][0]) <= F(1, 10 ** 4)
    assert data["holds"][-1][1] == "1000" and data["holds"][0][0] == data["beta_star_pi"]
    n = replay(path, select=lambda leaves: leaves[:3] + leaves[-2:])
    assert n >= 10


# -- f as written: discontinuous or partially undefined f is never certified -------------------

UNDEFINED_F = [
    "sin(x) + atan(tan(x/2))/10",       # jumps at +-pi; sympy's derivative of atan(tan(x/2)) is 1/2
    "sin(x) + 1/(10*cos(x/2))",          # pole at +-pi (and not 2 pi-periodic)
    "sin(x) + tan(x)/10",                # poles at +-pi/2
    "sin(x) + log(1 + cos(x))/10",       # undefined at +-pi
    "sin(x) + sqrt(cos(x))/10",          # undefined for |x| > pi/2
    "sin(x) + abs(sin(x))/10",           # f' jumps at 0 and pi
    "sin(x) + sqrt(1 - cos(x))/10",      # f' jumps at 0
    "sin(x) + atan(1/sin(x))/10",        # jumps at 0
]


@pytest.mark.parametrize("f", UNDEFINED_F)
def test_cli_undefined_f_is_never_holds(capsys, f):
    for M in ("pi", "2pi"):
        code, out, err = _cli(capsys, f, "--M", M)
        assert code == 2 and "HOLDS" not in out and "FAILS" not in out
        assert err.count("\n") == 1 and err.startswith("certify criterion: error:")


def test_atan_tan_is_an_input_error_with_the_reason(capsys):
    code, out, err = _cli(capsys, "sin(x) + atan(tan(x/2))/10")
    assert code == 2 and out == ""
    assert "f is not defined/continuous on [-pi, pi]" in err and "x = -3.14" in err
    with pytest.raises(CertifyInputError, match="not defined/continuous"):
        Criterion(sympy.sin(x) + sympy.atan(sympy.tan(x / 2)) / 10, x)


def test_undefined_for_every_parameter_is_an_input_error(capsys):
    # 0*w as written is still undefined where w is: also at b = 0
    code, out, err = _cli(capsys, "sin(x) + b*atan(tan(x/2))", "--param", "b in [0, 1/10]")
    assert code == 2 and "HOLDS" not in out and "not defined/continuous" in err
    assert err.count("\n") == 1


def test_partially_undefined_parameter_range(capsys):
    # sqrt(b) is undefined for b < 0: those cells are UNDECIDED with the reason, b >= 0 decides
    crit = Criterion(sympy.sin(x) + sympy.sqrt(k) * sympy.sin(2 * x) / 10, x, k)
    res = crit.certify_range(F(-1), F(1), "2pi", max_cells=400)
    for c in res.leaves:
        if c.lo < 0:
            assert c.verdict["2pi"] == UNDECIDED and c.method == "undefined"
            assert "not proved defined" in c.reason
    assert any(c.verdict["2pi"] == HOLDS for c in res.leaves if c.lo >= 0)
    d = res.as_json()
    assert any(r["verdict"] == UNDECIDED and r.get("reasons") for r in d["ranges"])
    code, out, _ = _cli(capsys, "sin(x) + sqrt(b)*sin(2*x)/10", "--param", "b in [-1, 1]")
    assert code == 3 and "not proved defined" in out


def test_tree_and_sympy_input_agree():
    from certify.expr.parse import parse_expr
    a = Criterion(parse_expr("sin(x)*exp(beta*(cos(x)-1))", ["x", "beta"]), "x", "beta")
    r1, r2 = a.enclose(F(2), F(2)), Criterion(F_BETA, x, beta).enclose(F(2), F(2))
    assert r1.verdict == r2.verdict and r1.f3_roots == r2.f3_roots == 2
    for key in ("2pi", "pi", "none"):
        (l1, h1), (l2, h2) = r1.R[key], r2.R[key]
        assert l1 <= h2 and l2 <= h1
    assert a.odd and a.text == "sin(x)*exp(beta*(cos(x) - 1))"
