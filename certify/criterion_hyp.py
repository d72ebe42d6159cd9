"""The hypotheses of the theorems behind the criterion, each decided and reported with the
theorem named (``certify criterion``; the checker re-derives every one it is told holds).

Statuses: CERTIFIED (an identity sympy reduces to 0, or inequalities decided by enclosures on
every cell of the range), FAILS (an exact witness: arb proves the identity false at a rational
point), NOT_CERTIFIED (tried, not proved: the cells are listed), NOT_CHECKED (no decision
procedure for it here).  The hypotheses (the paper, Sections 2-4):

``periodic``  Theorem 2.1: f is a function on the circle T = R / 2 pi Z: f(x + 2 pi) = f(x) for
              all x (an f not proved periodic is bad input).
``smooth``    Theorem 2.1 (tau, f''' and the integrations by parts of Section 3): f, f', f'',
              f''' defined and continuous on [-pi, pi] x cell, for every cell of the range.
``odd``       Theorem 2.3 (f = sin(x) h(cos(x)) is odd); Theorem 2.1 and Corollary 3.3 do not
              assume it -- for an f not proved odd, tau and I are taken over both halves.
``sin_h_cos`` Theorem 2.3: f = sin(x) h(cos(x)) with h real-analytic on an open set containing
              [-1, 1], for each parameter point.  Equivalent to: f odd, 2 pi-periodic and
              real-analytic on R.  (=> is clear.  <=: g = f / sin is analytic, since f vanishes
              at 0 and pi (odd and periodic) where sin has simple zeros; g is even and 2 pi-
              periodic, so g(x) = sum a_n cos(n x) with a_n = O(e^{-delta n}) (g extends to a
              strip), and h(c) = sum a_n T_n(c) converges on a Bernstein ellipse around [-1, 1],
              with h(cos x) = g(x).)  f is real-analytic on [-pi, pi] (hence on R) when it is
              defined and continuous there and every operation is analytic at its argument:
              exp, log, sin, cos, tan, atan, sinh, cosh, tanh, asinh, atanh, sinc, + - * /,
              integer and real powers are analytic wherever they are defined; sqrt and rational
              powers need their argument != 0, abs its argument != 0, min / max their arguments
              different, asin / acos the argument != +-1, acosh != 1 -- each such quantity is
              proved nonzero on [-pi, pi] x cell by enclosures.
``tau_max``   Corollary 3.3 with M (not for M = 2 pi, which is Theorem 2.1): tau_max(x) < M for
              every stable, stationary, non-synchronized point x of (S1).  M >= 2 pi (and
              "none", M = oo, where R_none <= R_2pi): every gap of a non-synchronized
              configuration is < 2 pi.  pi <= M < 2 pi: proved from f odd, f > 0 on (0, pi) and
              f'(pi) < 0 (the lemma below), per cell.  M < pi: NOT_CHECKED.

Lemma (tau_max < pi).  Let f be odd and 2 pi-periodic with f > 0 on (0, pi) and f'(pi) < 0.
Then every stationary (C1), cut-stable (C2) -- in particular every stable -- non-synchronized
x has tau_max(x) < pi.  Proof: if a gap is >= pi, all particles lie in a closed arc of length
L <= pi; let i0 be the particle at its start and d_j = x_j - x_i0 in [0, L].  (C1) at i0 is
0 = sum_j f(-d_j) = -sum_j f(d_j); every f(d_j) >= 0 (f(0) = f(pi) = 0 by oddness and
periodicity), so every d_j is 0 or pi: two antipodal clusters (K >= 2).  (C2) for S = the
cluster at x_i0 reads |S| |S^c| f'(pi) >= 0, false.  On a cell: f' > 0 on the first piece
[0, a pi] of f''s root isolation and f' < 0 on its last negative run [b pi, pi] give f > 0 on
(0, a pi] and [b pi, pi) (f(0) = f(pi) = 0) and f'(pi) < 0; f > 0 on [a pi, b pi] is decided by
enclosures, bisecting x.  (For f_beta this is the paper's Lemma C.4, cited there.)
"""
from __future__ import annotations

from fractions import Fraction

from flint import arb, ctx

from .criterion_m import position
from .expr import nodes as N
from .roots import NEG, POS, Fn, qarb, tball

CERTIFIED, FAILS, NOT_CERTIFIED, NOT_CHECKED = "CERTIFIED", "FAILS", "NOT_CERTIFIED", "NOT_CHECKED"
POSITIVE_MIN_WIDTH = Fraction(1, 1 << 16)
POSITIVE_BUDGET = 2000
_WITNESSES = (Fraction(1), Fraction(1, 2), Fraction(2), Fraction(1, 3))


def kinks(tree) -> list:
    """The quantities that must be nonzero for f to be analytic where it is defined (module
    docstring): one tree per non-analytic point of an operation."""
    out = []
    for n in N.postorder([tree]):
        if n.op in ("sqrt", "rpow", "abs"):
            out.append(n.args[0])
        elif n.op in ("min", "max"):
            out.append(N.sub(n.args[0], n.args[1]))
        elif n.op in ("asin", "acos"):
            out += [N.sub(n.args[0], N.num(1)), N.add(n.args[0], N.num(1))]
        elif n.op == "acosh":
            out.append(N.sub(n.args[0], N.num(1)))
    return out


def _entry(hid, theorem, statement, status, how, cells=None):
    d = {"id": hid, "theorem": theorem, "statement": statement, "status": status, "how": how}
    if cells is not None:
        d["not_certified_on"] = cells
    return d


def _odd_witness(crit, corner):
    """A rational x where arb proves f(x) + f(-x) != 0 at the parameter point ``corner`` (a
    Fraction, a tuple for a box, None without parameters), as text, or None."""
    from .criterion_decimal import qstr
    P = tuple(qarb(a) for a, _ in crit.box(corner, corner)) if crit.params else ()
    for t in _WITNESSES:
        v = crit.fn(qarb(t), P) + crit.fn(-qarb(t), P)
        if v.is_finite() and not v.contains(0):
            return qstr(t)
    return None


class Hypotheses:
    """The hypotheses for one ``Criterion`` and M key, decided on the leaves of its result."""

    def __init__(self, crit, key: str):
        self.crit, self.key = crit, key
        self._kinks = [Fn(q, crit.x, crit.params) for q in kinks(crit.f)]

    # -- per cell ----------------------------------------------------------------------------------
    def _nonzero(self, fn, P, t_lo, t_hi, want=0) -> bool:
        """fn != 0 (want 0) or fn > 0 (want 1) on pi [t_lo, t_hi] x P, bisecting t."""
        stack, pieces = [(Fraction(t_lo), Fraction(t_hi))], 0
        while stack:
            a, b = stack.pop()
            s = fn.sign(arb.pi() * tball(a, b), P)
            if s != 0 and (want == 0 or s == want):
                continue
            pieces += 1
            if b - a <= POSITIVE_MIN_WIDTH or pieces > POSITIVE_BUDGET:
                return False
            m = (a + b) / 2
            stack += [(m, b), (a, m)]
        return True

    def analytic(self, cell) -> bool:
        """f is real-analytic in x on [-pi, pi] for every parameter point of the cell."""
        if cell.method in ("undefined", "budget"):
            return False
        P = self.crit._P(cell.lo, cell.hi)
        return all(self._nonzero(k, P, -1, 1) for k in self._kinks)

    def gap_below_pi(self, cell) -> bool:
        """The lemma's f > 0 on (0, pi) and f'(pi) < 0 on the cell (module docstring)."""
        if cell.method in ("undefined", "budget") or not cell.isolations:
            return False
        ps = cell.isolations[0].pieces
        k = len(ps)
        while k > 0 and ps[k - 1].kind == NEG:
            k -= 1
        if k == len(ps) or k == 0 or ps[0].kind != POS or ps[0].lo != 0:
            return False
        a, b = ps[0].hi, ps[k].lo
        P = self.crit._P(cell.lo, cell.hi)
        return a >= b or self._nonzero(self.crit.fn, P, a, b, want=1)

    # -- the list ----------------------------------------------------------------------------------
    def decide(self, leaves) -> list:
        """The hypotheses' entries (JSON-ready dicts) for the leaves of a result."""
        from .criterion_decimal import qstr
        crit, key = self.crit, self.key
        old = ctx.prec
        ctx.prec = crit.prec

        def failing(test):
            return [[qstr(c.lo), qstr(c.hi)] for c in leaves if not test(c)]
        try:
            out = [_entry("periodic", "Theorem 2.1", "f(x + 2 pi) = f(x) for all x (f is a function on the circle)",
                          CERTIFIED, "sympy: simplify(f(x + 2*pi) - f(x)) == 0")]
            bad = failing(lambda c: c.method not in ("undefined", "budget"))
            out.append(_entry("smooth", "Theorem 2.1", "f, f', f'', f''' defined and continuous on [-pi, pi] "
                              "for every parameter point", CERTIFIED if not bad else NOT_CERTIFIED,
                              "decorated interval evaluation (>= dac), bisecting x, per cell", bad))
            odd = self._odd(leaves[0].lo if leaves else None)
            out.append(odd)
            if odd["status"] == CERTIFIED:
                bad = failing(self.analytic)
                out.append(_entry("sin_h_cos", "Theorem 2.3", "f = sin(x) h(cos(x)) with h real-analytic on an "
                                  "open set containing [-1, 1]", CERTIFIED if not bad else NOT_CERTIFIED,
                                  "f odd, 2 pi-periodic and real-analytic on [-pi, pi] (every non-analytic "
                                  "point of an operation excluded by enclosures), per cell", bad))
            else:
                out.append(_entry("sin_h_cos", "Theorem 2.3", "f = sin(x) h(cos(x)) with h real-analytic on an "
                                  "open set containing [-1, 1]", odd["status"], "needs f odd"))
            if key != "2pi":
                out.append(self._tau_max(leaves, odd["status"] == CERTIFIED, failing))
        finally:
            ctx.prec = old
        return out

    def _odd(self, corner):
        from .criterion_decimal import qstr
        crit = self.crit
        head = ("odd", "Theorem 2.3 (not assumed by Theorem 2.1 or Corollary 3.3)", "f(-x) = -f(x) for all x")
        if crit.odd:
            return _entry(*head, CERTIFIED, "sympy: simplify(f(-x) + f(x)) == 0")
        w = _odd_witness(crit, corner)
        if w is not None:
            at = "" if corner is None else f" at the parameter point {qstr(corner)}"
            return _entry(*head, FAILS, f"arb: f({w}) + f(-{w}) != 0{at}; tau and I "
                          "are taken over [-pi, 0] and [0, pi]")
        return _entry(*head, NOT_CERTIFIED, "sympy did not reduce f(-x) + f(x) to 0; tau and I are taken over "
                      "[-pi, 0] and [0, pi]")

    def _tau_max(self, leaves, odd, failing):
        key = self.key
        theorem = "Corollary 3.3" if key != "none" else "Theorem 2.1 (R_none <= R_2pi)"
        statement = f"tau_max(x) < M = {'oo' if key == 'none' else key} for every stable, stationary, " \
                    "non-synchronized point x of (S1)"
        where = position(key)
        if where == "ge_2pi":
            return _entry("tau_max", theorem, statement, CERTIFIED,
                          "M >= 2 pi: every gap of a non-synchronized configuration is < 2 pi")
        if where != "ge_pi":
            return _entry("tau_max", theorem, statement, NOT_CHECKED,
                          "no sufficient condition is implemented for M < pi" if where == "lt_pi"
                          else "M could not be compared with pi and 2 pi")
        if not odd:
            return _entry("tau_max", theorem, statement, NOT_CHECKED, "the sufficient condition needs f odd")
        bad = failing(self.gap_below_pi)
        return _entry("tau_max", theorem, statement, CERTIFIED if not bad else NOT_CERTIFIED,
                      "tau_max < pi <= M from f odd, f > 0 on (0, pi) and f'(pi) < 0 (stationarity at the "
                      "end of a half-circle, cut-stability of two antipodal clusters), per cell", bad)


def hypotheses(crit, key: str, leaves) -> list:
    """The hypotheses' entries for a criterion result's leaves (module docstring)."""
    return Hypotheses(crit, key).decide(leaves)


def applies(entries, key: str) -> str:
    """One line: what R > 1 (HOLDS) on a cell gives with these hypotheses, with the theorem."""
    st = {e["id"]: e["status"] for e in entries}
    if key == "2pi" or st.get("tau_max") == CERTIFIED:
        base = "Theorem 2.1" if key in ("2pi", "none") else f"Corollary 3.3 with M = {key}"
        out = f"where R > 1 (HOLDS), {base} applies: every stable stationary point of (S1) is synchronized"
        if st.get("sin_h_cos") == CERTIFIED:
            more = "Theorem 2.3" if key in ("2pi", "none") else "Theorem 6.2 (Theorem 2.3 with M)"
            out += f"; with {more}, global synchronization in (S1) and (S2)"
        return out
    return (f"Corollary 3.3 with M = {key} needs tau_max < M, which is {st.get('tau_max', NOT_CHECKED)}: "
            "R > 1 alone is not a synchronization result")
