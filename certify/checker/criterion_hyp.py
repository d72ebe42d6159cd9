"""The checker's replay of a criterion file's ``hypotheses`` (``certify criterion --json``):
every hypothesis recorded CERTIFIED is re-derived here on every recorded leaf, from the f text
alone; other statuses claim nothing and are not replayed.

- ``periodic``, ``odd``: f(x + 2 pi) = f(x) and f(-x) = -f(x), proved by sympy when the
  checker reads f (``criterion_cells._Criterion``; a file whose f is not both is refused);
- ``smooth`` (Theorem 2.1): f, ..., f''' defined and continuous on [-pi, pi] x cell
  (decorated arithmetic), every leaf;
- ``sin_h_cos`` (Theorem 2.3): f odd, periodic and real-analytic on [-pi, pi] for every
  parameter of every leaf: each non-analytic point of an operation (sqrt / rational power /
  abs at 0, min / max where the arguments meet, asin / acos at +-1, acosh at 1) is excluded by
  a ball of the quantity that excludes 0, bisecting x (every other operation is analytic
  wherever it is defined, and f is proved defined there);
- ``tau_max`` (Corollary 3.3): M >= 2 pi ("none", "2pi"), or pi <= M < 2 pi decided by balls
  and, on every leaf, f > 0 on (0, pi) and f'(pi) < 0: f' > 0 on the first piece [0, a pi] of
  the checker's own isolation of f', f' < 0 on its last negative run [b pi, pi] and f > 0 on
  [a pi, b pi] by balls (the lemma in ``certify.criterion_hyp``: then tau_max < pi).

A CERTIFIED entry must list no cell in ``not_certified_on``; each entry's theorem is the one
the id belongs to.  Trusted: as for ``criterion``.
"""
from __future__ import annotations

from flint import arb, fmpq

from . import terms as T
from .criterion_m import inverse
from .criterion_roots import NEG, POS, xball
from .terms import CheckError

THEOREMS = {"periodic": "Theorem 2.1", "smooth": "Theorem 2.1", "odd": "Theorem 2.3",
            "sin_h_cos": "Theorem 2.3", "tau_max": "Corollary 3.3"}
MIN_WIDTH = fmpq(1, 1 << 16)
BUDGET = 2000


def _kinks(f) -> list:
    out = []
    for t in T.postorder([f]):
        if t.op in ("sqrt", "rpow", "abs"):
            out.append(t.args[0])
        elif t.op in ("min", "max"):
            out.append(T.binary("sub", t.args[0], t.args[1]))
        elif t.op in ("asin", "acos"):
            out += [T.binary("sub", t.args[0], T.num(1)), T.binary("add", t.args[0], T.num(1))]
        elif t.op == "acosh":
            out.append(T.binary("sub", t.args[0], T.num(1)))
    return out


def _sign_on(g, B, t_lo, t_hi, want) -> bool:
    """g != 0 (want 0) or g > 0 (want 1) on pi [t_lo, t_hi] x B, bisecting t."""
    stack, pieces = [(fmpq(t_lo), fmpq(t_hi))], 0
    while stack:
        a, b = stack.pop()
        s = g.sign(xball(a, b), B)
        if s != 0 and (want == 0 or s == want):
            continue
        pieces += 1
        if b - a <= MIN_WIDTH or pieces > BUDGET:
            return False
        m = (a + b) / 2
        stack += [(m, b), (a, m)]
    return True


def _analytic(crit, kinks, lo, hi) -> bool:
    if not crit.defined("base", lo, hi):
        return False
    B = crit.balls(lo, hi)
    return all(_sign_on(k, B, -1, 1, 0) for k in kinks)


def _gap_below_pi(crit, lo, hi) -> bool:
    cell = crit.cell(lo, hi)
    ps = cell.iso1
    if ps is None:
        return False
    k = len(ps)
    while k > 0 and ps[k - 1][2] == NEG:
        k -= 1
    if k == len(ps) or k == 0 or ps[0][2] != POS or ps[0][0] != 0:
        return False
    a, b = ps[0][1], ps[k][0]
    return a >= b or _sign_on(crit.ev["f0"], cell.B, a, b, 1)


def _m_at_least_pi(key) -> str:
    if key in ("2pi", "none"):
        return "2pi"
    if key == "pi":
        return "pi"
    c = inverse(key)
    if c <= 1 / (2 * arb.pi()):
        return "2pi"
    if c <= 1 / arb.pi():
        return "pi"
    return ""


def check_hypotheses(crit, doc, key, cells) -> int:
    """Replay the file's CERTIFIED hypotheses on the leaf cells ``cells`` [(lo, hi)]; the
    number of hypotheses replayed (0 when the file records none)."""
    entries = doc.get("hypotheses")
    if entries is None:
        return 0
    if not isinstance(entries, list):
        raise CheckError("the criterion file's hypotheses are not a list")
    seen, replayed = set(), 0
    for e in entries:
        hid = e.get("id") if isinstance(e, dict) else None
        want = THEOREMS.get(hid)
        if hid == "tau_max" and key == "none":
            want = "Theorem 2.1"          # M = oo: R_none <= R_2pi
        if want is None or hid in seen:
            raise CheckError(f"an unknown or repeated hypothesis {hid!r}")
        seen.add(hid)
        if not str(e.get("theorem", "")).startswith(want):
            raise CheckError(f"hypothesis {hid}: it belongs to {want}, not {e.get('theorem')!r}")
        if e.get("status") != "CERTIFIED":
            continue
        if e.get("not_certified_on"):
            raise CheckError(f"hypothesis {hid}: CERTIFIED, yet not certified on some cells")
        replayed += 1
        if hid == "smooth":
            bad = [c for c in cells if not crit.defined("base", *c)]
        elif hid == "sin_h_cos":
            kinks = [crit.term(k) for k in _kinks(crit.t["f0"])]
            bad = [c for c in cells if not _analytic(crit, kinks, *c)]
        elif hid == "tau_max":
            at = _m_at_least_pi(key)
            if not at:
                raise CheckError(f"hypothesis tau_max: M = {key} is not proved >= pi")
            bad = [] if at == "2pi" else [c for c in cells if not _gap_below_pi(crit, *c)]
        else:
            bad = []                      # periodic, odd: proved when f was read
        if bad:
            lo, hi = bad[0]
            raise CheckError(f"hypothesis {hid} ({want}) is not re-verified on the cell [{lo}, {hi}]")
    return replayed
