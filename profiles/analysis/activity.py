"""Activity over time: how much the account posts, year by year and month by month.

The recent period is the last 12 months of the history (365 days up to the last post), not the
calendar year: an export taken in March would otherwise judge two months as a year. It is
compared with the calendar years wholly before it, as a client remembers them ("548 posts in
2015").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from profiles.analysis.context import ScoredPost
from profiles.analysis.profile import Activity, PeriodCount, Silence
from profiles.analysis.stats import rounded
from profiles.analysis.thresholds import Thresholds

YEAR = timedelta(days=365)
SILENCES_SHOWN = 10
LAST_QUARTER = 10  # October
DORMANT, DECLINING, GROWING, STEADY, NEW = "dormant", "declining", "growing", "steady", "new"


def recent_start(scored: Sequence[ScoredPost]) -> datetime | None:
    """Where the recent period begins: 365 days before the last post (posts strictly after count)."""
    return scored[-1].post.created_at - YEAR if scored else None


def recent_index(scored: Sequence[ScoredPost]) -> int:
    """The index of the first recent post in `scored` (in time order): a binary search, not a pass."""
    since = recent_start(scored)
    if since is None:
        return 0
    return bisect_right(scored, since, key=lambda item: item.post.created_at)


def activity_of(scored: Sequence[ScoredPost], thresholds: Thresholds) -> Activity:
    """Posts per local year and month (empty ones as zeros), the last 12 months against earlier
    years, the trend, and the silences longer than `silence_days`."""
    if not scored:
        return Activity([], [], 0, 0, None, None, None, None, None, NEW, thresholds.silence_days, [])
    months = Counter(item.month for item in scored)
    first, last = scored[0].local, scored[-1].local
    by_year = [
        PeriodCount(str(year), sum(n for month, n in months.items() if month.startswith(f"{year:04d}-")))
        for year in range(first.year, last.year + 1)
    ]
    by_month = [PeriodCount(month, months.get(month, 0)) for month in _months_between(first, last)]

    # Earlier years: the calendar years before the recent period, a year that shares at most its
    # last quarter with it included (a history ending in late December has a whole year before
    # it). The first year counts towards the mean only if the history starts in its January.
    since = recent_start(scored)
    assert since is not None  # noqa: S101 - scored is not empty
    recent = len(scored) - recent_index(scored)
    local_since = since.astimezone(first.tzinfo)
    before = local_since.year + (1 if local_since.month >= LAST_QUARTER else 0)
    earlier = [year for year in by_year if int(year.period) < before]
    complete = [year for year in earlier if int(year.period) > first.year or first.month == 1]
    earlier_mean = sum(year.posts for year in complete) / len(complete) if complete else None
    busiest = max(earlier, key=lambda year: (year.posts, -int(year.period))) if earlier else None
    busiest_posts = busiest.posts if busiest is not None else None
    vs_busiest = recent / busiest_posts if busiest_posts else None
    vs_mean = recent / earlier_mean if earlier_mean else None
    return Activity(
        by_year=by_year,
        by_month=by_month,
        last_12_months_posts=recent,
        earlier_years=len(complete),
        earlier_yearly_mean=rounded(earlier_mean, 1),
        busiest_year=busiest.period if busiest is not None else None,
        busiest_year_posts=busiest_posts,
        recent_vs_busiest=rounded(vs_busiest),
        recent_vs_earlier_mean=rounded(vs_mean),
        trend=_trend(recent, busiest_posts, vs_busiest, vs_mean, thresholds),
        silence_days=thresholds.silence_days,
        silences=_silences(scored, thresholds.silence_days),
    )


def _trend(
    recent: int, busiest: int | None, vs_busiest: float | None, vs_mean: float | None, thresholds: Thresholds
) -> str:
    """dormant or declining against the busiest earlier year, growing against the earlier mean."""
    if busiest is None:
        return NEW
    if busiest >= thresholds.activity_min_busiest_posts and vs_busiest is not None:
        if recent < thresholds.dormant_posts:
            return DORMANT
        if vs_busiest < thresholds.declining_share:
            return DECLINING
    if vs_mean is not None and vs_mean > thresholds.growing_ratio:
        return GROWING
    return STEADY


def _months_between(first: datetime, last: datetime) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _silences(scored: Sequence[ScoredPost], silence_days: int) -> list[Silence]:
    """Gaps between consecutive posts longer than `silence_days`, longest first."""
    limit = silence_days * 86400
    gaps = []
    for before, after in pairwise(scored):
        seconds = (after.post.created_at - before.post.created_at).total_seconds()
        if seconds > limit:
            gaps.append((seconds, before, after))
    gaps.sort(key=lambda gap: -gap[0])
    return [
        Silence(start=before.local.isoformat(), end=after.local.isoformat(), days=rounded(seconds / 86400, 1) or 0.0)
        for seconds, before, after in gaps[:SILENCES_SHOWN]
    ]
