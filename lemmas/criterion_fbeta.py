"""The synchronization criterion for f_beta = sin x e^{beta (cos x - 1)}, certified over beta.

Paper: Section 2.3 (Figure 1, Corollaries 2.4/2.5), Corollary 3.3, Section 5, Lemma C.4.
The paper proves global synchronization for beta >= -0.16 and its Figure 1 suggests the
criterion with M = pi holds for beta >= -0.25.  Here, with the generic engine
``certify.criterion`` (which knows nothing of f_beta):

1. the crossing of R_pi = 1 is located by certified point evaluations (bisection on exact
   rational points, each a certified FAILS / HOLDS), then
2. beta*_pi is put on the 1e-5 grid just above it, and the criterion with M = pi is certified
   to hold on the whole of [beta*_pi, 1000] (adaptive cells, each HOLDS is R > 1 proved
   uniformly on the cell) and to fail on a thin interval [beta_f - 1e-4, beta_f] just below,
   with beta*_pi - beta_f <= 1e-4: the crossing is bracketed;
3. the same for M = 2 pi (Theorem 2.1, nothing cited);
4. for the figure: FAILS on [-0.7, beta_f - 1e-4] (M = pi) and enclosures on a plotting grid;
5. cross-checks: f' has exactly one zero in [0, pi] on every cell (so tau is the paper's
   arccos formula, which is a zero of f' by algebra), the number of zeros of f''' per cell
   (Lemmas A.1, B.1, C.1), the variant without (1 + tau/M) on [0, 1000] (Section 5's beta >= 0
   route), and the Kuramoto case (tau = pi/2, I = 2).

``run_fbeta(out_dir)`` writes ``criterion.json``, ``CRITERION.md`` and the figures
``figures/sync_ratio.{png,svg}`` (Figure 1) and ``figures/f_beta2.{png,svg}`` (Figure 2); the
figures and the Markdown are drawn by ``lemmas.criterion_fbeta_out`` from the results.
"""
from __future__ import annotations

import json
import math
import os
import platform
import time
from fractions import Fraction

import sympy

from certify.criterion import (FAILS, HOLDS, UNDECIDED, Criterion, decimal_bound, qstr,
                               round_decimal)
from certify.roots import arb_to_fraction
from lemmas.functions import b, f_beta, x

GRID = Fraction(1, 10 ** 5)            # beta* is put on this grid
BRACKET = Fraction(1, 10 ** 4)         # required width of the bracket
FAIL_WIDTH = Fraction(1, 10 ** 4)      # width of the thin certified-FAILS interval
TOP = Fraction(1000)                   # beta >= TOP is Lemma A.4's (beta >= 1)
FIG_LO, FIG_HI = Fraction(-7, 10), Fraction(50)

CITED = [
    ("Lemma C.4 (from [11, Lemma 10])",
     "for beta < 0 every stable, stationary, non-synchronized configuration of (S1) has "
     "tau_max < pi, so Corollary 3.3 may be applied with M = pi; used for beta in [beta*_pi, 0). "
     "Not checked here."),
    ("Lemma 2.2 ([17, Lemma A.1]), Lojasiewicz, center-stable manifold theorem",
     "gradient ascent on a compact manifold converges, for almost every start, to a critical "
     "point without a positive Hessian eigenvalue. Not checked here."),
]
HUMAN = [
    "Theorem 2.1 / Corollary 3.3 / Theorem 2.3 (the paper's proofs, Sections 3 and 4): the "
    "inequality R_M >= 1 with tau as in Theorem 2.1 implies that every stable stationary point "
    "is synchronized; with Lemma 2.2 this is global synchronization of (S1) and (S2) for "
    "f = sin(x) h(cos x), h analytic -- here h(t) = e^{beta (t - 1)}.",
    "Normalization: (T1) uses sin x e^{beta cos x} = e^{beta} f_beta; R_M is invariant under "
    "multiplying f by a positive constant and the dynamics only change time scale.",
    "(T2) is (S2) with g_i = sum_j e^{beta cos(x_i - x_j)} > 0 smooth (Theorem 2.3).  For M = pi "
    "and (T2), Lemma C.4 is stated for (S1): its conclusion transfers because critical points "
    "and the sign of the Hessian at a critical point do not depend on the metric (Lemma 4.2, "
    "Remark 4.3), as in the paper's Section 5.",
    "Theorem 2.1 needs f' < 0 on both (tau, pi] and [-pi, -tau): f_beta is odd, so f' is even "
    "(sympy proves f(-x) = -f(x)); I = 2 int_0^pi |f'''|_+ for the same reason.",
    "For beta >= 1000: Lemma A.4 (beta >= 1, certified by the appendix lemmas, with Lemma A.1 "
    "for the sign pattern of f''') gives tau (f''(a) - f''(b)) < 2, i.e. tau I < 4 = 4 f'(0), "
    "i.e. R_none > 1, hence R_2pi > 1 and R_pi > 1.",
]


def _dec(q: Fraction) -> str:
    """Exact decimal text of a rational with a finite decimal expansion (else 12 digits ~)."""
    for k in range(0, 13):
        if (q * 10 ** k).denominator == 1:
            n = q * 10 ** k
            s = str(abs(n.numerator)).rjust(k + 1, "0")
            out = s if k == 0 else s[:-k] + "." + s[-k:]
            return ("-" if q < 0 else "") + out
    return "~" + round_decimal(q, "lo", 12)


def _crossing(crit: Criterion, key: str, lo: Fraction, hi: Fraction, tol: Fraction):
    """Bisection on certified point verdicts: FAILS at lo, HOLDS at hi."""
    v_lo, v_hi = crit.enclose(lo, lo).verdict[key], crit.enclose(hi, hi).verdict[key]
    if v_lo != FAILS or v_hi != HOLDS:
        raise RuntimeError(f"no certified sign change of R_{key} - 1 on [{lo}, {hi}]: {v_lo}, {v_hi}")
    steps = 0
    while hi - lo > tol:
        m = (lo + hi) / 2
        v = crit.enclose(m, m).verdict[key]
        steps += 1
        if v == FAILS:
            lo = m
        elif v == HOLDS:
            hi = m
        else:
            break
    return lo, hi, steps


def _bracket(crit: Criterion, key: str, timings: dict, log):
    """Certify HOLDS on [beta*, TOP] and FAILS on [beta_f - FAIL_WIDTH, beta_f]."""
    t0 = time.monotonic()
    c_lo, c_hi, steps = _crossing(crit, key, Fraction(-7, 10), Fraction(0), Fraction(1, 10 ** 7))
    timings[f"crossing_{key}"] = round(time.monotonic() - t0, 3)
    log(f"  R_{key} = 1 between {float(c_lo):.8f} and {float(c_hi):.8f} ({steps} certified points)")
    half = GRID / 2
    star = Fraction(math.ceil((c_hi + half) / GRID)) * GRID
    f_hi = Fraction(math.floor((c_lo - half) / GRID)) * GRID
    for _attempt in range(6):
        t0 = time.monotonic()
        holds = crit.certify_range(star, TOP, key)
        timings[f"holds_{key}"] = round(time.monotonic() - t0, 3)
        if holds.status == HOLDS:
            break
        log(f"  [{_dec(star)}, {TOP}] not certified ({holds.status}); moving beta* up by {_dec(GRID)}")
        star += GRID
    t0 = time.monotonic()
    fails = crit.certify_range(f_hi - FAIL_WIDTH, f_hi, key)
    timings[f"fails_{key}"] = round(time.monotonic() - t0, 3)
    log(f"  {key}: HOLDS on [{_dec(star)}, 1000] ({holds.status}, {len(holds.leaves)} cells, "
        f"{timings[f'holds_{key}']} s); FAILS on [{_dec(f_hi - FAIL_WIDTH)}, {_dec(f_hi)}] "
        f"({fails.status}, {len(fails.leaves)} cells)")
    return {"crossing": (c_lo, c_hi), "star": star, "fail_hi": f_hi, "holds": holds, "fails": fails}


def _ranges(res, verdict, key):
    return [[r["lo"], r["hi"]] for r in res.as_json()["ranges"] if r["verdict"] == verdict]


def _merge(intervals):
    """Merge [lo, hi] rational-string intervals that touch."""
    iv = sorted(([Fraction(a), Fraction(c)] for a, c in intervals), key=lambda t: t[0])
    out = []
    for a, c in iv:
        if out and out[-1][1] >= a:
            out[-1][1] = max(out[-1][1], c)
        else:
            out.append([a, c])
    return [[qstr(a), qstr(c)] for a, c in out]


def _plot_enclosures(crit: Criterion, key: str = "pi"):
    """Enclosures of R on a plotting grid of [-0.7, 50] whose cells are about equally wide on
    the figure's symlog axis (0.02 steps below 1; above, 8 steps per octave: 1/8 on [1, 2],
    1/4 on [2, 4], ...), refined where the enclosure is taller than 0.02; and a zoom grid
    around the crossing.  Returned as (lo, hi, lower bound, upper bound) floats for plotting,
    with the seconds."""
    t0 = time.monotonic()
    cells = []
    a = FIG_LO
    while a < FIG_HI:
        step = Fraction(1, 50) if a < 1 else Fraction(2) ** (math.floor(a).bit_length() - 4)
        cells.append((a, min(a + step, FIG_HI), None))
        a += step
    out = []
    while cells:
        lo, hi, parent = cells.pop(0)
        r = crit.enclose(lo, hi, within=parent)
        rl, rh = r.R[key]
        wide = rl is None or rh is None or arb_to_fraction(rh) - arb_to_fraction(rl) > Fraction(1, 50)
        if wide and hi - lo > Fraction(1, 1600):
            m = (lo + hi) / 2
            cells[0:0] = [(lo, m, r), (m, hi, r)]
        else:
            out.append(r)
    zoom = []
    a, w = Fraction(-2625, 10000), Fraction(1, 20000)
    while a < Fraction(-2605, 10000):
        zoom.append(crit.enclose(a, a + w))
        a += w
    from lemmas.criterion_fbeta_out import _bounds
    floats = [[(float(c.lo), float(c.hi), *_bounds(c, key)) for c in part] for part in (out, zoom)]
    return floats, round(time.monotonic() - t0, 3)


def _in_child(fn):
    """Run fn() in a forked process (the other core works on the rest of the criterion);
    returns a function that waits for and returns its (picklable) result."""
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=lambda: send.send(fn()), daemon=True)
    proc.start()
    send.close()

    def result():
        try:
            out = recv.recv()
        except EOFError:
            raise RuntimeError(f"the figure enclosures failed (exit {proc.exitcode})") from None
        proc.join()
        return out
    return result


def run_fbeta(out_dir: str = "reports", log=print) -> dict:
    """Certify everything above and write the reports; returns the JSON dict."""
    from lemmas.criterion_fbeta_out import _figure_fbeta2, _figure_ratio, _markdown
    t_start = time.monotonic()
    timings: dict = {}
    crit = Criterion(f_beta, x, b)
    assert crit.odd, "f_beta is odd"
    plot_job = _in_child(lambda: _plot_enclosures(crit))     # a copy of crit, compiled once
    log("criterion for f_beta = sin x e^{beta (cos x - 1)}")

    res = {}
    for key in ("pi", "2pi"):
        res[key] = _bracket(crit, key, timings, log)

    # FAILS below the thin interval down to -0.7 (figure; M = pi)
    t0 = time.monotonic()
    low_fail = crit.certify_range(FIG_LO, res["pi"]["fail_hi"] - FAIL_WIDTH, "pi")
    timings["fails_pi_down_to_-0.7"] = round(time.monotonic() - t0, 3)
    # the variant without (1 + tau/M) on [0, 1000] (Section 5's route for beta >= 0)
    t0 = time.monotonic()
    none_run = crit.certify_range(Fraction(0), TOP, "none")
    timings["none_0_1000"] = round(time.monotonic() - t0, 3)
    log(f"  none on [0, 1000]: {none_run.status} ({len(none_run.leaves)} cells)")

    # tau is the paper's arccos formula: f' has one zero in [0, pi] on every cell, and
    # cos(tau_formula) solves beta c^2 + c - beta = 0, i.e. f'(tau_formula) = 0 (sympy)
    c = 2 * b / (sympy.sqrt(1 + 4 * b ** 2) + 1)
    # as one fraction, cancelled: 0 (sympy's simplify finds the same, 20 times slower)
    identity = sympy.cancel(sympy.together(sympy.expand(b * c ** 2 + c - b))) == 0
    all_leaves = [l for k in ("pi", "2pi") for l in res[k]["holds"].leaves + res[k]["fails"].leaves]
    all_leaves += low_fail.leaves + none_run.leaves
    bad_tau = [l for l in all_leaves if not (l.fp_roots == 1 and l.tau_is_root)]
    one_zero = f"{len(all_leaves) - len(bad_tau)} of {len(all_leaves)} cells"
    f3_counts = _f3_counts(all_leaves)

    # Kuramoto
    xk = sympy.Symbol("x", real=True)
    kur = Criterion(sympy.sin(xk), xk).enclose()

    # Figure 2 while the child works on Figure 1's enclosures (started first)
    tau2 = crit.enclose(Fraction(2), Fraction(2))
    os.makedirs(os.path.join(out_dir, "figures"), exist_ok=True)
    _figure_fbeta2(out_dir, tau2)
    plot, timings["figure_cells"] = plot_job()
    timings["total"] = round(time.monotonic() - t_start, 3)

    holds_pi = _merge(_ranges(res["pi"]["holds"], HOLDS, "pi"))
    fails_pi = _merge(_ranges(res["pi"]["fails"], FAILS, "pi") + _ranges(low_fail, FAILS, "pi"))
    out = {
        "f": "sin(x)*exp(beta*(cos(x) - 1))",
        "criterion": "R_M = 4 (1 + tau/M) f'(0) / (tau * int_{-pi}^{pi} |f'''|_+), HOLDS = R > 1 certified",
        "holds": holds_pi,
        "fails": fails_pi,
        "undecided": _merge(_ranges(res["pi"]["holds"], UNDECIDED, "pi") + _ranges(low_fail, UNDECIDED, "pi")),
        "beta_star_pi": qstr(res["pi"]["star"]),
        "beta_star_pi_decimal": _dec(res["pi"]["star"]),
        "bracket_pi": [qstr(res["pi"]["fail_hi"]), qstr(res["pi"]["star"])],
        "bracket_pi_width": _dec(res["pi"]["star"] - res["pi"]["fail_hi"]),
        "crossing_pi_points": [qstr(v) for v in res["pi"]["crossing"]],
        "beta_star_2pi": qstr(res["2pi"]["star"]),
        "beta_star_2pi_decimal": _dec(res["2pi"]["star"]),
        "bracket_2pi": [qstr(res["2pi"]["fail_hi"]), qstr(res["2pi"]["star"])],
        "bracket_2pi_width": _dec(res["2pi"]["star"] - res["2pi"]["fail_hi"]),
        "crossing_2pi_points": [qstr(v) for v in res["2pi"]["crossing"]],
        "M2pi": {"holds": _merge(_ranges(res["2pi"]["holds"], HOLDS, "2pi")),
                 "fails": _merge(_ranges(res["2pi"]["fails"], FAILS, "2pi"))},
        "none_on_0_1000": none_run.as_json(),
        "runs": {f"{k}_{w}": res[k][w].as_json(cells=True) for k in ("pi", "2pi") for w in ("holds", "fails")},
        "fails_pi_down_to_-0.7": low_fail.as_json(),
        "tau_is_arccos_formula": {"identity_beta_c2_plus_c_minus_beta": identity,
                                  "one_simple_zero_of_fprime_on_every_cell": one_zero},
        "f3_zero_counts": f3_counts,
        "kuramoto": kur.as_json(18),
        "tau_beta2": [decimal_bound(tau2.tau_lo, "lo", 12), decimal_bound(tau2.tau_hi, "hi", 12)],
        "cited": [{"what": w, "used_for": u} for w, u in CITED],
        "human_reasoning": HUMAN,
        "timings": timings,
        "precision_bits": crit.prec,
        "versions": _versions(),
    }
    _write_json(out_dir, out)
    _figure_ratio(out_dir, plot, res, low_fail)
    with open(os.path.join(out_dir, "CRITERION.md"), "w") as fh:
        fh.write(_markdown(out, res, low_fail, none_run, kur))
    log(f"  wrote {out_dir}/criterion.json, CRITERION.md, figures/ ({timings['total']} s)")
    return out


def _write_json(out_dir, out):
    """criterion.json without anything that varies between runs (byte-identical on re-runs, as
    certificate.json); the stage and run timings go to criterion_timings.json."""
    stable = {k: v for k, v in out.items() if k != "timings"}
    runs = {name: {k: v for k, v in run.items() if k != "seconds"} for name, run in out["runs"].items()}
    stable["runs"] = runs
    for key in ("none_on_0_1000", "fails_pi_down_to_-0.7"):
        stable[key] = {k: v for k, v in out[key].items() if k != "seconds"}
    with open(os.path.join(out_dir, "criterion.json"), "w") as fh:
        json.dump(stable, fh, indent=1)
        fh.write("\n")
    seconds = {name: out["runs"][name].get("seconds") for name in out["runs"]}
    with open(os.path.join(out_dir, "criterion_timings.json"), "w") as fh:
        json.dump({"stages": out["timings"], "runs": seconds}, fh, indent=1)
        fh.write("\n")


def replay(path: str = "reports/criterion.json", runs=("pi_holds", "pi_fails", "2pi_holds", "2pi_fails"),
           select=None) -> int:
    """Re-derive the verdict of every recorded cell (exact rational ends in the JSON) from
    scratch and compare; returns the number of cells replayed, raises on a mismatch.  The
    recorded ranges must tile the claimed intervals without gaps."""
    with open(path) as fh:
        data = json.load(fh)
    crit = Criterion(f_beta, x, b)
    n = 0
    for name in runs:
        run = data["runs"][name]
        key = run["M"]
        leaves = run["leaves"]
        ends = [(Fraction(c["lo"]), Fraction(c["hi"])) for c in leaves]
        if ends[0][0] != Fraction(run["range"][0]) or ends[-1][1] != Fraction(run["range"][1]) or any(
                a[1] != c[0] for a, c in zip(ends, ends[1:])):
            raise AssertionError(f"{name}: cells do not tile {run['range']}")
        chosen = leaves if select is None else select(leaves)
        for c in chosen:
            r = crit.enclose(Fraction(c["lo"]), Fraction(c["hi"]))
            if r.verdict[key] != c["verdict"][key]:
                raise AssertionError(f"{name}: cell [{c['lo']}, {c['hi']}] replays as {r.verdict[key]}, "
                                     f"recorded {c['verdict'][key]}")
            n += 1
    return n


def _f3_counts(leaves):
    """Zeros of f''' in [0, pi] per region: {region: {count: cells}}.  beta = 0 (f = sin x, one
    zero) closes both middle regions: a cell ending or starting at 0 is counted."""
    regions = {"beta < -1/3": lambda l: l.hi < Fraction(-1, 3),
               "-1/3 < beta <= 0": lambda l: Fraction(-1, 3) < l.lo and l.hi <= 0,
               "0 <= beta < 1/3": lambda l: 0 <= l.lo and l.hi < Fraction(1, 3),
               "beta > 1/3": lambda l: l.lo > Fraction(1, 3)}
    out = {}
    for name, pred in regions.items():
        counts: dict = {}
        for l in leaves:
            if pred(l):
                k = "unresolved" if l.f3_roots is None else str(l.f3_roots)
                counts[k] = counts.get(k, 0) + 1
        out[name] = counts
    return out


def _versions():
    import flint
    return {"python-flint": flint.__version__, "sympy": sympy.__version__,
            "python": platform.python_version()}


if __name__ == "__main__":
    run_fbeta()
