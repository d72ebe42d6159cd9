"""The four simulation experiments of issue 5 (figures + JSON summaries in reports/simulations/).

All experiments integrate (T1), dx_i/dt = -sum_j sin(x_i - x_j) e^{beta cos(x_i - x_j)}, in the
"sync" time unit t = t_paper * n * e^beta (see :mod:`certify.simulate.models`): a synchronized
cluster then contracts at rate 1 for every beta, which makes runs with different beta and n
comparable.  Everything is seeded; the JSON summaries contain no wall-clock times, so re-running
an experiment with the same arguments reproduces its summary.

* ``sync_sweep``      fraction of i.i.d. uniform random starts that synchronize, beta over
                      [-1, 10], n in {10, 100, 1000}; certified range shaded.
* ``three_cluster``   Lemma C.6 configuration (n/3 particles at 0, 2pi/3, 4pi/3) plus a small
                      perturbation: does it return (stable) or leave (unstable)?  Theory:
                      stable exactly for beta < -2/3.
* ``metastability``   n = 1000 uniform start; number of clusters against log time, vs sqrt(beta).
* ``trajectories``    particle angles against time for one (beta, n).
"""
from __future__ import annotations

import json
import math
import platform
from fractions import Fraction
from pathlib import Path

import numpy as np

from .bessel import bessel_i_scaled
from .diagnostics import (
    TWO_PI, cluster_groups, cluster_widths, diameter, order_parameter, three_cluster_deviation, wrap,
)
from .integrate import half_circle_stop, integrate
from .models import T1, T2, kuramoto
from .progress import Progress

__all__ = [
    "sync_sweep", "three_cluster", "metastability", "trajectories", "EXPERIMENTS", "DEFAULTS",
    "read_certified_ranges",
]

PAPER_RANGE = [(Fraction(-4, 25), math.inf)]  # Corollary 2.4: beta >= -0.16

DEFAULTS = {
    "sync-sweep": {
        "betas": [-1, -0.75, -0.5, -0.25, 0, 0.5, 1, 2, 3, 4, 6, 8, 10],
        "ns": [10, 100, 1000],
        "starts": {10: 32, 100: 16, 1000: 8},
        "horizon": 1e9,
        "max_steps": 20000,
    },
    "three-cluster": {"betas": [-0.5, -0.7, -1, -2], "n": 30, "eps": 1e-3, "horizon": 1e4},
    "metastability": {"betas": [4, 9, 16, 25], "n": 1000, "horizon": 1e10},
    "trajectories": {"beta": 9, "n": 48, "horizon": 1e9, "model": "T1"},
}
FULL = {
    "sync-sweep": {"betas": [float(b) for b in np.arange(-1, 10.01, 0.5)],
                   "starts": {10: 50, 100: 20, 1000: 10}},
}


# ---------------------------------------------------------------------------- helpers

def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating, float)):
        v = float(obj)
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.ndarray):
        return _jsonable(obj.tolist())
    if isinstance(obj, Fraction):
        return str(obj)
    return obj


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(_jsonable(data), indent=2, sort_keys=True) + "\n")


def _provenance(command: str) -> dict:
    import matplotlib

    return {
        "command": command,
        "numpy": np.__version__,
        "matplotlib": matplotlib.__version__,
        "python": platform.python_version(),
    }


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "certify-simulate", "figure.dpi": 110,
                         "axes.grid": True, "grid.alpha": 0.3, "font.size": 10})
    return plt


def _save_figure(fig, out: Path, stem: str) -> list[str]:
    png, svg = out / f"{stem}.png", out / f"{stem}.svg"
    fig.savefig(png, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(svg, bbox_inches="tight", metadata={"Date": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return [png.name, svg.name]


def _rng(seed: int, *keys) -> np.random.Generator:
    ent = [int(seed)] + [int(k) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(ent))


def _beta_key(beta: float) -> int:
    return int(round((float(beta) + 1000.0) * 1e6))


def _parse_bound(text) -> float | Fraction:
    t = str(text).strip().lower().replace(" ", "")
    if t in ("oo", "+oo", "inf", "+inf", "infinity"):
        return math.inf
    if t in ("-oo", "-inf", "-infinity"):
        return -math.inf
    return Fraction(t)


def read_certified_ranges(path: Path):
    """Read ``{"holds": [[lo, hi], ...]}`` (rational strings) from ``path``.

    Returns (intervals, source, note); falls back to the paper's proved range beta >= -0.16
    (Corollary 2.4) when the file is missing or malformed.
    """
    if path.is_file():
        try:
            data = json.loads(path.read_text())
            ivs = [(_parse_bound(lo), _parse_bound(hi)) for lo, hi in data["holds"]]
            if not ivs:
                raise ValueError("empty 'holds'")
            return ivs, str(path), f"certified by the criterion engine ({path})"
        except Exception as exc:  # malformed: fall back, but say so
            note = f"{path} unreadable ({exc}); shading the paper's proved range beta >= -0.16"
            return PAPER_RANGE, "paper (Corollary 2.4)", note
    return PAPER_RANGE, "paper (Corollary 2.4)", (
        f"{path} not found; shading the paper's proved range beta >= -0.16 (Corollary 2.4)")


# ---------------------------------------------------------------------------- sync-sweep

def _sweep_task(args):
    beta, n, start, seed, horizon, max_steps = args
    rng = _rng(seed, n, start, _beta_key(beta))
    x0 = rng.uniform(0.0, TWO_PI, n)
    sysm = T1(beta, n, time_unit="sync")
    tr = integrate(sysm, x0, horizon, collapse=1e-6, stop=half_circle_stop, conv_tol=1e-12,
                   max_steps=max_steps, record_times=[])
    outcome, detail = "undecided", tr.reason
    if tr.status == "stopped":
        outcome = "synchronized"
    elif tr.status == "converged":
        if diameter(tr.x_final) < 1e-6:
            outcome = "synchronized"
        else:
            red = sysm.with_weights(tr.final_weights) if tr.final_positions.size != n else sysm
            st = red.stability(tr.final_positions, members=tr.final_members)
            if st["stable"]:
                outcome = "stable_non_synchronized"
            detail = f"stationary, max eigenvalue {st['max_nontrivial_eigenvalue']:.3g}"
    return {
        "beta": beta, "n": n, "start": start, "outcome": outcome, "status": tr.status,
        "detail": detail, "t_end": tr.t_final, "steps": tr.steps,
        "energy_monotone": tr.energy_monotone, "final_clusters": int(tr.final_positions.size)
        if tr.status != "stopped" else None,
    }


def _map(fn, tasks, jobs, progress):
    results = []
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            results.append(fn(t))
            progress.advance()
        return results
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as ex:
        for r in ex.map(fn, tasks, chunksize=1):
            results.append(r)
            progress.advance()
    return results


def sync_sweep(out: Path, *, betas=None, ns=None, starts=None, horizon=None, max_steps=None,
               seed: int = 0, jobs: int = 1, quiet: bool = False, criterion: Path | None = None,
               command: str = "") -> dict:
    d = DEFAULTS["sync-sweep"]
    betas = [float(b) for b in (betas or d["betas"])]
    ns = [int(n) for n in (ns or d["ns"])]
    horizon = float(horizon or d["horizon"])
    max_steps = int(max_steps or d["max_steps"])
    per_n = {n: (int(starts) if starts else d["starts"].get(n, 4)) for n in ns}
    tasks = [(b, n, s, seed, horizon, max_steps) for n in ns for b in betas for s in range(per_n[n])]
    prog = Progress(len(tasks), "sync-sweep", enabled=not quiet)
    results = _map(_sweep_task, tasks, jobs, prog)
    prog.close()
    table = []
    for n in ns:
        for b in betas:
            rs = [r for r in results if r["n"] == n and r["beta"] == b]
            cnt = {k: sum(r["outcome"] == k for r in rs)
                   for k in ("synchronized", "stable_non_synchronized", "undecided")}
            tsync = [r["t_end"] for r in rs if r["outcome"] == "synchronized"]
            table.append({
                "beta": b, "n": n, "starts": len(rs), **cnt,
                "fraction_synchronized": cnt["synchronized"] / len(rs),
                "median_time_to_half_circle": float(np.median(tsync)) if tsync else None,
                "energy_monotone": all(r["energy_monotone"] for r in rs),
            })
    crit_path = criterion if criterion is not None else out.parent / "criterion.json"
    ranges, source, note = read_certified_ranges(Path(crit_path))
    files = _plot_sync_sweep(out, table, betas, ns, ranges, source)
    summary = {
        "experiment": "sync-sweep",
        "model": "(T1) f_beta = sin(x) exp(beta cos x), time unit t_paper * n * e^beta",
        "initial_condition": "i.i.d. uniform on the circle",
        "method": ("Dormand-Prince 5(4), rtol 1e-7 of the step displacement; particles closer than 1e-6 merged into one "
                   "weighted particle; a run counts as synchronized as soon as the cloud lies in an "
                   "open half-circle (absorbing because f_beta > 0 on (0, pi); see "
                   "integrate.half_circle_stop), as non-synchronized if it converges "
                   "(max|dx/dt| < 1e-12) to a linearly stable non-synchronized point, undecided otherwise"),
        "parameters": {"betas": betas, "ns": ns, "starts": per_n, "horizon": horizon,
                       "max_steps": max_steps, "seed": seed},
        "certified_ranges": [[str(lo), str(hi)] for lo, hi in ranges],
        "certified_source": source,
        "certified_note": note,
        "table": table,
        "all_energy_monotone": all(r["energy_monotone"] for r in results),
        "not_synchronized_within_horizon": sum(r["outcome"] == "undecided" for r in results),
        "runs": results,
        "files": files,
        "provenance": _provenance(command),
    }
    _write_json(out / "sync-sweep.json", summary)
    return summary


def _plot_sync_sweep(out, table, betas, ns, ranges, source):
    plt = _plt()
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(8, 7), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    lo_x, hi_x = min(betas + [-1.0]) - 0.3, max(betas + [10.0]) + 0.3
    if source != "paper (Corollary 2.4)":
        spans = ", ".join(f"[{float(lo):.5g}, {float(hi):.5g}]" for lo, hi in ranges)
        label = f"criterion certified: β ∈ {spans} ({Path(source).name})"
    else:
        label = "paper's proved range β ≥ −0.16 (Cor. 2.4; no reports/criterion.json)"
    for i, (lo, hi) in enumerate(ranges):
        a = max(float(lo), lo_x)
        b = min(float(hi), hi_x)
        if b > a:
            ax.axvspan(a, b, color="tab:green", alpha=0.12, label=label if i == 0 else None)
            ax2.axvspan(a, b, color="tab:green", alpha=0.12)
    for a_ in (ax, ax2):
        a_.axvline(-2 / 3, color="tab:red", ls="--", lw=1,
                   label="β = −2/3: stable 3-cluster states below (Cor. 2.6)" if a_ is ax else None)
    colors = {n: c for n, c in zip(ns, ["tab:blue", "tab:orange", "tab:purple", "tab:brown", "tab:gray"] * 4)}
    any_non = any(r["stable_non_synchronized"] for r in table)
    any_und = any(r["undecided"] for r in table)
    markers = {n: (m, sz) for n, m, sz in zip(ns, ["o", "s", "^", "v", "D"] * 4, [9, 6, 4, 3, 3] * 4)}
    for n in ns:
        rows = [r for r in table if r["n"] == n]
        bs = [r["beta"] for r in rows]
        ax.plot(bs, [r["fraction_synchronized"] for r in rows], marker=markers[n][0], ms=markers[n][1],
                ls="-", color=colors[n],
                label=f"n = {n}: synchronized ({rows[0]['starts']} starts per β)")
        if any_non:
            ax.plot(bs, [r["stable_non_synchronized"] / r["starts"] for r in rows], "s--", color=colors[n],
                    mfc="none", label=f"n = {n}: stable, not synchronized")
        if any_und:
            ax.plot(bs, [r["undecided"] / r["starts"] for r in rows], "x:", color=colors[n],
                    label=f"n = {n}: undecided at horizon")
        tm = [r["median_time_to_half_circle"] for r in rows]
        ax2.semilogy(bs, [np.nan if v is None else v for v in tm], "o-", color=colors[n], ms=4,
                     label=f"n = {n}")
    ax.set_xlim(lo_x, hi_x)
    ax.set_ylim(-0.05, 1.08)
    ax.set_ylabel("fraction of random starts")
    ax.set_title("(T1) self-attention dynamics from i.i.d. uniform starts")
    ax.legend(fontsize=8, loc="lower right")
    ax2.set_xlabel("β")
    ax2.set_ylabel("median time until the cloud\nfits in a half-circle")
    ax2.legend(fontsize=8, loc="upper left")
    return _save_figure(fig, out, "sync-sweep")


# ---------------------------------------------------------------------------- three-cluster

def _fprime(beta, x):
    return (math.cos(x) - beta * math.sin(x) ** 2) * math.exp(beta * math.cos(x))


def three_cluster(out: Path, *, betas=None, n=None, eps=None, horizon=None, seed: int = 0,
                  quiet: bool = False, command: str = "") -> dict:
    d = DEFAULTS["three-cluster"]
    betas = [float(b) for b in (betas or d["betas"])]
    n = int(n or d["n"])
    if n < 3 or n % 3:
        raise ValueError(f"three-cluster needs n divisible by 3 (got n = {n})")
    eps = float(eps or d["eps"])
    horizon = float(horizon or d["horizon"])
    ref = np.repeat([0.0, TWO_PI / 3, 2 * TWO_PI / 3], n // 3)
    rows, curves = [], {}
    prog = Progress(len(betas), "three-cluster", enabled=not quiet)
    for beta in betas:
        sysm = T1(beta, n, time_unit="sync")
        rng = _rng(seed, n, _beta_key(beta))
        x0 = ref + rng.uniform(-eps, eps, n)
        dev0 = three_cluster_deviation(x0)

        def stop(t, x, s, dev0=dev0):
            dv = three_cluster_deviation(x)
            if dv < 1e-5 * dev0:
                return "returned"
            if dv > 0.5:
                return "left"
            return None

        tr = integrate(sysm, x0, horizon, stop=stop, conv_tol=None, record_every=1)
        devs = np.array([three_cluster_deviation(x) for x in tr.x])
        curves[beta] = (tr.t, devs)
        verdict = {"returned": "stable", "left": "unstable"}.get(tr.reason, "undecided")
        # linear theory (sync units): inter-cluster modes -scale*n*f'(2pi/3) (x2),
        # intra-cluster modes -scale*(n/3)*(f'(0) + 2 f'(2pi/3)) (x n-3), translation 0.
        fp0, fp = _fprime(beta, 0.0), _fprime(beta, TWO_PI / 3)
        lam_inter = -sysm.scale * n * fp
        lam_intra = -sysm.scale * (n / 3) * (fp0 + 2 * fp)
        lam_max = max(lam_inter, lam_intra)
        st = sysm.stability(ref) if n <= 3000 else None
        theory_stable = beta < -2 / 3
        row = {
            "beta": beta, "verdict": verdict, "theory": "stable" if theory_stable else "unstable",
            "agrees_with_theory": verdict == ("stable" if theory_stable else "unstable"),
            "initial_deviation": dev0, "final_deviation": float(devs[-1]), "t_end": tr.t_final,
            "status": tr.reason, "energy_monotone": tr.energy_monotone,
            "f_prime_at_2pi_over_3": fp,
            "eigenvalue_inter_cluster_theory": lam_inter,
            "eigenvalue_intra_cluster_theory": lam_intra,
            "max_nontrivial_eigenvalue_theory": lam_max,
            "max_nontrivial_eigenvalue_numeric": None if st is None else st["max_nontrivial_eigenvalue"],
        }
        rows.append(row)
        prog.advance(note=f"beta={beta:g}: {verdict}")
    prog.close()
    np.savez_compressed(out / "three-cluster.npz",
                        **{f"t_beta{b:g}": c[0] for b, c in curves.items()},
                        **{f"dev_beta{b:g}": c[1] for b, c in curves.items()})
    files = _plot_three_cluster(out, rows, curves, n)
    summary = {
        "experiment": "three-cluster",
        "model": "(T1), time unit t_paper * n * e^beta",
        "configuration": "Lemma C.6: n/3 particles at 0, 2pi/3, 4pi/3, plus i.i.d. uniform(-eps, eps) perturbation",
        "method": ("Dormand-Prince 5(4), rtol 1e-7 of the step displacement; 'returned' when the distance to the rotated "
                   "3-cluster family drops below 1e-5 x its initial value, 'left' when it exceeds 0.5"),
        "theory": "stable exactly for beta < -2/3 (f'(2pi/3) = (-1/2 - 3 beta/4) e^{-beta/2} > 0)",
        "parameters": {"betas": betas, "n": n, "eps": eps, "horizon": horizon, "seed": seed},
        "results": rows,
        "all_agree": all(r["agrees_with_theory"] for r in rows),
        "files": files + ["three-cluster.npz (not committed)"],
        "provenance": _provenance(command),
    }
    _write_json(out / "three-cluster.json", summary)
    return summary


def _plot_three_cluster(out, rows, curves, n):
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    for row, color in zip(rows, ["tab:red", "tab:orange", "tab:blue", "tab:green", "tab:purple", "tab:gray"] * 3):
        t, dv = curves[row["beta"]]
        mark = "✓" if row["agrees_with_theory"] else "✗"
        ax.semilogy(t, dv, color=color, lw=1.6,
                    label=(f"β = {row['beta']:g}: {row['verdict']} (theory: {row['theory']}; "
                           f"λ_max = {row['max_nontrivial_eigenvalue_theory']:+.5g}) {mark}"))
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlabel("time (units of n·e^β · t_paper)")
    ax.set_ylabel("distance to the 3-cluster configuration")
    ax.set_title(f"Lemma C.6 configuration (n = {n}) plus a small perturbation")
    ax.legend(fontsize=8)
    return _save_figure(fig, out, "three-cluster")


# ---------------------------------------------------------------------------- metastability

def _most_unstable_mode(beta: float) -> int:
    """argmax_k of the growth rate k^2 I_k(beta)/beta of mode k of the uniform state of (T1)."""
    K = int(4 * math.sqrt(abs(beta)) + 10)
    ks = np.arange(K + 1)
    rate = ks**2 * bessel_i_scaled(beta, K)
    return int(np.argmax(rate))


def _longest_lived(times, counts, start_index):
    """The count that persists longest on the log-time axis after ``start_index`` (ignoring 1)."""
    dur = {}
    lt = np.log(np.maximum(times, 1e-300))
    for i in range(max(start_index, 0), len(times) - 1):
        c = int(counts[i])
        if c > 1:
            dur[c] = dur.get(c, 0.0) + (lt[i + 1] - lt[i])
    return max(dur, key=dur.get) if dur else None


def metastability(out: Path, *, betas=None, n=None, horizon=None, seed: int = 0, gap: float = 0.1,
                  min_mass: float = 0.01, quiet: bool = False, command: str = "") -> dict:
    d = DEFAULTS["metastability"]
    betas = [float(b) for b in (betas or d["betas"])]
    n = int(n or d["n"])
    if n < 2:
        raise ValueError("metastability needs n >= 2")
    horizon = float(horizon or d["horizon"])
    rec = np.geomspace(1e-2, horizon, 241)
    rows, curves = [], {}
    prog = Progress(len(betas) * math.log10(horizon / 1e-2), "metastability", enabled=not quiet)
    done = 0.0
    for beta in betas:
        sysm = T1(beta, n, time_unit="sync")
        x0 = _rng(seed, n, _beta_key(beta)).uniform(0.0, TWO_PI, n)
        tr = integrate(sysm, x0, horizon, collapse=1e-6, conv_tol=None, record_times=rec,
                       max_steps=200000,
                       progress=lambda t, d0=done: prog.update(d0 + max(0.0, math.log10(max(t, 1e-2) / 1e-2))))
        done += math.log10(horizon / 1e-2)
        counts, major, widths = [], [], []
        for x in tr.x:
            labels, c = cluster_groups(x, gap)
            sizes = np.bincount(labels, minlength=c)
            big = np.nonzero(sizes >= min_mass * n)[0]
            counts.append(c)
            major.append(int(big.size))
            widths.append(max((diameter(x[labels == g]) for g in big), default=TWO_PI))
        counts, major, widths = np.array(counts), np.array(major), np.array(widths)
        tight = np.nonzero((widths < 0.05) & (major > 1))[0]
        i_form = int(tight[0]) if tight.size else None
        merges = [{"t": float(tr.t[i]), "clusters": int(major[i])}
                  for i in range(1, len(major))
                  if major[i] != major[i - 1] and i_form is not None and i > i_form]
        row = {
            "beta": beta, "sqrt_beta": math.sqrt(beta), "most_unstable_mode": _most_unstable_mode(beta),
            "formation_time": None if i_form is None else float(tr.t[i_form]),
            "clusters_at_formation": None if i_form is None else int(major[i_form]),
            "groups_at_formation_including_stragglers": None if i_form is None else int(counts[i_form]),
            "longest_lived_count": None if i_form is None else _longest_lived(tr.t, major, i_form),
            "final_clusters": int(major[-1]), "t_end": tr.t_final, "status": tr.reason,
            "merges_after_formation": merges, "energy_monotone": tr.energy_monotone,
        }
        rows.append(row)
        curves[beta] = (tr.t, major, widths, i_form)
    prog.close()
    np.savez_compressed(out / "metastability.npz",
                        **{f"t_beta{b:g}": c[0] for b, c in curves.items()},
                        **{f"clusters_beta{b:g}": c[1] for b, c in curves.items()},
                        **{f"width_beta{b:g}": c[2] for b, c in curves.items()})
    files = _plot_metastability(out, rows, curves, n, gap, min_mass)
    summary = {
        "experiment": "metastability",
        "model": "(T1), time unit t_paper * n * e^beta",
        "initial_condition": f"n = {n} i.i.d. uniform",
        "method": ("Dormand-Prince 5(4), rtol 1e-7 of the step displacement, particles closer than 1e-6 merged into weighted "
                   f"particles; clusters = groups separated by gaps > {gap} rad holding at least "
                   f"{min_mass:.0%} of the particles (smaller groups = stragglers, counted separately); "
                   "formation = first record where every cluster is narrower than 0.05 rad"),
        "comparison": ("sqrt(beta) (Geshkovski et al.; Bruno-Pasqualotto-Agazzi) and the most unstable "
                       "Fourier mode k* = argmax_k k^2 I_k(beta) of the uniform state"),
        "parameters": {"betas": betas, "n": n, "horizon": horizon, "seed": seed, "gap": gap},
        "results": rows,
        "files": files + ["metastability.npz (not committed)"],
        "provenance": _provenance(command),
    }
    _write_json(out / "metastability.json", summary)
    return summary


def _plot_metastability(out, rows, curves, n, gap, min_mass):
    plt = _plt()
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(8, 6.4), sharex=True, gridspec_kw={"height_ratios": [2, 1]})
    for row, color in zip(rows, ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown"] * 3):
        t, counts, widths, i_form = curves[row["beta"]]
        m = t > 0
        ax.step(t[m], counts[m], where="post", color=color, lw=0.8, alpha=0.35)
        if i_form is not None:
            ax.step(t[i_form:], counts[i_form:], where="post", color=color, lw=2,
                    label=f"β = {row['beta']:g} (√β = {row['sqrt_beta']:.2g}, k* = {row['most_unstable_mode']})")
        ax.axhline(row["sqrt_beta"], color=color, ls=":", lw=1.2)
        ax2.loglog(t[m], np.maximum(widths[m], 1e-12), color=color, lw=1.2)
    ax.set_xscale("log")
    ax.set_ylabel(f"clusters (≥ {min_mass:.0%} of particles)")
    ax.set_title(f"Metastability of (T1): n = {n}, uniform start; dotted: √β; "
                 "faint: before the clusters are tight", fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    ax2.set_xlabel("time (units of n·e^β · t_paper)")
    ax2.set_ylabel("widest cluster (rad)\n(1e-12: merged)")
    return _save_figure(fig, out, "metastability")


# ---------------------------------------------------------------------------- trajectories

def trajectories(out: Path, *, beta=None, n=None, horizon=None, model=None, seed: int = 0,
                 quiet: bool = False, command: str = "") -> dict:
    d = DEFAULTS["trajectories"]
    beta_given = beta is not None
    beta = float(d["beta"] if beta is None else beta)
    n = int(n or d["n"])
    if n < 2:
        raise ValueError("trajectories needs n >= 2")
    horizon = float(horizon or d["horizon"])
    model = model or d["model"]
    if model == "kuramoto" and beta_given:
        raise ValueError("beta does not apply to the Kuramoto model (f = sin)")
    if model == "T1":
        sysm = T1(beta, n, time_unit="sync")
    elif model == "T2":
        sysm = T2(beta, n)
    elif model == "kuramoto":
        sysm = kuramoto(n, time_unit="sync")
    else:
        raise ValueError(f"unknown model {model!r} (T1, T2 or kuramoto)")
    x0 = _rng(seed, n, _beta_key(beta)).uniform(0.0, TWO_PI, n)
    rec = np.geomspace(1e-2, horizon, 600)
    prog = Progress(math.log10(horizon / 1e-2), "trajectories", enabled=not quiet)
    def synced(t, x, s):
        return "synchronized (diameter < 1e-7)" if diameter(x) < 1e-7 else None

    tr = integrate(sysm, x0, horizon, conv_tol=None, collapse=1e-8, stop=synced, record_times=rec,
                   max_steps=500000,
                   progress=lambda t: prog.update(max(0.0, math.log10(max(t, 1e-2) / 1e-2))))
    prog.close()
    tr.save_npz(out / "trajectories.npz")
    counts = [cluster_groups(x)[1] for x in tr.x]
    files = _plot_trajectories(out, tr, beta, n, model, counts)
    note = None if tr.synchronized else (
        f"NOT synchronized by t = {tr.t_final:.3g} ({tr.reason}): {counts[-1]} cluster(s), "
        f"diameter {diameter(tr.x_final):.3g}")
    summary = {
        "experiment": "trajectories",
        "model": {"T1": "(T1), time unit t_paper * n * e^beta", "T2": "(T2) (already scale-free)",
                  "kuramoto": "Kuramoto f = sin, time unit t_paper * n"}[model],
        "parameters": {"beta": None if model == "kuramoto" else beta, "n": n, "horizon": horizon,
                       "seed": seed, "model": model},
        "result": {
            "status": tr.reason, "t_end": tr.t_final, "time_to_sync": tr.t_sync,
            "synchronized": tr.synchronized, "note": note,
            "final_order_parameter": order_parameter(tr.x_final), "final_diameter": diameter(tr.x_final),
            "energy_monotone": tr.energy_monotone, "steps": tr.steps, "rejected_steps": tr.rejected,
            "cluster_count_changes": [{"t": float(tr.t[i]), "clusters": int(counts[i])}
                                      for i in range(1, len(counts)) if counts[i] != counts[i - 1]],
        },
        "files": files + ["trajectories.npz (not committed)"],
        "provenance": _provenance(command),
    }
    _write_json(out / "trajectories.json", summary)
    return summary


def _plot_trajectories(out, tr, beta, n, model, counts):
    plt = _plt()
    fig = plt.figure(figsize=(11, 4.8))
    gs = fig.add_gridspec(2, 4, width_ratios=[2.2, 2.2, 1, 1], wspace=0.35, hspace=0.3)
    ax = fig.add_subplot(gs[:, :2])
    center = float(np.angle(np.exp(1j * tr.x_final).mean()))
    t = tr.t.copy()
    t[0] = min(t[t > 0].min() / 2, 1e-2) if (t > 0).any() else 1e-2  # show t = 0 on the log axis
    X = wrap(tr.x - center)
    for i in range(n):
        y = X[:, i].copy()
        jumps = np.nonzero(np.abs(np.diff(y)) > math.pi)[0]
        y = np.insert(y, jumps + 1, np.nan)
        tt = np.insert(t, jumps + 1, np.nan)
        ax.plot(tt, y, lw=0.8, color=plt.cm.twilight(((tr.x[0, i] % TWO_PI) / TWO_PI)))
    ax.set_xscale("log")
    ax.set_ylim(-math.pi, math.pi)
    ax.set_yticks([-math.pi, -math.pi / 2, 0, math.pi / 2, math.pi], ["−π", "−π/2", "0", "π/2", "π"])
    ax.set_xlabel("time (log scale; first point is t = 0)")
    ax.set_ylabel("angle − final circular mean")
    ax.set_title(_trajectory_title(tr, beta, n, model, counts[-1]),
                 color="black" if tr.synchronized else "tab:red")
    # snapshots on the circle
    idx = _snapshot_indices(tr.t, tr.x)
    th = np.linspace(0, TWO_PI, 200)
    for k, i in enumerate(idx):
        a = fig.add_subplot(gs[k // 2, 2 + k % 2])
        a.plot(np.cos(th), np.sin(th), color="0.7", lw=0.8)
        a.scatter(np.cos(tr.x[i] - center), np.sin(tr.x[i] - center), s=14,
                  c=[plt.cm.twilight((v % TWO_PI) / TWO_PI) for v in tr.x[0]], zorder=3)
        a.set_aspect("equal")
        a.set_xlim(-1.25, 1.25)
        a.set_ylim(-1.25, 1.25)
        a.set_xticks([])
        a.set_yticks([])
        a.grid(False)
        a.set_title(f"t = {tr.t[i]:.3g}", fontsize=9)
    return _save_figure(fig, out, "trajectories")


def _trajectory_title(tr, beta, n, model, clusters) -> str:
    """'(T1), β = 9, n = 48: synchronized at t = ...' or '... NOT synchronized by t = ...'
    (Kuramoto, f = sin, has no β)."""
    head = "Kuramoto (f = sin)" if model == "kuramoto" else f"({model}), β = {beta:g}"
    if tr.synchronized:
        when = f" at t = {tr.t_sync:.3g}" if tr.t_sync is not None else ""
        return f"{head}, n = {n}: synchronized{when}"
    return (f"{head}, n = {n}: NOT synchronized by t = {tr.t_final:.3g} "
            f"({clusters} cluster(s), diameter {diameter(tr.x_final):.3g})")


def _snapshot_indices(times, xs):
    """t = 0, the first record where all gap-separated groups are tight (< 0.02 rad), the record
    half-way (in log time) between that and the end, and the end."""
    last = len(times) - 1
    widths = [float(cluster_widths(x).max()) for x in xs]
    tight = [i for i, w in enumerate(widths) if w < 0.02 and i > 0]
    first = tight[0] if tight else last // 3
    t0, t1 = max(times[first], 1e-12), max(times[last], 1e-12)
    target = math.sqrt(t0 * t1)
    mid = min(range(first, last + 1), key=lambda i: abs(math.log(max(times[i], 1e-12) / target)))
    return [0, first, mid, last]


EXPERIMENTS = {
    "sync-sweep": sync_sweep,
    "three-cluster": three_cluster,
    "metastability": metastability,
    "trajectories": trajectories,
}
