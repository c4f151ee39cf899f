"""Upper-tail probabilities of Poisson and negative-binomial counts, from ``math.lgamma``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_MAX_TERMS = 100_000


def poisson_logpmf(k: int, mean: float) -> float:
    if mean <= 0:
        return 0.0 if k == 0 else -math.inf
    return k * math.log(mean) - mean - math.lgamma(k + 1)


def nbinom_logpmf(k: int, mean: float, size: float) -> float:
    """Negative binomial with the given mean and size (dispersion) r: var = m + m²/r."""
    if mean <= 0:
        return 0.0 if k == 0 else -math.inf
    p = size / (size + mean)
    return (
        math.lgamma(k + size)
        - math.lgamma(size)
        - math.lgamma(k + 1)
        + size * math.log(p)
        + k * math.log1p(-p)
    )


def _upper_tail(k: int, logpmf: Callable[[int], float], mean: float) -> float:
    """P(X >= k), summed upwards from k when k lies above the mean (accurate for tiny tails)."""
    if k <= 0:
        return 1.0
    if k <= mean:
        below = sum(math.exp(logpmf(i)) for i in range(k))
        return min(1.0, max(0.0, 1.0 - below))
    total = 0.0
    for i in range(k, k + _MAX_TERMS):
        term = math.exp(logpmf(i))
        total += term
        if term < total * 1e-15:
            break
    return min(1.0, total)


def poisson_sf(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean)."""
    return _upper_tail(k, lambda i: poisson_logpmf(i, mean), mean)


def nbinom_sf(k: int, mean: float, size: float) -> float:
    """P(X >= k) for X ~ NegBin(mean, size)."""
    return _upper_tail(k, lambda i: nbinom_logpmf(i, mean, size), mean)


@dataclass(frozen=True)
class Baseline:
    """A count model fitted to past periods: Poisson when not over-dispersed."""

    mean: float
    size: float | None  # None → Poisson
    periods: int

    @property
    def model(self) -> str:
        return "Poisson" if self.size is None else "negative binomial"

    def scaled(self, periods: int) -> Baseline:
        """The model of a sum of ``periods`` independent periods (NB sizes add up)."""
        size = self.size * periods if self.size is not None else None
        return Baseline(self.mean * periods, size, self.periods)

    def tail(self, k: int) -> float:
        if self.size is None:
            return poisson_sf(k, self.mean)
        return nbinom_sf(k, self.mean, self.size)


def fit_baseline(
    counts: Sequence[float], floor: float, dispersion_from: Sequence[float] | None = None
) -> Baseline:
    """Method-of-moments fit; the mean never falls below ``floor`` (quiet places).

    ``dispersion_from``: a longer history to estimate the variance from (a few weeks alone
    under-state how bursty a place is).
    """
    n = len(counts)
    mean = sum(counts) / n if n else 0.0
    spread = dispersion_from if dispersion_from else counts
    m = sum(spread) / len(spread) if spread else 0.0
    variance = sum((c - m) ** 2 for c in spread) / (len(spread) - 1) if len(spread) > 1 else m
    variance = variance * mean / m if m > 0 else mean  # same dispersion index, at this mean
    fitted_mean = max(mean, floor)
    if variance <= mean * 1.05 or mean <= 0:
        return Baseline(fitted_mean, None, n)
    size = max(0.5, mean * mean / (variance - mean))
    return Baseline(fitted_mean, size, n)
