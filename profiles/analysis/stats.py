"""The few statistics the profile needs, each with one definition."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable, Sequence

# Figures are rounded once, here, so that the JSON is readable and equal inputs give equal output.
DECIMALS = 4


def rounded(value: float | None, decimals: int = DECIMALS) -> float | None:
    return None if value is None else round(value, decimals)


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide."""
    return rounded(part / whole) if whole else None


def mean(values: Sequence[float]) -> float | None:
    return rounded(math.fsum(values) / len(values)) if values else None


def spread(values: Sequence[float]) -> float | None:
    """Population standard deviation; None below two values."""
    return rounded(statistics.pstdev(values)) if len(values) >= 2 else None


def median(values: Sequence[float]) -> float | None:
    return rounded(float(statistics.median(values))) if values else None


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `fraction` of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return rounded(ordered[rank - 1])


def bootstrap_interval(
    first: Sequence[float],
    second: Sequence[float],
    statistic: Callable[[Sequence[float], Sequence[float]], float | None],
    *,
    resamples: int,
    seed: int,
    confidence: float = 0.9,
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of statistic(first, second), resampling both groups.

    Seeded, so the same posts always give the same interval. Large groups get fewer resamples
    (at least 200), keeping the cost to about two million draws: their interval is narrow anyway.
    """
    draws_per_resample = len(first) + len(second)
    if not first or not second:
        return None, None
    resamples = min(resamples, max(200, 2_000_000 // draws_per_resample))
    generator = random.Random(seed)  # noqa: S311 - reproducible statistics, not secrets
    estimates = []
    for _ in range(resamples):
        value = statistic(generator.choices(first, k=len(first)), generator.choices(second, k=len(second)))
        if value is not None:
            estimates.append(value)
    if not estimates:
        return None, None
    tail = (1 - confidence) / 2
    return percentile(estimates, tail), percentile(estimates, 1 - tail)
