"""certify: verified numerics for mean-field synchronization on the circle.

``from certify import prove, bound, Result, Bound`` (``certify.api``; loaded on first use, so
that importing ``certify.checker`` never loads the prover); ``certify.__version__``.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("certify")
except PackageNotFoundError:          # a source tree that is not installed
    __version__ = "0+unknown"

_API = {"prove": "certify.api", "bound": "certify.api", "Bound": "certify.api", "Result": "certify.prover"}


def __getattr__(name):
    if name in _API:
        from importlib import import_module
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'certify' has no attribute {name!r}")
