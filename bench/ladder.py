"""Benchmark: cells and seconds for plain bisection vs the enclosure ladder (GUIDE §3).

Run: python bench/ladder.py
"""
import time

import sympy

from certify.domain import parse_domain
from certify.enclose import METHODS, Ladder
from certify.expr.bridge import from_sympy
from certify.expr.parse import parse_relation
from certify.forms import box_of, opens_of
from certify.prover import _obligations, normalize
from certify.search import Budget, prove_positive

CLAIMS = [
    ("g1 > -1.381 on [0, 20]", "sqrt(2*z)*(2*z-3)*exp(-z) > -1.381", "z in [0, 20]"),
    ("g1 < 0.375 on [0, 20]", "sqrt(2*z)*(2*z-3)*exp(-z) < 0.375", "z in [0, 20]"),
    ("g2 > -0.247 on [0.18, 1.4]", "sqrt(2*z)*(-1+3*z-z**2)*exp(-z) > -0.247", "z in [0.18, 1.4]"),
    ("B.4: (1+3b)e^(b^2-b)pi/2 < 2", "(1+3*b)*exp(b**2-b)*pi/2 < 2", "b in [0, 0.148]"),
    ("tau(b) sqrt(b) < 1 on [1/2, 2]", "sqrt(b)*acos(2*b/(sqrt(1+4*b**2)+1)) < 1", "b in [1/2, 2]"),
    ("2-D: g_beta'(0.18) < 0", "diff_gbeta < 0", "b in [1, 4]"),
    ("x^4 - x + 0.4725 > 0 (margin 3e-5)", "x**4 - x + 0.4725 > 0", "x in [-2, 2]"),
    ("g1 > -1.3802 (margin 8e-5)", "sqrt(2*z)*(2*z-3)*exp(-z) > -1.3802", "z in [0, 20]"),
]


def gbeta_prime(expr_text):
    b, z = sympy.symbols("b z", real=True)
    g = sympy.sqrt(z) * sympy.sqrt(2 - z / b) * (-3 + 2 * z + (-1 + 3 * z - z ** 2) / b) * sympy.exp(-z)
    return sympy.diff(g, z).subs(z, sympy.Rational("0.18"))


def run(text, over, methods):
    d = parse_domain(over)
    if text.startswith("diff_gbeta"):
        lhs, op, rhs = from_sympy(gbeta_prime(text)), "<", from_sympy(sympy.Integer(0))
    else:
        lhs, op, rhs = parse_relation(text, d.names)
    F, strict = normalize(lhs, op, rhs)
    facts = _obligations(F, d, Budget())[0].facts     # domain facts, proved as in the pipeline
    ladder = Ladder(F, d.names, opens_of(d), facts=facts)
    box = box_of(d)
    t = time.monotonic()
    out = prove_positive(ladder, box, strict, budget=Budget(cells=200000, seconds=120), methods=methods)
    return out.status, out.cells, time.monotonic() - t


def main():
    print(f"{'claim':34s} | {'plain cells':>11s} {'s':>7s} | {'ladder cells':>12s} {'s':>7s} | ratio")
    print("-" * 86)
    wins = 0
    for name, text, over in CLAIMS:
        s0, c0, t0 = run(text, over, ("plain",))
        s1, c1, t1 = run(text, over, METHODS)
        ratio = c0 / c1
        wins += ratio >= 10
        print(f"{name:34s} | {c0:11d} {t0:7.2f} | {c1:12d} {t1:7.2f} | {ratio:6.1f}x  {s0[:3]}/{s1[:3]}")
    print(f"\nladder >= 10x fewer cells on {wins} of {len(CLAIMS)} claims")


if __name__ == "__main__":
    main()
