"""A profile as a few lines of plain text, for the command line and the logs."""

from __future__ import annotations

from profiles.analysis.profile import Finding, Profile

HOURS = 3600


def _share(value: float | None) -> str:
    return "unknown" if value is None else f"{value * 100:.0f}%"


def _hours(seconds: float | None) -> str:
    if seconds is None:
        return "unknown"
    return f"{seconds / 60:.0f} min" if seconds < HOURS else f"{seconds / HOURS:.1f} h"


def summary_lines(profile: Profile) -> list[str]:
    posts, tone, voice = profile.posts, profile.tone, profile.voice
    responsiveness, rhythm, engagement = profile.responsiveness, profile.rhythm, profile.engagement
    ratio = engagement.personal_vs_corporate_ratio
    lines = [
        (
            f"Posts        {posts.total:,}: {posts.original:,} original, {posts.replies:,} replies "
            f"({posts.replies_to_others:,} to others, {posts.self_replies:,} to self), {posts.reposts:,} reposts, "
            f"{posts.quotes:,} quotes; {posts.non_english:,} not in English; {posts.skipped:,} records skipped"
        ),
        f"             {posts.first or '-'} to {posts.last or '-'}",
        (
            f"Tone         {_share(tone.positive_share)} positive, {_share(tone.neutral_share)} neutral, "
            f"{_share(tone.negative_share)} negative; informality {tone.informality_mean}; "
            f"Flesch reading ease {tone.flesch_reading_ease} (grade {tone.flesch_kincaid_grade})"
        ),
        (
            f"Voice        {_share(voice.personal_share)} personal, {_share(voice.mixed_share)} mixed, "
            f"{_share(voice.corporate_share)} corporate; {_share(voice.templated_share)} templated "
            f"({len(voice.template_clusters)} largest clusters listed)"
        ),
        (
            f"Replies      {_share(responsiveness.reply_share)} of posts, "
            f"to {responsiveness.people_replied_to:,} people; "
            f"median latency {_hours(responsiveness.reply_latency_median_s)}, "
            f"within 1 h {_share(responsiveness.replied_within_1h_share)}; "
            f"follow-back {_share(responsiveness.follow_back_share)}"
        ),
        f"Rhythm       {rhythm.timezone} ({rhythm.timezone_source}), working hours {rhythm.working_hours}: "
        f"{_share(rhythm.out_of_hours_share)} out of hours, {_share(rhythm.night_share)} at night, "
        f"{_share(rhythm.weekend_share)} at weekends; longest streak {rhythm.longest_streak_days} days"
        + ("; always on" if rhythm.always_on else ""),
        "Engagement   "
        + (
            "this export carries no like or repost counts"
            if not engagement.counts_available
            else "personal/corporate "
            + (
                f"{ratio.value:.2f}x (90% interval {ratio.interval_low:.2f}-{ratio.interval_high:.2f})"
                if ratio.value is not None and ratio.interval_low is not None and ratio.interval_high is not None
                else "not comparable (too few posts)"
            )
            + f"; median {engagement.median_engagement:g} likes + reposts; best posts "
            + (", ".join(f"{post.engagement:,}" for post in engagement.best_posts) or "none above the median")
            + "".join(f"; best posts are {trait.description}" for trait in engagement.what_works[:2])
        ),
    ]
    activity = profile.activity
    if activity is not None:
        lines.append(
            f"Activity     {activity.last_12_months_posts:,} posts in the last 12 months; "
            + (
                f"busiest earlier year {activity.busiest_year} ({activity.busiest_year_posts:,}); "
                if activity.busiest_year_posts is not None
                else ""
            )
            + f"{activity.trend}; {len(activity.silences)} silences over {activity.silence_days} days"
        )
    role = profile.role
    if role is not None and (role.text or role.goals_text):
        lines.append(f"Role         {role.text or '-'} ({role.kind}); goals: {', '.join(role.goals) or '-'}")
    if profile.low_confidence:
        lines.append("Confidence   LOW: " + " ".join(f.reason for f in profile.confidence if f.figure == "all"))
    lines.append("Strengths" if profile.strengths else "Strengths    none")
    lines.extend(_listed(profile.strengths, "mark"))
    lines.append("Findings" if profile.findings else "Findings     none")
    lines.extend(_listed(profile.findings, "healthy"))
    return lines


def _listed(findings: list[Finding], bound: str) -> list[str]:
    lines = []
    for number, finding in enumerate(findings, start=1):
        lines.append(
            f"  {number}. [{finding.severity}] {finding.headline} ({finding.measured}; {bound} {finding.healthy})"
        )
        lines.append(f"     {finding.recommendation}")
        for example in finding.examples:
            details = [example.kind, example.local_time]
            if example.reply_delay_s is not None:
                details.append(f"replied after {_hours(example.reply_delay_s)}")
            if example.likes is not None:
                details.append(f"{example.likes:,} likes, {example.reposts or 0:,} reposts")
            lines.append(f"     - post {example.id}: {'; '.join(details)}")
    return lines
