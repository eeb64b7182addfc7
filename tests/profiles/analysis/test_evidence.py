"""Every cited post shows its finding, in the client's own clock, and no post is cited twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from profiles.analysis import AnalysisContext, WorkingHours, analyse
from profiles.analysis.evidence import POOLS
from profiles.analysis.findings import MERGES, RULES
from profiles.analysis.strengths import STRENGTHS
from tests.profiles.analysis.factories import at, make_post, reply

NEW_YORK = AnalysisContext(timezone="America/New_York", working_hours=WorkingHours.parse("Mon-Fri 09:00-17:00"))
ANNOUNCEMENT = "We are pleased to announce our road safety campaign, find out more https://example.org/{n} #RoadSafety"
NIGHT_THOUGHTS = [
    "Can't sleep again, I keep thinking about the match.",
    "Still up, honestly the best pizza I have had in years.",
    "I love these quiet hours with a cup of tea and a book.",
    "My cat has decided it is playtime, send help.",
]


def _night_owl_history() -> list:
    """Office-hours announcements, evening and late-night posts, slow replies: New York clock."""
    start = at("2024-01-01 15:00")  # Monday 10:00 in New York
    posts = [make_post(ANNOUNCEMENT.format(n=n), when=start + timedelta(days=n)) for n in range(80)]
    # 03:30 UTC is 22:30 or 23:30 the evening before in New York: night there.
    posts += [
        make_post(f"{NIGHT_THOUGHTS[n % 4]} #{n}", when=at("2024-01-02 03:30") + timedelta(days=n)) for n in range(60)
    ]
    # 23:00 UTC is night in UTC but 18:00-19:00 in New York: out of hours, not night. The
    # latest posts, so that a night read on the UTC clock would cite them first.
    posts += [
        make_post(f"Evening stroll number {n}, the park was lovely.", when=at("2024-03-10 23:00") + timedelta(days=n))
        for n in range(30)
    ]
    posts += [
        reply(
            f"Sorry for the slow answer about case {n}.",
            when=at("2024-02-01 16:00") + timedelta(days=n),
            asked=at("2024-01-29 16:00") + timedelta(days=n),
            to_handle=f"p{n}",
            to_account=str(900000100 + n),
        )
        for n in range(20)
    ]
    return posts


def test_no_post_is_cited_under_two_findings_or_strengths() -> None:
    profile = analyse(_night_owl_history(), NEW_YORK).profile.as_dict()
    cited = [example["id"] for entry in [*profile["findings"], *profile["strengths"]] for example in entry["examples"]]
    assert len(cited) >= 15
    assert len(cited) == len(set(cited))
    for entry in [*profile["findings"], *profile["strengths"]]:
        assert entry["example_post_ids"] == [example["id"] for example in entry["examples"]]


def test_always_on_and_late_nights_merge_and_cite_only_night_posts_on_the_local_clock() -> None:
    findings = {finding.code: finding for finding in analyse(_night_owl_history(), NEW_YORK).profile.findings}
    assert "late_nights" not in findings
    merged = findings["always_on"]
    assert merged.merged == ["late_nights"]
    assert "at night" in merged.measured
    assert "out of hours" in merged.measured
    assert len(merged.examples) == 5
    for example in merged.examples:
        moment = datetime.fromisoformat(example.local_time)
        assert moment.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))
        assert moment.hour >= 22 or moment.hour < 6, example.local_time


def test_out_of_hours_examples_are_outside_the_working_hours_in_local_time() -> None:
    # Only evening posts (18:00-19:00 in New York, 23:00 UTC) outside the working day.
    start = at("2024-01-01 15:00")
    posts = [make_post(f"Office update number {n} from me today.", when=start + timedelta(days=n)) for n in range(40)]
    posts += [
        make_post(f"Evening stroll number {n}, the park was lovely.", when=at("2024-01-03 23:00") + timedelta(days=n))
        for n in range(30)
    ]
    profile = analyse(posts, NEW_YORK).profile
    always_on = next(finding for finding in profile.findings if finding.code == "always_on")
    assert always_on.merged == []
    assert "late_nights" not in {finding.code for finding in profile.findings}
    assert always_on.examples
    for example in always_on.examples:
        assert not NEW_YORK.working_hours.includes(datetime.fromisoformat(example.local_time))


def test_each_finding_cites_posts_that_show_it() -> None:
    analysis = analyse(_night_owl_history(), NEW_YORK)
    findings = {finding.code: finding for finding in analysis.profile.findings}
    slow = findings["slow_replies"]
    assert slow.examples
    assert {example.kind for example in slow.examples} == {"reply"}
    assert all(example.reply_delay_s == 3 * 86400 for example in slow.examples)
    scores = {score.id: score for score in analysis.post_scores}
    corporate = findings["corporate_voice"]
    assert corporate.examples
    assert {scores[example.id].voice for example in corporate.examples} == {"corporate"}
    templated = findings["templated_messages"]
    assert templated.examples
    assert all("templated_repetition" in scores[example.id].voice_features for example in templated.examples)
    # No counts in these posts: the examples say so with null, not 0.
    assert all(example.likes is None for example in slow.examples)


def test_every_rule_names_pools_that_exist() -> None:
    named = {pool for rule in [*RULES, *STRENGTHS] for pool in rule.pools}
    named |= {pool for merge in MERGES for pool in merge.pools}
    assert named - POOLS == set()
