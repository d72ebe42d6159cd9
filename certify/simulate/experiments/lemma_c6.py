"""three-cluster: the Lemma C.6 configuration for any n >= 3 plus a small perturbation of (T1):
does it return (stable) or leave (unstable)?  And a float64 estimate of C_beta.

The configuration, its exact eigenvalues and the thresholds are those of
:mod:`certify.simulate.configurations` (corrected labelling; for n = 2 (mod 3) the balanced
split (m, m+1, m+1) by default).  The "theory" verdict of a run is the exact linear stability of
that configuration (for n divisible by 3: stable exactly for beta < -2/3, Corollary 2.6); where
(C6) has no root near 2pi/3 there is no configuration and nothing is simulated.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from ..configurations import stability_thresholds, three_cluster_configuration
from ..diagnostics import three_cluster_deviation
from ..integrate import integrate
from ..systems import T1
from ...progress import Progress
from .common import _beta_key, _plt, _provenance, _rng, _save_figure, _write_json

DEFAULTS = {"betas": [-0.5, -0.7, -1, -2], "ns": [30, 100, 101], "eps": 1e-3, "horizon": 1e4,
            "split": "balanced", "table_betas": [-0.7, -0.8, -1, -2, -10], "table_n_max": 20000}
DENSE_MAX = 3000  # largest n for the dense-Jacobian cross-check of the exact eigenvalues


def _run(beta, n, split, eps, horizon, seed):
    """One perturbed run; returns (row, (t, deviation)) or (row, None) without a configuration."""
    row = {"beta": beta, "n": n, "split": split}
    try:
        conf = three_cluster_configuration(n, beta, split)
    except ValueError as exc:
        row.update(verdict="no configuration", theory="no configuration", agrees_with_theory=True,
                   note=str(exc))
        return row, None
    sysm = T1(beta, n, time_unit="sync")
    scale = math.exp(sysm.log_unit - beta / 2)  # true eigenvalues (configurations docstring)
    ev = conf.eigenvalues(scale)
    ref = conf.positions
    x0 = ref + _rng(seed, n, _beta_key(beta)).uniform(-eps, eps, n)
    dev0 = three_cluster_deviation(x0, ref)

    def stop(t, x, s):
        dv = three_cluster_deviation(x, ref)
        return "returned" if dv < 1e-5 * dev0 else "left" if dv > 0.5 else None

    tr = integrate(sysm, x0, horizon, stop=stop, conv_tol=None, record_every=1)
    devs = np.array([three_cluster_deviation(x, ref) for x in tr.x])
    verdict = {"returned": "stable", "left": "unstable"}.get(tr.reason, "undecided")
    theory = "stable" if ev["max"] < 0 else "unstable"
    dense = sysm.stability(ref)["max_nontrivial_eigenvalue"] if n <= DENSE_MAX else None
    row.update({
        "counts": list(conf.counts), "alpha": conf.alpha, "verdict": verdict, "theory": theory,
        "agrees_with_theory": verdict == theory, "paper_sign_condition": conf.sign_condition,
        "initial_deviation": dev0, "final_deviation": float(devs[-1]), "t_end": tr.t_final,
        "status": tr.reason, "energy_monotone": tr.energy_monotone,
        "eigenvalues_intra_cluster_theory": [[v, m] for v, m in ev["intra"]],
        "eigenvalues_inter_cluster_theory": ev["inter"],
        "max_nontrivial_eigenvalue_theory": ev["max"],
        "max_nontrivial_eigenvalue_numeric": dense,
    })
    return row, (tr.t, devs)


def _table(betas, n_max, split):
    """C_beta estimates per beta: n0 of the sign condition and of stability per class mod 3."""
    rows = []
    for beta in betas:
        classes = [(0, "paper"), (1, "paper"), (2, "paper"), (2, "balanced")]
        rows.append({"beta": beta, "classes": [stability_thresholds(beta, n_max, r, s) for r, s in classes]})
    return rows


def three_cluster(out: Path, *, betas=None, ns=None, eps=None, horizon=None, split=None,
                  table_betas=None, table_n_max=None, seed: int = 0, quiet: bool = False,
                  command: str = "") -> dict:
    d = DEFAULTS
    betas = [float(b) for b in (betas or d["betas"])]
    ns = [int(n) for n in (ns or d["ns"])]
    if any(n < 3 for n in ns):
        raise ValueError(f"three-cluster needs n >= 3 (got {min(ns)})")
    if any(b >= 0 for b in betas):
        raise ValueError("three-cluster needs beta < 0")
    eps = float(eps or d["eps"])
    horizon = float(horizon or d["horizon"])
    split = split or d["split"]
    table_betas = [float(b) for b in (table_betas or d["table_betas"])]
    n_max = int(table_n_max or d["table_n_max"])
    rows, curves = [], {}
    prog = Progress(len(betas) * len(ns), "three-cluster", enabled=not quiet)
    for n in ns:
        for beta in betas:
            row, curve = _run(beta, n, split, eps, horizon, seed)
            rows.append(row)
            if curve is not None:
                curves[(n, beta)] = curve
            prog.advance(note=f"n={n} beta={beta:g}: {row['verdict']}")
    prog.close()
    table = _table(table_betas, n_max, split)
    np.savez_compressed(out / "three-cluster.npz",
                        **{f"t_n{n}_beta{b:g}": c[0] for (n, b), c in curves.items()},
                        **{f"dev_n{n}_beta{b:g}": c[1] for (n, b), c in curves.items()})
    files = _plot_three_cluster(out, rows, curves, ns, table)
    summary = {
        "experiment": "three-cluster",
        "model": "(T1), time unit t_paper * n * e^beta",
        "configuration": ("Lemma C.6, corrected labelling: n - 2k particles at 0, k at +-alpha, alpha the root "
                          "of k sin(2a) e^{beta cos 2a} + (n - 2k) sin(a) e^{beta cos a} = 0 nearest 2pi/3; "
                          f"k = floor(n/3) ('paper') or round(n/3) ('balanced'); this run: {split}; plus "
                          "i.i.d. uniform(-eps, eps) perturbation"),
        "method": ("Dormand-Prince 5(4), rtol 1e-7 of the step displacement; 'returned' when the distance to the rotated "
                   "configuration drops below 1e-5 x its initial value, 'left' when it exceeds 0.5"),
        "theory": ("exact linear stability of the configuration (eigenvalues from the 3-cluster reduction, "
                   "certify.simulate.configurations; cross-checked against the dense Jacobian for n <= "
                   f"{DENSE_MAX}); for n divisible by 3: stable exactly for beta < -2/3"),
        "parameters": {"betas": betas, "ns": ns, "eps": eps, "horizon": horizon, "seed": seed, "split": split},
        "results": rows,
        "all_agree": all(r["agrees_with_theory"] for r in rows),
        "c_beta_estimate": {
            "what": (f"float64, not certified: smallest n0 such that every n in [n0, {n_max}] of the class has the "
                     "configuration and the property (paper's sign condition f'(alpha), f'(2alpha) > 0, or exact "
                     "linear stability); 'exceptions' = smaller n where it holds anyway; n0 null = fails at n_max"),
            "table": table,
        },
        "files": files + ["three-cluster.npz (not committed)"],
        "provenance": _provenance(command),
    }
    _write_json(out / "three-cluster.json", summary)
    return summary


def _plot_three_cluster(out, rows, curves, ns, table):
    plt = _plt()
    fig = plt.figure(figsize=(4.2 * len(ns), 6.6))
    gs = fig.add_gridspec(2, len(ns), height_ratios=[3, 1.3], hspace=0.35)
    colors = ["tab:red", "tab:orange", "tab:blue", "tab:green", "tab:purple", "tab:gray"] * 3
    for j, n in enumerate(ns):
        ax = fig.add_subplot(gs[0, j])
        for row, color in zip([r for r in rows if r["n"] == n], colors):
            if (n, row["beta"]) not in curves:
                ax.plot([], [], " ", label=f"β = {row['beta']:g}: no configuration")
                continue
            t, dv = curves[(n, row["beta"])]
            mark = "✓" if row["agrees_with_theory"] else "✗"
            ax.semilogy(t, dv, color=color, lw=1.6,
                        label=(f"β = {row['beta']:g}: {row['verdict']} {mark}\n"
                               f"  (theory {row['theory']}, λ_max = {row['max_nontrivial_eigenvalue_theory']:+.5g})"))
        counts = next((r["counts"] for r in rows if r["n"] == n and "counts" in r), None)
        ax.set_xscale("symlog", linthresh=1.0)
        ax.set_xlabel("time (units of n·e^β · t_paper)")
        if j == 0:
            ax.set_ylabel("distance to the configuration")
        ax.set_title(f"n = {n}" + (f", counts {tuple(counts)}" if counts else ""), fontsize=10)
        ax.legend(fontsize=7)
    ax = fig.add_subplot(gs[1, :])
    ax.axis("off")
    heads = ["n ≡ 0 (mod 3)", "n ≡ 1", "n ≡ 2, (m+2, m, m)", "n ≡ 2, balanced (m, m+1, m+1)"]
    cells = [[_cell(c) for c in r["classes"]] for r in table]
    tab = ax.table(cellText=cells, rowLabels=[f"β = {r['beta']:g}" for r in table], colLabels=heads,
                   loc="center", cellLoc="center")
    tab.auto_set_font_size(False)
    tab.set_fontsize(8)
    ax.set_title(f"float64 estimate of C_β: n from which the paper's sign condition / linear stability hold "
                 f"(checked up to n = {table[0]['classes'][0]['n_max'] if table else 0})", fontsize=9)
    fig.suptitle("Lemma C.6 configuration plus a small perturbation, (T1)", fontsize=11)
    return _save_figure(fig, out, "three-cluster")


def _cell(c) -> str:
    def one(d):
        if d["n0"] is None:
            return "—"
        return f"{d['n0']}" + (f" (+{len(d['exceptions'])} below)" if d["exceptions"] else "")

    return f"sign {one(c['sign'])} / stable {one(c['stable'])}"
