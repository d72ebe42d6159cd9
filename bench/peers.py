"""Benchmark: certify against two peers on the same bounded claims (1-3 variables).

Every claim ``lhs OP rhs`` (OP in < <= > >=) over a box ``v in [lo, hi], ...`` is decided by

1. certify    -- ``certify.api.prove(claim, over, max_cells=200000, max_seconds=60)``;
2. bisection  -- a bare python-flint bisection written below (~40 lines): F = lhs - rhs (or
                 rhs - lhs) is evaluated on arb balls by a tiny evaluator over Python's ast of
                 the same text (constants read exactly as fmpq, integer powers by repeated
                 multiplication); a cell is decided when the enclosure of F is certainly > 0
                 (>= 0), the claim is refuted when F at a cell midpoint is certainly <= 0 (< 0),
                 otherwise the widest side is split (depth-first).  A ball poking outside the
                 domain of sqrt/log/acos gives NaN, i.e. the cell stays undecided;
3. codac      -- the same SIVIA-style loop on codac 2.x intervals (C++): the ast is
                 translated to a codac ``AnalyticFunction`` (VectorVar, sqrt/exp/..., native
                 ``pow`` for integer powers, constants as ``Interval(p)/Interval(q)``), each
                 cell evaluated with ``EvalMode.DEFAULT`` (natural and centered form).
                 codac's sqrt/log/acos intersect their argument with the domain, so those
                 never give NaN.  codac is optional: without it the column shows "n/a".

Peers 2 and 3 give up (UNDECIDED) after 200000 cells, 60 s, or when a cell side gets narrower
than 1e-12 without a decision.  The table shows verdict, wall time (median of 3 runs; one run
with --quick) and cells per tool; the summary shows certify/bisection time ratios on claims both
decide, and certify/codac ratios on claims both decide.  Each tool is warmed up once on a trivial
claim first.  certify's repeat runs of one claim are faster than its first (sympy's cache), so
the median of 3 is a warm time and --quick a cold one; the full run prints the cold/warm ratio.

Run:  python bench/peers.py [--quick]        (optional peer: pip install codac)
"""
import argparse
import ast
import os
import re
import statistics
import sys
import time
from fractions import Fraction

import flint
from flint import arb, fmpq

try:
    import codac
except ImportError:                      # optional peer
    codac = None

CAP, MAX_SECONDS, MIN_WIDTH = 200000, 60.0, 1e-12

# -- the claims -----------------------------------------------------------------------------------

G1 = "sqrt(2*z)*(2*z-3)*exp(-z)"                                   # Lemma A.4 g^1
G2 = "sqrt(2*z)*(-1+3*z-z**2)*exp(-z)"                             # Lemma A.4 g^2
TAU = "sqrt(b)*acos(2*b/(sqrt(1+4*b**2)+1))"                       # sqrt(beta) tau(beta)
PHI = ("0.512*sqrt(2-1.4/b)/(sqrt(2)*b) + 0.375*sqrt(2-1.5/b)/sqrt(2)"   # phi of Lemma A.4
       " + 0.247*sqrt(2-0.18/b)/(sqrt(2)*b) + 1.381*sqrt(2-0.18/b)/sqrt(2)")
# d/dz g_beta(z) at z = 0.18 (sympy.diff of lemmas.functions.g_beta, printed by sympy)
DGBETA = ("8*sqrt(2)*(-66/25 - 1231/(2500*b))*sqrt(2 - 9/(50*b))*exp(-9/50)/15"
          " + 3*sqrt(2)*sqrt(2 - 9/(50*b))*(2 + 66/(25*b))*exp(-9/50)/10"
          " - 3*sqrt(2)*(-66/25 - 1231/(2500*b))*exp(-9/50)/(20*b*sqrt(2 - 9/(50*b)))")


def gb(zz, bb="b"):
    """g_beta(z) of Lemma A.4 as text."""
    return f"sqrt({zz})*sqrt(2-({zz})/{bb})*(-3+2*({zz})+(-1+3*({zz})-({zz})**2)/{bb})*exp(-({zz}))"


def p(zz, bb="b"):
    """p(z) of Lemma A.1 (f''' = p(cos x) e^{beta(cos x - 1)}) as text."""
    return (f"-(({zz}) + 3*{bb}*({zz})**2 - 4*{bb}*(1-({zz})**2) - 6*{bb}**2*({zz})*(1-({zz})**2)"
            f" + {bb}**3*(1-({zz})**2)**2)")


ZB_BOUND = "-0.247*sqrt(2-0.18/b)/(sqrt(2)*b) - 1.381*sqrt(2-0.18/b)/sqrt(2)"
CLAIMS = [   # (name, claim, over); the first 8 are those of bench/ladder.py
    ("g1 > -1.381 on [0, 20]", f"{G1} > -1.381", "z in [0, 20]"),
    ("g1 < 0.375 on [0, 20]", f"{G1} < 0.375", "z in [0, 20]"),
    ("g2 > -0.247 on [0.18, 1.4]", f"{G2} > -0.247", "z in [0.18, 1.4]"),
    ("B.4: (1+3b)e^(b^2-b)pi/2 < 2", "(1+3*b)*exp(b**2-b)*pi/2 < 2", "b in [0, 0.148]"),
    ("tau(b) sqrt(b) < 1 on [1/2, 2]", f"{TAU} < 1", "b in [1/2, 2]"),
    ("g_beta'(0.18) < 0, b in [1, 4]", f"{DGBETA} < 0", "b in [1, 4]"),
    ("x^4 - x + 0.4725 > 0 (margin 3e-5)", "x**4 - x + 0.4725 > 0", "x in [-2, 2]"),
    ("g1 > -1.3802 (margin 8e-5)", f"{G1} > -1.3802", "z in [0, 20]"),
    # Appendix A (beta >= 1)
    ("g1 <= 0 on [0, 1.5] (0 at both ends)", f"{G1} <= 0", "z in [0, 1.5]"),
    ("g1 < 0.3749 (margin 3e-6)", f"{G1} < 0.3749", "z in [0, 20]"),
    ("g2 > -0.26 on [0.165, 1.24]", f"{G2} > -0.26", "z in [0.165, 1.24]"),
    ("g2 < 0.512 on [1.4, 20]", f"{G2} < 0.512", "z in [1.4, 20]"),
    ("g2 <= g2(1.4) on [1.4, 20] (touch)", f"{G2} <= sqrt(2*1.4)*(-1+3*1.4-1.4**2)*exp(-1.4)", "z in [1.4, 20]"),
    ("g_beta(0.1) < 0, b in [1, 4]", f"{gb('0.1')} < 0", "b in [1, 4]"),
    ("g_beta(1.9) > 0, b in [1, 4]", f"{gb('1.9')} > 0", "b in [1, 4]"),
    ("phi(b) < 2 on [2, 100]", f"{PHI} < 2", "b in [2, 100]"),
    ("0.96 phi(b) < 2 on [1, 2]", f"0.96*({PHI}) < 2", "b in [1, 2]"),
    ("tau(b) sqrt(b) < 1 on [2, 50]", f"{TAU} < 1", "b in [2, 50]"),
    ("tau(b) sqrt(b) > 0.9 on [1, 4]", f"{TAU} > 0.9", "b in [1, 4]"),
    ("tau(b) sqrt(b) < sqrt2 tau(2), [1,1.99]", f"{TAU} < sqrt(2)*acos(4/(sqrt(17)+1))", "b in [1, 1.99]"),
    ("sqrt(1-q^4) atan q < q on [0.1, 0.5]", "sqrt(1-q**4)*atan(q) < q", "q in [1/10, 1/2]"),
    ("cos(pi t) >= 1-(pi t)^2/2 (touch 0)", "cos(pi*t) >= 1 - (pi*t)**2/2", "t in [0, 1]"),
    # Appendices B, C (|beta| <= 1/3): p at the printed points (cancellation-heavy)
    ("p(-1-2/b) > 0, b in [0.05, 1/3]", f"{p('-1-2/b')} > 0", "b in [0.05, 1/3]"),
    ("p(-1-1/b) < 0, b in [0.05, 1/3]", f"{p('-1-1/b')} < 0", "b in [0.05, 1/3]"),
    ("p(1-1/b) > 0, b in [-1/3, -0.01]", f"{p('1-1/b')} > 0", "b in [-1/3, -0.01]"),
    ("p(1-2/b) < 0, b in [-1/3, -0.01]", f"{p('1-2/b')} < 0", "b in [-1/3, -0.01]"),
    # 2-D and 3-D
    ("2-D: g_beta > (9) bound, A.4", f"{gb('z')} > {ZB_BOUND}", "z in [0.18, 1.4], b in [1, 4]"),
    ("2-D: x y e^(-x-y) < 0.14", "x*y*exp(-x-y) < 0.14", "x in [0, 3], y in [0, 3]"),
    ("2-D: f_beta(x) <= x (touch x=0)", "sin(x)*exp(b*(cos(x)-1)) <= x", "x in [0, 3], b in [0, 2]"),
    ("2-D: -Q(c) > 0, b in [-0.3, 0]", "1 + 3*b*c - b**2*(1-c**2) > 0", "c in [-1, 1], b in [-0.3, 0]"),
    ("2-D: C.3 Q split >= 0 (touch corner)", "(1+3*b) + (-b)*(1-c)*(3+b*(1+c)) >= 0", "c in [-1, 1], b in [-1/3, 0]"),
    ("3-D: (x+y+z)e^(-|v|^2) < 0.75", "(x+y+z)*exp(-x*x-y*y-z*z) < 0.75", "x in [-2, 2], y in [-2, 2], z in [-2, 2]"),
    ("3-D: cos x cos y cos z < 1.01", "cos(x)*cos(y)*cos(z) < 1.01", "x in [-1, 1], y in [-1, 1], z in [-1, 1]"),
    ("3-D: x y z e^(-x-y-z) < 0.05", "x*y*z*exp(-x-y-z) < 0.05", "x in [0, 3], y in [0, 3], z in [0, 3]"),
    # false claims (REFUTED expected)
    ("FALSE: g1 > -1.38", f"{G1} > -1.38", "z in [0, 20]"),
    ("FALSE: g1 < 0.3748", f"{G1} < 0.3748", "z in [0, 20]"),
    ("FALSE: x^4 - x + 0.4724 > 0", "x**4 - x + 0.4724 > 0", "x in [-2, 2]"),
    ("FALSE: B.4 on [0, 0.2]", "(1+3*b)*exp(b**2-b)*pi/2 < 2", "b in [0, 0.2]"),
    ("FALSE: tau(b) sqrt(b) < 0.95 on [1,4]", f"{TAU} < 0.95", "b in [1, 4]"),
    ("FALSE: p(0) > 0 on [0.01, 3]", f"{p('0')} > 0", "b in [0.01, 3]"),
    ("FALSE: 2-D x y e^(-x-y) < 0.135", "x*y*exp(-x-y) < 0.135", "x in [0, 3], y in [0, 3]"),
    ("FALSE: 3-D x y z e^(-x-y-z) < 0.0497", "x*y*z*exp(-x-y-z) < 0.0497", "x in [0, 3], y in [0, 3], z in [0, 3]"),
]

# -- shared front end: claim text -> (ast of F, strict), box --------------------------------------

FUNCS = ("sqrt", "exp", "log", "sin", "cos", "tan", "atan", "acos", "asin")
BINOPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
          ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}


def parse_claim(text):
    """F (an ast, constants replaced by exact Fractions of their source text) and strictness."""
    cmp = ast.parse(text, mode="eval").body
    if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1):
        raise ValueError("expected 'lhs OP rhs'")
    for node in ast.walk(cmp):
        if isinstance(node, ast.Constant):
            node.value = Fraction(ast.get_source_segment(text, node))
    lhs, op, rhs = cmp.left, cmp.ops[0], cmp.comparators[0]
    if isinstance(op, (ast.Gt, ast.GtE)):
        return ast.BinOp(lhs, ast.Sub(), rhs), isinstance(op, ast.Gt)
    if isinstance(op, (ast.Lt, ast.LtE)):
        return ast.BinOp(rhs, ast.Sub(), lhs), isinstance(op, ast.Lt)
    raise ValueError("unsupported comparison")


def parse_box(over):
    """'b in [1, 4], z in [0, 1]' -> names, [(Fraction lo, Fraction hi), ...]."""
    parts = re.findall(r"(\w+)\s+in\s+\[([^,\]]+),([^\]]+)\]", over)
    return [n for n, _, _ in parts], [(Fraction(lo.strip()), Fraction(hi.strip())) for _, lo, hi in parts]


def walk(node, env, B):
    """Evaluate a whitelisted ast with backend B (const, pi, power, funcs)."""
    if isinstance(node, ast.Constant):
        return B.const(node.value)
    if isinstance(node, ast.Name):
        return B.pi() if node.id == "pi" else env[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -walk(node.operand, env, B)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        e = node.right
        n = -e.operand.value if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.USub) else e.value
        if n.denominator != 1:
            raise ValueError("only integer powers")
        return B.power(walk(node.left, env, B), int(n))
    if isinstance(node, ast.BinOp) and type(node.op) in BINOPS:
        return BINOPS[type(node.op)](walk(node.left, env, B), walk(node.right, env, B))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCS \
            and len(node.args) == 1 and not node.keywords:
        return B.funcs[node.func.id](walk(node.args[0], env, B))
    raise ValueError(f"unsupported syntax: {ast.dump(node)[:40]}")


# -- peer 2: bare python-flint bisection ----------------------------------------------------------

class Arb:
    const = staticmethod(lambda q: fmpq(q.numerator, q.denominator))     # exact; folds exactly
    pi = staticmethod(arb.pi)
    funcs = {f: (lambda f: lambda v: getattr(arb(v), f)())(f) for f in FUNCS}

    @staticmethod
    def power(a, n):                      # repeated multiplication
        r = a
        for _ in range(abs(n) - 1):
            r = r * a
        return (r if n > 0 else 1 / r) if n else fmpq(1)


def bisect_arb(text, over):
    F, strict = parse_claim(text)
    names, box = parse_box(over)
    box = [(fmpq(lo.numerator, lo.denominator), fmpq(hi.numerator, hi.denominator)) for lo, hi in box]
    stack, cells, t0 = [box], 0, time.monotonic()
    while stack:
        cell = stack.pop()
        cells += 1
        if cells > CAP or time.monotonic() - t0 > MAX_SECONDS:
            return "UNDECIDED", cells
        v = arb(walk(F, {n: arb((lo + hi) / 2, (hi - lo) / 2) for n, (lo, hi) in zip(names, cell)}, Arb))
        if (v > 0) if strict else (v >= 0):
            continue
        mid = [(lo + hi) / 2 for lo, hi in cell]
        m = arb(walk(F, {n: arb(c) for n, c in zip(names, mid)}, Arb))
        if (m <= 0) if strict else (m < 0):
            return "REFUTED", cells
        k = max(range(len(cell)), key=lambda i: cell[i][1] - cell[i][0])
        lo, hi = cell[k]
        if hi - lo < fmpq(1, 10 ** 12):          # = MIN_WIDTH
            return "UNDECIDED", cells
        stack += [cell[:k] + [(lo, mid[k])] + cell[k + 1:], cell[:k] + [(mid[k], hi)] + cell[k + 1:]]
    return "PROVED", cells


# -- peer 3: codac (C++ intervals) ---------------------------------------------------------------

class Codac:
    @staticmethod
    def const(q):                          # outward-rounded enclosure of the exact rational
        if max(abs(q.numerator), q.denominator) > 2 ** 53:
            raise ValueError("constant too long for a double")
        return codac.Interval(q.numerator) / codac.Interval(q.denominator)

    pi = staticmethod(lambda: codac.Interval.pi())
    power = staticmethod(lambda a, n: codac.pow(a, n))
    funcs = {f: (lambda f: lambda v: getattr(codac, f)(v))(f) for f in FUNCS}


def bisect_codac(text, over):
    F, strict = parse_claim(text)
    names, box = parse_box(over)
    x = codac.VectorVar(len(names))
    f = codac.AnalyticFunction([x], walk(F, {n: x[i] for i, n in enumerate(names)}, Codac))
    box = [(Codac.const(lo).lb(), Codac.const(hi).ub()) for lo, hi in box]    # encloses the true box
    stack, cells, t0 = [box], 0, time.monotonic()
    while stack:
        cell = stack.pop()
        cells += 1
        if cells > CAP or time.monotonic() - t0 > MAX_SECONDS:
            return "UNDECIDED", cells
        y = f.eval(codac.EvalMode.DEFAULT, codac.IntervalVector([list(c) for c in cell]))
        if not y.is_empty() and ((y.lb() > 0) if strict else (y.lb() >= 0)):
            continue
        mid = [(lo + hi) / 2 for lo, hi in cell]
        ym = f.eval(codac.EvalMode.NATURAL, codac.IntervalVector([[c, c] for c in mid]))
        if not ym.is_empty() and ((ym.ub() <= 0) if strict else (ym.ub() < 0)):
            return "REFUTED", cells
        k = max(range(len(cell)), key=lambda i: cell[i][1] - cell[i][0])
        lo, hi = cell[k]
        if hi - lo < MIN_WIDTH:
            return "UNDECIDED", cells
        stack += [cell[:k] + [(lo, mid[k])] + cell[k + 1:], cell[:k] + [(mid[k], hi)] + cell[k + 1:]]
    return "PROVED", cells


# -- peer 1: certify ----------------------------------------------------------------------------

def run_certify(text, over):
    from certify.api import prove
    r = prove(text, over, max_cells=CAP, max_seconds=MAX_SECONDS)
    verdict = str(getattr(r.status, "name", r.status)).split(".")[-1]
    return verdict, r.cells, (f"UNDECIDED ({r.reason})" if verdict == "UNDECIDED" else None)


# -- driver ---------------------------------------------------------------------------------------

def timed(fn, text, over, reps):
    """(verdict, median seconds, cells, note, first-run seconds); verdict 'error' / 'n/a' on failure."""
    times, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        try:
            out = fn(text, over)
        except Exception as e:             # noqa: BLE001 -- a failing tool is a table entry
            tag = "n/a" if fn is bisect_codac else "error"
            return tag, None, None, f"{type(e).__name__}: {e}", None
        times.append(time.perf_counter() - t)
    return out[0], statistics.median(times), out[1], (out[2] if len(out) > 2 else None), times[0]


def cell_text(res):
    verdict, secs, cells = res[:3]
    if secs is None:
        return f"{verdict:>9s} {'':>7s} {'':>7s}"
    return f"{verdict:>9s} {secs:7.3f} {cells:7d}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one run per tool instead of median of 3")
    args = ap.parse_args()
    reps = 1 if args.quick else 3
    cversion = getattr(codac, "__version__", "?") if codac else "not installed"
    print(f"python {sys.version.split()[0]}, python-flint {flint.__version__}, codac {cversion}, "
          f"{os.cpu_count()} cores, arb prec {flint.ctx.prec}, runs per cell: {reps}")
    tools = [("certify", run_certify), ("bisection", bisect_arb), ("codac", bisect_codac)]
    if codac is None:
        tools[2] = ("codac", None)
    for _, fn in tools:                    # warm-up: imports and first-call caches are not timed
        if fn:
            timed(fn, "x*x + 1 > 0", "x in [-1, 1]", 1)
    head = " | ".join(f"{t:>9s} {'s':>7s} {'cells':>7s}" for t, _ in tools)
    print(f"\n{'claim':40s} | {head}")
    print("-" * (43 + 28 * len(tools)))
    rows, notes = [], []
    for name, text, over in CLAIMS:
        res = [timed(fn, text, over, reps) if fn else ("n/a", None, None, None, None) for _, fn in tools]
        rows.append(res)
        print(f"{name[:40]:40s} | " + " | ".join(cell_text(r) for r in res), flush=True)
        for (tool, _), r in zip(tools, res):
            if r[3]:
                notes.append(f"{name}: {tool}: {r[3][:110]}")
        decided = {r[0] for r in res if r[0] in ("PROVED", "REFUTED")}
        if len(decided) > 1:
            notes.append(f"{name}: DISAGREEMENT {[r[0] for r in res]}")
    print()
    for n in notes:
        print("note:", n)
    dec = ("PROVED", "REFUTED")
    print(f"\n{len(CLAIMS)} claims; decided:", ", ".join(
        f"{t} {sum(r[i][0] in dec for r in rows)}" for i, (t, _) in enumerate(tools)))
    for i, (t, _) in enumerate(tools[1:], 1):
        ratios = [r[0][1] / r[i][1] for r in rows if r[0][0] in dec and r[i][0] in dec and r[i][1] > 0]
        if ratios:
            print(f"certify/{t} time ratio on the {len(ratios)} claims both decide: "
                  f"median {statistics.median(ratios):.2f}, max {max(ratios):.2f}, min {min(ratios):.3f}")
        else:
            print(f"certify/{t}: no claim decided by both")
    if reps > 1:                           # sympy's cache makes certify's repeat runs faster
        cold = [r[0][4] / r[0][1] for r in rows if r[0][1]]
        print(f"certify first run / median of {reps}: median {statistics.median(cold):.2f}, "
              f"max {max(cold):.2f} (ratios above use the median)")


if __name__ == "__main__":
    main()
