"""``certify cbeta --beta B``: Lemma C.6's C_beta certified for one beta < -2/3.

The claims and the table come from the paper's lemma module (``lemmas.appendix_c6.cbeta_lemma``,
method in ``lemmas/c6_cbeta.py``); this module only parses, runs them as ``certify run`` does
(progress on stderr) and prints the row.  Exit 0 when every claim is PROVED, 3 if one is
UNDECIDED, 1 if one is REFUTED, 2 on bad input (beta >= -2/3: one line).
"""
from __future__ import annotations

import argparse

from .errors import CertifyInputError
from .jsondoc import emit


def add_parser(subparsers) -> argparse.ArgumentParser:
    q = subparsers.add_parser("cbeta", help="certify C_beta of Lemma C.6 for one beta < -2/3",
                              description="Certified thresholds n0 per residue class (sign condition and "
                                          "Hessian stability of the 3-cluster configuration) and C_beta.")
    q.add_argument("--beta", required=True, help='an exact number < -2/3, e.g. -1, -0.7 or (with =) --beta=-7/10')
    q.add_argument("--out", help="also write REPORT.md, ERRATA.md and certificate.json (certify check) here")
    q.add_argument("--jobs", type=int, default=None, help="local worker processes (default: min(2, cores))")
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
    lemma = _lemma(args.beta)
    start = time.monotonic()
    with Executor(args.jobs) as executor:
        grouped = run_lemmas([lemma], progress=not args.quiet, executor=executor)
    seconds = time.monotonic() - start
    if args.out:
        from .report import write_reports
        write_reports(grouped, args.out, f"certify: C_beta at beta = {args.beta}", total_seconds=seconds,
                      partial=True)
    statuses = {o.claim.id: o.result.status for o in grouped[0][1]}
    bad = {cid: s for cid, s in statuses.items() if s not in ("PROVED", "HUMAN")}
    status = "REFUTED" if "REFUTED" in bad.values() else "UNDECIDED" if bad else "PROVED"
    (table,) = lemma.tables
    row = dict(zip(table.header, table.rows[0]))
    if args.json:
        emit("cbeta", status, {"beta": args.beta, "row": row, "claims": statuses, "not_proved": bad,
                               "seconds": round(seconds, 2), "out": args.out})
    else:
        for key, value in row.items():
            print(f"{key:24s} {value}")
        proved = sum(s == "PROVED" for s in statuses.values())
        print(f"{proved} of {len(statuses)} claims PROVED in {seconds:.1f} s"
              + (f"; NOT PROVED: {', '.join(f'{c} {s}' for c, s in bad.items())}" if bad else "")
              + (f"; reports in {args.out}/" if args.out else ""))
    return {"PROVED": 0, "REFUTED": 1, "UNDECIDED": 3}[status]
