"""Ball evaluation and uniform root isolation for the criterion checker (``criterion``).

``BallTerm(term, names)`` turns a checker term into a function of arb balls (one per name):
every operation is python-flint's, whose result ball contains the operation's value at every
point of the argument balls where it is defined.  So the ball of a term contains the term's
value at every point of the input balls *where every subterm is defined*; the caller proves
that definedness first with the decorated arithmetic (``defined_on``), never from a ball.

``isolate(g, dg, B, ...)`` splits t in [0, 1] (x = pi t) into pieces, each valid for every
parameter value in the ball B:
  POS / NEG   g > 0 / g < 0 on the piece (from g on the piece, or dg of one strict sign with
              g of the right strict sign at the piece's end);
  ROOT        dg of one strict sign on the piece and g of opposite strict signs at its two ends:
              exactly one zero inside, simple, a C^1 function of the parameter when g is C^1;
  CLUSTER     a piece of the minimal width where none of the above is proved (the sign of dg
              on it is kept, 0 when unknown).
``refine`` shrinks a ROOT piece at one parameter value by bisection on the sign of g.
"""
from __future__ import annotations

from flint import arb, fmpq

from . import arith as A
from . import terms as T
from .evaluate import values
from .terms import CheckError

POS, NEG, ROOT, CLUSTER = "pos", "neg", "root", "cluster"

_UNARY = {"exp": arb.exp, "log": arb.log, "sqrt": arb.sqrt, "sin": arb.sin, "cos": arb.cos,
          "tan": arb.tan, "asin": arb.asin, "acos": arb.acos, "atan": arb.atan, "sinh": arb.sinh,
          "cosh": arb.cosh, "tanh": arb.tanh, "asinh": arb.asinh, "acosh": arb.acosh,
          "atanh": arb.atanh, "abs": abs, "sinc": arb.sinc, "neg": lambda v: -v}


_BINARY = {"pow": lambda u, v: u ** v, "min": lambda u, v: u.min(v), "max": lambda u, v: u.max(v)}


_INFIX = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


def _step(t, k, a, names, consts, funcs):
    """The statement computing node k (arguments at positions a) from fixed templates and
    integer positions only; a constant's ball goes to ``consts``, a function to ``funcs``."""
    op = t.op
    if op == "var":
        if t.data not in names:
            raise CheckError(f"unknown variable {t.data}")
        return f"v{k} = x[{names.index(t.data)}]"
    if op in ("num", "pi", "e"):        # a ball containing the constant, made once
        consts[k] = arb(t.data) if op == "num" else arb.pi() if op == "pi" else arb(1).exp()
        return f"v{k} = C[{k}]"
    if op in _INFIX:
        return f"v{k} = v{a[0]} {_INFIX[op]} v{a[1]}"
    if op == "pown":
        return f"v{k} = v{a[0]} ** {int(t.data)}"
    if op == "rpow":
        p, q = t.data
        funcs[k] = lambda u, p=p, q=q: u.root(q) ** p
    elif op in _UNARY:
        funcs[k] = _UNARY[op]
    elif op in _BINARY:
        funcs[k] = _BINARY[op]
    else:
        raise CheckError(f"no ball rule for {op}")
    return f"v{k} = F[{k}]({', '.join(f'v{j}' for j in a)})"


class BallTerm:
    """A term as a function of arb balls (one per name, positionally): ``f(*balls)`` is the
    term's ball; ``f.sign(*balls)`` is +1 / -1 when the term is proved positive / negative
    there (0: not proved), from the balls and, where a ball straddles 0, from the signs of the
    arguments (a product's sign is the product of its factors' signs, exp is positive, ...):
    a ball of exp(u) h with u of wide range loses the sign of h, the factors keep it."""

    def __init__(self, term, names):
        order = T.postorder([term])
        index = {id(t): k for k, t in enumerate(order)}
        self.ops = [(t.op, [index[id(a)] for a in t.args], t.data) for t in order]
        # one straight-line function, the same python-flint operation per node as an
        # interpreter would call (no text of the term is part of the code)
        consts, funcs, lines = {}, {}, ["def make(C, F):", " def run(x):"]
        for k, (t, (_, a, _)) in enumerate(zip(order, self.ops)):
            lines.append("  " + _step(t, k, a, tuple(names), consts, funcs))
        lines += [f"  return [{', '.join(f'v{k}' for k in range(len(order)))}]", " return run"]
        namespace: dict = {}
        exec(compile("\n".join(lines), "<ballterm>", "exec"), namespace)    # noqa: S102
        self.values = namespace["make"](consts, funcs)

    def __call__(self, *args):
        return self.values(args)[-1]

    def sign(self, *args, vals=None):
        vals = vals or self.values(args)
        return _sign(vals, self.ops, len(vals) - 1)


def _sign(vals, ops, k):
    v = vals[k]
    if v > 0:
        return 1
    if v < 0:
        return -1
    op, a, data = ops[k]
    if op == "exp" or op == "cosh":
        return 1
    if op in ("mul", "div"):
        s = _sign(vals, ops, a[0])
        return s * _sign(vals, ops, a[1]) if s else 0
    if op == "neg":
        return -_sign(vals, ops, a[0])
    if op == "pown":
        s = _sign(vals, ops, a[0])
        return (1 if s else 0) if data % 2 == 0 else s
    if op in ("add", "sub"):
        s = _sign(vals, ops, a[0])
        t = _sign(vals, ops, a[1]) * (1 if op == "add" else -1)
        return s if s and s == t else 0
    if op in ("sqrt", "rpow"):
        return 1 if _sign(vals, ops, a[0]) > 0 else 0
    return 0


def meet(u, v):
    """The intersection of two enclosures of the same values (the finite one if one is not)."""
    if u.is_finite() and v.is_finite() and u.overlaps(v):
        return u.intersection(v)
    return v if v.is_finite() else u


class MV:
    """g on (X, B) as its ball met with its mean-value form in the parameter about the
    rational m of the cell, g(X, m) + dg(X, B) (B - m), dg = d_p g: sound where dg is proved
    defined and continuous on the cell (it is then the derivative).  ``sign`` as
    ``BallTerm.sign``, the form tried last.  m None: the ball only."""

    def __init__(self, g, dg, m):
        self.g, self.dg, self.m = g, dg, None if m is None else arb(m)

    def _both(self, X, B, v):
        if self.m is None:
            return v
        return meet(v, self.g(X, self.m) + self.dg(X, B) * (B - self.m))

    def __call__(self, X, B):
        return self._both(X, B, self.g(X, B))

    def sign(self, X, B):
        vals = self.g.values((X, B))
        s = self.g.sign(vals=vals)
        if s or self.m is None:
            return s
        w = self._both(X, B, vals[-1])
        return 1 if w > 0 else -1 if w < 0 else 0


def _flat(t):
    """(rational coefficient, factor terms) of a mul / neg chain."""
    if t.op == "num":
        return t.data, []
    if t.op == "neg":
        c, fs = _flat(t.args[0])
        return -c, fs
    if t.op == "mul":
        (c1, f1), (c2, f2) = _flat(t.args[0]), _flat(t.args[1])
        return c1 * c2, f1 + f2
    return fmpq(1), [t]


def _product(c, fs):
    out = None
    for f in fs:
        out = f if out is None else T.binary("mul", out, f)
    if out is None:
        return T.num(c)
    return out if c == 1 else T.neg(out) if c == -1 else T.binary("mul", T.num(c), out)


def collect(term):
    """The term with each sum's common factors pulled out (a c + b c -> c (a + b), by
    identity of interned subterms).  A ring identity on the same subterms, so the result is
    defined exactly where the term is and equal to it there; it keeps a factor of wide
    dynamic range (exp(beta (cos x - 1)) for beta in [180, 220]) out of the cancellation."""
    memo: dict = {}
    for t in T.postorder([term]):
        args = [memo[id(a)] for a in t.args]
        if t.op in ("add", "sub"):
            (ca, fa), (cb, fb) = _flat(args[0]), _flat(args[1])
            common, rest_b = [], list(fb)
            for f in fa:
                if any(g is f for g in rest_b):
                    common.append(f)
                    rest_b.remove(f)
            if common:
                rest_a = list(fa)
                for f in common:
                    rest_a.remove(f)
                inner = T.binary(t.op, _product(ca, rest_a), _product(cb, rest_b))
                memo[id(t)] = T.binary("mul", _product(fmpq(1), common), inner)
                continue
        memo[id(t)] = T.rebuild(t, args) if t.args else t
    return memo[id(term)]


def tball(a, b) -> arb:
    """A ball containing the rationals between a and b."""
    return arb(fmpq(a)).union(arb(fmpq(b)))


def xball(a, b) -> arb:
    """A ball containing pi [a, b]."""
    return arb.pi() * (arb(fmpq(a)) if a == b else tball(a, b))


def defined_on(terms, names, cell, t_lo, t_hi, min_width=fmpq(1, 1 << 12), budget=4000):
    """True when every term is proved defined and continuous (decoration >= dac) on
    pi [t_lo, t_hi] x cell (cell: the parameter's Iv, or a tuple of them for a box),
    bisecting t; False otherwise."""
    pi = A.constant("pi")
    stack, pieces = [(fmpq(t_lo), fmpq(t_hi))], 0
    while stack:
        a, b = stack.pop()
        X = A.apply("mul", (pi, A.cell(a, b)))[0]
        got = values(terms, dict(zip(names, (X, *cell) if isinstance(cell, tuple) else (X, cell))))
        if all(dec >= A.DAC for _, dec in got):
            continue
        pieces += 1
        if b - a <= min_width or pieces > budget:
            return False
        m = (a + b) / 2
        stack += [(m, b), (a, m)]
    return True


def isolate(g, dg, B, min_width=fmpq(1, 1 << 10), budget=300):
    """Pieces (a, b, kind, slope) covering [0, 1] in order (module docstring); dg None: no
    ROOT pieces.  None when the budget of pieces runs out."""
    pi = arb.pi()
    at: dict = {}

    def end(t):
        v = at.get(t)
        if v is None:
            v = at[t] = g.sign(pi * arb(t), B)
        return v

    out, stack, n = [], [(fmpq(0), fmpq(1))], 0
    while stack:
        a, b = stack.pop()
        n += 1
        if n > budget:
            return None
        X = pi * tball(a, b)
        v = g.sign(X, B)
        if v:
            out.append((a, b, POS if v > 0 else NEG, 0))
            continue
        s = 0
        if dg is not None:
            s = dg.sign(X, B)
            if s:
                ga, gb = end(a), end(b)
                lo_end, hi_end = (ga, gb) if s > 0 else (gb, ga)   # g is smallest at lo_end
                if lo_end > 0 or hi_end < 0:
                    out.append((a, b, POS if lo_end > 0 else NEG, 0))
                    continue
                if lo_end < 0 and hi_end > 0:
                    out.append((a, b, ROOT, s))
                    continue
        if b - a <= min_width:
            out.append((a, b, CLUSTER, s))
            continue
        m = (a + b) / 2
        stack += [(m, b), (a, m)]
    return _merge(out, g, dg, B, end) if dg is not None else out


def _merge(pieces, g, dg, B, end):
    """Each maximal run of adjacent non-sign pieces (a root moving with the parameter spans
    several) made one ROOT piece when the ROOT test holds on their union: dg of one strict
    sign on every piece of the run (or on the union) and g of opposite signs at its ends."""
    out, k, pi = [], 0, arb.pi()
    while k < len(pieces):
        j = k
        while j < len(pieces) and pieces[j][2] in (ROOT, CLUSTER):
            j += 1
        if j - k < 2:
            out.append(pieces[k])
            k += 1
            continue
        a, b = pieces[k][0], pieces[j - 1][1]
        slopes = {p[3] for p in pieces[k:j]}       # dg's sign on each piece (0: unknown)
        s = slopes.pop() if len(slopes) == 1 else 0
        s = s or dg.sign(pi * tball(a, b), B)
        ga, gb = end(a), end(b)
        if s and (ga < 0 if s > 0 else ga > 0) and (gb > 0 if s > 0 else gb < 0):
            out.append((a, b, ROOT, s))
        else:
            out += pieces[k:j]
        k = j
    return [q for p in out for q in (_shrink(p, end) if p[2] == ROOT else (p,))]


def _shrink(piece, end, steps=10):
    """A ROOT piece cut to a tighter box by bisecting each end while g keeps that end's strict
    sign over the whole parameter ball; g is monotone on the piece, so the cut-off parts have
    that sign: (sign piece, ROOT, sign piece)."""
    a, b, _, s = piece
    first, last = (NEG, POS) if s > 0 else (POS, NEG)
    ends = []
    for good, bad, want in ((a, b, first), (b, a, last)):
        for _ in range(steps):
            m = (good + bad) / 2
            v = end(m)
            if v == (-1 if want == NEG else 1):
                good = m
            else:
                bad = m
        ends.append(good)
    a2, b2 = ends
    out = [(a, a2, first, 0)] if a2 > a else []
    out.append((a2, b2, ROOT, s))
    return out + ([(b2, b, last, 0)] if b2 < b else [])


def refine(g, piece, B0, steps=48):
    """A ROOT piece shrunk at the parameter ball B0 (a point): (a, b) with g of the sign of
    g at the piece's left / right end at a / b, so the piece's unique zero stays in
    (pi a, pi b).  Where g's sign at the midpoint is not proved (the zero sits there), the
    ends close in on it from both sides."""
    a, b, _, s = piece
    pi = arb.pi()
    for _ in range(steps):
        m = (a + b) / 2
        v = g.sign(pi * arb(m), B0)
        if v:
            a, b = (a, m) if v == s else (m, b)
            continue
        w = (b - a) / 8
        near = (g.sign(pi * arb(m - w), B0), g.sign(pi * arb(m + w), B0))
        if near[0] != -s and near[1] != s:
            break
        a, b = (m - w if near[0] == -s else a), (m + w if near[1] == s else b)
    return a, b
