"""trajectories: particle angles against time for one (beta, n) and model."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from ..diagnostics import TWO_PI, cluster_groups, cluster_widths, diameter, order_parameter, wrap
from ..integrate import integrate
from ..systems import T1, T2, kuramoto
from ...progress import Progress
from .common import _beta_key, _plt, _provenance, _rng, _save_figure, _write_json

DEFAULTS = {"beta": 9, "n": 48, "horizon": 1e9, "model": "T1"}


def trajectories(out: Path, *, beta=None, n=None, horizon=None, model=None, seed: int = 0,
                 quiet: bool = False, command: str = "") -> dict:
    d = DEFAULTS
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
    files = _plot_trajectories(out, "trajectories", tr, _trajectory_title(tr, beta, n, model, counts[-1]),
                               "black" if tr.synchronized else "tab:red")
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


def _plot_trajectories(out, stem, tr, title, title_color="black"):
    """Angles against log time (one line per recorded particle, tr.x[:, i]) and four snapshots
    on the circle; ``tr`` needs t, x, x_final.  Writes <stem>.png/.svg."""
    plt = _plt()
    fig = plt.figure(figsize=(11, 4.8))
    gs = fig.add_gridspec(2, 4, width_ratios=[2.2, 2.2, 1, 1], wspace=0.35, hspace=0.3)
    ax = fig.add_subplot(gs[:, :2])
    center = float(np.angle(np.exp(1j * tr.x_final).mean()))
    t = tr.t.copy()
    t[0] = min(t[t > 0].min() / 2, 1e-2) if (t > 0).any() else 1e-2  # show t = 0 on the log axis
    X = wrap(tr.x - center)
    for i in range(X.shape[1]):
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
    ax.set_title(title, color=title_color)
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
    return _save_figure(fig, out, stem)


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
