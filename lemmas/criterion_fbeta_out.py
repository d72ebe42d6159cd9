"""Figures and Markdown of the f_beta criterion (``lemmas.criterion_fbeta``): Figure 1 (R_pi
over beta, with the certified HOLDS / FAILS ranges and the crossing bracket), Figure 2 (f' at
beta = 2 and tau) and ``CRITERION.md``, all drawn from results already certified -- nothing
here decides anything."""
from __future__ import annotations

import json
import os
from fractions import Fraction

from certify.criterion import HOLDS, decimal_bound, round_decimal
from certify.roots import arb_to_fraction
from lemmas.criterion_fbeta import CITED, FAIL_WIDTH, FIG_HI, FIG_LO, HUMAN, _dec


# -- figures -----------------------------------------------------------------------------------

def _figure(figsize):
    """(figure, axes) on matplotlib's object API: no pyplot, whose import alone took 0.9 s of the
    criterion's process, and nothing to close (the figure is not registered anywhere)."""
    import matplotlib
    from matplotlib.figure import Figure
    matplotlib.rcParams["svg.hashsalt"] = "certify"
    fig = Figure(figsize=figsize)
    return fig, fig.subplots()


def _save(fig, out_dir, name):
    """PNG and SVG, both cropped to the figure's tight box (laid out once, not per file)."""
    import matplotlib
    box = fig.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(out_dir, "figures", f"{name}.{ext}"), dpi=130,
                    metadata={"Date": None} if ext == "svg" else None, bbox_inches=box)


def _bounds(cell, key="pi"):
    lo, hi = cell.R[key]
    flo = float(decimal_bound(lo, "lo", 10)) if lo is not None else float("nan")
    fhi = float(decimal_bound(hi, "hi", 10)) if hi is not None else float("nan")
    return flo, fhi


def _figure_ratio(out_dir, plot, res, low_fail):
    cells, zoom = plot
    fig, ax = _figure((8.5, 4.8))
    xs, lo_, hi_ = [], [], []
    for clo, chi, flo, fhi in cells:
        xs += [clo, chi]
        lo_ += [flo, flo]
        hi_ += [fhi, fhi]
    star, fhi_ = float(res["pi"]["star"]), float(res["pi"]["fail_hi"])
    ax.axvspan(float(FIG_LO), fhi_, color="tab:red", alpha=0.12, lw=0, label=r"certified FAILS ($R_\pi<1$)")
    ax.axvspan(star, float(FIG_HI), color="tab:green", alpha=0.12, lw=0, label=r"certified HOLDS ($R_\pi>1$)")
    ax.fill_between(xs, lo_, hi_, color="tab:blue", alpha=0.7, lw=0.8, label=r"certified enclosure of $R_\pi$")
    ax.axhline(1.0, color="k", lw=0.8, ls="--")
    ax.axvline(-0.16, color="gray", lw=0.8, ls=":")
    ax.text(-0.15, 0.3, "paper:\n" + r"$\beta\geq-0.16$", fontsize=7, color="gray", va="bottom")
    ax.set_xscale("symlog", linthresh=1.0, linscale=2.0)
    ax.set_xlim(float(FIG_LO), float(FIG_HI))
    ticks = [-0.5, -0.25, 0, 0.25, 0.5, 1, 2, 5, 10, 20, 50]
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(t) for t in ticks], fontsize=8)
    ax.set_xlabel(r"$\beta$ (axis linear on $[-1, 1]$, logarithmic beyond)")
    ax.set_ylabel(r"$R_\pi = 4(1+\tau/\pi)f'(0)\,/\,(\tau\int|f'''|_+)$")
    ax.set_title(r"Synchronization ratio for $f_\beta=\sin x\,e^{\beta(\cos x-1)}$, $M=\pi$ (paper's Fig. 1); "
                 + r"$\beta^*=$" + _dec(res["pi"]["star"]), fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    ins = ax.inset_axes([0.6, 0.07, 0.37, 0.36])
    for clo, chi, flo, fhi_c in zoom:
        ins.fill_between([clo, chi], [flo] * 2, [fhi_c] * 2, color="tab:blue", alpha=0.8, lw=0)
    ins.axvspan(-0.2625, fhi_, color="tab:red", alpha=0.15, lw=0)
    ins.axvspan(star, -0.2605, color="tab:green", alpha=0.15, lw=0)
    ins.axhline(1.0, color="k", lw=0.6, ls="--")
    ins.set_xlim(-0.2625, -0.2605)
    ins.set_xticks([-0.262, -0.2615, -0.261])
    ins.tick_params(labelsize=6)
    ins.set_title(f"crossing bracketed in ({_dec(res['pi']['fail_hi'])}, {_dec(res['pi']['star'])})", fontsize=7)
    _save(fig, out_dir, "sync_ratio")


def _figure_fbeta2(out_dir, cell):
    import numpy as np
    beta = 2.0
    t = np.linspace(-np.pi, np.pi, 1201)
    f = np.sin(t) * np.exp(beta * (np.cos(t) - 1))
    fp = (np.cos(t) - beta * np.sin(t) ** 2) * np.exp(beta * (np.cos(t) - 1))
    tlo, thi = decimal_bound(cell.tau_lo, "lo", 12), decimal_bound(cell.tau_hi, "hi", 12)
    tau = float(tlo)
    fig, ax = _figure((7, 4))
    ax.plot(t, f, color="tab:red", label="$f_\\beta$")
    ax.plot(t, fp, color="tab:blue", label="$f'_\\beta$")
    for s in (-1, 1):
        ax.axvline(s * tau, color="k", lw=0.8, ls="--")
    ax.axhline(0, color="gray", lw=0.5)
    ax.annotate(f"$\\tau\\in[{tlo},\\ {thi}]$", (tau, 0.0), xytext=(tau + 0.3, 0.55), fontsize=9,
                arrowprops={"arrowstyle": "->", "lw": 0.8})
    ax.set_xlim(-np.pi, np.pi)
    ax.set_xlabel("$x$")
    ax.set_title("$f_\\beta$ and $f'_\\beta$ at $\\beta=2$; $f'_\\beta<0$ outside $[-\\tau,\\tau]$ (paper's Fig. 2)",
                 fontsize=10)
    ax.legend(loc="lower left", fontsize=9)
    _save(fig, out_dir, "f_beta2")


# -- markdown ------------------------------------------------------------------------------------

def _markdown(out, res, low_fail, none_run, kur) -> str:
    s_pi, s_2pi = res["pi"]["star"], res["2pi"]["star"]
    L = []
    L.append("# The synchronization criterion for f_β, certified\n")
    L.append("Generated by `lemmas/criterion_fbeta.py` (`run_fbeta`) with the generic engine "
             "`certify/criterion.py` + `certify/roots.py`. f_β(x) = sin x · e^{β(cos x − 1)}; "
             "R_M = 4(1 + τ/M) f'(0) / (τ ∫_{−π}^{π}|f'''|₊), τ the least τ ∈ (0, π] with f' < 0 "
             "outside [−τ, τ]. HOLDS = R_M > 1 proved uniformly on a parameter cell, FAILS = R_M < 1 "
             "proved (for every admissible τ, since R_M decreases in τ).\n")
    L.append("## Result\n")
    L.append(f"**Theorem (certified computation + cited Lemma C.4 + the paper's reasoning).** For every "
             f"β ≥ β*_π = {_dec(s_pi)} the self-attention dynamics (T1) and (T2) synchronize globally "
             f"(for every n, from almost every initial configuration). Without any cited lemma "
             f"(Theorem 2.1, M = 2π) the same holds for β ≥ β*_2π = {_dec(s_2pi)}. "
             f"The paper proves β ≥ −0.16.\n")
    L.append("| | M = π (Corollary 3.3 + Lemma C.4) | M = 2π (Theorem 2.1) |")
    L.append("|---|---|---|")
    L.append(f"| β* (criterion certified on [β*, 1000]) | {_dec(s_pi)} | {_dec(s_2pi)} |")
    L.append(f"| certified FAILS on | [{_dec(res['pi']['fail_hi'] - FAIL_WIDTH)}, {_dec(res['pi']['fail_hi'])}] "
             f"| [{_dec(res['2pi']['fail_hi'] - FAIL_WIDTH)}, {_dec(res['2pi']['fail_hi'])}] |")
    L.append(f"| bracket of the crossing R = 1 | ({_dec(res['pi']['fail_hi'])}, {_dec(s_pi)}), width "
             f"{out['bracket_pi_width']} | ({_dec(res['2pi']['fail_hi'])}, {_dec(s_2pi)}), width {out['bracket_2pi_width']} |")
    h_pi, h_2pi = res["pi"]["holds"], res["2pi"]["holds"]
    L.append(f"| cells on [β*, 1000] | {len(h_pi.leaves)} | {len(h_2pi.leaves)} |")
    L.append(f"| min certified lower bound of R on [β*, 1000] | {_minlow(h_pi, 'pi')} | {_minlow(h_2pi, '2pi')} |")
    L.append("")
    L.append(f"Crossing located by certified point verdicts: R_π = 1 between "
             f"{_approx(res['pi']['crossing'][0])} and {_approx(res['pi']['crossing'][1])}; "
             f"R_2π = 1 between {_approx(res['2pi']['crossing'][0])} and {_approx(res['2pi']['crossing'][1])}.\n")
    L.append(f"Also certified: R_π < 1 on [−0.7, {_dec(res['pi']['fail_hi'] - FAIL_WIDTH)}] "
             f"({low_fail.status}, {len(low_fail.leaves)} cells); the variant without (1 + τ/M) "
             f"(Section 5's route for β ≥ 0) on [0, 1000]: {none_run.status} "
             f"({len(none_run.leaves)} cells, min lower bound {_minlow(none_run, 'none')}).\n")
    L.append("Exact ends (rationals) of every range and of every cell, with the cell's enclosures of "
             "τ, I, f'(0) and R, are in `criterion.json` (`holds`, `fails`, `runs`). Replay every "
             "recorded cell from scratch: `python -c \"from lemmas.criterion_fbeta import replay; "
             "print(replay())\"` (checks that the cells tile the ranges and re-derives each verdict).\n")
    L.append("## Which steps are what\n")
    L.append("Certified here (arb ball arithmetic, outward rounding, exact rational cells):")
    L.append("- R_π > 1 on every cell of [β*_π, 1000] and R_π < 1 on the thin interval below β*_π; "
             "R_2π likewise with β*_2π.")
    L.append(f"- τ: on every cell f' has exactly one zero in [0, π], a simple root (f'' ≠ 0 on its ball "
             f"for the whole cell, f' of opposite signs at the ball's ends), with f' < 0 from there "
             f"to π: {out['tau_is_arccos_formula']['one_simple_zero_of_fprime_on_every_cell']}. "
             f"With the identity β c² + c − β = 0 for c = 2β/(√(1+4β²)+1) (sympy: "
             f"{out['tau_is_arccos_formula']['identity_beta_c2_plus_c_minus_beta']}), τ equals the "
             f"paper's arccos((√(1+4β²) − 1)/(2β)) also for β < 0, as Section 5 claims.")
    L.append(f"- zeros of f''' in [0, π] per cell (Lemmas C.1, B.1, A.1 predict 1, 1, 2): "
             f"{json.dumps(out['f3_zero_counts'])} (unresolved = a zero at an end of [0, π] or a "
             f"pair being born at x = π near β = 1/3: handled by the bound [0, |X| sup f'''₊], no guess).")
    L.append("\nCited (not checked here):")
    for w, u in CITED:
        L.append(f"- **{w}**: {u}")
    L.append("\nHuman reasoning (the paper's, not machine-checked):")
    for h in HUMAN:
        L.append(f"- {h}")
    L.append("\nSo: for β ∈ [β*_π, 0), Corollary 3.3 with M = π (Lemma C.4 cited); for β ∈ "
             "[β*_2π, 1000] ⊇ [0, 1000], Theorem 2.1 (M = 2π, nothing cited); for β ≥ 1000, Lemma A.4.\n")
    L.append("## Kuramoto check (f = sin x)\n")
    kj = out["kuramoto"]
    L.append(f"τ ∈ [{kj['tau'][0]}, {kj['tau'][1]}] (π/2), I ∈ [{kj['I'][0]}, {kj['I'][1]}] (2), "
             f"R_2π ∈ [{kj['R']['2pi'][0]}, {kj['R']['2pi'][1]}], R_π ∈ [{kj['R']['pi'][0]}, {kj['R']['pi'][1]}], "
             f"R_none ∈ [{kj['R']['none'][0]}, {kj['R']['none'][1]}].\n")
    L.append(f"At β = 2: τ ∈ [{out['tau_beta2'][0]}, {out['tau_beta2'][1]}] (paper: τ ≈ 0.6749).\n")
    L.append("## Figures\n")
    L.append("- `figures/sync_ratio.png` / `.svg`: R_π against β on [−0.7, 50] (symlog axis), the blue band "
             "is the certified enclosure of R_π on cells 0.02 wide (β < 1) and 1/8 octave wide (β > 1), bisected "
             "until the enclosure is at most 0.02 tall; shading: the certified HOLDS / FAILS ranges; inset: "
             "the crossing on cells 5e-5 wide (paper's Figure 1). The axis is linear on [−1, 1] and "
             "logarithmic beyond (the corner at β = 1 is the axis, not R).")
    L.append("- `figures/f_beta2.png` / `.svg`: f_β and f'_β at β = 2 with ±τ marked (paper's Figure 2).\n")
    L.append("## Method and timings\n")
    L.append("f', f'', f''' are differentiated on the tree of f as written (`certify/expr/diff.py`, "
             "no symbolic simplification), and every parameter cell first proves f, f', f'', f''' "
             "defined and continuous on [−π, π] (decorated interval evaluation). "
             "Per parameter cell: root isolation of f' and f''' on [0, π] uniformly over the cell "
             "(bisection + monotonicity + interval Newton, `certify/roots.py`); I = 2 Σ over positive "
             "runs of f''(b) − f''(a) plus [0, |X| sup f'''₊] per root ball; R by monotonicity and, "
             "when every root is certified simple and unique over the cell, the mean-value form "
             "R(p_m) + R'(P)(P − p_m) with τ' = −∂_β f'/f'' and I' = 2 Σ ±∂_β f'' at the roots "
             "(envelope theorem). Adaptive bisection of the β range.\n")
    L.append("Timings of each stage are in `criterion_timings.json` (kept out of this file and of "
             "criterion.json, which are regenerated byte for byte).")
    L.append(f"\nPrecision {out['precision_bits']} bits; versions {json.dumps(out['versions'])}. "
             "Regenerate: `certify run` (or `python -c \"from lemmas.criterion_fbeta import run_fbeta; run_fbeta()\"`).\n")
    return "\n".join(L) + "\n"


def _approx(q: Fraction) -> str:
    return round_decimal(q, "lo", 9)


def _minlow(run, key):
    lows = [c.R[key][0] for c in run.leaves if c.verdict[key] == HOLDS and c.R[key][0] is not None]
    if not lows:
        return "—"
    m = min(lows, key=arb_to_fraction)
    return decimal_bound(m, "lo", 8)
