"""A user's run: model, interaction, initial condition and weights from text, saving, loading
(restart) -- the API behind ``certify simulate run`` / ``certify simulate plot``.

Everything a user types (f, the initial condition, the weights, g) is read by the engine's safe
whitelist parser (:func:`certify.simulate.interaction.parse_expression`; nothing is evaluated as
Python) and then compiled by sympy for float64.  Expressions for per-particle data are in the
variable ``s = i / n`` (i = 0, ..., n-1).

Models (paper's names; see :mod:`certify.simulate.models`):

    T1        f = f_beta = sin(x) e^{beta cos x}               needs beta
    T2        normalized (T1)                                  needs beta
    S1        any f                                            needs f
    S3        any f, weights c_j > 0                           needs f, weights
    S4        any f, weights c_j, g_i > 0 ("partition" or an expression in s)   needs f, weights, g
    kuramoto  f = sin

Initial conditions (``init``): ``uniform`` (seeded i.i.d. uniform), ``three-cluster`` (the Lemma
C.6 point, balanced split, of (T1)/(T2) when it exists, else equal thirds), ``clusters:K`` (K equal
groups at 2 pi j / K, balanced counts), ``file:PATH`` (a .npy array, a text file with one angle per
line, or a saved run's final state), or an expression in s.  ``eps`` adds i.i.d.
uniform(-eps, eps).

A saved run (``.npz``) holds the sampled trajectory (``t``, ``x`` for the particles ``index``),
the full final state ``x_final`` at ``t_final`` and ``meta`` (JSON: the RunSpec and the outcome);
:func:`load_run` + :func:`simulate` with ``restart=`` continue it from ``t_final``.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import sympy as sp

from .configurations import three_cluster_configuration, three_cluster_counts
from .diagnostics import TWO_PI, diameter
from .integrate import integrate
from .interaction import Interaction, parse_expression
from .systems import S1, S3, S4, T1, T2, kuramoto

__all__ = ["RunSpec", "MODELS", "N_MAX", "build_system", "initial_condition", "simulate", "save_run",
           "load_run"]

MODELS = ("T1", "T2", "S1", "S3", "S4", "kuramoto")
N_MAX = 10**7  # about 1.8 GB for (T1) with the Fourier force and Dormand-Prince
_NEEDS = {"T1": {"beta"}, "T2": {"beta"}, "S1": {"f"}, "S3": {"f", "weights"}, "S4": {"f", "weights", "g"},
          "kuramoto": set()}
S_VAR = sp.Symbol("s", real=True)


@dataclass
class RunSpec:
    """What to simulate (module docstring); text fields are user expressions."""

    model: str = "T1"
    n: int = 100
    beta: float | None = None
    f: str | None = None
    weights: str | None = None
    g: str | None = None
    init: str = "uniform"
    eps: float = 0.0
    seed: int = 0
    time_unit: str = "sync"

    def validate(self) -> "RunSpec":
        if self.model not in MODELS:
            raise ValueError(f"unknown model {self.model!r} (choose from {', '.join(MODELS)})")
        if not (2 <= int(self.n) <= N_MAX):
            raise ValueError(f"n must be in [2, {N_MAX}] (got {self.n})")
        given = {k for k in ("beta", "f", "weights", "g") if getattr(self, k) is not None}
        for k in sorted(given - _NEEDS[self.model]):
            raise ValueError(f"{k} does not apply to model {self.model}"
                             + (" (f = f_beta; use S1 for a custom f)" if k == "f" else ""))
        for k in sorted(_NEEDS[self.model] - given):
            raise ValueError(f"model {self.model} needs {k}")
        if self.time_unit not in ("sync", "paper"):
            raise ValueError(f"unknown time unit {self.time_unit!r} (sync or paper)")
        if not (math.isfinite(self.eps) and 0 <= self.eps < math.pi):
            raise ValueError(f"eps must be in [0, pi) (got {self.eps})")
        return self


def _values_in_s(text: str, n: int, what: str) -> np.ndarray:
    """A user expression in s = i/n, evaluated at i = 0..n-1 (float64)."""
    expr = parse_expression(text, S_VAR)
    if expr.free_symbols - {S_VAR}:
        raise ValueError(f"{what}: only the variable s = i/n is allowed (got {text!r})")
    fn = sp.lambdify(S_VAR, expr, modules="numpy")
    with np.errstate(all="ignore"):
        v = np.broadcast_to(np.asarray(fn(np.arange(n) / n), dtype=float), (n,)).copy()
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{what}: {text!r} is not finite at every s = i/n")
    return v


def _positive(text, n, what):
    v = _values_in_s(text, n, what)
    if not np.all(v > 0):
        raise ValueError(f"{what}: {text!r} must be positive at every s = i/n")
    return v


def build_system(spec: RunSpec, *, method: str = "auto"):
    """The :class:`~certify.simulate.models.System` of ``spec`` (validated)."""
    spec.validate()
    n, unit = int(spec.n), spec.time_unit
    if spec.model in ("T1", "T2"):
        if not math.isfinite(spec.beta):
            raise ValueError("beta must be finite")
        if spec.model == "T1":
            return T1(spec.beta, n, time_unit=unit, method=method)
        return T2(spec.beta, n, method=method)
    if spec.model == "kuramoto":
        return kuramoto(n, time_unit=unit, method=method)
    f = Interaction.from_string(spec.f)
    if spec.model == "S1":
        return S1(f, n, time_unit=unit, method=method)
    w = _positive(spec.weights, n, "weights")
    if spec.model == "S3":
        return S3(f, w, time_unit=unit, method=method)
    g = "partition" if spec.g.strip() == "partition" else _positive(spec.g, n, "g")
    return S4(f, w, g, time_unit=unit, method=method)


def _read_angles(path: str, n: int) -> np.ndarray:
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"init: no such file: {p}")
    try:
        if p.suffix == ".npz":
            with np.load(p) as z:
                x = np.asarray(z["x_final"], dtype=float)
        elif p.suffix == ".npy":
            x = np.load(p, allow_pickle=False).astype(float).ravel()
        else:
            x = np.loadtxt(p, dtype=float, ndmin=1)
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"init: cannot read angles from {p}: {exc}") from None
    if x.shape != (n,) or not np.all(np.isfinite(x)):
        raise ValueError(f"init: {p} must hold {n} finite angles (got shape {x.shape})")
    return x


def initial_condition(spec: RunSpec) -> np.ndarray:
    """x0 for ``spec`` (module docstring)."""
    n = int(spec.n)
    rng = np.random.default_rng(np.random.SeedSequence([int(spec.seed), n]))
    text = spec.init.strip()
    if text == "uniform":
        x = rng.uniform(0.0, TWO_PI, n)
    elif text == "three-cluster":
        try:
            if spec.model not in ("T1", "T2"):
                raise ValueError
            x = three_cluster_configuration(n, spec.beta, "balanced").positions
        except ValueError:
            n0, k = three_cluster_counts(n, "balanced")
            x = np.repeat([0.0, TWO_PI / 3, 2 * TWO_PI / 3], [n0, k, k])
    elif text.startswith("clusters:"):
        try:
            K = int(text.split(":", 1)[1])
        except ValueError:
            raise ValueError(f"init: clusters:K needs an integer K (got {text!r})") from None
        if not 1 <= K <= n:
            raise ValueError(f"init: clusters:K needs 1 <= K <= n (got K = {K})")
        x = TWO_PI * (np.arange(n) * K // n) / K
    elif text.startswith("file:"):
        x = _read_angles(text[5:], n)
    else:
        x = _values_in_s(text, n, "init")
    if spec.eps > 0:
        x = x + rng.uniform(-spec.eps, spec.eps, n)
    return x


def _sample_index(n: int, sample: int) -> np.ndarray:
    return np.arange(n) if n <= sample else np.unique(np.linspace(0, n - 1, sample).astype(int))


def simulate(spec: RunSpec, horizon: float, *, integrator: str = "auto", dt: float | None = None,
             records: int = 300, sample: int = 2000, restart: dict | None = None, merge: float | None = 1e-9,
             progress=None):
    """Integrate ``spec`` up to time ``horizon``; returns (system, trajectory, data) where data is
    what :func:`save_run` writes.  ``restart`` (from :func:`load_run`) continues a saved run from
    its final state and time.  Particles closer than ``merge`` are merged (exact in the limit;
    only for position-only systems; None: never)."""
    sysm = build_system(spec)
    n = int(spec.n)
    t0, x0 = 0.0, None
    if restart is not None:
        t0, x0 = float(restart["t_final"]), np.asarray(restart["x_final"], dtype=float)
    if not (math.isfinite(horizon) and horizon > t0):
        raise ValueError(f"horizon must be finite and > {t0:g} (the start time)")
    if x0 is None:
        x0 = initial_condition(spec)
    idx = _sample_index(n, sample) if restart is None else np.asarray(restart["index"])
    span = horizon - t0
    rec = np.geomspace(min(1e-3, span / 10), span, records)
    merge = merge if sysm.position_only else None

    def synced(t, x, s):
        return "synchronized (diameter < 1e-7)" if diameter(x) < 1e-7 else None

    tr = integrate(sysm, x0, span, method=integrator, dt=dt, conv_tol=None, collapse=merge, stop=synced,
                   record_times=rec, record_index=idx, max_steps=10**6,
                   progress=None if progress is None else (lambda t: progress(t0 + t)))
    t = tr.t + t0
    X = tr.x
    if restart is not None:  # the saved records first (the restart point itself is not repeated)
        t = np.concatenate([restart["t"], t[1:]])
        X = np.concatenate([restart["x"], X[1:]])
    meta = {"spec": asdict(spec), "status": tr.status, "reason": tr.reason,
            "synchronized": tr.synchronized, "t_sync": None if tr.t_sync is None else tr.t_sync + t0,
            "steps": tr.steps + (restart["meta"]["steps"] if restart else 0),
            "energy_monotone": tr.energy_monotone and (restart["meta"]["energy_monotone"] if restart else True),
            "system": tr.system, "integrator": tr.integrator, "restarts": (restart["meta"]["restarts"] + 1)
            if restart else 0}
    data = {"t": t, "x": X, "index": idx, "x_final": tr.x_final, "t_final": t0 + tr.t_final, "meta": meta}
    return sysm, tr, data


def save_run(path, data: dict) -> Path:
    """Write a run (:func:`simulate`'s data) to ``path`` (.npz)."""
    p = Path(path)
    np.savez_compressed(p, t=data["t"], x=data["x"], index=data["index"], x_final=data["x_final"],
                        t_final=data["t_final"], meta=np.array(json.dumps(data["meta"], sort_keys=True)))
    return p


def load_run(path) -> tuple[RunSpec, dict]:
    """(spec, data) of a saved run; raises ValueError (one line) on a missing or foreign file."""
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"no such file: {p}")
    try:
        with np.load(p, allow_pickle=False) as z:
            data = {k: z[k] for k in ("t", "x", "index", "x_final", "t_final", "meta")}
        meta = json.loads(str(data["meta"]))
        spec = RunSpec(**meta["spec"]).validate()
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{p} is not a saved certify simulate run ({type(exc).__name__})") from None
    data["meta"] = meta
    data["t_final"] = float(data["t_final"])
    return spec, data
