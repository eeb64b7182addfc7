"""Engagement by voice: which kind of post the audience rewards, without overclaiming."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from profiles.analysis.context import ScoredPost
from profiles.analysis.profile import Engagement, Ratio, TopPost, VoiceEngagement
from profiles.analysis.stats import bootstrap_interval, mean, median, rounded
from profiles.analysis.thresholds import Thresholds
from profiles.analysis.voice import CORPORATE, LABELS, PERSONAL

CONFIDENCE = 0.9
TOP_POSTS = 5
BEST_HOURS = 5
# A cell of the hour-of-week grid needs this many posts before its median means anything.
MIN_POSTS_PER_HOUR_CELL = 3
NOTE = (
    "Likes and reposts are the counts at the moment the archive was exported, so recent posts "
    "have had less time to collect them; read the hours as a cautious hint, not a schedule."
)


def engagement_of(scored: Sequence[ScoredPost], thresholds: Thresholds) -> Engagement:
    """Over standalone posts (originals and quotes) that have a voice and engagement counts."""
    counted = [item for item in scored if item.standalone and item.voice is not None and item.post.likes is not None]
    by_voice = {label: _group([item for item in counted if item.voice == label]) for label in LABELS}
    personal = [_engagement(item) for item in counted if item.voice == PERSONAL]
    corporate = [_engagement(item) for item in counted if item.voice == CORPORATE]
    ratio = _ratio(personal, corporate, thresholds)

    ranked = sorted(counted, key=lambda item: (-_engagement(item), item.post.external_id))[:TOP_POSTS]
    cells: list[list[list[float]]] = [[[] for _ in range(24)] for _ in range(7)]
    for item in counted:
        cells[item.local.weekday()][item.local.hour].append(_engagement(item))
    grid = [
        [rounded(statistics.median(cell)) if len(cell) >= MIN_POSTS_PER_HOUR_CELL else None for cell in row]
        for row in cells
    ]
    best = sorted(
        ((value, day, hour) for day, row in enumerate(grid) for hour, value in enumerate(row) if value is not None),
        key=lambda cell: (-cell[0], cell[1], cell[2]),
    )[:BEST_HOURS]
    return Engagement(
        by_voice=by_voice,
        personal_vs_corporate_ratio=ratio,
        top_posts=[
            TopPost(
                id=item.post.external_id,
                voice=item.voice or "",
                likes=item.post.likes or 0,
                reposts=item.post.reposts or 0,
            )
            for item in ranked
        ],
        median_by_hour_of_week=grid,
        best_hours=[{"weekday": day, "hour": hour, "median_engagement": value} for value, day, hour in best],
        note=NOTE,
    )


def _engagement(item: ScoredPost) -> int:
    """Likes plus reposts of one post."""
    return (item.post.likes or 0) + (item.post.reposts or 0)


def _group(items: list[ScoredPost]) -> VoiceEngagement:
    likes = [item.post.likes or 0 for item in items]
    reposts = [item.post.reposts or 0 for item in items]
    return VoiceEngagement(
        posts=len(items),
        likes_median=median(likes),
        likes_mean=mean(likes),
        reposts_median=median(reposts),
        reposts_mean=mean(reposts),
    )


def _ratio_of_means(personal_mean: float, corporate_mean: float) -> float | None:
    return personal_mean / corporate_mean if corporate_mean > 0 else None


def _ratio(personal: list[int], corporate: list[int], thresholds: Thresholds) -> Ratio:
    """Mean engagement of personal posts over that of corporate posts, with a bootstrap 90% interval."""
    enough = min(len(personal), len(corporate)) >= thresholds.min_posts_per_voice_group
    value = (
        _ratio_of_means(math.fsum(personal) / len(personal), math.fsum(corporate) / len(corporate)) if enough else None
    )
    low, high = (
        bootstrap_interval(
            personal,
            corporate,
            _ratio_of_means,
            resamples=thresholds.bootstrap_resamples,
            seed=thresholds.bootstrap_seed,
            confidence=CONFIDENCE,
        )
        if value is not None
        else (None, None)
    )
    return Ratio(
        value=rounded(value),
        interval_low=low,
        interval_high=high,
        confidence=CONFIDENCE,
        personal_posts=len(personal),
        corporate_posts=len(corporate),
    )
