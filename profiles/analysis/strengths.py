"""Strengths: what the account does well, measured and cited, said before the advice.

The same rules as the findings (`findings.Rule`), read the other way round: a strength fires
when its figure is known and *inside* its range, whose bound is a `strong_*` mark of
`Thresholds`; its severity says how far past the mark the account is. docs/metrics.md lists them.
"""

from __future__ import annotations

from profiles.analysis.activity import DECLINING, DORMANT
from profiles.analysis.findings import Fired, Rule, fire
from profiles.analysis.profile import Profile
from profiles.analysis.thresholds import HealthyRange, Thresholds

# Below this many timed replies the median reply time is flagged (engine.MIN_TIMED_REPLIES):
# it is not praised either.
MIN_TIMED_REPLIES = 10


def _best_trait_share(profile: Profile) -> float | None:
    what_works = profile.engagement.what_works
    return what_works[0].best_share if what_works else None


def _best_trait_measured(profile: Profile) -> str:
    trait = profile.engagement.what_works[0]
    return (
        f"{round(trait.best_share * 100)}% of your {len(profile.engagement.best_posts)} best-received posts, "
        f"against {round(trait.all_share * 100)}% of the {profile.engagement.posts_counted:,} posts to your "
        "whole audience with counts (replies are left out)"
    )


def _answers_many(profile: Profile, thresholds: Thresholds) -> bool:
    responsiveness = profile.responsiveness
    return (
        responsiveness.people_replied_to >= thresholds.strong_min_people_replied_to
        and responsiveness.replies_timed >= MIN_TIMED_REPLIES
    )


def _steady(profile: Profile, thresholds: Thresholds) -> bool:
    active = profile.activity is not None and profile.activity.trend not in (DORMANT, DECLINING)
    return active and profile.rhythm.recent_posts >= thresholds.rhythm_min_recent_posts


STRENGTHS: tuple[Rule, ...] = (
    Rule(
        code="answers_quickly",
        area="responsiveness",
        figure=lambda p: p.responsiveness.reply_latency_median_s,
        healthy=lambda t: HealthyRange(high=t.strong_reply_latency_median_s),
        unit="h",
        headline="You answer people, and quickly: {people} people replied to, half of them within {reply_median}.",
        recommendation="Keep it up and say so in your profile: {audience} who know they will be answered ask more.",
        pools=("quick_replies",),
        applies=_answers_many,
    ),
    Rule(
        code="lasting_conversations",
        area="responsiveness",
        figure=lambda p: p.responsiveness.repeat_interlocutor_share,
        healthy=lambda t: HealthyRange(low=t.strong_repeat_interlocutor_share),
        unit="%",
        headline="You come back to the people you talk to: relationships, not one-offs.",
        recommendation="Keep following up; these are the people who will share your posts and speak for you.",
        pools=("repeat_replies",),
        applies=lambda p, t: p.responsiveness.people_replied_to >= t.strong_min_people_replied_to,
    ),
    Rule(
        code="well_received",
        area="engagement",
        figure=_best_trait_share,
        healthy=lambda t: HealthyRange(low=t.trait_min_best_share),
        unit="%",
        headline="Your best-received posts are {trait}.",
        recommendation="Do more of what already works with {audience}.",
        pools=("best",),
        describe=_best_trait_measured,
    ),
    Rule(
        code="human_side_rewarded",
        area="engagement",
        figure=lambda p: p.engagement.personal_vs_corporate_ratio.interval_low,
        healthy=lambda t: HealthyRange(low=t.rewarding_ratio),
        unit="×",
        headline="Your audience rewards the human side: your personal posts earn more than corporate ones.",
        recommendation="Post more of them: {audience} respond to the person more than to the institution.",
        pools=("best_personal", "personal"),
        # The whole 90% interval above the mark, not just touching it.
        applies=lambda p, t: (p.engagement.personal_vs_corporate_ratio.interval_low or 0) > t.rewarding_ratio,
    ),
    Rule(
        code="personal_voice",
        area="voice",
        figure=lambda p: p.voice.personal_share,
        healthy=lambda t: HealthyRange(low=t.strong_personal_share),
        unit="%",
        headline="You write as yourself: {audience} meet a person, not a press office.",
        recommendation="Keep your own voice, including in announcements.",
        pools=("personal",),
    ),
    Rule(
        code="warm_tone",
        area="tone",
        figure=lambda p: p.tone.positive_share,
        healthy=lambda t: HealthyRange(low=t.strong_positive_share),
        unit="%",
        headline="Your posts are warm: thanks, good news and encouragement come through.",
        recommendation="Keep the warmth; it makes the harder messages easier to hear.",
        pools=("warm",),
        applies=lambda p, t: p.tone.negative_share is not None and p.tone.negative_share <= t.strong_max_negative_share,
    ),
    Rule(
        code="readable",
        area="tone",
        figure=lambda p: p.tone.flesch_reading_ease,
        healthy=lambda t: HealthyRange(low=t.strong_flesch_reading_ease),
        unit="",
        headline="Your posts are easy to read: most people take them in at a glance.",
        recommendation="Keep the short sentences and everyday words.",
        pools=("easy_to_read",),
    ),
    Rule(
        code="steady_rhythm",
        area="rhythm",
        figure=lambda p: p.rhythm.recent_out_of_hours_share,
        healthy=lambda t: HealthyRange(high=t.strong_recent_out_of_hours_share),
        unit="%",
        headline="A steady rhythm inside your working hours: you post regularly and keep your own time free.",
        recommendation="Keep to it: a predictable rhythm is what {audience} come back for.",
        pools=("in_working_hours",),
        applies=_steady,
    ),
)


def strengths_for(profile: Profile, thresholds: Thresholds) -> list[Fired]:
    """The strengths of this profile, the clearest first, with the pools their examples come from."""
    return fire(STRENGTHS, profile, thresholds, strength=True)
