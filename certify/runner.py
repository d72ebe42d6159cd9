"""Run lemmas: every claim decided (as independent jobs: local worker processes or a Dask
cluster), each inequality also float64-sampled; a sampled slack below its certified lower bound
is an engine bug."""
from __future__ import annotations

import hashlib
from contextlib import nullcontext
from dataclasses import dataclass
from fractions import Fraction

from .claims import Inequality
from .derived import Derived
from .executor import Executor
from .progress import Progress
from .prover import Result, normalize
from .sampling import sampled_min


class EngineBug(RuntimeError):
    pass


@dataclass
class ClaimOutcome:
    lemma: str
    claim: object
    result: Result
    sampled: float | None = None
    sampled_at: dict | None = None

    @property
    def hash(self) -> str:
        return hashlib.sha256(f"{self.claim.kind}|{self.claim.id}|{self.claim.describe()}".encode()).hexdigest()[:16]


def _run_one(claim):
    result = claim.run()
    sampled = None
    if isinstance(claim, Inequality):
        lhs, rhs = claim.sides()
        slack, _ = normalize(lhs, claim.op, rhs)
        sampled = sampled_min(slack, claim.domain())
    return result, sampled


def _cross_check(outcome: ClaimOutcome):
    r = outcome.result
    if outcome.sampled is None or r.status != "PROVED" or r.margin_kind != "slack" or not r.margin:
        return
    lower = Fraction(r.margin[0])
    tolerance = Fraction(1, 10 ** 9) * max(1, abs(lower))
    if Fraction(repr(outcome.sampled)) < lower - tolerance:
        raise EngineBug(f"{outcome.claim.id}: float64 sample {outcome.sampled} at {outcome.sampled_at} "
                        f"is below the certified lower bound {r.margin[0]}")


def run_lemmas(lemmas, jobs: int | None = None, progress=True,
               executor: Executor | None = None) -> list[tuple[object, list[ClaimOutcome]]]:
    """Decide every claim: the searched ones as independent jobs of ``executor`` (default: a
    local pool of ``jobs`` processes; ``certify.executor``), then the derived ones
    (``certify.derived``) from their premises' outcomes, premises first, in this process."""
    work = [(lemma, claim) for lemma in lemmas for claim in lemma.resolved_claims()]
    done: dict[int, ClaimOutcome] = {}
    bar = Progress(len(work), "run", enabled=progress, log_lines=len(work))   # a log: one line per claim

    def shown(lemma, claim, result):
        bar.advance(note=f"{lemma.id} {claim.id} {result.status}")
    searched = [k for k, (_, claim) in enumerate(work) if not isinstance(claim, Derived)]
    with nullcontext(executor) if executor else Executor(jobs) as ex:
        for k, (result, sampled) in zip(searched, ex.imap(_run_one, [work[k][1] for k in searched])):
            lemma, claim = work[k]
            out = ClaimOutcome(lemma.id, claim, result,
                               sampled[0] if sampled else None, sampled[1] if sampled else None)
            _cross_check(out)
            done[k] = out
            shown(lemma, claim, result)
    _derive(work, done, shown)
    bar.close()
    grouped = []
    for lemma in lemmas:
        grouped.append((lemma, [done[k] for k, (l, _) in enumerate(work) if l is lemma]))
    return grouped


def _derive(work, done, shown):
    """Decide the derived claims once their derived premises are decided (a cycle, or a
    premise that is never decided, leaves them UNDECIDED)."""
    pending = [k for k, (_, c) in enumerate(work) if isinstance(c, Derived)]
    derived_ids = {work[k][1].id for k in pending}
    while pending:
        outcomes = {o.claim.id: (o.claim, o.result) for o in done.values()}
        ready = [k for k in pending if all(p in outcomes or p not in derived_ids
                                           for p in work[k][1].premise_ids())]
        for k in ready or pending:
            lemma, claim = work[k]
            result = claim.decide(outcomes) if ready else Result(
                "UNDECIDED", reason="its derivation depends on itself")
            done[k] = ClaimOutcome(lemma.id, claim, result)
            shown(lemma, claim, result)
        pending = [k for k in pending if k not in done]
