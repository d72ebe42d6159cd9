"""The argument Lemmas B.4 and C.5 share, as one recipe: a lower bound of f''(a) at the root
a = arccos r of Lemma B.1 / C.1 and the exp step (Section 5's "the same argument").

With s = +1 (Lemma B.4, beta > 0) or s = -1 (Lemma C.5, beta < 0) and c_s = 1 + 3 s beta:

1. f''(x) + c_s sin x e^{beta cos x} e^{-beta} = sin x e^{beta(cos x - 1)} (s beta) K_s(x)
   (an identity at x = pi t), with K_s >= 0 (the lemma's ``bracket``), sin x >= 0 on [0, pi],
   the exponential > 0 and s beta > 0: so f''(x) >= -c_s sin x e^{beta cos x} e^{-beta} on
   [0, pi] (``combine``);
2. r lies strictly between the two defining points of the root count (``root``), so
   a / pi = arccos(r) / pi is in [0, 1] (``substitute`` into facts about arccos), and the bound
   holds at x = a (``substitute``);
3. e^{beta cos tau} e^{-beta} <= e^{beta^2 - beta} (checked directly), so the lemma's goal
   c_s e^{beta^2 - beta} sin(tau) tau OP G gives c_s sin(tau) e^{beta cos tau} e^{-beta} tau OP G
   (``combine``, the exp step);
4. with sin(a) e^{beta cos a} <= sin(tau) e^{beta cos tau} (tau maximizes f: lemmas.argmax),
   tau f''(a) OP' -G (``combine``), the lemma's statement.

The texts are written once (``TAU``, ``sin(TAU)``...) so every claim names the same subterms.
"""
from __future__ import annotations

from certify.claims import Identity, Inequality
from certify.derived import Derived, RootOf, combine, root, substitute, written
from lemmas.argmax import argmax
from lemmas.functions import E_beta, b, cos, exp, f2, pi, sin, tau, x

import sympy

t = sympy.Symbol("t", real=True)
TAU = written(tau(b), "b")
E_MB, E_B2 = written(exp(-b), "b"), written(exp(b ** 2 - b), "b")
E_COS = f"exp(b*cos({TAU}))"                         # e^{beta cos tau}
TA = "acos(r)/pi"                                    # a = arccos r = pi ta
A_AT = {"t": TA}
X_AT = {"x": "acos(r)"}                              # the direct check is on x in [0, pi]
NAMES = ("t", "b", "r")


def at_pi_t(expr):
    return expr.subs(x, pi * t)


def sign_facts(L: str) -> tuple:
    """sin x >= 0 on [0, pi] and e^{beta(cos x - 1)} > 0 (x = pi t), as claims of lemma ``L``."""
    return (
        Inequality(f"{L}.sin_nonneg", "(silent) sin x >= 0 on [0, pi]", f"Lemma {L}, proof",
                   lhs="sin(pi*t)", op=">=", rhs=0, over="t in [0, 1]"),
        Inequality(f"{L}.E_positive", "(silent) e^{beta(cos x - 1)} > 0", f"Lemma {L}, proof",
                   lhs=at_pi_t(E_beta), op=">", rhs=0, over="t in [0, 1], b in {beta}"),
    )


def f2_nonpositive(L: str, s: int, Q, c) -> tuple:
    """Corollaries B.3 (s = +1) / C.3 (s = -1), the direct argument: -Q(c) = (1 - 3 s beta) +
    (s beta)(1 + s c)(3 - s beta (1 - s c)) (the lemma's {L}.Q_split; polynomial algebra, which
    ``combine`` checks itself) has nonnegative terms on [-1, 1] ({L}.Q_split_const,
    {L}.Q_split_factor), so -Q(cos x) >= 0, and f''(x) = sin x e^{beta(cos x - 1)} Q(cos x) <= 0
    on [0, pi].  ``Q`` is the lemma's Q(c, beta), ``c`` its symbol."""
    ref = f"Corollary {L}"
    negq = written(-Q(c, b), "c", "b")
    return (
        Inequality(f"{L}.sb_positive", f"(silent) ({s}) beta > 0", ref, lhs=written(s * b, "b"), op=">", rhs=0,
                   over="b in {beta}"),
        Inequality(f"{L}.one_plus_sc", f"(silent) 1 + ({s}) c >= 0 on [-1, 1]", ref, lhs=1 + s * c, op=">=", rhs=0,
                   over="c in [-1, 1]"),
        Derived(f"{L}.negQ", "-Q(c) >= 0 on [-1, 1] (every term of Q_split is >= 0)", ref, lhs=negq, op=">=", rhs=0,
                over="c in [-1, 1], b in {beta}",
                rule=combine((f"{L}.Q_split_const", 1),
                             (f"{L}.Q_split_factor", 1, f"{L}.sb_positive", f"{L}.one_plus_sc"))),
        Inequality(f"{L}.cos_ge_m1", "(silent) cos x >= -1", ref, lhs="cos(pi*t)", op=">=", rhs=-1, over="t in [0, 1]"),
        Inequality(f"{L}.cos_le_1", "(silent) cos x <= 1", ref, lhs="cos(pi*t)", op="<=", rhs=1, over="t in [0, 1]"),
        Derived(f"{L}.negQ_at_cos", "-Q(cos x) >= 0 on [0, pi]", ref,
                lhs=written(negq, "c", "b", "t", at={"c": "cos(pi*t)"}), op=">=", rhs=0,
                over="t in [0, 1], b in {beta}",
                rule=substitute(f"{L}.negQ", "c", "cos(pi*t)", f"{L}.cos_ge_m1", f"{L}.cos_le_1")),
        Identity(f"{L}.f2_cos_form_t", f"{L}.f2_cos_form at x = pi t", ref, lhs=at_pi_t(f2),
                 rhs=at_pi_t(sin(x) * E_beta * Q(cos(x), b)), over="t in [0, 1], b in {beta}"),
        *sign_facts(L),
        Derived(f"{L}.direct", "f'' <= 0 on [0, pi], independently of the root count (Q(cos x) <= 0, "
                "sin x >= 0, the exponential > 0)", ref, lhs=at_pi_t(f2), op="<=", rhs=0,
                over="t in [0, 1], b in {beta}",
                rule=combine((f"{L}.f2_cos_form_t", -1), (f"{L}.negQ_at_cos", 1, f"{L}.sin_nonneg", f"{L}.E_positive"))),
    )


def goal_text(s: int) -> str:
    """c_s e^{beta^2 - beta} sin(tau) tau, the lemma's reduced goal (step 3's premise)."""
    return f"({written((1 + 3 * s * b) * exp(b ** 2 - b), 'b')})*sin({TAU})*({TAU})"


def f2_lower_argument(L: str, s: int, roots: RootOf, ends: tuple, bracket, goal: str, op: str, G: str,
                      direct_rhs):
    """The claims of steps 1-4 for lemma ``L``: ``roots`` defines r (its defining points
    ``ends``, e.g. ("0", "1")); ``bracket`` is K_s (a sympy expression in t, b) with its claim
    ``{L}.f2_lower_bracket`` proved elsewhere; ``goal`` the id of the reduced goal
    ``goal_text(s) OP G`` (OP = ``op``, '<' or '<=', G a text); ``direct_rhs`` the right side of
    the lemma's direct check ``{L}.direct`` (tau f''(pi t) OP' direct_rhs on [0, 1])."""
    cs = written(1 + 3 * s * b, "b")
    sb = written(s * b, "b")
    q = (("r", roots),)
    lower = at_pi_t(f2 + (1 + 3 * s * b) * sin(x) * exp(b * cos(x)) * exp(-b))
    lo, hi = ends
    strict_statement = {"<": ">", "<=": ">="}[op]
    return (
        Inequality(f"{L}.cs_positive", f"(silent) 1 + 3({s})beta > 0", f"Lemma {L}, proof",
                   lhs=cs, op=">", rhs=0, over="b in {beta}"),
        Inequality(f"{L}.sb_positive", f"(silent) ({s}) beta > 0", f"Lemma {L}", lhs=sb, op=">", rhs=0,
                   over="b in {beta}"),
        Inequality(f"{L}.exp_mb_positive", "(silent) e^{-beta} > 0", f"Lemma {L}, proof",
                   lhs=E_MB, op=">", rhs=0, over="b in {beta}"),
        Inequality(f"{L}.tau_positive", "(silent) tau > 0", f"Lemma {L}, proof", lhs=TAU, op=">", rhs=0,
                   over="b in {beta}"),
        Inequality(f"{L}.sin_tau_nonneg", "(silent) sin tau >= 0", f"Lemma {L}, proof",
                   lhs=f"sin({TAU})", op=">=", rhs=0, over="b in {beta}"),
        *sign_facts(L),
        Identity(f"{L}.f2_lower_identity_t", f"{L}.f2_lower_identity at x = pi t, with its bracket "
                 "factored as (s beta) K_s", f"Lemma {L}, proof", lhs=lower,
                 rhs=at_pi_t(sin(x) * E_beta) * s * b * bracket, over="t in [0, 1], b in {beta}"),
        Derived(f"{L}.f2_lower", "f''(x) >= -(1 + 3 s beta) sin(x) e^{beta cos x} e^{-beta} on [0, pi]",
                f"Lemma {L}, proof", lhs=lower, op=">=", rhs=0, over="t in [0, 1], b in {beta}",
                rule=combine((f"{L}.f2_lower_identity_t", 1),
                             (f"{L}.f2_lower_bracket", 1, f"{L}.sin_nonneg", f"{L}.E_positive", f"{L}.sb_positive"))),
        Derived(f"{L}.r_above", f"r > {lo} ({roots.rootcount}: r is the root of p between {lo} and {hi})",
                f"Lemma {L}", lhs=lo, op="<", rhs="r", over="b in {beta}", quantities=q,
                rule=root("r", roots.rootcount)),
        Derived(f"{L}.r_below", f"r < {hi}", f"Lemma {L}", lhs="r", op="<", rhs=hi, over="b in {beta}",
                quantities=q, rule=root("r", roots.rootcount)),
        Inequality(f"{L}.acos_nonneg", f"(silent) arccos u / pi >= 0 on ({lo}, {hi}]", f"Lemma {L}",
                   lhs="acos(u)/pi", op=">=", rhs=0, over=f"u in ({lo}, {hi}]"),
        Inequality(f"{L}.acos_below_pi", f"(silent) arccos u / pi < 1 on ({lo}, {hi}]", f"Lemma {L}",
                   lhs="acos(u)/pi", op="<", rhs=1, over=f"u in ({lo}, {hi}]"),
        Derived(f"{L}.a_lo", "a = arccos r >= 0", f"Lemma {L}", lhs=TA, op=">=", rhs=0, over="b in {beta}",
                quantities=q, rule=substitute(f"{L}.acos_nonneg", "u", "r", f"{L}.r_above", f"{L}.r_below")),
        Derived(f"{L}.a_hi", "a = arccos r < pi", f"Lemma {L}", lhs=TA, op="<", rhs=1, over="b in {beta}",
                quantities=q, rule=substitute(f"{L}.acos_below_pi", "u", "r", f"{L}.r_above", f"{L}.r_below")),
        Inequality(f"{L}.acos_nonneg_x", f"(silent) arccos u >= 0 on ({lo}, {hi}]", f"Lemma {L}",
                   lhs="acos(u)", op=">=", rhs=0, over=f"u in ({lo}, {hi}]"),
        Inequality(f"{L}.acos_below_pi_x", f"(silent) arccos u < pi on ({lo}, {hi}]", f"Lemma {L}",
                   lhs="acos(u)", op="<", rhs="pi", over=f"u in ({lo}, {hi}]"),
        Derived(f"{L}.a_lo_x", "a = arccos r >= 0 (the variable x)", f"Lemma {L}", lhs="acos(r)", op=">=", rhs=0,
                over="b in {beta}", quantities=q,
                rule=substitute(f"{L}.acos_nonneg_x", "u", "r", f"{L}.r_above", f"{L}.r_below")),
        Derived(f"{L}.a_hi_x", "a = arccos r < pi (the variable x)", f"Lemma {L}", lhs="acos(r)", op="<", rhs="pi",
                over="b in {beta}", quantities=q,
                rule=substitute(f"{L}.acos_below_pi_x", "u", "r", f"{L}.r_above", f"{L}.r_below")),
        Derived(f"{L}.f2_lower_at_a", "f''(a) >= -(1 + 3 s beta) sin(a) e^{beta cos a} e^{-beta}",
                f"Lemma {L}, proof", lhs=written(lower, *NAMES, at=A_AT), op=">=", rhs=0, over="b in {beta}",
                quantities=q, rule=substitute(f"{L}.f2_lower", "t", TA, f"{L}.a_lo", f"{L}.a_hi")),
        *argmax(L, written(at_pi_t(sin(x) * exp(b * cos(x))), "t", "b"),
                written(at_pi_t(sin(x) * exp(b * cos(x))), *NAMES, at=A_AT), f"sin({TAU})*{E_COS}", TA, TAU, q),
        Inequality(f"{L}.exp_le", "(silent) e^{beta cos tau} e^{-beta} <= e^{beta^2 - beta} (beta cos tau <= beta^2)",
                   f"Lemma {L}, proof", lhs=f"{E_COS}*{E_MB}", op="<=", rhs=E_B2, over="b in {beta}"),
        Derived(f"{L}.exp_step", f"(1 + 3 s beta) sin(tau) e^{{beta cos tau}} e^{{-beta}} tau {op} {G} (from "
                "the reduced goal and e^{beta cos tau} <= e^{beta^2})", f"Lemma {L}, proof",
                lhs=f"({cs})*sin({TAU})*{E_COS}*{E_MB}*({TAU})", op=op, rhs=G, over="b in {beta}",
                rule=combine((goal, 1), (f"{L}.exp_le", 1, f"{L}.cs_positive", f"{L}.sin_tau_nonneg", f"{L}.tau_positive"))),
        Derived(f"{L}.statement", f"Lemma {L}: tau f''(a) {strict_statement} -({G}) (from the lower bound "
                "of f''(a), the maximum of sin x e^{beta cos x} at tau, and the exp step)", f"Lemma {L}",
                lhs=f"({TAU})*({written(at_pi_t(f2), *NAMES, at=A_AT)})", op=strict_statement, rhs=f"-({G})",
                over="b in {beta}", quantities=q,
                rule=combine((f"{L}.f2_lower_at_a", 1, f"{L}.tau_positive"),
                             (f"{L}.tau_argmax", 1, f"{L}.tau_positive", f"{L}.cs_positive", f"{L}.exp_mb_positive"),
                             (f"{L}.exp_step", 1))),
        Derived(f"{L}.statement_direct", f"Lemma {L} from the direct check {L}.direct at x = a", f"Lemma {L}",
                lhs=written(tau(b) * f2, "x", "b", "r", at=X_AT), op=strict_statement,
                rhs=written(direct_rhs, "b"), over="b in {beta}", quantities=q,
                rule=substitute(f"{L}.direct", "x", "acos(r)", f"{L}.a_lo_x", f"{L}.a_hi_x")),
    )
