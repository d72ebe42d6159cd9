"""tau maximizes sin x e^{beta cos x} over [0, pi] (Lemmas B.4 and C.5), derived from the sign
of its derivative on the two sides of tau, one recipe for both lemmas.

In the variable t = x/pi of lemmas.f2_at_root, F(t) = sin(pi t) e^{beta cos(pi t)} has
F' = pi e^{beta cos(pi t)} (cos(pi t) - beta sin(pi t)^2) = pi e^{beta} f'(pi t), >= 0 on
[0, tau/pi] and <= 0 on [tau/pi, 1] (checked directly on those ranges, whose end tau/pi
depends on beta).  So F(t) <= F(tau/pi) on each side (``monotone`` to the expression end), on
[0, 1] (``cover`` split at tau/pi), at t = a/pi (``substitute``), and F(tau/pi) is the printed
sin(tau) e^{beta cos tau} (an identity).
"""
from __future__ import annotations

from certify.claims import Identity, Inequality
from certify.derived import Derived, combine, cover, derivative, monotone, substitute, written


def argmax(L: str, F: str, lhs: str, rhs: str, TA: str, TAU: str, quantities) -> tuple:
    """``F``: F(t) in t, b; ``lhs`` = F(TA) and ``rhs`` = sin(tau) e^{beta cos tau} as the
    lemma's statement writes them; ``TA`` = a/pi (bounds {L}.a_lo, {L}.a_hi)."""
    ref, m = f"Lemma {L}, proof", f"({TAU})/pi"
    D, F_m = derivative(F, "t", "t", "b"), written(F, "t", "b", at={"t": m})

    def side(name, op, rng, end, what, first=False):
        over = f"t in {rng}, b in {{beta}}" if first else f"b in {{beta}}, t in {rng}"    # the faster order
        return (Inequality(f"{L}.argmax_{name}", f"F' {op} 0 on {what} (F(t) = sin(pi t) e^{{beta cos(pi t)}})",
                           ref, lhs=D, op=op, rhs=0, over=over),
                Derived(f"{L}.argmax_{name}_F", f"F(t) <= F(tau/pi) on {what}", ref, lhs=F, op="<=", rhs=F_m,
                        over=over, rule=monotone(f"{L}.argmax_{name}", "t", end)))
    return (
        *side("rise", ">=", f"[0, {m}]", "hi", "[0, tau/pi]", first=True),
        *side("fall", "<=", f"[{m}, 1]", "lo", "[tau/pi, 1]"),
        Identity(f"{L}.argmax_at_tau", "F(tau/pi) = sin(tau) e^{beta cos tau}", ref, lhs=F_m, rhs=rhs,
                 over="b in {beta}"),
        Derived(f"{L}.argmax_t", "F(t) <= F(tau/pi) on [0, 1] (the two sides of tau/pi)", ref, lhs=F, op="<=",
                rhs=F_m, over="t in [0, 1], b in {beta}",
                rule=cover("t", f"{L}.argmax_rise_F", f"{L}.argmax_fall_F", defined=f"{L}.argmax_at_tau")),
        Derived(f"{L}.argmax_at_a", "F(a/pi) <= F(tau/pi)", ref, lhs=lhs, op="<=", rhs=F_m, over="b in {beta}",
                quantities=quantities, rule=substitute(f"{L}.argmax_t", "t", TA, f"{L}.a_lo", f"{L}.a_hi")),
        Derived(f"{L}.tau_argmax", "sin(a) e^{beta cos a} <= sin(tau) e^{beta cos tau}", ref, lhs=lhs, op="<=",
                rhs=rhs, over="b in {beta}", quantities=quantities,
                rule=combine((f"{L}.argmax_at_a", 1), (f"{L}.argmax_at_tau", -1))),
    )
