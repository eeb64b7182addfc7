"""Rhythm: when the account posts, in the user's own time zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from profiles.analysis.activity import recent_index, recent_start
from profiles.analysis.context import AnalysisContext, ScoredPost
from profiles.analysis.profile import Rhythm
from profiles.analysis.stats import rounded, share
from profiles.analysis.thresholds import Thresholds

SATURDAY, SUNDAY = 5, 6
EXAMPLES = 5


def rhythm_of(scored: Sequence[ScoredPost], context: AnalysisContext, zone_name: str, zone_source: str) -> Rhythm:
    thresholds = context.thresholds
    heatmap = [[0] * 24 for _ in range(7)]
    out_of_hours: list[ScoredPost] = []
    night = weekend = 0
    days: set[date] = set()
    since = recent_start(scored)
    first_recent = recent_index(scored)
    recent_out_of_hours = recent_night = 0
    recent_days: set[date] = set()
    night_hours = frozenset(hour for hour in range(24) if is_night(hour, thresholds))
    includes = context.working_hours.includes
    for index, item in enumerate(scored):
        local = item.local
        heatmap[local.weekday()][local.hour] += 1
        is_recent = index >= first_recent
        if not includes(local):
            out_of_hours.append(item)
            recent_out_of_hours += is_recent
        if local.hour in night_hours:
            night += 1
            recent_night += is_recent
        if local.weekday() >= SATURDAY:
            weekend += 1
        day = local.date()
        days.add(day)
        if is_recent:
            recent_days.add(day)
    recent = len(scored) - first_recent

    ordered_days = sorted(days)
    silence, silence_from, silence_to = _longest_silence(scored)
    always_on_share = share(len(out_of_hours), len(scored))
    weekends_active = _weekends_active_share(ordered_days)
    return Rhythm(
        timezone=zone_name,
        timezone_source=zone_source,
        working_hours=context.working_hours.text,
        heatmap=heatmap,
        out_of_hours_share=always_on_share,
        night_share=share(night, len(scored)),
        weekend_share=share(weekend, len(scored)),
        weekends_active_share=weekends_active,
        active_days=len(ordered_days),
        span_days=(ordered_days[-1] - ordered_days[0]).days + 1 if ordered_days else 0,
        longest_streak_days=_longest_streak(ordered_days),
        longest_silence_days=silence,
        longest_silence_from=silence_from,
        longest_silence_to=silence_to,
        always_on=bool(
            always_on_share is not None
            and weekends_active is not None
            and always_on_share >= thresholds.always_on_out_of_hours_share
            and weekends_active >= thresholds.always_on_weekend_share
        ),
        out_of_hours_examples=[item.post.external_id for item in out_of_hours[-EXAMPLES:]],
        recent_from=since.astimezone(scored[-1].local.tzinfo).isoformat() if since is not None else None,
        recent_posts=recent,
        recent_out_of_hours_share=share(recent_out_of_hours, recent),
        recent_night_share=share(recent_night, recent),
        recent_weekends_active_share=_weekends_active_share(sorted(recent_days)),
    )


def is_night(hour: int, thresholds: Thresholds) -> bool:
    """Whether a local hour falls in the night window [night_start_hour, night_end_hour)."""
    return hour >= thresholds.night_start_hour or hour < thresholds.night_end_hour


def _longest_streak(ordered_days: list[date]) -> int:
    """The most consecutive calendar days with at least one post each."""
    longest = current = 0
    previous: date | None = None
    for day in ordered_days:
        current = current + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, current)
        previous = day
    return longest


def _longest_silence(scored: Sequence[ScoredPost]) -> tuple[float | None, str | None, str | None]:
    """The longest time between two consecutive posts, in days, and the posts' times."""
    best: tuple[float, int] | None = None
    for index in range(1, len(scored)):
        gap = (scored[index].post.created_at - scored[index - 1].post.created_at).total_seconds()
        if best is None or gap > best[0]:
            best = (gap, index)
    if best is None:
        return None, None, None
    gap, index = best
    return rounded(gap / 86400, 2), scored[index - 1].local.isoformat(), scored[index].local.isoformat()


def _weekends_active_share(ordered_days: list[date]) -> float | None:
    """Of the weekends from the first post to the last, the share with at least one post."""
    if not ordered_days:
        return None
    first, last = ordered_days[0], ordered_days[-1]
    # A weekend is named by its Saturday; a history starting on a Sunday starts in the weekend.
    saturday = (
        first - timedelta(days=1)
        if first.weekday() == SUNDAY
        else first + timedelta(days=(SATURDAY - first.weekday()) % 7)
    )
    weekends = 0
    while saturday <= last:
        weekends += 1
        saturday += timedelta(days=7)
    active = {day - timedelta(days=day.weekday() - SATURDAY) for day in ordered_days if day.weekday() >= SATURDAY}
    return share(len(active), weekends)
