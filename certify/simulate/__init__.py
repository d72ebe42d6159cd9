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
import sys
import types
from importlib import import_module

_WHERE = {"cluster_count": "diagnostics", "diameter": "diagnostics", "order_parameter": "diagnostics",
          "Trajectory": "integrate", "half_circle_stop": "integrate", "integrate": "integrate",
          "Interaction": "interaction", "System": "models",
          **{k: "systems" for k in ("S1", "S3", "S4", "T1", "T2", "kuramoto", "rank_one")}}

__all__ = [
    "Interaction", "System", "S1", "T1", "T2", "S3", "S4", "rank_one", "kuramoto",
    "integrate", "Trajectory", "half_circle_stop", "order_parameter", "diameter", "cluster_count",
]


def __getattr__(name):
    """PEP 562: the names above load their module (numpy, sympy) on first use, so that
    ``certify.simulate.cli`` (imported by every ``certify`` command line) costs no numpy."""
    if name in _WHERE:
        value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Importing the submodule ``integrate`` binds the package attribute to the module; the
    public name ``certify.simulate.integrate`` is the function (as an eager import made it)."""

    def __setattr__(self, name, value):
        if isinstance(value, types.ModuleType) and _WHERE.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
