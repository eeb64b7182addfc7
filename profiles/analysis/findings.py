"""Coaching findings: a rule set that turns the profile's figures into prioritised advice.

Each rule is data: the figure it reads, the healthy range it compares with (from `Thresholds`),
what to say (in the words of the client's kind of role, `roles.VOCABULARY`) and which pools of
posts show it (`evidence.Evidence`). A rule fires when its figure is known and outside the
range; severity grows with the distance from the range. Findings come out highest severity
first (a finding that bears on one of the client's goals counts one level higher), then the
role's priorities, then the order of RULES (which lists the areas by how much they matter).
Rules that restate each other (`MERGES`) become one finding. Strengths
(`profiles.analysis.strengths`) use the same rules, firing inside their range instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from profiles.analysis.activity import DECLINING, DORMANT
from profiles.analysis.profile import Finding, Profile
from profiles.analysis.roles import GOAL_FINDINGS, GOAL_LABELS, GOAL_REASONS, OTHER, VOCABULARY
from profiles.analysis.thresholds import HealthyRange, Thresholds

SEVERITIES = ("high", "medium", "low")
# A goal tightens the healthy range of the findings that bear on it by this share of its bound,
# so that a goal can add a finding the plain range would not raise.
GOAL_TIGHTENING = 0.25


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    area: str
    figure: Callable[[Profile], float | None]
    healthy: Callable[[Thresholds], HealthyRange]
    unit: str
    headline: str
    recommendation: str
    # Names of `Evidence` pools whose posts show the point, best evidence first.
    pools: tuple[str, ...] = ()
    # Extra condition on the profile beyond the range (e.g. templates must exist).
    applies: Callable[[Profile, Thresholds], bool] = lambda _profile, _thresholds: True
    # What the figure is, after its value ("out of hours"); used when findings are merged.
    label: str = ""
    # The measured text, where the bare value would not say enough.
    describe: Callable[[Profile], str] | None = None


def _rhythm_judged(profile: Profile, thresholds: Thresholds) -> bool:
    """Rhythm is judged on the last 12 months, and only on enough posts in them."""
    return profile.rhythm.recent_posts >= thresholds.rhythm_min_recent_posts


def _activity_measured(profile: Profile) -> str:
    activity = profile.activity
    if activity is None:
        return ""
    return (
        f"{posts(activity.last_12_months_posts)} in the last 12 months; "
        f"{posts(activity.busiest_year_posts or 0)} in {activity.busiest_year}, the busiest year before them"
    )


def posts(count: int) -> str:
    """ "1 post", "28,541 posts"."""
    return f"{count:,} post" if count == 1 else f"{count:,} posts"


RULES: tuple[Rule, ...] = (
    Rule(
        code="declining_activity",
        area="activity",
        figure=lambda p: p.activity.recent_vs_busiest if p.activity else None,
        healthy=lambda t: HealthyRange(low=t.declining_share),
        unit="%",
        headline="You post far less than you used to.",
        recommendation=(
            "Decide what the account is for now. If {audience} still follow it, one short post a week keeps "
            "it alive; if it has served its purpose, say so in a last post and in your profile rather than "
            "leave it silent."
        ),
        applies=lambda p, _t: p.activity is not None and p.activity.trend in (DORMANT, DECLINING),
        describe=_activity_measured,
    ),
    Rule(
        code="two_way_street",
        area="responsiveness",
        figure=lambda p: p.responsiveness.reply_share,
        healthy=lambda t: t.reply_share,
        unit="%",
        headline="Make it a two-way street: you rarely reply.",
        recommendation=(
            "Set aside ten minutes a day to answer questions and thank people who mention you; "
            "{reply_example} reaches them more than another announcement."
        ),
        pools=("broadcasts",),
        label="of your posts are replies",
    ),
    Rule(
        code="talking_to_yourself",
        area="responsiveness",
        figure=lambda p: p.responsiveness.replies_to_others_share,
        healthy=lambda t: t.replies_to_others_share,
        unit="%",
        headline="Most of your replies continue your own threads rather than answer others.",
        recommendation="Answer the people who write to you, not only your own posts.",
        pools=("self_replies",),
    ),
    Rule(
        code="slow_replies",
        area="responsiveness",
        figure=lambda p: p.responsiveness.replied_within_24h_share,
        healthy=lambda t: t.reply_within_24h_share,
        unit="%",
        headline="Many replies come more than a day after the question.",
        recommendation="A quick, short answer beats a late, perfect one: aim to reply the same day.",
        pools=("slow_replies",),
    ),
    Rule(
        code="one_off_conversations",
        area="responsiveness",
        figure=lambda p: p.responsiveness.repeat_interlocutor_share,
        healthy=lambda t: t.repeat_interlocutor_share,
        unit="%",
        headline="You rarely talk to the same person twice: relationships, not one-offs.",
        recommendation="Follow up with people you have answered before; come back to conversations.",
        pools=("one_off_replies",),
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
            "happened today and why it matters to {audience}."
        ),
        pools=("templated",),
        applies=lambda p, _t: bool(p.voice.template_clusters),
    ),
    Rule(
        code="corporate_voice",
        area="voice",
        figure=lambda p: p.voice.corporate_share,
        healthy=lambda t: t.corporate_share,
        unit="%",
        headline="Your account mostly sounds like a press office.",
        recommendation="Write as yourself: say what you saw, did or think, in the first person.",
        pools=("corporate",),
        label="corporate",
    ),
    Rule(
        code="little_personal",
        area="voice",
        figure=lambda p: p.voice.personal_share,
        healthy=lambda t: t.personal_share,
        unit="%",
        headline="Followers rarely meet the person behind the account.",
        recommendation="Share a little of your day and your view of the work, within what your role allows.",
        pools=("corporate",),
        label="personal",
    ),
    Rule(
        code="always_on",
        area="rhythm",
        figure=lambda p: p.rhythm.recent_out_of_hours_share,
        healthy=lambda t: t.out_of_hours_share,
        unit="%",
        headline="Always on: protect your time off.",
        recommendation=(
            "Schedule posts for working hours and switch notifications off in your own time; {availability}."
        ),
        pools=("out_of_hours",),
        applies=_rhythm_judged,
        label="out of hours",
    ),
    Rule(
        code="late_nights",
        area="rhythm",
        figure=lambda p: p.rhythm.recent_night_share,
        healthy=lambda t: t.night_share,
        unit="%",
        headline="You often post late at night.",
        recommendation="Posts written at night are more often regretted: leave them in drafts until morning.",
        pools=("night",),
        applies=_rhythm_judged,
        label="at night",
    ),
    Rule(
        code="negative_tone",
        area="tone",
        figure=lambda p: p.tone.negative_share,
        healthy=lambda t: t.negative_share,
        unit="%",
        headline="A large share of your posts read as negative.",
        recommendation="Balance warnings and bad news with thanks, progress and good outcomes.",
        pools=("negative",),
    ),
    Rule(
        code="hard_to_read",
        area="tone",
        figure=lambda p: p.tone.flesch_reading_ease,
        healthy=lambda t: t.flesch_reading_ease,
        unit="",
        headline="Your posts are hard to read.",
        recommendation="Use shorter sentences and everyday words; cut the jargon and the acronyms.",
        pools=("hard_to_read",),
    ),
    Rule(
        code="few_follow_backs",
        area="responsiveness",
        figure=lambda p: p.responsiveness.follow_back_share,
        healthy=lambda t: t.follow_back_share,
        unit="%",
        headline="You follow back few of the people who follow you.",
        recommendation="Follow {partners} who follow you: it makes conversation possible.",
    ),
)


@dataclass(frozen=True, slots=True)
class Merge:
    """Two rules that say the same thing on the same posts: one finding, the first's code."""

    first: str
    second: str
    headline: str
    pools: tuple[str, ...]


MERGES = (
    Merge("always_on", "late_nights", "Always on, and often late at night: protect your time off.", ("night",)),
    Merge(
        "corporate_voice",
        "little_personal",
        "Your account mostly sounds like a press office: followers rarely meet the person behind it.",
        ("corporate",),
    ),
)


@dataclass(slots=True)
class Fired:
    """A rule that fired, with what it takes to rank it and to find its examples."""

    rank: tuple[int, int, int]
    finding: Finding
    pools: tuple[str, ...]


def fire(rules: tuple[Rule, ...], profile: Profile, thresholds: Thresholds, *, strength: bool = False) -> list[Fired]:
    """The rules that fire on this profile, ranked: findings outside their range, strengths inside."""
    role = profile.role
    kind = role.kind if role else OTHER
    goals = role.goals if role else []
    words = wording(profile)
    priorities = VOCABULARY[kind].priorities
    fired: list[Fired] = []
    for order, rule in enumerate(rules):
        value = rule.figure(profile)
        bearing = [goal for goal in goals if rule.code in GOAL_FINDINGS[goal]]
        healthy = rule.healthy(thresholds)
        if bearing and not strength:
            healthy = _tightened(healthy)
        if value is None or healthy.contains(value) != strength or not rule.applies(profile, thresholds):
            continue
        severity = _severity(value, healthy)
        rank = (
            SEVERITIES.index(severity) - (1 if bearing else 0),
            priorities.index(rule.code) if rule.code in priorities else len(priorities),
            order,
        )
        finding = Finding(
            code=rule.code,
            area=rule.area,
            severity=severity,
            headline=rule.headline.format(**words),
            measured=rule.describe(profile) if rule.describe else _show(value, rule.unit),
            healthy=healthy.describe(rule.unit),
            recommendation=rule.recommendation.format(**words),
            example_post_ids=[],
            low_confidence=profile.low_confidence,
            goals=[GOAL_LABELS[goal] for goal in bearing],
        )
        fired.append(Fired(rank, finding, rule.pools))
    fired.sort(key=lambda entry: entry.rank)
    return fired


def findings_for(profile: Profile, thresholds: Thresholds) -> list[Fired]:
    """The findings of this profile, merged and ranked, with the pools their examples come from."""
    fired = _merged(fire(RULES, profile, thresholds))
    explained: set[str] = set()
    for entry in fired:
        for goal in entry.finding.goals:
            if goal not in explained:
                explained.add(goal)
                code = next(code for code, label in GOAL_LABELS.items() if label == goal)
                entry.finding.recommendation += f" For {goal}: {GOAL_REASONS[code]}"
    return fired


def _merged(fired: list[Fired]) -> list[Fired]:
    by_code = {entry.finding.code: entry for entry in fired}
    labels = {rule.code: rule.label for rule in RULES}
    for merge in MERGES:
        first, second = by_code.get(merge.first), by_code.get(merge.second)
        if first is None or second is None:
            continue
        keep, drop = (first, second) if first.rank <= second.rank else (second, first)
        one, two = first.finding, second.finding
        keep.finding = replace(
            keep.finding,
            code=merge.first,
            area=one.area,
            headline=merge.headline,
            measured=f"{one.measured} {labels[one.code]}, {two.measured} {labels[two.code]}",
            healthy=f"{one.healthy} {labels[one.code]}, {two.healthy} {labels[two.code]}",
            recommendation=f"{one.recommendation} {two.recommendation}",
            merged=[merge.second],
            goals=list(dict.fromkeys([*one.goals, *two.goals])),
        )
        keep.pools = tuple(dict.fromkeys([*merge.pools, *first.pools, *second.pools]))
        fired.remove(drop)
        by_code[merge.first] = keep
    return fired


def wording(profile: Profile) -> dict[str, str]:
    """The words the rules' texts are filled with: the role's vocabulary and a few figures."""
    vocabulary = VOCABULARY[profile.role.kind if profile.role else OTHER]
    what_works = profile.engagement.what_works
    return {
        "audience": vocabulary.audience,
        "reply_example": vocabulary.reply_example,
        "availability": vocabulary.availability,
        "partners": vocabulary.partners,
        "people": f"{profile.responsiveness.people_replied_to:,}",
        "reply_median": duration(profile.responsiveness.reply_latency_median_s),
        "trait": what_works[0].description if what_works else "",
    }


def duration(seconds: float | None) -> str:
    """ "4 min", "2.5 h", "3 days": a reply time as a client reads it."""
    if seconds is None:
        return "unknown"
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _tightened(healthy: HealthyRange) -> HealthyRange:
    return HealthyRange(
        low=None if healthy.low is None else healthy.low * (1 + GOAL_TIGHTENING),
        high=None if healthy.high is None else healthy.high * (1 - GOAL_TIGHTENING),
    )


def _severity(value: float, healthy: HealthyRange) -> str:
    """Outside the range: high when the value is more than half the bound away from it, medium
    beyond a quarter, else low. Inside (strengths): the same distance past the bound."""
    if healthy.low is not None and healthy.high is not None:
        bound = healthy.low if value < healthy.low else healthy.high
    else:
        bound = healthy.low if healthy.low is not None else healthy.high
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
    if unit == "h":
        return duration(value)
    return f"{value:.1f}"
