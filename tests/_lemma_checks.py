"""Shared checks for the lemma-module tests (tests/test_appendix_b.py, test_appendix_c.py,
test_section5.py).

Every claim's status is compared with its expected status: PROVED for Identity, Inequality,
RootCount and matrix claims, HUMAN / CITED for human and cited steps, REFUTED for the printed
assertions listed by the test module (each must carry an erratum).  Every PROVED inequality gets
a mutated twin that must not be PROVED (``certify.mutation.mutated_twin``: the constant moved just
past the smaller of the certified margin's upper end and the float64-sampled minimum).  The sampled
slack must never fall below the certified lower margin (that would be an engine bug).
"""
from __future__ import annotations

import copy
import functools
from fractions import Fraction

from certify.checker.derived import check_derivation
from certify.checker.terms import CheckError
from certify.claims import Inequality
from certify.derived import Derived
from certify.mutation import mutated_twin
from certify.prover import normalize
from certify.sampling import sampled_min

DEFAULT = {"identity": "PROVED", "inequality": "PROVED", "rootcount": "PROVED", "matrix": "PROVED", "limit": "PROVED",
           "human": "HUMAN", "cited": "CITED", "assumed": "HUMAN", "derived": "PROVED"}
FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def derivation_mutants(cert):
    """The derivation with one premise dropped (a term, a factor, a bound, a cover piece), or
    an inequality term's coefficient negated: each must fail to replay."""
    out = []
    if cert["rule"] == "combine":
        for i, term in enumerate(cert["terms"]):
            out.append(dict(cert, terms=cert["terms"][:i] + cert["terms"][i + 1:]))
            for j in range(len(term["factors"])):
                m = copy.deepcopy(cert)
                del m["terms"][i]["factors"][j]
                out.append(m)
            m = copy.deepcopy(cert)
            m["terms"][i]["coef"] = "-" + term["coef"]
            out.append(m)
    elif cert["rule"] == "substitute":
        out += [dict(cert, bounds=cert["bounds"][:i] + cert["bounds"][i + 1:]) for i in range(len(cert["bounds"]))]
    elif cert["rule"] == "cover":
        out += [dict(cert, premises=cert["premises"][:i] + cert["premises"][i + 1:])
                for i in range(len(cert["premises"]))]
    return out


@functools.lru_cache(maxsize=None)
def _registry_claims():
    from lemmas import registry
    return {c.id: c for lemma in registry() for c in lemma.resolved_claims()}


@functools.lru_cache(maxsize=None)
def _registry_outcome(pid):
    """(claim, result) of a claim of another lemma module (premises across modules)."""
    claim = _registry_claims()[pid]
    if isinstance(claim, Derived):
        return claim, claim.decide({p: _registry_outcome(p) for p in claim.premise_ids()})
    return claim, claim.run()


class Checks:
    def __init__(self, module, refuted=(), human_derived=()):
        self.module = module
        self.refuted = frozenset(refuted)
        self.human_derived = frozenset(human_derived)
        self.claims = {}
        self.lemma_of = {}
        for lemma in module.LEMMAS:
            for c in lemma.resolved_claims():
                assert c.id not in self.claims, f"duplicate claim id {c.id}"
                self.claims[c.id] = c
                self.lemma_of[c.id] = lemma
        self.result = functools.lru_cache(maxsize=None)(self._run)

    def _run(self, cid):
        claim = self.claims[cid]
        if isinstance(claim, Derived):
            return claim.decide({p: self._premise(p) for p in claim.premise_ids()})
        return claim.run()

    def _premise(self, pid):
        """(claim, result) of a premise: of this module, or of another lemma module."""
        if pid in self.claims:
            return self.claims[pid], self.result(pid)
        return _registry_outcome(pid)

    def expected(self, cid):
        if cid in self.human_derived:
            return "HUMAN"
        return "REFUTED" if cid in self.refuted else DEFAULT[self.claims[cid].kind]

    def derived_ids(self):
        return [i for i, c in self.claims.items() if isinstance(c, Derived)]

    def check_derived_twins(self, cid):
        """The derivation replays; with a premise dropped, a coefficient's sign flipped, or the
        conclusion's relation reversed, it does not."""
        claim = self.claims[cid]
        cert, record = claim.derivation(), claim.record()

        def lookup(pid):          # the premise's statement only: nothing is proved for it
            claim = self.claims[pid] if pid in self.claims else _registry_claims()[pid]
            return claim.kind, claim.record()
        check_derivation(record, cert, lookup)
        mutants = [(record, m) for m in derivation_mutants(cert)] + [(dict(record, op=FLIP[record["op"]]), cert)]
        for rec, m in mutants:
            try:
                check_derivation(rec, m, lookup)
            except CheckError:
                continue
            raise AssertionError(f"{cid}: a mutated derivation replays: {m} / {rec['op']}")

    def ids(self):
        return list(self.claims)

    def foreign_ids(self):
        """Derived claims of this module whose premises are all another module's claims
        (Section 5's cover of Lemmas A.4-A.7): decided in that module's test file, where the
        premises' outcomes are computed anyway (``decide_foreign``), not proved again here."""
        return [i for i in self.derived_ids()
                if not any(p in self.claims for p in self.claims[i].premise_ids())]

    def status_ids(self):
        foreign = set(self.foreign_ids())
        return [i for i in self.ids() if i not in foreign]

    def decide_foreign(self, module, cid, expected):
        """Derived claim ``cid`` of another lemma module, decided from this module's outcomes of
        its premises."""
        claim = {c.id: c for lemma in module.LEMMAS for c in lemma.resolved_claims()}[cid]
        r = claim.decide({p: self._premise(p) for p in claim.premise_ids()})
        assert r.status == expected, f"{claim.id}: {r.status} ({r.reason})"

    def inequality_ids(self):
        return [i for i, c in self.claims.items() if isinstance(c, Inequality) and i not in self.refuted]

    # -- the checks ---------------------------------------------------------------------------------
    def check_status(self, cid):
        r = self.result(cid)
        assert r.status == self.expected(cid), f"{cid}: {r.status} ({r.reason})"
        if r.status == "REFUTED" and self.claims[cid].kind == "inequality":
            assert r.witness, f"{cid}: a refutation carries a witness"

    def check_twin(self, cid):
        claim, r = self.claims[cid], self.result(cid)
        assert r.status == "PROVED"
        twin = mutated_twin(claim, r)
        assert twin.run().status != "PROVED", f"{cid}: mutated twin proved"

    def _slack(self, cid):
        claim = self.claims[cid]
        lhs, rhs = claim.sides()
        slack, _ = normalize(lhs, claim.op, rhs)
        return sampled_min(slack, claim.domain())

    def check_sampling(self, cid):
        r = self.result(cid)
        if r.margin_kind != "slack" or not r.margin:
            return
        found = self._slack(cid)
        assert found is not None
        lower = Fraction(r.margin[0])
        # float64 rounding of the sampled value: allow a relative 1e-9
        assert Fraction(repr(found[0])) >= lower - abs(lower) * Fraction(1, 10 ** 9) - Fraction(1, 10 ** 12), \
            f"{cid}: sampled slack {found[0]} at {found[1]} below the certified lower bound {r.margin[0]}"

    def check_errata(self):
        for lemma in self.module.LEMMAS:
            erratum_ids = {cid for cid, _ in lemma.errata}
            refuted_here = {c.id for c in lemma.claims if c.id in self.refuted}
            assert refuted_here <= erratum_ids, f"{lemma.id}: refuted claims without erratum"
            for cid in erratum_ids:
                if cid:
                    assert cid in refuted_here, f"{lemma.id}: erratum {cid} is not a refuted claim of the lemma"

    def check_beta_parametrized(self, fixed):
        """Every claim quantifying over b uses the lemma's {beta} range, except the listed ones
        (sub-ranges and points that are constants of the printed proof)."""
        for lemma in self.module.LEMMAS:
            for c in lemma.claims:
                over = getattr(c, "over", "")
                if "b in" in over and "{beta}" not in over:
                    assert c.id in fixed, f"{c.id}: quantifies over beta without {{beta}}: {over}"


def standard_tests(checks: Checks, fixed_ranges=frozenset()):
    """The generic tests every lemma module gets; a test module does
    ``globals().update(standard_tests(CHECKS, FIXED_RANGES))`` and adds its own."""
    import pytest

    @pytest.mark.parametrize("cid", checks.status_ids())
    def test_status(cid):
        checks.check_status(cid)

    @pytest.mark.parametrize("cid", checks.inequality_ids())
    def test_mutated_twin_not_proved(cid):
        checks.check_twin(cid)

    @pytest.mark.parametrize("cid", checks.inequality_ids())
    def test_sampled_slack_respects_margin(cid):
        checks.check_sampling(cid)

    @pytest.mark.parametrize("cid", checks.derived_ids() or ["none"])
    def test_derived_twins_rejected(cid):
        if cid != "none":
            checks.check_derived_twins(cid)

    def test_errata_are_refuted_claims():
        checks.check_errata()

    def test_beta_ranges_are_parametrized():
        checks.check_beta_parametrized(set(fixed_ranges))

    return {f.__name__: f for f in (test_status, test_mutated_twin_not_proved,
                                    test_sampled_slack_respects_margin, test_derived_twins_rejected,
                                    test_errata_are_refuted_claims,
                                    test_beta_ranges_are_parametrized)}
