"""Mean-field sums for the particle systems: exact pairwise (chunked) and Fourier O(nK).

Both compute, for positions x_1..x_n and weights c_1..c_n,

    F_i = - sum_j c_j f(x_i - x_j)                       (the force of (S1)/(S3))
    G_i =   sum_j c_j h(cos(x_i - x_j))                  (the partition function of (T2))
    E   = - 1/2 sum_{i,j} c_i c_j W(x_i - x_j),  W = int_0 f      (the energy, eq. (2))

*Pairwise*: rows are processed in chunks of ``chunk`` targets, so memory is O(n * chunk).

*Fourier*: with f(t) = sum_k b_k sin(kt), z_j = e^{i x_j} and S_k = sum_j c_j z_j^k,

    F_i = - Im( sum_k b_k conj(S_k) z_i^k ),   G_i = Re( sum_k a_k conj(S_k) z_i^k ),
    E   = - 1/2 sum_k (b_k/k) (|S_0|^2 - |S_k|^2),

(using sum_{ij} c_i c_j cos k(x_i - x_j) = |S_k|^2 and W(t) = sum_k b_k (1 - cos kt)/k).
The power sums S_k are accumulated in chunks (cumulative products of z, K columns) and the
polynomial in z_i is evaluated by Horner's rule, so the cost is O(nK) and memory O(n + chunk*K).
The truncation order K comes with the proven bound of :mod:`certify.simulate.bessel`; the
rounding error has the worst-case bound :func:`fourier_rounding_bound`.  Both are *absolute*
(of the order of eps * sum_j c_j * sum_k |b_k|): the Fourier sum cannot resolve forces much
smaller than that (e.g. inside a tight cluster, or for beta << 0 where sum_k |b_k| ~ e^{2|beta|}
times the force scale of a cluster), which is why :class:`certify.simulate.models.System`
only accepts a Fourier result when these bounds are small relative to the result itself.
"""
from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

__all__ = ["pairwise_sums", "fourier_sums", "fourier_rounding_bound", "power_sums", "DEFAULT_CHUNK"]

DEFAULT_CHUNK = 1 << 21  # number of pair evaluations per chunk (~16 MB of float64)

_POOL: ThreadPoolExecutor | None = None


def _threads() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, min(os.cpu_count() or 1, 8))


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=_threads())
    return _POOL


def _split(n: int, parts: int):
    edges = np.linspace(0, n, parts + 1).astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:]) if b > a]


def pairwise_sums(interaction, x, c=None, *, targets=None, force=True, partition=False,
                  energy=False, chunk_pairs=DEFAULT_CHUNK, scaled=False):
    """Exact pairwise sums (see module docstring), by direct differences d_ij = x_i - x_j.

    ``targets``: optional index array of the particles i for which F_i / G_i are computed (used
    by the benchmark to sample the O(n^2) sum at n = 1e5).  Returns (F, G, E); entries not asked
    for are None.  The energy is always over all pairs.

    Every pair term is evaluated from the difference d = x_i - x_j itself (never through the
    addition formula cos x_i cos x_j + sin x_i sin x_j, whose absolute error ~eps makes the
    result wrong by ~eps * n * e^{|beta|} on clustered configurations).  For f = A sin(x)
    e^{B cos x} the term is sign(A) sin(d) exp(-2B sin^2(d/2)) (B >= 0) or
    sign(A) sin(d) exp(2B cos^2(d/2)) (B < 0), i.e. f scaled by e^{-sigma},
    sigma = ``interaction.log_scale`` = log|A| + |B|: every factor is in [-1, 1], nothing
    overflows for any finite B, and each term has a relative error <= (6|B| + 4) u (the
    exponent, of size <= 2|B|, carries a relative error <= 3u).  Hence, for any summation order,

        |F^_i - F~_i| <= (n + 8 + 6|B|) u sum_j |c_j f~(d_ij)|        (u = 2^-53)

    and likewise for G and E.  With ``scaled=True`` the scaled sums F~ = e^{-sigma} F,
    G~ = e^{-sigma} G, E~ = e^{-sigma} E are returned (what the simulator uses); otherwise they
    are multiplied back by e^{sigma} (which overflows to inf if the true value does).
    Rows are processed in chunks of ``chunk_pairs // n`` targets (memory O(chunk_pairs)).
    """
    x = np.asarray(x, dtype=float)
    n = x.size
    cw = np.ones(n) if c is None else np.asarray(c, dtype=float)
    idx = np.arange(n) if targets is None else np.asarray(targets)
    m = idx.size
    rows = max(1, int(chunk_pairs // max(n, 1)))
    F = np.empty(m) if force else None
    G = np.empty(m) if partition else None
    if partition and interaction.h_expr is None:
        raise ValueError("the partition function needs f = sin(x) h(cos x)")
    exp_kind = interaction.kind == "exp"
    if force or partition:
        for a in range(0, m, rows):
            b = min(m, a + rows)
            D = np.subtract.outer(x[idx[a:b]], x)
            if exp_kind:
                H = interaction._exp_factor(D)  # e^{B cos d - |B|}
                if interaction.A < 0:
                    np.negative(H, out=H)
                if partition:
                    G[a:b] = H @ cw
                if force:
                    np.sin(D, out=D)
                    D *= H
                    F[a:b] = -(D @ cw)
            else:
                if partition:
                    G[a:b] = interaction.h_scaled_of_d(D) @ cw
                if force:
                    F[a:b] = -(np.asarray(interaction.f_scaled(D), dtype=float) @ cw)
    E = None
    if energy:
        E = 0.0
        for a in range(0, n, rows):
            b = min(n, a + rows)
            D = np.subtract.outer(x[a:b], x)
            E += float(cw[a:b] @ (np.asarray(interaction.W_scaled(D), dtype=float) @ cw))
        E *= -0.5
    if not scaled and interaction.log_scale != 0.0:
        with np.errstate(over="ignore"):
            mul = math.exp(interaction.log_scale) if interaction.log_scale < 709.78 else math.inf
            if F is not None:
                F = F * mul
            if G is not None:
                G = G * mul
            if E is not None:
                E = E * mul
    return F, G, E


def fourier_rounding_bound(b, total_weight, n, *, a=None):
    """Bound on the float64 rounding error of :func:`fourier_sums` (per particle).

    Returns (eF, eG): for every i, |F^_i - F_i^(K)| <= eF and |G^_i - G_i^(K)| <= eG, where
    F^(K), G^(K) are the exact values of the *truncated* sums.  Derivation (u = 2^-53,
    gamma_m = m u / (1 - m u), complex products/sums cost at most a factor ~3 more):
    |z_j| = 1 + O(u); z_j^k by k repeated products has relative error <= gamma_{3k+3};
    S_k is accumulated in blocks of ``_ROWS`` (np.dot on a block: any summation order,
    <= gamma_{rows}) and then over ceil(n/rows) blocks and <= 8 threads, so
    |S^_k - S_k| <= gamma_{rows + n/rows + 3K + 16} sum_j |c_j|; Horner's rule with |z_i| = 1
    adds <= gamma_{4K} sum_k |b_k| |S_k|.  Altogether, with the safety factor 4,

        eF <= 4 u (min(n, rows) + ceil(n/rows) + 7K + 32) (sum_j |c_j|) sum_{k>=1} |b_k|,

    and the same with the a_k (k >= 0) for G.  This is a worst-case (not probabilistic) bound.
    """
    K = b.size - 1
    u = 2.0 ** -53
    m = min(n, _ROWS) + -(-n // _ROWS) + 7 * K + 32
    fac = 4.0 * u * m * float(total_weight)
    eF = fac * float(np.sum(np.abs(b[1:])))
    eG = None if a is None else fac * float(np.sum(np.abs(a)))
    return eF, eG


_ROWS = 8192  # particles per cache-sized block


def _power_sums_block(x, z, c, K, rows=_ROWS):
    """Fill z = e^{i x} and return S_k = sum_j c_j z_j^k, k = 0..K, block by block (z^k by
    repeated products; z is computed in the same cache-sized pass; c = None: unit weights)."""
    S = np.zeros(K + 1, dtype=complex)
    S[0] = x.size if c is None else c.sum()
    for a in range(0, z.size, rows):
        zb = z[a : a + rows]
        np.cos(x[a : a + rows], out=zb.real)
        np.sin(x[a : a + rows], out=zb.imag)
        cb = None if c is None else c[a : a + rows]
        zk = zb
        for k in range(1, K + 1):
            if cb is None:
                S[k] += zk.sum()
            else:
                re, im = cb @ zk.view(float).reshape(-1, 2)  # one real matrix-vector product
                S[k] += complex(re, im)
            if k < K:
                zk = zk * zb if k == 1 else np.multiply(zk, zb, out=zk)
    return S


def power_sums(x, c, K):
    """(z, S): z = e^{i x} and S_k = sum_j c_j z_j^k for k = 0..K (threaded over particle blocks
    for large n; c = None: unit weights)."""
    n = x.size
    z = np.empty(n, dtype=complex)
    parts = _threads() if n >= 50000 else 1
    if parts == 1:
        return z, _power_sums_block(x, z, c, K)
    blocks = _split(n, parts)
    res = list(_pool().map(lambda ab: _power_sums_block(
        x[ab[0]:ab[1]], z[ab[0]:ab[1]], None if c is None else c[ab[0]:ab[1]], K), blocks))
    return z, np.sum(res, axis=0)


def _horner_block(z, coef, coef2=None):
    """p(z) = sum_{k=1}^K coef[k] z^k and q(z) = sum_{k=0}^K coef2[k] z^k by Horner's rule."""
    K = coef.size - 1
    p = np.full(z.size, coef[K], dtype=complex)
    q = None if coef2 is None else np.full(z.size, coef2[K], dtype=complex)
    for k in range(K - 1, 0, -1):
        p *= z
        p += coef[k]
        if q is not None:
            q *= z
            q += coef2[k]
    p *= z
    if q is not None:
        q *= z
        q += coef2[0]
    return p, q


def fourier_sums(x, c, b, a=None, *, force=True, partition=False, energy=False):
    """Fourier summation (see module docstring); returns (F, G, E, S)."""
    x = np.asarray(x, dtype=float)
    n = x.size
    K = b.size - 1
    z, S = power_sums(x, None if c is None else np.asarray(c, dtype=float), K)
    Sc = np.conj(S)
    coef_f = b * Sc
    coef_g = (a * Sc) if partition else None
    parts = _threads() if n >= 50000 else 1
    F = np.empty(n) if force else None
    G = np.empty(n) if partition else None

    def work(ab):
        for lo in range(ab[0], ab[1], _ROWS):
            hi = min(ab[1], lo + _ROWS)
            p, q = _horner_block(z[lo:hi], coef_f, coef2=coef_g)
            if force:
                np.negative(p.imag, out=F[lo:hi])
            if partition:
                G[lo:hi] = q.real

    if force or partition:
        blocks = _split(n, parts)
        if parts == 1:
            work(blocks[0])
        else:
            list(_pool().map(work, blocks))
    E = None
    if energy:
        ks = np.arange(1, K + 1)
        E = -0.5 * float(np.sum((b[1:] / ks) * (abs(S[0]) ** 2 - np.abs(S[1:]) ** 2)))
    return F, G, E, S
