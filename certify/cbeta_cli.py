"""``certify cbeta --beta B [--beta B2 ...]``: Lemma C.6's C_beta certified for each beta < -2/3.

The claims and the table come from the paper's lemma module (``lemmas.appendix_c6.cbeta_lemma``,
method in ``lemmas/c6_cbeta.py``); this module only parses, runs them as ``certify run`` does
(progress on stderr; every claim of every beta is one job of the executor: local processes,
or the Dask cluster of ``--scheduler``) and prints one row per beta.  Exit 0 when every claim
is PROVED, 3 if one is UNDECIDED, 1 if one is REFUTED, 2 on bad input (beta >= -2/3: one line).
"""
from __future__ import annotations

import argparse

from .errors import CertifyInputError
from .jsondoc import emit


def add_parser(subparsers) -> argparse.ArgumentParser:
    q = subparsers.add_parser("cbeta", help="certify C_beta of Lemma C.6 for each beta < -2/3 given",
                              description="Certified thresholds n0 per residue class (sign condition and "
                                          "Hessian stability of the 3-cluster configuration) and C_beta.")
    q.add_argument("--beta", required=True, action="append",
                   help='an exact number < -2/3, e.g. -1, -0.7 or (with =) --beta=-7/10; repeat for a table')
    q.add_argument("--out", help="also write REPORT.md, ERRATA.md and certificate.json (certify check) here "
                                 "(one folder beta_B per beta when several are given)")
    q.add_argument("--jobs", type=int, default=None, help="local worker processes (default: min(2, cores))")
    q.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the claims on the Dask cluster at ADDRESS (pip install -e '.[dask]')")
    q.add_argument("--quiet", action="store_true", help="no progress on stderr")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run)
    return q


def _lemma(text):
    import sympy
    try:
        beta = sympy.Rational(text)
    except (TypeError, ValueError, SyntaxError, sympy.SympifyError):
        raise CertifyInputError(f"--beta {text!r} is not an exact number") from None
    if not beta < sympy.Rational(-2, 3):
        raise CertifyInputError(f"C_beta is defined for beta < -2/3 (got beta = {text})")
    from lemmas.appendix_c6 import cbeta_lemma
    try:
        return cbeta_lemma(text)
    except ValueError as exc:
        raise CertifyInputError(f"beta = {text}: {exc}") from None


def run(args) -> int:
    import time
    from .executor import Executor
    from .runner import run_lemmas
    lemmas = [_lemma(beta) for beta in args.beta]
    start = time.monotonic()
    grouped = []
    with Executor(args.jobs, args.scheduler) as executor:
        for beta, lemma in zip(args.beta, lemmas):   # one run per beta: each lemma's ids are its own
            one = run_lemmas([lemma], progress=not args.quiet, executor=executor)
            grouped += one
            if args.out:
                from pathlib import Path
                from .report import write_reports
                out = args.out if len(lemmas) == 1 else str(Path(args.out) / f"beta_{beta.replace('/', '_')}")
                write_reports(one, out, f"certify: C_beta at beta = {beta}", partial=True,
                              total_seconds=time.monotonic() - start)
    seconds = time.monotonic() - start
    statuses = {f"{beta} {o.claim.id}" if len(lemmas) > 1 else o.claim.id: o.result.status
                for beta, (_, outcomes) in zip(args.beta, grouped) for o in outcomes}
    bad = {cid: s for cid, s in statuses.items() if s not in ("PROVED", "HUMAN")}
    status = "REFUTED" if "REFUTED" in bad.values() else "UNDECIDED" if bad else "PROVED"
    rows = []
    for lemma in lemmas:
        (table,) = lemma.tables
        rows.append(dict(zip(table.header, table.rows[0])))
    if args.json:
        one = {"beta": args.beta[0], "row": rows[0]} if len(rows) == 1 else {}
        emit("cbeta", status, {**one, "betas": args.beta, "rows": rows, "claims": statuses, "not_proved": bad,
                               "seconds": round(seconds, 2), "out": args.out})
    else:
        for row in rows:
            for key, value in row.items():
                print(f"{key:24s} {value}")
            print()
        proved = sum(s == "PROVED" for s in statuses.values())
        print(f"{proved} of {len(statuses)} claims PROVED in {seconds:.1f} s"
              + (f"; NOT PROVED: {', '.join(f'{c} {s}' for c, s in bad.items())}" if bad else "")
              + (f"; reports in {args.out}/" if args.out else ""))
    return {"PROVED": 0, "REFUTED": 1, "UNDECIDED": 3}[status]
