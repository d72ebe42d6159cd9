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
* ``run``, ``plot``   a user's run (any model, f, initial condition; saved and restartable) and
                      the figure of a saved run (:mod:`.user`, :mod:`certify.simulate.runs`).
"""
from __future__ import annotations

from . import metastable as _metastability
from . import sweep as _sweep
from . import lemma_c6 as _three_cluster
from . import traces as _trajectories
from .metastable import metastability
from .sweep import read_certified_ranges, sync_sweep
from .lemma_c6 import three_cluster
from .traces import trajectories
from .user import plot, run

__all__ = [
    "sync_sweep", "three_cluster", "metastability", "trajectories", "EXPERIMENTS", "DEFAULTS",
    "read_certified_ranges",
]

DEFAULTS = {
    "sync-sweep": _sweep.DEFAULTS,
    "three-cluster": _three_cluster.DEFAULTS,
    "metastability": _metastability.DEFAULTS,
    "trajectories": _trajectories.DEFAULTS,
}
FULL = {"sync-sweep": _sweep.FULL}

EXPERIMENTS = {
    "sync-sweep": sync_sweep,
    "three-cluster": three_cluster,
    "metastability": metastability,
    "trajectories": trajectories,
    "run": run,
    "plot": plot,
}
