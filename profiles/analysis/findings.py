"""Coaching findings: a rule set that turns the profile's figures into prioritised advice.

Each rule is data: the figure it reads, the healthy range it compares with (from `Thresholds`),
what to say and which posts to cite. A rule fires when its figure is known and outside the
range; severity grows with the distance from the range. Findings come out highest severity
first, then in the order of RULES (which lists the areas by how much they matter to a coach).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from profiles.analysis.profile import Finding, Profile
from profiles.analysis.thresholds import HealthyRange, Thresholds

SEVERITIES = ("high", "medium", "low")
MAX_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    area: str
    figure: Callable[[Profile], float | None]
    healthy: Callable[[Thresholds], HealthyRange]
    unit: str
    headline: str
    recommendation: str
    examples: Callable[[Profile], list[str]]
    # Extra condition on the profile beyond the range (e.g. templates must exist).
    applies: Callable[[Profile], bool] = lambda _profile: True


def _ratio_low(profile: Profile) -> float | None:
    return profile.engagement.personal_vs_corporate_ratio.interval_low


RULES: tuple[Rule, ...] = (
    Rule(
        code="two_way_street",
        area="responsiveness",
        figure=lambda p: p.responsiveness.reply_share,
        healthy=lambda t: t.reply_share,
        unit="%",
        headline="Make it a two-way street: you rarely reply.",
        recommendation=(
            "Set aside ten minutes a day to answer questions and thank people who mention you; "
            "a reply to a resident or client reaches them more than another announcement."
        ),
        examples=lambda p: p.voice.most_corporate,
    ),
    Rule(
        code="talking_to_yourself",
        area="responsiveness",
        figure=lambda p: p.responsiveness.replies_to_others_share,
        healthy=lambda t: t.replies_to_others_share,
        unit="%",
        headline="Most of your replies continue your own threads rather than answer others.",
        recommendation="Answer the people who write to you, not only your own posts.",
        examples=lambda p: p.responsiveness.example_replies,
    ),
    Rule(
        code="slow_replies",
        area="responsiveness",
        figure=lambda p: p.responsiveness.replied_within_24h_share,
        healthy=lambda t: t.reply_within_24h_share,
        unit="%",
        headline="Many replies come more than a day after the question.",
        recommendation="A quick, short answer beats a late, perfect one: aim to reply the same day.",
        examples=lambda p: p.responsiveness.example_replies,
    ),
    Rule(
        code="one_off_conversations",
        area="responsiveness",
        figure=lambda p: p.responsiveness.repeat_interlocutor_share,
        healthy=lambda t: t.repeat_interlocutor_share,
        unit="%",
        headline="You rarely talk to the same person twice: relationships, not one-offs.",
        recommendation="Follow up with people you have answered before; come back to conversations.",
        examples=lambda p: p.responsiveness.example_replies,
    ),
    Rule(
        code="templated_messages",
        area="voice",
        figure=lambda p: p.voice.templated_share,
        healthy=lambda t: t.templated_share,
        unit="%",
        headline="People turn off identical corporate messages.",
        recommendation=(
            "Rewrite repeated announcements in your own words each time, or drop them: say what "
            "happened today and why it matters to your followers."
        ),
        examples=lambda p: [i for cluster in p.voice.template_clusters[:2] for i in cluster.post_ids],
        applies=lambda p: bool(p.voice.template_clusters),
    ),
    Rule(
        code="corporate_voice",
        area="voice",
        figure=lambda p: p.voice.corporate_share,
        healthy=lambda t: t.corporate_share,
        unit="%",
        headline="Your account mostly sounds like a press office.",
        recommendation="Write as yourself: say what you saw, did or think, in the first person.",
        examples=lambda p: p.voice.most_corporate,
    ),
    Rule(
        code="little_personal",
        area="voice",
        figure=lambda p: p.voice.personal_share,
        healthy=lambda t: t.personal_share,
        unit="%",
        headline="Followers rarely meet the person behind the account.",
        recommendation="Share a little of your day and your view of the work, within what your role allows.",
        examples=lambda p: p.voice.most_personal or p.voice.most_corporate,
    ),
    Rule(
        code="human_side_rewarded",
        area="engagement",
        figure=_ratio_low,
        healthy=lambda t: HealthyRange(high=t.rewarding_ratio),
        unit="×",
        headline="Your audience rewards the human side.",
        recommendation="Your personal posts earn more likes and reposts than corporate ones: post more of them.",
        examples=lambda p: [post.id for post in p.engagement.top_posts if post.voice == "personal"],
    ),
    Rule(
        code="always_on",
        area="rhythm",
        figure=lambda p: p.rhythm.out_of_hours_share,
        healthy=lambda t: t.out_of_hours_share,
        unit="%",
        headline="Always on: protect your time off.",
        recommendation=(
            "Schedule posts for working hours and switch notifications off in your own time; "
            "say in your profile when you are on duty."
        ),
        examples=lambda p: p.rhythm.out_of_hours_examples,
    ),
    Rule(
        code="late_nights",
        area="rhythm",
        figure=lambda p: p.rhythm.night_share,
        healthy=lambda t: t.night_share,
        unit="%",
        headline="You often post late at night.",
        recommendation="Posts written at night are more often regretted: leave them in drafts until morning.",
        examples=lambda p: p.rhythm.out_of_hours_examples,
    ),
    Rule(
        code="negative_tone",
        area="tone",
        figure=lambda p: p.tone.negative_share,
        healthy=lambda t: t.negative_share,
        unit="%",
        headline="A large share of your posts read as negative.",
        recommendation="Balance warnings and bad news with thanks, progress and good outcomes.",
        examples=lambda p: p.tone.most_negative,
    ),
    Rule(
        code="hard_to_read",
        area="tone",
        figure=lambda p: p.tone.flesch_reading_ease,
        healthy=lambda t: t.flesch_reading_ease,
        unit="",
        headline="Your posts are hard to read.",
        recommendation="Use shorter sentences and everyday words; cut the jargon and the acronyms.",
        examples=lambda p: p.tone.most_formal,
    ),
    Rule(
        code="few_follow_backs",
        area="responsiveness",
        figure=lambda p: p.responsiveness.follow_back_share,
        healthy=lambda t: t.follow_back_share,
        unit="%",
        headline="You follow back few of the people who follow you.",
        recommendation="Follow the local people and partners who follow you: it makes conversation possible.",
        examples=lambda _p: [],
    ),
)


def findings_for(profile: Profile, thresholds: Thresholds) -> list[Finding]:
    """The rules that fire on this profile, most severe first."""
    fired: list[tuple[int, int, Finding]] = []
    for order, rule in enumerate(RULES):
        value = rule.figure(profile)
        healthy = rule.healthy(thresholds)
        if value is None or healthy.contains(value) or not rule.applies(profile):
            continue
        severity = _severity(value, healthy)
        fired.append(
            (
                SEVERITIES.index(severity),
                order,
                Finding(
                    code=rule.code,
                    area=rule.area,
                    severity=severity,
                    headline=rule.headline,
                    measured=_show(value, rule.unit),
                    healthy=healthy.describe(rule.unit),
                    recommendation=rule.recommendation,
                    example_post_ids=list(dict.fromkeys(rule.examples(profile)))[:MAX_EXAMPLES],
                    low_confidence=profile.low_confidence,
                ),
            )
        )
    return [finding for _, _, finding in sorted(fired, key=lambda entry: entry[:2])]


def _severity(value: float, healthy: HealthyRange) -> str:
    """high when the value is more than half the bound away from it, medium beyond a quarter, else low."""
    bound = healthy.low if healthy.low is not None and value < healthy.low else healthy.high
    if not bound:
        return "medium"
    distance = abs(value - bound) / abs(bound)
    if distance > 0.5:
        return "high"
    if distance > 0.25:
        return "medium"
    return "low"


def _show(value: float, unit: str) -> str:
    if unit == "%":
        return f"{round(value * 100)}%"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:.1f}"
