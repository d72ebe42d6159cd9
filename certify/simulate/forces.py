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
The truncation order K comes with the proven bound of :mod:`certify.simulate.bessel`.
"""
from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

__all__ = ["pairwise_sums", "fourier_sums", "power_sums", "DEFAULT_CHUNK"]

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
                  energy=False, chunk_pairs=DEFAULT_CHUNK):
    """Exact pairwise sums (see module docstring).

    ``targets``: optional index array of the particles i for which F_i / G_i are computed (used
    by the benchmark to sample the O(n^2) sum at n = 1e5).  Returns (F, G, E); entries not asked
    for are None.  The energy is always over all pairs.

    For f = sin(x) h(cos x) only one transcendental per pair is needed: with
    C_ij = cos(x_i - x_j) = cos x_i cos x_j + sin x_i sin x_j (addition formula) and
    H = h(C), F_i = -(sin x_i (H @ (c cos x)) - cos x_i (H @ (c sin x))).  For a generic f the
    compiled f is applied to the matrix of differences.
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
    hfun = _h_numpy(interaction) if interaction.h_expr is not None else None
    if hfun is not None:
        cx, sx = np.cos(x), np.sin(x)
        ccos, csin = cw * cx, cw * sx
        for a in range(0, m, rows):
            b = min(m, a + rows)
            ii = idx[a:b]
            C = np.multiply.outer(cx[ii], cx)
            C += np.multiply.outer(sx[ii], sx)
            np.clip(C, -1.0, 1.0, out=C)
            H = hfun(C)
            if partition:
                G[a:b] = H @ cw
            if force:
                F[a:b] = cx[ii] * (H @ csin) - sx[ii] * (H @ ccos)
    else:
        for a in range(0, m, rows):
            b = min(m, a + rows)
            D = x[idx[a:b], None] - x[None, :]
            if force:
                F[a:b] = -(interaction.f(D) @ cw)
    E = None
    if energy:
        E = 0.0
        for a in range(0, n, rows):
            b = min(n, a + rows)
            D = x[a:b, None] - x[None, :]
            E += float(cw[a:b] @ (interaction.W(D) @ cw))
        E *= -0.5
    return F, G, E


def _h_numpy(interaction):
    if interaction.kind == "exp":
        A, B = interaction.A, interaction.B

        def h(s):
            out = np.multiply(s, B)
            np.exp(out, out=out)
            if A != 1.0:
                out *= A
            return out

        return h
    if interaction.kind == "poly":
        coeffs = np.array(interaction.hpoly)
        return lambda s: np.polynomial.polynomial.polyval(s, coeffs)
    import sympy as sp

    from .interaction import S

    fn = sp.lambdify(S, interaction.h_expr, modules="numpy")
    return lambda s: np.broadcast_to(fn(s), np.shape(s)).astype(float)


_ROWS = 8192  # particles per cache-sized block


def _power_sums_block(z, c, K, rows=_ROWS):
    """S_k = sum_j c_j z_j^k, k = 0..K, accumulated block by block (z^k by repeated products)."""
    S = np.zeros(K + 1, dtype=complex)
    S[0] = c.sum()
    for a in range(0, z.size, rows):
        zb = z[a : a + rows]
        cb = c[a : a + rows].astype(complex)
        zk = zb.copy()
        for k in range(1, K + 1):
            S[k] += np.dot(cb, zk)  # np.dot does not conjugate
            if k < K:
                zk *= zb
    return S


def power_sums(z, c, K):
    """S_k = sum_j c_j z_j^k for k = 0..K (threaded over particle blocks for large n)."""
    n = z.size
    parts = _threads() if n >= 50000 else 1
    if parts == 1:
        return _power_sums_block(z, c, K)
    blocks = _split(n, parts)
    res = list(_pool().map(lambda ab: _power_sums_block(z[ab[0]:ab[1]], c[ab[0]:ab[1]], K), blocks))
    return np.sum(res, axis=0)


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
    cw = np.ones(n) if c is None else np.asarray(c, dtype=float)
    K = b.size - 1
    z = np.empty(n, dtype=complex)
    np.cos(x, out=z.real)
    np.sin(x, out=z.imag)
    S = power_sums(z, cw, K)
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
