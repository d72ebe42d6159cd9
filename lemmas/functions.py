"""The functions of the paper, as exact sympy expressions (no floats, no arb).

f(x) = sin x * e^{beta (cos x - 1)}  (Section 5; f_beta normalized so that f'(0) = 1),
its derivatives f1, f2, f3 derived by sympy, the printed forms of Section 5, p(z) of Lemma A.1,
tau(beta) of Section 5, g_beta, g1, g2 of Lemma A.4, and the phi(beta) of Lemmas A.4-A.7.
Decimal constants are exact: ``R("0.18") == 9/50``.
"""
from functools import lru_cache

import sympy

R = sympy.Rational
b = sympy.Symbol("b", real=True)     # beta
x = sympy.Symbol("x", real=True)
z = sympy.Symbol("z", real=True)
sqrt, sin, cos, exp, pi, acos = sympy.sqrt, sympy.sin, sympy.cos, sympy.exp, sympy.pi, sympy.acos

E_beta = exp(b * (cos(x) - 1))
f_beta = sin(x) * E_beta
f1, f2, f3 = (sympy.diff(f_beta, x, k) for k in (1, 2, 3))

# Section 5, as printed
f1_printed = (cos(x) - b * sin(x) ** 2) * E_beta
f2_printed = (-sin(x) - 3 * b * sin(x) * cos(x) + b ** 2 * sin(x) ** 3) * E_beta
f3_printed = -(cos(x) + 3 * b * cos(x) ** 2 - 4 * b * sin(x) ** 2
               - 6 * b ** 2 * cos(x) * sin(x) ** 2 + b ** 3 * sin(x) ** 4) * E_beta


def p(zz=z, bb=b):
    """Lemma A.1: f'''(x) = p(cos x) e^{beta (cos x - 1)}."""
    return -(zz + 3 * bb * zz ** 2 - 4 * bb * (1 - zz ** 2) - 6 * bb ** 2 * zz * (1 - zz ** 2)
             + bb ** 3 * (1 - zz ** 2) ** 2)


def tau_printed(bb=b):
    """Section 5: tau = arccos((sqrt(1 + 4 beta^2) - 1) / (2 beta)), beta != 0."""
    return acos((sqrt(1 + 4 * bb ** 2) - 1) / (2 * bb))


def tau(bb=b):
    """tau(beta) without the removable singularity at beta = 0 (GUIDE §2): the argument
    (sqrt(1+4b^2)-1)/(2b) equals 2b/(sqrt(1+4b^2)+1); tau(0) = pi/2."""
    return acos(2 * bb / (sqrt(1 + 4 * bb ** 2) + 1))


def g_beta(zz=z, bb=b):
    """Lemma A.4: f''(x) = sqrt(beta) g_beta(beta - beta cos x) for x in [0, pi], z in [0, 2 beta]."""
    return sqrt(zz) * sqrt(2 - zz / bb) * (-3 + 2 * zz + (-1 + 3 * zz - zz ** 2) / bb) * exp(-zz)


def g_beta_prime(zz=z, bb=b):
    """d/dz g_beta(z), derived by sympy (once per bb)."""
    return _g_beta_dz(bb).subs(z, zz)


@lru_cache(maxsize=None)
def _g_beta_dz(bb):
    return sympy.diff(g_beta(z, bb), z)


def g1(zz=z):
    """Lemma A.4: g^1(z) = sqrt(2z)(-3 + 2z) e^{-z}."""
    return sqrt(2 * zz) * (-3 + 2 * zz) * exp(-zz)


def g2(zz=z):
    """Lemma A.4: g^2(z) = sqrt(2z)(-1 + 3z - z^2) e^{-z}."""
    return sqrt(2 * zz) * (-1 + 3 * zz - zz ** 2) * exp(-zz)


def phi_term(c, s, bb=b, over_beta=False):
    """c * sqrt(2 - s/beta) / sqrt(2), divided by beta when ``over_beta``: the terms of phi."""
    term = R(c) * sqrt(2 - R(s) / bb) / sqrt(2)
    return term / bb if over_beta else term


def phi_A4(bb=b):
    return (phi_term("0.512", "1.4", bb, True) + phi_term("0.375", "1.5", bb)
            + phi_term("0.247", "0.18", bb, True) + phi_term("1.381", "0.18", bb))


def phi_A5(bb=b):
    return (phi_term("0.54", "1.24", bb, True) + phi_term("0.375", "1.5", bb)
            + phi_term("0.26", "0.165", bb, True) + phi_term("1.381", "0.165", bb))


def phi_A6(bb=b):
    return (phi_term("0.542", "0.9", bb, True) + phi_term("0.28", "0.14", bb, True)
            + phi_term("1.381", "0.14", bb))


def phi_A7(bb=b):
    return (phi_term("0.521", "2/3", bb, True) + phi_term("0.285", "0.121", bb, True)
            + phi_term("1.381", "0.121", bb))
