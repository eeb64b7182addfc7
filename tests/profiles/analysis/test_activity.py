"""Activity over time: every month shown, the last 12 months against earlier years, silences."""

from __future__ import annotations

from datetime import timedelta

from profiles.analysis import AnalysisContext, analyse
from tests.profiles.analysis.factories import at, make_post

LONDON = AnalysisContext(timezone="Europe/London")
TOPICS = ["the match", "my garden", "the new bridge", "our book club", "the weather", "a great podcast"]


def _posts_in_year(year: int, count: int, hour: str = "23:30") -> list:
    """`count` varied posts spread over `year`, at `hour` UTC (late at night in London)."""
    start = at(f"{year}-01-01 {hour}")
    step = timedelta(days=364 / count)
    return [
        make_post(f"Thinking about {TOPICS[n % 6]} tonight, note {n}.", when=start + step * n) for n in range(count)
    ]


def test_a_declining_account_is_told_so_and_not_to_protect_its_time_off() -> None:
    # 548 posts in 2015, then a trickle: 7 in 2022, all of them late at night.
    posts = [*_posts_in_year(2015, 548), *_posts_in_year(2018, 40), *_posts_in_year(2022, 7)]
    profile = analyse(posts, LONDON).profile
    activity = profile.activity
    assert activity.last_12_months_posts == 7
    assert activity.busiest_year_posts == 548
    assert activity.trend == "dormant"
    codes = [finding.code for finding in profile.findings]
    assert codes[0] == "declining_activity"
    assert "548 posts in 2015" in profile.findings[0].measured
    assert "7 posts in the last 12 months" in profile.findings[0].measured
    # Rhythm is judged on the last 12 months only, and 7 posts cannot show a habit.
    assert "always_on" not in codes
    assert "late_nights" not in codes
    assert "rhythm.recent" in {flag.figure for flag in profile.confidence}


def test_every_year_and_month_is_present_with_empty_ones_as_zeros() -> None:
    posts = [make_post("First.", when="2021-11-20 10:00"), make_post("Back again.", when="2023-02-03 10:00")]
    activity = analyse(posts, LONDON).profile.activity
    assert [(year.period, year.posts) for year in activity.by_year] == [("2021", 1), ("2022", 0), ("2023", 1)]
    months = [month.period for month in activity.by_month]
    assert months[0] == "2021-11"
    assert months[-1] == "2023-02"
    assert len(months) == 16
    assert sum(month.posts for month in activity.by_month) == 2
    assert [month.posts for month in activity.by_month if month.period == "2022-06"] == [0]


def test_silences_longer_than_the_threshold_are_listed_longest_first() -> None:
    days = [0, 1, 2, 50, 51, 140, 141]
    posts = [make_post(f"Post {n}.", when=at("2024-01-01 10:00") + timedelta(days=n)) for n in days]
    activity = analyse(posts, LONDON).profile.activity
    assert [silence.days for silence in activity.silences] == [89.0, 48.0]
    assert activity.silences[0].start == "2024-02-21T10:00:00+00:00"
    assert activity.silences[0].end == "2024-05-20T11:00:00+01:00"  # British Summer Time


def test_a_steady_account_is_neither_declining_nor_dormant() -> None:
    posts = [*_posts_in_year(2022, 120, "10:00"), *_posts_in_year(2023, 110, "10:00")]
    profile = analyse(posts, LONDON).profile
    assert profile.activity.trend == "steady"
    assert profile.activity.busiest_year == "2022"
    assert "declining_activity" not in {finding.code for finding in profile.findings}
