"""``certify simulate run`` (a user's run: any model, f, initial condition, n <= 10^7; saved, and
restartable) and ``certify simulate plot`` (the figure of a saved run).  API in
:mod:`certify.simulate.runs`."""
from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from ..diagnostics import cluster_groups, diameter, order_parameter
from ...progress import Progress
from ..runs import RunSpec, load_run, save_run, simulate
from .common import _provenance, _write_json
from .traces import _plot_trajectories

PLOT_LINES = 300  # particles drawn in the figure (evenly spaced among the recorded ones)


def _title(spec: RunSpec, data) -> tuple[str, str]:
    m = data["meta"]
    if spec.model in ("T1", "T2"):
        what = f"({spec.model}), β = {spec.beta:g}"
    elif spec.model == "kuramoto":
        what = "Kuramoto (f = sin)"
    else:
        what = f"({spec.model}), f = {spec.f}"
    if m["synchronized"]:
        t = m["t_sync"] if m["t_sync"] is not None else data["t_final"]
        return f"{what}, n = {spec.n}: synchronized at t = {t:.3g}", "black"
    x = data["x_final"]
    return (f"{what}, n = {spec.n}: NOT synchronized by t = {data['t_final']:.3g} "
            f"({cluster_groups(x)[1]} cluster(s), diameter {diameter(x):.3g})"), "tab:red"


def _figure(out: Path, stem: str, spec, data) -> list[str]:
    cols = np.unique(np.linspace(0, data["x"].shape[1] - 1, min(PLOT_LINES, data["x"].shape[1])).astype(int))
    view = SimpleNamespace(t=np.asarray(data["t"], dtype=float), x=data["x"][:, cols], x_final=data["x_final"])
    title, color = _title(spec, data)
    return _plot_trajectories(out, stem, view, title, color)


def _summary(spec, data, files, command) -> dict:
    m = data["meta"]
    x = data["x_final"]
    note = None if m["synchronized"] else _title(spec, data)[0].split(": ", 1)[1]
    return {
        "experiment": "run",
        "spec": m["spec"],
        "result": {"status": m["reason"], "t_end": data["t_final"], "time_to_sync": m["t_sync"],
                   "synchronized": m["synchronized"], "note": note, "steps": m["steps"],
                   "restarts": m["restarts"], "energy_monotone": m["energy_monotone"],
                   "final_order_parameter": order_parameter(x), "final_diameter": diameter(x),
                   "final_clusters": cluster_groups(x)[1]},
        "system": m["system"],
        "files": files,
        "provenance": _provenance(command),
    }


def run(out: Path, *, spec: RunSpec | None = None, load: str | None = None, horizon=None, save=None,
        integrator: str = "auto", dt=None, seed: int = 0, quiet: bool = False, command: str = "",
        **fields) -> dict:
    """A user's run (module docstring): a fresh one from ``spec`` / ``fields`` (RunSpec fields),
    or, with ``load``, the continuation of a saved run up to ``horizon``."""
    restart = None
    if load is not None:
        if fields:
            raise ValueError(f"--{sorted(fields)[0].replace('_', '-')} does not apply with --load "
                             "(a restart keeps the saved run's model and parameters)")
        spec, restart = load_run(load)
    elif spec is None:
        spec = RunSpec(seed=seed, **fields)
    spec.validate()
    horizon = float(horizon if horizon is not None else (10 * restart["t_final"] if restart else 1e4))
    t_start = restart["t_final"] if restart else 0.0
    prog = Progress(math.log10(max(horizon, 1e-3) / max(t_start, 1e-3)) or 1.0, "run", enabled=not quiet)
    _, tr, data = simulate(spec, horizon, integrator=integrator, dt=dt, restart=restart,
                           progress=lambda t: prog.update(math.log10(max(t, 1e-3) / max(t_start, 1e-3))))
    prog.close()
    path = Path(save) if save else out / "run.npz"
    save_run(path, data)
    files = _figure(out, "run", spec, data)
    summary = _summary(spec, data, files + [str(path)], command)
    _write_json(out / "run.json", summary)
    return summary


def plot(out: Path, *, load: str | None = None, seed: int = 0, quiet: bool = False, command: str = "") -> dict:
    """The figure (<out>/plot.png, .svg) and summary of a saved run."""
    if load is None:
        raise ValueError("plot needs --load RUN.npz (a run saved by 'certify simulate run')")
    spec, data = load_run(load)
    files = _figure(out, "plot", spec, data)
    return _summary(spec, data, files, command)
