"""User-facing errors: each carries a one-line message; the CLI prints it and exits 2."""


class CertifyInputError(ValueError):
    """A malformed expression, range, number or option supplied by the user."""


class ExactnessError(CertifyInputError, TypeError):
    """A binary float (Python float or sympy Float) reached the exact boundary of the engine."""
