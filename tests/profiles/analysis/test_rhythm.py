"""When the account posts, read on the user's own clock (DST included)."""

from __future__ import annotations

import pytest

from profiles.analysis import AnalysisContext, AnalysisError, WorkingHours, WorkingHoursError, analyse
from tests.profiles.analysis.factories import make_post

LONDON_OFFICE = AnalysisContext(timezone="Europe/London", working_hours=WorkingHours.parse("Mon-Fri 09:00-17:00"))


def test_the_same_utc_hour_is_in_or_out_of_hours_depending_on_daylight_saving() -> None:
    # 08:30 UTC is 08:30 in London in winter (before work) and 09:30 in summer (at work).
    winter = make_post("winter", when="2024-01-15 08:30")  # a Monday
    summer = make_post("summer", when="2024-07-15 08:30")  # a Monday
    rhythm = analyse([winter, summer], LONDON_OFFICE).profile.rhythm
    assert rhythm.out_of_hours_share == 0.5
    assert rhythm.out_of_hours_examples == [winter.external_id]
    assert rhythm.heatmap[0][8] == 1  # Monday 08:00-09:00 local
    assert rhythm.heatmap[0][9] == 1  # Monday 09:00-10:00 local
    assert sum(map(sum, rhythm.heatmap)) == 2


def test_the_clocks_going_forward_move_a_post_across_midnight() -> None:
    # 23:30 UTC on Saturday 30 March 2024 is 23:30 in London; the next night, after the change, 00:30.
    before = make_post("before", when="2024-03-30 23:30")
    after = make_post("after", when="2024-03-31 23:30")
    rhythm = analyse([before, after], LONDON_OFFICE).profile.rhythm
    assert rhythm.heatmap[5][23] == 1  # Saturday 23:00
    assert rhythm.heatmap[0][0] == 1  # Monday 00:00 (local), not Sunday 23:00
    assert rhythm.night_share == 1.0
    assert rhythm.weekend_share == 0.5


def test_timezone_comes_from_the_order_then_the_archive_then_utc() -> None:
    post = [make_post("x", when="2024-01-15 12:00")]
    assert (
        analyse(post, AnalysisContext(timezone="Asia/Tokyo", archive_timezone="Europe/Berlin")).profile.rhythm.timezone
        == "Asia/Tokyo"
    )
    from_archive = analyse(post, AnalysisContext(archive_timezone="Europe/Berlin")).profile
    assert (from_archive.rhythm.timezone, from_archive.rhythm.timezone_source) == ("Europe/Berlin", "archive")
    default = analyse(post, AnalysisContext()).profile
    assert (default.rhythm.timezone, default.rhythm.timezone_source) == ("UTC", "default")
    assert any(flag.figure == "rhythm" and "UTC" in flag.reason for flag in default.confidence)


def test_an_unknown_timezone_is_a_clear_error() -> None:
    with pytest.raises(AnalysisError, match='Unknown time zone "Mars/Olympus"'):
        analyse([make_post("x")], AnalysisContext(timezone="Mars/Olympus"))


def test_streaks_silences_and_weekends() -> None:
    posts = [
        make_post("a", when="2024-01-01 10:00"),  # Monday
        make_post("b", when="2024-01-02 10:00"),
        make_post("c", when="2024-01-03 10:00"),
        make_post("d", when="2024-01-06 10:00"),  # Saturday
        make_post("e", when="2024-01-16 22:00"),  # Tuesday: ten and a half days of silence
    ]
    rhythm = analyse(posts, AnalysisContext(timezone="UTC")).profile.rhythm
    assert rhythm.longest_streak_days == 3
    assert rhythm.active_days == 5
    assert rhythm.span_days == 16
    assert rhythm.longest_silence_days == 10.5
    assert rhythm.longest_silence_from.startswith("2024-01-06T10:00")
    # Weekends from 1 to 16 January: the 6th and the 13th; one of them has a post.
    assert rhythm.weekends_active_share == 0.5
    assert rhythm.night_share == 0.2


def test_working_hours_read_several_groups_and_reject_nonsense() -> None:
    hours = WorkingHours.parse("Mon-Thu 08:00-17:00, Fri 08:00-13:00")
    assert len(hours.spans) == 5
    with pytest.raises(WorkingHoursError, match='Unknown day "fun"'):
        WorkingHours.parse("Fun-Fri 09:00-17:00")
    with pytest.raises(WorkingHoursError, match="ends before it starts"):
        WorkingHours.parse("Mon-Fri 18:00-08:00")
    with pytest.raises(WorkingHoursError, match='write days and times like "Mon-Fri 08:00-18:00"'):
        WorkingHours.parse("weekdays nine to five")
    with pytest.raises(WorkingHoursError, match="not a time of day"):
        WorkingHours.parse("Mon 09:00-25:00")
