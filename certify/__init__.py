"""certify: verified numerics for mean-field synchronization on the circle.

``from certify import prove, bound, sync_criterion, Result, Bound`` (``certify.api``; the name
``criterion`` is the engine module ``certify.criterion``) and the claim
kinds ``Inequality, Identity, RootCount, Limit, Cited, Human, Lemma`` (``certify.claims``),
``Derived, Assumed`` (``certify.derived``); loaded on first use, so that importing
``certify.checker`` never loads the prover; ``certify.__version__``.
"""
_API = {"prove": "certify.api", "bound": "certify.api", "sync_criterion": "certify.api", "Bound": "certify.api",
        "Result": "certify.prover",
        **{k: "certify.claims" for k in ("Inequality", "Identity", "RootCount", "Limit", "Cited", "Human", "Lemma", "Table")},
        **{k: "certify.derived" for k in ("Derived", "Assumed")}}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version     # ~0.1 s: only when asked
    try:
        return version("certify")
    except PackageNotFoundError:          # a source tree that is not installed
        return "0+unknown"


def __getattr__(name):
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    if name in _API:
        from importlib import import_module
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'certify' has no attribute {name!r}")
