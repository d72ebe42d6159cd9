"""Float64 simulator of the particle systems of Polyanskiy-Rigollet-Yao (2025).

Numpy + matplotlib only (no python-flint): this is the numerical companion of the prover, not
part of it.  Main entry points:

* models:       :func:`S1`, :func:`T1`, :func:`T2`, :func:`S3`, :func:`S4`, :func:`rank_one`,
                :func:`kuramoto` -> :class:`System` (in :mod:`.models`)
* forces:       exact chunked pairwise sums and O(nK) Fourier sums with a proven Bessel tail
                bound (:mod:`.forces`, :mod:`.bessel`)
* integration:  :func:`integrate` (RK4 or Dormand-Prince 5(4), energy monitoring, particle merging)
* diagnostics:  order parameter, diameter, clusters (:mod:`.diagnostics`)
* experiments:  sync-sweep, three-cluster, metastability, trajectories (:mod:`.experiments`),
                run with ``certify simulate <name>`` or ``python -m certify.simulate <name>``.
"""
from .diagnostics import cluster_count, diameter, order_parameter
from .integrate import Trajectory, half_circle_stop, integrate
from .interaction import Interaction
from .models import System
from .systems import S1, S3, S4, T1, T2, kuramoto, rank_one

__all__ = [
    "Interaction", "System", "S1", "T1", "T2", "S3", "S4", "rank_one", "kuramoto",
    "integrate", "Trajectory", "half_circle_stop", "order_parameter", "diameter", "cluster_count",
]
