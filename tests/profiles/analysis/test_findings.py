"""Findings fire on measured values outside their healthy range, most severe first, citing posts."""

from __future__ import annotations

from datetime import timedelta

from profiles.analysis import AnalysisContext, analyse
from tests.profiles.analysis.factories import at, make_post, reply
from tests.profiles.analysis.findings_fixtures import conversational_history

ANNOUNCEMENT = "We are pleased to announce our road safety campaign, find out more https://example.org/{n} #RoadSafety"


def test_a_broadcast_only_account_is_told_to_make_it_a_two_way_street() -> None:
    start = at("2024-01-01 10:00")
    posts = [make_post(ANNOUNCEMENT.format(n=n), when=start + timedelta(days=n)) for n in range(60)]
    posts += [reply("Thanks for letting us know", when=start + timedelta(days=n, hours=2)) for n in range(3)]
    findings = analyse(posts, AnalysisContext(timezone="UTC")).profile.findings
    codes = [finding.code for finding in findings]
    assert "two_way_street" in codes
    assert "templated_messages" in codes
    assert "corporate_voice" in codes
    two_way = next(f for f in findings if f.code == "two_way_street")
    assert two_way.measured == "5%"
    assert two_way.healthy == "at least 20%"
    assert two_way.severity == "high"
    assert 1 <= len(two_way.example_post_ids) <= 5
    severities = [finding.severity for finding in findings]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)


def test_a_conversational_personal_account_in_office_hours_gets_no_such_findings() -> None:
    posts = conversational_history()
    codes = {finding.code for finding in analyse(posts, AnalysisContext(timezone="UTC")).profile.findings}
    assert codes.isdisjoint({"two_way_street", "templated_messages", "corporate_voice", "always_on", "late_nights"})
