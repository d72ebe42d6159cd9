"""sync-sweep: fraction of i.i.d. uniform random starts of (T1) that synchronize, beta over
[-1, 10], n in {10, 100, 1000}; the certified beta range (reports/criterion.json) shaded."""
from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..configurations import three_cluster_configuration, three_cluster_counts, uniform
from ..diagnostics import TWO_PI, diameter
from ..integrate import half_circle_stop, integrate
from ..systems import T1
from ...progress import Progress
from ...executor import Executor
from .common import _beta_key, _plt, _provenance, _rng, _save_figure, _write_json

PAPER_RANGE = [(Fraction(-4, 25), math.inf)]  # Corollary 2.4: beta >= -0.16

DEFAULTS = {
    "betas": [-1, -0.75, -0.5, -0.25, 0, 0.5, 1, 2, 3, 4, 6, 8, 10],
    "ns": [10, 100, 1000],
    "starts": {10: 32, 100: 16, 1000: 8},
    "horizon": 1e9,
    "max_steps": 20000,
}
FULL = {"betas": [float(b) for b in np.arange(-1, 10.01, 0.5)], "starts": {10: 50, 100: 20, 1000: 10}}


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


def _sweep_task(args):
    beta, n, start, seed, horizon, max_steps = args
    rng = _rng(seed, n, _beta_key(beta)) if start < 0 else _rng(seed, n, start, _beta_key(beta))
    x0, kind = (uniform(n, rng), "uniform") if start >= 0 else _structured_start(beta, n, rng)
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
        "beta": beta, "n": n, "start": start, "kind": kind, "outcome": outcome, "status": tr.status,
        "detail": detail, "t_end": tr.t_final, "steps": tr.steps,
        "energy_monotone": tr.energy_monotone, "final_clusters": int(tr.final_positions.size)
        if tr.status != "stopped" else None,
    }


def _structured_start(beta, n, rng, eps=1e-3):
    """The Lemma C.6 point (balanced split) when it exists, else equal thirds at 0, 2pi/3, 4pi/3
    (balanced counts), plus i.i.d. uniform(-eps, eps): random starts never find the stable
    non-synchronized states of beta < -2/3, this start does where they exist."""
    try:
        conf = three_cluster_configuration(n, beta, "balanced")
        x, kind = conf.positions, f"three-cluster (Lemma C.6, alpha = {conf.alpha:.6g})"
    except ValueError:
        n0, k = three_cluster_counts(n, "balanced")
        x, kind = np.repeat([0.0, TWO_PI / 3, 2 * TWO_PI / 3], [n0, k, k]), "three-cluster (equal thirds)"
    return x + rng.uniform(-eps, eps, n), kind


def sync_sweep(out: Path, *, betas=None, ns=None, starts=None, horizon=None, max_steps=None,
               structured: bool = True, seed: int = 0, jobs: int = 1, scheduler: str | None = None,
               quiet: bool = False, criterion: Path | None = None, command: str = "") -> dict:
    d = DEFAULTS
    betas = [float(b) for b in (betas or d["betas"])]
    ns = [int(n) for n in (ns or d["ns"])]
    horizon = float(horizon or d["horizon"])
    max_steps = int(max_steps or d["max_steps"])
    per_n = {n: (int(starts) if starts else d["starts"].get(n, 4)) for n in ns}
    # start index -1: the structured (three-cluster) start; 0, 1, ...: uniform random starts
    tasks = [(b, n, s, seed, horizon, max_steps) for n in ns for b in betas
             for s in range(-1 if structured else 0, per_n[n])]
    results = []
    with Executor(jobs, scheduler) as ex, Progress(len(tasks), "sync-sweep", enabled=not quiet) as prog:
        for r in ex.imap(_sweep_task, tasks):     # in task order on any backend: the same summary
            results.append(r)
            prog.advance()
    table = []
    for n in ns:
        for b in betas:
            rs = [r for r in results if r["n"] == n and r["beta"] == b and r["kind"] == "uniform"]
            cnt = {k: sum(r["outcome"] == k for r in rs)
                   for k in ("synchronized", "stable_non_synchronized", "undecided")}
            tsync = [r["t_end"] for r in rs if r["outcome"] == "synchronized"]
            table.append({
                "beta": b, "n": n, "starts": len(rs), **cnt,
                "fraction_synchronized": cnt["synchronized"] / len(rs),
                "median_time_to_half_circle": float(np.median(tsync)) if tsync else None,
                "energy_monotone": all(r["energy_monotone"] for r in rs),
                "structured_start": next(({"kind": r["kind"], "outcome": r["outcome"], "detail": r["detail"]}
                                          for r in results if r["n"] == n and r["beta"] == b
                                          and r["kind"] != "uniform"), None),
            })
    crit_path = criterion if criterion is not None else out.parent / "criterion.json"
    ranges, source, note = read_certified_ranges(Path(crit_path))
    files = _plot_sync_sweep(out, table, betas, ns, ranges, source)
    summary = {
        "experiment": "sync-sweep",
        "model": "(T1) f_beta = sin(x) exp(beta cos x), time unit t_paper * n * e^beta",
        "initial_condition": ("i.i.d. uniform on the circle; plus (structured) one three-cluster start per "
                              "(beta, n): the Lemma C.6 point, balanced split, where it exists (else equal "
                              "thirds) + uniform(-1e-3, 1e-3)"),
        "method": ("Dormand-Prince 5(4), rtol 1e-7 of the step displacement; particles closer than 1e-6 merged into one "
                   "weighted particle; a run counts as synchronized as soon as the cloud lies in an "
                   "open half-circle (absorbing because f_beta > 0 on (0, pi); see "
                   "integrate.half_circle_stop), as non-synchronized if it converges "
                   "(max|dx/dt| < 1e-12) to a linearly stable non-synchronized point, undecided otherwise"),
        "parameters": {"betas": betas, "ns": ns, "starts": per_n, "structured": structured, "horizon": horizon,
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
    fig, (ax, ax3, ax2) = plt.subplots(3, 1, figsize=(8, 8.2), sharex=True,
                                       gridspec_kw={"height_ratios": [3, 0.25 + 0.3 * len(ns), 2]})
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
            ax3.axvspan(a, b, color="tab:green", alpha=0.12)
    for a_ in (ax, ax3, ax2):
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
    _plot_structured(ax3, table, ns)
    ax.set_xlim(lo_x, hi_x)
    ax.set_ylim(-0.05, 1.08)
    ax.set_ylabel("fraction of random starts")
    ax.set_title("(T1) self-attention dynamics from i.i.d. uniform starts")
    ax.legend(fontsize=8, loc="lower right")
    ax2.set_xlabel("β")
    ax2.set_ylabel("median time until the cloud\nfits in a half-circle")
    ax2.legend(fontsize=8, loc="upper left")
    return _save_figure(fig, out, "sync-sweep")


_OUTCOME_STYLE = {"synchronized": ("o", "tab:green", "synchronized"),
                  "stable_non_synchronized": ("s", "tab:red", "stable, NOT synchronized"),
                  "undecided": ("x", "0.4", "undecided at horizon")}


def _plot_structured(ax, table, ns):
    """One row per n: the outcome of the three-cluster start at each beta."""
    seen = set()
    for y, n in enumerate(ns):
        for r in table:
            st = r.get("structured_start")
            if r["n"] != n or st is None:
                continue
            m, c, lab = _OUTCOME_STYLE[st["outcome"]]
            ax.plot([r["beta"]], [y], m, color=c, ms=6, label=None if lab in seen else lab)
            seen.add(lab)
    ax.set_yticks(range(len(ns)), [f"n = {n}" for n in ns], fontsize=8)
    ax.set_ylim(-0.6, len(ns) - 0.4)
    ax.grid(False)
    ax.set_title("three-cluster start (Lemma C.6 point + 1e-3 perturbation)", fontsize=9)
    if seen:
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
