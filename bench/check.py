"""Time of the independent checker on a certificate bundle, per certificate kind.

    python bench/check.py [reports/certificate.json]

Prints one row per kind (entries, cells replayed, seconds, one process), the total, and the
wall time of the same check in worker processes (what ``certify check`` does); the target of the
checker issue is <= 5 s for the committed bundle on the 2-core machine (the previous checker,
sharing the prover's kernel, took 21 s, later 9.5 s).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from certify.checker.bundle import check_bundle, check_entry


def main(path: str) -> None:
    doc = json.loads(Path(path).read_text())
    rows: dict = {}
    start = time.perf_counter()
    for entry in doc["claims"]:
        kind = (entry.get("certificate") or {}).get("kind") or entry["status"].lower()
        t = time.perf_counter()
        cells = check_entry(entry)
        n, c, s = rows.get(kind, (0, 0, 0.0))
        rows[kind] = (n + 1, c + cells, s + time.perf_counter() - t)
    total = time.perf_counter() - start
    print(f"{'kind':<12} {'entries':>8} {'cells':>8} {'seconds':>8}")
    for kind, (n, c, s) in sorted(rows.items(), key=lambda kv: -kv[1][2]):
        print(f"{kind:<12} {n:>8} {c:>8} {s:>8.2f}")
    print(f"{'total':<12} {sum(r[0] for r in rows.values()):>8} {sum(r[1] for r in rows.values()):>8} {total:>8.2f}")
    start = time.perf_counter()
    cells, verdicts = check_bundle(doc)            # what `certify check` runs: one worker per core
    assert all(v.ok for v in verdicts)
    print(f"{'certify check (workers)':<24} {cells:>8} {time.perf_counter() - start:>8.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent.parent / "reports" / "certificate.json"))
