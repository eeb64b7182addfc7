"""Replies, the people they go to, and how fast: worked out by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest

from profiles.analysis import AnalysisContext, WorkingHours, analyse
from profiles.analysis.responsiveness import snowflake_time
from profiles.ingest.records import Platform
from tests.profiles.analysis.factories import OWN_ACCOUNT, at, make_post, reply, self_reply

CONTEXT = AnalysisContext(
    account_id=OWN_ACCOUNT, timezone="UTC", working_hours=WorkingHours.parse("Mon-Fri 09:00-17:00")
)


def test_snowflake_ids_carry_their_time() -> None:
    # 2024-03-04T10:00:00.250Z is 1709546400250 ms; ids hold ms since Twitter's epoch above bit 22.
    post_id = str(((1709546400250 - 1288834974657) << 22) | 5)
    assert snowflake_time(post_id).isoformat(timespec="milliseconds") == "2024-03-04T10:00:00.250+00:00"
    assert snowflake_time("20") is None  # a 2006 id predates snowflakes
    assert snowflake_time("https://mastodon.example/@x/1") is None


def test_reply_share_counts_replies_against_originals_and_replies() -> None:
    first = make_post("Morning all", when="2024-03-04 09:00")
    posts = [
        first,
        make_post("Another update", when="2024-03-04 10:00"),
        make_post("RT @x: news", when="2024-03-04 10:30", kind="repost"),
        reply("Thanks!", when="2024-03-04 11:00"),
        self_reply("2/ and more", when="2024-03-04 09:01", to_post=first),
    ]
    profile = analyse(posts, CONTEXT).profile
    assert profile.posts.replies == 2
    assert profile.posts.self_replies == 1
    assert profile.posts.replies_to_others == 1
    assert profile.responsiveness.reply_share == 0.5  # 2 replies / (2 originals + 2 replies)
    assert profile.responsiveness.replies_to_others_share == 0.5
    assert profile.responsiveness.repost_share == 0.2


def test_latency_comes_from_the_answered_posts_snowflake_ignoring_self_replies_and_late_answers() -> None:
    first = make_post("Thread start", when="2024-03-04 09:00")
    posts = [
        first,
        reply("a", when="2024-03-04 10:30", asked="2024-03-04 10:00"),  # 30 min, asked Monday 10:00 (working)
        reply("b", when="2024-03-04 14:00", asked="2024-03-04 12:00"),  # 2 h (working)
        reply("c", when="2024-03-05 23:00", asked="2024-03-04 23:00"),  # 24 h, asked at night (off hours)
        reply("d", when="2024-03-20 10:00", asked="2024-03-04 10:00"),  # 16 days: late, not timed
        self_reply("2/", when="2024-03-04 12:00", to_post=first),  # 3 h to own post: ignored
    ]
    responsiveness = analyse(posts, CONTEXT).profile.responsiveness
    assert responsiveness.replies_timed == 4
    assert responsiveness.late_replies == 1
    assert responsiveness.reply_latency_median_s == 7200.0
    assert responsiveness.reply_latency_p90_s == 86400.0
    assert responsiveness.replied_within_1h_share == 0.25
    assert responsiveness.replied_within_24h_share == 0.75
    assert responsiveness.reply_latency_median_working_hours_s == pytest.approx(4500.0)
    assert responsiveness.reply_latency_median_off_hours_s == 86400.0


def test_mastodon_replies_have_no_latency() -> None:
    posts = [reply("hi", when="2024-03-04 10:30", platform=Platform.MASTODON, reply_to_post_id="https://m.example/1")]
    assert analyse(posts, CONTEXT).profile.responsiveness.reply_latency_median_s is None


def test_people_relationships_and_concentration() -> None:
    start = at("2024-03-04 10:00")
    posts = []
    # resident1 gets 3 replies over three days, the others one each.
    for day in range(3):
        posts.append(reply("hello again", when=start + timedelta(days=day), to_handle="resident1"))
    for n in range(2, 8):
        posts.append(
            reply("hello", when=start + timedelta(hours=n), to_handle=f"resident{n}", to_account=f"90000000{n}")
        )
    responsiveness = analyse(posts, CONTEXT).profile.responsiveness
    assert responsiveness.people_replied_to == 7
    assert responsiveness.people_replied_to_more_than_once == 1
    assert responsiveness.repeat_interlocutor_share == pytest.approx(1 / 7, abs=1e-4)
    assert responsiveness.top_interlocutors[0].handle == "resident1"
    assert responsiveness.top_interlocutors[0].replies == 3
    assert responsiveness.top5_concentration == pytest.approx(7 / 9, abs=1e-4)


def test_conversations_are_sustained_when_the_account_replies_twice_within_a_day() -> None:
    posts = [
        reply("first", when="2024-03-04 10:00", to_handle="ann", to_account="1"),
        reply("second", when="2024-03-04 12:00", to_handle="ann", to_account="1"),  # same conversation
        reply("later", when="2024-03-08 12:00", to_handle="ann", to_account="1"),  # a new one
        reply("once", when="2024-03-04 11:00", to_handle="bob", to_account="2"),
    ]
    responsiveness = analyse(posts, CONTEXT).profile.responsiveness
    assert responsiveness.conversations == 3
    assert responsiveness.conversations_sustained == 1


def test_follow_back_share_needs_both_lists() -> None:
    posts = [make_post("hello")]
    known = AnalysisContext(follower_ids=frozenset({"1", "2", "3", "4"}), following_ids=frozenset({"2", "4", "9"}))
    assert analyse(posts, known).profile.responsiveness.follow_back_share == 0.5
    assert (
        analyse(posts, AnalysisContext(follower_ids=frozenset({"1"}))).profile.responsiveness.follow_back_share is None
    )


def test_latencies_fall_into_the_distributions_buckets() -> None:
    posts = [
        reply("a", when="2024-03-04 10:10", asked="2024-03-04 10:00"),  # 10 min
        reply("b", when="2024-03-04 10:30", asked="2024-03-04 10:00"),  # 30 min
        reply("c", when="2024-03-04 13:00", asked="2024-03-04 10:00"),  # 3 h
        reply("d", when="2024-03-06 10:00", asked="2024-03-04 10:00"),  # 2 days
        reply("e", when="2024-03-20 10:00", asked="2024-03-04 10:00"),  # late
    ]
    buckets = analyse(posts, CONTEXT).profile.responsiveness.reply_latency_buckets
    assert buckets == {"15 min": 1, "1 h": 1, "4 h": 1, "24 h": 0, "7 days": 1, "later": 1}
