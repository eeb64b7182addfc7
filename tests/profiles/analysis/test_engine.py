"""The whole engine: chunked equals single pass, honest confidence, stable JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.analysis import AnalysisContext, analyse, assemble, features_of, in_time_order
from profiles.analysis.parallel import analyse_in_processes
from profiles.analysis.sentiment import VaderScorer
from profiles.analysis.thresholds import DEFAULT_THRESHOLDS
from profiles.ingest.records import NormalisedPost, Platform, PostKind
from samples.archives import snowflake
from samples.histories import professional_history
from tests.profiles.analysis.factories import OWN_ACCOUNT, at, daily_posts, make_post

SCORER = VaderScorer()


def _as_posts(count: int, seed: int) -> list[NormalisedPost]:
    posts = []
    for tweet in professional_history(count, seed=seed):
        kind = (
            PostKind.REPOST
            if tweet.text.startswith("RT @")
            else PostKind.REPLY
            if tweet.reply_to_id
            else PostKind.ORIGINAL
        )
        posts.append(
            NormalisedPost(
                platform=Platform.TWITTER,
                external_id=tweet.id,
                created_at=tweet.created_at,
                text=tweet.text,
                kind=kind,
                reply_to_post_id=tweet.reply_to_id or "",
                reply_to_account_id=tweet.reply_to_user_id or "",
                reply_to_handle=tweet.reply_to_handle or "",
                is_self_reply=tweet.reply_to_user_id == OWN_ACCOUNT,
                likes=tweet.likes,
                reposts=tweet.retweets,
                client=tweet.client,
                language="en",
            )
        )
    return posts


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(min_value=0, max_value=160),
    seed=st.integers(min_value=0, max_value=50),
    cuts=st.lists(st.integers(min_value=0, max_value=160), max_size=6),
)
def test_chunked_and_merged_results_equal_a_single_pass(count: int, seed: int, cuts: list[int]) -> None:
    context = AnalysisContext(account_id=OWN_ACCOUNT, timezone="Europe/London")
    posts = in_time_order(_as_posts(count, seed))
    single = analyse(posts, context, scorer=SCORER)

    bounds = sorted({0, len(posts), *(min(cut, len(posts)) for cut in cuts)})
    features = []
    for start, end in pairwise(bounds):
        # A fresh scorer per chunk, as on another worker: no shared cache.
        features.extend(
            features_of(
                posts[start:end], thresholds=DEFAULT_THRESHOLDS, own_account_id=OWN_ACCOUNT, scorer=VaderScorer()
            )
        )
    chunked = assemble(posts, features, context)

    assert chunked.profile.as_dict() == single.profile.as_dict()
    assert chunked.post_scores == single.post_scores


def test_the_profile_is_json_with_the_documented_top_level() -> None:
    profile = analyse(_as_posts(300, 1), AnalysisContext(account_id=OWN_ACCOUNT)).profile.as_dict()
    decoded = json.loads(json.dumps(profile))
    assert decoded == profile
    assert {"posts", "tone", "voice", "responsiveness", "rhythm", "engagement", "findings", "confidence"} <= set(
        profile
    )
    assert {"total", "original", "replies", "replies_to_others", "self_replies", "reposts", "quotes", "skipped",
            "non_english", "first", "last"} <= set(profile["posts"])  # fmt: skip
    assert len(profile["rhythm"]["heatmap"]) == 7
    assert all(len(row) == 24 for row in profile["rhythm"]["heatmap"])
    for name in ("personal_share", "corporate_share", "mixed_share"):
        assert 0 <= profile["voice"][name] <= 1


def test_a_short_history_still_gets_a_profile_flagged_low_confidence() -> None:
    profile = analyse(daily_posts(20)).profile
    assert profile.low_confidence
    reasons = " ".join(flag.reason for flag in profile.confidence if flag.figure == "all")
    assert "Only 20 original posts (fewer than 50)" in reasons
    assert "words of English text (fewer than 1000)" in reasons
    assert all(finding.low_confidence for finding in profile.findings)


def test_a_long_enough_history_is_not_flagged() -> None:
    posts = daily_posts(
        60, text="A long and thoughtful post about my work on the neighbourhood team, today we met residents."
    )
    profile = analyse(posts).profile
    assert not profile.low_confidence


def test_an_empty_history_gives_an_empty_profile() -> None:
    profile = analyse([]).profile
    assert profile.posts.total == 0
    assert profile.tone.positive_share is None
    assert profile.low_confidence


def test_non_english_posts_are_counted_and_kept_out_of_tone() -> None:
    posts = [
        make_post("Ein schöner Tag in der Stadt, danke an alle Kolleginnen", language=""),
        make_post("Great day in town, thanks to all my colleagues", language=""),
        make_post("Merci à tous", language="fr"),
    ]
    profile = analyse(posts).profile
    assert profile.posts.non_english == 2
    assert profile.tone.posts_scored == 1


def test_engagement_by_voice_and_a_ratio_only_with_enough_posts() -> None:
    start = at("2024-01-01 10:00")
    # Each its own words: near-identical posts would be a template, and templates read as corporate.
    personal_texts = [
        "I love my weekend walks with the dog",
        "Honestly, the best coffee I've had all week",
        "Knackered after the school run, need a nap",
        "My daughter just beat me at chess again, ha",
        "Can't believe how sunny it is, off for a swim",
        "I think I've finally fixed the leaky tap!",
        "Ugh, missed the bus by ten seconds this morning",
        "So proud of my son at his first football match",
        "Burnt the toast again, I'm hopeless before 8am",
        "Reading in the garden, I could get used to this",
        "I'm gutted we lost the quiz by one point",
        "Lovely long chat with my gran today, made my week",
    ]
    personal = [
        make_post(text, when=start + timedelta(hours=n), likes=20 + n % 3, reposts=2)
        for n, text in enumerate(personal_texts)
    ]
    corporate = [
        make_post(
            f"We are pleased to announce our campaign update {n} https://example.org/{n} #Safety",
            when=start + timedelta(hours=100 + n),
            likes=4 + n % 3,
            reposts=1,
        )
        for n in range(12)
    ]
    engagement = analyse(personal + corporate).profile.engagement
    assert engagement.by_voice["personal"].likes_median == 21.0
    assert engagement.by_voice["corporate"].likes_median == 5.0
    ratio = engagement.personal_vs_corporate_ratio
    assert ratio.value == round((21 + 2) / (5 + 1), 4)
    assert ratio.interval_low <= ratio.value <= ratio.interval_high
    assert ratio.interval_low > 1
    assert engagement.top_posts[0].voice == "personal"

    few = analyse(personal[:3] + corporate[:3]).profile
    assert few.engagement.personal_vs_corporate_ratio.value is None
    assert any(flag.figure == "engagement.personal_vs_corporate_ratio" for flag in few.confidence)


def test_snowflake_factory_ids_are_ordered_like_time() -> None:
    assert int(snowflake(at("2024-01-01 10:00"))) < int(snowflake(at("2024-01-01 10:01")))


def test_analysing_on_two_processes_gives_the_single_process_result() -> None:
    context = AnalysisContext(account_id=OWN_ACCOUNT, timezone="Europe/London")
    posts = _as_posts(400, 21)

    parallel = analyse_in_processes(posts, context, processes=2)

    single = analyse(posts, context)
    assert parallel.profile.as_dict() == single.profile.as_dict()
    assert parallel.post_scores == single.post_scores
