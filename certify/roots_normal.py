"""The +, -, * skeleton of a function normalized for sign decisions (``certify.roots``), and the
test for trees defined and continuous everywhere."""
from __future__ import annotations


from flint import arb, fmpq

from .expr import nodes as N
from .expr.text import to_text


# -- a compiled function with its partial derivatives ------------------------------------------

# operations defined and continuous on all of R (or R^2): a tree made of these alone is defined
# and continuous on every box, so its decoration needs no evaluation
TOTAL_OPS = frozenset({"num", "pi", "e", "var", "neg", "add", "sub", "mul", "exp", "sin", "cos",
                       "atan", "sinh", "cosh", "tanh", "asinh", "abs", "sinc", "min", "max"})
NAN = arb.nan()


def is_total(tree: N.Node) -> bool:
    """True when every operation of the tree is defined and continuous everywhere (integer
    powers with a nonnegative exponent included)."""
    return all(n.op in TOTAL_OPS or (n.op == "pown" and n.data >= 0) for n in N.postorder([tree]))


def _product(node: N.Node):
    """(exact rational coefficient, list of factor nodes) of the tree's mul / neg chain."""
    coef, facs, stack = fmpq(1), [], [node]
    while stack:
        n = stack.pop()
        if n.op == "mul":
            stack.append(n.args[1])
            stack.append(n.args[0])
        elif n.op == "neg":
            coef = -coef
            stack.append(n.args[0])
        elif n.op == "num":
            coef *= n.data
        else:
            facs.append(n)
    return coef, facs


class _Normalizer:
    """Polynomial normal form of the +, -, * skeleton of a tree over its *atoms* (every other
    node, kept as the very same node: sin(x), exp(...), x, a quotient, ...).  Like terms are
    merged (t + t -> 2 t, sin(x)*b*sin(x) -> b*sin(x)**2) and the monomial common to every term
    of a sum is pulled out (a c + b c -> c (a + b), what sympy's ``factor_terms`` did for the
    old derivatives); a product with a sum factor is not expanded (the nested form encloses
    better)."""

    def __init__(self):
        self._key: dict = {}
        self._terms: dict = {}

    def key(self, n: N.Node) -> str:
        k = self._key.get(id(n))
        if k is None:
            k = self._key[id(n)] = to_text(n)
        return k

    # a monomial: tuple of (key, node, exponent) sorted by key; terms: {mono id: (coef, mono)}
    @staticmethod
    def _mono_id(mono):
        return tuple((k, e) for k, _, e in mono)

    @staticmethod
    def _mono_mul(a, b):
        acc = {}
        for k, n, e in a + b:
            acc[k] = (n, acc.get(k, (n, 0))[1] + e)
        return tuple(sorted((k, n, e) for k, (n, e) in acc.items()))

    def terms(self, n: N.Node) -> dict:
        hit = self._terms.get(id(n))
        if hit is None:
            hit = self._terms[id(n)] = self._build_terms(n)
        return hit

    def _build_terms(self, n: N.Node) -> dict:
        op = n.op
        if op == "num":
            return {(): (n.data, ())}
        if op == "neg":
            return {k: (-c, m) for k, (c, m) in self.terms(n.args[0]).items()}
        if op in ("add", "sub"):
            out = dict(self.terms(n.args[0]))
            s = 1 if op == "add" else -1
            for k, (c, m) in self.terms(n.args[1]).items():
                c0 = out[k][0] if k in out else fmpq(0)
                out[k] = (c0 + s * c, m)
            return out
        if op == "mul":
            ta, tb = self.terms(n.args[0]), self.terms(n.args[1])
            for t, other in ((ta, tb), (tb, ta)):        # a number times a sum: distribute
                if len(t) == 1 and () in t and len(other) > 1:
                    q = t[()][0]
                    return {k: (q * c, m) for k, (c, m) in other.items()}
            ca, ma = self.monomial(ta)
            cb, mb = self.monomial(tb)
            m = self._mono_mul(ma, mb)
            return {self._mono_id(m): (ca * cb, m)}
        if op == "pown" and n.data >= 1:
            c, m = self.monomial(self.terms(n.args[0]))
            m = tuple((k, f, e * n.data) for k, f, e in m)
            return {self._mono_id(m): (c ** n.data, m)}
        m = ((self.key(n), n, 1),)
        return {self._mono_id(m): (fmpq(1), m)}

    def monomial(self, terms: dict):
        """(coef, monomial) of a sum: itself if it has one term, else its common monomial times
        the rest of the sum as one factor."""
        live = self._live(terms)
        if not live:
            return fmpq(0), ()
        if len(live) == 1:
            return live[0]
        common, rest = self._factorize(live)
        if len(rest) == 1:
            c, m = rest[0]
            return c, self._mono_mul(common, m)
        node = self._sum_node(rest)
        return fmpq(1), self._mono_mul(common, ((self.key(node), node, 1),))

    def _factorize(self, live):
        """(common monomial, rest): the terms are common * rest; a rest term that is a number
        times a sum is flattened into it (2 - (-1 - u) -> 3 + u) and the split is repeated."""
        common = ()
        while True:
            c, rest = self._split(live)
            common = self._mono_mul(common, c)
            acc: dict = {}
            changed = False
            for q, m in rest:
                if len(m) == 1 and m[0][2] == 1 and m[0][1].op in ("add", "sub", "neg"):
                    changed = True
                    parts = [(q * q2, m2) for q2, m2 in self.terms(m[0][1]).values()]
                else:
                    parts = [(q, m)]
                for q2, m2 in parts:
                    k = self._mono_id(m2)
                    acc[k] = ((acc[k][0] if k in acc else fmpq(0)) + q2, m2)
            live = self._live(acc)
            if not changed or len(live) <= 1:
                return common, live if live else [(fmpq(0), ())]

    def _live(self, terms: dict) -> list:
        """The terms, without those whose coefficient cancelled to 0 and whose factors are all
        defined everywhere (a cancelled term with a partial factor is kept, as 0 * term, so
        that the result keeps that factor's domain)."""
        return [(c, m) for c, m in terms.values() if c != 0 or not all(is_total(f) for _, f, _ in m)]

    def _split(self, live):
        """(the monomial common to all terms, the terms divided by it)."""
        if not live:
            return (), []
        common = {k: (f, e) for k, f, e in live[0][1]}
        for _, m in live[1:]:
            here = {k: e for k, _, e in m}
            common = {k: (f, min(e, here[k])) for k, (f, e) in common.items() if k in here}
        cmono = tuple(sorted((k, f, e) for k, (f, e) in common.items()))
        rest = []
        for c, m in live:
            left = tuple((k, f, e - common[k][1]) if k in common else (k, f, e) for k, f, e in m)
            rest.append((c, tuple(t for t in left if t[2] > 0)))
        return cmono, rest

    @staticmethod
    def _mono_node(mono) -> N.Node:
        out = None
        for _, f, e in mono:
            t = f if e == 1 else N.pown(f, e)
            out = t if out is None else N.mul(out, t)
        return N.num(1) if out is None else out

    def _sum_node(self, live) -> N.Node:
        """The sum of (coef, monomial) terms, in a canonical order (no common monomial)."""
        if not live:
            return N.num(0)
        live = sorted(live, key=lambda t: self._mono_id(t[1]))
        out = None
        for c, m in live:
            body = self._mono_node(m)
            mag = abs(c)
            if not m:
                term = N.num(mag)
            elif mag == 1:
                term = body
            else:
                term = N.mul(N.num(mag), body)
            if out is None:
                out = term if c >= 0 else N.neg(term)
            else:
                out = N.add(out, term) if c >= 0 else N.sub(out, term)
        return out

    def node(self, terms: dict) -> N.Node:
        live = self._live(terms)
        if not live:
            return N.num(0)
        if len(live) == 1:
            return self._sum_node(live)
        common, rest = self._factorize(live)
        body = self._sum_node(rest)
        return body if not common else N.mul(self._mono_node(common), body)


_SKELETON = ("num", "neg", "add", "sub", "mul", "pown")


def normalize(tree: N.Node) -> N.Node:
    """The tree with its +, -, * skeleton in normal form (``_Normalizer``): like terms merged,
    common monomials pulled out of sums, atoms (every other node) untouched.

    Sound for definedness: an atom (where every partial operation lives) is kept as the same
    node, and a term is only dropped when its coefficient cancelled to exactly 0 and all its
    factors are defined everywhere; the rest is ring identities (+, -, * are total).  So the
    result is defined exactly where the input is, and equal to it there.  For derivatives this
    gives products exp(...) * (...), whose sign is decided factor by factor (``Fn.sign``)."""
    if tree.op not in _SKELETON or (tree.op == "pown" and tree.data < 1):
        return tree
    nz = _Normalizer()
    return nz.node(nz.terms(tree))

