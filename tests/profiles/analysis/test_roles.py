"""Advice in the words of the client's own role, ranked by their goals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from profiles.analysis import AnalysisContext, analyse
from profiles.analysis.roles import VOCABULARY, goal_codes, role_kind
from tests.profiles.analysis.factories import at, make_post

ANNOUNCEMENT = "We are pleased to announce our {topic} campaign, find out more https://example.org/{n} #News"
TOPICS = ["road safety", "open day", "new service", "survey", "winter", "summer fair", "volunteer"]


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("Police inspector", "police"),
        ("neighbourhood policing sergeant", "police"),
        ("family lawyer", "law"),
        ("Barrister, criminal law", "law"),
        ("GP and NHS trainer", "health"),
        ("senior lecturer in chemistry", "research"),
        ("software developer", "tech"),
        ("data scientist", "tech"),
        ("press officer for the council", "public"),
        ("founder and CEO of a small business", "business"),
        ("", "other"),
        ("beekeeper", "other"),
    ],
)
def test_the_role_is_classified_from_what_the_client_typed(role: str, kind: str) -> None:
    assert role_kind(role) == kind


def test_goals_are_read_from_free_text() -> None:
    assert goal_codes("More speaking invitations and to recruit good people") == ["speaking", "recruiting"]
    assert goal_codes("build trust with the community") == ["trust"]
    assert goal_codes("Be more approachable online") == ["trust"]
    assert goal_codes("grow my audience") == ["audience"]
    assert goal_codes("") == []


def _broadcaster() -> list:
    """An account that only announces, at all hours: many findings with role words in them."""
    start = at("2024-01-01 10:00")
    posts = []
    for n in range(120):
        moment = start + timedelta(days=n, hours=12 * (n % 2))  # every other post at 22:00
        posts.append(make_post(ANNOUNCEMENT.format(topic=TOPICS[n % 7], n=n), when=moment))
    return posts


def _texts(profile) -> str:
    return " ".join(f"{entry.headline} {entry.recommendation}" for entry in [*profile.findings, *profile.strengths])


def test_a_developer_never_reads_a_police_officers_words() -> None:
    profile = analyse(_broadcaster(), AnalysisContext(timezone="UTC", role="software developer")).profile
    words = _texts(profile)
    assert profile.role.kind == "tech"
    assert "two_way_street" in {finding.code for finding in profile.findings}
    assert "users and fellow developers" in words or "a user or a fellow developer" in words
    assert "resident" not in words
    assert "on duty" not in words


def test_a_police_officer_reads_about_residents_and_duty() -> None:
    profile = analyse(_broadcaster(), AnalysisContext(timezone="UTC", role="police inspector")).profile
    words = _texts(profile)
    assert "a reply to a resident" in words
    assert "on duty" in words


def test_each_kind_of_role_has_its_own_words_for_its_audience() -> None:
    audiences = [vocabulary.audience for vocabulary in VOCABULARY.values()]
    assert len(set(audiences)) == len(audiences)
    for kind, vocabulary in VOCABULARY.items():
        if kind != "police":
            assert "on duty" not in vocabulary.availability


def _mostly_personal(corporate: int) -> list:
    """100 short posts (too short for templates): `corporate` announcements, the rest personal."""
    start = at("2024-01-01 10:00")
    return [
        make_post(
            f"Read our report https://example.org/{n} #News" if n < corporate else "I love my dog.",
            when=start + timedelta(days=n),
        )
        for n in range(100)
    ]


def test_a_goal_adds_the_findings_that_bear_on_it_and_says_why() -> None:
    posts = _mostly_personal(corporate=60)  # 60% corporate: within the plain range (at most 70%)
    plain = analyse(posts, AnalysisContext(timezone="UTC")).profile
    assert "corporate_voice" not in {finding.code for finding in plain.findings}

    goal = analyse(posts, AnalysisContext(timezone="UTC", goals="speaking invitations")).profile
    corporate = next(finding for finding in goal.findings if finding.code == "corporate_voice")
    assert corporate.goals == ["speaking invitations"]
    assert corporate.healthy == "at most 52%"
    assert "For speaking invitations:" in " ".join(finding.recommendation for finding in goal.findings)
    assert goal.role.goals == ["speaking"]
