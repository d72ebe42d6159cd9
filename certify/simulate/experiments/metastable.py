"""metastability: n = 1000 uniform start; number of clusters against log time, vs sqrt(beta)."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from ..bessel import bessel_i_scaled
from ..diagnostics import TWO_PI, cluster_groups, diameter
from ..integrate import integrate
from ..systems import T1
from ...progress import Progress
from .common import _beta_key, _plt, _provenance, _rng, _save_figure, _write_json

DEFAULTS = {"betas": [4, 9, 16, 25], "n": 1000, "horizon": 1e10}


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
    d = DEFAULTS
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
