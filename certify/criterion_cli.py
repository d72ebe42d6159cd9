"""``certify criterion``: certify the synchronization criterion for a user-supplied f.

    certify criterion "sin(x)*exp(beta*(cos(x)-1))" --param "beta in [-0.26, 2]" --M pi
    certify criterion "sin(x)" --M 2pi --json

f is an expression in x (the position on the circle) and parameters declared with
``--param "name in [lo, hi]"`` (exact decimal or rational ends), or a box of two
(``--param "b in [0, 1], c in [0, 1/10]"``).  The parameter range (box) is subdivided
adaptively; the output lists the certified sub-ranges (sub-boxes) where R_M > 1 (HOLDS) and
R_M < 1 (FAILS) with the extreme bounds of R_M's enclosure on each, and what stayed undecided.
``--M`` is any positive exact constant (``pi``, ``2pi``, ``3*pi/2``, ``4``) or ``none``
(``certify.criterion_m``); the hypotheses of the theorems (Theorem 2.1, Theorem 2.3,
Corollary 3.3) are checked and reported, each with the theorem named
(``certify.criterion_hyp``).

f is read as written (``certify.expr.parse``: a whitelist over Python's ``ast``, no
simplification) and differentiated on its tree; a parameter cell on which f, f', f'', f''' are
not proved defined and continuous on [-pi, pi] is UNDECIDED with that reason, and an f defined
on no cell at all (or, without a parameter, not defined/continuous on [-pi, pi]) is bad input.

Exit status: 0 the criterion holds on the whole range; 1 it is certified to fail on some part;
3 some part stays undecided (and none fails); 2 bad input (one line on stderr, no traceback).
"""
from __future__ import annotations

import argparse
import sys
from fractions import Fraction

from .errors import CertifyInputError
from .jsondoc import emit

def add_parser(subparsers) -> argparse.ArgumentParser:
    q = subparsers.add_parser(
        "criterion", help="certify the synchronization criterion (Theorem 2.1 / Corollary 3.3) for any f",
        description="Certified tau, int |f'''|_+, f'(0) and R_M = 4 (1 + tau/M) f'(0) / (tau I) "
                    "over a parameter range, adaptively subdivided.")
    q.add_argument("f", help='interaction function of x, e.g. "sin(x)*exp(beta*(cos(x)-1))"')
    q.add_argument("--param", help='the parameter and its range, e.g. "beta in [-0.26, 2]", or a box '
                                   '"b in [0, 1], c in [0, 1/10]"')
    q.add_argument("--M", dest="M", default="2pi",
                   help="2pi (Theorem 2.1, default), any positive constant such as pi or 3*pi/2 "
                        "(Corollary 3.3, needs tau_max < M; checked and reported) or none "
                        "(no (1 + tau/M) factor)")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.add_argument("--cells", action="store_true", help="print every cell of the subdivision")
    q.add_argument("--min-width", default=None,
                   help="smallest parameter cell (exact decimal); default range/2^30")
    q.add_argument("--max-cells", type=int, default=20000, help="budget: parameter cells")
    q.add_argument("--max-seconds", type=float, default=600.0, help="budget: seconds")
    q.add_argument("--prec", type=int, default=64, help="arb working precision in bits")
    q.add_argument("--quiet", action="store_true", help="no progress on stderr")
    q.add_argument("--parts", type=int, default=None,
                   help="sweep: cut the range into this many parts, each certified by a worker "
                        "(default 4 with --jobs or --scheduler; the result does not depend on where "
                        "the parts ran)")
    q.add_argument("--jobs", type=int, default=None, help="sweep: local worker processes")
    q.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="sweep: run the parts on the workers of this Dask scheduler (tcp://host:8786)")
    q.set_defaults(func=run)
    return q


MAX_PARAMS = 2


def _parse_param(text: str):
    """(name, lo, hi) for one parameter; (names, lo corner, hi corner) as tuples for a box."""
    from .domain import parse_domain
    dom = parse_domain(text)
    if not 1 <= len(dom.names) <= MAX_PARAMS:
        raise CertifyInputError(f"criterion takes one or {MAX_PARAMS} parameters, e.g. 'beta in [-0.26, 2]' "
                                "or 'b in [0, 1], c in [0, 1/10]'")
    if "x" in dom.names:
        raise CertifyInputError("'x' is the position on the circle; name the parameter differently")
    ends = []
    for iv in dom.intervals:
        if not iv.bounded:
            raise CertifyInputError("the parameter range must be bounded, e.g. 'beta in [1, 1000]'")
        ends.append((Fraction(int(iv.lo.p), int(iv.lo.q)), Fraction(int(iv.hi.p), int(iv.hi.q))))
    if len(ends) == 1:
        return dom.names[0], ends[0][0], ends[0][1]
    return tuple(dom.names), tuple(a for a, _ in ends), tuple(b for _, b in ends)


def _setup(args):
    return setup(args.f, args.M, args.param, args.prec, args.max_cells, args.max_seconds, args.min_width)


def setup(f_text: str, M, param_text, prec: int, max_cells: int, max_seconds: float, min_width_text=None):
    """(Criterion, M key, (name, lo, hi) or None, min width) from what a user typed; bad input
    raises ``CertifyInputError`` (the CLI and ``certify.api.criterion`` share it)."""
    from .criterion import Criterion
    from .criterion_m import keys_for, m_key
    from .exact import to_rational
    from .expr.parse import parse_expr

    key = m_key(M)
    if max_cells < 1 or max_seconds <= 0 or not 16 <= prec <= 4096:
        raise CertifyInputError("budgets must be positive and --prec in [16, 4096]")
    names = ["x"]
    param = None
    if param_text:
        name, lo, hi = _parse_param(param_text)
        names += list(name) if isinstance(name, tuple) else [name]
        param = (name, lo, hi)
    f = parse_expr(f_text, names)          # the tree as written: no simplification
    crit = Criterion(f, "x", param[0] if param else None, prec=prec, keys=keys_for(key))
    min_width = None
    if min_width_text is not None:
        q = to_rational(min_width_text)
        if q <= 0:
            raise CertifyInputError("--min-width must be positive")
        min_width = Fraction(int(q.p), int(q.q))
    return crit, key, param, min_width


def decide(crit, key, param, min_width, max_cells, max_seconds, progress=None):
    """The criterion's RangeResult: the one cell of f without a parameter, else the adaptive
    subdivision of the parameter range (an f defined on no cell is bad input), with its
    ``hypotheses`` (``certify.criterion_hyp``) decided on its leaves."""
    from .criterion import RangeResult
    from .criterion_hyp import hypotheses
    if param is None:
        cell = crit.enclose()
        res = RangeResult(None, None, key, [cell], 1, cell.seconds)
        res.hypotheses = hypotheses(crit, key, res.leaves)
        return res
    name, lo, hi = param
    res = crit.certify_range(lo, hi, key, min_width=min_width, max_cells=max_cells, seconds=max_seconds,
                             progress=progress)
    if res.undefined and not res.budget_hit:
        reason = res.leaves[0].reason if res.leaves else ""
        raise CertifyInputError(f"f is not defined/continuous on [-pi, pi] for any {_where(name, lo, hi)}: "
                                f"{reason}")
    res.hypotheses = hypotheses(crit, key, res.leaves)
    return res


def _run_sweep(args, crit, key, param) -> int:
    """``certify criterion`` as a sweep on the executor (``certify.criterion_sweep``)."""
    from .criterion_sweep import sweep
    from .executor import Executor
    n = 4 if args.parts is None else args.parts
    if n < 1:
        raise CertifyInputError(f"--parts must be at least 1, not {n}")
    with Executor(args.jobs, args.scheduler) as ex:        # a bad --scheduler fails here
        doc = sweep(crit.text, param, key, args.prec, args.max_cells, args.max_seconds, args.min_width, ex, n)
    if args.json:
        emit("criterion", doc["status"], {"f": crit.text, "param": _param_json(param), **doc}, indent=1)
    else:
        _print_range(crit, doc, param, key, args.cells)
        _print_hypotheses(doc["hypotheses"], key)
    return {"HOLDS": 0, "FAILS": 1}.get(doc["status"], 3)


def _where(name, lo, hi) -> str:
    """'beta in [a, b]' or 'b in [a, b], c in [c, d]' with exact ends."""
    from .criterion import qstr
    if not isinstance(name, tuple):
        return f"{name} in [{qstr(lo)}, {qstr(hi)}]"
    return ", ".join(f"{n} in [{qstr(a)}, {qstr(b)}]" for n, a, b in zip(name, lo, hi))


def run(args) -> int:
    """Run ``certify criterion``; the exit status.  Bad input raises ``CertifyInputError``
    (the CLI prints it as one line, and as the JSON error document under ``--json``)."""
    crit, key, param, min_width = _setup(args)
    from .criterion import FAILS, HOLDS

    sweeping = args.parts is not None or args.jobs is not None or args.scheduler is not None
    if sweeping:
        if param is None:
            raise CertifyInputError("--parts, --jobs and --scheduler sweep a parameter range: give --param")
        return _run_sweep(args, crit, key, param)
    if param is None:
        res = decide(crit, key, None, min_width, args.max_cells, args.max_seconds)
    else:
        _, lo, hi = param
        with _RangeProgress(lo, hi, key, enabled=not args.quiet) as shown:
            res = decide(crit, key, param, min_width, args.max_cells, args.max_seconds, progress=shown)
    if args.json:
        # one shape with and without --param (docs/JSON.md); certify check replays it
        emit("criterion", res.status, {"f": crit.text, "param": _param_json(param),
                                       **res.as_json(cells=True)}, indent=1)
    elif param is None:
        _print_cell(crit, res.leaves[0], key)
        _print_hypotheses(res.hypotheses, key)
    else:
        _print_range(crit, res.as_json(cells=args.cells), param, key, args.cells)
        _print_hypotheses(res.hypotheses, key)
    return {HOLDS: 0, FAILS: 1}.get(res.status, 3)


def _print_hypotheses(entries, key):
    from .criterion_hyp import applies
    print("hypotheses (each with its theorem):")
    for h in entries:
        cells = h.get("not_certified_on") or []
        more = f"  (not certified on {len(cells)} cell{'s' if len(cells) != 1 else ''})" if cells else ""
        print(f"  {h['status']:13s} {h['theorem']}: {h['statement']}{more}")
        print(f"                {h['how']}")
    print(applies(entries, key))


def _param_json(param):
    """The parameter's name (one parameter), the list of names (a box) or None."""
    if param is None:
        return None
    return list(param[0]) if isinstance(param[0], tuple) else param[0]


class _RangeProgress:
    """Progress of an adaptive subdivision: the share of the parameter range covered by
    decided cells (the rest is being subdivided), with its ETA."""

    def __init__(self, lo, hi, key, enabled):
        from .progress import Progress
        self.bar = Progress(_volume(lo, hi) or 1.0, "criterion", enabled=enabled)
        self.key, self.covered, self.cells = key, 0.0, 0

    def __call__(self, cell):
        from .criterion import UNDECIDED
        self.cells += 1
        if cell.verdict[self.key] != UNDECIDED:
            self.covered += _volume(cell.lo, cell.hi)
        self.bar.update(self.covered, note=f"{self.cells} cells evaluated")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None and self.covered > 0:       # the leaves cover the range
            self.bar.update(self.bar.total)
        self.bar.close()
        return False


def _volume(lo, hi) -> float:
    """The width of a cell, or the volume of a box (for the progress share only)."""
    if not isinstance(lo, tuple):
        return float(hi - lo)
    v = 1.0
    for a, b in zip(lo, hi):
        v *= float(b - a)
    return v


def _print_cell(crit, cell, key):
    from .criterion_m import label
    d = cell.as_json(18)
    print(f"f(x) = {crit.text}")
    note = "  (a simple root of f', with f' < 0 on (tau, pi])" if cell.tau_is_root else ""
    print(f"  tau      in [{d['tau'][0]}, {d['tau'][1]}]{note}")
    print(f"  I        in [{d['I'][0]}, {d['I'][1]}]  (int_-pi^pi |f'''|_+ dx)")
    print(f"  f'(0)    in [{d['fprime0'][0]}, {d['fprime0'][1]}]")
    for k in crit.keys:
        print(f"  R[{k:>4}]  in [{d['R'][k][0]}, {d['R'][k][1]}]  {cell.verdict[k]:9s} {label(k)}")
    print(f"criterion with M = {key}: {cell.verdict[key]}")


def _print_range(crit, doc, param, key, cells):
    """The text output of a range from its JSON document (``RangeResult.as_json`` or a sweep's)."""
    from .criterion import FAILS, HOLDS, UNDECIDED
    from .criterion_m import label
    name, lo, hi = param
    print(f"f(x) = {crit.text};  R_M = 4 (1 + tau/M) f'(0) / (tau int|f'''|_+),  {label(key)}")
    what = {HOLDS: "the criterion HOLDS (R > 1 certified) on the whole range",
            FAILS: "the criterion is certified to FAIL (R < 1) on part of the range",
            UNDECIDED: "part of the range stays UNDECIDED"}[doc["status"]]
    parts = f", {doc['parts']} parts" if "parts" in doc else ""
    print(f"{_where(name, lo, hi)}: {what}  "
          f"({doc['cells']} cells{parts}, {doc['seconds']:.1f} s{', budget exhausted' if doc['budget_hit'] else ''})")
    for r in doc["ranges"]:
        print(f"  {r['verdict']:9s} {_span(name, r['lo'], r['hi'])}"
              f"  R in [{r['R_min_lower_bound']}, {r['R_max_upper_bound']}]  ({r['cells']} cells)")
        for why in r.get("reasons", []):
            print(f"            {why}")
    if cells:
        for d in doc["leaves"]:
            print(f"    [{d['lo']}, {d['hi']}] {d['verdict'][key]:9s} R in [{d['R'][key][0]}, {d['R'][key][1]}]"
                  f" tau in [{d['tau'][0]}, {d['tau'][1]}] I in [{d['I'][0]}, {d['I'][1]}] ({d['method']})")


def _span(name, lo, hi) -> str:
    """A range's exact ends with their decimal approximations, per parameter."""
    if not isinstance(name, tuple):
        return f"{name} in [{lo}, {hi}]  ~[{_approx(lo)}, {_approx(hi)}]"
    return ", ".join(f"{n} in [{a}, {b}]" for n, a, b in zip(name, lo, hi))


def _approx(q: str) -> str:
    from .criterion import round_decimal
    fr = Fraction(q)
    return round_decimal(fr, "lo", 8) if fr.denominator != 1 else q


def main(argv=None) -> int:
    """``python -m certify.criterion_cli [criterion] F [options]``: the same as ``certify criterion``."""
    from .cli import main as cli_main
    argv = list(sys.argv[1:] if argv is None else argv)
    return cli_main(argv if argv[:1] == ["criterion"] else ["criterion", *argv])


if __name__ == "__main__":
    sys.exit(main())
