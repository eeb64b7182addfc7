"""What works: the best posts against the account's own median, and what they share."""

from __future__ import annotations

from datetime import timedelta

from profiles.analysis import AnalysisContext, analyse
from tests.profiles.analysis.factories import at, make_post

UTC = AnalysisContext(timezone="UTC")
PERSONAL = [
    "I loved the school fair today, my kids won the egg race.",
    "Honestly the best bacon roll of my life at the market cafe.",
    "My dog stole a sausage at the barbecue again, I can't stop laughing.",
    "I think the new bus lane works, judging by my commute this week.",
    "Proud of my team, I came home smiling all evening.",
]
ASIDES = [
    "Then tea with my sister.",
    "Rain all afternoon though!",
    "Off to bed early tonight.",
    "Grandad phoned, all well.",
    "Still no sign of spring.",
    "Cat asleep on my notes.",
    "Long walk by the river after.",
    "Pizza for tea, obviously.",
]
CORPORATE = "We are pleased to announce our {n} campaign, read more https://example.org/{n} #News"
CAMPAIGNS = ["road safety", "cyber crime", "rural crime", "knife amnesty", "scam awareness", "burglary"]


def _history(*, with_counts: bool) -> list:
    start = at("2024-01-01 10:00")
    posts = []
    for n in range(40):
        counts = {"likes": 40 + n, "reposts": 5} if with_counts else {}
        # A different aside each time: the same sentence eight times over would be a template.
        text = f"{PERSONAL[n % 5]} {ASIDES[n // 5]} ({n})"
        posts.append(make_post(text, when=start + timedelta(days=2 * n), **counts))
        counts = {"likes": n % 3, "reposts": 0} if with_counts else {}
        text = CORPORATE.format(n=f"{CAMPAIGNS[n % 6]} {n}")
        posts.append(make_post(text, when=start + timedelta(days=2 * n + 1), **counts))
    return posts


def test_the_best_posts_beat_the_median_and_their_shared_traits_are_named() -> None:
    profile = analyse(_history(with_counts=True), UTC).profile
    engagement = profile.engagement
    assert engagement.counts_available is True
    assert engagement.posts_counted == 80
    best = engagement.best_posts
    assert len(best) == 8  # 10% of 80
    assert all(post.engagement > engagement.median_engagement for post in best)
    assert [post.engagement for post in best] == sorted((post.engagement for post in best), reverse=True)
    assert best[0].engagement == 79 + 5
    traits = {trait.trait: trait for trait in engagement.what_works}
    assert traits["personal_voice"].best_share >= traits["personal_voice"].all_share + 0.2
    assert traits["no_link"].best_share == 1.0
    assert "corporate_voice" not in traits
    strengths = {strength.code: strength for strength in profile.strengths}
    assert {example.id for example in strengths["well_received"].examples} <= {post.id for post in best}
    assert all(example.likes is not None and example.likes >= 40 for example in strengths["well_received"].examples)
    # The comparison names the posts it is over: posts to the whole audience, not every post.
    assert strengths["well_received"].measured.endswith(
        "of the 80 posts to your whole audience with counts (replies are left out)"
    )


def test_without_counts_nothing_is_claimed_and_the_profile_says_why() -> None:
    profile = analyse(_history(with_counts=False), UTC).profile
    engagement = profile.engagement
    assert engagement.counts_available is False
    assert engagement.best_posts == []
    assert engagement.what_works == []
    assert engagement.median_engagement is None
    flags = {flag.figure: flag.reason for flag in profile.confidence}
    assert "no like or repost counts" in flags["engagement"]
    # Not "too few posts to compare": the export simply has no counts.
    assert "engagement.personal_vs_corporate_ratio" not in flags
    codes = {entry.code for entry in [*profile.findings, *profile.strengths]}
    assert codes.isdisjoint({"well_received", "human_side_rewarded"})
