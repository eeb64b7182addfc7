"""Engagement by voice: which kind of post the audience rewards, without overclaiming."""

from __future__ import annotations

import heapq
import math
import statistics
from collections.abc import Callable, Sequence
from typing import Any

from profiles.analysis.context import ScoredPost
from profiles.analysis.profile import BestPost, Engagement, Ratio, SharedTrait, TopPost, VoiceEngagement
from profiles.analysis.stats import bootstrap_interval, mean, median, rounded
from profiles.analysis.thresholds import Thresholds
from profiles.analysis.voice import CORPORATE, LABELS, PERSONAL
from profiles.analysis.worktime import DEFAULT_WORKING_HOURS, WorkingHours
from profiles.ingest.records import PostKind

CONFIDENCE = 0.9
LONG_WORDS, SHORT_WORDS = 25, 10
TOP_POSTS = 5
BEST_HOURS = 5
# A cell of the hour-of-week grid needs this many posts before its median means anything.
MIN_POSTS_PER_HOUR_CELL = 3
NOTE = (
    "Likes and reposts are the counts at the moment the archive was exported, so recent posts "
    "have had less time to collect them; read the hours as a cautious hint, not a schedule."
)


def engagement_of(
    scored: Sequence[ScoredPost], thresholds: Thresholds, working_hours: WorkingHours = DEFAULT_WORKING_HOURS
) -> Engagement:
    """Over standalone posts (originals and quotes) that have a voice and engagement counts;
    the best posts and what they share over every standalone post with counts."""
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
        **_what_works(scored, thresholds, working_hours),
    )


# What a best post may share with the others, by name: (description, test). Media is only seen
# where the text keeps the picture's address (X archives before 2016); see docs/metrics.md.
TRAITS: tuple[tuple[str, str, Callable[[ScoredPost, WorkingHours], bool]], ...] = (
    ("personal_voice", "written in your own, personal voice", lambda item, _h: item.voice == PERSONAL),
    ("corporate_voice", "written in an institutional voice", lambda item, _h: item.voice == CORPORATE),
    ("quote", "quoting another post with your comment", lambda item, _h: item.post.kind == PostKind.QUOTE),
    ("long", f"longer posts ({LONG_WORDS} words or more)", lambda item, _h: _words(item) >= LONG_WORDS),
    ("short", f"short posts (under {SHORT_WORDS} words)", lambda item, _h: _words(item) < SHORT_WORDS),
    ("link", "posts with a link", lambda item, _h: bool(item.post.urls) or "http" in item.post.text),
    ("no_link", "posts without a link", lambda item, _h: not item.post.urls and "http" not in item.post.text),
    ("media", "posts with a picture", lambda item, _h: "pic.twitter.com" in item.post.text),
    ("working_hours", "posted in your working hours", lambda item, hours: hours.includes(item.local)),
    ("own_time", "posted in your own time", lambda item, hours: not hours.includes(item.local)),
)


def _words(item: ScoredPost) -> int:
    return len(item.post.text.split())


def _what_works(scored: Sequence[ScoredPost], thresholds: Thresholds, hours: WorkingHours) -> dict[str, Any]:
    """The best posts (engagement against the account's own median) and the traits they share.

    The best posts are the top `best_posts_share` of standalone posts with counts (at least
    `best_posts_min`, at most `best_posts_max`) that beat the median. A trait is shared when at
    least `trait_min_best_share` of them show it and that share exceeds the share among all
    counted posts by `trait_min_lift`.
    """
    counted = [item for item in scored if item.standalone and item.post.likes is not None]
    if not counted:
        return {"counts_available": False, "posts_counted": 0}
    values = [_engagement(item) for item in counted]
    typical = statistics.median(values)
    size = min(
        thresholds.best_posts_max, max(thresholds.best_posts_min, round(len(counted) * thresholds.best_posts_share))
    )
    ranked = heapq.nsmallest(size, counted, key=lambda item: (-_engagement(item), item.post.external_id))
    best = [item for item in ranked if _engagement(item) > typical]
    shared = []
    if len(best) >= thresholds.best_posts_min:
        for name, description, test in TRAITS:
            best_share = sum(1 for item in best if test(item, hours)) / len(best)
            # The pass over every counted post only for the traits most best posts show.
            if best_share < thresholds.trait_min_best_share:
                continue
            all_share = sum(1 for item in counted if test(item, hours)) / len(counted)
            if best_share - all_share >= thresholds.trait_min_lift:
                shared.append(SharedTrait(name, description, rounded(best_share) or 0.0, rounded(all_share) or 0.0))
        shared.sort(key=lambda trait: -(trait.best_share - trait.all_share))
    return {
        "counts_available": True,
        "posts_counted": len(counted),
        "median_engagement": rounded(typical),
        "best_posts": [
            BestPost(
                id=item.post.external_id,
                engagement=_engagement(item),
                times_median=rounded(_engagement(item) / typical, 1) if typical else None,
                voice=item.voice,
                kind=str(item.post.kind),
            )
            for item in best
        ],
        "what_works": shared,
    }


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
