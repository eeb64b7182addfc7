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
    statistic: Callable[[float, float], float | None],
    *,
    resamples: int,
    seed: int,
    confidence: float = 0.9,
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of statistic(mean of first, mean of second).

    Each resample draws both groups again with replacement and takes their means. Seeded, so
    the same posts always give the same interval. A group of LARGE_GROUP values or more has its
    resampled mean drawn from the normal distribution the central limit theorem gives it
    (mean, standard deviation / sqrt(n)): at that size it is what resampling converges to, at a
    thousandth of the cost.
    """
    if not first or not second:
        return None, None
    generator = random.Random(seed)  # noqa: S311 - reproducible statistics, not secrets
    draw_first = _resampled_mean(first, generator)
    draw_second = _resampled_mean(second, generator)
    estimates = []
    for _ in range(resamples):
        value = statistic(draw_first(), draw_second())
        if value is not None:
            estimates.append(value)
    if not estimates:
        return None, None
    tail = (1 - confidence) / 2
    return percentile(estimates, tail), percentile(estimates, 1 - tail)


LARGE_GROUP = 1000


def _resampled_mean(values: Sequence[float], generator: random.Random) -> Callable[[], float]:
    count = len(values)
    if count >= LARGE_GROUP:
        centre = math.fsum(values) / count
        standard_error = statistics.pstdev(values) / math.sqrt(count)
        return lambda: generator.gauss(centre, standard_error)
    return lambda: math.fsum(generator.choices(values, k=count)) / count
