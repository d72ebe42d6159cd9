"""A persistent cache of exact symbolic results (issue: "symbolic work is cached by expression
across claims and across runs").

What is stored: the outcome of a deterministic sympy computation, as plain JSON (a simplifier's
name, a limit's verdict and text), keyed by the computation's name, ``sympy.srepr`` of its inputs
(symbols carry their assumptions) and the sympy version.  Nothing stored is evaluated: values are
strings, booleans and None.  Certificates never depend on it (they record the claim, not the
cache), and ``certify check`` recomputes every symbolic step itself.

Where: ``$CERTIFY_CACHE`` or ``$XDG_CACHE_HOME/certify`` (``~/.cache/certify``); one append-only
JSON-lines file per sympy version and version of certify's source (``code_digest``), so two
worker processes can write at once (a torn or foreign line is skipped); a miss first reads
what the other processes have appended since.  ``CERTIFY_NO_CACHE=1`` turns it off.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache

import sympy

_MEMO: dict | None = None
_FILE: str | None = None
_OFFSET = 0                   # bytes of the file read so far


def _path() -> str | None:
    if os.environ.get("CERTIFY_NO_CACHE"):
        return None
    base = os.environ.get("CERTIFY_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "certify")
    return os.path.join(base, f"sympy-{sympy.__version__}-{code_digest()}.jsonl")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """12 hex digits of certify's own source (engine, expressions, simulator): a result that
    other code computed is not reused, so a run's reports do not depend on what an earlier
    version left in the cache."""
    import hashlib
    root = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.sha256()
    for folder in (root, os.path.join(root, "expr"), os.path.join(root, "simulate")):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as fh:
                    h.update(name.encode() + b"\0" + fh.read())
    return h.hexdigest()[:12]


def _load() -> dict:
    global _MEMO, _FILE, _OFFSET
    path = _path()
    if _MEMO is None or path != _FILE:
        _MEMO, _FILE, _OFFSET = {}, path, 0
        _refresh()
    return _MEMO


def _refresh():
    """Read the lines appended since the last read (by this process or another one: the
    workers of a run share what each has computed); a last line not yet ended waits."""
    global _OFFSET
    if not _FILE:
        return
    try:
        with open(_FILE, "rb") as fh:
            fh.seek(_OFFSET)
            data = fh.read()
    except OSError:
        return
    end = data.rfind(b"\n") + 1
    _OFFSET += end
    for line in data[:end].splitlines():
        try:
            key, value = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(key, str):
            _MEMO[key] = value


@lru_cache(maxsize=4096, typed=True)
def _srepr(x) -> str:
    """``sympy.srepr`` once per input (a rewrite is looked up for 25 (k, rewrite) pairs of the
    same expression); typed, so that 1 and True stay two keys."""
    return sympy.srepr(x)


def _key_part(x) -> str:
    try:
        return _srepr(x)
    except TypeError:                  # not hashable
        return sympy.srepr(x)


def cached(name: str, inputs: tuple, compute):
    """compute() (a JSON value: str, bool, None, or a list of them), remembered under ``name``
    and the srepr of ``inputs``."""
    memo = _load()
    key = name + "|" + "|".join(_key_part(i) for i in inputs)
    if key not in memo:
        _refresh()
    if key in memo:
        return memo[key]
    value = compute()
    memo[key] = value
    if _FILE:
        try:
            os.makedirs(os.path.dirname(_FILE), exist_ok=True)
            with open(_FILE, "a", encoding="utf-8") as fh:
                fh.write(json.dumps([key, value]) + "\n")
        except OSError:
            pass                       # a read-only home: the cache is only an optimization
    return value
