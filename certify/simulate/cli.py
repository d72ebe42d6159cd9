"""``certify simulate``: run the simulation experiments (see :mod:`certify.simulate.experiments`).

The main CLI (certify/cli.py) wires this in with::

    from certify.simulate import cli as simulate_cli
    simulate_cli.add_parser(subparsers)          # adds the 'simulate' sub-command
    ...
    return simulate_cli.run(args)                # exit status: see EXIT_CODES

``add_parser`` also sets ``func=run`` as a default on the sub-parser, for CLIs that dispatch with
``args.func(args)``.  Until the main CLI exists: ``python -m certify.simulate <experiment> ...``.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

from ..jsondoc import emit, fail

__all__ = ["add_parser", "run", "CHOICES", "EXIT_CODES"]

EXIT_CODES = {"ok": 0, "bad_input": 2, "not_synchronized": 3, "numerical_failure": 5}

EXPERIMENT_NAMES = ("sync-sweep", "three-cluster", "metastability", "trajectories")
CHOICES = (*EXPERIMENT_NAMES, "all", "run", "plot")

# which options each experiment accepts (others are rejected with exit status 2)
_APPLIES = {
    "sync-sweep": {"beta", "n", "starts", "horizon", "criterion", "jobs", "scheduler", "full"},
    "three-cluster": {"beta", "n", "eps", "horizon", "split"},
    "metastability": {"beta", "n", "horizon"},
    "trajectories": {"beta", "n", "horizon", "model"},
    "all": {"criterion", "jobs", "scheduler", "full"},
    "run": {"beta", "n", "horizon", "model", "f", "init", "eps", "weights", "g", "time_unit",
            "integrator", "dt", "save", "load"},
    "plot": {"load"},
}
_OPTIONAL = ("beta", "n", "starts", "horizon", "eps", "split", "model", "f", "init", "weights", "g",
             "time_unit", "integrator", "dt", "save", "load", "criterion", "jobs", "scheduler")
_RUN_TEXT = ("model", "f", "init", "weights", "g", "time_unit")  # passed to RunSpec as typed

DESCRIPTION = """Float64 simulations of the particle systems of the paper, writing a PNG + SVG figure
and a JSON summary per experiment into --out (NPZ trajectories too; those are not committed):
  sync-sweep     fraction of random starts of (T1) that synchronize, beta on a grid over [-1, 10],
                 n in {10, 100, 1000}; certified beta range (reports/criterion.json) shaded
  three-cluster  the Lemma C.6 3-cluster state (any n >= 3, corrected labelling; balanced split for
                 n = 2 mod 3) + small perturbation at beta in {-0.5,-0.7,-1,-2}, n in {30,100,101}:
                 stable or unstable? (theory: the exact eigenvalues); float64 C_beta estimates
  metastability  n = 1000 uniform start, beta in {4, 9, 16, 25}: clusters vs log time vs sqrt(beta)
  trajectories   particle angles against time for one beta and n
  all            the four experiments with their default sizes
  run            a user's run: --model T1|T2|S1|S3|S4|kuramoto, --f EXPR (S1/S3/S4), --beta (T1/T2),
                 --weights EXPR and --g EXPR|partition (S3/S4; expressions in s = i/n), --init
                 uniform|three-cluster|clusters:K|file:PATH|EXPR, --n up to 1e7; writes run.png/.svg,
                 run.json and the trajectory (--save PATH, default <out>/run.npz); --load PATH
                 continues a saved run up to --horizon.  Expressions are read by the safe parser.
  plot           the figure of a saved run: --load PATH (writes plot.png/.svg)

exit status: 0 success; 2 bad input; 3 a run did not synchronize within the time horizon
(trajectories: the final state is not synchronized; sync-sweep: some start is undecided) -- said
on stdout and in the JSON ("synchronized": false / "not_synchronized_within_horizon"); 5 numerical
failure (non-finite velocity or energy, or the integrator cannot make progress). Errors are one
line on stderr."""


class BadInput(ValueError):
    pass


def add_parser(subparsers):
    """Add the ``simulate`` sub-command to an argparse ``subparsers`` object; returns the parser."""
    import argparse

    p = subparsers.add_parser(
        "simulate", help="run the particle-system simulations (figures + JSON in reports/simulations)",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("experiment", metavar="EXPERIMENT", help="one of: " + ", ".join(CHOICES))
    p.add_argument("--beta", metavar="B[,B...]",
                   help="beta value(s), comma-separated (trajectories: one value)")
    p.add_argument("--n", metavar="N[,N...]",
                   help="number(s) of particles (sync-sweep: a list; others: one value)")
    p.add_argument("--seed", default="0", help="random seed (default 0)")
    p.add_argument("--starts", metavar="K", help="sync-sweep: random starts per (beta, n)")
    p.add_argument("--horizon", metavar="T", help="final time (in units of n e^beta t_paper)")
    p.add_argument("--eps", metavar="E", help="three-cluster: size of the initial perturbation (default 1e-3)")
    p.add_argument("--split", metavar="S", help="three-cluster: counts for n = 2 (mod 3): 'balanced' "
                   "(m, m+1, m+1; default) or 'paper' (m+2 at 0, m at each of +-alpha)")
    p.add_argument("--model", metavar="M", help="trajectories: T1 (default), T2 or kuramoto; "
                   "run: also S1, S3, S4")
    p.add_argument("--f", metavar="EXPR", help="run: the interaction f(x), e.g. 'sin(x)*exp(2*cos(x))'")
    p.add_argument("--init", metavar="SPEC", help="run: initial condition (default uniform)")
    p.add_argument("--weights", metavar="EXPR", help="run (S3, S4): weights c_i as an expression in s = i/n")
    p.add_argument("--g", metavar="EXPR", help="run (S4): 'partition' or g_i > 0 as an expression in s")
    p.add_argument("--time-unit", dest="time_unit", metavar="U",
                   help="run: 'sync' (default; a synchronized cluster contracts at rate 1) or 'paper'")
    p.add_argument("--integrator", metavar="I", help="run: auto (default: Dormand-Prince, switching to "
                   "the stiff Rosenbrock 2(3) when steps are stability-limited), dopri5, dop853 (8th order, "
                   "for tight tolerances), rosenbrock or rk4 (needs --dt)")
    p.add_argument("--dt", metavar="H", help="run: RK4 step")
    p.add_argument("--save", metavar="PATH", help="run: where to save the run (default <out>/run.npz)")
    p.add_argument("--load", metavar="PATH", help="run: continue this saved run; plot: the run to draw")
    p.add_argument("--criterion", metavar="PATH",
                   help="sync-sweep: JSON with the certified beta ranges (default: <out>/../criterion.json)")
    p.add_argument("--jobs", metavar="J", help="sync-sweep: worker processes (default: min(2, cpus))")
    p.add_argument("--scheduler", metavar="ADDRESS", help="sync-sweep: run the random starts on the Dask "
                   "cluster at ADDRESS, e.g. tcp://host:8786 (pip install -e '.[dask]')")
    p.add_argument("--full", action="store_true", help="sync-sweep: finer beta grid and more random starts")
    p.add_argument("--out", default="reports/simulations", help="output directory (default reports/simulations)")
    p.add_argument("--json", action="store_true", help="print the JSON summary on stdout")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
    return p


# ---------------------------------------------------------------------------- parsing helpers

def _float(text, name, *, positive=False):
    try:
        v = float(text)
    except (TypeError, ValueError):
        raise BadInput(f"--{name}: not a number: {text!r}") from None
    if not math.isfinite(v):
        raise BadInput(f"--{name}: must be finite, got {text!r}")
    if positive and v <= 0:
        raise BadInput(f"--{name}: must be positive, got {text!r}")
    return v


def _int(text, name, *, minimum=None):
    try:
        v = int(str(text).strip())
    except (TypeError, ValueError):
        raise BadInput(f"--{name}: not an integer: {text!r}") from None
    if minimum is not None and v < minimum:
        raise BadInput(f"--{name}: must be >= {minimum}, got {v}")
    return v


def _list(text, name, conv, **kw):
    parts = [t for t in str(text).split(",") if t.strip()]
    if not parts:
        raise BadInput(f"--{name}: empty list")
    return [conv(t, name, **kw) for t in parts]


def _one(values, name, experiment):
    if len(values) != 1:
        raise BadInput(f"--{name}: {experiment} takes a single value")
    return values[0]


def _command_line(args) -> str:
    parts = ["certify", "simulate", args.experiment]
    for opt in _OPTIONAL:
        v = getattr(args, opt, None)
        if v is not None:
            parts += [f"--{opt.replace('_', '-')}", str(v)]
    if str(getattr(args, "seed", "0")) != "0":
        parts += ["--seed", str(args.seed)]
    if getattr(args, "full", False):
        parts.append("--full")
    if str(getattr(args, "out", "reports/simulations")) != "reports/simulations":
        parts += ["--out", str(args.out)]
    return " ".join(parts)


def _kwargs(exp, args):
    """Validate the options for experiment ``exp``; return keyword arguments for it."""
    given = {o for o in _OPTIONAL if getattr(args, o, None) is not None}
    if getattr(args, "full", False):
        given.add("full")
    bad = sorted(given - _APPLIES[exp])
    if bad:
        raise BadInput(f"option --{bad[0].replace('_', '-')} does not apply to '{exp}'")
    from .runs import N_MAX

    kw = {}
    if exp == "all":
        return kw
    if exp in ("run", "plot"):
        return _run_kwargs(args, given)
    if args.beta is not None:
        betas = _list(args.beta, "beta", _float)
        if exp == "trajectories":
            kw["beta"] = _one(betas, "beta", exp)
        else:
            if exp == "metastability" and any(b <= 0 for b in betas):
                raise BadInput("--beta: metastability needs beta > 0")
            kw["betas"] = betas
    if args.n is not None:
        ns = _list(args.n, "n", _int, minimum=3 if exp == "three-cluster" else 2)
        if any(n > N_MAX for n in ns):
            raise BadInput(f"--n: at most {N_MAX} particles")
        if exp in ("sync-sweep", "three-cluster"):
            kw["ns"] = ns
        else:
            kw["n"] = _one(ns, "n", exp)
    if args.horizon is not None:
        kw["horizon"] = _float(args.horizon, "horizon", positive=True)
    if args.starts is not None:
        kw["starts"] = _int(args.starts, "starts", minimum=1)
    if args.eps is not None:
        eps = _float(args.eps, "eps", positive=True)
        if eps >= 0.5:
            raise BadInput("--eps: must be < 0.5")
        kw["eps"] = eps
    if args.split is not None:
        if args.split not in ("paper", "balanced"):
            raise BadInput(f"--split: unknown split {args.split!r} (paper or balanced)")
        kw["split"] = args.split
    if exp == "three-cluster" and any(b >= 0 for b in kw.get("betas", [])):
        raise BadInput("--beta: three-cluster needs beta < 0")
    if args.model is not None and exp == "trajectories":
        if args.model not in ("T1", "T2", "kuramoto"):
            raise BadInput(f"--model: unknown model {args.model!r} (T1, T2 or kuramoto)")
        kw["model"] = args.model
    return kw


def _run_kwargs(args, given) -> dict:
    """Keyword arguments of experiments.user.run / plot (RunSpec fields as typed)."""
    from .runs import N_MAX

    kw = {k: getattr(args, k) for k in given if k in _RUN_TEXT}
    if args.load is not None:
        kw["load"] = args.load
    if args.n is not None:
        kw["n"] = _int(args.n, "n", minimum=2)
        if kw["n"] > N_MAX:
            raise BadInput(f"--n: at most {N_MAX} particles")
    if args.beta is not None:
        kw["beta"] = _float(args.beta, "beta")
    elif args.load is None and kw.get("model", "T1") in ("T1", "T2") and args.experiment == "run":
        kw["beta"] = 1.0
    if args.eps is not None:
        kw["eps"] = _float(args.eps, "eps")
    if args.horizon is not None:
        kw["horizon"] = _float(args.horizon, "horizon", positive=True)
    if args.integrator is not None:
        if args.integrator not in ("auto", "dopri5", "dop853", "rk4", "rosenbrock"):
            raise BadInput(f"--integrator: unknown integrator {args.integrator!r} "
                           "(auto, dopri5, dop853, rk4 or rosenbrock)")
        kw["integrator"] = args.integrator
    if args.dt is not None:
        kw["dt"] = _float(args.dt, "dt", positive=True)
    if kw.get("integrator") == "rk4" and "dt" not in kw:
        raise BadInput("--integrator rk4 needs --dt")
    if args.save is not None:
        kw["save"] = args.save
    return kw


def run(args) -> int:
    """Run ``certify simulate``; returns 0 on success, 2 on bad input (one line on stderr)."""
    try:
        exp = args.experiment
        if exp not in CHOICES:
            raise BadInput(f"unknown experiment {exp!r} (choose from {', '.join(CHOICES)})")
        kw = _kwargs(exp, args)
        seed = _int(args.seed, "seed", minimum=0)
        jobs = _int(args.jobs, "jobs", minimum=1) if getattr(args, "jobs", None) is not None else None
        out = Path(args.out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(f"--out: cannot create {out}: {exc.strerror or exc}") from None
        if not os.access(out, os.W_OK):
            raise BadInput(f"--out: {out} is not writable")
        criterion = Path(args.criterion) if getattr(args, "criterion", None) else None
        if criterion is not None and not criterion.is_file():
            raise BadInput(f"--criterion: no such file: {criterion}")
        names = list(EXPERIMENT_NAMES) if exp == "all" else [exp]
        summaries = {}
        for name in names:
            sub = dict(kw)
            if name == "sync-sweep":
                sub["jobs"] = jobs
                sub["scheduler"] = getattr(args, "scheduler", None)
                sub["criterion"] = criterion
                if getattr(args, "full", False):
                    from .experiments import FULL

                    for k, v in FULL["sync-sweep"].items():
                        sub.setdefault(k, v)
            cmd = _command_line(args) if exp != "all" else _command_line(args).replace(" all", f" {name}", 1)
            summaries[name] = _run_one(name, out, seed, bool(args.quiet), cmd, sub)
    except FloatingPointError as exc:  # NumericalError: nan/inf, stalled integrator
        fail("simulate", str(exc), args.json, kind="numerical failure",
             status="NUMERICAL_FAILURE")
        return EXIT_CODES["numerical_failure"]
    except ValueError as exc:  # BadInput, and invalid parameters detected deeper down
        fail("simulate", str(exc), args.json)
        return 2
    stuck = any(_not_synchronized(name, s) for name, s in summaries.items())
    if args.json:
        from .experiments.common import _jsonable

        # one experiment: its summary's keys beside the envelope; 'all': {name: summary}
        body = {"experiments": summaries} if exp == "all" else summaries[exp]
        emit("simulate", "NOT_SYNCHRONIZED" if stuck else "OK", _jsonable(body), indent=2)
    else:
        for name, s in summaries.items():
            print(_one_line(name, s, out))
    return EXIT_CODES["not_synchronized"] if stuck else 0


def _not_synchronized(name, s) -> bool:
    if name in ("trajectories", "run", "plot"):
        return not s["result"].get("synchronized", True)
    if name == "sync-sweep":
        return bool(s.get("not_synchronized_within_horizon", 0))
    return False


def _run_one(name, out, seed, quiet, cmd, kw):
    from . import experiments

    fn = experiments.EXPERIMENTS[name]
    return fn(out, seed=seed, quiet=quiet, command=cmd, **kw)


def _one_line(name, s, out) -> str:
    files = ", ".join(str(out / f) for f in s.get("files", []) if not f.endswith("committed)"))
    if name == "plot":
        return f"plot: {_run_result(s['result'])}. Wrote {files}"
    if name == "sync-sweep":
        tab = s["table"]
        tot = sum(r["starts"] for r in tab)
        syn = sum(r["synchronized"] for r in tab)
        res = f"{syn}/{tot} random starts synchronized"
        stuck = [r for r in tab if (r.get("structured_start") or {}).get("outcome") == "stable_non_synchronized"]
        if stuck:
            res += ("; three-cluster start stable, NOT synchronized at "
                    + ", ".join(f"(beta={r['beta']:g}, n={r['n']})" for r in stuck))
        und = s.get("not_synchronized_within_horizon", 0)
        if und:
            res += f"; {und} did NOT synchronize within the horizon (undecided)"
    elif name == "three-cluster":
        res = "; ".join(f"n={r['n']} beta={r['beta']:g}: {r['verdict']} (theory {r['theory']})"
                        for r in s["results"])
        res += " -> agrees with theory" if s["all_agree"] else " -> DISAGREES with theory"
    elif name == "metastability":
        res = "; ".join(f"beta={r['beta']:g}: {r['clusters_at_formation']} clusters at formation, "
                        f"longest-lived {r['longest_lived_count']} (sqrt(beta)={r['sqrt_beta']:.3g})"
                        for r in s["results"])
    else:
        res = _run_result(s["result"])
    return f"{name}: {res}. Wrote {files}"


def _run_result(r) -> str:
    if not r.get("synchronized", True):
        return r["note"]
    return f"synchronized at t={r['time_to_sync'] if r['time_to_sync'] is not None else r['t_end']:.3g}"
