"""Diagnostics of a particle configuration on the circle T = R / 2 pi Z."""
from __future__ import annotations

import math

import numpy as np

__all__ = [
    "wrap", "order_parameter", "diameter", "within_arc", "cluster_groups", "cluster_count", "cluster_widths",
    "time_to_sync", "three_cluster_deviation",
]

TWO_PI = 2.0 * math.pi


def wrap(x):
    """Angles reduced to (-pi, pi]."""
    return np.pi - np.mod(np.pi - np.asarray(x, dtype=float), TWO_PI)


def order_parameter(x, c=None) -> float:
    """|sum_j c_j e^{i x_j}| / sum_j c_j  (1 exactly at synchronization)."""
    z = np.exp(1j * np.asarray(x, dtype=float))
    if c is None:
        return float(abs(z.mean()))
    c = np.asarray(c, dtype=float)
    return float(abs(c @ z) / c.sum())


def _sorted_gaps(x):
    a = np.sort(np.mod(np.asarray(x, dtype=float), TWO_PI))
    gaps = np.diff(np.append(a, a[0] + TWO_PI))  # gaps[i] = a[i+1] - a[i] (cyclic)
    return a, gaps


def diameter(x) -> float:
    """Length of the shortest arc containing every particle (0 when synchronized)."""
    x = np.asarray(x, dtype=float)
    if x.size <= 1:
        return 0.0
    _, gaps = _sorted_gaps(x)
    return float(max(0.0, TWO_PI - gaps.max()))


def within_arc(x, eps: float) -> bool:
    """diameter(x) < eps, in O(n) without sorting (eps < pi): the particles lie in an arc shorter
    than eps iff their offsets from x_0, reduced to [-pi, pi), span less than eps (such an arc
    contains x_0, so it lies within eps of it)."""
    x = np.asarray(x, dtype=float)
    if x.size <= 1:
        return True
    d = x - x[0]
    if np.ptp(d) < eps:
        return True
    d += np.pi
    np.mod(d, TWO_PI, out=d)
    return bool(np.ptp(d) < eps)


def cluster_groups(x, gap: float = 0.1):
    """Split the particles at every gap larger than ``gap`` between angular neighbours.

    Returns (labels, count): labels[i] in 0..count-1 for the original order of x.  If no gap
    exceeds the threshold there is one group (a synchronized *or* a spread-out cloud; look at
    :func:`cluster_widths` to tell them apart).
    """
    x = np.asarray(x, dtype=float)
    n = x.size
    if n == 0:
        return np.zeros(0, dtype=int), 0
    order = np.argsort(np.mod(x, TWO_PI), kind="stable")
    _, gaps = _sorted_gaps(x)
    big = gaps > gap
    count = int(big.sum())
    labels_sorted = np.zeros(n, dtype=int)
    if count >= 1:
        # start a new group after each big gap; rotate so that group 0 starts after the last big gap
        start = (int(np.nonzero(big)[0][-1]) + 1) % n
        rolled_big = np.roll(big, -start)
        ids = np.concatenate([[0], np.cumsum(rolled_big[:-1])])
        labels_sorted[np.roll(np.arange(n), -start)] = ids
    else:
        count = 1
    labels = np.empty(n, dtype=int)
    labels[order] = labels_sorted
    return labels, count


def cluster_count(x, gap: float = 0.1) -> int:
    """Number of groups separated by gaps > ``gap`` (see :func:`cluster_groups`)."""
    return cluster_groups(x, gap)[1]


def cluster_widths(x, gap: float = 0.1) -> np.ndarray:
    """Angular width (diameter) of each group of :func:`cluster_groups`."""
    labels, count = cluster_groups(x, gap)
    return np.array([diameter(np.asarray(x)[labels == g]) for g in range(count)])


def time_to_sync(times, xs, eps: float = 1e-6):
    """First recorded time at which the diameter is below ``eps`` (None if never)."""
    for t, x in zip(times, xs):
        if diameter(x) < eps:
            return float(t)
    return None


def three_cluster_deviation(x, ref=None) -> float:
    """Distance max_i |wrap(x_i - ref_i - theta)| of x from the rotations of the configuration
    ``ref`` (same particle order), theta the circular mean of x - ref.  Default ref: the Lemma C.6
    family for n divisible by 3 (first third of the particles at 0, then 2pi/3, then 4pi/3; for
    other n the last group takes the remainder)."""
    x = np.asarray(x, dtype=float)
    if ref is None:
        m = x.size // 3
        ref = np.repeat([0.0, TWO_PI / 3, 2 * TWO_PI / 3], [m, m, x.size - 2 * m])
    d = x - np.asarray(ref, dtype=float)
    theta = float(np.angle(np.exp(1j * d).mean()))
    return float(np.max(np.abs(wrap(d - theta))))
