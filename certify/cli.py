"""Command line: ``certify prove | bound | run | report | check | criterion | cbeta | simulate``.

Exit status: 0 proved / holds, 1 refuted / fails, 3 undecided, 2 bad input (one-line message,
no traceback).
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from .errors import CertifyInputError
from .jsondoc import emit, fail

EXIT = {"PROVED": 0, "REFUTED": 1, "UNDECIDED": 3}


class _UsageError(CertifyInputError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _UsageError(message)


class _Version(argparse.Action):
    """``--version``: reads the installed version (importlib.metadata) only when asked."""

    def __call__(self, parser, namespace, values, option_string=None):
        from . import __version__
        print(f"certify {__version__}")
        parser.exit()


def _budget(args):
    from .search import Budget
    return Budget(cells=args.max_cells, seconds=args.max_seconds)


def _decide(parts, domain, budget):
    """The Result of one claim, or of a chain a < b < c (every link; the first link that is not
    PROVED decides the status)."""
    from .expr.text import to_text
    from .prover import prove_inequality
    if any(op == "==" for _, op, _ in parts):
        from .claims import Identity
        if len(parts) != 1:
            raise CertifyInputError("an identity is one 'lhs == rhs', not a chain")
        lhs, _, rhs = parts[0]
        return Identity("cli", "", lhs=lhs, rhs=rhs, over=str(domain)).run()
    results = [prove_inequality(lhs, op, rhs, domain, budget) for lhs, op, rhs in parts]
    if len(results) == 1:
        return results[0]
    for (lhs, op, rhs), r in zip(parts, results):
        if r.status != "PROVED":
            r.reason = f"{to_text(lhs)} {op} {to_text(rhs)}: {r.reason}".rstrip(": ")
            r.margin, r.certificate = None, None
            return r
    first = results[0]
    first.certificate = None                 # a chain has one certificate per link: prove each to keep them
    first.cells = sum(r.cells for r in results)
    first.margin = None
    first.reason = f"all {len(results)} links of the chain proved"
    return first


def cmd_prove(args) -> int:
    from .domain import parse_domain
    from .expr.parse import parse_relations
    domain = parse_domain(args.over)
    parts = parse_relations(args.claim, domain.names)
    if args.certificate and len(parts) > 1:
        raise CertifyInputError("--certificate takes one inequality, not a chain: prove each link")
    start = time.monotonic()
    r = _decide(parts, domain, _budget(args))
    seconds = time.monotonic() - start
    if args.json:
        emit("prove", r.status, {"margin": r.margin, "margin_kind": r.margin_kind, "witness": r.witness,
                                 "witness_value": r.witness_value, "reason": r.reason, "cells": r.cells,
                                 "methods": r.methods, "seconds": round(seconds, 3),
                                 "certificate": r.certificate if args.certificate else None})
    else:
        print(r.status)
        if r.margin:
            print(f"certified margin (inf of the slack) in [{r.margin[0]}, {r.margin[1]}]")
        if r.witness:
            where = "the expression is undefined there" if r.witness_value is None else f"slack in {r.witness_value}"
            print(f"witness {r.witness}: {where}")
        if r.reason:
            print(f"reason: {r.reason}")
        if r.open_cells:
            print(f"unresolved cells (first few): {r.open_cells[:5]}")
        print(f"cells {r.cells} {dict(sorted(r.methods.items()))}, time {seconds:.3f} s")
    if args.certificate and r.certificate:
        with open(args.certificate, "w") as fh:
            json.dump(r.certificate, fh, indent=1, sort_keys=True)
    return EXIT[r.status]


def cmd_bound(args) -> int:
    from .api import bound
    kind = "max" if args.max else "min"
    start = time.monotonic()
    b = bound(args.expr, args.over, kind, args.tol, args.max_cells, args.max_seconds)
    seconds = time.monotonic() - start
    enc, cells = b.enclosure, b.cells
    if args.json:
        emit("bound", "PROVED" if enc else "UNDECIDED", {"kind": kind, "enclosure": enc,
               "reason": "" if enc else "no finite enclosure", "cells": cells, "seconds": round(seconds, 3)})
        return 0 if enc else 3
    if enc is None:
        print("UNDECIDED: no finite enclosure", file=sys.stderr)
        return 3
    else:
        print(f"{kind} in [{enc[0]}, {enc[1]}]  ({cells} cells, {seconds:.3f} s)")
    return 0


def _select(lemma_id, module=None):
    from lemmas import load_module, registry
    lemmas = load_module(module) if module else registry()
    if lemma_id:
        chosen = [l for l in lemmas if l.id.lower() == lemma_id.lower()]
        if not chosen:
            raise CertifyInputError(f"no lemma '{lemma_id}' (known: {', '.join(l.id for l in lemmas)})")
        return chosen
    return lemmas


def cmd_run(args) -> int:
    from .domain import parse_interval
    from .executor import Executor
    from .report import write_reports
    from .runner import run_lemmas
    if args.beta:
        if not args.lemma:
            raise CertifyInputError("--beta needs --lemma (a β range belongs to one lemma)")
        parse_interval(args.beta)     # validates the text: reversed / empty ranges exit 2
    start = time.monotonic()
    partial = bool(args.lemma or args.beta or args.module)
    out_dir = args.out or (_partial_dir(args) if partial else "reports")
    side = None
    with Executor(args.jobs, args.scheduler) as executor:     # a bad --scheduler fails here, before any work
        if not partial and not args.no_extras:
            # the criterion and figures write their own files: run them beside the lemma workers,
            # started before the registry is built (1.5 s in which the other core is idle)
            import multiprocessing
            method = "spawn" if args.scheduler else "fork"      # no fork beside the Dask client's threads
            side = multiprocessing.get_context(method).Process(target=_run_extras, args=(out_dir,))
            side.start()
        try:
            lemmas = _select(args.lemma, args.module)
            if args.beta:
                lemmas = [l.with_beta(args.beta) for l in lemmas]
            grouped = run_lemmas(lemmas, progress=not args.quiet, executor=executor)
        except BaseException:
            if side is not None:
                side.terminate()
                side.join()
            raise
    seconds = time.monotonic() - start
    title = "certify: certification report" + (f" (lemma {args.lemma})" if args.lemma else "")
    write_reports(grouped, out_dir, title, beta=args.beta, total_seconds=seconds, partial=partial)
    if side is not None:
        side.join()
        if side.exitcode != 0:
            raise RuntimeError(f"the criterion job failed (exit {side.exitcode})")
    statuses = [o.result.status for _, outs in grouped for o in outs]
    summary = {s: statuses.count(s) for s in sorted(set(statuses))}
    if args.json:
        emit("run", "UNDECIDED" if "UNDECIDED" in statuses else "OK", {
            "summary": summary, "seconds": round(seconds, 2), "out": out_dir,
            "claims": [{"lemma": l.id, "id": o.claim.id, "status": o.result.status, "margin": o.result.margin}
                       for l, outs in grouped for o in outs]})
    else:
        print(f"{len(statuses)} assertions in {seconds:.1f} s: {summary}; reports written to {out_dir}/")
    return 3 if "UNDECIDED" in statuses else 0


def _partial_dir(args) -> str:
    """runs/<lemma or module>[_<beta range>]: a partial run never overwrites reports/."""
    import os
    import re
    name = args.lemma or os.path.splitext(os.path.basename(args.module))[0]
    if args.beta:
        name += "_" + args.beta
    return os.path.join("runs", re.sub(r"[^A-Za-z0-9.+-]+", "_", name).strip("_"))


def _run_extras(out_dir):
    import os
    from lemmas import extras
    os.makedirs(out_dir, exist_ok=True)
    for job in extras():
        job(out_dir)


def cmd_report(args) -> int:
    from .report import report_from_bundle
    try:
        with open(args.certificate) as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as exc:
        raise CertifyInputError(f"cannot read {args.certificate}: {exc}") from None
    text = report_from_bundle(doc if isinstance(doc, dict) else {}, args.certificate)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_check(args) -> int:
    from .checker.bundle import NotABundle, check_file

    from .progress import Progress
    bar = None

    def progress(i, n, cid):
        nonlocal bar
        bar = bar or Progress(n, "check", enabled=not args.quiet)
        bar.update(i, note=str(cid))
    try:
        cells, verdicts = check_file(args.file, progress)
    except NotABundle as exc:
        raise CertifyInputError(str(exc)) from None
    if bar:
        bar.close()
    failed = [v for v in verdicts if not v.ok]
    counts: dict = {}
    for v in verdicts:
        counts[v.status] = counts.get(v.status, 0) + 1
    if args.json:
        emit("check", "FAILED" if failed else "OK", {"ok": not failed, "cells": cells, "statuses": counts,
               "claims": [{"id": v.id, "status": v.status, "ok": v.ok, "reason": v.reason} for v in verdicts]},
              indent=1)
    else:
        for v in failed:
            print(f"CHECK FAILED {v.id} ({v.status}): {v.reason}")
        if not failed:
            print(f"OK: {len(verdicts)} entries re-verified by the independent checker "
                  f"({cells} cells replayed): {dict(sorted(counts.items()))}")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="certify", description="Verified numerics for mean-field synchronization on the circle.")
    p.add_argument("--version", action=_Version, nargs=0, help="show program's version number and exit")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def budget_opts(q):
        q.add_argument("--max-cells", type=int, default=20000)
        q.add_argument("--max-seconds", type=float, default=60.0)
        q.add_argument("--json", action="store_true")

    q = sub.add_parser("prove", help="decide a for-all inequality")
    q.add_argument("claim", help='e.g. "sqrt(2*z)*(2*z-3)*exp(-z) > -1.381"')
    q.add_argument("--over", required=True, help='e.g. "z in [0, oo)" or "b in (1/3, 1/2), z in [0, 1]"')
    q.add_argument("--certificate", help="write the certificate JSON to this file")
    budget_opts(q)
    q.set_defaults(func=cmd_prove)

    q = sub.add_parser("bound", help="certified enclosure of a min or max")
    q.add_argument("expr")
    q.add_argument("--over", required=True)
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--min", action="store_true")
    g.add_argument("--max", action="store_true")
    q.add_argument("--tol", default="1e-9")
    budget_opts(q)
    q.set_defaults(func=cmd_bound)

    q = sub.add_parser("report", help="rebuild a Markdown report from a certificate bundle (nothing recomputed)")
    q.add_argument("certificate")
    q.add_argument("--out", help="write the Markdown to this file (default: standard output)")
    q.set_defaults(func=cmd_report)

    for name, helptext in (("run", "certify every registered lemma and write reports/"),):
        q = sub.add_parser(name, help=helptext)
        q.add_argument("--lemma", help="run one lemma, e.g. A.4")
        q.add_argument("--beta", help='re-run the lemma on a new β range, e.g. "[0.7, 1)"')
        q.add_argument("--module", help="run the lemmas (LEMMAS list) of this Python file instead of the registry")
        q.add_argument("--out", help="output folder (default reports/ for a full run, runs/<name> for a partial one)")
        q.add_argument("--jobs", type=int, default=None, help="local worker processes (default: min(2, cores))")
        q.add_argument("--scheduler", metavar="ADDRESS",
                       help="run the claims on the Dask cluster at ADDRESS, e.g. tcp://host:8786 (pip install -e '.[dask]')")
        q.add_argument("--quiet", action="store_true", help="no progress on stderr")
        q.add_argument("--no-extras", action="store_true", help="skip the criterion figures")
        q.add_argument("--json", action="store_true")
        q.set_defaults(func=cmd_run)

    q = sub.add_parser("check", help="re-verify a certificate file with the independent checker")
    q.add_argument("file")
    q.add_argument("--json", action="store_true", help="one verdict per claim")
    q.add_argument("--quiet", action="store_true", help="no progress on stderr")
    q.set_defaults(func=cmd_check)

    from . import cbeta_cli, criterion_cli
    from .simulate import cli as simulate_cli
    criterion_cli.add_parser(sub)
    cbeta_cli.add_parser(sub)
    simulate_cli.add_parser(sub)
    return p


def _engine_bug():
    from .runner import EngineBug
    return EngineBug


def _command(argv) -> str:
    """The sub-command named in ``argv`` (for the error document of an unparsable line)."""
    return next((a for a in argv if not a.startswith("-")), "")


def main(argv=None) -> int:
    """Run one command line; returns the exit status (errors: one line on stderr, and the
    JSON error document under ``--json``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except _UsageError as exc:
        fail(_command(argv), str(exc), "--json" in argv)
        return 2
    as_json = getattr(args, "json", False)
    try:
        return args.func(args)
    except CertifyInputError as exc:
        fail(args.command, str(exc), as_json)
        return 2
    except _engine_bug() as exc:
        fail(args.command, str(exc), as_json, kind="ENGINE BUG", status="INTERNAL_ERROR")
        return 4
    except KeyboardInterrupt:
        print("certify: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except RecursionError:
        fail(args.command, "expression too deeply nested", as_json)
        return 2
    except Exception as exc:          # an internal error: never the REFUTED code
        fail(args.command, f"{type(exc).__name__}: {exc}", as_json, kind="internal error",
             status="INTERNAL_ERROR")
        return 4


if __name__ == "__main__":
    sys.exit(main())
