"""Time integration: classical RK4 (fixed step), Dormand-Prince 5(4) and 8(5,3) ("dopri5",
"dop853": adaptive, FSAL; the latter for smooth runs at tight tolerances) and, for stiff regimes,
Rosenbrock 2(3) (adaptive, L-stable; :mod:`certify.simulate.steppers`).
``method="auto"`` starts with Dormand-Prince and switches to Rosenbrock for the rest of the run
after 15 steps limited by stability (Hairer's indicator h|lambda| > 3.25; the count restarts after
6 non-stiff steps in a row, as in Hairer's DOPRI5), when the
exact Jacobian is available (g = 1, constant or the (T2) partition function; not a callable g) and
n <= ``STIFF_N_MAX``.

``integrate(system, x0, t_end, ...)`` returns a :class:`Trajectory`.  It stops

* ``converged``  when max_i |dx_i/dt| < conv_tol (a stationary point up to the tolerance),
* ``stopped``    when the optional ``stop(t, x, system)`` callback returns a reason string
                 (e.g. :func:`half_circle_stop`),
* ``horizon``    at t = t_end,  ``max_steps`` / ``max_wall`` at the budgets,
* ``energy_violation`` (adaptive only) when the energy keeps decreasing even for tiny steps.

It never hangs: a non-finite position, velocity or energy raises
:class:`~certify.simulate.models.NumericalError` (one-line message), and so does Dormand-Prince
after ``max_rejects`` consecutive rejected steps or when the step falls below
``h_min = 1e-14 * max(1, |t|)`` (no progress possible in float64).  ``Trajectory.synchronized``
tells whether the run ended synchronized (diameter < ``sync_eps``).

Energy monitoring.  For gradient systems (odd f; see :mod:`certify.simulate.models`) E must be
non-decreasing.  After every step E(x_new) is compared with E(x_old); a decrease larger than
``system.energy_slack()`` (rounding + proven Fourier truncation) is a *failed step*: RK4 records
it in ``energy_failures`` (and raises if ``strict_energy``); Dormand-Prince rejects the step,
records it, and retries with a 4x smaller step.  Nothing is dropped silently.

Particle merging (``collapse=delta``).  When the velocity depends on the position only
(S1/S3/T2), particles at exactly the same point stay together forever; particles closer than
``delta`` are merged into one particle carrying the sum of their weights (system (S3)/(S4) with
weights c_j).  This is exact in the limit delta -> 0 and makes the slow, metastable phase cheap
(no stiff intra-cluster modes).  Merges are listed in ``events``; the recorded trajectories are
always expanded back to the original n particles.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from .diagnostics import TWO_PI, diameter, within_arc
from .jacobian import full_jacobian
from .models import NumericalError, System
from .stepsize import PIController, initial_step
from .steppers import Dop853, Dopri5, rosenbrock_step

STIFF_N_MAX = 2000  # largest n for the dense Rosenbrock step (O(n^3) per step)


def _stiff_ok(sys) -> bool:
    """The automatic switch to Rosenbrock needs the exact Jacobian and a small n."""
    return sys.n <= STIFF_N_MAX and (sys.g is None or isinstance(sys.g, (np.ndarray, str)))

__all__ = ["Trajectory", "integrate", "half_circle_stop", "EnergyViolation", "NumericalError"]


class EnergyViolation(RuntimeError):
    """Raised by ``integrate(..., strict_energy=True)`` when E decreases."""


@dataclass
class Trajectory:
    t: np.ndarray
    x: np.ndarray  # (records, n) angles (unwrapped)
    energy: np.ndarray | None
    status: str
    reason: str
    t_final: float
    x_final: np.ndarray
    v_max_final: float
    steps: int
    rejected: int
    nfev: int
    wall: float
    energy_failures: list = field(default_factory=list)
    events: list = field(default_factory=list)
    t_sync: float | None = None
    final_weights: np.ndarray | None = None
    final_positions: np.ndarray | None = None  # reduced (merged) particles
    final_members: np.ndarray | None = None  # original particles per reduced particle
    system: dict = field(default_factory=dict)
    integrator: str = ""

    sync_eps: float = 1e-6

    @property
    def energy_monotone(self) -> bool:
        return not self.energy_failures

    @property
    def synchronized(self) -> bool:
        """The final state is synchronized (diameter < sync_eps), or a stop callback declared it."""
        return bool(diameter(self.x_final) < self.sync_eps or
                    (self.status == "stopped" and self.reason.startswith("synchronized")))

    def summary(self) -> dict:
        from .diagnostics import cluster_count, order_parameter

        return {
            "status": self.status,
            "reason": self.reason,
            "t_final": self.t_final,
            "steps": self.steps,
            "rejected_steps": self.rejected,
            "force_evaluations": self.nfev,
            "wall_seconds": round(self.wall, 3),
            "energy_monotone": self.energy_monotone,
            "energy_failures": self.energy_failures[:20],
            "merges": len(self.events),
            "t_sync": self.t_sync,
            "synchronized": self.synchronized,
            "final_order_parameter": order_parameter(self.x_final),
            "final_diameter": diameter(self.x_final),
            "final_clusters": cluster_count(self.x_final),
            "final_max_speed": self.v_max_final,
            "system": self.system,
            "integrator": self.integrator,
        }

    def save_npz(self, path) -> None:
        np.savez_compressed(
            path, t=self.t, x=self.x,
            energy=self.energy if self.energy is not None else np.zeros(0),
            x_final=self.x_final, t_final=self.t_final,
        )


def half_circle_stop(t, x, system: System):
    """Stop as synchronized once the cloud lies in an open half-circle, when f > 0 on (0, pi).

    Why this is safe: let x_max be the most advanced particle of a cloud inside an arc of
    length < pi.  Every x_max - x_j lies in [0, pi), so dx_max/dt = -(scale/g) sum_j c_j
    f(x_max - x_j) <= 0, and symmetrically for the last particle: the arc never grows, and
    a stationary point inside it must be synchronized (otherwise dx_max/dt < 0).  By LaSalle
    the particles synchronize.  (Holds for (S1), (S3), (S4) and the rank-one system.)
    """
    if not system.interaction.positive_on_half_circle:
        return None
    if diameter(x) < math.pi * (1 - 1e-9):
        return "synchronized: cloud inside an open half-circle (f > 0 on (0, pi))"
    return None


def _merge(x, sys: System, delta: float):
    """Merge particles closer than delta; returns (x_new, weights_new, map old->new) or None."""
    n = x.size
    if n <= 1:
        return None
    xm = np.mod(x, TWO_PI)
    order = np.argsort(xm)
    a = xm[order]
    gaps = np.diff(np.append(a, a[0] + TWO_PI))
    close = gaps < delta
    if not close.any():
        return None
    if close.all():
        groups_sorted = np.zeros(n, dtype=int)
    else:
        start = (int(np.nonzero(~close)[0][-1]) + 1) % n
        rolled = np.roll(~close, -start)
        ids = np.concatenate([[0], np.cumsum(rolled[:-1])])
        groups_sorted = np.empty(n, dtype=int)
        groups_sorted[np.roll(np.arange(n), -start)] = ids
    m = int(groups_sorted.max()) + 1
    if m == n:
        return None
    gmap = np.empty(n, dtype=int)
    gmap[order] = groups_sorted
    c = sys.c
    w = np.bincount(gmap, weights=c, minlength=m)
    first = np.full(m, -1)
    for i in range(n):  # representative (first member) of each group
        if first[gmap[i]] < 0:
            first[gmap[i]] = i
    rep = x[first]
    dev = np.pi - np.mod(np.pi - (x - rep[gmap]), TWO_PI)
    xnew = rep + np.bincount(gmap, weights=c * dev, minlength=m) / w
    return xnew, w, gmap


def integrate(system: System, x0, t_end: float, *, method: str = "dopri5", dt: float | None = None,
              h0: float | None = None, atol: float = 1e-12, rtol: float = 1e-7,
              conv_tol: float | None = 1e-10,
              record_times=None, record_every: int | None = None, stop=None,
              collapse: float | None = None, collapse_every: int = 10, check_energy: bool = True,
              strict_energy: bool = False, sync_eps: float = 1e-6, max_steps: int = 10**6,
              max_wall: float | None = None, progress=None, h_max: float | None = None,
              max_rejects: int = 100, record_index=None) -> Trajectory:
    """Integrate ``system`` from ``x0`` up to ``t_end``; see the module docstring.

    Dormand-Prince error control: the local error estimate must stay below
    atol + rtol * max_i |x_i(t+h) - x_i(t)|, i.e. *relative to the displacement of the step*
    (angles have no natural relative scale).  A purely absolute tolerance lets the step sit
    at the edge of the stability region near an equilibrium, where the fast modes stop
    decaying at the level of atol; the relative criterion keeps them decaying.

    record_times: increasing times at which the state is recorded (steps are shortened to hit
    them exactly); record_every: also record every that many accepted steps.  The initial and
    final states are always recorded; ``record_index`` (indices of original particles) records
    only those particles (memory O(records * len(record_index)) for huge n; ``x_final`` is always
    complete).  ``progress``: callable(t) (e.g. Progress.update).
    """
    if method not in ("dopri5", "dop853", "rk4", "rosenbrock", "auto"):
        raise ValueError(f"unknown integrator {method!r} (dopri5, dop853, rk4, rosenbrock or auto)")
    auto = method == "auto"
    method = "dopri5" if auto else method

    def jac(y):  # the current (possibly merged) system's Jacobian
        return full_jacobian(sys, y)

    if method == "rosenbrock" and not _stiff_ok(system):
        raise ValueError(f"the stiff integrator needs n <= {STIFF_N_MAX} and g = 1, a constant g or the "
                         f"partition g (exact dense Jacobian); {system.name} with n = {system.n} does not qualify")
    stiff_count, nonstiff, switched_at = 0, 0, None
    if method == "rk4" and not (dt and dt > 0):
        raise ValueError("rk4 needs a positive step dt")
    if not (t_end >= 0 and math.isfinite(t_end)):
        raise ValueError("t_end must be finite and >= 0")
    x = np.array(x0, dtype=float, copy=True)
    if x.shape != (system.n,):
        raise ValueError(f"x0 must have shape ({system.n},)")
    n_full = x.size
    gmap_total = np.arange(n_full)
    sys = system
    if collapse and not sys.position_only:
        raise ValueError("collapse is only valid for systems whose velocity depends on the position alone")
    rec_t = np.array([] if record_times is None else sorted(float(r) for r in record_times))
    rec_t = rec_t[(rec_t > 0) & (rec_t <= t_end)]
    ri = 0
    track_energy = check_energy and sys.gradient
    wall0 = time.monotonic()
    nfev_base = sys.nfev
    nfev_acc = 0

    out_t, out_x, out_e = [], [], []
    failures, events = [], []
    t = 0.0
    v, E = sys.rhs(x, energy=True) if track_energy else (sys.rhs(x), None)
    slack = sys.energy_slack() if track_energy else 0.0

    rec_index = np.arange(n_full) if record_index is None else np.asarray(record_index, dtype=int)

    def record(tt, xx, ee):
        out_t.append(tt)
        out_x.append(xx[gmap_total[rec_index]])
        out_e.append(np.nan if ee is None else ee)

    record(t, x, E)
    steps = rejected = 0
    status, reason = "horizon", ""
    t_sync = 0.0 if diameter(x) < sync_eps else None
    cheap_diam = n_full <= 20000
    h = h0
    if method != "rk4" and h is None:
        h = initial_step(sys, x, v, t_end, atol, rtol, method)
    control = None if method == "rk4" else PIController(method)
    explicit = Dop853() if method == "dop853" else Dopri5()
    consecutive_energy_fail = 0
    consecutive_rejects = 0
    last_recorded_step = 0

    def give_up(what):
        raise NumericalError(f"{sys.name}: integrator stalled at t = {t:.6g}: {what} "
                             f"(step {hh:.3g}, {rejected} rejected steps)")

    def finish_checks():
        nonlocal status, reason
        if conv_tol is not None and float(np.max(np.abs(v))) < conv_tol:
            status, reason = "converged", f"max |dx/dt| < {conv_tol:g}"
            return True
        if stop is not None:
            r = stop(t, x, sys)
            if r:
                status, reason = "stopped", r
                return True
        if t >= t_end:
            status, reason = "horizon", f"reached t = {t_end:g}"
            return True
        if steps >= max_steps:
            status, reason = "max_steps", f"{max_steps} steps"
            return True
        if max_wall is not None and time.monotonic() - wall0 > max_wall:
            status, reason = "max_wall", f"{max_wall:g} s wall-clock budget"
            return True
        return False

    while not finish_checks():
        t_next_rec = rec_t[ri] if ri < rec_t.size else math.inf
        if method == "rk4":
            hh = min(dt, t_end - t, t_next_rec - t)
            k1 = v
            k2 = sys.rhs(x + 0.5 * hh * k1)
            k3 = sys.rhs(x + 0.5 * hh * k2)
            k4 = sys.rhs(x + hh * k3)
            x_new = x + (hh / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)
            if track_energy:
                v_new, E_new = sys.rhs(x_new, energy=True)
                if E_new < E - slack:
                    failures.append({"t": t + hh, "dE": E_new - E, "slack": slack})
                    if strict_energy:
                        raise EnergyViolation(f"energy decreased by {E - E_new:.3e} at t = {t + hh:.6g}")
            else:
                v_new, E_new = sys.rhs(x_new), None
            t = t_next_rec if hh == t_next_rec - t else t + hh
            x, v, E = x_new, v_new, E_new
            steps += 1
        else:
            h = h if h_max is None else min(h, h_max)
            t_stop = min(t_end, t_next_rec)
            hh = t_stop - t if t_stop - t <= 1.1 * h else h  # stretch by <= 10% rather than a sliver step
            if method == "rosenbrock":
                x_new, v_new, E_new, err, disp, hl = rosenbrock_step(sys, x, v, hh, track_energy, jac)
            else:
                x_new, v_new, E_new, err, disp, hl = explicit(sys, x, v, hh, track_energy,
                                                              stiff=auto and _stiff_ok(sys))
            tol = atol + rtol * disp
            err, w = (err / tol, rtol * disp / tol) if tol > 0 else (0.0 if err == 0 else math.inf, 1.0)
            if not math.isfinite(err) or err > 1.0:
                rejected += 1
                consecutive_rejects += 1
                h = control.reject(hh, err, w)
                if consecutive_rejects > max_rejects:
                    give_up(f"{consecutive_rejects} consecutive rejected steps")
                if h < 1e-14 * max(1.0, abs(t)):
                    give_up("step size underflow")
                continue
            consecutive_rejects = 0
            if track_energy and E_new < E - slack:
                failures.append({"t": t + hh, "dE": E_new - E, "slack": slack})
                if strict_energy:
                    raise EnergyViolation(f"energy decreased by {E - E_new:.3e} at t = {t + hh:.6g}")
                rejected += 1
                consecutive_energy_fail += 1
                h = hh * 0.25
                if consecutive_energy_fail > 12:
                    status, reason = "energy_violation", "E decreases even for tiny steps"
                    break
                continue
            consecutive_energy_fail = 0
            t = t_stop if hh == t_stop - t else t + hh
            x, v, E = x_new, v_new, E_new
            steps += 1
            h_next = control.accept(hh, err, w)
            h = max(h, h_next) if hh < h else h_next  # a step cut short (record time, t_end) keeps h
            if hl > 3.25:  # Hairer's DOPRI5 rule: 15 stiff steps, reset after 6 non-stiff in a row
                stiff_count, nonstiff = stiff_count + 1, 0
            else:
                nonstiff += 1
                stiff_count = 0 if nonstiff >= 6 else stiff_count
            if auto and method == "dopri5" and stiff_count >= 15 and _stiff_ok(sys):
                method, switched_at = "rosenbrock", t
                control = PIController(method)
        # after an accepted step
        if ri < rec_t.size and t >= rec_t[ri]:
            record(t, x, E)
            last_recorded_step = steps
            while ri < rec_t.size and rec_t[ri] <= t:
                ri += 1
        elif record_every and steps - last_recorded_step >= record_every:
            record(t, x, E)
            last_recorded_step = steps
        if t_sync is None and (cheap_diam or steps % 10 == 0) and within_arc(x, sync_eps):
            t_sync = t
        if collapse and steps % collapse_every == 0:
            merged = _merge(x, sys, collapse)
            if merged is not None:
                x_m, w_m, gmap = merged
                events.append({"t": t, "n_before": int(x.size), "n_after": int(x_m.size)})
                nfev_acc += sys.nfev - nfev_base
                sys = sys.with_weights(w_m)
                nfev_base = sys.nfev
                gmap_total = gmap[gmap_total]
                x = x_m
                v, E = sys.rhs(x, energy=True) if track_energy else (sys.rhs(x), None)
                slack = sys.energy_slack() if track_energy else 0.0
                if x.size <= 20000:
                    cheap_diam = True
        if progress is not None:
            progress(t)

    if not out_t or out_t[-1] != t or steps != last_recorded_step:
        record(t, x, E)
    nfev = nfev_acc + sys.nfev - nfev_base
    if t_sync is None and diameter(x) < sync_eps:
        t_sync = t
    return Trajectory(
        t=np.array(out_t), x=np.array(out_x),
        energy=np.array(out_e) if track_energy else None,
        status=status, reason=reason, t_final=t, x_final=x[gmap_total].copy(),
        v_max_final=float(np.max(np.abs(v))) if v.size else 0.0,
        steps=steps, rejected=rejected, nfev=nfev, wall=time.monotonic() - wall0,
        integrator=method if switched_at is None else f"dopri5, then rosenbrock from t = {switched_at:.6g} (stiff)",
        energy_failures=failures, events=events, t_sync=t_sync, sync_eps=sync_eps,
        final_weights=sys.c.copy(), final_positions=x.copy(),
        final_members=np.bincount(gmap_total, minlength=x.size), system=system.describe(),
    )
