"""What mathematicians type, read as the ASCII grammar: ``x^2`` (a power, with the power's
precedence: ``2*x^2`` is ``2*(x**2)``), ``≤ ≥ ∈ ∞ π −``, ``·`` and ``×`` for products, and Greek letters as their names (``β`` -> ``beta``; ``λ`` -> ``lam``, since
``lambda`` is reserved).  Applied to expressions, claims and domains before parsing."""
from __future__ import annotations

SYMBOLS = {"^": "**", "≤": "<=", "≥": ">=", "∈": " in ", "∞": "oo", "π": "pi", "−": "-", "·": "*", "×": "*",
           "⩽": "<=", "⩾": ">="}
GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
         "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lam", "μ": "mu", "ν": "nu",
         "ξ": "xi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi",
         "ψ": "psi", "ω": "omega"}
_TABLE = str.maketrans({**SYMBOLS, **GREEK})


def ascii_math(text: str) -> str:
    return text.translate(_TABLE)
