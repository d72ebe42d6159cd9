"""Soundness on the adversarial corpus tests/corpus/claims.tsv (built by tests/corpus/generate.py).

Each row is a claim with a ground truth from 60-digit mpmath under real semantics (a claim is
false when either side is undefined somewhere on the domain).  certify may answer UNDECIDED on
anything, but must never PROVE a false claim nor REFUTE a true one.  Input errors
(CertifyInputError) count as UNDECIDED and are tallied separately.

All claims are run once per session in a pool of 2 worker processes and cached.  The counts
(proved / refuted / undecided per class and truth) are printed by ``test_corpus_summary`` and by
``python tests/test_corpus.py``.
"""
from __future__ import annotations

import csv
import multiprocessing
import multiprocessing.connection
import os
import sys
import time
from collections import Counter, defaultdict

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "corpus", "claims.tsv")
MAX_CELLS = 3000
MAX_SECONDS = 1.0
WALL_TIMEOUT = 20.0          # a claim still running after this is counted as TIMEOUT (undecided)
WORKERS = 2


def load_rows():
    with open(TSV, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = load_rows()


def _run_one(claim, over):
    """-> (status, seconds, detail).  status: PROVED / REFUTED / UNDECIDED / INPUT_ERROR / ERROR."""
    from certify.api import prove
    from certify.errors import CertifyInputError
    t0 = time.perf_counter()
    try:
        r = prove(claim, over, max_cells=MAX_CELLS, max_seconds=MAX_SECONDS)
        status, detail = str(r.status), ""
    except CertifyInputError as e:
        status, detail = "INPUT_ERROR", str(e)[:200]
    except Exception as e:                      # an engine crash is not unsound; report it
        status, detail = "ERROR", f"{type(e).__name__}: {str(e)[:200]}"
    return status, time.perf_counter() - t0, detail


def _worker(conn):
    while True:
        task = conn.recv()
        if task is None:
            return
        rid, claim, over = task
        conn.send((rid, _run_one(claim, over)))


def run_all(rows=ROWS, workers=WORKERS, wall_timeout=WALL_TIMEOUT):
    """Run every claim in `workers` processes; -> {id: (status, seconds, detail)}.

    A claim still running after `wall_timeout` seconds is recorded as TIMEOUT (counted like
    UNDECIDED) and its worker process is killed and replaced."""
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    todo = [(r["id"], r["claim"], r["over"]) for r in rows][::-1]
    out = {}
    procs = []                       # [process, conn, task or None, start time]

    def spawn():
        parent, child = ctx.Pipe()
        p = ctx.Process(target=_worker, args=(child,), daemon=True)
        p.start()
        child.close()
        return [p, parent, None, 0.0]

    def feed(w):
        if todo:
            w[2] = todo.pop()
            w[3] = time.perf_counter()
            w[1].send(w[2])
        else:
            w[2] = None

    try:
        for _ in range(max(1, workers)):
            w = spawn()
            procs.append(w)
            feed(w)
        while any(w[2] is not None for w in procs):
            busy = [w for w in procs if w[2] is not None]
            ready = multiprocessing.connection.wait([w[1] for w in busy], timeout=0.5)
            for w in busy:
                if w[1] in ready:
                    try:
                        rid, res = w[1].recv()
                    except EOFError:             # the worker died
                        rid, res = w[2][0], ("ERROR", time.perf_counter() - w[3], "worker died")
                        w[:] = spawn()
                    out[rid] = res
                    feed(w)
                elif time.perf_counter() - w[3] > wall_timeout:
                    out[w[2][0]] = ("TIMEOUT", wall_timeout, "no answer within the wall-clock limit")
                    w[0].kill()
                    w[0].join()
                    w[:] = spawn()
                    feed(w)
    finally:
        for w in procs:
            try:
                w[1].send(None)
            except (BrokenPipeError, OSError):
                pass
            w[0].join(timeout=2)
            if w[0].is_alive():
                w[0].kill()
                w[0].join()
    return out


def unsound(row, status):
    return (row["truth"] == "false" and status == "PROVED") or (row["truth"] == "true" and status == "REFUTED")


def summary_text(rows, results):
    table = defaultdict(Counter)
    for r in rows:
        st = results[r["id"]][0]
        table[(r["class"], r["truth"])][st] += 1
    cols = ["PROVED", "REFUTED", "UNDECIDED", "INPUT_ERROR", "ERROR", "TIMEOUT"]
    lines = [f"{'class':<10} {'truth':<6} {'n':>4} " + " ".join(f"{c:>11}" for c in cols)]
    total = defaultdict(Counter)
    for (cls, truth) in sorted(table):
        c = table[(cls, truth)]
        total[truth].update(c)
        lines.append(f"{cls:<10} {truth:<6} {sum(c.values()):>4} " + " ".join(f"{c[k]:>11}" for k in cols))
    for truth in sorted(total):
        c = total[truth]
        lines.append(f"{'ALL':<10} {truth:<6} {sum(c.values()):>4} " + " ".join(f"{c[k]:>11}" for k in cols))
    bad = [r for r in rows if unsound(r, results[r["id"]][0])]
    lines.append(f"unsound: {len(bad)}")
    for r in bad:
        lines.append(f"  {r['id']}: {results[r['id']][0]} {r['claim']!r} over {r['over']!r} "
                     f"(truth {r['truth']}: {r['note']})")
    slow = sorted(((results[r['id']][1], r["id"]) for r in rows), reverse=True)[:5]
    lines.append("slowest: " + ", ".join(f"{rid} {t:.1f}s" for t, rid in slow))
    by_class = defaultdict(float)
    for r in rows:
        by_class[r["class"]] += results[r["id"]][1]
    lines.append("engine time per class: " + ", ".join(f"{c} {t:.1f}s" for c, t in sorted(by_class.items())))
    times = [results[r["id"]][1] for r in rows]
    lines.append(f"engine time: total {sum(times):.1f}s over {len(times)} claims, "
                 f"{sum(t > 2 * MAX_SECONDS for t in times)} claims over {2 * MAX_SECONDS:.0f}s")
    errs = [r for r in rows if results[r["id"]][0] in ("ERROR", "INPUT_ERROR")]
    if errs:
        lines.append("errors: " + "; ".join(f"{r['id']} {results[r['id']][0]} {results[r['id']][2]}"
                                             for r in errs[:12]) + (" ..." if len(errs) > 12 else ""))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def corpus_results():
    return run_all()


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_corpus_soundness(row, corpus_results):
    status = corpus_results[row["id"]][0]
    assert not (row["truth"] == "false" and status == "PROVED"), (
        f"false claim PROVED: {row['claim']} over {row['over']} ({row['note']})")
    assert not (row["truth"] == "true" and status == "REFUTED"), (
        f"true claim REFUTED: {row['claim']} over {row['over']} ({row['note']})")


def test_corpus_summary(corpus_results, capsys):
    text = summary_text(ROWS, corpus_results)
    with capsys.disabled():
        print("\n" + text)
    assert len(corpus_results) == len(ROWS)


def test_corpus_shape():
    assert len(ROWS) >= 320
    ids = [r["id"] for r in ROWS]
    assert len(set(ids)) == len(ids)
    assert {r["truth"] for r in ROWS} <= {"true", "false"}
    per_class = Counter(r["class"] for r in ROWS)
    assert all(n >= 20 for n in per_class.values()), per_class


if __name__ == "__main__":
    # python tests/test_corpus.py [--seconds S]: the table per class with a per-claim budget of
    # S seconds (default MAX_SECONDS; issue 10 measures at 5)
    if "--seconds" in sys.argv:
        MAX_SECONDS = float(sys.argv[sys.argv.index("--seconds") + 1])
    t0 = time.perf_counter()
    res = run_all()
    print(summary_text(ROWS, res))
    print(f"wall {time.perf_counter() - t0:.1f}s")
