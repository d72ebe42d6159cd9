"""The certificate checker: a small kernel, independent of the prover.

What it re-derives, from the claim text alone: the slack F of each claim (as written), the
searched domain with its open, closed and infinite ends and its variable names, the
compactifying substitution of every unbounded variable, the algebra between the searched form
and F (with every recorded factor's sign required on every leaf), each domain obligation's
claim, each end rule's vanishing derivatives (and that a strict claim's end rule sits at an
open end), every tail premise, every margin, and the status of every entry of a bundle (PROVED
only with a replayed certificate of that very claim, REFUTED only with a witness where arb
proves the negation).  It replays every leaf of every proof tree with its own decorated interval
arithmetic (``arith``), its own expression reader (``reader``), terms (``terms``) and
differentiation (``deriv``); it never searches.

What it trusts: python-flint (arb's outward-rounded ball arithmetic), sympy for exact
identities, limits and polynomial algebra (never with ``force=True``), and the Python standard
library.  It imports nothing else from ``certify``: ``tests/test_checker_independent.py`` holds
it to that.
"""
